/**
 * The decision log's search, filters and sort (issue "Decisions", deliverable 8), fast enough
 * to run on every keystroke over 100,000 decisions (≤ 30 ms).
 *
 * `buildSearchIndex` turns the decisions into columns once: typed arrays of small codes for
 * the facets (domain, tier, status, kind), the date and the cost, and for the text a
 * vocabulary. Title, context, tags and further text are lower-cased, accent-folded and cut
 * into tokens at whitespace; each distinct token gets a number, and each decision keeps the
 * numbers of its distinct tokens (in one shared Int32Array). `updateSearchIndex` changes the
 * index by id when decisions are edited, added or removed, so an edit costs one decision's
 * work, not a rebuild.
 *
 * A search's text is folded the same way and split into words; a decision matches when each
 * word is a substring of one of its tokens ("budg" finds "budget"). Since words hold no
 * whitespace, that is exactly "the word appears somewhere in the decision's folded text",
 * but it is computed the fast way round: each word is compared with the vocabulary once
 * (tens of thousands of short strings, not 100,000 long texts), giving a mask of the tokens
 * that contain it, and then a decision is checked by looking its token numbers up in the
 * masks. The most selective word is checked first, and a word no token contains ends the
 * search at once. The masks of the previous keystroke's words are kept: while a person types
 * on ("bud" → "budg"), only the tokens that contained the shorter word are compared again.
 *
 * `filterDecisions` walks the decisions in the order of the requested sort and keeps those
 * that pass every filter, cheapest first: each facet is a lookup in a mask built from the
 * query (a decision matches a facet when its value is one of the selected values; an empty or
 * missing list does not filter), then the date range, the tags (any of the selected tags,
 * compared case- and accent-insensitively), then the text.
 *
 * A decision's date in the log is when it was decided, or when it was proposed while it is
 * undecided; the date range (`from`, `to`, both included) and the sorts "newest" and "oldest"
 * use it. "title" sorts as a person reads ("Team 2" before "Team 10", case ignored), "cost"
 * puts the most expensive first and uncosted decisions last. Ties always go to the smaller
 * id (code-unit order), so the order is total: the same on every laptop, whatever the input
 * order. Each sort's order of all decisions is computed once, the first time it is asked
 * for, and then kept up to date by `updateSearchIndex` (a binary-search insertion per edited
 * decision), so a keystroke never sorts.
 *
 * The index is a cache that its owner changes in place: `updateSearchIndex` mutates it, and
 * searches keep the last words' masks in it. Results depend only on the decisions and the query.
 */
import { compareIds } from '../domains/order';
import type { Tier } from './classify';

/** What a decision record is: a decision, or an experiment (issue "Decisions", deliverable 6). */
export type DecisionKind = 'decision' | 'experiment';

/** The orders the decision log can be sorted in. */
export const decisionSorts = ['newest', 'oldest', 'title', 'cost'] as const;

/** An order of the decision log. */
export type DecisionSort = (typeof decisionSorts)[number];

/** What the decision log reads of a decision. */
export interface DecisionSummary {
  id: string;
  title: string;
  context: string;
  tags: readonly string[];
  domainId: string | null;
  /** The tier it is decided in; null while it is not classified. */
  tier: Tier | null;
  status: string;
  kind: DecisionKind;
  /** When it was proposed, in milliseconds since the epoch. */
  proposedAt: number;
  /** When it was decided; null until then. */
  decidedAt: number | null;
  /** Resources committed; null when not costed. */
  cost: number | null;
  /** Further text search should find: options considered, the decision, rationale, lessons, names. */
  details?: string;
}

/** A search of the decision log. Missing or empty lists do not filter. */
export interface DecisionQuery {
  /** Words that must all appear (case and accents ignored); empty: no text filter. */
  text: string;
  /** Domains to keep; null stands for decisions without a domain. */
  domainIds?: readonly (string | null)[];
  tiers?: readonly Tier[];
  statuses?: readonly string[];
  kinds?: readonly DecisionKind[];
  /** Keep decisions with any of these tags. */
  tags?: readonly string[];
  /** Earliest date kept (included), in milliseconds since the epoch. */
  from?: number | null;
  /** Latest date kept (included), in milliseconds since the epoch. */
  to?: number | null;
  sort: DecisionSort;
}

