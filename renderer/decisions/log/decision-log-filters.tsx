/**
 * The decision log's search box and filters. It only shows and reports the filters; the
 * log keeps them in the address.
 */
import { Button, Group, MultiSelect, Select, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { Search, X } from 'lucide-react';
import { tiers } from '@shared/decisions/classify';
import type { DecisionKind, DecisionSort } from '@shared/decisions/decision-log';
import { decisionStatusLabels } from '../../components/entity-labels';
import { tierLabels } from '../classification';
import { decisionStatuses, isFiltered, NO_DOMAIN, type LogFilters } from './log-query';

const sortOptions: { value: DecisionSort; label: string }[] = [
  { value: 'newest', label: 'Newest first' },
  { value: 'oldest', label: 'Oldest first' },
  { value: 'title', label: 'Title (A–Z)' },
  { value: 'cost', label: 'Cost (highest first)' },
];

const kindOptions: { value: DecisionKind; label: string }[] = [
  { value: 'decision', label: 'Decisions' },
  { value: 'experiment', label: 'Experiments' },
];

export interface DecisionLogFiltersProps {
  filters: LogFilters;
  /** The domains to offer, by name. */
  domains: readonly { id: string; name: string }[];
  /** The tags to offer. */
  tags: readonly string[];
  /** Reports the text as it is typed. */
  onTextChange: (text: string) => void;
  /** Reports a change of any other filter. */
  onChange: (filters: LogFilters) => void;
  onClear: () => void;
}

/** The search box and filters of the decision log. */
export function DecisionLogFilters({
  filters,
  domains,
  tags,
  onTextChange,
  onChange,
  onClear,
}: DecisionLogFiltersProps) {
  const set = (patch: Partial<LogFilters>) => onChange({ ...filters, ...patch });
  return (
    <Stack gap="sm" role="search" aria-label="Search and filter decisions">
      <Group align="flex-end" gap="sm" wrap="wrap">
        <TextInput
          type="search"
          label="Search decisions"
          placeholder="Words in the title, context, tags…"
          leftSection={<Search size={16} aria-hidden />}
          value={filters.text}
          onChange={(event) => onTextChange(event.currentTarget.value)}
          style={{ flex: 1, minWidth: 240 }}
        />
        <Select
          label="Sort"
          data={sortOptions}
          value={filters.sort}
          allowDeselect={false}
          onChange={(value) => set({ sort: value ?? 'newest' })}
          w={200}
        />
      </Group>
      <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }} spacing="sm">
        <MultiSelect
          label="Domain"
          placeholder={filters.domains.length === 0 ? 'Any domain' : undefined}
          data={[
            ...domains.map((domain) => ({ value: domain.id, label: domain.name })),
            { value: NO_DOMAIN, label: 'No domain' },
          ]}
          value={filters.domains}
          onChange={(domainIds) => set({ domains: domainIds })}
          searchable
          clearable
        />
        <MultiSelect
          label="Tier"
          placeholder={filters.tiers.length === 0 ? 'Any tier' : undefined}
          data={tiers.map((tier) => ({ value: tier, label: tierLabels[tier] }))}
          value={filters.tiers}
          onChange={(values) => set({ tiers: values })}
          clearable
        />
        <MultiSelect
          label="Status"
          placeholder={filters.statuses.length === 0 ? 'Any status' : undefined}
          data={decisionStatuses.map((status) => ({ value: status, label: decisionStatusLabels[status] }))}
          value={filters.statuses}
          onChange={(values) => set({ statuses: values })}
          clearable
        />
        <Select
          label="Kind"
          placeholder="Decisions and experiments"
          data={kindOptions}
          value={filters.kind}
          onChange={(value) => set({ kind: value ?? null })}
          clearable
        />
        <MultiSelect
          label="Tag"
          placeholder={filters.tags.length === 0 ? 'Any tag' : undefined}
          data={[...new Set([...tags, ...filters.tags])]}
          value={filters.tags}
          onChange={(values) => set({ tags: values })}
          searchable
          clearable
          limit={200}
        />
        <TextInput
          type="date"
          label="From"
          value={filters.from}
          max={filters.to || undefined}
          onChange={(event) => set({ from: event.currentTarget.value })}
        />
        <TextInput
          type="date"
          label="To"
          value={filters.to}
          min={filters.from || undefined}
          onChange={(event) => set({ to: event.currentTarget.value })}
        />
        {isFiltered(filters) ? (
          <Group align="flex-end">
            <Button variant="subtle" leftSection={<X size={16} aria-hidden />} onClick={onClear}>
              Clear filters
            </Button>
          </Group>
        ) : null}
      </SimpleGrid>
    </Stack>
  );
}
