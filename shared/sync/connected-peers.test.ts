/**
 * Lists of directly connected peers (CONNECTED_PEERS): the list's encoding and everything a
 * peer's bytes can be refused for, and the chunked sync's part: sent only to peers that say
 * they take lists, resent on change, read with its sequence, and a list that drops a peer
 * answered by a state-vector exchange both ways. Forwarding over many peers is tested on
 * real Yjs documents in test/unit/sync-convergence.test.ts and peer-sync-forwarding.test.ts.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createReassembler, splitMessage } from './chunking';
import {
  MAX_CONNECTED_PEERS,
  MAX_PEER_ID_BYTES,
  MAX_PEER_LIST_BYTES,
  advertiseConnectedPeers,
  countsAsConnected,
  decodePeerList,
  encodePeerList,
  isListablePeerId,
  sendsUpdateTo,
} from './connected-peers';
import {
  MessageKind,
  REQUEST_ASKS_BACK,
  REQUEST_KNOWS_CONNECTED_PEERS,
  createChunkedSync,
  decodeLatitudeMessage,
  encodeLatitudeMessage,
  type ChunkedSync,
  type LatitudeMessage,
  type SyncDocument,
  type SyncEvent,
} from './wire';

const UUID_A = '0f8fad5b-d9cb-469f-a165-70867728950e';
const UUID_B = '7c9e6679-7425-40de-944b-e07fc1f90ae7';

/** A document that holds nothing: enough to see which messages go out. */
const emptyDoc: SyncDocument = {
  stateVector: () => new Uint8Array(0),
  missingSince: () => new Uint8Array(0),
  applyUpdate: () => undefined,
};

/** A list's body by hand: sequence, count, then each id with its length. */
function body(sequence: number, count: number, ids: readonly (readonly number[])[], extra: number[] = []): Uint8Array {
  const head = [
    sequence >>> 24,
    (sequence >>> 16) & 255,
    (sequence >>> 8) & 255,
    sequence & 255,
    count >>> 8,
    count & 255,
  ];
  return Uint8Array.from([...head, ...ids.flatMap((id) => [id.length, ...id]), ...extra]);
}

const ascii = (text: string): number[] => [...text].map((char) => char.charCodeAt(0));

