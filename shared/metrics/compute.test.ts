import { describe, expect, it } from 'vitest';
import {
  computeMetrics,
  figureOf,
  metricsTrend,
  prorateBudget,
  type MetricsDecision,
  type MetricsOptions,
  type MetricsPulse,
  type MetricsSnapshot,
  type MetricsValueEntry,
} from './compute';
import { defaultThresholds, metricKeys } from './definitions';
import { metricsPeriod, recentPeriods } from './period';

const DAY = 86_400_000;
const berlin = 'Europe/Berlin';
const at = (text: string): number => Date.parse(text);
/** March 2026 in Berlin: the clocks go forward on the 29th. */
const march = metricsPeriod({ kind: 'month', at: at('2026-03-15T12:00:00Z') }, berlin);

let nextId = 0;
function decision(changes: Partial<MetricsDecision> = {}): MetricsDecision {
  nextId += 1;
  return {
    id: `d${nextId}`,
    domainId: 'a',
    kind: 'decision',
    tier: 'autonomous',
    override: false,
    status: 'decided',
    proposedAt: null,
    decidedAt: null,
    cost: null,
    escalationCount: 0,
    adviceFromOtherDomains: 0,
    jointWithOtherDomains: 0,
    reviewedAt: null,
    lessons: '',
    startOn: null,
    endOn: null,
    result: '',
    ...changes,
  };
}

/** A decision decided at `decidedAt` (an ISO time with its offset), proposed `days` days before. */
function decidedAfter(days: number, decidedAt: string, changes: Partial<MetricsDecision> = {}): MetricsDecision {
  return decision({ proposedAt: at(decidedAt) - days * DAY, decidedAt: at(decidedAt), ...changes });
}

function entry(changes: Partial<MetricsValueEntry> = {}): MetricsValueEntry {
  nextId += 1;
  return {
    id: `v${nextId}`,
    domainId: 'a',
    startedOn: null,
    deliveredOn: null,
    satisfaction: null,
    defects: 0,
    ...changes,
  };
}

function pulse(periodStart: string, scores: [number, number, number, number], domainId: string | null = 'a') {
  const [satisfaction, stress, collaboration, trust] = scores;
  return { periodStart, domainId, satisfaction, stress, collaboration, trust } satisfies MetricsPulse;
}

function snapshot(parts: Partial<MetricsSnapshot> = {}): MetricsSnapshot {
  return {
    decisions: [],
    valueEntries: [],
    pulses: [],
    reviewLearnings: [],
    budgets: [],
    successMetrics: [],
    metricValues: [],
    domains: [],
    ...parts,
  };
}

/** Five decisions decided in March 2026 and five that are not, for the autonomy figures. */
const autonomyDecisions: MetricsDecision[] = [
  decidedAfter(1, '2026-03-02T10:00:00+01:00', { cost: 100 }),
  decidedAfter(2, '2026-03-10T10:00:00+01:00', { status: 'implemented', override: true, cost: 200 }),
  // After the clocks went forward; 4 days of 24 hours.
  decidedAfter(4, '2026-03-29T10:00:00+02:00', {
    tier: 'consultative',
    status: 'reviewed',
    cost: 300,
    escalationCount: 1,
    adviceFromOtherDomains: 2,
  }),
  decidedAfter(10, '2026-03-20T10:00:00+01:00', {
    domainId: 'b',
    tier: 'collaborative',
    status: 'rolled-back',
    cost: 1_000,
    escalationCount: 2,
    jointWithOtherDomains: 3,
  }),
  decidedAfter(0.5, '2026-03-25T10:00:00+01:00', { domainId: 'b', kind: 'experiment', status: 'superseded', cost: 50 }),
  // Not decided in March:
  decidedAfter(1, '2026-03-12T10:00:00+01:00', { status: 'draft', escalationCount: 1, cost: 10 }),
  decidedAfter(1, '2026-03-12T10:00:00+01:00', { status: 'withdrawn', escalationCount: 1, cost: 10 }),
  decidedAfter(1, '2026-02-28T23:59:00+01:00', { escalationCount: 1, cost: 10 }),
  decidedAfter(1, '2026-04-01T00:00:00+02:00', { escalationCount: 1, cost: 10 }),
  decision({ status: 'decided', escalationCount: 1 }),
];

describe('autonomy figures', () => {
  const result = computeMetrics(snapshot({ decisions: autonomyDecisions }), march);

  it('gives decision velocity: the median days from proposed to decided, also per tier', () => {
    // [1, 2, 4, 10, 0.5] days.
    expect(result.autonomy.decisionVelocity).toEqual({ value: 2, count: 5, minimum: 3, enough: true });
    expect(result.autonomy.decisionVelocityByTier).toEqual({
      autonomous: { value: 1, count: 3, minimum: 3, enough: true },
      consultative: { value: null, count: 1, minimum: 3, enough: false },
      collaborative: { value: null, count: 1, minimum: 3, enough: false },
    });
  });

  it('gives the shares of escalated, autonomous, overridden and experimental decisions', () => {
    expect(result.autonomy.escalationRate).toEqual({ value: 0.4, count: 5, minimum: 5, enough: true, matching: 2 });
    expect(result.autonomy.autonomyShare).toEqual({ value: 0.6, count: 5, minimum: 5, enough: true, matching: 3 });
    expect(result.autonomy.overrideRate).toEqual({ value: 0.2, count: 5, minimum: 5, enough: true, matching: 1 });
    expect(result.autonomy.experimentShare).toEqual({ value: 0.2, count: 5, minimum: 5, enough: true, matching: 1 });
  });

  it('gives handoffs per decision: advice from other domains and joint decisions', () => {
    expect(result.autonomy.handoffsPerDecision).toEqual({ value: 1, count: 5, minimum: 5, enough: true, total: 5 });
  });

  it('counts a decision decided before it was proposed (clock skew) as decided at once', () => {
    const skewed = decision({ proposedAt: at('2026-03-05T10:00:05Z'), decidedAt: at('2026-03-05T10:00:00Z') });
    const figures = computeMetrics(snapshot({ decisions: [skewed] }), march, {
      minimumCounts: { decisionVelocity: 1 },
    });
    expect(figures.autonomy.decisionVelocity).toEqual({ value: 0, count: 1, minimum: 1, enough: true });
  });

  it('leaves decisions without a proposal time out of velocity only', () => {
    const figures = computeMetrics(
      snapshot({ decisions: [decision({ decidedAt: at('2026-03-05T10:00:00Z') })] }),
      march,
      { minimumCounts: { decisionVelocity: 0, escalationRate: 1 } },
    );
    expect(figures.autonomy.decisionVelocity).toEqual({ value: null, count: 0, minimum: 0, enough: false });
    expect(figures.autonomy.escalationRate).toMatchObject({ value: 0, count: 1, enough: true });
  });
});

