/**
 * The only code that writes entities into a workspace document. Every method is one user
 * intent: one Yjs transaction with LOCAL_ORIGIN, so undo and sync see the same unit, and
 * `transact(fn)` groups several calls into one intent.
 *
 * Algorithm of a write:
 * 1. Refuse at once while the workspace is read-only.
 * 2. Build the complete would-be entity in plain data (current stored values + the change),
 *    and validate it with the zod schemas, rules between fields included. On any problem,
 *    throw one Error naming kind, field and problem ("decisions.title: must not be empty")
 *    before anything is written.
 * 3. Write only the keys whose value changes, through a journal that remembers each key's
 *    previous value.
 * 4. If an intent made of several calls fails halfway (`transact(fn)` where a later call
 *    throws), the journal is replayed backwards inside the same transaction before the error
 *    propagates, so the document's content is as before: nothing is ever half-written. The
 *    transaction is marked aborted so undo does not record it.
 *
 * Tombstones, not removal: `softDelete` sets `deletedAt` and `restore` clears it, so a
 * concurrent edit on another laptop survives a delete and the entity can be restored.
 */
import * as Y from 'yjs';
import { wouldCreateCycle } from '@shared/domains/hierarchy';
import type { z } from 'zod';
import {
  baseFieldNames,
  entityBaseSchema,
  entityCollectionSchemas,
  entityFieldDefaults,
  type entityFieldSchemas,
  type Entity,
  type EntityKind,
} from '@shared/model/entities';
import {
  ANONYMOUS_ORIGIN,
  LOCAL_ORIGIN,
  collectionItemKey,
  collectionNamesOf,
  deepFreeze,
  getKindMap,
  isPlainObject,
  parseWith,
  plainEquals,
  readEntity,
  readOnlyError,
  splitCollectionItemKey,
  toPlain,
  validateEntity,
} from './workspace-document';

/** Key of `transaction.meta` set on a transaction whose intent failed and was rolled back. */
export const ABORTED_INTENT = 'latitude:aborted-intent';

/** What a person types into a form for an entity of kind K (before trimming etc.). */
export type EntityFieldsInput<K extends EntityKind> = z.input<(typeof entityFieldSchemas)[K]>;

type DefaultedKey<K extends EntityKind> = keyof (typeof entityFieldDefaults)[K] & keyof EntityFieldsInput<K>;

/** The fields to create an entity of kind K: those with a default may be left out. */
export type EntityCreateInput<K extends EntityKind> = Omit<EntityFieldsInput<K>, DefaultedKey<K>> &
  Partial<Pick<EntityFieldsInput<K>, DefaultedKey<K>>>;

/** The names of the keyed sub-collections of kind K (never for kinds without any). */
export type CollectionName<K extends EntityKind> = keyof (typeof entityCollectionSchemas)[K] & string;

type CollectionSchema<K extends EntityKind, C extends CollectionName<K>> = Extract<
  (typeof entityCollectionSchemas)[K][C],
  z.ZodType
>;

/** One item of a sub-collection, as stored. */
export type CollectionItem<K extends EntityKind, C extends CollectionName<K>> = z.output<CollectionSchema<K, C>>;

/** A new item for a sub-collection; its id is made when not given. */
export type CollectionItemInput<K extends EntityKind, C extends CollectionName<K>> = Omit<
  z.input<CollectionSchema<K, C>>,
  'id'
> & { id?: string };

/** What the repository needs from outside: who writes, the clock and ids (fixed in tests). */
export interface RepositoryDeps {
  userId: string;
  now: () => number;
  newId: () => string;
  /** The reason the workspace is read-only right now, or null when it is editable. */
  isReadOnly?: () => string | null;
}

