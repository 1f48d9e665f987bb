/**
 * The root of the renderer: theme, notifications, the platform, the workspace store and
 * the router. Tests render it with their own platform, store and router.
 */
import { MantineProvider } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { useEffect } from 'react';
import { RouterProvider, type createHashRouter } from 'react-router';
import type { StoreApi } from 'zustand';
import { PlatformContext, type Platform } from '../platform';
import { WorkspaceStoreContext, type WorkspaceState } from '../workspaces/workspace-store';
import { theme } from './theme';

export interface AppProps {
  platform: Platform;
  workspaceStore: StoreApi<WorkspaceState>;
  router: ReturnType<typeof createHashRouter>;
}

/** The whole app. */
export function App({ platform, workspaceStore, router }: AppProps) {
  useEffect(() => {
    void workspaceStore.getState().load();
  }, [workspaceStore]);

  return (
    <MantineProvider theme={theme} defaultColorScheme="auto">
      <Notifications position="bottom-right" />
      <PlatformContext.Provider value={platform}>
        <WorkspaceStoreContext.Provider value={workspaceStore}>
          <RouterProvider router={router} />
        </WorkspaceStoreContext.Provider>
      </PlatformContext.Provider>
    </MantineProvider>
  );
}
