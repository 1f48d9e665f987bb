import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { ABORTED_INTENT } from './repository';
import {
  createTestClock,
  createTestDoc,
  createTestRepository,
  encodedState,
  expectedDomainDefaults,
  storeOlderCollection,
  syncAll,
  syncOneWay,
} from './test-support';
import { createUndoManager } from './undo';
import { LOCAL_ORIGIN, documentToPlain, getKindMap, readEntity, toPlain, validateEntity } from './workspace-document';

const product = { name: 'Product', level: 'team', parentId: null, purpose: 'Build what users need.' } as const;
const decisionFields = { title: 'Raise prices', domainId: null, status: 'draft', context: '' } as const;
/** A new domain's collections, as read: empty (and not stored at all). */
const domainCollections = { roles: {}, metrics: {}, metricValues: {}, agreements: {}, resources: {} } as const;
/**
 * What a domain reads for every field its creator leaves out, and its empty collections.
 * Fields holding their default are not stored, nor are empty collections; every read fills
 * them in.
 */
const domainDefaults = {
  purpose: '',
  ...expectedDomainDefaults,
  ...domainCollections,
} as const;

function setup(clientID = 1) {
  const doc = createTestDoc(clientID);
  const clock = createTestClock(1_000);
  const { repo } = createTestRepository(doc, { clock, userId: `user-${clientID}` });
  return { doc, repo, clock };
}

/** Counts transactions and remembers their origins. */
function recordTransactions(doc: Y.Doc): Y.Transaction[] {
  const transactions: Y.Transaction[] = [];
  doc.on('afterTransaction', (transaction) => transactions.push(transaction));
  return transactions;
}

describe('repository: create, update, delete, restore', () => {
  it('creates an entity with its bookkeeping and returns it as stored', () => {
    const { doc, repo } = setup();
    const domain = repo.create('domains', { ...product, name: '  Product  ' });
    expect(domain).toEqual({
      id: 'id-1-1',
      createdAt: 1_000,
      updatedAt: 1_000,
      createdBy: 'user-1',
      deletedAt: null,
      ...domainDefaults,
      ...product,
    });
    expect(Object.isFrozen(domain)).toBe(true);
    expect(repo.get('domains', domain.id)).toEqual(domain);
    expect((getKindMap(doc, 'domains').get(domain.id) as Y.Map<unknown>).get('name')).toBe('Product');
  });

  it('updates only the fields that changed and bumps updatedAt', () => {
    const { doc, repo, clock } = setup();
    const domain = repo.create('domains', product);
    clock.set(2_000);
    const map = getKindMap(doc, 'domains').get(domain.id) as Y.Map<unknown>;
    const changedKeys: string[][] = [];
    map.observe((event) => changedKeys.push([...(event.keysChanged as Set<string>)].sort()));
    const updated = repo.update('domains', domain.id, { name: 'Product', purpose: 'Delight users.' });
    expect(updated).toEqual({ ...domain, purpose: 'Delight users.', updatedAt: 2_000 });
    expect(changedKeys).toEqual([['purpose', 'updatedAt']]);
  });

  it('writes nothing for an update that changes nothing', () => {
    const { doc, repo, clock } = setup();
    const domain = repo.create('domains', product);
    clock.set(2_000);
    const before = encodedState(doc);
    expect(repo.update('domains', domain.id, { name: ' Product ', purpose: product.purpose })).toEqual(domain);
    // Fields holding their default (not stored) and an equal list are no change either.
    expect(repo.update('domains', domain.id, { pilot: false, budgetAmount: null, principles: '' })).toEqual(domain);
    expect(encodedState(doc)).toEqual(before);
    const decision = repo.create('decisions', { title: 'Ship', domainId: null, status: 'draft', tags: ['a'] });
    const withDecision = encodedState(doc);
    expect(repo.update('decisions', decision.id, { tags: ['a'], kind: 'decision' })).toEqual(decision);
    expect(encodedState(doc)).toEqual(withDecision);
    expect(withDecision.update.byteLength).toBeGreaterThan(before.update.byteLength);
  });

  it('moves to the trash and back, keeping the first deletion time', () => {
    const { repo, clock } = setup();
    const domain = repo.create('domains', product);
    clock.set(2_000);
    repo.softDelete('domains', domain.id);
    expect(repo.get('domains', domain.id)).toMatchObject({ deletedAt: 2_000, updatedAt: 2_000 });
    clock.set(3_000);
    repo.softDelete('domains', domain.id);
    expect(repo.get('domains', domain.id)).toMatchObject({ deletedAt: 2_000, updatedAt: 2_000 });
    repo.restore('domains', domain.id);
    expect(repo.get('domains', domain.id)).toEqual({ ...domain, updatedAt: 3_000 });
  });

  it('can trash an entity it cannot read (broken or not fully arrived), writing only the tombstone', () => {
    const { doc, repo, clock } = setup();
    const domain = repo.create('domains', product);
    const map = getKindMap(doc, 'domains').get(domain.id) as Y.Map<unknown>;
    doc.transact(() => map.delete('name'), 'peer');
    expect(repo.get('domains', domain.id)).toBeUndefined();
    clock.set(2_000);
    repo.softDelete('domains', domain.id);
    expect(map.get('deletedAt')).toBe(2_000);
    expect(map.has('name')).toBe(false);
  });

  it('adds to and removes from a keyed collection', () => {
    const { repo, clock } = setup();
    const decision = repo.create('decisions', decisionFields);
    expect(decision.advice).toEqual({});
    clock.set(2_000);
    const advice = repo.addToCollection('decisions', decision.id, 'advice', {
      authorId: 'user-2',
      text: 'Ask customers first.',
      createdAt: 2_000,
    });
    expect(advice).toEqual({
      id: 'id-1-2',
      authorId: 'user-2',
      authorName: '',
      fromDomainId: null,
      text: 'Ask customers first.',
      createdAt: 2_000,
    });
    expect(repo.get('decisions', decision.id)?.advice).toEqual({ [advice.id]: advice });
    expect(repo.get('decisions', decision.id)?.updatedAt).toBe(2_000);
    clock.set(3_000);
    repo.removeFromCollection('decisions', decision.id, 'advice', advice.id);
    expect(repo.get('decisions', decision.id)).toMatchObject({ advice: {}, updatedAt: 3_000 });
  });

  it('returns undefined for an unknown or invalid entity', () => {
    const { doc, repo } = setup();
    expect(repo.get('domains', 'nope')).toBeUndefined();
    getKindMap(doc, 'domains').set('bad', 'not a map');
    expect(repo.get('domains', 'bad')).toBeUndefined();
  });
});

describe('repository: where a domain sits', () => {
  it('refuses a parent that does not exist or would make a loop, writing nothing', () => {
    const { doc, repo } = setup();
    const top = repo.create('domains', { ...product, name: 'Top', level: 'domain' });
    const middle = repo.create('domains', { ...product, name: 'Middle', parentId: top.id });
    const bottom = repo.create('domains', { ...product, name: 'Bottom', parentId: middle.id });
    const before = encodedState(doc);
    const loop = new Error('domains.parentId: a domain cannot be inside itself or one of its own sub-domains');
    expect(() => repo.update('domains', top.id, { parentId: bottom.id })).toThrow(loop);
    expect(() => repo.update('domains', top.id, { parentId: top.id })).toThrow(loop);
    expect(() => repo.create('domains', { ...product, parentId: 'nowhere' })).toThrow(
      new Error('domains.parentId: there is no domain with id "nowhere"'),
    );
    expect(encodedState(doc)).toEqual(before);
    // Moving a domain elsewhere that makes no loop is fine.
    expect(repo.update('domains', bottom.id, { parentId: top.id }).parentId).toBe(top.id);
  });

  it('still edits a domain that sits in a loop made by two peers, and lets the loop be undone', () => {
    const { doc, repo } = setup();
    const a = repo.create('domains', { ...product, name: 'A' });
    const b = repo.create('domains', { ...product, name: 'B', parentId: a.id });
    doc.transact(() => (getKindMap(doc, 'domains').get(a.id) as Y.Map<unknown>).set('parentId', b.id), 'peer');
    expect(repo.update('domains', a.id, { purpose: 'Still editable.' }).purpose).toBe('Still editable.');
    expect(repo.update('domains', a.id, { parentId: null }).parentId).toBeNull();
  });
});

