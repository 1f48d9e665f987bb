/**
 * Puts shared/sync's chunked sync inside every WebRTC connection of a y-webrtc provider, so
 * a workspace of any size completes its first sync and large edits arrive (y-webrtc alone
 * sends the whole missing state in one data-channel message, which Chromium refuses over
 * 256 KiB, and ignores the error). y-webrtc keeps doing everything else: signalling,
 * encryption of signalling with the room password, small updates, awareness.
 *
 * For each `WebrtcConn` (found through `provider.room.webrtcConns` when the provider
 * reports a peer added):
 * 1. a chunked sync whose raw send is simple-peer's own `send`, with backpressure: while
 *    the data channel holds more than `HIGH_WATER_BYTES` unsent, the send waits for it to
 *    drain (`bufferedamountlow`, or seen by polling; the sync's send timeout covers a
 *    channel that never drains);
 * 2. `peer.send` is replaced so every message y-webrtc sends goes through the sync's queue
 *    (retried and reported; a large update goes as frames);
 * 3. incoming data is taken over: y-webrtc's 'data' listener is removed and called only for
 *    messages the sync does not consume, and not for a sync step 1 already answered by the
 *    sync's own exchange;
 * 4. `connect` (before y-webrtc's own handler, so our sync request goes first on the ordered
 *    channel), or the first data if it comes earlier, and `close` drive the sync;
 * 5. when the sync has the peer's state, y-webrtc is fed an empty sync step 2 so it marks
 *    the connection synced (its `synced` event then fires as usual);
 * 6. `tick` runs every `TICK_MS`; a connection whose sync reports send-failed, sync-timeout
 *    or message-dropped is destroyed, and y-webrtc connects again;
 * 7. an update applied from a peer is not sent straight back to that same peer (y-webrtc
 *    broadcasts every document update, its peers' included), nor passed on to a peer whose
 *    latest list of direct connections names that peer (it has the update from there): see
 *    mechanism 9. Only the update of the transaction that applied the peer's data counts as
 *    the peer's (a change an observer makes in return goes to everyone), and only when the
 *    document held no updates waiting for a gap to fill (applying the peer's update may
 *    bring those in too; then the result goes to everyone). A connection takes y-webrtc's
 *    messages from the moment it is open on our side (see 4), not only after y-webrtc's own
 *    `connect`: once we answered the peer's SYNC_REQUEST, every later update must follow
 *    the reply, since other peers no longer pass it on once the peer lists us;
 * 8. a connection still not open after `CONNECT_TIMEOUT_MS` (plus up to as much again at
 *    random) is destroyed. Why: when two peers announce themselves at the same moment, both
 *    send an offer; y-webrtc's glare handling then fails on one side (simple-peer cannot
 *    take an offer while it has one out), that side drops its connection, and the other
 *    side's ICE candidates that arrive afterwards make it a new connection with no offer,
 *    which waits forever. Destroying both at different random moments lets one side's
 *    announce reach the other while it has no connection, which then connects normally;
 * 9. each connection's sync is told which other peers we are directly connected to
 *    (`advertiseConnectedPeers` of shared/sync/connected-peers: the connections synced with a
 *    peer that takes such lists), whenever that set changes; the sync sends it as a
 *    CONNECTED_PEERS message to a peer that takes it, and keeps the peer's own list, which
 *    mechanism 7 reads. A list that drops a peer makes the sync exchange state vectors both
 *    ways with its sender, so nothing it missed meanwhile stays missing;
 * 10. an update or sync step 2 that y-webrtc would apply itself (small ones) is checked first
 *    like the chunked sync's (`checkPeerUpdate`); a refused one is reported and dropped.
 * Every update applied from a peer has an origin of `{ source: 'sync' }` (or y-webrtc's
 * room object for its own small updates): neither is undoable (undo tracks LOCAL_ORIGIN
 * only), and persistence stores them like any change.
 */
import type * as Y from 'yjs';
import type { WebrtcConn, WebrtcProvider } from 'y-webrtc';
import {
  EMPTY_YJS_UPDATE,
  advertiseConnectedPeers,
  createChunkedSync,
  encodeYWebrtcSyncMessage,
  isAnsweredByLatitude,
  parseYWebrtcMessage,
  sendsUpdateTo,
  type ChunkedSync,
  type SyncEvent,
  type UpdateSource,
} from '@shared/sync';
import { checkPeerUpdate, yjsSyncDocument } from './yjs-sync-document';

/** Unsent bytes on a data channel above which sending waits for it to drain. */
export const HIGH_WATER_BYTES = 1024 * 1024;

/** How often each connection's sync retries, times out and expires. */
export const TICK_MS = 250;

/** Shortest wait for a connection to open before it is destroyed and made again. */
export const CONNECT_TIMEOUT_MS = 8_000;

/** Errors after which a connection is dropped and made again. */
const FATAL_REASONS = new Set(['send-failed', 'sync-timeout', 'message-dropped']);

/** The origin of the updates a peer's chunked sync applies. */
export interface SyncOrigin {
  readonly source: 'sync';
  readonly peerId: string;
}

