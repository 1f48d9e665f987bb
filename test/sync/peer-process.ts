/**
 * One Latitude peer in its own Node process, driven by the sync tests over the IPC channel
 * of `child_process.fork`. Each peer has its own copy of y-webrtc (whose rooms and
 * signalling sockets are global to a process) and no BroadcastChannel shared with the
 * other peer, so whatever reaches the other peer went through signalling and WebRTC.
 *
 * It runs the renderer's own sync (`startWorkspaceSync`) on a workspace document edited
 * through the renderer's repository, with `@roamhq/wrtc` as WebRTC and `ws` as WebSocket.
 *
 * For the sync benchmark it also times things on a clock comparable between processes
 * (`performance.timeOrigin + performance.now()`): when an edit was made and when a watched
 * value arrived, and counts every message it sends on its data channels (wrtc's
 * `RTCDataChannel.prototype.send` is wrapped: the bytes handed to the channel, Latitude's
 * frame headers included, DTLS/SCTP overhead not).
 */
import { createHash } from 'node:crypto';
import wrtc from '@roamhq/wrtc';
import { WebSocket } from 'ws';
import * as Y from 'yjs';
import { parseYWebrtcMessage } from '@shared/sync';
import { createWorkspaceRepository, type WorkspaceRepository } from '../../renderer/data/repository';
import { documentToPlain, getKindMap, initialiseDocument } from '../../renderer/data/workspace-document';
import { isAwaitingFirstSync, joinedDocumentState } from '../../renderer/sync/joined-document';
import { startWorkspaceSync, type WorkspaceSync } from '../../renderer/sync/workspace-sync';
import { addRealisticDecisions } from '../support/realistic-workspace';
import type { PeerCommand, PeerReply, PeerState, PeerTime, PeerTraffic, PeerWatch } from './peer-protocol';

// Node 20 has no global WebSocket; lib0 (y-webrtc's signalling client) looks for one.
Object.assign(globalThis, { WebSocket });

const clock = (): PeerTime => performance.timeOrigin + performance.now();

// Every message sent on any data channel of this process, by kind.
const traffic: PeerTraffic = { bytes: 0, messages: 0, byType: {} };
const channelPrototype = wrtc.RTCDataChannel.prototype as unknown as { send: (this: unknown, data: unknown) => void };
const channelSend = channelPrototype.send;
channelPrototype.send = function countedSend(this: unknown, data: unknown) {
  const bytes =
    data instanceof Uint8Array ? data : data instanceof ArrayBuffer ? new Uint8Array(data) : new Uint8Array(0);
  const type = typeof data === 'string' ? 'string' : parseYWebrtcMessage(bytes).type;
  const size = typeof data === 'string' ? Buffer.byteLength(data) : bytes.byteLength;
  traffic.bytes += size;
  traffic.messages += 1;
  const entry = (traffic.byType[type] ??= { bytes: 0, messages: 0 });
  entry.bytes += size;
  entry.messages += 1;
  channelSend.call(this, data);
};

let doc: Y.Doc | null = null;
let repository: WorkspaceRepository | null = null;
let sync: WorkspaceSync | null = null;
let progressEvents = 0;
let syncedEvents = 0;
let nextId = 0;
let time = Date.UTC(2026, 2, 1);
let startedAt: PeerTime = 0;
const timeline: PeerState['timeline'] = {
  connectedAt: null,
  firstProgressAt: null,
  applyingAt: null,
  syncedAt: null,
};

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

/** The origin of what peer-sync's chunked sync applies (`SyncOrigin`). */
function isSyncOrigin(origin: unknown): boolean {
  return typeof origin === 'object' && origin !== null && (origin as { source?: unknown }).source === 'sync';
}

interface Watched {
  watch: PeerWatch;
  /** When it first held, once it has. */
  at: PeerTime | null;
  waiters: ((at: PeerTime) => void)[];
}

const watches = new Map<string, Watched>();

