/**
 * Issue 8 item 8, the always-on relay: Latitude's relay sync (renderer/sync/relay-sync.ts)
 * against the stock `y-websocket` server (`@y/websocket-server`, its own process on
 * 127.0.0.1). Two people who are never online at the same time still get each other's
 * edits; the room cannot be named without the secret; a relay that restarts (and forgot
 * everything) is filled again by whoever connects, without anyone doing anything.
 */
import { WebSocket, WebSocketServer } from 'ws';
import { once } from 'node:events';
import { encodeYWebrtcSyncMessage } from '@shared/sync';
import * as Y from 'yjs';
import { afterEach, describe, expect, it } from 'vitest';
import { parseRelayUrl } from '@shared/invite';
import { relayRoomName, startRelaySync, type RelayState, type RelaySync } from '../../renderer/sync/relay-sync';
import { startWorkspaceSync } from '../../renderer/sync/workspace-sync';
import { freePort, startRelay as startTestServer, type TestServer } from './stock-servers';

// Node 20 has no global WebSocket; y-websocket and y-webrtc's signalling look for one.
Object.assign(globalThis, { WebSocket });

const SECRET = 'cmVsYXktdGVzdC1zZWNyZXQtb25seS1mb3ItdGVzdHM';
const WORKSPACE = 'ws-relay';
const WAIT_MS = 15_000;

let cleanups: (() => Promise<void> | void)[] = [];

afterEach(async () => {
  const pending = cleanups.reverse();
  cleanups = [];
  for (const cleanup of pending) await cleanup();
});

/** The stock relay on `port`, stopped after the test. */
async function startRelay(port: number): Promise<TestServer> {
  const relay = await startTestServer(port);
  cleanups.push(() => relay.stop());
  return relay;
}

/** A person's copy of the workspace, connected to the relay. */
function person(url: string, name: string, secret = SECRET): { doc: Y.Doc; sync: RelaySync } {
  const doc = new Y.Doc();
  const sync = startRelaySync({
    doc,
    workspaceId: WORKSPACE,
    secret,
    url,
    presence: { name, colour: '#1971c2', screen: '/dashboard' },
  });
  cleanups.push(() => {
    sync.stop();
    doc.destroy();
  });
  return { doc, sync };
}

