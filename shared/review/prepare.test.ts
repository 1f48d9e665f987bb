/**
 * `prepareReview` on the fixture of test-support.ts: each cadence's topics filled from known
 * data (the expected values are worked out by hand in the comments), the review-wide parts,
 * scopes, templates, determinism and input checks.
 */
import { describe, expect, it } from 'vitest';
import type { MetricsSnapshot } from '../metrics/compute';
import { metricsPeriod } from '../metrics/period';
import { cadenceTopicIds, reviewTopics, type ReviewListKind, type ReviewTopicId } from './agenda';
import type { PrepareReviewInput, ReviewDecisionInfo } from './input';
import type { ReviewList } from './lists';
import { prepareReview, type PreparedReview, type PreparedTopic, type ReviewFigure } from './prepare';
import {
  at,
  berlin,
  fixtureActions,
  fixtureDecision,
  fixtureDecisions,
  fixtureDomains,
  fixtureSnapshot,
  fixtureValueEntries,
  november,
  q4,
  week,
} from './test-support';

const DAY = 86_400_000;

function input(changes: Partial<PrepareReviewInput> = {}): PrepareReviewInput {
  return {
    cadence: 'weekly',
    period: week,
    scope: { domainId: null, includeSubdomains: false },
    snapshot: fixtureSnapshot,
    decisions: fixtureDecisions.map((decision) => decision.info),
    domains: fixtureDomains,
    valueEntries: fixtureValueEntries,
    previousActions: fixtureActions,
    reviewId: 'r1',
    // Sunday evening, the last day of the week.
    now: at('2026-11-29T18:00:00+01:00'),
    timeZone: berlin,
    ...changes,
  };
}

const weekly = prepareReview(input());
const monthly = prepareReview(input({ cadence: 'monthly', period: november, now: at('2026-12-01T10:00:00+01:00') }));
const quarterly = prepareReview(
  input({
    cadence: 'quarterly',
    period: q4,
    now: at('2027-01-04T10:00:00+01:00'),
    progression: [
      {
        domainId: 'platform',
        limits: { autonomousCostLimit: 1_000, consultativeCostLimit: 10_000 },
        limitsChangedAt: null,
        decisions: [
          ...[1, 2, 3, 4, 5, 6].map((day) => ({
            id: `p${day}`,
            tier: 'autonomous' as const,
            cost: 100,
            outcome: 'worked' as const,
            rolledBack: false,
            overridden: false,
            escalated: false,
            reviewedAt: at(`2026-12-0${day}T10:00:00+01:00`),
          })),
          // Reviewed after the quarter: not part of its record.
          {
            id: 'p7',
            tier: 'autonomous',
            cost: 100,
            outcome: 'failed',
            rolledBack: true,
            overridden: false,
            escalated: false,
            reviewedAt: at('2027-01-02T10:00:00+01:00'),
          },
        ],
      },
      {
        domainId: 'ops',
        limits: { autonomousCostLimit: 500, consultativeCostLimit: 5_000 },
        limitsChangedAt: null,
        decisions: ['failed', 'failed', 'worked'].map((outcome, index) => ({
          id: `o${index}`,
          tier: 'consultative' as const,
          cost: 1_000,
          outcome: outcome as 'failed' | 'worked',
          rolledBack: false,
          overridden: false,
          escalated: false,
          reviewedAt: at('2026-12-20T10:00:00+01:00'),
        })),
      },
    ],
  }),
);

function topic(review: PreparedReview, id: ReviewTopicId): PreparedTopic {
  const found = review.topics.find((candidate) => candidate.id === id);
  if (found === undefined) throw new Error(`no topic ${id}`);
  return found;
}

function list<K extends ReviewListKind>(
  review: PreparedReview,
  id: ReviewTopicId,
  kind: K,
): Extract<ReviewList, { kind: K }> {
  const found = topic(review, id).lists.find((candidate) => candidate.kind === kind);
  if (found === undefined) throw new Error(`no list ${kind} in ${id}`);
  return found as Extract<ReviewList, { kind: K }>;
}

/** A figure's key, value, text, basis and light. */
function figures(review: PreparedReview, id: ReviewTopicId): [string, number | null, string, string, string][] {
  return topic(review, id).figures.map((figure: ReviewFigure) => [
    figure.key,
    figure.value === null ? null : Number(figure.value.toFixed(4)),
    figure.text,
    figure.basis,
    figure.light,
  ]);
}

const ids = (items: readonly { decisionId: string }[]): string[] => items.map((item) => item.decisionId);

