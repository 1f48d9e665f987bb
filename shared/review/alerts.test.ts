import { describe, expect, it } from 'vitest';
import { metricsTrend, type MetricsDecision, type MetricsPulse, type MetricsSnapshot } from '../metrics/compute';
import { governanceAlerts, type OverdueReview } from './alerts';
import { at, fixtureDecision, week } from './test-support';

const weeks = ['2026-11-10', '2026-11-17', '2026-11-24'] as const;

/**
 * Five decisions decided on the Tuesday of a week, the first `escalated` of them escalated and
 * the first `overridden` overridden; with `labCost`, the last is Lab's and costs that much.
 */
function weekOfDecisions(tuesday: string, escalated: number, overridden: number, labCost?: number): MetricsDecision[] {
  return [0, 1, 2, 3, 4].map(
    (index) =>
      fixtureDecision(`${tuesday}-${index}`, 'Decision', {
        decidedAt: at(`${tuesday}T1${index}:00:00+01:00`),
        escalationCount: index < escalated ? 1 : 0,
        override: index < overridden,
        ...(index === 4 && labCost !== undefined ? { domainId: 'lab', cost: labCost } : {}),
      }).metrics,
  );
}

function round(monday: string, trust: number[]): MetricsPulse[] {
  return trust.map((value) => ({
    periodStart: monday,
    domainId: 'platform',
    satisfaction: 4,
    stress: 2,
    collaboration: 4,
    trust: value,
  }));
}

function snapshot(parts: Partial<MetricsSnapshot> = {}): MetricsSnapshot {
  return {
    decisions: [
      ...weekOfDecisions(weeks[0], 1, 0),
      ...weekOfDecisions(weeks[1], 2, 0),
      ...weekOfDecisions(weeks[2], 3, 2, 10),
    ],
    valueEntries: [],
    pulses: [...round('2026-11-09', [4, 4, 4]), ...round('2026-11-16', [4, 3, 3]), ...round('2026-11-23', [3, 3, 2])],
    reviewLearnings: [],
    budgets: [
      { domainId: 'lab', amount: 0, period: 'week' },
      { domainId: 'platform', amount: 10_000, period: 'week' },
    ],
    successMetrics: [],
    metricValues: [],
    domains: [],
    ...parts,
  };
}

function results(data: MetricsSnapshot = snapshot(), count = 3) {
  const { periods } = metricsTrend(data, week, count, { now: at('2026-11-29T18:00:00+01:00') });
  return { current: periods[periods.length - 1] as (typeof periods)[number], previous: periods.slice(0, -1) };
}

const overdue: OverdueReview[] = [
  { decisionId: 'a', title: 'Alpha', reviewOn: '2026-11-20' },
  { decisionId: 'b', title: 'Beta', reviewOn: '2026-11-21' },
  { decisionId: 'c', title: 'Gamma', reviewOn: '2026-11-22' },
  { decisionId: 'd', title: 'Delta', reviewOn: '2026-11-23' },
];

