/**
 * Asks before a trashed workspace is deleted for good: this is the one action in
 * Latitude that cannot be undone.
 */
import { describeError } from '@shared/errors';
import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import type { WorkspaceMeta } from '@shared/workspace/workspace-meta';
import { useWorkspaces } from './workspace-store';

export interface DeleteWorkspaceDialogProps {
  /** The workspace to delete; the dialog is open while this is set. */
  workspace: WorkspaceMeta | null;
  onClose: () => void;
}

/** Confirmation before deleting a workspace for good. */
export function DeleteWorkspaceDialog({ workspace, onClose }: DeleteWorkspaceDialogProps) {
  const deleteForever = useWorkspaces((state) => state.deleteForever);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);

  const confirm = async () => {
    if (!workspace) return;
    setBusy(true);
    setFailure(null);
    try {
      await deleteForever(workspace.id);
      onClose();
    } catch (error) {
      setFailure(`The workspace could not be deleted: ${describeError(error)}`);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      opened={workspace !== null}
      onClose={onClose}
      title={workspace ? `Delete “${workspace.name}” for good?` : 'Delete for good?'}
      centered
      closeButtonProps={{ 'aria-label': 'Close' }}
    >
      <Stack gap="md">
        <Text>
          Its domains, decisions, reviews and snapshots will be removed from this device. This cannot be undone. Copies
          on other laptops and backup files are not affected.
        </Text>
        {failure ? (
          <Text c="red" role="alert">
            {failure}
          </Text>
        ) : null}
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onClose} data-autofocus>
            Cancel
          </Button>
          <Button color="red" loading={busy} onClick={() => void confirm()}>
            Delete for good
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
