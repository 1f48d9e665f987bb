import fc from 'fast-check';
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { entityFieldDefaults, entityKinds, type EntityFields, type EntityKind } from '@shared/model/entities';
import {
  createTestDoc,
  createTestRepository,
  encodedState,
  expectedDecisionDefaults,
  expectedDomainDefaults,
} from './test-support';
import {
  CURRENT_SCHEMA_VERSION,
  IMPORT_ORIGIN,
  LOCAL_ORIGIN,
  MIGRATION_ORIGIN,
  RESTORE_ORIGIN,
  documentToPlain,
  getKindMap,
  initialiseDocument,
  plainDocumentSchema,
  readEntity,
  readValidEntity,
  toPlain,
  validateEntity,
} from './workspace-document';

function storeRaw(doc: Y.Doc, kind: string, id: string, fields: Record<string, unknown>): Y.Map<unknown> {
  const map = new Y.Map<unknown>(Object.entries(fields));
  doc.getMap(kind).set(id, map);
  return map;
}

const validDomain = {
  id: 'd1',
  createdAt: 10,
  updatedAt: 20,
  createdBy: 'u1',
  deletedAt: null,
  name: 'Product',
  level: 'team',
  parentId: null,
  purpose: '',
  ...expectedDomainDefaults,
};

/** A stored decision with every field and no collection item (every collection empty). */
const validDecision = {
  id: 'x1',
  createdAt: 1,
  updatedAt: 2,
  createdBy: 'u1',
  deletedAt: null,
  title: 'Ship it',
  domainId: null,
  status: 'draft',
  context: '',
  ...expectedDecisionDefaults,
};

/** A map of an item's fields, as the repository stores an item. */
const itemMap = (item: Record<string, unknown>) => new Y.Map<unknown>(Object.entries(item));
const adviceItem = (id: string) => ({ id, authorId: 'u2', text: 'Yes', createdAt: 3 });
/** Advice as read: written without authorName and fromDomainId, it reads with their defaults. */
const readAdvice = (id: string) => ({ ...adviceItem(id), authorName: '', fromDomainId: null });
const positionItem = (id: string) => ({
  id,
  participantName: 'Ada',
  stance: 'concern',
  note: 'Too fast.',
  recordedBy: 'u1',
  updatedAt: 4,
});
const escalationItem = (id: string) => ({
  id,
  escalatedAt: 5,
  escalatedBy: 'u1',
  escalatedByName: 'Ada',
  fromTier: 'autonomous',
  toTier: 'consultative',
  toDomainId: null,
  reason: 'Costs more than we thought.',
});
const linkItem = (id: string) => ({
  id,
  relation: 'depends-on',
  decisionId: 'x2',
  workspaceId: null,
  title: 'Hire',
  createdAt: 6,
});

describe('document layout', () => {
  it('has one top-level map per kind, named as the kind, and a meta map', () => {
    const doc = createTestDoc(1);
    const { repo } = createTestRepository(doc);
    initialiseDocument(doc, 'ws-1');
    const domain = repo.create('domains', { name: 'Product', level: 'team', parentId: null, purpose: '' });
    const decision = repo.create('decisions', { title: 'T', domainId: null, status: 'draft', context: '' });
    const stored = doc.getMap('domains').get(domain.id);
    expect(stored).toBeInstanceOf(Y.Map);
    expect((stored as Y.Map<unknown>).get('name')).toBe('Product');
    // An empty collection stores nothing; each item is a map in the entity's own map, under
    // `<collection>/<item id>`.
    const decisionMap = doc.getMap('decisions').get(decision.id) as Y.Map<unknown>;
    expect(decisionMap.has('advice')).toBe(false);
    repo.addToCollection('decisions', decision.id, 'advice', { id: 'a1', authorId: 'u2', text: 'Yes', createdAt: 3 });
    expect(decisionMap.get('advice/a1')).toBeInstanceOf(Y.Map);
    expect((decisionMap.get('advice/a1') as Y.Map<unknown>).get('text')).toBe('Yes');
    expect(decisionMap.has('advice')).toBe(false);
    expect(doc.getMap('meta').toJSON()).toEqual({ schemaVersion: CURRENT_SCHEMA_VERSION, workspaceId: 'ws-1' });
    expect(CURRENT_SCHEMA_VERSION).toBe(4);
  });

  it('has four distinct, frozen transaction origins', () => {
    const origins = [LOCAL_ORIGIN, MIGRATION_ORIGIN, IMPORT_ORIGIN, RESTORE_ORIGIN];
    expect(new Set(origins).size).toBe(4);
    for (const origin of origins) expect(Object.isFrozen(origin)).toBe(true);
  });
});

describe('initialiseDocument', () => {
  it('stamps a new document once, in one transaction with MIGRATION_ORIGIN', () => {
    const doc = createTestDoc(1);
    const origins: unknown[] = [];
    doc.on('afterTransaction', (transaction) => origins.push(transaction.origin));
    initialiseDocument(doc, 'ws-1');
    initialiseDocument(doc, 'ws-1');
    expect(origins).toEqual([MIGRATION_ORIGIN]);
    expect(documentToPlain(doc).workspaceId).toBe('ws-1');
  });

  it('does not mark a version-1 document (entities, no version) as current', () => {
    const doc = createTestDoc(1);
    storeRaw(doc, 'domains', 'd1', { id: 'd1', name: 'Old', deleted: false });
    initialiseDocument(doc, 'ws-1');
    expect(doc.getMap('meta').get('schemaVersion')).toBeUndefined();
    expect(doc.getMap('meta').get('workspaceId')).toBe('ws-1');
  });

  it('leaves a document from a newer schema untouched', () => {
    const doc = createTestDoc(1);
    doc.getMap('meta').set('schemaVersion', 5);
    const before = encodedState(doc);
    initialiseDocument(doc, 'ws-1');
    expect(encodedState(doc)).toEqual(before);
  });
});

