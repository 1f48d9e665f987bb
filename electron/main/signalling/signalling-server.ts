/**
 * A y-webrtc-compatible signalling server for the LAN, hosted by the Electron main process.
 *
 * It speaks the protocol described in ./protocol.ts, like the stock server shipped in
 * `y-webrtc/bin/server.js`, so either one works for the same clients. Unlike the stock
 * server it treats every peer as untrusted:
 * - a message larger than `maxMessageBytes` closes that connection (1009, by `ws`);
 * - binary frames, malformed JSON and messages of the wrong shape are dropped;
 * - each connection has a message-rate and a byte-rate budget (token buckets); messages
 *   over budget are dropped;
 * - every dropped message counts against the connection, and one that keeps sending them
 *   is closed with 1008 (policy violation);
 * - topics per connection, topic length, connections in all and per remote address are
 *   capped (over the connection caps the WebSocket upgrade gets an HTTP 503 / 429);
 * - a receiver that cannot keep up (too much unsent data queued) is disconnected instead
 *   of letting its queue grow without bound;
 * - a WebSocket ping is sent every `keepaliveIntervalMs`; a connection that has not
 *   answered the previous one by then is dropped.
 * No error from a peer reaches the process: the server only ever logs it.
 *
 * Start it with {@link startSignallingServer}; the controller in ./signalling-controller.ts
 * wraps it for IPC.
 */
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { networkInterfaces as osNetworkInterfaces } from 'node:os';
import type { Duplex } from 'node:stream';
import { WebSocket, WebSocketServer, type RawData } from 'ws';
import { joinAddresses, type JoinAddress, type NetworkInterfaces } from './lan-addresses';
import { parseClientMessage } from './protocol';
import { type Clock, TokenBucket } from './token-bucket';

/** Every limit the server enforces. See {@link DEFAULT_SIGNALLING_LIMITS} for the reasons behind the defaults. */
export interface SignallingLimits {
  /** Largest message accepted, in bytes (`ws`'s `maxPayload`); a larger one closes the connection with 1009. */
  maxMessageBytes: number;
  /** Most WebSocket connections at once, in all. */
  maxConnections: number;
  /** Most connections at once from one remote IP address. */
  maxConnectionsPerAddress: number;
  /** Most topics one connection may be subscribed to at once. */
  maxTopicsPerConnection: number;
  /** Longest topic name, in characters. */
  maxTopicLength: number;
  /** Sustained messages per second per connection. */
  messagesPerSecond: number;
  /** Messages a connection may send at once after being quiet (the bucket's size). */
  messageBurst: number;
  /** Sustained bytes per second per connection. */
  bytesPerSecond: number;
  /** Bytes a connection may send at once after being quiet; at least `maxMessageBytes`. */
  byteBurst: number;
  /** Dropped messages tolerated from one connection before it is closed with 1008. */
  maxRejectedMessages: number;
  /** How fast dropped messages are forgiven (per second). */
  rejectionsForgivenPerSecond: number;
  /** Unsent bytes queued for one receiver beyond which it is disconnected as too slow. */
  maxBufferedBytes: number;
}

const KiB = 1024;
const MiB = 1024 * KiB;

/**
 * Defaults sized for y-webrtc's traffic with plenty of headroom, while bounding what one
 * peer can make the server (and every other subscriber) do:
 * - 64 KiB per message: y-webrtc only signals through the server — an announce (~150 B
 *   encrypted), an SDP offer or answer (~1–3 KB once AES-GCM-encrypted and base64'd) and
 *   ICE candidates (a few hundred bytes each, trickled one per message). Document data never
 *   goes through signalling. 64 KiB is 20× the largest of those, yet a message forwarded to
 *   every subscriber stays small.
 * - 256 connections, 32 per address: a LAN team plus spare; one Latitude process opens one
 *   connection per signalling URL whatever the number of workspaces, so 32 per address
 *   only limits one machine from taking every slot (browser tabs each open their own).
 * - 100 topics per connection: a topic is a workspace (room); y-webrtc subscribes to all
 *   open rooms in one message, so this bounds rooms open at once per peer.
 * - 256 characters per topic: room names are workspace ids (a UUID is 36).
 * - 50 messages/s sustained, bursts of 300: joining a room of n peers makes the newcomer
 *   publish one answer plus a handful of trickled ICE candidates per peer (≈ 6n), and
 *   y-webrtc allows 20–35 peers per room; a reconnect re-announces every open room at once.
 * - 256 KiB/s sustained, 1 MiB bursts: about 300 signalling messages of 3 KB at once.
 * - 100 dropped messages, forgiven at 1/s: a client bug or a brief burst is survivable, a
 *   flood is disconnected within a second or two.
 * - 4 MiB queued per receiver: far above what signalling ever queues for a healthy peer.
 */
