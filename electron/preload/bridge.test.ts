import { describe, expect, it, vi } from 'vitest';
import { ipcContract, MENU_COMMAND_EVENT, menuCommands } from '@shared/ipc/contract';
import type { IpcResponse, MenuCommand } from '@shared/ipc/contract';
import { createBridge, isMenuCommand, unwrapResponse } from './bridge';
import type { BridgeIpc, BridgeIpcListener } from './bridge';

/** An ipcRenderer stand-in: answers invoke with a queued reply and lets a test send events. */
function fakeIpc(reply: unknown = { ok: true, value: null }) {
  const listeners = new Map<string, BridgeIpcListener[]>();
  const ipc = {
    invoke: vi.fn(async (_channel: string, _args: unknown) => reply),
    on: vi.fn((channel: string, listener: BridgeIpcListener) => {
      listeners.set(channel, [...(listeners.get(channel) ?? []), listener]);
    }),
    removeListener: vi.fn((channel: string, listener: BridgeIpcListener) => {
      listeners.set(
        channel,
        (listeners.get(channel) ?? []).filter((candidate) => candidate !== listener),
      );
    }),
  } satisfies BridgeIpc;
  const emit = (channel: string, ...args: unknown[]): void => {
    for (const listener of listeners.get(channel) ?? []) listener({ sender: 'the IpcRendererEvent' }, ...args);
  };
  return { ipc, emit, listeners };
}

describe('isMenuCommand', () => {
  it('accepts exactly the listed commands', () => {
    for (const command of menuCommands) expect(isMenuCommand(command)).toBe(true);
    for (const value of [
      'navigate:nowhere',
      'NAVIGATE:HELP',
      '',
      ' navigate:help',
      null,
      undefined,
      42,
      { command: 'navigate:help' },
      ['navigate:help'],
    ]) {
      expect(isMenuCommand(value)).toBe(false);
    }
  });
});

describe('unwrapResponse', () => {
  it('returns the value of a success', () => {
    expect(unwrapResponse({ ok: true, value: { opened: true } } satisfies IpcResponse<{ opened: boolean }>)).toEqual({
      opened: true,
    });
    expect(unwrapResponse({ ok: true, value: undefined })).toBeUndefined();
  });

  it("throws main's message for a failure", () => {
    const failure: IpcResponse<never> = {
      ok: false,
      error: { code: 'handler-failed', message: 'big.json is 300 MB; the largest file Latitude opens is 256 MB' },
    };
    expect(() => unwrapResponse(failure)).toThrow(
      new Error('big.json is 300 MB; the largest file Latitude opens is 256 MB'),
    );
  });

  it.each([
    undefined,
    null,
    'ok',
    { ok: 'yes', value: 1 },
    { ok: true },
    { ok: false },
    { ok: false, error: 'nope' },
    { ok: false, error: { code: 'x' } },
  ])('reports %j as an unreadable reply', (response) => {
    expect(() => unwrapResponse(response)).toThrow('Latitude received an unreadable reply from its main process.');
  });
});

