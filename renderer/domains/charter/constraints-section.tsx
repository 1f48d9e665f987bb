/**
 * A domain's resource constraints (framework §2 "resource constraints", §1 "resource
 * allocation within budget"): its budget per period and its capacity, and the budget
 * envelope of the current period, computed by the shared `budgetEnvelope` engine from the
 * domain's decisions with a cost, in this device's time zone.
 */
import {
  Alert,
  Badge,
  Group,
  NativeSelect,
  NumberInput,
  Paper,
  Progress,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { schemaResolver, useForm } from '@mantine/form';
import { TriangleAlert } from 'lucide-react';
import { useEffect, useState } from 'react';
import { z } from 'zod';
import { describeError } from '@shared/errors';
import { budgetEnvelope, type BudgetEnvelope, type BudgetPeriod } from '@shared/domains/budget';
import { formatAmount } from '@shared/domains/format';
import type { Entity } from '@shared/model/entities';
import { selectLive } from '../../data/document-store';
import { useDocument, useSession } from '../../workspaces/session-store';
import { numberField, toFieldValue, toNumberOrNull, unitField, type NumberFieldValue } from './form-fields';
import { CharterSection, EditButton, InlineForm, ReadField, useInlineEditor, useWriteFailure } from './section';

const periodLabels: Record<BudgetPeriod, string> = { week: 'Week', month: 'Month', quarter: 'Quarter', year: 'Year' };
const perPeriod: Record<BudgetPeriod, string> = {
  week: 'per week',
  month: 'per month',
  quarter: 'per quarter',
  year: 'per year',
};

const constraintsSchema = z.object({
  budgetAmount: numberField('the budget', { min: 0 }),
  budgetUnit: unitField,
  budgetPeriod: z.enum(['week', 'month', 'quarter', 'year']),
  capacityAmount: numberField('the capacity', { min: 0 }),
  capacityUnit: unitField,
});

interface ConstraintValues {
  budgetAmount: NumberFieldValue;
  budgetUnit: string;
  budgetPeriod: BudgetPeriod;
  capacityAmount: NumberFieldValue;
  capacityUnit: string;
}

/** The current time, refreshed every minute, so the envelope moves into a new period on its own. */
function useNow(intervalMs = 60_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), intervalMs);
    return () => window.clearInterval(timer);
  }, [intervalMs]);
  return now;
}

/** The time zone periods are counted in: this device's. */
function localTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

function ConstraintsForm({ domain, onClose }: { domain: Entity<'domains'>; onClose: () => void }) {
  const repository = useSession((state) => state.session?.repository);
  const { failure, attempt } = useWriteFailure();
  const form = useForm<ConstraintValues>({
    mode: 'controlled',
    initialValues: {
      budgetAmount: toFieldValue(domain.budgetAmount),
      budgetUnit: domain.budgetUnit,
      budgetPeriod: domain.budgetPeriod,
      capacityAmount: toFieldValue(domain.capacityAmount),
      capacityUnit: domain.capacityUnit,
    },
    validate: schemaResolver(constraintsSchema, { sync: true }),
  });
  const submit = form.onSubmit((values) => {
    if (!repository) return;
    const saved = attempt(() =>
      repository.update('domains', domain.id, {
        budgetAmount: toNumberOrNull(values.budgetAmount),
        budgetUnit: values.budgetUnit,
        budgetPeriod: values.budgetPeriod,
        capacityAmount: toNumberOrNull(values.capacityAmount),
        capacityUnit: values.capacityUnit,
      }),
    );
    if (saved) onClose();
  });
  return (
    <InlineForm label="Edit resource constraints" onSubmit={submit} onCancel={onClose} failure={failure}>
      <Group grow align="flex-start">
        <NumberInput
          label="Budget amount"
          description="Leave empty when the domain has no budget."
          thousandSeparator=","
          {...form.getInputProps('budgetAmount')}
        />
        <TextInput
          label="Budget unit"
          description="A currency such as EUR, or e.g. hours."
          {...form.getInputProps('budgetUnit')}
        />
        <NativeSelect
          label="Budget period"
          description="The budget renews every…"
          data={Object.entries(periodLabels).map(([value, label]) => ({ value, label }))}
          {...form.getInputProps('budgetPeriod')}
        />
      </Group>
      <Group grow align="flex-start">
        <NumberInput
          label="Capacity amount"
          description="People or time the domain can count on."
          {...form.getInputProps('capacityAmount')}
        />
        <TextInput
          label="Capacity unit"
          description="e.g. people, hours a week."
          {...form.getInputProps('capacityUnit')}
        />
      </Group>
    </InlineForm>
  );
}

const stateColors = { ok: 'teal', near: 'yellow', over: 'red' } as const;
const stateLabels = { ok: 'Within budget', near: 'Near the limit', over: 'Over budget' } as const;

