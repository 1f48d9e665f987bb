import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareIds } from '../domains/order';
import { tiers } from './classify';
import {
  buildSearchIndex,
  decisionSorts,
  filterDecisions,
  foldSearchText,
  searchWords,
  updateSearchIndex,
  type DecisionQuery,
  type DecisionSummary,
} from './decision-log';

const day = (date: string): number => Date.parse(`${date}T12:00:00Z`);

function decision(id: string, changes: Partial<DecisionSummary> = {}): DecisionSummary {
  return {
    id,
    title: `Decision ${id}`,
    context: '',
    tags: [],
    domainId: 'ops',
    tier: 'autonomous',
    status: 'decided',
    kind: 'decision',
    proposedAt: day('2026-01-01'),
    decidedAt: null,
    cost: null,
    ...changes,
  };
}

const log: DecisionSummary[] = [
  decision('a', {
    title: 'Move the Café budget to the new vendor',
    context: 'The old vendor raised prices, so the team compared three offers.',
    tags: ['Budget', 'Vendors'],
    domainId: 'finance',
    tier: 'consultative',
    status: 'decided',
    proposedAt: day('2026-03-01'),
    decidedAt: day('2026-03-10'),
    cost: 4_000,
  }),
  decision('b', {
    title: 'Pilot pair programming',
    context: 'Two weeks of pairing on the Zürich équipe.',
    tags: ['Process', 'Expérience'],
    domainId: 'engineering',
    tier: 'autonomous',
    status: 'implemented',
    kind: 'experiment',
    proposedAt: day('2026-02-01'),
    decidedAt: day('2026-02-03'),
    cost: 0,
    details: 'Hypothesis: fewer review rounds. Owner: Jürgen Weiß.',
  }),
  decision('c', {
    title: 'Adopt a new deployment pipeline',
    context: 'Affects every team that releases; hard to undo.',
    tags: ['infrastructure'],
    domainId: 'engineering',
    tier: 'collaborative',
    status: 'seeking-advice',
    proposedAt: day('2026-04-01'),
    cost: 25_000,
  }),
  decision('d', {
    title: 'team offsite budget',
    context: 'Book a venue for the quarterly planning.',
    tags: ['budget'],
    domainId: null,
    tier: null,
    status: 'draft',
    proposedAt: day('2026-01-15'),
    cost: null,
  }),
  decision('e', {
    title: 'Team 10 onboarding checklist',
    context: 'Budgeting for laptops, accounts and a mentor.',
    tags: [],
    domainId: 'people',
    tier: 'autonomous',
    status: 'reviewed',
    proposedAt: day('2026-03-05'),
    decidedAt: day('2026-03-10'),
    cost: 4_000,
  }),
  decision('f', {
    title: 'Team 2 onboarding checklist',
    context: 'Same as team 10, smaller.',
    domainId: 'people',
    status: 'withdrawn',
    proposedAt: day('2026-03-10'),
    cost: 1_200.5,
  }),
];

const index = buildSearchIndex(log);
const search = (query: Partial<DecisionQuery>): string[] =>
  filterDecisions(index, { text: '', sort: 'oldest', ...query });

describe('foldSearchText and searchWords', () => {
  it('ignores case and accents, and spells out letters without a separate accent', () => {
    expect(foldSearchText('Café Ærø')).toBe('cafe aero');
    expect(foldSearchText('Jürgen WEIß, İstanbul, Łódź, ﬁnal')).toBe('jurgen weiss, istanbul, lodz, final');
    expect(foldSearchText('plain ascii 123')).toBe('plain ascii 123');
  });

  it('splits a search into distinct words, dropping words inside longer ones', () => {
    expect(searchWords('  Budget   budg VENDOR bud\tvendors ')).toEqual(['vendors', 'budget']);
    expect(searchWords('')).toEqual([]);
    expect(searchWords(' \n ')).toEqual([]);
    expect(searchWords('b a')).toEqual(['a', 'b']);
  });
});

