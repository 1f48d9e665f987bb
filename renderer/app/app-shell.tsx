/**
 * The frame around every screen: a skip link, the sidebar with the workspace switcher
 * and the sections, and the main area. It also owns keyboard shortcuts, menu commands
 * from Electron, focus after navigation, the "new workspace" dialog, and the open
 * workspace's sync (its status and who is here, in the header).
 */
import { AppShell, Badge, Burger, Divider, Group, NavLink, ScrollArea, Stack, Text, Title } from '@mantine/core';
import { useDisclosure, useHotkeys } from '@mantine/hooks';
import { useEffect, useRef, useState } from 'react';
import { Link, Outlet, useLocation, useNavigate } from 'react-router';
import { usePlatform } from '../platform';
import { SCREEN_HEADING_ID } from '../components/screen';
import { CreateWorkspaceDialog } from '../workspaces/create-workspace-dialog';
import { OpenCreateWorkspaceContext } from '../workspaces/workspace-actions';
import { WorkspaceSwitcher } from '../workspaces/workspace-switcher';
import { footerSections, mainSections, pathForCommand, type Section } from './sections';
import { UndoRedoButtons, useUndoHotkeys, useUndoMenuCommands } from './undo-redo';
import { ReadOnlyBanner } from './read-only-banner';
import { WorkspaceSyncManager } from '../sync/sync-manager';
import { SyncStatusButton } from '../sync/sync-panel';
import { useReviewsDueCount } from './use-reviews-due-count';
import { useSession } from '../workspaces/session-store';

const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);
const modKey = isMac ? '⌘' : 'Ctrl';

function SectionLink({
  section,
  onNavigate,
  reviewsDue = 0,
}: {
  section: Section;
  onNavigate: () => void;
  /** Reviews due, shown as a badge (Decisions only); none when 0. */
  reviewsDue?: number;
}) {
  const location = useLocation();
  const active = location.pathname === section.path || location.pathname.startsWith(`${section.path}/`);
  const Icon = section.icon;
  const shortcut = section.shortcut ? (
    <Text size="xs" c="dimmed" aria-hidden>
      {modKey}+{section.shortcut}
    </Text>
  ) : null;
  return (
    <NavLink
      component={Link}
      to={section.path}
      label={section.label}
      leftSection={<Icon size={18} aria-hidden />}
      rightSection={
        reviewsDue > 0 ? (
          <Group gap={6} wrap="nowrap">
            {/* The link's name is its visible text and then the words: "Decisions 2 reviews due". */}
            <Badge size="sm" circle={reviewsDue < 10} color="orange">
              {reviewsDue} <span className="visually-hidden">{reviewsDue === 1 ? 'review due' : 'reviews due'}</span>
            </Badge>
            {shortcut}
          </Group>
        ) : (
          shortcut
        )
      }
      active={active}
      aria-current={active ? 'page' : undefined}
      onClick={onNavigate}
    />
  );
}

/** The app's layout route. */
export function AppShellLayout() {
  const [navOpened, { toggle: toggleNav, close: closeNav }] = useDisclosure(false);
  const [creating, setCreating] = useState(false);
  const opening = useSession((state) => state.status === 'opening');
  const navigate = useNavigate();
  const location = useLocation();
  const platform = usePlatform();
  const firstRender = useRef(true);
  useUndoHotkeys();
  useUndoMenuCommands();
  const reviewsDue = useReviewsDueCount();

  useHotkeys(
    mainSections.flatMap((section) =>
      section.shortcut ? [[`mod+${section.shortcut}`, () => void navigate(section.path)] as [string, () => void]] : [],
    ),
  );

  useEffect(
    () =>
      platform.onMenuCommand((command) => {
        const path = pathForCommand(command);
        if (path) void navigate(path);
      }),
    [platform, navigate],
  );

  // After navigation, move focus to the new screen's heading. Not on first load, where
  // the skip link should stay the first stop.
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    document.getElementById(SCREEN_HEADING_ID)?.focus();
  }, [location.pathname]);

  return (
    <OpenCreateWorkspaceContext.Provider value={() => setCreating(true)}>
      <a
        href="#main-content"
        className="skip-link"
        onClick={(event) => {
          event.preventDefault();
          document.getElementById(SCREEN_HEADING_ID)?.focus();
        }}
      >
        Skip to content
      </a>
      <AppShell
        header={{ height: 52 }}
        navbar={{ width: 260, breakpoint: 'sm', collapsed: { mobile: !navOpened } }}
        padding="lg"
      >
        <AppShell.Header>
          <Group h="100%" px="md" gap="sm">
            <Burger opened={navOpened} onClick={toggleNav} hiddenFrom="sm" size="sm" aria-label="Toggle navigation" />
            <Title order={2} size="h4" component="p">
              Latitude
            </Title>
            <Text size="sm" c="dimmed" visibleFrom="md">
              Decide who decides what.
            </Text>
            <UndoRedoButtons />
            <SyncStatusButton />
          </Group>
        </AppShell.Header>
        <AppShell.Navbar p="sm" component="nav" aria-label="Main">
          <AppShell.Section>
            <WorkspaceSwitcher />
          </AppShell.Section>
          <Divider my="sm" />
          <AppShell.Section grow component={ScrollArea}>
            <Stack gap={2}>
              {mainSections.map((section) => (
                <SectionLink
                  key={section.path}
                  section={section}
                  onNavigate={closeNav}
                  reviewsDue={section.path === '/decisions' ? reviewsDue : 0}
                />
              ))}
            </Stack>
          </AppShell.Section>
          <AppShell.Section>
            <Divider my="sm" />
            {footerSections.map((section) => (
              <SectionLink key={section.path} section={section} onNavigate={closeNav} />
            ))}
          </AppShell.Section>
        </AppShell.Navbar>
        <WorkspaceSyncManager />
        {/* Busy while a workspace opens: what shows meanwhile is its read-only first snapshot, or a loader. */}
        <AppShell.Main id="main-content" aria-busy={opening}>
          <ReadOnlyBanner />
          <Outlet />
        </AppShell.Main>
      </AppShell>
      <CreateWorkspaceDialog
        opened={creating}
        onClose={() => setCreating(false)}
        onCreated={() => void navigate('/dashboard')}
      />
    </OpenCreateWorkspaceContext.Provider>
  );
}