function holds(watch: PeerWatch): boolean {
  if (!doc) return false;
  const decisions = getKindMap(doc, 'decisions');
  if (watch.type === 'decisions') return decisions.size >= watch.count;
  const decision = decisions.get(watch.decisionId);
  return decision instanceof Y.Map && decision.get('title') === watch.title;
}

/** Records the watches that hold now; run after every change of the document. */
function checkWatches(): void {
  const now = clock();
  for (const watched of watches.values()) {
    if (watched.at !== null || !holds(watched.watch)) continue;
    watched.at = now;
    for (const waiter of watched.waiters.splice(0)) waiter(now);
  }
}

/** What the document holds of a watch, for a timeout's message. */
function describeWatched(watch: PeerWatch): string {
  if (!doc) return 'not started';
  const decisions = getKindMap(doc, 'decisions');
  const pending =
    doc.store.pendingStructs === null ? 'none' : `missing ${JSON.stringify([...doc.store.pendingStructs.missing])}`;
  if (watch.type === 'decisions') return `${decisions.size} decisions, pending updates: ${pending}`;
  const decision = decisions.get(watch.decisionId);
  const title = decision instanceof Y.Map ? JSON.stringify(decision.get('title')) : 'no such decision';
  return `title ${title}, pending updates: ${pending}`;
}

function arrival(key: string, timeoutMs: number): Promise<PeerTime> {
  const watched = watches.get(key);
  if (!watched) return Promise.reject(new Error(`Nothing is watched as ${key}.`));
  if (watched.at !== null) {
    watches.delete(key);
    return Promise.resolve(watched.at);
  }
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      watches.delete(key);
      const seen = describeWatched(watched.watch);
      reject(new Error(`${JSON.stringify(watched.watch)} did not hold within ${timeoutMs} ms (${seen}).`));
    }, timeoutMs);
    watched.waiters.push((at) => {
      watches.delete(key);
      clearTimeout(timer);
      resolve(at);
    });
  });
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
    startedAt,
    timeline: { ...timeline },
  };
}

async function handle(command: PeerCommand): Promise<unknown> {
  switch (command.type) {
    case 'start': {
      startedAt = clock();
      doc = new Y.Doc();
      doc.on('update', checkWatches);
      doc.on('beforeTransaction', (transaction: Y.Transaction) => {
        if (isSyncOrigin(transaction.origin)) timeline.applyingAt ??= clock();
      });
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
        if (command.content === 'realistic') addRealisticDecisions(repository, command.decisions ?? 100, () => time);
      }
      sync = startWorkspaceSync({
        doc,
        workspaceId: command.workspaceId,
        secret: command.secret,
        signallingUrls: command.signallingUrls,
        wrtc,
        presence: { name: command.name, colour: '#1971c2', screen: '/dashboard' },
        onChange: (snapshot) => {
          const now = clock();
          if (snapshot.peers.some((peer) => peer.progress !== null)) {
            progressEvents += 1;
            timeline.firstProgressAt ??= now;
          }
          if (snapshot.connectedPeers > 0) timeline.connectedAt ??= now;
          if (snapshot.peers.some((peer) => peer.status === 'synced')) timeline.syncedAt ??= now;
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
    case 'decision-ids': {
      if (!doc) throw new Error('The peer has not started.');
      return [...getKindMap(doc, 'decisions').keys()].sort().slice(0, command.limit);
    }
    case 'set-title': {
      if (!repository) throw new Error('The peer has not started.');
      const at = clock();
      repository.update('decisions', command.decisionId, { title: command.title });
      return at;
    }
    case 'watch':
      watches.set(command.key, { watch: command.watch, at: null, waiters: [] });
      checkWatches();
      return null;
    case 'arrival':
      return arrival(command.key, command.timeoutMs);
    case 'traffic':
      return traffic;
    case 'digest':
      if (!doc) throw new Error('The peer has not started.');
      return createHash('sha256')
        .update(JSON.stringify(documentToPlain(doc)))
        .digest('hex');
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