describe('repository: defaults on create', () => {
  it('gives a domain created with only name, level and parent every default, and keeps what is given', () => {
    const { doc, repo } = setup();
    const domain = repo.create('domains', { name: 'Web team', level: 'team', parentId: null });
    expect(domain).toEqual({
      id: 'id-1-1',
      createdAt: 1_000,
      updatedAt: 1_000,
      createdBy: 'user-1',
      deletedAt: null,
      name: 'Web team',
      level: 'team',
      parentId: null,
      ...domainDefaults,
    });
    expect(repo.get('domains', domain.id)).toEqual(domain);
    // Stored: the bookkeeping and the fields given, no field holding its default and no
    // collection (empty: no item key): reads fill those in.
    const map = getKindMap(doc, 'domains').get(domain.id) as Y.Map<unknown>;
    expect(toPlain(map)).toEqual({
      id: 'id-1-1',
      createdAt: 1_000,
      updatedAt: 1_000,
      createdBy: 'user-1',
      deletedAt: null,
      name: 'Web team',
      level: 'team',
      parentId: null,
    });
    for (const name of Object.keys(domainCollections)) expect(map.has(name), name).toBe(false);
    const read = readEntity('domains', map, domain.id);
    expect(read).toEqual({ ok: true, entity: domain });
    expect(validateEntity('domains', toPlain(map), 'stored', domain.id)).toEqual({ ok: true, value: domain });

    const given = repo.create('domains', {
      name: 'Ops',
      level: 'domain',
      parentId: null,
      budgetAmount: 5_000,
      budgetUnit: 'EUR',
      budgetPeriod: 'quarter',
      pilot: true,
      // Given as undefined: left out, so it gets its default (as `update` ignores it).
      purpose: undefined,
    });
    expect(given).toEqual({
      id: 'id-1-2',
      createdAt: 1_000,
      updatedAt: 1_000,
      createdBy: 'user-1',
      deletedAt: null,
      ...domainDefaults,
      name: 'Ops',
      level: 'domain',
      parentId: null,
      budgetAmount: 5_000,
      budgetUnit: 'EUR',
      budgetPeriod: 'quarter',
      pilot: true,
    });
    expect(repo.get('domains', given.id)).toEqual(given);
    // Only the values that differ from their defaults are stored.
    expect(toPlain(getKindMap(doc, 'domains').get(given.id))).toEqual({
      id: 'id-1-2',
      createdAt: 1_000,
      updatedAt: 1_000,
      createdBy: 'user-1',
      deletedAt: null,
      name: 'Ops',
      level: 'domain',
      parentId: null,
      budgetAmount: 5_000,
      budgetUnit: 'EUR',
      budgetPeriod: 'quarter',
      pilot: true,
    });
  });

  it('gives a decision its defaults: no cost, not decided yet', () => {
    const { repo } = setup();
    const { title, domainId, status } = decisionFields;
    expect(repo.create('decisions', { title, domainId, status })).toMatchObject({
      context: '',
      cost: null,
      decidedAt: null,
      advice: {},
    });
  });

  it('stores no field given with its default value (a list included), and every other value', () => {
    const { doc, repo } = setup();
    const decision = repo.create('decisions', {
      ...decisionFields,
      // Given, but each equal to its default: not stored.
      tags: [],
      kind: 'decision',
      experimentScope: 'local',
      category: null,
      // Not the defaults ('', null, 'short', true): stored.
      options: 'Keep or raise',
      cost: 0,
      horizon: 'long',
      followsGuidelines: false,
    });
    expect(decision).toMatchObject({ context: '', tags: [], kind: 'decision', cost: 0, horizon: 'long' });
    expect(toPlain(getKindMap(doc, 'decisions').get(decision.id))).toEqual({
      id: 'id-1-1',
      createdAt: 1_000,
      updatedAt: 1_000,
      createdBy: 'user-1',
      deletedAt: null,
      title: 'Raise prices',
      domainId: null,
      status: 'draft',
      options: 'Keep or raise',
      cost: 0,
      horizon: 'long',
      followsGuidelines: false,
    });
    expect(decision).toMatchObject({ advice: {}, positions: {}, escalations: {}, links: {} });
    expect(repo.get('decisions', decision.id)).toEqual(decision);
  });

  it('reads a field updated back to its default as the default, whether it is stored or not', () => {
    const a = setup(1);
    const b = setup(2);
    const created = a.repo.create('domains', { ...product, budgetPeriod: 'quarter', pilot: true });
    const decision = a.repo.create('decisions', { ...decisionFields, tags: ['pricing'], kind: 'experiment' });
    const domainMap = getKindMap(a.doc, 'domains').get(created.id) as Y.Map<unknown>;
    const decisionMap = getKindMap(a.doc, 'decisions').get(decision.id) as Y.Map<unknown>;
    expect(domainMap.get('budgetPeriod')).toBe('quarter');
    expect(decisionMap.get('tags')).toEqual(['pricing']);

    a.clock.set(2_000);
    const domain = a.repo.update('domains', created.id, { budgetPeriod: 'month', pilot: false });
    const expectedDomain = { ...created, budgetPeriod: 'month', pilot: false, updatedAt: 2_000 };
    expect(domain).toEqual(expectedDomain);
    const back = a.repo.update('decisions', decision.id, { tags: [], kind: 'decision' });
    const expectedDecision = { ...decision, tags: [], kind: 'decision', updatedAt: 2_000 };
    expect(back).toEqual(expectedDecision);
    syncAll([a.doc, b.doc]);
    for (const peer of [a, b]) {
      expect(peer.repo.get('domains', created.id)).toEqual(expectedDomain);
      expect(peer.repo.get('decisions', decision.id)).toEqual(expectedDecision);
    }

    // The same values with those keys not stored at all (as `create` or a revert leaves
    // them) read the same, by the fast path and by full validation.
    a.doc.transact(() => {
      for (const key of ['budgetPeriod', 'pilot']) domainMap.delete(key);
      for (const key of ['tags', 'kind']) decisionMap.delete(key);
    }, 'peer');
    expect(domainMap.has('pilot')).toBe(false);
    expect(decisionMap.has('tags')).toBe(false);
    syncAll([a.doc, b.doc]);
    for (const peer of [a, b]) {
      expect(peer.repo.get('domains', created.id)).toEqual(expectedDomain);
      expect(peer.repo.get('decisions', decision.id)).toEqual(expectedDecision);
    }
    expect(validateEntity('domains', toPlain(domainMap), 'stored', created.id)).toEqual({
      ok: true,
      value: expectedDomain,
    });
    expect(validateEntity('decisions', toPlain(decisionMap), 'stored', decision.id)).toEqual({
      ok: true,
      value: expectedDecision,
    });
  });

  it('writes a smaller document than one holding every default, reading the same', () => {
    const lean = setup();
    const full = setup();
    const created = [
      ['domains', lean.repo.create('domains', { name: 'Web team', level: 'team', parentId: null })],
      ['decisions', lean.repo.create('decisions', decisionFields)],
    ] as const;
    // The same entities with every field stored, defaults included (their collections are
    // empty, so they store nothing in either document).
    const isCollection = (value: unknown) => typeof value === 'object' && value !== null && !Array.isArray(value);
    full.doc.transact(() => {
      for (const [kind, entity] of created) {
        const map = new Y.Map<unknown>();
        for (const [key, value] of Object.entries(entity)) if (!isCollection(value)) map.set(key, value);
        getKindMap(full.doc, kind).set(entity.id, map);
      }
    });
    for (const [kind, entity] of created) {
      const fields = Object.fromEntries(Object.entries(entity).filter(([, value]) => !isCollection(value)));
      expect(toPlain(getKindMap(full.doc, kind).get(entity.id))).toEqual(fields);
      expect(full.repo.get(kind, entity.id)).toEqual(entity);
      expect(lean.repo.get(kind, entity.id)).toEqual(entity);
    }
    const leanSize = Y.encodeStateAsUpdate(lean.doc).byteLength;
    const fullSize = Y.encodeStateAsUpdate(full.doc).byteLength;
    expect(leanSize).toBeLessThan(fullSize);
  });

  it('takes a workspace-wide policy and one that inherits, and refuses one with only one limit', () => {
    const { doc, repo } = setup();
    expect(
      repo.create('policies', { domainId: null, autonomousCostLimit: 100, consultativeCostLimit: 1_000 }),
    ).toMatchObject({ domainId: null, changes: {} });
    expect(
      repo.create('policies', { domainId: 'd1', autonomousCostLimit: null, consultativeCostLimit: null }),
    ).toMatchObject({ domainId: 'd1', autonomousCostLimit: null, consultativeCostLimit: null });
    const before = encodedState(doc);
    const message = 'policies.autonomousCostLimit: must be set together with the consultative limit';
    expect(() =>
      repo.create('policies', { domainId: 'd1', autonomousCostLimit: null, consultativeCostLimit: 1_000 }),
    ).toThrow(new Error(message));
    expect(() =>
      repo.create('policies', { domainId: 'd1', autonomousCostLimit: 100, consultativeCostLimit: null }),
    ).toThrow(new Error(message));
    expect(encodedState(doc)).toEqual(before);
  });
});

