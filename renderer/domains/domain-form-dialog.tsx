/**
 * Creates or edits a domain: its name, autonomy level, the domain it belongs to, and its
 * purpose. Validation is the shared entity schema; a domain can never be placed inside
 * itself or one of its own sub-domains.
 */
import { describeError } from '@shared/errors';
import { Modal, Select, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { schemaResolver, useForm } from '@mantine/form';
import { useState } from 'react';
import { entityFieldSchemas, type Entity, type EntityFields } from '@shared/model/entities';
import { FormActions } from '../components/form-parts';
import { selectLive } from '../data/document-store';
import { useDocument, useSession } from '../workspaces/session-store';

const levels = [
  { value: 'individual', label: 'Individual' },
  { value: 'team', label: 'Team' },
  { value: 'domain', label: 'Domain' },
];

/** Ids of `id` and every domain nested under it. */
function withDescendants(domains: readonly Entity<'domains'>[], id: string): Set<string> {
  const found = new Set([id]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const domain of domains) {
      if (domain.parentId !== null && found.has(domain.parentId) && !found.has(domain.id)) {
        found.add(domain.id);
        grew = true;
      }
    }
  }
  return found;
}

const basicsSchema = entityFieldSchemas.domains.pick({ name: true, level: true, parentId: true, purpose: true });
type DomainBasics = Pick<EntityFields<'domains'>, 'name' | 'level' | 'parentId' | 'purpose'>;

function DomainForm({ domain, onClose }: { domain: Entity<'domains'> | null; onClose: () => void }) {
  const repository = useSession((state) => state.session?.repository);
  const domains = useDocument((state) => selectLive(state, 'domains'));
  const [failure, setFailure] = useState<string | null>(null);
  const form = useForm<DomainBasics>({
    mode: 'controlled',
    initialValues: domain
      ? { name: domain.name, level: domain.level, parentId: domain.parentId, purpose: domain.purpose }
      : { name: '', level: 'team', parentId: null, purpose: '' },
    validate: schemaResolver(basicsSchema, { sync: true }),
  });
  const excluded = domain ? withDescendants(domains, domain.id) : new Set<string>();
  const parents = domains.filter((d) => !excluded.has(d.id)).map((d) => ({ value: d.id, label: d.name }));

  const submit = form.onSubmit((values) => {
    if (!repository) return;
    try {
      if (domain) repository.update('domains', domain.id, values);
      else repository.create('domains', values);
      onClose();
    } catch (error) {
      setFailure(describeError(error));
    }
  });

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <TextInput label="Name" required data-autofocus maxLength={200} {...form.getInputProps('name')} />
        <Select label="Autonomy level" required data={levels} allowDeselect={false} {...form.getInputProps('level')} />
        <Select
          label="Part of"
          description="The team or domain this one sits inside, if any."
          placeholder="Nothing (top level)"
          clearable
          data={parents}
          {...form.getInputProps('parentId')}
        />
        <Textarea label="Purpose" autosize minRows={2} maxRows={8} {...form.getInputProps('purpose')} />
        {failure ? (
          <Text c="red" role="alert">
            {failure}
          </Text>
        ) : null}
        <FormActions onCancel={onClose} submitLabel={domain ? 'Save changes' : 'Create domain'} />
      </Stack>
    </form>
  );
}

export interface DomainFormDialogProps {
  /** `'new'` to create, a domain to edit, null when closed. */
  target: 'new' | Entity<'domains'> | null;
  onClose: () => void;
}

/** The dialog around the domain form. */
export function DomainFormDialog({ target, onClose }: DomainFormDialogProps) {
  return (
    <Modal
      opened={target !== null}
      onClose={onClose}
      title={target === 'new' ? 'New domain' : 'Edit domain'}
      centered
      closeButtonProps={{ 'aria-label': 'Close' }}
    >
      {target !== null ? (
        <DomainForm
          key={target === 'new' ? 'new' : target.id}
          domain={target === 'new' ? null : target}
          onClose={onClose}
        />
      ) : null}
    </Modal>
  );
}
