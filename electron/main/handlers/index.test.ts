import { describe, expect, it, vi } from 'vitest';
import { ipcContract } from '@shared/ipc/contract';
import { createIpcHandlers } from './index';

const stopped = { running: false, port: null, addresses: [], connections: 0, topics: 0 };

describe('createIpcHandlers', () => {
  it('has exactly one handler for every channel of the contract', () => {
    const handlers = createIpcHandlers({
      app: {
        getName: () => 'Latitude',
        getVersion: () => '0.1.0',
        platform: 'linux',
        electronVersion: '45',
        getUserDataPath: () => '/tmp',
      },
      dialog: {
        showSaveDialog: vi.fn(async () => ({ canceled: true, filePath: '' })),
        showOpenDialog: vi.fn(async () => ({ canceled: true, filePaths: [] })),
        getWindow: () => undefined,
        fs: {
          readFile: vi.fn(async () => new Uint8Array()),
          writeFile: vi.fn(async () => undefined),
          rename: vi.fn(async () => undefined),
          unlink: vi.fn(async () => undefined),
          stat: vi.fn(async () => ({ size: 0, isFile: () => true })),
        },
      },
      print: {
        printToPdf: vi.fn(async () => new Uint8Array()),
        showSaveDialog: vi.fn(async () => ({ canceled: true, filePath: '' })),
        getWindow: () => undefined,
        fs: {
          writeFile: vi.fn(async () => undefined),
          rename: vi.fn(async () => undefined),
          unlink: vi.fn(async () => undefined),
        },
      },
      shell: { openExternal: vi.fn(async () => undefined) },
      signalling: {
        controller: {
          start: vi.fn(async () => stopped),
          stop: vi.fn(async () => stopped),
          status: vi.fn(() => stopped),
        },
      },
    });
    expect(Object.keys(handlers).sort()).toEqual(Object.keys(ipcContract).sort());
    for (const handler of Object.values(handlers)) expect(handler).toBeTypeOf('function');
  });
});
