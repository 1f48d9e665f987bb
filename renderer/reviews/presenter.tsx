/**
 * The presenter view of a review (`/reviews/<id>/present`): the current phase large enough for
 * a projector — its title and guidance, the time left, and what the room looks at in that
 * phase — following the facilitator's laptop as the phase changes. It never reveals hidden
 * notes: while the facilitator hides them, the screen shows how many there are, not what they
 * say.
 */
import { Anchor, Badge, Box, Container, Group, List, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { ArrowLeft } from 'lucide-react';
import { useEffect, useMemo, type ReactNode } from 'react';
import { Link } from 'react-router';
import {
  countOf,
  countVotes,
  formatDate,
  groupsOf,
  reviewPhaseDetails,
  reviewPhases,
  topItems,
  voteItemsOf,
  type ReviewTopicId,
} from '@shared/review';
import type { Entity } from '@shared/model/entities';
import { selectLive } from '../data/document-store';
import { useDocument } from '../workspaces/session-store';
import { HIDDEN_NOTE_TEXT } from './note-visibility';
import { TimeLeft } from './phase-timer';
import { AlertsView, HealthPulseView } from './review-agenda';
import { ReviewContext, topicTitleOf, useReview, type ReviewContextValue } from './review-context';
import { actionsOfReview, checkInsOf, deviceTimeZone, noteGroupsOf, notesOf, voteMapOf } from './review-data';
import { usePreparedReview } from './use-prepared-review';
import { useReviewWithNotes } from './use-review-notes';

function Big({ children }: { children: ReactNode }) {
  return (
    <Text fz={{ base: '1.5rem', md: '2rem' }} lh={1.35}>
      {children}
    </Text>
  );
}

function Empty({ children }: { children: ReactNode }) {
  return (
    <Text fz={{ base: '1.25rem', md: '1.75rem' }} c="dimmed">
      {children}
    </Text>
  );
}

/** A note's text on the projector: the placeholder while notes are hidden. */
function shown(review: Entity<'reviews'>, text: string): string {
  return review.notesHidden ? HIDDEN_NOTE_TEXT : text;
}

/** The open actions of earlier reviews, to remind the room of them. */
function Reminder() {
  const { prepared } = useReview();
  const { open } = prepared.carriedActions;
  if (open.length === 0) return <Big>No open actions from earlier reviews.</Big>;
  return (
    <Stack gap="xs">
      <Big>{countOf(open.length, 'open action', 'open actions')} from earlier reviews:</Big>
      <List
        spacing="xs"
        withPadding
        fz={{ base: '1.25rem', md: '1.75rem' }}
        aria-label="Open actions from earlier reviews"
      >
        {open.map((action) => (
          <List.Item key={action.actionId}>
            {action.title}
            <Text span inherit c="dimmed">
              {' '}
              — {action.ownerName ?? 'no owner yet'}
              {action.dueOn === null ? '' : `, due ${formatDate(action.dueOn)}`}
              {action.overdue ? ' (overdue)' : ''}
            </Text>
          </List.Item>
        ))}
      </List>
    </Stack>
  );
}

function CheckIns() {
  const { review } = useReview();
  const checkIns = checkInsOf(review);
  return (
    <Stack gap="xl">
      {checkIns.length === 0 ? <Empty>Nobody has checked in yet.</Empty> : <CheckInWords />}
      <Reminder />
    </Stack>
  );
}

function CheckInWords() {
  const { review } = useReview();
  const checkIns = checkInsOf(review);
  return (
    <SimpleGrid
      cols={{ base: 1, sm: 2, lg: 3 }}
      component="ul"
      m={0}
      p={0}
      style={{ listStyle: 'none' }}
      aria-label="Check-ins"
    >
      {checkIns.map((entry) => (
        <Paper key={entry.id} component="li" withBorder p="md" radius="md">
          <Text fz="1.25rem" c="dimmed">
            {entry.name}
          </Text>
          <Text fz="2.25rem" fw={700} lh={1.2}>
            {entry.word}
          </Text>
        </Paper>
      ))}
    </SimpleGrid>
  );
}

function Topics({ withNotes }: { withNotes: boolean }) {
  const { review, prepared } = useReview();
  const grouping = useMemo(() => groupsOf(notesOf(review), noteGroupsOf(review)), [review]);
  return (
    <Stack gap="xl">
      {prepared.topics.map((topic) => {
        const groups = grouping.groups.filter(({ group }) => group.topicId === topic.id);
        const ungrouped = grouping.ungrouped.filter((note) => note.topicId === topic.id);
        const count = groups.reduce((sum, view) => sum + view.notes.length, 0) + ungrouped.length;
        return (
          <Stack key={topic.id} gap="xs" component="section" aria-label={topic.title}>
            <Group gap="sm" align="baseline">
              <Title order={3} fz={{ base: '1.75rem', md: '2.25rem' }}>
                {topic.title}
              </Title>
              <Text fz="1.5rem" c="dimmed">
                {count === 1 ? '1 note' : `${count} notes`}
              </Text>
            </Group>
            {!withNotes ? (
              <List withPadding spacing="xs" fz={{ base: '1.25rem', md: '1.75rem' }}>
                {topic.prompts.map((prompt) => (
                  <List.Item key={prompt}>{prompt}</List.Item>
                ))}
              </List>
            ) : (
              <Stack gap="sm">
                {groups.map(({ group, notes }) => (
                  <Box key={group.id}>
                    <Text fz="1.75rem" fw={700}>
                      {group.title} ({notes.length})
                    </Text>
                    <List withPadding spacing={4} fz="1.5rem">
                      {notes.map((note) => (
                        <List.Item key={note.id}>{shown(review, note.text)}</List.Item>
                      ))}
                    </List>
                  </Box>
                ))}
                {ungrouped.length > 0 ? (
                  <List withPadding spacing={4} fz="1.5rem">
                    {ungrouped.map((note) => (
                      <List.Item key={note.id}>{shown(review, note.text)}</List.Item>
                    ))}
                  </List>
                ) : null}
              </Stack>
            )}
          </Stack>
        );
      })}
    </Stack>
  );
}

function Ranking({ voting }: { voting: boolean }) {
  const { review, prepared } = useReview();
  const ranked = useMemo(() => {
    const items = voteItemsOf(groupsOf(notesOf(review), noteGroupsOf(review)));
    const count = countVotes(voteMapOf(review), {
      budgetPerPerson: review.voteBudget,
      items: items.map((item) => item.itemId),
    });
    const byId = new Map(items.map((item) => [item.itemId, item]));
    return {
      people: count.people.length,
      items,
      top: topItems(count.totals, 10).map((total) => ({ total, item: byId.get(total.itemId) })),
    };
  }, [review]);
  if (voting) {
    return (
      <Stack gap="md">
        <Big>
          {countOf(review.voteBudget, 'vote', 'votes')} each. {countOf(ranked.people, 'person has', 'people have')}{' '}
          voted so far.
        </Big>
        <List withPadding spacing="xs" fz={{ base: '1.25rem', md: '1.75rem' }} aria-label="Items to vote on">
          {ranked.items.map((item) => (
            <List.Item key={item.itemId}>
              {item.kind === 'group' ? item.title : shown(review, item.title)}{' '}
              <Text span c="dimmed" inherit>
                ({topicTitleOf(prepared, item.topicId as ReviewTopicId)})
              </Text>
            </List.Item>
          ))}
        </List>
      </Stack>
    );
  }
  if (ranked.top.length === 0) return <Empty>No votes yet.</Empty>;
  return (
    <List type="ordered" withPadding spacing="sm" fz={{ base: '1.5rem', md: '2rem' }} aria-label="Items by votes">
      {ranked.top.map(({ total, item }) => (
        <List.Item key={total.itemId}>
          <Text span inherit fw={700}>
            {item === undefined ? total.itemId : item.kind === 'group' ? item.title : shown(review, item.title)}
          </Text>{' '}
          — {countOf(total.votes, 'vote', 'votes')}
        </List.Item>
      ))}
    </List>
  );
}

function Actions() {
  const { review, prepared } = useReview();
  const actions = useDocument((state) => selectLive(state, 'actions'));
  const own = actionsOfReview(actions, review.id);
  return (
    <Stack gap="md">
      {own.length === 0 ? (
        <Empty>No actions agreed yet.</Empty>
      ) : (
        <List withPadding spacing="sm" fz={{ base: '1.5rem', md: '2rem' }} aria-label="Actions agreed">
          {own.map((action) => (
            <List.Item key={action.id}>
              {action.done ? 'Done: ' : ''}
              {action.title}
              <Text span inherit c="dimmed">
                {' '}
                — {action.ownerName === '' ? 'no owner yet' : action.ownerName}
                {action.dueOn === null ? '' : `, due ${formatDate(action.dueOn)}`}
              </Text>
            </List.Item>
          ))}
        </List>
      )}
      <Big>
        {prepared.carriedActions.open.length === 0
          ? 'No open actions from earlier reviews.'
          : `${countOf(prepared.carriedActions.open.length, 'open action', 'open actions')} from earlier reviews.`}
      </Big>
    </Stack>
  );
}

function PhaseContent() {
  const { review, prepared } = useReview();
  switch (review.phase) {
    case 'check-in':
      return <CheckIns />;
    case 'health-pulse':
      return (
        <Stack gap="lg">
          <HealthPulseView pulse={prepared.healthPulse} size="xl" />
          <AlertsView alerts={prepared.alerts} size="xl" />
        </Stack>
      );
    case 'reflect':
      return <Topics withNotes={false} />;
    case 'group':
      return <Topics withNotes />;
    case 'vote':
      return <Ranking voting />;
    case 'discuss':
      return <Ranking voting={false} />;
    case 'actions':
      return <Actions />;
  }
}

/** The presenter view of a live review (`review` as stored). */
export function Presenter({ review: stored }: { review: Entity<'reviews'> }) {
  const review = useReviewWithNotes(stored);
  const { prepared, error } = usePreparedReview(review);
  const readOnly = useDocument((state) => state.readOnly) !== null;
  const context = useMemo(
    (): ReviewContextValue | null =>
      prepared === null ? null : { review, prepared, person: null, readOnly, timeZone: deviceTimeZone() },
    [review, prepared, readOnly],
  );
  useEffect(() => {
    document.title = `${review.title} (presenting) · Latitude`;
  }, [review.title]);
  const details = reviewPhaseDetails[review.phase];
  const index = reviewPhases.indexOf(review.phase);
  return (
    <Container size="xl" py="xl">
      <Stack gap="xl">
        <Group justify="space-between" align="flex-start">
          <Stack gap={4}>
            <Title order={1} fz={{ base: '1.5rem', md: '2rem' }} fw={600}>
              {review.title}
            </Title>
            <Anchor component={Link} to={`/reviews/${review.id}`} fz="lg">
              <Group gap={6} component="span">
                <ArrowLeft size={18} aria-hidden />
                Back to the review
              </Group>
            </Anchor>
          </Stack>
          <TimeLeft endsAt={review.phaseEndsAt} size="xl" />
        </Group>
        <Stack gap="sm" aria-live="polite">
          <Group gap="md" align="center">
            {review.status === 'closed' ? null : (
              <Badge size="xl" variant="light">
                Phase {index + 1} of {reviewPhases.length}
              </Badge>
            )}
            <Title order={2} fz={{ base: '2.5rem', md: '4rem' }} lh={1.1}>
              {review.status === 'closed' ? 'Closed' : details.title}
            </Title>
          </Group>
          <Text fz={{ base: '1.25rem', md: '1.75rem' }}>
            {review.status === 'closed' ? 'This review is closed. Thank you!' : details.guidance}
          </Text>
        </Stack>
        {context === null ? (
          <Big>{error ?? 'Preparing the review…'}</Big>
        ) : (
          <ReviewContext.Provider value={context}>
            <PhaseContent />
          </ReviewContext.Provider>
        )}
      </Stack>
    </Container>
  );
}