describe('each cadence has the framework agenda', () => {
  it('lists the four topics of each cadence in order, each with the data of its definition', () => {
    expect(weekly.topics.map((shown) => shown.id)).toEqual([
      'decision-patterns',
      'value-creation',
      'resource-usage',
      'quick-wins',
    ]);
    expect(monthly.topics.map((shown) => shown.id)).toEqual(cadenceTopicIds.monthly);
    expect(quarterly.topics.map((shown) => shown.id)).toEqual(cadenceTopicIds.quarterly);
    for (const review of [weekly, monthly, quarterly]) {
      for (const shown of review.topics) {
        const definition = reviewTopics[shown.id];
        expect(shown.title).toBe(definition.title);
        expect(shown.prompts).toEqual(definition.prompts);
        expect(shown.figures.map((figure) => figure.key)).toEqual(definition.figures);
        expect(shown.lists.map((shownList) => shownList.kind)).toEqual(definition.lists);
      }
    }
  });

  it('names the review, its period and scope', () => {
    expect(weekly.title).toBe('Weekly review: Week of 23 Nov 2026');
    expect(monthly.title).toBe('Monthly review: November 2026');
    expect(quarterly.title).toBe('Quarterly review: Q4 2026');
    expect(weekly.scope).toEqual({ domainId: null, includeSubdomains: false, name: 'Workspace' });
    expect(weekly.trendPeriods.map((period) => period.label)).toEqual([
      'Week of 2 Nov 2026',
      'Week of 9 Nov 2026',
      'Week of 16 Nov 2026',
      'Week of 23 Nov 2026',
    ]);
    expect(weekly.preparedAt).toBe(at('2026-11-29T18:00:00+01:00'));
  });
});

