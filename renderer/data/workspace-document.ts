/**
 * The layout of a workspace's Yjs document, and how to read it safely.
 *
 * Layout (one `Y.Doc` per workspace, DESIGN.md "Data: one Yjs document per workspace"):
 * ```
 * doc.getMap('meta')            schemaVersion: number, workspaceId: string
 * doc.getMap(<kind>)            one top-level map per entity kind, named exactly as the kind
 *   <entity id> → Y.Map         scalar fields (string | number | boolean | null), including
 *                               the bookkeeping fields id, createdAt, updatedAt, createdBy,
 *                               deletedAt (a tombstone: null while live)
 *     <collection>/<item id>    one item of a keyed sub-collection (e.g. `advice/x1` on a
 *       → Y.Map                 decision): the item's scalar fields
 * ```
 * Why maps all the way down: Yjs merges a map per key, so two people editing different
 * fields of one entity both keep their change, and two people adding advice at once add
 * two keys instead of fighting over one array.
 *
 * Why items sit in the entity's own map under `<collection>/<item id>` (since schema 4)
 * instead of in one map per collection: a collection map would have to exist before anyone
 * adds to it (two peers each making one would keep only one of them, and lose the other's
 * items), so every entity carried an empty map per collection, which cost time and memory
 * to load for nothing. With the item's key in the entity's map, an empty collection costs
 * nothing and concurrent additions still merge key by key.
 *
 * Documents from schema 3 and before hold collection maps (`<collection>` → Y.Map of items).
 * They are read as they are, together with the items under `<collection>/<item id>` keys (an
 * item under its own key wins over one of the same id in a map), and their items are edited
 * and removed where they are. Nothing is moved: moving means copying, and two peers (or a
 * migrated workspace and an older backup merged into it) would each make their own copy of
 * the same item, of which Yjs keeps one and drops any edit made to the other.
 *
 * Reading algorithm (`readEntity`): convert the entity's `Y.Map` to plain data (nested maps
 * become objects), split its keys into bookkeeping fields, collection items (keys
 * `<collection>/<item id>`, and the collection maps of older schemas) and edited fields, validate each part with its zod schema (`entityBaseSchema`,
 * `entityStoredFieldSchemas[kind]`, one item schema per collection), check that ids match
 * their keys, and return a deep-frozen entity, or one message listing every problem as
 * `kind.field: problem`. A peer is untrusted input: nothing here throws on bad data.
 * Valid entities (nearly all of them) take a shorter path through the same schemas
 * (`readValidEntity`: no sorting, one parse of the merged base and field schemas); whatever
 * it does not accept goes through the steps above, which describe the problems.
 */
import * as Y from 'yjs';
import { z } from 'zod';
import {
  baseFieldNames,
  entityBaseSchema,
  entityCollectionSchemas,
  entityFieldDefaults,
  entityFieldSchemas,
  entityKinds,
  entityStoredFieldSchemas,
  type Entity,
  type EntityKind,
} from '@shared/model/entities';

/** The schema version this build of Latitude writes and understands fully. */
export const CURRENT_SCHEMA_VERSION = 4;

/** Name of the top-level map holding the document's own bookkeeping. */
export const META_MAP_NAME = 'meta';

/**
 * Who made a change, attached to each Yjs transaction as its origin. Undo, the store and
 * sync tell changes apart by these objects (compared by identity).
 */
export interface TransactionOrigin {
  readonly source: 'local' | 'migration' | 'import' | 'restore' | 'anonymous';
}

/** A person's intent in this window. The only origin undo tracks. */
export const LOCAL_ORIGIN: TransactionOrigin = Object.freeze({ source: 'local' });
/** Schema migrations and first initialisation: never undoable. */
export const MIGRATION_ORIGIN: TransactionOrigin = Object.freeze({ source: 'migration' });
/** Content brought in from a backup file. */
export const IMPORT_ORIGIN: TransactionOrigin = Object.freeze({ source: 'import' });
/**
 * Reverting to a snapshot. The persistence layer uses its own origin when it loads stored
 * updates, and sync providers use theirs for remote peers; none of those is undoable.
 */
