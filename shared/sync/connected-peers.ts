/**
 * Which peers a peer is directly connected to, and what that saves (issue 8: bytes per edit).
 *
 * Why. y-webrtc broadcasts every update of the document to every connection, the updates
 * that just arrived from a peer included. peer-sync already keeps an update from going
 * straight back to the peer it came from, yet in a full mesh of N peers each receiver still
 * passes every edit on to the N − 2 others, who all had it from the editor already: one
 * edit cost (N − 1)² messages. Latitude peers now tell each other whom they are connected
 * to (a CONNECTED_PEERS message, `./wire`), and an update applied from peer A is not passed
 * on to a peer C whose latest list names A: A sends it to C itself. A peer that sent no list
 * (plain y-webrtc, an older Latitude) gets everything as before, and so does a peer not
 * connected to A (a partial mesh: B still forwards between A and C).
 *
 * What a list promises. C names A only once C's own sync with A has completed on this
 * connection (A answered C's SYNC_REQUEST) and A has shown it takes lists (so it runs this
 * version, which sends its updates on a connection from the moment it is open). From then
 * on every update A applies reaches C: it was in A's reply, or A sends it live, or A itself
 * did not send it because C is connected to the peer A had it from, which then sent it, and
 * so on back to the peer who made the edit, who sends to every connection.
 *
 * Stale lists. A list may still name A when the connection A–C has just closed (messages in
 * flight on it are lost). C then sends a new list without A, and whoever receives a list
 * that drops a peer asks for a state-vector exchange both ways (a SYNC_REQUEST that asks
 * for one back, `./wire`): C gets whatever the receiver skipped meanwhile. Lists carry a
 * sequence number, so one delivered late never replaces a newer one.
 *
 * An update applied from A is passed on as from A only when it holds nothing but A's data:
 * when the document held updates it could not apply yet (a gap), applying A's update can
 * bring in those too, and the result goes to everyone (`UpdateSource.mixed`).
 *
 * The list on the wire (the body of a CONNECTED_PEERS message, all integers big-endian):
 * sequence (uint32), count (uint16, at most `MAX_CONNECTED_PEERS`), then per peer its
 * y-webrtc peer id: length (uint8, 1 to `MAX_PEER_ID_BYTES`) and that many bytes of printable
 * ASCII (0x21 to 0x7e; y-webrtc's ids are UUIDs). No duplicates, nothing after the last id.
 * Anything else is refused with the reason, never thrown.
 */
import type { ChunkedSync } from './wire';

/** Most peers a list may name (y-webrtc keeps 20 to 34 connections by default). */
export const MAX_CONNECTED_PEERS = 256;

/** Longest peer id in a list, in bytes (a y-webrtc id, a UUID, has 36). */
export const MAX_PEER_ID_BYTES = 128;

/** Bytes of a list's header: sequence and count. */
const LIST_HEADER_BYTES = 6;

/** Largest body of a CONNECTED_PEERS message. */
export const MAX_PEER_LIST_BYTES = LIST_HEADER_BYTES + MAX_CONNECTED_PEERS * (1 + MAX_PEER_ID_BYTES);

/** A list of directly connected peers, as sent. */
export interface PeerList {
  /** Increases with each list the sender sends on this connection. */
  sequence: number;
  /** y-webrtc peer ids. */
  peers: readonly string[];
}

/** Whether `peerId` can be named in a list: 1 to 128 printable ASCII characters, no spaces. */
export function isListablePeerId(peerId: string): boolean {
  if (peerId.length === 0 || peerId.length > MAX_PEER_ID_BYTES) return false;
  for (let index = 0; index < peerId.length; index += 1) {
    const code = peerId.charCodeAt(index);
    if (code < 0x21 || code > 0x7e) return false;
  }
  return true;
}

/** Encodes a list; throws a RangeError for one no peer would accept (a bug of the caller). */
export function encodePeerList(list: PeerList): Uint8Array {
  if (!Number.isInteger(list.sequence) || list.sequence < 0 || list.sequence > 0xffff_ffff) {
    throw new RangeError(`a list's sequence must be a uint32, got ${list.sequence}`);
  }
  if (list.peers.length > MAX_CONNECTED_PEERS) {
    throw new RangeError(`a list names at most ${MAX_CONNECTED_PEERS} peers, got ${list.peers.length}`);
  }
  if (new Set(list.peers).size !== list.peers.length) throw new RangeError('a list names a peer twice');
  let size = LIST_HEADER_BYTES;
  for (const peerId of list.peers) {
    if (!isListablePeerId(peerId)) throw new RangeError(`a list cannot name the peer id ${JSON.stringify(peerId)}`);
    size += 1 + peerId.length;
  }
  const body = new Uint8Array(size);
  const view = new DataView(body.buffer);
  view.setUint32(0, list.sequence);
  view.setUint16(4, list.peers.length);
  let at = LIST_HEADER_BYTES;
  for (const peerId of list.peers) {
    body[at] = peerId.length;
    for (let index = 0; index < peerId.length; index += 1) body[at + 1 + index] = peerId.charCodeAt(index);
    at += 1 + peerId.length;
  }
  return body;
}

