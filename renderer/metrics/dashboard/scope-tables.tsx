/**
 * The lists under the groups: resource utilisation per domain in the period shown, the
 * scope's own success metrics (latest value against target), and the budget envelopes of the
 * scope's domains in their current budget period (the shared `budgetEnvelope` engine, as on a
 * domain's page).
 */
import { Anchor, Badge, Paper, Progress, Stack, Table, Text, Title } from '@mantine/core';
import { useId, useMemo, type ReactNode } from 'react';
import { Link } from 'react-router';
import { budgetEnvelope, type ActiveBudgetEnvelope } from '@shared/domains/budget';
import { formatAmount } from '@shared/domains/format';
import { describeError } from '@shared/errors';
import {
  lightOf,
  metricDefinitions,
  type DomainUtilisation,
  type MetricThresholdSet,
  type SuccessMetricFigure,
} from '@shared/metrics';
import type { Entity } from '@shared/model/entities';
import { formatCalendarDate } from '../../domains/charter/dates';
import { formatPercent, roundedAmount } from './figure-text';
import { LightBadge } from './metric-card';

type Domain = Entity<'domains'>;

/** A titled panel around a table or a sentence. */
export function Panel({
  title,
  description,
  children,
}: {
  title: string;
  description?: ReactNode;
  children: ReactNode;
}) {
  const headingId = useId();
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby={headingId}>
      <Stack gap="xs">
        <Title order={3} size="h4" id={headingId}>
          {title}
        </Title>
        {description === undefined ? null : (
          <Text size="sm" c="dimmed">
            {description}
          </Text>
        )}
        {children}
      </Stack>
    </Paper>
  );
}

function DomainName({ domainId, domains }: { domainId: string | null; domains: ReadonlyMap<string, Domain> }) {
  if (domainId === null) return <>Workspace level</>;
  const domain = domains.get(domainId);
  if (domain === undefined) return <>Unknown domain</>;
  return (
    <Anchor component={Link} to={`/domains/${domain.id}`}>
      {domain.name}
    </Anchor>
  );
}

const unitOf = (domainId: string | null, domains: ReadonlyMap<string, Domain>): string =>
  domainId === null ? '' : (domains.get(domainId)?.budgetUnit ?? '');

