/**
 * The reviews screen's content (`/reviews`): reviews running now, planned ones, the history of
 * closed ones (by cadence, newest period first), the open actions of every review with their
 * done boxes, and the team's review templates.
 */
import { ActionIcon, Anchor, Card, Group, SegmentedControl, Stack, Table, Text, Title } from '@mantine/core';
import { CalendarCheck, Trash2 } from 'lucide-react';
import { useMemo, useState, type ReactNode } from 'react';
import { Link } from 'react-router';
import { localDateOf } from '@shared/metrics/calendar';
import { reviewPhaseDetails, type ReviewCadence } from '@shared/review';
import type { Entity } from '@shared/model/entities';
import { EmptyState } from '../components/empty-state';
import { useMoveToTrash } from '../components/use-move-to-trash';
import { selectLive } from '../data/document-store';
import { useDocument } from '../workspaces/session-store';
import { ActionList, byDueDate } from './action-list';
import { deviceTimeZone, withAnonymousNotes } from './review-data';
import { cadenceLabels, periodText, reviewStatusLabels, scopeText } from './review-labels';

type Review = Entity<'reviews'>;

/** Newest period first, then the latest created. */
function newestFirst(a: Review, b: Review): number {
  if (a.periodStart !== b.periodStart) return a.periodStart < b.periodStart ? 1 : -1;
  return b.createdAt - a.createdAt || (a.id < b.id ? -1 : 1);
}

function Section({
  id,
  title,
  description,
  children,
}: {
  id: string;
  title: string;
  description?: string;
  children: ReactNode;
}) {
  const headingId = `reviews-${id}-heading`;
  return (
    <Card withBorder radius="md" padding="lg" component="section" aria-labelledby={headingId}>
      <Stack gap="sm">
        <Stack gap={2}>
          <Title order={2} size="h3" id={headingId}>
            {title}
          </Title>
          {description ? (
            <Text size="sm" c="dimmed">
              {description}
            </Text>
          ) : null}
        </Stack>
        {children}
      </Stack>
    </Card>
  );
}

