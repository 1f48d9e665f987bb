/**
 * What the sync tests say to a peer process (./peer-process.ts) and what it answers, and
 * the test side of it: `spawnPeer` forks a peer and returns a function per command.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** A command to a peer. */
export type PeerCommand =
  | {
      type: 'start';
      name: string;
      workspaceId: string;
      secret: string;
      signallingUrls: string[];
      /**
       * `team`: a new workspace; `large`: one over `largeBytes`; `realistic`: one with
       * `decisions` decisions with realistic fields in 20 domains; `joined`: joined, not synced yet.
       */
      content: 'team' | 'large' | 'realistic' | 'joined';
      largeBytes?: number;
      decisions?: number;
    }
  | { type: 'create-domain'; domainName: string }
  | { type: 'decision-ids'; limit: number }
  | { type: 'set-title'; decisionId: string; title: string }
  | { type: 'watch'; key: string; watch: PeerWatch }
  | { type: 'arrival'; key: string; timeoutMs: number }
  | { type: 'traffic' }
  | { type: 'digest' }
  | { type: 'state' }
  | { type: 'stop' };

/** Something a peer watches its document for, recording when it first held. */
export type PeerWatch =
  /** A decision's title has this value. */
  | { type: 'title'; decisionId: string; title: string }
  /** The document holds at least this many decisions. */
  | { type: 'decisions'; count: number };

/**
 * A moment as a peer's clock says it, comparable between processes on one machine:
 * `performance.timeOrigin + performance.now()`, in milliseconds.
 */
export type PeerTime = number;

/** What a peer sent on its data channels since it started, by kind of message. */
export interface PeerTraffic {
  bytes: number;
  messages: number;
  /** Keyed by `parseYWebrtcMessage`'s type (`update`, `awareness`, `latitude` …). */
  byType: Record<string, { bytes: number; messages: number }>;
}

/** What a peer reports about itself. */
export interface PeerState {
  domains: string[];
  decisions: number;
  stateBytes: number;
  awaitingFirstSync: boolean;
  connectedPeers: number;
  peerStatuses: string[];
  signalling: string[];
  presenceNames: string[];
  progressEvents: number;
  syncedEvents: number;
  problems: string[];
  /** When the peer took its `start` command. */
  startedAt: PeerTime;
  /** When things first happened after the start (null: not yet), from the sync's snapshots. */
  timeline: {
    /** A peer's data channel opened. */
    connectedAt: PeerTime | null;
    /** The first frame of a message in several frames arrived (a large first sync). */
    firstProgressAt: PeerTime | null;
    /** The chunked sync began applying a peer's message to the document (after checking it). */
    applyingAt: PeerTime | null;
    /** A first sync with a peer completed (its content applied). */
    syncedAt: PeerTime | null;
  };
}

/** A peer's answer to the command with the same id (0: the peer is ready). */
export type PeerReply = { id: number; ok: true; result: unknown } | { id: number; ok: false; error: string };

/** A running peer process. */
export interface Peer {
  start(command: Omit<Extract<PeerCommand, { type: 'start' }>, 'type'>): Promise<PeerState>;
  createDomain(domainName: string): Promise<PeerState>;
  /** The ids of the first `limit` decisions, sorted. */
  decisionIds(limit: number): Promise<string[]>;
  /** Changes a decision's title through the repository; resolves with when the change was made. */
  setTitle(decisionId: string, title: string): Promise<PeerTime>;
  /** Starts watching for `watch` under `key` (it may already hold: then it is recorded now). */
  watch(key: string, watch: PeerWatch): Promise<void>;
  /** When the watch under `key` first held (checked after every document update); rejects after `timeoutMs`. */
  arrival(key: string, timeoutMs: number): Promise<PeerTime>;
  /** What the peer sent on its data channels so far. */
  traffic(): Promise<PeerTraffic>;
  /** A digest of the whole document as plain JSON (`documentToPlain`): equal on converged peers. */
  digest(): Promise<string>;
  state(): Promise<PeerState>;
  /** Stops the sync and the process. */
  stop(): Promise<void>;
}

const script = fileURLToPath(new URL('./peer-process.ts', import.meta.url));

/** How long a peer may take to stop, then to exit, before it is killed. */
const STOP_TIMEOUT_MS = 5_000;

const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** `promise`'s value, or `fallback` after `ms` (the timer does not outlive the race). */
async function within<T, F>(promise: Promise<T>, ms: number, fallback: F): Promise<T | F> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      promise,
      new Promise<F>((resolve) => (timer = setTimeout(() => resolve(fallback), ms))),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/** Forks a peer process and waits until it is ready. */
export async function spawnPeer(): Promise<Peer> {
  const child: ChildProcess = fork(script, [], {
    execArgv: ['--import', 'tsx'],
    serialization: 'advanced',
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  let nextId = 1;
  const exited = new Promise<void>((resolve) =>
    child.once('exit', (code, signal) => {
      // Nothing more will answer: fail what is still waiting rather than hang.
      for (const waiting of pending.values()) {
        waiting.reject(new Error(`The peer process exited (code ${code}, signal ${signal}).`));
      }
      pending.clear();
      resolve();
    }),
  );
  const ready = new Promise<void>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`The peer process exited early (code ${code}).`)));
    child.on('message', (reply: PeerReply) => {
      if (reply.id === 0) return resolve();
      const waiting = pending.get(reply.id);
      pending.delete(reply.id);
      if (!waiting) return;
      if (reply.ok) waiting.resolve(reply.result);
      else waiting.reject(new Error(reply.error));
    });
  });
  await ready;
  const call = (command: PeerCommand): Promise<unknown> =>
    new Promise((resolve, reject) => {
      if (!child.connected) return reject(new Error(`The peer process is gone (before ${command.type}).`));
      const id = nextId++;
      pending.set(id, { resolve, reject });
      child.send({ id, command });
    });
  return {
    start: async (command) => (await call({ type: 'start', ...command })) as PeerState,
    createDomain: async (domainName) => (await call({ type: 'create-domain', domainName })) as PeerState,
    decisionIds: async (limit) => (await call({ type: 'decision-ids', limit })) as string[],
    setTitle: async (decisionId, title) => (await call({ type: 'set-title', decisionId, title })) as PeerTime,
    watch: async (key, watch) => {
      await call({ type: 'watch', key, watch });
    },
    arrival: async (key, timeoutMs) => (await call({ type: 'arrival', key, timeoutMs })) as PeerTime,
    traffic: async () => (await call({ type: 'traffic' })) as PeerTraffic,
    digest: async () => (await call({ type: 'digest' })) as string,
    state: async () => (await call({ type: 'state' })) as PeerState,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      try {
        await within(call({ type: 'stop' }), STOP_TIMEOUT_MS, null);
      } finally {
        if (child.connected) child.disconnect();
        // A peer that does not exit on its own once disconnected is killed.
        if (
          (await within(
            exited.then(() => true),
            STOP_TIMEOUT_MS,
            false,
          )) === false
        ) {
          child.kill('SIGKILL');
          await exited;
        }
      }
    },
  };
}

/** Asks `read` until `done` holds for its answer, at most `timeoutMs`; returns the last answer. */
export async function waitFor<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs: number, what: string) {
  const deadline = Date.now() + timeoutMs;
  let last = await read();
  while (!done(last)) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}; last: ${JSON.stringify(last)}`);
    await delay(100);
    last = await read();
  }
  return last;
}
