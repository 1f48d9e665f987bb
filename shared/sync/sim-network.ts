/**
 * Test support (imported by tests only): an in-memory network of N peers that sync as
 * Latitude peers do over y-webrtc, with delivery under the test's control.
 *
 * Each pair of peers has one connection, a data channel each way (or, with `links`, only
 * the pairs listed: a partial mesh). Each end of a connection runs a `ChunkedSync`
 * (`./wire`): on connect both ends exchange state vectors and send the missing state in
 * frames. Live edits go as y-webrtc does it: an update of a peer is broadcast to every open
 * connection as a y-webrtc sync "update" message, through `sendYWebrtcMessage` (so an
 * update too large for one message goes chunked). Which updates, `forwarding` says:
 * - 'none' (default): a peer's own (local) updates only, which reach everyone in a full mesh;
 * - 'all': every update, those applied from a peer included, except straight back to that
 *   peer: y-webrtc with peer-sync's mechanism 7 as it was, (N − 1)² messages per edit;
 * - 'connected-peers': as peer-sync does now (`./connected-peers`): each peer advertises its
 *   direct connections to the others, and an update applied from peer A is not passed on to
 *   a peer whose list names A.
 * A message that is not Latitude's is read like y-webrtc would: updates are applied
 * (guarded), the rest ignored. Peers are named `simPeerId(index)` in lists.
 *
 * What the test controls:
 * - order: a random message in flight is delivered at each step; per connection in order
 *   (`ordered`, as a WebRTC data channel is) or in any order;
 * - duplication: a delivered message is delivered again later with `duplicateRate`;
 * - refused sends: with `failRate` a send returns false or throws (half each), as
 *   simple-peer's send does when the buffer is full or the channel closed; the chunked sync
 *   retries them;
 * - partitions: `partition(groups)` closes every connection between groups (messages in
 *   flight on them are lost, as when a data channel closes); `heal()` opens them again, and
 *   the new connections sync on connect;
 * - time: `advance(ms)` moves the clock and ticks every sync (retries, timeouts).
 *
 * The size limit is Chromium's: a send of more than `maxMessageBytes` (256 KiB) THROWS and
 * is counted in `stats.oversized`, so a test proves nothing large ever went out unsplit.
 *
 * As the app should, a connection whose sync reports it gave up ('send-failed',
 * 'sync-timeout', 'message-dropped') is closed and opened again, which syncs it anew.
 * Everything is synchronous; randomness comes from `random`, so a seed replays a run.
 */
import { DEFAULT_MAX_FRAME_BYTES } from './chunking';
import { advertiseConnectedPeers, sendsUpdateTo, type UpdateSource } from './connected-peers';
import {
  createChunkedSync,
  encodeYWebrtcSyncMessage,
  parseYWebrtcMessage,
  type ChunkedSync,
  type ChunkedSyncOptions,
  type SyncDocument,
  type SyncEvent,
} from './wire';

/** Chromium's largest data-channel message (`maxMessageSize` 262144). */
export const CHROMIUM_MAX_MESSAGE_BYTES = 256 * 1024;

/** One peer of the network. */
export interface SimPeer {
  /** The peer's document. */
  document: SyncDocument;
  /**
   * Subscribes to the document's LOCAL updates (not those applied with the network's
   * origin), which the peer broadcasts; returns the unsubscribe.
   */
  subscribe(listener: (update: Uint8Array) => void): () => void;
  /**
   * Applies an update that came in a plain y-webrtc message, as y-webrtc does (for Yjs:
   * `Y.applyUpdate`, unchecked). Default: `document.applyUpdate`.
   */
  applyYWebrtcUpdate?: (update: Uint8Array, origin: unknown) => void;
  /**
   * Subscribes to EVERY update of the document, with its transaction origin (needed when
   * `forwarding` is not 'none'); returns the unsubscribe.
   */
  subscribeAll?(listener: (update: Uint8Array, origin: unknown) => void): () => void;
  /** Whether the document holds updates waiting for a gap to fill (Yjs: pending structs or deletes). */
  hasPending?(): boolean;
}

