/**
 * Latitude's own sync exchange over a y-webrtc data channel (issue 8 item 3): first sync and
 * large edits of a workspace of any size, in messages no larger than Chromium accepts, and
 * every failure reported instead of dropped.
 *
 * Why. y-webrtc answers a peer's sync step 1 with the whole missing state in one message
 * and broadcasts every update in one message; Chromium refuses a data-channel message over
 * 256 KiB and y-webrtc ignores the error, so a large workspace never completes its first
 * sync. Here the missing state travels as frames of at most 64 KiB (`./chunking`).
 *
 * Telling the messages apart. y-webrtc's messages start with their type as a lib0 varuint:
 * 0 sync, 1 awareness, 3 query awareness, 4 broadcast-channel peer id (in the 10.3 source;
 * 2 is unused). Latitude's start with 0x64, the one-byte varuint 100, followed by the frame
 * header (`FRAME_MAGIC`). A peer running plain y-webrtc logs "Unable to compute message"
 * for type 100 and answers with an EMPTY message; `receive` takes those empty messages
 * (y-webrtc itself would throw reading them) and reports, once per connection, that the
 * peer cannot take chunked messages.
 *
 * A Latitude message (the payload put back together from its frames) starts with its kind:
 *
 * | kind | name            | rest of the payload                                        |
 * |------|-----------------|------------------------------------------------------------|
 * | 1    | SYNC_REQUEST    | request id (uint32, big-endian), the sender's state vector |
 * | 2    | SYNC_REPLY      | the request id answered, the update the requester lacks    |
 * | 3    | UPDATE          | an update (a live edit too large for one y-webrtc message) |
 * | 4    | CONNECTED_PEERS | the sender's direct connections (`./connected-peers`)      |
 *
 * Request ids. The requester chooses them and the other side echoes them in its reply;
 * until CONNECTED_PEERS existed nobody read them (peers counted from 1, at most a few per
 * connection). Two high bits now say something, so peers that do not know them are left
 * undisturbed:
 * - bit 31 (`REQUEST_KNOWS_CONNECTED_PEERS`): the requester takes CONNECTED_PEERS messages
 *   and request-id bits. CONNECTED_PEERS is sent only to a peer whose SYNC_REQUEST had it: a
 *   Latitude peer of before would refuse kind 4 and report it ('malformed-message'), and a
 *   plain y-webrtc peer never sends a SYNC_REQUEST (it logs "Unable to compute message" for
 *   every frame and answers with an empty message);
 * - bit 30 (`REQUEST_ASKS_BACK`): answer, then send a SYNC_REQUEST of your own: a
 *   state-vector exchange both ways in one message (`resync`, used when a peer's list drops
 *   someone). Set only towards a peer that has bit 31.
 *
 * The exchange. On connect each side sends a SYNC_REQUEST with its state vector (small);
 * the other answers with `encodeStateAsUpdate(doc, theirStateVector)` as a SYNC_REPLY, cut
 * into frames; the requester applies it once complete and is then synced with that peer.
 * Live edits keep riding on y-webrtc's own update messages when they fit in one frame; a
 * larger one goes as an UPDATE (`sendUpdate`, or `sendYWebrtcMessage`, which routes any
 * message y-webrtc would have sent). y-webrtc's own step 1 / step 2 stays for plain y-webrtc
 * peers; a Latitude peer sends its SYNC_REQUEST before y-webrtc's step 1 on the same ordered
 * channel, so by the time that step 1 arrives the receiver knows the peer speaks Latitude
 * and drops it (`isAnsweredByLatitude`): y-webrtc never builds a second, oversized copy of
 * the missing state.
 *
 * Failures. Every outgoing message (frames, and y-webrtc's own messages given to
 * `sendYWebrtcMessage`) goes through one FIFO queue. A send that returns false (buffer full)
 * or throws (channel closed, as simple-peer does), or whose promise rejects or does not
 * settle within `sendTimeoutMs`, is retried after 50 ms, 100 ms, 200 ms … (at most 5 s
 * apart); after `maxSendAttempts` the message is given up and an error event says so. A
 * SYNC_REQUEST with no frame in return for `responseTimeoutMs` is sent again, up to
 * `maxSyncRequests` times, then reported. Frames that are malformed or contradict their
 * message, incomplete messages dropped by the reassembler, state vectors and updates that
 * the document refuses: all reported as error events, never thrown into the app. The
 * document is reached through `SyncDocument`, whose `applyUpdate` must apply a whole update
 * or throw leaving the document unchanged (the Yjs adapter checks on a copy first).
 *
 * Pure: no timers, no I/O, no Yjs import (shared/ stays free of sync libraries). The clock
 * is passed in and `tick` is called by the owner (every few hundred ms) for retries and
 * timeouts.
 */
