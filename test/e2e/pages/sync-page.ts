/**
 * Page object for sync as a person meets it: Settings → "Your name" and Settings → Sync,
 * the header's sync status button, the Sync panel it opens (who is here, pausing sync on
 * this device) and its Invite and Join dialogs, by accessible roles and names only.
 */
import type { Locator, Page } from 'playwright-core';
import type { AppPage } from './app-page';

export class SyncPage {
  constructor(private readonly app: AppPage) {}

  get page(): Page {
    return this.app.page;
  }

  /** The header's sync status button; its name says the status. */
  get statusButton(): Locator {
    return this.page.getByRole('button', { name: /^Sync: / });
  }

  /** Waits until the header says `status`, e.g. "Connected with 1 peer" or "Offline (paused)". */
  async waitForStatus(status: string, timeout?: number): Promise<void> {
    await this.page
      .getByRole('button', { name: `Sync: ${status}. Open the Sync panel`, exact: true })
      .waitFor(timeout === undefined ? {} : { timeout });
  }

  /** The status as the header's button says it. */
  async status(): Promise<string> {
    const name = (await this.statusButton.getAttribute('aria-label')) ?? '';
    return name.replace(/^Sync: /, '').replace(/\. Open the Sync panel$/, '');
  }

  /** The Sync panel (a drawer). */
  get panel(): Locator {
    return this.page.getByRole('dialog', { name: 'Sync', exact: true });
  }

  async openPanel(): Promise<Locator> {
    await this.statusButton.click();
    await this.panel.waitFor();
    return this.panel;
  }

  /** Closes the Sync panel, if it is open. */
  async closePanel(): Promise<void> {
    if (!(await this.panel.isVisible())) return;
    await this.panel.getByRole('button', { name: 'Close', exact: true }).click();
    await this.panel.waitFor({ state: 'hidden' });
  }

  /** Settings → "Your name": the name the others see. */
  async setName(name: string): Promise<void> {
    await this.app.goto('/settings');
    const card = this.page.getByRole('region', { name: 'Your name' });
    await card.getByRole('textbox', { name: 'Your name' }).fill(name);
    await card.getByRole('button', { name: 'Save name' }).click();
    await card
      .getByRole('status')
      .filter({ hasText: `Saved. New history entries will show “${name}”.` })
      .waitFor();
  }

  /** Settings → Sync: the signalling servers to meet at. */
  async setSignallingServers(urls: readonly string[]): Promise<void> {
    await this.app.goto('/settings');
    const card = this.page.getByRole('region', { name: 'Sync', exact: true });
    const field = card.getByRole('textbox', { name: 'Signalling servers' });
    await field.fill(urls.join('\n'));
    await card.getByRole('button', { name: 'Save sync settings' }).click();
    await card.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
  }

  /** Sync panel → Relay: makes the open team workspace sync through `url` too. */
  async useRelay(url: string): Promise<void> {
    const panel = await this.openPanel();
    const relay = panel.getByRole('region', { name: 'Relay', exact: true });
    await relay.getByRole('textbox', { name: 'Relay address' }).fill(url);
    await relay.getByRole('button', { name: 'Use relay' }).click();
    await relay.getByRole('status').filter({ hasText: 'connected, up to date' }).waitFor();
    await this.closePanel();
  }

  /** Opens Invite… in the Sync panel and returns the invite link it shows. */
  async inviteLink(workspaceName: string): Promise<string> {
    const panel = await this.openPanel();
    await panel.getByRole('button', { name: 'Invite…' }).click();
    const dialog = this.page.getByRole('dialog', { name: `Invite to “${workspaceName}”` });
    const field = dialog.getByRole('textbox', { name: 'Invite link' });
    await field.waitFor();
    const link = await field.inputValue();
    await this.page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    await this.closePanel();
    return link;
  }

  /** Joins with an invite link through Join a workspace… in the Sync panel. */
  async join(link: string, workspaceName: string): Promise<void> {
    const panel = await this.openPanel();
    await panel.getByRole('button', { name: 'Join a workspace…' }).click();
    const dialog = this.page.getByRole('dialog', { name: 'Join a team workspace' });
    await dialog.getByRole('textbox', { name: /^Invite link/ }).fill(link);
    await dialog
      .getByRole('status')
      .filter({ hasText: `You will join “${workspaceName}”` })
      .waitFor();
    await dialog.getByRole('button', { name: 'Join', exact: true }).click();
    await dialog.waitFor({ state: 'hidden' });
    await this.closePanel();
  }

  /**
   * Waits until the Sync panel's "Here now" lists exactly `names` (this device's person,
   * `you`, marked "(you)"), and returns the lines it shows, e.g. "Ada (you) — on /domains".
   */
  async waitForPeopleHere(names: readonly string[], you: string, timeoutMs = 30_000): Promise<string[]> {
    const panel = await this.openPanel();
    const people = panel.getByRole('region', { name: 'Here now' }).getByRole('listitem');
    const expected = names
      .map((name) => (name === you ? `${name} (you)` : name))
      .sort()
      .join(' | ');
    let lines: string[] = [];
    await waitUntil(
      async () => {
        lines = (await people.allTextContents()).map((line) => line.trim());
        const shown = lines.map((line) => line.replace(/ — on .*$/, '')).sort();
        return shown.join(' | ') === expected;
      },
      () => `“Here now” never listed ${expected}; it lists: ${lines.join(' | ') || 'no one'}.`,
      timeoutMs,
    );
    await this.closePanel();
    return lines;
  }

  /** Whether the Sync panel's "Pause sync on this device" switch is on (opens and closes the panel). */
  async isPaused(): Promise<boolean> {
    const panel = await this.openPanel();
    const toggle = panel.getByRole('switch', { name: 'Pause sync on this device' });
    await waitUntil(
      () => toggle.isEnabled(),
      () => 'The pause switch never became usable.',
    );
    const paused = await toggle.isChecked();
    await this.closePanel();
    return paused;
  }

  /** Pauses (true) or resumes (false) the open workspace's sync with the Sync panel's switch. */
  async setPaused(paused: boolean): Promise<void> {
    const panel = await this.openPanel();
    const toggle = panel.getByRole('switch', { name: 'Pause sync on this device' });
    // Usable once it has read whether sync is paused.
    await waitUntil(
      () => toggle.isEnabled(),
      () => 'The pause switch never became usable.',
    );
    await toggle.setChecked(paused);
    await this.closePanel();
  }
}

/** Polls `check` every 200 ms until it is true; throws `message()` after `timeoutMs`. */
export async function waitUntil(
  check: () => Promise<boolean>,
  message: () => string,
  timeoutMs = 30_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(message());
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
