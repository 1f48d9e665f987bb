/**
 * The y-webrtc signalling protocol, as the client in y-webrtc 10.3 speaks it: JSON text
 * messages, each an object with a string `type`.
 *
 * - `{type:'subscribe', topics:[...]}` — receive what is published to these topics (room
 *   names). The client sends every room it has open in one message on connecting (an empty
 *   list when no room is open yet, e.g. while a room password's key is being derived), and
 *   one room at a time when a room connects later.
 * - `{type:'unsubscribe', topics:[...]}` — stop receiving them (sent when a room
 *   disconnects).
 * - `{type:'publish', topic, data}` — forwarded whole to every subscriber of `topic`, the
 *   sender included, with `clients` (the number of subscribers) added. `data` is the
 *   room's business: an encrypted base64 string when the room has a password, otherwise
 *   an object `{type:'announce'|'signal', from, to?, signal?, token?}`.
 * - `{type:'ping'}` — answered with `{type:'pong'}`; the client sends one 15 s after
 *   connecting and after each pong, and reconnects when it has heard nothing for 30 s.
 *
 * Parsing is pure and strict: anything else that is not well-formed is refused with a
 * reason, so the server can drop it and count it against the sender. A well-formed message
 * of a type the server does not know is reported as `ignored` (not refused), so a newer
 * client's extension does not get it disconnected.
 */

export interface ProtocolLimits {
  /** Most topics one subscribe or unsubscribe may name. */
  maxTopicsPerMessage: number;
  /** Longest topic name, in UTF-16 code units (`string.length`). */
  maxTopicLength: number;
}

export type ClientMessage =
  | { type: 'subscribe'; topics: string[] }
  | { type: 'unsubscribe'; topics: string[] }
  /** `message` is the whole parsed message, to be forwarded. */
  | { type: 'publish'; topic: string; message: Record<string, unknown> }
  | { type: 'ping' }
  | { type: 'ignored' };

export type ParseResult = { ok: true; message: ClientMessage } | { ok: false; reason: string };

/**
 * Deepest nesting of arrays and objects accepted. y-webrtc's deepest message (an
 * unencrypted ICE candidate: message → data → signal → candidate) is 4 levels; a limit
 * keeps re-serialising a forwarded message from overflowing the stack.
 */
export const MAX_NESTING_DEPTH = 32;

/** Parses and checks one text message from a client. Never throws. */
export function parseClientMessage(text: string, limits: ProtocolLimits): ParseResult {
  if (nestingDepth(text) > MAX_NESTING_DEPTH) return refuse(`nested deeper than ${MAX_NESTING_DEPTH}`);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return refuse('not JSON');
  }
  if (!isPlainObject(value)) return refuse('not a JSON object');
  const type = value['type'];
  if (typeof type !== 'string') return refuse('type: not a string');

  switch (type) {
    case 'subscribe':
    case 'unsubscribe': {
      const topics = parseTopics(value['topics'], limits);
      return typeof topics === 'string' ? refuse(topics) : { ok: true, message: { type, topics } };
    }
    case 'publish': {
      const problem = topicProblem(value['topic'], limits);
      if (problem !== null) return refuse(`topic: ${problem}`);
      return { ok: true, message: { type, topic: value['topic'] as string, message: value } };
    }
    case 'ping':
      return { ok: true, message: { type } };
    default:
      return { ok: true, message: { type: 'ignored' } };
  }
}

/** The distinct topics, or a string saying what is wrong. */
function parseTopics(topics: unknown, limits: ProtocolLimits): string[] | string {
  if (!Array.isArray(topics)) return 'topics: not an array';
  if (topics.length > limits.maxTopicsPerMessage) {
    return `topics: more than ${limits.maxTopicsPerMessage}`;
  }
  for (const [index, topic] of topics.entries()) {
    const problem = topicProblem(topic, limits);
    if (problem !== null) return `topics.${index}: ${problem}`;
  }
  return [...new Set(topics as string[])];
}

function topicProblem(topic: unknown, limits: ProtocolLimits): string | null {
  if (typeof topic !== 'string') return 'not a string';
  if (topic.length === 0) return 'empty';
  if (topic.length > limits.maxTopicLength) return `longer than ${limits.maxTopicLength} characters`;
  return null;
}

/**
 * How deep `[` and `{` nest in JSON text, brackets inside strings not counted. Linear and
 * without recursion, so it is safe on any input; on text that is not JSON the answer only
 * has to be good enough for JSON.parse to reject it afterwards.
 */
export function nestingDepth(text: string): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const char = text.charCodeAt(i);
    if (inString) {
      if (char === BACKSLASH) i++;
      else if (char === QUOTE) inString = false;
    } else if (char === QUOTE) {
      inString = true;
    } else if (char === OPEN_BRACKET || char === OPEN_BRACE) {
      depth++;
      if (depth > deepest) deepest = depth;
    } else if (char === CLOSE_BRACKET || char === CLOSE_BRACE) {
      depth--;
    }
  }
  return deepest;
}

const BACKSLASH = 0x5c;
const QUOTE = 0x22;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function refuse(reason: string): ParseResult {
  return { ok: false, reason };
}
