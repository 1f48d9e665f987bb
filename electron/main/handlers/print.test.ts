import { describe, expect, it, vi } from 'vitest';
import type { PrintToPDFOptions, SaveDialogOptions, SaveDialogReturnValue } from 'electron';
import { ipcContract } from '@shared/ipc/contract';
import type { IpcResponse } from '@shared/ipc/contract';
import { createIpcDispatcher } from '../ipc-dispatcher';
import type { IpcSender } from '../ipc-handlers';
import { isTrustedSender } from '../security-policy';
import { createPrintHandlers, PDF_OPTIONS } from './print';
import type { PrintHandlerDeps } from './print';

const appFrame: IpcSender = { url: 'app://latitude/index.html', isMainFrame: true, webContentsId: 7 };
const pdfBytes = new Uint8Array([0x25, 0x50, 0x44, 0x46]);
/** Stands in for the BrowserWindow that holds web contents 7. */
const appWindow = { id: 'the window of web contents 7' } as unknown as ReturnType<PrintHandlerDeps['getWindow']>;

function setup(options: { save?: SaveDialogReturnValue; writeError?: string; printError?: Error } = {}) {
  const files = new Map<string, Uint8Array>();
  const fs = {
    writeFile: vi.fn(async (path: string, data: Uint8Array) => {
      if (options.writeError !== undefined) {
        throw Object.assign(new Error(`${options.writeError}: failed, write '${path}'`), { code: options.writeError });
      }
      files.set(path, new Uint8Array(data));
    }),
    rename: vi.fn(async (from: string, to: string) => {
      const data = files.get(from);
      if (data === undefined) throw Object.assign(new Error(`ENOENT: '${from}'`), { code: 'ENOENT' });
      files.set(to, data);
      files.delete(from);
    }),
    unlink: vi.fn(async (path: string) => {
      files.delete(path);
    }),
  } satisfies PrintHandlerDeps['fs'];
  const printToPdf = vi.fn(async (_id: number, _options: PrintToPDFOptions): Promise<Uint8Array> => {
    if (options.printError !== undefined) throw options.printError;
    return pdfBytes;
  });
  const showSaveDialog = vi.fn(
    async (_window: unknown, _options: SaveDialogOptions) => options.save ?? { canceled: true, filePath: '' },
  );
  const getWindow = vi.fn((id: number) => (id === 7 ? appWindow : undefined));
  const handlers = createPrintHandlers({
    printToPdf,
    showSaveDialog,
    getWindow,
    getDefaultDirectory: () => '/home/someone/Documents',
    fs,
  });
  const dispatcher = createIpcDispatcher({
    contract: { 'print:savePdf': ipcContract['print:savePdf'] },
    handlers,
    isTrustedSender: (sender) => isTrustedSender(sender),
  });
  return { dispatcher, handlers, files, fs, printToPdf, showSaveDialog };
}

const args = { title: 'Save the dashboard as PDF', suggestedName: 'Metrics January 2026.pdf' };

function errorOf(response: IpcResponse<unknown>): { code: string; message: string } {
  if (response.ok) throw new Error(`expected a failure, got ${JSON.stringify(response.value)}`);
  return response.error;
}