export const RESTORE_ORIGIN: TransactionOrigin = Object.freeze({ source: 'restore' });
/**
 * An anonymous entry (a pulse check, a note in a review), written by a client of its own (see
 * the repository's `createAnonymous`): never undoable, since undo would tie it to this person.
 */
export const ANONYMOUS_ORIGIN: TransactionOrigin = Object.freeze({ source: 'anonymous' });

/** The top-level map of one entity kind. */
export function getKindMap(doc: Y.Doc, kind: EntityKind): Y.Map<unknown> {
  return doc.getMap<unknown>(kind);
}

/** The document's `meta` map. */
export function getMetaMap(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap<unknown>(META_MAP_NAME);
}

/** The names of the keyed sub-collections of a kind (e.g. `['advice']` for decisions). */
export function collectionNamesOf(kind: EntityKind): readonly string[] {
  return Object.keys(entityCollectionSchemas[kind]);
}

/** Separates a collection's name from an item's id in the key of a collection item. */
const COLLECTION_KEY_SEPARATOR = '/';

/** The key in an entity's map of an item of one of its collections: `<collection>/<item id>`. */
export function collectionItemKey(collection: string, itemId: string): string {
  return `${collection}${COLLECTION_KEY_SEPARATOR}${itemId}`;
}

/**
 * The collection and item id a key of an entity's map names, or null when it is a field's
 * key (field names never hold the separator). The collection need not be one the kind has.
 */
export function splitCollectionItemKey(key: string): { collection: string; itemId: string } | null {
  const at = key.indexOf(COLLECTION_KEY_SEPARATOR);
  if (at < 0) return null;
  return { collection: key.slice(0, at), itemId: key.slice(at + 1) };
}

/**
 * The schema version the document says it has. A document without one was written by
 * version 1, which had no `meta` map; `null` means the stored value is not a version at all.
 */
export function readSchemaVersion(doc: Y.Doc): number | null {
  const value = getMetaMap(doc).get('schemaVersion');
  if (value === undefined) return 1;
  return typeof value === 'number' && Number.isInteger(value) && value >= 1 ? value : null;
}

/** True while no kind holds any entity (a brand-new document). */
export function hasNoEntities(doc: Y.Doc): boolean {
  return entityKinds.every((kind) => getKindMap(doc, kind).size === 0);
}

/**
 * Stamps a document with its workspace id and, when it holds nothing yet, the current
 * schema version: one transaction with MIGRATION_ORIGIN, and only for what is missing.
 *
 * A document that already has entities but no version was written by version 1: it keeps
 * no version here, so `openDocument` migrates it. A document from a newer schema is not
 * touched at all. Call this for a workspace made on this device, or after a joined one's
 * first sync: stamping an empty copy before it has synced would mark old content as current.
 */
export function initialiseDocument(doc: Y.Doc, workspaceId: string): void {
  const meta = getMetaMap(doc);
  const version = readSchemaVersion(doc);
  if (version === null || version > CURRENT_SCHEMA_VERSION) return;
  const stampVersion = !meta.has('schemaVersion') && hasNoEntities(doc);
  const stampId = typeof meta.get('workspaceId') !== 'string';
  if (!stampVersion && !stampId) return;
  doc.transact(() => {
    if (stampVersion) meta.set('schemaVersion', CURRENT_SCHEMA_VERSION);
    if (stampId) meta.set('workspaceId', workspaceId);
  }, MIGRATION_ORIGIN);
}

/** The error every write raises while a workspace is read-only. */
export function readOnlyError(reason: string): Error {
  return new Error(`This workspace is read-only: ${reason}`);
}

// ---------------------------------------------------------------------------------------
// Plain data

