/**
 * A domain's decision thresholds (framework §1 "Decision thresholds", §7 "threshold
 * adjustments"): the limits that apply and where they come from (shared `effectivePolicy`),
 * changing them or inheriting again (always with a reason, through `changePolicy`, which
 * writes the limits and the history entry as one intent), and the change history, newest
 * first (`policyHistory`, `describeChange`).
 */
import {
  Alert,
  Button,
  Group,
  NumberInput,
  Paper,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Textarea,
  Title,
} from '@mantine/core';
import { schemaResolver, useForm } from '@mantine/form';
import { History, Scale, TriangleAlert, Undo2 } from 'lucide-react';
import { useMemo } from 'react';
import { z } from 'zod';
import { formatAmount } from '@shared/domains/format';
import {
  describeChange,
  effectivePolicy,
  policyFor,
  policyHistory,
  validateLimits,
  type EffectivePolicy,
} from '@shared/domains/policy';
import type { Entity } from '@shared/model/entities';
import { useDocument, useSession } from '../../workspaces/session-store';
import { changePolicy } from '../policy-actions';
import { PolicySource } from '../policy-source';
import { useLocalUser } from '../use-local-user';
import { formatMoment } from './dates';
import { ProgressionCard } from './progression-card';
import type { NumberFieldValue } from './form-fields';
import { CharterSection, InlineForm, prose, useInlineEditor, useWriteFailure } from './section';

const REASON_REQUIRED = 'Write why the thresholds change.';
const MAX_REASON = 2_000;

function reasonIssue(reason: string): string | null {
  const trimmed = reason.trim();
  if (trimmed === '') return REASON_REQUIRED;
  if (trimmed.length > MAX_REASON) return `Use at most ${MAX_REASON.toLocaleString('en')} characters.`;
  return null;
}

const limitValue = z.union([z.number(), z.string()]);

const changeSchema = z
  .object({ autonomousCostLimit: limitValue, consultativeCostLimit: limitValue, reason: z.string() })
  .superRefine((values, context) => {
    const result = validateLimits(values);
    if (!result.ok) {
      for (const [field, message] of Object.entries(result.errors)) {
        context.addIssue({ code: 'custom', path: [field], message });
      }
    }
    const reason = reasonIssue(values.reason);
    if (reason !== null) context.addIssue({ code: 'custom', path: ['reason'], message: reason });
  });

const inheritSchema = z.object({ reason: z.string() }).superRefine((values, context) => {
  const reason = reasonIssue(values.reason);
  if (reason !== null) context.addIssue({ code: 'custom', path: ['reason'], message: reason });
});

interface ChangeValues {
  autonomousCostLimit: NumberFieldValue;
  consultativeCostLimit: NumberFieldValue;
  reason: string;
}

type Editing = 'change' | 'inherit';

/** Writes a change through `changePolicy`; throws (nothing written) when it changes nothing. */
function usePolicyWriter(domainId: string) {
  const repository = useSession((state) => state.session?.repository);
  const policies = useDocument((state) => state.entities.policies);
  const { userId, name } = useLocalUser();
  return (limits: { autonomousCostLimit: number; consultativeCostLimit: number } | null, reason: string) => {
    if (!repository || userId === null) throw new Error('No workspace is open.');
    const changed = changePolicy(
      repository,
      [...policies.values()],
      { domainId, limits, reason: reason.trim() },
      { userId, name },
      Date.now(),
    );
    if (!changed) {
      throw new Error(
        limits === null
          ? 'This domain already inherits its thresholds; nothing changed.'
          : 'These are already this domain’s thresholds; nothing changed.',
      );
    }
  };
}

function ChangeForm({
  domainId,
  current,
  unit,
  onClose,
}: {
  domainId: string;
  current: EffectivePolicy;
  unit: string;
  onClose: () => void;
}) {
  const write = usePolicyWriter(domainId);
  const { failure, attempt } = useWriteFailure();
  const form = useForm<ChangeValues>({
    mode: 'controlled',
    initialValues: {
      autonomousCostLimit: current.limits.autonomousCostLimit,
      consultativeCostLimit: current.limits.consultativeCostLimit,
      reason: '',
    },
    validate: schemaResolver(changeSchema, { sync: true }),
  });
  const submit = form.onSubmit((values) => {
    const checked = validateLimits(values);
    if (!checked.ok) return;
    if (attempt(() => write(checked.limits, values.reason))) onClose();
  });
  const inUnit = unit.trim() ? ` In ${unit.trim()}.` : '';
  return (
    <InlineForm label="Change thresholds" onSubmit={submit} onCancel={onClose} failure={failure}>
      <Group grow align="flex-start">
        <NumberInput
          label="Autonomous limit"
          description={`Decisions costing up to this are made alone.${inUnit}`}
          required
          thousandSeparator=","
          {...form.getInputProps('autonomousCostLimit')}
        />
        <NumberInput
          label="Consultative limit"
          description={`Up to this, seek advice and then decide; above it, decide together.${inUnit}`}
          required
          thousandSeparator=","
          {...form.getInputProps('consultativeCostLimit')}
        />
      </Group>
      <Textarea
        label="Reason"
        description="Why the thresholds change. Kept in the change history with your name and the time."
        required
        autosize
        minRows={2}
        maxRows={6}
        {...form.getInputProps('reason')}
      />
    </InlineForm>
  );
}

