import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addVote,
  canVote,
  countVotes,
  parseVoteKey,
  removeVote,
  topItems,
  voteKey,
  votesUsed,
  type VoteMap,
} from './votes';

const k = voteKey;

describe('vote keys', () => {
  it('has one key per person and item, and reads it back', () => {
    expect(voteKey('ana', 'g1')).toBe('ana|g1');
    expect(parseVoteKey('ana|g1')).toEqual({ personKey: 'ana', itemId: 'g1' });
    // Separators and other characters inside ids are encoded, so no two pairs share a key.
    expect(voteKey('a|b', 'c')).not.toBe(voteKey('a', 'b|c'));
    expect(parseVoteKey(voteKey('a|b', 'c d%'))).toEqual({ personKey: 'a|b', itemId: 'c d%' });
  });

  it('reads nothing from text that is not a vote key', () => {
    for (const text of ['', 'ana', 'a|b|c', '|g1', 'ana|', 'a%ZZ|b', 'a b|c', 'a%7C|b|']) {
      expect(parseVoteKey(text)).toBeNull();
    }
  });

  it('refuses empty ids', () => {
    expect(() => voteKey('', 'g1')).toThrow(new Error('personKey must be a non-empty id (got "")'));
  });
});

describe('countVotes', () => {
  it('adds up each item and each person within budget', () => {
    const votes: VoteMap = { [k('ana', 'g1')]: 2, [k('ana', 'g2')]: 1, [k('ben', 'g1')]: 3, [k('cleo', 'g3')]: 0 };
    expect(countVotes(votes, { budgetPerPerson: 3 })).toEqual({
      budgetPerPerson: 3,
      totals: [
        { itemId: 'g1', votes: 5, voters: 2 },
        { itemId: 'g2', votes: 1, voters: 1 },
      ],
      people: [
        { personKey: 'ana', cast: 3, counted: 3, dropped: 0 },
        { personKey: 'ben', cast: 3, counted: 3, dropped: 0 },
      ],
    });
  });

  it('drops the votes over budget of a person who voted on two laptops, from the greatest item id down', () => {
    // Laptop A: ana put 2 on g1 and 1 on g3; laptop B: ana put 2 on g2. Merged: 5 of a budget of 3.
    const votes: VoteMap = { [k('ana', 'g1')]: 2, [k('ana', 'g3')]: 1, [k('ana', 'g2')]: 2, [k('ben', 'g3')]: 1 };
    const result = countVotes(votes, { budgetPerPerson: 3 });
    // g3's vote goes first, then one of g2's: g1 2, g2 1.
    expect(result.totals).toEqual([
      { itemId: 'g1', votes: 2, voters: 1 },
      { itemId: 'g2', votes: 1, voters: 1 },
      { itemId: 'g3', votes: 1, voters: 1 },
    ]);
    expect(result.people).toEqual([
      { personKey: 'ana', cast: 5, counted: 3, dropped: 2 },
      { personKey: 'ben', cast: 1, counted: 1, dropped: 0 },
    ]);
  });

  it('ignores votes on items that no longer exist, and they use no budget', () => {
    const votes: VoteMap = { [k('ana', 'gone')]: 3, [k('ana', 'g1')]: 2 };
    expect(countVotes(votes, { budgetPerPerson: 3, items: ['g1', 'g2'] })).toEqual({
      budgetPerPerson: 3,
      totals: [{ itemId: 'g1', votes: 2, voters: 1 }],
      people: [{ personKey: 'ana', cast: 2, counted: 2, dropped: 0 }],
    });
    expect(canVote(votes, 'ana', 'g2', 3, ['g1', 'g2'])).toBe(true);
    expect(canVote(votes, 'ana', 'gone', 3, ['g1', 'g2'])).toBe(false);
    // Without the list of items every vote counts: ana has used 5.
    expect(canVote(votes, 'ana', 'g2', 3)).toBe(false);
  });

  it('refuses invalid votes and options, naming the field', () => {
    expect(() => countVotes({ oops: 1 }, { budgetPerPerson: 3 })).toThrow(
      new Error('votes["oops"] is not a vote key (made by voteKey)'),
    );
    expect(() => countVotes({ [k('ana', 'g1')]: -1 }, { budgetPerPerson: 3 })).toThrow(
      new Error('votes["ana|g1"] must be a whole number of 0 or more (got -1)'),
    );
    expect(() => countVotes({ [k('ana', 'g1')]: 1.5 }, { budgetPerPerson: 3 })).toThrow(
      new Error('votes["ana|g1"] must be a whole number of 0 or more (got 1.5)'),
    );
    expect(() => countVotes({}, { budgetPerPerson: 0 })).toThrow(
      new Error('options.budgetPerPerson must be a whole number of 1 or more (got 0)'),
    );
    expect(() => countVotes({}, { budgetPerPerson: 3, items: [''] })).toThrow(
      new Error('options.items[0] must be a non-empty id (got "")'),
    );
  });
});

describe('casting votes', () => {
  it('adds and removes one vote as one key write, within budget', () => {
    let votes: VoteMap = {};
    const apply = (change: { key: string; count: number }) => {
      votes = { ...votes, [change.key]: change.count };
    };
    apply(addVote(votes, 'ana', 'g1', 2));
    apply(addVote(votes, 'ana', 'g1', 2));
    expect(votes).toEqual({ 'ana|g1': 2 });
    expect(votesUsed(votes, 'ana')).toBe(2);
    expect(canVote(votes, 'ana', 'g2', 2)).toBe(false);
    expect(() => addVote(votes, 'ana', 'g2', 2)).toThrow(new Error('ana has no vote left for g2 (budget 2)'));
    expect(canVote(votes, 'ben', 'g2', 2)).toBe(true);
    apply(removeVote(votes, 'ana', 'g1'));
    expect(votes).toEqual({ 'ana|g1': 1 });
    expect(removeVote({}, 'ana', 'g1')).toEqual({ key: 'ana|g1', count: 0 });
  });
});

