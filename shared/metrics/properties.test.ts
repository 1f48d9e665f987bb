/**
 * Properties of the metrics on random workspaces: figures stay within their bounds, counts
 * never exceed what went in, the anonymity threshold always holds, records outside the period
 * change nothing, the order of records does not matter, and a trend's periods are exactly the
 * periods computed one by one.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  computeMetrics,
  everDecidedStatuses,
  figureOf,
  metricsDecisionStatuses,
  metricsTrend,
  type MetricFigure,
  type MetricsDecision,
  type MetricsResult,
  type MetricsSnapshot,
} from './compute';
import { dateOfDayNumber, dayNumber } from './calendar';
import { metricKeys } from './definitions';
import { metricsPeriod, recentPeriods, type MetricsPeriod } from './period';

const DAY = 86_400_000;
const berlin = 'Europe/Berlin';
/** March 2026 in Berlin, with the clock change. */
const march = metricsPeriod({ kind: 'month', at: Date.parse('2026-03-15T12:00:00Z') }, berlin);
const domainIds = ['a', 'b', 'c', null] as const;
const domainId = fc.constantFrom(...domainIds);

/** Instants from two months before March to two months after. */
const instant = fc.integer({ min: march.start - 60 * DAY, max: march.end + 60 * DAY });
const date = fc
  .integer({ min: dayNumber('2026-01-01'), max: dayNumber('2026-05-31') })
  .map((days) => dateOfDayNumber(days));
const score = fc.integer({ min: 1, max: 5 });

const decisionArbitrary = fc.record<MetricsDecision>({
  id: fc.uuid(),
  domainId,
  kind: fc.constantFrom('decision', 'experiment'),
  tier: fc.constantFrom('autonomous', 'consultative', 'collaborative'),
  override: fc.boolean(),
  status: fc.constantFrom(...metricsDecisionStatuses),
  proposedAt: fc.option(instant, { nil: null }),
  decidedAt: fc.option(instant, { nil: null }),
  cost: fc.option(fc.oneof(fc.integer({ min: 0, max: 5_000 }), fc.double({ min: 0, max: 5_000, noNaN: true })), {
    nil: null,
  }),
  escalationCount: fc.nat(3),
  adviceFromOtherDomains: fc.nat(4),
  jointWithOtherDomains: fc.nat(3),
  reviewedAt: fc.option(instant, { nil: null }),
  lessons: fc.constantFrom('', '  ', 'Ask earlier'),
  startOn: fc.option(date, { nil: null }),
  endOn: fc.option(date, { nil: null }),
  result: fc.constantFrom('', 'It worked'),
});

const snapshotArbitrary: fc.Arbitrary<MetricsSnapshot> = fc.record({
  decisions: fc.array(decisionArbitrary, { maxLength: 60 }),
  valueEntries: fc.array(
    fc.record({
      id: fc.uuid(),
      domainId,
      startedOn: fc.option(date, { nil: null }),
      deliveredOn: fc.option(date, { nil: null }),
      satisfaction: fc.option(score, { nil: null }),
      defects: fc.nat(4),
    }),
    { maxLength: 30 },
  ),
  pulses: fc.array(
    fc.record({
      periodStart: fc.constantFrom('2026-02-23', '2026-03-02', '2026-03-09', '2026-03-30', '2026-04-06'),
      domainId,
      satisfaction: score,
      stress: score,
      collaboration: score,
      trust: score,
    }),
    { maxLength: 30 },
  ),
  reviewLearnings: fc.array(fc.record({ recordedAt: instant, domainId }), { maxLength: 10 }),
  budgets: fc
    .tuple(
      ...domainIds.map((id) =>
        fc.record({
          domainId: fc.constant(id),
          amount: fc.option(fc.integer({ min: 0, max: 20_000 }), { nil: null }),
          period: fc.constantFrom('week', 'month', 'quarter', 'year'),
        }),
      ),
    )
    .map((budgets) => [...budgets]),
  successMetrics: fc.constant([
    { id: 'm1', domainId: 'a', name: 'Uptime', unit: '%', target: 99, direction: 'higher' as const },
    { id: 'm2', domainId: 'b', name: 'Cycle time', unit: 'days', target: null, direction: 'lower' as const },
  ]),
  metricValues: fc.array(
    fc.record({
      id: fc.uuid(),
      metricId: fc.constantFrom('m1', 'm2', 'm3'),
      value: fc.double({ min: -1e6, max: 1e6, noNaN: true }),
      recordedOn: date,
    }),
    { maxLength: 20 },
  ),
  domains: fc.constant([
    { id: 'a', parentId: null },
    { id: 'b', parentId: 'a' },
    { id: 'c', parentId: null },
  ]),
});

const scopeArbitrary = fc.constantFrom(
  undefined,
  { domainId: 'a' },
  { domainId: 'a', includeSubdomains: true },
  { domainId: 'c' },
);