declare const searchIndexBrand: unique symbol;

/** A search index of decisions, built by `buildSearchIndex`; its contents are private to this module. */
export interface DecisionSearchIndex {
  /** How many decisions it holds. */
  readonly size: number;
  readonly [searchIndexBrand]: true;
}

/** A sort's order of all live slots; `slots` is filled up to the index's size. */
interface SortOrder {
  slots: Int32Array;
}

/** The tokens of the vocabulary that contain a word. */
interface WordMatch {
  /** The vocabulary's size when this was computed; tokens added since are compared on next use. */
  vocabularySize: number;
  tokens: number[];
  /** 1 at the number of every token that contains the word. */
  mask: Uint8Array;
}

interface IndexState {
  size: number;
  capacity: number;
  /** Slots 0 .. `end` - 1 have been used; freed slots are reused first. */
  end: number;
  freeSlots: number[];
  slotById: Map<string, number>;
  ids: string[];
  titles: string[];
  /** Each slot's distinct token numbers: `tokenPool[tokenStart[slot] ..< tokenStart[slot] + tokenCount[slot]]`. */
  tokenStart: Int32Array;
  tokenCount: Int32Array;
  tokenPool: Int32Array;
  /** The pool is used up to here; what live slots do not reference is garbage, compacted when it grows. */
  poolEnd: number;
  liveTokens: number;
  /** Folded tokens by number. */
  vocabulary: string[];
  /** A token's number, by its folded or its lower-cased spelling. */
  tokenIdOf: Map<string, number>;
  /** Per token number, the stamp of the last slot written that had it (removes repeats within a decision). */
  seen: Int32Array;
  stamp: number;
  scratch: number[];
  tagCodes: Int32Array[];
  domainCodes: Int32Array;
  tierCodes: Uint8Array;
  statusCodes: Int32Array;
  kindCodes: Uint8Array;
  dates: Float64Array;
  /** NaN for an uncosted decision. */
  costs: Float64Array;
  domainDictionary: Map<string | null, number>;
  statusDictionary: Map<string, number>;
  tagDictionary: Map<string, number>;
  orders: Partial<Record<DecisionSort, SortOrder>>;
  /** The words of the last search, to narrow the next one while a person types on. */
  lastWords: Map<string, WordMatch>;
  /** Scratch for a search: 1 for each slot that passes the filters so far. */
  passing: Uint8Array;
}

const NO_TIER = 3;
const tierCodeOf: Readonly<Record<Tier, number>> = { autonomous: 0, consultative: 1, collaborative: 2 };
const kindCodeOf: Readonly<Record<DecisionKind, number>> = { decision: 0, experiment: 1 };
const noTags = new Int32Array(0);
const noMask = new Uint8Array(0);
const whitespace = /\s+/u;
const allWhitespace = /\s+/gu;

const specialLetters: Readonly<Record<string, string>> = {
  ß: 'ss',
  æ: 'ae',
  œ: 'oe',
  ø: 'o',
  ł: 'l',
  đ: 'd',
  ð: 'd',
  þ: 'th',
  ı: 'i',
};
const asciiOnly = /^\p{ASCII}*$/u;
const combiningMarks = /\p{M}/gu;
const specialLetter = /[ßæœøłđðþı]/g;

/**
 * Text as search compares it: lower case, accents and other combining marks removed,
 * compatibility forms unfolded ("ﬁ" → "fi"), and the letters that carry no separate accent
 * spelled out ("ß" → "ss", "ø" → "o"). "Café Ærø" → "cafe aero".
 */
export function foldSearchText(text: string): string {
  const lower = text.toLowerCase();
  if (asciiOnly.test(lower)) return lower;
  // Lower case again at the end: a few compatibility forms unfold to capitals ("㎁" → "nA").
  return lower
    .normalize('NFKD')
    .replace(combiningMarks, '')
    .replace(specialLetter, (letter) => specialLetters[letter] ?? letter)
    .toLowerCase();
}

/** The words of a search, folded; words contained in a longer one are dropped, the longest first. */
export function searchWords(text: string): string[] {
  const words = [...new Set(foldSearchText(text).split(whitespace))].filter((word) => word !== '');
  words.sort((a, b) => b.length - a.length || compareIds(a, b));
  return words.filter((word, at) => !words.slice(0, at).some((longer) => longer.includes(word)));
}

