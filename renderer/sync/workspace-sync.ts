/**
 * Peer-to-peer sync of one open team workspace (issue 8 item 3): a y-webrtc provider in the
 * workspace's room, with the invite secret as room password, the configured signalling
 * servers only (never y-webrtc's public defaults), no STUN unless configured, Latitude's
 * chunked sync in every connection (./peer-sync.ts), presence through Yjs awareness, and a
 * snapshot of its state for the status indicator and the sync panel. When the workspace names
 * a Yjs relay (./relay-sync.ts), the same document syncs through it too.
 *
 * Stopping disconnects the provider before destroying it: y-webrtc's `destroy` alone leaves
 * the signalling socket reconnecting forever. The provider must be stopped before the
 * document is destroyed; in case it is not, this module listens for the document's
 * `destroy` before y-webrtc does and stops first.
 *
 * No React and no DOM here: the integration tests run it in Node with real WebRTC.
 */
import type * as Y from 'yjs';
import { WebrtcProvider } from 'y-webrtc';
import { z } from 'zod';
import { syncRoomName } from '@shared/invite';
import { attachChunkedSync, isPeerOrigin, type PeerSyncEvent } from './peer-sync';
import { startRelaySync, type RelayState } from './relay-sync';

/** What a person shows of themselves to the others in the workspace. */
export interface PresenceState {
  /** Settings → "Your name", or a fallback. */
  name: string;
  /** A CSS colour, the same on every screen for one person (`presenceColour`). */
  colour: string;
  /** The screen they are on (the route, e.g. `/decisions`). */
  screen: string;
  /**
   * What they are writing in now (`typingKey`, e.g. a review topic's note field), or null.
   * Never set while they write anonymously.
   */
  typing?: string | null;
}

/** Someone in the workspace now, as awareness says. */
export interface PeerPresence extends PresenceState {
  typing: string | null;
  clientId: number;
  /** This window. */
  local: boolean;
}

/** One WebRTC connection to a peer. */
export interface PeerState {
  /** y-webrtc's id of the peer in the room (random per session). */
  peerId: string;
  status: 'connecting' | 'syncing' | 'synced';
  /** A large first sync under way. */
  progress: { receivedBytes: number; totalBytes: number } | null;
  /** False when the peer runs plain y-webrtc (large changes cannot reach it). */
  speaksLatitude: boolean;
  lastError: string | null;
}

/** One signalling server. */
export interface SignallingState {
  url: string;
  status: 'connected' | 'connecting' | 'disconnected';
}

/** A problem worth showing, newest last. */
export interface SyncProblem {
  at: number;
  message: string;
}

/** Everything the UI shows about sync. */
export interface SyncSnapshot {
  /** `offline`: not syncing; `connecting`: no signalling server reached yet; `connected`: reachable. */
  state: 'offline' | 'connecting' | 'connected';
  /** Why sync is off, for a person (null while running). */
  offlineReason: string | null;
  peers: PeerState[];
  /** Peers with an open data channel. */
  connectedPeers: number;
  signalling: SignallingState[];
  /** The workspace's always-on relay, when it names one. */
  relay: RelayState | null;
  /** When a peer's content last arrived or a sync with a peer completed. */
  lastSyncedAt: number | null;
  problems: SyncProblem[];
  presence: PeerPresence[];
}

/** The snapshot of a workspace that does not sync, with the reason. */
export function offlineSnapshot(reason: string): SyncSnapshot {
  return {
    state: 'offline',
    offlineReason: reason,
    peers: [],
    connectedPeers: 0,
    signalling: [],
    relay: null,
    lastSyncedAt: null,
    problems: [],
    presence: [],
  };
}

/** An ICE server a person configured (STUN); none by default. */
export interface IceServer {
  urls: string | string[];
}

/** Options of `startWorkspaceSync`. */
export interface WorkspaceSyncOptions {
  doc: Y.Doc;
  workspaceId: string;
  /** The invite secret: the room password. */
  secret: string;
  /** At least one `ws://` / `wss://` URL. */
  signallingUrls: readonly string[];
  /** Default none: peers on the same network need no STUN. */
  iceServers?: readonly IceServer[];
  /** A WebRTC implementation for Node (`@roamhq/wrtc`); browsers have their own. */
  wrtc?: unknown;
  /** A Yjs relay (`y-websocket` server) to sync through as well; see ./relay-sync.ts. */
  relayUrl?: string | null;
  presence: PresenceState;
  now?: () => number;
  /** Told on every change of the snapshot. */
  onChange?: (snapshot: SyncSnapshot) => void;
  /** Told after content from a peer was applied. */
  onRemoteChange?: () => void;
  /** Overrides of the chunked sync's timeouts (tests). */
  syncOptions?: { responseTimeoutMs?: number; sendTimeoutMs?: number };
}

