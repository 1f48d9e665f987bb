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
      /** `team`: a new workspace; `large`: one over `largeBytes`; `joined`: joined, not synced yet. */
      content: 'team' | 'large' | 'joined';
      largeBytes?: number;
    }
  | { type: 'create-domain'; domainName: string }
  | { type: 'state' }
  | { type: 'stop' };

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
}

/** A peer's answer to the command with the same id (0: the peer is ready). */
export type PeerReply = { id: number; ok: true; result: unknown } | { id: number; ok: false; error: string };

/** A running peer process. */
export interface Peer {
  start(command: Omit<Extract<PeerCommand, { type: 'start' }>, 'type'>): Promise<PeerState>;
  createDomain(domainName: string): Promise<PeerState>;
  state(): Promise<PeerState>;
  /** Stops the sync and the process. */
  stop(): Promise<void>;
}

const script = fileURLToPath(new URL('./peer-process.ts', import.meta.url));

/** Forks a peer process and waits until it is ready. */
export async function spawnPeer(): Promise<Peer> {
  const child: ChildProcess = fork(script, [], {
    execArgv: ['--import', 'tsx'],
    serialization: 'advanced',
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  let nextId = 1;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
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
      const id = nextId++;
      pending.set(id, { resolve, reject });
      child.send({ id, command });
    });
  return {
    start: async (command) => (await call({ type: 'start', ...command })) as PeerState,
    createDomain: async (domainName) => (await call({ type: 'create-domain', domainName })) as PeerState,
    state: async () => (await call({ type: 'state' })) as PeerState,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      try {
        await call({ type: 'stop' });
      } finally {
        child.disconnect();
        await exited;
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
    await new Promise((resolve) => setTimeout(resolve, 100));
    last = await read();
  }
  return last;
}
