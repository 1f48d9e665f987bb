/**
 * Workspaces: every workspace on this device, with open, rename, back up and trash; the
 * trash, with restore and delete for good; and import of a backup file.
 */
import { describeError } from '@shared/errors';
import { Badge, Button, Card, Group, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { FolderOpen, Plus, RotateCcw } from 'lucide-react';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import type { WorkspaceMeta } from '@shared/workspace/workspace-meta';
import { EmptyState } from '../components/empty-state';
import { ListTable } from '../components/form-parts';
import { RowMenu } from '../components/row-menu';
import { Screen } from '../components/screen';
import { BackupButton, ImportBackupButton, SnapshotsButton } from '../workspaces/backup-actions';
import { DeleteWorkspaceDialog } from '../workspaces/delete-workspace-dialog';
import { RenameWorkspaceDialog } from '../workspaces/rename-workspace-dialog';
import { useOpenCreateWorkspace } from '../workspaces/workspace-actions';
import { selectLiveWorkspaces, selectTrashedWorkspaces, useWorkspaces } from '../workspaces/workspace-store';

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });

function KindBadge({ workspace }: { workspace: WorkspaceMeta }) {
  return (
    <Badge variant="light" color={workspace.kind === 'team' ? 'grape' : 'gray'}>
      {workspace.kind}
    </Badge>
  );
}

/** The workspaces screen. */
export function WorkspacesScreen() {
  const live = useWorkspaces(selectLiveWorkspaces);
  const trashed = useWorkspaces(selectTrashedWorkspaces);
  const activeId = useWorkspaces((state) => state.activeId);
  const select = useWorkspaces((state) => state.select);
  const trash = useWorkspaces((state) => state.trash);
  const restore = useWorkspaces((state) => state.restore);
  const openCreate = useOpenCreateWorkspace();
  const navigate = useNavigate();
  const [renaming, setRenaming] = useState<WorkspaceMeta | null>(null);
  const [deleting, setDeleting] = useState<WorkspaceMeta | null>(null);

  const run = (action: () => Promise<void>, failure: string) => {
    action().catch((error: unknown) =>
      notifications.show({ color: 'red', title: failure, message: describeError(error) }),
    );
  };

  const open = (workspace: WorkspaceMeta) =>
    run(async () => {
      await select(workspace.id);
      await navigate('/dashboard');
    }, 'Could not open the workspace');

  const moveToTrash = (workspace: WorkspaceMeta) =>
    run(async () => {
      await trash(workspace.id);
      const id = `trashed-${workspace.id}`;
      notifications.show({
        id,
        title: 'Moved to the trash',
        message: (
          <Group gap="xs" justify="space-between">
            <Text size="sm">{workspace.name} is in the trash.</Text>
            <Button
              size="compact-xs"
              variant="light"
              aria-label={`Undo moving ${workspace.name} to the trash`}
              onClick={() => {
                notifications.hide(id);
                run(() => restore(workspace.id), 'Could not restore the workspace');
              }}
            >
              Undo
            </Button>
          </Group>
        ),
      });
    }, 'Could not move the workspace to the trash');

  return (
    <Screen
      title="Workspaces"
      description="Everything on this device. Personal workspaces never leave it; team workspaces can be shared."
      actions={
        <>
          <ImportBackupButton />
          <Button leftSection={<Plus size={16} aria-hidden />} onClick={openCreate}>
            New workspace
          </Button>
        </>
      }
    >
      {live.length === 0 ? (
        <EmptyState icon={FolderOpen} title="No workspaces yet">
          Create one to start, or restore one from the trash below.
        </EmptyState>
      ) : (
        <Card withBorder radius="md" padding={0} component="section" aria-labelledby="live-heading">
          <Title order={2} size="h4" id="live-heading" p="md" pb={0}>
            On this device
          </Title>
          <ListTable columns={['Name', 'Kind', 'Created']}>
            {live.map((workspace) => (
              <Table.Tr key={workspace.id}>
                <Table.Td>
                  <Text fw={600}>{workspace.name}</Text>
                  {workspace.id === activeId ? (
                    <Text size="xs" c="dimmed">
                      Open now
                    </Text>
                  ) : null}
                </Table.Td>
                <Table.Td>
                  <KindBadge workspace={workspace} />
                </Table.Td>
                <Table.Td>{dateFormat.format(workspace.createdAt)}</Table.Td>
                <Table.Td>
                  <Group gap="xs" justify="flex-end" wrap="nowrap">
                    {workspace.id !== activeId ? (
                      <Button
                        size="xs"
                        variant="default"
                        onClick={() => open(workspace)}
                        aria-label={`Open ${workspace.name}`}
                      >
                        Open
                      </Button>
                    ) : null}
                    <SnapshotsButton workspace={workspace} />
                    <BackupButton workspace={workspace} />
                    <RowMenu
                      label={`More actions for ${workspace.name}`}
                      editLabel="Rename…"
                      onEdit={() => setRenaming(workspace)}
                      onTrash={() => moveToTrash(workspace)}
                    />
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </ListTable>
        </Card>
      )}

      <Card withBorder radius="md" padding={0} component="section" aria-labelledby="trash-heading">
        <Title order={2} size="h4" id="trash-heading" p="md" pb={trashed.length === 0 ? 'md' : 0}>
          Trash
        </Title>
        {trashed.length === 0 ? (
          <Text c="dimmed" px="md" pb="md">
            The trash is empty. A workspace moved here can be restored until you delete it for good.
          </Text>
        ) : (
          <ListTable columns={['Name', 'Kind', 'Moved to trash']}>
            {trashed.map((workspace) => (
              <Table.Tr key={workspace.id}>
                <Table.Td>{workspace.name}</Table.Td>
                <Table.Td>
                  <KindBadge workspace={workspace} />
                </Table.Td>
                <Table.Td>{dateFormat.format(workspace.deletedAt ?? workspace.updatedAt)}</Table.Td>
                <Table.Td>
                  <Group gap="xs" justify="flex-end" wrap="nowrap">
                    <Button
                      size="xs"
                      variant="default"
                      leftSection={<RotateCcw size={14} aria-hidden />}
                      onClick={() => run(() => restore(workspace.id), 'Could not restore the workspace')}
                      aria-label={`Restore ${workspace.name}`}
                    >
                      Restore
                    </Button>
                    <Button
                      size="xs"
                      color="red"
                      variant="light"
                      onClick={() => setDeleting(workspace)}
                      aria-label={`Delete ${workspace.name} for good`}
                    >
                      Delete for good…
                    </Button>
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </ListTable>
        )}
      </Card>
      <RenameWorkspaceDialog workspace={renaming} onClose={() => setRenaming(null)} />
      <DeleteWorkspaceDialog workspace={deleting} onClose={() => setDeleting(null)} />
    </Screen>
  );
}