describe('not enough data', () => {
  const two = [decidedAfter(1, '2026-03-02T10:00:00+01:00'), decidedAfter(3, '2026-03-03T10:00:00+01:00')];

  it('gives no value below the minimum count, but the count', () => {
    const result = computeMetrics(snapshot({ decisions: two }), march);
    expect(result.autonomy.decisionVelocity).toEqual({ value: null, count: 2, minimum: 3, enough: false });
    expect(result.autonomy.escalationRate).toEqual({
      value: null,
      count: 2,
      minimum: 5,
      enough: false,
      matching: 0,
    });
    expect(result.value.userSatisfaction).toEqual({ value: null, count: 0, minimum: 3, enough: false });
    expect(result.lights.decisionVelocity).toBe('none');
  });

  it('takes other minimum counts from the options', () => {
    const result = computeMetrics(snapshot({ decisions: two }), march, {
      minimumCounts: { decisionVelocity: 2, escalationRate: 1 },
    });
    expect(result.autonomy.decisionVelocity).toEqual({ value: 2, count: 2, minimum: 2, enough: true });
    expect(result.autonomy.escalationRate.value).toBe(0);
  });

  it('has no value for an empty sample even with a minimum of 0', () => {
    const result = computeMetrics(snapshot(), march, { minimumCounts: { decisionVelocity: 0, lessonShare: 0 } });
    expect(result.autonomy.decisionVelocity).toEqual({ value: null, count: 0, minimum: 0, enough: false });
    expect(result.value.lessonShare.enough).toBe(false);
  });

  it('gives a rate of 0 when nothing happened in the period', () => {
    const result = computeMetrics(snapshot(), march);
    expect(result.autonomy.innovationRate).toEqual({ value: 0, count: 0, minimum: 0, enough: true, days: 31 });
    expect(result.value.learningRate.value).toBe(0);
  });
});

describe('period boundaries', () => {
  const escalated = (decidedAt: number): MetricsDecision => decision({ decidedAt, escalationCount: 1 });
  const countIn = (decisions: MetricsDecision[], period = march): number =>
    computeMetrics(snapshot({ decisions }), period).autonomy.escalationRate.count;

  it('includes local midnight at the start and excludes it at the end (Europe/Berlin, across the clock change)', () => {
    expect(march.start).toBe(at('2026-03-01T00:00:00+01:00'));
    expect(march.end).toBe(at('2026-04-01T00:00:00+02:00'));
    expect(countIn([escalated(march.start)])).toBe(1);
    expect(countIn([escalated(march.start - 1)])).toBe(0);
    expect(countIn([escalated(march.end - 1)])).toBe(1);
    expect(countIn([escalated(march.end)])).toBe(0);
    // 23:30 on 31 March in UTC is already 1 April in Berlin.
    expect(countIn([escalated(at('2026-03-31T22:30:00Z'))])).toBe(0);
    expect(countIn([escalated(at('2026-03-31T21:30:00Z'))])).toBe(1);
  });

  it('counts dates as local days', () => {
    const items = [
      entry({ deliveredOn: '2026-02-28', defects: 1 }),
      entry({ deliveredOn: '2026-03-01', defects: 2 }),
      entry({ deliveredOn: '2026-03-31', defects: 3 }),
      entry({ deliveredOn: '2026-04-01', defects: 4 }),
    ];
    const result = computeMetrics(snapshot({ valueEntries: items }), march, { minimumCounts: { defectRate: 1 } });
    expect(result.value.defectRate).toMatchObject({ count: 2, total: 5, value: 2.5 });
  });

  it('takes a custom range of local dates, both ends included', () => {
    const range = metricsPeriod({ kind: 'custom', start: '2026-03-28', end: '2026-03-30' }, berlin);
    expect(countIn([escalated(at('2026-03-28T00:00:00+01:00'))], range)).toBe(1);
    expect(countIn([escalated(at('2026-03-27T23:59:59+01:00'))], range)).toBe(0);
    expect(countIn([escalated(at('2026-03-30T23:59:59+02:00'))], range)).toBe(1);
    expect(countIn([escalated(at('2026-03-31T00:00:00+02:00'))], range)).toBe(0);
    const experiments = [
      decision({ kind: 'experiment', decidedAt: at('2026-03-28T10:00:00+01:00') }),
      decision({ kind: 'experiment', startOn: '2026-03-30' }),
      decision({ kind: 'experiment', startOn: '2026-03-31' }),
    ];
    const result = computeMetrics(snapshot({ decisions: experiments }), range);
    // 2 experiments in 3 days: 20 per 30 days.
    expect(result.autonomy.innovationRate).toEqual({ value: 20, count: 2, minimum: 0, enough: true, days: 3 });
  });

  it('uses the local date in other time zones too', () => {
    const november = metricsPeriod({ kind: 'month', at: at('2026-11-15T12:00:00Z') }, 'America/New_York');
    // 20:00 on 30 November in New York is 1 December in UTC.
    expect(countIn([escalated(at('2026-12-01T01:00:00Z'))], november)).toBe(1);
    expect(countIn([escalated(at('2026-12-01T05:00:00Z'))], november)).toBe(0);
  });
});

