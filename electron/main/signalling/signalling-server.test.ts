/**
 * The signalling server against untrusted peers, over loopback only (127.0.0.1, ephemeral
 * ports). The protocol itself, run against both this server and y-webrtc's stock one, is
 * in protocol-conformance.test.ts.
 */
import { createServer as createNetServer, type Server as NetServer } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { ClientOptions } from 'ws';
import { MAX_NESTING_DEPTH } from './protocol';
import {
  CloseCode,
  DEFAULT_SIGNALLING_LIMITS,
  type SignallingLimits,
  type SignallingServer,
  type SignallingServerOptions,
  startSignallingServer,
} from './signalling-server';
import { TestClient, until, within } from './test-client';

const HOST = '127.0.0.1';

let servers: SignallingServer[] = [];
let clients: TestClient[] = [];
let netServers: NetServer[] = [];
let logged: string[] = [];

afterEach(async () => {
  await Promise.all(clients.map((client) => client.terminate()));
  await Promise.all(servers.map((server) => server.stop()));
  await Promise.all(netServers.map((server) => new Promise((resolve) => server.close(resolve))));
  clients = [];
  servers = [];
  netServers = [];
  logged = [];
});

async function start(options: SignallingServerOptions = {}): Promise<SignallingServer> {
  const server = await startSignallingServer({
    host: HOST,
    port: 0,
    log: (message) => logged.push(message),
    ...options,
  });
  servers.push(server);
  return server;
}

async function connect(server: SignallingServer, options: ClientOptions = {}): Promise<TestClient> {
  const client = await TestClient.connect(`ws://${HOST}:${server.port}`, options);
  clients.push(client);
  return client;
}

/** A clock that only moves when the test says so. */
function fakeClock(): { now: () => number; advance: (ms: number) => void } {
  let time = 0;
  return { now: () => time, advance: (ms) => (time += ms) };
}

/** Subscribes `client` to `topics` and waits until the server has handled it. */
async function subscribe(client: TestClient, ...topics: string[]): Promise<void> {
  client.send({ type: 'subscribe', topics });
  await client.roundTrip();
}

describe('signalling server: routing', () => {
  it('forwards a publish to every subscriber, the sender included, with the subscriber count', async () => {
    const server = await start();
    const [alice, bob, carol] = [await connect(server), await connect(server), await connect(server)];
    await subscribe(alice, 'room-1');
    await subscribe(bob, 'room-1');
    await subscribe(carol, 'room-2');

    alice.send({ type: 'publish', topic: 'room-1', data: { type: 'announce', from: 'alice' } });

    const expected = { type: 'publish', topic: 'room-1', data: { type: 'announce', from: 'alice' }, clients: 2 };
    expect(await alice.next()).toEqual(expected);
    expect(await bob.next()).toEqual(expected);
    await carol.roundTrip(); // nothing for room-1 reached carol
    expect(server.stats()).toEqual({ connections: 3, topics: 2, rejectedMessages: 0 });
  });

  it('sets clients itself even when the sender claims a count', async () => {
    const server = await start();
    const alice = await connect(server);
    await subscribe(alice, 'room');
    alice.send({ type: 'publish', topic: 'room', data: 'c2VjcmV0', clients: 999 });
    expect(await alice.next()).toEqual({ type: 'publish', topic: 'room', data: 'c2VjcmV0', clients: 1 });
  });

  it('stops forwarding after unsubscribe, and forgets a topic nobody subscribes to', async () => {
    const server = await start();
    const alice = await connect(server);
    const bob = await connect(server);
    await subscribe(alice, 'room');
    await subscribe(bob, 'room');

    bob.send({ type: 'unsubscribe', topics: ['room', 'never-subscribed'] });
    await bob.roundTrip();
    alice.send({ type: 'publish', topic: 'room', data: 'x' });
    expect(await alice.next()).toMatchObject({ topic: 'room', clients: 1 });
    await bob.roundTrip();

    alice.send({ type: 'unsubscribe', topics: ['room'] });
    await alice.roundTrip();
    expect(server.stats()).toMatchObject({ connections: 2, topics: 0 });
  });

  it('drops a closed connection from its topics', async () => {
    const server = await start();
    const alice = await connect(server);
    const bob = await connect(server);
    await subscribe(alice, 'room');
    await subscribe(bob, 'room');
    await bob.close();
    await until(() => server.stats().connections === 1, 'the server to notice the close');

    alice.send({ type: 'publish', topic: 'room', data: 'x' });
    expect(await alice.next()).toMatchObject({ clients: 1 });
  });

  it('ignores a publish to a topic without subscribers and a repeated subscribe', async () => {
    const server = await start();
    const alice = await connect(server);
    alice.send({ type: 'publish', topic: 'empty-room', data: 'x' });
    await alice.roundTrip();
    await subscribe(alice, 'room', 'room');
    await subscribe(alice, 'room');
    alice.send({ type: 'publish', topic: 'room', data: 'x' });
    expect(await alice.next()).toMatchObject({ clients: 1 });
    await alice.roundTrip(); // delivered once, not once per subscribe
    expect(server.stats().topics).toBe(1);
  });

  it('answers a plain HTTP request without upgrading', async () => {
    const server = await start();
    const response = await within(fetch(`http://${HOST}:${server.port}/`), 'an HTTP answer');
    expect(response.status).toBe(426);
    expect(await response.text()).toContain('signalling');
  });
});

