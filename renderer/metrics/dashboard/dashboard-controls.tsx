/**
 * The dashboard's period and scope: the kind of period (week, month, quarter or a custom
 * range of two dates), a stepper to the period before or after, and whose figures (the
 * workspace, or a domain with or without its sub-domains). It only shows and reports them;
 * the dashboard keeps them in the address.
 */
import {
  type ComboboxItem,
  type ComboboxLikeRenderOptionInput,
  ActionIcon,
  Button,
  Checkbox,
  Group,
  Paper,
  SegmentedControl,
  Select,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { ChevronLeft, ChevronRight } from 'lucide-react';
import { useId } from 'react';
import type { MetricsPeriod, MetricsPeriodKind } from '@shared/metrics';
import { holdsToday, stepPeriod, switchKind, type DashboardQuery } from './dashboard-query';

const kindOptions: { value: MetricsPeriodKind; label: string }[] = [
  { value: 'week', label: 'Week' },
  { value: 'month', label: 'Month' },
  { value: 'quarter', label: 'Quarter' },
  { value: 'custom', label: 'Custom range' },
];

const kindNouns: Record<MetricsPeriodKind, string> = {
  week: 'week',
  month: 'month',
  quarter: 'quarter',
  custom: 'range',
};

/** The value of the scope picker that stands for the whole workspace. */
const WORKSPACE = '~workspace';

/** A domain the scope picker offers, with its depth in the hierarchy. */
export interface ScopeOption {
  id: string;
  name: string;
  depth: number;
}

export interface DashboardControlsProps {
  query: DashboardQuery;
  /** The period shown; null while a custom range is incomplete. */
  period: MetricsPeriod | null;
  /** Why no period is shown, for the custom range's fields. */
  problem: string | null;
  today: string;
  domains: readonly ScopeOption[];
  /** Reports a change; `replace` for one that should not add a history entry (typing a date). */
  onChange: (query: DashboardQuery, options?: { replace: boolean }) => void;
}

/** The period and scope of the dashboard. */
export function DashboardControls({ query, period, problem, today, domains, onChange }: DashboardControlsProps) {
  const kindLabelId = useId();
  const depths = new Map(domains.map((domain) => [domain.id, domain.depth]));
  const scopeData = [
    { value: WORKSPACE, label: 'Whole workspace' },
    ...domains.map((domain) => ({ value: domain.id, label: domain.name })),
  ];
  const noun = kindNouns[query.kind];
  const canStepForward = period !== null && period.lastDay < today;
  const isCurrent = period !== null && holdsToday(period, today);
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-label="Period and scope">
      <Stack gap="sm">
        <Group align="flex-end" gap="md" wrap="wrap">
          <Stack gap={4}>
            <Text size="sm" fw={500} id={kindLabelId}>
              Period
            </Text>
            <SegmentedControl
              aria-labelledby={kindLabelId}
              data={kindOptions}
              value={query.kind}
              onChange={(value) => onChange(switchKind(query, period, value, today))}
            />
          </Stack>
          {query.kind === 'custom' ? (
            <Group gap="sm" align="flex-start">
              <TextInput
                type="date"
                label="First day"
                value={query.from}
                max={query.to || undefined}
                onChange={(event) => onChange({ ...query, from: event.currentTarget.value }, { replace: true })}
                error={problem !== null && query.from === '' ? problem : undefined}
              />
              <TextInput
                type="date"
                label="Last day"
                value={query.to}
                min={query.from || undefined}
                onChange={(event) => onChange({ ...query, to: event.currentTarget.value }, { replace: true })}
                error={problem !== null && query.from !== '' ? problem : undefined}
              />
            </Group>
          ) : null}
          <Group gap="xs" align="center" wrap="nowrap">
            <ActionIcon
              variant="default"
              size="lg"
              aria-label={`Previous ${noun}`}
              disabled={period === null}
              onClick={() => period && onChange(stepPeriod(query, period, -1))}
            >
              <ChevronLeft size={18} aria-hidden />
            </ActionIcon>
            <Text fw={600} miw={150} ta="center" aria-live="polite">
              {period === null ? 'No period chosen' : period.label}
            </Text>
            <ActionIcon
              variant="default"
              size="lg"
              aria-label={`Next ${noun}`}
              disabled={!canStepForward}
              onClick={() => period && onChange(stepPeriod(query, period, 1))}
            >
              <ChevronRight size={18} aria-hidden />
            </ActionIcon>
            {query.kind !== 'custom' && !isCurrent ? (
              <Button variant="subtle" size="compact-sm" onClick={() => onChange({ ...query, at: '' })}>
                This {noun}
              </Button>
            ) : null}
          </Group>
        </Group>
        <Group align="flex-end" gap="md" wrap="wrap">
          <Select
            label="Scope"
            data={scopeData}
            value={query.domainId ?? WORKSPACE}
            allowDeselect={false}
            searchable
            w={280}
            renderOption={({ option }: ComboboxLikeRenderOptionInput<ComboboxItem>) => (
              <Text size="sm" pl={(depths.get(option.value) ?? 0) * 12}>
                {option.label}
              </Text>
            )}
            onChange={(value) =>
              onChange({
                ...query,
                domainId: value === null || value === WORKSPACE ? null : value,
                includeSubdomains: value === null || value === WORKSPACE ? false : query.includeSubdomains,
              })
            }
          />
          <Checkbox
            label="Include sub-domains"
            checked={query.includeSubdomains}
            disabled={query.domainId === null}
            onChange={(event) => onChange({ ...query, includeSubdomains: event.currentTarget.checked })}
            mb={8}
          />
        </Group>
      </Stack>
    </Paper>
  );
}