describe('repository: validation at the border', () => {
  it('refuses invalid fields with a message naming kind, field and problem, writing nothing', () => {
    const { doc, repo } = setup();
    const domain = repo.create('domains', product);
    const before = encodedState(doc);
    const failures: Array<[() => unknown, string]> = [
      [() => repo.create('decisions', { ...decisionFields, title: '   ' }), 'decisions.title: must not be empty'],
      [
        () => repo.create('decisions', { ...decisionFields, status: 'maybe' as 'draft' }),
        'decisions.status: must be one of "draft", "seeking-advice", "deciding-together", "decided", ' +
          '"implemented", "reviewed", "withdrawn", "rolled-back", "superseded"',
      ],
      [
        () =>
          repo.create('reviews', {
            title: 'W1',
            cadence: 'weekly',
            periodStart: '2024-02-30',
            periodEnd: '2024-03-01',
            domainId: null,
          }),
        'reviews.periodStart: must be a date (YYYY-MM-DD)',
      ],
      [
        () =>
          repo.create('pulseChecks', {
            periodStart: '2024-03-04',
            satisfaction: 6,
            stress: 0,
            collaboration: 3,
            trust: 3,
          }),
        'pulseChecks.satisfaction: must be between 1 and 5; pulseChecks.stress: must be between 1 and 5',
      ],
      [
        () => repo.create('domains', { ...product, colour: 'red' } as typeof product),
        'domains.colour: is not a known field',
      ],
      [
        () => repo.create('domains', { ...product, createdAt: 5 } as typeof product),
        'domains.createdAt: cannot be set when creating',
      ],
      [() => repo.update('domains', domain.id, { name: '' }), 'domains.name: must not be empty'],
      [
        () => repo.update('domains', domain.id, { level: 'galaxy' as 'team' }),
        'domains.level: must be one of "individual", "team", "domain"',
      ],
      [
        () => repo.update('domains', domain.id, { deletedAt: null } as unknown as { name: string }),
        'domains.deletedAt: cannot be changed by an update',
      ],
      [() => repo.update('domains', 'missing', { name: 'X' }), 'domains: there is no entity with id "missing"'],
      [() => repo.softDelete('domains', 'missing'), 'domains: there is no entity with id "missing"'],
      [() => repo.restore('actions', 'missing'), 'actions: there is no entity with id "missing"'],
      [
        () => repo.create('policies', { domainId: domain.id, autonomousCostLimit: 900, consultativeCostLimit: 100 }),
        'policies.autonomousCostLimit: must not be above the consultative limit',
      ],
      [
        () =>
          repo.create('actions', {
            title: 'A',
            ownerId: null,
            dueOn: null,
            done: 'yes' as unknown as boolean,
            reviewId: null,
          }),
        'actions.done: must be true or false',
      ],
      [() => repo.create('members', { name: 'Ana' } as { name: string; role: string }), 'members.role: is required'],
    ];
    for (const [attempt, message] of failures) expect(attempt).toThrow(new Error(message));
    expect(encodedState(doc)).toEqual(before);
  });

  it('checks the whole would-be entity: a patch that breaks a rule between fields is refused', () => {
    const { doc, repo } = setup();
    const policy = repo.create('policies', { domainId: 'd1', autonomousCostLimit: 100, consultativeCostLimit: 1_000 });
    const before = encodedState(doc);
    expect(() => repo.update('policies', policy.id, { consultativeCostLimit: 50 })).toThrow(
      'policies.autonomousCostLimit: must not be above the consultative limit',
    );
    expect(encodedState(doc)).toEqual(before);
  });

  it('refuses bad collection items, unknown collections and unknown items, writing nothing', () => {
    const { doc, repo } = setup();
    const decision = repo.create('decisions', decisionFields);
    const before = encodedState(doc);
    expect(() =>
      repo.addToCollection('decisions', decision.id, 'advice', { id: 'a1', authorId: 'u', text: '', createdAt: 1 }),
    ).toThrow(new Error('decisions.advice.a1.text: must not be empty'));
    expect(() =>
      repo.addToCollection('decisions', decision.id, 'votes' as 'advice', { authorId: 'u', text: 'x', createdAt: 1 }),
    ).toThrow(new Error('decisions.votes: is not a collection of decisions'));
    expect(() => repo.removeFromCollection('decisions', decision.id, 'advice', 'nope')).toThrow(
      new Error('decisions.advice: there is no item with id "nope"'),
    );
    expect(encodedState(doc)).toEqual(before);
    repo.addToCollection('decisions', decision.id, 'advice', { id: 'a1', authorId: 'u', text: 'x', createdAt: 1 });
    expect(() =>
      repo.addToCollection('decisions', decision.id, 'advice', { id: 'a1', authorId: 'u', text: 'y', createdAt: 1 }),
    ).toThrow(new Error('decisions.advice.a1: already exists'));
  });

  it('throws on every write while read-only, writing nothing', () => {
    const doc = createTestDoc(1);
    let reason: string | null = null;
    const { repo } = createTestRepository(doc, { isReadOnly: () => reason });
    const domain = repo.create('domains', product);
    reason = 'saved by a newer version';
    const before = encodedState(doc);
    const expected = new Error('This workspace is read-only: saved by a newer version');
    expect(() => repo.create('domains', product)).toThrow(expected);
    expect(() => repo.update('domains', domain.id, { name: 'X' })).toThrow(expected);
    expect(() => repo.softDelete('domains', domain.id)).toThrow(expected);
    expect(() => repo.restore('domains', domain.id)).toThrow(expected);
    expect(() => repo.transact(() => undefined)).toThrow(expected);
    expect(encodedState(doc)).toEqual(before);
    expect(repo.get('domains', domain.id)).toEqual(domain);
  });
});

