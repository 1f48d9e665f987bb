import { describe, expect, it, vi } from 'vitest';
import { ipcContract, MAX_FILE_BYTES } from '@shared/ipc/contract';
import type { IpcResponse } from '@shared/ipc/contract';
import { createIpcDispatcher } from './ipc-dispatcher';
import type { IpcHandler, IpcHandlers, IpcSender } from './ipc-handlers';
import { isTrustedSender } from './security-policy';

const appFrame: IpcSender = { url: 'app://latitude/index.html', isMainFrame: true };
const signallingStopped = { running: false, port: null, addresses: [], connections: 0, topics: 0 };

function setup() {
  const handlers = {
    'app:getInfo': vi.fn<IpcHandler<'app:getInfo'>>(async () => ({
      name: 'Latitude',
      version: '0.1.0',
      platform: 'linux',
      electron: '45.4.1',
      userDataPath: '/home/someone/.config/Latitude',
    })),
    'dialog:saveFile': vi.fn<IpcHandler<'dialog:saveFile'>>(async () => ({ status: 'saved', fileName: 'backup.json' })),
    'dialog:openFile': vi.fn<IpcHandler<'dialog:openFile'>>(async () => ({ status: 'cancelled' })),
    'print:savePdf': vi.fn<IpcHandler<'print:savePdf'>>(async () => ({ status: 'cancelled' })),
    'shell:openExternal': vi.fn<IpcHandler<'shell:openExternal'>>(async () => ({ opened: true })),
    'signalling:start': vi.fn<IpcHandler<'signalling:start'>>(async () => signallingStopped),
    'signalling:stop': vi.fn<IpcHandler<'signalling:stop'>>(async () => signallingStopped),
    'signalling:status': vi.fn<IpcHandler<'signalling:status'>>(async () => signallingStopped),
  } satisfies IpcHandlers;
  const onHandlerError = vi.fn<(channel: string, error: unknown) => void>();
  const dispatcher = createIpcDispatcher({
    contract: ipcContract,
    handlers,
    isTrustedSender: (sender) => isTrustedSender(sender),
    onHandlerError,
  });
  return { handlers, dispatcher, onHandlerError };
}

const saveArgs = {
  title: 'Export workspace',
  suggestedName: 'team.latitude.json',
  filters: [{ name: 'Latitude backup', extensions: ['json'] }],
  data: new Uint8Array([1, 2, 3]),
};

function errorOf(response: IpcResponse<unknown>): { code: string; message: string } {
  if (response.ok) throw new Error(`expected a failure, got ${JSON.stringify(response.value)}`);
  return response.error;
}

