/**
 * The lists a review's topics show, each filled from the period's records in scope (the
 * definitions are in the header of shared/review/index.ts). Every item carries the ids needed
 * to link to its record, and every list is sorted so that each laptop shows the same order.
 */
import { tiers, type ThresholdPolicy, type Tier } from '../decisions/classify';
import { suggestThresholds, type ReviewOutcome, type ThresholdSuggestion } from '../decisions/progression';
import { committingStatuses } from '../domains/budget';
import { compareByName, compareIds } from '../domains/order';
import { dayNumber, localDateOf } from '../metrics/calendar';
import {
  everDecidedStatuses,
  type MetricsDecision,
  type MetricsResult,
  type MetricsSnapshot,
  type MetricsTrendResult,
  type SuccessMetricFigure,
} from '../metrics/compute';
import {
  metricDefinitions,
  metricKeys,
  type MetricDirection,
  type MetricKey,
  type MetricLight,
  type MetricThresholdSet,
  type MetricUnit,
} from '../metrics/definitions';
import type { MetricsPeriod } from '../metrics/period';
import { lightOf, type TrendAssessment, type TrendDirection } from '../metrics/trend';
import { reviewListTitles, type ReviewListKind } from './agenda';
import type {
  ReviewDecisionInfo,
  ReviewDomainInfo,
  ReviewOptions,
  ReviewProgressionInput,
  ReviewValueEntryInfo,
} from './input';

/** A decision in a list, with what is needed to link to it. */
export interface ReviewDecisionRef {
  decisionId: string;
  title: string;
  domainId: string | null;
  /** "Workspace" for decisions without a domain. */
  domainName: string;
}

/** A list of items. */
export interface ReviewItemList<K extends ReviewListKind, T> {
  kind: K;
  title: string;
  items: T[];
}

/** A decision decided in the period. */
export interface DecidedItem extends ReviewDecisionRef {
  kind: 'decision' | 'experiment';
  tier: Tier;
  decidedAt: number;
  override: boolean;
  escalationCount: number;
  cost: number | null;
}

/** The decisions decided in the period in one tier. */
export interface TierGroup {
  tier: Tier;
  count: number;
  overrides: number;
  escalated: number;
  experiments: number;
  /** Oldest decision first. */
  decisions: DecidedItem[];
}

/** Weekly "decision patterns": the decisions decided in the period, by tier. */
export interface DecisionsByTierList {
  kind: 'decisionsByTier';
  title: string;
  total: number;
  /** Every tier, least demanding first, even when empty. */
  groups: TierGroup[];
}

/** A value entry delivered in the period. */
export interface DeliveredItem {
  valueEntryId: string;
  title: string;
  domainId: string | null;
  domainName: string;
  deliveredOn: string;
  /** Days from start to delivery; null without a start date (or with a start after delivery). */
  leadTimeDays: number | null;
  satisfaction: number | null;
  defects: number;
}

/** A success metric of the scope in the period. */
export interface SuccessMetricItem extends Omit<SuccessMetricFigure, 'value'> {
  domainName: string;
  /** The mean of the values recorded in the period; null when none was. */
  mean: number | null;
}

/** A domain's use of its budget in the period. */
export interface BudgetItem {
  domainId: string | null;
  domainName: string;
  unit: string;
  committed: number;
  /** The period's budget, prorated; null when the domain has none. */
  budget: number | null;
  /** `committed ÷ budget`; null without a budget (or with a budget of 0). */
  share: number | null;
  /** Costed decisions that committed. */
  decisions: number;
  light: MetricLight;
}

/** Weekly "resource usage": budget used per domain. */
export interface BudgetByDomainList {
  kind: 'budgetByDomain';
  title: string;
  /** Workspace level first, then by domain id (as the metrics engine lists them). */
  items: BudgetItem[];
  /** Committed by domains without a budget. */
  unbudgeted: number;
}

/** A decision that committed resources in the period. */
export interface CostItem extends ReviewDecisionRef {
  tier: Tier;
  cost: number;
  unit: string;
  decidedAt: number;
}

