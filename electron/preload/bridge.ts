/**
 * The `window.latitude` object, built from an `ipcRenderer`-like object so it is tested
 * without Electron. The preload entry only hands it to `contextBridge`.
 *
 * The page gets one named function per contract channel and a menu subscription, never
 * `ipcRenderer` itself: a compromised page can then only make the calls the contract
 * allows, each of which main checks again.
 *
 * Only `menuCommands` and `MENU_COMMAND_EVENT` are taken from the contract at run time; the
 * schemas are main's business (validation happens there), and a sandboxed preload should
 * stay small.
 */
import { MENU_COMMAND_EVENT, menuCommands } from '@shared/ipc/menu-commands';
import type { IpcArgs, IpcChannel, IpcResult, LatitudeBridge, MenuCommand } from '@shared/ipc/contract';

/** A listener on an IPC event channel; the event itself is never passed on to the page. */
export type BridgeIpcListener = (event: unknown, ...args: unknown[]) => void;

/** The members of Electron's `ipcRenderer` the bridge uses. */
export interface BridgeIpc {
  invoke(channel: string, args: unknown): Promise<unknown>;
  on(channel: string, listener: BridgeIpcListener): unknown;
  removeListener(channel: string, listener: BridgeIpcListener): unknown;
}

const knownMenuCommands: ReadonlySet<string> = new Set(menuCommands);

/** True for the exact strings listed in `menuCommands`. */
export function isMenuCommand(value: unknown): value is MenuCommand {
  return typeof value === 'string' && knownMenuCommands.has(value);
}

/**
 * The value of a successful `IpcResponse`; for a failure, throws an `Error` with main's
 * message (the only part of an error contextBridge passes to the page). Anything that is
 * not an envelope is a bug in main and is reported as such rather than passed on.
 */
export function unwrapResponse(response: unknown): unknown {
  if (typeof response === 'object' && response !== null && 'ok' in response) {
    if (response.ok === true && 'value' in response) return response.value;
    if (response.ok === false && 'error' in response) {
      const { error } = response;
      if (typeof error === 'object' && error !== null && 'message' in error && typeof error.message === 'string') {
        throw new Error(error.message);
      }
    }
  }
  throw new Error('Latitude received an unreadable reply from its main process.');
}

/** Builds the object exposed as `window.latitude`. */
export function createBridge(ipc: BridgeIpc): LatitudeBridge {
  async function invoke<C extends IpcChannel>(channel: C, args: IpcArgs<C>): Promise<IpcResult<C>> {
    // Main's handlers are typed to return IpcResult<C> for this channel; the envelope was
    // checked above, the value is trusted as main's own output.
    return unwrapResponse(await ipc.invoke(channel, args)) as IpcResult<C>;
  }

  // Each function forwards exactly one argument, whatever the page passes.
  return {
    app: {
      getInfo: () => invoke('app:getInfo', undefined),
    },
    dialog: {
      saveFile: (args) => invoke('dialog:saveFile', args),
      openFile: (args) => invoke('dialog:openFile', args),
    },
    print: {
      savePdf: (args) => invoke('print:savePdf', args),
    },
    shell: {
      openExternal: (args) => invoke('shell:openExternal', args),
    },
    signalling: {
      start: (args) => invoke('signalling:start', args),
      stop: () => invoke('signalling:stop', undefined),
      status: () => invoke('signalling:status', undefined),
    },
    menu: {
      onCommand: (listener) => {
        if (typeof listener !== 'function') throw new TypeError('menu.onCommand needs a function');
        const forward: BridgeIpcListener = (_event, command) => {
          if (isMenuCommand(command)) listener(command);
        };
        ipc.on(MENU_COMMAND_EVENT, forward);
        return () => {
          ipc.removeListener(MENU_COMMAND_EVENT, forward);
        };
      },
    },
  } satisfies LatitudeBridge;
}
