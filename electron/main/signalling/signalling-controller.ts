/**
 * Starts and stops the LAN signalling server on request from the UI, one server at a
 * time, and says how it is doing. IPC handlers call this; it checks their arguments again
 * itself (they come from the renderer) and throws Errors that name the field at fault.
 *
 * Calls are queued: a start() that arrives while a stop() is still closing connections
 * runs after it, so two servers never overlap.
 */
import { isIP } from 'node:net';
import type { JoinAddress } from './lan-addresses';
import { DEFAULT_SIGNALLING_PORT, type SignallingServer } from './signalling-server';

/** What the UI may choose. */
export interface SignallingStartOptions {
  /** An IP address to listen on ('0.0.0.0', '::', '127.0.0.1', …) or 'localhost'; omitted: every interface. */
  host?: string;
  /** 0 (any free port) or 1024–65535; omitted: {@link DEFAULT_SIGNALLING_PORT}. */
  port?: number;
}

export interface SignallingStatus {
  running: boolean;
  /** null while stopped. */
  port: number | null;
  /** Where others can join; empty while stopped. */
  addresses: JoinAddress[];
  connections: number;
  topics: number;
}

export interface SignallingControllerDeps {
  /** Normally `startSignallingServer` with the app's limits and logger bound in. */
  createServer: (options: { host?: string; port: number }) => Promise<SignallingServer>;
}

export interface SignallingController {
  /** Starts the server; throws if the arguments are wrong, it is already running, or it cannot listen. */
  start(options?: unknown): Promise<SignallingStatus>;
  /** Stops the server if it runs; resolves once its port is free. */
  stop(): Promise<SignallingStatus>;
  status(): SignallingStatus;
}

const STOPPED: Readonly<SignallingStatus> = Object.freeze({
  running: false,
  port: null,
  addresses: [],
  connections: 0,
  topics: 0,
});

const ACCEPTED_FIELDS = new Set(['host', 'port']);

export function createSignallingController(deps: SignallingControllerDeps): SignallingController {
  let server: SignallingServer | null = null;
  let queue: Promise<unknown> = Promise.resolve();

  /** Runs `operation` after every operation queued before it, whether they failed or not. */
  function enqueue<T>(operation: () => Promise<T>): Promise<T> {
    const result = queue.then(operation, operation);
    queue = result.catch(() => undefined);
    return result;
  }

  function status(): SignallingStatus {
    if (server === null) return { ...STOPPED, addresses: [] };
    const { connections, topics } = server.stats();
    return { running: true, port: server.port, addresses: server.addresses, connections, topics };
  }

  return {
    async start(options) {
      // Checked before queueing, so a bad call fails at once whatever else is going on.
      const parsed = parseStartOptions(options);
      return enqueue(async () => {
        if (server !== null) {
          throw new Error(`The signalling server is already running on port ${server.port}; stop it first.`);
        }
        server = await deps.createServer(parsed);
        return status();
      });
    },
    stop() {
      return enqueue(async () => {
        const running = server;
        if (running !== null) {
          await running.stop();
          server = null;
        }
        return status();
      });
    },
    status,
  };
}

/** Checks what the UI sent; throws an Error naming the field at fault. */
export function parseStartOptions(options: unknown): { host?: string; port: number } {
  if (options === undefined) return { port: DEFAULT_SIGNALLING_PORT };
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw new Error('options: must be an object such as { host, port }');
  }
  for (const field of Object.keys(options)) {
    if (!ACCEPTED_FIELDS.has(field)) throw new Error(`${field}: is not an accepted field`);
  }
  const { host, port } = options as { host?: unknown; port?: unknown };

  if (port !== undefined && !isAllowedPort(port)) {
    throw new Error('port: must be an integer, 0 (any free port) or 1024–65535');
  }
  if (host !== undefined && !isAllowedHost(host)) {
    throw new Error("host: must be an IP address such as '0.0.0.0', '::' or '127.0.0.1', or 'localhost'");
  }
  const checkedPort = port === undefined ? DEFAULT_SIGNALLING_PORT : port;
  return host === undefined ? { port: checkedPort } : { host, port: checkedPort };
}

function isAllowedPort(port: unknown): port is number {
  return Number.isInteger(port) && (port === 0 || ((port as number) >= 1024 && (port as number) <= 65535));
}

function isAllowedHost(host: unknown): host is string {
  return typeof host === 'string' && (host === 'localhost' || isIP(host) !== 0);
}