describe('repository: one transaction per intent', () => {
  it('makes each call one transaction with LOCAL_ORIGIN', () => {
    const { doc, repo } = setup();
    const transactions = recordTransactions(doc);
    const decision = repo.create('decisions', decisionFields);
    repo.update('decisions', decision.id, { title: 'Raise prices in May' });
    repo.addToCollection('decisions', decision.id, 'advice', { authorId: 'u', text: 'Yes', createdAt: 1 });
    repo.softDelete('decisions', decision.id);
    expect(transactions.map((t): unknown => t.origin)).toEqual([
      LOCAL_ORIGIN,
      LOCAL_ORIGIN,
      LOCAL_ORIGIN,
      LOCAL_ORIGIN,
    ]);
  });

  it('groups several calls into ONE transaction with transact', () => {
    const { doc, repo } = setup();
    const transactions = recordTransactions(doc);
    const updates: Uint8Array[] = [];
    doc.on('update', (update: Uint8Array) => updates.push(update));
    const result = repo.transact(() => {
      const domain = repo.create('domains', product);
      const decision = repo.create('decisions', { ...decisionFields, domainId: domain.id });
      repo.addToCollection('decisions', decision.id, 'advice', { authorId: 'u', text: 'Yes', createdAt: 1 });
      return decision.id;
    });
    expect(transactions).toHaveLength(1);
    expect(transactions[0]?.origin).toBe(LOCAL_ORIGIN);
    expect(updates).toHaveLength(1);
    expect(Object.keys(repo.get('decisions', result)?.advice ?? {})).toHaveLength(1);
  });

  it('rolls back the content of a grouped intent that fails halfway, and marks it aborted', () => {
    const { doc, repo, clock } = setup();
    const domain = repo.create('domains', product);
    const decision = repo.create('decisions', decisionFields);
    repo.addToCollection('decisions', decision.id, 'advice', { id: 'keep', authorId: 'u', text: 'Hi', createdAt: 1 });
    const before = documentToPlain(doc);
    const transactions = recordTransactions(doc);
    clock.set(5_000);
    expect(() =>
      repo.transact(() => {
        repo.update('domains', domain.id, { name: 'Renamed' });
        repo.softDelete('decisions', decision.id);
        repo.removeFromCollection('decisions', decision.id, 'advice', 'keep');
        repo.addToCollection('decisions', decision.id, 'advice', { authorId: 'u', text: 'New', createdAt: 2 });
        repo.create('members', { name: 'Ana', role: 'Lead' });
        repo.update('domains', domain.id, { name: '' });
      }),
    ).toThrow('domains.name: must not be empty');
    expect(documentToPlain(doc)).toEqual(before);
    expect(transactions).toHaveLength(1);
    expect(transactions[0]?.meta.get(ABORTED_INTENT)).toBe(true);
  });
});

