/**
 * A zustand store of plain, immutable snapshots of an open workspace document: what the UI
 * and the engines read. The Y.Doc stays the single source of truth.
 *
 * Algorithm:
 * 1. On creation, read every entity of every kind once (`readEntity`); valid ones go into a
 *    `ReadonlyMap` per kind, invalid ones into `invalid` with the problem in words.
 * 2. Each kind's top-level map is observed with `observeDeep`. An event tells which entity
 *    it concerns: the changed keys when the kind map itself changed (entities added,
 *    replaced or removed), else the first step of the event's path (a field or collection
 *    item inside that entity). Those ids are collected per kind.
 * 3. After the transaction (`afterTransaction`, which Yjs emits after all observers), only
 *    the collected entities are re-read, and the state is set ONCE. A re-read entity that
 *    is structurally equal to the one held keeps the old object; a kind with no real change
 *    keeps its Map; `invalid` keeps its array unless it changed. So `===` tells a component
 *    whether its data changed.
 * 4. The `meta` map is observed too: if a newer version of Latitude migrates the document
 *    while it is open, the store turns read-only with the reason.
 *
 * Selectors are plain functions of the state, memoised on the identity of their inputs.
 */
import * as Y from 'yjs';
import { createStore, type StoreApi } from 'zustand';
import { entityKinds, type AnyEntity, type Entity, type EntityKind } from '@shared/model/entities';
import { readOnlyReason } from './migrations';
import { compareStrings, getKindMap, getMetaMap, plainEquals, readEntity } from './workspace-document';

/** An entity a peer stored that this version cannot read, and why. */
export interface InvalidEntity {
  kind: EntityKind;
  id: string;
  problem: string;
}

/** Every valid entity, per kind, keyed by id. */
export type EntitiesByKind = { readonly [K in EntityKind]: ReadonlyMap<string, Entity<K>> };

/** The state of an open document. */
export interface DocumentState {
  entities: EntitiesByKind;
  /** Sorted by kind (in `entityKinds` order), then id. */
  invalid: readonly InvalidEntity[];
  /** Why the workspace is read-only, or null while it is editable. */
  readOnly: string | null;
}

/** The store plus `destroy`, which stops observing the document. */
export interface DocumentStore extends StoreApi<DocumentState> {
  destroy(): void;
}

/** Options of `createDocumentStore`. */
export interface DocumentStoreOptions {
  /** A read-only reason decided when opening (e.g. `openDocument`'s); else read from meta. */
  readOnly?: string | null;
  /**
   * Entities shown before (a cached first snapshot): where the document holds an equal one,
   * the store keeps that object, so what was rendered from it stays as it is.
   */
  reuse?: EntitiesByKind;
}

type MutableEntities = { [K in EntityKind]: Map<string, Entity<K>> };

const kindOrder = new Map<EntityKind, number>(entityKinds.map((kind, index) => [kind, index]));

function compareInvalid(a: InvalidEntity, b: InvalidEntity): number {
  return (kindOrder.get(a.kind) ?? 0) - (kindOrder.get(b.kind) ?? 0) || compareStrings(a.id, b.id);
}

function readKind<K extends EntityKind>(
  doc: Y.Doc,
  kind: K,
  invalid: InvalidEntity[],
  reuse: ReadonlyMap<string, Entity<K>> | undefined,
): Map<string, Entity<K>> {
  const entities = new Map<string, Entity<K>>();
  // `forEach` walks the map directly; `entries()` goes through a generic iterator.
  getKindMap(doc, kind).forEach((value, id) => {
    const result = readEntity(kind, value, id);
    if (!result.ok) {
      invalid.push({ kind, id, problem: result.problem });
      return;
    }
    const shown = reuse?.get(id);
    entities.set(id, shown !== undefined && plainEquals(shown, result.entity) ? shown : result.entity);
  });
  return entities;
}

