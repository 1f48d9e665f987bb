/**
 * A review prepared from the period's data (`prepareReview`): the health pulse, governance
 * alerts, decisions due for review, the actions carried from earlier reviews (with their done
 * boxes), then each agenda topic with its prompts, figures, lists and the notes written under
 * it; and the record of the review: vote results and the actions agreed.
 */
import { Alert, Anchor, Card, Group, List, Stack, Text, Title } from '@mantine/core';
import { TriangleAlert } from 'lucide-react';
import { useMemo, type ReactNode } from 'react';
import { Link } from 'react-router';
import { localDateOf } from '@shared/metrics/calendar';
import {
  countOf,
  countVotes,
  formatDate,
  groupsOf,
  topItems,
  voteItemsOf,
  type GovernanceAlert,
  type HealthPulse,
  type PreparedTopic,
} from '@shared/review';
import type { Entity } from '@shared/model/entities';
import { selectLive } from '../data/document-store';
import { useDocument } from '../workspaces/session-store';
import { ActionList, byDueDate } from './action-list';
import { FigureGrid } from './review-figures';
import { ReviewListView } from './review-lists';
import { noteText, useWrittenHere } from './note-visibility';
import { topicTitleOf, useReview } from './review-context';
import { actionsOfReview, noteGroupsOf, notesOf, voteMapOf } from './review-data';
import { TopicNotes } from './topic-notes';

/** A part of the review page: a card with a level-two heading. */
export function ReviewSection({
  id,
  title,
  description,
  actions,
  children,
  className,
}: {
  id: string;
  title: string;
  description?: ReactNode;
  actions?: ReactNode;
  children: ReactNode;
  className?: string;
}) {
  const headingId = `review-${id}-heading`;
  return (
    <Card
      withBorder
      radius="md"
      padding="lg"
      component="section"
      aria-labelledby={headingId}
      id={`review-${id}`}
      className={className}
    >
      <Stack gap="md">
        <Group justify="space-between" align="flex-start" gap="sm">
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
          {actions}
        </Group>
        {children}
      </Stack>
    </Card>
  );
}

/** The period's health pulse, hidden below the anonymity threshold. */
export function HealthPulseView({ pulse, size = 'md' }: { pulse: HealthPulse; size?: 'md' | 'xl' }) {
  if (pulse.suppressed || pulse.answers === 0) {
    return (
      <Text size={size === 'xl' ? 'xl' : 'sm'}>
        {pulse.suppressed
          ? `Hidden to keep answers anonymous: no pulse round had at least ${pulse.minRespondents} people.`
          : 'Nobody answered a pulse check in the period.'}
      </Text>
    );
  }
  return (
    <Stack gap="xs">
      <Text size={size === 'xl' ? 'xl' : 'sm'}>
        {countOf(pulse.answers, 'answer', 'answers')} in {countOf(pulse.rounds, 'pulse round', 'pulse rounds')}
        {pulse.leftOut > 0
          ? `; ${countOf(pulse.leftOut, 'answer', 'answers')} left out (rounds of too few people)`
          : ''}
        .
      </Text>
      <FigureGrid figures={pulse.figures} label="Health figures" size={size} />
    </Stack>
  );
}

/** The governance alerts, each with its evidence and links to its records. */
export function AlertsView({ alerts, size = 'md' }: { alerts: readonly GovernanceAlert[]; size?: 'md' | 'xl' }) {
  const decisions = useDocument((state) => state.entities.decisions);
  if (alerts.length === 0) {
    return <Text size={size === 'xl' ? 'xl' : 'sm'}>No alerts: no figure crossed a limit in the period.</Text>;
  }
  return (
    <Stack gap="xs" component="ul" m={0} p={0} style={{ listStyle: 'none' }} aria-label="Governance alerts">
      {alerts.map((alert) => (
        <li key={alert.key}>
          <Alert color="orange" variant="light" icon={<TriangleAlert size={18} aria-hidden />} title={alert.title}>
            <Stack gap={4}>
              <Text size={size === 'xl' ? 'lg' : 'sm'}>{alert.evidence}</Text>
              {alert.recordIds.length === 0 ? (
                <Anchor component={Link} to={alert.action.to} size="sm" className="review-no-print">
                  {alert.action.label}
                </Anchor>
              ) : null}
              {alert.recordIds.length > 0 ? (
                <List size="sm" spacing={2}>
                  {alert.recordIds.map((id) => (
                    <List.Item key={id}>
                      <Anchor component={Link} to={`/decisions/${id}`} inherit underline="always">
                        {decisions.get(id)?.title ?? id}
                      </Anchor>
                    </List.Item>
                  ))}
                </List>
              ) : null}
            </Stack>
          </Alert>
        </li>
      ))}
    </Stack>
  );
}

