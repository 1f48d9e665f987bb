/**
 * The one guarded entry point for every IPC call from the renderer.
 *
 * Each call passes the same gates in the same order: the channel must be in the contract,
 * the sender must be the app's own main frame, and the argument must parse with the
 * channel's schema. Only then does the handler run, with the parsed value and the sender
 * it was checked as (for a handler that acts on the caller's own page). Whatever
 * happens, the caller gets an {@link IpcResponse} envelope rather than a rejected promise,
 * so the renderer sees our message instead of Electron's "Error invoking remote method".
 */
import type { z } from 'zod';
import type { IpcErrorCode, IpcResponse } from '@shared/ipc/contract';
import type { IpcSender } from './ipc-handlers';

/** What the dispatcher needs to know about a channel: the schema of its argument. */
export interface DispatcherChannel {
  args: z.ZodType;
}

/** A contract as the dispatcher sees it; `typeof ipcContract` fits. */
export type DispatcherContract = Readonly<Record<string, DispatcherChannel>>;

/** One handler per channel of `Contract`, each taking its schema's parsed output and the checked sender. */
export type DispatcherHandlers<Contract extends DispatcherContract> = {
  [C in keyof Contract]: (args: z.output<Contract[C]['args']>, sender: IpcSender) => Promise<unknown>;
};

/** Everything {@link createIpcDispatcher} needs. */
export interface IpcDispatcherOptions<Contract extends DispatcherContract> {
  contract: Contract;
  handlers: DispatcherHandlers<Contract>;
  /** Decides whether a frame may call at all (see `isTrustedSender` in security-policy). */
  isTrustedSender: (sender: IpcSender) => boolean;
  /**
   * Told about every handler failure with the full error, for the main-process log; the
   * renderer only ever gets the message.
   */
  onHandlerError?: (channel: string, error: unknown) => void;
}

/** Routes a raw IPC call to its handler once it has passed every check. */
export interface IpcDispatcher {
  dispatch(channel: string, sender: IpcSender, rawArgs: unknown): Promise<IpcResponse<unknown>>;
}

/** Most argument problems named in one message; the rest are counted, to bound its size. */
const MAX_REPORTED_ISSUES = 5;

/** Creates the dispatcher for `contract`; see the module comment for the order of checks. */
export function createIpcDispatcher<Contract extends DispatcherContract>(
  options: IpcDispatcherOptions<Contract>,
): IpcDispatcher {
  const { contract, handlers, isTrustedSender, onHandlerError } = options;

  return {
    async dispatch(channel, sender, rawArgs) {
      // Object.hasOwn, not `in`: a channel named "toString" or "__proto__" must not reach
      // the prototype.
      if (!Object.hasOwn(contract, channel) || !Object.hasOwn(handlers, channel)) {
        return failure('unknown-channel', `${channel}: no such channel`);
      }
      if (!isTrustedSender(sender)) {
        return failure('forbidden-sender', `${channel}: calls are only accepted from Latitude's own window`);
      }
      const spec = contract[channel];
      // The one cast: TypeScript cannot tie a runtime channel string to its handler's
      // parameter type, but the value passed is the output of this same channel's schema.
      const handler = handlers[channel] as ((args: unknown, sender: IpcSender) => Promise<unknown>) | undefined;
      if (spec === undefined || handler === undefined) return failure('unknown-channel', `${channel}: no such channel`);

      let parsed: z.ZodSafeParseResult<unknown>;
      try {
        parsed = spec.args.safeParse(rawArgs, { error: requiredFieldMessage });
      } catch {
        return failure('invalid-arguments', `${channel}: the arguments could not be read`);
      }
      if (!parsed.success) {
        return failure('invalid-arguments', `${channel}: ${describeIssues(parsed.error.issues)}`);
      }

      try {
        return { ok: true, value: await handler(parsed.data, sender) };
      } catch (error) {
        onHandlerError?.(channel, error);
        return failure('handler-failed', messageOf(error));
      }
    },
  };
}

function failure(code: IpcErrorCode, message: string): IpcResponse<never> {
  return { ok: false, error: { code, message } };
}

/**
 * Says "is required" for a missing field instead of zod's "expected string, received
 * undefined". Returning undefined keeps zod's own message (and any message the schema set
 * itself, which takes precedence over this map anyway).
 */
function requiredFieldMessage(issue: z.core.$ZodRawIssue): string | undefined {
  return issue.code === 'invalid_type' && issue.input === undefined && issue.path !== undefined && issue.path.length > 0
    ? 'is required'
    : undefined;
}

/** "title: is required; filters.0.name: Too small: ..." — field path first, then the problem. */
export function describeIssues(issues: readonly z.core.$ZodIssue[]): string {
  const parts = issues.flatMap((issue) => {
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => `${fieldName([...issue.path, key])}: is not an accepted field`);
    }
    return [`${fieldName(issue.path)}: ${issue.message.replace(/^Invalid input: /, '')}`];
  });
  const shown = parts.slice(0, MAX_REPORTED_ISSUES);
  const hidden = parts.length - shown.length;
  return hidden > 0 ? `${shown.join('; ')}; and ${hidden} more` : shown.join('; ');
}

function fieldName(path: readonly PropertyKey[]): string {
  return path.length === 0 ? 'arguments' : path.map(String).join('.');
}

/** The error's own message only: never a stack, a cause or other properties. */
function messageOf(error: unknown): string {
  return error instanceof Error && error.message !== '' ? error.message : 'The request failed.';
}
