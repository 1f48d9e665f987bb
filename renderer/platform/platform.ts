/**
 * Everything the renderer needs from the machine it runs on, behind one interface with
 * two implementations: Electron (through the preload bridge) and a plain browser
 * (downloads and a file input). Screens use `usePlatform()` and never ask which one.
 */
import type { MenuCommand } from '@shared/ipc/contract';

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
}