const state = (index: DecisionSearchIndex): IndexState => index as unknown as IndexState;

/** `Array.isArray` without its narrowing, which would turn a readonly array into `any[]`. */
const isList = (value: unknown): boolean => Array.isArray(value);

function grownInt32(array: Int32Array, capacity: number): Int32Array {
  const grown = new Int32Array(capacity);
  grown.set(array);
  return grown;
}

function grownUint8(array: Uint8Array, capacity: number): Uint8Array {
  const grown = new Uint8Array(capacity);
  grown.set(array);
  return grown;
}

function grownFloat64(array: Float64Array, capacity: number): Float64Array {
  const grown = new Float64Array(capacity);
  grown.set(array);
  return grown;
}

function ensureCapacity(index: IndexState, needed: number): void {
  if (needed <= index.capacity) return;
  const capacity = Math.max(needed, index.capacity * 2);
  index.tokenStart = grownInt32(index.tokenStart, capacity);
  index.tokenCount = grownInt32(index.tokenCount, capacity);
  index.domainCodes = grownInt32(index.domainCodes, capacity);
  index.statusCodes = grownInt32(index.statusCodes, capacity);
  index.tierCodes = grownUint8(index.tierCodes, capacity);
  index.kindCodes = grownUint8(index.kindCodes, capacity);
  index.dates = grownFloat64(index.dates, capacity);
  index.costs = grownFloat64(index.costs, capacity);
  for (const order of Object.values(index.orders)) order.slots = grownInt32(order.slots, capacity);
  index.capacity = capacity;
}

/** Makes room for `extra` more tokens in the pool, dropping what no live slot references if that is much. */
function ensurePool(index: IndexState, extra: number): void {
  const needed = index.poolEnd + extra;
  if (needed <= index.tokenPool.length) return;
  const garbage = index.poolEnd - index.liveTokens;
  const length = garbage * 2 > index.liveTokens ? index.liveTokens + extra : needed;
  const pool = new Int32Array(Math.max(length * 2, 1_024));
  if (garbage * 2 > index.liveTokens) {
    let end = 0;
    for (const slot of index.slotById.values()) {
      const start = index.tokenStart[slot] ?? 0;
      const count = index.tokenCount[slot] ?? 0;
      pool.set(index.tokenPool.subarray(start, start + count), end);
      index.tokenStart[slot] = end;
      end += count;
    }
    index.poolEnd = end;
  } else {
    pool.set(index.tokenPool.subarray(0, index.poolEnd));
  }
  index.tokenPool = pool;
}

function codeFor<K>(dictionary: Map<K, number>, key: K): number {
  let code = dictionary.get(key);
  if (code === undefined) {
    code = dictionary.size;
    dictionary.set(key, code);
  }
  return code;
}

/** The number of a token first met in its lower-cased spelling: folds it, adds it to the vocabulary if new. */
function registerToken(index: IndexState, lower: string): number {
  const folded = foldSearchText(lower).replace(allWhitespace, '');
  let id = index.tokenIdOf.get(folded);
  if (id === undefined) {
    id = index.vocabulary.length;
    index.vocabulary.push(folded);
    index.tokenIdOf.set(folded, id);
    if (id >= index.seen.length) index.seen = grownInt32(index.seen, index.seen.length * 2);
  }
  index.tokenIdOf.set(lower, id);
  return id;
}

/** Whether a UTF-16 code unit is whitespace as `\s` defines it. */
function isWhitespace(code: number): boolean {
  return code <= 0x20
    ? code === 0x20 || (code >= 0x09 && code <= 0x0d)
    : code >= 0xa0 &&
        (code === 0xa0 ||
          code === 0x1680 ||
          (code >= 0x2000 && code <= 0x200a) ||
          code === 0x2028 ||
          code === 0x2029 ||
          code === 0x202f ||
          code === 0x205f ||
          code === 0x3000 ||
          code === 0xfeff);
}