describe('filterDecisions: text', () => {
  it('keeps every decision for an empty search', () => {
    expect(search({ text: '' })).toEqual(['d', 'b', 'a', 'e', 'f', 'c']);
    expect(search({ text: '   ' })).toHaveLength(6);
  });

  it('finds a word anywhere in the title, context, tags or further text, as a substring', () => {
    expect(search({ text: 'budget' })).toEqual(['d', 'a', 'e']);
    expect(search({ text: 'budgeting' })).toEqual(['e']);
    expect(search({ text: 'offers' })).toEqual(['a']);
    expect(search({ text: 'vendors' })).toEqual(['a']);
    expect(search({ text: 'hypothesis' })).toEqual(['b']);
    expect(search({ text: 'releases;' })).toEqual(['c']);
    expect(search({ text: 'nothing-like-this' })).toEqual([]);
  });

  it('ignores case and accents on both sides', () => {
    expect(search({ text: 'CAFE' })).toEqual(['a']);
    expect(search({ text: 'café' })).toEqual(['a']);
    expect(search({ text: 'zurich equipe' })).toEqual(['b']);
    expect(search({ text: 'ZÜRICH ÉQUIPE' })).toEqual(['b']);
    expect(search({ text: 'weiss jurgen' })).toEqual(['b']);
    expect(search({ text: 'experience' })).toEqual(['b']);
  });

  it('needs every word, in any order and any field', () => {
    expect(search({ text: 'vendor budget' })).toEqual(['a']);
    expect(search({ text: 'budget vendor' })).toEqual(['a']);
    expect(search({ text: 'team budget' })).toEqual(['d', 'a', 'e']);
    expect(search({ text: 'team budget venue' })).toEqual(['d']);
    expect(search({ text: 'budget zurich' })).toEqual([]);
  });
});

describe('filterDecisions: filters', () => {
  it('filters by domain, with null for decisions without one', () => {
    expect(search({ domainIds: ['engineering'] })).toEqual(['b', 'c']);
    expect(search({ domainIds: ['people', null] })).toEqual(['d', 'e', 'f']);
    expect(search({ domainIds: ['nowhere'] })).toEqual([]);
  });

  it('filters by tier; unclassified decisions match no tier', () => {
    expect(search({ tiers: ['autonomous'] })).toEqual(['b', 'e', 'f']);
    expect(search({ tiers: ['consultative', 'collaborative'] })).toEqual(['a', 'c']);
    expect(search({ tiers: [...tiers] })).not.toContain('d');
  });

  it('filters by status and by kind', () => {
    expect(search({ statuses: ['decided', 'reviewed'] })).toEqual(['a', 'e']);
    expect(search({ statuses: ['superseded'] })).toEqual([]);
    expect(search({ kinds: ['experiment'] })).toEqual(['b']);
    expect(search({ kinds: ['decision'] })).toEqual(['d', 'a', 'e', 'f', 'c']);
  });

  it('filters by any of the tags, ignoring case, accents and surrounding spaces', () => {
    expect(search({ tags: ['budget'] })).toEqual(['d', 'a']);
    expect(search({ tags: [' BUDGET ', 'experience'] })).toEqual(['d', 'b', 'a']);
    expect(search({ tags: ['budg'] })).toEqual([]);
  });

  it('filters by date, both ends included, by the decided date or else the proposed one', () => {
    expect(search({ from: day('2026-03-10'), to: day('2026-03-10') })).toEqual(['a', 'e', 'f']);
    expect(search({ from: day('2026-03-10') + 1 })).toEqual(['c']);
    expect(search({ to: day('2026-02-03') })).toEqual(['d', 'b']);
    expect(search({ from: null, to: null })).toHaveLength(6);
    // Proposed on 1 March but decided on 10 March: it belongs to 10 March.
    expect(search({ to: day('2026-03-09') })).not.toContain('a');
  });

  it('does not filter on an empty list', () => {
    expect(search({ domainIds: [], tiers: [], statuses: [], kinds: [], tags: [] })).toHaveLength(6);
  });

  it('combines filters and text: every one must hold', () => {
    expect(search({ text: 'onboarding', domainIds: ['people'], statuses: ['reviewed', 'withdrawn'] })).toEqual([
      'e',
      'f',
    ]);
    expect(
      search({ text: 'onboarding', tiers: ['autonomous'], from: day('2026-03-10'), to: day('2026-03-10') }),
    ).toEqual(['e', 'f']);
    expect(search({ text: 'budget', tags: ['budget'], domainIds: ['finance'], kinds: ['decision'] })).toEqual(['a']);
    expect(search({ text: 'team', domainIds: ['engineering'], kinds: ['experiment'] })).toEqual([]);
  });
});

