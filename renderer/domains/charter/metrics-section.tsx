/**
 * A domain's success metrics (framework §2 "clear success metrics", §8): each with a unit,
 * a target and whether higher or lower is better, and values recorded over time. The
 * latest value is shown against the target. Each save or removal is one intent; removing
 * a metric removes its recorded values in the same intent, so undo brings both back.
 */
import {
  Badge,
  Button,
  Group,
  NativeSelect,
  NumberInput,
  Paper,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { schemaResolver, useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { ChartLine, Pencil, Plus, Trash2 } from 'lucide-react';
import { z } from 'zod';
import { describeError } from '@shared/errors';
import { formatAmount } from '@shared/domains/format';
import { compareByName, compareIds } from '@shared/domains/order';
import type { Entity, MetricValue, SuccessMetric } from '@shared/model/entities';
import { useSession } from '../../workspaces/session-store';
import { formatCalendarDate, todayIsoDate } from './dates';
import {
  numberField,
  requiredField,
  shortField,
  toFieldValue,
  toNumberOrNull,
  unitField,
  type NumberFieldValue,
} from './form-fields';
import { CharterSection, InlineForm, prose, useInlineEditor, useWriteFailure } from './section';

type Editing =
  | { kind: 'new-metric' }
  | { kind: 'metric'; metricId: string }
  | { kind: 'new-value'; metricId: string }
  | { kind: 'value'; valueId: string };

const directionLabels = { higher: 'Higher is better', lower: 'Lower is better' } as const;

const metricSchema = z.object({
  name: requiredField('Give the metric a name.'),
  unit: unitField,
  target: numberField('the target'),
  direction: z.enum(['higher', 'lower']),
});

interface MetricValues {
  name: string;
  unit: string;
  target: NumberFieldValue;
  direction: SuccessMetric['direction'];
}

const valueSchema = z.object({
  value: numberField('the value', { required: true }),
  recordedOn: z
    .string()
    .refine((value) => value.trim() !== '', { message: 'Enter the date it was measured.' })
    .refine((value) => value.trim() === '' || z.iso.date().safeParse(value).success, {
      message: 'Enter a real date (YYYY-MM-DD).',
    }),
  note: shortField,
});

interface ValueValues {
  value: NumberFieldValue;
  recordedOn: string;
  note: string;
}

/** Whether a value meets a metric's target; null without a target. */
function meetsTarget(metric: SuccessMetric, value: number): boolean | null {
  if (metric.target === null) return null;
  return metric.direction === 'higher' ? value >= metric.target : value <= metric.target;
}

/** Newest first: by date, then by id so every laptop shows the same order. */
function newestFirst(a: MetricValue, b: MetricValue): number {
  return a.recordedOn < b.recordedOn ? 1 : a.recordedOn > b.recordedOn ? -1 : compareIds(b.id, a.id);
}

function MetricForm({
  domainId,
  metric,
  onClose,
}: {
  domainId: string;
  metric: SuccessMetric | null;
  onClose: () => void;
}) {
  const repository = useSession((state) => state.session?.repository);
  const { failure, attempt } = useWriteFailure();
  const form = useForm<MetricValues>({
    mode: 'controlled',
    initialValues: metric
      ? { name: metric.name, unit: metric.unit, target: toFieldValue(metric.target), direction: metric.direction }
      : { name: '', unit: '', target: '', direction: 'higher' },
    validate: schemaResolver(metricSchema, { sync: true }),
  });
  const submit = form.onSubmit((values) => {
    if (!repository) return;
    const fields = {
      name: values.name,
      unit: values.unit,
      target: toNumberOrNull(values.target),
      direction: values.direction,
    };
    const saved = attempt(() => {
      if (metric) repository.updateInCollection('domains', domainId, 'metrics', metric.id, fields);
      else repository.addToCollection('domains', domainId, 'metrics', fields);
    });
    if (saved) onClose();
  });
  return (
    <InlineForm
      label={metric ? `Edit metric ${metric.name}` : 'New success metric'}
      onSubmit={submit}
      onCancel={onClose}
      failure={failure}
    >
      <TextInput
        label="Name"
        description="What is measured, e.g. “Weekly active teams”."
        required
        {...form.getInputProps('name')}
      />
      <Group grow align="flex-start">
        <TextInput label="Unit" description="e.g. %, teams, hours." {...form.getInputProps('unit')} />
        <NumberInput
          label="Target"
          description="Leave empty when there is none yet."
          {...form.getInputProps('target')}
        />
        <NativeSelect
          label="Direction"
          description="Which way is good."
          data={Object.entries(directionLabels).map(([value, label]) => ({ value, label }))}
          {...form.getInputProps('direction')}
        />
      </Group>
    </InlineForm>
  );
}

function ValueForm({
  domainId,
  metric,
  value,
  onClose,
}: {
  domainId: string;
  metric: SuccessMetric;
  value: MetricValue | null;
  onClose: () => void;
}) {
  const repository = useSession((state) => state.session?.repository);
  const { failure, attempt } = useWriteFailure();
  const form = useForm<ValueValues>({
    mode: 'controlled',
    initialValues: value
      ? { value: value.value, recordedOn: value.recordedOn, note: value.note }
      : { value: '', recordedOn: todayIsoDate(), note: '' },
    validate: schemaResolver(valueSchema, { sync: true }),
  });
  const submit = form.onSubmit((values) => {
    if (!repository) return;
    const number = toNumberOrNull(values.value) ?? 0;
    const saved = attempt(() => {
      if (value) {
        repository.updateInCollection('domains', domainId, 'metricValues', value.id, {
          value: number,
          recordedOn: values.recordedOn,
          note: values.note,
        });
      } else {
        repository.addToCollection('domains', domainId, 'metricValues', {
          metricId: metric.id,
          value: number,
          recordedOn: values.recordedOn,
          note: values.note,
        });
      }
    });
    if (saved) onClose();
  });
  return (
    <InlineForm
      label={
        value
          ? `Edit ${metric.name} value of ${formatCalendarDate(value.recordedOn)}`
          : `Record value for ${metric.name}`
      }
      onSubmit={submit}
      onCancel={onClose}
      failure={failure}
    >
      <Group grow align="flex-start">
        <NumberInput
          label="Value"
          description={metric.unit ? `In ${metric.unit}.` : undefined}
          required
          {...form.getInputProps('value')}
        />
        <TextInput label="Date" type="date" required {...form.getInputProps('recordedOn')} />
      </Group>
      <TextInput label="Note" description="Optional: what explains this value." {...form.getInputProps('note')} />
    </InlineForm>
  );
}

function LatestValue({ metric, latest }: { metric: SuccessMetric; latest: MetricValue | undefined }) {
  const target = metric.target === null ? 'No target set' : `Target ${formatAmount(metric.target, metric.unit)}`;
  if (latest === undefined) {
    return (
      <Text size="sm">
        <Text span c="dimmed" fs="italic">
          No values recorded yet. Record the first one to see how the domain is doing.
        </Text>{' '}
        · {target}
      </Text>
    );
  }
  const met = meetsTarget(metric, latest.value);
  return (
    <Group gap="sm" wrap="wrap">
      <Text size="sm">
        Latest <strong>{formatAmount(latest.value, metric.unit)}</strong> on {formatCalendarDate(latest.recordedOn)} ·{' '}
        {target}
      </Text>
      {met === null ? null : (
        <Badge color={met ? 'teal' : 'red'} variant="filled">
          {met ? 'On target' : metric.direction === 'higher' ? 'Below target' : 'Above target'}
        </Badge>
      )}
    </Group>
  );
}

function MetricCard({
  domain,
  metric,
  values,
  editing,
  onEdit,
  onClose,
  readOnly,
}: {
  domain: Entity<'domains'>;
  metric: SuccessMetric;
  values: readonly MetricValue[];
  editing: Editing | null;
  onEdit: (next: Editing, openerId: string) => void;
  onClose: () => void;
  readOnly: boolean;
}) {
  const repository = useSession((state) => state.session?.repository);
  const busy = editing !== null;
  const ids = {
    record: `charter-metric-${metric.id}-record`,
    edit: `charter-metric-${metric.id}-edit`,
  };
  const editingMetric = editing?.kind === 'metric' && editing.metricId === metric.id;
  const recording = editing?.kind === 'new-value' && editing.metricId === metric.id;
  const editedValue = editing?.kind === 'value' ? values.find((value) => value.id === editing.valueId) : undefined;

  const removeMetric = () => {
    if (!repository) return;
    try {
      repository.transact(() => {
        for (const value of values) repository.removeFromCollection('domains', domain.id, 'metricValues', value.id);
        repository.removeFromCollection('domains', domain.id, 'metrics', metric.id);
      });
      notifications.show({
        title: 'Metric removed',
        message: `${metric.name} and its recorded values were removed. Ctrl+Z brings them back.`,
      });
    } catch (error) {
      notifications.show({ color: 'red', title: 'Could not remove the metric', message: describeError(error) });
    }
  };

  const removeValue = (value: MetricValue) => {
    if (!repository) return;
    try {
      repository.removeFromCollection('domains', domain.id, 'metricValues', value.id);
      notifications.show({
        title: 'Value removed',
        message: `The value of ${formatCalendarDate(value.recordedOn)} was removed. Ctrl+Z brings it back.`,
      });
    } catch (error) {
      notifications.show({ color: 'red', title: 'Could not remove the value', message: describeError(error) });
    }
  };

  return (
    <Paper withBorder radius="md" p="md" component="article" aria-labelledby={`charter-metric-${metric.id}-name`}>
      <Stack gap="sm">
        {editingMetric ? (
          <MetricForm domainId={domain.id} metric={metric} onClose={onClose} />
        ) : (
          <Group justify="space-between" align="flex-start" gap="sm">
            <Stack gap={4}>
              <Group gap="xs">
                <Title order={3} size="h4" id={`charter-metric-${metric.id}-name`}>
                  {metric.name}
                </Title>
                <Badge variant="outline" color="gray">
                  {directionLabels[metric.direction]}
                </Badge>
              </Group>
              <LatestValue metric={metric} latest={values[0]} />
            </Stack>
            <Group gap="xs">
              <Button
                id={ids.record}
                size="xs"
                variant="light"
                leftSection={<Plus size={14} aria-hidden />}
                aria-label={`Record value for ${metric.name}`}
                onClick={() => onEdit({ kind: 'new-value', metricId: metric.id }, ids.record)}
                disabled={readOnly || busy}
              >
                Record value
              </Button>
              <Button
                id={ids.edit}
                size="xs"
                variant="default"
                leftSection={<Pencil size={14} aria-hidden />}
                aria-label={`Edit metric ${metric.name}`}
                onClick={() => onEdit({ kind: 'metric', metricId: metric.id }, ids.edit)}
                disabled={readOnly || busy}
              >
                Edit
              </Button>
              <Button
                size="xs"
                variant="subtle"
                color="red"
                leftSection={<Trash2 size={14} aria-hidden />}
                aria-label={`Remove metric ${metric.name}`}
                onClick={removeMetric}
                disabled={readOnly || busy}
              >
                Remove
              </Button>
            </Group>
          </Group>
        )}
        {recording ? <ValueForm domainId={domain.id} metric={metric} value={null} onClose={onClose} /> : null}
        {editedValue ? (
          <ValueForm key={editedValue.id} domainId={domain.id} metric={metric} value={editedValue} onClose={onClose} />
        ) : null}
        {values.length > 0 ? (
          <Table verticalSpacing={4} fz="sm" striped>
            <Table.Caption className="visually-hidden">Recorded values of {metric.name}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Date</Table.Th>
                <Table.Th>Value</Table.Th>
                <Table.Th>Note</Table.Th>
                <Table.Th>
                  <span className="visually-hidden">Actions</span>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {values.map((value) => {
                const date = formatCalendarDate(value.recordedOn);
                const editId = `charter-metric-value-${value.id}-edit`;
                return (
                  <Table.Tr key={value.id}>
                    <Table.Td>{date}</Table.Td>
                    <Table.Td>{formatAmount(value.value, metric.unit)}</Table.Td>
                    <Table.Td style={prose}>{value.note}</Table.Td>
                    <Table.Td>
                      <Group gap={4} justify="flex-end" wrap="nowrap">
                        <Button
                          id={editId}
                          size="compact-xs"
                          variant="subtle"
                          aria-label={`Edit ${metric.name} value of ${date}`}
                          onClick={() => onEdit({ kind: 'value', valueId: value.id }, editId)}
                          disabled={readOnly || busy}
                        >
                          Edit
                        </Button>
                        <Button
                          size="compact-xs"
                          variant="subtle"
                          color="red"
                          aria-label={`Remove ${metric.name} value of ${date}`}
                          onClick={() => removeValue(value)}
                          disabled={readOnly || busy}
                        >
                          Remove
                        </Button>
                      </Group>
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        ) : null}
      </Stack>
    </Paper>
  );
}

/** Success metrics with their targets and recorded values. */
export function MetricsSection({ domain, readOnly }: { domain: Entity<'domains'>; readOnly: boolean }) {
  const editor = useInlineEditor<Editing>();
  const addId = 'charter-metrics-add';
  const metrics = Object.values(domain.metrics).sort(compareByName);
  const valuesByMetric = new Map<string, MetricValue[]>();
  for (const value of Object.values(domain.metricValues)) {
    const list = valuesByMetric.get(value.metricId);
    if (list) list.push(value);
    else valuesByMetric.set(value.metricId, [value]);
  }
  for (const list of valuesByMetric.values()) list.sort(newestFirst);

  return (
    <CharterSection
      id="metrics"
      title="Success metrics"
      description="How this domain knows it creates value: what is measured, the target, and the values over time."
      actions={
        editor.target?.kind === 'new-metric' ? null : (
          <Button
            id={addId}
            variant="default"
            size="sm"
            leftSection={<ChartLine size={14} aria-hidden />}
            onClick={() => editor.open({ kind: 'new-metric' }, addId)}
            disabled={readOnly || editor.target !== null}
          >
            Add success metric
          </Button>
        )
      }
    >
      {editor.target?.kind === 'new-metric' ? (
        <MetricForm domainId={domain.id} metric={null} onClose={editor.close} />
      ) : null}
      {metrics.length === 0 ? (
        <Text c="dimmed" fs="italic">
          No success metrics yet. Add one or two that show whether this domain creates the value it is for, e.g.
          “Customer satisfaction, %, target 90, higher is better”.
        </Text>
      ) : (
        metrics.map((metric) => (
          <MetricCard
            key={metric.id}
            domain={domain}
            metric={metric}
            values={valuesByMetric.get(metric.id) ?? []}
            editing={editor.target}
            onEdit={editor.open}
            onClose={editor.close}
            readOnly={readOnly}
          />
        ))
      )}
    </CharterSection>
  );
}
