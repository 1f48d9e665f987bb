/**
 * The metrics dashboard (issue 6; framework.md § 8 "Success metrics", § 4 "Progress
 * visibility, Resource tracking, Impact measurement", § 7 "Pattern monitoring"): for the
 * workspace or one domain (optionally with its sub-domains) and a week, month, quarter or
 * custom range, the autonomy, value and health figures as cards with traffic lights and
 * trends, their charts over the last six periods with tables as text alternatives, the health
 * radar, resource utilisation per domain, the scope's success metrics, its budget envelopes
 * and its reviews due. Above the groups, the governance alerts of the period
 * (`shared/review/alerts.ts`, computed with the figures), each with its evidence and a link to
 * the place to act.
 *
 * The period and scope live in the address's query string (`dashboard-query.ts`), so back,
 * forward and reload keep them. The figures come from the pure engine in `shared/metrics`,
 * run in a Web Worker (`use-dashboard-metrics.ts`): while it works, the previous figures
 * stay and a quiet "Updating…" says so. Health figures the engine hides for anonymity are
 * shown as hidden, with no number. The figures shown can be exported as CSV, and the
 * dashboard printed or saved as PDF (`dashboard-export.tsx`).
 */
import '@mantine/charts/styles.css';
import { Alert, Anchor, Button, Group, Loader, Stack, Text, Title } from '@mantine/core';
import { BarChart3, HeartPulse, PackageCheck, Scale, SlidersHorizontal, TriangleAlert } from 'lucide-react';
import { memo, useDeferredValue, useEffect, useMemo, useState, type ReactNode } from 'react';
import { Link, useSearchParams } from 'react-router';
import { compareByName } from '@shared/domains/order';
import { descendantsOf, domainTree, flattenDomainTree } from '@shared/domains/hierarchy';
import { describeError } from '@shared/errors';
import { checkThresholds, defaultThresholds, type MetricsTrendResult, type MetricThresholdSet } from '@shared/metrics';
import type { Entity } from '@shared/model/entities';
import type { GovernanceAlert } from '@shared/review/alerts';
import { EmptyState } from '../../components/empty-state';
import { ReviewsDueSection } from '../../decisions/log/reviews-due-section';
import { reviewsDue } from '../../decisions/log/reviews-due';
import { useDocument } from '../../workspaces/session-store';
import { DashboardControls, type ScopeOption } from './dashboard-controls';
import { ExportButtons, scopeWords } from './dashboard-export';
import {
  readDashboardQuery,
  resolvePeriod,
  TREND_PERIODS,
  writeDashboardQuery,
  type DashboardQuery,
  type ResolvedPeriod,
} from './dashboard-query';
import { HealthSection } from './health-section';
import { AutonomySection, RecordHint, ValueSection, type RecordLink } from './metric-groups';
import { BudgetEnvelopes, Panel, SuccessMetricsTable, UtilisationTable } from './scope-tables';
import { useDashboardMetrics, useToday, type AlertContext, type DashboardThresholds } from './use-dashboard-metrics';

/** Where pulse checks, delivered value and thresholds are recorded. */
export const metricsLinks = {
  pulse: { to: '/metrics/pulse', label: 'Record a pulse check', icon: HeartPulse },
  value: { to: '/metrics/value', label: 'Record delivered value', icon: PackageCheck },
  decisions: { to: '/decisions', label: 'Go to decisions', icon: Scale },
} as const satisfies Record<string, RecordLink>;

const kindPlurals = { week: 'weeks', month: 'months', quarter: 'quarters', custom: 'ranges of as many days' } as const;

export interface MetricsDashboardProps {
  /**
   * The team's traffic-light thresholds, in place of the engine's `defaultThresholds` (null
   * for a figure: no light). Pass a stable object (memoised): the figures are recomputed when
   * it changes.
   */
  thresholds?: DashboardThresholds;
}

/** "Record a pulse check" and "Record delivered value", and what else belongs with them. */
function RecordButtons({ children }: { children?: ReactNode }) {
  return (
    <Group gap="sm" justify="center">
      {[metricsLinks.pulse, metricsLinks.value].map((link) => (
        <Button
          key={link.to}
          component={Link}
          to={link.to}
          variant="light"
          leftSection={<link.icon size={16} aria-hidden />}
        >
          {link.label}
        </Button>
      ))}
      {children}
    </Group>
  );
}

