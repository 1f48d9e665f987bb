/**
 * Framing for peer-to-peer sync (issue 8 item 3): cuts one message of any size into frames
 * that each fit in one WebRTC data-channel message, and puts the frames back together on
 * the other side. Chromium refuses a data-channel message over 256 KiB; frames are at most
 * `maxFrameBytes` (64 KiB by default: far below that limit, and small enough that one frame
 * never holds up the SCTP association for long).
 *
 * A frame is an 18-byte header and a slice of the message, all integers big-endian:
 *
 * | offset | size | field                                                               |
 * |--------|------|---------------------------------------------------------------------|
 * | 0      | 1    | `FRAME_MAGIC` = 0x64 (100): the Latitude message type on the channel |
 * | 1      | 1    | `FRAME_VERSION` = 1                                                  |
 * | 2      | 4    | message id (uint32), chosen by the sender, unique per connection     |
 * | 6      | 4    | index of this frame (uint32), 0 ≤ index < count                      |
 * | 10     | 4    | count of frames of the message (uint32), ≥ 1                          |
 * | 14     | 4    | total length of the message in bytes (uint32)                         |
 * | 18     | …    | the slice: bytes [index × chunk, index × chunk + length) of the message |
 *
 * Every frame but the last carries the same number of bytes (`chunk`); the last carries the
 * rest; count = max(1, ⌈total ÷ chunk⌉). The magic byte is a one-byte lib0 varuint, so a
 * frame can share a data channel with y-webrtc's own messages, whose first byte is their
 * message type (0 sync, 1 awareness, 3 query awareness, 4 broadcast-channel peer id).
 *
 * The reassembler treats the peer as untrusted: each frame is checked against its header
 * and against the frames of the same message already received, and anything inconsistent
 * is refused with a reason, never thrown. A frame received twice is ignored (so is a late
 * copy of a message already completed, for the last `RECENT_IDS` messages). Memory is
 * bounded: a message may not announce more than `maxMessageBytes`; at most
 * `maxPendingMessages` messages are held incomplete (a new one drops the oldest); an
 * incomplete message that received no frame for `timeoutMs` is dropped. Only the bytes
 * actually received are held, never the announced total. Frames may arrive in any order.
 * There are no timers: the clock is a function passed in, read when frames arrive and
 * when `expire()` is called.
 */

/** First byte of every frame: the Latitude message type, unused by y-webrtc (one-byte lib0 varuint 100). */
export const FRAME_MAGIC = 0x64;

/** Version of the frame layout, second byte of every frame. */
export const FRAME_VERSION = 1;

/** Bytes of the frame header. */
export const FRAME_HEADER_BYTES = 18;

/** Default largest frame: 64 KiB, a quarter of Chromium's 256 KiB data-channel limit. */
export const DEFAULT_MAX_FRAME_BYTES = 64 * 1024;

/** Default largest message the reassembler accepts: 64 MiB. */
export const DEFAULT_MAX_MESSAGE_BYTES = 64 * 1024 * 1024;

/** Default number of incomplete messages held at once. */
export const DEFAULT_MAX_PENDING_MESSAGES = 4;

/** Default time after the last frame of an incomplete message before it is dropped. */
export const DEFAULT_REASSEMBLY_TIMEOUT_MS = 30_000;

/** How many completed message ids are remembered, so late duplicates are recognised. */
export const RECENT_IDS = 1024;

const UINT32_MAX = 0xffff_ffff;

/** What a frame header says. */
export interface FrameHeader {
  messageId: number;
  index: number;
  count: number;
  totalBytes: number;
}

/** Options of `splitMessage`. */
export interface SplitOptions {
  /** Largest frame, header included; at least `FRAME_HEADER_BYTES + 1`. Default 64 KiB. */
  maxFrameBytes?: number;
  /** The message's id, a uint32 unique per connection. */
  messageId: number;
}

/** Whether a data-channel message starts like a Latitude frame (it may still be malformed). */
export function isFrame(message: Uint8Array): boolean {
  return message.byteLength > 0 && message[0] === FRAME_MAGIC;
}

function isUint32(value: number): boolean {
  return Number.isInteger(value) && value >= 0 && value <= UINT32_MAX;
}