export const DEFAULT_SIGNALLING_LIMITS: Readonly<SignallingLimits> = Object.freeze({
  maxMessageBytes: 64 * KiB,
  maxConnections: 256,
  maxConnectionsPerAddress: 32,
  maxTopicsPerConnection: 100,
  maxTopicLength: 256,
  messagesPerSecond: 50,
  messageBurst: 300,
  bytesPerSecond: 256 * KiB,
  byteBurst: 1 * MiB,
  maxRejectedMessages: 100,
  rejectionsForgivenPerSecond: 1,
  maxBufferedBytes: 4 * MiB,
});

/** The port the stock y-webrtc server uses by default, and ours. */
export const DEFAULT_SIGNALLING_PORT = 4444;

/** Same interval as the stock server. */
const DEFAULT_KEEPALIVE_INTERVAL_MS = 30_000;
/** How long stop() lets peers answer the close frame before cutting them off. */
const DEFAULT_CLOSE_GRACE_MS = 1_000;
/** Sockets allowed beyond `maxConnections` while their HTTP request is still being read. */
const PENDING_HANDSHAKE_SOCKETS = 32;
/** A client that has not sent its upgrade request headers by then is dropped. */
const HANDSHAKE_TIMEOUT_MS = 10_000;

const PONG = JSON.stringify({ type: 'pong' });

/** RFC 6455 close codes used here. */
export const CloseCode = Object.freeze({
  goingAway: 1001,
  policyViolation: 1008,
  messageTooBig: 1009,
});

export interface SignallingServerOptions {
  /** Address to listen on; omitted: every interface (IPv6 and IPv4 where available). */
  host?: string;
  /** 0 picks a free port. Default {@link DEFAULT_SIGNALLING_PORT}. */
  port?: number;
  /** Overrides of {@link DEFAULT_SIGNALLING_LIMITS}. */
  limits?: Partial<SignallingLimits>;
  /** Milliseconds between WebSocket pings; a peer silent for a whole interval is dropped. */
  keepaliveIntervalMs?: number;
  /** Milliseconds stop() waits for peers to close cleanly before cutting them off. */
  closeGraceMs?: number;
  /** Monotonic clock in ms for the rate limits; default `performance.now`. */
  now?: Clock;
  /** Default `os.networkInterfaces`; read each time `addresses` is. */
  networkInterfaces?: () => NetworkInterfaces;
  /** Told about dropped connections and errors, for the main-process log. */
  log?: (message: string) => void;
}

export interface SignallingStats {
  connections: number;
  topics: number;
  /** Messages dropped since the server started (malformed, over a limit). */
  rejectedMessages: number;
}

/** A running server. */
export interface SignallingServer {
  /** The address it is bound to, e.g. '::' or '127.0.0.1'. */
  readonly host: string;
  readonly port: number;
  /** Where others can join, recomputed from the current network interfaces on each read. */
  readonly addresses: JoinAddress[];
  stats(): SignallingStats;
  /** Closes every connection (1001), then the listening socket. Safe to call twice. */
  stop(): Promise<void>;
}

interface Peer {
  readonly socket: WebSocket;
  readonly remoteAddress: string;
  readonly topics: Set<string>;
  readonly messages: TokenBucket;
  readonly bytes: TokenBucket;
  readonly rejections: TokenBucket;
  /** Answered the last keepalive ping. */
  alive: boolean;
  readonly closed: Promise<void>;
}

