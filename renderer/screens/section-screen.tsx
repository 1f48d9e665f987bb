/**
 * A workspace section that is still empty: its purpose in the framework's words and
 * what to do first. Shows the "create a workspace" step while there is no workspace.
 */
import { Anchor } from '@mantine/core';
import type { LucideIcon } from 'lucide-react';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { EmptyState } from '../components/empty-state';
import { Screen } from '../components/screen';
import { selectActiveWorkspace, useWorkspaces } from '../workspaces/workspace-store';
import { NoWorkspace } from './no-workspace';

export interface SectionScreenProps {
  title: string;
  description: string;
  icon: LucideIcon;
  emptyTitle: string;
  emptyText: ReactNode;
  /** Anchor of the help topic that explains this section. */
  helpTopic: string;
}

/** A section screen with its empty states. */
export function SectionScreen({ title, description, icon, emptyTitle, emptyText, helpTopic }: SectionScreenProps) {
  const active = useWorkspaces(selectActiveWorkspace);
  return (
    <Screen title={title} description={description}>
      {active ? (
        <EmptyState
          icon={icon}
          title={emptyTitle}
          action={
            <Anchor component={Link} to={`/help#${helpTopic}`}>
              How {title.toLowerCase()} work in the framework
            </Anchor>
          }
        >
          {emptyText}
        </EmptyState>
      ) : (
        <NoWorkspace />
      )}
    </Screen>
  );
}
