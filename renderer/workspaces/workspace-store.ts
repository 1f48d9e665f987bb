/**
 * The zustand store for the list of workspaces and the open one. Thin by design: it
 * reads the registry, calls the pure `createWorkspaceMeta`, and sets state.
 */
import { createContext, useContext } from 'react';
import { createStore, useStore, type StoreApi } from 'zustand';
import { createWorkspaceMeta, type NewWorkspace, type WorkspaceMeta } from '@shared/workspace/workspace-meta';
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
  /** Opens an existing workspace. */
  select: (id: string) => Promise<void>;
}

/** Ids and time come from outside so tests can fix them. */
export interface WorkspaceStoreDeps {
  registry: WorkspaceRegistry;
  newId: () => string;
  now: () => number;
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Builds a workspace store on top of a registry. */
export function createWorkspaceStore({ registry, newId, now }: WorkspaceStoreDeps): StoreApi<WorkspaceState> {
  return createStore<WorkspaceState>()((set, get) => ({
    status: 'loading',
    error: null,
    workspaces: [],
    activeId: null,
    async load() {
      try {
        const [workspaces, storedActiveId] = await Promise.all([registry.list(), registry.getActiveId()]);
        const activeId = workspaces.some((w) => w.id === storedActiveId) ? storedActiveId : (workspaces[0]?.id ?? null);
        set({ status: 'ready', error: null, workspaces, activeId });
      } catch (error) {
        set({ status: 'failed', error: `Your workspaces could not be loaded: ${describe(error)}` });
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
      if (!get().workspaces.some((w) => w.id === id)) throw new Error('That workspace no longer exists.');
      await registry.setActiveId(id);
      set({ activeId: id });
    },
  }));
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
