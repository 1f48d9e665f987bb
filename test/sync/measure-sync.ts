/**
 * The measuring side of the sync benchmark (test/bench/suites/sync.ts), run by that suite
 * inside a private network namespace where only loopback exists (it refuses to run
 * anywhere else). Every peer is its own process (./peer-process.ts) with real WebRTC
 * (`@roamhq/wrtc`), meeting through Latitude's own signalling server on 127.0.0.1.
 *
 * It measures:
 * - a single-field edit (a decision's title, through the repository) reaching every other
 *   peer, with 2, 5 and 10 peers: from the moment the editing peer makes the change to the
 *   moment the last peer's document holds it, each peer reading its own clock
 *   (`performance.timeOrigin + performance.now()`, comparable between processes). The
 *   peers join one at a time, each once the others are online (two peers that announce
 *   themselves at the same moment reconnect after peer-sync's connect timeout, 8–16 s: the
 *   connections are not what is measured here). Editors take turns; the first
 *   `WARMUP_EDITS` edits are not counted;
 * - the bytes every peer hands to its data channels during each of those edits (Latitude's
 *   frame headers included; DTLS/SCTP overhead not; awareness messages left out, since an
 *   edit never triggers them: y-webrtc renews awareness every 15 s on its own), per peer
 *   that received the edit, with the part the editing peer sent itself;
 * - the first sync of a workspace of 10,000 realistic decisions to a peer that joins it:
 *   from the joining peer taking its start command (process already running) until its
 *   document holds every decision, with the moments the data channel opened, the first
 *   frame arrived and the apply began (the update checked first, see
 *   renderer/sync/yjs-sync-document.ts).
 *
 * Prints one line `SYNC-BENCH-RESULT <json>` with the figures (peers' own output may come
 * before it). Every step has a timeout, and a watchdog ends the process after
 * `DEADLINE_MS`; peers exit when this process does.
 */
import { networkInterfaces } from 'node:os';
import { startSignallingServer } from '../../electron/main/signalling';
import { median, percentile, round, type Figure } from '../bench/bench';
import { spawnPeer, waitFor, type Peer, type PeerState, type PeerTraffic } from './peer-protocol';

const SECRET = 'YmVuY2gtc2VjcmV0LWZvci1zeW5jLWJlbmNobWFya3M';
const PEER_COUNTS = [2, 5, 10] as const;
const LATENCY_TARGETS: Record<number, number> = { 2: 50, 5: 75, 10: 150 };
const EDITS = 40;
const WARMUP_EDITS = 5;
const DECISIONS_IN_EDITED_WORKSPACE = 200;
const LARGE_DECISIONS = 10_000;
const FIRST_SYNC_RUNS = 5;
const CONNECT_MS = 60_000;
const ARRIVAL_MS = 10_000;
const FIRST_SYNC_MS = 60_000;
const DEADLINE_MS = 8 * 60_000;
/** Message types an edit never causes (see above). */
const NOT_CAUSED_BY_EDITS = new Set(['awareness', 'query-awareness']);
const SOURCE = 'issue 8: Sync between peers';

const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Bytes and messages by message type. */
type Tally = Map<string, { bytes: number; messages: number }>;

/** Adds what a peer sent between two readings of its traffic to `tally`. */
function addSent(before: PeerTraffic, after: PeerTraffic, tally: Tally): void {
  for (const [type, entry] of Object.entries(after.byType)) {
    const bytes = entry.bytes - (before.byType[type]?.bytes ?? 0);
    const messages = entry.messages - (before.byType[type]?.messages ?? 0);
    if (messages === 0) continue;
    const sum = tally.get(type) ?? { bytes: 0, messages: 0 };
    tally.set(type, { bytes: sum.bytes + bytes, messages: sum.messages + messages });
  }
}

/** The bytes of a tally that an edit can cause. */
function editBytes(tally: Tally): number {
  let total = 0;
  for (const [type, { bytes }] of tally) if (!NOT_CAUSED_BY_EDITS.has(type)) total += bytes;
  return total;
}

const signalled = (state: PeerState) => state.signalling.every((status) => status === 'connected');

async function stopAll(peers: Peer[]): Promise<void> {
  await Promise.allSettled(peers.map((peer) => peer.stop()));
}

interface EditResult {
  peers: number;
  latencies: number[];
  /** Per edit: every peer's bytes ÷ receiving peers. */
  bytesPerReceiver: number[];
  /** Per edit: the editing peer's bytes ÷ receiving peers. */
  editorBytesPerReceiver: number[];
  /** Every peer's sends during the counted edits, by message type (awareness included). */
  tally: Tally;
}

