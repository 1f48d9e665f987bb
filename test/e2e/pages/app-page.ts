/**
 * Page object for the Latitude app shell: what a person sees and does, by accessible
 * roles and names only.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { FileChooser, Locator, Page } from 'playwright-core';

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/** One accessibility problem reported by axe-core. */
export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: string[];
}

/** The sections in the sidebar, in order. */
export const sectionNames = ['Dashboard', 'Domains', 'Decisions', 'Reviews', 'Metrics', 'Settings'] as const;

export class AppPage {
  /** Messages the page logged as errors, and uncaught exceptions. */
  readonly errors: string[] = [];

  constructor(
    readonly page: Page,
    private readonly baseUrl: string,
  ) {
    page.on('console', (message) => {
      if (message.type() === 'error') this.errors.push(message.text());
    });
    page.on('pageerror', (error) => this.errors.push(error.message));
  }

  /** Opens a route, e.g. `/domains`, and waits for its heading. */
  async goto(path = '/dashboard'): Promise<void> {
    await this.page.goto(`${this.baseUrl}#${path}`);
    await this.heading.waitFor();
  }

  get navigation(): Locator {
    return this.page.getByRole('navigation', { name: 'Main' });
  }

  navLink(name: string): Locator {
    return this.navigation.getByRole('link', { name: new RegExp(`^${name}`) });
  }

  /** The screen's level-one heading. */
  get heading(): Locator {
    return this.page.getByRole('heading', { level: 1 });
  }

  get workspaceSwitcher(): Locator {
    return this.page.getByRole('button', { name: /^Workspace / });
  }

  /** On Workspaces, chooses `file` in "Import backup…" (the import or refusal dialog follows). */
  async chooseBackupFile(file: Parameters<FileChooser['setFiles']>[0]): Promise<void> {
    const chooser = this.page.waitForEvent('filechooser');
    await this.page.getByRole('button', { name: 'Import backup…' }).click();
    await (await chooser).setFiles(file);
  }

  /**
   * Imports a backup of the workspace named `backupOf` as a new workspace, from Workspaces,
   * the way a person restores one; ends on the new workspace's dashboard.
   */
  async importBackupAsNewWorkspace(file: Parameters<FileChooser['setFiles']>[0], backupOf: string): Promise<void> {
    await this.goto('/workspaces');
    await this.chooseBackupFile(file);
    const dialog = this.page.getByRole('dialog', { name: 'Import backup' });
    await dialog.getByText(`is a backup of “${backupOf}”`, { exact: false }).waitFor();
    await dialog.getByRole('button', { name: 'Import as a new workspace' }).click();
    await this.page.waitForURL(/#\/dashboard$/);
  }

  /** Creates a domain from a template through the "New domain" dialog; ends on its page. */
  async createDomainFromTemplate(template: string, name: string): Promise<void> {
    await this.goto('/domains');
    await this.page.getByRole('button', { name: 'New domain' }).first().click();
    const dialog = this.page.getByRole('dialog', { name: 'New domain' });
    await dialog.getByRole('radio', { name: template, exact: true }).check();
    await dialog.getByRole('textbox', { name: 'Name', exact: true }).fill(name);
    await dialog.getByRole('button', { name: 'Create domain' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await this.page.getByRole('heading', { level: 1, name }).waitFor();
  }

  /** The route part of the address (after the #). */
  route(): string {
    return new URL(this.page.url()).hash.replace(/^#/, '');
  }

  /** Name of the element that has keyboard focus. */
  focusedName(): Promise<string> {
    return this.page.evaluate(() => {
      const element = document.activeElement;
      if (!element) return '';
      return element.getAttribute('aria-label') ?? element.textContent?.trim() ?? '';
    });
  }

  /** Presses Tab until the focused element's name starts with `name`; fails after `limit` presses. */
  async tabTo(name: string, limit = 30): Promise<void> {
    for (let i = 0; i < limit; i += 1) {
      await this.page.keyboard.press('Tab');
      if ((await this.focusedName()).startsWith(name)) return;
    }
    throw new Error(`Tab never reached “${name}” within ${limit} presses.`);
  }

  /** Presses `key` until the focused element's name is `name`; fails after `limit` presses. */
  async pressUntilFocused(key: string, name: string, limit = 20): Promise<void> {
    for (let i = 0; i < limit; i += 1) {
      await this.page.keyboard.press(key);
      if ((await this.focusedName()) === name) return;
    }
    throw new Error(`${key} never reached “${name}” within ${limit} presses.`);
  }

  /** Creates a workspace through the switcher, using the keyboard only. */
  async createWorkspaceByKeyboard(name: string, kind: 'Personal' | 'Team'): Promise<void> {
    await this.workspaceSwitcher.focus();
    await this.page.keyboard.press('Enter');
    await this.page.getByRole('menu').waitFor();
    await this.pressUntilFocused('ArrowDown', 'New workspace…');
    await this.page.keyboard.press('Enter');
    const dialog = this.page.getByRole('dialog', { name: 'New workspace' });
    await dialog.waitFor();
    await this.page.keyboard.type(name);
    if (kind === 'Team') await dialog.getByRole('radio', { name: /^Team/ }).check();
    await dialog.getByRole('button', { name: 'Create workspace' }).press('Enter');
    await dialog.waitFor({ state: 'hidden' });
  }

  /** Runs axe-core on the page and returns the serious and critical violations. */
  async seriousA11yViolations(): Promise<AxeViolation[]> {
    // Evaluated through the DevTools protocol, which the page's CSP does not govern.
    await this.page.evaluate(axeSource);
    const violations = await this.page.evaluate(async () => {
      const axe = (
        window as unknown as {
          axe: {
            run: (
              context: Document,
              options: object,
            ) => Promise<{
              violations: { id: string; impact: string | null; help: string; nodes: { target: unknown[] }[] }[];
            }>;
          };
        }
      ).axe;
      const result = await axe.run(document, { resultTypes: ['violations'] });
      return result.violations.map((v) => ({
        id: v.id,
        impact: v.impact,
        help: v.help,
        nodes: v.nodes.map((node) => JSON.stringify(node.target)),
      }));
    });
    return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  }
}