/**
 * Converts a value read from a Yjs map to plain data: maps become objects with sorted
 * keys (so copies compare and diff the same on every peer, whatever order keys arrived
 * in), other shared types their JSON form, scalars stay as they are.
 */
export function toPlain(value: unknown): unknown {
  if (value instanceof Y.Map) {
    const entries = sortedEntries(value as Y.Map<unknown>);
    return Object.fromEntries(entries.map(([key, item]) => [key, toPlain(item)]));
  }
  if (value instanceof Y.AbstractType) return (value as Y.AbstractType<unknown>).toJSON() as unknown;
  return value;
}

/** A map's entries sorted by key. `forEach` walks the map directly (`entries()` goes through a generic iterator). */
function sortedEntries(map: Y.Map<unknown>): [string, unknown][] {
  const entries: [string, unknown][] = [];
  map.forEach((item, key) => {
    entries.push([key, item]);
  });
  return entries.sort(([a], [b]) => compareStrings(a, b));
}

/** Orders strings by code unit, the same on every machine (unlike `localeCompare`). */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** True for a plain object (not null, not an array, not a typed array). */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !ArrayBuffer.isView(value);
}

/** Structural equality of plain data (as `toPlain` returns it). */
export function plainEquals(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((item, index) => plainEquals(item, b[index]));
  }
  if (!isPlainObject(a) || !isPlainObject(b)) return false;
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  return keys.every((key) => Object.hasOwn(b, key) && plainEquals(a[key], b[key]));
}

/** Freezes plain data (objects and lists) all the way down, and returns it. */
export function deepFreeze<T>(value: T): T {
  if (isPlainObject(value) || Array.isArray(value)) {
    for (const item of Object.values(value)) deepFreeze(item);
    Object.freeze(value);
  }
  return value;
}

// ---------------------------------------------------------------------------------------
// Validation

/** The outcome of validating data: the parsed value, or every problem in words. */
export type Validated<T> = { ok: true; value: T } | { ok: false; problems: string[] };

/** Which rules apply: everything a write must satisfy, or what a stored entity needs to be read. */
export type ValidationMode = 'write' | 'stored';

const typeNames: Record<string, string> = {
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  object: 'an object',
  record: 'an object',
  array: 'a list',
  null: 'null',
};

/**
 * Messages in the app's own words for zod's generic issues. Messages written into the
 * schemas (e.g. "must not be empty") take precedence over these.
 */
const errorMap: z.core.$ZodErrorMap = (issue) => {
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined ? 'is required' : `must be ${typeNames[issue.expected] ?? issue.expected}`;
    case 'invalid_value':
      return `must be one of ${issue.values.map((value) => JSON.stringify(value)).join(', ')}`;
    case 'too_small':
      if (issue.origin === 'string') {
        return Number(issue.minimum) <= 1 ? 'must not be empty' : `must be at least ${issue.minimum} characters`;
      }
      return `must be ${issue.inclusive ? 'at least' : 'above'} ${issue.minimum}`;
    case 'too_big':
      if (issue.origin === 'string') return `must be at most ${issue.maximum} characters`;
      return `must be ${issue.inclusive ? 'at most' : 'below'} ${issue.maximum}`;
    default:
      return undefined;
  }
};

/** Formats one zod issue as `prefix.path: message`, one line per unknown key. */
function describeIssue(prefix: string, issue: z.core.$ZodIssue): string[] {
  const at = [prefix, ...issue.path.map(String)].join('.');
  if (issue.code === 'unrecognized_keys') return issue.keys.map((key) => `${at}.${key}: is not a known field`);
  return [`${at}: ${issue.message}`];
}

/**
 * Parses `value` with `schema`, describing each problem as `prefix.field: problem`.
 * Used for every validation in the data layer so all messages read the same way.
 */