describe('resource utilisation', () => {
  const budgets: MetricsSnapshot['budgets'] = [
    { domainId: 'a', amount: 1_000, period: 'month' },
    { domainId: 'b', amount: 3_000, period: 'quarter' },
    { domainId: 'c', amount: null, period: 'month' },
    { domainId: null, amount: 400, period: 'month' },
  ];
  const decisions = [
    ...autonomyDecisions,
    decidedAfter(1, '2026-03-11T10:00:00+01:00', { domainId: 'd', cost: 70 }),
    decidedAfter(1, '2026-03-11T10:00:00+01:00', { domainId: null, cost: 40 }),
    decidedAfter(1, '2026-03-12T10:00:00+01:00', { domainId: 'a', cost: null }),
  ];
  const result = computeMetrics(snapshot({ decisions, budgets }), march);
  // Q1 2026 has 90 days, 31 of them in March.
  const bMarch = (3_000 * 31) / 90;

  it('divides the cost committed in the period by the budget, per domain', () => {
    expect(result.autonomy.utilisationByDomain).toEqual([
      { domainId: null, value: 0.1, count: 1, minimum: 0, enough: true, committed: 40, budget: 400 },
      // Decided, implemented and reviewed decisions commit; the draft, the withdrawn one and those of
      // other months do not.
      { domainId: 'a', value: 0.6, count: 3, minimum: 0, enough: true, committed: 600, budget: 1_000 },
      // Rolled-back and superseded decisions do not commit (as in the budget envelope).
      { domainId: 'b', value: 0, count: 0, minimum: 0, enough: true, committed: 0, budget: bMarch },
      { domainId: 'd', value: null, count: 1, minimum: 0, enough: false, committed: 70, budget: null },
    ]);
  });

  it('gives the total over the budgeted domains, and what the others committed apart', () => {
    const total = result.autonomy.resourceUtilisation;
    expect(total).toMatchObject({ count: 4, committed: 640, unbudgeted: 70, enough: true });
    expect(total.budget).toBeCloseTo(1_400 + bMarch, 9);
    expect(total.value).toBeCloseTo(640 / (1_400 + bMarch), 12);
  });

  it('has no value without a budget or with a budget of 0', () => {
    const none = computeMetrics(snapshot({ decisions }), march).autonomy.resourceUtilisation;
    expect(none).toEqual({
      value: null,
      count: 0,
      minimum: 0,
      enough: false,
      committed: 0,
      budget: null,
      // a 600, d 70, the workspace 40; b's decisions were rolled back or superseded.
      unbudgeted: 710,
    });
    const zero = computeMetrics(
      snapshot({ decisions: [decidedAfter(1, '2026-03-11T10:00:00+01:00', { cost: 5 })], budgets: [budgets[0]!] }),
      march,
      { scope: { domainId: 'a' } },
    );
    expect(zero.autonomy.resourceUtilisation.value).toBe(0.005);
    const zeroBudget = computeMetrics(
      snapshot({
        decisions: [decidedAfter(1, '2026-03-11T10:00:00+01:00', { cost: 5 })],
        budgets: [{ domainId: 'a', amount: 0, period: 'month' }],
      }),
      march,
    );
    expect(zeroBudget.autonomy.utilisationByDomain).toEqual([
      { domainId: 'a', value: null, count: 1, minimum: 0, enough: false, committed: 5, budget: 0 },
    ]);
  });

  it('can be above 1: over budget', () => {
    const over = computeMetrics(
      snapshot({
        decisions: [decidedAfter(1, '2026-03-11T10:00:00+01:00', { cost: 1_500 })],
        budgets: [budgets[0]!],
      }),
      march,
    );
    expect(over.autonomy.resourceUtilisation.value).toBe(1.5);
    expect(over.lights.resourceUtilisation).toBe('red');
  });

  it('prorates a budget of another length by local calendar days', () => {
    expect(prorateBudget(1_000, 'month', '2026-03-01', '2026-03-31')).toBe(1_000);
    expect(prorateBudget(900, 'quarter', '2026-03-01', '2026-03-31')).toBeCloseTo(310, 9);
    expect(prorateBudget(1_000, 'month', '2026-01-01', '2026-03-31')).toBe(3_000);
    // Weeks overlapping March 2026: 1 day of the week of 23 Feb, four whole weeks, 2 days of the week of 30 Mar.
    expect(prorateBudget(70, 'week', '2026-03-01', '2026-03-31')).toBeCloseTo(310, 9);
    expect(prorateBudget(3_650, 'year', '2026-03-23', '2026-03-29')).toBeCloseTo(70, 9);
    expect(prorateBudget(3_660, 'year', '2024-03-04', '2024-03-10')).toBeCloseTo(70, 9);
    // A week over two months: 2 days of March at March's rate, 5 of April at April's.
    expect(prorateBudget(3_100, 'month', '2026-03-30', '2026-04-05')).toBeCloseTo(200 + (3_100 * 5) / 30, 9);
    expect(prorateBudget(0, 'quarter', '2026-03-01', '2026-03-31')).toBe(0);
  });

  it('prorates in the metrics: a monthly budget over a week that spans two months', () => {
    const week = metricsPeriod({ kind: 'week', at: at('2026-04-01T12:00:00Z') }, berlin);
    const figures = computeMetrics(
      snapshot({
        decisions: [decidedAfter(1, '2026-04-02T10:00:00+02:00', { cost: 358.3333333333333 })],
        budgets: [{ domainId: 'a', amount: 3_100, period: 'month' }],
      }),
      week,
    );
    expect(figures.autonomy.resourceUtilisation.budget).toBeCloseTo(716.6666666666666, 9);
    expect(figures.autonomy.resourceUtilisation.value).toBeCloseTo(0.5, 12);
  });
});