/** How peers pass on the updates they apply from others (see the file comment). */
export type SimForwarding = 'none' | 'all' | 'connected-peers';

/** The name of peer `index` in lists of connected peers. */
export function simPeerId(index: number): string {
  return `peer-${index}`;
}

/** Options of `createSimNetwork`. */
export interface SimNetworkOptions {
  peers: readonly SimPeer[];
  /** Random numbers in [0, 1): seeded by the test. */
  random: () => number;
  /** Transaction origin of every update a peer applies from the network. */
  origin: unknown;
  /** Largest message a channel takes; larger sends throw. Default 256 KiB. */
  maxMessageBytes?: number;
  /** Largest frame of the chunked syncs. Default 64 KiB. */
  maxFrameBytes?: number;
  /** Each connection delivers in the order sent. Default true. */
  ordered?: boolean;
  /** Chance that a delivered message is delivered once more later. Default 0. */
  duplicateRate?: number;
  /** Chance that a send is refused (returns false or throws). Default 0. */
  failRate?: number;
  /** Start of the clock, ms. Default 0. */
  startAt?: number;
  /** Further options of every chunked sync (timeouts, retries). */
  sync?: Partial<Omit<ChunkedSyncOptions, 'doc' | 'send' | 'now' | 'origin' | 'onEvent' | 'onDirectoryChange'>>;
  /** Which updates a peer broadcasts. Default 'none'. */
  forwarding?: SimForwarding;
  /** The pairs of peers that can connect. Default: every pair. */
  links?: readonly (readonly [number, number])[];
}

/** An event of the sync at `peer` for its connection to `remote`. */
export interface SimEventRecord {
  at: number;
  peer: number;
  remote: number;
  event: SyncEvent;
}

/** Counters of the network. */
export interface SimStats {
  /** Messages accepted by a channel. */
  sent: number;
  /** Messages delivered (duplicates included). */
  delivered: number;
  /** Extra deliveries of a message. */
  duplicated: number;
  /** Sends refused by `failRate`. */
  refused: number;
  /** Sends over `maxMessageBytes` (refused by throwing). */
  oversized: number;
  /** Messages lost in flight when their connection closed. */
  lost: number;
  /** Largest message accepted by a channel. */
  largestMessage: number;
  /** Connections closed and opened again after a sync gave up. */
  reconnects: number;
  /** Updates from plain y-webrtc messages that a document refused. */
  refusedUpdates: number;
  /** Updates applied from a peer that a peer passed on to another peer. */
  forwarded: number;
  /** Updates applied from a peer that were not passed on to a peer whose list named that peer. */
  spared: number;
}

/** The network. */
export interface SimNetwork {
  /** The current time, ms. */
  now(): number;
  /** Every sync event so far. */
  readonly events: readonly SimEventRecord[];
  readonly stats: Readonly<SimStats>;
  /** Opens every connection that is closed (each end syncs on connect). */
  connectAll(): void;
  /** Closes every connection between two different groups; peers in no group are alone. */
  partition(groups: readonly (readonly number[])[]): void;
  /** Opens every closed connection: `connectAll`. */
  heal(): void;
  /** Closes every open connection and opens it again. */
  reconnectAll(): void;
  /** Delivers one message in flight, chosen at random; false when none is. */
  step(): boolean;
  /** Delivers the next message in flight from one peer to another; false when none is. */
  stepChannel(from: number, to: number): boolean;
  /** Moves the clock by `ms` and ticks every sync. */
  advance(ms: number): void;
  /**
   * Delivers everything and lets time pass until nothing is in flight, queued or awaited.
   * Throws when that takes more than `maxSteps` steps.
   */
  settle(maxSteps?: number): number;
  /** Messages in flight. */
  inFlight(): number;
  /** The sync at `peer` for its connection to `remote`. */
  syncOf(peer: number, remote: number): ChunkedSync;
  /** Whether the connection between two peers is open. */
  isOpen(a: number, b: number): boolean;
  /** Closes the connection between two peers (messages in flight on it are lost). */
  disconnect(a: number, b: number): void;
  /** Opens the connection between two linked peers (each end syncs on connect). */
  connect(a: number, b: number): void;
  /** Sends a message from one peer to another as it is, bypassing the sync (to test the limit). */
  sendRaw(from: number, to: number, message: Uint8Array): void;
  /** Unsubscribes from every document. */
  destroy(): void;
}

