/**
 * The three groups of success metrics (framework.md § 8) as sections of cards: autonomy
 * (with resource utilisation per domain), value (with the scope's own success metrics) and
 * health (with a radar of the four dimensions). Each group's charts have one table with the
 * same numbers as their text alternative.
 */
import { Anchor, Button, Grid, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import type { LucideIcon } from 'lucide-react';
import { useId, useState, type ReactNode } from 'react';
import { Link } from 'react-router';
import { tiers } from '@shared/decisions/classify';
import { formatNumber } from '@shared/domains/format';
import {
  autonomyMetricKeys,
  figureOf,
  metricDefinitions,
  valueMetricKeys,
  type MetricKey,
  type MetricsTrendResult,
} from '@shared/metrics';
import { tierLabels } from '../../decisions/classification';
import { basisOf, formatValue, roundedAmount } from './figure-text';
import { FigureChart, MetricCard } from './metric-card';
import { ShowTableButton, TrendTable } from './trend-table';

/** A link to where the missing records are made. */
export interface RecordLink {
  to: string;
  label: string;
  icon: LucideIcon;
}

/** Says what to record, and where, when a group has nothing to compute from yet. */
export function RecordHint({ children, link }: { children: ReactNode; link: RecordLink }) {
  const Icon = link.icon;
  return (
    <Paper withBorder radius="md" p="md" bg="var(--mantine-color-default-hover)">
      <Group justify="space-between" gap="sm">
        <Text size="sm" maw={640}>
          {children}
        </Text>
        <Button component={Link} to={link.to} variant="light" leftSection={<Icon size={16} aria-hidden />}>
          {link.label}
        </Button>
      </Group>
    </Paper>
  );
}

export interface GroupSectionProps {
  title: string;
  description: string;
  /** The group's table (the charts' text alternative), given whether it is shown. */
  table: (shown: boolean) => ReactNode;
  hint?: ReactNode;
  cards: ReactNode;
  /** A larger chart beside the cards, given whether tables are shown. */
  beside?: (shown: boolean) => ReactNode;
  children?: ReactNode;
}

/** A group: heading, "Show as table", its cards, its table and what else it holds. */
export function GroupSection({ title, description, table, hint, cards, beside, children }: GroupSectionProps) {
  const headingId = useId();
  const [shown, setShown] = useState(false);
  return (
    <Stack gap="sm" component="section" aria-labelledby={headingId}>
      <Group justify="space-between" align="flex-end" gap="xs">
        <Stack gap={2}>
          <Title order={2} size="h3" id={headingId}>
            {title}
          </Title>
          <Text size="sm" c="dimmed">
            {description}
          </Text>
        </Stack>
        <ShowTableButton shown={shown} onToggle={() => setShown((value) => !value)} />
      </Group>
      {hint}
      {beside === undefined ? (
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="md">
          {cards}
        </SimpleGrid>
      ) : (
        <Grid gap="md">
          <Grid.Col span={{ base: 12, lg: 7 }}>
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
              {cards}
            </SimpleGrid>
          </Grid.Col>
          <Grid.Col span={{ base: 12, lg: 5 }}>{beside(shown)}</Grid.Col>
        </Grid>
      )}
      {table(shown)}
      {children}
    </Stack>
  );
}

/** The value of a figure for a card: with its unit, or "No value". */
export function valueText(key: MetricKey, value: number | null): ReactNode {
  if (value === null) {
    return (
      <Text span c="dimmed" fz="lg" fw={600}>
        No value
      </Text>
    );
  }
  return formatValue(metricDefinitions[key].unit, value);
}

/** A card of an autonomy or value figure, from the trend of the last periods. */
export function CountedCard({
  metricKey,
  trend,
  tableName,
  detail,
}: {
  metricKey: MetricKey;
  trend: MetricsTrendResult;
  tableName: string;
  detail?: ReactNode;
}) {
  const current = trend.periods[trend.periods.length - 1];
  if (current === undefined) return null;
  const figure = figureOf(current, metricKey);
  const series = trend.trends[metricKey];
  return (
    <MetricCard
      metricKey={metricKey}
      value={valueText(metricKey, figure.value)}
      basis={basisOf(metricKey, figure)}
      light={current.lights[metricKey]}
      trend={series}
      detail={detail}
      chart={<FigureChart metricKey={metricKey} periods={trend.periods} series={series.series} tableName={tableName} />}
    />
  );
}

function Detail({ children }: { children: ReactNode }) {
  return <Text size="xs">{children}</Text>;
}

/** The autonomy group: how quickly and how freely decisions are made, and what they commit. */
export function AutonomySection({
  trend,
  hint,
  children,
}: {
  trend: MetricsTrendResult;
  hint?: ReactNode;
  children?: ReactNode;
}) {
  const current = trend.periods[trend.periods.length - 1];
  if (current === undefined) return null;
  const caption = 'Autonomy over the last periods';
  const { decisionVelocityByTier, resourceUtilisation } = current.autonomy;
  const details: Partial<Record<MetricKey, ReactNode>> = {
    decisionVelocity: (
      <Detail>
        By tier:{' '}
        {tiers
          .map((tier) => {
            const figure = decisionVelocityByTier[tier];
            const value = figure.value === null ? 'not enough data' : formatValue('days', figure.value);
            return `${tierLabels[tier].toLowerCase()} ${value} (${formatNumber(figure.count)})`;
          })
          .join(', ')}
      </Detail>
    ),
    resourceUtilisation:
      resourceUtilisation.budget === null && resourceUtilisation.unbudgeted === 0 ? undefined : (
        <Detail>
          {resourceUtilisation.budget === null
            ? null
            : `${formatNumber(roundedAmount(resourceUtilisation.committed))} committed of ${formatNumber(roundedAmount(resourceUtilisation.budget))} budgeted. `}
          {resourceUtilisation.unbudgeted > 0
            ? `${formatNumber(roundedAmount(resourceUtilisation.unbudgeted))} more committed by domains without a budget.`
            : null}
        </Detail>
      ),
  };
  return (
    <GroupSection
      title="Autonomy"
      description="How quickly and how freely decisions are made, escalated and paid for (framework § 8, autonomy metrics)."
      hint={hint}
      cards={autonomyMetricKeys.map((key) => (
        <CountedCard key={key} metricKey={key} trend={trend} tableName={caption} detail={details[key]} />
      ))}
      table={(shown) => (
        <TrendTable caption={caption} keys={autonomyMetricKeys} periods={trend.periods} shown={shown} />
      )}
    >
      {children}
    </GroupSection>
  );
}

/** The value group: how fast and how well work reaches users, and what is learnt. */
export function ValueSection({
  trend,
  hint,
  children,
}: {
  trend: MetricsTrendResult;
  hint?: ReactNode;
  children?: ReactNode;
}) {
  const current = trend.periods[trend.periods.length - 1];
  if (current === undefined) return null;
  const caption = 'Value over the last periods';
  const { defectRate } = current.value;
  return (
    <GroupSection
      title="Value"
      description="How fast and how well work reaches users, and how much the team learns (framework § 8, value metrics)."
      hint={hint}
      cards={valueMetricKeys.map((key) => (
        <CountedCard
          key={key}
          metricKey={key}
          trend={trend}
          tableName={caption}
          detail={
            key === 'defectRate' && defectRate.count > 0 ? (
              <Detail>{`${formatNumber(defectRate.total)} defects and incidents in all.`}</Detail>
            ) : undefined
          }
        />
      ))}
      table={(shown) => <TrendTable caption={caption} keys={valueMetricKeys} periods={trend.periods} shown={shown} />}
    >
      {children}
    </GroupSection>
  );
}

/** A link in a sentence. */
export function InlineLink({ to, children }: { to: string; children: ReactNode }) {
  return (
    <Anchor component={Link} to={to} underline="always">
      {children}
    </Anchor>
  );
}
