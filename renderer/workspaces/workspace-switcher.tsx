/**
 * The workspace switcher at the top of the sidebar: shows the open workspace, lists the
 * others and offers to create a new one. A Mantine menu, so arrows, Enter and Escape work.
 */
import { describeError } from '@shared/errors';
import { Badge, Group, Menu, Text, UnstyledButton, VisuallyHidden } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { Check, ChevronsUpDown, Plus, Settings2 } from 'lucide-react';
import { useNavigate } from 'react-router';
import { selectActiveWorkspace, selectLiveWorkspaces, useWorkspaces } from './workspace-store';
import { useOpenCreateWorkspace } from './workspace-actions';

/** The workspace switcher. */
export function WorkspaceSwitcher() {
  const workspaces = useWorkspaces(selectLiveWorkspaces);
  const active = useWorkspaces(selectActiveWorkspace);
  const select = useWorkspaces((state) => state.select);
  const openCreate = useOpenCreateWorkspace();
  const navigate = useNavigate();

  const choose = (id: string) => {
    select(id).catch((error: unknown) =>
      notifications.show({
        color: 'red',
        title: 'Could not open the workspace',
        message: describeError(error),
      }),
    );
  };

  // Without Mantine's initial-focus placeholder: it is focusable yet "presentational", which
  // is not a valid child of a menu. Instead the items are focusable, so opening the menu
  // focuses the first one (the open workspace); arrows move between them.
  return (
    <Menu
      position="bottom-start"
      width="target"
      withinPortal
      shadow="md"
      withInitialFocusPlaceholder={false}
      menuItemTabIndex={0}
    >
      <Menu.Target>
        <UnstyledButton className="workspace-switcher" w="100%" p="xs">
          <Group justify="space-between" wrap="nowrap" gap="xs">
            <div style={{ minWidth: 0 }}>
              <Text size="xs" c="dimmed">
                Workspace
              </Text>
              <Text fw={600} truncate>
                {active ? active.name : 'None yet'}
              </Text>
              {/* The accessible name is the visible text plus what the button does. */}
              <VisuallyHidden>{active ? 'Switch workspace' : 'Create a workspace'}</VisuallyHidden>
            </div>
            <ChevronsUpDown size={16} aria-hidden />
          </Group>
        </UnstyledButton>
      </Menu.Target>
      <Menu.Dropdown>
        {workspaces.map((workspace) => (
          <Menu.Item
            key={workspace.id}
            onClick={() => choose(workspace.id)}
            leftSection={workspace.id === active?.id ? <Check size={14} aria-hidden /> : <span style={{ width: 14 }} />}
            rightSection={
              <Badge size="xs" variant="light" color={workspace.kind === 'team' ? 'grape' : 'gray'}>
                {workspace.kind}
              </Badge>
            }
            aria-current={workspace.id === active?.id ? 'true' : undefined}
          >
            {workspace.name}
          </Menu.Item>
        ))}
        {workspaces.length > 0 ? <Menu.Divider role="separator" /> : null}
        <Menu.Item leftSection={<Plus size={14} aria-hidden />} onClick={openCreate}>
          New workspace…
        </Menu.Item>
        <Menu.Item leftSection={<Settings2 size={14} aria-hidden />} onClick={() => void navigate('/workspaces')}>
          Manage workspaces…
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