/** Adds the numbers of a text's tokens not yet seen in this slot to `tokens`. */
function collectTokens(index: IndexState, text: string, tokens: number[]): void {
  const lower = text.toLowerCase();
  const length = lower.length;
  let at = 0;
  while (at < length) {
    while (at < length && isWhitespace(lower.charCodeAt(at))) at += 1;
    const start = at;
    while (at < length && !isWhitespace(lower.charCodeAt(at))) at += 1;
    if (at === start) break;
    const token = lower.slice(start, at);
    const id = index.tokenIdOf.get(token) ?? registerToken(index, token);
    if (index.seen[id] !== index.stamp) {
      index.seen[id] = index.stamp;
      tokens.push(id);
    }
  }
}

function checkSummary(decision: DecisionSummary): void {
  if (typeof decision !== 'object' || decision === null || typeof decision.id !== 'string') {
    throw new Error('decision.id must be text');
  }
  const field = (name: string) => `decision ${JSON.stringify(decision.id)}: ${name}`;
  if (typeof decision.title !== 'string') throw new Error(`${field('title')} must be text`);
  if (typeof decision.context !== 'string') throw new Error(`${field('context')} must be text`);
  if (!Array.isArray(decision.tags) || decision.tags.some((tag) => typeof tag !== 'string')) {
    throw new Error(`${field('tags')} must be a list of text`);
  }
  if (decision.details !== undefined && typeof decision.details !== 'string') {
    throw new Error(`${field('details')} must be text`);
  }
  if (typeof decision.status !== 'string') throw new Error(`${field('status')} must be text`);
  if (decision.tier !== null && !Object.hasOwn(tierCodeOf, decision.tier)) {
    throw new Error(`${field('tier')} must be autonomous, consultative, collaborative or null`);
  }
  if (!Object.hasOwn(kindCodeOf, decision.kind)) throw new Error(`${field('kind')} must be decision or experiment`);
  if (!Number.isFinite(decision.proposedAt)) throw new Error(`${field('proposedAt')} must be a time`);
  if (decision.decidedAt !== null && !Number.isFinite(decision.decidedAt)) {
    throw new Error(`${field('decidedAt')} must be a time or null`);
  }
  if (decision.cost !== null && !Number.isFinite(decision.cost)) {
    throw new Error(`${field('cost')} must be a number or null`);
  }
}

/** Writes a decision into a slot: its tokens and its columns. */
function writeSlot(index: IndexState, slot: number, decision: DecisionSummary): void {
  index.ids[slot] = decision.id;
  index.titles[slot] = decision.title;

  index.stamp += 1;
  const tokens = index.scratch;
  tokens.length = 0;
  collectTokens(index, decision.title, tokens);
  collectTokens(index, decision.context, tokens);
  for (const tag of decision.tags) collectTokens(index, tag, tokens);
  if (decision.details !== undefined) collectTokens(index, decision.details, tokens);
  index.liveTokens -= index.tokenCount[slot] ?? 0;
  index.tokenCount[slot] = 0;
  ensurePool(index, tokens.length);
  index.tokenPool.set(tokens, index.poolEnd);
  index.tokenStart[slot] = index.poolEnd;
  index.tokenCount[slot] = tokens.length;
  index.poolEnd += tokens.length;
  index.liveTokens += tokens.length;

  const tags = new Set(decision.tags.map((tag) => foldSearchText(tag.trim())));
  index.tagCodes[slot] = tags.size === 0 ? noTags : Int32Array.from(tags, (tag) => codeFor(index.tagDictionary, tag));
  index.domainCodes[slot] = codeFor(index.domainDictionary, decision.domainId);
  index.statusCodes[slot] = codeFor(index.statusDictionary, decision.status);
  index.tierCodes[slot] = decision.tier === null ? NO_TIER : tierCodeOf[decision.tier];
  index.kindCodes[slot] = kindCodeOf[decision.kind];
  index.dates[slot] = decision.decidedAt ?? decision.proposedAt;
  index.costs[slot] = decision.cost ?? NaN;
}

const titleCollator = new Intl.Collator('en', { sensitivity: 'base', numeric: true });