describe('readEntity', () => {
  it('returns a valid entity, deep-frozen, with its collections', () => {
    const doc = createTestDoc(1);
    const map = storeRaw(doc, 'decisions', 'x1', {
      ...validDecision,
      tags: ['pricing'],
      'advice/a1': itemMap({ id: 'a1', authorId: 'u2', text: 'Yes', createdAt: 3 }),
    });
    const result = readEntity('decisions', map, 'x1');
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    // Advice written before authorName and fromDomainId existed reads with their defaults.
    expect(result.entity.advice).toEqual({
      a1: { id: 'a1', authorId: 'u2', authorName: '', fromDomainId: null, text: 'Yes', createdAt: 3 },
    });
    expect(result.entity.tags).toEqual(['pricing']);
    expect(Object.isFrozen(result.entity)).toBe(true);
    expect(Object.isFrozen(result.entity.tags)).toBe(true);
    expect(Object.isFrozen(result.entity.advice)).toBe(true);
    expect(Object.isFrozen(result.entity.advice.a1)).toBe(true);
  });

  it('reads every collection as empty when no item key is stored', () => {
    const doc = createTestDoc(1);
    const map = storeRaw(doc, 'decisions', 'x1', validDecision);
    const result = readEntity('decisions', map);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.entity).toMatchObject({ advice: {}, positions: {}, escalations: {}, links: {} });
  });

  it('groups the keys <collection>/<item id> into each collection, by id, for every collection of the kind', () => {
    const doc = createTestDoc(1);
    const map = storeRaw(doc, 'decisions', 'x1', {
      ...validDecision,
      'advice/a2': itemMap(adviceItem('a2')),
      'positions/p1': itemMap(positionItem('p1')),
      'advice/a1': itemMap(adviceItem('a1')),
      'escalations/e1': itemMap(escalationItem('e1')),
      'links/l1': itemMap(linkItem('l1')),
      // An item's id may hold the separator: the key splits at its first one.
      'links/other/l2': itemMap(linkItem('other/l2')),
    });
    const expected = {
      ...validDecision,
      advice: { a1: readAdvice('a1'), a2: readAdvice('a2') },
      positions: { p1: positionItem('p1') },
      escalations: { e1: escalationItem('e1') },
      links: { l1: linkItem('l1'), 'other/l2': linkItem('other/l2') },
    };
    const result = readEntity('decisions', map, 'x1');
    expect(result).toEqual({ ok: true, entity: expected });
    if (!result.ok) return;
    expect(Object.keys(result.entity.advice)).toEqual(['a1', 'a2']);
    // The same from the readable copy, where the items are flat keys as stored.
    const plain = toPlain(map) as Record<string, unknown>;
    expect(plain['positions/p1']).toEqual(positionItem('p1'));
    expect(validateEntity('decisions', plain, 'stored', 'x1')).toEqual({ ok: true, value: expected });
    // Every kind with collections, and none of the other kinds' collections.
    const domain = storeRaw(doc, 'domains', 'd1', {
      ...validDomain,
      'roles/u1': itemMap({ id: 'u1', role: 'owner' }),
      'resources/r1': itemMap({ id: 'r1', kind: 'tool', title: 'Wiki', link: '', note: '' }),
    });
    expect(readEntity('domains', domain, 'd1')).toMatchObject({
      ok: true,
      entity: { roles: { u1: { id: 'u1', role: 'owner' } }, metrics: {}, resources: { r1: { title: 'Wiki' } } },
    });
  });

  it('reports a key naming no collection of the kind as an unknown field', () => {
    const doc = createTestDoc(1);
    const map = storeRaw(doc, 'decisions', 'x1', {
      ...validDecision,
      'nope/x': itemMap(adviceItem('x')),
      // A collection of another kind.
      'roles/u1': itemMap({ id: 'u1', role: 'owner' }),
      // A scalar under a collection-like key of no collection.
      'notes/n1': 'text',
    });
    expect(readEntity('decisions', map, 'x1')).toEqual({
      ok: false,
      problem:
        'decisions.nope/x: is not a known field; decisions.notes/n1: is not a known field; ' +
        'decisions.roles/u1: is not a known field',
    });
  });

  it("reports a bad item with the collection, the item's id and the problem", () => {
    const doc = createTestDoc(1);
    const map = storeRaw(doc, 'decisions', 'x1', {
      ...validDecision,
      'advice/a1': 'not an item',
      'advice/a2': itemMap({ ...adviceItem('a2'), colour: 'red' }),
      'advice/a3': itemMap({ id: 'a3', authorId: 'u2', text: 'Yes' }),
      'positions/p1': itemMap({ ...positionItem('p1'), stance: 'maybe' }),
      'links/l1': itemMap(linkItem('l2')),
    });
    expect(readEntity('decisions', map, 'x1')).toEqual({
      ok: false,
      problem:
        'decisions.advice.a1: must be an object; decisions.advice.a2.colour: is not a known field; ' +
        'decisions.advice.a3.createdAt: is required; ' +
        'decisions.positions.p1.stance: must be one of "consent", "concern", "objection"; ' +
        'decisions.links.l1.id: does not match the key it is stored under',
    });
  });

  it("reads a collection's map (schema 3's layout) together with items under their own keys, sorted by id", () => {
    const doc = createTestDoc(1);
    const map = storeRaw(doc, 'decisions', 'x1', {
      ...validDecision,
      advice: new Y.Map<unknown>([
        ['a3', itemMap(adviceItem('a3'))],
        ['a1', itemMap(adviceItem('a1'))],
      ]),
      'advice/a2': itemMap(adviceItem('a2')),
      'advice/a0': itemMap(adviceItem('a0')),
      'positions/p1': itemMap(positionItem('p1')),
    });
    const expected = {
      ...validDecision,
      advice: { a0: readAdvice('a0'), a1: readAdvice('a1'), a2: readAdvice('a2'), a3: readAdvice('a3') },
      positions: { p1: positionItem('p1') },
      escalations: {},
      links: {},
    };
    const result = readEntity('decisions', map, 'x1');
    expect(result).toEqual({ ok: true, entity: expected });
    if (!result.ok) return;
    expect(Object.keys(result.entity.advice)).toEqual(['a0', 'a1', 'a2', 'a3']);
    expect(Object.isFrozen(result.entity.advice)).toBe(true);
    expect(Object.isFrozen(result.entity.advice.a3)).toBe(true);
    // The fast path reads it (no fallback), and the readable copy validates the same.
    const fast = readValidEntity('decisions', map, 'x1');
    expect(fast).not.toBeNull();
    expect(fast).toStrictEqual(result.entity);
    expect(Object.keys(fast?.advice ?? {})).toEqual(['a0', 'a1', 'a2', 'a3']);
    expect(validateEntity('decisions', toPlain(map), 'stored', 'x1')).toEqual({ ok: true, value: expected });
    // An empty map is an empty collection; each kind reads the maps of its own collections.
    const domain = storeRaw(doc, 'domains', 'd1', {
      ...validDomain,
      roles: new Y.Map<unknown>([['u1', itemMap({ id: 'u1', role: 'owner' })]]),
      metrics: new Y.Map<unknown>(),
      'roles/u2': itemMap({ id: 'u2', role: 'member' }),
    });
    const fastDomain = readValidEntity('domains', domain, 'd1');
    expect(fastDomain).toMatchObject({
      roles: { u1: { id: 'u1', role: 'owner' }, u2: { id: 'u2', role: 'member' } },
      metrics: {},
    });
    expect(readEntity('domains', domain, 'd1')).toEqual({ ok: true, entity: fastDomain });
  });

  it('reads the item under its own key, not the one of the same id in the map, on both paths', () => {
    const doc = createTestDoc(1);
    const own = { ...adviceItem('a1'), text: 'Under its own key' };
    const map = storeRaw(doc, 'decisions', 'x1', {
      ...validDecision,
      advice: new Y.Map<unknown>([
        ['a1', itemMap({ ...adviceItem('a1'), text: 'In the map' })],
        ['a2', itemMap(adviceItem('a2'))],
      ]),
      'advice/a1': itemMap(own),
    });
    const expected = { ...validDecision, advice: { a1: { ...readAdvice('a1'), ...own }, a2: readAdvice('a2') } };
    expect(readEntity('decisions', map, 'x1')).toMatchObject({ ok: true, entity: expected });
    expect(readValidEntity('decisions', map, 'x1')).toMatchObject(expected);
    expect(validateEntity('decisions', toPlain(map), 'stored', 'x1')).toMatchObject({ ok: true, value: expected });
    // The map's item is not read at all, so it may even be broken.
    const shadowed = storeRaw(doc, 'decisions', 'x2', {
      ...validDecision,
      id: 'x2',
      advice: new Y.Map<unknown>([['a1', 'not an item']]),
      'advice/a1': itemMap(own),
    });
    const readShadowed = readEntity('decisions', shadowed, 'x2');
    expect(readShadowed).toMatchObject({ ok: true, entity: { advice: { a1: own } } });
    expect(readValidEntity('decisions', shadowed, 'x2')).toStrictEqual(readShadowed.ok ? readShadowed.entity : null);
    // And a broken item under its own key is reported, even with a good one in the map.
    const broken = storeRaw(doc, 'decisions', 'x3', {
      ...validDecision,
      id: 'x3',
      advice: new Y.Map<unknown>([['a1', itemMap(adviceItem('a1'))]]),
      'advice/a1': itemMap({ ...adviceItem('a1'), text: '' }),
    });
    expect(readValidEntity('decisions', broken, 'x3')).toBeNull();
    expect(readEntity('decisions', broken, 'x3')).toEqual({
      ok: false,
      problem: 'decisions.advice.a1.text: must not be empty',
    });
  });

  it("reports a collection's name holding something other than a map, and the map's bad items", () => {
    const doc = createTestDoc(1);
    const notCollections: [string, unknown][] = [
      ['text', 'not a map'],
      ['number', 3],
      ['null', null],
      ['list', Y.Array.from([adviceItem('a1')])],
      ['plain list', [adviceItem('a1')]],
      ['shared text', new Y.Text('a1')],
    ];
    for (const [what, value] of notCollections) {
      const map = storeRaw(doc, 'decisions', 'x1', { ...validDecision, advice: value });
      expect(readValidEntity('decisions', map, 'x1'), what).toBeNull();
      expect(readEntity('decisions', map, 'x1'), what).toEqual({
        ok: false,
        problem: 'decisions.advice: must be a keyed collection',
      });
    }
    // Reported beside the problems of its items under their own keys, in collection order.
    const both = storeRaw(doc, 'domains', 'd1', {
      ...validDomain,
      roles: 'owner',
      'roles/u1': itemMap({ id: 'u1', role: 'boss' }),
      'metrics/m1': 'not an item',
    });
    expect(readEntity('domains', both, 'd1')).toEqual({
      ok: false,
      problem:
        'domains.roles: must be a keyed collection; domains.roles.u1.role: must be one of "owner", "member"; ' +
        'domains.metrics.m1: must be an object',
    });
    // A map under the name of a collection the kind does not have is an unknown field.
    const foreign = storeRaw(doc, 'decisions', 'x2', {
      ...validDecision,
      id: 'x2',
      roles: new Y.Map<unknown>([['u1', itemMap({ id: 'u1', role: 'owner' })]]),
    });
    expect(readEntity('decisions', foreign, 'x2')).toEqual({
      ok: false,
      problem: 'decisions.roles: is not a known field',
    });
    // The items of a map are checked as those under their own keys are.
    const badItems = storeRaw(doc, 'decisions', 'x3', {
      ...validDecision,
      id: 'x3',
      advice: new Y.Map<unknown>([
        ['a1', 'not an item'],
        ['a2', itemMap(adviceItem('a9'))],
        ['a3', itemMap({ ...adviceItem('a3'), colour: 'red' })],
      ]),
    });
    expect(readValidEntity('decisions', badItems, 'x3')).toBeNull();
    expect(readEntity('decisions', badItems, 'x3')).toEqual({
      ok: false,
      problem:
        'decisions.advice.a1: must be an object; decisions.advice.a2.id: does not match the key it is stored under; ' +
        'decisions.advice.a3.colour: is not a known field',
    });
  });

  it('describes every problem of invalid peer data instead of throwing', () => {
    const doc = createTestDoc(1);
    const map = storeRaw(doc, 'domains', 'd1', {
      ...validDomain,
      name: '',
      level: 'galaxy',
      createdAt: 'yesterday',
      colour: 'red',
    });
    expect(readEntity('domains', map, 'd1')).toEqual({
      ok: false,
      problem:
        'domains.createdAt: must be a number; domains.name: must not be empty; ' +
        'domains.level: must be one of "individual", "team", "domain"; domains.colour: is not a known field',
    });
  });

  it('reports a value that is not a map, an id that does not match its key, and bad collection items', () => {
    const doc = createTestDoc(1);
    expect(readEntity('domains', 'just a string')).toEqual({
      ok: false,
      problem: 'domains: is not an entity (expected a map of fields)',
    });
    const map = storeRaw(doc, 'domains', 'd1', validDomain);
    expect(readEntity('domains', map, 'other')).toEqual({
      ok: false,
      problem: 'domains.id: does not match the key it is stored under ("other")',
    });
    const decision = storeRaw(doc, 'decisions', 'x1', {
      ...validDecision,
      'advice/a1': itemMap({ id: 'a2', authorId: 'u2', text: 'Yes', createdAt: 3 }),
      'advice/a3': itemMap({ id: 'a3', authorId: 'u2', text: '', createdAt: 3 }),
    });
    expect(readEntity('decisions', decision, 'x1')).toEqual({
      ok: false,
      problem:
        'decisions.advice.a1.id: does not match the key it is stored under; decisions.advice.a3.text: must not be empty',
    });
  });

  it('reads a policy whose limits a merge crossed: rules between fields are checked on writes only', () => {
    const doc = createTestDoc(1);
    const map = storeRaw(doc, 'policies', 'p1', {
      id: 'p1',
      createdAt: 1,
      updatedAt: 2,
      createdBy: 'u1',
      deletedAt: null,
      domainId: 'd1',
      autonomousCostLimit: 900,
      consultativeCostLimit: 100,
    });
    expect(readEntity('policies', map, 'p1').ok).toBe(true);
  });
});

