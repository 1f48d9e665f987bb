/**
 * Test fixture of the review engine's tests (not used by the app): a small workspace in
 * Berlin with three domains (Platform, Apps below it, Operations) and the decisions, value
 * entries, pulse answers, success metrics and actions whose figures and lists the tests work
 * out by hand. Times are written with their offset (+01:00 from 25 October 2026).
 */
import type { MetricsDecision, MetricsSnapshot, MetricsValueEntry } from '../metrics/compute';
import { metricsPeriod, type MetricsPeriod } from '../metrics/period';
import type { ReviewActionInfo, ReviewDecisionInfo, ReviewDomainInfo, ReviewValueEntryInfo } from './input';

/** The fixture's time zone. */
export const berlin = 'Europe/Berlin';

/** Milliseconds since the epoch of an ISO time with its offset. */
export const at = (text: string): number => Date.parse(text);

/** The week of Monday 23 November 2026 to Sunday 29 November 2026. */
export const week: MetricsPeriod = metricsPeriod({ kind: 'week', at: at('2026-11-25T12:00:00+01:00') }, berlin);
/** November 2026. */
export const november: MetricsPeriod = metricsPeriod({ kind: 'month', at: at('2026-11-25T12:00:00+01:00') }, berlin);
/** October to December 2026. */
export const q4: MetricsPeriod = metricsPeriod({ kind: 'quarter', at: at('2026-11-25T12:00:00+01:00') }, berlin);

/** A decision as both the metrics (`metrics`) and the review lists (`info`) read it. */
export interface FixtureDecision {
  metrics: MetricsDecision;
  info: ReviewDecisionInfo;
}

/** A decision with defaults: an autonomous, reversible decision of Platform, decided, never reviewed. */
export function fixtureDecision(
  id: string,
  title: string,
  metrics: Partial<MetricsDecision>,
  info: Partial<ReviewDecisionInfo> = {},
): FixtureDecision {
  return {
    metrics: {
      id,
      domainId: 'platform',
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
      ...metrics,
    },
    info: {
      id,
      title,
      reviewOn: null,
      reviewOutcome: null,
      reversibility: 'reversible',
      implementedAt: null,
      rolledBackAt: null,
      overrideReason: '',
      hypothesis: '',
      adviceAsked: 0,
      adviceReceived: 0,
      escalations: [],
      ...info,
    },
  };
}

