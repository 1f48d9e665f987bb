/**
 * The decision engines at scale (issue "Decisions"): classifying 100,000 decisions, and the
 * decision log's search over 100,000 decisions typed keystroke by keystroke with filters on.
 * The decisions are random but realistic (titles, contexts, tags, domains, statuses, dates,
 * costs, a few accented words) and seeded, so every run measures the same workspace.
 */
import {
  buildSearchIndex,
  classifyDecision,
  crossDomainEffects,
  filterDecisions,
  horizons,
  reversibilities,
  tiers,
  updateSearchIndex,
  type DecisionQuery,
  type DecisionSummary,
  type ImpactAssessment,
  type ThresholdPolicy,
} from '../../../shared/decisions';
import { seeded } from '../../support/realistic-workspace';
import { median, percentile, round, type Suite } from '../bench';

const DECISIONS = 100_000;
const DOMAINS = 20;
const CLASSIFY_RUNS = 9;
const EDITS = 200;
const statuses = [
  'draft',
  'seeking-advice',
  'deciding-together',
  'decided',
  'implemented',
  'reviewed',
  'withdrawn',
  'rolled-back',
  'superseded',
] as const;
const words = (
  'team budget hiring vendor roadmap pricing onboarding support release process tooling security review ' +
  'customer contract migration database pipeline training workshop mentoring licence laptop cloud costs ' +
  'quarterly planning hypothesis rollout pilot metrics dashboard feedback interview design research ' +
  'accessibility translation café équipe naïve Zürich façade rôle coöperation résumé'
).split(' ');
const tagPool = (
  'hiring tooling budget security process customer experiment infra design research ops legal ' +
  'finance onboarding quality release data privacy training vendor'
).split(' ');

function pick<T>(random: () => number, values: readonly T[]): T {
  const value = values[Math.floor(random() * values.length)];
  if (value === undefined) throw new Error('pick from an empty list');
  return value;
}

function sentence(random: () => number, length: number): string {
  return Array.from({ length }, () => pick(random, words)).join(' ');
}

/** Costs spread over orders of magnitude, as real ones are: most small, a few large. */
function cost(random: () => number): number {
  return Math.round(10 ** (1 + random() * 4.5));
}

function generate(): { summaries: DecisionSummary[]; impacts: ImpactAssessment[]; policies: ThresholdPolicy[] } {
  const random = seeded(7);
  const start = Date.UTC(2024, 0, 1);
  const span = 3 * 365 * 86_400_000;
  const policies = Array.from({ length: DOMAINS }, (_, domain) => ({
    autonomousCostLimit: 500 * (1 + (domain % 4)),
    consultativeCostLimit: 5_000 * (1 + (domain % 5)),
  }));
  const summaries: DecisionSummary[] = [];
  const impacts: ImpactAssessment[] = [];
  for (let index = 0; index < DECISIONS; index += 1) {
    const proposedAt = start + Math.floor(random() * span);
    const status = pick(random, statuses);
    const costed = random() < 0.8;
    const amount = cost(random);
    impacts.push({
      cost: costed ? amount : 0,
      crossDomain: pick(random, crossDomainEffects),
      horizon: pick(random, horizons),
      reversibility: pick(random, reversibilities),
      followsGuidelines: random() < 0.85,
    });
    summaries.push({
      id: `d${index.toString(36).padStart(4, '0')}`,
      title: `${sentence(random, 3 + Math.floor(random() * 5))} ${index}`,
      context: sentence(random, 20 + Math.floor(random() * 40)),
      tags: Array.from({ length: Math.floor(random() * 4) }, () => pick(random, tagPool)),
      domainId: random() < 0.05 ? null : `domain-${Math.floor(random() * DOMAINS)}`,
      tier: random() < 0.1 ? null : pick(random, tiers),
      status,
      kind: random() < 0.15 ? 'experiment' : 'decision',
      proposedAt,
      decidedAt: status === 'draft' || status === 'seeking-advice' ? null : proposedAt + random() * 20 * 86_400_000,
      cost: costed ? amount : null,
      details: sentence(random, 10 + Math.floor(random() * 20)),
    });
  }
  return { summaries, impacts, policies };
}

