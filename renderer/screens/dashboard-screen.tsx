/**
 * The dashboard: where a workspace starts from. It holds the guided setup (the framework's
 * implementation guide as a checklist that walks a new workspace to its first domain with
 * decision thresholds, and on through the pilot, scale and optimisation phases), which can
 * be hidden and brought back, and quick links to the main sections.
 */
import { Anchor, Button, Card, SimpleGrid, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { BarChart3, CalendarCheck, GitFork, ListChecks, Scale, type LucideIcon } from 'lucide-react';
import { useEffect } from 'react';
import { Link, useLocation } from 'react-router';
import { Screen } from '../components/screen';
import { WorkspaceGate } from '../components/workspace-gate';
import { GUIDED_SETUP_HEADING_ID, GUIDED_SETUP_ID, GuidedSetupCard } from '../setup/guided-setup-card';
import { useSetupState } from '../setup/use-setup-state';
import { selectActiveWorkspace, useWorkspaces } from '../workspaces/workspace-store';
import { NoWorkspace } from './no-workspace';

interface QuickLink {
  title: string;
  text: string;
  to: string;
  link: string;
  icon: LucideIcon;
}

const quickLinks: QuickLink[] = [
  {
    title: 'Domains',
    text: 'The areas people and teams own: boundaries, owners, budgets and the limits for deciding alone.',
    to: '/domains',
    link: 'Go to domains',
    icon: GitFork,
  },
  {
    title: 'Decisions',
    text: 'Each decision is classified from its impact, so everyone knows who decides.',
    to: '/decisions',
    link: 'Go to decisions',
    icon: Scale,
  },
  {
    title: 'Reviews',
    text: 'Look at decision patterns, value created and quick wins, and agree actions.',
    to: '/reviews',
    link: 'Go to reviews',
    icon: CalendarCheck,
  },
  {
    title: 'Metrics',
    text: 'See whether autonomy pays off: speed, escalations, value and team health.',
    to: '/metrics',
    link: 'Go to metrics',
    icon: BarChart3,
  },
];

function QuickLinks() {
  return (
    <Stack gap="sm" component="section" aria-labelledby="quick-links-title">
      <Title order={2} size="h3" id="quick-links-title">
        Around the workspace
      </Title>
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
        {quickLinks.map((item) => (
          <Card key={item.to} withBorder radius="md" padding="lg">
            <Stack gap="xs">
              <ThemeIcon variant="light" size="lg" radius="md" aria-hidden>
                <item.icon size={20} />
              </ThemeIcon>
              <Title order={3} size="h4">
                {item.title}
              </Title>
              <Text size="sm" c="dimmed">
                {item.text}
              </Text>
              <Anchor component={Link} to={item.to} size="sm">
                {item.link}
              </Anchor>
            </Stack>
          </Card>
        ))}
      </SimpleGrid>
    </Stack>
  );
}

/** The open workspace's dashboard: the guided setup (unless hidden) and quick links. */
function WorkspaceDashboard({ workspaceId }: { workspaceId: string }) {
  const setup = useSetupState(workspaceId);
  const { hash } = useLocation();
  const showSetup = setup.status === 'ready' && !setup.state.dismissed;

  // `/dashboard#guided-setup` (from Help) brings the checklist into view once it is shown.
  useEffect(() => {
    if (hash !== `#${GUIDED_SETUP_ID}` || !showSetup) return;
    const timer = window.setTimeout(() => document.getElementById(GUIDED_SETUP_ID)?.scrollIntoView(), 0);
    return () => window.clearTimeout(timer);
  }, [hash, showSetup]);

  return (
    <>
      {showSetup ? <GuidedSetupCard setup={setup} /> : null}
      <QuickLinks />
    </>
  );
}

/** The "Guided setup" button of the header, shown while the checklist is hidden. */
function ReopenSetupButton({ workspaceId }: { workspaceId: string }) {
  const setup = useSetupState(workspaceId);
  if (setup.status !== 'ready' || !setup.state.dismissed) return null;
  return (
    <Button
      variant="light"
      leftSection={<ListChecks size={16} aria-hidden />}
      onClick={() => {
        setup.setDismissed(false);
        // Once the card is back, move focus to its heading so keyboard users land on it.
        window.setTimeout(() => document.getElementById(GUIDED_SETUP_HEADING_ID)?.focus(), 0);
      }}
    >
      Guided setup
    </Button>
  );
}

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
      actions={<ReopenSetupButton workspaceId={active.id} />}
    >
      <WorkspaceGate>
        <WorkspaceDashboard workspaceId={active.id} />
      </WorkspaceGate>
    </Screen>
  );
}