/** `count` peers in one workspace; edits taking turns; see the file comment. */
async function measureEdits(url: string, count: number): Promise<EditResult> {
  const workspaceId = `bench-edits-${count}`;
  const peers = await Promise.all(Array.from({ length: count }, () => spawnPeer()));
  try {
    const options = (name: string) => ({ name, workspaceId, secret: SECRET, signallingUrls: [url] });
    const [owner] = peers;
    if (!owner) throw new Error('No peers.');
    await owner.start({ ...options('peer-0'), content: 'realistic', decisions: DECISIONS_IN_EDITED_WORKSPACE });
    await waitFor(() => owner.state(), signalled, CONNECT_MS, 'the first peer reaching the signalling server');
    // One at a time: the peers already there all call the newcomer, so no two peers call each
    // other at once (which would cost a reconnection after peer-sync's connect timeout).
    for (let index = 1; index < count; index += 1) {
      const peer = peers[index] as Peer;
      await peer.start({ ...options(`peer-${index}`), content: 'joined' });
      await waitFor(
        () => peer.state(),
        (state) => state.connectedPeers === index && state.decisions === DECISIONS_IN_EDITED_WORKSPACE,
        CONNECT_MS,
        `peer ${index} joining`,
      );
    }
    await Promise.all(
      peers.map((peer, index) =>
        waitFor(
          () => peer.state(),
          (state) =>
            state.connectedPeers === count - 1 &&
            state.peerStatuses.every((status) => status === 'synced') &&
            state.presenceNames.length === count,
          CONNECT_MS,
          `peer ${index} connected to and synced with every other`,
        ),
      ),
    );
    await delay(500);

    const ids = await owner.decisionIds(EDITS + WARMUP_EDITS);
    const result: EditResult = {
      peers: count,
      latencies: [],
      bytesPerReceiver: [],
      editorBytesPerReceiver: [],
      tally: new Map(),
    };
    for (let edit = 0; edit < WARMUP_EDITS + EDITS; edit += 1) {
      const editorIndex = edit % count;
      const editor = peers[editorIndex] as Peer;
      const receivers = peers.filter((_, index) => index !== editorIndex);
      const decisionId = ids[edit % ids.length] ?? '';
      // 16 characters, as in the data suite's edits.
      const title = `Edited title ${String(edit).padStart(3, '0')}`;
      const key = `edit-${edit}`;
      await Promise.all(receivers.map((peer) => peer.watch(key, { type: 'title', decisionId, title })));
      const before = await Promise.all(peers.map((peer) => peer.traffic()));
      const madeAt = await editor.setTitle(decisionId, title);
      const arrivals = await Promise.all(receivers.map((peer) => peer.arrival(key, ARRIVAL_MS)));
      // Whatever the edit causes besides its arrival (peers passing it on) is sent by now;
      // wait a little all the same.
      await delay(50);
      const after = await Promise.all(peers.map((peer) => peer.traffic()));
      if (edit < WARMUP_EDITS) continue;
      result.latencies.push(Math.max(...arrivals) - madeAt);
      const all: Tally = new Map();
      const own: Tally = new Map();
      peers.forEach((_, index) => addSent(before[index] as PeerTraffic, after[index] as PeerTraffic, all));
      addSent(before[editorIndex] as PeerTraffic, after[editorIndex] as PeerTraffic, own);
      result.bytesPerReceiver.push(editBytes(all) / receivers.length);
      result.editorBytesPerReceiver.push(editBytes(own) / receivers.length);
      for (const [type, sum] of all) {
        const total = result.tally.get(type) ?? { bytes: 0, messages: 0 };
        result.tally.set(type, { bytes: total.bytes + sum.bytes, messages: total.messages + sum.messages });
      }
    }
    const problems = (await Promise.all(peers.map((peer) => peer.state()))).flatMap((state) => state.problems);
    if (problems.length > 0) throw new Error(`Sync problems with ${count} peers: ${problems.join('; ')}`);
    return result;
  } finally {
    await stopAll(peers);
  }
}

interface FirstSyncResult {
  /** From the start to every decision in the document. */
  times: number[];
  /** From the start to: the data channel open, the first frame, the reply's apply beginning. */
  connected: number[];
  firstFrame: number[];
  applying: number[];
  stateBytes: number;
}

/** The first sync of a 10,000-decision workspace to a freshly joined peer, `FIRST_SYNC_RUNS` times. */
async function measureFirstSync(url: string): Promise<FirstSyncResult> {
  const workspaceId = 'bench-first-sync';
  const options = (name: string) => ({ name, workspaceId, secret: SECRET, signallingUrls: [url] });
  const owner = await spawnPeer();
  const result: FirstSyncResult = { times: [], connected: [], firstFrame: [], applying: [], stateBytes: 0 };
  try {
    const built = await owner.start({ ...options('owner'), content: 'realistic', decisions: LARGE_DECISIONS });
    if (built.decisions !== LARGE_DECISIONS) throw new Error(`The workspace holds ${built.decisions} decisions.`);
    result.stateBytes = built.stateBytes;
    // The owner is online before anyone joins (two peers arriving at once cost a reconnection).
    await waitFor(() => owner.state(), signalled, CONNECT_MS, 'the owner reaching the signalling server');
    for (let run = 0; run < FIRST_SYNC_RUNS; run += 1) {
      const joiner = await spawnPeer();
      try {
        await joiner.watch('all', { type: 'decisions', count: LARGE_DECISIONS });
        const started = await joiner.start({ ...options(`joiner-${run}`), content: 'joined' });
        const arrived = await joiner.arrival('all', FIRST_SYNC_MS);
        const state = await joiner.state();
        if (state.problems.length > 0) throw new Error(`First sync problems: ${state.problems.join('; ')}`);
        const since = (at: number | null) => (at === null ? Number.NaN : at - started.startedAt);
        result.times.push(since(arrived));
        result.connected.push(since(state.timeline.connectedAt));
        result.firstFrame.push(since(state.timeline.firstProgressAt));
        result.applying.push(since(state.timeline.applyingAt));
      } finally {
        await joiner.stop();
      }
      // The owner notices the joiner has gone before the next one comes.
      await waitFor(
        () => owner.state(),
        (state) => state.connectedPeers === 0,
        CONNECT_MS,
        'the joiner to leave',
      );
    }
    return result;
  } finally {
    await owner.stop();
  }
}