describe('signalling server: untrusted input', () => {
  const malformed: [string, string | Buffer, boolean?][] = [
    ['text that is not JSON', '{"type":"subscribe",'],
    ['an empty message', ''],
    ['a JSON array', '[1,2,3]'],
    ['a JSON number', '42'],
    ['JSON null', 'null'],
    ['a JSON string', '"publish"'],
    ['a type that is not a string', '{"type":7}'],
    ['a missing type', '{"topics":["room"]}'],
    ['subscribe without topics', '{"type":"subscribe"}'],
    ['subscribe with topics not an array', '{"type":"subscribe","topics":"room"}'],
    ['subscribe with a topic that is not a string', '{"type":"subscribe","topics":["room",{"x":1}]}'],
    ['subscribe with an empty topic', '{"type":"subscribe","topics":[""]}'],
    ['subscribe with a topic too long', JSON.stringify({ type: 'subscribe', topics: ['t'.repeat(257)] })],
    [
      'subscribe with too many topics',
      JSON.stringify({ type: 'subscribe', topics: Array.from({ length: 101 }, (_, i) => `t${i}`) }),
    ],
    ['unsubscribe with topics not an array', '{"type":"unsubscribe","topics":null}'],
    ['publish without a topic', '{"type":"publish","data":"x"}'],
    ['publish with a topic that is not a string', '{"type":"publish","topic":["room"],"data":"x"}'],
    [
      'publish nested deeper than the limit',
      `{"type":"publish","topic":"room","data":${'['.repeat(MAX_NESTING_DEPTH)}${']'.repeat(MAX_NESTING_DEPTH)}}`,
    ],
    [
      'publish nested deep enough to overflow the stack when forwarded',
      `{"type":"publish","topic":"room","data":${'['.repeat(30_000)}${']'.repeat(30_000)}}`,
    ],
    ['a binary frame', Buffer.from('{"type":"ping"}'), true],
  ];

  it.each(malformed)('drops %s and keeps serving everyone', async (_name, data, binary) => {
    const server = await start();
    const attacker = await connect(server);
    const bystander = await connect(server);
    await subscribe(attacker, 'room');
    await subscribe(bystander, 'room');

    attacker.sendRaw(data, { binary: binary ?? false });
    await attacker.roundTrip(); // nothing came back but the pong: the bad message was dropped
    expect(attacker.isOpen).toBe(true);

    attacker.send({ type: 'publish', topic: 'room', data: 'still works' });
    expect(await bystander.next()).toMatchObject({ data: 'still works', clients: 2 });
    expect(server.stats().rejectedMessages).toBe(1);
  });

  it('forwards a "__proto__" key as data without touching any prototype', async () => {
    const server = await start();
    const client = await connect(server);
    await subscribe(client, 'room');
    client.sendRaw('{"type":"publish","topic":"room","__proto__":{"polluted":true},"data":"x"}');
    const forwarded = await client.next();
    expect(Object.hasOwn(forwarded, '__proto__')).toBe(true);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(Object.getPrototypeOf(forwarded)).toBe(Object.prototype);
  });

  it('ignores well-formed messages of unknown type without holding them against the sender', async () => {
    const server = await start({ limits: { maxRejectedMessages: 1, rejectionsForgivenPerSecond: 0 } });
    const client = await connect(server);
    for (let i = 0; i < 5; i++) client.send({ type: 'future-extension', n: i });
    await client.roundTrip();
    expect(client.isOpen).toBe(true);
  });

  it('refuses a subscribe that would go over the topics per connection, keeping the earlier ones', async () => {
    const server = await start({ limits: { maxTopicsPerConnection: 3 } });
    const client = await connect(server);
    await subscribe(client, 'a', 'b');
    await subscribe(client, 'b', 'c', 'd'); // would make 4: dropped whole
    expect(server.stats().topics).toBe(2);
    await subscribe(client, 'a', 'c'); // 'a' is already counted
    expect(server.stats().topics).toBe(3);

    client.send({ type: 'publish', topic: 'c', data: 'x' });
    expect(await client.next()).toMatchObject({ topic: 'c', clients: 1 });
  });

  it('closes a connection with 1008 once it has sent too many bad messages', async () => {
    const server = await start({ limits: { maxRejectedMessages: 3, rejectionsForgivenPerSecond: 0 } });
    const attacker = await connect(server);
    const bystander = await connect(server);
    await subscribe(attacker, 'room');
    await subscribe(bystander, 'room');

    for (let i = 0; i < 3; i++) attacker.sendRaw('not json');
    await attacker.roundTrip(); // three are tolerated
    attacker.sendRaw('not json');

    expect(await within(attacker.closed, 'the attacker to be closed')).toEqual({
      code: CloseCode.policyViolation,
      reason: 'too many rejected messages',
    });
    await until(() => server.stats().connections === 1, 'the server to forget the attacker');
    bystander.send({ type: 'publish', topic: 'room', data: 'x' });
    expect(await bystander.next()).toMatchObject({ clients: 1 });
    expect(logged.some((line) => line.includes('too many rejected messages (last: not JSON)'))).toBe(true);
  });

  it('forgives dropped messages over time', async () => {
    const clock = fakeClock();
    const server = await start({ now: clock.now, limits: { maxRejectedMessages: 2, rejectionsForgivenPerSecond: 1 } });
    const client = await connect(server);
    for (let round = 0; round < 3; round++) {
      client.sendRaw('not json');
      client.sendRaw('not json');
      await client.roundTrip();
      clock.advance(2_000);
    }
    expect(client.isOpen).toBe(true);
  });

  it('closes a connection that sends a message over the size limit (1009), and no one else', async () => {
    const server = await start({ limits: { maxMessageBytes: 1024 } });
    const attacker = await connect(server);
    const bystander = await connect(server);
    await subscribe(bystander, 'room');

    // Exactly at the limit is fine.
    const atLimit = { type: 'publish', topic: 'room', data: '' };
    atLimit.data = 'x'.repeat(1024 - JSON.stringify(atLimit).length);
    attacker.send(atLimit);
    expect(await bystander.next()).toMatchObject({ type: 'publish', topic: 'room' });

    attacker.sendRaw(JSON.stringify({ type: 'publish', topic: 'room', data: 'x'.repeat(1024) }));
    expect((await within(attacker.closed, 'the oversized sender to be closed')).code).toBe(CloseCode.messageTooBig);

    await until(() => server.stats().connections === 1, 'the server to forget the sender');
    await bystander.roundTrip(); // the oversized message reached no one
    const late = await connect(server);
    await late.roundTrip();
  });

  it('closes a connection that sends invalid UTF-8 text without crashing', async () => {
    const server = await start();
    const attacker = await connect(server);
    attacker.sendRaw(Buffer.from([0x7b, 0xff, 0xfe, 0x7d]), { binary: false });
    expect((await within(attacker.closed, 'the connection to be closed')).code).toBe(1007);
    const next = await connect(server);
    await next.roundTrip();
  });
});