/** The fixture's decisions; the comments say where each one counts. */
export const fixtureDecisions: FixtureDecision[] = [
  // Decided in the week: d1–d5.
  fixtureDecision(
    'd1',
    'Adopt linting',
    {
      status: 'implemented',
      proposedAt: at('2026-11-23T09:00:00+01:00'),
      decidedAt: at('2026-11-24T09:00:00+01:00'),
      cost: 200,
    },
    { reviewOn: '2026-12-15', implementedAt: at('2026-11-25T10:00:00+01:00') },
  ),
  fixtureDecision(
    'd2',
    'Switch CI provider',
    {
      tier: 'consultative',
      proposedAt: at('2026-11-20T09:00:00+01:00'),
      decidedAt: at('2026-11-25T09:00:00+01:00'),
      cost: 500,
      escalationCount: 1,
      adviceFromOtherDomains: 2,
    },
    {
      reviewOn: '2026-11-29',
      adviceAsked: 2,
      adviceReceived: 2,
      escalations: [
        {
          id: 'e1',
          at: at('2026-11-24T10:00:00+01:00'),
          fromTier: 'autonomous',
          toTier: 'consultative',
          toDomainId: null,
          reason: 'Cost above the autonomous limit',
        },
      ],
    },
  ),
  fixtureDecision(
    'd3',
    'Hotfix login',
    {
      domainId: 'apps',
      override: true,
      status: 'reviewed',
      proposedAt: at('2026-11-25T09:00:00+01:00'),
      decidedAt: at('2026-11-25T21:00:00+01:00'),
      cost: 400,
      reviewedAt: at('2026-11-27T10:00:00+01:00'),
      lessons: 'Pair on risky fixes',
    },
    {
      reviewOn: '2026-11-27',
      reviewOutcome: 'worked',
      reversibility: 'partial',
      implementedAt: at('2026-11-26T10:00:00+01:00'),
      overrideReason: 'Users were locked out',
    },
  ),
  fixtureDecision(
    'd4',
    'Migrate database',
    {
      domainId: 'ops',
      tier: 'collaborative',
      status: 'rolled-back',
      proposedAt: at('2026-11-16T09:00:00+01:00'),
      decidedAt: at('2026-11-26T09:00:00+01:00'),
      cost: 1_000,
      escalationCount: 1,
      jointWithOtherDomains: 1,
      reviewedAt: at('2026-11-28T10:00:00+01:00'),
      lessons: 'Test the migration first',
    },
    {
      reviewOutcome: 'failed',
      reversibility: 'hard',
      rolledBackAt: at('2026-11-27T15:00:00+01:00'),
      escalations: [
        {
          id: 'e2',
          at: at('2026-11-20T12:00:00+01:00'),
          fromTier: 'consultative',
          toTier: 'collaborative',
          toDomainId: 'platform',
          reason: 'Affects the platform team',
        },
      ],
    },
  ),
  fixtureDecision(
    'd5',
    'Try dark mode',
    {
      kind: 'experiment',
      proposedAt: at('2026-11-26T09:00:00+01:00'),
      decidedAt: at('2026-11-26T09:00:00+01:00'),
      cost: 50,
      startOn: '2026-11-26',
      endOn: '2026-11-28',
      result: 'Users liked it',
    },
    { hypothesis: 'Dark mode reduces eye-strain complaints' },
  ),
  // Decided in November before the week.
  fixtureDecision(
    'd6',
    'Rename the repository',
    { proposedAt: at('2026-11-18T09:00:00+01:00'), decidedAt: at('2026-11-20T09:00:00+01:00'), cost: 100 },
    { reviewOn: '2026-11-27', reversibility: 'hard' },
  ),
  // Waiting for input.
  fixtureDecision(
    'd7',
    'Choose an on-call tool',
    { domainId: 'ops', tier: 'consultative', status: 'seeking-advice', proposedAt: at('2026-11-21T09:00:00+01:00') },
    { reversibility: 'partial', adviceAsked: 3, adviceReceived: 1 },
  ),
  fixtureDecision('d8', 'Draft idea', { status: 'draft', proposedAt: at('2026-11-24T09:00:00+01:00') }),
  // Decided in December.
  fixtureDecision('d9', 'Order stickers', {
    proposedAt: at('2026-11-30T09:00:00+01:00'),
    decidedAt: at('2026-12-01T08:00:00+01:00'),
    cost: 80,
  }),
  fixtureDecision(
    'd11',
    'Merge the support queues',
    {
      domainId: 'ops',
      tier: 'collaborative',
      status: 'deciding-together',
      proposedAt: at('2026-11-28T12:00:00+01:00'),
    },
    { reversibility: 'hard' },
  ),
  fixtureDecision(
    'd12',
    'Hire a contractor',
    { domainId: 'ops', tier: 'consultative', status: 'seeking-advice', proposedAt: at('2026-12-01T09:00:00+01:00') },
    { reversibility: 'hard' },
  ),
  // Decided in October, reviewed or rolled back in November.
  fixtureDecision(
    'd13',
    'Outsource design',
    {
      tier: 'consultative',
      status: 'reviewed',
      proposedAt: at('2026-10-15T10:00:00+02:00'),
      decidedAt: at('2026-10-20T10:00:00+02:00'),
      cost: 600,
      reviewedAt: at('2026-11-10T10:00:00+01:00'),
    },
    { reviewOutcome: 'partly', reversibility: 'partial' },
  ),
  fixtureDecision(
    'd14',
    'Change the font',
    {
      domainId: 'apps',
      status: 'rolled-back',
      proposedAt: at('2026-10-27T10:00:00+01:00'),
      decidedAt: at('2026-10-28T10:00:00+01:00'),
      cost: 20,
    },
    { rolledBackAt: at('2026-11-12T10:00:00+01:00') },
  ),
  // An experiment of December, reviewed: it worked.
  fixtureDecision(
    'd15',
    'Shorter sign-up form',
    {
      kind: 'experiment',
      status: 'reviewed',
      proposedAt: at('2026-12-01T10:00:00+01:00'),
      decidedAt: at('2026-12-02T10:00:00+01:00'),
      cost: 0,
      startOn: '2026-12-03',
      endOn: '2026-12-10',
      reviewedAt: at('2026-12-15T10:00:00+01:00'),
      result: 'Sign-ups rose 5%',
    },
    {
      reviewOutcome: 'worked',
      hypothesis: 'A shorter form converts better',
      implementedAt: at('2026-12-03T10:00:00+01:00'),
    },
  ),
];

