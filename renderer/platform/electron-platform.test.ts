import { describe, expect, it } from 'vitest';
import type { IpcResult, LatitudeBridge, MenuCommand } from '@shared/ipc/contract';
import { createElectronPlatform } from './electron-platform';

const signallingRunning: IpcResult<'signalling:status'> = {
  running: true,
  port: 4444,
  addresses: [
    { url: 'ws://192.168.1.20:4444', address: '192.168.1.20', family: 'IPv4', interfaceName: 'en0', scope: 'network' },
  ],
  connections: 2,
  topics: 1,
};
const signallingStopped: IpcResult<'signalling:status'> = {
  running: false,
  port: null,
  addresses: [],
  connections: 0,
  topics: 0,
};

function fakeBridge(calls: unknown[][]): LatitudeBridge & { emit(command: MenuCommand): void } {
  const listeners = new Set<(command: MenuCommand) => void>();
  return {
    app: {
      getInfo: () =>
        Promise.resolve({
          name: 'Latitude',
          version: '0.1.0',
          platform: 'linux',
          electron: '45.4.1',
          userDataPath: '/home/a/.config/Latitude',
        }),
    },
    dialog: {
      saveFile: (args) => {
        calls.push(['saveFile', args]);
        return Promise.resolve({ status: 'saved', fileName: args.suggestedName });
      },
      openFile: (args) => {
        calls.push(['openFile', args]);
        return Promise.resolve({ status: 'cancelled' });
      },
    },
    print: {
      savePdf: (args) => {
        calls.push(['savePdf', args]);
        if (args.suggestedName === 'full.pdf')
          return Promise.reject(new Error('There is not enough disk space to save full.pdf'));
        return Promise.resolve({ status: 'saved', fileName: args.suggestedName });
      },
    },
    shell: {
      openExternal: (args) => {
        calls.push(['openExternal', args]);
        return Promise.resolve({ opened: args.url.startsWith('https:') });
      },
    },
    signalling: {
      start: (args) => {
        calls.push(['signalling:start', args]);
        if (args.port === 4445)
          return Promise.reject(new Error('Cannot host signalling on port 4445: the port is already in use.'));
        return Promise.resolve(signallingRunning);
      },
      stop: () => {
        calls.push(['signalling:stop']);
        return Promise.resolve(signallingStopped);
      },
      status: () => {
        calls.push(['signalling:status']);
        return Promise.resolve(signallingRunning);
      },
    },
    menu: {
      onCommand: (listener) => {
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
    },
    emit(command) {
      for (const listener of listeners) listener(command);
    },
  };
}

describe('electron platform', () => {
  it('describes the desktop app and where its data lives', async () => {
    const info = await createElectronPlatform(fakeBridge([])).getInfo();
    expect(info).toEqual({
      kind: 'electron',
      version: '0.1.0',
      system: 'linux, Electron 45.4.1',
      dataLocation: '/home/a/.config/Latitude',
    });
  });

  it('passes file requests to the bridge unchanged', async () => {
    const calls: unknown[][] = [];
    const platform = createElectronPlatform(fakeBridge(calls));
    const request = { title: 'Export', suggestedName: 'a.latitude', filters: [], data: new Uint8Array([1]) };
    expect(await platform.saveFile(request)).toEqual({ status: 'saved', fileName: 'a.latitude' });
    expect(await platform.openFile({ title: 'Import', filters: [] })).toEqual({ status: 'cancelled' });
    expect(calls).toEqual([
      ['saveFile', request],
      ['openFile', { title: 'Import', filters: [] }],
    ]);
  });

  it('reports whether main opened an external link', async () => {
    const calls: unknown[][] = [];
    const platform = createElectronPlatform(fakeBridge(calls));
    expect(await platform.openExternal('https://example.org')).toBe(true);
    expect(await platform.openExternal('file:///etc/passwd')).toBe(false);
    expect(calls).toEqual([
      ['openExternal', { url: 'https://example.org' }],
      ['openExternal', { url: 'file:///etc/passwd' }],
    ]);
  });

  it('hosts signalling through the bridge, every interface on port 4444 unless told otherwise', async () => {
    const calls: unknown[][] = [];
    const signalling = createElectronPlatform(fakeBridge(calls)).signalling;
    if (signalling === null) throw new Error('the desktop app hosts signalling');
    expect(await signalling.start()).toEqual(signallingRunning);
    expect(await signalling.start({ host: '192.168.1.20', port: 0 })).toEqual(signallingRunning);
    expect(await signalling.status()).toEqual(signallingRunning);
    expect(await signalling.stop()).toEqual(signallingStopped);
    expect(calls).toEqual([
      ['signalling:start', {}],
      ['signalling:start', { host: '192.168.1.20', port: 0 }],
      ['signalling:status'],
      ['signalling:stop'],
    ]);
  });

  it("rejects with main's message when hosting fails", async () => {
    const signalling = createElectronPlatform(fakeBridge([])).signalling;
    await expect(signalling?.start({ port: 4445 })).rejects.toThrow(
      'Cannot host signalling on port 4445: the port is already in use.',
    );
  });

  it('saves the page as a PDF through the bridge', async () => {
    const calls: unknown[][] = [];
    const savePdf = createElectronPlatform(fakeBridge(calls)).savePdf;
    if (savePdf === null) throw new Error('the desktop app saves PDFs');
    const request = { title: 'Save the dashboard as PDF', suggestedName: 'Metrics January 2026.pdf' };
    expect(await savePdf(request)).toEqual({ status: 'saved', fileName: 'Metrics January 2026.pdf' });
    await expect(savePdf({ title: 'Save', suggestedName: 'full.pdf' })).rejects.toThrow(
      'There is not enough disk space to save full.pdf',
    );
    expect(calls).toEqual([
      ['savePdf', request],
      ['savePdf', { title: 'Save', suggestedName: 'full.pdf' }],
    ]);
  });

  it('forwards menu commands until unsubscribed', () => {
    const bridge = fakeBridge([]);
    const received: MenuCommand[] = [];
    const stop = createElectronPlatform(bridge).onMenuCommand((command) => received.push(command));
    bridge.emit('navigate:reviews');
    stop();
    bridge.emit('navigate:metrics');
    expect(received).toEqual(['navigate:reviews']);
  });
});