describe('weekly review, week of 23 November 2026', () => {
  it('decision patterns: figures of the 5 decisions decided in the week (d1–d5)', () => {
    // Autonomous d1, d3, d5; d3 overridden; d2 and d4 escalated; d5 an experiment.
    // Days from proposed to decided: 1, 5, 0.5, 10, 0 → median 1.
    expect(figures(weekly, 'decision-patterns')).toEqual([
      ['autonomyShare', 0.6, '60%', '3 of 5 decisions', 'green'],
      ['overrideRate', 0.2, '20%', '1 of 5 decisions', 'amber'],
      ['escalationRate', 0.4, '40%', '2 of 5 decisions', 'red'],
      ['decisionVelocity', 1, '1 day', '5 decisions', 'green'],
      ['experimentShare', 0.2, '20%', '1 of 5 decisions', 'green'],
    ]);
    const figure = topic(weekly, 'decision-patterns').figures[0] as ReviewFigure;
    // No earlier week has enough data: no trend.
    expect(figure.trend).toEqual({ direction: 'none', assessment: 'none', baseline: null, change: null });
  });

  it('decision patterns: the decisions by tier, with counts, overrides and escalations', () => {
    const byTier = list(weekly, 'decision-patterns', 'decisionsByTier');
    expect(byTier.total).toBe(5);
    expect(
      byTier.groups.map(({ tier, count, overrides, escalated, experiments, decisions }) => ({
        tier,
        count,
        overrides,
        escalated,
        experiments,
        ids: ids(decisions),
      })),
    ).toEqual([
      { tier: 'autonomous', count: 3, overrides: 1, escalated: 0, experiments: 1, ids: ['d1', 'd3', 'd5'] },
      { tier: 'consultative', count: 1, overrides: 0, escalated: 1, experiments: 0, ids: ['d2'] },
      { tier: 'collaborative', count: 1, overrides: 0, escalated: 1, experiments: 0, ids: ['d4'] },
    ]);
    expect(byTier.groups[0]?.decisions[1]).toEqual({
      decisionId: 'd3',
      title: 'Hotfix login',
      domainId: 'apps',
      domainName: 'Apps',
      kind: 'decision',
      tier: 'autonomous',
      decidedAt: at('2026-11-25T21:00:00+01:00'),
      override: true,
      escalationCount: 0,
      cost: 400,
    });
  });

  it('value creation: deliveries of the week and the success metrics', () => {
    // Delivered 24, 27 and 28 Nov (v4 on the 30th is next week): 3 in 7 days → 12.86 per 30
    // days; lead times 8 and 7 days and ratings 4 and 5 are fewer than 3; 1 defect over 3 items.
    expect(figures(weekly, 'value-creation')).toEqual([
      ['throughput', 12.8571, '12.9 per 30 days', '3 items delivered in 7 days', 'none'],
      ['deliverySpeed', null, 'not enough data (2 of 3 needed)', '2 items with a start date', 'none'],
      ['userSatisfaction', null, 'not enough data (2 of 3 needed)', '2 ratings', 'none'],
      ['defectRate', 0.3333, '0.33 per item', '1 defect over 3 items', 'amber'],
    ]);
    expect(list(weekly, 'value-creation', 'delivered').items).toEqual([
      {
        valueEntryId: 'v1',
        title: 'Faster search',
        domainId: 'platform',
        domainName: 'Platform',
        deliveredOn: '2026-11-24',
        leadTimeDays: 8,
        satisfaction: 4,
        defects: 1,
      },
      {
        valueEntryId: 'v2',
        title: 'Offline mode',
        domainId: 'apps',
        domainName: 'Apps',
        deliveredOn: '2026-11-27',
        leadTimeDays: 7,
        satisfaction: 5,
        defects: 0,
      },
      {
        valueEntryId: 'v3',
        title: 'Status page',
        domainId: 'ops',
        domainName: 'Operations',
        deliveredOn: '2026-11-28',
        leadTimeDays: null,
        satisfaction: null,
        defects: 0,
      },
    ]);
    const metrics = list(weekly, 'value-creation', 'successMetrics').items;
    expect(
      metrics.map(({ name, domainName, mean, latest, latestOn, onTarget }) => [
        name,
        domainName,
        mean,
        latest,
        latestOn,
        onTarget,
      ]),
    ).toEqual([
      ['NPS', 'Apps', 30, 30, '2026-11-25', false],
      ['Page load', 'Platform', 525, 450, '2026-11-27', true],
    ]);
  });

  it('resource usage: budget used per domain and the decisions that committed it', () => {
    // Platform: d1 200 + d2 500 + d5 50 = 750 of 1,000; Apps: d3 400 of 300; d4 was rolled
    // back (commits nothing). In total 1,150 of 1,300.
    expect(figures(weekly, 'resource-usage')).toEqual([
      ['resourceUtilisation', 0.8846, '88% of the budget', '4 costed decisions', 'amber'],
    ]);
    const budget = list(weekly, 'resource-usage', 'budgetByDomain');
    expect(budget.items).toEqual([
      {
        domainId: 'apps',
        domainName: 'Apps',
        unit: 'EUR',
        committed: 400,
        budget: 300,
        share: 400 / 300,
        decisions: 1,
        light: 'red',
      },
      {
        domainId: 'platform',
        domainName: 'Platform',
        unit: 'EUR',
        committed: 750,
        budget: 1_000,
        share: 0.75,
        decisions: 3,
        light: 'green',
      },
    ]);
    expect(budget.unbudgeted).toBe(0);
    const committed = list(weekly, 'resource-usage', 'committedDecisions').items;
    expect(committed.map((item) => [item.decisionId, item.cost, item.unit])).toEqual([
      ['d2', 500, 'EUR'],
      ['d3', 400, 'EUR'],
      ['d1', 200, 'EUR'],
      ['d5', 50, 'EUR'],
    ]);
  });

  it('quick wins: autonomous or reversible decisions implemented in the week, and reversible ones ready', () => {
    expect(topic(weekly, 'quick-wins').figures).toEqual([]);
    expect(list(weekly, 'quick-wins', 'quickWins').items).toEqual([
      {
        decisionId: 'd1',
        title: 'Adopt linting',
        domainId: 'platform',
        domainName: 'Platform',
        tier: 'autonomous',
        reversibility: 'reversible',
        implementedAt: at('2026-11-25T10:00:00+01:00'),
        autonomous: true,
        reversible: true,
      },
      {
        decisionId: 'd3',
        title: 'Hotfix login',
        domainId: 'apps',
        domainName: 'Apps',
        tier: 'autonomous',
        reversibility: 'partial',
        implementedAt: at('2026-11-26T10:00:00+01:00'),
        autonomous: true,
        reversible: false,
      },
    ]);
    // Decided and reversible: d2 and d5; d6 is hard to reverse, d9 was decided after the week.
    const candidates = list(weekly, 'quick-wins', 'quickWinCandidates').items;
    expect(candidates.map((item) => [item.decisionId, item.tier, item.decidedAt])).toEqual([
      ['d2', 'consultative', at('2026-11-25T09:00:00+01:00')],
      ['d5', 'autonomous', at('2026-11-26T09:00:00+01:00')],
    ]);
  });

  it('health pulse: the round of 23 November (3 answers)', () => {
    // Satisfaction 4, 4, 5; stress 2, 3, 2; collaboration 4, 4, 3; trust 4, 3, 4.
    expect(
      weekly.healthPulse.figures.map((figure) => [
        figure.key,
        Number(figure.value?.toFixed(4)),
        figure.text,
        figure.light,
      ]),
    ).toEqual([
      ['teamSatisfaction', 4.3333, '4.3 of 5', 'green'],
      ['stress', 2.3333, '2.3 of 5', 'green'],
      ['collaboration', 3.6667, '3.7 of 5', 'amber'],
      ['trust', 3.6667, '3.7 of 5', 'amber'],
    ]);
    expect(weekly.healthPulse).toMatchObject({
      answers: 3,
      rounds: 1,
      leftOut: 0,
      suppressed: false,
      minRespondents: 3,
    });
    expect(weekly.healthPulse.figures[0]?.basis).toBe('3 answers in 1 pulse round');
  });

  it('reviews due: decided, not reviewed, review date by the end of the week', () => {
    // d6 (27 Nov) is 2 days overdue on the 29th; d2 is due today; d3 was reviewed; d1 is due in December.
    expect(weekly.reviewsDue).toEqual([
      {
        decisionId: 'd6',
        title: 'Rename the repository',
        domainId: 'platform',
        domainName: 'Platform',
        reviewOn: '2026-11-27',
        overdue: true,
        daysOverdue: 2,
      },
      {
        decisionId: 'd2',
        title: 'Switch CI provider',
        domainId: 'platform',
        domainName: 'Platform',
        reviewOn: '2026-11-29',
        overdue: false,
        daysOverdue: 0,
      },
    ]);
  });

  it('carries the open actions of earlier reviews, due first, and counts those done', () => {
    // a3 is done; a4 belongs to this review (r1).
    expect(weekly.carriedActions).toEqual({
      open: [
        {
          actionId: 'a1',
          title: 'Write the on-call guide',
          ownerName: 'Ana',
          dueOn: '2026-11-27',
          reviewId: 'r0',
          overdue: true,
        },
        {
          actionId: 'a2',
          title: 'Book a workshop',
          ownerName: null,
          dueOn: '2026-12-03',
          reviewId: 'r0',
          overdue: false,
        },
        { actionId: 'a5', title: 'Ask finance', ownerName: 'Cleo', dueOn: null, reviewId: null, overdue: false },
      ],
      done: 1,
      total: 4,
    });
    // Without a review id every action given counts as an earlier one.
    const all = prepareReview(input({ reviewId: null })).carriedActions;
    expect(all.open.map((action) => action.actionId)).toEqual(['a1', 'a4', 'a2', 'a5']);
    expect(all.total).toBe(5);
  });

  it('raises the governance alerts of the week: Apps over budget, a review overdue', () => {
    expect(weekly.alerts.map((alert) => [alert.kind, alert.evidence, alert.recordIds])).toEqual([
      ['over-budget', 'Apps committed 400 EUR against a budget of 300 EUR for Week of 23 Nov 2026 (133%).', []],
      [
        'reviews-overdue',
        '1 decision is past the review date without a review: Rename the repository (due 27 Nov 2026).',
        ['d6'],
      ],
    ]);
  });
});

