/**
 * The framing layer: the exact bytes of a frame, every way a frame can contradict itself or
 * its message, and properties over random payloads, orders, duplicates and garbage: what is
 * split comes back whole, nothing throws, memory stays bounded.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_MAX_FRAME_BYTES,
  FRAME_HEADER_BYTES,
  FRAME_MAGIC,
  FRAME_VERSION,
  createReassembler,
  isFrame,
  readFrameHeader,
  splitMessage,
  type AcceptResult,
  type DiscardedMessage,
  type ReassemblerOptions,
} from './chunking';

const bytes = (...values: number[]): Uint8Array => Uint8Array.from(values);
const range = (length: number, start = 0): Uint8Array => Uint8Array.from({ length }, (_, i) => (start + i) % 256);

/** A frame written by hand: header fields and body. */
function frame(
  header: { messageId?: number; index: number; count: number; total: number; magic?: number; version?: number },
  body: Uint8Array,
): Uint8Array {
  const out = new Uint8Array(FRAME_HEADER_BYTES + body.byteLength);
  const view = new DataView(out.buffer);
  view.setUint8(0, header.magic ?? FRAME_MAGIC);
  view.setUint8(1, header.version ?? FRAME_VERSION);
  view.setUint32(2, header.messageId ?? 1);
  view.setUint32(6, header.index);
  view.setUint32(10, header.count);
  view.setUint32(14, header.total);
  out.set(body, FRAME_HEADER_BYTES);
  return out;
}

function clock(start = 0): { now: () => number; set: (time: number) => void } {
  let time = start;
  return { now: () => time, set: (next) => (time = next) };
}

/** The reason of a rejection, or what the result was instead. */
function rejection(result: AcceptResult): string {
  return result.kind === 'rejected' ? result.reason : `not rejected: ${result.kind}`;
}

function reassembler(overrides: Partial<ReassemblerOptions> = {}) {
  return createReassembler({ now: () => 0, ...overrides });
}

describe('splitMessage', () => {
  it('writes the documented header, big-endian, before each slice', () => {
    const frames = splitMessage(range(10, 1), { maxFrameBytes: FRAME_HEADER_BYTES + 4, messageId: 0x01020304 });
    expect(frames).toHaveLength(3);
    expect([...(frames[0] ?? [])]).toEqual([0x64, 1, 1, 2, 3, 4, 0, 0, 0, 0, 0, 0, 0, 3, 0, 0, 0, 10, 1, 2, 3, 4]);
    expect([...(frames[2] ?? [])]).toEqual([0x64, 1, 1, 2, 3, 4, 0, 0, 0, 2, 0, 0, 0, 3, 0, 0, 0, 10, 9, 10]);
  });

  it('keeps every frame within maxFrameBytes, 64 KiB by default', () => {
    const payload = range(200_000);
    const frames = splitMessage(payload, { messageId: 7 });
    expect(frames).toHaveLength(Math.ceil(200_000 / (DEFAULT_MAX_FRAME_BYTES - FRAME_HEADER_BYTES)));
    for (const each of frames) expect(each.byteLength).toBeLessThanOrEqual(DEFAULT_MAX_FRAME_BYTES);
    const exact = splitMessage(range(40), { maxFrameBytes: FRAME_HEADER_BYTES + 10, messageId: 1 });
    expect(exact.map((each) => each.byteLength)).toEqual([28, 28, 28, 28]);
  });

  it('sends an empty message as one header-only frame', () => {
    const frames = splitMessage(new Uint8Array(0), { messageId: 9 });
    expect(frames).toHaveLength(1);
    expect(frames[0]?.byteLength).toBe(FRAME_HEADER_BYTES);
    expect(reassembler().accept(frames[0] ?? bytes())).toEqual({
      kind: 'complete',
      messageId: 9,
      payload: new Uint8Array(0),
    });
  });

  it('refuses options no frame can honour', () => {
    expect(() => splitMessage(range(4), { maxFrameBytes: FRAME_HEADER_BYTES, messageId: 1 })).toThrow(RangeError);
    expect(() => splitMessage(range(4), { maxFrameBytes: 100.5, messageId: 1 })).toThrow(RangeError);
    expect(() => splitMessage(range(4), { messageId: -1 })).toThrow(RangeError);
    expect(() => splitMessage(range(4), { messageId: 2 ** 32 })).toThrow(RangeError);
  });

  it('marks frames apart from y-webrtc messages by their first byte', () => {
    expect(isFrame(splitMessage(range(3), { messageId: 1 })[0] ?? bytes())).toBe(true);
    for (const yWebrtcType of [0, 1, 3, 4]) expect(isFrame(bytes(yWebrtcType, 0, 0))).toBe(false);
    expect(isFrame(bytes())).toBe(false);
  });
});