/** A quick win: implemented in the period, decided autonomously or reversible. */
export interface QuickWinItem extends ReviewDecisionRef {
  tier: Tier;
  reversibility: 'reversible' | 'partial' | 'hard';
  implementedAt: number;
  autonomous: boolean;
  reversible: boolean;
}

/** A reversible decision decided but not implemented yet. */
export interface QuickWinCandidateItem extends ReviewDecisionRef {
  tier: Tier;
  decidedAt: number;
}

/** The autonomy share of one period. */
export interface TrendPoint {
  label: string;
  firstDay: string;
  lastDay: string;
  value: number | null;
  matching: number;
  count: number;
  enough: boolean;
}

/** Monthly "autonomy effectiveness": the autonomy share over the last periods. */
export interface AutonomyTrendList {
  kind: 'autonomyTrend';
  title: string;
  /** Oldest first; the review's period last. */
  points: TrendPoint[];
  direction: TrendDirection;
  assessment: TrendAssessment;
}

/** A decision decided in a less demanding tier than classified. */
export interface OverrideItem extends ReviewDecisionRef {
  tier: Tier;
  reason: string;
  decidedAt: number;
}

/** An escalation in the period. */
export interface EscalationItem extends ReviewDecisionRef {
  escalationId: string;
  at: number;
  fromTier: Tier;
  toTier: Tier | null;
  toDomainId: string | null;
  toDomainName: string | null;
  reason: string;
}

/** A decision waiting for advice or for a joint decision. */
export interface WaitingItem extends ReviewDecisionRef {
  status: 'seeking-advice' | 'deciding-together';
  tier: Tier;
  proposedAt: number | null;
  /** Days since it was proposed, at the end of the period or now, whichever is earlier. */
  waitingDays: number | null;
  adviceAsked: number;
  adviceReceived: number;
}

/** A decision that took longer than the decision velocity's green threshold. */
export interface SlowItem extends ReviewDecisionRef {
  tier: Tier;
  days: number;
  decidedAt: number;
}

/** Monthly "process improvements": the slow decisions of the period. */
export interface SlowDecisionsList {
  kind: 'slowDecisions';
  title: string;
  /** Decisions slower than this many days are listed; null: every decision with a proposal time. */
  thresholdDays: number | null;
  /** Slowest first. */
  items: SlowItem[];
}

/** A decision that involved other domains. */
export interface HandoffItem extends ReviewDecisionRef {
  handoffs: number;
  adviceFromOtherDomains: number;
  jointWithOtherDomains: number;
}

/** A decision that failed, partly worked or was rolled back in the period. */
export interface FailedReviewItem extends ReviewDecisionRef {
  outcome: ReviewOutcome | null;
  rolledBack: boolean;
  reviewedAt: number | null;
  rolledBackAt: number | null;
  lessons: string;
}

/** A lesson recorded in the period. */
export interface LessonItem extends ReviewDecisionRef {
  source: 'review' | 'experiment';
  text: string;
  /** The local date it was recorded. */
  recordedOn: string;
}

/** A figure's trend over the last periods. */
export interface MetricTrendItem {
  key: MetricKey;
  name: string;
  unit: MetricUnit;
  better: MetricDirection;
  /** Oldest first; null where a period had not enough data. */
  series: (number | null)[];
  current: number | null;
  baseline: number | null;
  direction: TrendDirection;
  assessment: TrendAssessment;
  light: MetricLight;
}

/** Quarterly "framework assessment": every figure's trend. */
export interface MetricTrendsList {
  kind: 'metricTrends';
  title: string;
  periods: { label: string; firstDay: string; lastDay: string }[];
  /** In the order of `metricKeys`. */
  items: MetricTrendItem[];
}

/** A domain's suggested threshold change. */
export interface ThresholdSuggestionItem {
  domainId: string;
  domainName: string;
  current: ThresholdPolicy;
  suggestion: ThresholdSuggestion;
}

/** A decision reviewed in the period that worked. */
export interface WorkedItem extends ReviewDecisionRef {
  kind: 'decision' | 'experiment';
  tier: Tier;
  reviewedAt: number;
  lessons: string;
}

