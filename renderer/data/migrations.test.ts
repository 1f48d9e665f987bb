import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import singleAuthorFixture from '../../test/fixtures/documents/v1-single-author.bin?url&inline';
import twoPeersFixture from '../../test/fixtures/documents/v1-two-peers.bin?url&inline';
import teamFixture from '../../test/fixtures/documents/v2-team.bin?url&inline';
import futureFixture from '../../test/fixtures/documents/v4-future.bin?url&inline';
import { entityKinds } from '@shared/model/entities';
import { createDocumentStore } from './document-store';
import { migrateToVersion2, migrateToVersion3, openDocument, readOnlyReason } from './migrations';
import {
  createTestRepository,
  decodeFixture,
  docFromUpdate,
  encodedState,
  expectedDecisionDefaults,
  expectedDomainDefaults,
  syncAll,
} from './test-support';
import {
  MIGRATION_ORIGIN,
  documentToPlain,
  getKindMap,
  getMetaMap,
  initialiseDocument,
  plainDocumentSchema,
} from './workspace-document';

/** The fixtures' clock: 2024-03-04T09:00:00Z plus n minutes (see generate.ts). */
const minutes = (n: number): number => 1_709_542_800_000 + n * 60_000;

/**
 * What schema 3 added to every domain (charter fields and keyed collections), decision and
 * policy. Written out here rather than imported, so a change to the defaults shows up as a
 * failing test.
 *
 * Fields holding their default are not stored: the migration adds only the empty collection
 * maps (`…V3Stored`, what `documentToPlain` shows), and every read fills in the defaults of
 * the new fields (`…V3`, what `plainDocumentSchema` and the store give).
 */
const domainV3Stored = {
  roles: {},
  metrics: {},
  metricValues: {},
  agreements: {},
  resources: {},
};
const domainV3 = {
  ...expectedDomainDefaults,
  ...domainV3Stored,
};
const decisionV3 = {
  ...expectedDecisionDefaults,
};
const policyV3 = { changes: {} };

const newerMessage =
  'This workspace was saved by a newer version of Latitude (schema 4). This version understands up to schema 3, ' +
  'so it is open read-only and nothing in it will be changed.';

function openFixture(dataUrl: string, clientID = 999) {
  const doc = docFromUpdate(decodeFixture(dataUrl), clientID);
  const origins: unknown[] = [];
  doc.on('afterTransaction', (transaction) => origins.push(transaction.origin));
  const result = openDocument(doc);
  return { doc, result, origins };
}

