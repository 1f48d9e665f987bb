import { describe, expect, it } from 'vitest';
import type { LatitudeBridge, MenuCommand } from '@shared/ipc/contract';
import { createElectronPlatform } from './electron-platform';

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
    shell: {
      openExternal: (args) => {
        calls.push(['openExternal', args]);
        return Promise.resolve({ opened: args.url.startsWith('https:') });
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
