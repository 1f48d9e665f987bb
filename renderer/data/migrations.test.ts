import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import singleAuthorFixture from '../../test/fixtures/documents/v1-single-author.bin?url&inline';
import twoPeersFixture from '../../test/fixtures/documents/v1-two-peers.bin?url&inline';
import teamFixture from '../../test/fixtures/documents/v2-team.bin?url&inline';
import v3Fixture from '../../test/fixtures/documents/v3-workspace.bin?url&inline';
import futureFixture from '../../test/fixtures/documents/v5-future.bin?url&inline';
import { encodeBackup } from '@shared/backup/backup-format';
import { entityKinds } from '@shared/model/entities';
import { mergeBackupInto, readBackupFile, sha256 } from '../workspaces/backup-service';
import { createDocumentStore } from './document-store';
import { migrateToVersion2, migrateToVersion3, migrateToVersion4, openDocument, readOnlyReason } from './migrations';
import {
  createTestDoc,
  createTestRepository,
  decodeFixture,
  docFromUpdate,
  encodedState,
  expectedDecisionDefaults,
  expectedDomainDefaults,
  syncAll,
  syncOneWay,
} from './test-support';
import { createUndoManager } from './undo';
import {
  MIGRATION_ORIGIN,
  documentToPlain,
  getKindMap,
  getMetaMap,
  initialiseDocument,
  plainDocumentSchema,
  readSchemaVersion,
  toPlain,
} from './workspace-document';

/** The fixtures' clock: 2024-03-04T09:00:00Z plus n minutes (see generate.ts). */
const minutes = (n: number): number => 1_709_542_800_000 + n * 60_000;

/**
 * What schemas 3 and 4 added to every domain (charter fields and keyed collections),
 * decision (the full record; positions, escalations and links) and policy (its history), as
 * read when nothing was set. Written out here rather than imported, so a change to the
 * defaults shows up as a failing test.
 *
 * Fields holding their default are not stored, and since schema 4 neither is an empty
 * collection: migrated to schema 4, an old entity stores nothing of these (what
 * `documentToPlain` shows), and every read fills them in (what `plainDocumentSchema` and the
 * store give).
 */
const domainCollections = { roles: {}, metrics: {}, metricValues: {}, agreements: {}, resources: {} };
const domainV4 = { ...expectedDomainDefaults, ...domainCollections };
const decisionCollections = { advice: {}, positions: {}, escalations: {}, links: {} };
const decisionV4 = { ...expectedDecisionDefaults, ...decisionCollections };
const policyV4 = { changes: {} };

/** The empty collection maps schema 3 gave a domain (what `migrateToVersion3` writes). */
const domainV3Maps = domainCollections;

const newerMessage =
  'This workspace was saved by a newer version of Latitude (schema 5). This version understands up to schema 4, ' +
  'so it is open read-only and nothing in it will be changed.';

function openFixture(dataUrl: string, clientID = 999) {
  const doc = docFromUpdate(decodeFixture(dataUrl), clientID);
  const origins: unknown[] = [];
  doc.on('afterTransaction', (transaction) => origins.push(transaction.origin));
  const result = openDocument(doc);
  return { doc, result, origins };
}

describe('migration of v1-single-author', () => {
  it('migrates through 2 and 3 to 4 in one transaction with MIGRATION_ORIGIN and reports the old version', () => {
    const doc = docFromUpdate(decodeFixture(singleAuthorFixture));
    const pricingBefore = getKindMap(doc, 'decisions').get('decision-pricing') as Y.Map<unknown>;
    const adviceBefore = pricingBefore.get('advice') as Y.Map<unknown>;
    const itemsBefore = ['advice-1', 'advice-2'].map((id) => adviceBefore.get(id));
    const origins: unknown[] = [];
    const updates: Uint8Array[] = [];
    doc.on('afterTransaction', (transaction) => origins.push(transaction.origin));
    doc.on('update', (update: Uint8Array) => updates.push(update));
    expect(openDocument(doc)).toEqual({ mode: 'editable', migratedFrom: 1 });
    expect(origins).toEqual([MIGRATION_ORIGIN]);
    expect(updates).toHaveLength(1);
    expect(getMetaMap(doc).get('schemaVersion')).toBe(4);
    // Every step ran: version-2 changes (deletedAt, purpose) and version 3's empty collection
    // maps (the charter fields hold their defaults, so nothing of them is stored). Version 4
    // writes nothing but the version: the advice stays in the decision's `advice` map, where
    // version 1 put it, and is read there.
    const stored = documentToPlain(doc).entities;
    expect(stored.domains['domain-legacy']).toEqual({
      id: 'domain-legacy',
      createdAt: minutes(5),
      updatedAt: minutes(30),
      createdBy: 'member-ana',
      deletedAt: minutes(30),
      name: 'Legacy',
      level: 'individual',
      parentId: null,
      purpose: '',
      ...domainV3Maps,
    });
    expect(stored.decisions['decision-pricing']).toEqual({
      id: 'decision-pricing',
      createdAt: minutes(10),
      updatedAt: minutes(13),
      createdBy: 'member-ana',
      deletedAt: null,
      title: 'Raise the team plan price',
      domainId: 'domain-product',
      status: 'seeking-advice',
      context: 'Costs rose 12% this year.',
      advice: {
        'advice-1': {
          id: 'advice-1',
          authorId: 'member-ben',
          text: 'Ask three customers first.',
          createdAt: minutes(12),
        },
        'advice-2': {
          id: 'advice-2',
          authorId: 'member-ana',
          text: 'Announce it a month ahead.',
          createdAt: minutes(13),
        },
      },
    });
    // The very maps version 1 wrote, not copies; no item under its own key.
    const pricing = getKindMap(doc, 'decisions').get('decision-pricing') as Y.Map<unknown>;
    expect(pricing).toBe(pricingBefore);
    expect(pricing.get('advice')).toBe(adviceBefore);
    for (const [index, id] of ['advice-1', 'advice-2'].entries()) {
      expect(itemsBefore[index], id).toBeInstanceOf(Y.Map);
      expect(adviceBefore.get(id), id).toBe(itemsBefore[index]);
    }
    expect([...pricing.keys()].filter((key) => key.includes('/'))).toEqual([]);
  });

  it('turns tombstones into deletedAt and gives every entity the fields of versions 2 to 4, field by field', () => {
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
        ...domainV4,
      },
      'domain-growth': {
        ...base('domain-growth', 3, 4),
        deletedAt: null,
        name: 'Growth',
        level: 'team',
        parentId: 'domain-product',
        purpose: '',
        ...domainV4,
      },
      'domain-legacy': {
        ...base('domain-legacy', 5, 30),
        deletedAt: minutes(30),
        name: 'Legacy',
        level: 'individual',
        parentId: null,
        purpose: '',
        ...domainV4,
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
        ...decisionV4,
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
        ...decisionV4,
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
      // Read with the defaults and empty collections schema 4 gave reviews.
      includeSubdomains: false,
      phase: 'check-in',
      status: 'planned',
      facilitatorId: null,
      facilitatorName: '',
      notesHidden: false,
      phaseEndsAt: null,
      voteBudget: 3,
      templateId: null,
      summary: '',
      closedAt: null,
      notes: {},
      groups: {},
      votes: {},
      checkIns: {},
    });
    expect(entities.pulseChecks['pulse-week-10']).toEqual({
      ...base('pulse-week-10', 17),
      deletedAt: null,
      periodStart: '2024-03-04',
      satisfaction: 4,
      stress: 2,
      collaboration: 5,
      trust: 4,
      // Read with the defaults schema 4 gave pulse checks.
      domainId: null,
      anonymous: true,
      respondentName: '',
    });
    expect(entities.valueEntries['value-faster-checkout']).toEqual({
      ...base('value-faster-checkout', 18),
      deletedAt: null,
      title: 'Faster checkout',
      domainId: 'domain-product',
      deliveredOn: '2024-03-08',
      satisfaction: 5,
      // Read with the defaults schema 4 gave value entries.
      startedOn: null,
      defects: 0,
      note: '',
    });
    expect(entities.actions['action-pricing-page']).toEqual({
      ...base('action-pricing-page', 19, 20),
      deletedAt: null,
      title: 'Update the pricing page',
      ownerId: 'member-ben',
      dueOn: null,
      done: true,
      reviewId: 'review-week-10',
      // Read with the defaults schema 4 gave actions.
      ownerName: '',
      doneAt: null,
      sourceTopicId: '',
    });
    expect(entities.policies['policy-product']).toEqual({
      ...base('policy-product', 21),
      deletedAt: null,
      domainId: 'domain-product',
      autonomousCostLimit: 500,
      consultativeCostLimit: 5000,
      ...policyV4,
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
      ...domainV4,
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
    // Restored in version 1 (`deleted: false`): live in versions 2 to 4.
    expect(entities.decisions['decision-vendor']).toMatchObject({ deletedAt: null, updatedAt: minutes(14) });
  });

  it('lets the deleted domain be restored after migration', () => {
    const { doc } = openFixture(twoPeersFixture);
    const { repo } = createTestRepository(doc);
    repo.restore('domains', 'domain-ops');
    expect(repo.get('domains', 'domain-ops')).toMatchObject({ name: 'Operations & support', deletedAt: null });
  });
});

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