describe('filterDecisions: sort', () => {
  it('sorts by date, newest or oldest first', () => {
    expect(search({ sort: 'newest' })).toEqual(['c', 'a', 'e', 'f', 'b', 'd']);
    expect(search({ sort: 'oldest' })).toEqual(['d', 'b', 'a', 'e', 'f', 'c']);
  });

  it('sorts titles as a person reads them: case ignored, numbers by value', () => {
    expect(search({ sort: 'title' })).toEqual(['c', 'a', 'b', 'f', 'e', 'd']);
  });

  it('sorts by cost, the most expensive first and uncosted last', () => {
    expect(search({ sort: 'cost' })).toEqual(['c', 'a', 'e', 'f', 'b', 'd']);
  });

  it('breaks every tie by id, whatever the order of the input', () => {
    const tied = ['m', 'k', 'z', 'l'].map((id) =>
      decision(id, { title: 'Same', proposedAt: day('2026-05-01'), cost: id === 'z' ? null : 10 }),
    );
    for (const input of [tied, [...tied].reverse()]) {
      const tiedIndex = buildSearchIndex(input);
      for (const sort of ['newest', 'oldest', 'title'] as const) {
        expect(filterDecisions(tiedIndex, { text: '', sort })).toEqual(['k', 'l', 'm', 'z']);
      }
      expect(filterDecisions(tiedIndex, { text: '', sort: 'cost' })).toEqual(['k', 'l', 'm', 'z']);
    }
  });
});

describe('updateSearchIndex', () => {
  it('replaces, adds and removes decisions by id, keeping the sorts in order', () => {
    const live = buildSearchIndex(log);
    for (const sort of decisionSorts) filterDecisions(live, { text: '', sort });
    updateSearchIndex(live, {
      upsert: [
        decision('b', { title: 'Zebra crossing', cost: 99_999, proposedAt: day('2027-01-01') }),
        decision('g', { title: 'Aardvark budget', proposedAt: day('2025-01-01'), cost: 5 }),
      ],
      remove: ['c', 'unknown'],
    });
    expect(live.size).toBe(6);
    expect(filterDecisions(live, { text: '', sort: 'newest' })).toEqual(['b', 'a', 'e', 'f', 'd', 'g']);
    expect(filterDecisions(live, { text: '', sort: 'title' })).toEqual(['g', 'a', 'f', 'e', 'd', 'b']);
    expect(filterDecisions(live, { text: '', sort: 'cost' })).toEqual(['b', 'a', 'e', 'f', 'g', 'd']);
    expect(filterDecisions(live, { text: 'budget', sort: 'oldest' })).toEqual(['g', 'd', 'a', 'e']);
    expect(filterDecisions(live, { text: 'pairing', sort: 'oldest' })).toEqual([]);
    expect(filterDecisions(live, { text: 'pipeline', sort: 'oldest' })).toEqual([]);
    expect(filterDecisions(live, { text: '', sort: 'oldest', tags: ['process'] })).toEqual([]);
  });

  it('finds words that are new to the index while a person types', () => {
    const live = buildSearchIndex(log);
    expect(filterDecisions(live, { text: 'xylo', sort: 'newest' })).toEqual([]);
    updateSearchIndex(live, { upsert: [decision('x', { context: 'Buy a xylophone' })] });
    expect(filterDecisions(live, { text: 'xylo', sort: 'newest' })).toEqual(['x']);
    expect(filterDecisions(live, { text: 'xylop', sort: 'newest' })).toEqual(['x']);
    updateSearchIndex(live, { upsert: [decision('y', { context: 'Xylophones for all' })] });
    expect(filterDecisions(live, { text: 'xylopho', sort: 'newest' })).toEqual(['x', 'y']);
    expect(filterDecisions(live, { text: 'xylophones', sort: 'newest' })).toEqual(['y']);
  });

  it('reuses removed slots and keeps the index whole through many edits', () => {
    const live = buildSearchIndex([]);
    const expected = new Map<string, DecisionSummary>();
    for (const sort of decisionSorts) filterDecisions(live, { text: '', sort });
    for (let round = 0; round < 60; round += 1) {
      const upsert = Array.from({ length: round % 2 === 0 ? 2 : 20 }, (_, at) => {
        const id = `r${(round * 7 + at) % 40}`;
        return decision(id, {
          title: `${id} plan`,
          context: `round ${round} word${at}`,
          cost: at,
          proposedAt: round % 5,
        });
      });
      const remove = [`r${round % 40}`, `r${(round * 3) % 40}`];
      updateSearchIndex(live, { upsert, remove });
      // Removals first, then upserts, as updateSearchIndex applies them.
      for (const id of remove) expected.delete(id);
      for (const entry of upsert) expected.set(entry.id, entry);
      for (const query of [
        { text: '', sort: 'cost' },
        { text: `round ${round}`, sort: 'newest' },
        { text: 'word1', sort: 'title' },
        { text: 'plan r1', sort: 'oldest' },
      ] as const) {
        expect(filterDecisions(live, query)).toEqual(reference(expected, query));
      }
    }
    expect(live.size).toBe(expected.size);
  });
});

