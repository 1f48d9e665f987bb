/**
 * `signalling:*` handlers: hosting the LAN signalling server (electron/main/signalling)
 * that peers on the same network use to find each other.
 *
 * The controller does the work and checks the start options again itself; its Errors
 * ("already running", "the port is already in use", …) are meant for people and reach
 * the renderer as they are, through the dispatcher.
 */
import type { NamespaceHandlers } from '../ipc-handlers';
import type { SignallingController } from '../signalling';

/** What the `signalling:*` handlers need. */
export interface SignallingHandlerDeps {
  /** The one controller of the app, also stopped by the main process when it quits. */
  controller: Pick<SignallingController, 'start' | 'stop' | 'status'>;
}

/** Creates the `signalling:*` handlers. */
export function createSignallingHandlers(deps: SignallingHandlerDeps): NamespaceHandlers<'signalling'> {
  const { controller } = deps;
  return {
    'signalling:start': (options) => controller.start(options),
    'signalling:stop': () => controller.stop(),
    // Not `async`: reading the status does not wait, the handler type only asks for a promise.
    'signalling:status': () => Promise.resolve(controller.status()),
  };
}