/** An experiment whose result was recorded in the period. */
export interface ExperimentResultItem extends ReviewDecisionRef {
  hypothesis: string;
  result: string;
  outcome: ReviewOutcome | null;
  recordedOn: string;
}

/** A domain's objectives and its success metrics against their targets. */
export interface ObjectiveItem {
  domainId: string | null;
  domainName: string;
  objectives: string;
  metrics: SuccessMetricItem[];
  onTarget: number;
  offTarget: number;
  /** Metrics without a target or without a value in the period. */
  noData: number;
}

/** A list a topic shows. */
export type ReviewList =
  | DecisionsByTierList
  | ReviewItemList<'delivered', DeliveredItem>
  | ReviewItemList<'successMetrics', SuccessMetricItem>
  | BudgetByDomainList
  | ReviewItemList<'committedDecisions', CostItem>
  | ReviewItemList<'quickWins', QuickWinItem>
  | ReviewItemList<'quickWinCandidates', QuickWinCandidateItem>
  | AutonomyTrendList
  | ReviewItemList<'overrides', OverrideItem>
  | ReviewItemList<'escalations', EscalationItem>
  | ReviewItemList<'waitingForInput', WaitingItem>
  | SlowDecisionsList
  | ReviewItemList<'handoffs', HandoffItem>
  | ReviewItemList<'failedReviews', FailedReviewItem>
  | ReviewItemList<'lessons', LessonItem>
  | MetricTrendsList
  | ReviewItemList<'thresholdSuggestions', ThresholdSuggestionItem>
  | ReviewItemList<'workedDecisions', WorkedItem>
  | ReviewItemList<'experimentResults', ExperimentResultItem>
  | ReviewItemList<'objectives', ObjectiveItem>;

/** A decision in scope: its metrics record, its details (if given) and how lists refer to it. */
export interface ReviewRow {
  decision: MetricsDecision;
  info: ReviewDecisionInfo | undefined;
  ref: ReviewDecisionRef;
}

/** What the lists are built from. */
export interface ListContext {
  period: MetricsPeriod;
  /** The local date of `now`. */
  today: string;
  /** The end of the period or now, whichever is earlier: the moment waiting times and suggestions are for. */
  asOf: number;
  /** The decisions in scope. */
  rows: readonly ReviewRow[];
  snapshot: MetricsSnapshot;
  inScope: (domainId: string | null) => boolean;
  domainName: (domainId: string | null) => string;
  domains: ReadonlyMap<string, ReviewDomainInfo>;
  valueEntries: ReadonlyMap<string, ReviewValueEntryInfo>;
  /** The period's figures and the trend over the periods before. */
  current: MetricsResult;
  trend: MetricsTrendResult;
  thresholds: MetricThresholdSet;
  progression: readonly ReviewProgressionInput[];
  options: ReviewOptions;
}

const DAY_MS = 86_400_000;

const byTimeThenId =
  <T extends { decisionId: string }>(time: (item: T) => number) =>
  (a: T, b: T): number =>
    time(a) - time(b) || compareIds(a.decisionId, b.decisionId);

const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

const hasText = (text: string): boolean => text.trim() !== '';

/**
 * A function that builds the list of a kind from `context`, each list once (later calls give
 * the same list). Throws an `Error` naming the field when a track record for the threshold
 * suggestions is invalid.
 */