/** A running sync. */
export interface WorkspaceSync {
  snapshot(): SyncSnapshot;
  /** Changes what this window shows of itself. */
  setPresence(presence: Partial<PresenceState>): void;
  /** Disconnects and destroys the provider; resolves once y-webrtc has let go of the room. */
  stop(): Promise<void>;
}

/** Starts a workspace's sync; see `WorkspaceSync`. */
export type StartWorkspaceSync = (options: WorkspaceSyncOptions) => WorkspaceSync;

const MAX_PROBLEMS = 5;

const presenceSchema = z.object({
  name: z.string().max(200),
  colour: z.string().regex(/^#[0-9a-f]{6}$/i),
  screen: z.string().max(200),
  // Older peers say nothing of it.
  typing: z.string().max(200).nullable().default(null),
});

const PALETTE = ['#e03131', '#2f9e44', '#1971c2', '#f08c00', '#9c36b5', '#0c8599', '#c2255c', '#5c940d'];

/** A colour for a person, the same every time for the same id. */
export function presenceColour(id: string): string {
  let hash = 0;
  for (let index = 0; index < id.length; index += 1) hash = (hash * 31 + id.charCodeAt(index)) >>> 0;
  return PALETTE[hash % PALETTE.length] ?? '#1971c2';
}

/** The part of lib0's WebsocketClient read here. */
interface SignallingConnLike {
  url: string;
  connected: boolean;
  connecting: boolean;
  on(event: 'connect' | 'disconnect', listener: () => void): void;
  off(event: 'connect' | 'disconnect', listener: () => void): void;
}

/** Starts syncing `doc` with the workspace's room. */
export const startWorkspaceSync: StartWorkspaceSync = (options) => {
  const now = options.now ?? (() => Date.now());
  const { doc } = options;
  const peers = new Map<string, PeerState>();
  const problems: SyncProblem[] = [];
  let lastSyncedAt: number | null = null;
  let stopped: Promise<void> | null = null;
  let lastSignalling = '';

  const notify = () => options.onChange?.(snapshot());
  const report = (message: string) => {
    problems.push({ at: now(), message });
    if (problems.length > MAX_PROBLEMS) problems.shift();
  };

  // Registered before y-webrtc registers its own, so the provider is disconnected first.
  const onDocDestroy = () => void stop();
  doc.on('destroy', onDocDestroy);

  const provider = new WebrtcProvider(syncRoomName(options.workspaceId), doc, {
    signaling: [...options.signallingUrls],
    password: options.secret,
    peerOpts: {
      config: { iceServers: (options.iceServers ?? []).map((server) => ({ urls: server.urls })) },
      ...(options.wrtc === undefined ? {} : { wrtc: options.wrtc }),
    },
  });
  const awareness = provider.awareness;
  awareness.setLocalState({ ...options.presence });

  const signallingConns = provider.signalingConns as SignallingConnLike[];
  for (const conn of signallingConns) {
    conn.on('connect', notify);
    conn.on('disconnect', notify);
  }

  const onPeerEvent = (event: PeerSyncEvent) => {
    const peer = peers.get(event.peerId);
    switch (event.kind) {
      case 'added':
        peers.set(event.peerId, {
          peerId: event.peerId,
          status: 'connecting',
          progress: null,
          speaksLatitude: true,
          lastError: null,
        });
        break;
      case 'connected':
        if (peer) peers.set(event.peerId, { ...peer, status: 'syncing', progress: null });
        break;
      case 'closed':
        peers.delete(event.peerId);
        break;
      case 'connect-timeout':
        // Destroyed to be made again (see peer-sync); its 'closed' follows.
        break;
      case 'sync': {
        if (!peer) break;
        const sync = event.event;
        if (sync.kind === 'progress') {
          peers.set(event.peerId, {
            ...peer,
            progress: { receivedBytes: sync.receivedBytes, totalBytes: sync.totalBytes },
          });
        } else if (sync.kind === 'synced') {
          lastSyncedAt = now();
          peers.set(event.peerId, { ...peer, status: 'synced', progress: null, lastError: null });
        } else {
          report(sync.message);
          peers.set(event.peerId, {
            ...peer,
            lastError: sync.message,
            speaksLatitude: peer.speaksLatitude && sync.reason !== 'peer-not-latitude',
          });
        }
        break;
      }
    }
    notify();
  };

  const attached = attachChunkedSync(provider, {
    doc,
    now,
    onEvent: onPeerEvent,
    ...(options.syncOptions ? { syncOptions: options.syncOptions } : {}),
  });

  const relay =
    options.relayUrl === undefined || options.relayUrl === null
      ? null
      : startRelaySync({
          doc,
          workspaceId: options.workspaceId,
          secret: options.secret,
          url: options.relayUrl,
          presence: { ...options.presence },
          onChange: () => {
            if (relay?.state().synced) lastSyncedAt = now();
            notify();
          },
        });

  const onUpdate = (_update: Uint8Array, origin: unknown) => {
    if (!isPeerOrigin(origin) && !relay?.isRelayOrigin(origin)) return;
    lastSyncedAt = now();
    options.onRemoteChange?.();
    notify();
  };
  doc.on('update', onUpdate);
  const onAwarenessChange = () => notify();
  awareness.on('change', onAwarenessChange);
  // lib0's socket goes from "connecting" to "disconnected" without an event: look now and then.
  const watch = setInterval(() => {
    const current = JSON.stringify(signallingStates());
    if (current !== lastSignalling) notify();
  }, 1_000);

  function signallingStates(): SignallingState[] {
    return options.signallingUrls.map((url) => {
      const conn = signallingConns.find((candidate) => candidate.url === url);
      const status = conn?.connected ? 'connected' : conn?.connecting ? 'connecting' : 'disconnected';
      return { url, status };
    });
  }

  /** Everyone present peer to peer or through the relay, once each. */
  function presence(): PeerPresence[] {
    const byClient = new Map<number, PeerPresence>();
    for (const source of relay ? [relay.awareness, awareness] : [awareness]) {
      source.getStates().forEach((state, clientId) => {
        const parsed = presenceSchema.safeParse(state);
        if (parsed.success)
          byClient.set(clientId, { ...parsed.data, clientId, local: clientId === awareness.clientID });
      });
    }
    return [...byClient.values()].sort((a, b) => (a.local === b.local ? a.clientId - b.clientId : a.local ? -1 : 1));
  }

  function snapshot(): SyncSnapshot {
    if (stopped) return offlineSnapshot('Sync stopped.');
    const signalling = signallingStates();
    lastSignalling = JSON.stringify(signalling);
    const peerList = [...peers.values()];
    const connectedPeers = peerList.filter((peer) => peer.status !== 'connecting').length;
    const relayState = relay?.state() ?? null;
    const reachable =
      connectedPeers > 0 ||
      signalling.some((server) => server.status === 'connected') ||
      relayState?.status === 'connected';
    return {
      state: reachable ? 'connected' : 'connecting',
      offlineReason: null,
      peers: peerList,
      connectedPeers,
      signalling,
      relay: relayState,
      lastSyncedAt,
      problems: [...problems],
      presence: presence(),
    };
  }

  function stop(): Promise<void> {
    if (stopped) return stopped;
    clearInterval(watch);
    relay?.stop();
    attached.detach();
    doc.off('destroy', onDocDestroy);
    doc.off('update', onUpdate);
    awareness.off('change', onAwarenessChange);
    for (const conn of signallingConns) {
      conn.off('connect', notify);
      conn.off('disconnect', notify);
    }
    // disconnect() closes the signalling sockets no other provider uses; destroy() alone does not.
    provider.disconnect();
    provider.destroy();
    // y-webrtc lets go of the room once its key is derived; only then may the room open again.
    stopped = Promise.resolve(provider.key).then(
      () => awareness.destroy(),
      () => awareness.destroy(),
    );
    return stopped;
  }

  return {
    snapshot,
    setPresence(change) {
      if (stopped) return;
      const current = presenceSchema.safeParse(awareness.getLocalState());
      const next = { ...(current.success ? current.data : options.presence), ...change };
      awareness.setLocalState(next);
      relay?.awareness.setLocalState({ ...next });
    },
    stop,
  };
};
