/**
 * Types for the main-process side of the IPC contract, derived from
 * `shared/ipc/contract.ts` so a handler cannot drift from its channel's schema, and the
 * sender every handler is given once the dispatcher has checked it.
 */
import type { z } from 'zod';
import type { IpcChannel, IpcResult, ipcContract } from '@shared/ipc/contract';

/**
 * What a handler receives on `channel`: the argument after its schema parsed it (the
 * schema's output type), never the raw value the renderer sent.
 */
export type IpcParsedArgs<C extends IpcChannel> = z.output<(typeof ipcContract)[C]['args']>;

/**
 * The handler for one channel. The dispatcher also passes the sender it trusted, for the
 * few calls that act on the caller's own page (`print:savePdf`); most ignore it, and tests
 * call those with the argument alone.
 */
export type IpcHandler<C extends IpcChannel> = (args: IpcParsedArgs<C>, sender?: IpcSender) => Promise<IpcResult<C>>;

/** One handler per channel of the contract: the map main registers with `ipcMain.handle`. */
export type IpcHandlers = { [C in IpcChannel]: IpcHandler<C> };

/** The handlers of one namespace, e.g. `NamespaceHandlers<'dialog'>` for `dialog:*`. */
export type NamespaceHandlers<N extends string> = Pick<IpcHandlers, Extract<IpcChannel, `${N}:${string}`>>;

/** The frame an IPC call came from, as far as the dispatcher needs to know it. */
export interface IpcSender {
  /** The sending frame's URL; undefined when the frame is gone. */
  url: string | undefined;
  isMainFrame: boolean;
  /**
   * Electron's id of the sending web contents, so a handler can act on the caller's own page
   * (print it) and parent its dialogs to the caller's window; absent when it is unknown.
   */
  webContentsId?: number;
}
