/**
 * Schema versions of a workspace document and the migrations between them.
 *
 * History:
 * - **Version 1** had no `meta` map. A tombstone was a boolean field `deleted` (`true` when
 *   in the trash, `false` or absent otherwise) and there was no `deletedAt`. Domains had no
 *   `purpose`. A document without `meta.schemaVersion` is version 1.
 * - **Version 2** stores tombstones as `deletedAt` (a time in ms, or null while live) and
 *   every domain has a `purpose` (text, '' by default).
 * - **Version 3** gives domains a charter (responsibility, objectives, budget,
 *   capacity, guidelines, pilot flag, and keyed collections for roles, success metrics and
 *   their values, interface agreements and support resources), decisions the full record
 *   (options, rationale, owner, tags, kind, category, impact assessment, chosen tier and
 *   override reason, dates, safety nets, experiment fields), and policies a keyed `changes` history; a policy's `domainId` may be null
 *   (the workspace default) and its limits null (inherits).
 * - **Version 4** (current) stores each new item of a keyed collection in its entity's own
 *   map, under the key `<collection>/<item id>`, instead of in one map per collection, and
 *   reads the collection maps of older documents as they are (see workspace-document.ts for
 *   why). New with it, all read with defaults from older documents (nothing to rewrite):
 *   decisions' `positions`, `escalations` and `links` collections and `reviewedAt`; pulse
 *   checks' domain, anonymity and name; delivered items' start date, defects and note;
 *   reviews' facilitation fields with `notes`, `groups`, `votes` and `checkIns` collections;
 *   actions' owner name, completion time and topic; and three new kinds, `metricThresholds`,
 *   `reviewTemplates` and `anonymousReviewNotes`. A new kind is a new top-level map, which
 *   reads as empty in a document that lacks it, so it needs no migration either; a schema-4
 *   build from before a kind existed ignores that map (it does not show those entries) and
 *   never writes to it.
 *
 * Algorithm of `openDocument`: read the version. Newer than this build understands (or not
 * a version at all) → open read-only and write nothing, so a newer peer's data is never
 * damaged by code that does not know its shape. Older → run each migration whose target
 * version is above the document's, in order, and stamp the new version, all inside ONE
 * transaction with MIGRATION_ORIGIN (undo ignores it; peers receive one update).
 *
 * Migrations are deterministic functions of the document: they take no clock and no
 * randomness, and they write a key only when its value would change. So running one twice
 * changes nothing, and two peers that migrate the same document concurrently write the same
 * values and converge whichever write Yjs keeps.
 *
 * Known limit: a version-1 app cannot know about versions, so if one keeps editing after a
 * newer peer migrated, its `deleted` flags arrive in a version-2 document; the store then
 * reports those entities as invalid instead of guessing.
 */
import * as Y from 'yjs';
import { entityKinds, type EntityKind } from '@shared/model/entities';
import {
  CURRENT_SCHEMA_VERSION,
  MIGRATION_ORIGIN,
  getKindMap,
  getMetaMap,
  hasNoEntities,
  readSchemaVersion,
} from './workspace-document';

/** A migration: rewrites a document from the version before its key to its key's version. */
export type Migration = (doc: Y.Doc) => void;

function setIfChanged(map: Y.Map<unknown>, key: string, value: unknown): void {
  if (!map.has(key) || map.get(key) !== value) map.set(key, value);
}

/**
 * Version 1 → 2. Where `deleted` is present it is the version-1 truth: `true` becomes
 * `deletedAt` = the entity's `updatedAt` (version 1 recorded no deletion time; deleting
 * bumped `updatedAt`, so it is the best estimate every peer computes alike), `false`
 * becomes null, and `deleted` is removed. An entity with neither field gets null. Domains
 * without `purpose` get ''.
 */
export function migrateToVersion2(doc: Y.Doc): void {
  for (const kind of entityKinds) {
    for (const entity of getKindMap(doc, kind).values()) {
      // Not an entity: left for the store to report, a migration does not guess.
      if (!(entity instanceof Y.Map)) continue;
      const map = entity as Y.Map<unknown>;
      if (map.has('deleted')) {
        const current = map.get('deletedAt');
        const updatedAt = map.get('updatedAt');
        const estimate = typeof updatedAt === 'number' ? updatedAt : 0;
        const deletedAt = map.get('deleted') === true ? (typeof current === 'number' ? current : estimate) : null;
        setIfChanged(map, 'deletedAt', deletedAt);
        map.delete('deleted');
      } else if (!map.has('deletedAt')) {
        map.set('deletedAt', null);
      }
      if (kind === 'domains' && !map.has('purpose')) map.set('purpose', '');
    }
  }
}