function allFigures(result: MetricsResult): MetricFigure[] {
  return [
    ...metricKeys.map((key) => figureOf(result, key)),
    ...Object.values(result.autonomy.decisionVelocityByTier),
    ...result.autonomy.utilisationByDomain,
    ...result.value.successMetrics,
  ];
}

describe('metrics properties', () => {
  it('keeps every figure within its bounds: shares 0–1, scores 1–5, nothing negative', () => {
    fc.assert(
      fc.property(snapshotArbitrary, scopeArbitrary, (snapshot, scope) => {
        const result = computeMetrics(snapshot, march, scope === undefined ? {} : { scope });
        const { autonomy, value, health } = result;
        for (const share of [
          autonomy.escalationRate,
          autonomy.experimentShare,
          autonomy.autonomyShare,
          autonomy.overrideRate,
          value.lessonShare,
        ]) {
          if (share.value !== null) {
            expect(share.value).toBeGreaterThanOrEqual(0);
            expect(share.value).toBeLessThanOrEqual(1);
          }
          expect(share.matching).toBeLessThanOrEqual(share.count);
        }
        for (const figure of Object.values(health)) {
          if (figure.value !== null) {
            expect(figure.value).toBeGreaterThanOrEqual(1);
            expect(figure.value).toBeLessThanOrEqual(5);
            expect(figure.spread).toBeGreaterThanOrEqual(0);
            expect(figure.spread).toBeLessThanOrEqual(2);
          }
        }
        if (value.userSatisfaction.value !== null) {
          expect(value.userSatisfaction.value).toBeGreaterThanOrEqual(1);
          expect(value.userSatisfaction.value).toBeLessThanOrEqual(5);
        }
        for (const figure of allFigures(result)) {
          expect(figure.enough).toBe(figure.value !== null);
          expect(figure.count).toBeGreaterThanOrEqual(0);
          if (figure.enough) expect(figure.count).toBeGreaterThanOrEqual(figure.minimum);
          if (figure.value !== null) {
            expect(Number.isFinite(figure.value)).toBe(true);
            if (!('metricId' in figure)) expect(figure.value).toBeGreaterThanOrEqual(0);
          }
        }
      }),
      { numRuns: 150 },
    );
  });

  it('never counts more than went in, and never shows a round with fewer than the minimum of people', () => {
    fc.assert(
      fc.property(snapshotArbitrary, scopeArbitrary, fc.integer({ min: 2, max: 6 }), (snapshot, scope, minimum) => {
        const result = computeMetrics(snapshot, march, {
          minRespondents: minimum,
          ...(scope === undefined ? {} : { scope }),
        });
        const { autonomy, value, health } = result;
        const decided = snapshot.decisions.filter(
          (decision) =>
            decision.decidedAt !== null && (everDecidedStatuses as readonly string[]).includes(decision.status),
        ).length;
        expect(autonomy.escalationRate.count).toBeLessThanOrEqual(decided);
        expect(autonomy.decisionVelocity.count).toBeLessThanOrEqual(autonomy.escalationRate.count);
        const byTier = Object.values(autonomy.decisionVelocityByTier).reduce((sum, figure) => sum + figure.count, 0);
        expect(byTier).toBe(autonomy.decisionVelocity.count);
        expect(autonomy.handoffsPerDecision.count).toBe(autonomy.escalationRate.count);
        const experiments = snapshot.decisions.filter((decision) => decision.kind === 'experiment').length;
        expect(autonomy.innovationRate.count).toBeLessThanOrEqual(experiments);
        expect(autonomy.resourceUtilisation.count).toBeLessThanOrEqual(autonomy.escalationRate.count);
        expect(value.throughput.count).toBeLessThanOrEqual(snapshot.valueEntries.length);
        expect(value.deliverySpeed.count).toBeLessThanOrEqual(value.throughput.count);
        expect(value.userSatisfaction.count).toBeLessThanOrEqual(value.throughput.count);
        expect(value.learningRate.count).toBeLessThanOrEqual(
          2 * snapshot.decisions.length + snapshot.reviewLearnings.length,
        );
        expect(value.lessonShare.count).toBeLessThanOrEqual(snapshot.decisions.length);
        const metricValues = value.successMetrics.reduce((sum, metric) => sum + metric.count, 0);
        expect(metricValues).toBeLessThanOrEqual(snapshot.metricValues.length);
        for (const figure of Object.values(health)) {
          expect(figure.count + figure.leftOut).toBeLessThanOrEqual(snapshot.pulses.length);
          expect(figure.count).toBeGreaterThanOrEqual(figure.rounds * minimum);
          if (figure.value !== null) expect(figure.count).toBeGreaterThanOrEqual(minimum);
          expect(figure.suppressed).toBe(figure.count === 0 && figure.leftOut > 0);
        }
      }),
      { numRuns: 150 },
    );
  });

  it('is not changed by records outside the period', () => {
    const before = fc.integer({ min: march.start - 90 * DAY, max: march.start - 1 });
    const after = fc.integer({ min: march.end, max: march.end + 90 * DAY });
    const outside = fc.oneof(before, after);
    const outsideDate = fc
      .oneof(
        fc.integer({ min: dayNumber('2025-12-01'), max: dayNumber('2026-02-28') }),
        fc.integer({ min: dayNumber('2026-04-01'), max: dayNumber('2026-06-30') }),
      )
      .map((days) => dateOfDayNumber(days));
    const outsideDecision = decisionArbitrary.chain((decision) =>
      fc
        .record({
          decidedAt: fc.option(outside, { nil: null }),
          reviewedAt: fc.option(outside, { nil: null }),
          startOn: fc.option(outsideDate, { nil: null }),
          endOn: fc.option(outsideDate, { nil: null }),
        })
        .map((times): MetricsDecision => ({ ...decision, ...times })),
    );
    fc.assert(
      fc.property(
        snapshotArbitrary,
        outsideDecision,
        outsideDate,
        outside,
        scopeArbitrary,
        (snapshot, extra, day, moment, scope) => {
          const options = scope === undefined ? {} : { scope };
          const base = computeMetrics(snapshot, march, options);
          const more: MetricsSnapshot = {
            ...snapshot,
            decisions: [...snapshot.decisions, extra],
            valueEntries: [
              ...snapshot.valueEntries,
              { id: 'late', domainId: 'a', startedOn: '2026-03-10', deliveredOn: day, satisfaction: 1, defects: 3 },
            ],
            pulses: [
              ...snapshot.pulses,
              ...Array.from({ length: 3 }, () => ({
                periodStart: day,
                domainId: 'a',
                satisfaction: 1,
                stress: 5,
                collaboration: 1,
                trust: 1,
              })),
            ],
            reviewLearnings: [...snapshot.reviewLearnings, { recordedAt: moment, domainId: 'a' }],
            metricValues: [...snapshot.metricValues, { id: 'late', metricId: 'm1', value: -1, recordedOn: day }],
          };
          expect(computeMetrics(more, march, options)).toEqual(base);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('does not depend on the order of the records', () => {
    fc.assert(
      fc.property(snapshotArbitrary, fc.integer(), (snapshot, seed) => {
        const shuffle = <T>(list: readonly T[]): T[] => {
          const copy = [...list];
          let state = seed;
          for (let index = copy.length - 1; index > 0; index -= 1) {
            state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
            const other = Math.abs(state) % (index + 1);
            [copy[index], copy[other]] = [copy[other] as T, copy[index] as T];
          }
          return copy;
        };
        const shuffled: MetricsSnapshot = {
          ...snapshot,
          decisions: shuffle(snapshot.decisions),
          valueEntries: shuffle(snapshot.valueEntries),
          pulses: shuffle(snapshot.pulses),
          reviewLearnings: shuffle(snapshot.reviewLearnings),
          budgets: shuffle(snapshot.budgets),
          metricValues: shuffle(snapshot.metricValues),
        };
        expect(computeMetrics(shuffled, march)).toEqual(computeMetrics(snapshot, march));
      }),
      { numRuns: 100 },
    );
  });

  it('splits the workspace into its domains and the workspace level', () => {
    fc.assert(
      fc.property(snapshotArbitrary, (snapshot) => {
        const count = (scope?: { domainId: string }): number =>
          computeMetrics(snapshot, march, scope === undefined ? {} : { scope }).autonomy.escalationRate.count;
        const withoutDomain = computeMetrics(
          { ...snapshot, decisions: snapshot.decisions.filter((decision) => decision.domainId === null) },
          march,
        ).autonomy.escalationRate.count;
        expect(count({ domainId: 'a' }) + count({ domainId: 'b' }) + count({ domainId: 'c' }) + withoutDomain).toBe(
          count(),
        );
      }),
      { numRuns: 100 },
    );
  });

  it("gives in a trend exactly each period's own figures", () => {
    fc.assert(
      fc.property(
        snapshotArbitrary,
        fc.constantFrom<MetricsPeriod>(
          metricsPeriod({ kind: 'week', at: Date.parse('2026-04-01T12:00:00Z') }, berlin),
          metricsPeriod({ kind: 'month', at: Date.parse('2026-04-15T12:00:00Z') }, berlin),
          metricsPeriod({ kind: 'custom', start: '2026-03-20', end: '2026-04-02' }, berlin),
        ),
        fc.integer({ min: 1, max: 6 }),
        (snapshot, period, count) => {
          const { periods, trends } = metricsTrend(snapshot, period, count, {
            now: Date.parse('2026-04-02T12:00:00Z'),
          });
          const own = recentPeriods(period, count).map((each) =>
            computeMetrics(snapshot, each, { now: Date.parse('2026-04-02T12:00:00Z') }),
          );
          expect(periods).toEqual(own);
          for (const key of metricKeys) {
            expect(trends[key].series).toEqual(own.map((result) => figureOf(result, key).value));
          }
        },
      ),
      { numRuns: 60 },
    );
  });
});