describe('readFrameHeader', () => {
  const reasonOf = (candidate: Uint8Array): string => {
    const read = readFrameHeader(candidate);
    return read.ok ? 'ok' : read.reason;
  };

  it('reads a well-formed header', () => {
    expect(readFrameHeader(frame({ messageId: 5, index: 1, count: 3, total: 9 }, range(3)))).toEqual({
      ok: true,
      header: { messageId: 5, index: 1, count: 3, totalBytes: 9 },
    });
  });

  it('refuses each malformed header with a reason', () => {
    expect(reasonOf(range(10))).toMatch(/shorter than its header/);
    expect(reasonOf(frame({ magic: 0, index: 0, count: 1, total: 1 }, range(1)))).toMatch(/not a Latitude frame/);
    expect(reasonOf(frame({ version: 2, index: 0, count: 1, total: 1 }, range(1)))).toMatch(/version 2/);
    expect(reasonOf(frame({ index: 0, count: 0, total: 0 }, bytes()))).toMatch(/zero frames/);
    expect(reasonOf(frame({ index: 3, count: 3, total: 9 }, range(3)))).toMatch(/out of range/);
    expect(reasonOf(frame({ index: 0, count: 5, total: 4 }, range(1)))).toMatch(/5 frames for 4 bytes/);
    expect(reasonOf(frame({ index: 0, count: 2, total: 4 }, range(5)))).toMatch(/5 bytes in a message of 4/);
    expect(reasonOf(frame({ index: 0, count: 1, total: 4 }, range(3)))).toMatch(/only frame holds 3 of 4/);
    // 3 frames of 2 bytes cannot hold 9 bytes; 3 frames of 5 bytes would be 2 frames.
    expect(reasonOf(frame({ index: 0, count: 3, total: 9 }, range(2)))).toMatch(/cannot be 1 of 3/);
    expect(reasonOf(frame({ index: 1, count: 3, total: 9 }, range(5)))).toMatch(/cannot be 1 of 3/);
    expect(reasonOf(frame({ index: 2, count: 3, total: 9 }, bytes()))).toMatch(/empty last frame/);
  });
});