/** Builds the store of an open document and starts following its changes. */
export function createDocumentStore(doc: Y.Doc, options: DocumentStoreOptions = {}): DocumentStore {
  const readOnlyNow = (): string | null => options.readOnly ?? readOnlyReason(doc);

  const initialInvalid: InvalidEntity[] = [];
  const initialEntities = Object.fromEntries(
    entityKinds.map((kind) => [kind, readKind(doc, kind, initialInvalid, options.reuse?.[kind])]),
  ) as MutableEntities;
  const store = createStore<DocumentState>()(() => ({
    entities: initialEntities,
    invalid: initialInvalid.sort(compareInvalid),
    readOnly: readOnlyNow(),
  }));

  const touched = new Map<EntityKind, Set<string>>();
  let metaTouched = false;

  const unobserve = entityKinds.map((kind) => {
    const kindMap = getKindMap(doc, kind);
    const observer = (events: Array<Y.YEvent<Y.AbstractType<unknown>>>): void => {
      let ids = touched.get(kind);
      if (ids === undefined) touched.set(kind, (ids = new Set()));
      for (const event of events) {
        if (event instanceof Y.YMapEvent && event.target === kindMap) {
          for (const key of event.keysChanged as Set<string>) ids.add(key);
        } else {
          const first = event.path[0];
          if (typeof first === 'string') ids.add(first);
        }
      }
    };
    kindMap.observeDeep(observer);
    return () => kindMap.unobserveDeep(observer);
  });

  const meta = getMetaMap(doc);
  const metaObserver = (): void => {
    metaTouched = true;
  };
  meta.observe(metaObserver);

  const afterTransaction = (): void => {
    if (touched.size === 0 && !metaTouched) return;
    const state = store.getState();
    const next: Partial<DocumentState> = {};
    if (metaTouched) {
      const readOnly = readOnlyNow();
      if (readOnly !== state.readOnly) next.readOnly = readOnly;
    }
    if (touched.size > 0) {
      const entities = { ...state.entities } as MutableEntities;
      let entitiesChanged = false;
      const stillInvalid = state.invalid.filter((entry) => !touched.get(entry.kind)?.has(entry.id));
      const newlyInvalid: InvalidEntity[] = [];
      for (const [kind, ids] of touched) {
        const updated = updateKind(doc, kind, state.entities[kind], ids, newlyInvalid);
        if (updated !== state.entities[kind]) {
          (entities as Record<EntityKind, ReadonlyMap<string, AnyEntity>>)[kind] = updated;
          entitiesChanged = true;
        }
      }
      if (entitiesChanged) next.entities = entities;
      const invalid = [...stillInvalid, ...newlyInvalid].sort(compareInvalid);
      const sameInvalid =
        invalid.length === state.invalid.length &&
        invalid.every(
          (entry, index) =>
            entry.kind === state.invalid[index]?.kind &&
            entry.id === state.invalid[index]?.id &&
            entry.problem === state.invalid[index]?.problem,
        );
      if (!sameInvalid) next.invalid = invalid;
    }
    touched.clear();
    metaTouched = false;
    if (Object.keys(next).length > 0) store.setState(next);
  };
  doc.on('afterTransaction', afterTransaction);

  return {
    ...store,
    destroy() {
      for (const stop of unobserve) stop();
      meta.unobserve(metaObserver);
      doc.off('afterTransaction', afterTransaction);
    },
  };
}

/** Re-reads the given entities of one kind; returns the same Map when nothing really changed. */
function updateKind<K extends EntityKind>(
  doc: Y.Doc,
  kind: K,
  previous: ReadonlyMap<string, Entity<K>>,
  ids: ReadonlySet<string>,
  invalid: InvalidEntity[],
): ReadonlyMap<string, Entity<K>> {
  const kindMap = getKindMap(doc, kind);
  let next: Map<string, Entity<K>> | null = null;
  const edit = (): Map<string, Entity<K>> => (next ??= new Map(previous));
  for (const id of ids) {
    const value = kindMap.get(id);
    const held = previous.get(id);
    if (value === undefined) {
      if (held !== undefined) edit().delete(id);
      continue;
    }
    const result = readEntity(kind, value, id);
    if (!result.ok) {
      invalid.push({ kind, id, problem: result.problem });
      if (held !== undefined) edit().delete(id);
    } else if (held === undefined || !plainEquals(held, result.entity)) {
      edit().set(id, result.entity);
    }
  }
  return next ?? previous;
}