describe('innovation rate', () => {
  const experiments = [
    // Started on its start date, although decided the month before.
    decision({
      kind: 'experiment',
      status: 'implemented',
      startOn: '2026-03-10',
      decidedAt: at('2026-02-20T10:00:00Z'),
    }),
    // No start date: started when decided.
    decision({ kind: 'experiment', decidedAt: at('2026-03-05T10:00:00Z') }),
    decision({ kind: 'experiment', status: 'reviewed', startOn: '2026-03-20' }),
    // Not started in March: a draft, a withdrawn one, one starting in April, a plain decision.
    decision({ kind: 'experiment', status: 'draft', startOn: '2026-03-05' }),
    decision({ kind: 'experiment', status: 'withdrawn', startOn: '2026-03-06' }),
    decision({ kind: 'experiment', startOn: '2026-04-02', decidedAt: at('2026-03-25T10:00:00Z') }),
    decision({ kind: 'decision', startOn: '2026-03-07', decidedAt: at('2026-03-07T10:00:00Z') }),
  ];

  it('gives experiments started per 30 days', () => {
    const result = computeMetrics(snapshot({ decisions: experiments }), march);
    expect(result.autonomy.innovationRate).toEqual({
      value: (3 / 31) * 30,
      count: 3,
      minimum: 0,
      enough: true,
      days: 31,
    });
  });

  it('measures a period in progress on the days begun, without experiments planned for later', () => {
    const result = computeMetrics(snapshot({ decisions: experiments }), march, { now: at('2026-03-15T12:00:00Z') });
    expect(result.autonomy.innovationRate).toEqual({ value: 4, count: 2, minimum: 0, enough: true, days: 15 });
  });

  it('has no rate for a period that has not begun', () => {
    const result = computeMetrics(snapshot({ decisions: experiments }), march, { now: at('2026-02-01T12:00:00Z') });
    expect(result.autonomy.innovationRate).toEqual({ value: null, count: 0, minimum: 0, enough: false, days: 0 });
  });
});

describe('value figures', () => {
  const items = [
    entry({ startedOn: '2026-03-01', deliveredOn: '2026-03-05', satisfaction: 5 }),
    entry({ startedOn: '2026-02-20', deliveredOn: '2026-03-10', satisfaction: 4, defects: 2 }),
    entry({ deliveredOn: '2026-03-31', defects: 1 }),
    // Started after it was delivered: a typing error, left out of the lead time.
    entry({ startedOn: '2026-03-12', deliveredOn: '2026-03-11', satisfaction: 3 }),
    entry({ startedOn: '2026-03-20', deliveredOn: '2026-03-22', satisfaction: 2 }),
    entry({ startedOn: '2026-03-20', deliveredOn: '2026-04-01', satisfaction: 1, defects: 9 }),
    entry({ startedOn: '2026-03-20', satisfaction: 1, defects: 9 }),
  ];
  const result = computeMetrics(snapshot({ valueEntries: items }), march);

  it('gives delivery speed: the median lead time of the items delivered in the period', () => {
    // Lead times 4, 18 and 2 days.
    expect(result.value.deliverySpeed).toEqual({ value: 4, count: 3, minimum: 3, enough: true });
    expect(result.value.throughput).toEqual({ value: (5 / 31) * 30, count: 5, minimum: 0, enough: true, days: 31 });
  });

  it('gives user satisfaction and defects per item delivered', () => {
    expect(result.value.userSatisfaction).toEqual({ value: 3.5, count: 4, minimum: 3, enough: true });
    expect(result.value.defectRate).toEqual({ value: 0.6, count: 5, minimum: 3, enough: true, total: 3 });
  });

  it('lights them by the default thresholds', () => {
    expect(result.lights.deliverySpeed).toBe('green');
    expect(result.lights.userSatisfaction).toBe('amber');
    expect(result.lights.defectRate).toBe('red');
    expect(result.lights.throughput).toBe('none');
  });
});

describe('learning rate', () => {
  const decisions = [
    decision({ reviewedAt: at('2026-03-05T10:00:00Z'), lessons: 'Ask finance earlier' }),
    decision({ reviewedAt: at('2026-03-06T10:00:00Z'), lessons: '   ' }),
    decision({ reviewedAt: at('2026-04-02T10:00:00Z'), lessons: 'Too late for March' }),
    decision({ kind: 'experiment', reviewedAt: at('2026-03-20T10:00:00Z'), result: 'Conversion +4 %' }),
    decision({ kind: 'experiment', endOn: '2026-03-15', result: 'No effect' }),
    decision({ kind: 'experiment', result: 'Undated' }),
    decision({ kind: 'experiment', endOn: '2026-03-15', result: '' }),
  ];
  const reviewLearnings = [
    { recordedAt: at('2026-03-03T10:00:00Z'), domainId: 'a' },
    { recordedAt: at('2026-03-30T10:00:00+02:00'), domainId: null },
    { recordedAt: at('2026-02-27T10:00:00Z'), domainId: 'a' },
  ];
  const data = snapshot({ decisions, reviewLearnings });

  it("counts lessons of decision reviews, reviews' learnings and experiments' results per 30 days", () => {
    const result = computeMetrics(data, march);
    expect(result.value.learningRate).toEqual({ value: (5 / 31) * 30, count: 5, minimum: 0, enough: true, days: 31 });
  });

  it('gives the share of reviewed decisions with a lesson', () => {
    expect(computeMetrics(data, march).value.lessonShare).toEqual({
      value: null,
      count: 3,
      minimum: 5,
      enough: false,
      matching: 1,
    });
    expect(computeMetrics(data, march, { minimumCounts: { lessonShare: 3 } }).value.lessonShare.value).toBe(1 / 3);
  });

  it("counts only the scope's learnings", () => {
    const result = computeMetrics(data, march, { scope: { domainId: 'a' } });
    // The workspace-level learning of 30 March is not the domain's.
    expect(result.value.learningRate.count).toBe(4);
  });
});