describe('createReassembler', () => {
  const payload = range(10, 1);
  const frames = splitMessage(payload, { maxFrameBytes: FRAME_HEADER_BYTES + 4, messageId: 3 });
  const [first, second, last] = frames as [Uint8Array, Uint8Array, Uint8Array];

  it('puts frames back together in any order and reports progress', () => {
    const r = reassembler();
    expect(r.accept(last)).toEqual({ kind: 'partial', messageId: 3, receivedBytes: 2, totalBytes: 10 });
    expect(r.accept(first)).toEqual({ kind: 'partial', messageId: 3, receivedBytes: 6, totalBytes: 10 });
    expect(r.pendingMessages).toBe(1);
    expect(r.pendingBytes).toBe(6);
    expect(r.accept(second)).toEqual({ kind: 'complete', messageId: 3, payload });
    expect(r.pendingMessages).toBe(0);
    expect(r.pendingBytes).toBe(0);
  });

  it('ignores a frame received twice, and a late copy of a completed message', () => {
    const r = reassembler();
    r.accept(first);
    expect(r.accept(first)).toEqual({ kind: 'duplicate', messageId: 3 });
    expect(r.pendingBytes).toBe(4);
    r.accept(second);
    expect(r.accept(last).kind).toBe('complete');
    expect(r.accept(second)).toEqual({ kind: 'duplicate', messageId: 3 });
    expect(r.pendingMessages).toBe(0);
    r.clear();
    expect(r.accept(first).kind).toBe('partial');
  });

  it('refuses frames that contradict their message', () => {
    const r = reassembler();
    r.accept(first);
    const changed = first.slice();
    changed[FRAME_HEADER_BYTES] = 99;
    expect(rejection(r.accept(changed))).toMatch(/came twice, different/);
    expect(rejection(r.accept(frame({ messageId: 3, index: 1, count: 3, total: 11 }, range(4))))).toMatch(
      /its message 3 \/ 10/,
    );
    // Three bytes where the first frame held four.
    expect(rejection(r.accept(frame({ messageId: 3, index: 1, count: 3, total: 10 }, range(3))))).toMatch(
      /cannot be 1 of 3/,
    );
    expect(rejection(r.accept(frame({ messageId: 3, index: 2, count: 3, total: 10 }, range(1))))).toMatch(
      /does not complete/,
    );
    // The message is intact: its own frames still complete it.
    r.accept(second);
    expect(r.accept(last)).toEqual({ kind: 'complete', messageId: 3, payload });
  });

  it('refuses full frames of different sizes within one message', () => {
    // 12 bytes in 3 frames: full frames of 4 or of 5 bytes would both do, but not both at once.
    const r = reassembler();
    expect(r.accept(frame({ messageId: 6, index: 0, count: 3, total: 12 }, range(4))).kind).toBe('partial');
    expect(rejection(r.accept(frame({ messageId: 6, index: 1, count: 3, total: 12 }, range(5))))).toMatch(
      /5 bytes where the others hold 4/,
    );
  });

  it('checks a last frame that came first once the size of the others is known', () => {
    const r = reassembler();
    expect(r.accept(frame({ messageId: 4, index: 2, count: 3, total: 10 }, range(3))).kind).toBe('partial');
    expect(rejection(r.accept(frame({ messageId: 4, index: 0, count: 3, total: 10 }, range(4))))).toMatch(
      /last frame of 3 bytes does not complete 3 frames of 4/,
    );
  });

  it('refuses a message larger than maxMessageBytes before holding anything', () => {
    const r = reassembler({ maxMessageBytes: 9 });
    expect(rejection(r.accept(first))).toMatch(/10 bytes is over 9/);
    expect(r.pendingBytes).toBe(0);
  });

  it('drops the oldest incomplete message when too many are pending', () => {
    const discarded: DiscardedMessage[] = [];
    const r = reassembler({ maxPendingMessages: 2, onDiscard: (message) => discarded.push(message) });
    for (const messageId of [1, 2, 3]) {
      r.accept(splitMessage(range(10), { maxFrameBytes: FRAME_HEADER_BYTES + 4, messageId })[0] ?? bytes());
    }
    expect(r.pendingMessages).toBe(2);
    expect(r.pendingBytes).toBe(8);
    expect(discarded).toEqual([{ messageId: 1, reason: 'evicted', receivedBytes: 4, totalBytes: 10 }]);
  });

  it('drops an incomplete message that received no frame for timeoutMs', () => {
    const time = clock(1_000);
    const discarded: DiscardedMessage[] = [];
    const r = reassembler({ timeoutMs: 100, now: time.now, onDiscard: (message) => discarded.push(message) });
    r.accept(first);
    time.set(1_090);
    r.accept(second); // a frame keeps its message alive
    time.set(1_150);
    expect(r.expire()).toBe(0);
    time.set(1_190);
    expect(r.expire()).toBe(1);
    expect(discarded).toEqual([{ messageId: 3, reason: 'expired', receivedBytes: 8, totalBytes: 10 }]);
    expect(r.pendingBytes).toBe(0);
    // The last frame alone now starts the message anew.
    expect(r.accept(last).kind).toBe('partial');
  });
});

// ---------------------------------------------------------------------------------------
// Properties