describe('createBridge', () => {
  it('exposes only named functions, grouped by namespace', () => {
    const bridge = createBridge(fakeIpc().ipc);
    expect(Object.keys(bridge).sort()).toEqual(['app', 'dialog', 'menu', 'print', 'shell', 'signalling']);
    expect(Object.keys(bridge.app)).toEqual(['getInfo']);
    expect(Object.keys(bridge.dialog).sort()).toEqual(['openFile', 'saveFile']);
    expect(Object.keys(bridge.print)).toEqual(['savePdf']);
    expect(Object.keys(bridge.shell)).toEqual(['openExternal']);
    expect(Object.keys(bridge.signalling).sort()).toEqual(['start', 'status', 'stop']);
    expect(Object.keys(bridge.menu)).toEqual(['onCommand']);
    for (const namespace of Object.values(bridge)) {
      for (const member of Object.values(namespace)) expect(member).toBeTypeOf('function');
    }
  });

  it('invokes each channel with exactly one argument and returns the unwrapped value', async () => {
    const { ipc } = fakeIpc({ ok: true, value: { opened: true } });
    const bridge = createBridge(ipc);
    await expect(bridge.shell.openExternal({ url: 'https://example.com/' })).resolves.toEqual({ opened: true });
    expect(ipc.invoke).toHaveBeenLastCalledWith('shell:openExternal', { url: 'https://example.com/' });

    const saveArgs = { title: 'Export', suggestedName: 'a.json', filters: [], data: new Uint8Array([1]) };
    await bridge.dialog.saveFile(saveArgs);
    expect(ipc.invoke).toHaveBeenLastCalledWith('dialog:saveFile', saveArgs);

    await bridge.dialog.openFile({ title: 'Import', filters: [] });
    expect(ipc.invoke).toHaveBeenLastCalledWith('dialog:openFile', { title: 'Import', filters: [] });

    await bridge.app.getInfo();
    expect(ipc.invoke).toHaveBeenLastCalledWith('app:getInfo', undefined);

    await bridge.print.savePdf({ title: 'Save as PDF', suggestedName: 'Metrics January 2026.pdf' });
    expect(ipc.invoke).toHaveBeenLastCalledWith('print:savePdf', {
      title: 'Save as PDF',
      suggestedName: 'Metrics January 2026.pdf',
    });

    await bridge.signalling.start({ host: '::', port: 4444 });
    expect(ipc.invoke).toHaveBeenLastCalledWith('signalling:start', { host: '::', port: 4444 });
    await bridge.signalling.start({});
    expect(ipc.invoke).toHaveBeenLastCalledWith('signalling:start', {});
    await bridge.signalling.stop();
    expect(ipc.invoke).toHaveBeenLastCalledWith('signalling:stop', undefined);
    await bridge.signalling.status();
    expect(ipc.invoke).toHaveBeenLastCalledWith('signalling:status', undefined);
    for (const call of ipc.invoke.mock.calls) expect(call).toHaveLength(2);
  });

  it('has a function for every channel of the contract, and only those', () => {
    const bridge = createBridge(fakeIpc().ipc);
    const exposed = Object.entries(bridge)
      .filter(([namespace]) => namespace !== 'menu')
      .flatMap(([namespace, members]) => Object.keys(members).map((verb) => `${namespace}:${verb}`));
    expect(exposed.sort()).toEqual(Object.keys(ipcContract).sort());
  });

  it('calls a channel that takes no arguments with undefined, whatever the page passes', async () => {
    const { ipc } = fakeIpc();
    const bridge = createBridge(ipc);
    // Called the way untyped page code could call it.
    const stop = bridge.signalling.stop as (...args: unknown[]) => Promise<unknown>;
    await stop({ force: true });
    expect(ipc.invoke).toHaveBeenLastCalledWith('signalling:stop', undefined);
  });

  it('rejects with the main process message when a call fails', async () => {
    const { ipc } = fakeIpc({
      ok: false,
      error: {
        code: 'invalid-arguments',
        message: 'dialog:saveFile: suggestedName: must be a file name without a folder',
      },
    });
    const bridge = createBridge(ipc);
    await expect(
      bridge.dialog.saveFile({ title: 'x', suggestedName: '../x', filters: [], data: new Uint8Array() }),
    ).rejects.toThrow('dialog:saveFile: suggestedName: must be a file name without a folder');
  });

  it('forwards known menu commands without the IPC event, ignores anything else, and unsubscribes', () => {
    const { ipc, emit, listeners } = fakeIpc();
    const bridge = createBridge(ipc);
    const received = vi.fn<(command: MenuCommand) => void>();
    const unsubscribe = bridge.menu.onCommand(received);

    emit(MENU_COMMAND_EVENT, 'navigate:decisions');
    emit(MENU_COMMAND_EVENT, 'navigate:elsewhere');
    emit(MENU_COMMAND_EVENT, { command: 'navigate:help' });
    emit(MENU_COMMAND_EVENT);
    emit('some:other-event', 'navigate:help');
    expect(received.mock.calls).toEqual([['navigate:decisions']]);

    unsubscribe();
    expect(listeners.get(MENU_COMMAND_EVENT)).toEqual([]);
    emit(MENU_COMMAND_EVENT, 'navigate:help');
    expect(received).toHaveBeenCalledOnce();
    expect(() => unsubscribe()).not.toThrow();
  });

  it('keeps separate subscriptions separate', () => {
    const { ipc, emit } = fakeIpc();
    const bridge = createBridge(ipc);
    const first = vi.fn<(command: MenuCommand) => void>();
    const second = vi.fn<(command: MenuCommand) => void>();
    const stopFirst = bridge.menu.onCommand(first);
    bridge.menu.onCommand(second);
    stopFirst();
    emit(MENU_COMMAND_EVENT, 'navigate:metrics');
    expect(first).not.toHaveBeenCalled();
    expect(second).toHaveBeenCalledExactlyOnceWith('navigate:metrics');
  });

  it('refuses a listener that is not a function', () => {
    const bridge = createBridge(fakeIpc().ipc);
    const notAFunction: unknown = 'navigate:help';
    // Called the way untyped page code could call it.
    const onCommand: (listener: unknown) => unknown = bridge.menu.onCommand as (listener: unknown) => unknown;
    expect(() => onCommand(notAFunction)).toThrow(TypeError);
  });
});
