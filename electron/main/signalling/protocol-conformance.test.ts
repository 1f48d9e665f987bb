/**
 * The signalling protocol as y-webrtc 10.3's client uses it, run against both Latitude's
 * server and the stock server shipped in `y-webrtc/bin/server.js`: either must work for the
 * same peers. The stock server always listens on every interface, so it runs in a child
 * process whose `listen` is forced onto 127.0.0.1 and an ephemeral port.
 *
 * The last block drives y-webrtc's own client (a `WebrtcProvider`) against both servers
 * and checks what it sends. Two providers cannot connect here (there is no WebRTC in
 * Node), so the other side is a plain WebSocket client.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { WebrtcProvider } from 'y-webrtc';
import * as Y from 'yjs';
import { startSignallingServer, type SignallingServer } from './signalling-server';
import { TestClient, within } from './test-client';

const HOST = '127.0.0.1';

interface ServerUnderTest {
  url: string;
  stop(): Promise<void>;
}

async function startOurs(port = 0): Promise<ServerUnderTest> {
  const server: SignallingServer = await startSignallingServer({ host: HOST, port });
  return { url: `ws://${HOST}:${server.port}`, stop: () => server.stop() };
}

/** y-webrtc's bin/server.js, run unmodified in a child process bound to loopback. */
async function startStock(port = 0): Promise<ServerUnderTest> {
  const require = createRequire(import.meta.url);
  // The package's exports hide bin/; its CommonJS entry is dist/y-webrtc.cjs.
  const serverScript = join(dirname(require.resolve('y-webrtc')), '..', 'bin', 'server.js');
  const bootstrap = `
    import net from 'node:net';
    const listen = net.Server.prototype.listen;
    net.Server.prototype.listen = function () {
      this.once('listening', () => process.stdout.write('LISTENING ' + this.address().port + '\\n'));
      return listen.call(this, { host: '127.0.0.1', port: ${port} });
    };
    await import(${JSON.stringify(pathToFileURL(serverScript).href)});
  `;
  const child = spawn(process.execPath, ['--input-type=module', '--eval', bootstrap], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const listening = await within(readPort(child), 'the stock server to listen');
  return {
    url: `ws://${HOST}:${listening}`,
    async stop() {
      child.kill();
      await within(exited, 'the stock server to exit');
    },
  };
}

function readPort(child: ChildProcess): Promise<number> {
  return new Promise((resolve, reject) => {
    let output = '';
    let errors = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /LISTENING (\d+)/.exec(output);
      if (match?.[1] !== undefined) resolve(Number(match[1]));
    });
    child.stderr?.on('data', (chunk: Buffer) => (errors += chunk.toString()));
    child.once('exit', (code) => reject(new Error(`the stock server exited (${code}): ${errors}`)));
  });
}

/** A name, and how to start that server on a port (0: any free one). */
const implementations: [string, (port?: number) => Promise<ServerUnderTest>][] = [
  ['Latitude signalling server', startOurs],
  ['stock y-webrtc server', startStock],
];

describe.each(implementations)('%s', (_name, startServer) => {
  let server: ServerUnderTest;
  let clients: TestClient[] = [];

  beforeEach(async () => {
    server = await startServer(0);
  });

  afterEach(async () => {
    await Promise.all(clients.map((client) => client.terminate()));
    clients = [];
    await server.stop();
  });

  async function connect(): Promise<TestClient> {
    const client = await TestClient.connect(server.url);
    clients.push(client);
    return client;
  }

  async function subscribe(client: TestClient, ...topics: string[]): Promise<void> {
    client.send({ type: 'subscribe', topics });
    await client.roundTrip();
  }

  it('answers {type:"ping"} with {type:"pong"}', async () => {
    const client = await connect();
    client.send({ type: 'ping' });
    expect(await client.next()).toEqual({ type: 'pong' });
  });

  it('forwards a publish whole to every subscriber, the sender included, adding clients', async () => {
    const [alice, bob, carol] = [await connect(), await connect(), await connect()];
    await subscribe(alice, 'room');
    await subscribe(bob, 'room', 'other-room');
    await subscribe(carol, 'other-room');

    const signal = { type: 'signal', from: 'alice', to: 'bob', token: 0.5, signal: { type: 'offer', sdp: 'v=0' } };
    alice.send({ type: 'publish', topic: 'room', data: signal });

    const expected = { type: 'publish', topic: 'room', data: signal, clients: 2 };
    expect(await alice.next()).toEqual(expected);
    expect(await bob.next()).toEqual(expected);
    await carol.roundTrip(); // not subscribed to 'room': nothing before the pong
  });

  it('forwards an encrypted (string) payload unchanged', async () => {
    const alice = await connect();
    await subscribe(alice, 'room');
    const data = 'B0FFUy1HQ00MBqRDUMi1VxO92jHJTFpXxy0WTBeU7j3RyhEsl0B1Fax79X0=';
    alice.send({ type: 'publish', topic: 'room', data });
    expect(await alice.next()).toEqual({ type: 'publish', topic: 'room', data, clients: 1 });
  });

  it('accepts an empty subscribe, which y-webrtc sends when no room is open yet', async () => {
    const alice = await connect();
    await subscribe(alice);
    await subscribe(alice, 'room');
    alice.send({ type: 'publish', topic: 'room', data: 'x' });
    expect(await alice.next()).toMatchObject({ clients: 1 });
  });

  it('stops forwarding to a connection after it unsubscribes', async () => {
    const alice = await connect();
    const bob = await connect();
    await subscribe(alice, 'room');
    await subscribe(bob, 'room');
    bob.send({ type: 'unsubscribe', topics: ['room'] });
    await bob.roundTrip();

    alice.send({ type: 'publish', topic: 'room', data: 'x' });
    expect(await alice.next()).toMatchObject({ topic: 'room', clients: 1 });
    await bob.roundTrip();
  });

  it('stops forwarding to a connection after it closes', async () => {
    const alice = await connect();
    const bob = await connect();
    await subscribe(alice, 'room');
    await subscribe(bob, 'room');
    await bob.close();

    // The server may learn of the close a moment after the client: publish until it has.
    let clientsSeen = 2;
    while (clientsSeen !== 1) {
      alice.send({ type: 'publish', topic: 'room', data: 'x' });
      clientsSeen = (await alice.next())['clients'] as number;
    }
    expect(clientsSeen).toBe(1);
  });
});

