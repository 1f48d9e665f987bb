/**
 * The app shell in real Chromium: it renders, its Content-Security-Policy is present and
 * enforced, every screen is reachable by keyboard, and a new user can create a workspace
 * that survives a reload.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { contentSecurityPolicy } from '@shared/security/content-security-policy';
import { startBrowser, type BrowserSession } from './browser';
import { AppPage, sectionNames } from './pages/app-page';

const baseUrl = inject('baseUrl');
let browser: BrowserSession;

beforeAll(async () => {
  browser = await startBrowser();
});

afterAll(async () => {
  await browser.close();
});

async function openApp(path = '/dashboard'): Promise<AppPage> {
  const app = new AppPage(await browser.newPage(), baseUrl);
  await app.goto(path);
  return app;
}

describe('app shell', () => {
  it('renders the welcome screen, the sidebar and the workspace switcher for a new user', async () => {
    const app = await openApp('/');
    await expect.poll(() => app.route()).toBe('/dashboard');
    expect(await app.heading.textContent()).toBe('Welcome to Latitude');
    for (const name of sectionNames) expect(await app.navLink(name).count()).toBe(1);
    expect(await app.navLink('Help').count()).toBe(1);
    expect(await app.workspaceSwitcher.textContent()).toBe('WorkspaceNone yetCreate a workspace');
    expect(await app.page.getByRole('button', { name: 'Create a workspace', exact: true }).count()).toBe(1);
    expect(await app.page.title()).toBe('Welcome to Latitude · Latitude');
    expect(app.errors).toEqual([]);
    await app.page.close();
  });

  it('carries the production Content-Security-Policy and enforces it', async () => {
    const app = await openApp();
    const meta = await app.page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
    expect(meta).toBe(contentSecurityPolicy({ delivery: 'meta' }));
    expect(meta).toContain("script-src 'self'");
    expect(meta).not.toContain('unsafe-eval');

    const outcome = await app.page.evaluate(
      () =>
        new Promise<{ violated: string; ran: boolean }>((resolve) => {
          const flags = window as unknown as { inlineRan?: boolean };
          document.addEventListener('securitypolicyviolation', (event) =>
            resolve({ violated: event.effectiveDirective, ran: flags.inlineRan === true }),
          );
          const script = document.createElement('script');
          script.textContent = 'window.inlineRan = true;';
          document.body.append(script);
        }),
    );
    expect(outcome).toEqual({ violated: 'script-src-elem', ran: false });
    await app.page.close();
  });

  it('shows a friendly page for an unknown address', async () => {
    const app = await openApp('/no-such-screen');
    expect(await app.heading.textContent()).toBe('Page not found');
    await app.page.getByRole('link', { name: 'Go to the dashboard' }).click();
    await expect.poll(() => app.route()).toBe('/dashboard');
    await app.page.close();
  });
});

describe('keyboard', () => {
  it('starts with a skip link that moves focus to the screen heading', async () => {
    const app = await openApp('/decisions');
    await app.page.keyboard.press('Tab');
    expect(await app.focusedName()).toBe('Skip to content');
    await app.page.keyboard.press('Enter');
    expect(await app.focusedName()).toBe('Decisions');
    await app.page.close();
  });

  it('reaches and opens every section with Tab and Enter, focusing the new heading', async () => {
    const app = await openApp('/dashboard');
    for (const name of [...sectionNames.slice(1), 'Help']) {
      await app.tabTo(name);
      await app.page.keyboard.press('Enter');
      await expect.poll(() => app.heading.textContent()).toBe(name);
      expect(await app.focusedName()).toBe(name);
      expect(await app.navLink(name).getAttribute('aria-current')).toBe('page');
    }
    await app.page.close();
  });

  it('opens sections with Ctrl+1 to Ctrl+6', async () => {
    const app = await openApp('/dashboard');
    for (const [index, name] of sectionNames.entries()) {
      await app.page.keyboard.press(`Control+${index + 1}`);
      await expect.poll(() => app.route()).toBe(`/${name.toLowerCase()}`);
    }
    await app.page.close();
  });

  it('creates a workspace with the keyboard alone, and it is still there after a reload', async () => {
    const app = await openApp('/domains');
    await app.createWorkspaceByKeyboard('Product team', 'Team');
    await expect.poll(() => app.route()).toBe('/dashboard');
    await expect.poll(() => app.heading.textContent()).toBe('Dashboard');
    expect(await app.page.getByText('Product team · team workspace').count()).toBe(1);

    await app.page.reload();
    await app.heading.waitFor();
    await expect.poll(() => app.workspaceSwitcher.textContent()).toBe('WorkspaceProduct teamSwitch workspace');
    expect(app.errors).toEqual([]);
    await app.page.close();
  });

  it('refuses an empty workspace name with a message and creates nothing', async () => {
    const app = await openApp('/dashboard');
    await app.workspaceSwitcher.click();
    await app.page.getByRole('menuitem', { name: 'New workspace…' }).click();
    const dialog = app.page.getByRole('dialog', { name: 'New workspace' });
    await dialog.getByRole('textbox', { name: /Name/ }).fill('   ');
    await dialog.getByRole('button', { name: 'Create workspace' }).click();
    await expect.poll(() => dialog.getByText('Give the workspace a name.').count()).toBe(1);
    await app.page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    await app.workspaceSwitcher.click();
    // Only the workspace made by the previous test is listed.
    expect(await app.page.getByRole('menuitem').allTextContents()).toEqual([
      'Product teamteam',
      'New workspace…',
      'Manage workspaces…',
    ]);
    await app.page.close();
  });
});
