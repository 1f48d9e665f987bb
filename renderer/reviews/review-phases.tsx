/**
 * What each phase of a running review shows on the laptops (shared/review/phases.ts):
 * check-in (one word each), health pulse (the pulse figures and alerts), reflect (notes under
 * each topic), group (notes gathered into groups), vote (dot votes within each person's
 * budget), discuss (the items with most votes first) and actions (one owner and a due date
 * each).
 */
import {
  ActionIcon,
  Anchor,
  Autocomplete,
  Badge,
  Button,
  Group,
  List,
  NumberInput,
  Paper,
  Select,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { Minus, Plus } from 'lucide-react';
import { useMemo, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import {
  canVote,
  countOf,
  countVotes,
  groupsOf,
  topItems,
  voteItemsOf,
  votesUsed,
  type ReviewTopicId,
  type VoteItem,
} from '@shared/review';
import { selectLive } from '../data/document-store';
import { useWriteFailure } from '../domains/charter/section';
import { useDocument, useSession } from '../workspaces/session-store';
import { LearningMenu } from './learning-menu';
import { noteText, useWrittenHere } from './note-visibility';
import { addAction, castVote, checkIn, withdrawVote } from './review-actions';
import { AlertsView, HealthPulseView } from './review-agenda';
import { topicTitleOf, useReview, withRepository } from './review-context';
import { checkInsOf, noteGroupsOf, notesOf, participantsOf, voteMapOf } from './review-data';
import { TopicNotes } from './topic-notes';

/** Check-in: each person one word on how they arrive; the actions from last time. */
export function CheckInPhase() {
  const { review, person, readOnly, prepared } = useReview();
  const repository = useSession((state) => state.session?.repository);
  const { failure, attempt } = useWriteFailure();
  const [word, setWord] = useState('');
  const [error, setError] = useState<string | null>(null);
  const checkIns = checkInsOf(review);
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const trimmed = word.trim();
    if (trimmed === '') return setError('One word (or a few) on how you arrive.');
    if (trimmed.length > 60) return setError('Use at most 60 characters.');
    setError(null);
    const saved = attempt(() => {
      if (person === null) throw new Error('No workspace is open.');
      withRepository(repository, (repo) => checkIn(repo, review, person, trimmed, Date.now()));
    });
    if (saved) setWord('');
  };
  const open = prepared.carriedActions.open.length;
  return (
    <Stack gap="md">
      <form onSubmit={submit} noValidate aria-label="Check in" className="review-no-print">
        <Group align="flex-end" gap="xs">
          <TextInput
            label={person === null ? 'Your word' : `A word from ${person.name}`}
            description="Checking in again changes your word."
            value={word}
            error={error ?? failure}
            disabled={readOnly}
            onChange={(event) => setWord(event.currentTarget.value)}
          />
          <Button type="submit" disabled={readOnly}>
            Check in
          </Button>
        </Group>
      </form>
      {checkIns.length === 0 ? (
        <Text size="sm" c="dimmed">
          Nobody has checked in yet.
        </Text>
      ) : (
        <List size="sm" spacing={2} aria-label="Check-ins">
          {checkIns.map((entry) => (
            <List.Item key={entry.id}>
              <Text span fw={600} size="sm">
                {entry.name}
              </Text>
              : {entry.word}
            </List.Item>
          ))}
        </List>
      )}
      <Text size="sm">
        {open === 0
          ? 'No open actions from earlier reviews.'
          : `${countOf(open, 'open action', 'open actions')} from earlier reviews: `}
        {open > 0 ? (
          <Anchor href="#review-carried" underline="always">
            see them below
          </Anchor>
        ) : null}
      </Text>
    </Stack>
  );
}

/** Health pulse: the period's pulse figures and the governance alerts. */
export function HealthPhase() {
  const { prepared } = useReview();
  return (
    <Stack gap="md">
      <HealthPulseView pulse={prepared.healthPulse} />
      <Anchor component={Link} to="/metrics/pulse" size="sm" className="review-no-print">
        Answer this week's pulse check (anonymous by default)
      </Anchor>
      <Title order={4} size="h5">
        Governance alerts
      </Title>
      <AlertsView alerts={prepared.alerts} />
    </Stack>
  );
}

/** Reflect (`mode` reflect) or group (`mode` group): the notes under each topic. */
export function NotesPhase({ mode }: { mode: 'reflect' | 'group' }) {
  const { prepared } = useReview();
  return (
    <Stack gap="lg">
      {prepared.topics.map((topic) => (
        <Paper key={topic.id} withBorder radius="md" p="md">
          <Stack gap="xs">
            <Title order={4}>{topic.title}</Title>
            {mode === 'reflect' && topic.prompts.length > 0 ? (
              <List size="sm" spacing={2} aria-label={`Prompts of ${topic.title}`}>
                {topic.prompts.map((prompt) => (
                  <List.Item key={prompt}>{prompt}</List.Item>
                ))}
              </List>
            ) : null}
            <Anchor href={`#review-topic-${topic.id}`} size="sm" className="review-no-print">
              The figures and records of {topic.title}
            </Anchor>
            <TopicNotes topicId={topic.id} mode={mode} headingOrder={5} />
          </Stack>
        </Paper>
      ))}
    </Stack>
  );
}

/** The items people vote on, with each one's title for `person` (placeholders while hidden). */
function useVoteItems() {
  const { review, person } = useReview();
  const writtenHere = useWrittenHere((state) => state.notes);
  return useMemo(() => {
    const items = voteItemsOf(groupsOf(notesOf(review), noteGroupsOf(review)));
    const titled = items.map((item) => {
      const note = item.kind === 'note' ? review.notes[item.itemId] : undefined;
      return {
        ...item,
        title: note === undefined ? item.title : noteText(note, review.notesHidden, person, writtenHere),
      };
    });
    return { items: titled, ids: items.map((item) => item.itemId) };
  }, [review, person, writtenHere]);
}

function VoteRow({ item, ids }: { item: VoteItem; ids: readonly string[] }) {
  const { review, person, readOnly, prepared } = useReview();
  const repository = useSession((state) => state.session?.repository);
  const { failure, attempt } = useWriteFailure();
  const votes = voteMapOf(review);
  const mine =
    person === null
      ? 0
      : (Object.values(review.votes).find((vote) => vote.personKey === person.key && vote.itemId === item.itemId)
          ?.count ?? 0);
  const allowed = person !== null && !readOnly && canVote(votes, person.key, item.itemId, review.voteBudget, ids);
  const short = item.title.length > 60 ? `${item.title.slice(0, 59)}…` : item.title;
  return (
    <Paper component="li" withBorder radius="sm" p="xs">
      <Group justify="space-between" wrap="nowrap" gap="sm">
        <Stack gap={0}>
          <Text size="sm" fw={item.kind === 'group' ? 600 : 400}>
            {item.kind === 'group' ? `Group: ${item.title}` : item.title}
          </Text>
          <Text size="xs" c="dimmed">
            {topicTitleOf(prepared, item.topicId as ReviewTopicId)}
            {item.kind === 'group' ? ` · ${countOf(item.notes, 'note', 'notes')}` : ''}
          </Text>
        </Stack>
        <Group gap={6} wrap="nowrap">
          <ActionIcon
            variant="default"
            aria-label={`Take a vote back from "${short}"`}
            disabled={person === null || readOnly || mine === 0}
            onClick={() =>
              attempt(() => {
                if (person === null) throw new Error('No workspace is open.');
                withRepository(repository, (repo) => withdrawVote(repo, review, votes, person, item.itemId));
              })
            }
          >
            <Minus size={16} aria-hidden />
          </ActionIcon>
          <Text size="sm" w={80} ta="center" aria-live="polite">
            Yours: {mine}
          </Text>
          <ActionIcon
            variant="filled"
            aria-label={`Add a vote to "${short}"`}
            disabled={!allowed}
            onClick={() =>
              attempt(() => {
                if (person === null) throw new Error('No workspace is open.');
                withRepository(repository, (repo) => castVote(repo, review, votes, person, item.itemId, ids));
              })
            }
          >
            <Plus size={16} aria-hidden />
          </ActionIcon>
        </Group>
      </Group>
      {failure ? (
        <Text size="xs" c="red" role="alert">
          {failure}
        </Text>
      ) : null}
    </Paper>
  );
}

/** Vote: dot votes within the budget, on groups and ungrouped notes. */
export function VotePhase() {
  const { review, person, readOnly } = useReview();
  const repository = useSession((state) => state.session?.repository);
  const { failure, attempt } = useWriteFailure();
  const { items, ids } = useVoteItems();
  const votes = voteMapOf(review);
  const used = person === null ? 0 : votesUsed(votes, person.key, ids);
  const left = Math.max(0, review.voteBudget - used);
  const voters = countVotes(votes, { budgetPerPerson: review.voteBudget, items: ids }).people.length;
  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end">
        <Stack gap={0}>
          <Text fw={600} role="status">
            {person === null
              ? ''
              : `${person.name}: you have ${left === 1 ? '1 vote' : `${left} votes`} left of ${review.voteBudget}.`}
          </Text>
          <Text size="sm" c="dimmed">
            {countOf(voters, 'person has', 'people have')} voted so far.
          </Text>
        </Stack>
        <NumberInput
          label="Votes per person"
          min={1}
          max={20}
          w={160}
          allowDecimal={false}
          allowNegative={false}
          value={review.voteBudget}
          disabled={readOnly}
          error={failure}
          className="review-no-print"
          onChange={(value) => {
            if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > 20) return;
            attempt(() =>
              withRepository(repository, (repo) => repo.update('reviews', review.id, { voteBudget: value })),
            );
          }}
        />
      </Group>
      {items.length === 0 ? (
        <Text size="sm" c="dimmed">
          Nothing to vote on yet: write notes in the reflect phase first.
        </Text>
      ) : (
        <Stack component="ul" gap={6} m={0} p={0} style={{ listStyle: 'none' }} aria-label="Items to vote on">
          {items.map((item) => (
            <VoteRow key={item.itemId} item={item} ids={ids} />
          ))}
        </Stack>
      )}
    </Stack>
  );
}

