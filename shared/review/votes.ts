/**
 * Dot voting (vote phase): each person has a budget of votes to spread over the items (groups
 * and ungrouped notes), several on one item if they like.
 *
 * Storage: one map entry per person and item, `voteKey(personKey, itemId) → count`. People
 * voting at once on their own laptops write different keys and never collide; one person's
 * votes on one item are one key, so two laptops of the same person setting it concurrently
 * end with one of the two values, never their sum.
 *
 * Counting (`countVotes`):
 * - Votes on items that no longer exist are ignored (when the existing items are given), and
 *   do not use up the person's budget.
 * - A person can still end up over budget: on two laptops they voted on different items, each
 *   within budget there. Their votes are then cut deterministically: dropped one at a time
 *   from the item with the greatest id (code-unit order) downwards, until they are within
 *   budget. The result depends only on the map's contents, never on the order the entries
 *   arrived in, so every laptop shows the same totals.
 * - So nobody counts for more than the budget, an item's total is the sum of the counted votes
 *   of the people who voted on it, and nothing is counted twice.
 * Ranking (`topItems`): most votes first; ties by item id, so every laptop ranks alike.
 */
import { compareIds } from '../domains/order';
import { describeValue, invalid, isRecord, readList } from '../metrics/check';

/** Votes as stored: `voteKey(personKey, itemId)` → how many votes that person put on that item. */
export type VoteMap = Readonly<Record<string, number>>;

/** Options of `countVotes`. */
export interface VoteCountOptions {
  /** How many votes each person has, a whole number of 1 or more. */
  budgetPerPerson: number;
  /** The items that exist; votes on others are ignored. Left out: every item counts. */
  items?: readonly string[];
}

/** An item's votes. */
export interface VoteTotal {
  itemId: string;
  /** The counted votes on it. */
  votes: number;
  /** How many people have counted votes on it. */
  voters: number;
}

/** One person's votes. */
export interface PersonVotes {
  personKey: string;
  /** Votes stored for this person on existing items. */
  cast: number;
  /** Votes that count: at most the budget. */
  counted: number;
  /** `cast − counted`: votes over budget, dropped by the rule in the header. */
  dropped: number;
}

/** The result of a vote. */
export interface VoteCount {
  budgetPerPerson: number;
  /** Every item with at least one counted vote, by item id. */
  totals: VoteTotal[];
  /** Every person with at least one vote cast on an existing item, by person key. */
  people: PersonVotes[];
}

const separator = '|';

function readKeyPart(value: unknown, field: string): string {
  if (typeof value !== 'string' || value === '') throw invalid(field, 'a non-empty id', value);
  return value;
}

/**
 * The map key of one person's votes on one item. Both parts are percent-encoded, so the
 * separator never appears inside them and every pair has exactly one key.
 */
export function voteKey(personKey: string, itemId: string): string {
  readKeyPart(personKey, 'personKey');
  readKeyPart(itemId, 'itemId');
  return `${encodeURIComponent(personKey)}${separator}${encodeURIComponent(itemId)}`;
}

/** The person and item of a key made by `voteKey`; null for any other text. */
export function parseVoteKey(key: string): { personKey: string; itemId: string } | null {
  if (typeof key !== 'string') return null;
  const parts = key.split(separator);
  if (parts.length !== 2) return null;
  const [person = '', item = ''] = parts;
  try {
    const personKey = decodeURIComponent(person);
    const itemId = decodeURIComponent(item);
    if (personKey === '' || itemId === '' || voteKey(personKey, itemId) !== key) return null;
    return { personKey, itemId };
  } catch {
    return null;
  }
}

function readBudget(value: unknown, field: string): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 1) {
    throw invalid(field, 'a whole number of 1 or more', value);
  }
  return value;
}

interface Entry {
  personKey: string;
  itemId: string;
  count: number;
}

/** The stored entries with at least one vote, checked, on existing items (when given). */
function entriesOf(votes: VoteMap, items: readonly string[] | undefined): Entry[] {
  if (!isRecord(votes)) throw invalid('votes', 'an object', votes);
  const existing = items === undefined ? null : new Set(items);
  const entries: Entry[] = [];
  for (const [key, count] of Object.entries(votes)) {
    const parsed = parseVoteKey(key);
    if (parsed === null) throw new Error(`votes[${JSON.stringify(key)}] is not a vote key (made by voteKey)`);
    if (typeof count !== 'number' || !Number.isSafeInteger(count) || count < 0) {
      throw new Error(
        `votes[${JSON.stringify(key)}] must be a whole number of 0 or more (got ${describeValue(count)})`,
      );
    }
    if (count === 0 || (existing !== null && !existing.has(parsed.itemId))) continue;
    entries.push({ ...parsed, count });
  }
  return entries;
}

