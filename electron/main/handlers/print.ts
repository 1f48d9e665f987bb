/**
 * `print:*` handlers: the calling window's page saved as a PDF (issue 7 "Electron's
 * print-to-PDF", issue 6 "the dashboard as PDF").
 *
 * `print:savePdf` prints the page of the web contents that made the call, never another
 * window's, with Electron's `printToPDF`. That renders with print media, so the app's
 * `@media print` rules (renderer/app/global.css) decide what is on the paper, exactly as in
 * the print dialog; on top it asks for A4, 15 mm margins and backgrounds (traffic lights
 * and charts keep their colours), and lets an `@page` size rule win over A4 should a screen
 * ever set one. The page is printed first, as it is when the person clicked, and only then
 * does the save dialog ask where. The file is written next to its target and renamed over
 * it, like a backup (dialog.ts), and the answer names the file but never its folder.
 */
import { basename, join } from 'node:path';
import type { BaseWindow, PrintToPDFOptions } from 'electron';
import type { NamespaceHandlers } from '../ipc-handlers';
import { writeFileReplacing } from './dialog';
import type { DialogFileSystem, DialogHandlerDeps } from './dialog';

/** Millimetres in inches, the unit of Electron's PDF margins. */
const MM = 1 / 25.4;

/** How every PDF is printed; see the module comment. */
export const PDF_OPTIONS = {
  pageSize: 'A4',
  landscape: false,
  margins: { top: 15 * MM, bottom: 15 * MM, left: 15 * MM, right: 15 * MM },
  printBackground: true,
  preferCSSPageSize: true,
} as const satisfies PrintToPDFOptions;

/** What the save dialog offers. */
const pdfFilter = { name: 'PDF document', extensions: ['pdf'] };

/** What the `print:*` handlers need from Electron and Node. */
export interface PrintHandlerDeps {
  /**
   * `printToPDF` of the web contents with this id; rejects when it cannot (the window closed
   * meanwhile, Chromium failed).
   */
  printToPdf: (webContentsId: number, options: PrintToPDFOptions) => Promise<Uint8Array>;
  /** `dialog.showSaveDialog`, with or without a parent window. */
  showSaveDialog: DialogHandlerDeps['showSaveDialog'];
  /** The window that holds the web contents with this id, so the dialog is modal to it. */
  getWindow: (webContentsId: number) => BaseWindow | undefined;
  /** Where the save dialog starts, e.g. the Documents folder; the OS decides when absent. */
  getDefaultDirectory?: () => string | undefined;
  fs: Pick<DialogFileSystem, 'writeFile' | 'rename' | 'unlink'>;
}

/** Creates the `print:*` handlers. */
export function createPrintHandlers(deps: PrintHandlerDeps): NamespaceHandlers<'print'> {
  return {
    'print:savePdf': async ({ title, suggestedName }, sender) => {
      const webContentsId = sender?.webContentsId;
      if (webContentsId === undefined) throw new Error('Latitude could not tell which window to save as a PDF.');

      let data: Uint8Array;
      try {
        data = await deps.printToPdf(webContentsId, PDF_OPTIONS);
      } catch (error) {
        // Chromium's reasons ("Failed to generate PDF") name no file, so they may be shown.
        throw new Error(`The PDF could not be made: ${reasonOf(error)}`, { cause: error });
      }

      const directory = deps.getDefaultDirectory?.();
      const result = await deps.showSaveDialog(deps.getWindow(webContentsId), {
        title,
        defaultPath: directory === undefined ? suggestedName : join(directory, suggestedName),
        filters: [pdfFilter],
        properties: ['createDirectory', 'showOverwriteConfirmation'],
      });
      if (result.canceled || result.filePath === undefined || result.filePath === '') return { status: 'cancelled' };
      const fileName = basename(result.filePath);
      await writeFileReplacing(deps.fs, result.filePath, data, fileName);
      return { status: 'saved', fileName };
    },
  };
}

/** The error's message as a sentence's end; a generic one when it has none. */
function reasonOf(error: unknown): string {
  const message = error instanceof Error ? error.message.trim() : '';
  if (message === '') return 'the page could not be printed.';
  return /[.!?]$/.test(message) ? message : `${message}.`;
}