interface Channel {
  from: number;
  to: number;
  inFlight: Uint8Array[];
}

/** Creates an in-memory network of `options.peers`, every connection closed. */
export function createSimNetwork(options: SimNetworkOptions): SimNetwork {
  const count = options.peers.length;
  const maxMessageBytes = options.maxMessageBytes ?? CHROMIUM_MAX_MESSAGE_BYTES;
  const maxFrameBytes = options.maxFrameBytes ?? DEFAULT_MAX_FRAME_BYTES;
  const ordered = options.ordered ?? true;
  const duplicateRate = options.duplicateRate ?? 0;
  const failRate = options.failRate ?? 0;
  const random = options.random;
  let time = options.startAt ?? 0;
  const events: SimEventRecord[] = [];
  const stats: SimStats = {
    sent: 0,
    delivered: 0,
    duplicated: 0,
    refused: 0,
    oversized: 0,
    lost: 0,
    largestMessage: 0,
    reconnects: 0,
    refusedUpdates: 0,
    forwarded: 0,
    spared: 0,
  };
  const forwarding = options.forwarding ?? 'none';
  const linked = new Set<number>();
  const key = (from: number, to: number): number => from * count + to;
  const channels = new Map<number, Channel>();
  const syncs = new Map<number, ChunkedSync>();
  const open = new Set<number>();
  const toReconnect = new Set<number>();
  const pairKey = (a: number, b: number): number => key(Math.min(a, b), Math.max(a, b));
  for (const [a, b] of options.links ?? []) linked.add(pairKey(a, b));
  const isLinked = (a: number, b: number): boolean => options.links === undefined || linked.has(pairKey(a, b));

  /** Per peer: whose data it is applying right now (as peer-sync's `fromPeer`). */
  const applying: (UpdateSource | null)[] = options.peers.map(() => null);
  const fromRemote = (peer: number, remote: number, run: () => void): void => {
    const previous = applying[peer] ?? null;
    const simPeer = options.peers[peer] as SimPeer;
    applying[peer] = { peerId: simPeerId(remote), mixed: simPeer.hasPending?.() ?? false };
    try {
      run();
    } finally {
      applying[peer] = previous;
    }
  };

  /** Tells every connection of `peer` whom else it is connected to ('connected-peers' only). */
  const advertise = (peer: number): void => {
    if (forwarding !== 'connected-peers') return;
    const entries: [string, ChunkedSync][] = [];
    for (let remote = 0; remote < count; remote += 1) {
      const sync = remote === peer ? undefined : syncs.get(key(peer, remote));
      if (sync !== undefined) entries.push([simPeerId(remote), sync]);
    }
    advertiseConnectedPeers(entries);
  };

  const channel = (from: number, to: number): Channel => {
    const found = channels.get(key(from, to));
    if (found === undefined) throw new RangeError(`no channel ${from} → ${to}`);
    return found;
  };

  const syncOf = (peer: number, remote: number): ChunkedSync => {
    const found = syncs.get(key(peer, remote));
    if (found === undefined) throw new RangeError(`no sync ${peer} → ${remote}`);
    return found;
  };

  const transmit = (from: number, to: number, message: Uint8Array): void => {
    if (!open.has(pairKey(from, to))) throw new Error(`the connection ${from} – ${to} is closed`);
    if (message.byteLength > maxMessageBytes) {
      stats.oversized += 1;
      throw new TypeError(`a message of ${message.byteLength} bytes is over the channel's ${maxMessageBytes}`);
    }
    // A copy: the sender may reuse its buffer, and the receiver must not see later changes.
    channel(from, to).inFlight.push(message.slice());
    stats.sent += 1;
    stats.largestMessage = Math.max(stats.largestMessage, message.byteLength);
  };

  for (let peer = 0; peer < count; peer += 1) {
    for (let remote = 0; remote < count; remote += 1) {
      if (peer === remote) continue;
      channels.set(key(peer, remote), { from: peer, to: remote, inFlight: [] });
      const document = (options.peers[peer] as SimPeer).document;
      syncs.set(
        key(peer, remote),
        createChunkedSync({
          ...options.sync,
          doc: {
            stateVector: () => document.stateVector(),
            missingSince: (stateVector) => document.missingSince(stateVector),
            applyUpdate: (update, origin) => fromRemote(peer, remote, () => document.applyUpdate(update, origin)),
          },
          origin: options.origin,
          onDirectoryChange: () => advertise(peer),
          maxFrameBytes,
          now: () => time,
          send: (message) => {
            if (random() < failRate) {
              stats.refused += 1;
              if (random() < 0.5) return false;
              throw new Error('simulated: the data channel is not ready');
            }
            transmit(peer, remote, message);
            return true;
          },
          onEvent: (event) => {
            events.push({ at: time, peer, remote, event });
            if (
              event.kind === 'error' &&
              (event.reason === 'send-failed' || event.reason === 'sync-timeout' || event.reason === 'message-dropped')
            ) {
              toReconnect.add(pairKey(peer, remote));
            }
          },
        }),
      );
    }
  }

  const unsubscribes = options.peers.map((simPeer, peer) => {
    if (forwarding === 'none') {
      return simPeer.subscribe((update) => {
        const message = encodeYWebrtcSyncMessage('update', update);
        for (let remote = 0; remote < count; remote += 1) {
          if (remote !== peer && open.has(pairKey(peer, remote))) syncOf(peer, remote).sendYWebrtcMessage(message);
        }
      });
    }
    if (simPeer.subscribeAll === undefined) throw new TypeError(`forwarding '${forwarding}' needs subscribeAll`);
    return simPeer.subscribeAll((update, origin) => {
      // As peer-sync: only the transaction that applied a peer's data counts as that peer's.
      const source = origin === options.origin ? (applying[peer] ?? null) : null;
      const message = encodeYWebrtcSyncMessage('update', update);
      for (let remote = 0; remote < count; remote += 1) {
        if (remote === peer || !open.has(pairKey(peer, remote))) continue;
        const sync = syncOf(peer, remote);
        const to = simPeerId(remote);
        const sends =
          forwarding === 'connected-peers'
            ? sendsUpdateTo(source, to, sync)
            : source === null || source.mixed || source.peerId !== to;
        if (sends) {
          if (source !== null) stats.forwarded += 1;
          sync.sendYWebrtcMessage(message);
        } else if (source !== null && source.peerId !== to) {
          stats.spared += 1;
        }
      }
    });
  });

  const close = (a: number, b: number): void => {
    if (!open.delete(pairKey(a, b))) return;
    for (const [from, to] of [
      [a, b],
      [b, a],
    ] as const) {
      const lost = channel(from, to).inFlight.splice(0);
      stats.lost += lost.length;
      syncOf(from, to).onClose();
    }
    advertise(a);
    advertise(b);
  };

  const connect = (a: number, b: number): void => {
    if (open.has(pairKey(a, b)) || !isLinked(a, b)) return;
    open.add(pairKey(a, b));
    syncOf(a, b).onConnect();
    syncOf(b, a).onConnect();
    advertise(a);
    advertise(b);
  };

  const eachPair = (fn: (a: number, b: number) => void): void => {
    for (let a = 0; a < count; a += 1) for (let b = a + 1; b < count; b += 1) fn(a, b);
  };

  const reconnectGivenUp = (): void => {
    for (const pair of [...toReconnect]) {
      toReconnect.delete(pair);
      const a = Math.floor(pair / count);
      const b = pair % count;
      if (!open.has(pair)) continue;
      stats.reconnects += 1;
      close(a, b);
      connect(a, b);
    }
  };

  const receive = (to: number, from: number, message: Uint8Array): void => {
    if (syncOf(to, from).receive(message)) return;
    const parsed = parseYWebrtcMessage(message);
    if (parsed.type !== 'update' && parsed.type !== 'sync-step-2') return;
    const simPeer = options.peers[to] as SimPeer;
    try {
      fromRemote(to, from, () => {
        if (simPeer.applyYWebrtcUpdate) simPeer.applyYWebrtcUpdate(parsed.update, options.origin);
        else simPeer.document.applyUpdate(parsed.update, options.origin);
      });
    } catch {
      stats.refusedUpdates += 1;
    }
  };

  const inFlight = (): number => {
    let total = 0;
    for (const { inFlight: messages } of channels.values()) total += messages.length;
    return total;
  };

  const deliverFrom = (chosen: Channel): boolean => {
    const index = ordered ? 0 : Math.floor(random() * chosen.inFlight.length);
    const [message] = chosen.inFlight.splice(index, 1);
    if (message === undefined) return false;
    if (random() < duplicateRate) {
      chosen.inFlight.push(message);
      stats.duplicated += 1;
    }
    stats.delivered += 1;
    receive(chosen.to, chosen.from, message);
    return true;
  };

  const step = (): boolean => {
    reconnectGivenUp();
    const busy = [...channels.values()].filter((candidate) => candidate.inFlight.length > 0);
    if (busy.length === 0) return false;
    return deliverFrom(busy[Math.floor(random() * busy.length)] as Channel);
  };

  const stepChannel = (from: number, to: number): boolean => {
    reconnectGivenUp();
    const chosen = channel(from, to);
    return chosen.inFlight.length > 0 && deliverFrom(chosen);
  };

  const advance = (ms: number): void => {
    time += ms;
    for (const sync of syncs.values()) sync.tick(time);
    reconnectGivenUp();
  };

  const waiting = (): { busy: boolean; retryAt: number | null } => {
    let busy = toReconnect.size > 0;
    let retryAt: number | null = null;
    for (const sync of syncs.values()) {
      const status = sync.status();
      if (!status.open) continue;
      if (status.queued > 0 || status.awaitingReply || status.pendingMessages > 0) busy = true;
      if (status.retryAt !== null) retryAt = retryAt === null ? status.retryAt : Math.min(retryAt, status.retryAt);
    }
    return { busy, retryAt };
  };

  return {
    now: () => time,
    events,
    stats,
    connectAll: () => eachPair(connect),
    partition(groups) {
      const groupOf = new Map<number, number>();
      groups.forEach((group, index) => group.forEach((peer) => groupOf.set(peer, index)));
      eachPair((a, b) => {
        const groupA = groupOf.get(a);
        if (groupA === undefined || groupA !== groupOf.get(b)) close(a, b);
      });
    },
    heal: () => eachPair(connect),
    reconnectAll() {
      eachPair((a, b) => {
        if (!open.has(pairKey(a, b))) return;
        close(a, b);
        connect(a, b);
      });
    },
    step,
    stepChannel,
    advance,
    settle(maxSteps = 1_000_000) {
      for (let steps = 0; steps < maxSteps; steps += 1) {
        if (step()) continue;
        const { busy, retryAt } = waiting();
        if (!busy) return steps;
        // Nothing in flight, yet something waits: let time pass to its next retry or timeout.
        advance(retryAt === null ? 1_000 : Math.max(1, retryAt - time));
      }
      throw new Error(`the network did not settle within ${maxSteps} steps`);
    },
    inFlight,
    syncOf,
    isOpen: (a, b) => open.has(pairKey(a, b)),
    disconnect: close,
    connect,
    sendRaw: transmit,
    destroy() {
      for (const unsubscribe of unsubscribes) unsubscribe();
    },
  };
}
