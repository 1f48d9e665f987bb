/**
 * The notes of one topic of a review: to read (in groups, then the ungrouped ones), to write
 * (reflect phase: a note, anonymous if the person prefers) and to group (group phase: new
 * groups, each note moved with its "Group" field). While the facilitator hides other people's
 * notes, theirs show as placeholders (note-visibility.ts).
 */
import {
  ActionIcon,
  Button,
  Checkbox,
  Group,
  Paper,
  Select,
  Stack,
  Text,
  TextInput,
  Textarea,
  Title,
} from '@mantine/core';
import { FolderPlus, Plus, Trash2 } from 'lucide-react';
import { useId, useMemo, useState, type FormEvent } from 'react';
import { groupsOf, type ReviewTopicId } from '@shared/review';
import type { ReviewNoteItem } from '@shared/model/entities';
import { useWriteFailure } from '../domains/charter/section';
import { useSession } from '../workspaces/session-store';
import { describeTyping, typingKey, useTyping } from '../sync/use-typing';
import { LearningMenu } from './learning-menu';
import { noteText, noteVisible, useWrittenHere } from './note-visibility';
import { addGroup, addNote, moveNote, removeGroup, removeNote } from './review-actions';
import { topicTitleOf, useReview, withRepository } from './review-context';
import { noteGroupsOf, notesOf } from './review-data';

/** How the notes are shown: to read, to write (reflect) or to group. */
export type NotesMode = 'read' | 'reflect' | 'group';

/** "— Ana", "(anonymous)", or nothing while the note is hidden. */
function authorOf(note: ReviewNoteItem, visible: boolean): string {
  if (!visible) return '';
  return note.anonymous ? '(anonymous)' : `— ${note.authorName === '' ? 'someone' : note.authorName}`;
}

function NoteForm({ topicId }: { topicId: ReviewTopicId }) {
  const { review, prepared, person, readOnly } = useReview();
  const repository = useSession((state) => state.session?.repository);
  const remember = useWrittenHere((state) => state.remember);
  const { failure, attempt } = useWriteFailure();
  const [text, setText] = useState('');
  const [anonymous, setAnonymous] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const title = topicTitleOf(prepared, topicId);
  // The others see who writes here, unless the note is to be anonymous.
  const { others, typing } = useTyping(typingKey('review', review.id, topicId));
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const trimmed = text.trim();
    if (trimmed === '') return setError('Write the note first.');
    if (trimmed.length > 2_000) return setError('Use at most 2,000 characters.');
    setError(null);
    const saved = attempt(() => {
      if (person === null) throw new Error('No workspace is open.');
      const id = withRepository(repository, (repo) =>
        addNote(repo, review, { topicId, text: trimmed, author: anonymous ? null : person, now: Date.now() }),
      );
      remember(id, person.key);
    });
    if (saved) {
      setText('');
      typing(false);
    }
  };
  return (
    <form onSubmit={submit} noValidate aria-label={`Add a note on ${title}`} className="review-no-print">
      <Stack gap="xs">
        <Textarea
          label={`Your note on ${title}`}
          description={person === null || anonymous ? undefined : `Written as ${person.name}.`}
          autosize
          minRows={2}
          maxRows={6}
          value={text}
          error={error}
          disabled={readOnly}
          onChange={(event) => {
            const value = event.currentTarget.value;
            setText(value);
            typing(!anonymous && value.trim() !== '');
          }}
        />
        {others.length > 0 ? (
          <Text size="xs" c="dimmed" role="status">
            {describeTyping(others)}
          </Text>
        ) : null}
        <Group justify="space-between">
          <Checkbox
            label="Anonymous: no name is kept with the note"
            description="Tick it before you write: the others see who is typing, but not while this is ticked."
            checked={anonymous}
            disabled={readOnly}
            onChange={(event) => {
              setAnonymous(event.currentTarget.checked);
              typing(!event.currentTarget.checked && text.trim() !== '');
            }}
          />
          <Button type="submit" size="sm" leftSection={<Plus size={14} aria-hidden />} disabled={readOnly}>
            Add note
          </Button>
        </Group>
        {failure ? (
          <Text size="sm" c="red" role="alert">
            {failure}
          </Text>
        ) : null}
      </Stack>
    </form>
  );
}

