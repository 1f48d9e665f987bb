/**
 * Latitude's sync exchange, on a stand-in document (shared/ may not import Yjs; the same
 * state machine on real Yjs documents is tested in test/unit/sync-convergence.test.ts):
 * the y-webrtc message formats, the exchange on connect, retries and their limits, promise
 * sends, timeouts, and every way a peer's bytes can be refused without a throw.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FRAME_HEADER_BYTES, splitMessage } from './chunking';
import { createSimNetwork } from './sim-network';
import {
  EMPTY_YJS_UPDATE,
  MessageKind,
  createChunkedSync,
  decodeLatitudeMessage,
  encodeLatitudeMessage,
  encodeYWebrtcSyncMessage,
  isAnsweredByLatitude,
  parseYWebrtcMessage,
  type ChunkedSyncOptions,
  type SendMessage,
  type SyncDocument,
  type SyncEvent,
} from './wire';

// ---------------------------------------------------------------------------------------
// A stand-in document: each client appends entries; a state vector says how many entries
// of each client are known; an update carries entries. Applying checks everything first.

interface FakeDoc extends SyncDocument {
  append(client: number, entry: Uint8Array): Uint8Array;
  snapshot(): string;
  readonly applied: unknown[];
}

function createFakeDoc(): FakeDoc {
  const clients = new Map<number, Uint8Array[]>();
  const applied: unknown[] = [];
  const encode = (entries: ReadonlyArray<[number, number, Uint8Array]>): Uint8Array => {
    const size = entries.reduce((sum, [, , entry]) => sum + 12 + entry.byteLength, 0);
    const out = new Uint8Array(size);
    const view = new DataView(out.buffer);
    let at = 0;
    for (const [client, index, entry] of entries) {
      view.setUint32(at, client);
      view.setUint32(at + 4, index);
      view.setUint32(at + 8, entry.byteLength);
      out.set(entry, at + 12);
      at += 12 + entry.byteLength;
    }
    return out;
  };
  const decode = (update: Uint8Array): Array<[number, number, Uint8Array]> => {
    const view = new DataView(update.buffer, update.byteOffset, update.byteLength);
    const entries: Array<[number, number, Uint8Array]> = [];
    for (let at = 0; at < update.byteLength;) {
      if (at + 12 > update.byteLength) throw new Error('truncated entry header');
      const length = view.getUint32(at + 8);
      if (at + 12 + length > update.byteLength) throw new Error('truncated entry');
      entries.push([view.getUint32(at), view.getUint32(at + 4), update.slice(at + 12, at + 12 + length)]);
      at += 12 + length;
    }
    return entries;
  };
  const known = (client: number): number => clients.get(client)?.length ?? 0;
  return {
    applied,
    append(client, entry) {
      const list = clients.get(client) ?? [];
      clients.set(client, [...list, entry]);
      return encode([[client, list.length, entry]]);
    },
    stateVector() {
      const out = new Uint8Array(clients.size * 8);
      const view = new DataView(out.buffer);
      [...clients.keys()].forEach((client, i) => {
        view.setUint32(i * 8, client);
        view.setUint32(i * 8 + 4, known(client));
      });
      return out;
    },
    missingSince(stateVector) {
      if (stateVector.byteLength % 8 !== 0) throw new Error('a state vector is pairs of uint32');
      const view = new DataView(stateVector.buffer, stateVector.byteOffset, stateVector.byteLength);
      const theirs = new Map<number, number>();
      for (let at = 0; at < stateVector.byteLength; at += 8) theirs.set(view.getUint32(at), view.getUint32(at + 4));
      const missing: Array<[number, number, Uint8Array]> = [];
      for (const [client, list] of clients) {
        list.forEach((entry, index) => {
          if (index >= (theirs.get(client) ?? 0)) missing.push([client, index, entry]);
        });
      }
      return encode(missing);
    },
    applyUpdate(update, origin) {
      const entries = decode(update);
      // Entries arrive in order per client; one beyond what is known is a broken update.
      const next = new Map<number, number>();
      for (const [client, index] of entries) {
        const expected = next.get(client) ?? known(client);
        if (index > expected) throw new Error(`entry ${index} of client ${client} before ${expected}`);
        next.set(client, Math.max(expected, index + 1));
      }
      for (const [client, index, entry] of entries) {
        const list = clients.get(client) ?? [];
        if (index === list.length) clients.set(client, [...list, entry]);
      }
      applied.push(origin);
    },
    snapshot() {
      return JSON.stringify(
        [...clients].sort(([a], [b]) => a - b).map(([client, list]) => [client, list.map((e) => [...e])]),
      );
    },
  };
}

const ORIGIN = { source: 'test-peer' };
const filled = (length: number, value = 7): Uint8Array => new Uint8Array(length).fill(value);

/** One end of a sync with a send the test drives, and the events it raised. */
function harness(overrides: Partial<ChunkedSyncOptions> & { send?: SendMessage } = {}) {
  let time = 0;
  const sent: Uint8Array[] = [];
  const events: SyncEvent[] = [];
  const doc = createFakeDoc();
  const sync = createChunkedSync({
    doc,
    origin: ORIGIN,
    now: () => time,
    send: (message) => {
      sent.push(message);
      return true;
    },
    onEvent: (event) => events.push(event),
    ...overrides,
  });
  return {
    sync,
    doc,
    sent,
    events,
    errors: () => events.flatMap((event) => (event.kind === 'error' ? [event.reason] : [])),
    at: (next: number) => {
      time = next;
    },
  };
}