describe('print:savePdf', () => {
  it("prints the caller's own page on A4 with backgrounds and the print style sheet", async () => {
    const { dispatcher, printToPdf } = setup();
    await dispatcher.dispatch('print:savePdf', appFrame, args);
    expect(printToPdf).toHaveBeenCalledExactlyOnceWith(7, PDF_OPTIONS);
    expect(PDF_OPTIONS).toMatchObject({ pageSize: 'A4', printBackground: true, preferCSSPageSize: true });
    // 15 mm on every side.
    for (const margin of Object.values(PDF_OPTIONS.margins)) expect(margin * 25.4).toBeCloseTo(15);
  });

  it('writes nothing when the person cancels', async () => {
    const { dispatcher, fs, files } = setup();
    expect(await dispatcher.dispatch('print:savePdf', appFrame, args)).toEqual({
      ok: true,
      value: { status: 'cancelled' },
    });
    expect(fs.writeFile).not.toHaveBeenCalled();
    expect(files.size).toBe(0);
  });

  it('treats an empty path as cancelled', async () => {
    const { dispatcher, fs } = setup({ save: { canceled: false, filePath: '' } });
    expect(await dispatcher.dispatch('print:savePdf', appFrame, args)).toEqual({
      ok: true,
      value: { status: 'cancelled' },
    });
    expect(fs.writeFile).not.toHaveBeenCalled();
  });

  it("offers the name in Documents, PDF files only, modal to the caller's window", async () => {
    const { dispatcher, showSaveDialog } = setup();
    await dispatcher.dispatch('print:savePdf', appFrame, args);
    expect(showSaveDialog).toHaveBeenCalledExactlyOnceWith(appWindow, {
      title: 'Save the dashboard as PDF',
      defaultPath: '/home/someone/Documents/Metrics January 2026.pdf',
      filters: [{ name: 'PDF document', extensions: ['pdf'] }],
      properties: ['createDirectory', 'showOverwriteConfirmation'],
    });
  });

  it('writes the PDF to the chosen path and answers with the base name only', async () => {
    const { dispatcher, files } = setup({ save: { canceled: false, filePath: '/home/someone/Reports/jan.pdf' } });
    const response = await dispatcher.dispatch('print:savePdf', appFrame, args);
    expect(response).toEqual({ ok: true, value: { status: 'saved', fileName: 'jan.pdf' } });
    expect(JSON.stringify(response)).not.toContain('/home');
    expect(files.get('/home/someone/Reports/jan.pdf')).toEqual(pdfBytes);
    expect([...files.keys()]).toEqual(['/home/someone/Reports/jan.pdf']);
  });

  it('says why the file could not be written, names no folder and leaves no partial file', async () => {
    const { dispatcher, files } = setup({
      save: { canceled: false, filePath: '/home/someone/Reports/jan.pdf' },
      writeError: 'ENOSPC',
    });
    expect(errorOf(await dispatcher.dispatch('print:savePdf', appFrame, args))).toEqual({
      code: 'handler-failed',
      message: 'There is not enough disk space to save jan.pdf',
    });
    expect(files.size).toBe(0);
  });

  it('says when the page could not be printed, before asking where to save', async () => {
    const { dispatcher, showSaveDialog } = setup({ printError: new Error('Failed to generate PDF') });
    expect(errorOf(await dispatcher.dispatch('print:savePdf', appFrame, args))).toEqual({
      code: 'handler-failed',
      message: 'The PDF could not be made: Failed to generate PDF.',
    });
    expect(showSaveDialog).not.toHaveBeenCalled();
  });

  it('refuses to print when it cannot tell which page called', async () => {
    const { dispatcher, printToPdf } = setup();
    const response = await dispatcher.dispatch('print:savePdf', { url: appFrame.url, isMainFrame: true }, args);
    expect(errorOf(response).message).toBe('Latitude could not tell which window to save as a PDF.');
    expect(printToPdf).not.toHaveBeenCalled();
  });

  it.each<[string, IpcSender]>([
    ['another origin', { url: 'https://evil.example/', isMainFrame: true, webContentsId: 7 }],
    ['a subframe of the app', { url: 'app://latitude/index.html', isMainFrame: false, webContentsId: 7 }],
    ['a frame that is gone', { url: undefined, isMainFrame: true, webContentsId: 7 }],
  ])('refuses %s and prints nothing', async (_name, sender) => {
    const { dispatcher, printToPdf, showSaveDialog } = setup();
    expect(errorOf(await dispatcher.dispatch('print:savePdf', sender, args)).code).toBe('forbidden-sender');
    expect(printToPdf).not.toHaveBeenCalled();
    expect(showSaveDialog).not.toHaveBeenCalled();
  });

  it.each([
    ['a name with a folder', { ...args, suggestedName: '../../.bashrc.pdf' }, 'suggestedName: must be a file name'],
    ['an empty name', { ...args, suggestedName: '' }, 'suggestedName: Too small'],
    ['a name too long', { ...args, suggestedName: `${'a'.repeat(200)}.pdf` }, 'suggestedName: Too big'],
    ['no title', { suggestedName: 'a.pdf' }, 'title: is required'],
    ['a title too long', { ...args, title: 'x'.repeat(121) }, 'title: Too big'],
    ['another field', { ...args, path: '/tmp/a.pdf' }, 'path: is not an accepted field'],
    ['no arguments', undefined, 'arguments:'],
  ])('refuses %s before printing', async (_name, raw, message) => {
    const { dispatcher, printToPdf } = setup();
    const error = errorOf(await dispatcher.dispatch('print:savePdf', appFrame, raw));
    expect(error.code).toBe('invalid-arguments');
    expect(error.message).toContain(message);
    expect(printToPdf).not.toHaveBeenCalled();
  });

  it('gives a name without the extension ".pdf"', async () => {
    const { dispatcher, showSaveDialog } = setup();
    await dispatcher.dispatch('print:savePdf', appFrame, { ...args, suggestedName: 'Monthly review' });
    await dispatcher.dispatch('print:savePdf', appFrame, { ...args, suggestedName: 'Shouting.PDF' });
    expect(showSaveDialog.mock.calls.map(([, options]) => options.defaultPath)).toEqual([
      '/home/someone/Documents/Monthly review.pdf',
      '/home/someone/Documents/Shouting.PDF',
    ]);
  });
});