function GroupForm({ topicId }: { topicId: ReviewTopicId }) {
  const { review, prepared, readOnly } = useReview();
  const repository = useSession((state) => state.session?.repository);
  const { failure, attempt } = useWriteFailure();
  const [title, setTitle] = useState('');
  const [error, setError] = useState<string | null>(null);
  const topicTitle = topicTitleOf(prepared, topicId);
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const trimmed = title.trim();
    if (trimmed === '') return setError('Give the group a short title.');
    if (trimmed.length > 200) return setError('Use at most 200 characters.');
    setError(null);
    if (attempt(() => withRepository(repository, (repo) => addGroup(repo, review, topicId, trimmed, Date.now())))) {
      setTitle('');
    }
  };
  return (
    <form onSubmit={submit} noValidate aria-label={`New group on ${topicTitle}`} className="review-no-print">
      <Group align="flex-end" gap="xs">
        <TextInput
          label={`New group on ${topicTitle}`}
          value={title}
          error={error ?? failure}
          disabled={readOnly}
          onChange={(event) => setTitle(event.currentTarget.value)}
          style={{ flex: 1 }}
        />
        <Button
          type="submit"
          size="sm"
          variant="default"
          leftSection={<FolderPlus size={14} aria-hidden />}
          disabled={readOnly}
        >
          Add group
        </Button>
      </Group>
    </form>
  );
}

function NoteRow({
  note,
  mode,
  groupChoices,
  topicTitle,
}: {
  note: ReviewNoteItem;
  mode: NotesMode;
  groupChoices: { value: string; label: string }[];
  topicTitle: string;
}) {
  const { review, person, readOnly } = useReview();
  const repository = useSession((state) => state.session?.repository);
  const writtenHere = useWrittenHere((state) => state.notes);
  const { failure, attempt } = useWriteFailure();
  const visible = noteVisible(note, review.notesHidden, person, writtenHere);
  const text = noteText(note, review.notesHidden, person, writtenHere);
  const short = text.length > 60 ? `${text.slice(0, 59)}…` : text;
  return (
    <Paper component="li" withBorder radius="sm" p="xs">
      <Stack gap={4}>
        <Group justify="space-between" align="flex-start" wrap="nowrap" gap="xs">
          <Text
            size="sm"
            fs={visible ? undefined : 'italic'}
            c={visible ? undefined : 'dimmed'}
            style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}
          >
            {text}
            {visible ? (
              <>
                {' '}
                <Text span size="xs" c="dimmed">
                  {authorOf(note, visible)}
                </Text>
              </>
            ) : null}
          </Text>
          {visible && mode !== 'group' ? (
            <Group gap={4} wrap="nowrap">
              <LearningMenu text={note.text} topicTitle={topicTitle} subject={`the note "${short}"`} />
              {mode === 'reflect' ? (
                <ActionIcon
                  variant="subtle"
                  color="gray"
                  aria-label={`Remove the note "${short}"`}
                  disabled={readOnly}
                  className="review-no-print"
                  onClick={() => attempt(() => withRepository(repository, (repo) => removeNote(repo, review, note.id)))}
                >
                  <Trash2 size={14} aria-hidden />
                </ActionIcon>
              ) : null}
            </Group>
          ) : null}
        </Group>
        {mode === 'group' ? (
          <Select
            size="xs"
            label={`Group of the note "${short}"`}
            allowDeselect={false}
            data={[{ value: '', label: 'No group' }, ...groupChoices]}
            value={
              note.groupId !== null && groupChoices.some((choice) => choice.value === note.groupId) ? note.groupId : ''
            }
            disabled={readOnly}
            className="review-no-print"
            onChange={(value) =>
              attempt(() =>
                withRepository(repository, (repo) =>
                  moveNote(repo, review, note.id, value === null || value === '' ? null : value),
                ),
              )
            }
          />
        ) : null}
        {failure ? (
          <Text size="xs" c="red" role="alert">
            {failure}
          </Text>
        ) : null}
      </Stack>
    </Paper>
  );
}