/** The comparison of two slots for a sort; ties by id, so the order is total. */
function slotComparator(index: IndexState, sort: DecisionSort): (a: number, b: number) => number {
  const { ids, dates, costs, titles } = index;
  const byId = (a: number, b: number): number => compareIds(ids[a] ?? '', ids[b] ?? '');
  switch (sort) {
    case 'newest':
      return (a, b) => (dates[b] ?? 0) - (dates[a] ?? 0) || byId(a, b);
    case 'oldest':
      return (a, b) => (dates[a] ?? 0) - (dates[b] ?? 0) || byId(a, b);
    case 'title':
      return (a, b) => titleCollator.compare(titles[a] ?? '', titles[b] ?? '') || byId(a, b);
    case 'cost':
      return (a, b) => {
        const costA = costs[a] ?? NaN;
        const costB = costs[b] ?? NaN;
        if (Number.isNaN(costA) || Number.isNaN(costB)) {
          return Number(Number.isNaN(costA)) - Number(Number.isNaN(costB)) || byId(a, b);
        }
        return costB - costA || byId(a, b);
      };
  }
}

/** The live slots in the order of `sort`, sorted now if this sort was never asked for. */
function orderFor(index: IndexState, sort: DecisionSort): Int32Array {
  let order = index.orders[sort];
  if (order === undefined) {
    const live = new Int32Array(index.capacity);
    let count = 0;
    for (const slot of index.slotById.values()) live[count++] = slot;
    live.subarray(0, count).sort(slotComparator(index, sort));
    order = { slots: live };
    index.orders[sort] = order;
  }
  return order.slots;
}

/** The position at which `slot` belongs in an order of `length` slots. */
function insertionPoint(
  slots: Int32Array,
  length: number,
  slot: number,
  compare: (a: number, b: number) => number,
): number {
  let low = 0;
  let high = length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (compare(slots[middle] ?? 0, slot) < 0) low = middle + 1;
    else high = middle;
  }
  return low;
}

function removeFromOrders(index: IndexState, slot: number, length: number): void {
  for (const order of Object.values(index.orders)) {
    const at = order.slots.subarray(0, length).indexOf(slot);
    if (at >= 0) order.slots.copyWithin(at, at + 1, length);
  }
}

function insertIntoOrders(index: IndexState, slot: number, length: number): void {
  for (const [sort, order] of Object.entries(index.orders) as [DecisionSort, SortOrder][]) {
    const at = insertionPoint(order.slots, length, slot, slotComparator(index, sort));
    order.slots.copyWithin(at + 1, at, length);
    order.slots[at] = slot;
  }
}

/** Builds the search index of some decisions (for a repeated id, the last one counts). */
export function buildSearchIndex(decisions: readonly DecisionSummary[]): DecisionSearchIndex {
  if (!isList(decisions)) throw new Error('decisions must be a list');
  const capacity = Math.max(64, decisions.length);
  const index: IndexState = {
    size: 0,
    capacity,
    end: 0,
    freeSlots: [],
    slotById: new Map(),
    ids: [],
    titles: [],
    tokenStart: new Int32Array(capacity),
    tokenCount: new Int32Array(capacity),
    tokenPool: new Int32Array(Math.max(1_024, decisions.length * 32)),
    poolEnd: 0,
    liveTokens: 0,
    vocabulary: [],
    tokenIdOf: new Map(),
    seen: new Int32Array(1_024),
    stamp: 0,
    scratch: [],
    tagCodes: [],
    domainCodes: new Int32Array(capacity),
    tierCodes: new Uint8Array(capacity),
    statusCodes: new Int32Array(capacity),
    kindCodes: new Uint8Array(capacity),
    dates: new Float64Array(capacity),
    costs: new Float64Array(capacity),
    domainDictionary: new Map(),
    statusDictionary: new Map(),
    tagDictionary: new Map(),
    orders: {},
    lastWords: new Map(),
    passing: new Uint8Array(capacity),
  };
  for (const decision of decisions) {
    checkSummary(decision);
    let slot = index.slotById.get(decision.id);
    if (slot === undefined) {
      slot = index.end++;
      index.slotById.set(decision.id, slot);
      index.size += 1;
    }
    writeSlot(index, slot, decision);
  }
  return index as unknown as DecisionSearchIndex;
}

/**
 * Changes the index in place: removes the `remove` ids (unknown ids are ignored), then adds or
 * replaces the `upsert` decisions by id (the last one counts). Returns the same index. The sort orders already
 * computed are kept up to date decision by decision; a change of more than 1/16 of the index
 * drops them instead, to be sorted again on the next search that needs them.
 */