describe('signalling server: rate limits', () => {
  it('drops messages over the per-connection rate and lets them through again as the bucket refills', async () => {
    const clock = fakeClock();
    const server = await start({
      now: clock.now,
      limits: { messageBurst: 5, messagesPerSecond: 2, maxRejectedMessages: 1000 },
    });
    const sender = await connect(server);
    const receiver = await connect(server);
    await subscribe(receiver, 'room');
    const dropped = (count: number) => until(() => server.stats().rejectedMessages === count, `${count} dropped`);

    for (let i = 0; i < 12; i++) sender.send({ type: 'publish', topic: 'room', data: i });
    await dropped(7);
    clock.advance(1_000); // two more tokens
    sender.send({ type: 'publish', topic: 'room', data: 'after a second' });
    sender.send({ type: 'publish', topic: 'room', data: 'same second' });
    sender.send({ type: 'publish', topic: 'room', data: 'over again' });
    await dropped(8);
    clock.advance(1_000);
    sender.send({ type: 'publish', topic: 'room', data: 'end' });

    const received: unknown[] = [];
    for (;;) {
      const message = await receiver.next('forwarded messages');
      received.push(message['data']);
      if (message['data'] === 'end') break;
    }
    expect(received).toEqual([0, 1, 2, 3, 4, 'after a second', 'same second', 'end']);
    expect(sender.isOpen).toBe(true);
  });

  it('limits bytes per second as well as messages', async () => {
    const clock = fakeClock();
    const server = await start({
      now: clock.now,
      limits: { maxMessageBytes: 1024, byteBurst: 1024, bytesPerSecond: 512, maxRejectedMessages: 1000 },
    });
    const sender = await connect(server);
    const receiver = await connect(server);
    await subscribe(receiver, 'room');

    const message = (data: string): unknown => ({ type: 'publish', topic: 'room', data: data.padEnd(400, '.') });
    sender.send(message('one'));
    sender.send(message('two'));
    sender.send(message('three: over the byte budget'));
    await until(() => server.stats().rejectedMessages === 1, 'the third to be dropped');
    clock.advance(1_000);
    sender.send(message('four'));

    expect((await receiver.next())['data']).toMatch(/^one/);
    expect((await receiver.next())['data']).toMatch(/^two/);
    expect((await receiver.next())['data']).toMatch(/^four/);
  });

  it('closes a connection that keeps flooding, and the server stays up', async () => {
    const clock = fakeClock();
    const server = await start({
      now: clock.now,
      limits: { messageBurst: 10, messagesPerSecond: 1, maxRejectedMessages: 20, rejectionsForgivenPerSecond: 0 },
    });
    const flooder = await connect(server);
    for (let i = 0; i < 200; i++) flooder.send({ type: 'ping' });
    const closed = await within(flooder.closed, 'the flooder to be closed');
    expect(closed.code).toBe(CloseCode.policyViolation);

    const polite = await connect(server);
    await polite.roundTrip();
  });

  it('refuses connections over the total and per-address limits, and accepts again once one closes', async () => {
    const server = await start({ limits: { maxConnections: 2 } });
    const first = await connect(server);
    await connect(server);
    await expect(TestClient.connect(`ws://${HOST}:${server.port}`)).rejects.toThrow('HTTP 503');
    await first.close();
    await until(() => server.stats().connections === 1, 'the server to notice the close');
    await connect(server);

    const perAddress = await start({ limits: { maxConnectionsPerAddress: 1 } });
    await connect(perAddress);
    await expect(TestClient.connect(`ws://${HOST}:${perAddress.port}`)).rejects.toThrow('HTTP 429');
  });

  it('disconnects a receiver that does not read what it is sent', async () => {
    const server = await start({
      limits: {
        maxBufferedBytes: 64 * 1024,
        messageBurst: 1000,
        byteBurst: 64 * 1024 * 1024,
        bytesPerSecond: 64 * 1024 * 1024,
      },
    });
    const reader = await connect(server);
    const stalled = await connect(server);
    await subscribe(reader, 'room');
    await subscribe(stalled, 'room');
    stalled.socket.pause(); // stops reading: the server's queue for it grows

    const data = 'x'.repeat(60 * 1024);
    let sent = 0;
    // Loopback socket buffers hold a few MiB at most; 40 MiB is far more.
    while (server.stats().connections === 2 && sent < 700) {
      reader.send({ type: 'publish', topic: 'room', data });
      sent++;
      await reader.next('the reader’s own copy');
    }
    expect(server.stats().connections).toBe(1);
    expect(logged.some((line) => line.includes('not reading its messages'))).toBe(true);
    await reader.roundTrip();
  });
});