function ReviewTable({ reviews, caption }: { reviews: readonly Review[]; caption: string }) {
  const domains = useDocument((state) => state.entities.domains);
  const actions = useDocument((state) => selectLive(state, 'actions'));
  const anonymousNotes = useDocument((state) => state.entities.anonymousReviewNotes);
  const domainName = (id: string) => domains.get(id)?.name;
  return (
    <Table.ScrollContainer minWidth={640}>
      <Table verticalSpacing="sm">
        <caption className="visually-hidden">{caption}</caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Review</Table.Th>
            <Table.Th>Cadence</Table.Th>
            <Table.Th>Period</Table.Th>
            <Table.Th>Scope</Table.Th>
            <Table.Th>Where it is</Table.Th>
            <Table.Th>Notes and actions</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {reviews.map((review) => {
            const own = actions.filter((action) => action.reviewId === review.id);
            const notes = Object.keys(withAnonymousNotes(review, anonymousNotes.values()).notes).length;
            return (
              <Table.Tr key={review.id}>
                <Table.Td>
                  <Anchor component={Link} to={`/reviews/${review.id}`} fw={600}>
                    {review.title}
                  </Anchor>
                </Table.Td>
                <Table.Td>{cadenceLabels[review.cadence]}</Table.Td>
                <Table.Td>{periodText(review)}</Table.Td>
                <Table.Td>{scopeText(review, domainName)}</Table.Td>
                <Table.Td>
                  {review.status === 'running'
                    ? `Running: ${reviewPhaseDetails[review.phase].title}`
                    : reviewStatusLabels[review.status]}
                </Table.Td>
                <Table.Td>
                  {notes === 1 ? '1 note' : `${notes} notes`}, {own.length === 1 ? '1 action' : `${own.length} actions`}
                  {own.length > 0 ? ` (${own.filter((action) => action.done).length} done)` : ''}
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** "no topic hidden", "1 topic hidden", "2 topics hidden". */
function hiddenText(template: Entity<'reviewTemplates'>): string {
  const hidden = Object.values(template.topics).filter((topic) => topic.hidden).length;
  return hidden === 0 ? 'no topic hidden' : hidden === 1 ? '1 topic hidden' : `${hidden} topics hidden`;
}

function Templates() {
  const templates = useDocument((state) => selectLive(state, 'reviewTemplates'));
  const readOnly = useDocument((state) => state.readOnly) !== null;
  const trash = useMoveToTrash();
  if (templates.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        None yet. On a review's page, "Edit prompts" saves the prompts you changed as a template for its cadence; new
        reviews of that cadence can then use it.
      </Text>
    );
  }
  return (
    <Stack component="ul" gap={4} m={0} p={0} style={{ listStyle: 'none' }} aria-label="Review templates">
      {[...templates]
        .sort((a, b) => a.cadence.localeCompare(b.cadence) || a.name.localeCompare(b.name))
        .map((template) => (
          <li key={template.id}>
            <Group gap="sm" justify="space-between" wrap="nowrap">
              <Text>
                {template.name}{' '}
                <Text span size="sm" c="dimmed">
                  ({cadenceLabels[template.cadence].toLowerCase()}, {hiddenText(template)})
                </Text>
              </Text>
              <ActionIcon
                variant="subtle"
                color="gray"
                aria-label={`Move the template ${template.name} to the trash`}
                disabled={readOnly}
                onClick={() => trash('reviewTemplates', template.id, template.name)}
              >
                <Trash2 size={16} aria-hidden />
              </ActionIcon>
            </Group>
          </li>
        ))}
    </Stack>
  );
}

/** The reviews screen's content; `newReview` is the button that opens the "New review" dialog. */
export function ReviewsOverview({ newReview }: { newReview: ReactNode }) {
  const reviews = useDocument((state) => selectLive(state, 'reviews'));
  const actions = useDocument((state) => selectLive(state, 'actions'));
  const [cadence, setCadence] = useState<ReviewCadence | 'all'>('all');
  const [today] = useState(() => localDateOf(Date.now(), deviceTimeZone()));
  const running = useMemo(() => reviews.filter((review) => review.status === 'running').sort(newestFirst), [reviews]);
  const planned = useMemo(() => reviews.filter((review) => review.status === 'planned').sort(newestFirst), [reviews]);
  const closed = useMemo(
    () =>
      reviews
        .filter((review) => review.status === 'closed' && (cadence === 'all' || review.cadence === cadence))
        .sort(newestFirst),
    [reviews, cadence],
  );
  const reviewIds = useMemo(() => new Set(reviews.map((review) => review.id)), [reviews]);
  const open = useMemo(
    () =>
      actions
        .filter((action) => !action.done && action.reviewId !== null && reviewIds.has(action.reviewId))
        .sort(byDueDate),
    [actions, reviewIds],
  );
  const closedCount = reviews.filter((review) => review.status === 'closed').length;

  if (reviews.length === 0) {
    return (
      <EmptyState
        icon={CalendarCheck}
        title="No reviews held yet"
        action={
          <Stack gap="xs" align="center">
            {newReview}
            <Anchor component={Link} to="/help#reviews">
              How reviews work in the framework
            </Anchor>
          </Stack>
        }
      >
        After a week of recorded decisions, hold your first weekly review: decision patterns, value created, resources
        used and quick wins, prepared from your own figures and run phase by phase, even offline.
      </EmptyState>
    );
  }
  return (
    <Stack gap="lg">
      {running.length > 0 ? (
        <Section
          id="running"
          title="Running now"
          description="Every laptop in the room follows the facilitator's phase."
        >
          <ReviewTable reviews={running} caption="Reviews running now" />
        </Section>
      ) : null}
      <Section id="planned" title="Upcoming" description="Prepared from the data and ready to run.">
        {planned.length === 0 ? (
          <Text size="sm" c="dimmed">
            No review planned.
          </Text>
        ) : (
          <ReviewTable reviews={planned} caption="Upcoming reviews" />
        )}
      </Section>
      <Section
        id="actions"
        title="Open actions"
        description="Actions agreed in reviews and not done yet. They carry into every later review until they are done."
      >
        {open.length === 0 ? (
          <Text size="sm" c="dimmed">
            No open actions.
          </Text>
        ) : (
          <ActionList actions={open} today={today} showReview label="Open actions" />
        )}
      </Section>
      <Section
        id="history"
        title="History"
        description="Closed reviews, newest period first: open one to read what was said and agreed."
      >
        <SegmentedControl
          aria-label="Show the history of"
          value={cadence}
          onChange={setCadence}
          data={[
            { value: 'all', label: 'All' },
            { value: 'weekly', label: 'Weekly' },
            { value: 'monthly', label: 'Monthly' },
            { value: 'quarterly', label: 'Quarterly' },
          ]}
          style={{ alignSelf: 'flex-start' }}
        />
        {closed.length === 0 ? (
          <Text size="sm" c="dimmed">
            {closedCount === 0 ? 'No review closed yet.' : 'No closed review of this cadence.'}
          </Text>
        ) : (
          <ReviewTable reviews={closed} caption="Closed reviews" />
        )}
      </Section>
      <Section id="templates" title="Review templates" description="Your team's prompts per cadence.">
        <Templates />
      </Section>
    </Stack>
  );
}
