import { createServer as createNetServer, type AddressInfo, type Server as NetServer } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ipcContract } from '@shared/ipc/contract';
import type { IpcResponse } from '@shared/ipc/contract';
import { createIpcDispatcher } from '../ipc-dispatcher';
import type { IpcSender } from '../ipc-handlers';
import {
  createSignallingController,
  DEFAULT_SIGNALLING_PORT,
  parseStartOptions,
  type SignallingController,
  type SignallingServer,
  type SignallingStatus,
  startSignallingServer,
} from '../signalling';
import { TestClient, until } from '../signalling/test-client';
import { createSignallingHandlers } from './signalling';

const appFrame: IpcSender = { url: 'app://latitude/index.html', isMainFrame: true };

const stopped: SignallingStatus = { running: false, port: null, addresses: [], connections: 0, topics: 0 };
const running: SignallingStatus = {
  running: true,
  port: 4444,
  addresses: [
    {
      url: 'ws://192.168.1.20:4444',
      address: '192.168.1.20',
      family: 'IPv4',
      interfaceName: 'en0',
      scope: 'network',
    },
    { url: 'ws://[fd00::20]:4444', address: 'fd00::20', family: 'IPv6', interfaceName: 'en0', scope: 'network' },
    { url: 'ws://127.0.0.1:4444', address: '127.0.0.1', family: 'IPv4', interfaceName: 'lo0', scope: 'loopback' },
  ],
  connections: 3,
  topics: 2,
};

/** A controller that answers from canned statuses and records its calls; no network. */
function fakeController() {
  return {
    start: vi.fn<SignallingController['start']>(async () => running),
    stop: vi.fn<SignallingController['stop']>(async () => stopped),
    status: vi.fn<SignallingController['status']>(() => running),
  };
}

/** The dispatcher the main process builds, restricted to the `signalling:*` channels. */
function signallingDispatcher(controller: Pick<SignallingController, 'start' | 'stop' | 'status'>) {
  return createIpcDispatcher({
    contract: {
      'signalling:start': ipcContract['signalling:start'],
      'signalling:stop': ipcContract['signalling:stop'],
      'signalling:status': ipcContract['signalling:status'],
    },
    handlers: createSignallingHandlers({ controller }),
    isTrustedSender: (sender) => sender.isMainFrame && sender.url === appFrame.url,
  });
}

function errorOf(response: IpcResponse<unknown>): { code: string; message: string } {
  if (response.ok) throw new Error(`expected a failure, got ${JSON.stringify(response.value)}`);
  return response.error;
}

function valueOf(response: IpcResponse<unknown>): unknown {
  if (!response.ok) throw new Error(`expected a success, got ${response.error.message}`);
  return response.value;
}

describe('signalling handlers', () => {
  it('start passes the options to the controller and answers its status', async () => {
    const controller = fakeController();
    const handlers = createSignallingHandlers({ controller });
    await expect(handlers['signalling:start']({ host: '0.0.0.0', port: 0 })).resolves.toEqual(running);
    await expect(handlers['signalling:start']({})).resolves.toEqual(running);
    expect(controller.start.mock.calls).toEqual([[{ host: '0.0.0.0', port: 0 }], [{}]]);
  });

  it('stop and status answer the controller status', async () => {
    const controller = fakeController();
    const handlers = createSignallingHandlers({ controller });
    await expect(handlers['signalling:stop'](undefined)).resolves.toEqual(stopped);
    await expect(handlers['signalling:status'](undefined)).resolves.toEqual(running);
    expect(controller.stop).toHaveBeenCalledOnce();
    expect(controller.status).toHaveBeenCalledOnce();
  });

  it('lets the controller errors through unchanged', async () => {
    const controller = fakeController();
    const failure = new Error('The signalling server is already running on port 4444; stop it first.');
    controller.start.mockRejectedValueOnce(failure);
    await expect(createSignallingHandlers({ controller })['signalling:start']({})).rejects.toBe(failure);
  });

  it("answers in the contract's result shape", () => {
    for (const status of [stopped, running]) {
      expect(ipcContract['signalling:status'].result.parse(status)).toEqual(status);
    }
  });
});