export function listBuilder(context: ListContext): (kind: ReviewListKind) => ReviewList {
  const { period, today, asOf, rows, inScope, domainName, domains, current, trend, thresholds, options } = context;
  const inPeriod = (at: number | null): at is number => at !== null && at >= period.start && at < period.end;
  const dateInPeriod = (date: string | null): date is string =>
    date !== null && date >= period.firstDay && date <= period.lastDay;
  const unitOf = (id: string | null): string => (id === null ? '' : (domains.get(id)?.budgetUnit ?? ''));
  const everDecided = new Set<string>(everDecidedStatuses);
  const decided = rows
    .filter(({ decision }) => everDecided.has(decision.status) && inPeriod(decision.decidedAt))
    .sort(
      (a, b) =>
        (a.decision.decidedAt as number) - (b.decision.decidedAt as number) || compareIds(a.decision.id, b.decision.id),
    );
  const reviewedInPeriod = (row: ReviewRow): boolean => inPeriod(row.decision.reviewedAt);
  /** When an experiment's result counts as recorded: at its review, or on its end date (not after today). */
  const resultRecordedOn = (decision: MetricsDecision): string | null => {
    if (decision.kind !== 'experiment' || !hasText(decision.result)) return null;
    if (decision.reviewedAt !== null) {
      return inPeriod(decision.reviewedAt) ? localDateOf(decision.reviewedAt, period.timeZone) : null;
    }
    return dateInPeriod(decision.endOn) && decision.endOn <= today ? decision.endOn : null;
  };
  const successMetricItems = (): SuccessMetricItem[] =>
    current.value.successMetrics.map(({ value, ...metric }) => ({
      ...metric,
      domainName: domainName(metric.domainId),
      mean: value,
    }));

  const builders: Record<ReviewListKind, () => ReviewList> = {
    decisionsByTier: () => {
      const groups = tiers.map((tier): TierGroup => ({
        tier,
        count: 0,
        overrides: 0,
        escalated: 0,
        experiments: 0,
        decisions: [],
      }));
      for (const { decision, ref } of decided) {
        const group = groups[tiers.indexOf(decision.tier)] as TierGroup;
        group.count += 1;
        if (decision.override) group.overrides += 1;
        if (decision.escalationCount > 0) group.escalated += 1;
        if (decision.kind === 'experiment') group.experiments += 1;
        group.decisions.push({
          ...ref,
          kind: decision.kind,
          tier: decision.tier,
          decidedAt: decision.decidedAt as number,
          override: decision.override,
          escalationCount: decision.escalationCount,
          cost: decision.cost,
        });
      }
      return { kind: 'decisionsByTier', title: reviewListTitles.decisionsByTier, total: decided.length, groups };
    },
    delivered: () => {
      const items: DeliveredItem[] = [];
      for (const entry of context.snapshot.valueEntries) {
        if (!inScope(entry.domainId) || !dateInPeriod(entry.deliveredOn)) continue;
        const start = entry.startedOn;
        items.push({
          valueEntryId: entry.id,
          title: context.valueEntries.get(entry.id)?.title ?? entry.id,
          domainId: entry.domainId,
          domainName: domainName(entry.domainId),
          deliveredOn: entry.deliveredOn,
          leadTimeDays:
            start !== null && start <= entry.deliveredOn ? dayNumber(entry.deliveredOn) - dayNumber(start) : null,
          satisfaction: entry.satisfaction,
          defects: entry.defects,
        });
      }
      items.sort((a, b) => compareText(a.deliveredOn, b.deliveredOn) || compareIds(a.valueEntryId, b.valueEntryId));
      return { kind: 'delivered', title: reviewListTitles.delivered, items };
    },
    successMetrics: () => ({
      kind: 'successMetrics',
      title: reviewListTitles.successMetrics,
      items: successMetricItems(),
    }),
    budgetByDomain: () => ({
      kind: 'budgetByDomain',
      title: reviewListTitles.budgetByDomain,
      items: current.autonomy.utilisationByDomain.map((domain) => ({
        domainId: domain.domainId,
        domainName: domainName(domain.domainId),
        unit: unitOf(domain.domainId),
        committed: domain.committed,
        budget: domain.budget,
        share: domain.value,
        decisions: domain.count,
        light: lightOf(domain.value, thresholds.resourceUtilisation, 'lower'),
      })),
      unbudgeted: current.autonomy.resourceUtilisation.unbudgeted,
    }),
    committedDecisions: () => {
      const committing = new Set<string>(committingStatuses);
      const items = decided
        .filter(({ decision }) => decision.cost !== null && committing.has(decision.status))
        .map(({ decision, ref }): CostItem => ({
          ...ref,
          tier: decision.tier,
          cost: decision.cost as number,
          unit: unitOf(decision.domainId),
          decidedAt: decision.decidedAt as number,
        }))
        .sort((a, b) => b.cost - a.cost || compareIds(a.decisionId, b.decisionId));
      return { kind: 'committedDecisions', title: reviewListTitles.committedDecisions, items };
    },
    quickWins: () => {
      const items: QuickWinItem[] = [];
      for (const { decision, info, ref } of rows) {
        if (info === undefined || !inPeriod(info.implementedAt)) continue;
        if (decision.status !== 'implemented' && decision.status !== 'reviewed') continue;
        if (info.reviewOutcome === 'failed') continue;
        const autonomous = decision.tier === 'autonomous';
        const reversible = info.reversibility === 'reversible';
        if (!autonomous && !reversible) continue;
        items.push({
          ...ref,
          tier: decision.tier,
          reversibility: info.reversibility,
          implementedAt: info.implementedAt,
          autonomous,
          reversible,
        });
      }
      items.sort(byTimeThenId((item) => item.implementedAt));
      return { kind: 'quickWins', title: reviewListTitles.quickWins, items };
    },
    quickWinCandidates: () => {
      const items: QuickWinCandidateItem[] = [];
      for (const { decision, info, ref } of rows) {
        if (decision.status !== 'decided' || info?.reversibility !== 'reversible') continue;
        if (decision.decidedAt === null || decision.decidedAt >= period.end) continue;
        items.push({ ...ref, tier: decision.tier, decidedAt: decision.decidedAt });
      }
      items.sort(byTimeThenId((item) => item.decidedAt));
      return { kind: 'quickWinCandidates', title: reviewListTitles.quickWinCandidates, items };
    },
    autonomyTrend: () => {
      const { direction, assessment } = trend.trends.autonomyShare;
      return {
        kind: 'autonomyTrend',
        title: reviewListTitles.autonomyTrend,
        points: trend.periods.map(({ period: { label, firstDay, lastDay }, autonomy: { autonomyShare } }) => ({
          label,
          firstDay,
          lastDay,
          value: autonomyShare.value,
          matching: autonomyShare.matching,
          count: autonomyShare.count,
          enough: autonomyShare.enough,
        })),
        direction,
        assessment,
      };
    },
    overrides: () => ({
      kind: 'overrides',
      title: reviewListTitles.overrides,
      items: decided
        .filter(({ decision }) => decision.override)
        .map(({ decision, info, ref }) => ({
          ...ref,
          tier: decision.tier,
          reason: info?.overrideReason ?? '',
          decidedAt: decision.decidedAt as number,
        })),
    }),
    escalations: () => {
      const items: EscalationItem[] = [];
      for (const { info, ref } of rows) {
        for (const escalation of info?.escalations ?? []) {
          if (!inPeriod(escalation.at)) continue;
          items.push({
            ...ref,
            escalationId: escalation.id,
            at: escalation.at,
            fromTier: escalation.fromTier,
            toTier: escalation.toTier,
            toDomainId: escalation.toDomainId,
            toDomainName: escalation.toDomainId === null ? null : domainName(escalation.toDomainId),
            reason: escalation.reason,
          });
        }
      }
      items.sort(
        (a, b) => a.at - b.at || compareIds(a.decisionId, b.decisionId) || compareIds(a.escalationId, b.escalationId),
      );
      return { kind: 'escalations', title: reviewListTitles.escalations, items };
    },
    waitingForInput: () => {
      const items: WaitingItem[] = [];
      for (const { decision, info, ref } of rows) {
        if (decision.status !== 'seeking-advice' && decision.status !== 'deciding-together') continue;
        const proposedAt = decision.proposedAt;
        if (proposedAt !== null && proposedAt >= period.end) continue;
        items.push({
          ...ref,
          status: decision.status,
          tier: decision.tier,
          proposedAt,
          waitingDays: proposedAt === null ? null : Math.max(0, asOf - proposedAt) / DAY_MS,
          adviceAsked: info?.adviceAsked ?? 0,
          adviceReceived: info?.adviceReceived ?? 0,
        });
      }
      // Waiting longest first; unknown proposal times last.
      items.sort(
        (a, b) => (a.proposedAt ?? Infinity) - (b.proposedAt ?? Infinity) || compareIds(a.decisionId, b.decisionId),
      );
      return { kind: 'waitingForInput', title: reviewListTitles.waitingForInput, items };
    },
    slowDecisions: () => {
      const thresholdDays = thresholds.decisionVelocity?.green ?? null;
      const items: SlowItem[] = [];
      for (const { decision, ref } of decided) {
        if (decision.proposedAt === null) continue;
        const days = Math.max(0, (decision.decidedAt as number) - decision.proposedAt) / DAY_MS;
        if (thresholdDays !== null && !(days > thresholdDays)) continue;
        items.push({ ...ref, tier: decision.tier, days, decidedAt: decision.decidedAt as number });
      }
      items.sort((a, b) => b.days - a.days || compareIds(a.decisionId, b.decisionId));
      return { kind: 'slowDecisions', title: reviewListTitles.slowDecisions, thresholdDays, items };
    },
    handoffs: () => {
      const items = decided
        .filter(({ decision }) => decision.adviceFromOtherDomains + decision.jointWithOtherDomains > 0)
        .map(({ decision, ref }): HandoffItem => ({
          ...ref,
          handoffs: decision.adviceFromOtherDomains + decision.jointWithOtherDomains,
          adviceFromOtherDomains: decision.adviceFromOtherDomains,
          jointWithOtherDomains: decision.jointWithOtherDomains,
        }))
        .sort((a, b) => b.handoffs - a.handoffs || compareIds(a.decisionId, b.decisionId));
      return { kind: 'handoffs', title: reviewListTitles.handoffs, items };
    },
    failedReviews: () => {
      const items: { at: number; item: FailedReviewItem }[] = [];
      for (const row of rows) {
        const { decision, info, ref } = row;
        const outcome = info?.reviewOutcome ?? null;
        const rolledBackAt = info?.rolledBackAt ?? null;
        const failedReview = reviewedInPeriod(row) && (outcome === 'failed' || outcome === 'partly');
        const rolledBackInPeriod = inPeriod(rolledBackAt);
        if (!failedReview && !rolledBackInPeriod) continue;
        items.push({
          // Listed when it failed its review in the period, else when it was rolled back.
          at: failedReview ? (decision.reviewedAt as number) : (rolledBackAt as number),
          item: {
            ...ref,
            outcome,
            rolledBack: rolledBackAt !== null || decision.status === 'rolled-back',
            reviewedAt: decision.reviewedAt,
            rolledBackAt,
            lessons: decision.lessons,
          },
        });
      }
      items.sort((a, b) => a.at - b.at || compareIds(a.item.decisionId, b.item.decisionId));
      return { kind: 'failedReviews', title: reviewListTitles.failedReviews, items: items.map(({ item }) => item) };
    },
    lessons: () => {
      const items: LessonItem[] = [];
      for (const row of rows) {
        const { decision, ref } = row;
        if (reviewedInPeriod(row) && hasText(decision.lessons)) {
          items.push({
            ...ref,
            source: 'review',
            text: decision.lessons,
            recordedOn: localDateOf(decision.reviewedAt as number, period.timeZone),
          });
        }
        const resultOn = resultRecordedOn(decision);
        if (resultOn !== null)
          items.push({ ...ref, source: 'experiment', text: decision.result, recordedOn: resultOn });
      }
      items.sort(
        (a, b) =>
          compareText(a.recordedOn, b.recordedOn) ||
          compareIds(a.decisionId, b.decisionId) ||
          compareIds(a.source, b.source),
      );
      return { kind: 'lessons', title: reviewListTitles.lessons, items };
    },
    metricTrends: () => ({
      kind: 'metricTrends',
      title: reviewListTitles.metricTrends,
      periods: trend.periods.map(({ period: { label, firstDay, lastDay } }) => ({ label, firstDay, lastDay })),
      items: metricKeys.map((key): MetricTrendItem => {
        const { series, current: value, baseline, direction, assessment, light } = trend.trends[key];
        const definition = metricDefinitions[key];
        return {
          key,
          name: definition.name,
          unit: definition.unit,
          better: definition.better,
          series,
          current: value,
          baseline,
          direction,
          assessment,
          light,
        };
      }),
    }),
    thresholdSuggestions: () => {
      const items: ThresholdSuggestionItem[] = [];
      for (const [index, entry] of context.progression.entries()) {
        if (!inScope(entry.domainId)) continue;
        const record = entry.decisions.filter((decision) => !(decision.reviewedAt >= period.end));
        let suggestion: ThresholdSuggestion;
        try {
          suggestion = suggestThresholds(record, entry.limits, {
            ...options.progression,
            now: asOf,
            limitsChangedAt: entry.limitsChangedAt,
          });
        } catch (error) {
          throw progressionError(error, index);
        }
        items.push({
          domainId: entry.domainId,
          domainName: domainName(entry.domainId),
          current: entry.limits,
          suggestion,
        });
      }
      items.sort((a, b) =>
        compareByName({ name: a.domainName, id: a.domainId }, { name: b.domainName, id: b.domainId }),
      );
      return { kind: 'thresholdSuggestions', title: reviewListTitles.thresholdSuggestions, items };
    },
    workedDecisions: () => {
      const items: WorkedItem[] = [];
      for (const row of rows) {
        const { decision, info, ref } = row;
        if (!reviewedInPeriod(row) || info?.reviewOutcome !== 'worked') continue;
        items.push({
          ...ref,
          kind: decision.kind,
          tier: decision.tier,
          reviewedAt: decision.reviewedAt as number,
          lessons: decision.lessons,
        });
      }
      items.sort(byTimeThenId((item) => item.reviewedAt));
      return { kind: 'workedDecisions', title: reviewListTitles.workedDecisions, items };
    },
    experimentResults: () => {
      const items: ExperimentResultItem[] = [];
      for (const { decision, info, ref } of rows) {
        const recordedOn = resultRecordedOn(decision);
        if (recordedOn === null) continue;
        items.push({
          ...ref,
          hypothesis: info?.hypothesis ?? '',
          result: decision.result,
          outcome: info?.reviewOutcome ?? null,
          recordedOn,
        });
      }
      items.sort((a, b) => compareText(a.recordedOn, b.recordedOn) || compareIds(a.decisionId, b.decisionId));
      return { kind: 'experimentResults', title: reviewListTitles.experimentResults, items };
    },
    objectives: () => {
      const metrics = successMetricItems();
      const ids = new Set<string | null>(metrics.map((metric) => metric.domainId));
      for (const domain of domains.values()) if (inScope(domain.id) && hasText(domain.objectives)) ids.add(domain.id);
      const items = [...ids]
        .map((id): ObjectiveItem => {
          const own = metrics.filter((metric) => metric.domainId === id);
          return {
            domainId: id,
            domainName: domainName(id),
            objectives: id === null ? '' : (domains.get(id)?.objectives ?? ''),
            metrics: own,
            onTarget: own.filter((metric) => metric.onTarget === true).length,
            offTarget: own.filter((metric) => metric.onTarget === false).length,
            noData: own.filter((metric) => metric.onTarget === null).length,
          };
        })
        .sort((a, b) =>
          a.domainId === null
            ? -1
            : b.domainId === null
              ? 1
              : compareByName({ name: a.domainName, id: a.domainId }, { name: b.domainName, id: b.domainId }),
        );
      return { kind: 'objectives', title: reviewListTitles.objectives, items };
    },
  };

  const built = new Map<ReviewListKind, ReviewList>();
  return (kind) => {
    let list = built.get(kind);
    if (list === undefined) {
      list = builders[kind]();
      built.set(kind, list);
    }
    return list;
  };
}

/** An error of `suggestThresholds` with the field named as the review's input names it. */
function progressionError(error: unknown, index: number): Error {
  const message = error instanceof Error ? error.message : String(error);
  if (message.startsWith('decisions')) return new Error(`input.progression[${index}].${message}`);
  if (message.startsWith('options.')) return new Error(`input.options.progression.${message.slice('options.'.length)}`);
  return error instanceof Error ? error : new Error(message);
}