/** Queries typed one character at a time, each with its filters and sort. */
const typedQueries: Omit<DecisionQuery, 'text'>[] = [
  { sort: 'newest' },
  { sort: 'title', domainIds: ['domain-3', 'domain-7', 'domain-11'] },
  { sort: 'cost', statuses: ['decided', 'implemented', 'reviewed'], tiers: ['consultative', 'collaborative'] },
  { sort: 'oldest', kinds: ['experiment'], tags: ['experiment', 'pilot', 'research'] },
  {
    sort: 'newest',
    from: Date.UTC(2025, 0, 1),
    to: Date.UTC(2025, 11, 31),
    domainIds: ['domain-1', null],
  },
];
const typedTexts = ['vendor contract', 'equipe budget', 'security review migration', 'zurich', 'no such word here'];

export const decisionsSuite: Suite = {
  name: 'decisions',
  async run() {
    const { summaries, impacts, policies } = generate();

    const classifyTimes: number[] = [];
    let collaborative = 0;
    for (let run = 0; run < CLASSIFY_RUNS; run += 1) {
      collaborative = 0;
      const started = performance.now();
      for (let index = 0; index < DECISIONS; index += 1) {
        const impact = impacts[index] as ImpactAssessment;
        const policy = policies[index % DOMAINS] as ThresholdPolicy;
        if (classifyDecision(impact, policy).tier === 'collaborative') collaborative += 1;
      }
      classifyTimes.push(performance.now() - started);
    }
    if (collaborative === 0) throw new Error('The classification found no collaborative decision.');

    global.gc?.();
    const buildStarted = performance.now();
    const index = buildSearchIndex(summaries);
    const buildTime = performance.now() - buildStarted;

    // Every sort's order is computed once, the first time the log is shown in it.
    const sortStarted = performance.now();
    for (const sort of ['newest', 'oldest', 'title', 'cost'] as const) filterDecisions(index, { text: '', sort });
    const sortTime = performance.now() - sortStarted;

    const keystrokeTimes: number[] = [];
    let found = 0;
    for (const filters of typedQueries) {
      for (const typed of typedTexts) {
        for (let length = 1; length <= typed.length; length += 1) {
          const started = performance.now();
          found += filterDecisions(index, { ...filters, text: typed.slice(0, length) }).length;
          keystrokeTimes.push(performance.now() - started);
        }
      }
    }
    if (found === 0) throw new Error('The search found nothing.');

    const editTimes: number[] = [];
    for (let edit = 0; edit < EDITS; edit += 1) {
      const original = summaries[(edit * 7_919) % DECISIONS] as DecisionSummary;
      const edited = { ...original, title: `Edited title ${edit}`, cost: (original.cost ?? 0) + 100 };
      const started = performance.now();
      updateSearchIndex(index, { upsert: [edited] });
      editTimes.push(performance.now() - started);
    }

    return {
      suite: 'decisions',
      figures: [
        {
          name: `classify ${DECISIONS.toLocaleString('en')} decisions, median of ${CLASSIFY_RUNS}`,
          value: round(median(classifyTimes), 1),
          unit: 'ms',
          target: { max: 50, source: 'issue: Decisions' },
        },
        {
          name: `filter/search ${DECISIONS.toLocaleString('en')} decisions, per keystroke, p95 of ${keystrokeTimes.length}`,
          value: round(percentile(keystrokeTimes, 95), 2),
          unit: 'ms',
          target: { max: 30, source: 'issue: Decisions' },
        },
        {
          name: `filter/search ${DECISIONS.toLocaleString('en')} decisions, per keystroke, median`,
          value: round(median(keystrokeTimes), 2),
          unit: 'ms',
          target: null,
        },
        {
          name: `build the search index of ${DECISIONS.toLocaleString('en')} decisions`,
          value: round(buildTime, 0),
          unit: 'ms',
          target: null,
        },
        {
          name: `first sort of ${DECISIONS.toLocaleString('en')} decisions in each of the 4 orders, together`,
          value: round(sortTime, 0),
          unit: 'ms',
          target: null,
        },
        {
          name: `one edited decision into the search index (4 orders kept), p95 of ${EDITS}`,
          value: round(percentile(editTimes, 95), 3),
          unit: 'ms',
          target: null,
        },
      ],
    };
  },
};
