/**
 * Actions agreed in reviews, each with a "done" box: ticking it records when it was done
 * (one undo step), and an open action keeps carrying into later reviews until then.
 */
import { Anchor, Badge, Checkbox, Group, Stack, Text } from '@mantine/core';
import { Link } from 'react-router';
import type { Entity } from '@shared/model/entities';
import { formatDate } from '@shared/review';
import { useWriteFailure } from '../domains/charter/section';
import { useDocument, useSession } from '../workspaces/session-store';
import { setActionDone } from './review-actions';

type Action = Entity<'actions'>;

/** Open first, then by due date (none last), then by title. */
export function byDueDate(a: Action, b: Action): number {
  if (a.done !== b.done) return a.done ? 1 : -1;
  if (a.dueOn !== b.dueOn) {
    if (a.dueOn === null) return 1;
    if (b.dueOn === null) return -1;
    return a.dueOn < b.dueOn ? -1 : 1;
  }
  return a.title.localeCompare(b.title) || (a.id < b.id ? -1 : 1);
}

/** "Ana · due 3 Dec 2026" (an overdue one has its badge), "Ana · done". */
function detailsOf(action: Action, ownerName: string): string {
  const parts = [ownerName === '' ? 'No owner yet' : ownerName];
  if (action.dueOn !== null) parts.push(`due ${formatDate(action.dueOn)}`);
  if (action.done) parts.push('done');
  return parts.join(' · ');
}

/** A list of actions with their done boxes; `showReview` links each to the review it was agreed in. */
export function ActionList({
  actions,
  today,
  showReview = false,
  label,
}: {
  actions: readonly Action[];
  /** Today's date, YYYY-MM-DD: actions due before it are overdue. */
  today: string;
  showReview?: boolean;
  /** The list's accessible name. */
  label: string;
}) {
  const repository = useSession((state) => state.session?.repository);
  const readOnly = useDocument((state) => state.readOnly) !== null;
  const reviews = useDocument((state) => state.entities.reviews);
  const members = useDocument((state) => state.entities.members);
  const { failure, attempt } = useWriteFailure();
  return (
    <Stack gap="xs">
      <Stack component="ul" gap="xs" m={0} p={0} style={{ listStyle: 'none' }} aria-label={label}>
        {actions.map((action) => {
          const review = action.reviewId === null ? undefined : reviews.get(action.reviewId);
          const owner =
            action.ownerName !== ''
              ? action.ownerName
              : action.ownerId === null
                ? ''
                : (members.get(action.ownerId)?.name ?? '');
          const overdue = !action.done && action.dueOn !== null && action.dueOn < today;
          return (
            <li key={action.id}>
              <Group gap="sm" wrap="nowrap" align="flex-start">
                <Checkbox
                  mt={3}
                  checked={action.done}
                  disabled={readOnly}
                  aria-label={`Done: ${action.title}`}
                  onChange={(event) => {
                    const done = event.currentTarget.checked;
                    attempt(() => {
                      if (!repository) throw new Error('No workspace is open.');
                      setActionDone(repository, action, done, Date.now());
                    });
                  }}
                />
                <Stack gap={0}>
                  <Text td={action.done ? 'line-through' : undefined}>{action.title}</Text>
                  <Group gap="xs">
                    <Text size="sm" c="dimmed">
                      {detailsOf(action, owner)}
                    </Text>
                    {overdue ? (
                      <Badge size="sm" color="orange" variant="light">
                        Overdue
                      </Badge>
                    ) : null}
                    {showReview && review !== undefined ? (
                      <Anchor component={Link} to={`/reviews/${review.id}`} size="sm">
                        From {review.title}
                      </Anchor>
                    ) : null}
                  </Group>
                </Stack>
              </Group>
            </li>
          );
        })}
      </Stack>
      {failure ? (
        <Text size="sm" c="red" role="alert">
          {failure}
        </Text>
      ) : null}
    </Stack>
  );
}