describe('signalling server: keepalive', () => {
  it('drops a connection that stops answering pings, and keeps one that answers', async () => {
    const server = await start({ keepaliveIntervalMs: 100 });
    const answering = await connect(server);
    const silent = await connect(server, { autoPong: false });
    await subscribe(answering, 'room');
    await subscribe(silent, 'room');

    const closed = await within(silent.closed, 'the silent connection to be dropped');
    expect(closed.code).toBe(1006); // cut off, no closing handshake
    await until(() => server.stats().connections === 1, 'the server to forget it');
    expect(answering.isOpen).toBe(true);
    answering.send({ type: 'publish', topic: 'room', data: 'x' });
    expect(await answering.next()).toMatchObject({ clients: 1 });
    expect(logged.some((line) => line.includes('no answer to ping'))).toBe(true);
  });
});

describe('signalling server: lifecycle', () => {
  it('stop() closes every connection with 1001 and frees the port', async () => {
    const server = await start();
    const alice = await connect(server);
    const bob = await connect(server);
    await subscribe(alice, 'room');

    await server.stop();
    expect(await within(alice.closed, 'alice to be closed')).toEqual({
      code: CloseCode.goingAway,
      reason: 'server stopping',
    });
    expect((await within(bob.closed, 'bob to be closed')).code).toBe(CloseCode.goingAway);
    expect(server.stats()).toMatchObject({ connections: 0, topics: 0 });
    await server.stop(); // a second stop is harmless

    const again = await start({ port: server.port });
    expect(again.port).toBe(server.port);
    await connect(again);
  });

  it('stop() does not wait for a peer that never answers the close frame', async () => {
    const server = await start({ closeGraceMs: 50 });
    const client = await connect(server);
    client.socket.pause(); // will not read the close frame
    await within(server.stop(), 'stop() to finish');
    client.socket.resume();
    expect((await within(client.closed, 'the client to see the end')).code).toBeGreaterThan(1000);
  });

  it('rejects with a readable error when the port is taken', async () => {
    const taken = createNetServer();
    netServers.push(taken);
    await new Promise<void>((resolve) => taken.listen(0, HOST, resolve));
    const port = (taken.address() as { port: number }).port;
    await expect(start({ port })).rejects.toThrow(
      `Cannot host signalling on ${HOST} port ${port}: the port is already in use.`,
    );
  });

  it('says where to join, from the current interfaces', async () => {
    const server = await start({
      networkInterfaces: () => ({ lo: [{ address: HOST, family: 'IPv4', internal: true }] }),
    });
    expect(server.host).toBe(HOST);
    expect(server.addresses).toEqual([
      { url: `ws://${HOST}:${server.port}`, address: HOST, family: 'IPv4', interfaceName: 'lo', scope: 'loopback' },
    ]);
  });

  it('refuses nonsensical limits before listening', async () => {
    await expect(start({ limits: { maxMessageBytes: 0 } })).rejects.toThrow('limits.maxMessageBytes');
    await expect(start({ limits: { messagesPerSecond: -1 } })).rejects.toThrow('limits.messagesPerSecond');
    await expect(start({ limits: { maxMessageBytes: 2048, byteBurst: 1024 } })).rejects.toThrow('limits.byteBurst');
    await expect(start({ keepaliveIntervalMs: 0 })).rejects.toThrow('keepaliveIntervalMs');
  });

  it('has defaults within what y-webrtc needs', () => {
    const limits: SignallingLimits = { ...DEFAULT_SIGNALLING_LIMITS };
    expect(limits.byteBurst).toBeGreaterThanOrEqual(limits.maxMessageBytes);
    // A reconnect re-announces every open room and a join answers up to 35 peers at once.
    expect(limits.messageBurst).toBeGreaterThanOrEqual(6 * 35);
  });
});