/**
 * A store of a fixed state with no document behind it: a cached first snapshot shown while
 * the workspace's document is decoded (read-only with `readOnly` as the reason).
 */
export function createFixedDocumentStore(
  state: Pick<DocumentState, 'entities' | 'invalid'>,
  readOnly: string,
): DocumentStore {
  const store = createStore<DocumentState>()(() => ({ entities: state.entities, invalid: state.invalid, readOnly }));
  return { ...store, destroy() {} };
}

// ---------------------------------------------------------------------------------------
// Selectors

/** An entity in the trash, with its kind. */
export type TrashEntry = { [K in EntityKind]: { kind: K; entity: Entity<K> } }[EntityKind];

function compareByCreation(a: AnyEntity, b: AnyEntity): number {
  return a.createdAt - b.createdAt || compareStrings(a.id, b.id);
}

function sameItems<T>(a: readonly T[], b: readonly T[]): boolean {
  return a.length === b.length && a.every((item, index) => item === b[index]);
}

// Keyed by the input's identity, so a result is reused exactly while its input is the same
// object, across any number of stores, and dropped with the input.
const liveByMap = new WeakMap<ReadonlyMap<string, AnyEntity>, readonly AnyEntity[]>();
// The last result per kind: a new Map whose live entities are the same objects (only a
// trashed entity changed) still gives the same array.
const lastLive = new Map<EntityKind, readonly AnyEntity[]>();

/** The live (not deleted) entities of a kind, oldest first (then by id). Memoised. */
export function selectLive<K extends EntityKind>(state: DocumentState, kind: K): readonly Entity<K>[] {
  const map = state.entities[kind] as ReadonlyMap<string, AnyEntity>;
  const cached = liveByMap.get(map);
  if (cached !== undefined) return cached as readonly unknown[] as readonly Entity<K>[];
  let live: readonly AnyEntity[] = [...map.values()].filter((e) => e.deletedAt === null).sort(compareByCreation);
  const last = lastLive.get(kind);
  if (last !== undefined && sameItems(last, live)) live = last;
  liveByMap.set(map, live);
  lastLive.set(kind, live);
  return live as readonly unknown[] as readonly Entity<K>[];
}

const trashByEntities = new WeakMap<EntitiesByKind, readonly TrashEntry[]>();
let lastTrash: readonly TrashEntry[] = [];

/** Every deleted entity of every kind, most recently deleted first (then kind, id). Memoised. */
export function selectTrash(state: DocumentState): readonly TrashEntry[] {
  const cached = trashByEntities.get(state.entities);
  if (cached !== undefined) return cached;
  const trash: TrashEntry[] = [];
  for (const kind of entityKinds) {
    for (const entity of (state.entities[kind] as ReadonlyMap<string, AnyEntity>).values()) {
      if (entity.deletedAt !== null) trash.push({ kind, entity } as TrashEntry);
    }
  }
  trash.sort(
    (a, b) =>
      (b.entity.deletedAt ?? 0) - (a.entity.deletedAt ?? 0) ||
      (kindOrder.get(a.kind) ?? 0) - (kindOrder.get(b.kind) ?? 0) ||
      compareStrings(a.entity.id, b.entity.id),
  );
  const same =
    trash.length === lastTrash.length &&
    trash.every((entry, index) => entry.kind === lastTrash[index]?.kind && entry.entity === lastTrash[index]?.entity);
  const result = same ? lastTrash : trash;
  trashByEntities.set(state.entities, result);
  lastTrash = result;
  return result;
}

/** One entity of a kind by id (live or deleted), or undefined. */
export function selectEntity<K extends EntityKind>(state: DocumentState, kind: K, id: string): Entity<K> | undefined {
  return state.entities[kind].get(id);
}
