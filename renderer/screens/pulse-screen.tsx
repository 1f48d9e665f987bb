/**
 * The pulse check screen (`/metrics/pulse`): the quick, anonymous-by-default form, and how
 * many answers this week has so far (a count only: single answers are never listed).
 */
import { Alert, Anchor, Paper, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { Link } from 'react-router';
import { Screen } from '../components/screen';
import { WorkspaceGate } from '../components/workspace-gate';
import { selectLive } from '../data/document-store';
import { PulseCheckForm, pulseWeeks } from '../metrics/pulse/pulse-check-form';
import { useDocument } from '../workspaces/session-store';

/** The pulse check screen. */
export function PulseScreen() {
  const [recorded, setRecorded] = useState<'anonymous' | 'named' | null>(null);
  const [thisWeek] = useState(() => pulseWeeks(Date.now())[0]?.value ?? '');
  const answers = useDocument((state) => selectLive(state, 'pulseChecks')).filter(
    (pulse) => pulse.periodStart === thisWeek,
  ).length;
  return (
    <Screen
      title="Pulse check"
      description="How you feel about the team this week. It takes a minute; the team's figures show on the metrics dashboard."
    >
      <WorkspaceGate>
        <Stack gap="lg" maw={720}>
          {recorded !== null ? (
            <Alert
              color="green"
              title="Recorded, thank you"
              role="status"
              withCloseButton
              onClose={() => setRecorded(null)}
            >
              {recorded === 'anonymous'
                ? 'Your answer was recorded anonymously.'
                : 'Your answer was recorded with your name.'}{' '}
              <Anchor component={Link} to="/metrics">
                See the team's figures
              </Anchor>
            </Alert>
          ) : null}
          <Paper withBorder p="lg" radius="md">
            <PulseCheckForm onRecorded={(anonymous) => setRecorded(anonymous ? 'anonymous' : 'named')} />
          </Paper>
          <Text size="sm" c="dimmed">
            {answers === 1 ? '1 answer' : `${answers} answers`} for this week so far, in all teams.
          </Text>
        </Stack>
      </WorkspaceGate>
    </Screen>
  );
}
