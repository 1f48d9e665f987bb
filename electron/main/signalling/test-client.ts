/**
 * Test support for the signalling tests: a WebSocket client that queues what it receives
 * so a test can await messages one at a time, and a bounded wait. Every wait here has its
 * own time limit, so a test that goes wrong fails with a message saying what it was waiting
 * for instead of hanging until the runner's timeout.
 */
import { WebSocket, type ClientOptions } from 'ws';

/** Longest any single wait in these tests may take. */
export const WAIT_LIMIT_MS = 4_000;

export type JsonObject = Record<string, unknown>;

export interface Closed {
  code: number;
  reason: string;
}

/** Resolves with `promise`, or rejects once `ms` have passed, naming `what`. */
export async function within<T>(promise: Promise<T>, what: string, ms = WAIT_LIMIT_MS): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Polls `condition` every few ms until it holds; fails after {@link WAIT_LIMIT_MS}. */
export async function until(condition: () => boolean, what: string): Promise<void> {
  await within(
    new Promise<void>((resolve) => {
      const check = (): void => {
        if (condition()) resolve();
        else setTimeout(check, 5);
      };
      check();
    }),
    what,
  );
}

export class TestClient {
  private readonly queue: unknown[] = [];
  private readonly waiting: ((message: unknown) => void)[] = [];
  readonly closed: Promise<Closed>;

  private constructor(readonly socket: WebSocket) {
    this.closed = new Promise((resolve) => {
      socket.on('close', (code, reason) => resolve({ code, reason: reason.toString() }));
    });
    socket.on('message', (data, isBinary) => {
      const bytes = Array.isArray(data) ? Buffer.concat(data) : Buffer.from(new Uint8Array(data));
      const message: unknown = isBinary ? bytes : JSON.parse(bytes.toString('utf8'));
      const waiter = this.waiting.shift();
      if (waiter === undefined) this.queue.push(message);
      else waiter(message);
    });
    // A refused or dropped connection is what some tests expect; they look at `closed`.
    socket.on('error', () => undefined);
  }

  /** Opens a connection; rejects if it is refused (e.g. with the HTTP status). */
  static async connect(url: string, options: ClientOptions = {}): Promise<TestClient> {
    const socket = new WebSocket(url, options);
    const client = new TestClient(socket);
    await within(
      new Promise<void>((resolve, reject) => {
        socket.once('open', () => resolve());
        socket.once('unexpected-response', (_request, response) => {
          reject(new Error(`refused with HTTP ${response.statusCode}`));
          socket.terminate();
        });
        socket.once('error', reject);
      }),
      `a connection to ${url}`,
    );
    return client;
  }

  get isOpen(): boolean {
    return this.socket.readyState === WebSocket.OPEN;
  }

  /** Sends `value` as a JSON text message. */
  send(value: unknown): void {
    this.socket.send(JSON.stringify(value));
  }

  /** Sends exactly these bytes or this text. */
  sendRaw(data: string | Buffer, options: { binary?: boolean } = {}): void {
    this.socket.send(data, { binary: options.binary ?? false });
  }

  /** The next message received (already received ones first). */
  next(what = 'the next message'): Promise<JsonObject> {
    const queued = this.queue.shift();
    if (queued !== undefined) return Promise.resolve(queued as JsonObject);
    return within(
      new Promise<JsonObject>((resolve) => {
        this.waiting.push((message) => resolve(message as JsonObject));
      }),
      what,
    );
  }

  /**
   * Sends a ping and waits for the pong. The server handles one connection's messages in
   * order and sends in order, so once this resolves, everything the server would send this
   * client because of earlier messages has arrived: the pong must be the next message.
   */
  async roundTrip(): Promise<void> {
    this.send({ type: 'ping' });
    const reply = await this.next('a pong');
    if (reply['type'] !== 'pong') throw new Error(`expected a pong, got ${JSON.stringify(reply)}`);
  }

  /** Messages received but not yet taken with next(). */
  get pending(): readonly unknown[] {
    return this.queue;
  }

  close(): Promise<Closed> {
    if (this.socket.readyState === WebSocket.CONNECTING || this.socket.readyState === WebSocket.OPEN) {
      this.socket.close();
    }
    return within(this.closed, 'the connection to close');
  }

  /** Ends the connection at once (no closing handshake). */
  terminate(): Promise<Closed> {
    this.socket.terminate();
    return within(this.closed, 'the connection to end');
  }
}