describe('success metrics', () => {
  const successMetrics: MetricsSnapshot['successMetrics'] = [
    { id: 'm1', domainId: 'a', name: 'Uptime', unit: '%', target: 99.5, direction: 'higher' },
    { id: 'm2', domainId: 'a', name: 'Cycle time', unit: 'days', target: 5, direction: 'lower' },
    { id: 'm3', domainId: 'a', name: 'Support tickets', unit: '', target: null, direction: 'lower' },
    { id: 'm4', domainId: 'b', name: 'Adoption', unit: '%', target: 50, direction: 'higher' },
  ];
  const metricValues: MetricsSnapshot['metricValues'] = [
    { id: 'x1', metricId: 'm1', value: 99.9, recordedOn: '2026-03-03' },
    { id: 'x2', metricId: 'm1', value: 99.1, recordedOn: '2026-03-20' },
    { id: 'x3', metricId: 'm1', value: 100, recordedOn: '2026-02-28' },
    // Two values on the same day: the greater id is the latest, whatever the order.
    { id: 'x5', metricId: 'm2', value: 4, recordedOn: '2026-03-10' },
    { id: 'x4', metricId: 'm2', value: 6, recordedOn: '2026-03-10' },
    { id: 'x6', metricId: 'm4', value: 60, recordedOn: '2026-03-10' },
    { id: 'x7', metricId: 'gone', value: 1, recordedOn: '2026-03-10' },
  ];

  it("gives each of the scope's metrics, by name: mean and latest value in the period against the target", () => {
    const result = computeMetrics(snapshot({ successMetrics, metricValues }), march, { scope: { domainId: 'a' } });
    expect(result.value.successMetrics).toEqual([
      {
        metricId: 'm2',
        domainId: 'a',
        name: 'Cycle time',
        unit: 'days',
        target: 5,
        direction: 'lower',
        value: 5,
        count: 2,
        minimum: 1,
        enough: true,
        latest: 4,
        latestOn: '2026-03-10',
        onTarget: true,
      },
      {
        metricId: 'm3',
        domainId: 'a',
        name: 'Support tickets',
        unit: '',
        target: null,
        direction: 'lower',
        value: null,
        count: 0,
        minimum: 1,
        enough: false,
        latest: null,
        latestOn: null,
        onTarget: null,
      },
      {
        metricId: 'm1',
        domainId: 'a',
        name: 'Uptime',
        unit: '%',
        target: 99.5,
        direction: 'higher',
        value: 99.5,
        count: 2,
        minimum: 1,
        enough: true,
        latest: 99.1,
        latestOn: '2026-03-20',
        onTarget: false,
      },
    ]);
  });

  it('lists every domain’s metrics for the workspace', () => {
    const result = computeMetrics(snapshot({ successMetrics, metricValues }), march);
    expect(result.value.successMetrics.map((metric) => [metric.name, metric.onTarget])).toEqual([
      ['Adoption', true],
      ['Cycle time', true],
      ['Support tickets', null],
      ['Uptime', false],
    ]);
  });
});

describe('health figures and anonymity', () => {
  const pulses = [
    pulse('2026-03-02', [4, 2, 3, 5]),
    pulse('2026-03-02', [5, 2, 4, 5]),
    pulse('2026-03-02', [3, 2, 5, 2]),
    // Only two people answered this round: their answers are never shown.
    pulse('2026-03-09', [1, 5, 1, 1]),
    pulse('2026-03-09', [1, 5, 1, 1]),
    pulse('2026-02-23', [1, 1, 1, 1]),
    pulse('2026-03-02', [1, 1, 1, 1], 'b'),
  ];

  it('gives mean, spread (population standard deviation) and count of the rounds with at least 3 people', () => {
    const { health } = computeMetrics(snapshot({ pulses }), march, { scope: { domainId: 'a' } });
    const shown = { count: 3, minimum: 3, enough: true, suppressed: false, rounds: 1, leftOut: 2 };
    expect(health.teamSatisfaction).toEqual({ value: 4, spread: Math.sqrt(2 / 3), ...shown });
    expect(health.stress).toEqual({ value: 2, spread: 0, ...shown });
    expect(health.collaboration).toEqual({ value: 4, spread: Math.sqrt(2 / 3), ...shown });
    expect(health.trust).toEqual({ value: 4, spread: Math.sqrt(2), ...shown });
  });

  it('suppresses a figure when people answered but no round had enough of them', () => {
    const { health, lights } = computeMetrics(snapshot({ pulses: pulses.slice(3) }), march, {
      scope: { domainId: 'a' },
    });
    expect(health.stress).toEqual({
      value: null,
      spread: null,
      count: 0,
      minimum: 3,
      enough: false,
      suppressed: true,
      rounds: 0,
      leftOut: 2,
    });
    expect(lights.stress).toBe('none');
  });

  it('is not suppressed, just empty, when nobody answered', () => {
    const { health } = computeMetrics(snapshot(), march);
    expect(health.trust).toMatchObject({ value: null, count: 0, enough: false, suppressed: false, leftOut: 0 });
  });

  it('takes another anonymity threshold from the options, never below 2', () => {
    const { health } = computeMetrics(snapshot({ pulses }), march, { scope: { domainId: 'a' }, minRespondents: 2 });
    expect(health.stress).toMatchObject({ value: (2 * 3 + 5 * 2) / 5, count: 5, rounds: 2, leftOut: 0, minimum: 2 });
    const strict = computeMetrics(snapshot({ pulses }), march, { scope: { domainId: 'a' }, minRespondents: 4 });
    expect(strict.health.stress).toMatchObject({ value: null, suppressed: true, leftOut: 5 });
  });

  it("counts a round for the scope: other domains' answers neither fill nor show it", () => {
    const mixed = [
      pulse('2026-03-02', [4, 2, 3, 5]),
      pulse('2026-03-02', [4, 2, 3, 5]),
      pulse('2026-03-02', [1, 1, 1, 1], 'b'),
    ];
    expect(
      computeMetrics(snapshot({ pulses: mixed }), march, { scope: { domainId: 'a' } }).health.trust.suppressed,
    ).toBe(true);
    // The workspace's round has three people.
    expect(computeMetrics(snapshot({ pulses: mixed }), march).health.trust).toMatchObject({ value: 11 / 3, count: 3 });
  });

  it('lights stress the other way round: lower is better', () => {
    const { lights } = computeMetrics(snapshot({ pulses }), march, { scope: { domainId: 'a' } });
    expect(lights).toMatchObject({
      teamSatisfaction: 'green',
      stress: 'green',
      collaboration: 'green',
      trust: 'green',
    });
    const stressed = [
      pulse('2026-03-02', [4, 4, 4, 4]),
      pulse('2026-03-02', [4, 4, 4, 4]),
      pulse('2026-03-02', [4, 3, 4, 4]),
    ];
    expect(computeMetrics(snapshot({ pulses: stressed }), march).lights.stress).toBe('red');
  });
});