const payloadArbitrary = fc.uint8Array({ maxLength: 600 });
const frameSize = fc.integer({ min: FRAME_HEADER_BYTES + 1, max: FRAME_HEADER_BYTES + 64 });

/** Shuffles with fast-check's indexes, and repeats some frames. */
function scramble<T>(items: readonly T[], picks: readonly number[], repeats: readonly number[]): T[] {
  const pool = [...items, ...repeats.filter(() => items.length > 0).map((r) => items[r % items.length] as T)];
  const out: T[] = [];
  for (let i = 0; pool.length > 0; i += 1) out.push(pool.splice((picks[i] ?? 0) % pool.length, 1)[0] as T);
  return out;
}

describe('properties', () => {
  it('gives back every message once, whatever the order and duplicates', () => {
    fc.assert(
      fc.property(
        fc.array(payloadArbitrary, { minLength: 1, maxLength: 4 }),
        frameSize,
        fc.array(fc.nat(), { maxLength: 200 }),
        fc.array(fc.nat(), { maxLength: 30 }),
        (payloads, maxFrameBytes, picks, repeats) => {
          const frames = payloads.flatMap((payload, messageId) => splitMessage(payload, { maxFrameBytes, messageId }));
          for (const each of frames) expect(each.byteLength).toBeLessThanOrEqual(maxFrameBytes);
          const r = reassembler({ maxPendingMessages: payloads.length });
          const completed = new Map<number, Uint8Array[]>();
          for (const each of scramble(frames, picks, repeats)) {
            const result = r.accept(each);
            expect(result.kind).not.toBe('rejected');
            if (result.kind === 'complete') {
              completed.set(result.messageId, [...(completed.get(result.messageId) ?? []), result.payload]);
            }
          }
          expect(completed).toEqual(new Map(payloads.map((payload, messageId) => [messageId, [payload]])));
          expect(r.pendingMessages).toBe(0);
          expect(r.pendingBytes).toBe(0);
        },
      ),
      { numRuns: 300 },
    );
  });

  /** Bytes that often look like a frame: the right first bytes, then anything. */
  const garbage = fc.oneof(
    fc.uint8Array({ maxLength: 64 }),
    fc
      .uint8Array({ minLength: 16, maxLength: 64 })
      .map((rest) => Uint8Array.from([FRAME_MAGIC, FRAME_VERSION, ...rest])),
    fc
      .record({
        messageId: fc.nat(3),
        index: fc.nat(6),
        count: fc.nat(6),
        total: fc.nat(40),
        body: fc.uint8Array({ maxLength: 16 }),
      })
      .map(({ body, ...header }) => frame(header, body)),
  );

  it('never throws on garbage, and holds only what frames brought', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            garbage,
            payloadArbitrary.map((p) => splitMessage(p, { maxFrameBytes: 30, messageId: 2 })[0]!),
          ),
        ),
        fc.array(fc.nat(5_000), { maxLength: 40 }),
        (inputs, steps) => {
          const time = clock();
          const maxPendingMessages = 3;
          const maxMessageBytes = 500;
          const r = reassembler({ maxPendingMessages, maxMessageBytes, timeoutMs: 1_000, now: time.now });
          let heldAtMost = 0;
          inputs.forEach((input, i) => {
            time.set(time.now() + (steps[i] ?? 0));
            let result: AcceptResult | undefined;
            expect(() => (result = r.accept(input))).not.toThrow();
            if (result?.kind !== 'rejected') expect(readFrameHeader(input).ok).toBe(true);
            if (result?.kind === 'partial') heldAtMost += input.byteLength - FRAME_HEADER_BYTES;
            expect(r.pendingMessages).toBeLessThanOrEqual(maxPendingMessages);
            expect(r.pendingBytes).toBeLessThanOrEqual(Math.min(heldAtMost, maxPendingMessages * maxMessageBytes));
          });
          time.set(time.now() + 1_000);
          r.expire();
          expect(r.pendingMessages).toBe(0);
          expect(r.pendingBytes).toBe(0);
        },
      ),
      { numRuns: 500 },
    );
  });
});
