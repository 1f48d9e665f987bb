/**
 * Renames a workspace. The name is checked by the same shared schema as on creation.
 */
import { Button, Group, Modal, Stack, TextInput } from '@mantine/core';
import { schemaResolver, useForm } from '@mantine/form';
import { useEffect, useState } from 'react';
import { z } from 'zod';
import { workspaceNameSchema, type WorkspaceMeta } from '@shared/workspace/workspace-meta';
import { useWorkspaces } from './workspace-store';

const renameSchema = z.object({ name: workspaceNameSchema });

export interface RenameWorkspaceDialogProps {
  /** The workspace to rename; the dialog is open while this is set. */
  workspace: WorkspaceMeta | null;
  onClose: () => void;
}

/** A modal form that renames a workspace. */
export function RenameWorkspaceDialog({ workspace, onClose }: RenameWorkspaceDialogProps) {
  const rename = useWorkspaces((state) => state.rename);
  const [failure, setFailure] = useState<string | null>(null);
  const form = useForm({
    mode: 'controlled',
    initialValues: { name: '' },
    validate: schemaResolver(renameSchema, { sync: true }),
  });
  const { setValues, resetDirty } = form;

  useEffect(() => {
    if (workspace) {
      setValues({ name: workspace.name });
      resetDirty({ name: workspace.name });
      setFailure(null);
    }
  }, [workspace, setValues, resetDirty]);

  const submit = form.onSubmit(async ({ name }) => {
    if (!workspace) return;
    try {
      await rename(workspace.id, name);
      onClose();
    } catch (error) {
      setFailure(`The workspace could not be renamed: ${error instanceof Error ? error.message : String(error)}`);
    }
  });

  return (
    <Modal
      opened={workspace !== null}
      onClose={onClose}
      title="Rename workspace"
      centered
      closeButtonProps={{ 'aria-label': 'Close' }}
    >
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <TextInput
            label="Name"
            required
            data-autofocus
            maxLength={80}
            {...form.getInputProps('name')}
            error={form.errors['name'] ?? failure}
          />
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit">Rename</Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