describe('monthly review, November 2026', () => {
  it('autonomy effectiveness: figures of the 6 decisions decided in November (d1–d6)', () => {
    // Autonomous d1, d3, d5, d6; days 1, 5, 0.5, 10, 0, 2 → median 1.5; handoffs 2 + 1 over 6.
    expect(figures(monthly, 'autonomy-effectiveness')).toEqual([
      ['autonomyShare', 0.6667, '67%', '4 of 6 decisions', 'green'],
      ['escalationRate', 0.3333, '33%', '2 of 6 decisions', 'red'],
      ['overrideRate', 0.1667, '17%', '1 of 6 decisions', 'amber'],
      ['decisionVelocity', 1.5, '1.5 days', '6 decisions', 'green'],
      ['handoffsPerDecision', 0.5, '0.5 per decision', '3 handoffs over 6 decisions', 'green'],
    ]);
  });

  it('autonomy effectiveness: the autonomy share by month, the overrides and the escalations with reasons', () => {
    const trend = list(monthly, 'autonomy-effectiveness', 'autonomyTrend');
    // October had 2 decisions (d13, d14): fewer than the 5 a share needs.
    expect(trend.points.map((point) => [point.label, point.value, point.count])).toEqual([
      ['August 2026', null, 0],
      ['September 2026', null, 0],
      ['October 2026', null, 2],
      ['November 2026', 4 / 6, 6],
    ]);
    expect([trend.direction, trend.assessment]).toEqual(['none', 'none']);
    expect(list(monthly, 'autonomy-effectiveness', 'overrides').items).toEqual([
      {
        decisionId: 'd3',
        title: 'Hotfix login',
        domainId: 'apps',
        domainName: 'Apps',
        tier: 'autonomous',
        reason: 'Users were locked out',
        decidedAt: at('2026-11-25T21:00:00+01:00'),
      },
    ]);
    expect(list(monthly, 'autonomy-effectiveness', 'escalations').items).toEqual([
      {
        decisionId: 'd4',
        title: 'Migrate database',
        domainId: 'ops',
        domainName: 'Operations',
        escalationId: 'e2',
        at: at('2026-11-20T12:00:00+01:00'),
        fromTier: 'consultative',
        toTier: 'collaborative',
        toDomainId: 'platform',
        toDomainName: 'Platform',
        reason: 'Affects the platform team',
      },
      {
        decisionId: 'd2',
        title: 'Switch CI provider',
        domainId: 'platform',
        domainName: 'Platform',
        escalationId: 'e1',
        at: at('2026-11-24T10:00:00+01:00'),
        fromTier: 'autonomous',
        toTier: 'consultative',
        toDomainId: null,
        toDomainName: null,
        reason: 'Cost above the autonomous limit',
      },
    ]);
  });

  it('support needs: who waits for advice or a joint decision, and for how long', () => {
    expect(figures(monthly, 'support-needs')).toEqual([
      ['stress', 2.3333, '2.3 of 5', '3 answers in 1 pulse round', 'green'],
      ['escalationRate', 0.3333, '33%', '2 of 6 decisions', 'red'],
      ['handoffsPerDecision', 0.5, '0.5 per decision', '3 handoffs over 6 decisions', 'green'],
    ]);
    // Waited up to the end of November (now is later): d7 from 21 Nov 09:00 is 9.625 days,
    // d11 from 28 Nov 12:00 is 2.5 days; d12 was proposed in December.
    expect(list(monthly, 'support-needs', 'waitingForInput').items).toEqual([
      {
        decisionId: 'd7',
        title: 'Choose an on-call tool',
        domainId: 'ops',
        domainName: 'Operations',
        status: 'seeking-advice',
        tier: 'consultative',
        proposedAt: at('2026-11-21T09:00:00+01:00'),
        waitingDays: 9.625,
        adviceAsked: 3,
        adviceReceived: 1,
      },
      {
        decisionId: 'd11',
        title: 'Merge the support queues',
        domainId: 'ops',
        domainName: 'Operations',
        status: 'deciding-together',
        tier: 'collaborative',
        proposedAt: at('2026-11-28T12:00:00+01:00'),
        waitingDays: 2.5,
        adviceAsked: 0,
        adviceReceived: 0,
      },
    ]);
    expect(ids(list(monthly, 'support-needs', 'escalations').items)).toEqual(['d4', 'd2']);
  });

  it('process improvements: slow decisions and handoffs', () => {
    // Deliveries in November: lead times 8, 7 and 10 → median 8; 3 defects over 4 items.
    expect(figures(monthly, 'process-improvements')).toEqual([
      ['decisionVelocity', 1.5, '1.5 days', '6 decisions', 'green'],
      ['handoffsPerDecision', 0.5, '0.5 per decision', '3 handoffs over 6 decisions', 'green'],
      ['deliverySpeed', 8, '8 days', '3 items with a start date', 'green'],
      ['defectRate', 0.75, '0.75 per item', '3 defects over 4 items', 'red'],
    ]);
    const slow = list(monthly, 'process-improvements', 'slowDecisions');
    // Slower than the green threshold of 3 days: d4 (10 days) and d2 (5 days).
    expect(slow.thresholdDays).toBe(3);
    expect(slow.items.map((item) => [item.decisionId, item.days, item.tier])).toEqual([
      ['d4', 10, 'collaborative'],
      ['d2', 5, 'consultative'],
    ]);
    expect(
      list(monthly, 'process-improvements', 'handoffs').items.map((item) => [
        item.decisionId,
        item.handoffs,
        item.adviceFromOtherDomains,
        item.jointWithOtherDomains,
      ]),
    ).toEqual([
      ['d2', 2, 2, 0],
      ['d4', 1, 0, 1],
    ]);
  });

  it('capability gaps: failed, partly worked and rolled-back decisions, and the lessons', () => {
    // Reviewed in November: d13 (no lesson), d3 and d4 (lessons): 3 of the 5 a share needs.
    // Lessons: d3 and d4 reviews and d5's result (ended 28 Nov): 3 in 30 days.
    expect(figures(monthly, 'capability-gaps')).toEqual([
      ['lessonShare', null, 'not enough data (3 of 5 needed)', '2 of 3 reviews', 'none'],
      ['learningRate', 3, '3 per 30 days', '3 lessons in 30 days', 'green'],
    ]);
    expect(list(monthly, 'capability-gaps', 'failedReviews').items).toEqual([
      {
        decisionId: 'd13',
        title: 'Outsource design',
        domainId: 'platform',
        domainName: 'Platform',
        outcome: 'partly',
        rolledBack: false,
        reviewedAt: at('2026-11-10T10:00:00+01:00'),
        rolledBackAt: null,
        lessons: '',
      },
      {
        decisionId: 'd14',
        title: 'Change the font',
        domainId: 'apps',
        domainName: 'Apps',
        outcome: null,
        rolledBack: true,
        reviewedAt: null,
        rolledBackAt: at('2026-11-12T10:00:00+01:00'),
        lessons: '',
      },
      {
        decisionId: 'd4',
        title: 'Migrate database',
        domainId: 'ops',
        domainName: 'Operations',
        outcome: 'failed',
        rolledBack: true,
        reviewedAt: at('2026-11-28T10:00:00+01:00'),
        rolledBackAt: at('2026-11-27T15:00:00+01:00'),
        lessons: 'Test the migration first',
      },
    ]);
    expect(
      list(monthly, 'capability-gaps', 'lessons').items.map((item) => [
        item.decisionId,
        item.source,
        item.recordedOn,
        item.text,
      ]),
    ).toEqual([
      ['d3', 'review', '2026-11-27', 'Pair on risky fixes'],
      ['d4', 'review', '2026-11-28', 'Test the migration first'],
      ['d5', 'experiment', '2026-11-28', 'Users liked it'],
    ]);
  });

  it('reviews due by the end of November: d6 and d2, both overdue on 1 December', () => {
    expect(monthly.reviewsDue.map((due) => [due.decisionId, due.overdue, due.daysOverdue])).toEqual([
      ['d6', true, 4],
      ['d2', true, 2],
    ]);
  });
});

