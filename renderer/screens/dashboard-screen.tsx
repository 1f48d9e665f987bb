/**
 * The dashboard. Until there is data to show, it is the place a new team starts from:
 * the framework's first steps, each linking to the screen where it is done.
 */
import { Anchor, Card, SimpleGrid, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { BarChart3, CalendarCheck, GitFork, Scale, type LucideIcon } from 'lucide-react';
import { Link } from 'react-router';
import { Screen } from '../components/screen';
import { selectActiveWorkspace, useWorkspaces } from '../workspaces/workspace-store';
import { NoWorkspace } from './no-workspace';

interface FirstStep {
  title: string;
  text: string;
  to: string;
  link: string;
  icon: LucideIcon;
}

const firstSteps: FirstStep[] = [
  {
    title: '1. Draw clear boundaries',
    text: 'Name your domains, who owns them, their budget and the limits for deciding alone.',
    to: '/domains',
    link: 'Go to domains',
    icon: GitFork,
  },
  {
    title: '2. Record decisions',
    text: 'Each decision is classified from its impact, so everyone knows who decides.',
    to: '/decisions',
    link: 'Go to decisions',
    icon: Scale,
  },
  {
    title: '3. Review every week',
    text: 'Look at decision patterns, value created and quick wins, and agree actions.',
    to: '/reviews',
    link: 'Go to reviews',
    icon: CalendarCheck,
  },
  {
    title: '4. Watch the trends',
    text: 'See whether autonomy pays off: speed, escalations, value and team health.',
    to: '/metrics',
    link: 'Go to metrics',
    icon: BarChart3,
  },
];

/** The dashboard screen. */
export function DashboardScreen() {
  const active = useWorkspaces(selectActiveWorkspace);
  if (!active) {
    return (
      <Screen title="Welcome to Latitude" description="Decide who decides what, and see whether it pays off.">
        <NoWorkspace />
      </Screen>
    );
  }
  return (
    <Screen
      title="Dashboard"
      description={`${active.name} · ${active.kind === 'team' ? 'team workspace' : 'personal workspace'}`}
    >
      <Title order={2} size="h3">
        Getting started
      </Title>
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
        {firstSteps.map((step) => (
          <Card key={step.to} withBorder radius="md" padding="lg" component="section" aria-label={step.title}>
            <Stack gap="xs">
              <ThemeIcon variant="light" size="lg" radius="md" aria-hidden>
                <step.icon size={20} />
              </ThemeIcon>
              <Title order={3} size="h4">
                {step.title}
              </Title>
              <Text size="sm" c="dimmed">
                {step.text}
              </Text>
              <Anchor component={Link} to={step.to} size="sm">
                {step.link}
              </Anchor>
            </Stack>
          </Card>
        ))}
      </SimpleGrid>
    </Screen>
  );
}