import {
  decodePeerList,
  encodePeerList,
  isListablePeerId,
  MAX_CONNECTED_PEERS,
  type PeerList,
} from './connected-peers';
import {
  DEFAULT_MAX_FRAME_BYTES,
  FRAME_HEADER_BYTES,
  FRAME_MAGIC,
  createReassembler,
  isFrame,
  splitMessage,
  type ReassemblerOptions,
} from './chunking';

/** Kinds of Latitude message: the first byte of a reassembled payload. */
export const MessageKind = { syncRequest: 1, syncReply: 2, update: 3, connectedPeers: 4 } as const;

/** Bit of a SYNC_REQUEST's id: the requester takes CONNECTED_PEERS messages and these bits. */
export const REQUEST_KNOWS_CONNECTED_PEERS = 0x8000_0000;

/** Bit of a SYNC_REQUEST's id: answer, then send a SYNC_REQUEST of your own. */
export const REQUEST_ASKS_BACK = 0x4000_0000;

/** Bits of a request id left for counting. */
const REQUEST_COUNTER_MAX = 0x3fff_ffff;

/** y-webrtc 10.3's message types (first varuint of its messages). */
export const YWebrtcMessageType = { sync: 0, awareness: 1, queryAwareness: 3, bcPeerId: 4 } as const;

/** y-protocols' sync message types (second varuint of a y-webrtc sync message). */
export const YSyncMessageType = { step1: 0, step2: 1, update: 2 } as const;

/** Default number of attempts to send one message before it is given up and reported. */
export const DEFAULT_MAX_SEND_ATTEMPTS = 10;

/** Default wait before the first retry; it doubles with each further attempt. */
export const DEFAULT_RETRY_BASE_MS = 50;

/** Default longest wait between two attempts. */
export const DEFAULT_RETRY_MAX_MS = 5_000;

/** Default time a send's promise may take before it counts as failed. */
export const DEFAULT_SEND_TIMEOUT_MS = 30_000;

/** Default time without a frame from the peer before a SYNC_REQUEST is sent again. */
export const DEFAULT_RESPONSE_TIMEOUT_MS = 20_000;

/** Default number of SYNC_REQUESTs per connection before the sync is reported as failed. */
export const DEFAULT_MAX_SYNC_REQUESTS = 3;

const REQUEST_HEADER_BYTES = 5;

/**
 * The document as the sync needs it. For Yjs: `Y.encodeStateVector(doc)`,
 * `Y.encodeStateAsUpdate(doc, stateVector)`, and `Y.applyUpdate(doc, update, origin)` after
 * checking the update on a copy.
 */
export interface SyncDocument {
  /** The document's state vector. */
  stateVector(): Uint8Array;
  /** What the document holds that a peer with `stateVector` lacks; throws on a malformed vector. */
  missingSince(stateVector: Uint8Array): Uint8Array;
  /** Applies a whole update with `origin`, or throws and leaves the document unchanged. */
  applyUpdate(update: Uint8Array, origin: unknown): void;
}

/** Sends one data-channel message: true once handed over, false or a throw when refused, or a promise. */
export type SendMessage = (message: Uint8Array) => boolean | Promise<void>;

/** Why an error event was raised. */
export type SyncErrorReason =
  /** A message could not be sent after every attempt. */
  | 'send-failed'
  /** No reply to our SYNC_REQUESTs. */
  | 'sync-timeout'
  /** A frame from the peer was malformed or contradicted its message. */
  | 'malformed-frame'
  /** A complete message from the peer made no sense (unknown kind, too short). */
  | 'malformed-message'
  /** The peer's state vector was refused by the document. */
  | 'malformed-state-vector'
  /** An update from the peer was refused by the document (which is unchanged). */
  | 'malformed-update'
  /** An incomplete message from the peer was dropped (no frame for too long, or too many at once). */
  | 'message-dropped'
  /** The peer answered with an empty message: it does not understand Latitude's messages. */
  | 'peer-not-latitude'
  /** A y-webrtc message too large for one frame that is not an update. */
  | 'too-large';

/** What a chunked sync tells its owner. */
export type SyncEvent =
  | { kind: 'progress'; receivedBytes: number; totalBytes: number }
  | { kind: 'synced' }
  | { kind: 'error'; reason: SyncErrorReason; message: string };

