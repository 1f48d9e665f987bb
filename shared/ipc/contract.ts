/**
 * The typed IPC contract between the renderer and the Electron main process.
 *
 * This object is the single source of truth: main registers one handler per channel,
 * the dispatcher validates every call's argument against `args` before a handler runs,
 * and the preload bridge and the renderer's types are derived from it with `typeof`.
 * Channels are named `namespace:verb`. Every call takes exactly one argument (an object,
 * or `undefined` for calls that need none) so validation has a single shape to check.
 */
import { z } from 'zod';
import type { MenuCommand } from './menu-commands';

/** Largest file the app will read or write through a dialog (a backup of a big workspace fits easily). */
export const MAX_FILE_BYTES = 256 * 1024 * 1024;

/** Megabytes, rounded up to one decimal so a file just over the limit never reads as equal to it. */
function formatMegabytes(bytes: number): string {
  const tenths = Math.ceil((bytes / (1024 * 1024)) * 10);
  return `${tenths % 10 === 0 ? String(tenths / 10) : (tenths / 10).toFixed(1)} MB`;
}

/** The message for a file over {@link MAX_FILE_BYTES}: "backup.json is 300 MB; the largest file Latitude opens is 256 MB". */
export function fileTooLargeMessage(fileName: string, size: number): string {
  return `${fileName} is ${formatMegabytes(size)}; the largest file Latitude opens is ${formatMegabytes(MAX_FILE_BYTES)}`;
}

const fileFilter = z
  .object({
    name: z.string().min(1).max(80),
    extensions: z
      .array(z.string().regex(/^(\*|[a-z0-9]{1,16})$/i, 'an extension is letters and digits only, without a dot'))
      .min(1)
      .max(10),
  })
  .strict();

/**
 * A file name offered in a save dialog: a bare name, never a path, so the renderer cannot
 * choose where a file lands; the person does, in the dialog.
 */
const bareFileName = z
  .string()
  .min(1)
  .max(200)
  .refine((name) => !/[/\\\0]/.test(name) && name !== '.' && name !== '..', 'must be a file name without a folder');

/**
 * The name offered for a PDF: a bare file name like {@link bareFileName}, given the `.pdf`
 * extension when it lacks one, so the saved file opens as a PDF whatever the renderer sent.
 */
const pdfFileName = bareFileName.transform((name) => (/\.pdf$/i.test(name) ? name : `${name}.pdf`));

const bytes = z
  .instanceof(Uint8Array, { message: 'must be bytes (a Uint8Array)' })
  .refine((data) => data.byteLength <= MAX_FILE_BYTES, `must be at most ${MAX_FILE_BYTES} bytes`);

/** Said for any port the signalling server may not use; the same words as the main process's own check. */
const SIGNALLING_PORT_MESSAGE = 'must be an integer, 0 (any free port) or 1024–65535';
/** Said for any host the signalling server may not listen on. */
const SIGNALLING_HOST_MESSAGE = "must be an IP address such as '0.0.0.0', '::' or '127.0.0.1', or 'localhost'";

const ipv4Literal = z.ipv4();
const ipv6Literal = z.ipv6();

/**
 * Where the LAN signalling server listens: the same rules as the main process's
 * `parseStartOptions` (electron/main/signalling), which checks again. Port 0 lets the
 * system pick a free one; below 1024 needs privileges on most systems. The host is an IP
 * literal or 'localhost', never a name to resolve. One deliberate difference: IPv6 zone
 * ids ('fe80::1%eth0') are refused here, because a server bound to a link-local address
 * could not be joined from a browser anyway (see lan-addresses.ts).
 */
const signallingStartOptions = z
  .object({
    port: z
      .number({ error: SIGNALLING_PORT_MESSAGE })
      .refine((port) => Number.isInteger(port) && (port === 0 || (port >= 1024 && port <= 65535)), {
        error: SIGNALLING_PORT_MESSAGE,
      })
      .optional(),
    host: z
      .string({ error: SIGNALLING_HOST_MESSAGE })
      .refine(
        (host) => host === 'localhost' || ipv4Literal.safeParse(host).success || ipv6Literal.safeParse(host).success,
        { error: SIGNALLING_HOST_MESSAGE },
      )
      .optional(),
  })
  .strict();

/**
 * The signalling server's state, as every `signalling:*` call answers it (the main
 * process's `SignallingStatus`).
 */
const signallingStatus = z.object({
  running: z.boolean(),
  /** null while stopped. */
  port: z.number().int().nullable(),
  /** Where others can join, most useful first; empty while stopped. */
  addresses: z.array(
    z.object({
      /** e.g. `ws://192.168.1.20:4444`, `ws://[fd00::20]:4444`. */
      url: z.string(),
      address: z.string(),
      family: z.enum(['IPv4', 'IPv6']),
      /** '' when the address is on no listed interface. */
      interfaceName: z.string(),
      /** `network`: other machines; `link-local`: a direct cable; `loopback`: this machine only. */
      scope: z.enum(['network', 'link-local', 'loopback']),
    }),
  ),
  connections: z.number().int(),
  topics: z.number().int(),
});

