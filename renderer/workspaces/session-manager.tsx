/**
 * Keeps the open workspace in step with the chosen one, saves queued changes (and the
 * cached first snapshot) when the window is hidden or closed, and shows why a workspace
 * could not be opened.
 */
import { useEffect } from 'react';
import { selectActiveWorkspace, useWorkspaces } from './workspace-store';
import { useSessionStoreApi } from './session-store';

/** Renders nothing; runs the effects above. */
export function WorkspaceSessionManager() {
  const active = useWorkspaces(selectActiveWorkspace);
  const status = useWorkspaces((state) => state.status);
  const sessions = useSessionStoreApi();

  useEffect(() => {
    if (status !== 'ready') return;
    void sessions.getState().ensureOpen(active);
  }, [active, status, sessions]);

  useEffect(() => {
    // Saving is batched by a few milliseconds; write the queue at once when the window may
    // be about to go away, and bring the cached first snapshot up to date for the next start.
    const save = () =>
      void sessions
        .getState()
        .session?.settle()
        .catch(() => undefined);
    const onVisibility = () => {
      if (document.visibilityState === 'hidden') save();
    };
    window.addEventListener('pagehide', save);
    document.addEventListener('visibilitychange', onVisibility);
    return () => {
      window.removeEventListener('pagehide', save);
      document.removeEventListener('visibilitychange', onVisibility);
    };
  }, [sessions]);

  return null;
}
