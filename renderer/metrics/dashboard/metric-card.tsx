/**
 * One figure as a card: its name, its value with its unit, what it was computed from (or
 * "not enough data"), its traffic light as a dot and a word, its trend as an arrow and a
 * sentence, and a small line chart of the last periods. The chart is a picture of the
 * numbers in the group's table, which is its text alternative.
 */
import { LineChart } from '@mantine/charts';
import { Badge, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { ArrowDownRight, ArrowRight, ArrowUpRight, Minus } from 'lucide-react';
import { useId, type ReactNode } from 'react';
import {
  metricDefinitions,
  type MetricKey,
  type MetricLight,
  type MetricsResult,
  type MetricTrend,
} from '@shared/metrics';
import {
  chartDomain,
  formatAxisValue,
  formatValue,
  lightColors,
  lightWords,
  shortPeriodLabel,
  trendWords,
} from './figure-text';

/** A traffic light: a coloured dot and its word; nothing for no light. */
export function LightBadge({ light }: { light: MetricLight }) {
  const word = lightWords[light];
  if (light === 'none' || word === null) return null;
  return (
    <Badge variant="dot" color={lightColors[light]} size="md" style={{ flexShrink: 0 }}>
      {word}
    </Badge>
  );
}

const trendIcons = { up: ArrowUpRight, down: ArrowDownRight, flat: ArrowRight, none: Minus } as const;
const trendColors = {
  better: 'var(--mantine-color-green-text)',
  worse: 'var(--mantine-color-red-text)',
  same: 'var(--mantine-color-dimmed)',
  none: 'var(--mantine-color-dimmed)',
} as const;

/** A trend: an arrow (its colour repeats "better" or "worse") and the sentence that says it. */
export function TrendLine({ trend }: { trend: MetricTrend }) {
  const Icon = trendIcons[trend.direction];
  return (
    <Group gap={6} wrap="nowrap" align="flex-start">
      <Icon size={18} aria-hidden color={trendColors[trend.assessment]} style={{ flexShrink: 0, marginTop: 1 }} />
      <Text size="sm">{trendWords(trend, metricDefinitions[trend.key].unit)}</Text>
    </Group>
  );
}

/** The small chart of a figure over the periods; gaps where a period had not enough data. */
export function FigureChart({
  metricKey,
  periods,
  series,
  tableName,
}: {
  metricKey: MetricKey;
  periods: readonly MetricsResult[];
  series: readonly (number | null)[];
  /** The name of the table with the same numbers, for the chart's accessible name. */
  tableName: string;
}) {
  const { name, unit } = metricDefinitions[metricKey];
  if (series.every((value) => value === null)) {
    return (
      <Text size="xs" c="dimmed">
        No value in the last {periods.length} periods to chart.
      </Text>
    );
  }
  const data = periods.map((result, index) => ({
    period: shortPeriodLabel(result.period),
    value: series[index] ?? null,
  }));
  return (
    <div
      role="img"
      aria-label={`Chart of ${name} over the last ${periods.length} periods; the numbers are in the table “${tableName}”.`}
    >
      <LineChart
        h={96}
        data={data}
        dataKey="period"
        series={[{ name: 'value', label: name, color: 'cyan.6' }]}
        curveType="linear"
        connectNulls={false}
        accessibilityLayer={false}
        tickLine="none"
        strokeWidth={2}
        valueFormatter={(value) => formatValue(unit, value)}
        yAxisProps={{
          width: 40,
          tickCount: 3,
          domain: chartDomain(unit, series),
          tickFormatter: (value: number) => formatAxisValue(unit, value),
        }}
        xAxisProps={{ fontSize: 11 }}
        tooltipAnimationDuration={0}
        lineChartProps={{ margin: { top: 6, right: 8, bottom: 0, left: 0 } }}
      />
    </div>
  );
}

export interface MetricCardProps {
  metricKey: MetricKey;
  /** The value shown big, or what stands in for it ("Hidden: …"). */
  value: ReactNode;
  /** What it was computed from, or why there is no value. */
  basis: ReactNode;
  light: MetricLight;
  /** The trend; null where showing one would say more than the figure may (a hidden health figure). */
  trend: MetricTrend | null;
  /** More about the figure (per tier, committed of budget…). */
  detail?: ReactNode;
  chart: ReactNode;
}

/** A figure's card. */
export function MetricCard({ metricKey, value, basis, light, trend, detail, chart }: MetricCardProps) {
  const headingId = useId();
  const definition = metricDefinitions[metricKey];
  return (
    <Paper withBorder radius="md" p="md" role="group" aria-labelledby={headingId}>
      <Stack gap={6} h="100%">
        <Group justify="space-between" align="flex-start" wrap="nowrap" gap="xs">
          <Title order={3} size="h5" id={headingId}>
            {definition.name}
          </Title>
          <LightBadge light={light} />
        </Group>
        <Text fz={24} fw={700} lh={1.2}>
          {value}
        </Text>
        <Text size="sm" c="dimmed">
          {basis}
        </Text>
        {trend === null ? null : <TrendLine trend={trend} />}
        {detail}
        <div style={{ marginTop: 'auto' }}>{chart}</div>
        <Text size="xs" c="dimmed">
          {definition.definition} {definition.better === 'lower' ? 'Lower is better.' : 'Higher is better.'}
        </Text>
      </Stack>
    </Paper>
  );
}