/**
 * Cuts `payload` into frames of at most `maxFrameBytes` bytes each, in order. An empty
 * payload gives one frame. Throws a RangeError for options no frame could honour (a frame
 * size that leaves no room for data, a message id or size beyond uint32): those are bugs of
 * the caller, not of a peer.
 */
export function splitMessage(payload: Uint8Array, options: SplitOptions): Uint8Array[] {
  const maxFrameBytes = options.maxFrameBytes ?? DEFAULT_MAX_FRAME_BYTES;
  if (!Number.isInteger(maxFrameBytes) || maxFrameBytes <= FRAME_HEADER_BYTES) {
    throw new RangeError(`maxFrameBytes must be an integer above ${FRAME_HEADER_BYTES}, got ${maxFrameBytes}`);
  }
  if (!isUint32(options.messageId)) throw new RangeError(`messageId must be a uint32, got ${options.messageId}`);
  if (payload.byteLength > UINT32_MAX) throw new RangeError('a message must be smaller than 4 GiB');
  const chunk = maxFrameBytes - FRAME_HEADER_BYTES;
  const count = Math.max(1, Math.ceil(payload.byteLength / chunk));
  const frames: Uint8Array[] = [];
  for (let index = 0; index < count; index += 1) {
    const slice = payload.subarray(index * chunk, Math.min(payload.byteLength, (index + 1) * chunk));
    const frame = new Uint8Array(FRAME_HEADER_BYTES + slice.byteLength);
    const view = new DataView(frame.buffer);
    view.setUint8(0, FRAME_MAGIC);
    view.setUint8(1, FRAME_VERSION);
    view.setUint32(2, options.messageId);
    view.setUint32(6, index);
    view.setUint32(10, count);
    view.setUint32(14, payload.byteLength);
    frame.set(slice, FRAME_HEADER_BYTES);
    frames.push(frame);
  }
  return frames;
}

/** A frame's header, or why it has none that makes sense on its own. */
export type ReadHeaderResult = { ok: true; header: FrameHeader } | { ok: false; reason: string };

/** Reads and checks the header of a frame on its own (not against other frames). */
export function readFrameHeader(frame: Uint8Array): ReadHeaderResult {
  if (frame.byteLength < FRAME_HEADER_BYTES) {
    return { ok: false, reason: `a frame of ${frame.byteLength} bytes is shorter than its header` };
  }
  const view = new DataView(frame.buffer, frame.byteOffset, frame.byteLength);
  if (view.getUint8(0) !== FRAME_MAGIC) return { ok: false, reason: 'not a Latitude frame' };
  const version = view.getUint8(1);
  if (version !== FRAME_VERSION) return { ok: false, reason: `unsupported frame version ${version}` };
  const header: FrameHeader = {
    messageId: view.getUint32(2),
    index: view.getUint32(6),
    count: view.getUint32(10),
    totalBytes: view.getUint32(14),
  };
  const bytes = frame.byteLength - FRAME_HEADER_BYTES;
  if (header.count === 0) return { ok: false, reason: 'a message of zero frames' };
  if (header.index >= header.count) {
    return { ok: false, reason: `frame index ${header.index} out of range (count ${header.count})` };
  }
  // Every frame carries at least one byte, except the one frame of an empty message.
  if (header.count > Math.max(1, header.totalBytes)) {
    return { ok: false, reason: `${header.count} frames for ${header.totalBytes} bytes` };
  }
  if (bytes > header.totalBytes) {
    return { ok: false, reason: `a frame of ${bytes} bytes in a message of ${header.totalBytes}` };
  }
  if (header.count === 1 && bytes !== header.totalBytes) {
    return { ok: false, reason: `the only frame holds ${bytes} of ${header.totalBytes} bytes` };
  }
  if (header.count > 1 && header.index < header.count - 1) {
    // A full frame of `bytes` must give exactly `count` frames: (count − 1) × bytes < total ≤ count × bytes.
    if (bytes === 0 || (header.count - 1) * bytes >= header.totalBytes || header.count * bytes < header.totalBytes) {
      return { ok: false, reason: `a frame of ${bytes} bytes cannot be 1 of ${header.count} for ${header.totalBytes}` };
    }
  }
  if (header.count > 1 && header.index === header.count - 1 && bytes === 0) {
    return { ok: false, reason: 'an empty last frame' };
  }
  return { ok: true, header };
}

