/**
 * Lets any screen open the "new workspace" dialog that the app shell owns.
 */
import { createContext, useContext } from 'react';

/** Opens the dialog that creates a workspace. */
export const OpenCreateWorkspaceContext = createContext<(() => void) | null>(null);

/** A function that opens the "new workspace" dialog. */
export function useOpenCreateWorkspace(): () => void {
  const open = useContext(OpenCreateWorkspaceContext);
  if (!open) throw new Error('useOpenCreateWorkspace() needs the app shell above it.');
  return open;
}
