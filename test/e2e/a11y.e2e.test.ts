/**
 * Accessibility: axe-core finds no serious or critical violation on any screen, with and
 * without a workspace, in the light and the dark theme.
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
});