describe('repository: updateInCollection', () => {
  const metric = { id: 'm1', name: 'Lead time', unit: 'days', target: 5, direction: 'lower' } as const;
  const agreement = {
    id: 'g1',
    otherDomainId: 'd2',
    provides: 'Release notes',
    expects: 'Two weeks notice',
    serviceAgreement: 'Answer within 2 days',
    communication: '#web',
    escalationPath: ['Team lead', 'Head of product'],
  };

  /** A domain with one success metric and one interface agreement, made at time 1,000. */
  function withItems(clientID = 1) {
    const peer = setup(clientID);
    const domain = peer.repo.create('domains', product);
    peer.repo.addToCollection('domains', domain.id, 'metrics', metric);
    peer.repo.addToCollection('domains', domain.id, 'agreements', agreement);
    // Stored in the domain's own map, under `<collection>/<item id>`.
    const itemMap = (collection: string, itemId: string) =>
      (getKindMap(peer.doc, 'domains').get(domain.id) as Y.Map<unknown>).get(
        `${collection}/${itemId}`,
      ) as Y.Map<unknown>;
    return { ...peer, domain, itemMap };
  }

  it("changes only the given fields of the item and bumps the entity's updatedAt", () => {
    const { doc, repo, clock, domain, itemMap } = withItems();
    clock.set(2_000);
    const entityMap = getKindMap(doc, 'domains').get(domain.id) as Y.Map<unknown>;
    const itemKeys: string[][] = [];
    const entityKeys: string[][] = [];
    itemMap('metrics', 'm1').observe((event) => itemKeys.push([...(event.keysChanged as Set<string>)].sort()));
    entityMap.observe((event) => entityKeys.push([...(event.keysChanged as Set<string>)].sort()));
    // The name is the same once trimmed: only the target changes.
    const updated = repo.updateInCollection('domains', domain.id, 'metrics', 'm1', { target: 3, name: ' Lead time ' });
    expect(updated).toEqual({ ...metric, target: 3 });
    expect(itemKeys).toEqual([['target']]);
    expect(entityKeys).toEqual([['updatedAt']]);
    const stored = repo.get('domains', domain.id);
    expect(stored?.metrics).toEqual({ m1: { ...metric, target: 3 } });
    expect(stored?.agreements).toEqual({ g1: agreement });
    expect(stored).toMatchObject({ ...product, updatedAt: 2_000, createdAt: 1_000 });
  });

  it('writes nothing (no Yjs update) when no value changes', () => {
    const { doc, repo, clock, domain } = withItems();
    clock.set(2_000);
    const before = encodedState(doc);
    const updates: Uint8Array[] = [];
    doc.on('update', (update: Uint8Array) => updates.push(update));
    expect(
      repo.updateInCollection('domains', domain.id, 'metrics', 'm1', {
        name: '  Lead time',
        target: 5,
        unit: undefined,
      }),
    ).toEqual(metric);
    expect(
      repo.updateInCollection('domains', domain.id, 'agreements', 'g1', {
        escalationPath: [...agreement.escalationPath],
      }),
    ).toEqual(agreement);
    expect(repo.updateInCollection('domains', domain.id, 'metrics', 'm1', {})).toEqual(metric);
    expect(updates).toEqual([]);
    expect(encodedState(doc)).toEqual(before);
    expect(repo.get('domains', domain.id)?.updatedAt).toBe(1_000);
  });

  it('refuses an invalid value with a message naming kind.collection.itemId.field, writing nothing', () => {
    const { doc, repo, domain } = withItems();
    const before = encodedState(doc);
    const failures: Array<[() => unknown, string]> = [
      [
        () => repo.updateInCollection('domains', domain.id, 'metrics', 'm1', { target: 'soon' as unknown as number }),
        'domains.metrics.m1.target: must be a number',
      ],
      [
        () => repo.updateInCollection('domains', domain.id, 'metrics', 'm1', { name: '   ', unit: 'd'.repeat(41) }),
        'domains.metrics.m1.name: must not be empty; domains.metrics.m1.unit: must be at most 40 characters',
      ],
      [
        () => repo.updateInCollection('domains', domain.id, 'metrics', 'm1', { direction: 'sideways' as 'higher' }),
        'domains.metrics.m1.direction: must be one of "higher", "lower"',
      ],
      [
        () =>
          repo.updateInCollection('domains', domain.id, 'metrics', 'm1', { colour: 'red' } as unknown as {
            name: string;
          }),
        'domains.metrics.m1.colour: is not a known field',
      ],
      [
        () => repo.updateInCollection('domains', domain.id, 'agreements', 'g1', { escalationPath: ['domain-ops', ''] }),
        'domains.agreements.g1.escalationPath.1: must not be empty',
      ],
    ];
    for (const [attempt, message] of failures) expect(attempt).toThrow(new Error(message));
    expect(encodedState(doc)).toEqual(before);
  });

  it('refuses an unknown item, entity or collection, writing nothing', () => {
    const { doc, repo, domain } = withItems();
    const before = encodedState(doc);
    expect(() => repo.updateInCollection('domains', domain.id, 'metrics', 'nope', { target: 1 })).toThrow(
      new Error('domains.metrics: there is no item with id "nope"'),
    );
    // An item of another collection of the same entity is not found either.
    expect(() => repo.updateInCollection('domains', domain.id, 'metrics', 'g1', { target: 1 })).toThrow(
      new Error('domains.metrics: there is no item with id "g1"'),
    );
    expect(() => repo.updateInCollection('domains', 'missing', 'metrics', 'm1', { target: 1 })).toThrow(
      new Error('domains: there is no entity with id "missing"'),
    );
    expect(() => repo.updateInCollection('domains', domain.id, 'advice' as 'metrics', 'm1', { target: 1 })).toThrow(
      new Error('domains.advice: is not a collection of domains'),
    );
    expect(encodedState(doc)).toEqual(before);
  });

  it("cannot change an item's id", () => {
    const { doc, repo, domain } = withItems();
    const before = encodedState(doc);
    expect(() =>
      repo.updateInCollection('domains', domain.id, 'metrics', 'm1', { id: 'm2', target: 1 } as { target: number }),
    ).toThrow(new Error('domains.metrics.id: cannot be changed'));
    expect(encodedState(doc)).toEqual(before);
    expect(repo.get('domains', domain.id)?.metrics).toEqual({ m1: metric });
  });

  it('is rolled back with the rest of a grouped intent that fails later', () => {
    const { doc, repo, clock, domain } = withItems();
    const before = documentToPlain(doc);
    const transactions: Y.Transaction[] = [];
    doc.on('afterTransaction', (transaction) => transactions.push(transaction));
    clock.set(5_000);
    expect(() =>
      repo.transact(() => {
        repo.updateInCollection('domains', domain.id, 'metrics', 'm1', { target: 3, direction: 'higher' });
        repo.updateInCollection('domains', domain.id, 'agreements', 'g1', { escalationPath: ['CTO'] });
        repo.update('domains', domain.id, { name: '' });
      }),
    ).toThrow('domains.name: must not be empty');
    expect(documentToPlain(doc)).toEqual(before);
    expect(transactions).toHaveLength(1);
    expect(transactions[0]?.meta.get(ABORTED_INTENT)).toBe(true);
  });

  it('is undone as one step, and redone', () => {
    const { doc, repo, clock, domain } = withItems();
    const undo = createUndoManager(doc, { captureTimeout: 0 });
    clock.set(2_000);
    repo.updateInCollection('domains', domain.id, 'metrics', 'm1', { target: 3, unit: 'working days' });
    clock.set(3_000);
    repo.updateInCollection('domains', domain.id, 'agreements', 'g1', { escalationPath: ['CTO'], provides: 'Docs' });
    const afterBoth = repo.get('domains', domain.id);

    expect(undo.undo()).toBe(true);
    expect(repo.get('domains', domain.id)).toMatchObject({
      updatedAt: 2_000,
      metrics: { m1: { ...metric, target: 3, unit: 'working days' } },
      agreements: { g1: agreement },
    });
    expect(undo.undo()).toBe(true);
    expect(repo.get('domains', domain.id)).toMatchObject({
      updatedAt: 1_000,
      metrics: { m1: metric },
      agreements: { g1: agreement },
    });
    // The manager was made after the items were added: nothing more to undo.
    expect(undo.canUndo()).toBe(false);

    expect(undo.redo()).toBe(true);
    expect(undo.redo()).toBe(true);
    expect(repo.get('domains', domain.id)).toEqual(afterBoth);
    undo.destroy();
  });

  it('round-trips a list (an escalation path) through the document and a peer, frozen', () => {
    const a = withItems(1);
    const b = setup(2);
    a.clock.set(2_000);
    const path = ['Team lead', 'CTO', 'CEO'];
    const updated = a.repo.updateInCollection('domains', a.domain.id, 'agreements', 'g1', {
      escalationPath: path,
    });
    expect(updated.escalationPath).toEqual(['Team lead', 'CTO', 'CEO']);
    // Stored as a list in the item's map, and read back equal.
    expect(a.itemMap('agreements', 'g1').get('escalationPath')).toEqual(['Team lead', 'CTO', 'CEO']);
    syncAll([a.doc, b.doc]);
    for (const peer of [a, b]) {
      expect(peer.repo.get('domains', a.domain.id)?.agreements.g1).toEqual({
        ...agreement,
        escalationPath: ['Team lead', 'CTO', 'CEO'],
      });
    }
    // The caller's list and the returned one cannot change what is stored.
    path.push('Board');
    expect(() => updated.escalationPath.push('Board')).toThrow(TypeError);
    const read = a.repo.get('domains', a.domain.id)?.agreements.g1;
    expect(read?.escalationPath).toEqual(['Team lead', 'CTO', 'CEO']);
    expect(Object.isFrozen(read?.escalationPath)).toBe(true);
    // Shorter, then empty.
    a.repo.updateInCollection('domains', a.domain.id, 'agreements', 'g1', { escalationPath: ['CTO'] });
    expect(a.repo.get('domains', a.domain.id)?.agreements.g1?.escalationPath).toEqual(['CTO']);
    a.repo.updateInCollection('domains', a.domain.id, 'agreements', 'g1', { escalationPath: [] });
    syncAll([a.doc, b.doc]);
    expect(b.repo.get('domains', a.domain.id)?.agreements.g1?.escalationPath).toEqual([]);
    expect(documentToPlain(a.doc)).toEqual(documentToPlain(b.doc));
  });

  it('returns an added item frozen, so its list cannot change the document behind Yjs', () => {
    const { repo, domain } = withItems();
    const added = repo.addToCollection('domains', domain.id, 'agreements', { ...agreement, id: 'g2' });
    expect(Object.isFrozen(added)).toBe(true);
    expect(() => added.escalationPath.push('Board')).toThrow(TypeError);
    expect(repo.get('domains', domain.id)?.agreements.g2?.escalationPath).toEqual(agreement.escalationPath);
  });
});