/** Starts a server; resolves once it listens, rejects with a readable Error if it cannot. */
export async function startSignallingServer(options: SignallingServerOptions = {}): Promise<SignallingServer> {
  const limits = resolveLimits(options.limits);
  const keepaliveIntervalMs = positive(
    'keepaliveIntervalMs',
    options.keepaliveIntervalMs ?? DEFAULT_KEEPALIVE_INTERVAL_MS,
  );
  const closeGraceMs = atLeastZero('closeGraceMs', options.closeGraceMs ?? DEFAULT_CLOSE_GRACE_MS);
  const now = options.now ?? (() => performance.now());
  const readInterfaces = options.networkInterfaces ?? osNetworkInterfaces;
  const log = options.log ?? (() => undefined);
  const protocolLimits = {
    maxTopicsPerMessage: limits.maxTopicsPerConnection,
    maxTopicLength: limits.maxTopicLength,
  };

  const peers = new Set<Peer>();
  const topics = new Map<string, Set<Peer>>();
  /** Raw sockets accepted for an upgrade and still open (handshake pending or done). */
  const upgradedSockets = new Set<Duplex>();
  /** How many of those each remote address has. */
  const socketsPerAddress = new Map<string, number>();
  let stopping: Promise<void> | null = null;
  let rejectedMessages = 0;

  const httpServer = createServer((_request, response) => {
    response.writeHead(426, { 'Content-Type': 'text/plain; charset=utf-8', Connection: 'close' });
    response.end('Latitude signalling server: connect with a WebSocket (y-webrtc).\n');
  });
  httpServer.headersTimeout = HANDSHAKE_TIMEOUT_MS;
  httpServer.requestTimeout = HANDSHAKE_TIMEOUT_MS;
  httpServer.maxConnections = limits.maxConnections + PENDING_HANDSHAKE_SOCKETS;

  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: limits.maxMessageBytes,
    // Compression would let a small frame inflate into a large message, and signalling
    // messages are small and mostly base64 anyway.
    perMessageDeflate: false,
    clientTracking: false,
  });
  wss.on('error', (error) => log(`signalling: ${describe(error)}`));

  httpServer.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    // Until ws takes over, an error on the raw socket (a reset) must not go unhandled.
    socket.on('error', () => socket.destroy());
    const remoteAddress = normaliseAddress((socket as Socket).remoteAddress);
    if (stopping !== null) return refuseUpgrade(socket, 503, 'Service Unavailable');
    if (upgradedSockets.size >= limits.maxConnections) {
      log(`signalling: refused ${remoteAddress}: ${limits.maxConnections} connections already`);
      return refuseUpgrade(socket, 503, 'Service Unavailable');
    }
    const fromAddress = socketsPerAddress.get(remoteAddress) ?? 0;
    if (fromAddress >= limits.maxConnectionsPerAddress) {
      log(`signalling: refused ${remoteAddress}: ${fromAddress} connections from it already`);
      return refuseUpgrade(socket, 429, 'Too Many Requests');
    }
    upgradedSockets.add(socket);
    socketsPerAddress.set(remoteAddress, fromAddress + 1);
    socket.once('close', () => {
      upgradedSockets.delete(socket);
      const left = (socketsPerAddress.get(remoteAddress) ?? 1) - 1;
      if (left > 0) socketsPerAddress.set(remoteAddress, left);
      else socketsPerAddress.delete(remoteAddress);
    });
    wss.handleUpgrade(request, socket, head, (ws) => onConnection(ws, remoteAddress));
  });

  function onConnection(socket: WebSocket, remoteAddress: string): void {
    if (stopping !== null) {
      socket.close(CloseCode.goingAway, 'server stopping');
      return;
    }
    let resolveClosed: () => void = () => undefined;
    const peer: Peer = {
      socket,
      remoteAddress,
      topics: new Set(),
      messages: new TokenBucket(limits.messageBurst, limits.messagesPerSecond, now),
      bytes: new TokenBucket(limits.byteBurst, limits.bytesPerSecond, now),
      rejections: new TokenBucket(limits.maxRejectedMessages, limits.rejectionsForgivenPerSecond, now),
      alive: true,
      closed: new Promise<void>((resolve) => {
        resolveClosed = resolve;
      }),
    };
    peers.add(peer);
    // ws closes the connection itself after an error (1009 for an oversized message, 1002
    // or 1007 for a broken frame); the listener is what keeps it from being thrown.
    socket.on('error', (error) => log(`signalling: ${remoteAddress}: ${describe(error)}`));
    socket.on('pong', () => {
      peer.alive = true;
    });
    socket.on('message', (data, isBinary) => onMessage(peer, data, isBinary));
    socket.on('close', () => {
      removePeer(peer);
      resolveClosed();
    });
  }

  function onMessage(peer: Peer, data: RawData, isBinary: boolean): void {
    if (!peers.has(peer) || peer.socket.readyState !== WebSocket.OPEN) return;
    if (!peer.messages.take(1) || !peer.bytes.take(byteLength(data))) return reject(peer, 'over the rate limit');
    if (isBinary) return reject(peer, 'binary message');
    const parsed = parseClientMessage(rawDataToString(data), protocolLimits);
    if (!parsed.ok) return reject(peer, parsed.reason);

    const message = parsed.message;
    switch (message.type) {
      case 'subscribe': {
        const added = message.topics.filter((topic) => !peer.topics.has(topic));
        if (peer.topics.size + added.length > limits.maxTopicsPerConnection) {
          return reject(peer, `more than ${limits.maxTopicsPerConnection} topics`);
        }
        for (const topic of added) {
          peer.topics.add(topic);
          let subscribers = topics.get(topic);
          if (subscribers === undefined) {
            subscribers = new Set();
            topics.set(topic, subscribers);
          }
          subscribers.add(peer);
        }
        return;
      }
      case 'unsubscribe':
        for (const topic of message.topics) unsubscribe(peer, topic);
        return;
      case 'publish': {
        const subscribers = topics.get(message.topic);
        if (subscribers === undefined) return;
        let text: string;
        try {
          text = JSON.stringify({ ...message.message, clients: subscribers.size });
        } catch {
          // Not expected: parsing limits the nesting depth so that this cannot overflow.
          return reject(peer, 'message cannot be forwarded');
        }
        for (const subscriber of [...subscribers]) send(subscriber, text);
        return;
      }
      case 'ping':
        send(peer, PONG);
        return;
      case 'ignored':
        return;
    }
  }

  /** Drops the current message; closes the connection once it has had too many dropped. */
  function reject(peer: Peer, reason: string): void {
    rejectedMessages++;
    if (peer.rejections.take(1)) return;
    log(`signalling: closing ${peer.remoteAddress}: too many rejected messages (last: ${reason})`);
    closePeer(peer, CloseCode.policyViolation, 'too many rejected messages');
  }

  function send(peer: Peer, text: string): void {
    if (peer.socket.readyState !== WebSocket.OPEN) return;
    if (peer.socket.bufferedAmount > limits.maxBufferedBytes) {
      log(`signalling: dropping ${peer.remoteAddress}: not reading its messages`);
      removePeer(peer);
      peer.socket.terminate();
      return;
    }
    peer.socket.send(text);
  }

  /** Stops routing to and from `peer` at once, then closes it. */
  function closePeer(peer: Peer, code: number, reason: string): void {
    removePeer(peer);
    peer.socket.close(code, reason);
  }

  function unsubscribe(peer: Peer, topic: string): void {
    peer.topics.delete(topic);
    const subscribers = topics.get(topic);
    if (subscribers === undefined) return;
    subscribers.delete(peer);
    if (subscribers.size === 0) topics.delete(topic);
  }

  function removePeer(peer: Peer): void {
    for (const topic of [...peer.topics]) unsubscribe(peer, topic);
    peers.delete(peer);
  }

  function keepalive(): void {
    for (const peer of [...peers]) {
      if (!peer.alive) {
        log(`signalling: dropping ${peer.remoteAddress}: no answer to ping`);
        removePeer(peer);
        peer.socket.terminate();
        continue;
      }
      peer.alive = false;
      if (peer.socket.readyState === WebSocket.OPEN) peer.socket.ping();
    }
  }

  async function stop(): Promise<void> {
    const closing = [...peers];
    for (const peer of closing) closePeer(peer, CloseCode.goingAway, 'server stopping');
    const allClosed = Promise.all(closing.map((peer) => peer.closed));
    let graceTimer: NodeJS.Timeout | undefined;
    const graceOver = new Promise<void>((resolve) => {
      graceTimer = setTimeout(resolve, closeGraceMs);
    });
    await Promise.race([allClosed, graceOver]);
    clearTimeout(graceTimer);
    // Whoever did not answer the close frame in time, and sockets still mid-handshake.
    for (const peer of closing) peer.socket.terminate();
    for (const socket of upgradedSockets) socket.destroy();
    await allClosed;
    await new Promise<void>((resolve) => wss.close(() => resolve()));
    const serverClosed = new Promise<void>((resolve) => httpServer.close(() => resolve()));
    httpServer.closeAllConnections();
    await serverClosed;
  }

  await listen(httpServer, options.host, options.port ?? DEFAULT_SIGNALLING_PORT);
  httpServer.on('error', (error) => log(`signalling: ${describe(error)}`));
  const keepaliveTimer = setInterval(keepalive, keepaliveIntervalMs);
  // The server's own sockets keep the process alive while it runs; the timer need not.
  keepaliveTimer.unref();

  const bound = httpServer.address() as AddressInfo;
  return {
    host: bound.address,
    port: bound.port,
    get addresses() {
      return joinAddresses(bound.address, bound.port, readInterfaces());
    },
    stats: () => ({ connections: peers.size, topics: topics.size, rejectedMessages }),
    stop() {
      if (stopping === null) {
        clearInterval(keepaliveTimer);
        stopping = stop();
      }
      return stopping;
    },
  };
}

