/**
 * The parts of a decision's impact assessment that the "New decision" dialog and the
 * decision page share (framework.md §1 "Decision thresholds"): the impact fields, the live
 * classification (tier, one reason per criterion, the limits that apply and where they come
 * from), the tier badges, and the hooks that read what classification and the budget
 * warning need from the open workspace.
 */
import { Alert, Badge, Group, List, NumberInput, Paper, Select, Stack, Switch, Text } from '@mantine/core';
import { TriangleAlert } from 'lucide-react';
import { useMemo, useState, type ReactNode } from 'react';
import type { ClassificationCriterion, Tier } from '@shared/decisions/classify';
import { formatAmount } from '@shared/domains/format';
import type { Entity } from '@shared/model/entities';
import { selectLive } from '../data/document-store';
import type { NumberFieldValue } from '../domains/charter/form-fields';
import { useDocument } from '../workspaces/session-store';
import { budgetWarningFor, type DecisionDraft } from './budget-warning';
import { classifyRecord, tierLabels, tierMeanings, type ClassifiedFields } from './classification';
import { PolicySource } from '../domains/policy-source';

type Decision = Entity<'decisions'>;

/** The impact fields as a form holds them (the cost may be half-typed). */
export interface ImpactValues {
  cost: NumberFieldValue;
  crossDomain: Decision['crossDomain'];
  horizon: Decision['horizon'];
  reversibility: Decision['reversibility'];
  followsGuidelines: boolean;
}

/** How each effect on other domains reads. */
export const crossDomainLabels: Record<Decision['crossDomain'], string> = {
  none: 'None',
  limited: 'Limited',
  major: 'Major',
};

/** How each horizon reads. */
export const horizonLabels: Record<Decision['horizon'], string> = {
  short: 'Short term',
  medium: 'Medium term',
  long: 'Long term',
};

/** How each reversibility reads. */
export const reversibilityLabels: Record<Decision['reversibility'], string> = {
  reversible: 'Reversible',
  partial: 'Partly reversible',
  hard: 'Hard to reverse',
};

/** How each criterion of a classification is named. */
export const criterionLabels: Record<ClassificationCriterion, string> = {
  cost: 'Cost',
  crossDomain: 'Effect on other domains',
  horizon: 'Horizon',
  reversibility: 'Reversibility',
  guidelines: 'Guidelines',
};

const tierColors: Record<Tier, string> = { autonomous: 'teal', consultative: 'yellow', collaborative: 'grape' };

const options = <T extends string>(labels: Record<T, string>) =>
  (Object.entries(labels) as [T, string][]).map(([value, label]) => ({ value, label }));

/** The cost as the classification reads it: a number of 0 or more, else 0 (the form reports the error). */
export function costForClassification(cost: NumberFieldValue): number {
  const number = typeof cost === 'number' ? cost : cost.trim() === '' ? 0 : Number(cost);
  return Number.isFinite(number) && number >= 0 ? number : 0;
}

/** A tier as a badge: "Tier: Consultative" for screen readers. */
export function TierBadge({ tier, size = 'md' }: { tier: Tier; size?: 'sm' | 'md' | 'lg' }) {
  return (
    <Badge color={tierColors[tier]} variant="light" size={size} style={{ flexShrink: 0 }}>
      <span className="visually-hidden">Tier: </span>
      {tierLabels[tier]}
    </Badge>
  );
}

/** The badge marking a decision made at a less demanding tier than its classification. */
export function OverrideBadge() {
  return (
    <Badge
      color="red"
      variant="outline"
      title="Made at a less demanding tier than its classification"
      style={{ flexShrink: 0 }}
    >
      Override
    </Badge>
  );
}

/** The workspace's domains and policies (those in the trash included, as the policy walk needs). */
export function useClassificationInputs() {
  const domainMap = useDocument((state) => state.entities.domains);
  const policyMap = useDocument((state) => state.entities.policies);
  return useMemo(
    () => ({ domains: [...domainMap.values()], policies: [...policyMap.values()] }),
    [domainMap, policyMap],
  );
}

/** Classifies a decision (saved or being edited) against the open workspace. */
export function useClassification(fields: ClassifiedFields) {
  const { domains, policies } = useClassificationInputs();
  return classifyRecord(fields, domains, policies);
}

const timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone;

/** The budget warning for a draft, as of when the form opened, or null. */
export function useBudgetWarning(draft: DecisionDraft): string | null {
  const domains = useDocument((state) => selectLive(state, 'domains'));
  const decisions = useDocument((state) => selectLive(state, 'decisions'));
  const [openedAt] = useState(() => Date.now());
  return budgetWarningFor(draft, domains, decisions, openedAt, timeZone);
}

/** The budget warning as an alert, announced when it appears. */
export function BudgetWarning({ warning }: { warning: string | null }) {
  return (
    <div aria-live="polite">
      {warning ? (
        <Alert color="yellow" icon={<TriangleAlert size={18} aria-hidden />} title="Over budget">
          {warning}
        </Alert>
      ) : null}
    </div>
  );
}

/** The impact fields: cost, effect on other domains, horizon, reversibility, guidelines. */
export function ImpactFields({
  values,
  setField,
  costError,
  unit,
}: {
  values: ImpactValues;
  setField: <F extends keyof ImpactValues>(field: F, value: ImpactValues[F]) => void;
  costError?: ReactNode;
  unit: string;
}) {
  const inUnit = unit.trim() ? ` In ${unit.trim()}.` : '';
  return (
    <Stack gap="sm">
      <NumberInput
        label="Cost"
        description={`Resources it commits, in the domain budget's unit.${inUnit}`}
        min={0}
        thousandSeparator=","
        value={values.cost}
        error={costError}
        onChange={(value) => setField('cost', value)}
      />
      <Group grow align="flex-start">
        <Select
          label="Effect on other domains"
          data={options(crossDomainLabels)}
          allowDeselect={false}
          value={values.crossDomain}
          onChange={(value) => {
            if (value) setField('crossDomain', value);
          }}
        />
        <Select
          label="Horizon"
          description="How long its implications last."
          data={options(horizonLabels)}
          allowDeselect={false}
          value={values.horizon}
          onChange={(value) => {
            if (value) setField('horizon', value);
          }}
        />
        <Select
          label="Reversibility"
          data={options(reversibilityLabels)}
          allowDeselect={false}
          value={values.reversibility}
          onChange={(value) => {
            if (value) setField('reversibility', value);
          }}
        />
      </Group>
      <Switch
        label="Follows the domain's established guidelines"
        checked={values.followsGuidelines}
        onChange={(event) => setField('followsGuidelines', event.currentTarget.checked)}
      />
    </Stack>
  );
}

/**
 * The classification with its reasons and the limits used. `live` says it follows the form
 * being edited (announced politely as it changes).
 */
export function ClassificationPanel({
  label,
  classification,
  unit,
  live = false,
}: {
  /** The panel's accessible name. */
  label: string;
  classification: ReturnType<typeof classifyRecord>;
  unit: string;
  live?: boolean;
}) {
  const { classification: result, policy } = classification;
  const { autonomousCostLimit, consultativeCostLimit } = policy.limits;
  return (
    <Paper withBorder radius="md" p="md" role="group" aria-label={label}>
      <Stack gap="xs">
        <Group gap="xs" aria-live={live ? 'polite' : undefined}>
          <Text fw={600}>Classified as</Text>
          <TierBadge tier={result.tier} />
          <Text size="sm" c="dimmed">
            {tierMeanings[result.tier]}
          </Text>
        </Group>
        <List spacing={4} size="sm" aria-label="Reasons">
          {result.reasons.map((reason) => (
            <List.Item key={reason.criterion}>
              <Text span fw={600} size="sm">
                {criterionLabels[reason.criterion]}:
              </Text>{' '}
              {reason.message} → {tierLabels[reason.tier].toLowerCase()}
            </List.Item>
          ))}
        </List>
        <Text size="sm" c="dimmed">
          Limits: autonomous up to {formatAmount(autonomousCostLimit, unit)}, consultative up to{' '}
          {formatAmount(consultativeCostLimit, unit)}, collaborative above; from <PolicySource policy={policy} inline />
          .
        </Text>
        {policy.problem ? (
          <Text size="sm" c="yellow.8">
            {policy.problem}
          </Text>
        ) : null}
      </Stack>
    </Paper>
  );
}
