/**
 * Who is using this device, as history entries name them: the random user id of the open
 * workspace session, and the name the person chose in Settings → "Your name" (kept in local
 * settings, never synced on its own; it travels only inside the history entries it signs).
 *
 * The name lives behind a small storage interface with a Dexie implementation (main.tsx)
 * and an in-memory twin (tests); the App provides it through `LocalNameStorageContext`.
 *
 * One zustand store per storage holds the name, so saving it in Settings updates every
 * screen that shows or records it at once.
 */
import { describeError } from '@shared/errors';
import { createContext, useContext } from 'react';
import { createStore, useStore, type StoreApi } from 'zustand';
import type { LatitudeDatabase } from '../db/database';
import { readLocalUserName, writeLocalUserName } from '../db/local-user';
import { useSession } from '../workspaces/session-store';

/** What history entries say when the person has not given a name. */
export const FALLBACK_USER_NAME = 'Someone on this device';

/** The longest name a history entry keeps. */
export const MAX_USER_NAME_LENGTH = 200;

/** Where the local user's name is kept. */
export interface LocalNameStorage {
  /** The stored name, or '' when none. */
  read(): Promise<string>;
  /** Stores the name (trimmed); '' removes it. */
  write(name: string): Promise<void>;
}

/** The name kept in the app's local database (`settings.localUserName`). */
export function createDexieLocalNameStorage(db: LatitudeDatabase): LocalNameStorage {
  return { read: () => readLocalUserName(db), write: (name) => writeLocalUserName(db, name) };
}

/** The name kept in memory only, for tests and hosts without IndexedDB. */
export function createMemoryLocalNameStorage(initial = ''): LocalNameStorage {
  let stored = initial.trim();
  return {
    read: () => Promise.resolve(stored),
    write: (name) => {
      stored = name.trim();
      return Promise.resolve();
    },
  };
}

/** The storage for the component tree, provided by the App. */
export const LocalNameStorageContext = createContext<LocalNameStorage | null>(null);

/** The state of the local user's name. */
export interface LocalNameState {
  status: 'loading' | 'ready' | 'failed';
  /** The chosen name, '' when none. */
  name: string;
  /** Why reading or saving failed, for a person; null otherwise. */
  error: string | null;
  /** Stores a new name; throws with a message when it cannot be saved. */
  save: (name: string) => Promise<void>;
}

const stores = new WeakMap<LocalNameStorage, StoreApi<LocalNameState>>();

function storeFor(storage: LocalNameStorage): StoreApi<LocalNameState> {
  let store = stores.get(storage);
  if (store !== undefined) return store;
  store = createStore<LocalNameState>()((set) => ({
    status: 'loading',
    name: '',
    error: null,
    async save(name) {
      const trimmed = name.trim();
      if (trimmed.length > MAX_USER_NAME_LENGTH) {
        throw new Error(`Your name must be at most ${MAX_USER_NAME_LENGTH} characters.`);
      }
      try {
        await storage.write(trimmed);
      } catch (error) {
        throw new Error(`Your name could not be saved: ${describeError(error)}`, { cause: error });
      }
      set({ status: 'ready', name: trimmed, error: null });
    },
  }));
  stores.set(storage, store);
  const loading = store;
  storage.read().then(
    (name) => loading.setState({ status: 'ready', name, error: null }),
    (error: unknown) =>
      loading.setState({ status: 'failed', error: `Your name could not be read: ${describeError(error)}` }),
  );
  return store;
}

/** The local user's name and how to change it (Settings → "Your name"). */
export function useLocalUserName(): LocalNameState {
  const storage = useContext(LocalNameStorageContext);
  if (storage === null) throw new Error('useLocalUserName needs a LocalNameStorageContext provider.');
  return useStore(storeFor(storage));
}

/** The person using this device: the open session's user id (null while none is open) and the name to show. */
export interface LocalUser {
  userId: string | null;
  name: string;
}

/** The local user, with "Someone on this device" while no name was given. */
export function useLocalUser(): LocalUser {
  const userId = useSession((state) => state.session?.userId) ?? null;
  const { name } = useLocalUserName();
  return { userId, name: name === '' ? FALLBACK_USER_NAME : name };
}