async function main(): Promise<Figure[]> {
  const interfaces = Object.keys(networkInterfaces());
  if (interfaces.some((name) => name !== 'lo')) {
    throw new Error(
      `Refusing to run WebRTC with network interfaces ${interfaces.join(', ')}: run inside unshare -n with only loopback up.`,
    );
  }
  const server = await startSignallingServer({ host: '127.0.0.1', port: 0, closeGraceMs: 200 });
  const url = `ws://127.0.0.1:${server.port}`;
  const figures: Figure[] = [];
  try {
    const edits: EditResult[] = [];
    for (const count of PEER_COUNTS) {
      process.stderr.write(`bench: sync: ${count} peers…\n`);
      edits.push(await measureEdits(url, count));
    }
    process.stderr.write(`bench: sync: first sync of ${LARGE_DECISIONS} decisions…\n`);
    const first = await measureFirstSync(url);

    for (const result of edits) {
      figures.push(
        {
          name: `single-field edit reaching every peer, ${result.peers} peers, p95 of ${EDITS}`,
          value: round(percentile(result.latencies, 95), 1),
          unit: 'ms',
          target: { max: LATENCY_TARGETS[result.peers] ?? 0, source: SOURCE },
        },
        {
          name: `single-field edit reaching every peer, ${result.peers} peers, median of ${EDITS}`,
          value: round(median(result.latencies), 1),
          unit: 'ms',
          target: null,
        },
      );
    }
    for (const result of edits) {
      const types = [...result.tally]
        .map(([type, { bytes, messages }]) => {
          const left = NOT_CAUSED_BY_EDITS.has(type) ? ', not counted' : '';
          return `${type}: ${round(messages / EDITS, 1)} messages, ${round(bytes / EDITS, 1)} bytes${left}`;
        })
        .join('; ');
      const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;
      figures.push(
        {
          name: `data-channel bytes per single-field edit per receiving peer, ${result.peers} peers: every peer's sends ÷ ${result.peers - 1}, mean of ${EDITS} (per edit, all peers: ${types})`,
          value: round(mean(result.bytesPerReceiver), 1),
          unit: 'bytes',
          target: { max: 96, source: SOURCE },
        },
        {
          name: `of which the editing peer's own sends, ${result.peers} peers`,
          value: round(mean(result.editorBytesPerReceiver), 1),
          unit: 'bytes',
          target: null,
        },
      );
    }
    figures.push(
      {
        name: `first sync of ${LARGE_DECISIONS.toLocaleString('en')} decisions to a peer that joins: from its start to every decision in its document, median of ${FIRST_SYNC_RUNS}`,
        value: round(median(first.times), 0),
        unit: 'ms',
        target: { max: 2_000, source: SOURCE },
      },
      {
        name: `first sync of ${LARGE_DECISIONS.toLocaleString('en')} decisions, slowest of ${FIRST_SYNC_RUNS}`,
        value: round(Math.max(...first.times), 0),
        unit: 'ms',
        target: null,
      },
      {
        name: 'of which from the start until the data channel opened, median',
        value: round(median(first.connected), 0),
        unit: 'ms',
        target: null,
      },
      {
        name: 'until the first frame of the workspace arrived, median',
        value: round(median(first.firstFrame), 0),
        unit: 'ms',
        target: null,
      },
      {
        name: 'until the last frame had arrived and the update was checked (the apply began), median',
        value: round(median(first.applying), 0),
        unit: 'ms',
        target: null,
      },
      {
        name: `encoded state of that workspace`,
        value: round(first.stateBytes / 1024, 1),
        unit: 'KiB',
        target: null,
      },
    );
  } finally {
    await server.stop();
  }
  return figures;
}

const watchdog = setTimeout(() => {
  process.stderr.write(`measure-sync: not done after ${DEADLINE_MS / 1000} s, giving up.\n`);
  process.exit(1);
}, DEADLINE_MS);

try {
  const figures = await main();
  process.stdout.write(`SYNC-BENCH-RESULT ${JSON.stringify(figures)}\n`);
} catch (error) {
  process.stderr.write(`measure-sync: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
} finally {
  clearTimeout(watchdog);
}