export function updateSearchIndex(
  searchIndex: DecisionSearchIndex,
  changes: { upsert?: readonly DecisionSummary[]; remove?: readonly string[] },
): DecisionSearchIndex {
  const index = state(searchIndex);
  const upsert = changes.upsert ?? [];
  const remove = changes.remove ?? [];
  upsert.forEach(checkSummary);
  if ((upsert.length + remove.length) * 16 > index.size) index.orders = {};
  for (const id of remove) {
    const slot = index.slotById.get(id);
    if (slot === undefined) continue;
    removeFromOrders(index, slot, index.size);
    index.slotById.delete(id);
    index.freeSlots.push(slot);
    index.ids[slot] = '';
    index.titles[slot] = '';
    index.tagCodes[slot] = noTags;
    index.liveTokens -= index.tokenCount[slot] ?? 0;
    index.tokenCount[slot] = 0;
    index.size -= 1;
  }
  for (const decision of upsert) {
    let slot = index.slotById.get(decision.id);
    if (slot === undefined) {
      ensureCapacity(index, index.size + 1);
      slot = index.freeSlots.pop() ?? index.end++;
      index.slotById.set(decision.id, slot);
      writeSlot(index, slot, decision);
      insertIntoOrders(index, slot, index.size);
      index.size += 1;
    } else {
      removeFromOrders(index, slot, index.size);
      writeSlot(index, slot, decision);
      insertIntoOrders(index, slot, index.size - 1);
    }
  }
  return searchIndex;
}

/**
 * The tokens that contain a word. While a person types on, the last search had a shorter
 * word inside this one ("bud" in "budg"): only the tokens that contained it are compared.
 */
function matchWord(index: IndexState, word: string): WordMatch {
  const { vocabulary } = index;
  let match = index.lastWords.get(word);
  if (match === undefined) {
    let narrower: WordMatch | undefined;
    let narrowerLength = 0;
    for (const [lastWord, lastMatch] of index.lastWords) {
      if (lastWord.length > narrowerLength && word.includes(lastWord)) {
        narrower = lastMatch;
        narrowerLength = lastWord.length;
      }
    }
    const tokens: number[] = [];
    if (narrower !== undefined) {
      for (const id of narrower.tokens) if ((vocabulary[id] ?? '').includes(word)) tokens.push(id);
    }
    match = { vocabularySize: narrower?.vocabularySize ?? 0, tokens, mask: new Uint8Array(0) };
  }
  if (match.vocabularySize < vocabulary.length || match.mask.length === 0) {
    for (let id = match.vocabularySize; id < vocabulary.length; id += 1) {
      if ((vocabulary[id] ?? '').includes(word)) match.tokens.push(id);
    }
    match.vocabularySize = vocabulary.length;
    match.mask = new Uint8Array(vocabulary.length);
    for (const id of match.tokens) match.mask[id] = 1;
  }
  return match;
}

/** A mask over a dictionary's codes: 1 for the codes of the selected values. */
function maskOf<K>(dictionary: Map<K, number>, selected: readonly K[] | undefined): Uint8Array | null {
  if (selected === undefined || selected.length === 0) return null;
  const mask = new Uint8Array(dictionary.size);
  for (const value of selected) {
    const code = dictionary.get(value);
    if (code !== undefined) mask[code] = 1;
  }
  return mask;
}

function fixedMask<K extends string>(codes: Readonly<Record<K, number>>, selected: readonly K[] | undefined) {
  if (selected === undefined || selected.length === 0) return null;
  const mask = new Uint8Array(NO_TIER + 1);
  for (const value of selected) {
    if (Object.hasOwn(codes, value)) mask[codes[value]] = 1;
  }
  return mask;
}