describe('topItems', () => {
  const totals = [
    { itemId: 'b', votes: 3, voters: 2 },
    { itemId: 'a', votes: 3, voters: 1 },
    { itemId: 'c', votes: 5, voters: 3 },
    { itemId: 'd', votes: 0, voters: 0 },
    { itemId: 'e', votes: 1, voters: 1 },
  ];

  it('ranks by votes, ties by item id, and leaves out items without votes', () => {
    expect(topItems(totals, 3).map((total) => total.itemId)).toEqual(['c', 'a', 'b']);
    expect(topItems(totals, Infinity).map((total) => total.itemId)).toEqual(['c', 'a', 'b', 'e']);
    expect(topItems([...totals].reverse(), 2)).toEqual(topItems(totals, 2));
    expect(topItems(totals, 0)).toEqual([]);
  });

  it('refuses a count that is not a whole number', () => {
    expect(() => topItems(totals, 1.5)).toThrow(new Error('n must be a whole number of 0 or more (got 1.5)'));
  });
});

/**
 * Several people vote on several laptops at once. Each laptop keeps its own map and only lets
 * a person vote within budget there; the maps then merge key by key as a CRDT map does: for a
 * key written on several laptops, one value wins by a rule that does not depend on the order
 * the maps arrive in (the laptop with the greatest number wins, as Yjs picks by client id).
 */
describe('countVotes on merged laptops (property)', () => {
  const people = ['ana', 'ben', 'cleo', 'dan'];
  const items = ['g1', 'g2', 'g3', 'n1', 'n2'];
  const operation = fc.record({
    person: fc.constantFrom(...people),
    item: fc.constantFrom(...items),
    add: fc.boolean(),
  });
  const laptops = fc.array(fc.array(operation, { maxLength: 25 }), { minLength: 1, maxLength: 4 });

  function vote(operations: { person: string; item: string; add: boolean }[], budget: number): Record<string, number> {
    const votes: Record<string, number> = {};
    for (const { person, item, add } of operations) {
      if (add && !canVote(votes, person, item, budget)) continue;
      const change = add ? addVote(votes, person, item, budget) : removeVote(votes, person, item);
      if (change.count === 0) delete votes[change.key];
      else votes[change.key] = change.count;
    }
    return votes;
  }

  function merge(maps: { laptop: number; votes: Record<string, number> }[]): Record<string, number> {
    const merged: Record<string, number> = {};
    const winner: Record<string, number> = {};
    for (const { laptop, votes } of maps) {
      for (const [key, count] of Object.entries(votes)) {
        if (winner[key] === undefined || laptop > winner[key]) {
          winner[key] = laptop;
          merged[key] = count;
        }
      }
    }
    return merged;
  }

  it('never exceeds anyone’s budget, never counts a vote twice, and ignores the merge order', () => {
    fc.assert(
      fc.property(laptops, fc.integer({ min: 1, max: 5 }), fc.func(fc.integer()), (plans, budget, shuffleKey) => {
        const maps = plans.map((operations, laptop) => ({ laptop, votes: vote(operations, budget) }));
        // Every laptop on its own is within budget.
        for (const { votes } of maps) {
          for (const person of people) expect(votesUsed(votes, person)).toBeLessThanOrEqual(budget);
        }
        const merged = merge(maps);
        const result = countVotes(merged, { budgetPerPerson: budget });
        const shuffled = [...maps].sort((a, b) => shuffleKey(a.laptop) - shuffleKey(b.laptop) || b.laptop - a.laptop);
        expect(countVotes(merge(shuffled), { budgetPerPerson: budget })).toEqual(result);
        expect(countVotes(merge([...maps].reverse()), { budgetPerPerson: budget })).toEqual(result);

        const total = result.totals.reduce((sum, item) => sum + item.votes, 0);
        expect(total).toBeLessThanOrEqual(budget * people.length);
        expect(total).toBe(result.people.reduce((sum, person) => sum + person.counted, 0));
        for (const person of result.people) {
          expect(person.counted).toBeLessThanOrEqual(budget);
          expect(person.counted + person.dropped).toBe(person.cast);
          // A person's votes are their merged keys, each counted once.
          expect(person.cast).toBe(votesUsed(merged, person.personKey));
          if (person.cast <= budget) expect(person.dropped).toBe(0);
        }
        // The rule, said the other way round: each person's votes count from the smallest item id
        // up, until the budget is used.
        const expected = new Map<string, { votes: number; voters: number }>();
        for (const person of people) {
          let left = budget;
          for (const item of [...items].sort()) {
            const counted = Math.min(merged[voteKey(person, item)] ?? 0, left);
            left -= counted;
            if (counted === 0) continue;
            const entry = expected.get(item) ?? { votes: 0, voters: 0 };
            expected.set(item, { votes: entry.votes + counted, voters: entry.voters + 1 });
          }
        }
        expect(result.totals).toEqual(
          [...expected].sort(([a], [b]) => (a < b ? -1 : 1)).map(([itemId, entry]) => ({ itemId, ...entry })),
        );
        for (const item of result.totals) {
          const stored = people.reduce((sum, person) => sum + (merged[voteKey(person, item.itemId)] ?? 0), 0);
          expect(item.votes).toBeGreaterThan(0);
          expect(item.votes).toBeLessThanOrEqual(stored);
          expect(item.voters).toBeLessThanOrEqual(people.length);
        }
      }),
      { numRuns: 300 },
    );
  });
});