describe('quarterly review, Q4 2026', () => {
  it('framework assessment: every figure with its series over four quarters', () => {
    // Decided in Q4: d1–d6, d9, d13, d14, d15; autonomous all but d2, d13 (consultative) and d4.
    const assessment = topic(quarterly, 'framework-assessment');
    expect(assessment.figures).toHaveLength(18);
    const trends = list(quarterly, 'framework-assessment', 'metricTrends');
    expect(trends.periods.map((period) => period.label)).toEqual(['Q1 2026', 'Q2 2026', 'Q3 2026', 'Q4 2026']);
    expect(trends.items).toHaveLength(18);
    const autonomy = trends.items.find((item) => item.key === 'autonomyShare');
    expect(autonomy).toEqual({
      key: 'autonomyShare',
      name: 'Autonomy share',
      unit: 'share',
      better: 'higher',
      series: [null, null, null, 0.7],
      current: 0.7,
      baseline: null,
      direction: 'none',
      assessment: 'none',
      light: 'green',
    });
    // Platform 1,000 a week and Apps 300 a week over 92 days; committed 1,530 and 400.
    const utilisation = trends.items.find((item) => item.key === 'resourceUtilisation');
    expect(utilisation?.current).toBeCloseTo(1_930 / ((92 / 7) * 1_300), 10);
  });

  it('major adjustments: threshold suggestions per domain from their track records', () => {
    expect(figures(quarterly, 'major-adjustments').map(([key, value]) => [key, value])).toEqual([
      ['overrideRate', 0.1],
      ['escalationRate', 0.2],
      ['resourceUtilisation', Number((1_930 / ((92 / 7) * 1_300)).toFixed(4))],
    ]);
    const suggestions = list(quarterly, 'major-adjustments', 'thresholdSuggestions').items;
    // By name: Operations, then Platform. Operations: 2 of 3 failed → lower by 25 %.
    // Platform: 6 of 6 worked (p7 was reviewed after the quarter) → raise by 25 %.
    expect(
      suggestions.map((item) => [
        item.domainName,
        item.suggestion.direction,
        item.current,
        item.suggestion.limits,
        item.suggestion.evidence.count,
      ]),
    ).toEqual([
      [
        'Operations',
        'lower',
        { autonomousCostLimit: 500, consultativeCostLimit: 5_000 },
        { autonomousCostLimit: 375, consultativeCostLimit: 3_750 },
        3,
      ],
      [
        'Platform',
        'raise',
        { autonomousCostLimit: 1_000, consultativeCostLimit: 10_000 },
        { autonomousCostLimit: 1_250, consultativeCostLimit: 12_500 },
        6,
      ],
    ]);
    expect(suggestions[1]?.suggestion.reasons[0]).toBe(
      '6 autonomous and consultative decisions reviewed in the last 90 days',
    );
  });

  it('success patterns: decisions that worked and experiments with their results', () => {
    // Experiments d5 (started 26 Nov) and d15 (3 Dec): 2 in 92 days; of 10 decisions, 2 are
    // experiments. Lessons: d3, d4 reviews, d5's result, d15's result at its review: 4.
    expect(figures(quarterly, 'success-patterns')).toEqual([
      ['innovationRate', 0.6522, '0.7 per 30 days', '2 experiments started in 92 days', 'amber'],
      ['experimentShare', 0.2, '20%', '2 of 10 decisions', 'green'],
      ['learningRate', 1.3043, '1.3 per 30 days', '4 lessons in 92 days', 'amber'],
    ]);
    expect(
      list(quarterly, 'success-patterns', 'workedDecisions').items.map((item) => [
        item.decisionId,
        item.kind,
        item.tier,
        item.lessons,
      ]),
    ).toEqual([
      ['d3', 'decision', 'autonomous', 'Pair on risky fixes'],
      ['d15', 'experiment', 'autonomous', ''],
    ]);
    expect(list(quarterly, 'success-patterns', 'experimentResults').items).toEqual([
      {
        decisionId: 'd5',
        title: 'Try dark mode',
        domainId: 'platform',
        domainName: 'Platform',
        hypothesis: 'Dark mode reduces eye-strain complaints',
        result: 'Users liked it',
        outcome: null,
        recordedOn: '2026-11-28',
      },
      {
        decisionId: 'd15',
        title: 'Shorter sign-up form',
        domainId: 'platform',
        domainName: 'Platform',
        hypothesis: 'A shorter form converts better',
        result: 'Sign-ups rose 5%',
        outcome: 'worked',
        recordedOn: '2026-12-15',
      },
    ]);
  });

  it("strategic alignment: each domain's objectives and its success metrics on or off target", () => {
    // Ratings of the quarter 4, 5 and 3 → 4; 4 items delivered in 92 days.
    expect(figures(quarterly, 'strategic-alignment')).toEqual([
      ['userSatisfaction', 4, '4 of 5', '3 ratings', 'green'],
      ['throughput', 1.3043, '1.3 per 30 days', '4 items delivered in 92 days', 'none'],
    ]);
    const objectives = list(quarterly, 'strategic-alignment', 'objectives').items;
    expect(
      objectives.map((item) => [
        item.domainName,
        item.objectives,
        item.metrics.map((metric) => metric.name),
        item.onTarget,
        item.offTarget,
        item.noData,
      ]),
    ).toEqual([
      ['Apps', '', ['NPS'], 0, 1, 0],
      ['Operations', 'Keep the lights on', [], 0, 0, 0],
      ['Platform', 'Ship fast', ['Page load'], 1, 0, 0],
    ]);
  });
});