describe('signalling channels through the dispatcher', () => {
  it('start accepts the documented options', async () => {
    const controller = fakeController();
    const dispatcher = signallingDispatcher(controller);
    for (const options of [
      {},
      { port: 0 },
      { port: 1024 },
      { port: 65535 },
      { host: '::' },
      { host: '0.0.0.0', port: 4444 },
      { host: '192.168.1.20' },
      { host: 'fd00::20' },
      { host: 'localhost' },
    ]) {
      expect(await dispatcher.dispatch('signalling:start', appFrame, options)).toEqual({ ok: true, value: running });
    }
    expect(controller.start.mock.calls.map(([options]) => options)).toEqual([
      {},
      { port: 0 },
      { port: 1024 },
      { port: 65535 },
      { host: '::' },
      { host: '0.0.0.0', port: 4444 },
      { host: '192.168.1.20' },
      { host: 'fd00::20' },
      { host: 'localhost' },
    ]);
  });

  it.each([
    [{ port: 80 }, 'port: must be an integer, 0 (any free port) or 1024–65535'],
    [{ port: 1023 }, 'port: must be an integer, 0 (any free port) or 1024–65535'],
    [{ port: 65536 }, 'port: must be an integer, 0 (any free port) or 1024–65535'],
    [{ port: 4444.5 }, 'port: must be an integer, 0 (any free port) or 1024–65535'],
    [{ port: -1 }, 'port: must be an integer, 0 (any free port) or 1024–65535'],
    [{ port: Number.NaN }, 'port: must be an integer, 0 (any free port) or 1024–65535'],
    [{ port: Number.POSITIVE_INFINITY }, 'port: must be an integer, 0 (any free port) or 1024–65535'],
    [{ port: '4444' }, 'port: must be an integer, 0 (any free port) or 1024–65535'],
    [{ host: 'example.com' }, "host: must be an IP address such as '0.0.0.0', '::' or '127.0.0.1', or 'localhost'"],
    [{ host: '' }, 'host: must be an IP address'],
    [{ host: ' 0.0.0.0' }, 'host: must be an IP address'],
    [{ host: '[::1]' }, 'host: must be an IP address'],
    [{ host: '01.2.3.4' }, 'host: must be an IP address'],
    [{ host: 'fe80::1%eth0' }, 'host: must be an IP address'],
    [{ host: 7 }, 'host: must be an IP address'],
    [{ host: '::', maxConnections: 1 }, 'maxConnections: is not an accepted field'],
    [undefined, 'arguments:'],
    [null, 'arguments:'],
    ['4444', 'arguments:'],
  ])('start refuses %j before the controller sees it', async (options, message) => {
    const controller = fakeController();
    const error = errorOf(await signallingDispatcher(controller).dispatch('signalling:start', appFrame, options));
    expect(error.code).toBe('invalid-arguments');
    expect(error.message).toContain(`signalling:start: ${message}`);
    expect(controller.start).not.toHaveBeenCalled();
  });

  it('stop and status take no arguments', async () => {
    const controller = fakeController();
    const dispatcher = signallingDispatcher(controller);
    expect(await dispatcher.dispatch('signalling:stop', appFrame, undefined)).toEqual({ ok: true, value: stopped });
    expect(await dispatcher.dispatch('signalling:status', appFrame, undefined)).toEqual({ ok: true, value: running });
    expect(errorOf(await dispatcher.dispatch('signalling:stop', appFrame, {})).code).toBe('invalid-arguments');
    expect(errorOf(await dispatcher.dispatch('signalling:status', appFrame, { port: 1 })).code).toBe(
      'invalid-arguments',
    );
    expect(controller.stop).toHaveBeenCalledOnce();
    expect(controller.status).toHaveBeenCalledOnce();
  });

  it('refuses every channel to a frame that is not the app', async () => {
    const controller = fakeController();
    const dispatcher = signallingDispatcher(controller);
    const stranger: IpcSender = { url: 'https://example.com/', isMainFrame: true };
    for (const channel of ['signalling:start', 'signalling:stop', 'signalling:status']) {
      expect(
        errorOf(await dispatcher.dispatch(channel, stranger, channel === 'signalling:start' ? {} : undefined)),
      ).toMatchObject({ code: 'forbidden-sender' });
    }
    expect(controller.start).not.toHaveBeenCalled();
    expect(controller.stop).not.toHaveBeenCalled();
    expect(controller.status).not.toHaveBeenCalled();
  });

  it("gives the renderer the controller's own message when it fails", async () => {
    const controller = fakeController();
    controller.start.mockRejectedValueOnce(
      new Error('Cannot host signalling on port 4444: the port is already in use.', {
        cause: Object.assign(new Error('listen EADDRINUSE: address already in use :::4444'), { code: 'EADDRINUSE' }),
      }),
    );
    const error = errorOf(await signallingDispatcher(controller).dispatch('signalling:start', appFrame, {}));
    expect(error).toEqual({
      code: 'handler-failed',
      message: 'Cannot host signalling on port 4444: the port is already in use.',
    });
  });

  it('fills in port 4444 and every interface when the renderer gives neither', async () => {
    const created: { host?: string; port: number }[] = [];
    const controller = createSignallingController({
      createServer: async (options) => {
        created.push(options);
        return {
          host: '::',
          port: options.port,
          addresses: [],
          stats: () => ({ connections: 0, topics: 0, rejectedMessages: 0 }),
          stop: async () => undefined,
        } satisfies SignallingServer;
      },
    });
    const response = await signallingDispatcher(controller).dispatch('signalling:start', appFrame, {});
    expect(valueOf(response)).toMatchObject({ running: true, port: DEFAULT_SIGNALLING_PORT });
    // No host: Node listens on '::' (IPv6 and IPv4) where the system has IPv6, on '0.0.0.0' otherwise.
    expect(created).toEqual([{ port: 4444 }]);
    await controller.stop();
  });
});