describe('migration of v1-single-author', () => {
  it('migrates through 2 to 3 in one transaction with MIGRATION_ORIGIN and reports the old version', () => {
    const doc = docFromUpdate(decodeFixture(singleAuthorFixture));
    const origins: unknown[] = [];
    const updates: Uint8Array[] = [];
    doc.on('afterTransaction', (transaction) => origins.push(transaction.origin));
    doc.on('update', (update: Uint8Array) => updates.push(update));
    expect(openDocument(doc)).toEqual({ mode: 'editable', migratedFrom: 1 });
    expect(origins).toEqual([MIGRATION_ORIGIN]);
    expect(updates).toHaveLength(1);
    expect(getMetaMap(doc).get('schemaVersion')).toBe(3);
    // Both steps ran: version-2 changes (deletedAt, purpose) and version-3 ones (the empty
    // collections; the charter fields hold their defaults, so nothing of them is stored).
    expect(documentToPlain(doc).entities.domains['domain-legacy']).toEqual({
      id: 'domain-legacy',
      createdAt: minutes(5),
      updatedAt: minutes(30),
      createdBy: 'member-ana',
      deletedAt: minutes(30),
      name: 'Legacy',
      level: 'individual',
      parentId: null,
      purpose: '',
      ...domainV3Stored,
    });
  });

  it('turns tombstones into deletedAt and gives every entity the fields of versions 2 and 3, field by field', () => {
    const { doc } = openFixture(singleAuthorFixture);
    const { entities } = plainDocumentSchema.parse(documentToPlain(doc));
    const base = (id: string, created: number, updated = created) => ({
      id,
      createdAt: minutes(created),
      updatedAt: minutes(updated),
      createdBy: 'member-ana',
    });
    expect(entities.domains).toEqual({
      'domain-product': {
        ...base('domain-product', 2),
        deletedAt: null,
        name: 'Product',
        level: 'domain',
        parentId: null,
        purpose: '',
        ...domainV3,
      },
      'domain-growth': {
        ...base('domain-growth', 3, 4),
        deletedAt: null,
        name: 'Growth',
        level: 'team',
        parentId: 'domain-product',
        purpose: '',
        ...domainV3,
      },
      'domain-legacy': {
        ...base('domain-legacy', 5, 30),
        deletedAt: minutes(30),
        name: 'Legacy',
        level: 'individual',
        parentId: null,
        purpose: '',
        ...domainV3,
      },
    });
    expect(entities.decisions).toEqual({
      'decision-pricing': {
        ...base('decision-pricing', 10, 13),
        deletedAt: null,
        title: 'Raise the team plan price',
        domainId: 'domain-product',
        status: 'seeking-advice',
        context: 'Costs rose 12% this year.',
        ...decisionV3,
        advice: {
          'advice-1': {
            id: 'advice-1',
            authorId: 'member-ben',
            authorName: '',
            fromDomainId: null,
            text: 'Ask three customers first.',
            createdAt: minutes(12),
          },
          'advice-2': {
            id: 'advice-2',
            authorId: 'member-ana',
            authorName: '',
            fromDomainId: null,
            text: 'Announce it a month ahead.',
            createdAt: minutes(13),
          },
        },
      },
      'decision-free-tier': {
        ...base('decision-free-tier', 14, 40),
        deletedAt: minutes(40),
        title: 'Drop the free tier',
        domainId: 'domain-product',
        status: 'withdrawn',
        context: '',
        ...decisionV3,
        advice: {},
      },
    });
    expect(entities.experiments['experiment-onboarding']).toEqual({
      ...base('experiment-onboarding', 15),
      deletedAt: null,
      title: 'Shorter onboarding',
      domainId: 'domain-growth',
      hypothesis: 'Fewer steps, more sign-ups.',
      status: 'running',
    });
    expect(entities.reviews['review-week-10']).toEqual({
      ...base('review-week-10', 16),
      deletedAt: null,
      title: 'Week 10',
      cadence: 'weekly',
      periodStart: '2024-03-04',
      periodEnd: '2024-03-10',
      domainId: null,
    });
    expect(entities.pulseChecks['pulse-week-10']).toEqual({
      ...base('pulse-week-10', 17),
      deletedAt: null,
      periodStart: '2024-03-04',
      satisfaction: 4,
      stress: 2,
      collaboration: 5,
      trust: 4,
    });
    expect(entities.valueEntries['value-faster-checkout']).toEqual({
      ...base('value-faster-checkout', 18),
      deletedAt: null,
      title: 'Faster checkout',
      domainId: 'domain-product',
      deliveredOn: '2024-03-08',
      satisfaction: 5,
    });
    expect(entities.actions['action-pricing-page']).toEqual({
      ...base('action-pricing-page', 19, 20),
      deletedAt: null,
      title: 'Update the pricing page',
      ownerId: 'member-ben',
      dueOn: null,
      done: true,
      reviewId: 'review-week-10',
    });
    expect(entities.policies['policy-product']).toEqual({
      ...base('policy-product', 21),
      deletedAt: null,
      domainId: 'domain-product',
      autonomousCostLimit: 500,
      consultativeCostLimit: 5000,
      ...policyV3,
    });
    expect(entities.members).toEqual({
      'member-ana': { ...base('member-ana', 0), deletedAt: null, name: 'Ana Lima', role: 'Facilitator' },
      'member-ben': { ...base('member-ben', 1), deletedAt: null, name: 'Ben Okafor', role: '' },
    });
  });

  it('leaves no v1 field behind and every entity readable by the store', () => {
    const { doc } = openFixture(singleAuthorFixture);
    for (const kindEntities of Object.values(documentToPlain(doc).entities)) {
      for (const entity of Object.values(kindEntities)) expect(entity).not.toHaveProperty('deleted');
    }
    const store = createDocumentStore(doc);
    expect(store.getState().invalid).toEqual([]);
    store.destroy();
  });

  it('is editable afterwards, and a second open changes nothing', () => {
    const { doc } = openFixture(singleAuthorFixture);
    const before = encodedState(doc);
    expect(openDocument(doc)).toEqual({ mode: 'editable', migratedFrom: null });
    expect(encodedState(doc)).toEqual(before);
    const { repo } = createTestRepository(doc);
    expect(repo.update('domains', 'domain-product', { purpose: 'Build what users need.' }).purpose).toBe(
      'Build what users need.',
    );
  });
});