/** Options of `createChunkedSync`. */
export interface ChunkedSyncOptions {
  /** The workspace document. */
  doc: SyncDocument;
  /** Sends one message on the data channel to this peer. */
  send: SendMessage;
  /** The clock, in milliseconds. */
  now: () => number;
  /** Transaction origin of the updates applied from this peer. */
  origin: unknown;
  /** Largest message handed to `send`. Default 64 KiB. */
  maxFrameBytes?: number;
  /** Largest message accepted from the peer. Default 64 MiB. */
  maxMessageBytes?: number;
  /** Incomplete messages held from the peer at once. Default 4. */
  maxPendingMessages?: number;
  /** An incomplete message without a new frame for this long is dropped. Default 30 s. */
  reassemblyTimeoutMs?: number;
  /** Attempts per message before giving it up. Default 10. */
  maxSendAttempts?: number;
  /** First retry delay, doubled per attempt. Default 50 ms. */
  retryBaseMs?: number;
  /** Longest retry delay. Default 5 s. */
  retryMaxMs?: number;
  /** A send's promise pending this long counts as failed. Default 30 s. */
  sendTimeoutMs?: number;
  /** Time without a frame from the peer before asking again. Default 20 s. */
  responseTimeoutMs?: number;
  /** SYNC_REQUESTs per connection before reporting. Default 3. */
  maxSyncRequests?: number;
  /** Receives every event. */
  onEvent?: (event: SyncEvent) => void;
  /**
   * Told when this connection starts or stops counting as a direct connection that the
   * owner's lists may name (open, synced, and the peer takes lists: `countsAsConnected` in
   * `./connected-peers`). The owner then calls `advertiseConnectedPeers` on its syncs.
   */
  onDirectoryChange?: () => void;
}

/** A snapshot of a chunked sync, for the owner and tests. */
export interface ChunkedSyncStatus {
  /** Between `onConnect` and `onClose` (true before the first `onConnect` too). */
  open: boolean;
  /** Our last SYNC_REQUEST was answered and applied on this connection. */
  synced: boolean;
  /** A SYNC_REQUEST is waiting for its reply. */
  awaitingReply: boolean;
  /** The peer sent a well-formed Latitude frame on this connection. */
  peerSpeaksLatitude: boolean;
  /** Messages (frames or y-webrtc messages) waiting to be sent. */
  queued: number;
  /** A send's promise is pending. */
  sending: boolean;
  /** When the next attempt is due after a failure, or null. */
  retryAt: number | null;
  /** Incomplete messages held from the peer, and their bytes. */
  pendingMessages: number;
  pendingBytes: number;
  /** The peer's SYNC_REQUEST said it takes CONNECTED_PEERS messages. */
  peerKnowsConnectedPeers: boolean;
  /** The peers the peer last said it is directly connected to, or null when it said nothing (usable). */
  peerConnectedPeers: readonly string[] | null;
}

/** Latitude's sync with one peer over one connection. */
export interface ChunkedSync {
  /** A connection opened: forget the previous one and send our SYNC_REQUEST. */
  onConnect(): void;
  /** The connection closed: drop what is queued or held. */
  onClose(): void;
  /**
   * Takes a data-channel message from the peer. Returns true when it was Latitude's (a
   * frame, or an empty "not understood" answer); false when it is not (hand it to y-webrtc).
   * Never throws.
   */
  receive(message: Uint8Array): boolean;
  /** Sends an update of any size as a chunked UPDATE. Ignored while closed (the next connection's exchange carries it). */
  sendUpdate(update: Uint8Array): void;
  /**
   * Sends one of y-webrtc's own messages through the same queue (retried and reported): as
   * it is when it fits in a frame; a larger sync step 2 or update as a chunked UPDATE;
   * anything else that large is reported ('too-large').
   */
  sendYWebrtcMessage(message: Uint8Array): void;
  /** Retries due sends, drops stale incomplete messages, repeats an unanswered SYNC_REQUEST. */
  tick(now?: number): void;
  /** The current state. */
  status(): ChunkedSyncStatus;
  /**
   * The peers we are directly connected to, besides this one, for this connection's peer.
   * Sent (as CONNECTED_PEERS) when the peer takes lists and the set differs from the last one
   * sent on this connection; kept and sent once it is known that the peer takes them. Ids
   * that cannot be listed are left out (leaving a peer out only costs bytes).
   */
  advertiseConnectedPeers(peerIds: readonly string[]): void;
  /** Whether the peer's latest list names `peerId` (an update from `peerId` then need not be passed on to it). */
  peerIsConnectedTo(peerId: string): boolean;
  /**
   * A state-vector exchange both ways on the open connection: a SYNC_REQUEST that asks the
   * peer for one back (a peer that does not take lists answers, and asks nothing back).
   */
  resync(): void;
}