export function parseWith<T>(schema: z.ZodType<T>, value: unknown, prefix: string): Validated<T> {
  const result = schema.safeParse(value, { error: errorMap });
  if (result.success) return { ok: true, value: result.data };
  return { ok: false, problems: result.error.issues.flatMap((issue) => describeIssue(prefix, issue)) };
}

const baseFieldSet: ReadonlySet<string> = new Set(baseFieldNames);

const defaultEntries = Object.fromEntries(
  entityKinds.map((kind) => [kind, Object.entries(entityFieldDefaults[kind] as Record<string, unknown>)]),
) as Record<EntityKind, [string, unknown][]>;

/**
 * Gives `fields` the default of every defaulted field it lacks. Fields holding their default
 * are not stored (see the repository's `create`), which keeps a workspace of many decisions
 * small and quick to load; every read sees them filled in.
 */
function fillDefaults(kind: EntityKind, fields: Record<string, unknown>): void {
  for (const [key, value] of defaultEntries[kind]) if (!(key in fields)) fields[key] = value;
}

/**
 * Validates a plain entity of `kind` (as `toPlain` or a backup file gives it) and returns it
 * parsed and deep-frozen. `expectedId` is the key the entity is stored under, when known.
 * In `stored` mode the rules between fields are not checked (see `entityStoredFieldSchemas`).
 */
export function validateEntity<K extends EntityKind>(
  kind: K,
  raw: unknown,
  mode: ValidationMode,
  expectedId?: string,
): Validated<Entity<K>> {
  if (!isPlainObject(raw)) return { ok: false, problems: [`${kind}: is not an entity (expected a map of fields)`] };
  const collectionNames = collectionNamesOf(kind);
  // Without a prototype, a key named `__proto__` is an ordinary key (reported as unknown)
  // instead of going through `Object.prototype`'s setter and vanishing.
  const base: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
  const fields: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
  const collections: Record<string, Record<string, unknown>> = Object.create(null) as Record<
    string,
    Record<string, unknown>
  >;
  // Collection maps of schema 3 and before, by collection name.
  const collectionMaps: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
  for (const [key, value] of Object.entries(raw)) {
    const item = splitCollectionItemKey(key);
    if (baseFieldSet.has(key)) base[key] = value;
    else if (item !== null && collectionNames.includes(item.collection)) {
      (collections[item.collection] ??= Object.create(null) as Record<string, unknown>)[item.itemId] = value;
    } else if (collectionNames.includes(key)) collectionMaps[key] = value;
    else fields[key] = value;
  }
  fillDefaults(kind, fields);
  const problems: string[] = [];
  const parsedBase = parseWith(entityBaseSchema, base, kind);
  if (!parsedBase.ok) problems.push(...parsedBase.problems);
  else if (expectedId !== undefined && parsedBase.value.id !== expectedId) {
    problems.push(`${kind}.id: does not match the key it is stored under (${JSON.stringify(expectedId)})`);
  }
  const fieldSchema: z.ZodType = mode === 'write' ? entityFieldSchemas[kind] : entityStoredFieldSchemas[kind];
  const parsedFields = parseWith(fieldSchema, fields, kind);
  if (!parsedFields.ok) problems.push(...parsedFields.problems);

  const parsedCollections: Record<string, Record<string, unknown>> = {};
  const collectionSchemas: Record<string, z.ZodType> = entityCollectionSchemas[kind];
  for (const name of collectionNames) {
    const itemSchema = collectionSchemas[name];
    const at = `${kind}.${name}`;
    if (itemSchema === undefined) continue;
    const items: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
    const older = collectionMaps[name];
    if (older !== undefined && !isPlainObject(older)) problems.push(`${at}: must be a keyed collection`);
    else if (older !== undefined) Object.assign(items, older);
    // An item under its own key wins over one of the same id in a collection map.
    Object.assign(items, collections[name]);
    const parsedItems: Record<string, unknown> = {};
    // Sorted by id, as `toPlain` orders keys, so every read gives the same order.
    for (const itemId of Object.keys(items).sort(compareStrings)) {
      const item = items[itemId];
      const parsedItem = parseWith(itemSchema, item, `${at}.${itemId}`);
      if (!parsedItem.ok) problems.push(...parsedItem.problems);
      else if ((parsedItem.value as { id?: unknown }).id !== itemId) {
        problems.push(`${at}.${itemId}.id: does not match the key it is stored under`);
      } else parsedItems[itemId] = parsedItem.value;
    }
    parsedCollections[name] = parsedItems;
  }
  if (problems.length > 0 || !parsedBase.ok || !parsedFields.ok) return { ok: false, problems };
  const entity = { ...parsedBase.value, ...(parsedFields.value as object), ...parsedCollections } as Entity<K>;
  return { ok: true, value: deepFreeze(entity) };
}