describe('migration of v1-two-peers', () => {
  it('keeps the rename made while the other peer deleted, and both pieces of advice', () => {
    const { doc, result } = openFixture(twoPeersFixture);
    expect(result).toEqual({ mode: 'editable', migratedFrom: 1 });
    const { entities } = plainDocumentSchema.parse(documentToPlain(doc));
    // The rename (peer 12, minute 11) and the delete (peer 11, minute 10) were concurrent:
    // both fields survive; Yjs kept peer 12's updatedAt, which becomes the deletion time.
    expect(entities.domains['domain-ops']).toEqual({
      id: 'domain-ops',
      createdAt: minutes(0),
      updatedAt: minutes(11),
      createdBy: 'member-a',
      deletedAt: minutes(11),
      name: 'Operations & support',
      level: 'team',
      parentId: null,
      purpose: '',
      ...domainV3,
    });
    expect(entities.decisions['decision-hiring']?.advice).toEqual({
      'advice-from-a': {
        id: 'advice-from-a',
        authorId: 'member-a',
        authorName: '',
        fromDomainId: null,
        text: 'Yes, before the summer.',
        createdAt: minutes(12),
      },
      'advice-from-b': {
        id: 'advice-from-b',
        authorId: 'member-b',
        authorName: '',
        fromDomainId: null,
        text: 'Try a rota change first.',
        createdAt: minutes(13),
      },
    });
    expect(entities.decisions['decision-hiring']).toMatchObject({ deletedAt: null, updatedAt: minutes(13) });
    // Restored in version 1 (`deleted: false`): live in versions 2 and 3.
    expect(entities.decisions['decision-vendor']).toMatchObject({ deletedAt: null, updatedAt: minutes(14) });
  });

  it('lets the deleted domain be restored after migration', () => {
    const { doc } = openFixture(twoPeersFixture);
    const { repo } = createTestRepository(doc);
    repo.restore('domains', 'domain-ops');
    expect(repo.get('domains', 'domain-ops')).toMatchObject({ name: 'Operations & support', deletedAt: null });
  });
});

