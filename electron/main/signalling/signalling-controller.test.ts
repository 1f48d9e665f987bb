import { afterEach, describe, expect, it } from 'vitest';
import type { JoinAddress } from './lan-addresses';
import { createSignallingController, parseStartOptions, type SignallingController } from './signalling-controller';
import { DEFAULT_SIGNALLING_PORT, type SignallingServer, startSignallingServer } from './signalling-server';
import { TestClient, until } from './test-client';

const loopback: JoinAddress = {
  url: 'ws://127.0.0.1:5000',
  address: '127.0.0.1',
  family: 'IPv4',
  interfaceName: 'lo',
  scope: 'loopback',
};

/** A server that records what happened to it; stop() waits for the test to release it. */
class FakeServer implements SignallingServer {
  readonly host = '0.0.0.0';
  readonly addresses = [loopback];
  stopped = false;
  private releaseStop: () => void = () => undefined;
  readonly stopReleased = new Promise<void>((resolve) => (this.releaseStop = resolve));

  constructor(readonly port: number) {}

  stats() {
    return { connections: 2, topics: 1, rejectedMessages: 0 };
  }

  async stop(): Promise<void> {
    await this.stopReleased;
    this.stopped = true;
  }

  finishStopping(): void {
    this.releaseStop();
  }
}

function fakeController(options: { failWith?: Error } = {}) {
  const calls: { host?: string; port: number }[] = [];
  const servers: FakeServer[] = [];
  const controller = createSignallingController({
    createServer: async (startOptions) => {
      calls.push(startOptions);
      if (options.failWith !== undefined) throw options.failWith;
      const server = new FakeServer(startOptions.port === 0 ? 5000 : startOptions.port);
      servers.push(server);
      return server;
    },
  });
  return { controller, calls, servers };
}

describe('parseStartOptions', () => {
  it('fills in defaults and keeps what was given', () => {
    expect(parseStartOptions(undefined)).toEqual({ port: DEFAULT_SIGNALLING_PORT });
    expect(parseStartOptions({})).toEqual({ port: DEFAULT_SIGNALLING_PORT });
    expect(parseStartOptions({ port: 0 })).toEqual({ port: 0 });
    expect(parseStartOptions({ host: '::', port: 1024 })).toEqual({ host: '::', port: 1024 });
    expect(parseStartOptions({ host: '192.168.1.20', port: 65535 })).toEqual({ host: '192.168.1.20', port: 65535 });
    expect(parseStartOptions({ host: 'localhost' })).toEqual({ host: 'localhost', port: DEFAULT_SIGNALLING_PORT });
  });

  it.each([
    [{ port: 80 }, 'port:'],
    [{ port: 1023 }, 'port:'],
    [{ port: 65536 }, 'port:'],
    [{ port: 4444.5 }, 'port:'],
    [{ port: '4444' }, 'port:'],
    [{ port: Number.NaN }, 'port:'],
    [{ port: -1 }, 'port:'],
    [{ host: 7 }, 'host:'],
    [{ host: '' }, 'host:'],
    [{ host: 'example.com' }, 'host:'],
    [{ host: '0.0.0.0 ' }, 'host:'],
    [{ host: '::', port: 4444, maxConnections: 1 }, 'maxConnections: is not an accepted field'],
    [null, 'options:'],
    ['4444', 'options:'],
    [[4444], 'options:'],
  ])('refuses %j, naming the field', (options, message) => {
    expect(() => parseStartOptions(options)).toThrow(message);
  });
});

describe('createSignallingController', () => {
  it('reports stopped before anything is started', () => {
    const { controller } = fakeController();
    expect(controller.status()).toEqual({ running: false, port: null, addresses: [], connections: 0, topics: 0 });
  });

  it('starts with the checked options and reports the running server', async () => {
    const { controller, calls } = fakeController();
    const status = await controller.start({ host: '0.0.0.0', port: 0 });
    expect(calls).toEqual([{ host: '0.0.0.0', port: 0 }]);
    expect(status).toEqual({ running: true, port: 5000, addresses: [loopback], connections: 2, topics: 1 });
    expect(controller.status()).toEqual(status);
  });

  it('rejects bad arguments without creating a server', async () => {
    const { controller, calls } = fakeController();
    await expect(controller.start({ port: 22 })).rejects.toThrow('port:');
    await expect(controller.start({ host: 'my laptop' })).rejects.toThrow('host:');
    expect(calls).toEqual([]);
  });

  it('refuses a second start while running, and starts again after stop', async () => {
    const { controller, servers } = fakeController();
    await controller.start({ port: 6000 });
    await expect(controller.start({ port: 6001 })).rejects.toThrow('already running on port 6000');

    const stopping = controller.stop();
    servers[0]?.finishStopping();
    expect(await stopping).toMatchObject({ running: false, port: null });
    expect(servers[0]?.stopped).toBe(true);

    expect(await controller.start({ port: 6001 })).toMatchObject({ running: true, port: 6001 });
  });

  it('runs a start that arrives during a stop after the stop', async () => {
    const { controller, servers } = fakeController();
    await controller.start({ port: 6000 });
    const stopping = controller.stop();
    const starting = controller.start({ port: 6000 });
    expect(servers).toHaveLength(1); // the new one waits for the old one to let go of the port
    servers[0]?.finishStopping();
    await stopping;
    expect(await starting).toMatchObject({ running: true, port: 6000 });
    expect(servers).toHaveLength(2);
  });

  it('passes on a failure to listen and stays stopped', async () => {
    const { controller } = fakeController({ failWith: new Error('Cannot host signalling on port 4444: in use') });
    await expect(controller.start({})).rejects.toThrow('in use');
    expect(controller.status().running).toBe(false);
  });

  it('treats stop() while stopped as done', async () => {
    const { controller } = fakeController();
    expect(await controller.stop()).toMatchObject({ running: false });
  });
});

describe('createSignallingController with the real server', () => {
  let controller: SignallingController | undefined;
  let client: TestClient | undefined;

  afterEach(async () => {
    await client?.terminate();
    await controller?.stop();
  });

  it('counts connections and topics on loopback', async () => {
    controller = createSignallingController({
      createServer: (options) => startSignallingServer({ ...options, networkInterfaces: () => ({}) }),
    });
    const started = await controller.start({ host: '127.0.0.1', port: 0 });
    expect(started).toMatchObject({ running: true, connections: 0, topics: 0 });
    expect(started.addresses.map((address) => address.url)).toEqual([`ws://127.0.0.1:${started.port}`]);

    client = await TestClient.connect(`ws://127.0.0.1:${started.port}`);
    client.send({ type: 'subscribe', topics: ['room'] });
    await client.roundTrip();
    expect(controller.status()).toMatchObject({ connections: 1, topics: 1 });

    await controller.stop();
    await until(() => !client?.isOpen, 'the client to be closed');
    expect(controller.status()).toMatchObject({ running: false });
  });
});