describe("the contract's start options and the controller's check", () => {
  /** Accepted by the controller but refused by the contract, on purpose (see the contract). */
  const refusedOnlyByContract = new Set(['fe80::1%eth0', 'fe80::1%1']);

  it.each([undefined, 0, 1, 1023, 1024, 4444, 65535, 65536, -0, 4444.5, Number.NaN, '4444', null, true])(
    'agree on port %j',
    (port) => {
      const options = { port };
      expect(ipcContract['signalling:start'].args.safeParse(options).success).toBe(controllerAccepts(options));
    },
  );

  it.each([
    undefined,
    '0.0.0.0',
    '::',
    '127.0.0.1',
    '::1',
    '192.168.1.20',
    '255.255.255.255',
    '256.1.1.1',
    '01.2.3.4',
    '1.2.3',
    'fd00::20',
    'FD00::20',
    '1::',
    '::ffff:192.168.1.5',
    '1:2:3:4:5:6:7:8',
    '1:2:3:4:5:6:7:8:9',
    '2001:db8::1::1',
    '[::1]',
    'localhost',
    'LOCALHOST',
    'example.com',
    '',
    ' 0.0.0.0',
    '0.0.0.0 ',
    '1.2.3.4/24',
    'fe80::1%eth0',
    'fe80::1%1',
    7,
    null,
  ])('agree on host %j', (host) => {
    const options = { host };
    const contractAccepts = ipcContract['signalling:start'].args.safeParse(options).success;
    if (typeof host === 'string' && refusedOnlyByContract.has(host)) {
      expect([contractAccepts, controllerAccepts(options)]).toEqual([false, true]);
    } else {
      expect(contractAccepts).toBe(controllerAccepts(options));
    }
  });

  it('agree on fields that are not accepted', () => {
    const options = { host: '::', port: 4444, limits: {} };
    expect(ipcContract['signalling:start'].args.safeParse(options).success).toBe(false);
    expect(controllerAccepts(options)).toBe(false);
  });

  function controllerAccepts(options: unknown): boolean {
    try {
      parseStartOptions(options);
      return true;
    } catch {
      return false;
    }
  }
});

describe('signalling channels with the real server on loopback', () => {
  let controller: SignallingController | undefined;
  let client: TestClient | undefined;
  let occupied: NetServer | undefined;

  afterEach(async () => {
    await client?.terminate();
    await controller?.stop();
    await new Promise((resolve) => (occupied === undefined ? resolve(undefined) : occupied.close(resolve)));
    client = undefined;
    controller = undefined;
    occupied = undefined;
  });

  it('starts, reports live numbers, refuses a second start and stops', async () => {
    controller = createSignallingController({
      createServer: (options) => startSignallingServer({ ...options, networkInterfaces: () => ({}) }),
    });
    const dispatcher = signallingDispatcher(controller);

    const started = valueOf(
      await dispatcher.dispatch('signalling:start', appFrame, { host: '127.0.0.1', port: 0 }),
    ) as SignallingStatus;
    expect(ipcContract['signalling:start'].result.safeParse(started).success).toBe(true);
    expect(started).toMatchObject({ running: true, connections: 0, topics: 0 });
    expect(started.port).toBeGreaterThan(0);
    expect(started.addresses).toEqual([
      {
        url: `ws://127.0.0.1:${started.port}`,
        address: '127.0.0.1',
        family: 'IPv4',
        interfaceName: '',
        scope: 'loopback',
      },
    ]);

    client = await TestClient.connect(`ws://127.0.0.1:${started.port}`);
    client.send({ type: 'subscribe', topics: ['workspace-1'] });
    await client.roundTrip();
    expect(valueOf(await dispatcher.dispatch('signalling:status', appFrame, undefined))).toMatchObject({
      running: true,
      port: started.port,
      connections: 1,
      topics: 1,
    });

    expect(errorOf(await dispatcher.dispatch('signalling:start', appFrame, { host: '127.0.0.1', port: 0 }))).toEqual({
      code: 'handler-failed',
      message: `The signalling server is already running on port ${started.port}; stop it first.`,
    });

    expect(valueOf(await dispatcher.dispatch('signalling:stop', appFrame, undefined))).toEqual(stopped);
    await until(() => client?.isOpen === false, 'the client to be closed');
  });

  it('tells the renderer when the port is taken', async () => {
    occupied = createNetServer();
    const port = await new Promise<number>((resolve) =>
      occupied?.listen({ host: '127.0.0.1', port: 0 }, () => resolve((occupied?.address() as AddressInfo).port)),
    );
    controller = createSignallingController({ createServer: (options) => startSignallingServer(options) });
    const error = errorOf(
      await signallingDispatcher(controller).dispatch('signalling:start', appFrame, { host: '127.0.0.1', port }),
    );
    expect(error).toEqual({
      code: 'handler-failed',
      message: `Cannot host signalling on 127.0.0.1 port ${port}: the port is already in use.`,
    });
    expect(controller.status().running).toBe(false);
  });
});