// ---------------------------------------------------------------------------------------
// y-webrtc messages

/** One y-webrtc (or Latitude) data-channel message, as far as the sync needs to know. */
export type YWebrtcMessage =
  | { type: 'sync-step-1'; stateVector: Uint8Array }
  | { type: 'sync-step-2'; update: Uint8Array }
  | { type: 'update'; update: Uint8Array }
  | { type: 'awareness' | 'query-awareness' | 'bc-peer-id' | 'latitude' | 'empty' | 'unknown' };

/** Reads a lib0 varuint at `offset`; null when truncated or beyond 2^53. */
function readVarUint(bytes: Uint8Array, offset: number): { value: number; next: number } | null {
  let value = 0;
  let multiplier = 1;
  for (let position = offset; position < bytes.byteLength && position < offset + 8; position += 1) {
    const byte = bytes[position] ?? 0;
    value += (byte & 0x7f) * multiplier;
    if (byte < 0x80) return value <= Number.MAX_SAFE_INTEGER ? { value, next: position + 1 } : null;
    multiplier *= 128;
  }
  return null;
}

/** Writes a lib0 varuint. */
function writeVarUint(value: number, into: number[]): void {
  let rest = value;
  while (rest >= 0x80) {
    into.push((rest % 0x80) | 0x80);
    rest = Math.floor(rest / 0x80);
  }
  into.push(rest);
}

/** Tells what a data-channel message is; never throws. */
export function parseYWebrtcMessage(message: Uint8Array): YWebrtcMessage {
  if (message.byteLength === 0) return { type: 'empty' };
  if (isFrame(message)) return { type: 'latitude' };
  const type = readVarUint(message, 0);
  if (type === null) return { type: 'unknown' };
  switch (type.value) {
    case YWebrtcMessageType.awareness:
      return { type: 'awareness' };
    case YWebrtcMessageType.queryAwareness:
      return { type: 'query-awareness' };
    case YWebrtcMessageType.bcPeerId:
      return { type: 'bc-peer-id' };
    case YWebrtcMessageType.sync:
      break;
    default:
      return { type: 'unknown' };
  }
  const syncType = readVarUint(message, type.next);
  const length = syncType === null ? null : readVarUint(message, syncType.next);
  if (syncType === null || length === null || length.next + length.value > message.byteLength) {
    return { type: 'unknown' };
  }
  const body = message.subarray(length.next, length.next + length.value);
  switch (syncType.value) {
    case YSyncMessageType.step1:
      return { type: 'sync-step-1', stateVector: body };
    case YSyncMessageType.step2:
      return { type: 'sync-step-2', update: body };
    case YSyncMessageType.update:
      return { type: 'update', update: body };
    default:
      return { type: 'unknown' };
  }
}

/**
 * Encodes a y-webrtc sync message as y-webrtc and y-protocols do: varuint 0 (sync), the
 * sync type, then the bytes with their varuint length.
 */
export function encodeYWebrtcSyncMessage(
  type: 'sync-step-1' | 'sync-step-2' | 'update',
  bytes: Uint8Array,
): Uint8Array {
  const head: number[] = [YWebrtcMessageType.sync];
  const syncType =
    type === 'sync-step-1'
      ? YSyncMessageType.step1
      : type === 'sync-step-2'
        ? YSyncMessageType.step2
        : YSyncMessageType.update;
  head.push(syncType);
  writeVarUint(bytes.byteLength, head);
  const message = new Uint8Array(head.length + bytes.byteLength);
  message.set(head, 0);
  message.set(bytes, head.length);
  return message;
}

/** An empty Yjs update (format v1): what a sync step 2 carries when nothing is missing. */
export const EMPTY_YJS_UPDATE: Uint8Array = Uint8Array.of(0, 0);

/**
 * Whether a message from the peer is a y-webrtc sync step 1 that Latitude's own exchange
 * already answers: the peer sent a SYNC_REQUEST first on this connection, so it gets the
 * missing state in frames, and y-webrtc must not build its own (possibly oversized) step 2.
 * The data hook drops such a message instead of handing it to y-webrtc.
 */
export function isAnsweredByLatitude(sync: ChunkedSync, message: Uint8Array): boolean {
  return sync.status().peerSpeaksLatitude && parseYWebrtcMessage(message).type === 'sync-step-1';
}

// ---------------------------------------------------------------------------------------
// Latitude messages

