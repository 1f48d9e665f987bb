/**
 * The first-snapshot cache: each workspace's document-store entities as they were when its
 * update log last matched its document, so opening a large workspace shows it before its Yjs
 * document is decoded (decoding 10,000 decisions takes ~200 ms; parsing this ~40 ms).
 *
 * Validity
 * - A cached snapshot names the update-log row it was read from (`seq`) and is used only
 *   while that row is still the log's latest: every write to the log (an edit, a compaction,
 *   a restore, an import, another window) adds a row with a larger seq, and seqs are never
 *   reused. It is written from the document store's state captured in the same instant the
 *   log was known to hold exactly the document (`PersistedDocumentOptions.mirror`), so the
 *   two hold the same content.
 * - It also names its format: the layout below, the schema version, the app version and
 *   every kind's fields with their defaults. A cache written by another version is ignored.
 * - A cache that cannot be read (damaged, wrong shape) is ignored too: it is never more than
 *   a head start. The workspace is then decoded as always, and the document store built from
 *   the decoded document replaces the preview, reusing its equal entities.
 *
 * Layout of `json`: `{ "entities": { <kind>: Entity[] }, "invalid": InvalidEntity[] }`.
 */
import { entityFieldDefaults, entityKinds, type AnyEntity, type EntityKind } from '@shared/model/entities';
import type { LatitudeDatabase } from '../../db/database';
import type { DocumentState, EntitiesByKind, InvalidEntity } from '../document-store';
import { collectionNamesOf, CURRENT_SCHEMA_VERSION, deepFreeze, isPlainObject } from '../workspace-document';
import type { UpdateLog } from './update-log';

/** Version of the layout of a cached snapshot. */
const LAYOUT = 1;

/** A stored first snapshot. */
export interface FirstSnapshotRow {
  workspaceId: string;
  /** The update-log row whose content it shows. */
  seq: number;
  /** Layout, schema, app version and fields it was written with (see `snapshotFormat`). */
  format: string;
  json: string;
}

/** A cached snapshot that is still current. */
export interface FirstSnapshot {
  /** The update-log row it shows (so an unchanged log needs no new write). */
  seq: number;
  entities: EntitiesByKind;
  invalid: readonly InvalidEntity[];
}

/** Where first snapshots are kept: one per workspace. */
export interface FirstSnapshotCache {
  /** The workspace's snapshot when it shows the log's latest row in this format, else null. Never rejects. */
  read(workspaceId: string): Promise<FirstSnapshot | null>;
  /** Stores the snapshot of the document whose log's latest row is `seq`, replacing the one before. */
  write(workspaceId: string, seq: number, state: Pick<DocumentState, 'entities' | 'invalid'>): Promise<void>;
}

/** Reads and writes rows by workspace id. */
interface RowStore {
  get(workspaceId: string): Promise<FirstSnapshotRow | undefined>;
  put(row: FirstSnapshotRow): Promise<void>;
}

/** The format a snapshot written by this build has: it changes whenever what an entity holds may. */
export function snapshotFormat(appVersion: string): string {
  const fields = entityKinds.map((kind) => [kind, entityFieldDefaults[kind], collectionNamesOf(kind)]);
  return JSON.stringify([LAYOUT, CURRENT_SCHEMA_VERSION, appVersion, fields]);
}

/** The cache in the app's database (`firstSnapshots` table). */
export function createDexieFirstSnapshotCache(
  db: LatitudeDatabase,
  log: UpdateLog,
  appVersion: string,
): FirstSnapshotCache {
  return createFirstSnapshotCache(
    {
      get: (workspaceId) => db.firstSnapshots.get(workspaceId),
      put: async (row) => void (await db.firstSnapshots.put(row)),
    },
    log,
    appVersion,
  );
}

/** The cache in memory, for tests. */
export function createMemoryFirstSnapshotCache(log: UpdateLog, appVersion = 'test'): FirstSnapshotCache {
  const rows = new Map<string, FirstSnapshotRow>();
  return createFirstSnapshotCache(
    {
      // Async like IndexedDB: callers never see a result in the same tick as the call.
      get: (workspaceId) => Promise.resolve(rows.get(workspaceId)),
      put: (row) => Promise.resolve(void rows.set(row.workspaceId, { ...row })),
    },
    log,
    appVersion,
  );
}

function createFirstSnapshotCache(rows: RowStore, log: UpdateLog, appVersion: string): FirstSnapshotCache {
  const format = snapshotFormat(appVersion);
  return {
    async read(workspaceId) {
      try {
        const [row, seqs] = await Promise.all([rows.get(workspaceId), log.seqs(workspaceId)]);
        if (row === undefined || row.seq !== seqs.at(-1) || row.format !== format) return null;
        const parsed = parseSnapshot(row.json);
        return parsed === null ? null : { seq: row.seq, ...parsed };
      } catch {
        return null;
      }
    },

    async write(workspaceId, seq, state) {
      const entities = Object.fromEntries(
        entityKinds.map((kind) => [kind, [...(state.entities[kind] as ReadonlyMap<string, AnyEntity>).values()]]),
      );
      await rows.put({ workspaceId, seq, format, json: JSON.stringify({ entities, invalid: state.invalid }) });
    },
  };
}

/** The entities and invalid list of a cached snapshot, or null when its shape is not the layout's. */
function parseSnapshot(json: string): Pick<FirstSnapshot, 'entities' | 'invalid'> | null {
  const parsed: unknown = JSON.parse(json);
  if (!isPlainObject(parsed) || !isPlainObject(parsed.entities) || !Array.isArray(parsed.invalid)) return null;
  const stored = parsed.entities;
  const entities = {} as Record<EntityKind, Map<string, AnyEntity>>;
  for (const kind of entityKinds) {
    const list = stored[kind];
    if (!Array.isArray(list)) return null;
    const map = new Map<string, AnyEntity>();
    for (const entity of list as unknown[]) {
      if (!isPlainObject(entity) || typeof entity.id !== 'string') return null;
      // Frozen like the entities the document store reads.
      map.set(entity.id, deepFreeze(entity) as unknown as AnyEntity);
    }
    entities[kind] = map;
  }
  const invalid: InvalidEntity[] = [];
  for (const entry of parsed.invalid as unknown[]) {
    if (
      !isPlainObject(entry) ||
      !entityKinds.includes(entry.kind as EntityKind) ||
      typeof entry.id !== 'string' ||
      typeof entry.problem !== 'string'
    ) {
      return null;
    }
    invalid.push({ kind: entry.kind as EntityKind, id: entry.id, problem: entry.problem });
  }
  return { entities: entities as unknown as EntitiesByKind, invalid };
}