describe('scope', () => {
  it('a domain with its sub-domains: Platform and Apps', () => {
    const review = prepareReview(input({ scope: { domainId: 'platform', includeSubdomains: true } }));
    expect(review.scope.name).toBe('Platform and its sub-domains');
    expect(
      ids(list(review, 'decision-patterns', 'decisionsByTier').groups.flatMap((group) => group.decisions)),
    ).toEqual(['d1', 'd3', 'd5', 'd2']);
    expect(review.metrics.autonomy.autonomyShare).toMatchObject({ matching: 3, count: 4 });
    expect(review.reviewsDue.map((due) => due.decisionId)).toEqual(['d6', 'd2']);
  });

  it('a domain alone leaves its sub-domains out', () => {
    const review = prepareReview(input({ scope: { domainId: 'platform', includeSubdomains: false } }));
    expect(review.scope.name).toBe('Platform');
    expect(list(review, 'decision-patterns', 'decisionsByTier').total).toBe(3);
    expect(list(review, 'quick-wins', 'quickWins').items.map((item) => item.decisionId)).toEqual(['d1']);
    expect(list(review, 'resource-usage', 'budgetByDomain').items.map((item) => item.domainId)).toEqual(['platform']);
  });

  it('hides the health pulse of a scope where fewer than 3 people answered', () => {
    const snapshot: MetricsSnapshot = {
      ...fixtureSnapshot,
      pulses: [
        ...fixtureSnapshot.pulses,
        { periodStart: '2026-11-23', domainId: 'ops', satisfaction: 1, stress: 5, collaboration: 1, trust: 1 },
        { periodStart: '2026-11-23', domainId: 'ops', satisfaction: 2, stress: 5, collaboration: 2, trust: 1 },
      ],
    };
    const review = prepareReview(input({ snapshot, scope: { domainId: 'ops', includeSubdomains: false } }));
    expect(review.healthPulse).toMatchObject({ answers: 0, leftOut: 2, suppressed: true });
    expect(review.healthPulse.figures.map((figure) => [figure.value, figure.text, figure.light])).toEqual(
      Array.from({ length: 4 }, () => [null, 'hidden: fewer than 3 people answered a pulse round', 'none']),
    );
    // In the workspace the five answers of that round count together.
    expect(prepareReview(input({ snapshot })).healthPulse).toMatchObject({ answers: 5, suppressed: false });
  });
});

