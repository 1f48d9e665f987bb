/**
 * The app's local IndexedDB database (through Dexie): tables that never sync. Workspace
 * documents get their own storage in the data layer; this holds the registry of
 * workspaces and local settings.
 */
import { Dexie, type EntityTable } from 'dexie';
import type { WorkspaceMeta } from '@shared/workspace/workspace-meta';

/** A local setting, stored as key → JSON value. */
export interface SettingRow {
  key: string;
  value: unknown;
}

/** Latitude's local database. */
export class LatitudeDatabase extends Dexie {
  workspaces!: EntityTable<WorkspaceMeta, 'id'>;
  settings!: EntityTable<SettingRow, 'key'>;

  constructor(name = 'latitude') {
    super(name);
    this.version(1).stores({
      workspaces: 'id, updatedAt',
      settings: 'key',
    });
  }
}