/** One agenda topic: prompts, figures, lists and notes. */
export function TopicView({ topic, index }: { topic: PreparedTopic; index: number }) {
  const { timeZone } = useReview();
  const headingId = `review-topic-${topic.id}`;
  return (
    <Stack gap="sm" component="section" aria-labelledby={headingId} className="review-topic">
      <Title order={3} size="h4" id={headingId}>
        {index + 1}. {topic.title}
      </Title>
      {topic.prompts.length > 0 ? (
        <Stack gap={2}>
          <Text size="sm" fw={600}>
            Prompts
          </Text>
          <List size="sm" spacing={2}>
            {topic.prompts.map((prompt) => (
              <List.Item key={prompt}>{prompt}</List.Item>
            ))}
          </List>
        </Stack>
      ) : null}
      {topic.figures.length > 0 ? <FigureGrid figures={topic.figures} label={`Figures of ${topic.title}`} /> : null}
      {topic.lists.map((list) => (
        <ReviewListView key={list.kind} list={list} timeZone={timeZone} />
      ))}
      <TopicNotes topicId={topic.id} mode="read" />
    </Stack>
  );
}

/** The decisions due for review by the end of the period. */
function ReviewsDueView() {
  const { prepared } = useReview();
  if (prepared.reviewsDue.length === 0)
    return <Text size="sm">No decision is due for review by the end of the period.</Text>;
  return (
    <List size="sm" spacing={4}>
      {prepared.reviewsDue.map((due) => (
        <List.Item key={due.decisionId}>
          <Anchor component={Link} to={`/decisions/${due.decisionId}`} inherit underline="always">
            {due.title}
          </Anchor>{' '}
          — {due.domainName}: review on {formatDate(due.reviewOn)}
          {due.overdue ? `, ${countOf(due.daysOverdue, 'day', 'days')} overdue` : ''}
        </List.Item>
      ))}
    </List>
  );
}

/** The actions of earlier reviews: how many are done, and the open ones with their boxes. */
export function CarriedActionsView() {
  const { prepared, timeZone } = useReview();
  const actionMap = useDocument((state) => state.entities.actions);
  const today = localDateOf(prepared.preparedAt, timeZone);
  const { carriedActions } = prepared;
  const open = carriedActions.open.flatMap((carried) => {
    const action = actionMap.get(carried.actionId);
    return action === undefined ? [] : [action];
  });
  return (
    <Stack gap="xs">
      <Text size="sm">
        {carriedActions.total === 0
          ? 'No actions were agreed in earlier reviews.'
          : `${carriedActions.done} of ${countOf(carriedActions.total, 'action', 'actions')} from earlier reviews done.`}
      </Text>
      {open.length > 0 ? (
        <ActionList actions={open} today={today} showReview label="Open actions from earlier reviews" />
      ) : null}
    </Stack>
  );
}