function EnvelopeFigure({ label, value }: { label: string; value: string }) {
  return (
    <div>
      <Text component="dt" size="sm" c="dimmed">
        {label}
      </Text>
      <Text component="dd" m={0} fw={600} size="lg">
        {value}
      </Text>
    </div>
  );
}

/** The budget envelope of the current period: committed, pending and remaining, as a bar and as numbers. */
export function BudgetEnvelopeCard({ domain }: { domain: Entity<'domains'> }) {
  const decisions = useDocument((state) => selectLive(state, 'decisions'));
  const now = useNow();
  const timeZone = localTimeZone();
  let envelope: BudgetEnvelope;
  try {
    envelope = budgetEnvelope({
      budget:
        domain.budgetAmount === null
          ? null
          : { amount: domain.budgetAmount, unit: domain.budgetUnit, period: domain.budgetPeriod },
      decisions,
      domainId: domain.id,
      at: now,
      timeZone,
    });
  } catch (error) {
    return (
      <Alert color="red" icon={<TriangleAlert size={18} aria-hidden />} title="The budget envelope cannot be shown">
        {describeError(error)}
      </Alert>
    );
  }

  const unit = domain.budgetUnit;
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="charter-envelope-heading">
      <Stack gap="sm">
        <Group justify="space-between" align="baseline">
          <Title order={3} size="h4" id="charter-envelope-heading">
            Budget envelope
            {envelope.state === 'none' ? null : <Text span c="dimmed" fw={400}>{` · ${envelope.period.label}`}</Text>}
          </Title>
          {envelope.state === 'none' ? null : (
            <Badge color={stateColors[envelope.state]} variant="filled" size="lg">
              {stateLabels[envelope.state]}
            </Badge>
          )}
        </Group>
        {envelope.state === 'none' ? (
          <Text size="sm">
            No budget is set, so there is no envelope to spend from. Decisions in preparation would cost{' '}
            {formatAmount(envelope.pending, unit)}.
          </Text>
        ) : (
          <>
            <Progress
              value={Math.min(100, Number.isFinite(envelope.ratio) ? envelope.ratio * 100 : 100)}
              color={stateColors[envelope.state]}
              size="lg"
              aria-label={`Budget used: ${formatAmount(envelope.committed, unit)} of ${formatAmount(envelope.amount, unit)}`}
            />
            <SimpleGrid cols={{ base: 2, sm: 4 }} component="dl" m={0}>
              <EnvelopeFigure label="Budget" value={formatAmount(envelope.amount, unit)} />
              <EnvelopeFigure label="Committed" value={formatAmount(envelope.committed, unit)} />
              <EnvelopeFigure label="Pending" value={formatAmount(envelope.pending, unit)} />
              <EnvelopeFigure
                label={envelope.remaining < 0 ? 'Over by' : 'Remaining'}
                value={formatAmount(Math.abs(envelope.remaining), unit)}
              />
            </SimpleGrid>
          </>
        )}
        <Text size="xs" c="dimmed">
          Committed: decided, implemented or reviewed decisions of this period. Pending: decisions still being prepared.
          Periods follow this device's time zone ({timeZone}).
        </Text>
      </Stack>
    </Paper>
  );
}

/** Budget and capacity, with the current budget envelope. */
export function ConstraintsSection({ domain, readOnly }: { domain: Entity<'domains'>; readOnly: boolean }) {
  const editor = useInlineEditor<true>();
  const editId = 'charter-constraints-edit';
  const budget =
    domain.budgetAmount === null
      ? ''
      : `${formatAmount(domain.budgetAmount, domain.budgetUnit)} ${perPeriod[domain.budgetPeriod]}`;
  const capacity = domain.capacityAmount === null ? '' : formatAmount(domain.capacityAmount, domain.capacityUnit);
  return (
    <CharterSection
      id="constraints"
      title="Resource constraints"
      description="The budget and capacity this domain decides within. Decisions inside the budget need no approval."
      actions={
        editor.target === null ? (
          <EditButton
            id={editId}
            label="Edit resource constraints"
            onClick={() => editor.open(true, editId)}
            disabled={readOnly}
          />
        ) : null
      }
    >
      {editor.target !== null ? (
        <ConstraintsForm domain={domain} onClose={editor.close} />
      ) : (
        <SimpleGrid cols={{ base: 1, sm: 2 }} component="dl" m={0}>
          <ReadField
            label="Budget"
            value={budget}
            hint="No budget set. Set how much this domain may spend per period without asking."
          />
          <ReadField
            label="Capacity"
            value={capacity}
            hint="No capacity set. Say how many people or hours this domain can count on."
          />
        </SimpleGrid>
      )}
      <BudgetEnvelopeCard domain={domain} />
    </CharterSection>
  );
}
