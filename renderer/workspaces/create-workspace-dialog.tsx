/**
 * The dialog that creates a workspace: a name and whether it is personal (stays on this
 * device) or for a team (can be shared later). Validation comes from the shared schema.
 */
import { describeError } from '@shared/errors';
import { Modal, Radio, Stack, Text, TextInput } from '@mantine/core';
import { schemaResolver, useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { newWorkspaceSchema, type NewWorkspace, type WorkspaceMeta } from '@shared/workspace/workspace-meta';
import { FormActions } from '../components/form-parts';
import { useWorkspaces } from './workspace-store';

export interface CreateWorkspaceDialogProps {
  opened: boolean;
  onClose: () => void;
  onCreated?: (workspace: WorkspaceMeta) => void;
}

const emptyForm: NewWorkspace = { name: '', kind: 'personal' };

/** A modal form that creates a workspace and opens it. */
export function CreateWorkspaceDialog({ opened, onClose, onCreated }: CreateWorkspaceDialogProps) {
  const create = useWorkspaces((state) => state.create);
  const [saving, setSaving] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const form = useForm<NewWorkspace>({
    mode: 'controlled',
    initialValues: emptyForm,
    validate: schemaResolver(newWorkspaceSchema, { sync: true }),
  });

  const close = () => {
    form.reset();
    setFailure(null);
    onClose();
  };

  const submit = form.onSubmit(async (values) => {
    setSaving(true);
    setFailure(null);
    try {
      const workspace = await create(values);
      notifications.show({ title: 'Workspace created', message: `${workspace.name} is open.`, color: 'teal' });
      form.reset();
      onClose();
      onCreated?.(workspace);
    } catch (error) {
      setFailure(`The workspace could not be created: ${describeError(error)}`);
    } finally {
      setSaving(false);
    }
  });

  return (
    <Modal opened={opened} onClose={close} title="New workspace" centered closeButtonProps={{ 'aria-label': 'Close' }}>
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <TextInput
            label="Name"
            description="For example your team's name, or “My decisions”."
            required
            data-autofocus
            maxLength={80}
            {...form.getInputProps('name')}
          />
          <Radio.Group label="Kind" required {...form.getInputProps('kind')}>
            <Stack gap="xs" mt="xs">
              <Radio value="personal" label="Personal" description="Stays on this device and is never synced." />
              <Radio value="team" label="Team" description="Can be shared with your team's laptops later." />
            </Stack>
          </Radio.Group>
          {failure ? (
            <Text c="red" role="alert">
              {failure}
            </Text>
          ) : null}
          <FormActions onCancel={close} submitLabel="Create workspace" loading={saving} />
        </Stack>
      </form>
    </Modal>
  );
}