/** The vote results so far: most votes first. */
export function VoteResults({ limit = Infinity }: { limit?: number }) {
  const { review, person, prepared } = useReview();
  const writtenHere = useWrittenHere((state) => state.notes);
  const ranked = useMemo(() => {
    const grouping = groupsOf(notesOf(review), noteGroupsOf(review));
    const items = voteItemsOf(grouping);
    const count = countVotes(voteMapOf(review), {
      budgetPerPerson: review.voteBudget,
      items: items.map((item) => item.itemId),
    });
    const byId = new Map(items.map((item) => [item.itemId, item]));
    return {
      people: count.people.length,
      dropped: count.people.reduce((sum, votes) => sum + votes.dropped, 0),
      top: topItems(count.totals, limit).map((total) => ({ total, item: byId.get(total.itemId) })),
    };
  }, [review, limit]);
  if (ranked.top.length === 0) return <Text size="sm">No votes yet.</Text>;
  const titleOf = (itemId: string, kind: 'group' | 'note' | undefined, title: string) => {
    if (kind !== 'note') return title;
    const note = review.notes[itemId];
    return note === undefined ? title : noteText(note, review.notesHidden, person, writtenHere);
  };
  return (
    <Stack gap="xs">
      <Text size="sm">
        {countOf(ranked.people, 'person', 'people')} voted, {countOf(review.voteBudget, 'vote', 'votes')} each.
        {ranked.dropped > 0 ? ` ${countOf(ranked.dropped, 'vote', 'votes')} over a person's budget not counted.` : ''}
      </Text>
      <List type="ordered" size="sm" spacing={4} aria-label="Vote results">
        {ranked.top.map(({ total, item }) => (
          <List.Item key={total.itemId}>
            <Text span fw={600} size="sm">
              {item === undefined ? total.itemId : titleOf(item.itemId, item.kind, item.title)}
            </Text>
            {item === undefined ? '' : ` (${topicTitleOf(prepared, item.topicId as PreparedTopic['id'])})`}:{' '}
            {countOf(total.votes, 'vote', 'votes')} from {countOf(total.voters, 'person', 'people')}
          </List.Item>
        ))}
      </List>
    </Stack>
  );
}

/** The actions agreed in this review, with their done boxes. */
export function ReviewActionsView({ label = 'Actions agreed in this review' }: { label?: string }) {
  const { review, prepared, timeZone } = useReview();
  const actions = useDocument((state) => selectLive(state, 'actions'));
  const own = useMemo(() => actionsOfReview(actions, review.id).sort(byDueDate), [actions, review.id]);
  if (own.length === 0) return <Text size="sm">No actions agreed yet.</Text>;
  return <ActionList actions={own} today={localDateOf(prepared.preparedAt, timeZone)} label={label} />;
}

/** The review's outcome (actions, votes) and the prepared data, below the facilitation panel. */
export function ReviewAgenda({ review }: { review: Entity<'reviews'> }) {
  const { prepared } = useReview();
  return (
    <Stack gap="lg">
      <ReviewSection
        id="actions"
        title="Actions agreed"
        description="Each with one owner and a due date; they carry into the next reviews until done."
      >
        <ReviewActionsView />
      </ReviewSection>
      <ReviewSection id="votes" title="Vote results" description="Counted within each person's budget of votes.">
        <VoteResults />
      </ReviewSection>
      <ReviewSection
        id="carried"
        title="Actions from earlier reviews"
        description="Open actions carry into every review until they are done."
      >
        <CarriedActionsView />
      </ReviewSection>
      <ReviewSection
        id="health"
        title="Health pulse"
        description={
          <>
            The team's satisfaction, stress, collaboration and trust in the period.{' '}
            <Anchor component={Link} to="/metrics/pulse" className="review-no-print" underline="always">
              Answer this week's pulse check
            </Anchor>
          </>
        }
      >
        <HealthPulseView pulse={prepared.healthPulse} />
      </ReviewSection>
      <ReviewSection
        id="alerts"
        title="Governance alerts"
        description="Patterns worth a look: rising escalations, budgets overrun, falling trust."
      >
        <AlertsView alerts={prepared.alerts} />
      </ReviewSection>
      <ReviewSection
        id="due"
        title="Reviews due"
        description="Decisions whose outcome should be reviewed by the end of the period."
      >
        <ReviewsDueView />
      </ReviewSection>
      <ReviewSection
        id="agenda"
        title="Agenda"
        description={`The ${review.cadence} topics of the framework, with the period's figures and records.${prepared.agenda.templateName === null ? '' : ` Prompts from the template "${prepared.agenda.templateName}".`}`}
      >
        {prepared.topics.map((topic, index) => (
          <TopicView key={topic.id} topic={topic} index={index} />
        ))}
      </ReviewSection>
    </Stack>
  );
}
