/**
 * What the sync UI and the sync manager need, in one context: storage, the function that
 * starts a workspace's sync (replaced by a fake in component tests), a source of new
 * secrets, and a small zustand store of the current state, fed by the manager from the
 * provider's events and read by the status indicator and the sync panel.
 *
 * Without a provider above it, the app's own services are used: storage on the app's
 * IndexedDB database (in memory where there is none, as in jsdom), the real WebRTC sync.
 */
import { createContext, useContext } from 'react';
import { createStore, useStore, type StoreApi } from 'zustand';
import { LatitudeDatabase } from '../db/database';
import { randomInviteSecret } from '../workspaces/workspace-registry';
import { createDexieSyncStorage, createMemorySyncStorage, type SyncStorage } from './sync-storage';
import { offlineSnapshot, startWorkspaceSync, type StartWorkspaceSync, type SyncSnapshot } from './workspace-sync';

/** The sync state the UI shows. */
export interface SyncState {
  /** The open workspace's sync, or why there is none. */
  snapshot: SyncSnapshot;
  /** The workspace the snapshot is about, or null. */
  workspaceId: string | null;
  /** This device's own signalling server for its own use (`ws://127.0.0.1:<port>`) while hosting, or null. */
  hostedUrl: string | null;
  /** What the local person is writing in now, shown to the others (see `useTyping`), or null. */
  typing: string | null;
}

/** The services of sync. */
export interface SyncServices {
  storage: SyncStorage;
  startSync: StartWorkspaceSync;
  newSecret: () => string;
  now: () => number;
  store: StoreApi<SyncState>;
}

/** A store in its initial state: nothing open. */
export function createSyncStore(): StoreApi<SyncState> {
  return createStore<SyncState>()(() => ({
    snapshot: offlineSnapshot('No workspace is open.'),
    workspaceId: null,
    hostedUrl: null,
    typing: null,
  }));
}

/** Builds services; anything left out is the app's own. */
export function createSyncServices(overrides: Partial<SyncServices> & { storage: SyncStorage }): SyncServices {
  return {
    startSync: startWorkspaceSync,
    newSecret: randomInviteSecret,
    now: () => Date.now(),
    store: createSyncStore(),
    ...overrides,
  };
}

let appServices: SyncServices | null = null;

function defaultServices(): SyncServices {
  if (appServices === null) {
    const storage =
      typeof indexedDB === 'undefined' ? createMemorySyncStorage() : createDexieSyncStorage(new LatitudeDatabase());
    appServices = createSyncServices({ storage });
  }
  return appServices;
}

/** Sync's services for the component tree; the app's own when none is provided. */
export const SyncServicesContext = createContext<SyncServices | null>(null);

/** The sync services in use. */
export function useSyncServices(): SyncServices {
  return useContext(SyncServicesContext) ?? defaultServices();
}

/** Reads the sync state with a selector. */
export function useSyncState<T>(selector: (state: SyncState) => T): T {
  return useStore(useSyncServices().store, selector);
}
