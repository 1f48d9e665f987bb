import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import type { WorkspaceMeta } from '@shared/workspace/workspace-meta';
import { createMemorySnapshotStore } from '../data/persistence/snapshots';
import { createMemoryUpdateLog } from '../data/persistence/update-log';
import { CURRENT_SCHEMA_VERSION, getMetaMap, initialiseDocument } from '../data/workspace-document';
import { createWorkspaceRepository } from '../data/repository';
import { openWorkspaceSession, type SessionDeps } from '../workspaces/workspace-session';
import { AWAITING_FIRST_SYNC, isAwaitingFirstSync, joinedDocumentState } from './joined-document';
import { mergeSignallingUrls } from './join-workspace';
import { presenceColour } from './workspace-sync';
import { isPeerOrigin } from './peer-sync';

const team: WorkspaceMeta = { id: 'w1', name: 'Team', kind: 'team', createdAt: 1, updatedAt: 1, deletedAt: null };

function deps(): SessionDeps {
  let id = 0;
  return {
    log: createMemoryUpdateLog(),
    snapshots: createMemorySnapshotStore(),
    userId: 'me',
    now: () => 1_700_000_000_000,
    newId: () => `id-${++id}`,
    onSaveError: (error) => {
      throw error;
    },
  };
}

describe('a workspace joined from an invite', () => {
  it('opens read-only and unstamped until its content arrives, then opens for editing at the peer’s version', async () => {
    const sessionDeps = deps();
    await sessionDeps.log.append(team.id, [joinedDocumentState(team.id)]);

    const waiting = await openWorkspaceSession(team, sessionDeps);
    expect(waiting.readOnly).toBe(AWAITING_FIRST_SYNC);
    expect(getMetaMap(waiting.doc).has('schemaVersion')).toBe(false);
    expect(() =>
      waiting.repository.create('domains', { name: 'Too soon', level: 'team', parentId: null, purpose: '' }),
    ).toThrow(/read-only/);

    // The owner's workspace arrives through sync.
    const owner = new Y.Doc();
    initialiseDocument(owner, team.id);
    createWorkspaceRepository(owner, { userId: 'owner', now: () => 1, newId: () => 'd1' }).create('domains', {
      name: 'Onboarding',
      level: 'team',
      parentId: null,
      purpose: 'Welcome people',
    });
    Y.applyUpdate(waiting.doc, Y.encodeStateAsUpdate(owner), { source: 'sync', peerId: 'p1' });
    expect(isAwaitingFirstSync(waiting.doc)).toBe(false);
    await waiting.close();

    const open = await openWorkspaceSession(team, sessionDeps);
    expect(open.readOnly).toBeNull();
    expect(getMetaMap(open.doc).get('schemaVersion')).toBe(CURRENT_SCHEMA_VERSION);
    expect(open.documentStore.getState()).toBeDefined();
    open.repository.create('domains', { name: 'Mine', level: 'team', parentId: null, purpose: '' });
    await open.close();
  });

  it('is told apart from a workspace made here and from an emptied copy', () => {
    const made = new Y.Doc();
    initialiseDocument(made, 'w1');
    expect(isAwaitingFirstSync(made)).toBe(false);
    expect(isAwaitingFirstSync(new Y.Doc())).toBe(false);
    const joined = new Y.Doc();
    Y.applyUpdate(joined, joinedDocumentState('w1'));
    expect(isAwaitingFirstSync(joined)).toBe(true);
  });

  it('runs close listeners (the sync stopping) before the document goes', async () => {
    const session = await openWorkspaceSession(team, deps());
    const order: string[] = [];
    session.doc.on('destroy', () => order.push('destroyed'));
    session.onClose(() => {
      order.push('listener');
    });
    await session.close();
    expect(order).toEqual(['listener', 'destroyed']);
  });
});

describe('sync helpers', () => {
  it('puts an invite’s servers first, once each, at most 8', () => {
    expect(mergeSignallingUrls(['ws://a', 'ws://b'], ['ws://b', 'ws://c'])).toEqual(['ws://a', 'ws://b', 'ws://c']);
    const many = Array.from({ length: 10 }, (_, i) => `ws://h${i}`);
    expect(mergeSignallingUrls(many, [])).toHaveLength(8);
  });

  it('gives a person the same colour every time', () => {
    expect(presenceColour('user-1')).toBe(presenceColour('user-1'));
    expect(presenceColour('user-1')).toMatch(/^#[0-9a-f]{6}$/);
  });

  it('recognises the origins of changes from peers', () => {
    expect(isPeerOrigin({ source: 'sync', peerId: 'x' })).toBe(true);
    expect(isPeerOrigin({ source: 'local' })).toBe(false);
    expect(isPeerOrigin(null)).toBe(false);
  });
});