/** A Latitude message, decoded. */
export type LatitudeMessage =
  | { kind: 'sync-request'; requestId: number; stateVector: Uint8Array }
  | { kind: 'sync-reply'; requestId: number; update: Uint8Array }
  | { kind: 'update'; update: Uint8Array }
  | { kind: 'connected-peers'; list: PeerList };

/** Encodes a Latitude message (the payload that `splitMessage` then cuts into frames). */
export function encodeLatitudeMessage(message: LatitudeMessage): Uint8Array {
  if (message.kind === 'update' || message.kind === 'connected-peers') {
    const body = message.kind === 'update' ? message.update : encodePeerList(message.list);
    const payload = new Uint8Array(1 + body.byteLength);
    payload[0] = message.kind === 'update' ? MessageKind.update : MessageKind.connectedPeers;
    payload.set(body, 1);
    return payload;
  }
  const body = message.kind === 'sync-request' ? message.stateVector : message.update;
  const payload = new Uint8Array(REQUEST_HEADER_BYTES + body.byteLength);
  const view = new DataView(payload.buffer);
  view.setUint8(0, message.kind === 'sync-request' ? MessageKind.syncRequest : MessageKind.syncReply);
  view.setUint32(1, message.requestId);
  payload.set(body, REQUEST_HEADER_BYTES);
  return payload;
}

/** Decodes a Latitude message, or says why it cannot. */
export function decodeLatitudeMessage(
  payload: Uint8Array,
): { ok: true; message: LatitudeMessage } | { ok: false; reason: string } {
  const kind = payload[0];
  if (kind === MessageKind.update) return { ok: true, message: { kind: 'update', update: payload.subarray(1) } };
  if (kind === MessageKind.connectedPeers) {
    const decoded = decodePeerList(payload.subarray(1));
    if (!decoded.ok) return { ok: false, reason: `a list of connected peers: ${decoded.reason}` };
    return { ok: true, message: { kind: 'connected-peers', list: decoded.list } };
  }
  if (kind !== MessageKind.syncRequest && kind !== MessageKind.syncReply) {
    return { ok: false, reason: kind === undefined ? 'an empty message' : `unknown message kind ${kind}` };
  }
  if (payload.byteLength < REQUEST_HEADER_BYTES)
    return { ok: false, reason: `a message of ${payload.byteLength} bytes` };
  const requestId = new DataView(payload.buffer, payload.byteOffset, payload.byteLength).getUint32(1);
  const body = payload.subarray(REQUEST_HEADER_BYTES);
  return {
    ok: true,
    message:
      kind === MessageKind.syncRequest
        ? { kind: 'sync-request', requestId, stateVector: body }
        : { kind: 'sync-reply', requestId, update: body },
  };
}

// ---------------------------------------------------------------------------------------
// The state machine

interface Outgoing {
  bytes: Uint8Array;
  /** The Latitude message this frame belongs to, or null for a y-webrtc message. */
  messageId: number | null;
  attempts: number;
}

interface AwaitedReply {
  requestId: number;
  requests: number;
  lastActivityAt: number;
  /** The request asked the peer for one back (`REQUEST_ASKS_BACK`); so does a repeat of it. */
  asksBack: boolean;
}

/** Whether bit `bit` (0–31) of a uint32 is set. */
function hasBit(value: number, bit: number): boolean {
  return ((value >>> bit) & 1) === 1;
}