async function until(what: string, done: () => boolean): Promise<void> {
  const deadline = Date.now() + WAIT_MS;
  while (!done()) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}.`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const titles = (doc: Y.Doc) =>
  [...doc.getMap<Y.Map<unknown>>('decisions').values()].map((decision) => decision.get('title')).sort();

function addDecision(doc: Y.Doc, id: string, title: string): void {
  doc.transact(() => {
    const decision = new Y.Map<unknown>();
    doc.getMap('decisions').set(id, decision);
    decision.set('title', title);
  });
}

const synced = (sync: RelaySync) => (): boolean => sync.state().synced;

describe('sync through an always-on y-websocket relay', () => {
  it('passes edits both ways, and presence, through the stock relay', async () => {
    const port = await freePort();
    await startRelay(port);
    const url = `ws://127.0.0.1:${port}`;
    const ana = person(url, 'Ana');
    addDecision(ana.doc, 'd1', 'Made by Ana');
    const ben = person(url, 'Ben');

    await until("Ana's decision at Ben's", () => titles(ben.doc).includes('Made by Ana'));
    addDecision(ben.doc, 'd2', 'Made by Ben');
    await until("Ben's decision at Ana's", () => titles(ana.doc).includes('Made by Ben'));
    expect(titles(ana.doc)).toEqual(titles(ben.doc));
    expect(ana.sync.state()).toEqual<RelayState>({ url, status: 'connected', synced: true, lastError: null });

    await until('presence of both', () => ana.sync.awareness.getStates().size === 2);
    const names = [...ana.sync.awareness.getStates().values()].map((state) => String(state['name'])).sort();
    expect(names).toEqual(['Ana', 'Ben']);
  });

  it('lets two people who are never online at the same time get each other’s edits', async () => {
    const port = await freePort();
    await startRelay(port);
    const url = `ws://127.0.0.1:${port}`;

    const morning = person(url, 'Ana');
    await until('Ana synced', synced(morning.sync));
    addDecision(morning.doc, 'd1', 'Written in the morning');
    // Ana closes her laptop once the relay has her edit (it answers a resync with its state).
    const relayCopy = person(url, 'probe');
    await until('the relay holding the edit', () => titles(relayCopy.doc).includes('Written in the morning'));
    relayCopy.sync.stop();
    const anaState = Y.encodeStateAsUpdate(morning.doc);
    morning.sync.stop();

    const evening = person(url, 'Ben');
    await until("Ana's edit at Ben's", () => titles(evening.doc).includes('Written in the morning'));
    addDecision(evening.doc, 'd2', 'Written in the evening');
    await until('Ben synced', synced(evening.sync));
    evening.sync.stop();

    // Next day Ana opens her copy again (as stored on her laptop) and catches up.
    const nextDay = person(url, 'Ana');
    Y.applyUpdate(nextDay.doc, anaState);
    await until("Ben's edit at Ana's", () => titles(nextDay.doc).includes('Written in the evening'));
    expect(titles(nextDay.doc)).toEqual(['Written in the evening', 'Written in the morning']);
  });

  it('keeps a workspace out of reach without its secret', async () => {
    const port = await freePort();
    await startRelay(port);
    const url = `ws://127.0.0.1:${port}`;
    const ana = person(url, 'Ana');
    addDecision(ana.doc, 'd1', 'Private');
    await until('Ana synced', synced(ana.sync));

    const outsider = person(url, 'Mallory', `${SECRET}-old`);
    await until('the outsider synced', synced(outsider.sync));
    expect(titles(outsider.doc)).toEqual([]);
    expect(ana.sync.awareness.getStates().size).toBe(1);

    const room = await relayRoomName(WORKSPACE, SECRET);
    expect(room).toMatch(/^latitude-[0-9a-f]{64}$/);
    expect(room).not.toContain(WORKSPACE);
    expect(room).not.toBe(await relayRoomName(WORKSPACE, `${SECRET}-old`));
  });

  it('reports an unreachable relay and connects by itself once it is up; a restarted relay is filled again', async () => {
    const port = await freePort();
    const url = `ws://127.0.0.1:${port}`;
    const ana = person(url, 'Ana');
    addDecision(ana.doc, 'd1', 'Before the relay existed');
    await until('the failure reported', () => ana.sync.state().lastError !== null);
    expect(['connecting', 'disconnected']).toContain(ana.sync.state().status);
    expect(ana.sync.state().synced).toBe(false);
    expect(ana.sync.state().lastError).toBe(`The relay ${url} could not be reached.`);

    const relay = await startRelay(port);
    await until('Ana connected', synced(ana.sync));
    expect(ana.sync.state().lastError).toBeNull();

    // The relay restarts and has forgotten everything; Ana's copy fills it again.
    await relay.stop();
    await until('the drop noticed', () => !ana.sync.state().synced);
    await startRelay(port);
    await until('Ana connected again', synced(ana.sync));
    const ben = person(url, 'Ben');
    await until("Ana's decision at Ben's", () => titles(ben.doc).includes('Before the relay existed'));
  });

  it("runs beside the peer-to-peer sync: the workspace's sync state, last sync and presence include the relay", async () => {
    const port = await freePort();
    await startRelay(port);
    const url = `ws://127.0.0.1:${port}`;
    const doc = new Y.Doc();
    addDecision(doc, 'd1', 'Made at the facilitator’s laptop');
    // No signalling server is up: only the relay connects.
    const sync = startWorkspaceSync({
      doc,
      workspaceId: WORKSPACE,
      secret: SECRET,
      signallingUrls: [`ws://127.0.0.1:${await freePort()}`],
      relayUrl: url,
      presence: { name: 'Ana', colour: '#1971c2', screen: '/reviews' },
    });
    cleanups.push(async () => {
      await sync.stop();
      doc.destroy();
    });
    const ben = person(url, 'Ben');
    await until("Ana's decision at Ben's", () => titles(ben.doc).includes('Made at the facilitator’s laptop'));
    addDecision(ben.doc, 'd2', 'Made by Ben');
    await until("Ben's decision at Ana's", () => titles(doc).includes('Made by Ben'));
    await until('both present', () => sync.snapshot().presence.length === 2);

    const snapshot = sync.snapshot();
    expect(snapshot.state).toBe('connected');
    expect(snapshot.relay).toEqual<RelayState>({ url, status: 'connected', synced: true, lastError: null });
    expect(snapshot.signalling.map((server) => server.status)).not.toContain('connected');
    expect(snapshot.lastSyncedAt).not.toBeNull();
    expect(snapshot.presence.map((someone) => [someone.name, someone.local])).toEqual([
      ['Ana', true],
      ['Ben', false],
    ]);
    sync.setPresence({ screen: '/decisions' });
    await until('the new screen at Ben’s', () =>
      [...ben.sync.awareness.getStates().values()].some((state) => state['screen'] === '/decisions'),
    );
    // Who is typing travels with presence; older peers that say nothing of it read as not typing.
    expect(sync.snapshot().presence.map((someone) => someone.typing)).toEqual([null, null]);
    ben.sync.awareness.setLocalStateField('typing', 'review:r1:support-needs');
    await until('Ben typing at Ana’s', () =>
      sync
        .snapshot()
        .presence.some((someone) => someone.name === 'Ben' && someone.typing === 'review:r1:support-needs'),
    );
  });

  it('refuses a damaged change from a relay, says so, and still takes good ones', async () => {
    // A relay that misbehaves: it sends whatever it is told to each client that connects.
    const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    await once(server, 'listening');
    cleanups.push(
      () =>
        new Promise<void>((resolve) => {
          for (const client of server.clients) client.terminate();
          server.close(() => resolve());
        }),
    );
    const address = server.address();
    if (address === null || typeof address === 'string') throw new Error('No port.');
    const source = new Y.Doc();
    addDecision(source, 'd1', 'From a bad relay');
    const good = Y.encodeStateAsUpdate(source);
    const damaged = good.subarray(0, good.byteLength - 3);
    const sockets: WebSocket[] = [];
    server.on('connection', (socket) => sockets.push(socket));

    const ana = person(`ws://127.0.0.1:${address.port}`, 'Ana');
    await until('the connection', () => sockets.length === 1);
    sockets[0]?.send(encodeYWebrtcSyncMessage('sync-step-2', damaged));
    await until('the refusal', () => ana.sync.state().lastError !== null);
    expect(ana.sync.state().lastError).toMatch(/^A change from the relay was refused: /);
    expect(titles(ana.doc)).toEqual([]);
    expect(ana.sync.state().synced).toBe(false);

    sockets[0]?.send(encodeYWebrtcSyncMessage('sync-step-2', good));
    await until('the good change', () => titles(ana.doc).includes('From a bad relay'));
    expect(ana.sync.state().synced).toBe(true);
  });

  it('accepts ws:// and wss:// relay addresses and refuses others with the reason', () => {
    expect(parseRelayUrl(' wss://relay.example.org/yjs/ ')).toEqual({ ok: true, url: 'wss://relay.example.org/yjs' });
    expect(parseRelayUrl('ws://10.0.0.2:1234')).toEqual({ ok: true, url: 'ws://10.0.0.2:1234' });
    expect(parseRelayUrl('https://relay.example.org')).toEqual({
      ok: false,
      reason: '“https://relay.example.org” must start with ws:// or wss://.',
    });
    expect(parseRelayUrl('wss://relay.example.org/?token=1')).toEqual({
      ok: false,
      reason: 'A relay address must not contain a ? part: the room is added to its end.',
    });
    expect(parseRelayUrl('')).toEqual({ ok: false, reason: 'Enter a relay address such as wss://relay.example.org.' });
  });
});
