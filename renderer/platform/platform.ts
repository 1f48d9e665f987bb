/**
 * Everything the renderer needs from the machine it runs on, behind one interface with
 * two implementations: Electron (through the preload bridge) and a plain browser
 * (downloads and a file input). Screens use `usePlatform()` and never ask which one; what
 * only one of them can do (hosting signalling, saving the page as a PDF) is a member that
 * is null on the other, and a screen offers it only when it is there.
 */
import type { IpcArgs, IpcResult, MenuCommand } from '@shared/ipc/contract';

/** A group of file types offered in a file dialog. */
export interface FileTypeFilter {
  /** What a person sees, e.g. "Latitude backup". */
  name: string;
  /** Extensions without the dot, e.g. `['latitude']`. */
  extensions: string[];
}

/** Facts about the running app shown in Settings. */
export interface PlatformInfo {
  kind: 'electron' | 'browser';
  version: string;
  /** Operating system (Electron) or browser description. */
  system: string;
  /** Where this installation keeps its data, in words a person understands. */
  dataLocation: string;
}

/** The outcome of saving a file. */
export type SaveFileResult = { status: 'saved'; fileName: string } | { status: 'cancelled' };

/** The outcome of choosing a file to open. */
export type OpenFileResult =
  { status: 'opened'; fileName: string; data: Uint8Array<ArrayBuffer> } | { status: 'cancelled' };

/**
 * Where to host signalling: `host` an IP address or 'localhost', `port` 0 (any free port)
 * or 1024–65535. Left out: every interface, port 4444.
 */
export type SignallingStartOptions = IpcArgs<'signalling:start'>;

/** The signalling server's state: whether it runs, its port, and where others can join. */
export type SignallingStatus = IpcResult<'signalling:status'>;

/** One address to join at, e.g. `ws://192.168.1.20:4444`, with its interface and reach. */
export type SignallingAddress = SignallingStatus['addresses'][number];

/**
 * Hosting the LAN signalling server that peers use to find each other. Each call answers
 * the server's state; a failure (already running, port in use, …) rejects with a message
 * meant for people.
 */
export interface SignallingHost {
  /** Starts the server; `{}` or nothing: every interface, port 4444. */
  start(options?: SignallingStartOptions): Promise<SignallingStatus>;
  /** Stops it if it runs, closing every connection. */
  stop(): Promise<SignallingStatus>;
  /** Its state now, with live connection and topic counts. */
  status(): Promise<SignallingStatus>;
}

/**
 * Saving the page shown as a PDF, as the print style sheet lays it out: `title` heads the
 * save dialog, `suggestedName` is the file name it offers (".pdf" is added when missing).
 */
export type SavePdf = (request: { title: string; suggestedName: string }) => Promise<SaveFileResult>;

/** The services the renderer needs from its host. */
export interface Platform {
  readonly kind: 'electron' | 'browser';
  /** Facts about the app and where it keeps data. */
  getInfo(): Promise<PlatformInfo>;
  /** Lets the person save `data` as a file (a save dialog, or a browser download). */
  saveFile(request: {
    title: string;
    suggestedName: string;
    filters: FileTypeFilter[];
    data: Uint8Array<ArrayBuffer>;
  }): Promise<SaveFileResult>;
  /** Lets the person choose a file to read (an open dialog, or a browser file picker). */
  openFile(request: { title: string; filters: FileTypeFilter[] }): Promise<OpenFileResult>;
  /** Opens an http(s) link in the system browser; other URLs are refused. */
  openExternal(url: string): Promise<boolean>;
  /** Listens for application-menu commands; returns a function that stops listening. */
  onMenuCommand(listener: (command: MenuCommand) => void): () => void;
  /**
   * Hosting signalling for the LAN, or null where it is impossible: a browser page cannot
   * listen for connections, so hosting needs the desktop app (joining does not).
   */
  readonly signalling: SignallingHost | null;
  /**
   * Saves the page shown as a PDF file in one step (a save dialog), or null where only the
   * print dialog can (a browser, whose print dialog offers "Save as PDF" as a printer).
   */
  readonly savePdf: SavePdf | null;
}