describe('readEntity with a key named __proto__', () => {
  it('reports it as an unknown field instead of losing it', () => {
    const doc = createTestDoc(1);
    const map = storeRaw(doc, 'domains', 'd1', { ...validDomain, ['__proto__']: 'x' });
    expect(readEntity('domains', map, 'd1')).toEqual({
      ok: false,
      problem: 'domains.__proto__: is not a known field',
    });
    const fromJson: unknown = JSON.parse(JSON.stringify({ ...validDomain, x: 1 }).replace('"x"', '"__proto__"'));
    expect(validateEntity('domains', fromJson, 'stored', 'd1')).toEqual({
      ok: false,
      problems: ['domains.__proto__: is not a known field'],
    });
  });
});

describe('readEntity fast path (readValidEntity)', () => {
  const base = { createdAt: 1, updatedAt: 2, createdBy: 'u1', deletedAt: null };
  const fieldsOf = {
    domains: { ...entityFieldDefaults.domains, name: 'Product', level: 'team', parentId: null },
    decisions: { ...entityFieldDefaults.decisions, title: 'Ship it', domainId: 'd1', status: 'draft', context: 'Why' },
    experiments: { title: 'Try', domainId: null, hypothesis: '', status: 'planned' },
    reviews: {
      ...entityFieldDefaults.reviews,
      title: 'R',
      cadence: 'weekly',
      periodStart: '2026-01-05',
      periodEnd: '2026-01-11',
      domainId: null,
    },
    pulseChecks: {
      ...entityFieldDefaults.pulseChecks,
      periodStart: '2026-01-05',
      satisfaction: 3,
      stress: 2,
      collaboration: 4,
      trust: 5,
    },
    valueEntries: { ...entityFieldDefaults.valueEntries, title: 'V', domainId: null, defects: 1 },
    actions: {
      ...entityFieldDefaults.actions,
      title: 'A',
      ownerId: null,
      dueOn: '2026-02-01',
      done: false,
      reviewId: null,
    },
    // Crossed limits: valid when stored (rules between fields are for writes).
    policies: { domainId: 'd1', autonomousCostLimit: 900, consultativeCostLimit: 100 },
    members: { name: 'Ada', role: '' },
    metricThresholds: { metric: 'escalationRate', green: 0.05, red: 0.2 },
    reviewTemplates: { name: 'Short weekly', cadence: 'weekly' },
    anonymousReviewNotes: { reviewId: 'r1', topicId: 'support-needs', text: 'Nobody to ask', groupId: null },
  } satisfies { [K in EntityKind]: EntityFields<K> };
  const advice = (id: string) => ({ id, authorId: 'u2', text: 'Yes', createdAt: 3 });
  const agreement = (id: string) => ({
    id,
    otherDomainId: 'd2',
    provides: 'Release notes',
    expects: 'Two weeks notice',
    serviceAgreement: 'Answer within 2 days',
    communication: '#web',
    escalationPath: ['Team lead', 'Head of product'],
  });
  const change = (id: string) => ({
    id,
    changedAt: 4,
    changedBy: 'u1',
    changedByName: 'Ada',
    fromAutonomous: null,
    fromConsultative: null,
    toAutonomous: 100,
    toConsultative: 900,
    reason: 'First limits',
  });
  /** The items stored in each kind's collections (one or more in every one), out of id order on purpose. */
  const itemsOf: { [K in EntityKind]?: Record<string, readonly ({ id: string } & Record<string, unknown>)[]> } = {
    domains: {
      roles: [{ id: 'u1', role: 'owner' }],
      metrics: [{ id: 'm1', name: 'Lead time', unit: 'days', target: null, direction: 'lower' }],
      metricValues: [{ id: 'v1', metricId: 'm1', value: 4.5, recordedOn: '2026-01-05', note: '' }],
      agreements: [agreement('g2'), agreement('g1')],
      resources: [{ id: 'r1', kind: 'guide', title: 'Onboarding', link: 'https://example.org/guide', note: '' }],
    },
    decisions: {
      advice: [advice('a2'), advice('a1')],
      positions: [positionItem('p2'), positionItem('p1')],
      escalations: [escalationItem('e1')],
      links: [linkItem('l1')],
    },
    policies: { changes: [change('c1')] },
    reviews: {
      notes: [
        {
          id: 'n2',
          topicId: 'quick-wins',
          text: 'Pairing',
          authorKey: '',
          authorName: '',
          anonymous: true,
          groupId: 'g1',
          createdAt: 5,
        },
        {
          id: 'n1',
          topicId: 'quick-wins',
          text: 'Demos',
          authorKey: 'u1',
          authorName: 'Ada',
          anonymous: false,
          groupId: null,
          createdAt: 4,
        },
      ],
      groups: [{ id: 'g1', topicId: 'quick-wins', title: 'Ways of working', createdAt: 6 }],
      votes: [{ id: 'u1|g1', personKey: 'u1', personName: 'Ada', itemId: 'g1', count: 2 }],
      checkIns: [{ id: 'u1', name: 'Ada', word: 'Curious', createdAt: 3 }],
    },
    reviewTemplates: {
      topics: [
        { id: 'quick-wins', title: 'Wins', prompts: ['What went well?', 'Who helped?'], hidden: false },
        { id: 'resource-usage', title: '', prompts: [], hidden: true },
      ],
    },
  };

  /**
   * Where the items of a stored entity sit: each under its key `<collection>/<item id>`
   * (schema 4), all in one map per collection (schema 3 and before), or both: the first item
   * of each collection in its map, the others under their own keys, and in the map beside them
   * a broken item with the id of the last one, which the one under its own key hides.
   */
  type Layout = 'own keys' | 'maps' | 'mixed';
  const layouts: readonly Layout[] = ['own keys', 'maps', 'mixed'];

  /**
   * Stores a valid entity of `kind` under `id`, with the items of `itemsOf` laid out as
   * `layout` says, between the fields (a map keeps no order that matters).
   */
  function storeValid(doc: Y.Doc, kind: EntityKind, id: string, layout: Layout = 'own keys'): Y.Map<unknown> {
    const fields: Record<string, unknown> = { id, ...base };
    for (const [name, items] of Object.entries(itemsOf[kind] ?? {})) {
      if (layout === 'own keys') {
        for (const item of items) fields[`${name}/${item.id}`] = itemMap(item);
      } else if (layout === 'maps') {
        fields[name] = new Y.Map<unknown>(items.map((item) => [item.id, itemMap(item)]));
      } else {
        const [first, ...others] = items;
        const last = others.at(-1);
        const inMap: [string, unknown][] = first === undefined ? [] : [[first.id, itemMap(first)]];
        if (last !== undefined) inMap.push([last.id, 'hidden by the item under its own key']);
        fields[name] = new Y.Map<unknown>(inMap);
        for (const item of others) fields[`${name}/${item.id}`] = itemMap(item);
      }
    }
    return storeRaw(doc, kind, id, { ...fields, ...fieldsOf[kind] });
  }

  function isDeepFrozen(value: unknown): boolean {
    if (typeof value !== 'object' || value === null) return true;
    return Object.isFrozen(value) && Object.values(value).every(isDeepFrozen);
  }

  /** What `validateEntity` says of the same map, in `readEntity`'s form. */
  function fullRead(kind: EntityKind, map: Y.Map<unknown>, expectedId?: string) {
    const result = validateEntity(kind, toPlain(map), 'stored', expectedId);
    return result.ok ? { ok: true, entity: result.value } : { ok: false, problem: result.problems.join('; ') };
  }

  it('reads a valid entity of every kind, equal to validateEntity and deep-frozen', () => {
    const doc = createTestDoc(1);
    for (const kind of entityKinds) {
      const map = storeValid(doc, kind, 'e1');
      const entity = readValidEntity(kind, map, 'e1');
      expect(entity, kind).not.toBeNull();
      const full = fullRead(kind, map, 'e1');
      expect(full.ok).toBe(true);
      expect(entity).toStrictEqual(full.entity);
      expect(Object.keys(entity ?? {})).toEqual(Object.keys(full.entity ?? {}));
      expect(isDeepFrozen(entity)).toBe(true);
      // The same items in schema 3's collection maps, or in both layouts at once, read the same.
      for (const layout of layouts) {
        const other = storeValid(createTestDoc(2), kind, 'e1', layout);
        const otherEntity = readValidEntity(kind, other, 'e1');
        expect(otherEntity, `${kind}, ${layout}`).toStrictEqual(entity);
        expect(Object.keys(otherEntity ?? {}), `${kind}, ${layout}`).toEqual(Object.keys(entity ?? {}));
        expect(fullRead(kind, other, 'e1'), `${kind}, ${layout}`).toStrictEqual(full);
        expect(isDeepFrozen(otherEntity)).toBe(true);
      }
    }
    const decision = readValidEntity('decisions', getKindMap(doc, 'decisions').get('e1') as Y.Map<unknown>, 'e1');
    expect(Object.keys(decision?.advice ?? {})).toEqual(['a1', 'a2']);
    expect(Object.keys(decision?.positions ?? {})).toEqual(['p1', 'p2']);
    expect(decision?.escalations).toEqual({ e1: escalationItem('e1') });
    expect(decision?.links).toEqual({ l1: linkItem('l1') });
    expect(Object.isFrozen(decision?.advice)).toBe(true);
    expect(Object.isFrozen(decision?.advice.a1)).toBe(true);
    expect(Object.isFrozen(decision?.positions.p1)).toBe(true);
    const domain = readValidEntity('domains', getKindMap(doc, 'domains').get('e1') as Y.Map<unknown>, 'e1');
    expect(Object.keys(domain?.agreements ?? {})).toEqual(['g1', 'g2']);
    expect(domain?.agreements.g1).toEqual(agreement('g1'));
    // A list inside an item is frozen too, like everything validateEntity returns.
    expect(Object.isFrozen(domain?.agreements.g1?.escalationPath)).toBe(true);
    expect(domain?.roles).toEqual({ u1: { id: 'u1', role: 'owner' } });
    expect(Object.keys(domain?.metricValues ?? {})).toEqual(['v1']);
    // A kind's collection without items reads as empty.
    const bare = storeRaw(doc, 'decisions', 'e2', { id: 'e2', ...base, ...fieldsOf.decisions });
    expect(readValidEntity('decisions', bare, 'e2')).toMatchObject({ advice: {}, positions: {}, links: {} });
  });

  it('never accepts what validateEntity refuses, and gives the same value where both accept (property)', () => {
    const fieldKeys = [...new Set(Object.values(fieldsOf).flatMap((fields) => Object.keys(fields)))];
    // Collection names alone (schema 3's layout), keys of items of known, other kinds' and
    // unknown collections, and an unknown field.
    const itemKeys = ['advice/a1', 'positions/p1', 'roles/u1', 'nope/a1', 'advice/'];
    const keys = [
      'id',
      ...Object.keys(base),
      ...fieldKeys,
      'advice',
      'roles',
      ...itemKeys,
      'colour',
      '__proto__',
      'constructor',
    ];
    const scalar = fc.oneof(
      fc.constantFrom<unknown>(
        'Ship it',
        '  padded  ',
        '',
        ' ',
        'a'.repeat(201),
        'team',
        'draft',
        'weekly',
        'planned',
        '2026-01-05',
        '2026-02-30',
        'd1',
        'e1',
        0,
        1,
        5,
        6,
        -1,
        2.5,
        1e15,
        Number.NaN,
        Number.POSITIVE_INFINITY,
        null,
        true,
        false,
        undefined,
      ),
      fc.string({ maxLength: 4 }),
      fc.integer(),
    );
    // A valid item for an id, maybe with one field changed or removed. As entries, so a key
    // named __proto__ is data, not the prototype.
    const changedItem = (item: Record<string, unknown>) =>
      fc.option(fc.tuple(fc.constantFrom(...Object.keys(item), 'extra', '__proto__'), scalar)).map((change) => {
        const entries = Object.entries(item);
        if (change === null) return entries;
        const [key, value] = change;
        const others = entries.filter(([name]) => name !== key);
        return value === undefined ? others : [...others, [key, value] as [string, unknown]];
      });
    const adviceItem = (itemId: string) => changedItem(advice(itemId));
    // An item of a collection (a decision's advice, a domain's roles), as entries, or a scalar.
    const itemIds = ['a1', 'a2', 'a3', 'u1', 'u2', '__proto__'];
    const collectionItem = (collection: 'advice' | 'roles', itemId: string) =>
      fc.oneof(
        {
          weight: 3,
          arbitrary: collection === 'advice' ? adviceItem(itemId) : changedItem({ id: itemId, role: 'owner' }),
        },
        { weight: 1, arbitrary: scalar },
      );
    const asValue = (item: unknown) => (Array.isArray(item) ? new Y.Map<unknown>(item as [string, unknown][]) : item);
    const olderCollection = fc.constantFrom('advice' as const, 'roles' as const);
    const mutation = fc.oneof(
      {
        weight: 4,
        arbitrary: fc.record({ type: fc.constant('set' as const), key: fc.constantFrom(...keys), value: scalar }),
      },
      { weight: 2, arbitrary: fc.record({ type: fc.constant('delete' as const), key: fc.constantFrom(...keys) }) },
      {
        weight: 1,
        arbitrary: fc.record({
          type: fc.constantFrom('map' as const, 'array' as const),
          key: fc.oneof(fc.constantFrom('advice', 'advice/a1'), fc.constantFrom(...keys)),
          empty: fc.boolean(),
        }),
      },
      {
        weight: 2,
        arbitrary: fc.constantFrom('a1', 'a2', 'a3', '__proto__').chain((itemId) =>
          fc.record({
            type: fc.constant('advice' as const),
            itemId: fc.constant(itemId),
            item: fc.oneof({ weight: 3, arbitrary: adviceItem(itemId) }, { weight: 1, arbitrary: scalar }),
          }),
        ),
      },
      // Schema 3's layout: a whole collection map (its ids may also be under their own keys)…
      {
        weight: 2,
        arbitrary: olderCollection.chain((collection) =>
          fc.record({
            type: fc.constant('older' as const),
            collection: fc.constant(collection),
            items: fc.array(
              fc
                .constantFrom(...itemIds)
                .chain((itemId) => fc.tuple(fc.constant(itemId), collectionItem(collection, itemId))),
              { maxLength: 3 },
            ),
          }),
        ),
      },
      // …or one item of the collection map already there set (or removed, for undefined).
      {
        weight: 2,
        arbitrary: olderCollection.chain((collection) =>
          fc.constantFrom(...itemIds).chain((itemId) =>
            fc.record({
              type: fc.constant('older item' as const),
              collection: fc.constant(collection),
              itemId: fc.constant(itemId),
              item: collectionItem(collection, itemId),
            }),
          ),
        ),
      },
    );
    fc.assert(
      fc.property(
        // Decisions more often: the mutations below write its advice.
        fc.oneof(fc.constantFrom(...entityKinds), fc.constant('decisions' as const)),
        fc.array(mutation, { maxLength: 3 }),
        fc.constantFrom('e1', 'other', undefined),
        fc.constantFrom(...layouts),
        (kind, mutations, expectedId, layout) => {
          const doc = createTestDoc(1);
          const map = storeValid(doc, kind, 'e1', layout);
          for (const change of mutations) {
            if (change.type === 'set') map.set(change.key, change.value);
            else if (change.type === 'delete') map.delete(change.key);
            else if (change.type === 'advice') map.set(`advice/${change.itemId}`, asValue(change.item));
            else if (change.type === 'older') {
              map.set(
                change.collection,
                new Y.Map<unknown>(change.items.map(([itemId, item]) => [itemId, asValue(item)])),
              );
            } else if (change.type === 'older item') {
              const older = map.get(change.collection);
              if (!(older instanceof Y.Map)) continue;
              if (change.item === undefined) older.delete(change.itemId);
              else older.set(change.itemId, asValue(change.item));
            } else if (change.type === 'map') {
              map.set(change.key, new Y.Map<unknown>(change.empty ? [] : [['id', 'e1']]));
            } else map.set(change.key, Y.Array.from<string>(change.empty ? [] : ['e1']));
          }
          const full = fullRead(kind, map, expectedId);
          const fast = readValidEntity(kind, map, expectedId);
          if (fast !== null) {
            expect(isDeepFrozen(fast)).toBe(true);
            expect(full.ok).toBe(true);
            expect(fast).toStrictEqual(full.entity);
            expect(Object.keys(fast)).toEqual(Object.keys(full.entity ?? {}));
          }
          expect(readEntity(kind, map, expectedId)).toStrictEqual(full);
        },
      ),
      { numRuns: 2_000 },
    );
  });
});

