/**
 * The text alternative of a group's charts: a table of its figures over the last periods,
 * the same numbers the charts draw. It is always there for screen readers; "Show as table"
 * shows it on screen too.
 */
import { Box, Button, Table } from '@mantine/core';
import { Table2 } from 'lucide-react';
import type { ReactNode } from 'react';
import {
  figureOf,
  metricDefinitions,
  type MetricKey,
  type MetricsResult,
  type UtilisationFigure,
} from '@shared/metrics';
import { formatValue, hiddenHealthText } from './figure-text';

/** What a table cell says for a figure in one period. */
export function cellText(key: MetricKey, result: MetricsResult): string {
  const figure = figureOf(result, key);
  if (figure.value !== null) return formatValue(metricDefinitions[key].unit, figure.value);
  if (key in result.health) {
    const health = result.health[key as keyof MetricsResult['health']];
    if (health.suppressed) return hiddenHealthText(health.minimum);
    return 'No answers';
  }
  if (key === 'resourceUtilisation' && (figure as UtilisationFigure).budget === null) return 'No budget';
  return 'Not enough data';
}

/** The "Show as table" toggle of a group. */
export function ShowTableButton({ shown, onToggle }: { shown: boolean; onToggle: () => void }) {
  return (
    <Button
      variant={shown ? 'light' : 'default'}
      size="compact-sm"
      leftSection={<Table2 size={16} aria-hidden />}
      aria-pressed={shown}
      onClick={onToggle}
    >
      Show as table
    </Button>
  );
}

/**
 * A table in view, or only for screen readers. In view, a narrow window scrolls it
 * sideways; the scrolling box takes focus, so the keyboard can scroll it too.
 */
export function ToggledTable({ shown, label, children }: { shown: boolean; label: string; children: ReactNode }) {
  if (!shown) return <div className="visually-hidden">{children}</div>;
  return (
    <Box tabIndex={0} role="group" aria-label={label} style={{ overflowX: 'auto' }}>
      {children}
    </Box>
  );
}

/** The figures `keys` in each of `periods`, oldest first. */
export function TrendTable({
  caption,
  keys,
  periods,
  shown,
}: {
  caption: string;
  keys: readonly MetricKey[];
  periods: readonly MetricsResult[];
  shown: boolean;
}) {
  return (
    <ToggledTable shown={shown} label={caption}>
      <Table striped withTableBorder captionSide="top" fz="sm" miw={640}>
        <Table.Caption>{caption}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">Figure</Table.Th>
            {periods.map((result) => (
              <Table.Th scope="col" key={result.period.start}>
                {result.period.label}
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {keys.map((key) => (
            <Table.Tr key={key}>
              <Table.Th scope="row">{metricDefinitions[key].name}</Table.Th>
              {periods.map((result) => (
                <Table.Td key={result.period.start}>{cellText(key, result)}</Table.Td>
              ))}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </ToggledTable>
  );
}
