/**
 * Facilitator mode (shared/review/phases.ts): the phase every laptop shows, moved with Back and
 * Next (stored on the review, so all laptops and the presenter view follow), the phase's time
 * box, who is writing and voting at this laptop, the switch that hides other people's notes
 * until the reveal, and the phase's own content.
 */
import { Autocomplete, Badge, Button, Group, List, Stack, Switch, Text, Title } from '@mantine/core';
import { ArrowLeft, ArrowRight, Lock, Play } from 'lucide-react';
import { nextPhase, previousPhase, reviewPhaseDetails, reviewPhases, type ReviewPhase } from '@shared/review';
import { selectLive } from '../data/document-store';
import { useWriteFailure } from '../domains/charter/section';
import { useLocalUser } from '../domains/use-local-user';
import { useDocument, useSession } from '../workspaces/session-store';
import { PhaseTimer } from './phase-timer';
import { closeReview, moveToPhase, startReview } from './review-actions';
import { ReviewSection } from './review-agenda';
import { useReview, withRepository } from './review-context';
import { participantsOf } from './review-data';
import { ActionsPhase, CheckInPhase, DiscussPhase, HealthPhase, NotesPhase, VotePhase } from './review-phases';
import { ErrorAlert } from '../components/form-parts';

/** The content of a phase. */
function PhaseBody({ phase }: { phase: ReviewPhase }) {
  switch (phase) {
    case 'check-in':
      return <CheckInPhase />;
    case 'health-pulse':
      return <HealthPhase />;
    case 'reflect':
      return <NotesPhase mode="reflect" />;
    case 'group':
      return <NotesPhase mode="group" />;
    case 'vote':
      return <VotePhase />;
    case 'discuss':
      return <DiscussPhase />;
    case 'actions':
      return <ActionsPhase />;
  }
}

/** The phases in order, the current one marked in words. */
function PhaseSteps({ current }: { current: ReviewPhase }) {
  const index = reviewPhases.indexOf(current);
  return (
    <List type="ordered" size="sm" spacing={2} aria-label="Phases" className="review-phase-steps">
      {reviewPhases.map((phase, at) => (
        <List.Item key={phase} aria-current={phase === current ? 'step' : undefined}>
          <Text span size="sm" fw={phase === current ? 700 : 400} c={at < index ? 'dimmed' : undefined}>
            {reviewPhaseDetails[phase].title}
            {phase === current ? ' (now)' : at < index ? ' (done)' : ''}
          </Text>
        </List.Item>
      ))}
    </List>
  );
}

/** "Writing and voting as": the person at this laptop. */
export function PersonPicker({ typedName, onChange }: { typedName: string; onChange: (name: string) => void }) {
  const { review } = useReview();
  const { name } = useLocalUser();
  const members = useDocument((state) => selectLive(state, 'members'));
  const names = [
    ...new Set([...participantsOf(review).map((person) => person.name), ...members.map((member) => member.name)]),
  ]
    .filter((candidate) => candidate !== name)
    .sort((a, b) => a.localeCompare(b));
  return (
    <Autocomplete
      label="Voting as"
      description={`Writing notes, checking in and voting as this person. Empty: you (${name}). On a laptop passed around the room, each person types their name in turn.`}
      placeholder={`${name} (you)`}
      data={names}
      value={typedName}
      onChange={onChange}
      maxLength={200}
      className="review-no-print"
      w={{ base: '100%', sm: 420 }}
    />
  );
}

/** The facilitation panel of a planned or running review. */
export function FacilitationPanel({
  typedName,
  onTypedName,
}: {
  typedName: string;
  onTypedName: (name: string) => void;
}) {
  const { review, person, readOnly } = useReview();
  const repository = useSession((state) => state.session?.repository);
  const { userId } = useLocalUser();
  const { failure, attempt } = useWriteFailure();
  const details = reviewPhaseDetails[review.phase];
  const previous = previousPhase(review.phase);
  const next = nextPhase(review.phase);
  const index = reviewPhases.indexOf(review.phase);
  const move = (phase: ReviewPhase) =>
    attempt(() => withRepository(repository, (repo) => moveToPhase(repo, review, phase)));
  const facilitating = review.facilitatorId !== null && review.facilitatorId === userId;

  if (review.status === 'planned') {
    return (
      <ReviewSection
        id="facilitation"
        title="Run the review"
        description="Start it when the team is together. Every laptop then follows the phase the facilitator moves to, even offline on the same network."
        className="review-no-print"
      >
        <Group>
          <Button
            leftSection={<Play size={16} aria-hidden />}
            disabled={readOnly || person === null}
            onClick={() =>
              attempt(() => {
                if (person === null) throw new Error('No workspace is open.');
                withRepository(repository, (repo) => startReview(repo, review, person));
              })
            }
          >
            Start the review
          </Button>
        </Group>
        <PersonPicker typedName={typedName} onChange={onTypedName} />
        <ErrorAlert error={failure} />
      </ReviewSection>
    );
  }

  return (
    <ReviewSection
      id="facilitation"
      title="Facilitation"
      description={
        review.facilitatorName === ''
          ? 'Every laptop shows the phase the facilitator moves to.'
          : `Facilitated by ${review.facilitatorName}${facilitating ? ' (you)' : ''}. Every laptop shows the phase the facilitator moves to.`
      }
      className="review-no-print"
    >
      <Group align="flex-start" justify="space-between" gap="lg">
        <Stack gap="sm" style={{ flex: 1, minWidth: 280 }}>
          <Group gap="xs">
            <Badge variant="light" size="lg">
              Phase {index + 1} of {reviewPhases.length}
            </Badge>
            <Title order={3} id="review-phase-title">
              {details.title}
            </Title>
          </Group>
          <Text>{details.guidance}</Text>
          {/* Said to screen readers when the phase changes here or on the facilitator's laptop. */}
          <span className="visually-hidden" aria-live="polite">
            Phase {index + 1} of {reviewPhases.length}: {details.title}
          </span>
          <Group gap="sm">
            <Button
              variant="default"
              leftSection={<ArrowLeft size={16} aria-hidden />}
              disabled={readOnly || previous === null}
              onClick={() => previous !== null && move(previous)}
            >
              {previous === null ? 'Back' : `Back: ${reviewPhaseDetails[previous].title}`}
            </Button>
            {next !== null ? (
              <Button
                rightSection={<ArrowRight size={16} aria-hidden />}
                disabled={readOnly}
                onClick={() => move(next)}
              >
                Next: {reviewPhaseDetails[next].title}
              </Button>
            ) : (
              <Button
                leftSection={<Lock size={16} aria-hidden />}
                disabled={readOnly}
                onClick={() =>
                  attempt(() => withRepository(repository, (repo) => closeReview(repo, review, true, Date.now())))
                }
              >
                Close the review
              </Button>
            )}
          </Group>
          <PhaseTimer />
        </Stack>
        <PhaseSteps current={review.phase} />
      </Group>
      <Group align="flex-end" gap="lg">
        <PersonPicker typedName={typedName} onChange={onTypedName} />
        <Switch
          label="Hide other people's notes until reveal"
          description="For the facilitator: everyone sees only their own notes; the others show as placeholders."
          checked={review.notesHidden}
          disabled={readOnly}
          className="review-no-print"
          onChange={(event) => {
            const hidden = event.currentTarget.checked;
            attempt(() =>
              withRepository(repository, (repo) => repo.update('reviews', review.id, { notesHidden: hidden })),
            );
          }}
        />
      </Group>
      <ErrorAlert error={failure} />
      <PhaseBody phase={review.phase} />
    </ReviewSection>
  );
}
