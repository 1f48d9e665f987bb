/**
 * Managing workspaces in Chromium: rename, move to the trash and undo, restore, and
 * delete for good after a confirmation; every change survives a reload.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startBrowser, type BrowserSession } from './browser';
import { AppPage } from './pages/app-page';

const baseUrl = inject('baseUrl');
let browser: BrowserSession;

beforeAll(async () => {
  browser = await startBrowser();
});
afterAll(async () => {
  await browser.close();
});

describe('workspace management', () => {
  it('renames, trashes, restores and deletes workspaces for good', async () => {
    const app = new AppPage(await browser.newPage(), baseUrl);
    const page = app.page;
    await app.goto('/dashboard');
    await app.createWorkspaceByKeyboard('Alpha', 'Personal');
    await app.createWorkspaceByKeyboard('Beta', 'Team');

    await app.goto('/workspaces');
    const live = page.getByRole('region', { name: 'On this device' });
    const trash = page.getByRole('region', { name: 'Trash' });
    expect(await live.getByRole('row').count()).toBe(3);

    await page.getByRole('button', { name: 'More actions for Alpha' }).click();
    await page.getByRole('menuitem', { name: 'Rename…' }).click();
    const rename = page.getByRole('dialog', { name: 'Rename workspace' });
    await rename.getByRole('textbox', { name: /Name/ }).fill('Alpha squad');
    await rename.getByRole('button', { name: 'Rename' }).click();
    await rename.waitFor({ state: 'hidden' });
    await expect.poll(() => live.getByRole('cell', { name: 'Alpha squad', exact: true }).count()).toBe(1);

    await page.getByRole('button', { name: 'More actions for Beta' }).click();
    await page.getByRole('menuitem', { name: 'Move to trash' }).click();
    await expect.poll(() => trash.getByRole('cell', { name: 'Beta', exact: true }).count()).toBe(1);
    await page.getByRole('button', { name: 'Undo moving Beta to the trash' }).click();
    await expect.poll(() => trash.getByText('The trash is empty.', { exact: false }).count()).toBe(1);

    await page.getByRole('button', { name: 'More actions for Beta' }).click();
    await page.getByRole('menuitem', { name: 'Move to trash' }).click();
    await expect.poll(() => trash.getByRole('cell', { name: 'Beta', exact: true }).count()).toBe(1);
    expect(await app.workspaceSwitcher.textContent()).toBe('WorkspaceAlpha squadSwitch workspace');

    await page.reload();
    await app.heading.waitFor();
    await expect.poll(() => trash.getByRole('cell', { name: 'Beta', exact: true }).count()).toBe(1);
    await page.getByRole('button', { name: 'Restore Beta' }).click();
    await expect.poll(() => live.getByRole('cell', { name: 'Beta', exact: true }).count()).toBe(1);

    await page.getByRole('button', { name: 'More actions for Alpha squad' }).click();
    await page.getByRole('menuitem', { name: 'Move to trash' }).click();
    await page.getByRole('button', { name: 'Delete Alpha squad for good' }).click();
    const confirm = page.getByRole('dialog', { name: 'Delete “Alpha squad” for good?' });
    await confirm.getByRole('button', { name: 'Cancel' }).click();
    await confirm.waitFor({ state: 'hidden' });
    expect(await trash.getByRole('cell', { name: 'Alpha squad', exact: true }).count()).toBe(1);

    await page.getByRole('button', { name: 'Delete Alpha squad for good' }).click();
    await confirm.getByRole('button', { name: 'Delete for good' }).click();
    await confirm.waitFor({ state: 'hidden' });
    await page.reload();
    await app.heading.waitFor();
    await expect.poll(() => live.getByRole('row').count()).toBe(2);
    expect(await page.getByText('Alpha squad').count()).toBe(0);
    expect(app.errors).toEqual([]);
    expect(await app.seriousA11yViolations()).toEqual([]);
    await page.close();
  });
});
