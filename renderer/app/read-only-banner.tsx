/**
 * Says, above every screen, when the open workspace cannot be edited and why (for example
 * it was saved by a newer version of Latitude).
 */
import { Alert } from '@mantine/core';
import { Lock } from 'lucide-react';
import { useSession } from '../workspaces/session-store';

/** The banner, or nothing while the workspace is editable. */
export function ReadOnlyBanner() {
  const reason = useSession((state) => state.session?.readOnly ?? null);
  if (reason === null) return null;
  return (
    <Alert color="yellow" icon={<Lock size={18} aria-hidden />} title="Read-only" mb="lg" role="status">
      {reason}
    </Alert>
  );
}
