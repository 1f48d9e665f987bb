/**
 * "Reviews due" above the decision log: each decision whose review date has come and whose
 * outcome is not recorded, the longest overdue first, linking to its page.
 */
import { Anchor, Group, List, Paper, Text, Title } from '@mantine/core';
import { CalendarClock } from 'lucide-react';
import { Link } from 'react-router';
import { formatCalendarDate } from '../../domains/charter/dates';
import type { DueReview } from './reviews-due';

/** How many due reviews are listed before "and N more". */
const SHOWN = 20;

export function ReviewsDueSection({ due, today }: { due: readonly DueReview[]; today: string }) {
  if (due.length === 0) return null;
  const shown = due.slice(0, SHOWN);
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="reviews-due-heading">
      <Group gap="xs" mb="xs">
        <CalendarClock size={18} aria-hidden color="var(--mantine-color-orange-filled)" />
        <Title order={2} size="h4" id="reviews-due-heading">
          Reviews due ({due.length})
        </Title>
      </Group>
      <Text size="sm" mb="xs">
        These decisions reached their review date: record how they worked out.
      </Text>
      <List size="sm" spacing={4}>
        {shown.map(({ decision, reviewOn }) => (
          <List.Item key={decision.id}>
            <Anchor component={Link} to={`/decisions/${decision.id}`}>
              {decision.title}
            </Anchor>{' '}
            <Text span size="sm" c="dimmed">
              — {reviewOn === today ? 'due today' : `due since ${formatCalendarDate(reviewOn)}`}
            </Text>
          </List.Item>
        ))}
      </List>
      {due.length > shown.length ? (
        <Text size="sm" mt="xs">
          and {due.length - shown.length} more.
        </Text>
      ) : null}
    </Paper>
  );
}