/** Why an incomplete message was dropped. */
export type DiscardReason = 'expired' | 'evicted';

/** An incomplete message dropped by the reassembler. */
export interface DiscardedMessage {
  messageId: number;
  reason: DiscardReason;
  receivedBytes: number;
  totalBytes: number;
}

/** Options of `createReassembler`. */
export interface ReassemblerOptions {
  /** Largest message accepted (its announced total). Default 64 MiB. */
  maxMessageBytes?: number;
  /** Incomplete messages held at once; one more drops the oldest. Default 4. */
  maxPendingMessages?: number;
  /** An incomplete message with no new frame for this long is dropped. Default 30 s. */
  timeoutMs?: number;
  /** The clock, in milliseconds. */
  now: () => number;
  /** Told of every incomplete message dropped (expired or evicted). */
  onDiscard?: (message: DiscardedMessage) => void;
}

/** What became of one frame. */
export type AcceptResult =
  /** The frame completed its message. */
  | { kind: 'complete'; messageId: number; payload: Uint8Array }
  /** The frame was kept; its message is still incomplete. */
  | { kind: 'partial'; messageId: number; receivedBytes: number; totalBytes: number }
  /** A frame already received (or of a message already completed): ignored. */
  | { kind: 'duplicate'; messageId: number }
  /** The frame is malformed or contradicts its message: ignored. */
  | { kind: 'rejected'; reason: string };

/** Puts frames of one peer back into messages. One per connection. */
export interface Reassembler {
  /** Takes one frame: never throws, whatever the bytes. */
  accept(frame: Uint8Array): AcceptResult;
  /** Drops incomplete messages that had no frame for `timeoutMs`; returns how many. */
  expire(): number;
  /** Drops everything held, and forgets completed ids (for a new connection). */
  clear(): void;
  /** Incomplete messages held. */
  readonly pendingMessages: number;
  /** Bytes of frames held for incomplete messages. */
  readonly pendingBytes: number;
}

interface PendingMessage {
  count: number;
  totalBytes: number;
  /** Bytes of every frame but the last, once one such frame arrived. */
  chunk: number | null;
  /** Bytes of the last frame, once it arrived. */
  lastBytes: number | null;
  chunks: Map<number, Uint8Array>;
  receivedBytes: number;
  lastFrameAt: number;
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.byteLength !== b.byteLength) return false;
  for (let i = 0; i < a.byteLength; i += 1) if (a[i] !== b[i]) return false;
  return true;
}