function valueEntry(id: string, changes: Partial<MetricsValueEntry>): MetricsValueEntry {
  return { id, domainId: 'platform', startedOn: null, deliveredOn: null, satisfaction: null, defects: 0, ...changes };
}

/** The fixture's workspace as the metrics engine reads it. */
export const fixtureSnapshot: MetricsSnapshot = {
  decisions: fixtureDecisions.map((decision) => decision.metrics),
  valueEntries: [
    valueEntry('v1', { startedOn: '2026-11-16', deliveredOn: '2026-11-24', satisfaction: 4, defects: 1 }),
    valueEntry('v2', { domainId: 'apps', startedOn: '2026-11-20', deliveredOn: '2026-11-27', satisfaction: 5 }),
    valueEntry('v3', { domainId: 'ops', deliveredOn: '2026-11-28' }),
    valueEntry('v4', { startedOn: '2026-11-20', deliveredOn: '2026-11-30', satisfaction: 3, defects: 2 }),
  ],
  pulses: [
    { periodStart: '2026-11-23', domainId: 'platform', satisfaction: 4, stress: 2, collaboration: 4, trust: 4 },
    { periodStart: '2026-11-23', domainId: 'platform', satisfaction: 4, stress: 3, collaboration: 4, trust: 3 },
    { periodStart: '2026-11-23', domainId: 'platform', satisfaction: 5, stress: 2, collaboration: 3, trust: 4 },
  ],
  reviewLearnings: [],
  budgets: [
    { domainId: 'platform', amount: 1_000, period: 'week' },
    { domainId: 'apps', amount: 300, period: 'week' },
    { domainId: 'ops', amount: null, period: 'month' },
  ],
  successMetrics: [
    { id: 'm1', domainId: 'platform', name: 'Page load', unit: 'ms', target: 500, direction: 'lower' },
    { id: 'm2', domainId: 'apps', name: 'NPS', unit: '', target: 40, direction: 'higher' },
  ],
  metricValues: [
    { id: 'mv1', metricId: 'm1', value: 600, recordedOn: '2026-11-24' },
    { id: 'mv2', metricId: 'm1', value: 450, recordedOn: '2026-11-27' },
    { id: 'mv3', metricId: 'm2', value: 30, recordedOn: '2026-11-25' },
  ],
  domains: [
    { id: 'platform', parentId: null },
    { id: 'apps', parentId: 'platform' },
    { id: 'ops', parentId: null },
  ],
};

/** Names, objectives and budget units of the fixture's domains. */
export const fixtureDomains: ReviewDomainInfo[] = [
  { id: 'platform', name: 'Platform', objectives: 'Ship fast', budgetUnit: 'EUR' },
  { id: 'apps', name: 'Apps', objectives: '', budgetUnit: 'EUR' },
  { id: 'ops', name: 'Operations', objectives: 'Keep the lights on', budgetUnit: 'hours' },
];

/** Titles of the fixture's value entries. */
export const fixtureValueEntries: ReviewValueEntryInfo[] = [
  { id: 'v1', title: 'Faster search' },
  { id: 'v2', title: 'Offline mode' },
  { id: 'v3', title: 'Status page' },
  { id: 'v4', title: 'Export to CSV' },
];

/** Actions of the previous review r0, and one of this review r1. */
export const fixtureActions: ReviewActionInfo[] = [
  { id: 'a1', title: 'Write the on-call guide', ownerName: 'Ana', dueOn: '2026-11-27', done: false, reviewId: 'r0' },
  { id: 'a2', title: 'Book a workshop', ownerName: null, dueOn: '2026-12-03', done: false, reviewId: 'r0' },
  { id: 'a3', title: 'Clean the backlog', ownerName: 'Ben', dueOn: '2026-11-20', done: true, reviewId: 'r0' },
  { id: 'a4', title: 'Agreed today', ownerName: 'Ana', dueOn: '2026-12-01', done: false, reviewId: 'r1' },
  { id: 'a5', title: 'Ask finance', ownerName: 'Cleo', dueOn: null, done: false, reviewId: null },
];