describe('repository: collection items stored in the entity map', () => {
  /** Each key of an entity that a call added, changed or removed, and how, from the Yjs events. */
  function recordEntityKeyChanges(doc: Y.Doc, kind: 'domains' | 'decisions' | 'policies', id: string) {
    const changes: Record<string, string>[] = [];
    const map = getKindMap(doc, kind).get(id) as Y.Map<unknown>;
    map.observe((event) => {
      changes.push(Object.fromEntries([...event.changes.keys].map(([key, change]) => [key, change.action])));
    });
    return changes;
  }
  const position = (id: string, participantName: string) => ({
    id,
    participantName,
    stance: 'concern' as const,
    note: 'Too soon.',
    recordedBy: 'user-1',
    updatedAt: 1_500,
  });

  it('creates an entity of every kind with collections without storing any collection', () => {
    const { doc, repo } = setup();
    const created = [
      ['domains', repo.create('domains', product).id],
      ['decisions', repo.create('decisions', decisionFields).id],
      ['policies', repo.create('policies', { domainId: null, autonomousCostLimit: 1, consultativeCostLimit: 2 }).id],
    ] as const;
    for (const [kind, id] of created) {
      const keys = [...(getKindMap(doc, kind).get(id) as Y.Map<unknown>).keys()];
      expect(
        keys.filter((key) => key.includes('/')),
        kind,
      ).toEqual([]);
      for (const key of keys)
        expect((getKindMap(doc, kind).get(id) as Y.Map<unknown>).get(key)).not.toBeInstanceOf(Y.Map);
    }
    expect(repo.get('decisions', created[1][1])).toMatchObject({
      advice: {},
      positions: {},
      escalations: {},
      links: {},
    });
    expect(repo.get('policies', created[2][1])?.changes).toEqual({});
  });

  it('adds an item as one key <collection>/<item id> holding its map, and bumps updatedAt: nothing else', () => {
    const { doc, repo, clock } = setup();
    const decision = repo.create('decisions', decisionFields);
    repo.addToCollection('decisions', decision.id, 'advice', { id: 'a0', authorId: 'u', text: 'First', createdAt: 1 });
    const peer = createTestDoc(9);
    syncOneWay(doc, peer);
    const changes = recordEntityKeyChanges(doc, 'decisions', decision.id);
    const peerChanges = recordEntityKeyChanges(peer, 'decisions', decision.id);
    const updates: Uint8Array[] = [];
    doc.on('update', (update: Uint8Array) => updates.push(update));
    clock.set(2_000);
    repo.addToCollection('decisions', decision.id, 'positions', position('p1', 'Ada'));
    expect(changes).toEqual([{ 'positions/p1': 'add', updatedAt: 'update' }]);
    expect(updates).toHaveLength(1);
    const map = getKindMap(doc, 'decisions').get(decision.id) as Y.Map<unknown>;
    expect(map.get('positions/p1')).toBeInstanceOf(Y.Map);
    expect(toPlain(map.get('positions/p1'))).toEqual(position('p1', 'Ada'));
    expect(map.has('positions')).toBe(false);
    // The update holds the item's map, its six fields and the new updatedAt, and deletes
    // only the old updatedAt; a peer applying it sees exactly the same two keys change.
    const { structs, ds } = Y.decodeUpdate(updates[0]!);
    expect(structs.filter((struct) => struct instanceof Y.Item)).toHaveLength(8);
    expect([...ds.clients.values()].flat().reduce((count, item) => count + item.len, 0)).toBe(1);
    Y.applyUpdate(peer, updates[0]!);
    expect(peerChanges).toEqual(changes);
    expect(repo.get('decisions', decision.id)?.positions).toEqual({ p1: position('p1', 'Ada') });
  });

  it('removes an item by deleting its one key, and bumps updatedAt: the other items stay as they were', () => {
    const { doc, repo, clock } = setup();
    const decision = repo.create('decisions', decisionFields);
    repo.addToCollection('decisions', decision.id, 'positions', position('p1', 'Ada'));
    repo.addToCollection('decisions', decision.id, 'positions', position('p2', 'Ben'));
    const map = getKindMap(doc, 'decisions').get(decision.id) as Y.Map<unknown>;
    const kept = map.get('positions/p2');
    const changes = recordEntityKeyChanges(doc, 'decisions', decision.id);
    clock.set(3_000);
    repo.removeFromCollection('decisions', decision.id, 'positions', 'p1');
    expect(changes).toEqual([{ 'positions/p1': 'delete', updatedAt: 'update' }]);
    expect(map.has('positions/p1')).toBe(false);
    expect(map.get('positions/p2')).toBe(kept);
    expect(repo.get('decisions', decision.id)).toMatchObject({
      updatedAt: 3_000,
      positions: { p2: position('p2', 'Ben') },
    });
  });

  it('updates an item inside its own map: the entity map changes only updatedAt', () => {
    const { doc, repo, clock } = setup();
    const decision = repo.create('decisions', decisionFields);
    repo.addToCollection('decisions', decision.id, 'positions', position('p1', 'Ada'));
    const changes = recordEntityKeyChanges(doc, 'decisions', decision.id);
    clock.set(4_000);
    repo.updateInCollection('decisions', decision.id, 'positions', 'p1', { stance: 'consent', updatedAt: 4_000 });
    expect(changes).toEqual([{ updatedAt: 'update' }]);
    expect(repo.get('decisions', decision.id)?.positions.p1).toEqual({
      ...position('p1', 'Ada'),
      stance: 'consent',
      updatedAt: 4_000,
    });
  });

  it("refuses an item's key as a field of create or update, writing nothing", () => {
    const { doc, repo } = setup();
    const decision = repo.create('decisions', decisionFields);
    const domain = repo.create('domains', product);
    const before = encodedState(doc);
    const item = { id: 'x', authorId: 'u', text: 'Sneaky', createdAt: 1 };
    const failures: Array<[() => unknown, string]> = [
      [
        () => repo.update('decisions', decision.id, { 'advice/x': item } as unknown as { title: string }),
        'decisions.advice/x: cannot be changed by an update',
      ],
      [
        () => repo.update('decisions', decision.id, { advice: {} } as unknown as { title: string }),
        'decisions.advice: cannot be changed by an update',
      ],
      [
        () =>
          repo.create('decisions', {
            ...decisionFields,
            'positions/p1': position('p1', 'Ada'),
          } as typeof decisionFields),
        'decisions.positions/p1: cannot be set when creating',
      ],
      // Not a collection of the kind: still not a field a form may set.
      [
        () => repo.update('domains', domain.id, { 'nope/x': 1 } as unknown as { name: string }),
        'domains.nope/x: cannot be changed by an update',
      ],
    ];
    for (const [attempt, message] of failures) expect(attempt).toThrow(new Error(message));
    expect(encodedState(doc)).toEqual(before);
    expect(repo.get('decisions', decision.id)).toEqual(decision);
  });

  it('keeps an item whose id holds the separator, under <collection>/<item id>', () => {
    const { doc, repo } = setup();
    const decision = repo.create('decisions', decisionFields);
    const link = {
      id: 'ws-2/x9',
      relation: 'shared-to' as const,
      decisionId: 'x9',
      workspaceId: 'ws-2',
      title: 'Hire',
      createdAt: 5,
    };
    repo.addToCollection('decisions', decision.id, 'links', link);
    expect(toPlain(getKindMap(doc, 'decisions').get(decision.id))).toMatchObject({ 'links/ws-2/x9': link });
    expect(repo.get('decisions', decision.id)?.links).toEqual({ 'ws-2/x9': link });
    repo.removeFromCollection('decisions', decision.id, 'links', 'ws-2/x9');
    expect(repo.get('decisions', decision.id)?.links).toEqual({});
  });

  it('validates the items of the collections decisions gained, naming collection, item and field', () => {
    const { doc, repo } = setup();
    const decision = repo.create('decisions', decisionFields);
    const before = encodedState(doc);
    expect(() =>
      repo.addToCollection('decisions', decision.id, 'escalations', {
        id: 'e1',
        escalatedAt: 1,
        escalatedBy: 'user-1',
        escalatedByName: 'Ada',
        fromTier: 'autonomous',
        toTier: 'galactic' as 'consultative',
        toDomainId: null,
        reason: '  ',
      }),
    ).toThrow(
      new Error(
        'decisions.escalations.e1.toTier: must be one of "autonomous", "consultative", "collaborative"; ' +
          'decisions.escalations.e1.reason: must not be empty',
      ),
    );
    expect(() =>
      repo.addToCollection('decisions', decision.id, 'positions', { ...position('p1', ''), stance: 'consent' }),
    ).toThrow(new Error('decisions.positions.p1.participantName: must not be empty'));
    expect(encodedState(doc)).toEqual(before);
  });
});

