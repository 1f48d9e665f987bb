/**
 * A workspace's content in Chromium: domains survive a reload; undo and redo work by
 * keyboard; a backup brings everything back after the workspace is deleted for good; a
 * bad backup file is refused with its reason and changes nothing.
 */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import * as Y from 'yjs';
import { createWorkspaceRepository } from '../../renderer/data/repository';
import { initialiseDocument } from '../../renderer/data/workspace-document';
import { backupFileOf } from './backup-file';
import { startBrowser, type BrowserSession } from './browser';
import { AppPage } from './pages/app-page';

const baseUrl = inject('baseUrl');
const corpus = fileURLToPath(new URL('../fixtures/backups/', import.meta.url));
let browser: BrowserSession;

beforeAll(async () => {
  browser = await startBrowser();
});
afterAll(async () => {
  await browser.close();
});

async function createDomain(app: AppPage, name: string, purpose: string): Promise<void> {
  await app.page.getByRole('button', { name: 'New domain' }).first().click();
  const dialog = app.page.getByRole('dialog', { name: 'New domain' });
  await dialog.getByRole('textbox', { name: /Name/ }).fill(name);
  await dialog.getByRole('textbox', { name: 'Purpose' }).fill(purpose);
  await dialog.getByRole('button', { name: 'Create domain' }).click();
  await dialog.waitFor({ state: 'hidden' });
  // Creating opens the new domain's page; the tests continue from the list.
  await app.page.getByRole('heading', { level: 1, name }).waitFor();
  await app.goto('/domains');
}

/** The first snapshots cached in the page's IndexedDB, as their JSON joined. */
function cachedFirstSnapshots(app: AppPage): Promise<string> {
  return app.page.evaluate(
    () =>
      new Promise<string>((resolve, reject) => {
        const request = indexedDB.open('latitude');
        request.onerror = () => reject(new Error('latitude database could not be opened'));
        request.onsuccess = () => {
          const rows = request.result.transaction('firstSnapshots').objectStore('firstSnapshots').getAll();
          rows.onsuccess = () => {
            request.result.close();
            resolve((rows.result as { json: string }[]).map((row) => row.json).join('\n'));
          };
        };
      }),
  );
}

/** A team workspace's backup: a domain, decisions in several states, a pulse answer. */
async function teamBackup(): Promise<Buffer> {
  const doc = new Y.Doc();
  initialiseDocument(doc, 'preview-e2e');
  let next = 0;
  const now = Date.now();
  const repository = createWorkspaceRepository(doc, {
    userId: 'generator',
    now: () => now,
    newId: () => `id-${++next}`,
  });
  const platform = repository.create('domains', {
    name: 'Platform',
    level: 'team',
    parentId: null,
    purpose: 'Keep it running.',
  });
  for (const status of ['draft', 'seeking-advice', 'decided'] as const) {
    repository.create('decisions', { title: `Decision ${status}`, domainId: platform.id, status, proposedAt: now });
  }
  repository.createAnonymous('pulseChecks', {
    periodStart: new Date(now).toISOString().slice(0, 10),
    domainId: null,
    satisfaction: 4,
    stress: 2,
    collaboration: 4,
    trust: 5,
    anonymous: true,
    respondentName: '',
  });
  return backupFileOf(doc, { id: 'preview-e2e', name: 'Preview team' }, now);
}

function domainCells(app: AppPage) {
  return app.page.getByRole('region', { name: 'Domains' }).getByRole('row');
}

