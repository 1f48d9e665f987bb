/**
 * Backing up, importing and restoring from the Workspaces screen:
 * - "Back up" saves a workspace's backup file (a save dialog, or a download);
 * - "Import backup…" reads a file, checks it completely, then offers to import it as a new
 *   workspace or to merge it into the same workspace; a bad file is refused with the reason
 *   and nothing changes;
 * - "Snapshots…" lists the open workspace's automatic snapshots and restores one.
 */
import { describeError } from '@shared/errors';
import { Alert, Button, Group, Modal, Stack, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { Download, History, TriangleAlert, Upload } from 'lucide-react';
import { useCallback, useState } from 'react';
import { useNavigate } from 'react-router';
import { BACKUP_FILE_EXTENSION } from '@shared/backup/backup-format';
import type { WorkspaceMeta } from '@shared/workspace/workspace-meta';
import type { SnapshotSummary } from '../data/persistence/snapshots';
import { ListTable } from '../components/form-parts';
import { usePlatform } from '../platform';
import { backupAsNewWorkspaceState, createBackupFile, readBackupFile, type CheckedBackup } from './backup-service';
import { useSession, useSessionStoreApi } from './session-store';
import { selectLiveWorkspaces, useWorkspaces } from './workspace-store';

const dateTimeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const backupFilter = { name: 'Latitude backup', extensions: [BACKUP_FILE_EXTENSION.slice(1)] };
const reasonLabels = {
  daily: 'Daily',
  manual: 'Taken by hand',
  'before-import': 'Before an import',
  'before-restore': 'Before a restore',
} as const;

/** The "Back up" button of one workspace. */
export function BackupButton({ workspace }: { workspace: WorkspaceMeta }) {
  const platform = usePlatform();
  const sessions = useSessionStoreApi();
  const [busy, setBusy] = useState(false);

  const backUp = async () => {
    setBusy(true);
    try {
      const file = await sessions
        .getState()
        .readDocument(workspace, (doc) => createBackupFile(workspace, doc, Date.now()));
      const result = await platform.saveFile({
        title: `Back up ${workspace.name}`,
        suggestedName: file.fileName,
        filters: [backupFilter],
        data: file.data,
      });
      if (result.status === 'saved') {
        notifications.show({ title: 'Backup saved', message: `${workspace.name} was saved as ${result.fileName}.` });
      }
    } catch (error) {
      notifications.show({ color: 'red', title: 'The backup could not be made', message: describeError(error) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Button
      size="xs"
      variant="default"
      leftSection={<Download size={14} aria-hidden />}
      loading={busy}
      onClick={() => void backUp()}
      aria-label={`Back up ${workspace.name}`}
    >
      Back up
    </Button>
  );
}

/** Picks a name that no live workspace has yet. */
function freeName(name: string, taken: readonly WorkspaceMeta[]): string {
  const names = new Set(taken.map((w) => w.name));
  if (!names.has(name)) return name;
  for (let n = 1; ; n += 1) {
    const candidate = `${name} (imported${n === 1 ? '' : ` ${n}`})`.slice(0, 80);
    if (!names.has(candidate)) return candidate;
  }
}

/** The "Import backup…" button and the dialog that follows it. */
export function ImportBackupButton() {
  const platform = usePlatform();
  const sessions = useSessionStoreApi();
  const navigate = useNavigate();
  const live = useWorkspaces(selectLiveWorkspaces);
  const adopt = useWorkspaces((state) => state.adopt);
  const select = useWorkspaces((state) => state.select);
  const [checked, setChecked] = useState<{ fileName: string; backup: CheckedBackup } | null>(null);
  const [refused, setRefused] = useState<{ fileName: string; reason: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const [checking, setChecking] = useState(false);
  const same = checked ? live.find((w) => w.id === checked.backup.workspace.id) : undefined;

  const choose = async () => {
    let fileName = 'The file';
    try {
      const file = await platform.openFile({ title: 'Import a Latitude backup', filters: [backupFilter] });
      if (file.status === 'cancelled') return;
      fileName = file.fileName;
      // Checking a big backup takes a moment (checksum, decoding, validation): show it.
      setChecking(true);
      setChecked({ fileName, backup: await readBackupFile(file.data) });
    } catch (error) {
      setRefused({ fileName, reason: describeError(error) });
    } finally {
      setChecking(false);
    }
  };

  const close = () => {
    checked?.backup.doc.destroy();
    setChecked(null);
  };

  const importAsNew = async () => {
    if (!checked) return;
    setBusy(true);
    try {
      const now = Date.now();
      const { workspace } = checked.backup;
      const meta: WorkspaceMeta = {
        id: crypto.randomUUID(),
        name: freeName(workspace.name, live),
        kind: workspace.kind,
        createdAt: now,
        updatedAt: now,
        deletedAt: null,
      };
      await adopt(meta, backupAsNewWorkspaceState(checked.backup, meta.id));
      notifications.show({ title: 'Backup imported', message: `${meta.name} is open.` });
      close();
      await navigate('/dashboard');
    } catch (error) {
      notifications.show({ color: 'red', title: 'The backup could not be imported', message: describeError(error) });
    } finally {
      setBusy(false);
    }
  };

  const merge = async () => {
    if (!checked || !same) return;
    setBusy(true);
    try {
      await select(same.id);
      const session = await sessions.getState().ensureOpen(same);
      if (!session) throw new Error(sessions.getState().error ?? 'The workspace could not be opened.');
      await session.mergeBackup(checked.backup);
      notifications.show({
        title: 'Backup merged',
        message: `What the backup had that ${same.name} lacked is back. A snapshot of the state before was kept.`,
      });
      close();
      await navigate('/dashboard');
    } catch (error) {
      notifications.show({ color: 'red', title: 'The backup could not be merged', message: describeError(error) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <Button
        variant="default"
        leftSection={<Upload size={16} aria-hidden />}
        loading={checking}
        onClick={() => void choose()}
      >
        Import backup…
      </Button>
      <Modal
        opened={checked !== null}
        onClose={close}
        title="Import backup"
        centered
        closeButtonProps={{ 'aria-label': 'Close' }}
      >
        {checked ? (
          <Stack gap="md">
            <Text>
              <strong>{checked.fileName}</strong> is a backup of “{checked.backup.workspace.name}”, made{' '}
              {dateTimeFormat.format(checked.backup.exportedAt)}, with {checked.backup.entityCount}{' '}
              {checked.backup.entityCount === 1 ? 'item' : 'items'}.
            </Text>
            {same ? (
              <Text size="sm">
                Merging brings back what the backup has and “{same.name}” lacks; nothing written since is lost.
              </Text>
            ) : null}
            <Group justify="flex-end" gap="sm">
              <Button variant="default" onClick={close}>
                Cancel
              </Button>
              {same ? (
                <Button variant="light" loading={busy} onClick={() => void merge()}>
                  Merge into “{same.name}”
                </Button>
              ) : null}
              <Button loading={busy} onClick={() => void importAsNew()} data-autofocus>
                Import as a new workspace
              </Button>
            </Group>
          </Stack>
        ) : null}
      </Modal>
      <Modal
        opened={refused !== null}
        onClose={() => setRefused(null)}
        title="This file cannot be imported"
        centered
        closeButtonProps={{ 'aria-label': 'Close' }}
      >
        {refused ? (
          <Stack gap="md">
            <Alert color="red" icon={<TriangleAlert size={18} aria-hidden />} title={refused.fileName}>
              {refused.reason}
            </Alert>
            <Text size="sm">Nothing was changed.</Text>
            <Group justify="flex-end">
              <Button onClick={() => setRefused(null)} data-autofocus>
                OK
              </Button>
            </Group>
          </Stack>
        ) : null}
      </Modal>
    </>
  );
}

/** The snapshots of the open workspace, with restore. */
export function SnapshotsButton({ workspace }: { workspace: WorkspaceMeta }) {
  const session = useSession((state) => (state.session?.workspace.id === workspace.id ? state.session : null));
  const [opened, setOpened] = useState(false);
  const [snapshots, setSnapshots] = useState<SnapshotSummary[] | null>(null);
  const [confirming, setConfirming] = useState<SnapshotSummary | null>(null);
  const [busy, setBusy] = useState(false);

  const refresh = useCallback(async () => {
    if (session) setSnapshots(await session.listSnapshots());
  }, [session]);

  if (!session) return null;

  const act = async (action: () => Promise<unknown>, success: string, failure: string) => {
    setBusy(true);
    try {
      await action();
      notifications.show({ title: success, message: `${workspace.name}` });
      await refresh();
    } catch (error) {
      notifications.show({ color: 'red', title: failure, message: describeError(error) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <Button
        size="xs"
        variant="default"
        leftSection={<History size={14} aria-hidden />}
        onClick={() => {
          setOpened(true);
          void refresh();
        }}
        aria-label={`Snapshots of ${workspace.name}`}
      >
        Snapshots
      </Button>
      <Modal
        opened={opened}
        onClose={() => setOpened(false)}
        title={`Snapshots of ${workspace.name}`}
        size="lg"
        centered
        closeButtonProps={{ 'aria-label': 'Close' }}
      >
        <Stack gap="md">
          <Text size="sm">
            Latitude keeps a snapshot of this workspace every day it is opened, and before every import or restore (the
            newest ten). Restoring brings the content back as new changes, so colleagues follow and Ctrl+Z undoes it.
          </Text>
          {confirming ? (
            <Alert color="yellow" title={`Restore the snapshot of ${dateTimeFormat.format(confirming.createdAt)}?`}>
              <Stack gap="sm">
                <Text size="sm">
                  Everything changed since will be undone. A snapshot of the current state is kept first.
                </Text>
                <Group gap="sm">
                  <Button variant="default" size="xs" onClick={() => setConfirming(null)}>
                    Cancel
                  </Button>
                  <Button
                    size="xs"
                    loading={busy}
                    onClick={() =>
                      void act(
                        async () => {
                          await session.restoreSnapshot(confirming.id);
                          setConfirming(null);
                        },
                        'Snapshot restored',
                        'The snapshot could not be restored',
                      )
                    }
                  >
                    Restore
                  </Button>
                </Group>
              </Stack>
            </Alert>
          ) : null}
          {snapshots === null ? (
            <Text c="dimmed">Loading…</Text>
          ) : snapshots.length === 0 ? (
            <Text c="dimmed">No snapshots yet.</Text>
          ) : (
            <ListTable columns={['Taken', 'Why', 'Size']}>
              {snapshots.map((snapshot) => (
                <Table.Tr key={snapshot.id}>
                  <Table.Td>{dateTimeFormat.format(snapshot.createdAt)}</Table.Td>
                  <Table.Td>{reasonLabels[snapshot.reason]}</Table.Td>
                  <Table.Td>{Math.max(1, Math.round(snapshot.bytes / 1024))} KB</Table.Td>
                  <Table.Td ta="right">
                    <Button
                      size="xs"
                      variant="default"
                      disabled={session.readOnly !== null}
                      onClick={() => setConfirming(snapshot)}
                      aria-label={`Restore the snapshot of ${dateTimeFormat.format(snapshot.createdAt)}`}
                    >
                      Restore…
                    </Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </ListTable>
          )}
          <Group justify="flex-end">
            <Button
              variant="default"
              loading={busy}
              disabled={session.readOnly !== null}
              onClick={() =>
                void act(() => session.takeSnapshot('manual'), 'Snapshot taken', 'No snapshot could be taken')
              }
            >
              Take a snapshot now
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