/** Typed writes and reads of one workspace's entities. */
export interface WorkspaceRepository {
  /** Creates an entity from the fields a person entered; returns it as stored. */
  create<K extends EntityKind>(kind: K, fields: EntityCreateInput<K>): Entity<K>;
  /** Changes some fields; writes only those that differ and bumps `updatedAt`. */
  update<K extends EntityKind>(kind: K, id: string, patch: Partial<EntityFieldsInput<K>>): Entity<K>;
  /**
   * Moves an entity to the trash (sets `deletedAt`); no change if it is there already.
   * Works on an entity this version cannot read, so broken peer data can be trashed.
   */
  softDelete(kind: EntityKind, id: string): void;
  /** Brings an entity back from the trash; no change if it is live. */
  restore(kind: EntityKind, id: string): void;
  /** Adds an item to a keyed sub-collection; returns the item as stored. */
  addToCollection<K extends EntityKind, C extends CollectionName<K>>(
    kind: K,
    id: string,
    collection: C,
    item: CollectionItemInput<K, C>,
  ): CollectionItem<K, C>;
  /** Changes some fields of an item of a keyed sub-collection; returns the item as stored. */
  updateInCollection<K extends EntityKind, C extends CollectionName<K>>(
    kind: K,
    id: string,
    collection: C,
    itemId: string,
    patch: Partial<Omit<z.input<CollectionSchema<K, C>>, 'id'>>,
  ): CollectionItem<K, C>;
  /** Removes an item from a keyed sub-collection. */
  removeFromCollection<K extends EntityKind, C extends CollectionName<K>>(
    kind: K,
    id: string,
    collection: C,
    itemId: string,
  ): void;
  /**
   * Creates an entity that must not be traceable to the person who wrote it (an anonymous
   * pulse check, an anonymous note in a review), and returns it. It is written by a throwaway
   * Yjs client with a random id (a Yjs item carries the id of the client that wrote it, and
   * presence maps client ids to names), with `createdBy` 'anonymous' and its times rounded
   * down to the day; it is not an undo step of this person's. Not part of an intent: it
   * cannot run inside `transact`. The client can only add to a top-level map (a kind's), not
   * to an entity's own map, which it does not hold.
   */
  createAnonymous<K extends EntityKind>(kind: K, fields: EntityCreateInput<K>): Entity<K>;
  /** The entity as stored, or undefined when there is none or it is invalid (the store reports those). */
  get<K extends EntityKind>(kind: K, id: string): Entity<K> | undefined;
  /**
   * Runs several calls as ONE intent: one transaction, all or nothing, one undo step.
   * Returns fn's result. `fn` must be synchronous: a transaction ends when it returns.
   */
  transact<T>(fn: () => T): T;
}

/** Undoes one key's change: the key was absent, or held this plain value. */
interface JournalEntry {
  map: Y.Map<unknown>;
  key: string;
  previous: { present: false } | { present: true; value: unknown };
}

/** Builds a Y value from plain data: objects become maps (recursively), scalars stay. */
function fromPlain(value: unknown): unknown {
  if (!isPlainObject(value)) return value;
  return new Y.Map<unknown>(Object.entries(value).map(([key, item]) => [key, fromPlain(item)]));
}

const baseFieldSet: ReadonlySet<string> = new Set(baseFieldNames);

/** Who `createdBy` names for an anonymous entry. */
export const ANONYMOUS_AUTHOR = 'anonymous';

const DAY_MS = 86_400_000;

/**
 * What a new entity stores: fields holding their default are left out, and its collections
 * are empty (their items are stored one key each); every read fills them in.
 */
function storedFields(kind: EntityKind, entity: object): Record<string, unknown> {
  const defaults: Readonly<Record<string, unknown>> = entityFieldDefaults[kind];
  const collections = collectionNamesOf(kind);
  return Object.fromEntries(
    Object.entries(entity).filter(
      ([key, value]) => !collections.includes(key) && !(key in defaults && plainEquals(value, defaults[key])),
    ),
  );
}

