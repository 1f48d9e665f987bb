/**
 * The health group (framework.md § 8, health metrics): team satisfaction, stress,
 * collaboration and trust from anonymous pulse checks, each 1–5. A figure is shown only from
 * pulse rounds that at least the anonymity threshold of people answered (3 by default); when
 * people answered but no round had that many, the engine hides the figures and this says so,
 * with no number of answers. The radar draws the four dimensions of the period against the
 * mean of the periods before; stress is the one where lower is better.
 */
import { RadarChart } from '@mantine/charts';
import { Alert, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { EyeOff } from 'lucide-react';
import { useId, type ReactNode } from 'react';
import { formatNumber } from '@shared/domains/format';
import { healthMetricKeys, type HealthMetricKey, type MetricsResult, type MetricsTrendResult } from '@shared/metrics';
import { countOf, formatValue, hiddenHealthText } from './figure-text';
import { FigureChart, MetricCard } from './metric-card';
import { GroupSection, valueText } from './metric-groups';
import { ToggledTable, TrendTable } from './trend-table';

/** The dimensions' names in the table; stress says which way is better. */
const dimensionNames: Record<HealthMetricKey, string> = {
  teamSatisfaction: 'Satisfaction',
  stress: 'Stress (lower is better)',
  collaboration: 'Collaboration',
  trust: 'Trust',
};

/** The radar's axis names, short enough to fit round it; the text above the radar explains stress. */
const axisNames: Record<HealthMetricKey, string> = { ...dimensionNames, stress: 'Stress ↓' };

const oneDecimal = new Intl.NumberFormat('en', { maximumFractionDigits: 1 });

function HealthCard({
  metricKey,
  trend,
  tableName,
}: {
  metricKey: HealthMetricKey;
  trend: MetricsTrendResult;
  tableName: string;
}) {
  const current = trend.periods[trend.periods.length - 1] as MetricsResult;
  const figure = current.health[metricKey];
  const series = trend.trends[metricKey];
  const chart = (
    <FigureChart metricKey={metricKey} periods={trend.periods} series={series.series} tableName={tableName} />
  );
  if (figure.suppressed) {
    return (
      <MetricCard
        metricKey={metricKey}
        value={
          <Text span fz="md" fw={600}>
            {hiddenHealthText(figure.minimum)}
          </Text>
        }
        basis={`A pulse round counts only when at least ${formatNumber(figure.minimum)} people answered it, so nobody’s answer can be worked out.`}
        light="none"
        trend={null}
        chart={chart}
      />
    );
  }
  const basis =
    figure.count === 0
      ? 'No pulse-check answers in this period.'
      : `From ${countOf(metricKey, figure.count)} in ${figure.rounds === 1 ? '1 pulse round' : `${formatNumber(figure.rounds)} pulse rounds`}`;
  const detail: string[] = [];
  if (figure.spread !== null) detail.push(`Answers spread ±${oneDecimal.format(figure.spread)} around the mean.`);
  if (figure.leftOut > 0) {
    detail.push(`Some answers are left out: their round had fewer than ${formatNumber(figure.minimum)} people.`);
  }
  return (
    <MetricCard
      metricKey={metricKey}
      value={valueText(metricKey, figure.value)}
      basis={basis}
      light={current.lights[metricKey]}
      trend={series}
      detail={detail.length === 0 ? undefined : <Text size="xs">{detail.join(' ')}</Text>}
      chart={chart}
    />
  );
}

/** The radar of the four dimensions, with its table; or why there is none. */
function HealthRadar({ trend, shown }: { trend: MetricsTrendResult; shown: boolean }) {
  const headingId = useId();
  const current = trend.periods[trend.periods.length - 1] as MetricsResult;
  const suppressed = healthMetricKeys.some((key) => current.health[key].suppressed);
  const rows = healthMetricKeys.map((key) => ({
    key,
    dimension: dimensionNames[key],
    current: current.health[key].value,
    earlier: trend.trends[key].baseline,
  }));
  const hasCurrent = rows.some((row) => row.current !== null);
  const hasEarlier = rows.some((row) => row.earlier !== null);
  let body: ReactNode;
  if (suppressed) {
    body = (
      <Alert
        color="gray"
        variant="light"
        icon={<EyeOff size={18} aria-hidden />}
        title={hiddenHealthText(current.health.stress.minimum)}
      >
        No pulse round of this period had enough people to be shown, so the radar is not drawn.
      </Alert>
    );
  } else if (!hasCurrent) {
    body = <Text size="sm">No pulse-check answers in this period, so there is nothing to draw.</Text>;
  } else {
    const caption = 'Team health this period and in the previous periods (mean), 1 to 5';
    body = (
      <>
        <div role="img" aria-label={`Radar chart of team health, 1 to 5; the numbers are in the table “${caption}”.`}>
          <RadarChart
            h={340}
            data={rows.map((row) => ({ dimension: axisNames[row.key], current: row.current, earlier: row.earlier }))}
            dataKey="dimension"
            series={[
              { name: 'current', label: 'This period', color: 'cyan.6', opacity: 0.35 },
              ...(hasEarlier
                ? [{ name: 'earlier', label: 'Previous periods (mean)', color: 'orange.6', opacity: 0.1 }]
                : []),
            ]}
            withPolarRadiusAxis
            polarRadiusAxisProps={{ domain: [0, 5], tickCount: 6, angle: 90, tick: false, axisLine: false }}
            radarChartProps={{ margin: { top: 8, right: 40, bottom: 8, left: 40 } }}
            legendProps={{ verticalAlign: 'bottom', height: 56 }}
            withLegend
            withDots
            accessibilityLayer={false}
            // No animation: a new period's radar is drawn at once, not over frames that each
            // take the UI thread.
            radarProps={{ isAnimationActive: false }}
          />
        </div>
        <ToggledTable shown={shown} label={caption}>
          <Table withTableBorder striped captionSide="top" fz="sm">
            <Table.Caption>{caption}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">Dimension</Table.Th>
                <Table.Th scope="col">This period</Table.Th>
                <Table.Th scope="col">Previous periods (mean)</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((row) => (
                <Table.Tr key={row.key}>
                  <Table.Th scope="row">{row.dimension}</Table.Th>
                  <Table.Td>{row.current === null ? 'No answers' : formatValue('score', row.current)}</Table.Td>
                  <Table.Td>{row.earlier === null ? 'No earlier answers' : formatValue('score', row.earlier)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ToggledTable>
      </>
    );
  }
  return (
    <Paper withBorder radius="md" p="md" role="group" aria-labelledby={headingId}>
      <Stack gap="xs">
        <Title order={3} size="h5" id={headingId}>
          Health at a glance
        </Title>
        <Text size="sm" c="dimmed">
          Each axis runs from 0 at the centre to 5 at the edge. Further out is better for satisfaction, collaboration
          and trust; for stress (↓) lower is better, so a point further out means more stress.
        </Text>
        {body}
      </Stack>
    </Paper>
  );
}

/** The health group. */
export function HealthSection({ trend, hint }: { trend: MetricsTrendResult; hint?: ReactNode }) {
  const caption = 'Health over the last periods';
  return (
    <GroupSection
      title="Health"
      description="How the team feels, from anonymous pulse checks, 1 to 5 (framework § 8, health metrics)."
      hint={hint}
      cards={healthMetricKeys.map((key) => (
        <HealthCard key={key} metricKey={key} trend={trend} tableName={caption} />
      ))}
      beside={(shown) => <HealthRadar trend={trend} shown={shown} />}
      table={(shown) => <TrendTable caption={caption} keys={healthMetricKeys} periods={trend.periods} shown={shown} />}
    />
  );
}