describe('governanceAlerts', () => {
  it('raises every alert of the fixture, in the order of the rules, with evidence and figures', () => {
    const { current, previous } = results();
    const alerts = governanceAlerts(current, previous, {
      domains: [{ id: 'lab', name: 'Lab', budgetUnit: '' }],
      overdueReviews: overdue,
    });
    expect(alerts.map((alert) => [alert.kind, alert.key, alert.title, alert.evidence])).toEqual([
      [
        'escalations-rising',
        'escalations-rising',
        'Escalations rising',
        'Escalation frequency rose two periods in a row: 20% in Week of 9 Nov 2026, 40% in Week of 16 Nov 2026, 60% in Week of 23 Nov 2026.',
      ],
      [
        'trust-falling',
        'trust-falling',
        'Trust falling',
        'Trust fell two periods in a row: 4 of 5 in Week of 9 Nov 2026, 3.3 of 5 in Week of 16 Nov 2026, 2.7 of 5 in Week of 23 Nov 2026.',
      ],
      [
        'over-budget',
        'over-budget:lab',
        'Over budget',
        'Lab committed 10 against a budget of 0 for Week of 23 Nov 2026.',
      ],
      [
        'override-rate-high',
        'override-rate-high',
        'Many overrides',
        '2 of 5 decisions (40%) were decided in a less demanding tier than classified, at or above the 25% limit.',
      ],
      [
        'health-red',
        'health-red:trust',
        'Trust is red',
        'Trust is 2.7 of 5 in Week of 23 Nov 2026, from 3 answers in 1 pulse round.',
      ],
      [
        'reviews-overdue',
        'reviews-overdue',
        'Decisions overdue for review',
        '4 decisions are past the review date without a review: Alpha (due 20 Nov 2026); Beta (due 21 Nov 2026); Gamma (due 22 Nov 2026); and 1 more.',
      ],
    ]);
    expect(alerts[0]).toMatchObject({
      metric: 'escalationRate',
      domainId: null,
      recordIds: [],
      figures: [
        { label: 'Week of 9 Nov 2026', value: 0.2, text: '20%' },
        { label: 'Week of 16 Nov 2026', value: 0.4, text: '40%' },
        { label: 'Week of 23 Nov 2026', value: 0.6, text: '60%' },
      ],
    });
    expect(alerts[2]).toMatchObject({
      metric: 'resourceUtilisation',
      domainId: 'lab',
      figures: [
        { label: 'Committed', value: 10, text: '10' },
        { label: 'Budget', value: 0, text: '0' },
      ],
    });
    expect(alerts[5]?.recordIds).toEqual(['a', 'b', 'c', 'd']);
  });

  it('names a domain it does not know by its id', () => {
    const { current, previous } = results();
    const alert = governanceAlerts(current, previous).find((candidate) => candidate.kind === 'over-budget');
    expect(alert?.evidence).toBe('lab committed 10 against a budget of 0 for Week of 23 Nov 2026.');
  });

  it('needs two rises in a row, each beyond the tolerance, with enough data in all three periods', () => {
    const alertsFor = (decisions: MetricsDecision[]) => {
      const { current, previous } = results(snapshot({ decisions, pulses: [] }));
      return governanceAlerts(current, previous).map((alert) => alert.kind);
    };
    // 20 %, 20 %, 40 %: one rise only.
    expect(
      alertsFor([
        ...weekOfDecisions(weeks[0], 1, 0),
        ...weekOfDecisions(weeks[1], 1, 0),
        ...weekOfDecisions(weeks[2], 2, 0),
      ]),
    ).toEqual([]);
    // Falling: no alert.
    expect(
      alertsFor([
        ...weekOfDecisions(weeks[0], 3, 0),
        ...weekOfDecisions(weeks[1], 2, 0),
        ...weekOfDecisions(weeks[2], 1, 0),
      ]),
    ).toEqual([]);
    // The first week has 4 decisions: not enough data for its share.
    expect(
      alertsFor([
        ...weekOfDecisions(weeks[0], 1, 0).slice(0, 4),
        ...weekOfDecisions(weeks[1], 2, 0),
        ...weekOfDecisions(weeks[2], 3, 0),
      ]),
    ).toEqual([]);
    // Only two periods to compare.
    const { current, previous } = results(snapshot({ pulses: [] }), 2);
    expect(governanceAlerts(current, previous).map((alert) => alert.kind)).not.toContain('escalations-rising');
  });

  it('treats a step within the trend tolerance as flat', () => {
    const { current, previous } = results();
    // 20 % → 40 % → 60 % are steps of 100 % and 50 %: flat within a tolerance of 1 (100 %).
    const kinds = governanceAlerts(current, previous, { trendTolerance: 1 }).map((alert) => alert.kind);
    expect(kinds).not.toContain('escalations-rising');
    expect(kinds).not.toContain('trust-falling');
  });

  it('raises overrides at or above the limit given', () => {
    const { current, previous } = results();
    const kinds = (limit: number) =>
      governanceAlerts(current, previous, { overrideRateLimit: limit }).map((alert) => alert.kind);
    expect(kinds(0.4)).toContain('override-rate-high');
    expect(kinds(0.41)).not.toContain('override-rate-high');
  });

  it('never raises a health alert for a hidden figure', () => {
    const data = snapshot({ pulses: round('2026-11-23', [1, 1]) });
    const { current, previous } = results(data);
    expect(current.health.trust.suppressed).toBe(true);
    expect(governanceAlerts(current, previous).map((alert) => alert.kind)).not.toContain('health-red');
  });

  it('raises nothing for a quiet period', () => {
    const { current, previous } = results(snapshot({ decisions: [], pulses: [] }));
    expect(governanceAlerts(current, previous)).toEqual([]);
  });

  it('refuses invalid options, naming the field', () => {
    const { current, previous } = results();
    expect(() => governanceAlerts(current, previous, { overrideRateLimit: 2 })).toThrow(
      new Error('options.overrideRateLimit must be a number from 0 to 1 (got 2)'),
    );
    expect(() => governanceAlerts(current, previous, { trendTolerance: -1 })).toThrow(
      new Error('options.trendTolerance must be a number from 0 to 1 (got -1)'),
    );
    expect(() =>
      governanceAlerts(current, previous, { overdueReviews: [{ decisionId: '', title: 'X', reviewOn: '2026-11-01' }] }),
    ).toThrow(new Error('options.overdueReviews[0].decisionId must be a non-empty id (got "")'));
    expect(() => governanceAlerts(current, null as never)).toThrow(new Error('previous must be a list (got null)'));
  });
});