describe('repository: items in a collection map of schema 3 and before', () => {
  const advice = (id: string, text: string) => ({ id, authorId: 'u', text, createdAt: 1 });
  /** Advice as read: written without authorName and fromDomainId, it reads with their defaults. */
  const read = (id: string, text: string) => ({ ...advice(id, text), authorName: '', fromDomainId: null });

  /**
   * A decision whose advice a1 and a2 sit in an `advice` map, as schema 3 stored them (written
   * by a migrated document, not by this repository), and every map involved, observed: for
   * each call, the keys it added, updated or deleted in the entity's map, in the collection
   * map and in each item's map.
   */
  function withOlderAdvice(clientID = 1) {
    const peer = setup(clientID);
    const decision = peer.repo.create('decisions', decisionFields);
    const entity = getKindMap(peer.doc, 'decisions').get(decision.id) as Y.Map<unknown>;
    const older = storeOlderCollection(peer.doc, 'decisions', decision.id, 'advice', [
      advice('a2', 'Two, in the map'),
      advice('a1', 'One, in the map'),
    ]);
    const changes: Record<string, Record<string, string>>[] = [];
    let current: Record<string, Record<string, string>> = {};
    entity.observeDeep((events) => {
      for (const event of events) {
        const at = ['entity', ...event.path.map(String)].join('.');
        for (const [key, change] of event.changes.keys) current[at] = { ...current[at], [key]: change.action };
      }
    });
    /** The changes `fn` made, by map (`entity`, `entity.advice`, `entity.advice.a1`…). */
    const changed = (fn: () => unknown) => {
      current = {};
      fn();
      changes.push(current);
      return current;
    };
    return { ...peer, decision, entity, older, changed };
  }

  it('reads the items of the map with those under their own keys, sorted by id; adds under its own key', () => {
    const { repo, clock, decision, entity, older, changed } = withOlderAdvice();
    expect(repo.get('decisions', decision.id)?.advice).toEqual({
      a1: read('a1', 'One, in the map'),
      a2: read('a2', 'Two, in the map'),
    });
    clock.set(2_000);
    expect(
      changed(() => repo.addToCollection('decisions', decision.id, 'advice', advice('a3', 'Three, own key'))),
    ).toEqual({ entity: { 'advice/a3': 'add', updatedAt: 'update' } });
    changed(() => repo.addToCollection('decisions', decision.id, 'advice', advice('a0', 'Zero, own key')));
    expect(Object.keys(repo.get('decisions', decision.id)?.advice ?? {})).toEqual(['a0', 'a1', 'a2', 'a3']);
    expect(repo.get('decisions', decision.id)).toMatchObject({
      updatedAt: 2_000,
      advice: { a0: read('a0', 'Zero, own key'), a3: read('a3', 'Three, own key') },
    });
    // The map holds what it held.
    expect(entity.get('advice')).toBe(older);
    expect(toPlain(older)).toEqual({ a1: advice('a1', 'One, in the map'), a2: advice('a2', 'Two, in the map') });
  });

  it('refuses to add an item whose id the map holds, writing nothing', () => {
    const { doc, repo, decision } = withOlderAdvice();
    const before = encodedState(doc);
    expect(() => repo.addToCollection('decisions', decision.id, 'advice', advice('a1', 'Again'))).toThrow(
      new Error('decisions.advice.a1: already exists'),
    );
    expect(encodedState(doc)).toEqual(before);
    // Nor an id under its own key (the same rule as without a map).
    repo.addToCollection('decisions', decision.id, 'advice', advice('a3', 'Own key'));
    const after = encodedState(doc);
    expect(() => repo.addToCollection('decisions', decision.id, 'advice', advice('a3', 'Again'))).toThrow(
      new Error('decisions.advice.a3: already exists'),
    );
    expect(encodedState(doc)).toEqual(after);
  });

  it("updates an item of the map in the item's own map, there: nothing is moved or copied", () => {
    const { repo, clock, decision, entity, older, changed } = withOlderAdvice();
    const item = older.get('a1');
    clock.set(3_000);
    expect(
      changed(() =>
        expect(repo.updateInCollection('decisions', decision.id, 'advice', 'a1', { text: 'One, edited' })).toEqual(
          read('a1', 'One, edited'),
        ),
      ),
    ).toEqual({ entity: { updatedAt: 'update' }, 'entity.advice.a1': { text: 'update' } });
    expect(older.get('a1')).toBe(item);
    expect(entity.has('advice/a1')).toBe(false);
    expect(repo.get('decisions', decision.id)).toMatchObject({
      updatedAt: 3_000,
      advice: { a1: read('a1', 'One, edited'), a2: read('a2', 'Two, in the map') },
    });
    // A field the item never stored is added to it, there too.
    expect(
      changed(() => repo.updateInCollection('decisions', decision.id, 'advice', 'a2', { authorName: 'Ana' })),
    ).toEqual({ entity: { updatedAt: 'update' }, 'entity.advice.a2': { authorName: 'add' } });
    // Refused values write nothing, as for any item.
    expect(() => repo.updateInCollection('decisions', decision.id, 'advice', 'a1', { text: '' })).toThrow(
      new Error('decisions.advice.a1.text: must not be empty'),
    );
    expect(older.get('a1')).toBe(item);
    expect(toPlain(item)).toEqual(advice('a1', 'One, edited'));
  });

  it('removes an item of the map from the map: the entity map changes only updatedAt', () => {
    const { repo, clock, decision, entity, older, changed } = withOlderAdvice();
    clock.set(4_000);
    expect(changed(() => repo.removeFromCollection('decisions', decision.id, 'advice', 'a1'))).toEqual({
      entity: { updatedAt: 'update' },
      'entity.advice': { a1: 'delete' },
    });
    expect(entity.get('advice')).toBe(older);
    expect(toPlain(older)).toEqual({ a2: advice('a2', 'Two, in the map') });
    expect(repo.get('decisions', decision.id)).toMatchObject({
      updatedAt: 4_000,
      advice: { a2: read('a2', 'Two, in the map') },
    });
    expect(() => repo.removeFromCollection('decisions', decision.id, 'advice', 'a1')).toThrow(
      new Error('decisions.advice: there is no item with id "a1"'),
    );
  });

  it('with an id both in the map and under its own key: reads and updates the own key, removes both', () => {
    const { repo, decision, entity, older, changed } = withOlderAdvice();
    // Under its own key too, as a peer could have written it.
    entity.set('advice/a1', new Y.Map<unknown>(Object.entries(advice('a1', 'One, own key'))));
    expect(repo.get('decisions', decision.id)?.advice.a1).toEqual(read('a1', 'One, own key'));
    expect(
      changed(() => repo.updateInCollection('decisions', decision.id, 'advice', 'a1', { text: 'One, edited' })),
    ).toEqual({ entity: { updatedAt: 'update' }, 'entity.advice/a1': { text: 'update' } });
    expect(toPlain(older.get('a1'))).toEqual(advice('a1', 'One, in the map'));
    expect(repo.get('decisions', decision.id)?.advice.a1).toEqual(read('a1', 'One, edited'));
    // Adding it again is refused (it is in both places).
    expect(() => repo.addToCollection('decisions', decision.id, 'advice', advice('a1', 'Again'))).toThrow(
      new Error('decisions.advice.a1: already exists'),
    );
    // Removing it takes both: the map's copy does not come back from under the own key's.
    expect(changed(() => repo.removeFromCollection('decisions', decision.id, 'advice', 'a1'))).toEqual({
      entity: { 'advice/a1': 'delete', updatedAt: 'update' },
      'entity.advice': { a1: 'delete' },
    });
    expect(repo.get('decisions', decision.id)?.advice).toEqual({ a2: read('a2', 'Two, in the map') });
    expect(toPlain(older)).toEqual({ a2: advice('a2', 'Two, in the map') });
  });

  it('puts an item back in both places when a grouped intent removing it fails later', () => {
    const { doc, repo, decision, entity } = withOlderAdvice();
    entity.set('advice/a1', new Y.Map<unknown>(Object.entries(advice('a1', 'One, own key'))));
    const before = documentToPlain(doc);
    expect(() =>
      repo.transact(() => {
        repo.removeFromCollection('decisions', decision.id, 'advice', 'a1');
        repo.removeFromCollection('decisions', decision.id, 'advice', 'a2');
        repo.updateInCollection('decisions', decision.id, 'advice', 'a2', { text: 'Gone already' });
      }),
    ).toThrow('decisions.advice: there is no item with id "a2"');
    expect(documentToPlain(doc)).toEqual(before);
    expect(repo.get('decisions', decision.id)?.advice).toEqual({
      a1: read('a1', 'One, own key'),
      a2: read('a2', 'Two, in the map'),
    });
  });

  it("keeps a peer's edit of an item of the map and this peer's edit of another field of it", () => {
    const a = withOlderAdvice(1);
    const b = setup(2);
    syncAll([a.doc, b.doc]);
    a.repo.updateInCollection('decisions', a.decision.id, 'advice', 'a1', { text: 'Edited by A' });
    b.repo.updateInCollection('decisions', a.decision.id, 'advice', 'a1', { authorName: 'Named by B' });
    b.repo.removeFromCollection('decisions', a.decision.id, 'advice', 'a2');
    syncAll([a.doc, b.doc]);
    for (const peer of [a, b]) {
      expect(peer.repo.get('decisions', a.decision.id)?.advice).toEqual({
        a1: { ...read('a1', 'Edited by A'), authorName: 'Named by B' },
      });
    }
    expect(documentToPlain(a.doc)).toEqual(documentToPlain(b.doc));
    expect([...a.entity.keys()].filter((key) => key.includes('/'))).toEqual([]);
  });
});

