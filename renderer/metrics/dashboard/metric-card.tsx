/**
 * One figure as a card: its name, its value with its unit, what it was computed from (or
 * "not enough data"), its traffic light as a dot and a word, its trend as an arrow and a
 * sentence, and a small line chart of the last periods. The chart is a picture of the
 * numbers in the group's table, which is its text alternative.
 */
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
import { chartDomain, formatAxisValue, lightColors, lightWords, shortPeriodLabel, trendWords } from './figure-text';

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

/** The smallest of 1, 2, 2.5 and 5 times a power of ten at or above `value` (1 for none). */
export function niceCeiling(value: number): number {
  if (!(value > 0) || !Number.isFinite(value)) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  const step = [1, 2, 2.5, 5].find((candidate) => candidate * power >= value * (1 - 1e-12));
  return (step ?? 10) * power;
}

const PLOT_HEIGHT = 72;
const AXIS_WIDTH = 40;
const lineColor = 'var(--mantine-color-cyan-6)';
const axisText = { fontSize: 11, lineHeight: 1, color: 'var(--mantine-color-dimmed)', whiteSpace: 'nowrap' } as const;

/**
 * The small chart of a figure over the periods: a line with a dot per period, gaps where a
 * period had not enough data, three values on the vertical axis and the periods below
 * (every other one, ending with the current, so the labels never overlap).
 *
 * Plain SVG and a few positioned elements, not a charting library: the dashboard has 18 of
 * them, and a charting library's per-chart state made every change of period or scope block
 * the UI thread for a quarter of a second. The line is drawn in a 100 × 100 box stretched to
 * the card (with a stroke that does not stretch); dots and labels are positioned in percent
 * of it, so the chart follows the card's width on screen and on paper without measuring.
 */
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
  const values = series.filter((value): value is number => value !== null);
  if (values.length === 0) {
    return (
      <Text size="xs" c="dimmed">
        No value in the last {periods.length} periods to chart.
      </Text>
    );
  }
  const [low, high] = chartDomain(unit, series);
  const top = high === 'auto' ? Math.max(low + 1e-9, niceCeiling(Math.max(...values))) : high;
  const ticks = [low, (low + top) / 2, top];
  const count = Math.max(1, series.length);
  /** Horizontal position of the period at `index`, in percent: the middle of its band. */
  const x = (index: number) => ((index + 0.5) / count) * 100;
  /** Vertical position of `value`, in percent from the top. */
  const y = (value: number) => 100 - ((Math.min(Math.max(value, low), top) - low) / (top - low)) * 100;
  const lines: string[] = [];
  let run: string[] = [];
  series.forEach((value, index) => {
    if (value === null) {
      if (run.length > 1) lines.push(run.join(' '));
      run = [];
    } else {
      run.push(`${x(index)},${y(value)}`);
    }
  });
  if (run.length > 1) lines.push(run.join(' '));
  return (
    <div
      role="img"
      aria-label={`Chart of ${name} over the last ${periods.length} periods; the numbers are in the table “${tableName}”.`}
      style={{ display: 'grid', gridTemplateColumns: `${AXIS_WIDTH}px 1fr`, columnGap: 6, rowGap: 6, paddingTop: 6 }}
    >
      <div aria-hidden style={{ position: 'relative', height: PLOT_HEIGHT }}>
        {ticks.map((tick) => (
          <span
            key={tick}
            style={{ ...axisText, position: 'absolute', right: 0, top: `${y(tick)}%`, transform: 'translateY(-50%)' }}
          >
            {formatAxisValue(unit, tick)}
          </span>
        ))}
      </div>
      <div style={{ position: 'relative', height: PLOT_HEIGHT }}>
        <svg
          viewBox="0 0 100 100"
          preserveAspectRatio="none"
          width="100%"
          height="100%"
          aria-hidden
          focusable="false"
          style={{ display: 'block', overflow: 'visible' }}
        >
          {ticks.map((tick) => (
            <line
              key={tick}
              x1={0}
              x2={100}
              y1={y(tick)}
              y2={y(tick)}
              stroke="var(--mantine-color-default-border)"
              strokeDasharray="3 3"
              vectorEffect="non-scaling-stroke"
            />
          ))}
          {lines.map((points) => (
            <polyline
              key={points}
              points={points}
              fill="none"
              stroke={lineColor}
              strokeWidth={2}
              strokeLinejoin="round"
              vectorEffect="non-scaling-stroke"
            />
          ))}
        </svg>
        {series.map((value, index) =>
          value === null ? null : (
            <span
              key={periods[index]?.period.start ?? index}
              aria-hidden
              style={{
                position: 'absolute',
                left: `${x(index)}%`,
                top: `${y(value)}%`,
                width: 6,
                height: 6,
                margin: '-3px 0 0 -3px',
                borderRadius: '50%',
                background: lineColor,
              }}
            />
          ),
        )}
      </div>
      <div />
      <div aria-hidden style={{ position: 'relative', height: 12 }}>
        {periods.map((result, index) =>
          (periods.length - 1 - index) % 2 === 0 ? (
            <span
              key={result.period.start}
              style={{ ...axisText, position: 'absolute', left: `${x(index)}%`, transform: 'translateX(-50%)' }}
            >
              {shortPeriodLabel(result.period)}
            </span>
          ) : null,
        )}
      </div>
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
