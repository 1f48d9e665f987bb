/**
 * The zustand store for the list of workspaces and the open one. Thin by design: it
 * reads the registry, calls the pure `createWorkspaceMeta`, and sets state.
 */
import { describeError } from '@shared/errors';
import { createContext, useContext } from 'react';
import { createStore, useStore, type StoreApi } from 'zustand';
import {
  createWorkspaceMeta,
  renameWorkspaceMeta,
  trashWorkspaceMeta,
  type NewWorkspace,
  type WorkspaceMeta,
} from '@shared/workspace/workspace-meta';
import type { WorkspaceRegistry } from './workspace-registry';

/** State and intents of the workspace list. */
export interface WorkspaceState {
  status: 'loading' | 'ready' | 'failed';
  /** Why loading failed, in words for a person. */
  error: string | null;
  workspaces: WorkspaceMeta[];
  activeId: string | null;
  /** Reads the registry; called once at start-up. */
  load: () => Promise<void>;
  /** Creates a workspace, opens it and returns it. Throws with a clear message when invalid. */
  create: (input: NewWorkspace) => Promise<WorkspaceMeta>;
  /** Opens an existing, live workspace. */
  select: (id: string) => Promise<void>;
  /** Renames a workspace. Throws with a clear message when the name is invalid. */
  rename: (id: string, name: string) => Promise<void>;
  /** Moves a workspace to the trash; if it was open, the next live one opens. */
  trash: (id: string) => Promise<void>;
  /** Brings a workspace back from the trash. */
  restore: (id: string) => Promise<void>;
  /** Deletes a trashed workspace and everything in it from this device. */
  deleteForever: (id: string) => Promise<void>;
  /** Adds a workspace with its document (an imported backup) and opens it. */
  adopt: (workspace: WorkspaceMeta, documentState: Uint8Array) => Promise<void>;
}

/** Ids and time come from outside so tests can fix them. */
export interface WorkspaceStoreDeps {
  registry: WorkspaceRegistry;
  newId: () => string;
  now: () => number;
}

function firstLiveId(workspaces: WorkspaceMeta[], except?: string): string | null {
  return workspaces.find((w) => w.deletedAt === null && w.id !== except)?.id ?? null;
}

/** Builds a workspace store on top of a registry. */
export function createWorkspaceStore({ registry, newId, now }: WorkspaceStoreDeps): StoreApi<WorkspaceState> {
  return createStore<WorkspaceState>()((set, get) => {
    const find = (id: string): WorkspaceMeta => {
      const workspace = get().workspaces.find((w) => w.id === id);
      if (!workspace) throw new Error('That workspace no longer exists.');
      return workspace;
    };
    const replace = (workspace: WorkspaceMeta): void =>
      set({ workspaces: get().workspaces.map((w) => (w.id === workspace.id ? workspace : w)) });
    return {
      status: 'loading',
      error: null,
      workspaces: [],
      activeId: null,
      async load() {
        try {
          const [workspaces, storedActiveId] = await Promise.all([registry.list(), registry.getActiveId()]);
          const activeId = workspaces.some((w) => w.id === storedActiveId && w.deletedAt === null)
            ? storedActiveId
            : firstLiveId(workspaces);
          set({ status: 'ready', error: null, workspaces, activeId });
        } catch (error) {
          set({ status: 'failed', error: `Your workspaces could not be loaded: ${describeError(error)}` });
        }
      },
      async create(input) {
        const workspace = createWorkspaceMeta(input, newId(), now());
        await registry.add(workspace);
        await registry.setActiveId(workspace.id);
        set({ workspaces: [...get().workspaces, workspace], activeId: workspace.id });
        return workspace;
      },
      async select(id) {
        if (!get().workspaces.some((w) => w.id === id && w.deletedAt === null)) {
          throw new Error('That workspace no longer exists.');
        }
        await registry.setActiveId(id);
        set({ activeId: id });
      },
      async rename(id, name) {
        const renamed = renameWorkspaceMeta(find(id), name, now());
        await registry.put(renamed);
        replace(renamed);
      },
      async trash(id) {
        const trashed = trashWorkspaceMeta(find(id), now(), now());
        await registry.put(trashed);
        replace(trashed);
        if (get().activeId === id) {
          const next = firstLiveId(get().workspaces, id);
          await registry.setActiveId(next);
          set({ activeId: next });
        }
      },
      async restore(id) {
        const restored = trashWorkspaceMeta(find(id), null, now());
        await registry.put(restored);
        replace(restored);
        if (get().activeId === null) {
          await registry.setActiveId(id);
          set({ activeId: id });
        }
      },
      async deleteForever(id) {
        const workspace = find(id);
        if (workspace.deletedAt === null)
          throw new Error('Move the workspace to the trash before deleting it for good.');
        await registry.purge(id);
        set({ workspaces: get().workspaces.filter((w) => w.id !== id) });
      },
      async adopt(workspace, documentState) {
        await registry.add(workspace, documentState);
        await registry.setActiveId(workspace.id);
        set({ workspaces: [...get().workspaces, workspace], activeId: workspace.id });
      },
    };
  });
}

/** The workspace store for the component tree; provided once in the app root. */
export const WorkspaceStoreContext = createContext<StoreApi<WorkspaceState> | null>(null);

/** Reads from the workspace store with a selector. */
export function useWorkspaces<T>(selector: (state: WorkspaceState) => T): T {
  const store = useContext(WorkspaceStoreContext);
  if (!store) throw new Error('useWorkspaces() needs a <WorkspaceStoreContext.Provider> above it.');
  return useStore(store, selector);
}

/** The open workspace, or null when there is none. */
export function selectActiveWorkspace(state: WorkspaceState): WorkspaceMeta | null {
  return state.workspaces.find((w) => w.id === state.activeId) ?? null;
}

const liveCache = new WeakMap<WorkspaceMeta[], WorkspaceMeta[]>();
const trashCache = new WeakMap<WorkspaceMeta[], WorkspaceMeta[]>();

function memoised(
  cache: WeakMap<WorkspaceMeta[], WorkspaceMeta[]>,
  all: WorkspaceMeta[],
  keep: (w: WorkspaceMeta) => boolean,
) {
  let result = cache.get(all);
  if (!result) {
    result = all.filter(keep);
    cache.set(all, result);
  }
  return result;
}

/** Workspaces not in the trash (the same array while the list is unchanged). */
export function selectLiveWorkspaces(state: WorkspaceState): WorkspaceMeta[] {
  return memoised(liveCache, state.workspaces, (w) => w.deletedAt === null);
}

/** Workspaces in the trash (the same array while the list is unchanged). */
export function selectTrashedWorkspaces(state: WorkspaceState): WorkspaceMeta[] {
  return memoised(trashCache, state.workspaces, (w) => w.deletedAt !== null);
}
