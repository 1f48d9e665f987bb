/**
 * Shows a workspace screen's content only once a workspace is open (or shows its cached
 * first snapshot while opening, see session-store): the "create your first
 * workspace" step when there is none, a loader while it opens, and the reason when it
 * could not be opened.
 */
import { Alert, Loader, Group, Text } from '@mantine/core';
import { TriangleAlert } from 'lucide-react';
import type { ReactNode } from 'react';
import { NoWorkspace } from '../screens/no-workspace';
import { useSession } from '../workspaces/session-store';
import { selectActiveWorkspace, useWorkspaces } from '../workspaces/workspace-store';

/** Renders `children` while the chosen workspace is open. */
export function WorkspaceGate({ children }: { children: ReactNode }) {
  const active = useWorkspaces(selectActiveWorkspace);
  const status = useSession((state) => state.status);
  const error = useSession((state) => state.error);
  const openId = useSession((state) => state.session?.workspace.id ?? state.preview?.workspaceId);
  if (!active) return <NoWorkspace />;
  if (status === 'failed') {
    return (
      <Alert color="red" icon={<TriangleAlert size={18} aria-hidden />} title="The workspace could not be opened">
        {error}
      </Alert>
    );
  }
  // Open, or opening with its first snapshot shown (read-only) meanwhile.
  if (status === 'closed' || openId !== active.id) {
    return (
      <Group gap="sm" role="status">
        <Loader size="sm" aria-hidden />
        <Text>Opening {active.name}…</Text>
      </Group>
    );
  }
  return <>{children}</>;
}