describe('repository: merging peers', () => {
  it('keeps a concurrent edit of a deleted entity, which can then be restored', () => {
    const a = setup(1);
    const b = setup(2);
    const domain = a.repo.create('domains', product);
    syncAll([a.doc, b.doc]);
    a.clock.set(2_000);
    a.repo.softDelete('domains', domain.id);
    b.clock.set(2_500);
    b.repo.update('domains', domain.id, { name: 'Product & design' });
    syncAll([a.doc, b.doc]);
    expect(documentToPlain(a.doc)).toEqual(documentToPlain(b.doc));
    const merged = a.repo.get('domains', domain.id);
    expect(merged).toMatchObject({ name: 'Product & design', deletedAt: 2_000 });
    a.clock.set(3_000);
    a.repo.restore('domains', domain.id);
    expect(a.repo.get('domains', domain.id)?.deletedAt).toBeNull();
    syncAll([a.doc, b.doc]);
    expect(b.repo.get('domains', domain.id)).toMatchObject({ name: 'Product & design', deletedAt: null });
  });

  it('keeps concurrent additions to one collection from two peers', () => {
    const a = setup(1);
    const b = setup(2);
    const decision = a.repo.create('decisions', decisionFields);
    syncAll([a.doc, b.doc]);
    a.repo.addToCollection('decisions', decision.id, 'advice', { authorId: 'user-1', text: 'From A', createdAt: 1 });
    b.repo.addToCollection('decisions', decision.id, 'advice', { authorId: 'user-2', text: 'From B', createdAt: 2 });
    syncAll([a.doc, b.doc]);
    for (const peer of [a, b]) {
      const texts = Object.values(peer.repo.get('decisions', decision.id)?.advice ?? {}).map((item) => item.text);
      expect(texts.sort()).toEqual(['From A', 'From B']);
    }
  });

  it('keeps the first items two peers add at once to a collection the entity has never used', () => {
    // Why schema 4 stores each item in the entity's own map: there is no collection map that
    // two peers could each create, with Yjs then keeping one of them and its items only.
    const a = setup(1);
    const b = setup(2);
    const c = setup(3);
    const decision = a.repo.create('decisions', decisionFields);
    syncAll([a.doc, b.doc, c.doc]);
    const position = (id: string, participantName: string) => ({
      id,
      participantName,
      stance: 'objection' as const,
      note: '',
      recordedBy: 'user-1',
      updatedAt: 1,
    });
    a.repo.addToCollection('decisions', decision.id, 'positions', position('p-a', 'Ana'));
    b.repo.addToCollection('decisions', decision.id, 'positions', position('p-b', 'Ben'));
    c.repo.addToCollection('decisions', decision.id, 'positions', position('p-c', 'Cy'));
    b.repo.addToCollection('decisions', decision.id, 'links', {
      id: 'l-b',
      relation: 'relates-to',
      decisionId: 'x2',
      workspaceId: null,
      title: 'Other',
      createdAt: 2,
    });
    syncAll([a.doc, b.doc, c.doc]);
    for (const peer of [a, b, c]) {
      const read = peer.repo.get('decisions', decision.id);
      expect(read?.positions).toEqual({
        'p-a': position('p-a', 'Ana'),
        'p-b': position('p-b', 'Ben'),
        'p-c': position('p-c', 'Cy'),
      });
      expect(Object.keys(read?.links ?? {})).toEqual(['l-b']);
    }
    expect(documentToPlain(a.doc)).toEqual(documentToPlain(c.doc));
  });

  it('keeps one whole item, never a mix, when two peers add an item with the same id at once', () => {
    const a = setup(1);
    const b = setup(2);
    const domain = a.repo.create('domains', product);
    syncAll([a.doc, b.doc]);
    const fromA = { id: 'm1', name: 'Lead time', unit: 'days', target: 5, direction: 'lower' } as const;
    const fromB = { id: 'm1', name: 'Throughput', unit: 'items', target: null, direction: 'higher' } as const;
    a.repo.addToCollection('domains', domain.id, 'metrics', fromA);
    b.repo.addToCollection('domains', domain.id, 'metrics', fromB);
    syncAll([a.doc, b.doc]);
    const metrics = a.repo.get('domains', domain.id)?.metrics;
    expect(b.repo.get('domains', domain.id)?.metrics).toEqual(metrics);
    // Yjs keeps the later client's map for a key set at once: peer 2's, whole.
    expect(metrics).toEqual({ m1: fromB });
  });

  it('loses a concurrent edit inside an item another peer removed, and the entity stays readable', () => {
    const a = setup(1);
    const b = setup(2);
    const decision = a.repo.create('decisions', decisionFields);
    a.repo.addToCollection('decisions', decision.id, 'advice', { id: 'x', authorId: 'u', text: 'Hi', createdAt: 1 });
    a.repo.addToCollection('decisions', decision.id, 'advice', { id: 'y', authorId: 'u', text: 'Yo', createdAt: 1 });
    syncAll([a.doc, b.doc]);
    a.repo.removeFromCollection('decisions', decision.id, 'advice', 'x');
    b.repo.updateInCollection('decisions', decision.id, 'advice', 'x', { text: 'Edited meanwhile' });
    b.repo.update('decisions', decision.id, { title: 'Renamed meanwhile' });
    syncAll([a.doc, b.doc]);
    for (const peer of [a, b]) {
      const read = peer.repo.get('decisions', decision.id);
      expect(read).toMatchObject({ title: 'Renamed meanwhile' });
      expect(Object.keys(read?.advice ?? {})).toEqual(['y']);
    }
  });

  it('keeps a policy readable and fixable when concurrent edits cross its limits', () => {
    const a = setup(1);
    const b = setup(2);
    const policy = a.repo.create('policies', {
      domainId: 'd1',
      autonomousCostLimit: 100,
      consultativeCostLimit: 1_000,
    });
    syncAll([a.doc, b.doc]);
    a.repo.update('policies', policy.id, { autonomousCostLimit: 800 });
    b.repo.update('policies', policy.id, { consultativeCostLimit: 500 });
    syncAll([a.doc, b.doc]);
    const merged = a.repo.get('policies', policy.id);
    expect(merged).toMatchObject({ autonomousCostLimit: 800, consultativeCostLimit: 500 });
    expect(() => a.repo.update('policies', policy.id, { domainId: 'd2' })).toThrow(
      'policies.autonomousCostLimit: must not be above the consultative limit',
    );
    a.repo.update('policies', policy.id, { autonomousCostLimit: 400 });
    expect(readEntity('policies', getKindMap(a.doc, 'policies').get(policy.id)).ok).toBe(true);
  });
});