/** The outcome of reading one stored entity. */
export type EntityReadResult<K extends EntityKind> = { ok: true; entity: Entity<K> } | { ok: false; problem: string };

/**
 * Reads one entity of `kind` from its `Y.Map` (or whatever a peer stored in its place) into
 * a validated, deep-frozen plain entity. Invalid data gives a description of every problem,
 * never an exception. `expectedId`, when given, must equal the entity's `id` field.
 */
export function readEntity<K extends EntityKind>(kind: K, yMap: unknown, expectedId?: string): EntityReadResult<K> {
  if (!(yMap instanceof Y.Map)) {
    return { ok: false, problem: `${kind}: is not an entity (expected a map of fields)` };
  }
  const entity = readValidEntity(kind, yMap as Y.Map<unknown>, expectedId);
  if (entity !== null) return { ok: true, entity };
  // Something is wrong (or unusual): the full algorithm finds and describes every problem.
  const result = validateEntity(kind, toPlain(yMap), 'stored', expectedId);
  return result.ok ? { ok: true, entity: result.value } : { ok: false, problem: result.problems.join('; ') };
}

// ---------------------------------------------------------------------------------------
// Fast path of reading
//
// Opening a workspace reads every entity, and nearly all of them are valid. For those,
// `readValidEntity` checks exactly the same schemas as `validateEntity` in `stored` mode, in
// fewer steps: the entity's map is walked once, without sorting; bookkeeping and edited
// fields are checked by ONE strict schema per kind (`entityBaseSchema` and
// `entityStoredFieldSchemas[kind]` merged), without the error map (messages are only needed
// for problems); the result is frozen as it is built. It gives up (null) at the first thing
// it does not accept, and `readEntity` then runs `validateEntity`, which describes every
// problem. So it may only ever be stricter than `validateEntity`, never more lenient, and
// where both accept an entity they give equal values (tested in workspace-document.test.ts).

type ParsedObject = Record<string, unknown>;

function hasObjectRules(schema: z.ZodType): boolean {
  return (schema._zod.def.checks?.length ?? 0) > 0;
}

const EMPTY_COLLECTION: ParsedObject = Object.freeze({});

/** What the fast path knows of a kind: its merged shape and which fields must be stored. */
interface FastShape {
  /** Bookkeeping and stored fields, each field's own schema. */
  shape: z.ZodRawShape;
  /** Fields without a default: every stored entity must hold them. */
  required: readonly string[];
  /**
   * Every field in a fixed order with its default (undefined when it has none), then every
   * collection, empty: what an entity holds before its stored values are put in. Never handed
   * out, and not frozen: V8 copies a frozen object into a slow dictionary-mode object (loading
   * 10,000 decisions took 80 ms and 36 MiB more).
   */
  template: Readonly<ParsedObject>;
  /** Fields holding a list (a decision's tags), frozen with the entity. */
  listFields: readonly string[];
  /** Strict schemas of exactly the fields stored, per set of stored fields (see schemaFor). */
  bySignature: Map<string, z.ZodType<ParsedObject> | null>;
}