describe.each(implementations)('y-webrtc WebrtcProvider against the %s', (_name, startServer) => {
  const globals = globalThis as { WebSocket?: unknown };
  const originalWebSocket = globals.WebSocket;
  let server: ServerUnderTest;
  let observer: TestClient;
  let providers: { provider: WebrtcProvider; doc: Y.Doc }[] = [];
  let roomCount = 0;

  beforeAll(() => {
    // y-webrtc's client (lib0/websocket) uses the global WebSocket, which Node 20 lacks.
    globals.WebSocket = WebSocket;
  });
  afterAll(() => {
    globals.WebSocket = originalWebSocket;
  });

  beforeEach(async () => {
    server = await startServer(0);
    observer = await TestClient.connect(server.url);
  });

  afterEach(async () => {
    for (const { provider, doc } of providers) {
      // destroy() alone leaves y-webrtc's signalling connection open and reconnecting:
      // only disconnect() closes it.
      provider.disconnect();
      provider.destroy();
      doc.destroy();
    }
    providers = [];
    await observer.terminate();
    await server.stop();
  });

  function openProvider(room: string, password?: string): WebrtcProvider {
    const doc = new Y.Doc();
    const provider = new WebrtcProvider(room, doc, {
      signaling: [server.url],
      ...(password === undefined ? {} : { password }),
      // Never reached (no WebRTC here), but never name public STUN servers in tests.
      peerOpts: { config: { iceServers: [] } },
    });
    providers.push({ provider, doc });
    return provider;
  }

  /** The next publish for `room`, skipping anything else. */
  async function nextPublish(room: string): Promise<Record<string, unknown>> {
    for (;;) {
      const message = await observer.next(`a publish to ${room}`);
      if (message['type'] === 'publish' && message['topic'] === room) return message;
    }
  }

  it('announces itself to the room through the server', async () => {
    const room = `latitude-test-open-${roomCount++}`;
    observer.send({ type: 'subscribe', topics: [room] });
    await observer.roundTrip();

    const provider = openProvider(room);
    const announce = await nextPublish(room);

    expect(announce).toEqual({
      type: 'publish',
      topic: room,
      data: { type: 'announce', from: provider.room?.peerId },
      clients: 2,
    });
  });

  it('connects again by itself after the server restarts, and subscribes to its room again', async () => {
    const room = `latitude-test-restart-${roomCount++}`;
    observer.send({ type: 'subscribe', topics: [room] });
    await observer.roundTrip();
    openProvider(room);
    await nextPublish(room); // its announce
    await observer.terminate();

    const port = Number(new URL(server.url).port);
    await server.stop();
    server = await startServer(port);
    observer = await TestClient.connect(server.url);
    observer.send({ type: 'subscribe', topics: [room] });
    await observer.roundTrip();

    // Its announce may come before or after the observer's subscribe, so ask the server
    // instead: publish (no data: y-webrtc ignores it) until the room has two subscribers.
    // y-webrtc retries every 2.5 s at most.
    await within(
      (async () => {
        for (;;) {
          observer.send({ type: 'publish', topic: room });
          if ((await nextPublish(room))['clients'] === 2) return;
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
      })(),
      'y-webrtc to re-subscribe',
      8_000,
    );
  }, 10_000);

  it('sends only an encrypted string through the server when the room has a password', async () => {
    const room = `latitude-test-secret-${roomCount++}`;
    observer.send({ type: 'subscribe', topics: [room] });
    await observer.roundTrip();

    openProvider(room, 'invite secret');
    const announce = await nextPublish(room);

    expect(announce).toMatchObject({ type: 'publish', topic: room, clients: 2 });
    expect(typeof announce['data']).toBe('string');
    expect(announce['data']).not.toContain('announce');
  });
});
