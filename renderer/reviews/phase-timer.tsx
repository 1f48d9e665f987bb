/**
 * The time box of the current phase: the facilitator sets minutes, the end is stored on the
 * review (`phaseEndsAt`), so every laptop and the presenter view count down to the same moment.
 */
import { Button, Group, NumberInput, Text } from '@mantine/core';
import { Timer, TimerOff } from 'lucide-react';
import { useEffect, useState } from 'react';
import { useWriteFailure } from '../domains/charter/section';
import { useSession } from '../workspaces/session-store';
import { setPhaseTimer } from './review-actions';
import { useReview, withRepository } from './review-context';

/** The time now, every second while `active`. */
export function useNow(active: boolean): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!active) return;
    const tick = () => setNow(Date.now());
    // At once (the time may be long past since the last tick), then every second.
    const first = window.setTimeout(tick, 0);
    const timer = window.setInterval(tick, 1_000);
    return () => {
      window.clearTimeout(first);
      window.clearInterval(timer);
    };
  }, [active]);
  return now;
}

/** "4:05 left", "Time is up". */
export function remainingText(endsAt: number, now: number): string {
  const left = Math.max(0, Math.ceil((endsAt - now) / 1_000));
  if (left === 0) return 'Time is up';
  const minutes = Math.floor(left / 60);
  const seconds = left % 60;
  return `${minutes}:${String(seconds).padStart(2, '0')} left`;
}

/** The remaining time of the phase, or nothing without a timer. */
export function TimeLeft({ endsAt, size = 'md' }: { endsAt: number | null; size?: 'md' | 'xl' }) {
  const now = useNow(endsAt !== null);
  if (endsAt === null) return null;
  const text = remainingText(endsAt, now);
  return (
    <Text
      role="timer"
      aria-label="Time left in this phase"
      fw={700}
      size={size === 'xl' ? '3rem' : 'lg'}
      c={text === 'Time is up' ? 'var(--mantine-color-error)' : undefined}
      style={{ fontVariantNumeric: 'tabular-nums' }}
    >
      {text}
    </Text>
  );
}

/** The timer's controls for the facilitator, with the time left. */
export function PhaseTimer() {
  const { review, readOnly } = useReview();
  const repository = useSession((state) => state.session?.repository);
  const { failure, attempt } = useWriteFailure();
  const [minutes, setMinutes] = useState<number | string>(10);
  const set = (value: number | null) =>
    attempt(() => withRepository(repository, (repo) => setPhaseTimer(repo, review, value, Date.now())));
  return (
    <Group gap="sm" align="flex-end" className="review-no-print">
      <NumberInput
        label="Minutes for this phase"
        min={1}
        max={240}
        allowDecimal={false}
        allowNegative={false}
        value={minutes}
        onChange={setMinutes}
        disabled={readOnly}
        w={180}
        error={failure}
      />
      <Button
        variant="default"
        leftSection={<Timer size={16} aria-hidden />}
        disabled={readOnly}
        onClick={() => set(typeof minutes === 'number' ? minutes : Number.NaN)}
      >
        {review.phaseEndsAt === null ? 'Start timer' : 'Restart timer'}
      </Button>
      {review.phaseEndsAt !== null ? (
        <Button
          variant="subtle"
          leftSection={<TimerOff size={16} aria-hidden />}
          disabled={readOnly}
          onClick={() => set(null)}
        >
          Stop timer
        </Button>
      ) : null}
      <TimeLeft endsAt={review.phaseEndsAt} />
    </Group>
  );
}
