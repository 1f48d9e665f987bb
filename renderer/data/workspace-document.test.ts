import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { entityKinds } from '@shared/model/entities';
import { createTestDoc, createTestRepository, encodedState } from './test-support';
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
};

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
    expect((doc.getMap('decisions').get(decision.id) as Y.Map<unknown>).get('advice')).toBeInstanceOf(Y.Map);
    expect(doc.getMap('meta').toJSON()).toEqual({ schemaVersion: CURRENT_SCHEMA_VERSION, workspaceId: 'ws-1' });
    expect(CURRENT_SCHEMA_VERSION).toBe(2);
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
    doc.getMap('meta').set('schemaVersion', 3);
    const before = encodedState(doc);
    initialiseDocument(doc, 'ws-1');
    expect(encodedState(doc)).toEqual(before);
  });
});

describe('readEntity', () => {
  it('returns a valid entity, deep-frozen, with its collections', () => {
    const doc = createTestDoc(1);
    const map = storeRaw(doc, 'decisions', 'x1', {
      id: 'x1',
      createdAt: 1,
      updatedAt: 2,
      createdBy: 'u1',
      deletedAt: null,
      title: 'Ship it',
      domainId: null,
      status: 'draft',
      context: '',
      advice: new Y.Map<unknown>([
        ['a1', new Y.Map<unknown>(Object.entries({ id: 'a1', authorId: 'u2', text: 'Yes', createdAt: 3 }))],
      ]),
    });
    const result = readEntity('decisions', map, 'x1');
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.entity.advice).toEqual({ a1: { id: 'a1', authorId: 'u2', text: 'Yes', createdAt: 3 } });
    expect(Object.isFrozen(result.entity)).toBe(true);
    expect(Object.isFrozen(result.entity.advice)).toBe(true);
    expect(Object.isFrozen(result.entity.advice.a1)).toBe(true);
  });

  it('treats a missing collection map as empty', () => {
    const doc = createTestDoc(1);
    const map = storeRaw(doc, 'decisions', 'x1', {
      id: 'x1',
      createdAt: 1,
      updatedAt: 2,
      createdBy: 'u1',
      deletedAt: null,
      title: 'Ship it',
      domainId: null,
      status: 'draft',
      context: '',
    });
    const result = readEntity('decisions', map);
    expect(result.ok && result.entity.advice).toEqual({});
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
      id: 'x1',
      createdAt: 1,
      updatedAt: 2,
      createdBy: 'u1',
      deletedAt: null,
      title: 'Ship it',
      domainId: null,
      status: 'draft',
      context: '',
      advice: new Y.Map<unknown>([
        ['a1', new Y.Map<unknown>(Object.entries({ id: 'a2', authorId: 'u2', text: 'Yes', createdAt: 3 }))],
        ['a3', new Y.Map<unknown>(Object.entries({ id: 'a3', authorId: 'u2', text: '', createdAt: 3 }))],
      ]),
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
    expect(Object.keys(plain.entities.domains[a.id] as object)).toEqual(
      ['createdAt', 'createdBy', 'deletedAt', 'id', 'level', 'name', 'parentId', 'purpose', 'updatedAt'].sort(),
    );
    expect(plain.schemaVersion).toBe(2);
    expect(plain.workspaceId).toBe('ws-1');
    expect(JSON.parse(JSON.stringify(plain))).toEqual(plain);

    const parsed = plainDocumentSchema.parse(plain);
    expect(parsed.entities.decisions[decision.id]?.advice['adv-1']?.text).toBe('Go');
    expect(parsed.entities.domains[a.id]).toEqual(repo.get('domains', a.id));
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
    expect(plainDocumentSchema.safeParse({ ...good, schemaVersion: 3 }).error?.issues[0]?.message).toBe(
      'must be 2, the schema this version of Latitude reads',
    );
    expect(plainDocumentSchema.safeParse({ ...good, entities: { ...good.entities, spaceships: {} } }).success).toBe(
      false,
    );
  });
});