describe('templates in a review', () => {
  it('shows the template titles and prompts, hides hidden topics, keeps the data', () => {
    const review = prepareReview(
      input({
        template: {
          name: 'Our weekly',
          cadence: 'weekly',
          topics: {
            'decision-patterns': { title: 'How we decided', prompts: ['What surprised you?'] },
            'quick-wins': { hidden: true },
          },
        },
      }),
    );
    expect(review.agenda.templateName).toBe('Our weekly');
    expect(review.agenda.hiddenTopicIds).toEqual(['quick-wins']);
    expect(review.topics.map((shown) => [shown.id, shown.title, shown.prompts.length])).toEqual([
      ['decision-patterns', 'How we decided', 1],
      ['value-creation', 'Value creation', 4],
      ['resource-usage', 'Resource usage', 4],
    ]);
    expect(topic(review, 'decision-patterns').figures).toEqual(topic(weekly, 'decision-patterns').figures);
    expect(topic(review, 'decision-patterns').lists).toEqual(topic(weekly, 'decision-patterns').lists);
  });

  it('refuses a template of another cadence', () => {
    expect(() => prepareReview(input({ template: { name: 'Monthly', cadence: 'monthly', topics: {} } }))).toThrow(
      new Error('template.cadence must be weekly, the agenda\'s cadence (got "monthly")'),
    );
  });
});