/** How long a computation runs before "Updating…" shows: quicker ones would only flicker. */
const UPDATING_DELAY_MS = 250;

/** "Updating…", shown once a computation has run for a moment. */
function DelayedUpdating({ first }: { first: boolean }) {
  const [shown, setShown] = useState(false);
  useEffect(() => {
    const timer = window.setTimeout(() => setShown(true), UPDATING_DELAY_MS);
    return () => window.clearTimeout(timer);
  }, []);
  if (!shown) return null;
  return (
    <Group gap={6} wrap="nowrap">
      <Loader size="xs" aria-hidden />
      <Text size="sm" c="dimmed">
        {first ? 'Computing the figures…' : 'Updating…'}
      </Text>
    </Group>
  );
}

/**
 * A polite live region that says, without moving focus, when the figures are being
 * computed; it stays in the page (empty) so screen readers announce what appears in it.
 */
function UpdatingStatus({ updating, first }: { updating: boolean; first: boolean }) {
  return (
    <div role="status" aria-live="polite">
      {updating ? <DelayedUpdating first={first} /> : null}
    </div>
  );
}

/** The query with the address as it is: period and scope read from the search params. */
function useDashboardQuery(): [DashboardQuery, (query: DashboardQuery, options?: { replace: boolean }) => void] {
  const [params, setParams] = useSearchParams();
  const query = useMemo(() => readDashboardQuery(params), [params]);
  return [query, (next, options) => setParams(writeDashboardQuery(next), { replace: options?.replace ?? false })];
}

/** What the figure groups need; all stable between renders unless the figures changed. */
interface FigureGroupsProps {
  trend: MetricsTrendResult;
  hasDecided: boolean;
  hasValue: boolean;
  hasPulses: boolean;
  domains: ReadonlyMap<string, Entity<'domains'>>;
  thresholds: MetricThresholdSet;
}

/**
 * The autonomy, value and health groups. Memoised: choosing another period or scope
 * re-renders the controls at once, and these only when the new figures arrive, in a
 * transition React renders in slices (`use-dashboard-metrics.ts`).
 */
/**
 * How many of `total` parts to show: one at first, then one more per task until all are, so a
 * big first render is committed (and laid out) in parts that each hold the UI thread briefly.
 */
function useRevealedParts(total: number): number {
  const [count, setCount] = useState(1);
  useEffect(() => {
    if (count >= total) return undefined;
    const timer = setTimeout(() => setCount((shown) => shown + 1), 0);
    return () => clearTimeout(timer);
  }, [count, total]);
  return count;
}

const FigureGroups = memo(function FigureGroups({
  trend,
  hasDecided,
  hasValue,
  hasPulses,
  domains,
  thresholds,
}: FigureGroupsProps) {
  // The three groups come one per task the first time: each is cards, charts and a table.
  const revealed = useRevealedParts(3);
  return (
    <Stack gap="xl">
      <AutonomySection
        trend={trend}
        hint={
          hasDecided ? undefined : (
            <RecordHint link={metricsLinks.decisions}>
              No decision has been decided yet. Autonomy figures come from decisions with the dates they were proposed
              and decided, their tier, escalations and cost.
            </RecordHint>
          )
        }
      >
        <UtilisationTable
          rows={trend.periods[trend.periods.length - 1]?.autonomy.utilisationByDomain ?? []}
          domains={domains}
          thresholds={thresholds}
        />
      </AutonomySection>
      {revealed < 2 ? null : (
        <ValueSection
          trend={trend}
          hint={
            hasValue ? undefined : (
              <RecordHint link={metricsLinks.value}>
                No delivered value is recorded yet. Record each item delivered to users with when work started and when
                it was delivered, how satisfied users were and the defects found.
              </RecordHint>
            )
          }
        >
          <SuccessMetricsTable
            metrics={trend.periods[trend.periods.length - 1]?.value.successMetrics ?? []}
            domains={domains}
          />
        </ValueSection>
      )}
      {revealed < 3 ? null : (
        <HealthSection
          trend={trend}
          hint={
            hasPulses ? undefined : (
              <RecordHint link={metricsLinks.pulse}>
                No pulse check is answered yet. Ask each person to answer a short, anonymous pulse check of
                satisfaction, stress, collaboration and trust; figures appear once at least 3 people answered a round.
              </RecordHint>
            )
          }
        />
      )}
    </Stack>
  );
});

