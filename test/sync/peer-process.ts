/**
 * One Latitude peer in its own Node process, driven by the sync tests over the IPC channel
 * of `child_process.fork`. Each peer has its own copy of y-webrtc (whose rooms and
 * signalling sockets are global to a process) and no BroadcastChannel shared with the
 * other peer, so whatever reaches the other peer went through signalling and WebRTC.
 *
 * It runs the renderer's own sync (`startWorkspaceSync`) on a workspace document edited
 * through the renderer's repository, with `@roamhq/wrtc` as WebRTC and `ws` as WebSocket.
 */
import wrtc from '@roamhq/wrtc';
import { WebSocket } from 'ws';
import * as Y from 'yjs';
import { createWorkspaceRepository, type WorkspaceRepository } from '../../renderer/data/repository';
import { getKindMap, initialiseDocument } from '../../renderer/data/workspace-document';
import { isAwaitingFirstSync, joinedDocumentState } from '../../renderer/sync/joined-document';
import { startWorkspaceSync, type WorkspaceSync } from '../../renderer/sync/workspace-sync';
import type { PeerCommand, PeerReply, PeerState } from './peer-protocol';

// Node 20 has no global WebSocket; lib0 (y-webrtc's signalling client) looks for one.
Object.assign(globalThis, { WebSocket });

let doc: Y.Doc | null = null;
let repository: WorkspaceRepository | null = null;
let sync: WorkspaceSync | null = null;
let progressEvents = 0;
let syncedEvents = 0;
let nextId = 0;
let time = Date.UTC(2026, 2, 1);

const words = 'team budget hiring vendor roadmap pricing onboarding support release process tooling'.split(' ');

/** Decisions with long texts until the document's state is over `bytes`. */
function buildLarge(repo: WorkspaceRepository, target: Y.Doc, bytes: number): void {
  let index = 0;
  while (Y.encodeStateAsUpdate(target).byteLength < bytes) {
    repo.transact(() => {
      for (let i = 0; i < 100; i += 1, index += 1) {
        const text = Array.from({ length: 1_300 }, (_, w) => words[(index + w * 7) % words.length]).join(' ');
        repo.create('decisions', {
          title: `Decision ${index}`,
          domainId: null,
          status: 'draft',
          context: text.slice(0, 9_000),
        });
      }
    });
  }
}

function state(): PeerState {
  if (!doc || !sync) throw new Error('The peer has not started.');
  const snapshot = sync.snapshot();
  const domains: string[] = [];
  getKindMap(doc, 'domains').forEach((value) => {
    if (value instanceof Y.Map && typeof value.get('name') === 'string') domains.push(value.get('name') as string);
  });
  return {
    domains: domains.sort(),
    decisions: getKindMap(doc, 'decisions').size,
    stateBytes: Y.encodeStateAsUpdate(doc).byteLength,
    awaitingFirstSync: isAwaitingFirstSync(doc),
    connectedPeers: snapshot.connectedPeers,
    peerStatuses: snapshot.peers.map((peer) => peer.status),
    signalling: snapshot.signalling.map((server) => server.status),
    presenceNames: snapshot.presence.map((person) => person.name).sort(),
    progressEvents,
    syncedEvents,
    problems: snapshot.problems.map((problem) => problem.message),
  };
}

async function handle(command: PeerCommand): Promise<unknown> {
  switch (command.type) {
    case 'start': {
      doc = new Y.Doc();
      const userId = `user-${command.name}`;
      repository = createWorkspaceRepository(doc, {
        userId,
        now: () => (time += 1_000),
        newId: () => `${command.name}-${++nextId}`,
      });
      if (command.content === 'joined') {
        Y.applyUpdate(doc, joinedDocumentState(command.workspaceId));
      } else {
        initialiseDocument(doc, command.workspaceId);
        if (command.content === 'large') buildLarge(repository, doc, command.largeBytes ?? 5 * 1024 * 1024);
      }
      sync = startWorkspaceSync({
        doc,
        workspaceId: command.workspaceId,
        secret: command.secret,
        signallingUrls: command.signallingUrls,
        wrtc,
        presence: { name: command.name, colour: '#1971c2', screen: '/dashboard' },
        onChange: (snapshot) => {
          if (snapshot.peers.some((peer) => peer.progress !== null)) progressEvents += 1;
        },
      });
      // Count completed first syncs from the peers' statuses.
      const counter = setInterval(() => {
        if (!sync) return clearInterval(counter);
        syncedEvents = Math.max(syncedEvents, sync.snapshot().peers.filter((peer) => peer.status === 'synced').length);
      }, 50);
      return state();
    }
    case 'create-domain':
      if (!repository) throw new Error('The peer has not started.');
      repository.create('domains', { name: command.domainName, level: 'team', parentId: null, purpose: 'Test' });
      return state();
    case 'state':
      return state();
    case 'stop':
      await sync?.stop();
      doc?.destroy();
      sync = null;
      return null;
  }
}

process.on('message', (message: { id: number; command: PeerCommand }) => {
  handle(message.command).then(
    (result) => process.send?.({ id: message.id, ok: true, result } satisfies PeerReply),
    (error: unknown) =>
      process.send?.({
        id: message.id,
        ok: false,
        error: error instanceof Error ? (error.stack ?? error.message) : String(error),
      } satisfies PeerReply),
  );
});
process.on('disconnect', () => process.exit(0));
process.send?.({ id: 0, ok: true, result: 'ready' } satisfies PeerReply);