function readItems(items: unknown, field: string): readonly string[] | undefined {
  if (items === undefined) return undefined;
  if (!Array.isArray(items)) throw invalid(field, 'a list of item ids', items);
  items.forEach((item, index) => readKeyPart(item, `${field}[${index}]`));
  return items as readonly string[];
}

/**
 * Counts a vote by the rules in this file's header: per item, the counted votes and voters;
 * per person, the votes cast, counted and dropped (over budget). Throws an `Error` naming the
 * field for a budget that is not a whole number of 1 or more, a key not made by `voteKey`, or
 * a count that is not a whole number of 0 or more.
 */
export function countVotes(votes: VoteMap, options: VoteCountOptions): VoteCount {
  if (!isRecord(options)) throw invalid('options', 'an object', options);
  const budget = readBudget(options.budgetPerPerson, 'options.budgetPerPerson');
  const entries = entriesOf(votes, readItems(options.items, 'options.items'));
  const byPerson = new Map<string, Entry[]>();
  for (const entry of entries) {
    const own = byPerson.get(entry.personKey);
    if (own) own.push(entry);
    else byPerson.set(entry.personKey, [entry]);
  }
  const totals = new Map<string, VoteTotal>();
  const people: PersonVotes[] = [];
  for (const [personKey, own] of byPerson) {
    // Greatest item id first: the order in which votes over budget are dropped.
    own.sort((a, b) => compareIds(b.itemId, a.itemId));
    const cast = own.reduce((sum, entry) => sum + entry.count, 0);
    let excess = Math.max(0, cast - budget);
    for (const entry of own) {
      const drop = Math.min(entry.count, excess);
      excess -= drop;
      const counted = entry.count - drop;
      if (counted === 0) continue;
      const total = totals.get(entry.itemId);
      if (total) {
        total.votes += counted;
        total.voters += 1;
      } else {
        totals.set(entry.itemId, { itemId: entry.itemId, votes: counted, voters: 1 });
      }
    }
    const counted = Math.min(cast, budget);
    people.push({ personKey, cast, counted, dropped: cast - counted });
  }
  return {
    budgetPerPerson: budget,
    totals: [...totals.values()].sort((a, b) => compareIds(a.itemId, b.itemId)),
    people: people.sort((a, b) => compareIds(a.personKey, b.personKey)),
  };
}

/** How many votes a person has stored on existing items (all items when `items` is left out). */
export function votesUsed(votes: VoteMap, personKey: string, items?: readonly string[]): number {
  readKeyPart(personKey, 'personKey');
  return entriesOf(votes, readItems(items, 'items'))
    .filter((entry) => entry.personKey === personKey)
    .reduce((sum, entry) => sum + entry.count, 0);
}

/**
 * Whether a person may put one more vote on an item: the item exists (when `items` is given)
 * and the votes they have stored on existing items are below the budget.
 */
export function canVote(
  votes: VoteMap,
  personKey: string,
  itemId: string,
  budgetPerPerson: number,
  items?: readonly string[],
): boolean {
  readKeyPart(itemId, 'itemId');
  const budget = readBudget(budgetPerPerson, 'budgetPerPerson');
  if (items !== undefined && !readItems(items, 'items')?.includes(itemId)) return false;
  return votesUsed(votes, personKey, items) < budget;
}

/** One map write: the key and the count to store (0: delete the key). */
export interface VoteChange {
  key: string;
  count: number;
}

/**
 * The write that adds one vote of a person to an item: its key and new count. Throws an
 * `Error` when the person may not vote (`canVote`), so a laptop never stores more than the
 * budget itself.
 */
export function addVote(
  votes: VoteMap,
  personKey: string,
  itemId: string,
  budgetPerPerson: number,
  items?: readonly string[],
): VoteChange {
  if (!canVote(votes, personKey, itemId, budgetPerPerson, items)) {
    throw new Error(`${personKey} has no vote left for ${itemId} (budget ${budgetPerPerson})`);
  }
  const key = voteKey(personKey, itemId);
  return { key, count: (votes[key] ?? 0) + 1 };
}

/** The write that takes one vote of a person off an item: its key and new count (never below 0). */
export function removeVote(votes: VoteMap, personKey: string, itemId: string): VoteChange {
  const key = voteKey(personKey, itemId);
  return { key, count: Math.max(0, (votes[key] ?? 0) - 1) };
}

/**
 * The `n` items with the most votes, most first, ties by item id; items without votes are
 * left out. Throws an `Error` when `n` is not a whole number of 0 or more (Infinity: all).
 */
export function topItems(totals: readonly VoteTotal[], n: number): VoteTotal[] {
  readList(totals, 'totals');
  if (typeof n !== 'number' || !(n === Infinity || (Number.isSafeInteger(n) && n >= 0))) {
    throw invalid('n', 'a whole number of 0 or more', n);
  }
  return totals
    .filter((total) => total.votes > 0)
    .sort((a, b) => b.votes - a.votes || compareIds(a.itemId, b.itemId))
    .slice(0, n === Infinity ? undefined : n);
}