/** The governance alerts of the period shown: title, evidence and where to act on each. */
const GovernanceAlerts = memo(function GovernanceAlerts({ alerts }: { alerts: readonly GovernanceAlert[] }) {
  return (
    <Stack gap="sm" component="section" aria-labelledby="metrics-alerts-heading">
      <Title order={2} size="h3" id="metrics-alerts-heading">
        Governance alerts
      </Title>
      {alerts.length === 0 ? (
        <Text size="sm">No alerts for this period.</Text>
      ) : (
        <Stack gap="xs" component="ul" m={0} p={0} style={{ listStyle: 'none' }} aria-label="Governance alerts">
          {alerts.map((alert) => (
            <li key={alert.key}>
              <Alert color="orange" variant="light" icon={<TriangleAlert size={18} aria-hidden />} title={alert.title}>
                <Stack gap={4}>
                  <Text size="sm">{alert.evidence}</Text>
                  <Anchor component={Link} to={alert.action.to} size="sm" data-print="hide">
                    {alert.action.label}
                  </Anchor>
                </Stack>
              </Alert>
            </li>
          ))}
        </Stack>
      )}
    </Stack>
  );
});

/** The budget envelopes and reviews due, re-rendered only when their own inputs change. */
const ScopeEnvelopes = memo(BudgetEnvelopes);
const DueReviews = memo(ReviewsDueSection);