/**
 * The fast shape of a kind, or null when its field schema is not a plain object schema or
 * has rules on the whole object (e.g. a refine), which a shape would lose: that kind is
 * always read by `validateEntity`.
 */
function fastShape(kind: EntityKind): FastShape | null {
  const fieldSchema: z.ZodType = entityStoredFieldSchemas[kind];
  if (!(fieldSchema instanceof z.ZodObject) || hasObjectRules(fieldSchema) || hasObjectRules(entityBaseSchema)) {
    return null;
  }
  const fieldShape = fieldSchema.shape as z.ZodRawShape;
  const shape: z.ZodRawShape = { ...entityBaseSchema.shape, ...fieldShape };
  // Both sides must own distinct keys, or one schema would silently replace the other.
  if (Object.keys(shape).length !== baseFieldNames.length + Object.keys(fieldShape).length) return null;
  const defaults: Readonly<Record<string, unknown>> = entityFieldDefaults[kind];
  const names = Object.keys(shape);
  return {
    shape,
    required: names.filter((name) => !(name in defaults)),
    template: {
      ...Object.fromEntries(names.map((name) => [name, defaults[name]])),
      ...Object.fromEntries(collectionNamesOf(kind).map((name) => [name, EMPTY_COLLECTION])),
    },
    listFields: names.filter((name) => unwrap(shape[name] as z.ZodType) instanceof z.ZodArray),
    bySignature: new Map(),
  };
}

/** The schema inside `nullable()` / `optional()` wrappers. */
function unwrap(schema: z.ZodType): z.ZodType {
  return schema instanceof z.ZodNullable || schema instanceof z.ZodOptional
    ? unwrap(schema.unwrap() as z.ZodType)
    : schema;
}

const fastShapes = new Map<EntityKind, FastShape | null>(entityKinds.map((kind) => [kind, fastShape(kind)]));

/** How many different sets of stored fields per kind get a schema of their own. */
const MAX_SIGNATURES = 256;

/**
 * A strict schema of exactly the fields an entity stores (fields holding their default are
 * not stored), so parsing costs what is stored, not every field the kind has. Entities of a
 * kind store few different sets of fields, so the schemas are cached by that set (beyond
 * MAX_SIGNATURES sets they are built each time). Null when the set lacks a required field or
 * has a field the kind does not know: `validateEntity` then describes the problem.
 */
function schemaFor(fast: FastShape, signature: string): z.ZodType<ParsedObject> | null {
  const cached = fast.bySignature.get(signature);
  if (cached !== undefined) return cached;
  const keys = signature === '' ? [] : signature.split('\u0000');
  const present = new Set(keys);
  const known = keys.every((key) => Object.hasOwn(fast.shape, key));
  const schema =
    known && fast.required.every((name) => present.has(name))
      ? z.strictObject(Object.fromEntries(keys.map((key) => [key, fast.shape[key] as z.ZodType])))
      : null;
  if (fast.bySignature.size < MAX_SIGNATURES) fast.bySignature.set(signature, schema);
  return schema;
}

/**
 * The scalar entries of a map as an object, or null when a value is itself a shared type or
 * a key is `__proto__` (which an ordinary object cannot hold as data).
 */
function scalarEntries(map: Y.Map<unknown>): ParsedObject | null {
  const raw: ParsedObject = {};
  let scalars = true;
  map.forEach((value, key) => {
    if (value instanceof Y.AbstractType || key === '__proto__') scalars = false;
    else raw[key] = value;
  });
  return scalars ? raw : null;
}

/**
 * A valid keyed collection from its items' maps, sorted by id (as `toPlain` orders them) and
 * frozen, or null.
 */
