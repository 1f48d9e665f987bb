/**
 * Issue 8, sync through real WebRTC data channels (`@roamhq/wrtc`) between two Latitude
 * peers, each in its own process (./peer-process.ts), meeting through a signalling server
 * on 127.0.0.1:
 * - the project's own server (electron/main/signalling), edits converging both ways, with
 *   the joining peer starting from a joined, not yet synced workspace;
 * - the stock server shipped in y-webrtc (`bin/server.js`);
 * - a workspace over 5 MB completing its first sync in frames, with progress;
 * - five peers, four of them joining at once, each making an edit at the same moment, ending
 *   with identical documents, through either server.
 *
 * Run by `npm run test:sync` inside a private network namespace where only loopback exists,
 * so no packet can leave the machine (WebRTC would otherwise use every interface).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { startSignallingServer, type SignallingServer } from '../../electron/main/signalling';
import { spawnPeer, waitFor, type Peer, type PeerState } from './peer-protocol';
import { startStockSignalling } from './stock-servers';

const SECRET = 'dGVzdC1zZWNyZXQtZm9yLXN5bmMtdGVzdHMtb25seQ';
const WAIT_MS = 30_000;

let cleanups: (() => Promise<void>)[] = [];

afterEach(async () => {
  const pending = cleanups.reverse();
  cleanups = [];
  for (const cleanup of pending) await cleanup();
});

async function startPeer(): Promise<Peer> {
  const peer = await spawnPeer();
  cleanups.push(() => peer.stop());
  return peer;
}

async function ownServer(): Promise<SignallingServer> {
  const server = await startSignallingServer({ host: '127.0.0.1', port: 0, closeGraceMs: 200 });
  cleanups.push(() => server.stop());
  return server;
}

/** Starts y-webrtc's own signalling server, stopped after the test. */
async function stockServer(): Promise<string> {
  const server = await startStockSignalling();
  cleanups.push(() => server.stop());
  return server.url;
}

const hasDomains = (names: string[]) => (state: PeerState) => names.every((name) => state.domains.includes(name));

/** Two peers on one signalling URL: the owner's edit reaches the joiner, then the joiner's the owner. */
async function convergeBothWays(url: string, workspaceId: string): Promise<[PeerState, PeerState]> {
  const [owner, joiner] = await Promise.all([startPeer(), startPeer()]);
  await owner.start({ name: 'owner', workspaceId, secret: SECRET, signallingUrls: [url], content: 'team' });
  await owner.createDomain('Made before the join');
  const joined = await joiner.start({
    name: 'joiner',
    workspaceId,
    secret: SECRET,
    signallingUrls: [url],
    content: 'joined',
  });
  expect(joined.awaitingFirstSync).toBe(true);

  const first = await waitFor(
    () => joiner.state(),
    (state) => hasDomains(['Made before the join'])(state) && state.syncedEvents > 0,
    WAIT_MS,
    'the first sync',
  );
  expect(first.awaitingFirstSync).toBe(false);
  await owner.createDomain('Owner after the join');
  await waitFor(() => joiner.state(), hasDomains(['Owner after the join']), WAIT_MS, "the owner's edit");
  await joiner.createDomain('Joiner after the join');
  await waitFor(() => owner.state(), hasDomains(['Joiner after the join']), WAIT_MS, "the joiner's edit");

  const [a, b] = await Promise.all([owner.state(), joiner.state()]);
  expect(a.domains).toEqual(b.domains);
  expect(a.domains).toHaveLength(3);
  // Presence travels too.
  const presence = await waitFor(
    () => owner.state(),
    (state) => state.presenceNames.length === 2,
    WAIT_MS,
    'presence',
  );
  expect(presence.presenceNames).toEqual(['joiner', 'owner']);
  expect(a.problems).toEqual([]);
  expect(b.problems).toEqual([]);
  return [a, b];
}

const FIVE = ['ada', 'ben', 'cleo', 'dev', 'eve'];
/**
 * Four peers joining at once often announce themselves to each other at the same moment;
 * such a connection is made again after peer-sync's connect timeout (8–16 s), sometimes twice.
 */
const CONNECT_FIVE_MS = 60_000;

/**
 * Five peers on one signalling URL: the first makes the workspace, the other four join it at
 * once; once every peer is connected to the other four and synced, all five make an edit at
 * the same moment, and every peer must end with every edit and the same document.
 */