function listen(server: ReturnType<typeof createServer>, host: string | undefined, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (error: Error): void => reject(listenError(error, host, port));
    server.once('error', onError);
    server.listen({ host, port }, () => {
      server.off('error', onError);
      resolve();
    });
  });
}

/** A message a person can act on, for the errors listening commonly ends in. */
function listenError(error: Error, host: string | undefined, port: number): Error {
  const code = (error as NodeJS.ErrnoException).code;
  const where = host === undefined ? `port ${port}` : `${host} port ${port}`;
  switch (code) {
    case 'EADDRINUSE':
      return new Error(`Cannot host signalling on ${where}: the port is already in use.`, { cause: error });
    case 'EACCES':
      return new Error(`Cannot host signalling on ${where}: permission denied.`, { cause: error });
    case 'EADDRNOTAVAIL':
      return new Error(`Cannot host signalling on ${where}: this machine has no such address.`, { cause: error });
    default:
      return new Error(`Cannot host signalling on ${where}: ${error.message}`, { cause: error });
  }
}

function refuseUpgrade(socket: Duplex, status: number, statusText: string): void {
  // The HTTP server allows half-open sockets: destroy once the answer is written rather
  // than wait for the client to end its side.
  socket.once('finish', () => socket.destroy());
  socket.end(`HTTP/1.1 ${status} ${statusText}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

function resolveLimits(overrides: Partial<SignallingLimits> = {}): SignallingLimits {
  const limits: SignallingLimits = { ...DEFAULT_SIGNALLING_LIMITS };
  for (const key of Object.keys(DEFAULT_SIGNALLING_LIMITS) as (keyof SignallingLimits)[]) {
    const value = overrides[key];
    if (value !== undefined) limits[key] = value;
  }
  const counts: (keyof SignallingLimits)[] = [
    'maxMessageBytes',
    'maxConnections',
    'maxConnectionsPerAddress',
    'maxTopicsPerConnection',
    'maxTopicLength',
    'messageBurst',
    'byteBurst',
    'maxRejectedMessages',
    'maxBufferedBytes',
  ];
  for (const key of counts) {
    if (!Number.isInteger(limits[key]) || limits[key] < 1)
      throw new RangeError(`limits.${key}: must be an integer ≥ 1`);
  }
  for (const key of ['messagesPerSecond', 'bytesPerSecond', 'rejectionsForgivenPerSecond'] as const) {
    atLeastZero(`limits.${key}`, limits[key]);
  }
  if (limits.byteBurst < limits.maxMessageBytes) {
    throw new RangeError('limits.byteBurst: must be at least limits.maxMessageBytes');
  }
  return limits;
}

function positive(name: string, value: number): number {
  if (!Number.isFinite(value) || value <= 0) throw new RangeError(`${name}: must be a number > 0`);
  return value;
}

function atLeastZero(name: string, value: number): number {
  if (!Number.isFinite(value) || value < 0) throw new RangeError(`${name}: must be a number ≥ 0`);
  return value;
}

/** '::ffff:192.168.1.5' and '192.168.1.5' are the same peer. */
function normaliseAddress(address: string | undefined): string {
  if (address === undefined) return 'unknown';
  return address.startsWith('::ffff:') && address.includes('.') ? address.slice('::ffff:'.length) : address;
}

function byteLength(data: RawData): number {
  if (Array.isArray(data)) return data.reduce((sum, chunk) => sum + chunk.byteLength, 0);
  return data.byteLength;
}

function rawDataToString(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  if (data instanceof ArrayBuffer) return Buffer.from(data).toString('utf8');
  return data.toString('utf8');
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
