/**
 * Helpers for the data layer's tests: a fixed clock, predictable ids, peers that sync by
 * exchanging updates in memory, and the decoding of fixture files. Test-only: nothing in
 * the app imports this module.
 */
import * as Y from 'yjs';
import { createWorkspaceRepository, type RepositoryDeps, type WorkspaceRepository } from './repository';

/** A clock a test moves by hand. */
export interface TestClock {
  now: () => number;
  set(time: number): void;
  advance(ms: number): void;
}

/** Starts a test clock at `start` (ms). */
export function createTestClock(start = 1_000_000): TestClock {
  let time = start;
  return {
    now: () => time,
    set: (next) => {
      time = next;
    },
    advance: (ms) => {
      time += ms;
    },
  };
}

/** Ids `prefix-1`, `prefix-2`, … */
export function createTestIds(prefix: string): () => string {
  let next = 0;
  return () => `${prefix}-${++next}`;
}

/** A repository over `doc` with a test clock and ids; returns both for the test to drive. */
export function createTestRepository(
  doc: Y.Doc,
  deps: Partial<RepositoryDeps> & { clock?: TestClock } = {},
): { repo: WorkspaceRepository; clock: TestClock } {
  const clock = deps.clock ?? createTestClock();
  const repo = createWorkspaceRepository(doc, {
    userId: deps.userId ?? 'user-1',
    now: deps.now ?? clock.now,
    newId: deps.newId ?? createTestIds(`id-${doc.clientID}`),
    ...(deps.isReadOnly ? { isReadOnly: deps.isReadOnly } : {}),
  });
  return { repo, clock };
}

/** A document with a fixed client id, so which concurrent write wins is reproducible. */
export function createTestDoc(clientID: number): Y.Doc {
  const doc = new Y.Doc();
  doc.clientID = clientID;
  return doc;
}

/** Sends `from`'s changes that `to` lacks (as a sync provider would), with `origin`. */
export function syncOneWay(from: Y.Doc, to: Y.Doc, origin: unknown = 'remote-peer'): void {
  Y.applyUpdate(to, Y.encodeStateAsUpdate(from, Y.encodeStateVector(to)), origin);
}

/** Syncs every pair of documents until all hold the same state. */
export function syncAll(docs: readonly Y.Doc[]): void {
  for (const from of docs) for (const to of docs) if (from !== to) syncOneWay(from, to);
}

/**
 * Gives an entity a collection map as schemas 1 to 3 stored one (`<collection>` → a `Y.Map`
 * of item maps by id), with raw Yjs and no app code, in one transaction with `origin` (not
 * LOCAL_ORIGIN, so undo never takes it back). Returns the collection map.
 */
export function storeOlderCollection(
  doc: Y.Doc,
  kind: string,
  id: string,
  collection: string,
  items: readonly ({ id: string } & Record<string, unknown>)[],
  origin: unknown = 'schema-3-app',
): Y.Map<unknown> {
  const entity = doc.getMap(kind).get(id);
  if (!(entity instanceof Y.Map)) throw new Error(`No entity ${kind}.${id} to give a collection map.`);
  const map = new Y.Map<unknown>();
  doc.transact(() => {
    (entity as Y.Map<unknown>).set(collection, map);
    for (const item of items) map.set(item.id, new Y.Map<unknown>(Object.entries(item)));
  }, origin);
  return map;
}

/** Decodes a fixture imported as `…/name.bin?url&inline` (a base64 data URL) to its bytes. */
export function decodeFixture(dataUrl: string): Uint8Array {
  const comma = dataUrl.indexOf(',');
  if (!dataUrl.startsWith('data:') || comma < 0) throw new Error('Not an inlined fixture.');
  return Uint8Array.from(atob(dataUrl.slice(comma + 1)), (char) => char.charCodeAt(0));
}

/** A new document holding the given update (e.g. a fixture). */
export function docFromUpdate(update: Uint8Array, clientID = 999): Y.Doc {
  const doc = createTestDoc(clientID);
  Y.applyUpdate(doc, update);
  return doc;
}

/** The document's full state and state vector, to show that something was not modified. */
export function encodedState(doc: Y.Doc): { vector: Uint8Array; update: Uint8Array } {
  return { vector: Y.encodeStateVector(doc), update: Y.encodeStateAsUpdate(doc) };
}

/**
 * What a domain reads as for every field schema 3 added, when nothing was set: written out
 * here by hand, apart from `entityFieldDefaults`, so tests do not take their expectations
 * from the code they test.
 */
export const expectedDomainDefaults = {
  responsibility: '',
  objectives: '',
  budgetAmount: null,
  budgetUnit: '',
  budgetPeriod: 'month',
  capacityAmount: null,
  capacityUnit: '',
  principles: '',
  qualityStandards: '',
  riskParameters: '',
  ethics: '',
  pilot: false,
} as const;

/** The same for a decision's fields beyond title, domain, status and context (see above). */
export const expectedDecisionDefaults = {
  options: '',
  decisionText: '',
  rationale: '',
  ownerId: null,
  tags: [],
  kind: 'decision',
  category: null,
  cost: null,
  crossDomain: 'none',
  horizon: 'short',
  reversibility: 'reversible',
  followsGuidelines: true,
  chosenTier: null,
  overrideReason: '',
  proposedAt: null,
  decidedAt: null,
  implementedAt: null,
  supersededById: null,
  reviewOn: null,
  rollbackPlan: '',
  adviceFrom: [],
  adviceWeighing: '',
  reviewOutcome: null,
  reviewedAt: null,
  expectedResult: '',
  actualResult: '',
  rolledBackAt: null,
  lessons: '',
  hypothesis: '',
  successCriteria: '',
  experimentScope: 'local',
  startOn: null,
  endOn: null,
  result: '',
} as const;
