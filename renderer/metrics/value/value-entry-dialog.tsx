/**
 * Recording delivered value (issue 6 inputs, framework §8 value metrics): a delivered item —
 * a feature, a fix, a piece of service — with its domain, when work started and when it was
 * delivered (its lead time), the users' satisfaction with it (1–5) and the defects or
 * incidents it caused. Used to add an item and to change one; one save is one undo step.
 */
import { Group, Modal, NumberInput, Select, Stack, TextInput, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState, type FormEvent } from 'react';
import type { Entity } from '@shared/model/entities';
import { describeError } from '@shared/errors';
import { ErrorAlert, FormActions } from '../../components/form-parts';
import { selectLive } from '../../data/document-store';
import { useDocument, useSession } from '../../workspaces/session-store';

type ValueEntry = Entity<'valueEntries'>;

interface ValueValues {
  title: string;
  domainId: string | null;
  startedOn: string;
  deliveredOn: string;
  satisfaction: string | null;
  defects: number | string;
  note: string;
}

const datePattern = /^\d{4}-\d{2}-\d{2}$/;

/** The problems of a filled-in form, by field (empty when it can be saved). */
export function valueEntryErrors(values: ValueValues): Record<string, string> {
  const errors: Record<string, string> = {};
  if (values.title.trim() === '') errors.title = 'Name what was delivered.';
  else if (values.title.trim().length > 200) errors.title = 'Use at most 200 characters.';
  for (const field of ['startedOn', 'deliveredOn'] as const) {
    if (values[field] !== '' && !datePattern.test(values[field])) errors[field] = 'Enter a date.';
  }
  if (!errors.startedOn && !errors.deliveredOn && values.startedOn !== '' && values.deliveredOn !== '') {
    if (values.startedOn > values.deliveredOn) errors.startedOn = 'Work cannot start after it was delivered.';
  }
  const defects = typeof values.defects === 'number' ? values.defects : Number.NaN;
  if (!Number.isInteger(defects) || defects < 0) errors.defects = 'Enter a whole number, 0 or more.';
  if (values.note.length > 20_000) errors.note = 'Use at most 20,000 characters.';
  return errors;
}

function ValueForm({ entry, onClose }: { entry: ValueEntry | null; onClose: () => void }) {
  const repository = useSession((state) => state.session?.repository);
  const domains = useDocument((state) => selectLive(state, 'domains'));
  const [failure, setFailure] = useState<string | null>(null);
  const form = useForm<ValueValues>({
    mode: 'controlled',
    initialValues: {
      title: entry?.title ?? '',
      domainId: entry?.domainId ?? null,
      startedOn: entry?.startedOn ?? '',
      deliveredOn: entry?.deliveredOn ?? '',
      satisfaction: entry?.satisfaction === null || entry === null ? null : String(entry.satisfaction),
      defects: entry?.defects ?? 0,
      note: entry?.note ?? '',
    },
  });
  const submit = (event?: FormEvent<HTMLFormElement>) => {
    event?.preventDefault();
    const errors = valueEntryErrors(form.values);
    form.setErrors(errors);
    if (Object.keys(errors).length > 0) return;
    const { values } = form;
    const fields = {
      title: values.title.trim(),
      domainId: values.domainId,
      startedOn: values.startedOn === '' ? null : values.startedOn,
      deliveredOn: values.deliveredOn === '' ? null : values.deliveredOn,
      satisfaction: values.satisfaction === null ? null : Number(values.satisfaction),
      defects: Number(values.defects),
      note: values.note,
    };
    try {
      if (!repository) throw new Error('No workspace is open.');
      if (entry === null) repository.create('valueEntries', fields);
      else repository.update('valueEntries', entry.id, fields);
      onClose();
    } catch (error) {
      setFailure(`It could not be saved: ${describeError(error)}`);
    }
  };
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <TextInput
          label="What was delivered"
          required
          data-autofocus
          maxLength={200}
          {...form.getInputProps('title')}
        />
        <Select
          label="Domain"
          placeholder="None (workspace level)"
          clearable
          searchable
          nothingFoundMessage="No domain with that name"
          data={[...domains]
            .sort((a, b) => a.name.localeCompare(b.name))
            .map((domain) => ({ value: domain.id, label: domain.name }))}
          {...form.getInputProps('domainId')}
        />
        <Group grow align="flex-start">
          <TextInput label="Work started" type="date" {...form.getInputProps('startedOn')} />
          <TextInput label="Delivered" type="date" {...form.getInputProps('deliveredOn')} />
        </Group>
        <Group grow align="flex-start">
          <Select
            label="User satisfaction"
            description="1 = very unhappy, 5 = delighted"
            placeholder="Not asked"
            clearable
            data={['1', '2', '3', '4', '5']}
            {...form.getInputProps('satisfaction')}
          />
          <NumberInput
            label="Defects or incidents"
            description="Caused by this item"
            min={0}
            allowDecimal={false}
            allowNegative={false}
            {...form.getInputProps('defects')}
          />
        </Group>
        <Textarea label="Note" autosize minRows={2} maxRows={6} {...form.getInputProps('note')} />
        <ErrorAlert error={failure} />
        <FormActions onCancel={onClose} submitLabel={entry === null ? 'Record' : 'Save'} />
      </Stack>
    </form>
  );
}

/** The dialog: `entry` null records a new item; the dialog is open while `opened`. */
export function ValueEntryDialog({
  opened,
  entry,
  onClose,
}: {
  opened: boolean;
  entry: ValueEntry | null;
  onClose: () => void;
}) {
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={entry === null ? 'Record delivered value' : 'Edit delivered value'}
      centered
      closeButtonProps={{ 'aria-label': 'Close' }}
    >
      {opened ? <ValueForm key={entry?.id ?? 'new'} entry={entry} onClose={onClose} /> : null}
    </Modal>
  );
}