describe('migration of v2-team', () => {
  /** Every kind's top-level map, observed: for each entity or collection changed, its keys and how. */
  function recordKeyChanges(doc: Y.Doc): Record<string, Record<string, string>> {
    const changed: Record<string, Record<string, string>> = {};
    for (const kind of entityKinds) {
      getKindMap(doc, kind).observeDeep((events) => {
        for (const event of events) {
          const at = [kind, ...event.path.map(String)].join('.');
          for (const [key, change] of event.changes.keys) changed[at] = { ...changed[at], [key]: change.action };
        }
      });
    }
    return changed;
  }

  const added = (keys: readonly string[]) => Object.fromEntries(keys.map((key) => [key, 'add']));

  it('migrates in one transaction with MIGRATION_ORIGIN and reports version 2', () => {
    const doc = docFromUpdate(decodeFixture(teamFixture));
    const origins: unknown[] = [];
    const updates: Uint8Array[] = [];
    doc.on('afterTransaction', (transaction) => origins.push(transaction.origin));
    doc.on('update', (update: Uint8Array) => updates.push(update));
    expect(openDocument(doc)).toEqual({ mode: 'editable', migratedFrom: 2 });
    expect(origins).toEqual([MIGRATION_ORIGIN]);
    expect(updates).toHaveLength(1);
    expect(getMetaMap(doc).toJSON()).toEqual({ schemaVersion: 3, workspaceId: 'workspace-v2' });
  });

  /**
   * Every entity of v2-team after migration, field by field: its schema-2 values and what
   * schema 3 added to a domain and a decision (stored or as read).
   */
  function teamEntities(domainAdded: object, decisionAdded: object) {
    const base = (id: string, created: number, updated = created) => ({
      id,
      createdAt: minutes(created),
      updatedAt: minutes(updated),
      createdBy: 'member-ana',
    });
    return {
      members: {
        'member-ana': { ...base('member-ana', 0), deletedAt: null, name: 'Ana Lima', role: 'Facilitator' },
      },
      domains: {
        'domain-product': {
          ...base('domain-product', 1),
          deletedAt: null,
          name: 'Product',
          level: 'domain',
          parentId: null,
          purpose: 'Build what users need.',
          ...domainAdded,
        },
        'domain-web': {
          ...base('domain-web', 2),
          deletedAt: null,
          name: 'Web team',
          level: 'team',
          parentId: 'domain-product',
          purpose: '',
          ...domainAdded,
        },
        'domain-old': {
          ...base('domain-old', 3, 4),
          deletedAt: minutes(4),
          name: 'Old',
          level: 'team',
          parentId: null,
          purpose: '',
          ...domainAdded,
        },
      },
      decisions: {
        'decision-pricing': {
          ...base('decision-pricing', 5),
          deletedAt: null,
          title: 'Raise prices',
          domainId: 'domain-product',
          status: 'decided',
          context: 'Costs went up.',
          ...decisionAdded,
          advice: {},
        },
      },
      policies: {
        'policy-product': {
          ...base('policy-product', 6),
          deletedAt: null,
          domainId: 'domain-product',
          autonomousCostLimit: 1000,
          consultativeCostLimit: 10000,
          ...policyV3,
        },
        'policy-web': {
          ...base('policy-web', 7),
          deletedAt: null,
          domainId: 'domain-web',
          autonomousCostLimit: 500,
          consultativeCostLimit: 5000,
          ...policyV3,
        },
      },
      experiments: {},
      reviews: {},
      pulseChecks: {},
      valueEntries: {},
      actions: {},
    };
  }

  it('stores exactly the new empty collections and reads every new default, keeping every value, field by field', () => {
    const { doc } = openFixture(teamFixture);
    // As stored: the new fields hold their defaults, so only the collections were written.
    // A decision stores nothing new: its only collection, advice, predates version 3.
    expect(documentToPlain(doc).entities).toEqual(teamEntities(domainV3Stored, {}));
    // As read: every default filled in.
    expect(plainDocumentSchema.parse(documentToPlain(doc)).entities).toEqual(teamEntities(domainV3, decisionV3));
    const store = createDocumentStore(doc);
    expect(store.getState().invalid).toEqual([]);
    store.destroy();
  });

  it('only adds keys: the collections version 3 introduced, as Yjs maps, and no default field', () => {
    const doc = docFromUpdate(decodeFixture(teamFixture));
    const decision = getKindMap(doc, 'decisions').get('decision-pricing') as Y.Map<unknown>;
    const decisionKeys = [...decision.keys()].sort();
    const advice = decision.get('advice');
    expect(advice).toBeInstanceOf(Y.Map);
    const changed = recordKeyChanges(doc);
    openDocument(doc);
    // No 'update' or 'delete': every value written by version 2 is the one it wrote. No
    // field of version 3 is written: each holds its default, which reads fill in.
    const domainKeys = added(Object.keys(domainV3Stored));
    expect(changed).toEqual({
      'domains.domain-product': domainKeys,
      'domains.domain-web': domainKeys,
      'domains.domain-old': domainKeys,
      'policies.policy-product': added(['changes']),
      'policies.policy-web': added(['changes']),
    });
    const web = getKindMap(doc, 'domains').get('domain-web') as Y.Map<unknown>;
    for (const name of ['roles', 'metrics', 'metricValues', 'agreements', 'resources']) {
      expect(web.get(name), name).toBeInstanceOf(Y.Map);
      expect((web.get(name) as Y.Map<unknown>).size, name).toBe(0);
    }
    // A decision gets no collection map: it already had its only one, advice, in version 2.
    expect(getKindMap(doc, 'decisions').get('decision-pricing')).toBe(decision);
    expect([...decision.keys()].sort()).toEqual(decisionKeys);
    expect(decision.get('advice')).toBe(advice);
    const policy = getKindMap(doc, 'policies').get('policy-web') as Y.Map<unknown>;
    expect(policy.get('changes')).toBeInstanceOf(Y.Map);
  });

  it('is editable afterwards, and a second open or migration writes nothing', () => {
    const { doc } = openFixture(teamFixture);
    const before = encodedState(doc);
    expect(openDocument(doc)).toEqual({ mode: 'editable', migratedFrom: null });
    doc.transact(() => migrateToVersion3(doc), MIGRATION_ORIGIN);
    expect(encodedState(doc)).toEqual(before);

    const { repo } = createTestRepository(doc);
    repo.addToCollection('domains', 'domain-web', 'roles', { id: 'member-ana', role: 'owner' });
    repo.update('domains', 'domain-web', { budgetAmount: 2000, budgetUnit: 'EUR' });
    expect(repo.get('domains', 'domain-web')).toMatchObject({
      name: 'Web team',
      budgetAmount: 2000,
      budgetUnit: 'EUR',
      budgetPeriod: 'month',
      roles: { 'member-ana': { id: 'member-ana', role: 'owner' } },
    });
  });

  it('converges when two peers migrate it at once, and both keep adding to the merged collections', () => {
    const update = decodeFixture(teamFixture);
    const a = docFromUpdate(update, 201);
    const b = docFromUpdate(update, 202);
    expect(openDocument(a)).toEqual({ mode: 'editable', migratedFrom: 2 });
    expect(openDocument(b)).toEqual({ mode: 'editable', migratedFrom: 2 });
    syncAll([a, b]);
    expect(documentToPlain(a)).toEqual(documentToPlain(b));
    const alone = docFromUpdate(update, 203);
    openDocument(alone);
    expect(documentToPlain(a)).toEqual(documentToPlain(alone));
    expect(plainDocumentSchema.safeParse(documentToPlain(a)).success).toBe(true);

    createTestRepository(a).repo.addToCollection('domains', 'domain-web', 'roles', { id: 'member-a', role: 'owner' });
    createTestRepository(b).repo.addToCollection('domains', 'domain-web', 'roles', { id: 'member-b', role: 'member' });
    syncAll([a, b]);
    for (const peer of [a, b]) {
      expect(documentToPlain(peer).entities.domains['domain-web']).toMatchObject({
        roles: { 'member-a': { id: 'member-a', role: 'owner' }, 'member-b': { id: 'member-b', role: 'member' } },
      });
    }
  });
});