/** Marks the slots that pass the facet filters and the date range: one sequential pass over the columns. */
function markFacets(index: IndexState, query: DecisionQuery, passing: Uint8Array): void {
  const domainMask = maskOf(index.domainDictionary, query.domainIds);
  const statusMask = maskOf(index.statusDictionary, query.statuses);
  const tierMask = fixedMask(tierCodeOf, query.tiers);
  const kindMask = fixedMask(kindCodeOf, query.kinds);
  const tagMask = maskOf(
    index.tagDictionary,
    query.tags?.map((tag) => foldSearchText(tag.trim())),
  );
  const from = query.from ?? -Infinity;
  const to = query.to ?? Infinity;
  const { tagCodes, domainCodes, statusCodes, tierCodes, kindCodes, dates, end } = index;
  for (let slot = 0; slot < end; slot += 1) {
    const date = dates[slot] ?? 0;
    let pass =
      (domainMask === null || domainMask[domainCodes[slot] ?? 0] === 1) &&
      (statusMask === null || statusMask[statusCodes[slot] ?? 0] === 1) &&
      (tierMask === null || tierMask[tierCodes[slot] ?? 0] === 1) &&
      (kindMask === null || kindMask[kindCodes[slot] ?? 0] === 1) &&
      date >= from &&
      date <= to;
    if (pass && tagMask !== null) {
      const codes = tagCodes[slot] ?? noTags;
      pass = false;
      for (let tag = 0; tag < codes.length && !pass; tag += 1) pass = tagMask[codes[tag] ?? 0] === 1;
    }
    passing[slot] = pass ? 1 : 0;
  }
}

/**
 * Unmarks the slots that lack one of the words: each word's mask over the vocabulary is
 * looked up with the slot's tokens, in slot order so the token pool is read sequentially.
 */
function markWords(index: IndexState, wordMasks: readonly Uint8Array[], passing: Uint8Array): void {
  const { tokenPool, tokenStart, tokenCount, end } = index;
  const wordCount = wordMasks.length;
  for (let slot = 0; slot < end; slot += 1) {
    if (passing[slot] !== 1) continue;
    const start = tokenStart[slot] ?? 0;
    const stop = start + (tokenCount[slot] ?? 0);
    for (let word = 0; word < wordCount; word += 1) {
      const mask = wordMasks[word] ?? noMask;
      let found = false;
      for (let token = start; token < stop && !found; token += 1) found = mask[tokenPool[token] ?? 0] === 1;
      if (!found) {
        passing[slot] = 0;
        break;
      }
    }
  }
}

function checkQuery(query: DecisionQuery): void {
  if (typeof query !== 'object' || query === null) throw new Error('query is required');
  if (typeof query.text !== 'string') throw new Error('query.text must be text');
  if (!(decisionSorts as readonly string[]).includes(query.sort)) {
    throw new Error(`query.sort must be one of ${decisionSorts.join(', ')} (got ${JSON.stringify(query.sort)})`);
  }
  for (const field of ['domainIds', 'tiers', 'statuses', 'kinds', 'tags'] as const) {
    if (query[field] !== undefined && !isList(query[field])) throw new Error(`query.${field} must be a list`);
  }
  for (const field of ['from', 'to'] as const) {
    const value = query[field];
    if (value !== undefined && value !== null && !Number.isFinite(value)) {
      throw new Error(`query.${field} must be a time in milliseconds or null (got ${String(value)})`);
    }
  }
}

/**
 * The ids of the decisions that match a query, in the query's order. Runs on every keystroke
 * in three passes without sorting or per-decision allocation: facets and dates over the
 * columns, then the words over the token pool, both in slot order (sequential memory), then
 * the sort's order, collecting the ids of the slots still marked.
 */
export function filterDecisions(searchIndex: DecisionSearchIndex, query: DecisionQuery): string[] {
  checkQuery(query);
  const index = state(searchIndex);
  const order = orderFor(index, query.sort);

  const words = new Map<string, WordMatch>();
  for (const word of searchWords(query.text)) words.set(word, matchWord(index, word));
  index.lastWords = words;
  // The word in the fewest tokens first: it rejects most decisions soonest.
  const matched = [...words.values()].sort((a, b) => a.tokens.length - b.tokens.length);
  if (matched.length > 0 && matched[0]?.tokens.length === 0) return [];

  if (index.passing.length < index.capacity) index.passing = new Uint8Array(index.capacity);
  const { passing, ids, size } = index;
  markFacets(index, query, passing);
  if (matched.length > 0) {
    markWords(
      index,
      matched.map((match) => match.mask),
      passing,
    );
  }
  const matches: string[] = [];
  for (let at = 0; at < size; at += 1) {
    const slot = order[at] ?? 0;
    if (passing[slot] === 1) matches.push(ids[slot] ?? '');
  }
  return matches;
}
