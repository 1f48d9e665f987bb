/**
 * The guided-setup state of the open workspace for the dashboard: ticked manual steps and
 * whether the checklist is hidden (see `setup-state.ts`), with actions that change it.
 *
 * The App provides the storage through `SetupStateStorageContext` (Dexie in the app, in
 * memory in tests). One zustand store per storage holds
 * the state of every workspace read so far; a change shows at once and is then written, and
 * is taken back with a message when writing fails.
 */
import { describeError } from '@shared/errors';
import { createContext, useContext, useEffect } from 'react';
import { createStore, useStore, type StoreApi } from 'zustand';
import type { SetupState, SetupStateStorage } from './setup-state';

/** One workspace's entry: loading, or its state; `error` says why the last read or write failed. */
export interface WorkspaceSetupEntry {
  status: 'loading' | 'ready';
  state: SetupState;
  error: string | null;
}

interface SetupStore {
  byWorkspace: Readonly<Record<string, WorkspaceSetupEntry>>;
}

/** The storage for the component tree, provided by the App. */
export const SetupStateStorageContext = createContext<SetupStateStorage | null>(null);

const emptyState: SetupState = { done: [], dismissed: false };
const loadingEntry: WorkspaceSetupEntry = { status: 'loading', state: emptyState, error: null };

const stores = new WeakMap<SetupStateStorage, StoreApi<SetupStore>>();

function storeFor(storage: SetupStateStorage): StoreApi<SetupStore> {
  let store = stores.get(storage);
  if (store === undefined) {
    store = createStore<SetupStore>()(() => ({ byWorkspace: {} }));
    stores.set(storage, store);
  }
  return store;
}

function setEntry(store: StoreApi<SetupStore>, workspaceId: string, entry: WorkspaceSetupEntry): void {
  store.setState((current) => ({ byWorkspace: { ...current.byWorkspace, [workspaceId]: entry } }));
}

function entryOf(store: StoreApi<SetupStore>, workspaceId: string): WorkspaceSetupEntry {
  return store.getState().byWorkspace[workspaceId] ?? loadingEntry;
}

/** The guided-setup state of a workspace and the actions that change it. */
export interface SetupStateHandle extends WorkspaceSetupEntry {
  /** Ticks or unticks a manual step. */
  setStepDone: (stepId: string, done: boolean) => void;
  /** Hides (true) or shows the checklist. */
  setDismissed: (dismissed: boolean) => void;
}

/** The guided-setup state of `workspaceId` on this device. */
export function useSetupState(workspaceId: string): SetupStateHandle {
  const storage = useContext(SetupStateStorageContext);
  if (storage === null) throw new Error('useSetupState needs a SetupStateStorageContext provider.');
  const store = storeFor(storage);
  const entry = useStore(store, (state) => state.byWorkspace[workspaceId]) ?? loadingEntry;

  useEffect(() => {
    if (store.getState().byWorkspace[workspaceId] !== undefined) return;
    setEntry(store, workspaceId, loadingEntry);
    storage.read(workspaceId).then(
      (state) => setEntry(store, workspaceId, { status: 'ready', state, error: null }),
      (error: unknown) =>
        setEntry(store, workspaceId, {
          status: 'ready',
          state: emptyState,
          error: `The guided setup's ticks could not be read: ${describeError(error)}`,
        }),
    );
  }, [storage, store, workspaceId]);

  /** Shows `next` at once, writes it, and takes it back with a message when writing fails. */
  const change = (next: (state: SetupState) => SetupState, write: () => Promise<void>) => {
    const before = entryOf(store, workspaceId);
    setEntry(store, workspaceId, { status: 'ready', state: next(before.state), error: null });
    write().catch((error: unknown) => {
      const now = entryOf(store, workspaceId);
      setEntry(store, workspaceId, {
        ...now,
        state: before.state,
        error: `The change could not be saved: ${describeError(error)}`,
      });
    });
  };

  return {
    ...entry,
    setStepDone: (stepId, done) =>
      change(
        (state) => ({
          ...state,
          done: done ? [...state.done.filter((id) => id !== stepId), stepId] : state.done.filter((id) => id !== stepId),
        }),
        () => storage.setStepDone(workspaceId, stepId, done),
      ),
    setDismissed: (dismissed) =>
      change(
        (state) => ({ ...state, dismissed }),
        () => storage.setDismissed(workspaceId, dismissed),
      ),
  };
}