const changedAs = (action: string, keys: readonly string[]) => Object.fromEntries(keys.map((key) => [key, action]));

describe('migration of v2-team', () => {
  it('migrates in one transaction with MIGRATION_ORIGIN and reports version 2', () => {
    const doc = docFromUpdate(decodeFixture(teamFixture));
    const origins: unknown[] = [];
    const updates: Uint8Array[] = [];
    doc.on('afterTransaction', (transaction) => origins.push(transaction.origin));
    doc.on('update', (update: Uint8Array) => updates.push(update));
    expect(openDocument(doc)).toEqual({ mode: 'editable', migratedFrom: 2 });
    expect(origins).toEqual([MIGRATION_ORIGIN]);
    expect(updates).toHaveLength(1);
    expect(getMetaMap(doc).toJSON()).toEqual({ schemaVersion: 4, workspaceId: 'workspace-v2' });
  });

  /**
   * Every entity of v2-team after migration, field by field: its schema-2 values and what
   * schemas 3 and 4 added to a domain, a decision and a policy (stored or as read).
   */
  function teamEntities(added: { domain: object; decision: object; policy: object }) {
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
          ...added.domain,
        },
        'domain-web': {
          ...base('domain-web', 2),
          deletedAt: null,
          name: 'Web team',
          level: 'team',
          parentId: 'domain-product',
          purpose: '',
          ...added.domain,
        },
        'domain-old': {
          ...base('domain-old', 3, 4),
          deletedAt: minutes(4),
          name: 'Old',
          level: 'team',
          parentId: null,
          purpose: '',
          ...added.domain,
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
          ...added.decision,
        },
      },
      policies: {
        'policy-product': {
          ...base('policy-product', 6),
          deletedAt: null,
          domainId: 'domain-product',
          autonomousCostLimit: 1000,
          consultativeCostLimit: 10000,
          ...added.policy,
        },
        'policy-web': {
          ...base('policy-web', 7),
          deletedAt: null,
          domainId: 'domain-web',
          autonomousCostLimit: 500,
          consultativeCostLimit: 5000,
          ...added.policy,
        },
      },
      experiments: {},
      reviews: {},
      pulseChecks: {},
      valueEntries: {},
      actions: {},
      metricThresholds: {},
      reviewTemplates: {},
      anonymousReviewNotes: {},
    };
  }

  it("stores only schema 3's empty collection maps, and reads every new default and empty collection, field by field", () => {
    const { doc } = openFixture(teamFixture);
    // As stored: the new fields hold their defaults, so nothing of them is stored; version 3
    // gave each domain and policy an empty map per collection, version 4 wrote nothing, and
    // the decision keeps the empty advice map version 2 gave it.
    expect(documentToPlain(doc).entities).toEqual(
      teamEntities({ domain: domainV3Maps, decision: { advice: {} }, policy: { changes: {} } }),
    );
    // As read: every default filled in, every collection empty.
    expect(plainDocumentSchema.parse(documentToPlain(doc)).entities).toEqual(
      teamEntities({ domain: domainV4, decision: decisionV4, policy: policyV4 }),
    );
    const store = createDocumentStore(doc);
    expect(store.getState().invalid).toEqual([]);
    store.destroy();
  });

  it("only adds schema 3's empty collection maps: every value version 2 wrote stays as written, the same maps", () => {
    const doc = docFromUpdate(decodeFixture(teamFixture));
    const entitiesBefore = new Map(
      entityKinds.flatMap((kind) => [...getKindMap(doc, kind).entries()].map(([id, map]) => [`${kind}.${id}`, map])),
    );
    const decision = getKindMap(doc, 'decisions').get('decision-pricing') as Y.Map<unknown>;
    const advice = decision.get('advice');
    const changed = recordKeyChanges(doc);
    const metaChanged: string[] = [];
    getMetaMap(doc).observe((event) => metaChanged.push(...event.keysChanged));
    openDocument(doc);
    // No 'update' or 'delete': what migrateToVersion3 alone adds (see below), and nothing of
    // version 4 but the version itself.
    const domainKeys = changedAs('add', Object.keys(domainV3Maps));
    expect(changed).toEqual({
      'domains.domain-product': domainKeys,
      'domains.domain-web': domainKeys,
      'domains.domain-old': domainKeys,
      'policies.policy-product': changedAs('add', ['changes']),
      'policies.policy-web': changedAs('add', ['changes']),
    });
    expect(metaChanged).toEqual(['schemaVersion']);
    // The same entity maps, not copies, and the decision's advice map is the one version 2 made.
    for (const [at, map] of entitiesBefore) {
      const [kind = '', id = ''] = at.split('.');
      expect(getKindMap(doc, kind as (typeof entityKinds)[number]).get(id), at).toBe(map);
    }
    expect(decision.get('advice')).toBe(advice);
  });

  it('through migrateToVersion3 alone, only adds keys: the collections version 3 introduced, as Yjs maps', () => {
    const doc = docFromUpdate(decodeFixture(teamFixture));
    const decision = getKindMap(doc, 'decisions').get('decision-pricing') as Y.Map<unknown>;
    const decisionKeys = [...decision.keys()].sort();
    const advice = decision.get('advice');
    expect(advice).toBeInstanceOf(Y.Map);
    const changed = recordKeyChanges(doc);
    doc.transact(() => migrateToVersion3(doc), MIGRATION_ORIGIN);
    // No 'update' or 'delete': every value written by version 2 is the one it wrote. No
    // field of version 3 is written: each holds its default, which reads fill in.
    const domainKeys = changedAs('add', Object.keys(domainV3Maps));
    expect(changed).toEqual({
      'domains.domain-product': domainKeys,
      'domains.domain-web': domainKeys,
      'domains.domain-old': domainKeys,
      'policies.policy-product': changedAs('add', ['changes']),
      'policies.policy-web': changedAs('add', ['changes']),
    });
    const web = getKindMap(doc, 'domains').get('domain-web') as Y.Map<unknown>;
    for (const name of Object.keys(domainV3Maps)) {
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
    doc.transact(() => migrateToVersion4(), MIGRATION_ORIGIN);
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
    // A new item goes under its own key, never into the (empty) map of schema 3.
    const web = getKindMap(doc, 'domains').get('domain-web') as Y.Map<unknown>;
    expect(web.get('roles/member-ana')).toBeInstanceOf(Y.Map);
    expect(web.get('roles')).toBeInstanceOf(Y.Map);
    expect((web.get('roles') as Y.Map<unknown>).size).toBe(0);
  });

  it('converges when two peers migrate it at once, and both keep adding to the same collection', () => {
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
        'roles/member-a': { id: 'member-a', role: 'owner' },
        'roles/member-b': { id: 'member-b', role: 'member' },
      });
      expect(createTestRepository(peer).repo.get('domains', 'domain-web')?.roles).toEqual({
        'member-a': { id: 'member-a', role: 'owner' },
        'member-b': { id: 'member-b', role: 'member' },
      });
    }
  });
});