/** The form that records an action; `initial` prefills it (from a discussed item). */
function ActionForm({ initial }: { initial?: { title: string; topicId: ReviewTopicId | '' } }) {
  const { review, prepared, readOnly } = useReview();
  const repository = useSession((state) => state.session?.repository);
  const members = useDocument((state) => selectLive(state, 'members'));
  const { failure, attempt } = useWriteFailure();
  const [title, setTitle] = useState(initial?.title ?? '');
  const [owner, setOwner] = useState('');
  const [dueOn, setDueOn] = useState('');
  const [topicId, setTopicId] = useState<string>(initial?.topicId ?? '');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const names = [
    ...new Set([...participantsOf(review).map((person) => person.name), ...members.map((member) => member.name)]),
  ];
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const found: Record<string, string> = {};
    if (title.trim() === '') found.title = 'Say what will be done.';
    else if (title.trim().length > 200) found.title = 'Use at most 200 characters.';
    if (owner.trim().length > 200) found.owner = 'Use at most 200 characters.';
    if (dueOn !== '' && !/^\d{4}-\d{2}-\d{2}$/.test(dueOn)) found.dueOn = 'Enter a date.';
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    const saved = attempt(() =>
      withRepository(repository, (repo) =>
        addAction(repo, review, {
          title: title.trim(),
          ownerName: owner.trim(),
          dueOn: dueOn === '' ? null : dueOn,
          sourceTopicId: topicId as ReviewTopicId | '',
        }),
      ),
    );
    if (saved) {
      setTitle('');
      setOwner('');
      setDueOn('');
      setTopicId('');
    }
  };
  return (
    <form onSubmit={submit} noValidate aria-label="Record an action" className="review-no-print">
      <Stack gap="xs">
        <TextInput
          label="Action"
          required
          value={title}
          error={errors.title}
          disabled={readOnly}
          onChange={(event) => setTitle(event.currentTarget.value)}
        />
        <Group grow align="flex-start">
          <Autocomplete
            label="Owner"
            description="One person"
            data={names}
            value={owner}
            error={errors.owner}
            disabled={readOnly}
            onChange={setOwner}
          />
          <TextInput
            label="Due"
            type="date"
            value={dueOn}
            error={errors.dueOn}
            disabled={readOnly}
            onChange={(event) => setDueOn(event.currentTarget.value)}
          />
          <Select
            label="From the topic"
            allowDeselect={false}
            data={[
              { value: '', label: 'None' },
              ...prepared.topics.map((topic) => ({ value: topic.id, label: topic.title })),
            ]}
            value={topicId}
            disabled={readOnly}
            onChange={(value) => setTopicId(value ?? '')}
          />
        </Group>
        <Group justify="flex-end">
          <Button type="submit" leftSection={<Plus size={14} aria-hidden />} disabled={readOnly}>
            Add action
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

/** Discuss: the items with most votes first, each with its notes, turned into actions or decisions. */
export function DiscussPhase() {
  const { review, prepared, person } = useReview();
  const writtenHere = useWrittenHere((state) => state.notes);
  const { items, ids } = useVoteItems();
  const [acting, setActing] = useState<{ title: string; topicId: ReviewTopicId } | null>(null);
  const ranked = useMemo(() => {
    const count = countVotes(voteMapOf(review), { budgetPerPerson: review.voteBudget, items: ids });
    const byId = new Map(items.map((item) => [item.itemId, item]));
    return topItems(count.totals, Infinity).flatMap((total) => {
      const item = byId.get(total.itemId);
      return item === undefined ? [] : [{ total, item }];
    });
  }, [review, items, ids]);
  const notesOfGroup = (groupId: string) =>
    Object.values(review.notes)
      .filter((note) => note.groupId === groupId)
      .sort((a, b) => a.createdAt - b.createdAt);
  return (
    <Stack gap="md">
      {ranked.length === 0 ? (
        <Text size="sm" c="dimmed">
          No votes yet: vote first, or discuss the notes in the order you choose.
        </Text>
      ) : (
        <Stack component="ol" gap="sm" m={0} pl="lg" aria-label="Items by votes">
          {ranked.map(({ total, item }) => {
            const topicTitle = topicTitleOf(prepared, item.topicId as ReviewTopicId);
            return (
              <li key={item.itemId}>
                <Stack gap={4}>
                  <Group gap="xs">
                    <Text fw={600}>{item.kind === 'group' ? `Group: ${item.title}` : item.title}</Text>
                    <Badge variant="light">{countOf(total.votes, 'vote', 'votes')}</Badge>
                    <Text size="sm" c="dimmed">
                      {topicTitle} · {countOf(total.voters, 'person', 'people')}
                    </Text>
                  </Group>
                  {item.kind === 'group' ? (
                    <List size="sm" spacing={2}>
                      {notesOfGroup(item.itemId).map((note) => (
                        <List.Item key={note.id}>{noteText(note, review.notesHidden, person, writtenHere)}</List.Item>
                      ))}
                    </List>
                  ) : null}
                  <Group gap="xs" className="review-no-print">
                    <Button
                      size="compact-sm"
                      variant="default"
                      aria-label={`Record an action for "${item.title.slice(0, 60)}"`}
                      onClick={() =>
                        setActing({ title: item.title.slice(0, 200), topicId: item.topicId as ReviewTopicId })
                      }
                    >
                      Record an action
                    </Button>
                    {review.notesHidden ? null : (
                      <LearningMenu
                        text={item.title}
                        topicTitle={topicTitle}
                        subject={`"${item.title.slice(0, 60)}"`}
                      />
                    )}
                  </Group>
                </Stack>
              </li>
            );
          })}
        </Stack>
      )}
      {acting !== null ? (
        <Paper withBorder p="md" radius="md">
          <ActionForm key={`${acting.topicId}:${acting.title}`} initial={acting} />
        </Paper>
      ) : null}
    </Stack>
  );
}

/** Actions: record them; the ones agreed so far are listed right below the panel. */
export function ActionsPhase() {
  return (
    <Stack gap="md">
      <ActionForm />
      <Text size="sm">
        The actions agreed so far are under{' '}
        <Anchor href="#review-actions" underline="always">
          Actions agreed
        </Anchor>
        , and the open ones from earlier reviews under{' '}
        <Anchor href="#review-carried" underline="always">
          Actions from earlier reviews
        </Anchor>
        .
      </Text>
    </Stack>
  );
}