describe('y-webrtc messages', () => {
  it('encodes sync messages as y-protocols does, lengths as lib0 varuints', () => {
    expect([...encodeYWebrtcSyncMessage('sync-step-1', Uint8Array.of(9, 8))]).toEqual([0, 0, 2, 9, 8]);
    expect([...encodeYWebrtcSyncMessage('sync-step-2', Uint8Array.of(5))]).toEqual([0, 1, 1, 5]);
    const long = encodeYWebrtcSyncMessage('update', filled(300));
    expect([...long.subarray(0, 4)]).toEqual([0, 2, 0xac, 0x02]);
    expect(long.byteLength).toBe(304);
  });

  it('tells every kind of message apart, without throwing on nonsense', () => {
    expect(parseYWebrtcMessage(encodeYWebrtcSyncMessage('sync-step-1', Uint8Array.of(1, 2)))).toEqual({
      type: 'sync-step-1',
      stateVector: Uint8Array.of(1, 2),
    });
    expect(parseYWebrtcMessage(encodeYWebrtcSyncMessage('update', filled(300)))).toEqual({
      type: 'update',
      update: filled(300),
    });
    expect(parseYWebrtcMessage(Uint8Array.of(0, 1, 0))).toEqual({ type: 'sync-step-2', update: new Uint8Array(0) });
    expect(parseYWebrtcMessage(Uint8Array.of(1, 5, 1, 2, 3))).toEqual({ type: 'awareness' });
    expect(parseYWebrtcMessage(Uint8Array.of(3))).toEqual({ type: 'query-awareness' });
    expect(parseYWebrtcMessage(Uint8Array.of(4, 1, 0))).toEqual({ type: 'bc-peer-id' });
    expect(parseYWebrtcMessage(new Uint8Array(0))).toEqual({ type: 'empty' });
    expect(parseYWebrtcMessage(splitMessage(filled(3), { messageId: 1 })[0] ?? filled(0))).toEqual({
      type: 'latitude',
    });
    for (const nonsense of [
      [2],
      [0x80],
      [0, 3, 0],
      [0, 2, 5, 1],
      [0, 2],
      [0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 1],
    ]) {
      expect(parseYWebrtcMessage(Uint8Array.from(nonsense))).toEqual({ type: 'unknown' });
    }
  });

  it('never throws on random bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 40 }), (message) => {
        expect(() => parseYWebrtcMessage(message)).not.toThrow();
      }),
      { numRuns: 500 },
    );
  });
});

