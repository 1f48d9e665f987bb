/**
 * Which workspace is open right now, as a zustand store. Opening and closing run one at a
 * time in order, so switching quickly between workspaces never leaves two documents open or
 * closes one before its changes are saved.
 *
 * While a workspace opens, its cached first snapshot (when there is a current one) is the
 * `preview`: screens show it, read-only, after one paint, and only then is the document
 * decoded. The opened session's store keeps the preview's equal entities, so nothing shown
 * changes unless the document says otherwise.
 */
import { describeError } from '@shared/errors';
import { createContext, useContext } from 'react';
import { createStore, useStore, type StoreApi } from 'zustand';
import type { WorkspaceMeta } from '@shared/workspace/workspace-meta';
import {
  createDocumentStore,
  createFixedDocumentStore,
  type DocumentState,
  type DocumentStore,
} from '../data/document-store';
import type { FirstSnapshot } from '../data/persistence/first-snapshot';
import type { WorkspaceRepository } from '../data/repository';
import type { WorkspaceSession } from './workspace-session';
import * as Y from 'yjs';

/** The open workspace and how opening went. */
export interface SessionState {
  status: 'closed' | 'opening' | 'open' | 'failed';
  session: WorkspaceSession | null;
  /** While a workspace opens: its cached first snapshot, read-only. */
  preview: { workspaceId: string; store: DocumentStore } | null;
  /** Why the last opening failed, for a person. */
  error: string | null;
  /** Makes `workspace` the open one (closing any other first); null closes. Resolves with the session. */
  ensureOpen: (workspace: WorkspaceMeta | null) => Promise<WorkspaceSession | null>;
  /**
   * Runs `read` on a workspace's document: the open one's, or else a copy loaded for the
   * occasion (and dropped afterwards), so any workspace can be backed up without opening it.
   */
  readDocument: <T>(workspace: WorkspaceMeta, read: (doc: Y.Doc) => Promise<T> | T) => Promise<T>;
  /**
   * Runs `write` as one intent on a workspace: the open one's repository, or else a
   * repository on its stored document, whose changes are then stored (see
   * `writeStoredDocument`). Throws when the workspace is read-only.
   */
  writeDocument: <T>(workspace: WorkspaceMeta, write: (repository: WorkspaceRepository) => T) => Promise<T>;
}

/** The read-only reason of a preview. */
export const STILL_OPENING = 'Still opening this workspace: it can be edited in a moment.';

/** Resolves after the next frame is painted (or 100 ms, in a window that paints none). */
function afterNextPaint(): Promise<void> {
  return new Promise((resolve) => {
    setTimeout(resolve, 100);
    if (typeof requestAnimationFrame === 'function') requestAnimationFrame(() => setTimeout(resolve, 0));
  });
}

/**
 * Builds the store; `open` opens one workspace (see `openWorkspaceSession`) given the first
 * snapshot shown meanwhile, `load` reads a copy of a workspace's stored document without
 * keeping it open, `readFirstSnapshot` reads a workspace's current cached first snapshot.
 */
export function createSessionStore(
  open: (workspace: WorkspaceMeta, shown: FirstSnapshot | null) => Promise<WorkspaceSession>,
  load: (workspaceId: string) => Promise<Y.Doc>,
  writeStored: <T>(workspaceId: string, write: (repository: WorkspaceRepository) => T) => Promise<T>,
  readFirstSnapshot: (workspaceId: string) => Promise<FirstSnapshot | null> = () => Promise.resolve(null),
): StoreApi<SessionState> {
  let queue: Promise<unknown> = Promise.resolve();
  return createStore<SessionState>()((set, get) => ({
    status: 'closed',
    session: null,
    preview: null,
    error: null,
    ensureOpen(workspace) {
      const next = queue.then(async () => {
        const current = get().session;
        if (current && workspace && current.workspace.id === workspace.id) return current;
        if (current) {
          await current.close();
          set({ status: 'closed', session: null });
        }
        if (!workspace) return null;
        set({ status: 'opening', error: null });
        try {
          const shown = await readFirstSnapshot(workspace.id);
          if (shown !== null) {
            set({ preview: { workspaceId: workspace.id, store: createFixedDocumentStore(shown, STILL_OPENING) } });
            // Decoding the document holds the thread: let the preview be seen first.
            await afterNextPaint();
          }
          const session = await open(workspace, shown);
          set({ status: 'open', session, preview: null });
          return session;
        } catch (error) {
          set({
            status: 'failed',
            preview: null,
            error: `“${workspace.name}” could not be opened: ${describeError(error)}`,
          });
          return null;
        }
      });
      queue = next.catch(() => undefined);
      return next;
    },
    async readDocument(workspace, read) {
      const session = get().session;
      if (session?.workspace.id === workspace.id) {
        await session.flush();
        return read(session.doc);
      }
      const doc = await load(workspace.id);
      try {
        return await read(doc);
      } finally {
        doc.destroy();
      }
    },
    async writeDocument(workspace, write) {
      // In the queue, so the workspace is not being opened (or closed) meanwhile.
      const next = queue.then(() => {
        const session = get().session;
        if (session?.workspace.id === workspace.id) return session.repository.transact(() => write(session.repository));
        return writeStored(workspace.id, write);
      });
      queue = next.catch(() => undefined);
      return next;
    },
  }));
}

/** The session store for the component tree; provided once in the app root. */
export const SessionStoreContext = createContext<StoreApi<SessionState> | null>(null);

function useSessionStore(): StoreApi<SessionState> {
  const store = useContext(SessionStoreContext);
  if (!store) throw new Error('useSession() needs a <SessionStoreContext.Provider> above it.');
  return store;
}

/** Reads from the session store with a selector. */
export function useSession<T>(selector: (state: SessionState) => T): T {
  return useStore(useSessionStore(), selector);
}

/** The session store itself, for effects that call its actions. */
export function useSessionStoreApi(): StoreApi<SessionState> {
  return useSessionStore();
}

// Read while no workspace is open: every kind empty, nothing to edit.
const closedDocumentStore = createDocumentStore(new Y.Doc(), { readOnly: 'No workspace is open.' });

/**
 * Reads from the open workspace's document store: the preview while it opens, an empty
 * one while none is open.
 */
export function useDocument<T>(selector: (state: DocumentState) => T): T {
  const store = useSession((state) => state.session?.documentStore ?? state.preview?.store ?? closedDocumentStore);
  return useStore(store, selector);
}