/** Decodes a list from a peer, or says why it is refused. Never throws. */
export function decodePeerList(body: Uint8Array): { ok: true; list: PeerList } | { ok: false; reason: string } {
  if (body.byteLength > MAX_PEER_LIST_BYTES) {
    return { ok: false, reason: `a list of ${body.byteLength} bytes is over ${MAX_PEER_LIST_BYTES}` };
  }
  if (body.byteLength < LIST_HEADER_BYTES) return { ok: false, reason: `a list of ${body.byteLength} bytes` };
  const view = new DataView(body.buffer, body.byteOffset, body.byteLength);
  const sequence = view.getUint32(0);
  const count = view.getUint16(4);
  if (count > MAX_CONNECTED_PEERS)
    return { ok: false, reason: `a list of ${count} peers is over ${MAX_CONNECTED_PEERS}` };
  const peers: string[] = [];
  const seen = new Set<string>();
  let at = LIST_HEADER_BYTES;
  for (let entry = 0; entry < count; entry += 1) {
    const length = body[at];
    if (length === undefined) return { ok: false, reason: `a list cut short after ${entry} of ${count} peers` };
    if (length === 0 || length > MAX_PEER_ID_BYTES) {
      return { ok: false, reason: `a peer id of ${length} bytes (1 to ${MAX_PEER_ID_BYTES})` };
    }
    if (at + 1 + length > body.byteLength) {
      return { ok: false, reason: `a list cut short after ${entry} of ${count} peers` };
    }
    let peerId = '';
    for (let index = at + 1; index <= at + length; index += 1) {
      const code = body[index] ?? 0;
      if (code < 0x21 || code > 0x7e) return { ok: false, reason: `a peer id with the byte ${code}` };
      peerId += String.fromCharCode(code);
    }
    if (seen.has(peerId)) return { ok: false, reason: 'a list naming a peer twice' };
    seen.add(peerId);
    peers.push(peerId);
    at += 1 + length;
  }
  if (at !== body.byteLength) return { ok: false, reason: `${body.byteLength - at} bytes after the last peer id` };
  return { ok: true, list: { sequence, peers } };
}

/** The peer whose update is being applied, while it is. */
export interface UpdateSource {
  /** The y-webrtc peer id of the connection the update came in on. */
  readonly peerId: string;
  /**
   * The document held updates it could not apply yet when this one came: applying it may
   * have brought in theirs as well, so what results is not A's alone.
   */
  readonly mixed: boolean;
}

/**
 * Whether an update of the document goes to the peer `to` (whose sync is `sync`): always,
 * unless it is being applied from a peer (`source`, not mixed) and `to` is that peer or
 * names it in its latest list.
 */
export function sendsUpdateTo(source: UpdateSource | null, to: string, sync: ChunkedSync): boolean {
  if (source === null || source.mixed) return true;
  if (source.peerId === to) return false;
  return !sync.peerIsConnectedTo(source.peerId);
}

/** Whether a connection's peer can be named in our lists (see the file comment). */
export function countsAsConnected(sync: ChunkedSync): boolean {
  const status = sync.status();
  return status.open && status.synced && status.peerKnowsConnectedPeers;
}

/**
 * Gives every connection of one peer the list of its other direct connections that count
 * (`countsAsConnected`). Call it whenever one of them may have changed: a sync's
 * `onDirectoryChange`, a connection closed or removed. Each sync sends only what changed.
 */
export function advertiseConnectedPeers(syncs: Iterable<readonly [string, ChunkedSync]>): void {
  const all = [...syncs];
  const connected = all.filter(([, sync]) => countsAsConnected(sync)).map(([peerId]) => peerId);
  for (const [peerId, sync] of all) sync.advertiseConnectedPeers(connected.filter((other) => other !== peerId));
}
