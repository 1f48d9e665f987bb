/**
 * Page object for the metrics dashboard: a figure's card and value, and the governance
 * alerts, by accessible roles and names only.
 */
import type { Locator } from 'playwright-core';
import type { AppPage } from './app-page';

export class MetricsPage {
  constructor(readonly app: AppPage) {}

  /** Opens the dashboard on the month of `at` (YYYY-MM-DD) and waits for its figures. */
  async openMonth(at: string, label: string): Promise<void> {
    await this.app.goto(`/metrics?at=${at}`);
    await this.app.page.getByText(`Figures of ${label} for the whole workspace`).waitFor();
    await this.card('Decision velocity').waitFor();
    await this.app.page.locator('.metrics-dashboard [aria-busy="false"]').waitFor();
  }

  /** A figure's card, named by the figure. */
  card(name: string): Locator {
    return this.app.page.getByRole('group', { name, exact: true });
  }

  /** The value a figure's card shows, e.g. "2 days" or "No value". */
  async value(name: string): Promise<string> {
    return ((await this.card(name).locator('p').first().textContent()) ?? '').trim();
  }

  /** The values of several figures, by name. */
  async values(names: readonly string[]): Promise<Record<string, string>> {
    const entries: [string, string][] = [];
    for (const name of names) entries.push([name, await this.value(name)]);
    return Object.fromEntries(entries);
  }

  /** The list of governance alerts (absent when there are none). */
  get alerts(): Locator {
    return this.app.page.getByRole('list', { name: 'Governance alerts' });
  }

  /** One alert, by its title. */
  alert(title: string): Locator {
    return this.alerts.getByRole('listitem').filter({ hasText: title });
  }
}