describe('the list of connected peers on the wire', () => {
  it('round-trips lists, empty to full, and is laid out as documented', () => {
    const lists = [
      { sequence: 0, peers: [] },
      { sequence: 1, peers: [UUID_A, UUID_B] },
      { sequence: 0xffff_ffff, peers: ['x'.repeat(MAX_PEER_ID_BYTES), '!', '~'] },
      {
        sequence: 7,
        peers: Array.from({ length: MAX_CONNECTED_PEERS }, (_, index) => `p${index}`.padEnd(MAX_PEER_ID_BYTES, '-')),
      },
    ];
    for (const list of lists) {
      const encoded = encodePeerList(list);
      expect(encoded.byteLength).toBeLessThanOrEqual(MAX_PEER_LIST_BYTES);
      expect(decodePeerList(encoded)).toEqual({ ok: true, list });
    }
    expect([...encodePeerList({ sequence: 258, peers: ['ab', 'c'] })]).toEqual([0, 0, 1, 2, 0, 2, 2, 97, 98, 1, 99]);
    // As a Latitude message: kind 4, then the list.
    const message: LatitudeMessage = { kind: 'connected-peers', list: { sequence: 3, peers: [UUID_A] } };
    const payload = encodeLatitudeMessage(message);
    expect(payload[0]).toBe(MessageKind.connectedPeers);
    expect(payload.byteLength).toBe(1 + 6 + 1 + 36);
    expect(decodeLatitudeMessage(payload)).toEqual({ ok: true, message });
  });

  it('refuses malformed and oversized lists with a reason', () => {
    const refusals: Array<[Uint8Array, string]> = [
      [Uint8Array.of(0, 0, 0, 1, 0), 'a list of 5 bytes'],
      [
        body(1, MAX_CONNECTED_PEERS + 1, []),
        `a list of ${MAX_CONNECTED_PEERS + 1} peers is over ${MAX_CONNECTED_PEERS}`,
      ],
      [body(1, 0xffff, []), `a list of 65535 peers is over ${MAX_CONNECTED_PEERS}`],
      [body(1, 1, [[]]), `a peer id of 0 bytes (1 to ${MAX_PEER_ID_BYTES})`],
      [
        body(1, 1, [new Array<number>(MAX_PEER_ID_BYTES + 1).fill(97)]),
        `a peer id of 129 bytes (1 to ${MAX_PEER_ID_BYTES})`,
      ],
      [body(1, 1, [ascii('a b')]), 'a peer id with the byte 32'],
      [body(1, 1, [[97, 0x7f]]), 'a peer id with the byte 127'],
      [body(1, 1, [[0xc3, 0xa9]]), 'a peer id with the byte 195'],
      [body(1, 2, [ascii('same'), ascii('same')]), 'a list naming a peer twice'],
      [body(1, 1, [ascii('a')], [0]), '1 bytes after the last peer id'],
      [body(1, 2, [ascii('a')]), 'a list cut short after 1 of 2 peers'],
      [body(1, 1, [], [5, 97, 98]), 'a list cut short after 0 of 1 peers'],
      [
        new Uint8Array(MAX_PEER_LIST_BYTES + 1),
        `a list of ${MAX_PEER_LIST_BYTES + 1} bytes is over ${MAX_PEER_LIST_BYTES}`,
      ],
    ];
    for (const [bytes, reason] of refusals) expect(decodePeerList(bytes)).toEqual({ ok: false, reason });
    expect(decodeLatitudeMessage(Uint8Array.from([MessageKind.connectedPeers, ...body(1, 2, [ascii('a')])]))).toEqual({
      ok: false,
      reason: 'a list of connected peers: a list cut short after 1 of 2 peers',
    });
  });

  it('never throws on random bytes, and whatever it accepts encodes back the same', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.uint8Array({ maxLength: 80 }),
          fc
            .tuple(fc.nat(), fc.array(fc.uint8Array({ minLength: 0, maxLength: 6 }), { maxLength: 5 }), fc.nat(3))
            .map(([sequence, ids, extra]) =>
              body(
                sequence >>> 0,
                ids.length + (extra === 1 ? 1 : 0),
                ids.map((id) => [...id]),
              ),
            ),
        ),
        (bytes) => {
          const decoded = decodePeerList(bytes);
          if (decoded.ok) expect(encodePeerList(decoded.list)).toEqual(bytes);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('will not encode a list no peer would accept', () => {
    expect(() => encodePeerList({ sequence: -1, peers: [] })).toThrow(RangeError);
    expect(() => encodePeerList({ sequence: 2 ** 32, peers: [] })).toThrow(RangeError);
    expect(() => encodePeerList({ sequence: 1, peers: ['a', 'a'] })).toThrow(RangeError);
    expect(() => encodePeerList({ sequence: 1, peers: ['with space'] })).toThrow(RangeError);
    expect(() => encodePeerList({ sequence: 1, peers: ['é'] })).toThrow(RangeError);
    expect(() => encodePeerList({ sequence: 1, peers: [''] })).toThrow(RangeError);
    const tooMany = Array.from({ length: MAX_CONNECTED_PEERS + 1 }, (_, index) => `p${index}`);
    expect(() => encodePeerList({ sequence: 1, peers: tooMany })).toThrow(RangeError);
    expect([UUID_A, 'x'.repeat(MAX_PEER_ID_BYTES)].every(isListablePeerId)).toBe(true);
    expect(['', 'x'.repeat(MAX_PEER_ID_BYTES + 1), 'tab\t', 'ü'].some(isListablePeerId)).toBe(false);
  });
});

// ---------------------------------------------------------------------------------------
// The chunked sync's part

/** One end of a connection, with what it sent decoded. */
function end(options: { onDirectoryChange?: () => void } = {}) {
  const sent: Uint8Array[] = [];
  const events: SyncEvent[] = [];
  const sync = createChunkedSync({
    doc: emptyDoc,
    origin: 'peer',
    now: () => 0,
    send: (message) => {
      sent.push(message);
      return true;
    },
    onEvent: (event) => events.push(event),
    ...options,
  });
  const reassembler = createReassembler({ now: () => 0 });
  let read = 0;
  /** The Latitude messages sent since the last call. */
  const messages = (): LatitudeMessage[] => {
    const out: LatitudeMessage[] = [];
    for (; read < sent.length; read += 1) {
      const result = reassembler.accept(sent[read] as Uint8Array);
      if (result.kind !== 'complete') continue;
      const decoded = decodeLatitudeMessage(result.payload);
      if (decoded.ok) out.push(decoded.message);
    }
    return out;
  };
  const errors = () => events.flatMap((event) => (event.kind === 'error' ? [event.reason] : []));
  return { sync, sent, events, messages, errors };
}

let nextMessageId = 1_000;
/** Frames of one Latitude message, as a peer would send it. */
function framesOf(message: LatitudeMessage | Uint8Array): Uint8Array[] {
  const payload = message instanceof Uint8Array ? message : encodeLatitudeMessage(message);
  nextMessageId += 1;
  return splitMessage(payload, { messageId: nextMessageId });
}

function deliver(to: ChunkedSync, message: LatitudeMessage | Uint8Array): void {
  for (const frame of framesOf(message)) expect(to.receive(frame)).toBe(true);
}

/** Passes everything sent between two ends until both are quiet. */
function pump(a: ReturnType<typeof end>, b: ReturnType<typeof end>): void {
  let fromA = 0;
  let fromB = 0;
  while (fromA < a.sent.length || fromB < b.sent.length) {
    for (; fromA < a.sent.length; fromA += 1) b.sync.receive(a.sent[fromA] as Uint8Array);
    for (; fromB < b.sent.length; fromB += 1) a.sync.receive(b.sent[fromB] as Uint8Array);
  }
}

const request = (requestId: number): LatitudeMessage => ({
  kind: 'sync-request',
  requestId,
  stateVector: new Uint8Array(0),
});
const list = (sequence: number, peers: string[]): LatitudeMessage => ({
  kind: 'connected-peers',
  list: { sequence, peers },
});

describe('the chunked sync and lists of connected peers', () => {
  it('says in its request ids that it takes lists, and asks back only when resyncing', () => {
    const h = end();
    h.sync.onConnect();
    const [first] = h.messages();
    expect(first).toMatchObject({ kind: 'sync-request' });
    const id = first?.kind === 'sync-request' ? first.requestId : 0;
    expect(id).toBeGreaterThanOrEqual(REQUEST_KNOWS_CONNECTED_PEERS);
    expect(id - REQUEST_KNOWS_CONNECTED_PEERS).toBeLessThan(REQUEST_ASKS_BACK);
    // Towards a peer that has not said it takes lists, a resync cannot ask back.
    h.sync.resync();
    const [second] = h.messages();
    expect(second?.kind === 'sync-request' && second.requestId).toBe(id + 1);
    deliver(h.sync, request(REQUEST_KNOWS_CONNECTED_PEERS + 1));
    h.messages();
    h.sync.resync();
    const [third] = h.messages().filter((message) => message.kind === 'sync-request');
    expect(third?.kind === 'sync-request' && third.requestId).toBe(
      REQUEST_KNOWS_CONNECTED_PEERS + REQUEST_ASKS_BACK + 3,
    );
  });

  it('sends no list to a peer that did not say it takes them (an older Latitude or plain y-webrtc)', () => {
    const h = end();
    h.sync.onConnect();
    h.sync.advertiseConnectedPeers([UUID_A]);
    // An older Latitude peer counts its requests from 1: no bit 31.
    deliver(h.sync, request(1));
    deliver(h.sync, { kind: 'sync-reply', requestId: REQUEST_KNOWS_CONNECTED_PEERS + 1, update: new Uint8Array(0) });
    h.sync.advertiseConnectedPeers([UUID_A, UUID_B]);
    expect(h.messages().map((message) => message.kind)).toEqual(['sync-request', 'sync-reply']);
    expect(h.sync.status()).toMatchObject({ synced: true, peerKnowsConnectedPeers: false });
    expect(countsAsConnected(h.sync)).toBe(false);
    // A plain y-webrtc peer answers every frame with an empty message; it never gets a list either.
    const plain = end();
    plain.sync.onConnect();
    plain.sync.advertiseConnectedPeers([UUID_A]);
    expect(plain.sync.receive(new Uint8Array(0))).toBe(true);
    expect(plain.messages().map((message) => message.kind)).toEqual(['sync-request']);
    expect(plain.errors()).toEqual(['peer-not-latitude']);
  });

  it('sends its list once the peer says it takes lists, then only when the set changes', () => {
    const h = end();
    h.sync.onConnect();
    h.messages();
    h.sync.advertiseConnectedPeers([UUID_A]);
    expect(h.messages()).toEqual([]);
    deliver(h.sync, request(REQUEST_KNOWS_CONNECTED_PEERS + 1));
    expect(h.messages()).toEqual([
      { kind: 'sync-reply', requestId: REQUEST_KNOWS_CONNECTED_PEERS + 1, update: new Uint8Array(0) },
      list(1, [UUID_A]),
    ]);
    h.sync.advertiseConnectedPeers([UUID_A]);
    h.sync.advertiseConnectedPeers([UUID_A, UUID_A, 'not listable']);
    expect(h.messages()).toEqual([]);
    h.sync.advertiseConnectedPeers([UUID_B, UUID_A]);
    h.sync.advertiseConnectedPeers([]);
    expect(h.messages()).toEqual([list(2, [UUID_B, UUID_A]), list(3, [])]);
    // A new connection starts with no list sent; the sequence goes on.
    h.sync.onClose();
    h.sync.onConnect();
    h.sync.advertiseConnectedPeers([UUID_B]);
    deliver(h.sync, request(REQUEST_KNOWS_CONNECTED_PEERS + 9));
    expect(h.messages().filter((message) => message.kind === 'connected-peers')).toEqual([list(4, [UUID_B])]);
  });

  it("keeps the peer's latest list, ignoring one that comes late, and forgets it when the connection closes", () => {
    const h = end();
    h.sync.onConnect();
    expect(h.sync.peerIsConnectedTo(UUID_A)).toBe(false);
    deliver(h.sync, list(5, [UUID_A, UUID_B]));
    expect(h.sync.peerIsConnectedTo(UUID_A)).toBe(true);
    expect(h.sync.status().peerConnectedPeers).toEqual([UUID_A, UUID_B]);
    deliver(h.sync, list(4, []));
    deliver(h.sync, list(5, []));
    expect(h.sync.status().peerConnectedPeers).toEqual([UUID_A, UUID_B]);
    deliver(h.sync, list(6, [UUID_A, UUID_B, 'c']));
    expect(h.sync.peerIsConnectedTo('c')).toBe(true);
    expect(h.errors()).toEqual([]);
    h.sync.onClose();
    expect(h.sync.peerIsConnectedTo(UUID_A)).toBe(false);
    h.sync.onConnect();
    expect(h.sync.status().peerConnectedPeers).toBeNull();
  });

  it('answers a list that drops a peer with a state-vector exchange both ways', () => {
    const a = end();
    const b = end();
    a.sync.onConnect();
    b.sync.onConnect();
    pump(a, b);
    a.messages();
    b.messages();
    b.sync.advertiseConnectedPeers([UUID_A, UUID_B]);
    pump(a, b);
    expect(a.sync.peerIsConnectedTo(UUID_A)).toBe(true);
    expect(a.messages()).toEqual([]);
    // A list that only adds someone changes nothing else.
    b.sync.advertiseConnectedPeers([UUID_A, UUID_B, 'c']);
    pump(a, b);
    expect(a.messages()).toEqual([]);
    b.messages();
    b.sync.advertiseConnectedPeers([UUID_B, 'c']);
    pump(a, b);
    // a asks b for b's state and for b's request back; b answers that request too.
    const fromA = a.messages();
    const fromB = b.messages();
    expect(fromA.map((message) => message.kind)).toEqual(['sync-request', 'sync-reply']);
    expect(fromA[0]?.kind === 'sync-request' && fromA[0].requestId).toBeGreaterThan(
      REQUEST_KNOWS_CONNECTED_PEERS + REQUEST_ASKS_BACK,
    );
    expect(fromB.map((message) => message.kind)).toEqual(['connected-peers', 'sync-reply', 'sync-request']);
    const back = fromB[2];
    expect(back?.kind === 'sync-request' && back.requestId < REQUEST_KNOWS_CONNECTED_PEERS + REQUEST_ASKS_BACK).toBe(
      true,
    );
    expect(a.sync.peerIsConnectedTo(UUID_A)).toBe(false);
    expect([...a.errors(), ...b.errors()]).toEqual([]);
  });

  it('drops a malformed or oversized list with a reported problem, relying on none from then on', () => {
    const h = end();
    h.sync.onConnect();
    deliver(h.sync, request(REQUEST_KNOWS_CONNECTED_PEERS + 1));
    deliver(h.sync, list(1, [UUID_A]));
    h.messages();
    const oversized = Uint8Array.from([MessageKind.connectedPeers, ...body(2, MAX_CONNECTED_PEERS + 1, [])]);
    deliver(h.sync, oversized);
    expect(h.errors()).toEqual(['malformed-message']);
    expect(h.events[0]).toMatchObject({
      message: `Refused a message from the peer: a list of connected peers: a list of ${MAX_CONNECTED_PEERS + 1} peers is over ${MAX_CONNECTED_PEERS}.`,
    });
    expect(h.sync.peerIsConnectedTo(UUID_A)).toBe(false);
    // What we skipped sending while the list named UUID_A may be missing there: resync both ways.
    expect(h.messages()).toEqual([
      expect.objectContaining({
        kind: 'sync-request',
        requestId: REQUEST_KNOWS_CONNECTED_PEERS + REQUEST_ASKS_BACK + 2,
      }),
    ]);
    // A large message of many frames, and garbage: reported, never thrown.
    const huge = new Uint8Array(MAX_PEER_LIST_BYTES * 3).fill(0x41);
    huge[0] = MessageKind.connectedPeers;
    deliver(h.sync, huge);
    deliver(h.sync, Uint8Array.of(MessageKind.connectedPeers));
    expect(h.errors()).toEqual(['malformed-message', 'malformed-message', 'malformed-message']);
    expect(h.sync.status().peerConnectedPeers).toBeNull();
    // With no list held, a bad one asks for nothing more.
    expect(h.messages()).toEqual([]);
    deliver(h.sync, list(3, [UUID_B]));
    expect(h.sync.peerIsConnectedTo(UUID_B)).toBe(true);
  });

  it('tells its owner when the connection starts and stops counting as connected', () => {
    let changes = 0;
    const h = end({ onDirectoryChange: () => (changes += 1) });
    h.sync.onConnect();
    deliver(h.sync, request(REQUEST_KNOWS_CONNECTED_PEERS + 1));
    expect(changes).toBe(0);
    expect(countsAsConnected(h.sync)).toBe(false);
    deliver(h.sync, { kind: 'sync-reply', requestId: 1, update: new Uint8Array(0) });
    expect(changes).toBe(1);
    expect(countsAsConnected(h.sync)).toBe(true);
    h.sync.onClose();
    expect(changes).toBe(2);
    expect(countsAsConnected(h.sync)).toBe(false);
  });
});

describe('deciding where an update goes', () => {
  it('sends to everyone but the peer it came from and peers whose list names that peer, unless it is mixed', () => {
    const c = end();
    c.sync.onConnect();
    deliver(c.sync, list(1, [UUID_A]));
    expect(sendsUpdateTo(null, 'c', c.sync)).toBe(true);
    expect(sendsUpdateTo({ peerId: UUID_A, mixed: false }, 'c', c.sync)).toBe(false);
    expect(sendsUpdateTo({ peerId: UUID_A, mixed: true }, 'c', c.sync)).toBe(true);
    expect(sendsUpdateTo({ peerId: UUID_B, mixed: false }, 'c', c.sync)).toBe(true);
    expect(sendsUpdateTo({ peerId: 'c', mixed: false }, 'c', c.sync)).toBe(false);
  });

  it('advertises to each connection the others that count, leaving out the connection itself', () => {
    const ends = [end(), end(), end()];
    for (const h of ends) h.sync.onConnect();
    // The first two are synced with peers that take lists; the third is still syncing.
    for (const h of ends) deliver(h.sync, request(REQUEST_KNOWS_CONNECTED_PEERS + 1));
    for (const h of ends.slice(0, 2)) deliver(h.sync, { kind: 'sync-reply', requestId: 1, update: new Uint8Array(0) });
    for (const h of ends) h.messages();
    advertiseConnectedPeers([
      ['x', ends[0]!.sync],
      ['y', ends[1]!.sync],
      ['z', ends[2]!.sync],
    ]);
    expect(ends.map((h) => h.messages())).toEqual([[list(1, ['y'])], [list(1, ['x'])], [list(1, ['x', 'y'])]]);
  });
});
