/**
 * A review's page (`/reviews/<id>`): the review prepared from the workspace's data, the
 * facilitator's panel while it is planned or running (its summary once closed), the actions
 * and votes it produced, and the data of each agenda topic. The header exports it as Markdown,
 * prints it (the app's print CSS keeps the report and drops the controls), opens the presenter
 * view, edits the prompts as a template, and closes, reopens or trashes it. In the desktop
 * app it also saves the review as a PDF in one step ("Save as PDF…", `Platform.savePdf`,
 * named after the title and period) next to "Print…"; a browser has one "Print / save as PDF"
 * button, since there the print dialog's PDF printer is the way to a PDF.
 */
import { Alert, Anchor, Button, Group, Loader, Menu, Stack, Text, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import {
  Ellipsis,
  FileDown,
  FileText,
  ListChecks,
  Lock,
  Pencil,
  Printer,
  Presentation,
  Trash2,
  TriangleAlert,
  Unlock,
} from 'lucide-react';
import { useMemo, useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { describeError } from '@shared/errors';
import { formatInstant, reviewPhaseDetails } from '@shared/review';
import type { Entity } from '@shared/model/entities';
import { Screen } from '../components/screen';
import { useMoveToTrash } from '../components/use-move-to-trash';
import { WorkspaceGate } from '../components/workspace-gate';
import { selectLive } from '../data/document-store';
import { useWriteFailure } from '../domains/charter/section';
import { useLocalUser } from '../domains/use-local-user';
import { usePlatform } from '../platform';
import { pdfFileName } from '../platform/pdf-file-name';
import { useDocument, useSession } from '../workspaces/session-store';
import { FacilitationPanel } from './facilitation';
import { useWrittenHere } from './note-visibility';
import { actingPerson } from './person';
import { closeReview } from './review-actions';
import { ReviewAgenda, ReviewSection } from './review-agenda';
import { ReviewContext, withRepository, type ReviewContextValue } from './review-context';
import { deviceTimeZone } from './review-data';
import { reviewMarkdown, saveMarkdown } from './review-export';
import { cadenceLabels, periodText, reviewStatusLabels, scopeText } from './review-labels';
import { TemplateDialog } from './template-dialog';
import { usePreparedReview, useReviewTemplate } from './use-prepared-review';
import { useReviewWithNotes } from './use-review-notes';
import { ErrorAlert } from '../components/form-parts';

type Review = Entity<'reviews'>;

/** What the page says when the review does not exist or is in the trash. */
export function MissingReview() {
  return (
    <Alert color="yellow" icon={<TriangleAlert size={18} aria-hidden />} title="This review cannot be shown">
      It does not exist in this workspace, or it is in the trash (the trash can bring it back).{' '}
      <Anchor component={Link} to="/reviews" underline="always">
        All reviews
      </Anchor>
    </Alert>
  );
}

/** A closed review's summary: what it concluded, editable, and the way to reopen it. */
function ClosedPanel({ review, readOnly }: { review: Review; readOnly: boolean }) {
  const repository = useSession((state) => state.session?.repository);
  const { failure, attempt } = useWriteFailure();
  const [editing, setEditing] = useState(false);
  const [summary, setSummary] = useState(review.summary);
  const save = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (summary.length > 20_000) return;
    if (attempt(() => withRepository(repository, (repo) => repo.update('reviews', review.id, { summary }))))
      setEditing(false);
  };
  return (
    <ReviewSection
      id="summary"
      title="Summary"
      description={
        review.closedAt === null
          ? 'This review is closed.'
          : `Closed on ${formatInstant(review.closedAt, deviceTimeZone())}.`
      }
      actions={
        <Group gap="xs" className="review-no-print">
          {editing ? null : (
            <Button
              variant="default"
              size="sm"
              leftSection={<Pencil size={14} aria-hidden />}
              disabled={readOnly}
              onClick={() => {
                setSummary(review.summary);
                setEditing(true);
              }}
            >
              Edit summary
            </Button>
          )}
          <Button
            variant="default"
            size="sm"
            leftSection={<Unlock size={14} aria-hidden />}
            disabled={readOnly}
            onClick={() =>
              attempt(() => withRepository(repository, (repo) => closeReview(repo, review, false, Date.now())))
            }
          >
            Reopen the review
          </Button>
        </Group>
      }
    >
      {editing ? (
        <form onSubmit={save} noValidate aria-label="Edit summary" className="review-no-print">
          <Stack gap="xs">
            <Textarea
              label="Summary"
              description="What the review concluded, in a few sentences."
              autosize
              minRows={3}
              maxRows={12}
              value={summary}
              error={summary.length > 20_000 ? 'Use at most 20,000 characters.' : null}
              onChange={(event) => setSummary(event.currentTarget.value)}
            />
            <Group justify="flex-end" gap="sm">
              <Button variant="default" onClick={() => setEditing(false)}>
                Cancel
              </Button>
              <Button type="submit">Save</Button>
            </Group>
          </Stack>
        </form>
      ) : (
        <Text
          c={review.summary.trim() === '' ? 'dimmed' : undefined}
          fs={review.summary.trim() === '' ? 'italic' : undefined}
          style={{ whiteSpace: 'pre-wrap' }}
        >
          {review.summary.trim() === '' ? 'No summary written.' : review.summary}
        </Text>
      )}
      <ErrorAlert error={failure} />
    </ReviewSection>
  );
}

/** The header's buttons. */
function HeaderActions({
  review,
  context,
  onEditPrompts,
}: {
  review: Review;
  context: ReviewContextValue | null;
  onEditPrompts: () => void;
}) {
  const platform = usePlatform();
  const repository = useSession((state) => state.session?.repository);
  const actions = useDocument((state) => selectLive(state, 'actions'));
  const members = useDocument((state) => state.entities.members);
  const writtenHere = useWrittenHere((state) => state.notes);
  const readOnly = useDocument((state) => state.readOnly) !== null;
  const trash = useMoveToTrash();
  const navigate = useNavigate();
  const [exporting, setExporting] = useState(false);
  const [savingPdf, setSavingPdf] = useState(false);
  const { savePdf } = platform;

  const exportMarkdown = async () => {
    if (context === null) return;
    setExporting(true);
    try {
      const markdown = reviewMarkdown(
        context.prepared,
        review,
        actions,
        { person: context.person, writtenHere },
        (id) => members.get(id)?.name,
      );
      const result = await saveMarkdown(platform, review.title, markdown);
      if (result.status === 'saved') {
        notifications.show({ title: 'Review exported', message: `${review.title} was saved as ${result.fileName}.` });
      }
    } catch (error) {
      notifications.show({ color: 'red', title: 'The review could not be exported', message: describeError(error) });
    } finally {
      setExporting(false);
    }
  };
  const saveAsPdf = async () => {
    if (savePdf === null) return;
    setSavingPdf(true);
    try {
      const result = await savePdf({
        title: 'Save the review as PDF',
        suggestedName: pdfFileName(`${review.title} (${periodText(review)})`),
      });
      if (result.status === 'saved') {
        notifications.show({ title: 'Review saved', message: `${review.title} was saved as ${result.fileName}.` });
      }
    } catch (error) {
      notifications.show({
        color: 'red',
        title: 'The review could not be saved as PDF',
        message: describeError(error),
      });
    } finally {
      setSavingPdf(false);
    }
  };
  const setClosed = (closed: boolean) => {
    try {
      withRepository(repository, (repo) => closeReview(repo, review, closed, Date.now()));
    } catch (error) {
      notifications.show({ color: 'red', title: 'The review could not be changed', message: describeError(error) });
    }
  };

  return (
    <Group gap="xs" className="review-no-print">
      <Button
        component={Link}
        to={`/reviews/${review.id}/present`}
        variant="default"
        leftSection={<Presentation size={16} aria-hidden />}
      >
        Present
      </Button>
      <Button
        variant="default"
        leftSection={<FileDown size={16} aria-hidden />}
        loading={exporting}
        disabled={context === null}
        onClick={() => void exportMarkdown()}
      >
        Export Markdown
      </Button>
      {savePdf === null ? (
        <Button variant="default" leftSection={<Printer size={16} aria-hidden />} onClick={() => window.print()}>
          Print / save as PDF
        </Button>
      ) : (
        <>
          <Button
            variant="default"
            leftSection={<FileText size={16} aria-hidden />}
            loading={savingPdf}
            onClick={() => void saveAsPdf()}
          >
            Save as PDF…
          </Button>
          <Button variant="default" leftSection={<Printer size={16} aria-hidden />} onClick={() => window.print()}>
            Print…
          </Button>
        </>
      )}
      <Menu position="bottom-end" withinPortal>
        <Menu.Target>
          <Button
            variant="default"
            leftSection={<Ellipsis size={16} aria-hidden />}
            aria-label="More actions for this review"
          >
            More
          </Button>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Item leftSection={<ListChecks size={14} aria-hidden />} onClick={onEditPrompts} disabled={readOnly}>
            Edit prompts…
          </Menu.Item>
          {review.status === 'closed' ? (
            <Menu.Item
              leftSection={<Unlock size={14} aria-hidden />}
              onClick={() => setClosed(false)}
              disabled={readOnly}
            >
              Reopen the review
            </Menu.Item>
          ) : (
            <Menu.Item leftSection={<Lock size={14} aria-hidden />} onClick={() => setClosed(true)} disabled={readOnly}>
              Close the review
            </Menu.Item>
          )}
          <Menu.Item
            color="red"
            leftSection={<Trash2 size={14} aria-hidden />}
            disabled={readOnly}
            onClick={() => {
              if (trash('reviews', review.id, review.title)) void navigate('/reviews');
            }}
          >
            Move to trash
          </Menu.Item>
        </Menu.Dropdown>
      </Menu>
    </Group>
  );
}

/** A review's page, with its heading and header actions; `review` as stored. */
export function ReviewPage({ review: stored }: { review: Review }) {
  const review = useReviewWithNotes(stored);
  const { prepared, error, templateProblem } = usePreparedReview(review);
  const { template } = useReviewTemplate(review);
  const { userId, name } = useLocalUser();
  const readOnly = useDocument((state) => state.readOnly) !== null;
  const domains = useDocument((state) => state.entities.domains);
  const [typedName, setTypedName] = useState('');
  const [editingPrompts, setEditingPrompts] = useState(false);
  const [timeZone] = useState(deviceTimeZone);
  const person = useMemo(() => actingPerson(userId, name, typedName), [userId, name, typedName]);
  const context = useMemo(
    (): ReviewContextValue | null => (prepared === null ? null : { review, prepared, person, readOnly, timeZone }),
    [review, prepared, person, readOnly, timeZone],
  );
  const description = [
    `${cadenceLabels[review.cadence]} review`,
    periodText(review),
    scopeText(review, (id) => domains.get(id)?.name),
    review.status === 'running'
      ? `Running: ${reviewPhaseDetails[review.phase].title}`
      : reviewStatusLabels[review.status],
  ].join(' · ');

  return (
    <Screen
      title={review.title}
      description={description}
      actions={<HeaderActions review={review} context={context} onEditPrompts={() => setEditingPrompts(true)} />}
    >
      <WorkspaceGate>
        {context === null ? (
          error !== null ? (
            <Alert color="red" icon={<TriangleAlert size={18} aria-hidden />} title="This review could not be prepared">
              {error}
            </Alert>
          ) : (
            <Group gap="sm" role="status">
              <Loader size="sm" aria-hidden />
              <Text>Preparing the review…</Text>
            </Group>
          )
        ) : (
          <ReviewContext.Provider value={context}>
            <Stack gap="lg" className="review-print-root">
              {templateProblem !== null ? (
                <Alert color="yellow" icon={<TriangleAlert size={18} aria-hidden />} title="Template not used">
                  {templateProblem}
                </Alert>
              ) : null}
              {review.status === 'closed' ? (
                <ClosedPanel review={review} readOnly={readOnly} />
              ) : (
                <FacilitationPanel typedName={typedName} onTypedName={setTypedName} />
              )}
              <ReviewAgenda review={review} />
            </Stack>
          </ReviewContext.Provider>
        )}
        <TemplateDialog
          opened={editingPrompts}
          review={review}
          template={template}
          onClose={() => setEditingPrompts(false)}
        />
      </WorkspaceGate>
    </Screen>
  );
}