describe('documentToPlain and plainDocumentSchema', () => {
  it('copies every kind with sorted ids and fields, and validates against the entity schemas', () => {
    const doc = createTestDoc(1);
    initialiseDocument(doc, 'ws-1');
    const { repo } = createTestRepository(doc);
    const b = repo.create('domains', { name: 'B', level: 'team', parentId: null, purpose: '' });
    const a = repo.create('domains', { name: 'A', level: 'team', parentId: null, purpose: '' });
    const decision = repo.create('decisions', { title: 'T', domainId: a.id, status: 'draft', context: '' });
    repo.addToCollection('decisions', decision.id, 'advice', {
      id: 'adv-1',
      authorId: 'u2',
      text: 'Go',
      createdAt: 5,
    });
    const plain = documentToPlain(doc);
    expect(Object.keys(plain.entities)).toEqual([...entityKinds]);
    expect(Object.keys(plain.entities.domains)).toEqual([b.id, a.id].sort());
    // The copy is what is stored: fields holding their default are not (purpose '' and
    // context '' were given, but equal their defaults), nor are empty collections; an item
    // is under its key `<collection>/<item id>`.
    expect(Object.keys(plain.entities.domains[a.id] as object)).toEqual(
      [...['createdAt', 'createdBy', 'deletedAt', 'id', 'updatedAt'], ...['name', 'level', 'parentId']].sort(),
    );
    expect(Object.keys(plain.entities.decisions[decision.id] as object)).toEqual(
      [
        ...['createdAt', 'createdBy', 'deletedAt', 'id', 'updatedAt'],
        ...['title', 'domainId', 'status'],
        'advice/adv-1',
      ].sort(),
    );
    expect((plain.entities.decisions[decision.id] as Record<string, unknown>)['advice/adv-1']).toEqual({
      id: 'adv-1',
      authorId: 'u2',
      authorName: '',
      fromDomainId: null,
      text: 'Go',
      createdAt: 5,
    });
    expect(plain.schemaVersion).toBe(4);
    expect(plain.workspaceId).toBe('ws-1');
    expect(JSON.parse(JSON.stringify(plain))).toEqual(plain);

    // Validated with every default filled in: each entity as the app reads it.
    const parsed = plainDocumentSchema.parse(plain);
    expect(parsed.entities.decisions[decision.id]?.advice['adv-1']?.text).toBe('Go');
    expect(parsed.entities.domains[a.id]).toEqual(repo.get('domains', a.id));
    expect(parsed.entities.domains[b.id]).toEqual(repo.get('domains', b.id));
    expect(parsed.entities.decisions[decision.id]).toEqual(repo.get('decisions', decision.id));
    expect(Object.keys(parsed.entities.domains[a.id] as object).sort()).toEqual(
      [
        ...['createdAt', 'createdBy', 'deletedAt', 'id', 'updatedAt'],
        ...['name', 'level', 'parentId', 'purpose', 'responsibility', 'objectives'],
        ...['budgetAmount', 'budgetUnit', 'budgetPeriod', 'capacityAmount', 'capacityUnit'],
        ...['principles', 'qualityStandards', 'riskParameters', 'ethics', 'pilot'],
        ...['roles', 'metrics', 'metricValues', 'agreements', 'resources'],
      ].sort(),
    );
    expect(Object.keys(parsed.entities.decisions[decision.id] as object).sort()).toEqual(
      [
        ...['createdAt', 'createdBy', 'deletedAt', 'id', 'updatedAt'],
        ...['title', 'domainId', 'status', 'context', 'options', 'decisionText', 'rationale', 'ownerId', 'tags'],
        ...['kind', 'category', 'cost', 'crossDomain', 'horizon', 'reversibility', 'followsGuidelines'],
        ...['chosenTier', 'overrideReason', 'proposedAt', 'decidedAt', 'implementedAt', 'supersededById'],
        ...['reviewOn', 'rollbackPlan', 'reviewOutcome', 'reviewedAt', 'expectedResult', 'actualResult'],
        ...['rolledBackAt', 'lessons'],
        ...['adviceFrom', 'adviceWeighing'],
        ...['hypothesis', 'successCriteria', 'experimentScope', 'startOn', 'endOn', 'result'],
        ...['advice', 'positions', 'escalations', 'links'],
      ].sort(),
    );
  });

  it('refuses a copy with an invalid entity, a wrong version or an unknown kind', () => {
    const doc = createTestDoc(1);
    initialiseDocument(doc, 'ws-1');
    storeRaw(doc, 'domains', 'd1', { ...validDomain, name: '' });
    const result = plainDocumentSchema.safeParse(documentToPlain(doc));
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => [issue.path.join('.'), issue.message])).toEqual([
      ['entities.domains.d1', 'domains.name: must not be empty'],
    ]);

    getKindMap(doc, 'domains').delete('d1');
    const good = documentToPlain(doc);
    expect(plainDocumentSchema.safeParse(good).success).toBe(true);
    for (const schemaVersion of [3, 5]) {
      expect(plainDocumentSchema.safeParse({ ...good, schemaVersion }).error?.issues[0]?.message).toBe(
        'must be 4, the schema this version of Latitude reads',
      );
    }
    expect(plainDocumentSchema.safeParse({ ...good, entities: { ...good.entities, spaceships: {} } }).success).toBe(
      false,
    );
  });
});