describe('determinism', () => {
  it('gives the same review whatever the order of the records', () => {
    const reversed = prepareReview(
      input({
        snapshot: {
          ...fixtureSnapshot,
          decisions: [...fixtureSnapshot.decisions].reverse(),
          valueEntries: [...fixtureSnapshot.valueEntries].reverse(),
          metricValues: [...fixtureSnapshot.metricValues].reverse(),
        },
        decisions: fixtureDecisions.map((decision) => decision.info).reverse(),
        domains: [...fixtureDomains].reverse(),
        previousActions: [...fixtureActions].reverse(),
      }),
    );
    expect(reversed).toEqual(weekly);
  });

  it('lists a decision without details under its id', () => {
    const review = prepareReview(input({ decisions: [] }));
    expect(list(review, 'decision-patterns', 'decisionsByTier').groups[0]?.decisions[0]).toMatchObject({
      decisionId: 'd1',
      title: 'd1',
    });
    expect(list(review, 'quick-wins', 'quickWins').items).toEqual([]);
    expect(review.reviewsDue).toEqual([]);
  });

  it('uses a custom period of the cadence and the 3 ranges of as many days before it for trends', () => {
    const custom = metricsPeriod({ kind: 'custom', start: '2026-11-23', end: '2026-11-29' }, berlin);
    const review = prepareReview(input({ period: custom }));
    expect(review.trendPeriods.map((period) => period.firstDay)).toEqual([
      '2026-11-02',
      '2026-11-09',
      '2026-11-16',
      '2026-11-23',
    ]);
    expect(review.topics).toEqual(weekly.topics);
  });
});

describe('input checks', () => {
  const info = (changes: Partial<ReviewDecisionInfo>): ReviewDecisionInfo =>
    fixtureDecision('x', 'X', {}, changes).info;
  const cases: [string, Partial<PrepareReviewInput>, string][] = [
    [
      'an unknown cadence',
      { cadence: 'daily' as 'weekly' },
      'input.cadence must be one of weekly, monthly, quarterly (got "daily")',
    ],
    [
      'a period of another cadence',
      { period: november },
      'input.period.kind must be week or custom for a weekly review (got "month")',
    ],
    [
      'another time zone',
      { timeZone: 'UTC' },
      'input.timeZone must be the period\'s time zone, "Europe/Berlin" (got "UTC")',
    ],
    ['no time', { now: Number.NaN }, 'input.now must be a time in milliseconds since 1970 (got NaN)'],
    ['a scope without its flag', { scope: { domainId: 'ops' } as never }, 'input.scope.includeSubdomains is required'],
    [
      'a bad review date',
      { decisions: [info({ reviewOn: 'soon' })] },
      'input.decisions[0].reviewOn must be a date written YYYY-MM-DD or null (got "soon")',
    ],
    [
      'a bad escalation',
      {
        decisions: [
          info({
            escalations: [
              { id: 'e', at: 0, fromTier: 'top' as 'autonomous', toTier: null, toDomainId: null, reason: '' },
            ],
          }),
        ],
      },
      'input.decisions[0].escalations[0].fromTier must be one of autonomous, consultative, collaborative (got "top")',
    ],
    ['a decision twice', { decisions: [info({}), info({})] }, 'input.decisions[1].id: "x" is listed twice'],
    [
      'an action without its flag',
      { previousActions: [{ id: 'a', title: 'A', ownerName: null, dueOn: null, reviewId: null } as never] },
      'input.previousActions[0].done is required',
    ],
    [
      'too many trend periods',
      { options: { trendPeriods: 600 } },
      'input.options.trendPeriods must be a whole number from 1 to 520 (got 600)',
    ],
    [
      'bad limits',
      {
        progression: [
          {
            domainId: 'ops',
            limits: { autonomousCostLimit: 9, consultativeCostLimit: 1 },
            limitsChangedAt: null,
            decisions: [],
          },
        ],
      },
      'input.progression[0].limits.autonomousCostLimit (9) must not be above input.progression[0].limits.consultativeCostLimit (1)',
    ],
    [
      'a bad snapshot',
      { snapshot: { ...fixtureSnapshot, decisions: [{ ...fixtureSnapshot.decisions[0], cost: -1 } as never] } },
      'snapshot.decisions[0].cost must be a finite number of 0 or more or null (got -1)',
    ],
  ];
  it.each(cases)('refuses %s, naming the field', (_case, changes, message) => {
    expect(() => prepareReview(input(changes))).toThrow(new Error(message));
  });

  it('names the track record of a quarterly review in its errors', () => {
    const progression = [
      {
        domainId: 'ops',
        limits: { autonomousCostLimit: 1, consultativeCostLimit: 2 },
        limitsChangedAt: null,
        decisions: [
          {
            id: 'r',
            tier: 'autonomous',
            cost: null,
            outcome: 'great',
            rolledBack: false,
            overridden: false,
            escalated: false,
            reviewedAt: 0,
          } as never,
        ],
      },
    ];
    expect(() => prepareReview(input({ cadence: 'quarterly', period: q4, now: q4.end + DAY, progression }))).toThrow(
      new Error('input.progression[0].decisions[0].outcome must be one of worked, partly, failed (got "great")'),
    );
    expect(() =>
      prepareReview(
        input({
          cadence: 'quarterly',
          period: q4,
          now: q4.end + DAY,
          progression: [{ ...progression[0], decisions: [] } as never],
          options: { progression: { step: 2 } },
        }),
      ),
    ).toThrow(new Error('input.options.progression.step must be a number from 0.05 to 0.9 (got 2)'));
  });
});
