import { describe, expect, it } from 'vitest';
import { metricsTrend, type MetricsDecision, type MetricsPulse, type MetricsSnapshot } from '../metrics/compute';
import { domainAutonomyOf, governanceAlerts, reviewsOverdueAlert, type OverdueReview } from './alerts';
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
      domainAutonomy: [
        { domainId: 'platform', decided: 5, autonomous: 0 },
        { domainId: 'apps', decided: 5, autonomous: 1 },
        { domainId: 'ops', decided: 4, autonomous: 0 },
      ],
    });
    expect(alerts.map((alert) => [alert.kind, alert.key, alert.title, alert.evidence, alert.action.to])).toEqual([
      [
        'escalations-rising',
        'escalations-rising',
        'Escalation frequency rising',
        'Escalation frequency rose over three periods: 20% in Week of 9 Nov 2026, 40% in Week of 16 Nov 2026, 60% in Week of 23 Nov 2026.',
        '/domains',
      ],
      [
        'over-budget',
        'over-budget:lab',
        'Over budget',
        'Lab committed 10 against a budget of 0 for Week of 23 Nov 2026.',
        '/domains/lab',
      ],
      [
        'reviews-overdue',
        'reviews-overdue',
        'Decisions overdue for review',
        '4 decisions are past the review date without a review: Alpha (due 20 Nov 2026); Beta (due 21 Nov 2026); Gamma (due 22 Nov 2026); and 1 more.',
        '/decisions?status=decided&status=implemented',
      ],
      [
        'trust-falling',
        'trust-falling',
        'Trust falling',
        'Trust fell over three periods: 4 of 5 in Week of 9 Nov 2026, 3.3 of 5 in Week of 16 Nov 2026, 2.7 of 5 in Week of 23 Nov 2026.',
        '/metrics/pulse',
      ],
      [
        'override-rate-high',
        'override-rate-high',
        'Many overrides',
        '2 of 5 decisions (40%) were decided in a less demanding tier than classified, at or above the 25% limit.',
        '/domains',
      ],
      [
        'never-autonomous',
        'never-autonomous:platform',
        'No autonomous decisions',
        'platform decided 5 decisions in Week of 23 Nov 2026 and none of them autonomously.',
        '/domains/platform#thresholds',
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
    expect(alerts[1]).toMatchObject({
      metric: 'resourceUtilisation',
      domainId: 'lab',
      figures: [
        { label: 'Committed', value: 10, text: '10' },
        { label: 'Budget', value: 0, text: '0' },
      ],
    });
    expect(alerts[2]?.recordIds).toEqual(['a', 'b', 'c', 'd']);
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
    expect(
      governanceAlerts(current, previous).filter((alert) => alert.metric !== null && alert.metric in current.health),
    ).toEqual([]);
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

  it('raises utilisation from exactly 90 % of a budget, per domain and in total', () => {
    const costed = (id: string, domainId: string, cost: number) =>
      fixtureDecision(id, 'Costed', { decidedAt: at('2026-11-24T10:00:00+01:00'), domainId, cost }).metrics;
    const alertsFor = (platformCost: number, budgets: MetricsSnapshot['budgets']) => {
      const data = snapshot({
        decisions: [costed('p', 'platform', platformCost), costed('l', 'lab', 50)],
        pulses: [],
        budgets,
      });
      const { current, previous } = results(data);
      return governanceAlerts(current, previous, {
        domains: [{ id: 'platform', name: 'Platform', budgetUnit: 'EUR' }],
      }).map((alert) => [alert.key, alert.title, alert.evidence]);
    };
    const platformOnly: MetricsSnapshot['budgets'] = [{ domainId: 'platform', amount: 10_000, period: 'week' }];
    expect(alertsFor(9_000, platformOnly)).toEqual([
      [
        'over-budget:platform',
        'Budget nearly used',
        'Platform committed 9,000 EUR against a budget of 10,000 EUR for Week of 23 Nov 2026 (90%).',
      ],
    ]);
    expect(alertsFor(8_999, platformOnly)).toEqual([]);
    const both: MetricsSnapshot['budgets'] = [...platformOnly, { domainId: 'lab', amount: 100, period: 'week' }];
    // 9,500 + 50 of 10,100 is 95 % in total; 8,999 + 50 of 10,100 is below 90 %.
    expect(alertsFor(9_500, both).map(([key]) => key)).toEqual(['over-budget:platform', 'over-budget:total']);
    expect(alertsFor(8_999, both)).toEqual([]);
  });

  it('raises satisfaction falling and stress rising over three periods, never for a hidden round', () => {
    const pulseRound = (monday: string, satisfaction: number, stress: number, people = 3): MetricsPulse[] =>
      Array.from({ length: people }, () => ({
        periodStart: monday,
        domainId: 'platform',
        satisfaction,
        stress,
        collaboration: 4,
        trust: 4,
      }));
    const kindsFor = (pulses: MetricsPulse[]) => {
      const { current, previous } = results(snapshot({ decisions: [], pulses }));
      return governanceAlerts(current, previous).map((alert) => [alert.kind, alert.action.to]);
    };
    expect(
      kindsFor([
        ...pulseRound('2026-11-09', 5, 1),
        ...pulseRound('2026-11-16', 4, 2),
        ...pulseRound('2026-11-23', 3, 3),
      ]),
    ).toEqual([
      ['satisfaction-falling', '/metrics/pulse'],
      ['stress-rising', '/metrics/pulse'],
    ]);
    // Down then up: no alert.
    expect(
      kindsFor([
        ...pulseRound('2026-11-09', 5, 1),
        ...pulseRound('2026-11-16', 4, 2),
        ...pulseRound('2026-11-23', 5, 1),
      ]),
    ).toEqual([]);
    // The last round has two people: hidden, so no alert.
    expect(
      kindsFor([
        ...pulseRound('2026-11-09', 5, 1),
        ...pulseRound('2026-11-16', 4, 2),
        ...pulseRound('2026-11-23', 1, 5, 2),
      ]),
    ).toEqual([]);
  });

  it('raises a domain that decided at least five decisions and none autonomously', () => {
    const { current, previous } = results(snapshot({ pulses: [] }));
    const kinds = (domainAutonomy: { domainId: string; decided: number; autonomous: number }[]) =>
      governanceAlerts(current, previous, { domainAutonomy })
        .filter((alert) => alert.kind === 'never-autonomous')
        .map((alert) => alert.key);
    expect(
      kinds([
        { domainId: 'b', decided: 5, autonomous: 0 },
        { domainId: 'a', decided: 9, autonomous: 0 },
        { domainId: 'c', decided: 4, autonomous: 0 },
        { domainId: 'd', decided: 9, autonomous: 1 },
      ]),
    ).toEqual(['never-autonomous:a', 'never-autonomous:b']);
    expect(() => kinds([{ domainId: 'a', decided: -1, autonomous: 0 }])).toThrow(
      new Error('options.domainAutonomy[0].decided must be a whole number from 0 (got -1)'),
    );
  });

  it('counts each domain’s decisions and autonomous ones for the domains of the scope', () => {
    const decided = (id: string, domainId: string, tier: 'autonomous' | 'consultative') =>
      fixtureDecision(id, 'D', { decidedAt: at('2026-11-24T10:00:00+01:00'), domainId, tier }).metrics;
    const data = snapshot({
      decisions: [
        decided('1', 'a', 'autonomous'),
        decided('2', 'a', 'consultative'),
        decided('3', 'b', 'consultative'),
      ],
      pulses: [],
      domains: [
        { id: 'a', parentId: null },
        { id: 'b', parentId: 'a' },
      ],
    });
    const { current } = results(data);
    expect(domainAutonomyOf(data, current.period, { domainId: null })).toEqual([
      { domainId: 'a', decided: 2, autonomous: 1 },
      { domainId: 'b', decided: 1, autonomous: 0 },
    ]);
    expect(domainAutonomyOf(data, current.period, { domainId: 'a' })).toEqual([
      { domainId: 'a', decided: 2, autonomous: 1 },
    ]);
    expect(domainAutonomyOf(data, current.period, { domainId: 'a', includeSubdomains: true })).toHaveLength(2);
  });

  it('links one overdue decision to itself', () => {
    expect(reviewsOverdueAlert(overdue.slice(0, 1))?.action).toEqual({
      label: 'Open the decision',
      to: '/decisions/a',
    });
    expect(reviewsOverdueAlert([])).toBeNull();
  });
});