describe('scope', () => {
  const domains = [
    { id: 'a', parentId: null },
    { id: 'a1', parentId: 'a' },
    { id: 'a2', parentId: 'a1' },
    { id: 'b', parentId: null },
  ];
  const decisions = ['a', 'a1', 'a2', 'b', null].map((domainId) =>
    decision({ domainId, decidedAt: at('2026-03-05T10:00:00Z'), escalationCount: domainId === 'a2' ? 1 : 0 }),
  );
  const countFor = (options: MetricsOptions): number =>
    computeMetrics(snapshot({ decisions, domains }), march, options).autonomy.escalationRate.count;

  it('is the whole workspace by default, decisions without a domain included', () => {
    expect(countFor({})).toBe(5);
    expect(countFor({ scope: { domainId: null } })).toBe(5);
  });

  it('is one domain, or a domain with every domain below it', () => {
    expect(countFor({ scope: { domainId: 'a' } })).toBe(1);
    expect(countFor({ scope: { domainId: 'a', includeSubdomains: false } })).toBe(1);
    expect(countFor({ scope: { domainId: 'a', includeSubdomains: true } })).toBe(3);
    expect(countFor({ scope: { domainId: 'a1', includeSubdomains: true } })).toBe(2);
    expect(countFor({ scope: { domainId: 'unknown', includeSubdomains: true } })).toBe(0);
    const result = computeMetrics(snapshot({ decisions, domains }), march, {
      scope: { domainId: 'a', includeSubdomains: true },
      minimumCounts: { escalationRate: 1 },
    });
    expect(result.scope).toEqual({ domainId: 'a', includeSubdomains: true });
    expect(result.autonomy.escalationRate.value).toBe(1 / 3);
  });
});

describe('traffic lights', () => {
  const result = computeMetrics(snapshot({ decisions: autonomyDecisions }), march);

  it('lights every figure by the default thresholds', () => {
    expect(Object.keys(result.lights).sort()).toEqual([...metricKeys].sort());
    expect(result.lights).toMatchObject({
      decisionVelocity: 'green',
      escalationRate: 'red',
      autonomyShare: 'green',
      overrideRate: 'amber',
      experimentShare: 'green',
      handoffsPerDecision: 'amber',
      // One experiment started (the superseded one, decided on 25 March): 0.97 per 30 days.
      innovationRate: 'amber',
      resourceUtilisation: 'none',
      userSatisfaction: 'none',
    });
  });

  it('uses thresholds the team edited', () => {
    const edited = computeMetrics(snapshot({ decisions: autonomyDecisions }), march, {
      thresholds: { escalationRate: { green: 0.4, red: 0.6 }, autonomyShare: null },
    });
    expect(edited.lights.escalationRate).toBe('green');
    expect(edited.lights.autonomyShare).toBe('none');
    expect(edited.lights.decisionVelocity).toBe('green');
  });
});

