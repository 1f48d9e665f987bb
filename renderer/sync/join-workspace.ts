/**
 * Joining a team workspace from an invite (issue 8 item 1): adds the workspace to this
 * device with a document that holds only its id (see ./joined-document), stores the
 * invite's secret, signalling servers and relay, and opens it; the sync manager then connects and
 * the content arrives. Joining a workspace already on this device (after a re-key, say)
 * takes the new secret and servers and opens it.
 */
import { MAX_INVITE_SIGNALLING_URLS, type Invite } from '@shared/invite';
import type { WorkspaceMeta } from '@shared/workspace/workspace-meta';
import { joinedDocumentState } from './joined-document';
import type { SyncStorage } from './sync-storage';

/** What joining needs. */
export interface JoinDeps {
  workspaces: readonly WorkspaceMeta[];
  /** Adds a workspace with its document and opens it (the workspace store's `adopt`). */
  adopt: (workspace: WorkspaceMeta, documentState: Uint8Array) => Promise<void>;
  /** Opens an existing workspace (the workspace store's `select`). */
  select: (id: string) => Promise<void>;
  storage: SyncStorage;
  now: () => number;
}

/** The name a joined workspace gets when the invite does not say. */
export const JOINED_WORKSPACE_NAME = 'Joined workspace';

/** The invite's servers first, then those already configured, without duplicates. */
export function mergeSignallingUrls(fromInvite: readonly string[], configured: readonly string[]): string[] {
  return [...new Set([...fromInvite, ...configured])].slice(0, MAX_INVITE_SIGNALLING_URLS);
}

/** Joins; resolves with the workspace, or throws with a message for a person. */
export async function joinWorkspace(invite: Invite, deps: JoinDeps): Promise<WorkspaceMeta> {
  const existing = deps.workspaces.find((workspace) => workspace.id === invite.workspaceId);
  if (existing && existing.kind !== 'team') {
    throw new Error(`“${existing.name}” on this device is a personal workspace: it cannot be joined.`);
  }
  if (existing && existing.deletedAt !== null) {
    throw new Error(`“${existing.name}” is in the trash on this device. Restore it, then join again.`);
  }
  if (invite.signallingUrls.length > 0) {
    await deps.storage.writeSignallingUrls(
      mergeSignallingUrls(invite.signallingUrls, await deps.storage.readSignallingUrls()),
    );
  }
  if (existing) {
    await deps.storage.setInviteSecret(existing.id, invite.secret);
    if (invite.relayUrl !== null) await deps.storage.setRelayUrl(existing.id, invite.relayUrl);
    await deps.select(existing.id);
    return existing;
  }
  const time = deps.now();
  const workspace: WorkspaceMeta = {
    id: invite.workspaceId,
    name: invite.workspaceName ?? JOINED_WORKSPACE_NAME,
    kind: 'team',
    createdAt: time,
    updatedAt: time,
    deletedAt: null,
  };
  await deps.adopt(workspace, joinedDocumentState(workspace.id));
  // After adding: the registry gives every new team workspace a secret of its own.
  await deps.storage.setInviteSecret(workspace.id, invite.secret);
  if (invite.relayUrl !== null) await deps.storage.setRelayUrl(workspace.id, invite.relayUrl);
  return workspace;
}