describe('invalid input', () => {
  it('names the field', () => {
    const query = (changes: Record<string, unknown>) => () =>
      filterDecisions(index, { text: '', sort: 'newest', ...changes });
    expect(query({ sort: 'best' })).toThrow('query.sort must be one of newest, oldest, title, cost (got "best")');
    expect(query({ text: 3 })).toThrow('query.text must be text');
    expect(query({ from: NaN })).toThrow('query.from must be a time in milliseconds or null (got NaN)');
    expect(query({ tags: 'budget' })).toThrow('query.tags must be a list');
    expect(() => filterDecisions(index, undefined as unknown as DecisionQuery)).toThrow('query is required');
    expect(() => buildSearchIndex([{ ...decision('a'), tier: 'solo' } as unknown as DecisionSummary])).toThrow(
      'decision "a": tier must be autonomous, consultative, collaborative or null',
    );
    expect(() => buildSearchIndex([{ ...decision('a'), proposedAt: NaN }])).toThrow(
      'decision "a": proposedAt must be a time',
    );
    expect(() =>
      updateSearchIndex(index, { upsert: [{ ...decision('a'), tags: [1] } as unknown as DecisionSummary] }),
    ).toThrow('decision "a": tags must be a list of text');
  });
});

/** The same search written the slow, obvious way, to check the index against. */
function reference(decisions: Map<string, DecisionSummary>, query: DecisionQuery): string[] {
  const words = searchWords(query.text);
  const tags = query.tags?.map((tag) => foldSearchText(tag.trim())) ?? [];
  const date = (entry: DecisionSummary) => entry.decidedAt ?? entry.proposedAt;
  const selected = <T>(values: readonly T[] | undefined, value: T) =>
    values === undefined || values.length === 0 || values.includes(value);
  const collator = new Intl.Collator('en', { sensitivity: 'base', numeric: true });
  const compare: Record<DecisionQuery['sort'], (a: DecisionSummary, b: DecisionSummary) => number> = {
    newest: (a, b) => date(b) - date(a),
    oldest: (a, b) => date(a) - date(b),
    title: (a, b) => collator.compare(a.title, b.title),
    cost: (a, b) => (a.cost === null ? 1 : 0) - (b.cost === null ? 1 : 0) || (b.cost ?? 0) - (a.cost ?? 0),
  };
  return [...decisions.values()]
    .filter((entry) => {
      const text = foldSearchText([entry.title, entry.context, ...entry.tags, entry.details ?? ''].join('\n'));
      return (
        words.every((word) => text.includes(word)) &&
        selected(query.domainIds, entry.domainId) &&
        selected(query.statuses, entry.status) &&
        selected(query.kinds, entry.kind) &&
        (query.tiers === undefined ||
          query.tiers.length === 0 ||
          (entry.tier !== null && query.tiers.includes(entry.tier))) &&
        (tags.length === 0 || entry.tags.some((tag) => tags.includes(foldSearchText(tag.trim())))) &&
        date(entry) >= (query.from ?? -Infinity) &&
        date(entry) <= (query.to ?? Infinity)
      );
    })
    .sort((a, b) => compare[query.sort](a, b) || compareIds(a.id, b.id))
    .map((entry) => entry.id);
}

const vocabulary = ['budget', 'Café', 'cafe', 'vendor', 'VENDORS', 'équipe', 'team', 'Team 2', 'team 10', 'ß', 'ss'];
const text = fc
  .array(fc.constantFrom(...vocabulary, ' ', '\n', ',', 'x'), { maxLength: 8 })
  .map((parts) => parts.join(' '));