export const ipcContract = {
  'app:getInfo': {
    args: z.undefined(),
    result: z.object({
      name: z.string(),
      version: z.string(),
      platform: z.string(),
      electron: z.string(),
      userDataPath: z.string(),
    }),
  },
  'dialog:saveFile': {
    args: z
      .object({
        title: z.string().min(1).max(120),
        suggestedName: bareFileName,
        filters: z.array(fileFilter).max(10),
        data: bytes,
      })
      .strict(),
    result: z.discriminatedUnion('status', [
      z.object({ status: z.literal('saved'), fileName: z.string() }),
      z.object({ status: z.literal('cancelled') }),
    ]),
  },
  'dialog:openFile': {
    args: z
      .object({
        title: z.string().min(1).max(120),
        filters: z.array(fileFilter).max(10),
      })
      .strict(),
    result: z.discriminatedUnion('status', [
      z.object({ status: z.literal('opened'), fileName: z.string(), data: z.instanceof(Uint8Array) }),
      z.object({ status: z.literal('cancelled') }),
    ]),
  },
  /**
   * Saves the calling window's page as a PDF (Electron's `printToPDF`, with the app's print
   * style sheet) where the person chooses in a save dialog. Answers like `dialog:saveFile`:
   * the base name only, never the folder.
   */
  'print:savePdf': {
    args: z
      .object({
        title: z.string().min(1).max(120),
        suggestedName: pdfFileName,
      })
      .strict(),
    result: z.discriminatedUnion('status', [
      z.object({ status: z.literal('saved'), fileName: z.string() }),
      z.object({ status: z.literal('cancelled') }),
    ]),
  },
  'shell:openExternal': {
    args: z.object({ url: z.string().max(2048) }).strict(),
    result: z.object({ opened: z.boolean() }),
  },
  /**
   * Hosts the LAN signalling server (y-webrtc protocol) in the main process. `{}` listens
   * on every interface (IPv6 and IPv4 where the system has IPv6, IPv4 otherwise) on port
   * 4444, y-webrtc's own default. Fails if it already runs or cannot listen.
   */
  'signalling:start': {
    args: signallingStartOptions,
    result: signallingStatus,
  },
  /** Stops the server if it runs, closing every connection; resolves once its port is free. */
  'signalling:stop': {
    args: z.undefined(),
    result: signallingStatus,
  },
  'signalling:status': {
    args: z.undefined(),
    result: signallingStatus,
  },
} as const;

/** Every channel of the contract. */
export type IpcChannel = keyof typeof ipcContract;
/** What a caller passes on `channel`. */
export type IpcArgs<C extends IpcChannel> = z.input<(typeof ipcContract)[C]['args']>;
/** What a call on `channel` resolves to. */
export type IpcResult<C extends IpcChannel> = z.output<(typeof ipcContract)[C]['result']>;

/**
 * The envelope every call returns across the process boundary. Errors travel as data so
 * the renderer gets the handler's own message rather than Electron's wrapped one.
 */
export type IpcResponse<T> = { ok: true; value: T } | { ok: false; error: { code: IpcErrorCode; message: string } };

/** Why a call was refused or failed. */
export type IpcErrorCode = 'unknown-channel' | 'forbidden-sender' | 'invalid-arguments' | 'handler-failed';

export { MENU_COMMAND_EVENT, menuCommands, type MenuCommand } from './menu-commands';

type Namespace<C extends string> = C extends `${infer N}:${string}` ? N : never;
type Verb<C extends string, N extends string> = C extends `${N}:${infer V}` ? V : never;
/** One bridge function: a channel whose argument is `undefined` takes no parameter. */
type BridgeCall<C extends IpcChannel> =
  IpcArgs<C> extends undefined ? () => Promise<IpcResult<C>> : (args: IpcArgs<C>) => Promise<IpcResult<C>>;

/**
 * The object the preload script exposes as `window.latitude`: one named function per
 * channel, grouped by namespace, derived from the contract so the two cannot drift.
 */
export type LatitudeBridge = {
  [N in Namespace<IpcChannel>]: {
    // Extract, not a `${N}:${V}` extends IpcChannel test: a template literal type is not
    // narrowed by a conditional, so IpcArgs<`${N}:${V}`> would not typecheck.
    [V in Verb<IpcChannel, N>]: BridgeCall<Extract<IpcChannel, `${N}:${V}`>>;
  };
} & {
  menu: {
    /** Calls `listener` for every menu command; returns a function that stops listening. */
    onCommand: (listener: (command: MenuCommand) => void) => () => void;
  };
};