describe('metricsTrend', () => {
  const week = metricsPeriod({ kind: 'week', at: at('2026-03-25T12:00:00Z') }, berlin);
  // Five decisions a week for four weeks ending with the week of the clock change; 0, 1, 1, 3 escalated.
  const mondays = ['2026-03-02', '2026-03-09', '2026-03-16', '2026-03-23'];
  const escalatedPerWeek = [0, 1, 1, 3];
  const decisions = mondays.flatMap((monday, index) =>
    Array.from({ length: 5 }, (_, n) =>
      decidedAfter(1, `${monday}T1${n}:00:00+01:00`, { escalationCount: n < (escalatedPerWeek[index] ?? 0) ? 1 : 0 }),
    ),
  );
  const data = snapshot({ decisions });

  it('gives each figure over the periods, its direction against the previous ones and its light', () => {
    const { periods, trends } = metricsTrend(data, week, 4);
    expect(periods.map((result) => result.period.label)).toEqual([
      'Week of 2 Mar 2026',
      'Week of 9 Mar 2026',
      'Week of 16 Mar 2026',
      'Week of 23 Mar 2026',
    ]);
    expect(trends.escalationRate).toEqual({
      key: 'escalationRate',
      better: 'lower',
      series: [0, 0.2, 0.2, 0.6],
      current: 0.6,
      baseline: 0.4 / 3,
      change: 0.6 - 0.4 / 3,
      direction: 'up',
      assessment: 'worse',
      light: 'red',
    });
    expect(trends.decisionVelocity).toMatchObject({ series: [1, 1, 1, 1], direction: 'flat', assessment: 'same' });
    expect(trends.userSatisfaction).toMatchObject({
      series: [null, null, null, null],
      direction: 'none',
      light: 'none',
    });
  });

  it('gives the same figures as computing each period on its own', () => {
    const { periods } = metricsTrend(data, week, 5);
    for (const [index, period] of recentPeriods(week, 5).entries()) {
      expect(periods[index]).toEqual(computeMetrics(data, period));
    }
  });

  it('takes a tolerance for flat trends from the options', () => {
    const { trends } = metricsTrend(data, week, 4, { trendTolerance: 1 });
    // +0.47 on a baseline of 0.13 is more than 100 %.
    expect(trends.escalationRate.direction).toBe('up');
    const calm = metricsTrend(data, week, 3, { trendTolerance: 1 });
    // 0.6 against 0.2: +200 %.
    expect(calm.trends.escalationRate).toMatchObject({ baseline: 0.2, direction: 'up' });
    const { trends: close } = metricsTrend(data, week, 2, { trendTolerance: 0 });
    expect(close.decisionVelocity.direction).toBe('flat');
  });

  it('goes back by custom ranges of as many days', () => {
    const range = metricsPeriod({ kind: 'custom', start: '2026-03-16', end: '2026-03-29' }, berlin);
    const { periods, trends } = metricsTrend(data, range, 2);
    expect(periods.map((result) => [result.period.firstDay, result.period.lastDay])).toEqual([
      ['2026-03-02', '2026-03-15'],
      ['2026-03-16', '2026-03-29'],
    ]);
    expect(trends.escalationRate.series).toEqual([0.1, 0.4]);
  });

  it('defaults match the figures with a light', () => {
    const { trends } = metricsTrend(data, week, 1);
    for (const key of metricKeys) {
      expect(trends[key].light === 'none' || defaultThresholds[key] !== null).toBe(true);
      expect(trends[key].series).toEqual([figureOf(metricsTrend(data, week, 1).periods[0]!, key).value]);
    }
  });
});

describe('a large workspace', () => {
  it('computes 10,000 decisions, each counted in its own period', () => {
    const decisions = Array.from({ length: 10_000 }, (_, index) =>
      decision({
        domainId: ['a', 'b', 'c', null][index % 4] ?? null,
        tier: index % 3 === 0 ? 'consultative' : 'autonomous',
        proposedAt: march.start + (index % 25) * DAY,
        decidedAt: march.start + (index % 25) * DAY + (index % 5) * DAY,
        escalationCount: index % 10 === 0 ? 1 : 0,
        cost: 10,
      }),
    );
    const week = metricsPeriod({ kind: 'week', at: at('2026-04-01T12:00:00Z') }, berlin);
    const { periods } = metricsTrend(snapshot({ decisions }), week, 6);
    const decided = periods.reduce((total, result) => total + result.autonomy.escalationRate.count, 0);
    // Decided from 1 to 29 March; the six weeks from 23 February to 5 April hold them all.
    expect(decided).toBe(10_000);
    const result = computeMetrics(snapshot({ decisions }), march);
    expect(result.autonomy.escalationRate).toMatchObject({ value: 0.1, matching: 1_000 });
    expect(result.autonomy.escalationRate.count).toBe(10_000);
    expect(result.autonomy.decisionVelocity).toMatchObject({ value: 2, count: 10_000 });
    expect(result.autonomy.decisionVelocityByTier.consultative.count).toBe(3_334);
  });
});

