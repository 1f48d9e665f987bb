/**
 * Accessibility: axe-core finds no serious or critical violation on any screen, with and
 * without a workspace, and on the screens that show a workspace's content (a domain's
 * charter, the dependency map, the decision log and a decision of each tier), in the light
 * and the dark theme.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startBrowser, type BrowserSession } from './browser';
import { AppPage, sectionNames } from './pages/app-page';

const baseUrl = inject('baseUrl');
const screens = [
  ...sectionNames.map((name) => `/${name.toLowerCase()}`),
  '/workspaces',
  '/trash',
  '/help',
  '/not-a-screen',
];

describe.each(['light', 'dark'] as const)('accessibility in the %s theme', (colorScheme) => {
  let browser: BrowserSession;

  beforeAll(async () => {
    browser = await startBrowser({ colorScheme });
  });
  afterAll(async () => {
    await browser.close();
  });

  it('has no serious or critical violations before any workspace exists', async () => {
    const app = new AppPage(await browser.newPage(), baseUrl);
    for (const path of screens) {
      await app.goto(path);
      expect({ path, violations: await app.seriousA11yViolations() }).toEqual({ path, violations: [] });
    }
    await app.page.close();
  });

  it('has no serious or critical violations with a workspace, with the switcher and dialog open', async () => {
    const app = new AppPage(await browser.newPage(), baseUrl);
    await app.goto('/dashboard');
    await app.createWorkspaceByKeyboard('Design guild', 'Personal');
    for (const path of screens) {
      await app.goto(path);
      expect({ path, violations: await app.seriousA11yViolations() }).toEqual({ path, violations: [] });
    }
    await app.workspaceSwitcher.click();
    await app.page.getByRole('menuitem', { name: 'New workspace…' }).waitFor();
    expect({ state: 'switcher open', violations: await app.seriousA11yViolations() }).toEqual({
      state: 'switcher open',
      violations: [],
    });
    await app.page.getByRole('menuitem', { name: 'New workspace…' }).click();
    await app.page.getByRole('dialog', { name: 'New workspace' }).waitFor();
    expect({ state: 'dialog open', violations: await app.seriousA11yViolations() }).toEqual({
      state: 'dialog open',
      violations: [],
    });
    await app.page.close();
  });

  it('has no serious or critical violations on a charter, the map, the log and decisions of each tier', async () => {
    const app = new AppPage(await browser.newPage(), baseUrl);
    const page = app.page;
    const check = async (state: string) =>
      expect({ state, violations: await app.seriousA11yViolations() }).toEqual({ state, violations: [] });
    await app.goto('/dashboard');
    await app.createWorkspaceByKeyboard('Content', 'Team');
    await app.goto('/domains');
    await page.getByRole('button', { name: 'New domain' }).first().click();
    const domainDialog = page.getByRole('dialog', { name: 'New domain' });
    await domainDialog.getByRole('radio', { name: 'Platform team', exact: true }).check();
    await domainDialog.getByRole('textbox', { name: 'Name', exact: true }).fill('Platform');
    await domainDialog.getByRole('button', { name: 'Create domain' }).click();
    await page.getByRole('heading', { level: 1, name: 'Platform' }).waitFor();
    await check('domain page');
    await app.goto('/domains/map');
    await page.locator('.react-flow').getByText('Platform', { exact: true }).waitFor();
    await check('dependency map');
    // The platform-team template decides alone up to 3,000 and seeks advice up to 30,000.
    for (const [title, cost] of [
      ['Autonomous one', '100'],
      ['Consultative one', '5000'],
      ['Collaborative one', '50000'],
    ] as const) {
      await app.goto('/decisions');
      await page.getByRole('button', { name: 'New decision' }).first().click();
      const dialog = page.getByRole('dialog', { name: 'New decision' });
      await dialog.getByRole('textbox', { name: 'Title' }).fill(title);
      await dialog
        .getByLabel(/^Domain/)
        .first()
        .click();
      await page.getByRole('option', { name: 'Platform' }).click();
      await dialog.getByRole('textbox', { name: 'Cost' }).fill(cost);
      await check(`new decision: ${title}`);
      await dialog.getByRole('button', { name: /^Record/ }).click();
      await page.getByRole('heading', { level: 1, name: title }).waitFor();
      await check(`decision page: ${title}`);
    }
    await app.goto('/decisions');
    await page.getByRole('link', { name: 'Collaborative one' }).waitFor();
    await check('decision log');
    await page.close();
  });
});
