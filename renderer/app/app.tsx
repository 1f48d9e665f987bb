/**
 * The root of the renderer: theme, notifications, the platform, the workspace store and
 * the router. Tests render it with their own platform, store and router.
 */
import { MantineProvider } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { useEffect } from 'react';
import { RouterProvider, type createHashRouter } from 'react-router';
import type { StoreApi } from 'zustand';
import { LocalNameStorageContext, type LocalNameStorage } from '../domains/use-local-user';
import { PlatformContext, type Platform } from '../platform';
import type { SetupStateStorage } from '../setup/setup-state';
import { SetupStateStorageContext } from '../setup/use-setup-state';
import { WorkspaceSessionManager } from '../workspaces/session-manager';
import { SessionStoreContext, type SessionState } from '../workspaces/session-store';
import { WorkspaceStoreContext, type WorkspaceState } from '../workspaces/workspace-store';
import { cssVariablesResolver, theme } from './theme';

export interface AppProps {
  platform: Platform;
  workspaceStore: StoreApi<WorkspaceState>;
  sessionStore: StoreApi<SessionState>;
  router: ReturnType<typeof createHashRouter>;
  /** Where the local user's name is kept (Settings → "Your name"). */
  localNameStorage: LocalNameStorage;
  /** Where each workspace's guided-setup ticks are kept. */
  setupStateStorage: SetupStateStorage;
}

/** The whole app. */
export function App({ platform, workspaceStore, sessionStore, router, localNameStorage, setupStateStorage }: AppProps) {
  useEffect(() => {
    void workspaceStore.getState().load();
  }, [workspaceStore]);

  return (
    <MantineProvider theme={theme} cssVariablesResolver={cssVariablesResolver} defaultColorScheme="auto">
      <Notifications position="bottom-right" />
      <PlatformContext.Provider value={platform}>
        <WorkspaceStoreContext.Provider value={workspaceStore}>
          <SessionStoreContext.Provider value={sessionStore}>
            <LocalNameStorageContext.Provider value={localNameStorage}>
              <SetupStateStorageContext.Provider value={setupStateStorage}>
                <WorkspaceSessionManager />
                <RouterProvider router={router} />
              </SetupStateStorageContext.Provider>
            </LocalNameStorageContext.Provider>
          </SessionStoreContext.Provider>
        </WorkspaceStoreContext.Provider>
      </PlatformContext.Provider>
    </MantineProvider>
  );
}