const summaries = fc.record({
  id: fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'),
  title: text,
  context: text,
  tags: fc.array(fc.constantFrom('Budget', 'budget ', 'Équipe', 'ops'), { maxLength: 3 }),
  domainId: fc.constantFrom('d1', 'd2', null),
  tier: fc.constantFrom(...tiers, null),
  status: fc.constantFrom('draft', 'decided', 'reviewed'),
  kind: fc.constantFrom('decision' as const, 'experiment' as const),
  proposedAt: fc.integer({ min: 0, max: 5 }),
  decidedAt: fc.option(fc.integer({ min: 0, max: 5 })),
  cost: fc.option(fc.constantFrom(0, 10, 10, 250.5)),
  details: fc.option(text, { nil: undefined }),
});
const queries = fc.record(
  {
    text: fc
      .array(fc.constantFrom('bud', 'budget', 'cafe', 'CAFÉ', 'vendors', 'equipe', 'team', '2', 'ss', 'x,'), {
        maxLength: 3,
      })
      .map((words) => words.join(' ')),
    domainIds: fc.subarray(['d1', 'd2', null, 'other']),
    tiers: fc.subarray([...tiers]),
    statuses: fc.subarray(['draft', 'decided', 'reviewed']),
    kinds: fc.subarray(['decision' as const, 'experiment' as const]),
    tags: fc.subarray(['budget', 'EQUIPE', 'ops']),
    from: fc.option(fc.integer({ min: 0, max: 5 })),
    to: fc.option(fc.integer({ min: 0, max: 5 })),
    sort: fc.constantFrom(...decisionSorts),
  },
  { requiredKeys: ['text', 'sort'] },
);
const operations = fc.array(
  fc.oneof(
    fc.record({ upsert: fc.array(summaries, { maxLength: 3 }) }),
    fc.record({ remove: fc.array(fc.constantFrom('a', 'b', 'c', 'x', 'p3', 'p10'), { maxLength: 2 }) }),
    fc.record({ query: queries }),
  ),
  { maxLength: 25 },
);

/** Enough other decisions that small edits keep the sort orders up to date instead of dropping them. */
const fillers = Array.from({ length: 64 }, (_, at) =>
  decision(`p${at}`, {
    title: at % 3 === 0 ? `Team ${at} budget` : `café ${at}`,
    context: at % 4 === 0 ? 'vendors équipe' : '',
    tags: at % 5 === 0 ? ['ops'] : [],
    domainId: at % 2 === 0 ? 'd1' : null,
    tier: tiers[at % 3] ?? null,
    status: at % 2 === 0 ? 'decided' : 'draft',
    proposedAt: at % 6,
    decidedAt: at % 4 === 0 ? (at + 1) % 6 : null,
    cost: at % 7 === 0 ? null : (at % 3) * 10,
  }),
);

describe('filterDecisions: properties', () => {
  it('matches the obvious search after any sequence of builds, edits, removals and searches', () => {
    fc.assert(
      fc.property(fc.array(summaries, { maxLength: 10 }), operations, queries, (some, steps, lastQuery) => {
        const initial = [...fillers, ...some];
        const expected = new Map<string, DecisionSummary>();
        for (const entry of initial) expected.set(entry.id, entry);
        const live = buildSearchIndex(initial);
        for (const sort of decisionSorts) {
          expect(filterDecisions(live, { text: '', sort })).toEqual(reference(expected, { text: '', sort }));
        }
        for (const step of steps) {
          if ('upsert' in step) {
            updateSearchIndex(live, { upsert: step.upsert });
            for (const entry of step.upsert) expected.set(entry.id, entry);
          } else if ('remove' in step) {
            updateSearchIndex(live, { remove: step.remove });
            for (const id of step.remove) expected.delete(id);
          } else {
            expect(filterDecisions(live, step.query)).toEqual(reference(expected, step.query));
          }
          expect(live.size).toBe(expected.size);
        }
        expect(filterDecisions(live, lastQuery)).toEqual(reference(expected, lastQuery));
      }),
      { numRuns: 300 },
    );
  });

  it('gives the same result whatever the order the decisions were indexed in', () => {
    fc.assert(
      fc.property(fc.uniqueArray(summaries, { selector: (entry) => entry.id }), queries, (entries, query) => {
        const forwards = filterDecisions(buildSearchIndex(entries), query);
        expect(filterDecisions(buildSearchIndex([...entries].reverse()), query)).toEqual(forwards);
      }),
    );
  });

  it('narrows as a person types a word letter by letter, as if typed at once', () => {
    fc.assert(
      fc.property(fc.array(summaries, { maxLength: 10 }), text, (entries, typed) => {
        const typing = buildSearchIndex(entries);
        const fresh = buildSearchIndex(entries);
        for (let length = 0; length <= typed.length; length += 1) {
          const query: DecisionQuery = { text: typed.slice(0, length), sort: 'newest' };
          expect(filterDecisions(typing, query)).toEqual(filterDecisions(buildSearchIndex(entries), query));
        }
        expect(filterDecisions(typing, { text: typed, sort: 'title' })).toEqual(
          filterDecisions(fresh, { text: typed, sort: 'title' }),
        );
      }),
    );
  });
});