/**
 * The keyed collections of schema 3, per kind: fixed here, as schema 3 had them, so this
 * migration writes what schema 3 wrote whatever collections later schemas add.
 */
const version3Collections: Readonly<Partial<Record<EntityKind, readonly string[]>>> = {
  domains: ['roles', 'metrics', 'metricValues', 'agreements', 'resources'],
  decisions: ['advice'],
  policies: ['changes'],
};

/**
 * Version 2 → 3. Every entity gets an empty map for each keyed collection it lacks. The new
 * fields need no writing: a field holding its default is not stored, and every read fills
 * in the defaults (`entityFieldDefaults`). Existing values are never touched.
 *
 * Known limit: if two laptops each migrated the same schema-2 document offline and each
 * added an item to the same new collection before they met, Yjs would keep one laptop's
 * collection map and lose the other's items. It cannot happen with real data: schema 2
 * had no sync, so every schema-2 document lives on one device and is migrated there
 * before it is ever shared.
 */
export function migrateToVersion3(doc: Y.Doc): void {
  for (const kind of entityKinds) {
    const collections = version3Collections[kind] ?? [];
    if (collections.length === 0) continue;
    for (const entity of getKindMap(doc, kind).values()) {
      if (!(entity instanceof Y.Map)) continue;
      const map = entity as Y.Map<unknown>;
      for (const name of collections) if (!map.has(name)) map.set(name, new Y.Map<unknown>());
    }
  }
}

/**
 * Version 3 → 4. Nothing to rewrite: schema 4 stores each new collection item under its own
 * key in the entity's map (`<collection>/<item id>`), and still reads, edits and removes the
 * items of the collection maps older schemas made where they are (see workspace-document.ts
 * for why nothing is moved). The version changes so that a schema-3 app, which cannot read
 * items under their own keys, opens the workspace read-only instead of reporting its
 * entities as broken.
 */
export function migrateToVersion4(): void {
  // The stamp `openDocument` writes is the whole migration.
}

/** Every migration, keyed by the version it produces. */
export const migrations: Readonly<Record<number, Migration>> = Object.freeze({
  2: migrateToVersion2,
  3: migrateToVersion3,
  4: migrateToVersion4,
});

/** How a document was opened. */
export type OpenResult = { mode: 'editable'; migratedFrom: number | null } | { mode: 'read-only'; reason: string };

/**
 * Why a document cannot be edited by this build, or null when it can: its schema is
 * newer than this build's, or its version is not a version at all.
 */
export function readOnlyReason(doc: Y.Doc): string | null {
  const version = readSchemaVersion(doc);
  if (version === null) {
    const stored = JSON.stringify(getMetaMap(doc).get('schemaVersion')) ?? 'unknown';
    return `This workspace's schema version (${stored}) is not one Latitude knows, so it is open read-only and nothing in it will be changed.`;
  }
  if (version > CURRENT_SCHEMA_VERSION) {
    return `This workspace was saved by a newer version of Latitude (schema ${version}). This version understands up to schema ${CURRENT_SCHEMA_VERSION}, so it is open read-only and nothing in it will be changed.`;
  }
  return null;
}

/**
 * Opens a document for this build: migrates an older one to the current schema (one
 * transaction, MIGRATION_ORIGIN), leaves a current one alone, and refuses to change a newer
 * or unreadable one (read-only, not modified at all). An empty document without a version
 * is simply stamped current: there is nothing to migrate.
 */
export function openDocument(doc: Y.Doc): OpenResult {
  const reason = readOnlyReason(doc);
  if (reason !== null) return { mode: 'read-only', reason };
  const from = readSchemaVersion(doc) ?? CURRENT_SCHEMA_VERSION;
  if (from === CURRENT_SCHEMA_VERSION) return { mode: 'editable', migratedFrom: null };
  const empty = hasNoEntities(doc);
  // Collected before the transaction starts, so a missing step cannot leave half a migration.
  const steps: Migration[] = [];
  for (let version = from + 1; version <= CURRENT_SCHEMA_VERSION; version += 1) {
    const migrate = migrations[version];
    if (migrate === undefined) throw new Error(`No migration to schema ${version}.`);
    steps.push(migrate);
  }
  doc.transact(() => {
    if (!empty) for (const migrate of steps) migrate(doc);
    getMetaMap(doc).set('schemaVersion', CURRENT_SCHEMA_VERSION);
  }, MIGRATION_ORIGIN);
  return { mode: 'editable', migratedFrom: empty ? null : from };
}