/** Creates a reassembler for the frames of one peer. */
export function createReassembler(options: ReassemblerOptions): Reassembler {
  const maxMessageBytes = options.maxMessageBytes ?? DEFAULT_MAX_MESSAGE_BYTES;
  const maxPendingMessages = options.maxPendingMessages ?? DEFAULT_MAX_PENDING_MESSAGES;
  const timeoutMs = options.timeoutMs ?? DEFAULT_REASSEMBLY_TIMEOUT_MS;
  if (maxPendingMessages < 1) throw new RangeError('maxPendingMessages must be at least 1');
  // Insertion order is arrival order of each message's first frame: the first is the oldest.
  const pending = new Map<number, PendingMessage>();
  const recent = new Set<number>();
  let pendingBytes = 0;

  const discard = (messageId: number, message: PendingMessage, reason: DiscardReason): void => {
    pending.delete(messageId);
    pendingBytes -= message.receivedBytes;
    options.onDiscard?.({ messageId, reason, receivedBytes: message.receivedBytes, totalBytes: message.totalBytes });
  };

  const remember = (messageId: number): void => {
    recent.add(messageId);
    if (recent.size > RECENT_IDS) {
      const oldest = recent.values().next();
      if (oldest.done !== true) recent.delete(oldest.value);
    }
  };

  const expire = (): number => {
    const now = options.now();
    let dropped = 0;
    for (const [messageId, message] of [...pending]) {
      if (now - message.lastFrameAt >= timeoutMs) {
        discard(messageId, message, 'expired');
        dropped += 1;
      }
    }
    return dropped;
  };

  /** Checks the frame against what its message already told; null when consistent. */
  const contradiction = (message: PendingMessage, header: FrameHeader, bytes: number): string | null => {
    if (message.count !== header.count || message.totalBytes !== header.totalBytes) {
      return `frame says ${header.count} frames / ${header.totalBytes} bytes, its message ${message.count} / ${message.totalBytes}`;
    }
    const isLast = header.index === header.count - 1;
    const chunk = isLast ? message.chunk : bytes;
    const lastBytes = isLast ? bytes : message.lastBytes;
    if (!isLast && message.chunk !== null && message.chunk !== bytes) {
      return `a frame of ${bytes} bytes where the others hold ${message.chunk}`;
    }
    if (chunk !== null && lastBytes !== null && lastBytes !== header.totalBytes - (header.count - 1) * chunk) {
      return `a last frame of ${lastBytes} bytes does not complete ${header.count} frames of ${chunk}`;
    }
    return null;
  };

  const accept = (frame: Uint8Array): AcceptResult => {
    const read = readFrameHeader(frame);
    if (!read.ok) return { kind: 'rejected', reason: read.reason };
    const { header } = read;
    if (header.totalBytes > maxMessageBytes) {
      return { kind: 'rejected', reason: `a message of ${header.totalBytes} bytes is over ${maxMessageBytes}` };
    }
    expire();
    if (recent.has(header.messageId)) return { kind: 'duplicate', messageId: header.messageId };
    const bytes = frame.byteLength - FRAME_HEADER_BYTES;
    let message = pending.get(header.messageId);
    if (message === undefined) {
      message = {
        count: header.count,
        totalBytes: header.totalBytes,
        chunk: null,
        lastBytes: null,
        chunks: new Map(),
        receivedBytes: 0,
        lastFrameAt: options.now(),
      };
    } else {
      const problem = contradiction(message, header, bytes);
      if (problem !== null) return { kind: 'rejected', reason: problem };
      const held = message.chunks.get(header.index);
      if (held !== undefined) {
        return sameBytes(held, frame.subarray(FRAME_HEADER_BYTES))
          ? { kind: 'duplicate', messageId: header.messageId }
          : { kind: 'rejected', reason: `frame ${header.index} of message ${header.messageId} came twice, different` };
      }
    }
    const isLast = header.index === header.count - 1;
    if (isLast) message.lastBytes = bytes;
    else message.chunk = bytes;

    if (message.chunks.size + 1 === message.count) {
      // The frame completes the message: nothing of it needs to be held any longer.
      if (pending.delete(header.messageId)) pendingBytes -= message.receivedBytes;
      const payload = new Uint8Array(message.totalBytes);
      const chunk = message.chunk ?? 0;
      for (const [index, slice] of message.chunks) payload.set(slice, index * chunk);
      payload.set(frame.subarray(FRAME_HEADER_BYTES), header.index * chunk);
      remember(header.messageId);
      return { kind: 'complete', messageId: header.messageId, payload };
    }

    if (!pending.has(header.messageId)) {
      while (pending.size >= maxPendingMessages) {
        const [oldestId, oldest] = pending.entries().next().value as [number, PendingMessage];
        discard(oldestId, oldest, 'evicted');
      }
      pending.set(header.messageId, message);
    }
    // A copy (`slice` of a Node or simple-peer Buffer would be a view into the channel's memory).
    message.chunks.set(header.index, new Uint8Array(frame.subarray(FRAME_HEADER_BYTES)));
    message.receivedBytes += bytes;
    message.lastFrameAt = options.now();
    pendingBytes += bytes;
    return {
      kind: 'partial',
      messageId: header.messageId,
      receivedBytes: message.receivedBytes,
      totalBytes: message.totalBytes,
    };
  };

  return {
    accept,
    expire,
    clear() {
      pending.clear();
      recent.clear();
      pendingBytes = 0;
    },
    get pendingMessages() {
      return pending.size;
    },
    get pendingBytes() {
      return pendingBytes;
    },
  };
}