function sameMembers(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  if (a.size !== b.size) return false;
  for (const member of a) if (!b.has(member)) return false;
  return true;
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function isPromise(value: unknown): value is PromiseLike<void> {
  return typeof value === 'object' && value !== null && typeof (value as { then?: unknown }).then === 'function';
}

/** Creates Latitude's sync with one peer (one per connection). */
export function createChunkedSync(options: ChunkedSyncOptions): ChunkedSync {
  const maxFrameBytes = options.maxFrameBytes ?? DEFAULT_MAX_FRAME_BYTES;
  if (!Number.isInteger(maxFrameBytes) || maxFrameBytes <= FRAME_HEADER_BYTES + REQUEST_HEADER_BYTES) {
    throw new RangeError(`maxFrameBytes must be an integer above ${FRAME_HEADER_BYTES + REQUEST_HEADER_BYTES}`);
  }
  const maxSendAttempts = Math.max(1, options.maxSendAttempts ?? DEFAULT_MAX_SEND_ATTEMPTS);
  const retryBaseMs = options.retryBaseMs ?? DEFAULT_RETRY_BASE_MS;
  const retryMaxMs = options.retryMaxMs ?? DEFAULT_RETRY_MAX_MS;
  const sendTimeoutMs = options.sendTimeoutMs ?? DEFAULT_SEND_TIMEOUT_MS;
  const responseTimeoutMs = options.responseTimeoutMs ?? DEFAULT_RESPONSE_TIMEOUT_MS;
  const maxSyncRequests = Math.max(1, options.maxSyncRequests ?? DEFAULT_MAX_SYNC_REQUESTS);
  const emit = (event: SyncEvent): void => options.onEvent?.(event);
  const report = (reason: SyncErrorReason, message: string): void => emit({ kind: 'error', reason, message });

  const reassemblerOptions: ReassemblerOptions = {
    now: options.now,
    onDiscard: (discarded) =>
      report(
        'message-dropped',
        `An incomplete message from the peer was dropped (${discarded.reason}) after ${discarded.receivedBytes} of ${discarded.totalBytes} bytes.`,
      ),
  };
  if (options.maxMessageBytes !== undefined) reassemblerOptions.maxMessageBytes = options.maxMessageBytes;
  if (options.maxPendingMessages !== undefined) reassemblerOptions.maxPendingMessages = options.maxPendingMessages;
  if (options.reassemblyTimeoutMs !== undefined) reassemblerOptions.timeoutMs = options.reassemblyTimeoutMs;
  const reassembler = createReassembler(reassemblerOptions);

  let open = true;
  let queue: Outgoing[] = [];
  /** The send whose promise is pending; a promise settling for another token changes nothing. */
  let sending: { token: number; since: number } | null = null;
  let sendToken = 0;
  let retryAt: number | null = null;
  let nextMessageId = 1;
  let nextRequestId = 1;
  let awaiting: AwaitedReply | null = null;
  let synced = false;
  let peerSpeaksLatitude = false;
  let notUnderstoodReported = false;
  let lastRejectedMessageId: number | null = null;
  /** The peer's SYNC_REQUEST had `REQUEST_KNOWS_CONNECTED_PEERS` (this connection). */
  let peerKnowsConnectedPeers = false;
  /** The peer's latest list on this connection, or null. */
  let peerList: { sequence: number; peers: readonly string[]; members: Set<string> } | null = null;
  /** What the owner wants the peer to know we are connected to. */
  let advertised: readonly string[] = [];
  /** The list last sent on this connection (null: none, which the peer reads as empty). */
  let lastSentList: Set<string> | null = null;
  /** Sequence of the next list sent; never goes back, so a reconnection needs no reset. */
  let nextListSequence = 1;
  /** Last value told to `onDirectoryChange`. */
  let countedAsConnected = false;

  const takeMessageId = (): number => {
    const id = nextMessageId;
    nextMessageId = nextMessageId >= 0xffff_ffff ? 1 : nextMessageId + 1;
    return id;
  };

  const enqueueLatitude = (message: LatitudeMessage): void => {
    const messageId = takeMessageId();
    for (const bytes of splitMessage(encodeLatitudeMessage(message), { maxFrameBytes, messageId })) {
      queue.push({ bytes, messageId, attempts: 0 });
    }
  };

  const succeeded = (): void => {
    queue.shift();
    retryAt = null;
  };

  const failed = (entry: Outgoing, now: number, why: string): void => {
    entry.attempts += 1;
    if (entry.attempts < maxSendAttempts) {
      retryAt = now + Math.min(retryMaxMs, retryBaseMs * 2 ** (entry.attempts - 1));
      return;
    }
    // Given up: the rest of its message is of no use to the peer either.
    const what =
      entry.messageId === null
        ? `a y-webrtc message of ${entry.bytes.byteLength} bytes`
        : `Latitude message ${entry.messageId}`;
    queue = queue.filter(
      (other) => other !== entry && (entry.messageId === null || other.messageId !== entry.messageId),
    );
    retryAt = null;
    report('send-failed', `Could not send ${what} to the peer after ${entry.attempts} attempts: ${why}`);
  };

  const flush = (now: number): void => {
    while (open && sending === null && queue.length > 0 && (retryAt === null || now >= retryAt)) {
      const entry = queue[0] as Outgoing;
      let result: boolean | Promise<void>;
      try {
        result = options.send(entry.bytes);
      } catch (error) {
        failed(entry, now, describe(error));
        continue;
      }
      if (result === false) {
        failed(entry, now, 'the data channel refused it (buffer full or closed)');
        continue;
      }
      if (!isPromise(result)) {
        succeeded();
        continue;
      }
      sendToken += 1;
      const token = sendToken;
      sending = { token, since: now };
      void result.then(
        () => {
          if (sending?.token !== token) return;
          sending = null;
          succeeded();
          flush(options.now());
        },
        (error: unknown) => {
          if (sending?.token !== token) return;
          sending = null;
          failed(entry, options.now(), describe(error));
          flush(options.now());
        },
      );
      return;
    }
  };

  const requestSync = (now: number, requests: number, asksBack: boolean): void => {
    const counter = nextRequestId;
    nextRequestId = nextRequestId >= REQUEST_COUNTER_MAX ? 1 : nextRequestId + 1;
    const requestId = REQUEST_KNOWS_CONNECTED_PEERS + (asksBack ? REQUEST_ASKS_BACK : 0) + counter;
    awaiting = { requestId, requests, lastActivityAt: now, asksBack };
    enqueueLatitude({ kind: 'sync-request', requestId, stateVector: options.doc.stateVector() });
  };

  /** Tells the owner when this connection starts or stops counting as connected. */
  const noteDirectory = (): void => {
    const counts = open && synced && peerKnowsConnectedPeers;
    if (counts === countedAsConnected) return;
    countedAsConnected = counts;
    options.onDirectoryChange?.();
  };

  /** Sends the advertised list if the peer takes lists and it differs from the last one sent. */
  const sendListIfChanged = (): void => {
    if (!open || !peerKnowsConnectedPeers) return;
    const wanted = new Set(advertised);
    if (sameMembers(wanted, lastSentList ?? new Set())) return;
    lastSentList = wanted;
    const sequence = nextListSequence;
    nextListSequence = Math.min(0xffff_ffff, nextListSequence + 1);
    enqueueLatitude({ kind: 'connected-peers', list: { sequence, peers: [...wanted] } });
  };

  /** Forgets the peer's list; when it named anyone, what we skipped sending may be missing there. */
  const dropPeerList = (now: number): void => {
    const named = peerList !== null && peerList.members.size > 0;
    peerList = null;
    if (named && open) requestSync(now, 1, peerKnowsConnectedPeers);
  };

  /** Applies a peer's update; false (and reported) when the document refuses it. */
  const apply = (update: Uint8Array, what: string): boolean => {
    try {
      options.doc.applyUpdate(update, options.origin);
      return true;
    } catch (error) {
      report('malformed-update', `Refused ${what} from the peer (${update.byteLength} bytes): ${describe(error)}`);
      return false;
    }
  };

  const handle = (payload: Uint8Array, now: number): void => {
    const decoded = decodeLatitudeMessage(payload);
    if (!decoded.ok) {
      report('malformed-message', `Refused a message from the peer: ${decoded.reason}.`);
      // A list we cannot read may have dropped someone: rely on none (everything is passed on).
      if (payload[0] === MessageKind.connectedPeers) {
        dropPeerList(now);
        flush(now);
      }
      return;
    }
    const message = decoded.message;
    switch (message.kind) {
      case 'sync-request': {
        let update: Uint8Array;
        try {
          update = options.doc.missingSince(message.stateVector);
        } catch (error) {
          report('malformed-state-vector', `Refused the peer's sync request: ${describe(error)}`);
          return;
        }
        enqueueLatitude({ kind: 'sync-reply', requestId: message.requestId, update });
        if (hasBit(message.requestId, 31)) {
          if (!peerKnowsConnectedPeers) {
            peerKnowsConnectedPeers = true;
            sendListIfChanged();
          }
          if (hasBit(message.requestId, 30)) requestSync(now, 1, false);
        }
        flush(now);
        return;
      }
      case 'sync-reply': {
        // An answer to an earlier request of this connection is as good: it is data we lacked.
        if (!apply(message.update, 'the sync reply')) return;
        if (awaiting !== null) {
          awaiting = null;
          synced = true;
          emit({ kind: 'synced' });
        }
        return;
      }
      case 'update':
        apply(message.update, 'an update');
        return;
      case 'connected-peers': {
        const { sequence, peers } = message.list;
        // Delivered late (a newer list came first) or twice: the newer one stands.
        if (peerList !== null && sequence <= peerList.sequence) return;
        const previous = peerList;
        peerList = { sequence, peers, members: new Set(peers) };
        // A peer no longer named may not have sent it what we skipped: exchange state vectors.
        if (previous !== null && [...previous.members].some((peerId) => !peerList?.members.has(peerId))) {
          requestSync(now, 1, peerKnowsConnectedPeers);
        }
        flush(now);
        return;
      }
    }
  };

  return {
    onConnect() {
      open = true;
      queue = [];
      sending = null;
      retryAt = null;
      synced = false;
      peerSpeaksLatitude = false;
      notUnderstoodReported = false;
      lastRejectedMessageId = null;
      peerKnowsConnectedPeers = false;
      peerList = null;
      lastSentList = null;
      reassembler.clear();
      const now = options.now();
      requestSync(now, 1, false);
      flush(now);
      noteDirectory();
    },

    onClose() {
      open = false;
      queue = [];
      sending = null;
      retryAt = null;
      awaiting = null;
      synced = false;
      peerKnowsConnectedPeers = false;
      peerList = null;
      lastSentList = null;
      reassembler.clear();
      noteDirectory();
    },

    receive(message) {
      // After close nothing is read: a late message must not queue replies for a dead channel.
      if (!open) return message.byteLength === 0 || message[0] === FRAME_MAGIC;
      if (message.byteLength === 0) {
        // y-webrtc's answer to a message type it does not know.
        if (!notUnderstoodReported) {
          notUnderstoodReported = true;
          report(
            'peer-not-latitude',
            'The peer did not understand a Latitude message (it runs plain y-webrtc or an older version): changes too large for one message cannot reach it.',
          );
        }
        return true;
      }
      if (message[0] !== FRAME_MAGIC) return false;
      const now = options.now();
      const result = reassembler.accept(message);
      if (result.kind === 'rejected') {
        const header =
          message.byteLength >= 6
            ? new DataView(message.buffer, message.byteOffset, message.byteLength).getUint32(2)
            : null;
        // One report per message, not one per frame of it.
        if (header === null || header !== lastRejectedMessageId) {
          lastRejectedMessageId = header;
          report('malformed-frame', `Refused a frame from the peer: ${result.reason}.`);
        }
        return true;
      }
      peerSpeaksLatitude = true;
      if (awaiting !== null) awaiting.lastActivityAt = now;
      if (result.kind === 'partial') {
        emit({ kind: 'progress', receivedBytes: result.receivedBytes, totalBytes: result.totalBytes });
      } else if (result.kind === 'complete') {
        handle(result.payload, now);
        noteDirectory();
      }
      return true;
    },

    sendUpdate(update) {
      if (!open) return;
      enqueueLatitude({ kind: 'update', update });
      flush(options.now());
    },

    sendYWebrtcMessage(message) {
      if (!open) return;
      if (message.byteLength <= maxFrameBytes) {
        queue.push({ bytes: message, messageId: null, attempts: 0 });
      } else {
        const parsed = parseYWebrtcMessage(message);
        if (parsed.type === 'sync-step-2' || parsed.type === 'update') {
          enqueueLatitude({ kind: 'update', update: parsed.update });
        } else {
          report(
            'too-large',
            `A y-webrtc ${parsed.type} message of ${message.byteLength} bytes is too large to send and is not an update.`,
          );
          return;
        }
      }
      flush(options.now());
    },

    tick(now = options.now()) {
      reassembler.expire();
      if (sending !== null && now - sending.since >= sendTimeoutMs) {
        const entry = queue[0];
        sending = null;
        if (entry !== undefined) failed(entry, now, `no answer from the data channel within ${sendTimeoutMs} ms`);
      }
      if (awaiting !== null && open && now - awaiting.lastActivityAt >= responseTimeoutMs) {
        if (awaiting.requests < maxSyncRequests) {
          requestSync(now, awaiting.requests + 1, awaiting.asksBack);
        } else {
          report(
            'sync-timeout',
            `The peer did not answer ${awaiting.requests} sync requests, each within ${responseTimeoutMs} ms.`,
          );
          awaiting = null;
        }
      }
      flush(now);
    },

    status() {
      return {
        open,
        synced,
        awaitingReply: awaiting !== null,
        peerSpeaksLatitude,
        queued: queue.length,
        sending: sending !== null,
        retryAt,
        pendingMessages: reassembler.pendingMessages,
        pendingBytes: reassembler.pendingBytes,
        peerKnowsConnectedPeers,
        peerConnectedPeers: peerList === null ? null : peerList.peers,
      };
    },

    advertiseConnectedPeers(peerIds) {
      const listable = [...new Set(peerIds)].filter(isListablePeerId);
      advertised = listable.slice(0, MAX_CONNECTED_PEERS);
      sendListIfChanged();
      flush(options.now());
    },

    peerIsConnectedTo(peerId) {
      return peerList !== null && peerList.members.has(peerId);
    },

    resync() {
      if (!open) return;
      const now = options.now();
      requestSync(now, 1, peerKnowsConnectedPeers);
      flush(now);
    },
  };
}