describe('Latitude messages', () => {
  it('round-trips each kind', () => {
    const messages = [
      { kind: 'sync-request', requestId: 0xfffffffe, stateVector: Uint8Array.of(1, 2) },
      { kind: 'sync-reply', requestId: 3, update: filled(10) },
      { kind: 'update', update: filled(4) },
    ] as const;
    for (const message of messages) {
      expect(decodeLatitudeMessage(encodeLatitudeMessage(message))).toEqual({ ok: true, message });
    }
    expect([...encodeLatitudeMessage(messages[0])]).toEqual([MessageKind.syncRequest, 0xff, 0xff, 0xff, 0xfe, 1, 2]);
  });

  it('refuses an unknown kind or a short request', () => {
    expect(decodeLatitudeMessage(Uint8Array.of(9, 1))).toEqual({ ok: false, reason: 'unknown message kind 9' });
    expect(decodeLatitudeMessage(Uint8Array.of(MessageKind.syncReply, 0, 0))).toEqual({
      ok: false,
      reason: 'a message of 3 bytes',
    });
    expect(decodeLatitudeMessage(new Uint8Array(0))).toEqual({ ok: false, reason: 'an empty message' });
  });
});

describe('createChunkedSync', () => {
  it('syncs two peers on connect, in frames no larger than maxFrameBytes, with progress', () => {
    const a = createFakeDoc();
    const b = createFakeDoc();
    for (let i = 0; i < 40; i += 1) a.append(1, filled(1_000, i));
    b.append(2, filled(10));
    const network = createSimNetwork({
      peers: [a, b].map((document) => ({ document, subscribe: () => () => undefined })),
      random: () => 0.5,
      origin: ORIGIN,
      maxFrameBytes: 4_096,
    });
    network.connectAll();
    network.settle();
    expect(b.snapshot()).toEqual(a.snapshot());
    expect(network.stats.largestMessage).toBeLessThanOrEqual(4_096);
    expect(network.syncOf(0, 1).status()).toMatchObject({ synced: true, peerSpeaksLatitude: true, queued: 0 });
    expect(network.syncOf(1, 0).status().synced).toBe(true);
    const atB = network.events.filter((record) => record.peer === 1).map((record) => record.event);
    const progress = atB.flatMap((event) => (event.kind === 'progress' ? [event] : []));
    expect(progress.length).toBeGreaterThan(5);
    expect(progress.every((event) => event.totalBytes > 40_000 && event.receivedBytes < event.totalBytes)).toBe(true);
    expect(atB.at(-1)).toEqual({ kind: 'synced' });
    expect(b.applied.every((origin) => origin === ORIGIN)).toBe(true);
  });

  it('retries a refused send with growing delays, then sends on', () => {
    let refusals = 2;
    const h = harness({
      send: () => {
        if (refusals === 0) return true;
        refusals -= 1;
        if (refusals === 1) return false;
        throw new Error('channel not open');
      },
    });
    h.sync.onConnect();
    expect(h.sync.status()).toMatchObject({ queued: 1, retryAt: 50 });
    h.sync.tick(49);
    expect(h.sync.status().queued).toBe(1);
    h.sync.tick(50);
    expect(h.sync.status()).toMatchObject({ queued: 1, retryAt: 150 });
    h.sync.tick(150);
    expect(h.sync.status()).toMatchObject({ queued: 0, retryAt: null });
    expect(h.errors()).toEqual([]);
  });

  it('gives a message up after maxSendAttempts, says so, and sends the next one', () => {
    let refuse = true;
    const delivered: Uint8Array[] = [];
    const h = harness({
      maxSendAttempts: 3,
      maxFrameBytes: 64,
      send: (message) => {
        if (refuse) return false;
        delivered.push(message);
        return true;
      },
    });
    h.sync.onConnect(); // one frame: the sync request
    h.sync.sendUpdate(filled(100)); // three frames
    h.sync.tick(50);
    h.sync.tick(150);
    // The request is given up; the update's first frame failed once in the same go.
    expect(h.errors()).toEqual(['send-failed']);
    expect(h.sync.status()).toMatchObject({ queued: 3, retryAt: 200 });
    refuse = false;
    h.sync.tick(200);
    expect(h.sync.status().queued).toBe(0);
    expect(delivered).toHaveLength(3);
    const message = h.events.find((event) => event.kind === 'error');
    expect(message).toMatchObject({ kind: 'error', reason: 'send-failed' });
  });

  it('drops the rest of a message whose frame was given up', () => {
    let sends = 0;
    const h = harness({ maxSendAttempts: 1, maxFrameBytes: 64, send: () => ++sends !== 2 });
    h.sync.sendUpdate(filled(100));
    expect(h.errors()).toEqual(['send-failed']);
    expect(h.sync.status().queued).toBe(0);
  });

  it('waits for a promise send before the next, and retries when it rejects or hangs', async () => {
    const pending: Array<{ resolve: () => void; reject: (error: Error) => void }> = [];
    const h = harness({
      maxFrameBytes: 64,
      sendTimeoutMs: 1_000,
      send: () => new Promise<void>((resolve, reject) => pending.push({ resolve, reject })),
    });
    h.sync.sendUpdate(filled(100)); // three frames
    expect(pending).toHaveLength(1);
    expect(h.sync.status()).toMatchObject({ sending: true, queued: 3 });
    pending[0]?.resolve();
    await Promise.resolve();
    expect(pending).toHaveLength(2);
    expect(h.sync.status().queued).toBe(2);
    pending[1]?.reject(new Error('closed'));
    await Promise.resolve();
    expect(h.sync.status()).toMatchObject({ sending: false, queued: 2, retryAt: 50 });
    h.sync.tick(50);
    expect(pending).toHaveLength(3);
    // This one never settles: after sendTimeoutMs it counts as failed and is sent again.
    h.sync.tick(1_050);
    expect(h.sync.status()).toMatchObject({ sending: false, retryAt: 1_150 });
    pending[2]?.resolve(); // too late: changes nothing
    await Promise.resolve();
    expect(h.sync.status().queued).toBe(2);
    h.sync.tick(1_150);
    pending[3]?.resolve();
    await Promise.resolve();
    pending[4]?.resolve();
    await Promise.resolve();
    expect(h.sync.status()).toMatchObject({ queued: 0, sending: false });
    expect(h.errors()).toEqual([]);
  });

  it('asks again when the peer does not answer, then reports', () => {
    const h = harness({ responseTimeoutMs: 1_000, maxSyncRequests: 2 });
    h.sync.onConnect();
    expect(h.sent).toHaveLength(1);
    h.sync.tick(999);
    expect(h.sent).toHaveLength(1);
    h.sync.tick(1_000);
    expect(h.sent).toHaveLength(2);
    h.sync.tick(2_000);
    expect(h.errors()).toEqual(['sync-timeout']);
    expect(h.sync.status().awaitingReply).toBe(false);
    h.sync.tick(5_000);
    expect(h.sent).toHaveLength(2);
  });

  it('keeps waiting while the reply is arriving', () => {
    const h = harness({ responseTimeoutMs: 1_000, maxFrameBytes: 64 });
    h.sync.onConnect();
    const reply = splitMessage(encodeLatitudeMessage({ kind: 'sync-reply', requestId: 1, update: new Uint8Array(0) }), {
      maxFrameBytes: 64,
      messageId: 1,
    });
    const slow = splitMessage(filled(200), { maxFrameBytes: 64, messageId: 2 });
    for (const [i, frame] of slow.slice(0, 3).entries()) {
      h.at(900 * (i + 1));
      h.sync.receive(frame);
      h.sync.tick(900 * (i + 1));
    }
    expect(h.sent).toHaveLength(1);
    h.at(3_000);
    h.sync.receive(reply[0] ?? filled(0));
    expect(h.events.at(-1)).toEqual({ kind: 'synced' });
  });

  it('refuses a malformed update from the peer without a throw and leaves the document as it was', () => {
    const h = harness();
    h.doc.append(1, filled(3));
    const before = h.doc.snapshot();
    const broken = encodeLatitudeMessage({
      kind: 'update',
      update: Uint8Array.of(0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 9, 1),
    });
    expect(h.sync.receive(splitMessage(broken, { messageId: 1 })[0] ?? filled(0))).toBe(true);
    const gap = encodeLatitudeMessage({ kind: 'update', update: createFakeDoc().append(1, filled(1)) });
    // An entry 0 of client 1 is already there: fine (idempotent); an entry 5 is not.
    expect(h.sync.receive(splitMessage(gap, { messageId: 2 })[0] ?? filled(0))).toBe(true);
    const future = new Uint8Array(13);
    new DataView(future.buffer).setUint32(0, 1);
    new DataView(future.buffer).setUint32(4, 5);
    new DataView(future.buffer).setUint32(8, 1);
    const reply = encodeLatitudeMessage({ kind: 'sync-reply', requestId: 1, update: future });
    expect(h.sync.receive(splitMessage(reply, { messageId: 3 })[0] ?? filled(0))).toBe(true);
    expect(h.errors()).toEqual(['malformed-update', 'malformed-update']);
    expect(h.doc.snapshot()).toEqual(before);
  });

  it('refuses a malformed state vector, an unknown kind and malformed frames, reporting each', () => {
    const h = harness({ maxFrameBytes: 64 });
    const frameOf = (payload: Uint8Array, messageId: number): Uint8Array =>
      splitMessage(payload, { messageId })[0] ?? filled(0);
    h.sync.receive(frameOf(encodeLatitudeMessage({ kind: 'sync-request', requestId: 1, stateVector: filled(3) }), 1));
    h.sync.receive(frameOf(Uint8Array.of(42), 2));
    h.sync.receive(Uint8Array.of(0x64, 1, 2));
    // Two bad frames of one message: one report.
    const bad = splitMessage(filled(100), { maxFrameBytes: 64, messageId: 3 }).map((frame) => {
      const copy = frame.slice();
      copy[13] = 9; // count 9
      return copy;
    });
    for (const frame of bad) h.sync.receive(frame);
    expect(h.errors()).toEqual(['malformed-state-vector', 'malformed-message', 'malformed-frame', 'malformed-frame']);
    expect(h.sent).toEqual([]);
  });

  it('reports an incomplete message that stops arriving', () => {
    const h = harness({ reassemblyTimeoutMs: 500 });
    h.sync.receive(splitMessage(filled(100), { maxFrameBytes: 64, messageId: 1 })[0] ?? filled(0));
    h.at(500);
    h.sync.tick(500);
    expect(h.errors()).toEqual(['message-dropped']);
    expect(h.sync.status()).toMatchObject({ pendingMessages: 0, pendingBytes: 0 });
  });

  it('takes an empty answer as a peer that does not speak Latitude, reported once', () => {
    const h = harness();
    h.sync.onConnect();
    expect(h.sync.receive(new Uint8Array(0))).toBe(true);
    expect(h.sync.receive(new Uint8Array(0))).toBe(true);
    expect(h.errors()).toEqual(['peer-not-latitude']);
    expect(h.sync.status().peerSpeaksLatitude).toBe(false);
  });

  it("leaves y-webrtc's messages to y-webrtc", () => {
    const h = harness();
    for (const message of [encodeYWebrtcSyncMessage('update', filled(5)), Uint8Array.of(1, 0), Uint8Array.of(3)]) {
      expect(h.sync.receive(message)).toBe(false);
    }
    expect(h.events).toEqual([]);
  });

  it("answers a Latitude peer's y-webrtc sync step 1 itself, and a plain peer's not", () => {
    const h = harness();
    h.sync.onConnect();
    const stepOne = encodeYWebrtcSyncMessage('sync-step-1', Uint8Array.of(0));
    expect(isAnsweredByLatitude(h.sync, stepOne)).toBe(false);
    const request = encodeLatitudeMessage({ kind: 'sync-request', requestId: 1, stateVector: new Uint8Array(0) });
    h.sync.receive(splitMessage(request, { messageId: 1 })[0] ?? filled(0));
    expect(isAnsweredByLatitude(h.sync, stepOne)).toBe(true);
    expect(isAnsweredByLatitude(h.sync, encodeYWebrtcSyncMessage('update', filled(3)))).toBe(false);
    expect(parseYWebrtcMessage(encodeYWebrtcSyncMessage('sync-step-2', EMPTY_YJS_UPDATE))).toEqual({
      type: 'sync-step-2',
      update: EMPTY_YJS_UPDATE,
    });
  });

  it('reads nothing after close', () => {
    const h = harness();
    h.sync.onConnect();
    h.sync.onClose();
    const request = encodeLatitudeMessage({ kind: 'sync-request', requestId: 1, stateVector: new Uint8Array(0) });
    expect(h.sync.receive(splitMessage(request, { messageId: 1 })[0] ?? filled(0))).toBe(true);
    expect(h.sync.receive(encodeYWebrtcSyncMessage('update', filled(3)))).toBe(false);
    expect(h.sync.status()).toMatchObject({ queued: 0, peerSpeaksLatitude: false });
  });

  it("sends y-webrtc's small messages as they are and its large updates in frames", () => {
    const h = harness({ maxFrameBytes: 1_024 });
    const small = encodeYWebrtcSyncMessage('update', filled(100));
    h.sync.sendYWebrtcMessage(small);
    expect(h.sent).toEqual([small]);
    h.sync.sendYWebrtcMessage(encodeYWebrtcSyncMessage('sync-step-2', filled(5_000)));
    expect(h.sent.length).toBe(1 + Math.ceil((5_001 - 0) / (1_024 - FRAME_HEADER_BYTES)));
    expect(h.sent.every((message) => message.byteLength <= 1_024)).toBe(true);
    const receiver = harness({ maxFrameBytes: 1_024 });
    for (const message of h.sent.slice(1)) receiver.sync.receive(message);
    expect(receiver.doc.applied).toEqual([]); // 5,000 bytes of 7s are no valid entries …
    expect(receiver.errors()).toEqual(['malformed-update']); // … and are refused as such.
    h.sync.sendYWebrtcMessage(Uint8Array.from([1, ...filled(2_000)]));
    expect(h.errors()).toEqual(['too-large']);
  });

  it('carries an update of any size from sendUpdate, applied once complete', () => {
    const a = harness({ maxFrameBytes: 256 });
    const b = harness({ maxFrameBytes: 256 });
    const update = a.doc.append(5, filled(10_000, 3));
    a.sync.sendUpdate(update);
    for (const message of [...a.sent].reverse()) b.sync.receive(message);
    expect(b.doc.snapshot()).toEqual(a.doc.snapshot());
    expect(b.errors()).toEqual([]);
  });

  it('drops what it holds on close, ignores sends while closed, and starts afresh on connect', () => {
    const h = harness({ send: () => false });
    h.sync.onConnect();
    h.sync.onClose();
    expect(h.sync.status()).toMatchObject({ open: false, queued: 0, awaitingReply: false, retryAt: null });
    h.sync.sendUpdate(filled(10));
    h.sync.sendYWebrtcMessage(filled(10));
    h.sync.tick(10_000);
    expect(h.sync.status().queued).toBe(0);
    expect(h.errors()).toEqual([]);
  });

  it('converges two peers on random data through refusals, duplicates and any order', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat(1), fc.integer({ min: 0, max: 3_000 })), { maxLength: 12 }),
        fc.constantFrom(64, 300, 4_096),
        fc.boolean(),
        fc.integer({ min: 1, max: 2_147_483_646 }),
        (entries, maxFrameBytes, ordered, seed) => {
          const docs = [createFakeDoc(), createFakeDoc()];
          for (const [peer, size] of entries) docs[peer]?.append(peer, filled(size, size % 256));
          let state = seed;
          const network = createSimNetwork({
            peers: docs.map((document) => ({ document, subscribe: () => () => undefined })),
            random: () => ((state = (state * 48_271) % 2_147_483_647) - 1) / 2_147_483_646,
            origin: ORIGIN,
            maxFrameBytes,
            ordered,
            duplicateRate: 0.1,
            failRate: 0.2,
            sync: { maxPendingMessages: 64 },
          });
          network.connectAll();
          network.settle();
          expect(docs[1]?.snapshot()).toEqual(docs[0]?.snapshot());
          expect(network.stats.oversized).toBe(0);
          const reasons = network.events.flatMap(({ event }) => (event.kind === 'error' ? [event.reason] : []));
          expect(reasons.filter((reason) => reason !== 'send-failed')).toEqual([]);
        },
      ),
      { numRuns: 150 },
    );
  });
});
