/**
 * Types for the main-process side of the IPC contract, derived from
 * `shared/ipc/contract.ts` so a handler cannot drift from its channel's schema.
 */
import type { z } from 'zod';
import type { IpcChannel, IpcResult, ipcContract } from '@shared/ipc/contract';

/**
 * What a handler receives on `channel`: the argument after its schema parsed it (the
 * schema's output type), never the raw value the renderer sent.
 */
export type IpcParsedArgs<C extends IpcChannel> = z.output<(typeof ipcContract)[C]['args']>;

/** The handler for one channel. */
export type IpcHandler<C extends IpcChannel> = (args: IpcParsedArgs<C>) => Promise<IpcResult<C>>;

/** One handler per channel of the contract: the map main registers with `ipcMain.handle`. */
export type IpcHandlers = { [C in IpcChannel]: IpcHandler<C> };

/** The handlers of one namespace, e.g. `NamespaceHandlers<'dialog'>` for `dialog:*`. */
export type NamespaceHandlers<N extends string> = Pick<IpcHandlers, Extract<IpcChannel, `${N}:${string}`>>;

/** The frame an IPC call came from, as far as the dispatcher needs to know it. */
export interface IpcSender {
  /** The sending frame's URL; undefined when the frame is gone. */
  url: string | undefined;
  isMainFrame: boolean;
}