/** The notes of a topic in `mode`; `headingOrder` is the level of the "Notes" heading. */
export function TopicNotes({
  topicId,
  mode,
  headingOrder = 4,
}: {
  topicId: ReviewTopicId;
  mode: NotesMode;
  headingOrder?: 3 | 4 | 5;
}) {
  const { review, prepared, readOnly, person } = useReview();
  const repository = useSession((state) => state.session?.repository);
  const { attempt } = useWriteFailure();
  const headingId = useId();
  const topicTitle = topicTitleOf(prepared, topicId);
  const grouping = useMemo(() => groupsOf(notesOf(review), noteGroupsOf(review)), [review]);
  const groups = grouping.groups.filter(({ group }) => group.topicId === topicId);
  const ungrouped = grouping.ungrouped.filter((note) => note.topicId === topicId);
  const groupChoices = groups.map(({ group }) => ({ value: group.id, label: group.title }));
  const stored = (id: string) => review.notes[id];
  const count = groups.reduce((sum, view) => sum + view.notes.length, 0) + ungrouped.length;
  const list = (ids: readonly string[], label: string) => (
    <Stack component="ul" gap={6} m={0} p={0} style={{ listStyle: 'none' }} aria-label={label}>
      {ids.map((id) => {
        const note = stored(id);
        return note === undefined ? null : (
          <NoteRow key={id} note={note} mode={mode} groupChoices={groupChoices} topicTitle={topicTitle} />
        );
      })}
    </Stack>
  );
  return (
    <Stack gap="xs" role="group" aria-labelledby={headingId}>
      <Title order={headingOrder} size="h5" id={headingId}>
        Notes on {topicTitle} ({count === 1 ? '1 note' : `${count} notes`})
      </Title>
      {groups.map(({ group, notes }) => (
        <Stack key={group.id} gap={4} pl="sm" style={{ borderLeft: '3px solid var(--mantine-color-default-border)' }}>
          <Group gap="xs" justify="space-between" wrap="nowrap">
            <Text fw={600} size="sm">
              Group: {group.title} ({notes.length === 1 ? '1 note' : `${notes.length} notes`})
            </Text>
            <Group gap={4} wrap="nowrap">
              {mode !== 'group' && notes.length > 0 && !review.notesHidden ? (
                <LearningMenu
                  text={`${group.title}: ${notes.map((note) => note.text).join('; ')}`}
                  topicTitle={topicTitle}
                  subject={`the group "${group.title}"`}
                />
              ) : null}
              {mode === 'group' ? (
                <ActionIcon
                  variant="subtle"
                  color="gray"
                  aria-label={`Remove the group "${group.title}" (its notes stay, ungrouped)`}
                  disabled={readOnly}
                  className="review-no-print"
                  onClick={() =>
                    attempt(() => withRepository(repository, (repo) => removeGroup(repo, review, group.id)))
                  }
                >
                  <Trash2 size={14} aria-hidden />
                </ActionIcon>
              ) : null}
            </Group>
          </Group>
          {notes.length === 0 ? (
            <Text size="sm" c="dimmed">
              No notes in this group yet.
            </Text>
          ) : (
            list(
              notes.map((note) => note.id),
              `Notes in the group ${group.title}`,
            )
          )}
        </Stack>
      ))}
      {ungrouped.length > 0
        ? list(
            ungrouped.map((note) => note.id),
            groups.length > 0 ? `Ungrouped notes on ${topicTitle}` : `Notes on ${topicTitle}`,
          )
        : null}
      {count === 0 && groups.length === 0 ? (
        <Text size="sm" c="dimmed">
          No notes yet.
        </Text>
      ) : null}
      {/* A new person at the laptop starts with a fresh form (not the last person's "anonymous"). */}
      {mode === 'reflect' ? <NoteForm key={person?.key ?? ''} topicId={topicId} /> : null}
      {mode === 'group' ? <GroupForm topicId={topicId} /> : null}
    </Stack>
  );
}
