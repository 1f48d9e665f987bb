/**
 * The empty state every workspace screen shows while no workspace exists yet.
 */
import { Button } from '@mantine/core';
import { FolderPlus } from 'lucide-react';
import { EmptyState } from '../components/empty-state';
import { useOpenCreateWorkspace } from '../workspaces/workspace-actions';

/** Tells a new user to create a workspace first, with the button that does it. */
export function NoWorkspace() {
  const openCreate = useOpenCreateWorkspace();
  return (
    <EmptyState
      icon={FolderPlus}
      title="Create your first workspace"
      action={
        <Button leftSection={<FolderPlus size={16} aria-hidden />} onClick={openCreate}>
          Create a workspace
        </Button>
      }
    >
      A workspace holds your domains, decisions and reviews. Make a personal one to track your own decisions, or a team
      one to share with colleagues' laptops in a workshop.
    </EmptyState>
  );
}