function readValidCollection(items: [string, unknown][], itemSchema: z.ZodType): ParsedObject | null {
  const parsed: ParsedObject = {};
  for (const [itemId, item] of items.sort(([a], [b]) => compareStrings(a, b))) {
    if (!(item instanceof Y.Map)) return null;
    const raw = scalarEntries(item as Y.Map<unknown>);
    if (raw === null) return null;
    const result = itemSchema.safeParse(raw);
    if (!result.success || (result.data as { id?: unknown }).id !== itemId) return null;
    // Deeply: an item may hold a list (an interface agreement's escalation path).
    parsed[itemId] = deepFreeze(result.data);
  }
  return Object.freeze(parsed);
}

/**
 * The items of an entity's collections by collection name, from its values that are shared
 * types: items under their own keys (`<collection>/<item id>`) and the collection maps of
 * schema 3 and before (an item under its own key wins over one of the same id in a map).
 * Undefined when a shared type is neither.
 */
function collectionsOf(
  shared: readonly [string, unknown][],
  collectionNames: readonly string[],
): Record<string, [string, unknown][]> | undefined {
  const collections: Record<string, [string, unknown][]> = {};
  const maps: [string, Y.Map<unknown>][] = [];
  for (const [key, value] of shared) {
    const item = splitCollectionItemKey(key);
    if (item !== null && collectionNames.includes(item.collection)) {
      (collections[item.collection] ??= []).push([item.itemId, value]);
    } else if (value instanceof Y.Map && collectionNames.includes(key)) maps.push([key, value as Y.Map<unknown>]);
    else return undefined;
  }
  for (const [name, map] of maps) {
    const own = collections[name] ?? [];
    const ids = new Set(own.map(([itemId]) => itemId));
    map.forEach((item, itemId) => {
      if (!ids.has(itemId)) own.push([itemId, item]);
    });
    collections[name] = own;
  }
  return collections;
}

/**
 * The entity, validated and frozen, or null when it is not plainly valid (see above).
 * `readEntity` is the way to read; this is exported so its tests can hold it to `validateEntity`.
 */
export function readValidEntity<K extends EntityKind>(
  kind: K,
  yMap: Y.Map<unknown>,
  expectedId?: string,
): Entity<K> | null {
  const fast = fastShapes.get(kind);
  if (fast === undefined || fast === null) return null;
  const collectionSchemas: Readonly<Record<string, z.ZodType>> = entityCollectionSchemas[kind];
  const collectionNames = collectionNamesOf(kind);
  // An ordinary object (a prototype-less one is slower to fill and to read), so a key named
  // `__proto__` is left to `validateEntity`.
  const raw: ParsedObject = {};
  // The stored field names in order, NUL-separated: which schema parses them (see schemaFor).
  let signature = '';
  let plain = true;
  // Values that are shared types (collection items and older collection maps): most entities have none.
  let shared: [string, unknown][] | null = null;
  yMap.forEach((value, key) => {
    // `undefined` is left to validateEntity: an optional key here would accept it.
    if (key === '__proto__' || value === undefined) plain = false;
    else if (!(value instanceof Y.AbstractType)) {
      raw[key] = value;
      signature = signature === '' ? key : `${signature}\u0000${key}`;
    } else (shared ??= []).push([key, value]);
  });
  if (!plain) return null;
  const collections = shared === null ? null : collectionsOf(shared, collectionNames);
  if (collections === undefined) return null;
  const schema = schemaFor(fast, signature);
  if (schema === null) return null;
  const result = schema.safeParse(raw);
  if (!result.success) return null;
  // Every field in one fixed order (so every entity of a kind shares one object shape),
  // defaults where nothing is stored.
  const parsed = result.data;
  // A copy of the kind's template (every field with its default, every collection empty):
  // copying one object is much faster than adding some fifty properties one by one.
  const entity: ParsedObject = { ...fast.template };
  for (const key in parsed) entity[key] = parsed[key];
  if (expectedId !== undefined && entity.id !== expectedId) return null;
  if (collections !== null) {
    for (const name of collectionNames) {
      const itemSchema = collectionSchemas[name];
      if (itemSchema === undefined) return null;
      const items = collections[name];
      if (items === undefined) continue;
      const parsed = readValidCollection(items, itemSchema);
      if (parsed === null) return null;
      entity[name] = parsed;
    }
  }
  // Field values are scalars or lists of scalars (a decision's tags); collections are frozen above.
  for (const name of fast.listFields) Object.freeze(entity[name]);
  return Object.freeze(entity) as Entity<K>;
}