describe('invalid input', () => {
  const bad = (changes: Record<string, unknown>): MetricsDecision => ({ ...decision(), ...changes });
  const expectError = (data: Partial<MetricsSnapshot>, message: string, options?: MetricsOptions): void => {
    expect(() => computeMetrics(snapshot(data), march, options)).toThrow(new Error(message));
  };

  it('names the field of an invalid decision', () => {
    const ok = decision();
    expectError(
      { decisions: [ok, bad({ decidedAt: Number.NaN })] },
      'snapshot.decisions[1].decidedAt must be a time in milliseconds since 1970 (got NaN)',
    );
    expectError(
      { decisions: [bad({ cost: -5 })] },
      'snapshot.decisions[0].cost must be a finite number of 0 or more or null (got -5)',
    );
    expectError(
      { decisions: [bad({ cost: Number.NaN })] },
      'snapshot.decisions[0].cost must be a finite number of 0 or more or null (got NaN)',
    );
    expectError(
      { decisions: [bad({ tier: 'solo' })] },
      'snapshot.decisions[0].tier must be one of autonomous, consultative, collaborative (got "solo")',
    );
    expectError(
      { decisions: [bad({ status: 'done' })] },
      'snapshot.decisions[0].status must be one of draft, seeking-advice, deciding-together, decided, implemented, reviewed, withdrawn, rolled-back, superseded (got "done")',
    );
    expectError(
      { decisions: [bad({ kind: 'bet' })] },
      'snapshot.decisions[0].kind must be decision or experiment (got "bet")',
    );
    expectError(
      { decisions: [bad({ escalationCount: 1.5 })] },
      'snapshot.decisions[0].escalationCount must be a whole number of 0 or more (got 1.5)',
    );
    expectError(
      { decisions: [bad({ override: 'yes' })] },
      'snapshot.decisions[0].override must be true or false (got "yes")',
    );
    expectError(
      { decisions: [bad({ startOn: '2026-3-1' })] },
      'snapshot.decisions[0].startOn must be a date written YYYY-MM-DD or null (got "2026-3-1")',
    );
    expectError({ decisions: [bad({ lessons: null })] }, 'snapshot.decisions[0].lessons must be text (got null)');
    expectError({ decisions: [bad({ proposedAt: undefined })] }, 'snapshot.decisions[0].proposedAt is required');
    expectError(
      { decisions: [null as unknown as MetricsDecision] },
      'snapshot.decisions[0] must be an object (got null)',
    );
  });

  it('names the field of other invalid records', () => {
    expectError(
      { valueEntries: [{ ...entry(), satisfaction: 6 }] },
      'snapshot.valueEntries[0].satisfaction must be a whole number from 1 to 5 (got 6)',
    );
    expectError(
      { valueEntries: [{ ...entry(), deliveredOn: '31/03/2026' }] },
      'snapshot.valueEntries[0].deliveredOn must be a date written YYYY-MM-DD or null (got "31/03/2026")',
    );
    expectError(
      { valueEntries: [{ ...entry(), defects: -1 }] },
      'snapshot.valueEntries[0].defects must be a whole number of 0 or more (got -1)',
    );
    expectError(
      { pulses: [{ ...pulse('2026-03-02', [4, 2, 3, 5]), stress: 2.5 }] },
      'snapshot.pulses[0].stress must be a whole number from 1 to 5 (got 2.5)',
    );
    expectError(
      { pulses: [{ ...pulse('2026-03-02', [4, 2, 3, 5]), periodStart: '' }] },
      'snapshot.pulses[0].periodStart must be a date written YYYY-MM-DD (got "")',
    );
    expectError(
      { reviewLearnings: [{ recordedAt: Number.NaN, domainId: null }] },
      'snapshot.reviewLearnings[0].recordedAt must be a time in milliseconds since 1970 (got NaN)',
    );
    expectError(
      { budgets: [{ domainId: 'a', amount: 10, period: 'fortnight' as 'week' }] },
      'snapshot.budgets[0].period must be one of week, month, quarter, year (got "fortnight")',
    );
    expectError(
      { budgets: [{ domainId: 'a', amount: Number.POSITIVE_INFINITY, period: 'week' }] },
      'snapshot.budgets[0].amount must be a finite number of 0 or more or null (got Infinity)',
    );
    expectError(
      {
        budgets: [
          { domainId: 'a', amount: 10, period: 'week' },
          { domainId: 'a', amount: 20, period: 'month' },
        ],
      },
      'snapshot.budgets[1].domainId: a has a budget already',
    );
    expectError(
      {
        successMetrics: [
          { id: 'm', domainId: 'a', name: 'Uptime', unit: '%', target: Number.NaN, direction: 'higher' },
        ],
      },
      'snapshot.successMetrics[0].target must be a finite number or null (got NaN)',
    );
    expectError(
      {
        successMetrics: [{ id: 'm', domainId: 'a', name: 'Uptime', unit: '%', target: 1, direction: 'up' as 'higher' }],
      },
      'snapshot.successMetrics[0].direction must be higher or lower (got "up")',
    );
    expectError(
      { metricValues: [{ id: 'x', metricId: 'm', value: Number.NaN, recordedOn: '2026-03-01' }] },
      'snapshot.metricValues[0].value must be a finite number (got NaN)',
    );
    expectError({ domains: [{ id: '', parentId: null }] }, 'snapshot.domains[0].id must be a non-empty id (got "")');
    expectError({ decisions: 'all' as unknown as MetricsDecision[] }, 'snapshot.decisions must be a list (got "all")');
    expect(() => computeMetrics(null as unknown as MetricsSnapshot, march)).toThrow(
      new Error('snapshot must be an object (got null)'),
    );
  });

  it('names the invalid option', () => {
    expectError({}, 'options.minRespondents must be a whole number of 2 or more (got 1)', { minRespondents: 1 });
    expectError({}, 'options.minimumCounts.decisionVelocity must be a whole number of 0 or more (got -1)', {
      minimumCounts: { decisionVelocity: -1 },
    });
    expectError(
      {},
      'options.minimumCounts.stress is not a figure with a minimum count: health figures use options.minRespondents',
      {
        minimumCounts: { stress: 3 } as MetricsOptions['minimumCounts'],
      },
    );
    expectError({}, 'options.minimumCounts.velocity is not a figure with a minimum count', {
      minimumCounts: { velocity: 3 } as MetricsOptions['minimumCounts'],
    });
    expectError({}, 'options.minimumCounts.toString is not a figure with a minimum count', {
      minimumCounts: { toString: 3 } as MetricsOptions['minimumCounts'],
    });
    expectError({}, 'options.now must be a time in milliseconds since 1970 (got NaN)', { now: Number.NaN });
    expectError({}, 'options.scope.domainId must be the id of a domain, or null for the workspace (got "")', {
      scope: { domainId: '' },
    });
    expectError({}, 'options.scope.includeSubdomains must be true or false (got "yes")', {
      scope: { domainId: 'a', includeSubdomains: 'yes' as unknown as boolean },
    });
    expectError(
      {},
      'options.thresholds.stress.green (4) must not be above options.thresholds.stress.red (3): lower is better',
      {
        thresholds: { stress: { green: 4, red: 3 } },
      },
    );
    expectError({}, 'options.trendTolerance must be a number from 0 to 1 (got -0.1)', { trendTolerance: -0.1 });
    expect(() => computeMetrics(snapshot(), { ...march, timeZone: 'Nowhere/Else' })).toThrow(
      new Error('period.timeZone must be a known IANA time zone (got "Nowhere/Else")'),
    );
    expect(() => metricsTrend(snapshot(), march, 0)).toThrow(
      new Error('count must be a whole number from 1 to 520 (got 0)'),
    );
  });
});