describe('workspace data', () => {
  it('keeps domains across a reload, and undoes and redoes by keyboard', async () => {
    const app = new AppPage(await browser.newPage(), baseUrl);
    await app.goto('/domains');
    await app.createWorkspaceByKeyboard('Data team', 'Team');
    await app.goto('/domains');
    await createDomain(app, 'Onboarding', 'Newcomers are productive in their first week.');
    await createDomain(app, 'Billing', 'Invoices go out on time.');
    await expect.poll(() => domainCells(app).count()).toBe(3);

    await app.page.keyboard.press('Control+z');
    await expect.poll(() => domainCells(app).count()).toBe(2);
    await app.page.keyboard.press('Control+Shift+z');
    await expect.poll(() => domainCells(app).count()).toBe(3);

    await app.page.reload();
    await app.heading.waitFor();
    await expect.poll(() => domainCells(app).count()).toBe(3);
    expect(await app.page.getByText('Newcomers are productive in their first week.').count()).toBe(1);
    expect(await app.page.getByText('Invoices go out on time.').count()).toBe(1);
    expect(await app.seriousA11yViolations()).toEqual([]);
    await app.page.getByRole('button', { name: 'New domain' }).first().click();
    await app.page.getByRole('dialog', { name: 'New domain' }).waitFor();
    expect(await app.seriousA11yViolations()).toEqual([]);
    await app.page.keyboard.press('Escape');
    expect(app.errors).toEqual([]);
    await app.page.close();
  });

  it('shows a workspace from its cached first snapshot, read-only, until it can be edited', async () => {
    const app = new AppPage(await browser.newPage(), baseUrl);
    const page = app.page;
    await app.goto('/domains');
    await app.createWorkspaceByKeyboard('Cached', 'Personal');
    await app.goto('/domains');
    await createDomain(app, 'Logistics', 'Parcels leave the same day.');
    // The session caches its first snapshot once changes pause (2 s): read IndexedDB until it does.
    await expect.poll(() => cachedFirstSnapshots(app), { timeout: 10_000 }).toContain('Parcels leave the same day.');

    // On reload, note whether the domain was ever on screen while "New domain" was disabled.
    await page.addInitScript(() => {
      const seen = { preview: false };
      (window as unknown as { latitudePreview: typeof seen }).latitudePreview = seen;
      new MutationObserver(() => {
        const button = [...document.querySelectorAll('button')].find((b) => b.textContent?.includes('New domain'));
        if (button?.disabled && document.body.textContent?.includes('Parcels leave the same day.')) seen.preview = true;
      }).observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
    });
    await page.reload();
    await page.locator('button:not([disabled])', { hasText: 'New domain' }).first().waitFor();
    expect(await page.getByText('Parcels leave the same day.').count()).toBe(1);
    expect(
      await page.evaluate(
        () => (window as unknown as { latitudePreview: { preview: boolean } }).latitudePreview.preview,
      ),
    ).toBe(true);
    expect(app.errors).toEqual([]);
    await page.close();
  });

  it('renders every screen from the cached first snapshot while the workspace opens, without errors', async () => {
    const app = new AppPage(await browser.newPage(), baseUrl);
    const page = app.page;
    await app.importBackupAsNewWorkspace(
      { name: 'Preview team.latitude', mimeType: 'application/json', buffer: await teamBackup() },
      'Preview team',
    );
    await expect.poll(() => cachedFirstSnapshots(app), { timeout: 10_000 }).toContain('Decision seeking-advice');

    // Notes whether the main area, while busy opening, ever showed a screen rather than the loader.
    await page.addInitScript(() => {
      const seen = { screen: false };
      (window as unknown as { latitudePreview: typeof seen }).latitudePreview = seen;
      new MutationObserver(() => {
        const main = document.getElementById('main-content');
        if (main?.getAttribute('aria-busy') === 'true' && !main.textContent?.includes('Opening Preview team'))
          seen.screen = true;
      }).observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
    });
    // Screens loaded on demand render once their code has arrived, by then usually opened:
    // those are checked for errors only.
    const shownWhileOpening = new Set(['/dashboard', '/domains', '/reviews', '/trash']);
    const onDemand = [
      '/domains/id-1',
      '/decisions',
      '/decisions/id-2',
      '/metrics',
      '/metrics/pulse',
      '/metrics/thresholds',
      '/metrics/value',
    ];
    for (const route of [...shownWhileOpening, ...onDemand]) {
      await app.goto(route);
      await page.reload();
      await page.locator('#main-content[aria-busy="false"]').waitFor();
      if (shownWhileOpening.has(route)) {
        const seen = await page.evaluate(
          () => (window as unknown as { latitudePreview: { screen: boolean } }).latitudePreview.screen,
        );
        expect({ route, seen }).toEqual({ route, seen: true });
      }
      expect({ route, errors: app.errors }).toEqual({ route, errors: [] });
    }
    await page.close();
  });

  it('brings a deleted workspace back from its backup', async () => {
    const app = new AppPage(await browser.newPage(), baseUrl);
    const page = app.page;
    await app.goto('/domains');
    await app.createWorkspaceByKeyboard('Backed up', 'Personal');
    await app.goto('/domains');
    await createDomain(app, 'Research', 'We learn what users need.');

    await app.goto('/workspaces');
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Back up Backed up' }).click();
    const file = await (await download).path();
    expect((await download).suggestedFilename()).toMatch(/^Backed up \d{4}-\d{2}-\d{2}\.latitude$/);

    await page.getByRole('button', { name: 'More actions for Backed up' }).click();
    await page.getByRole('menuitem', { name: 'Move to trash' }).click();
    await page.getByRole('button', { name: 'Delete Backed up for good' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Delete for good' }).click();
    await expect.poll(() => page.getByText('Backed up', { exact: true }).count()).toBe(0);

    await app.chooseBackupFile(file);
    const dialog = page.getByRole('dialog', { name: 'Import backup' });
    await expect.poll(() => dialog.textContent()).toContain('is a backup of “Backed up”');
    // The domain, and the default threshold policy every new personal workspace starts with.
    expect(await dialog.textContent()).toContain('with 2 items.');
    await dialog.getByRole('button', { name: 'Import as a new workspace' }).click();
    await expect.poll(() => app.route()).toBe('/dashboard');

    await app.goto('/domains');
    await expect.poll(() => page.getByText('We learn what users need.').count()).toBe(1);
    expect(await app.workspaceSwitcher.textContent()).toBe('WorkspaceBacked upSwitch workspace');
    expect(app.errors).toEqual([]);
    await page.close();
  });

  it('restores a snapshot, and Ctrl+Z takes the restore back', async () => {
    const app = new AppPage(await browser.newPage(), baseUrl);
    const page = app.page;
    await app.goto('/domains');
    await app.createWorkspaceByKeyboard('Snapshotted', 'Personal');
    await app.goto('/domains');
    await createDomain(app, 'Kept', 'Here before the snapshot.');

    await app.goto('/workspaces');
    await page.getByRole('button', { name: 'Snapshots of Snapshotted' }).click();
    const dialog = page.getByRole('dialog', { name: 'Snapshots of Snapshotted' });
    await dialog.getByRole('button', { name: 'Take a snapshot now' }).click();
    await expect.poll(() => dialog.getByRole('cell', { name: 'Taken by hand' }).count()).toBe(1);
    expect(await app.seriousA11yViolations()).toEqual([]);
    await page.keyboard.press('Escape');

    await app.goto('/domains');
    await createDomain(app, 'Added later', 'After the snapshot.');
    await expect.poll(() => domainCells(app).count()).toBe(3);

    await app.goto('/workspaces');
    await page.getByRole('button', { name: 'Snapshots of Snapshotted' }).click();
    const row = dialog.getByRole('row').filter({ hasText: 'Taken by hand' });
    await row.getByRole('button', { name: /^Restore the snapshot of/ }).click();
    await dialog.getByRole('button', { name: 'Restore', exact: true }).click();
    await expect.poll(() => dialog.getByRole('cell', { name: 'Before a restore' }).count()).toBe(1);
    await page.keyboard.press('Escape');

    await app.goto('/domains');
    await expect.poll(() => domainCells(app).count()).toBe(2);
    expect(await page.getByText('After the snapshot.').count()).toBe(0);
    await page.getByRole('button', { name: 'Undo' }).click();
    await expect.poll(() => domainCells(app).count()).toBe(3);
    expect(app.errors).toEqual([]);
    await page.close();
  });

  it('refuses a damaged backup with its reason and changes nothing', async () => {
    const app = new AppPage(await browser.newPage(), baseUrl);
    const page = app.page;
    await app.goto('/workspaces');
    const rowsBefore = await page.getByRole('region', { name: 'On this device' }).getByRole('row').count();

    await app.chooseBackupFile({
      name: 'cut.latitude',
      mimeType: 'application/octet-stream',
      buffer: await readFile(`${corpus}truncated.latitude`),
    });
    const refused = page.getByRole('dialog', { name: 'This file cannot be imported' });
    await expect
      .poll(() => refused.getByText('This backup is incomplete: the file ends too early', { exact: false }).count())
      .toBe(1);
    expect(await refused.getByText('Nothing was changed.').count()).toBe(1);
    await refused.getByRole('button', { name: 'OK' }).click();
    expect(await page.getByRole('region', { name: 'On this device' }).getByRole('row').count()).toBe(rowsBefore);
    expect(await app.seriousA11yViolations()).toEqual([]);
    await page.close();
  });
});
