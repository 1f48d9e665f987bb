/**
 * All IPC handlers, one factory per namespace, collected into the single map the
 * dispatcher routes to. `satisfies IpcHandlers` makes a missing or misspelt channel a
 * type error here rather than an "unknown channel" at run time.
 */
import type { IpcHandlers } from '../ipc-handlers';
import { createAppHandlers } from './app';
import type { AppHandlerDeps } from './app';
import { createDialogHandlers } from './dialog';
import type { DialogHandlerDeps } from './dialog';
import { createPrintHandlers } from './print';
import type { PrintHandlerDeps } from './print';
import { createShellHandlers } from './shell';
import type { ShellHandlerDeps } from './shell';
import { createSignallingHandlers } from './signalling';
import type { SignallingHandlerDeps } from './signalling';

export type { AppHandlerDeps, DialogHandlerDeps, PrintHandlerDeps, ShellHandlerDeps, SignallingHandlerDeps };

/** The Electron and Node dependencies of every namespace. */
export interface IpcHandlerDeps {
  app: AppHandlerDeps;
  dialog: DialogHandlerDeps;
  print: PrintHandlerDeps;
  shell: ShellHandlerDeps;
  signalling: SignallingHandlerDeps;
}

/** Creates the handler for every channel of the contract. */
export function createIpcHandlers(deps: IpcHandlerDeps): IpcHandlers {
  return {
    ...createAppHandlers(deps.app),
    ...createDialogHandlers(deps.dialog),
    ...createPrintHandlers(deps.print),
    ...createShellHandlers(deps.shell),
    ...createSignallingHandlers(deps.signalling),
  } satisfies IpcHandlers;
}
