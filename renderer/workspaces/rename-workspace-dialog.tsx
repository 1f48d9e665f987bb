/**
 * Renames a workspace. The name is checked by the same shared schema as on creation.
 */
import { describeError } from '@shared/errors';
import { Modal, Stack, TextInput } from '@mantine/core';
import { schemaResolver, useForm } from '@mantine/form';
import { useState } from 'react';
import { z } from 'zod';
import { workspaceNameSchema, type WorkspaceMeta } from '@shared/workspace/workspace-meta';
import { FormActions } from '../components/form-parts';
import { useWorkspaces } from './workspace-store';

const renameSchema = z.object({ name: workspaceNameSchema });

export interface RenameWorkspaceDialogProps {
  /** The workspace to rename; the dialog is open while this is set. */
  workspace: WorkspaceMeta | null;
  onClose: () => void;
}

/** The form, made anew for each workspace so it starts from that workspace's name. */
function RenameForm({ workspace, onClose }: { workspace: WorkspaceMeta; onClose: () => void }) {
  const rename = useWorkspaces((state) => state.rename);
  const [failure, setFailure] = useState<string | null>(null);
  const form = useForm({
    mode: 'controlled',
    initialValues: { name: workspace.name },
    validate: schemaResolver(renameSchema, { sync: true }),
  });

  const submit = form.onSubmit(async ({ name }) => {
    try {
      await rename(workspace.id, name);
      onClose();
    } catch (error) {
      setFailure(`The workspace could not be renamed: ${describeError(error)}`);
    }
  });

  return (
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
        <FormActions onCancel={onClose} submitLabel="Rename" />
      </Stack>
    </form>
  );
}

/** A modal form that renames a workspace. */
export function RenameWorkspaceDialog({ workspace, onClose }: RenameWorkspaceDialogProps) {
  return (
    <Modal
      opened={workspace !== null}
      onClose={onClose}
      title="Rename workspace"
      centered
      closeButtonProps={{ 'aria-label': 'Close' }}
    >
      {workspace ? <RenameForm key={workspace.id} workspace={workspace} onClose={onClose} /> : null}
    </Modal>
  );
}