describe('migration of v3-workspace', () => {
  const ana = 'member-ana';
  const ben = 'member-ben';
  const base = (id: string, created: number, updated = created) => ({
    id,
    createdAt: minutes(created),
    updatedAt: minutes(updated),
    createdBy: ana,
    deletedAt: null,
  });
  /** Every item of the fixture, as schema 3 stored it (every field), written out by hand. */
  const productRoles = { [ana]: { id: ana, role: 'owner' }, [ben]: { id: ben, role: 'member' } };
  const productMetrics = {
    'metric-nps': { id: 'metric-nps', name: 'Net promoter score', unit: 'points', target: 40, direction: 'higher' },
  };
  const productMetricValues = {
    'value-march': {
      id: 'value-march',
      metricId: 'metric-nps',
      value: 32,
      recordedOn: '2024-03-01',
      note: 'Spring survey',
    },
  };
  const webRoles = { [ben]: { id: ben, role: 'owner' } };
  const webAgreements = {
    'agreement-pricing-page': {
      id: 'agreement-pricing-page',
      otherDomainId: 'domain-product',
      provides: 'Pricing page changes within a week.',
      expects: 'Two weeks notice of a price change.',
      serviceAgreement: 'Answer within 2 days',
      communication: '#product-web',
      escalationPath: ['domain-web', 'domain-product'],
    },
  };
  const pricingAdvice = {
    'advice-ana': {
      id: 'advice-ana',
      authorId: ana,
      authorName: 'Ana Lima',
      fromDomainId: null,
      text: 'Announce it a month ahead.',
      createdAt: minutes(20),
    },
    'advice-ben': {
      id: 'advice-ben',
      authorId: ben,
      authorName: 'Ben Okafor',
      fromDomainId: 'domain-web',
      text: 'Ask three customers first.',
      createdAt: minutes(21),
    },
  };
  const policyChanges = {
    'change-1': {
      id: 'change-1',
      changedAt: minutes(15),
      changedBy: ana,
      changedByName: 'Ana Lima',
      fromAutonomous: null,
      fromConsultative: null,
      toAutonomous: 1_000,
      toConsultative: 10_000,
      reason: 'First limits for the product domain.',
    },
    'change-2': {
      id: 'change-2',
      changedAt: minutes(16),
      changedBy: ana,
      changedByName: 'Ana Lima',
      fromAutonomous: 1_000,
      fromConsultative: 10_000,
      toAutonomous: 2_000,
      toConsultative: 10_000,
      reason: 'Small price tests need no advice.',
    },
  };

  /** Every entity's own fields as schema 3 stored them (no collection). */
  const fields = {
    'domain-product': {
      ...base('domain-product', 2, 6),
      name: 'Product',
      level: 'domain',
      parentId: null,
      purpose: 'Build what users need.',
      responsibility: 'Pricing and packaging.',
      budgetAmount: 20_000,
      budgetUnit: 'EUR',
      budgetPeriod: 'quarter',
    },
    'domain-web': {
      ...base('domain-web', 7, 10),
      name: 'Web team',
      level: 'team',
      parentId: 'domain-product',
      objectives: 'Halve the page load time.',
      capacityAmount: 4,
      capacityUnit: 'people',
      pilot: true,
    },
    'domain-old': { ...base('domain-old', 11, 12), deletedAt: minutes(12), name: 'Old', level: 'team', parentId: null },
    // Client 42's advice came last: Yjs kept its updatedAt (minute 21).
    'decision-pricing': {
      ...base('decision-pricing', 13, 21),
      title: 'Raise the team plan price',
      domainId: 'domain-product',
      status: 'seeking-advice',
      context: 'Costs rose 12% this year.',
      ownerId: ana,
      tags: ['pricing'],
      cost: 5_000,
      crossDomain: 'limited',
    },
    'decision-vendor': {
      ...base('decision-vendor', 14),
      title: 'Switch the status-page vendor',
      domainId: 'domain-web',
      status: 'draft',
    },
    'policy-product': {
      ...base('policy-product', 15, 16),
      domainId: 'domain-product',
      autonomousCostLimit: 2_000,
      consultativeCostLimit: 10_000,
    },
  };
  const members = {
    [ana]: { ...base(ana, 0), name: 'Ana Lima', role: 'Facilitator' },
    [ben]: { ...base(ben, 1), name: 'Ben Okafor', role: '' },
  };
  const noEntities = {
    experiments: {},
    reviews: {},
    pulseChecks: {},
    valueEntries: {},
    actions: {},
    metricThresholds: {},
    reviewTemplates: {},
    anonymousReviewNotes: {},
  };

  /** Each stored entity's scalar fields and items (as `<collection>/<id>` → plain item), walking the maps. */
  function storedParts(doc: Y.Doc) {
    const scalars: Record<string, unknown> = {};
    const items: Record<string, unknown> = {};
    for (const kind of entityKinds) {
      for (const [id, entity] of getKindMap(doc, kind).entries()) {
        for (const [key, value] of (entity as Y.Map<unknown>).entries()) {
          if (!(value instanceof Y.Map)) scalars[`${kind}.${id}.${key}`] = value;
          else if (key.includes('/')) items[`${kind}.${id}.${key}`] = toPlain(value);
          // A schema-3 collection map: each of its items, under the key schema 4 gives it.
          else for (const [itemId, item] of value.entries()) items[`${kind}.${id}.${key}/${itemId}`] = toPlain(item);
        }
      }
    }
    return { scalars, items };
  }

  /** Every map inside an entity (collection maps and their items), by `kind.id.key[.item id]`. */
  function storedMaps(doc: Y.Doc): Map<string, Y.Map<unknown>> {
    const maps = new Map<string, Y.Map<unknown>>();
    for (const kind of entityKinds) {
      for (const [id, entity] of getKindMap(doc, kind).entries()) {
        for (const [key, value] of (entity as Y.Map<unknown>).entries()) {
          if (!(value instanceof Y.Map)) continue;
          maps.set(`${kind}.${id}.${key}`, value as Y.Map<unknown>);
          for (const [itemId, item] of (value as Y.Map<unknown>).entries()) {
            if (item instanceof Y.Map) maps.set(`${kind}.${id}.${key}.${itemId}`, item as Y.Map<unknown>);
          }
        }
      }
    }
    return maps;
  }

  it('holds what schema 3 wrote: one map per collection, every item a map in it', () => {
    const doc = docFromUpdate(decodeFixture(v3Fixture));
    expect(getMetaMap(doc).toJSON()).toEqual({ schemaVersion: 3, workspaceId: 'workspace-v3' });
    const domainMaps = (values: object) => ({ ...domainV3Maps, ...values });
    expect(documentToPlain(doc).entities).toEqual({
      domains: {
        'domain-product': {
          ...fields['domain-product'],
          ...domainMaps({ roles: productRoles, metrics: productMetrics, metricValues: productMetricValues }),
        },
        'domain-web': { ...fields['domain-web'], ...domainMaps({ roles: webRoles, agreements: webAgreements }) },
        'domain-old': { ...fields['domain-old'], ...domainV3Maps },
      },
      decisions: {
        'decision-pricing': { ...fields['decision-pricing'], advice: pricingAdvice },
        'decision-vendor': { ...fields['decision-vendor'], advice: {} },
      },
      policies: { 'policy-product': { ...fields['policy-product'], changes: policyChanges } },
      members,
      ...noEntities,
    });
  });

  it('migrates in one transaction with MIGRATION_ORIGIN and reports version 3', () => {
    const doc = docFromUpdate(decodeFixture(v3Fixture));
    const origins: unknown[] = [];
    const updates: Uint8Array[] = [];
    doc.on('afterTransaction', (transaction) => origins.push(transaction.origin));
    doc.on('update', (update: Uint8Array) => updates.push(update));
    expect(openDocument(doc)).toEqual({ mode: 'editable', migratedFrom: 3 });
    expect(origins).toEqual([MIGRATION_ORIGIN]);
    expect(updates).toHaveLength(1);
    expect(getMetaMap(doc).toJSON()).toEqual({ schemaVersion: 4, workspaceId: 'workspace-v3' });
  });

  it('leaves every item where schema 3 stored it: the same Y.Map in its collection map, equal field by field', () => {
    const doc = docFromUpdate(decodeFixture(v3Fixture));
    const before = storedParts(doc);
    expect(Object.keys(before.items)).toHaveLength(10);
    const mapsBefore = storedMaps(doc);
    openDocument(doc);
    const after = storedParts(doc);
    expect(Object.keys(after.items).sort()).toEqual(Object.keys(before.items).sort());
    for (const [at, item] of Object.entries(before.items)) {
      for (const [field, value] of Object.entries(item as object)) {
        expect((after.items[at] as Record<string, unknown>)[field], `${at}.${field}`).toEqual(value);
      }
      expect(after.items[at], at).toEqual(item);
    }
    // Every field keeps its value, every collection map and item map is the very one schema
    // 3 wrote (not a copy), and no item sits under a key of its own.
    expect(after.scalars).toEqual(before.scalars);
    const mapsAfter = storedMaps(doc);
    expect([...mapsAfter.keys()]).toEqual([...mapsBefore.keys()]);
    for (const [at, map] of mapsBefore) expect(mapsAfter.get(at), at).toBe(map);
    for (const kind of entityKinds) {
      for (const [id, entity] of getKindMap(doc, kind).entries()) {
        expect(
          [...(entity as Y.Map<unknown>).keys()].filter((key) => key.includes('/')),
          `${kind}.${id}`,
        ).toEqual([]);
      }
    }
  });

  it('stores what schema 3 wrote, unchanged: fields as they were, every collection map with its items', () => {
    const doc = docFromUpdate(decodeFixture(v3Fixture));
    const before = documentToPlain(doc);
    openDocument(doc);
    const after = documentToPlain(doc);
    expect(after.entities).toEqual(before.entities);
    expect(after).toEqual({ ...before, schemaVersion: 4 });
    const domainMaps = (values: object) => ({ ...domainV3Maps, ...values });
    expect(after.entities).toEqual({
      domains: {
        'domain-product': {
          ...fields['domain-product'],
          ...domainMaps({ roles: productRoles, metrics: productMetrics, metricValues: productMetricValues }),
        },
        'domain-web': { ...fields['domain-web'], ...domainMaps({ roles: webRoles, agreements: webAgreements }) },
        'domain-old': { ...fields['domain-old'], ...domainV3Maps },
      },
      decisions: {
        'decision-pricing': { ...fields['decision-pricing'], advice: pricingAdvice },
        'decision-vendor': { ...fields['decision-vendor'], advice: {} },
      },
      policies: { 'policy-product': { ...fields['policy-product'], changes: policyChanges } },
      members,
      ...noEntities,
    });
    const product = getKindMap(doc, 'domains').get('domain-product') as Y.Map<unknown>;
    for (const name of Object.keys(domainV3Maps)) expect(product.get(name), name).toBeInstanceOf(Y.Map);
    const roles = product.get('roles') as Y.Map<unknown>;
    for (const id of [ana, ben]) expect(roles.get(id), id).toBeInstanceOf(Y.Map);
    expect([...product.keys()].filter((key) => key.includes('/'))).toEqual([]);
  });

  it('writes nothing but the version: no key of any entity, collection or item changes', () => {
    const doc = docFromUpdate(decodeFixture(v3Fixture));
    const changed = recordKeyChanges(doc);
    const metaChanged: string[] = [];
    getMetaMap(doc).observe((event) => metaChanged.push(...event.keysChanged));
    const updates: Uint8Array[] = [];
    doc.on('update', (update: Uint8Array) => updates.push(update));
    const vectorBefore = Y.decodeStateVector(Y.encodeStateVector(doc));
    openDocument(doc);
    expect(changed).toEqual({});
    expect(metaChanged).toEqual(['schemaVersion']);
    // The one update holds one new item (the version 4) and deletes one (the version 3).
    expect(updates).toHaveLength(1);
    const { structs, ds } = Y.decodeUpdate(updates[0]!);
    expect(structs.filter((struct) => struct instanceof Y.Item)).toHaveLength(1);
    expect([...ds.clients.values()].flat().reduce((count, item) => count + item.len, 0)).toBe(1);
    // Written by this peer only: every other client's clock is as it was.
    const vectorAfter = Y.decodeStateVector(Y.encodeStateVector(doc));
    for (const [client, clock] of vectorBefore) expect(vectorAfter.get(client), String(client)).toBe(clock);
  });

  it('reads every entity as schema 3 wrote it, with every default and every item, field by field', () => {
    const { doc } = openFixture(v3Fixture);
    const { entities } = plainDocumentSchema.parse(documentToPlain(doc));
    expect(entities).toEqual({
      domains: {
        'domain-product': {
          ...domainV4,
          ...fields['domain-product'],
          roles: productRoles,
          metrics: productMetrics,
          metricValues: productMetricValues,
        },
        'domain-web': { ...domainV4, purpose: '', ...fields['domain-web'], roles: webRoles, agreements: webAgreements },
        'domain-old': { ...domainV4, purpose: '', ...fields['domain-old'] },
      },
      decisions: {
        'decision-pricing': { ...decisionV4, ...fields['decision-pricing'], advice: pricingAdvice },
        'decision-vendor': { ...decisionV4, context: '', ...fields['decision-vendor'] },
      },
      policies: { 'policy-product': { ...fields['policy-product'], changes: policyChanges } },
      members,
      ...noEntities,
    });
    const store = createDocumentStore(doc);
    expect(store.getState().invalid).toEqual([]);
    expect(store.getState().entities.decisions.get('decision-pricing')).toEqual(entities.decisions['decision-pricing']);
    store.destroy();
  });

  it('keeps an escalation path a list, readable and editable in place after migration', () => {
    const { doc } = openFixture(v3Fixture);
    const web = getKindMap(doc, 'domains').get('domain-web') as Y.Map<unknown>;
    const agreements = web.get('agreements') as Y.Map<unknown>;
    const item = agreements.get('agreement-pricing-page') as Y.Map<unknown>;
    expect(item.get('escalationPath')).toEqual(['domain-web', 'domain-product']);
    const { repo } = createTestRepository(doc);
    const read = repo.get('domains', 'domain-web')?.agreements['agreement-pricing-page'];
    expect(read?.escalationPath).toEqual(['domain-web', 'domain-product']);
    expect(Object.isFrozen(read?.escalationPath)).toBe(true);
    repo.updateInCollection('domains', 'domain-web', 'agreements', 'agreement-pricing-page', {
      escalationPath: ['domain-product'],
    });
    expect(repo.get('domains', 'domain-web')?.agreements['agreement-pricing-page']?.escalationPath).toEqual([
      'domain-product',
    ]);
    // Changed in the item's own map, inside schema 3's collection map: nothing moved or copied.
    expect(web.get('agreements')).toBe(agreements);
    expect(agreements.get('agreement-pricing-page')).toBe(item);
    expect(item.get('escalationPath')).toEqual(['domain-product']);
    expect(web.has('agreements/agreement-pricing-page')).toBe(false);
  });

  it('is editable afterwards; a second open or migration writes nothing; undo cannot undo it', () => {
    const doc = docFromUpdate(decodeFixture(v3Fixture));
    const undo = createUndoManager(doc, { captureTimeout: 0 });
    openDocument(doc);
    expect(undo.canUndo()).toBe(false);
    const before = encodedState(doc);
    expect(openDocument(doc)).toEqual({ mode: 'editable', migratedFrom: null });
    doc.transact(() => migrateToVersion4(), MIGRATION_ORIGIN);
    expect(encodedState(doc)).toEqual(before);

    const { repo } = createTestRepository(doc);
    repo.removeFromCollection('decisions', 'decision-pricing', 'advice', 'advice-ana');
    repo.addToCollection('decisions', 'decision-vendor', 'advice', {
      id: 'a1',
      authorId: ana,
      text: 'Yes',
      createdAt: 1,
    });
    expect(Object.keys(repo.get('decisions', 'decision-pricing')?.advice ?? {})).toEqual(['advice-ben']);
    expect(Object.keys(repo.get('decisions', 'decision-vendor')?.advice ?? {})).toEqual(['a1']);
    // Removed from schema 3's advice map, where it was; added under its own key, beside the
    // vendor decision's empty advice map.
    const stored = documentToPlain(doc).entities.decisions;
    expect(stored['decision-pricing']).toEqual({
      ...fields['decision-pricing'],
      updatedAt: 1_000_000,
      advice: { 'advice-ben': pricingAdvice['advice-ben'] },
    });
    expect(stored['decision-vendor']).toEqual({
      ...fields['decision-vendor'],
      updatedAt: 1_000_000,
      advice: {},
      'advice/a1': { id: 'a1', authorId: ana, authorName: '', fromDomainId: null, text: 'Yes', createdAt: 1 },
    });
    undo.destroy();
  });

  it('converges when two peers migrate it at once, and both keep adding and removing items', () => {
    const update = decodeFixture(v3Fixture);
    const a = docFromUpdate(update, 301);
    const b = docFromUpdate(update, 302);
    expect(openDocument(a)).toEqual({ mode: 'editable', migratedFrom: 3 });
    expect(openDocument(b)).toEqual({ mode: 'editable', migratedFrom: 3 });
    syncAll([a, b]);
    expect(documentToPlain(a)).toEqual(documentToPlain(b));
    const alone = docFromUpdate(update, 303);
    openDocument(alone);
    expect(documentToPlain(a)).toEqual(documentToPlain(alone));
    expect(plainDocumentSchema.safeParse(documentToPlain(a)).success).toBe(true);

    const repoA = createTestRepository(a).repo;
    const repoB = createTestRepository(b).repo;
    const position = (id: string, participantName: string) => ({
      id,
      participantName,
      stance: 'consent' as const,
      note: '',
      recordedBy: ana,
      updatedAt: minutes(30),
    });
    // Both add to a collection the decision never had (positions), at once.
    repoA.addToCollection('decisions', 'decision-pricing', 'positions', position('p-a', 'Ana'));
    repoB.addToCollection('decisions', 'decision-pricing', 'positions', position('p-b', 'Ben'));
    // And each removes a different migrated item, and adds to a migrated collection.
    repoA.removeFromCollection('decisions', 'decision-pricing', 'advice', 'advice-ana');
    repoB.removeFromCollection('domains', 'domain-product', 'roles', ben);
    repoA.addToCollection('domains', 'domain-product', 'roles', { id: 'member-cy', role: 'member' });
    repoB.updateInCollection('policies', 'policy-product', 'changes', 'change-2', { reason: 'Price tests.' });
    syncAll([a, b]);
    expect(documentToPlain(a)).toEqual(documentToPlain(b));
    for (const repo of [repoA, repoB]) {
      const pricing = repo.get('decisions', 'decision-pricing');
      expect(pricing?.positions).toEqual({ 'p-a': position('p-a', 'Ana'), 'p-b': position('p-b', 'Ben') });
      expect(pricing?.advice).toEqual({ 'advice-ben': pricingAdvice['advice-ben'] });
      expect(repo.get('domains', 'domain-product')?.roles).toEqual({
        [ana]: productRoles[ana],
        'member-cy': { id: 'member-cy', role: 'member' },
      });
      expect(repo.get('policies', 'policy-product')?.changes['change-2']?.reason).toBe('Price tests.');
    }
    expect(plainDocumentSchema.safeParse(documentToPlain(a)).error?.issues ?? []).toEqual([]);
  });

  /** Every entity as read (validated, every default filled in), kind by kind. */
  const readAll = (doc: Y.Doc) => plainDocumentSchema.parse(documentToPlain(doc)).entities;
  const editedText = 'Announce it two months ahead.';

  // What moving items (the first schema-4 migration) lost: each peer made its own copy of
  // each item, Yjs kept one copy per key, and an edit made to the other copy was gone.
  it.each([
    ['higher', 302],
    ['lower', 300],
  ])(
    'keeps an edit and a removal made after migrating, once merged with a peer (client id %s) that migrated too',
    (_, clientB) => {
      const update = decodeFixture(v3Fixture);
      const a = docFromUpdate(update, 301);
      expect(openDocument(a)).toEqual({ mode: 'editable', migratedFrom: 3 });
      const repoA = createTestRepository(a).repo;
      repoA.updateInCollection('decisions', 'decision-pricing', 'advice', 'advice-ana', { text: editedText });
      repoA.removeFromCollection('decisions', 'decision-pricing', 'advice', 'advice-ben');
      const b = docFromUpdate(update, clientB);
      expect(openDocument(b)).toEqual({ mode: 'editable', migratedFrom: 3 });
      const expectedAdvice = { 'advice-ana': { ...pricingAdvice['advice-ana'], text: editedText } };

      syncOneWay(b, a);
      expect(readAll(a).decisions['decision-pricing']?.advice).toEqual(expectedAdvice);
      syncOneWay(a, b);
      for (const peer of [a, b]) {
        const repo = createTestRepository(peer).repo;
        expect(repo.get('decisions', 'decision-pricing')?.advice).toEqual(expectedAdvice);
        // Edited and removed where schema 3 stored them: no copy anywhere.
        const pricing = getKindMap(peer, 'decisions').get('decision-pricing') as Y.Map<unknown>;
        expect(toPlain(pricing.get('advice'))).toEqual({ 'advice-ana': expectedAdvice['advice-ana'] });
        expect([...pricing.keys()].filter((key) => key.includes('/'))).toEqual([]);
        expect(openDocument(peer)).toEqual({ mode: 'editable', migratedFrom: null });
      }
      expect(readAll(b)).toEqual(readAll(a));
      expect(documentToPlain(b)).toEqual(documentToPlain(a));
      const [storeA, storeB] = [createDocumentStore(a), createDocumentStore(b)];
      expect(storeA.getState().invalid).toEqual([]);
      expect(storeB.getState().entities).toEqual(storeA.getState().entities);
      storeA.destroy();
      storeB.destroy();
    },
  );

  it.each([
    ['higher', 302],
    ['lower', 300],
  ])(
    'merges edits of different fields of one schema-3 item made by two migrated peers (client id %s), field by field',
    (_, clientB) => {
      const update = decodeFixture(v3Fixture);
      const a = docFromUpdate(update, 301);
      const b = docFromUpdate(update, clientB);
      openDocument(a);
      openDocument(b);
      const repoA = createTestRepository(a).repo;
      const repoB = createTestRepository(b).repo;
      repoA.updateInCollection('decisions', 'decision-pricing', 'advice', 'advice-ana', { text: editedText });
      repoA.removeFromCollection('decisions', 'decision-pricing', 'advice', 'advice-ben');
      repoB.updateInCollection('decisions', 'decision-pricing', 'advice', 'advice-ana', { authorName: 'Ana L.' });
      repoB.updateInCollection('policies', 'policy-product', 'changes', 'change-1', { reason: 'Written by B.' });
      repoB.updateInCollection('domains', 'domain-web', 'agreements', 'agreement-pricing-page', {
        escalationPath: ['domain-product'],
      });
      syncOneWay(b, a);
      syncOneWay(a, b);
      for (const repo of [repoA, repoB]) {
        expect(repo.get('decisions', 'decision-pricing')?.advice).toEqual({
          'advice-ana': { ...pricingAdvice['advice-ana'], text: editedText, authorName: 'Ana L.' },
        });
        expect(repo.get('policies', 'policy-product')?.changes).toEqual({
          ...policyChanges,
          'change-1': { ...policyChanges['change-1'], reason: 'Written by B.' },
        });
        expect(repo.get('domains', 'domain-web')?.agreements).toEqual({
          'agreement-pricing-page': { ...webAgreements['agreement-pricing-page'], escalationPath: ['domain-product'] },
        });
      }
      expect(readAll(b)).toEqual(readAll(a));
      expect(documentToPlain(b)).toEqual(documentToPlain(a));
    },
  );

  it('keeps the edits made since when a schema-3 backup of the workspace is merged into it', async () => {
    const update = decodeFixture(v3Fixture);
    // A backup a schema-3 app made of the workspace: exactly the fixture.
    const schema3Backup = async (state: Uint8Array) =>
      encodeBackup(
        {
          appVersion: '0.3.0',
          exportedAt: minutes(22),
          workspace: { id: 'workspace-v3', name: 'Product', kind: 'team', createdAt: minutes(0) },
          schemaVersion: 3,
          state,
          content: documentToPlain(docFromUpdate(state)),
        },
        { sha256 },
      );
    const doc = docFromUpdate(update, 401);
    expect(openDocument(doc)).toEqual({ mode: 'editable', migratedFrom: 3 });
    const { repo } = createTestRepository(doc);
    repo.updateInCollection('decisions', 'decision-pricing', 'advice', 'advice-ana', { text: editedText });
    repo.removeFromCollection('decisions', 'decision-pricing', 'advice', 'advice-ben');
    repo.updateInCollection('policies', 'policy-product', 'changes', 'change-2', { reason: 'Rewritten.' });
    repo.removeFromCollection('domains', 'domain-product', 'roles', ben);
    repo.addToCollection('decisions', 'decision-vendor', 'advice', {
      id: 'advice-new',
      authorId: ana,
      text: 'Ask the vendor for a trial.',
      createdAt: minutes(23),
    });
    const edited = documentToPlain(doc);
    const editedRead = readAll(doc);

    // The same backup: nothing in it is new to the workspace, and nothing written since is lost.
    const backup = await readBackupFile(await schema3Backup(update));
    expect(readSchemaVersion(backup.doc)).toBe(4);
    mergeBackupInto(doc, 'workspace-v3', backup);
    expect(documentToPlain(doc)).toEqual(edited);
    expect(readAll(doc)).toEqual(editedRead);

    // A backup a schema-3 app made on another laptop after adding items of its own: those
    // come back, in their collection maps, and the edits made since stay.
    const laptop = docFromUpdate(update, 43);
    const vendor = getKindMap(laptop, 'decisions').get('decision-vendor') as Y.Map<unknown>;
    const laptopAdvice = {
      id: 'advice-cy',
      authorId: ben,
      authorName: 'Ben Okafor',
      fromDomainId: null,
      text: 'Keep the old vendor one more month.',
      createdAt: minutes(21),
    };
    laptop.transact(() => {
      (vendor.get('advice') as Y.Map<unknown>).set('advice-cy', new Y.Map<unknown>(Object.entries(laptopAdvice)));
      vendor.set('updatedAt', minutes(21));
    });
    mergeBackupInto(doc, 'workspace-v3', await readBackupFile(await schema3Backup(Y.encodeStateAsUpdate(laptop))));
    const merged = readAll(doc);
    expect(merged.decisions['decision-vendor']?.advice).toEqual({
      'advice-cy': laptopAdvice,
      'advice-new': {
        id: 'advice-new',
        authorId: ana,
        authorName: '',
        fromDomainId: null,
        text: 'Ask the vendor for a trial.',
        createdAt: minutes(23),
      },
    });
    expect(merged.decisions['decision-pricing']).toEqual(editedRead.decisions['decision-pricing']);
    expect(merged.policies).toEqual(editedRead.policies);
    expect(merged.domains).toEqual(editedRead.domains);
    expect(toPlain(vendor.get('advice'))).toEqual({ 'advice-cy': laptopAdvice });
    const store = createDocumentStore(doc);
    expect(store.getState().invalid).toEqual([]);
    store.destroy();
  });

  it('keeps the items two migrated peers add at once to a collection of a schema-3 entity, each under its own key', () => {
    const update = decodeFixture(v3Fixture);
    const a = docFromUpdate(update, 301);
    const b = docFromUpdate(update, 302);
    // Migrated offline, each on its own: they meet only once both have added.
    openDocument(a);
    openDocument(b);
    const repoA = createTestRepository(a).repo;
    const repoB = createTestRepository(b).repo;
    const adviceFrom = (id: string, text: string) => ({
      id,
      authorId: ana,
      authorName: '',
      fromDomainId: null,
      text,
      createdAt: minutes(30),
    });
    for (const [repo, id] of [
      [repoA, 'a'],
      [repoB, 'b'],
    ] as const) {
      // A collection holding items in schema 3's map, and one whose map is empty.
      repo.addToCollection('decisions', 'decision-pricing', 'advice', adviceFrom(`advice-${id}`, `From ${id}`));
      repo.addToCollection('decisions', 'decision-vendor', 'advice', adviceFrom(`vendor-${id}`, `Vendor ${id}`));
      repo.addToCollection('domains', 'domain-web', 'roles', { id: `member-${id}`, role: 'member' });
    }
    syncAll([a, b]);
    for (const peer of [a, b]) {
      const read = readAll(peer);
      expect(read.decisions['decision-pricing']?.advice).toEqual({
        ...pricingAdvice,
        'advice-a': adviceFrom('advice-a', 'From a'),
        'advice-b': adviceFrom('advice-b', 'From b'),
      });
      expect(Object.keys(read.decisions['decision-pricing']?.advice ?? {})).toEqual([
        'advice-a',
        'advice-ana',
        'advice-b',
        'advice-ben',
      ]);
      expect(read.decisions['decision-vendor']?.advice).toEqual({
        'vendor-a': adviceFrom('vendor-a', 'Vendor a'),
        'vendor-b': adviceFrom('vendor-b', 'Vendor b'),
      });
      expect(read.domains['domain-web']?.roles).toEqual({
        ...webRoles,
        'member-a': { id: 'member-a', role: 'member' },
        'member-b': { id: 'member-b', role: 'member' },
      });
      // Under their own keys; schema 3's maps hold what they held.
      const stored = documentToPlain(peer).entities;
      expect(stored.decisions['decision-pricing']).toMatchObject({
        advice: pricingAdvice,
        'advice/advice-a': adviceFrom('advice-a', 'From a'),
        'advice/advice-b': adviceFrom('advice-b', 'From b'),
      });
      expect(stored.decisions['decision-vendor']).toMatchObject({
        advice: {},
        'advice/vendor-a': adviceFrom('vendor-a', 'Vendor a'),
        'advice/vendor-b': adviceFrom('vendor-b', 'Vendor b'),
      });
      expect(stored.domains['domain-web']).toMatchObject({
        roles: webRoles,
        'roles/member-a': { id: 'member-a', role: 'member' },
        'roles/member-b': { id: 'member-b', role: 'member' },
      });
    }
    expect(documentToPlain(a)).toEqual(documentToPlain(b));
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

  it('is idempotent: each migration run again on its own result writes nothing', () => {
    for (const fixture of [twoPeersFixture, v3Fixture]) {
      const doc = docFromUpdate(decodeFixture(fixture));
      for (const migrate of [migrateToVersion2, migrateToVersion3, migrateToVersion4]) {
        doc.transact(() => migrate(doc), MIGRATION_ORIGIN);
        const before = encodedState(doc);
        doc.transact(() => migrate(doc), MIGRATION_ORIGIN);
        expect(encodedState(doc)).toEqual(before);
      }
    }
    // And after a whole open, the first and the last step find nothing to do.
    const { doc } = openFixture(twoPeersFixture);
    const before = encodedState(doc);
    doc.transact(() => migrateToVersion2(doc), MIGRATION_ORIGIN);
    doc.transact(() => migrateToVersion4(), MIGRATION_ORIGIN);
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
      plain: { id: 'plain', name: 'P', updatedAt: 5, deletedAt: null, purpose: '', ...domainV3Maps },
      bare: { id: 'bare', deletedAt: 0, purpose: '', ...domainV3Maps },
      junk: 'not an entity',
    });
  });
});

