/**
 * The app's local IndexedDB database (through Dexie). Nothing here syncs: it holds the
 * registry of workspaces, local settings, team workspaces' secrets, each workspace's Yjs
 * update log (the document's persistence), automatic snapshots for restore, and a cache of
 * each workspace's first screen (data/persistence/first-snapshot.ts).
 */
import { Dexie, type EntityTable } from 'dexie';
import type { WorkspaceMeta } from '@shared/workspace/workspace-meta';
import type { FirstSnapshotRow } from '../data/persistence/first-snapshot';

/** A local setting, stored as key → JSON value. */
export interface SettingRow {
  key: string;
  value: unknown;
}

/** One stored Yjs update of a workspace's document; `seq` orders them. */
export interface UpdateRow {
  seq?: number;
  workspaceId: string;
  update: Uint8Array;
}

/** Why a snapshot was taken. */
export type SnapshotReason = 'daily' | 'manual' | 'before-import' | 'before-restore';

/** A full copy of a workspace's document at one moment, kept for restore. */
export interface SnapshotRow {
  id?: number;
  workspaceId: string;
  createdAt: number;
  reason: SnapshotReason;
  /** `Y.encodeStateAsUpdate` of the document. */
  state: Uint8Array;
}

/**
 * A team workspace's secret: the invite that lets other laptops join it (and, for
 * peer-to-peer sync, the room password that encrypts signalling). Local only: never in a
 * backup, never synced, never logged.
 */
export interface WorkspaceSecretRow {
  workspaceId: string;
  inviteSecret: string;
}

/** Latitude's local database. */
export class LatitudeDatabase extends Dexie {
  workspaces!: EntityTable<WorkspaceMeta, 'id'>;
  settings!: EntityTable<SettingRow, 'key'>;
  updates!: EntityTable<UpdateRow, 'seq'>;
  snapshots!: EntityTable<SnapshotRow, 'id'>;
  secrets!: EntityTable<WorkspaceSecretRow, 'workspaceId'>;
  /** Each workspace's document-store snapshot at its last compaction, shown while it opens. */
  firstSnapshots!: EntityTable<FirstSnapshotRow, 'workspaceId'>;

  constructor(name = 'latitude') {
    super(name);
    this.version(1).stores({
      workspaces: 'id, updatedAt',
      settings: 'key',
    });
    this.version(2).stores({
      updates: '++seq, workspaceId',
      snapshots: '++id, workspaceId, [workspaceId+createdAt]',
    });
    this.version(3).stores({
      secrets: 'workspaceId',
    });
    this.version(4).stores({
      firstSnapshots: 'workspaceId',
    });
  }
}