function InheritForm({ domainId, onClose }: { domainId: string; onClose: () => void }) {
  const write = usePolicyWriter(domainId);
  const { failure, attempt } = useWriteFailure();
  const form = useForm<{ reason: string }>({
    mode: 'controlled',
    initialValues: { reason: '' },
    validate: schemaResolver(inheritSchema, { sync: true }),
  });
  const submit = form.onSubmit((values) => {
    if (attempt(() => write(null, values.reason))) onClose();
  });
  return (
    <InlineForm
      label="Inherit thresholds again"
      onSubmit={submit}
      onCancel={onClose}
      failure={failure}
      submitLabel="Inherit again"
    >
      <Text size="sm">
        This domain stops using its own limits and follows its parent domain again (or the workspace default).
      </Text>
      <Textarea
        label="Reason"
        description="Why the domain inherits again. Kept in the change history."
        required
        autosize
        minRows={2}
        maxRows={6}
        {...form.getInputProps('reason')}
      />
    </InlineForm>
  );
}

function LimitTile({ title, value, meaning }: { title: string; value: string; meaning: string }) {
  return (
    <Paper withBorder radius="md" p="sm">
      <Text component="dt" size="sm" fw={600}>
        {title}
      </Text>
      <Text component="dd" m={0}>
        <Text span fw={650} size="lg" display="block">
          {value}
        </Text>
        <Text span size="sm" c="dimmed">
          {meaning}
        </Text>
      </Text>
    </Paper>
  );
}

/** The limits that apply, how to change them, and every change with its reason. */
export function ThresholdSection({ domain, readOnly }: { domain: Entity<'domains'>; readOnly: boolean }) {
  const domainMap = useDocument((state) => state.entities.domains);
  const policyMap = useDocument((state) => state.entities.policies);
  const effective = useMemo(
    () => effectivePolicy([...domainMap.values()], [...policyMap.values()], domain.id),
    [domainMap, policyMap, domain.id],
  );
  const history = useMemo(() => policyHistory([...policyMap.values()], domain.id), [policyMap, domain.id]);
  const own = useMemo(() => policyFor([...policyMap.values()], domain.id), [policyMap, domain.id]);
  const overrides = own !== null && (own.autonomousCostLimit !== null || own.consultativeCostLimit !== null);
  const editor = useInlineEditor<Editing>();
  const ids = { change: 'charter-thresholds-change', inherit: 'charter-thresholds-inherit' };
  const unit = domain.budgetUnit;
  const { autonomousCostLimit: autonomous, consultativeCostLimit: consultative } = effective.limits;

  return (
    <CharterSection
      id="thresholds"
      title="Threshold policy"
      description="The cost limits that decide whether a decision here is autonomous, consultative or collaborative."
      actions={
        editor.target === null ? (
          <>
            <Button
              id={ids.change}
              variant="default"
              size="sm"
              leftSection={<Scale size={14} aria-hidden />}
              onClick={() => editor.open('change', ids.change)}
              disabled={readOnly}
            >
              Change thresholds
            </Button>
            {overrides ? (
              <Button
                id={ids.inherit}
                variant="subtle"
                size="sm"
                leftSection={<Undo2 size={14} aria-hidden />}
                onClick={() => editor.open('inherit', ids.inherit)}
                disabled={readOnly}
              >
                Inherit again
              </Button>
            ) : null}
          </>
        ) : null
      }
    >
      <Text size="sm">
        <strong>Source:</strong> <PolicySource policy={effective} />
      </Text>
      {effective.problem ? (
        <Alert color="yellow" icon={<TriangleAlert size={18} aria-hidden />} title="A stored policy is ignored">
          {effective.problem}
        </Alert>
      ) : null}
      <div role="group" aria-label="Limits that apply">
        <SimpleGrid cols={{ base: 1, sm: 3 }} component="dl" m={0}>
          <LimitTile title="Autonomous" value={`Up to ${formatAmount(autonomous, unit)}`} meaning="Decide alone." />
          <LimitTile
            title="Consultative"
            value={`Up to ${formatAmount(consultative, unit)}`}
            meaning="Seek advice, then decide."
          />
          <LimitTile
            title="Collaborative"
            value={`Above ${formatAmount(consultative, unit)}`}
            meaning="Decide together."
          />
        </SimpleGrid>
      </div>
      {editor.target === 'change' ? (
        <ChangeForm domainId={domain.id} current={effective} unit={unit} onClose={editor.close} />
      ) : null}
      {editor.target === 'inherit' ? <InheritForm domainId={domain.id} onClose={editor.close} /> : null}
      <ProgressionCard domain={domain} limits={effective.limits} policyId={effective.policyId} readOnly={readOnly} />
      <Stack gap="xs" component="section" aria-labelledby="charter-threshold-history-heading">
        <Group gap="xs">
          <History size={16} aria-hidden />
          <Title order={3} size="h4" id="charter-threshold-history-heading">
            Change history
          </Title>
        </Group>
        {history.length === 0 ? (
          <Text c="dimmed" fs="italic" size="sm">
            No changes yet. Each change of this domain’s thresholds is kept here with who made it, when and why.
          </Text>
        ) : (
          <Table verticalSpacing="xs" fz="sm" aria-labelledby="charter-threshold-history-heading">
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={170}>When</Table.Th>
                <Table.Th w={160}>Who</Table.Th>
                <Table.Th>Change</Table.Th>
                <Table.Th>Why</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {history.map((change) => (
                <Table.Tr key={change.id}>
                  <Table.Td>{formatMoment(change.changedAt)}</Table.Td>
                  <Table.Td>{change.changedByName.trim() || 'Someone'}</Table.Td>
                  <Table.Td>{describeChange(change)}</Table.Td>
                  <Table.Td style={prose}>{change.reason}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Stack>
    </CharterSection>
  );
}