describe('concurrent migration', () => {
  it('converges when two peers migrate the same document at once', () => {
    const update = decodeFixture(singleAuthorFixture);
    const a = docFromUpdate(update, 101);
    const b = docFromUpdate(update, 102);
    openDocument(a);
    openDocument(b);
    syncAll([a, b]);
    expect(documentToPlain(a)).toEqual(documentToPlain(b));
    const alone = docFromUpdate(update, 103);
    openDocument(alone);
    expect(documentToPlain(a)).toEqual(documentToPlain(alone));
    expect(plainDocumentSchema.safeParse(documentToPlain(a)).success).toBe(true);
  });

  it('is idempotent: running the migrations again writes nothing', () => {
    const { doc } = openFixture(twoPeersFixture);
    const before = encodedState(doc);
    doc.transact(() => migrateToVersion2(doc), MIGRATION_ORIGIN);
    doc.transact(() => migrateToVersion3(doc), MIGRATION_ORIGIN);
    expect(encodedState(doc)).toEqual(before);
  });

  it('handles v1 entities with no deleted field, a deleted flag without updatedAt, and non-entities', () => {
    const doc = new Y.Doc();
    const domains = getKindMap(doc, 'domains');
    domains.set('plain', new Y.Map<unknown>(Object.entries({ id: 'plain', name: 'P', updatedAt: 5 })));
    domains.set('bare', new Y.Map<unknown>(Object.entries({ id: 'bare', deleted: true })));
    domains.set('junk', 'not an entity');
    expect(openDocument(doc)).toEqual({ mode: 'editable', migratedFrom: 1 });
    expect(documentToPlain(doc).entities.domains).toEqual({
      plain: { id: 'plain', name: 'P', updatedAt: 5, deletedAt: null, purpose: '', ...domainV3Stored },
      bare: { id: 'bare', deletedAt: 0, purpose: '', ...domainV3Stored },
      junk: 'not an entity',
    });
  });
});

describe('documents this version must not change', () => {
  it('opens a document from a newer schema read-only and leaves it byte-identical', () => {
    const update = decodeFixture(futureFixture);
    const doc = docFromUpdate(update);
    const before = encodedState(doc);
    expect(openDocument(doc)).toEqual({ mode: 'read-only', reason: newerMessage });
    initialiseDocument(doc, 'another-id');
    expect(encodedState(doc)).toEqual(before);
    expect(Y.encodeStateAsUpdate(doc)).toEqual(update);

    const store = createDocumentStore(doc);
    expect(store.getState().readOnly).toBe(newerMessage);
    const { repo } = createTestRepository(doc, { isReadOnly: () => readOnlyReason(doc) });
    expect(() => repo.update('domains', 'domain-future', { name: 'X' })).toThrow(
      `This workspace is read-only: ${newerMessage}`,
    );
    expect(encodedState(doc)).toEqual(before);
    store.destroy();
  });

  it('opens a document whose version is not a version read-only, unchanged', () => {
    const doc = new Y.Doc();
    getMetaMap(doc).set('schemaVersion', 'two');
    const before = encodedState(doc);
    expect(openDocument(doc)).toEqual({
      mode: 'read-only',
      reason:
        'This workspace\'s schema version ("two") is not one Latitude knows, so it is open read-only and nothing in it will be changed.',
    });
    expect(encodedState(doc)).toEqual(before);
  });

  it('leaves a current document alone, and stamps an empty one without calling it a migration', () => {
    const current = new Y.Doc();
    initialiseDocument(current, 'ws');
    const before = encodedState(current);
    expect(openDocument(current)).toEqual({ mode: 'editable', migratedFrom: null });
    expect(encodedState(current)).toEqual(before);

    const empty = new Y.Doc();
    expect(openDocument(empty)).toEqual({ mode: 'editable', migratedFrom: null });
    expect(getMetaMap(empty).get('schemaVersion')).toBe(3);
  });
});