/** True for an origin of changes that came from a peer (ours or y-webrtc's own). */
export function isPeerOrigin(origin: unknown): boolean {
  if (typeof origin !== 'object' || origin === null) return false;
  if ((origin as { source?: unknown }).source === 'sync') return true;
  // y-webrtc applies small updates with its Room as origin.
  return 'webrtcConns' in origin && 'peerId' in origin;
}

/** The part of a data channel used for backpressure. */
interface ChannelLike {
  bufferedAmount: number;
  bufferedAmountLowThreshold: number;
  readyState: string;
  addEventListener(type: 'bufferedamountlow' | 'close', listener: () => void): void;
  removeEventListener(type: 'bufferedamountlow' | 'close', listener: () => void): void;
}

type Listener = (...args: unknown[]) => void;

/** The part of simple-peer (as y-webrtc bundles it) used here. */
interface SimplePeerLike {
  send(data: Uint8Array): void;
  destroy(): void;
  on(event: string, listener: Listener): void;
  prependListener(event: string, listener: Listener): void;
  listeners(event: string): Listener[];
  removeListener(event: string, listener: Listener): void;
  _channel?: ChannelLike | null;
}

/** What happened on one peer's connection. */
export type PeerSyncEvent =
  | { peerId: string; kind: 'added' }
  | { peerId: string; kind: 'connected' }
  | { peerId: string; kind: 'closed' }
  | { peerId: string; kind: 'connect-timeout' }
  | { peerId: string; kind: 'sync'; event: SyncEvent; fatal: boolean };

/** Options of `attachChunkedSync`. */
export interface AttachOptions {
  doc: Y.Doc;
  now?: () => number;
  onEvent?: (event: PeerSyncEvent) => void;
  /** Random number in [0, 1), for the jitter of the connection timeout. */
  random?: () => number;
  /** Overrides of the sync's defaults (tests). */
  syncOptions?: { responseTimeoutMs?: number; sendTimeoutMs?: number };
}

/** The chunked syncs of one provider. */
export interface AttachedSync {
  /** The sync of each connection, by remote peer id. */
  readonly syncs: ReadonlyMap<string, ChunkedSync>;
  /** Stops ticking and lets go of the connections' hooks. */
  detach(): void;
}

function toBytes(data: unknown): Uint8Array | null {
  if (data instanceof Uint8Array) return data;
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  return null;
}

/** How often a full channel is looked at, besides its `bufferedamountlow` event. */
const DRAIN_POLL_MS = 25;

/** Resolves once `channel` holds at most `HIGH_WATER_BYTES` unsent; rejects when it closes. */
function drained(channel: ChannelLike): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    // The event alone is not enough: some WebRTC implementations (node's wrtc) deliver it only
    // to the `onbufferedamountlow` property, which simple-peer owns. Poll as well.
    const check = () => {
      if (channel.readyState !== 'open') {
        cleanup();
        reject(new Error('the data channel closed'));
      } else if (channel.bufferedAmount <= HIGH_WATER_BYTES) {
        cleanup();
        resolve();
      }
    };
    const timer = setInterval(check, DRAIN_POLL_MS);
    const cleanup = () => {
      clearInterval(timer);
      channel.removeEventListener('bufferedamountlow', check);
      channel.removeEventListener('close', check);
    };
    channel.addEventListener('bufferedamountlow', check);
    channel.addEventListener('close', check);
  });
}

/** Sends now, or once the channel has drained below the threshold. */
function sendWithBackpressure(peer: SimplePeerLike, rawSend: (data: Uint8Array) => void) {
  return (message: Uint8Array): boolean | Promise<void> => {
    const channel = peer._channel;
    if (!channel || channel.readyState !== 'open') return false;
    if (channel.bufferedAmount <= HIGH_WATER_BYTES) {
      rawSend(message);
      return true;
    }
    return drained(channel).then(() => rawSend(message));
  };
}