async function convergeFive(url: string, workspaceId: string): Promise<void> {
  const peers = await Promise.all(FIVE.map(() => startPeer()));
  const options = (name: string, content: 'team' | 'joined') => ({
    name,
    workspaceId,
    secret: SECRET,
    signallingUrls: [url],
    content,
  });
  const [first, ...others] = peers;
  if (!first) throw new Error('No peers.');
  await first.start(options('ada', 'team'));
  await first.createDomain('Made before the joins');
  await Promise.all(others.map((peer, index) => peer.start(options(FIVE[index + 1] ?? '', 'joined'))));

  await Promise.all(
    peers.map((peer, index) =>
      waitFor(
        () => peer.state(),
        (state) =>
          state.connectedPeers === FIVE.length - 1 &&
          state.peerStatuses.every((status) => status === 'synced') &&
          hasDomains(['Made before the joins'])(state),
        CONNECT_FIVE_MS,
        `${FIVE[index]} connected to and synced with the other four`,
      ),
    ),
  );

  const edits = FIVE.map((name) => `Edit by ${name}`);
  await Promise.all(peers.map((peer, index) => peer.createDomain(edits[index] ?? '')));
  const finals = await Promise.all(
    peers.map((peer, index) => waitFor(() => peer.state(), hasDomains(edits), WAIT_MS, `every edit at ${FIVE[index]}`)),
  );
  for (const state of finals) {
    expect(state.domains).toEqual(['Made before the joins', ...edits].sort());
    expect(state.awaitingFirstSync).toBe(false);
    expect(state.problems).toEqual([]);
  }
  // Identical content, not only the same domain names.
  const digests = await Promise.all(peers.map((peer) => peer.digest()));
  expect(new Set(digests).size).toBe(1);
  const presence = await Promise.all(
    peers.map((peer) =>
      waitFor(
        () => peer.state(),
        (state) => state.presenceNames.length === 5,
        WAIT_MS,
        'presence',
      ),
    ),
  );
  for (const state of presence) expect(state.presenceNames).toEqual(FIVE);
}

describe('sync through real WebRTC data channels on loopback', () => {
  it("converges both ways through Latitude's own signalling server, then closes every socket", async () => {
    const server = await ownServer();
    const [owner] = await convergeBothWays(`ws://127.0.0.1:${server.port}`, 'ws-own-server');
    expect(owner.connectedPeers).toBe(1);
    expect(owner.signalling).toEqual(['connected']);
    expect(server.stats().connections).toBe(2);

    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
    expect(server.stats().connections).toBe(0);
  }, 90_000);

  it('converges both ways through the stock y-webrtc signalling server', async () => {
    const url = await stockServer();
    const [owner, joiner] = await convergeBothWays(url, 'ws-stock-server');
    expect(owner.connectedPeers).toBe(1);
    expect(joiner.connectedPeers).toBe(1);
  }, 90_000);

  it("converges five peers, each making an edit, through Latitude's own signalling server", async () => {
    const server = await ownServer();
    await convergeFive(`ws://127.0.0.1:${server.port}`, 'ws-five-own-server');
    expect(server.stats().connections).toBe(5);
  }, 150_000);

  it('converges five peers, each making an edit, through the stock y-webrtc signalling server', async () => {
    await convergeFive(await stockServer(), 'ws-five-stock-server');
  }, 150_000);

  it('completes the first sync of a workspace over 5 MB through the data channels', async () => {
    const server = await ownServer();
    const url = `ws://127.0.0.1:${server.port}`;
    const [owner, joiner] = await Promise.all([startPeer(), startPeer()]);
    const large = await owner.start({
      name: 'owner',
      workspaceId: 'ws-large',
      secret: SECRET,
      signallingUrls: [url],
      content: 'large',
      largeBytes: 5 * 1024 * 1024,
    });
    expect(large.stateBytes).toBeGreaterThan(5 * 1024 * 1024);
    await joiner.start({
      name: 'joiner',
      workspaceId: 'ws-large',
      secret: SECRET,
      signallingUrls: [url],
      content: 'joined',
    });

    const synced = await waitFor(
      () => joiner.state(),
      (state) => state.decisions === large.decisions && state.syncedEvents > 0,
      60_000,
      'the large first sync',
    ).catch(async (error: unknown) => {
      throw new Error(`${String(error)}; owner: ${JSON.stringify(await owner.state())}`);
    });
    expect(synced.stateBytes).toBeGreaterThan(5 * 1024 * 1024);
    expect(synced.progressEvents).toBeGreaterThan(0);
    expect(synced.problems).toEqual([]);
    expect(synced.awaitingFirstSync).toBe(false);
  }, 120_000);
});
