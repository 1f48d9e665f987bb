/**
 * Renders the whole app for component tests: a memory router, an in-memory workspace
 * registry and a fake platform that records what the app asked of it. The fake is a
 * browser's (no signalling host, no one-step PDF); a test of what only the desktop app offers
 * sets `platform.savePdf` before the screen under test renders.
 */
import { render, type RenderResult } from '@testing-library/react';
import { createMemoryRouter } from 'react-router';
import type { MenuCommand } from '@shared/ipc/contract';
import type { WorkspaceMeta } from '@shared/workspace/workspace-meta';
import { App } from './app/app';
import { createMemoryLocalNameStorage } from './domains/use-local-user';
import { createMemorySetupStateStorage } from './setup/setup-state';
import { routes } from './app/routes';
import type { Platform } from './platform';
import type { StoreApi } from 'zustand';
import { createMemorySnapshotStore } from './data/persistence/snapshots';
import { createMemoryUpdateLog } from './data/persistence/update-log';
import { createSessionStore, type SessionState } from './workspaces/session-store';
import { loadDocumentCopy } from './workspaces/backup-service';
import { openWorkspaceSession, writeStoredDocument } from './workspaces/workspace-session';
import { createMemoryWorkspaceRegistry, type WorkspaceRegistry } from './workspaces/workspace-registry';
import { createWorkspaceStore } from './workspaces/workspace-store';

/** A platform double that lets a test send menu commands and give it the desktop app's PDF saving. */
export interface FakePlatform extends Omit<Platform, 'savePdf'> {
  sendMenuCommand(command: MenuCommand): void;
  /** Null, as in a browser; set it (e.g. to a `vi.fn`) before the screen under test renders. */
  savePdf: Platform['savePdf'];
}

export function createFakePlatform(): FakePlatform {
  const listeners = new Set<(command: MenuCommand) => void>();
  return {
    kind: 'browser',
    getInfo: () =>
      Promise.resolve({ kind: 'browser', version: '9.9.9', system: 'Test browser', dataLocation: 'Test storage' }),
    saveFile: ({ suggestedName }) => Promise.resolve({ status: 'saved', fileName: suggestedName }),
    openFile: () => Promise.resolve({ status: 'cancelled' }),
    openExternal: () => Promise.resolve(true),
    onMenuCommand(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    sendMenuCommand(command) {
      for (const listener of listeners) listener(command);
    },
    signalling: null,
    savePdf: null,
  };
}

export interface RenderedApp extends RenderResult {
  platform: FakePlatform;
  sessionStore: StoreApi<SessionState>;
  registry: WorkspaceRegistry;
  router: ReturnType<typeof createMemoryRouter>;
}

/** Renders the app at `path` with the given workspaces already stored. */
export function renderApp(path = '/dashboard', workspaces: WorkspaceMeta[] = []): RenderedApp {
  const platform = createFakePlatform();
  const log = createMemoryUpdateLog();
  const registry = createMemoryWorkspaceRegistry(workspaces, log);
  let id = 0;
  const newId = () => `ws-${++id}`;
  const now = () => 1_700_000_000_000;
  const store = createWorkspaceStore({ registry, newId, now });
  const snapshots = createMemorySnapshotStore();
  const sessionStore = createSessionStore(
    (workspace) =>
      openWorkspaceSession(workspace, {
        log,
        snapshots,
        userId: 'test-user',
        now,
        newId,
        onSaveError: (error) => {
          throw error;
        },
      }),
    (workspaceId) => loadDocumentCopy(log, workspaceId),
    async (workspaceId, write) => writeStoredDocument(log, workspaceId, { userId: 'test-user', now, newId }, write),
  );
  const router = createMemoryRouter(routes, { initialEntries: [path] });
  const result = render(
    <App
      platform={platform}
      workspaceStore={store}
      sessionStore={sessionStore}
      router={router}
      localNameStorage={createMemoryLocalNameStorage()}
      setupStateStorage={createMemorySetupStateStorage()}
    />,
  );
  return { ...result, platform, registry, router, sessionStore };
}