// ---------------------------------------------------------------------------------------
// Readable copy

/**
 * A readable JSON copy of a whole document, exactly as stored (not validated): what a
 * backup file carries beside the encoded Yjs state. `schemaVersion` is null when the
 * stored value is not a version; `workspaceId` is null when never stamped (version 1).
 */
export interface PlainDocument {
  schemaVersion: number | null;
  workspaceId: string | null;
  entities: { [K in EntityKind]: Record<string, unknown> };
}

/**
 * Copies the document to plain JSON: every kind present (maybe empty), ids and fields in
 * sorted order so two converged peers give identical copies.
 */
export function documentToPlain(doc: Y.Doc): PlainDocument {
  const workspaceId = getMetaMap(doc).get('workspaceId');
  const entities = Object.fromEntries(
    entityKinds.map((kind) => [kind, toPlain(getKindMap(doc, kind)) as Record<string, unknown>]),
  ) as PlainDocument['entities'];
  return {
    schemaVersion: readSchemaVersion(doc),
    workspaceId: typeof workspaceId === 'string' ? workspaceId : null,
    entities,
  };
}

/** A readable copy that passed `plainDocumentSchema`: every entity typed. */
export interface ValidPlainDocument {
  schemaVersion: typeof CURRENT_SCHEMA_VERSION;
  workspaceId: string | null;
  entities: { [K in EntityKind]: Record<string, Entity<K>> };
}

function entityRecordSchema<K extends EntityKind>(kind: K): z.ZodType<Record<string, Entity<K>>> {
  return z.record(z.string(), z.unknown()).transform((records, context) => {
    const parsed: Record<string, Entity<K>> = {};
    for (const [id, raw] of Object.entries(records)) {
      const result = validateEntity(kind, raw, 'stored', id);
      if (result.ok) parsed[id] = result.value;
      else for (const message of result.problems) context.addIssue({ code: 'custom', message, path: [id] });
    }
    return parsed;
  });
}

/**
 * Validates a readable copy (`documentToPlain`'s shape) against the entity schemas of the
 * current version. Rules between fields are not checked, as when reading a document: a
 * merged document may hold combinations no single person wrote, and its backup must load.
 */
export const plainDocumentSchema: z.ZodType<ValidPlainDocument> = z
  .object({
    schemaVersion: z.literal(CURRENT_SCHEMA_VERSION, {
      error: `must be ${CURRENT_SCHEMA_VERSION}, the schema this version of Latitude reads`,
    }),
    workspaceId: z.string().min(1).max(64).nullable(),
    entities: z
      .object({
        domains: entityRecordSchema('domains'),
        decisions: entityRecordSchema('decisions'),
        experiments: entityRecordSchema('experiments'),
        reviews: entityRecordSchema('reviews'),
        pulseChecks: entityRecordSchema('pulseChecks'),
        valueEntries: entityRecordSchema('valueEntries'),
        actions: entityRecordSchema('actions'),
        policies: entityRecordSchema('policies'),
        members: entityRecordSchema('members'),
        metricThresholds: entityRecordSchema('metricThresholds'),
        reviewTemplates: entityRecordSchema('reviewTemplates'),
        anonymousReviewNotes: entityRecordSchema('anonymousReviewNotes'),
      } satisfies { [K in EntityKind]: z.ZodType<Record<string, Entity<K>>> })
      .strict(),
  })
  .strict();