/** Cost committed against each domain's budget in the period shown. */
export function UtilisationTable({
  rows,
  domains,
  thresholds,
}: {
  rows: readonly DomainUtilisation[];
  domains: ReadonlyMap<string, Domain>;
  thresholds: MetricThresholdSet;
}) {
  return (
    <Panel
      title="Resource utilisation by domain"
      description="Cost committed by the decisions decided in the period against each domain’s budget for it (prorated by days)."
    >
      {rows.length === 0 ? (
        <Text size="sm">No domain in this scope has a budget or a decision with a cost in this period.</Text>
      ) : (
        <Table.ScrollContainer minWidth={560}>
          <Table striped fz="sm">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">Domain</Table.Th>
                <Table.Th scope="col">Costed decisions</Table.Th>
                <Table.Th scope="col">Committed</Table.Th>
                <Table.Th scope="col">Budget for the period</Table.Th>
                <Table.Th scope="col">Used</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((row) => {
                const unit = unitOf(row.domainId, domains);
                const light = lightOf(
                  row.value,
                  thresholds.resourceUtilisation,
                  metricDefinitions.resourceUtilisation.better,
                );
                return (
                  <Table.Tr key={row.domainId ?? '~workspace'}>
                    <Table.Th scope="row" fw={400}>
                      <DomainName domainId={row.domainId} domains={domains} />
                    </Table.Th>
                    <Table.Td>{row.count}</Table.Td>
                    <Table.Td>{formatAmount(roundedAmount(row.committed), unit)}</Table.Td>
                    <Table.Td>
                      {row.budget === null ? 'No budget' : formatAmount(roundedAmount(row.budget), unit)}
                    </Table.Td>
                    <Table.Td>
                      {row.value === null ? (
                        '—'
                      ) : (
                        <>
                          {formatPercent(row.value)} <LightBadge light={light} />
                        </>
                      )}
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Panel>
  );
}

function targetText(metric: SuccessMetricFigure): string {
  if (metric.target === null) return 'No target';
  return `${metric.direction === 'higher' ? 'At least' : 'At most'} ${formatAmount(metric.target, metric.unit)}`;
}

function TargetStatus({ metric }: { metric: SuccessMetricFigure }) {
  if (metric.latest === null) return <>No value in this period</>;
  if (metric.onTarget === null) return <>No target set</>;
  return (
    <Badge variant="dot" color={metric.onTarget ? 'green' : 'red'}>
      {metric.onTarget ? 'On target' : 'Off target'}
    </Badge>
  );
}

/** The scope's own success metrics in the period: the latest value against the target. */
export function SuccessMetricsTable({
  metrics,
  domains,
}: {
  metrics: readonly SuccessMetricFigure[];
  domains: ReadonlyMap<string, Domain>;
}) {
  return (
    <Panel
      title="Success metrics"
      description="The quality measures each domain set itself: the latest value recorded in the period against its target."
    >
      {metrics.length === 0 ? (
        <Text size="sm">
          No domain in this scope has success metrics yet. A domain sets them on its page, under “Success metrics”.
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={620}>
          <Table striped fz="sm">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">Metric</Table.Th>
                <Table.Th scope="col">Domain</Table.Th>
                <Table.Th scope="col">Latest in the period</Table.Th>
                <Table.Th scope="col">Target</Table.Th>
                <Table.Th scope="col">Status</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {metrics.map((metric) => (
                <Table.Tr key={metric.metricId}>
                  <Table.Th scope="row" fw={500}>
                    {metric.name}
                  </Table.Th>
                  <Table.Td>
                    <DomainName domainId={metric.domainId} domains={domains} />
                  </Table.Td>
                  <Table.Td>
                    {metric.latest === null || metric.latestOn === null
                      ? '—'
                      : `${formatAmount(roundedAmount(metric.latest), metric.unit)} on ${formatCalendarDate(metric.latestOn)} (${metric.count} ${metric.count === 1 ? 'value' : 'values'})`}
                  </Table.Td>
                  <Table.Td>{targetText(metric)}</Table.Td>
                  <Table.Td>
                    <TargetStatus metric={metric} />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Panel>
  );
}

const stateColors = { ok: 'teal', near: 'yellow', over: 'red' } as const;
const stateLabels = { ok: 'Within budget', near: 'Near the limit', over: 'Over budget' } as const;

interface EnvelopeRow {
  domain: Domain;
  envelope: ActiveBudgetEnvelope | null;
  problem: string | null;
}

/** The budget envelopes of `domains` (those with a budget) at `now`. */
export function BudgetEnvelopes({
  domains,
  decisions,
  now,
  timeZone,
}: {
  domains: readonly Domain[];
  decisions: readonly Entity<'decisions'>[];
  now: number;
  timeZone: string;
}) {
  // Each domain's decisions, found in one pass rather than one pass per domain.
  const byDomain = useMemo(() => {
    const groups = new Map<string | null, Entity<'decisions'>[]>();
    for (const decision of decisions) {
      const group = groups.get(decision.domainId);
      if (group === undefined) groups.set(decision.domainId, [decision]);
      else group.push(decision);
    }
    return groups;
  }, [decisions]);
  const rows = useMemo<EnvelopeRow[]>(
    () =>
      domains
        .filter((domain) => domain.budgetAmount !== null)
        .map((domain) => {
          try {
            const envelope = budgetEnvelope({
              budget:
                domain.budgetAmount === null
                  ? null
                  : { amount: domain.budgetAmount, unit: domain.budgetUnit, period: domain.budgetPeriod },
              decisions: byDomain.get(domain.id) ?? [],
              domainId: domain.id,
              at: now,
              timeZone,
            });
            return { domain, envelope: envelope.state === 'none' ? null : envelope, problem: null };
          } catch (error) {
            return { domain, envelope: null, problem: describeError(error) };
          }
        }),
    [domains, byDomain, now, timeZone],
  );
  return (
    <Panel
      title="Budget envelopes"
      description={`Each domain’s budget in its current budget period: committed by decisions decided in it, pending in decisions still being prepared. Periods follow this device’s time zone (${timeZone}).`}
    >
      {rows.length === 0 ? (
        <Text size="sm">
          No domain in this scope has a budget. A domain sets one on its page, under “Resource constraints”.
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={760}>
          <Table striped fz="sm" verticalSpacing="xs">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">Domain</Table.Th>
                <Table.Th scope="col">Period</Table.Th>
                <Table.Th scope="col">Budget</Table.Th>
                <Table.Th scope="col">Committed</Table.Th>
                <Table.Th scope="col">Pending</Table.Th>
                <Table.Th scope="col">Remaining</Table.Th>
                <Table.Th scope="col">State</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map(({ domain, envelope, problem }) => (
                <Table.Tr key={domain.id}>
                  <Table.Th scope="row" fw={400}>
                    <DomainName domainId={domain.id} domains={new Map([[domain.id, domain]])} />
                  </Table.Th>
                  {envelope === null ? (
                    <Table.Td colSpan={6}>{problem ?? 'No budget'}</Table.Td>
                  ) : (
                    <>
                      <Table.Td>{envelope.period.label}</Table.Td>
                      <Table.Td>{formatAmount(envelope.amount, envelope.unit)}</Table.Td>
                      <Table.Td>
                        <Stack gap={4}>
                          {formatAmount(envelope.committed, envelope.unit)}
                          <Progress
                            value={Math.min(100, Number.isFinite(envelope.ratio) ? envelope.ratio * 100 : 100)}
                            color={stateColors[envelope.state]}
                            size="sm"
                            aria-label={`${domain.name}: ${formatAmount(envelope.committed, envelope.unit)} of ${formatAmount(envelope.amount, envelope.unit)} used`}
                          />
                        </Stack>
                      </Table.Td>
                      <Table.Td>{formatAmount(envelope.pending, envelope.unit)}</Table.Td>
                      <Table.Td>
                        {envelope.remaining < 0
                          ? `Over by ${formatAmount(-envelope.remaining, envelope.unit)}`
                          : formatAmount(envelope.remaining, envelope.unit)}
                      </Table.Td>
                      <Table.Td>
                        <Badge variant="dot" color={stateColors[envelope.state]}>
                          {stateLabels[envelope.state]}
                        </Badge>
                      </Table.Td>
                    </>
                  )}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Panel>
  );
}