describe('createIpcDispatcher', () => {
  it('passes the parsed arguments and the checked sender of a trusted call to the handler and wraps its result', async () => {
    const { dispatcher, handlers } = setup();
    const response = await dispatcher.dispatch('dialog:saveFile', appFrame, saveArgs);
    expect(response).toEqual({ ok: true, value: { status: 'saved', fileName: 'backup.json' } });
    expect(handlers['dialog:saveFile']).toHaveBeenCalledExactlyOnceWith(saveArgs, appFrame);
  });

  it('calls a handler without arguments when the channel takes none', async () => {
    const { dispatcher, handlers } = setup();
    const response = await dispatcher.dispatch('app:getInfo', appFrame, undefined);
    expect(response.ok).toBe(true);
    expect(handlers['app:getInfo']).toHaveBeenCalledExactlyOnceWith(undefined, appFrame);
  });

  it.each(['nope:nothing', 'toString', '__proto__', 'constructor', 'hasOwnProperty', ''])(
    'refuses the unknown channel %j',
    async (channel) => {
      const { dispatcher } = setup();
      expect(errorOf(await dispatcher.dispatch(channel, appFrame, undefined)).code).toBe('unknown-channel');
    },
  );

  it('checks the channel before the sender', async () => {
    const { dispatcher } = setup();
    const response = await dispatcher.dispatch(
      'nope:nothing',
      { url: 'https://evil.example/', isMainFrame: true },
      undefined,
    );
    expect(errorOf(response).code).toBe('unknown-channel');
  });

  it.each<[string, IpcSender]>([
    ['another origin', { url: 'https://evil.example/', isMainFrame: true }],
    ['a look-alike app host', { url: 'app://latitude.evil/index.html', isMainFrame: true }],
    ['a subframe of the app', { url: 'app://latitude/index.html', isMainFrame: false }],
    ['a file:// page', { url: 'file:///tmp/index.html', isMainFrame: true }],
    ['a frame that is gone', { url: undefined, isMainFrame: true }],
  ])('refuses %s and never calls the handler', async (_, sender) => {
    const { dispatcher, handlers } = setup();
    const response = await dispatcher.dispatch('shell:openExternal', sender, { url: 'https://example.com/' });
    expect(errorOf(response).code).toBe('forbidden-sender');
    expect(handlers['shell:openExternal']).not.toHaveBeenCalled();
  });

  it('checks the sender before the arguments', async () => {
    const { dispatcher } = setup();
    const response = await dispatcher.dispatch('shell:openExternal', { url: undefined, isMainFrame: true }, 42);
    expect(errorOf(response).code).toBe('forbidden-sender');
  });

  it.each<[string, string, unknown, RegExp]>([
    [
      'a path as the file name',
      'dialog:saveFile',
      { ...saveArgs, suggestedName: '../../.bashrc' },
      /^dialog:saveFile: suggestedName: must be a file name without a folder$/,
    ],
    [
      'a Windows path as the file name',
      'dialog:saveFile',
      { ...saveArgs, suggestedName: 'C:\\x\\evil.bat' },
      /suggestedName: must be a file name without a folder/,
    ],
    [
      'a wrong type',
      'dialog:saveFile',
      { ...saveArgs, title: 42 },
      /^dialog:saveFile: title: expected string, received number$/,
    ],
    ['a missing field', 'dialog:openFile', { filters: [] }, /^dialog:openFile: title: is required$/],
    [
      'an extra field',
      'shell:openExternal',
      { url: 'https://example.com/', ipcRenderer: true },
      /^shell:openExternal: ipcRenderer: is not an accepted field$/,
    ],
    [
      'an oversized title',
      'dialog:openFile',
      { title: 'x'.repeat(121), filters: [] },
      /^dialog:openFile: title: .*120/,
    ],
    [
      'an oversized URL',
      'shell:openExternal',
      { url: `https://example.com/${'a'.repeat(2048)}` },
      /^shell:openExternal: url: .*2048/,
    ],
    [
      'data that is not bytes',
      'dialog:saveFile',
      { ...saveArgs, data: [1, 2, 3] },
      /^dialog:saveFile: data: must be bytes \(a Uint8Array\)$/,
    ],
    ['data that is a string', 'dialog:saveFile', { ...saveArgs, data: 'AQID' }, /data: must be bytes/],
    [
      'a nested bad filter',
      'dialog:openFile',
      { title: 'Open', filters: [{ name: 'Backups', extensions: ['.json'] }] },
      /^dialog:openFile: filters\.0\.extensions\.0: an extension is letters and digits only, without a dot$/,
    ],
    [
      'arguments where none are taken',
      'app:getInfo',
      { anything: 1 },
      /^app:getInfo: arguments: expected undefined, received object$/,
    ],
    [
      'no object at all',
      'shell:openExternal',
      'https://example.com/',
      /^shell:openExternal: arguments: expected object, received string$/,
    ],
  ])('refuses %s, naming the field, and never calls the handler', async (_, channel, args, message) => {
    const { dispatcher, handlers } = setup();
    const error = errorOf(await dispatcher.dispatch(channel, appFrame, args));
    expect(error.code).toBe('invalid-arguments');
    expect(error.message).toMatch(message);
    for (const handler of Object.values(handlers)) expect(handler).not.toHaveBeenCalled();
  });

  it('refuses data larger than the largest file', async () => {
    const { dispatcher, handlers } = setup();
    // Zero-filled and untouched, so the allocation stays cheap.
    const data = new Uint8Array(MAX_FILE_BYTES + 1);
    const error = errorOf(await dispatcher.dispatch('dialog:saveFile', appFrame, { ...saveArgs, data }));
    expect(error).toEqual({
      code: 'invalid-arguments',
      message: `dialog:saveFile: data: must be at most ${MAX_FILE_BYTES} bytes`,
    });
    expect(handlers['dialog:saveFile']).not.toHaveBeenCalled();
  });

  it('lists several problems and caps the list', async () => {
    const { dispatcher } = setup();
    const error = errorOf(
      await dispatcher.dispatch('dialog:saveFile', appFrame, { a: 1, b: 2, c: 3, d: 4, e: 5, f: 6, g: 7 }),
    );
    expect(error.message).toMatch(/^dialog:saveFile: .+; .+; and \d+ more$/);
    expect(error.message.split('; ')).toHaveLength(6);
  });

  it('wraps a handler error in its message only, and reports the full error to the log hook', async () => {
    const { dispatcher, handlers, onHandlerError } = setup();
    const failure = new Error('backup.json is 300 MB; the largest file Latitude opens is 256 MB');
    handlers['dialog:openFile'].mockRejectedValueOnce(failure);
    const response = await dispatcher.dispatch('dialog:openFile', appFrame, { title: 'Open', filters: [] });
    expect(response).toEqual({
      ok: false,
      error: { code: 'handler-failed', message: 'backup.json is 300 MB; the largest file Latitude opens is 256 MB' },
    });
    expect(JSON.stringify(response)).not.toContain('at ');
    expect(onHandlerError).toHaveBeenCalledExactlyOnceWith('dialog:openFile', failure);
  });

  it('gives a generic message when a handler throws something that is not an Error', async () => {
    const { dispatcher, handlers } = setup();
    handlers['shell:openExternal'].mockRejectedValueOnce({ secret: '/home/someone/private' });
    const response = await dispatcher.dispatch('shell:openExternal', appFrame, { url: 'https://example.com/' });
    expect(response).toEqual({ ok: false, error: { code: 'handler-failed', message: 'The request failed.' } });
  });

  it('reports arguments that cannot even be read as invalid', async () => {
    const { dispatcher } = setup();
    const hostile = {
      get url(): string {
        throw new Error('boom');
      },
    };
    const error = errorOf(await dispatcher.dispatch('shell:openExternal', appFrame, hostile));
    expect(error.code).toBe('invalid-arguments');
  });
});
