/**
 * The metrics engine at scale (issue "Success metrics"): every figure of the workspace for
 * each of the last 12 months (`metricsTrend`), over 100,000 decisions and experiments, 20,000
 * pulse answers, delivered items, budgets and success metrics — seeded, so every run measures
 * the same workspace. The time covers the whole computation, warm (median of 7 runs) and the
 * first run in the process.
 */
import {
  metricsPeriod,
  metricsTrend,
  type MetricsDecision,
  type MetricsPulse,
  type MetricsSnapshot,
  type MetricsValueEntry,
} from '../../../shared/metrics';
import { seeded } from '../../support/realistic-workspace';
import { median, round, type Suite } from '../bench';

const DECISIONS = 100_000;
const PULSES = 20_000;
const VALUE_ENTRIES = 10_000;
const DOMAINS = 20;
const MONTHS = 12;
const RUNS = 7;
const TIME_ZONE = 'Europe/Berlin';
const DAY = 86_400_000;
/** The end of the year measured: the 12 months before it. */
const NOW = Date.UTC(2026, 10, 15);
const START = NOW - 365 * DAY;

const statuses = ['draft', 'decided', 'implemented', 'reviewed', 'rolled-back', 'withdrawn'] as const;
const tiers = ['autonomous', 'consultative', 'collaborative'] as const;

function isoDate(time: number): string {
  return new Date(time).toISOString().slice(0, 10);
}

function buildSnapshot(): MetricsSnapshot {
  const random = seeded(7);
  const pick = <T>(values: readonly T[]): T => values[Math.floor(random() * values.length)] as T;
  const domainId = () => `d${Math.floor(random() * DOMAINS)}`;
  const decisions: MetricsDecision[] = Array.from({ length: DECISIONS }, (_, index) => {
    const proposedAt = START + Math.floor(random() * 365 * DAY);
    const status = pick(statuses);
    const decidedAt =
      status === 'draft' || status === 'withdrawn' ? null : proposedAt + Math.floor(random() * 20 * DAY);
    const experiment = random() < 0.1;
    const reviewed = status === 'reviewed' || status === 'rolled-back';
    return {
      id: `x${index}`,
      domainId: random() < 0.05 ? null : domainId(),
      kind: experiment ? 'experiment' : 'decision',
      tier: pick(tiers),
      override: random() < 0.05,
      status,
      proposedAt,
      decidedAt,
      cost: random() < 0.7 ? Math.round(random() * 20_000) : null,
      escalationCount: random() < 0.1 ? 1 : 0,
      adviceFromOtherDomains: Math.floor(random() * 3),
      jointWithOtherDomains: random() < 0.1 ? 1 : 0,
      reviewedAt: reviewed && decidedAt !== null ? decidedAt + 30 * DAY : null,
      lessons: reviewed && random() < 0.5 ? 'A lesson learned.' : '',
      startOn: experiment && decidedAt !== null ? isoDate(decidedAt) : null,
      endOn: null,
      result: experiment && reviewed ? 'It worked.' : '',
    };
  });
  const pulses: MetricsPulse[] = Array.from({ length: PULSES }, () => {
    const week = Math.floor(random() * 52);
    return {
      periodStart: isoDate(START + week * 7 * DAY),
      domainId: domainId(),
      satisfaction: 1 + Math.floor(random() * 5),
      stress: 1 + Math.floor(random() * 5),
      collaboration: 1 + Math.floor(random() * 5),
      trust: 1 + Math.floor(random() * 5),
    };
  });
  const valueEntries: MetricsValueEntry[] = Array.from({ length: VALUE_ENTRIES }, (_, index) => {
    const started = START + Math.floor(random() * 340 * DAY);
    return {
      id: `v${index}`,
      domainId: domainId(),
      startedOn: isoDate(started),
      deliveredOn: isoDate(started + Math.floor(random() * 25 * DAY)),
      satisfaction: random() < 0.6 ? 1 + Math.floor(random() * 5) : null,
      defects: Math.floor(random() * 3),
    };
  });
  const domains = Array.from({ length: DOMAINS }, (_, index) => ({ id: `d${index}`, parentId: null }));
  return {
    decisions,
    pulses,
    valueEntries,
    reviewLearnings: [],
    budgets: domains.map((domain) => ({ domainId: domain.id, amount: 100_000, period: 'quarter' as const })),
    successMetrics: domains.map((domain) => ({
      id: `m-${domain.id}`,
      domainId: domain.id,
      name: 'Uptime',
      unit: '%',
      target: 99.9,
      direction: 'higher' as const,
    })),
    metricValues: [],
    domains,
  };
}

export const metricsSuite: Suite = {
  name: 'metrics',
  async run() {
    const snapshot = buildSnapshot();
    const period = metricsPeriod({ kind: 'month', at: NOW }, TIME_ZONE);
    const options = { now: NOW };
    const time = () => {
      const started = performance.now();
      const result = metricsTrend(snapshot, period, MONTHS, options);
      if (result.periods.length !== MONTHS) throw new Error('The trend did not cover 12 months.');
      return performance.now() - started;
    };
    const first = time();
    const times = Array.from({ length: RUNS }, time);
    return Promise.resolve({
      suite: 'metrics',
      figures: [
        {
          name: `all metrics over ${MONTHS} monthly periods: ${DECISIONS.toLocaleString('en')} decisions, ${PULSES.toLocaleString('en')} pulse answers, ${VALUE_ENTRIES.toLocaleString('en')} delivered items, median of ${RUNS}`,
          value: round(median(times)),
          unit: 'ms',
          target: { max: 200, source: 'issue: Success metrics' },
        },
        {
          name: 'the same, first run in the process',
          value: round(first),
          unit: 'ms',
          target: null,
        },
      ],
    });
  },
};