/** Hooks the chunked sync into every WebRTC connection `provider` makes from now on. */
export function attachChunkedSync(provider: WebrtcProvider, options: AttachOptions): AttachedSync {
  const now = options.now ?? (() => Date.now());
  const emit = (event: PeerSyncEvent) => options.onEvent?.(event);
  const syncs = new Map<string, ChunkedSync>();
  const hooked = new WeakSet<WebrtcConn>();
  const random = options.random ?? Math.random;
  /** Connections not open yet, with the time they are given up. */
  const opening = new Map<WebrtcConn, number>();
  /** The peer whose data is being applied right now (mechanism 7). */
  let applying: UpdateSource | null = null;
  const fromPeer = (peerId: string, run: () => void) => {
    const previous = applying;
    const { pendingStructs, pendingDs } = options.doc.store;
    applying = { peerId, mixed: pendingStructs !== null || pendingDs !== null };
    try {
      run();
    } finally {
      applying = previous;
    }
  };
  /**
   * The origin of the transaction whose update y-webrtc is broadcasting: Yjs emits
   * 'afterTransactionCleanup' right before 'update' for each transaction (a transaction made
   * by a listener is cleaned up after, not inside, the current one).
   */
  let broadcastOrigin: unknown = null;
  const onTransactionCleanup = (transaction: Y.Transaction) => {
    broadcastOrigin = transaction.origin;
  };
  options.doc.on('afterTransactionCleanup', onTransactionCleanup);
  /** Tells every connection whom else we are directly connected to (mechanism 9). */
  const refreshLists = () => advertiseConnectedPeers(syncs);

  const hook = (conn: WebrtcConn) => {
    if (hooked.has(conn)) return;
    hooked.add(conn);
    const peerId = conn.remotePeerId;
    const peer = conn.peer as SimplePeerLike;
    const origin: SyncOrigin = Object.freeze({ source: 'sync', peerId });
    const rawSend = peer.send.bind(peer);
    // y-webrtc's own handler of incoming data, called for what the chunked sync does not take.
    const yWebrtcListeners = peer.listeners('data');
    const sync = createChunkedSync({
      doc: yjsSyncDocument(options.doc, (apply) => fromPeer(peerId, apply)),
      send: sendWithBackpressure(peer, rawSend),
      now,
      origin,
      ...options.syncOptions,
      onDirectoryChange: refreshLists,
      onEvent(event) {
        const fatal = event.kind === 'error' && FATAL_REASONS.has(event.reason);
        emit({ peerId, kind: 'sync', event, fatal });
        if (event.kind === 'synced') {
          // y-webrtc marks a connection synced on a sync step 2: give it an empty one.
          fromPeer(peerId, () => {
            for (const listener of yWebrtcListeners)
              listener(encodeYWebrtcSyncMessage('sync-step-2', EMPTY_YJS_UPDATE));
          });
        }
        if (fatal) conn.destroy();
      },
    });
    syncs.set(peerId, sync);
    refreshLists();

    let opened = false;
    peer.send = (message: Uint8Array) => {
      if (!conn.connected && !opened) return;
      if (
        applying !== null &&
        isPeerOrigin(broadcastOrigin) &&
        !sendsUpdateTo(applying, peerId, sync) &&
        parseYWebrtcMessage(message).type === 'update'
      ) {
        return;
      }
      sync.sendYWebrtcMessage(message);
    };

    // The connection opens at simple-peer's 'connect' or at the first data, whichever comes
    // first: simple-peer emits 'connect' only after an asynchronous getStats, and the other
    // side's first messages often arrive before it. Starting the sync then keeps the reply to
    // that SYNC_REQUEST: `onConnect` empties the queue, so calling it after the reply was
    // queued dropped the reply's remaining frames, and the peer waited for its response
    // timeout (20 s) before asking again.
    const open = () => {
      if (opened) return;
      opened = true;
      opening.delete(conn);
      sync.onConnect();
      emit({ peerId, kind: 'connected' });
    };

    for (const listener of yWebrtcListeners) peer.removeListener('data', listener);
    peer.on('data', (data: unknown) => {
      const bytes = toBytes(data);
      if (bytes === null) return;
      open();
      if (sync.receive(bytes)) return;
      if (isAnsweredByLatitude(sync, bytes)) return;
      // y-webrtc applies its small updates itself: checked like the chunked sync's (mechanism 10).
      const message = parseYWebrtcMessage(bytes);
      if (message.type === 'update' || message.type === 'sync-step-2') {
        try {
          checkPeerUpdate(options.doc, message.update);
        } catch (error) {
          const reason = error instanceof Error ? error.message : String(error);
          const event = {
            kind: 'error',
            reason: 'malformed-update',
            message: `A change from a peer was refused: ${reason}`,
          } as const;
          emit({ peerId, kind: 'sync', event, fatal: false });
          return;
        }
      }
      fromPeer(peerId, () => {
        for (const listener of yWebrtcListeners) listener(data);
      });
    });

    opening.set(conn, now() + CONNECT_TIMEOUT_MS * (1 + random()));
    peer.prependListener('connect', open);
    peer.on('close', () => {
      opening.delete(conn);
      sync.onClose();
      if (syncs.get(peerId) === sync) syncs.delete(peerId);
      refreshLists();
      emit({ peerId, kind: 'closed' });
    });
    emit({ peerId, kind: 'added' });
  };

  const onPeers = ({ added }: { added: string[] }) => {
    for (const id of added) {
      const conn = provider.room?.webrtcConns.get(id);
      if (conn) hook(conn);
    }
  };
  provider.on('peers', onPeers);
  const timer = setInterval(() => {
    const time = now();
    for (const sync of syncs.values()) sync.tick(time);
    for (const [conn, deadline] of opening) {
      if (time < deadline) continue;
      opening.delete(conn);
      emit({ peerId: conn.remotePeerId, kind: 'connect-timeout' });
      conn.destroy();
    }
  }, TICK_MS);

  return {
    syncs,
    detach() {
      clearInterval(timer);
      provider.off('peers', onPeers);
      options.doc.off('afterTransactionCleanup', onTransactionCleanup);
      syncs.clear();
      opening.clear();
    },
  };
}