/** The dashboard of the open workspace. */
export function MetricsDashboard({ thresholds }: MetricsDashboardProps) {
  const [query, setQuery] = useDashboardQuery();
  const today = useToday();
  const domainMap = useDocument((state) => state.entities.domains);
  const decisionMap = useDocument((state) => state.entities.decisions);

  const liveDomains = useMemo(
    () => [...domainMap.values()].filter((domain) => domain.deletedAt === null).sort(compareByName),
    [domainMap],
  );
  const scopeOptions = useMemo<ScopeOption[]>(
    () =>
      flattenDomainTree(domainTree(liveDomains)).map(({ domain, depth }) => ({
        id: domain.id,
        name: domain.name,
        depth,
      })),
    [liveDomains],
  );
  const unknownDomain = query.domainId !== null && !liveDomains.some((domain) => domain.id === query.domainId);
  const domainId = unknownDomain ? null : query.domainId;
  const includeSubdomains = domainId !== null && query.includeSubdomains;

  const resolved = useMemo<ResolvedPeriod>(() => {
    try {
      return resolvePeriod(query, today.date, today.timeZone);
    } catch (error) {
      return { period: null, problem: describeError(error) };
    }
  }, [query, today.date, today.timeZone]);
  const thresholdSet = useMemo<MetricThresholdSet>(() => {
    try {
      return checkThresholds(thresholds);
    } catch {
      return { ...defaultThresholds };
    }
  }, [thresholds]);

  // The domains in scope; null for the whole workspace. The lists that follow the scope (budget
  // envelopes, reviews due) read it deferred: a click on the scope re-renders the controls at
  // once and these lists in a render React may interrupt, as the figures are.
  const chosenScopeIds = useMemo(() => {
    if (domainId === null) return null;
    const ids = new Set([domainId]);
    if (includeSubdomains) for (const id of descendantsOf(liveDomains, domainId)) ids.add(id);
    return ids;
  }, [domainId, includeSubdomains, liveDomains]);
  const scopeIds = useDeferredValue(chosenScopeIds);
  const liveDecisions = useMemo(
    () => [...decisionMap.values()].filter((decision) => decision.deletedAt === null),
    [decisionMap],
  );
  const due = useMemo(() => {
    const ofScope =
      scopeIds === null
        ? liveDecisions
        : liveDecisions.filter((decision) => decision.domainId !== null && scopeIds.has(decision.domainId));
    return reviewsDue(ofScope, today.date);
  }, [liveDecisions, scopeIds, today.date]);
  const alertContext = useMemo<AlertContext>(
    () => ({
      domains: liveDomains.map(({ id, name, budgetUnit }) => ({ id, name, budgetUnit })),
      overdueReviews: due
        .filter((item) => item.reviewOn < today.date)
        .map((item) => ({ decisionId: item.decision.id, title: item.decision.title, reviewOn: item.reviewOn })),
    }),
    [liveDomains, due, today.date],
  );
  const { recorded, trend, alerts, error, updating } = useDashboardMetrics(
    resolved.period,
    domainId,
    includeSubdomains,
    today.now,
    thresholds,
    alertContext,
  );
  const scopeDomains = useMemo(
    () => (scopeIds === null ? liveDomains : liveDomains.filter((domain) => scopeIds.has(domain.id))),
    [liveDomains, scopeIds],
  );

  const nothingRecorded = recorded.decisions === 0 && recorded.valueEntries === 0 && recorded.pulses === 0;
  const toolbar = (
    <Group justify="space-between" gap="sm" data-print="hide">
      <RecordButtons />
      <Group gap="md">
        <Anchor component={Link} to="/help#metrics" size="sm">
          How the figures are computed
        </Anchor>
        <ExportButtons trend={trend} domains={domainMap} />
        <Button
          component={Link}
          to="/metrics/thresholds"
          variant="default"
          leftSection={<SlidersHorizontal size={16} aria-hidden />}
        >
          Thresholds
        </Button>
      </Group>
    </Group>
  );

  if (nothingRecorded) {
    return (
      <Stack gap="lg">
        <EmptyState
          icon={BarChart3}
          title="Nothing to measure yet"
          action={
            <RecordButtons>
              <Button component={Link} to="/decisions" variant="default" leftSection={<Scale size={16} aria-hidden />}>
                Go to decisions
              </Button>
            </RecordButtons>
          }
        >
          The figures come from what the team records: decisions with when they were proposed and decided (in
          Decisions), items delivered to users with their dates, satisfaction and defects (Record delivered value), and
          short anonymous pulse checks of how people feel (Record a pulse check).
        </EmptyState>
      </Stack>
    );
  }

  // What the figures shown are of: while new ones are computed, still the previous period and scope.
  const shown = trend?.periods[trend.periods.length - 1];
  const shownPeriod = shown?.period ?? resolved.period;
  const shownScope = scopeWords(shown?.scope ?? { domainId, includeSubdomains }, domainMap);
  const scopeName = shownScope === 'Whole workspace' ? 'the whole workspace' : shownScope;
  const hasDecided = recorded.decided > 0;

  return (
    <Stack gap="xl" className="metrics-dashboard">
      <Stack gap="md">
        {toolbar}
        <div data-print="hide">
          <DashboardControls
            query={unknownDomain ? { ...query, domainId: null, includeSubdomains: false } : query}
            period={resolved.period}
            problem={resolved.problem}
            today={today.date}
            domains={scopeOptions}
            onChange={setQuery}
          />
        </div>
        {unknownDomain ? (
          <Alert
            color="yellow"
            icon={<TriangleAlert size={18} aria-hidden />}
            title="This domain is not in the workspace"
          >
            The link names a domain that does not exist or is in the trash, so the whole workspace is shown.
          </Alert>
        ) : null}
        {error === null ? null : (
          <Alert color="red" icon={<TriangleAlert size={18} aria-hidden />} title="The figures cannot be computed">
            {error}
          </Alert>
        )}
        {resolved.period === null || shownPeriod === null ? null : (
          <Group gap="sm">
            <Text size="sm">
              Figures of <strong>{shownPeriod.label}</strong> for {scopeName}; trends compare them with the{' '}
              {TREND_PERIODS - 1} {kindPlurals[shownPeriod.kind]} before.
            </Text>
            <UpdatingStatus updating={updating} first={trend === null} />
          </Group>
        )}
      </Stack>
      {trend === null ? null : (
        <div aria-busy={updating}>
          <Stack gap="xl">
            <GovernanceAlerts alerts={alerts} />
            <FigureGroups
              trend={trend}
              hasDecided={hasDecided}
              hasValue={recorded.valueEntries > 0}
              hasPulses={recorded.pulses > 0}
              domains={domainMap}
              thresholds={thresholdSet}
            />
          </Stack>
        </div>
      )}
      <ScopeEnvelopes domains={scopeDomains} decisions={liveDecisions} now={today.now} timeZone={today.timeZone} />
      {due.length > 0 ? (
        <DueReviews due={due} today={today.date} />
      ) : (
        <Panel title="Reviews due">
          <Text size="sm">No decision in this scope is due for review.</Text>
        </Panel>
      )}
    </Stack>
  );
}