describe('migrateToVersion4 on unusual data', () => {
  const decision = {
    id: 'x1',
    createdAt: 1,
    updatedAt: 2,
    createdBy: 'u1',
    deletedAt: null,
    title: 'Ship it',
    domainId: null,
    status: 'draft',
  };
  const advice = (id: string, text: string) => ({ id, authorId: 'u2', text, createdAt: 3 });
  const readAdvice = (id: string, text: string) => ({ ...advice(id, text), authorName: '', fromDomainId: null });
  const itemMap = (item: object) => new Y.Map<unknown>(Object.entries(item));

  function schema3Doc(): Y.Doc {
    const doc = createTestDoc(1);
    doc.transact(() => {
      getMetaMap(doc).set('schemaVersion', 3);
      getKindMap(doc, 'decisions').set(
        'x1',
        new Y.Map<unknown>([
          ...Object.entries(decision),
          [
            'advice',
            new Y.Map<unknown>([
              ['a1', itemMap(advice('a1', 'From the map'))],
              ['a2', itemMap(advice('a2', 'Also in the map'))],
              ['a3', 'not an item'],
            ]),
          ],
          // The same id under its own key too (a peer of schema 4 wrote it): it wins on read.
          ['advice/a2', itemMap(advice('a2', 'Under its own key'))],
        ]),
      );
      getKindMap(doc, 'domains').set(
        'd1',
        new Y.Map<unknown>([
          ...Object.entries({ id: 'd1', createdAt: 1, updatedAt: 2, createdBy: 'u1', deletedAt: null }),
          ...Object.entries({ name: 'Product', level: 'team', parentId: null }),
          ['roles', 'not a map'],
        ]),
      );
    });
    return doc;
  }

  it('leaves mixed, bad and non-map collections as they are, for the store to read or report', () => {
    const doc = schema3Doc();
    const before = documentToPlain(doc).entities;
    const changed = recordKeyChanges(doc);
    expect(openDocument(doc)).toEqual({ mode: 'editable', migratedFrom: 3 });
    expect(changed).toEqual({});
    expect(documentToPlain(doc).entities).toEqual(before);
    expect(documentToPlain(doc).entities.decisions.x1).toEqual({
      ...decision,
      advice: { a1: advice('a1', 'From the map'), a2: advice('a2', 'Also in the map'), a3: 'not an item' },
      'advice/a2': advice('a2', 'Under its own key'),
    });
    expect((getKindMap(doc, 'domains').get('d1') as Y.Map<unknown>).get('roles')).toBe('not a map');
    // What the migration leaves, the store reports.
    const store = createDocumentStore(doc);
    expect(store.getState().invalid).toEqual([
      { kind: 'domains', id: 'd1', problem: 'domains.roles: must be a keyed collection' },
      { kind: 'decisions', id: 'x1', problem: 'decisions.advice.a3: must be an object' },
    ]);
    // Once the bad item is removed (where it is, in the map), the decision reads: both
    // layouts together, the item under its own key winning over the map's of the same id.
    const { repo } = createTestRepository(doc);
    repo.removeFromCollection('decisions', 'x1', 'advice', 'a3');
    expect(store.getState().invalid).toEqual([
      { kind: 'domains', id: 'd1', problem: 'domains.roles: must be a keyed collection' },
    ]);
    expect(store.getState().entities.decisions.get('x1')?.advice).toEqual({
      a1: readAdvice('a1', 'From the map'),
      a2: readAdvice('a2', 'Under its own key'),
    });
    store.destroy();
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
    expect(getMetaMap(empty).get('schemaVersion')).toBe(4);
  });
});