/** Creates the repository of a workspace document. */
export function createWorkspaceRepository(doc: Y.Doc, deps: RepositoryDeps): WorkspaceRepository {
  const { userId, now, newId, isReadOnly = () => null } = deps;
  let journal: JournalEntry[] | null = null;

  function assertWritable(): void {
    const reason = isReadOnly();
    if (reason !== null) throw readOnlyError(reason);
  }

  /** Runs fn as one intent, or as part of the intent already running. */
  function intent<T>(fn: () => T): T {
    assertWritable();
    if (journal !== null) return fn();
    return doc.transact((transaction) => {
      const entries: JournalEntry[] = [];
      journal = entries;
      try {
        return fn();
      } catch (error) {
        rollBack(entries);
        transaction.meta.set(ABORTED_INTENT, true);
        throw error;
      } finally {
        journal = null;
      }
    }, LOCAL_ORIGIN);
  }

  function rollBack(entries: JournalEntry[]): void {
    for (const { map, key, previous } of entries.reverse()) {
      if (previous.present) map.set(key, fromPlain(previous.value));
      else map.delete(key);
    }
  }

  function remember(map: Y.Map<unknown>, key: string): void {
    if (journal === null) throw new Error('Writes happen inside an intent.');
    journal.push({
      map,
      key,
      previous: map.has(key) ? { present: true, value: toPlain(map.get(key)) } : { present: false },
    });
  }

  function write(map: Y.Map<unknown>, key: string, value: unknown): void {
    remember(map, key);
    map.set(key, value);
  }

  function remove(map: Y.Map<unknown>, key: string): void {
    remember(map, key);
    map.delete(key);
  }

  function entityMap(kind: EntityKind, id: string): Y.Map<unknown> {
    const value = getKindMap(doc, kind).get(id);
    if (value === undefined) throw new Error(`${kind}: there is no entity with id ${JSON.stringify(id)}`);
    if (!(value instanceof Y.Map)) throw new Error(`${kind}.${id}: is not an entity and cannot be changed`);
    return value as Y.Map<unknown>;
  }

  function validOrThrow<K extends EntityKind>(kind: K, raw: unknown, id: string): Entity<K> {
    const result = validateEntity(kind, raw, 'write', id);
    if (!result.ok) throw new Error(result.problems.join('; '));
    return result.value;
  }

  /**
   * The rule between domains a single entity's schema cannot see: a domain's parent must
   * exist and must not be the domain itself or one of its sub-domains (forms offer no such
   * parent; this keeps any other caller from writing one). Checked when a parent is set, not
   * on every edit: a loop that arrived from two peers' moves must not block other edits.
   */
  function assertParentAllowed(id: string, parentId: string | null): void {
    if (parentId === null) return;
    const links: { id: string; parentId: string | null }[] = [];
    getKindMap(doc, 'domains').forEach((value, key) => {
      const parent = value instanceof Y.Map ? (value as Y.Map<unknown>).get('parentId') : null;
      links.push({ id: key, parentId: typeof parent === 'string' ? parent : null });
    });
    if (!links.some((link) => link.id === parentId)) {
      throw new Error(`domains.parentId: there is no domain with id ${JSON.stringify(parentId)}`);
    }
    if (wouldCreateCycle(links, id, parentId)) {
      throw new Error('domains.parentId: a domain cannot be inside itself or one of its own sub-domains');
    }
  }

  function reread<K extends EntityKind>(kind: K, id: string): Entity<K> {
    const result = readEntity(kind, getKindMap(doc, kind).get(id), id);
    // Unreachable after a validated write; kept so a bug shows up as an error, not bad data.
    if (!result.ok) throw new Error(result.problem);
    return result.entity;
  }

  function assertCollection(kind: EntityKind, collection: string): z.ZodType {
    const schema = (entityCollectionSchemas[kind] as Record<string, z.ZodType>)[collection];
    if (!collectionNamesOf(kind).includes(collection) || schema === undefined) {
      throw new Error(`${kind}.${collection}: is not a collection of ${kind}`);
    }
    return schema;
  }

  /**
   * Where an item of a collection is stored: under its own key in the entity's map, or (for
   * an item from schema 3 or before) in the collection's map; null when there is none.
   */
  function findItem(
    map: Y.Map<unknown>,
    collection: string,
    itemId: string,
  ): { parent: Y.Map<unknown>; key: string } | null {
    const key = collectionItemKey(collection, itemId);
    if (map.has(key)) return { parent: map, key };
    const older = map.get(collection);
    if (older instanceof Y.Map && older.has(itemId)) return { parent: older as Y.Map<unknown>, key: itemId };
    return null;
  }

  /** Moves an entity into (`deleted`) or out of the trash, unless it is there already. */
  function setTombstone(kind: EntityKind, id: string, deleted: boolean): void {
    intent(() => {
      const map = entityMap(kind, id);
      const current = map.get('deletedAt');
      const isDeleted = current !== null && current !== undefined;
      if (isDeleted === deleted) return;
      const time = now();
      // Only the values written are validated, not the whole entity: a person must be able
      // to trash an entity a peer broke (or one whose fields have not all arrived yet).
      const checked = parseWith(entityBaseSchema.shape.updatedAt, time, `${kind}.updatedAt`);
      if (!checked.ok) throw new Error(checked.problems.join('; '));
      write(map, 'deletedAt', deleted ? time : null);
      write(map, 'updatedAt', time);
    });
  }

  /** Refuses keys a form may not set: bookkeeping and collections belong to the repository. */
  function assertEditable(kind: EntityKind, keys: readonly string[], verb: string): void {
    for (const key of keys) {
      if (baseFieldSet.has(key) || collectionNamesOf(kind).includes(key) || splitCollectionItemKey(key) !== null) {
        throw new Error(`${kind}.${key}: cannot be ${verb}`);
      }
    }
  }

  return {
    create(kind, fields) {
      return intent(() => {
        // A field given as undefined counts as left out (as in `update`), so it gets its default.
        const input = Object.fromEntries(
          Object.entries(fields as Record<string, unknown>).filter(([, value]) => value !== undefined),
        );
        assertEditable(kind, Object.keys(input), 'set when creating');
        const id = newId();
        const time = now();
        const kindMap = getKindMap(doc, kind);
        if (kindMap.has(id)) throw new Error(`${kind}.id: ${JSON.stringify(id)} is already taken`);
        const raw: Record<string, unknown> = {
          ...entityFieldDefaults[kind],
          ...input,
          id,
          createdAt: time,
          updatedAt: time,
          createdBy: userId,
          deletedAt: null,
        };
        const entity = validOrThrow(kind, raw, id);
        if (kind === 'domains') assertParentAllowed(id, (entity as Entity<'domains'>).parentId);
        write(kindMap, id, fromPlain(storedFields(kind, entity)));
        return entity;
      });
    },

    update(kind, id, patch) {
      return intent(() => {
        const map = entityMap(kind, id);
        const changes = Object.entries(patch).filter(([, value]) => value !== undefined);
        assertEditable(
          kind,
          changes.map(([key]) => key),
          'changed by an update',
        );
        const current = toPlain(map) as Record<string, unknown>;
        const time = now();
        const raw = { ...current, ...Object.fromEntries(changes), updatedAt: time };
        const entity = validOrThrow(kind, raw, id);
        // Parsing may normalise (e.g. trim a title), so compare the parsed value.
        const parsed = entity as unknown as Record<string, unknown>;
        // Against what is read: a field holding its default is not stored but reads as it.
        const before: Record<string, unknown> = { ...entityFieldDefaults[kind], ...current };
        const changed = changes.map(([key]) => key).filter((key) => !plainEquals(before[key], parsed[key]));
        if (changed.length === 0) return reread(kind, id);
        if (kind === 'domains' && changed.includes('parentId')) {
          assertParentAllowed(id, (entity as Entity<'domains'>).parentId);
        }
        for (const key of changed) write(map, key, parsed[key]);
        write(map, 'updatedAt', time);
        return entity;
      });
    },

    softDelete(kind, id) {
      setTombstone(kind, id, true);
    },

    restore(kind, id) {
      setTombstone(kind, id, false);
    },

    addToCollection<K extends EntityKind, C extends CollectionName<K>>(
      kind: K,
      id: string,
      collection: C,
      item: CollectionItemInput<K, C>,
    ): CollectionItem<K, C> {
      return intent(() => {
        const schema = assertCollection(kind, collection);
        const map = entityMap(kind, id);
        const itemId = item.id ?? newId();
        const at = `${kind}.${collection}.${itemId}`;
        const parsed = parseWith(schema, { ...item, id: itemId }, at);
        if (!parsed.ok) throw new Error(parsed.problems.join('; '));
        if (findItem(map, collection, itemId) !== null) throw new Error(`${at}: already exists`);
        write(map, collectionItemKey(collection, itemId), fromPlain(parsed.value));
        write(map, 'updatedAt', now());
        // Deeply: a list in the item is the very array Yjs now holds, so changing the
        // returned item would change the document behind Yjs's back (and never sync).
        return deepFreeze(parsed.value) as CollectionItem<K, C>;
      });
    },

    updateInCollection<K extends EntityKind, C extends CollectionName<K>>(
      kind: K,
      id: string,
      collection: C,
      itemId: string,
      patch: Partial<Omit<z.input<CollectionSchema<K, C>>, 'id'>>,
    ): CollectionItem<K, C> {
      return intent(() => {
        const schema = assertCollection(kind, collection);
        const map = entityMap(kind, id);
        const found = findItem(map, collection, itemId);
        const item = found === null ? undefined : found.parent.get(found.key);
        if (!(item instanceof Y.Map)) {
          throw new Error(`${kind}.${collection}: there is no item with id ${JSON.stringify(itemId)}`);
        }
        const itemMap = item as Y.Map<unknown>;
        const changes = Object.entries(patch).filter(([, value]) => value !== undefined);
        if (changes.some(([key]) => key === 'id')) throw new Error(`${kind}.${collection}.id: cannot be changed`);
        const current = toPlain(itemMap) as Record<string, unknown>;
        const at = `${kind}.${collection}.${itemId}`;
        const parsed = parseWith(schema, { ...current, ...Object.fromEntries(changes) }, at);
        if (!parsed.ok) throw new Error(parsed.problems.join('; '));
        const value = parsed.value as Record<string, unknown>;
        const changed = changes.map(([key]) => key).filter((key) => !plainEquals(current[key], value[key]));
        if (changed.length > 0) {
          for (const key of changed) write(itemMap, key, fromPlain(value[key]));
          write(map, 'updatedAt', now());
        }
        // Deeply, for the reason given in addToCollection.
        return deepFreeze(value) as CollectionItem<K, C>;
      });
    },

    removeFromCollection(kind, id, collection, itemId) {
      intent(() => {
        assertCollection(kind, collection);
        const map = entityMap(kind, id);
        const found = findItem(map, collection, itemId);
        if (found === null) {
          throw new Error(`${kind}.${collection}: there is no item with id ${JSON.stringify(itemId)}`);
        }
        remove(found.parent, found.key);
        // An item of an older schema's collection map may also have been added under its own key.
        const older = map.get(collection);
        if (found.parent === map && older instanceof Y.Map && older.has(itemId))
          remove(older as Y.Map<unknown>, itemId);
        write(map, 'updatedAt', now());
      });
    },

    createAnonymous(kind, fields) {
      assertWritable();
      if (journal !== null) throw new Error('An anonymous entry is written on its own, not as part of another change.');
      const input = Object.fromEntries(
        Object.entries(fields as Record<string, unknown>).filter(([, value]) => value !== undefined),
      );
      assertEditable(kind, Object.keys(input), 'set when creating');
      const id = newId();
      const day = Math.floor(now() / DAY_MS) * DAY_MS;
      const raw = {
        ...entityFieldDefaults[kind],
        ...input,
        id,
        createdAt: day,
        updatedAt: day,
        createdBy: ANONYMOUS_AUTHOR,
        deletedAt: null,
      };
      const entity = validOrThrow(kind, raw, id);
      if (kind === 'pulseChecks') {
        const answer = entity as Entity<'pulseChecks'>;
        if (!answer.anonymous || answer.respondentName !== '') {
          throw new Error('pulseChecks: an anonymous answer is marked anonymous and carries no name');
        }
      }
      if (getKindMap(doc, kind).has(id)) throw new Error(`${kind}.id: ${JSON.stringify(id)} is already taken`);
      // A client of its own (Yjs picks a random id), holding nothing but this entry.
      const scratch = new Y.Doc();
      try {
        getKindMap(scratch, kind).set(id, fromPlain(storedFields(kind, entity)));
        Y.applyUpdate(doc, Y.encodeStateAsUpdate(scratch), ANONYMOUS_ORIGIN);
      } finally {
        scratch.destroy();
      }
      return entity;
    },

    get(kind, id) {
      const result = readEntity(kind, getKindMap(doc, kind).get(id), id);
      return result.ok ? result.entity : undefined;
    },

    transact(fn) {
      return intent(fn);
    },
  };
}
