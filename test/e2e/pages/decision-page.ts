/**
 * Page object for decisions: the "New decision" dialog, a decision's page (its sections
 * and inline forms) and the decision log's search and filters, by accessible roles and
 * names only.
 */
import type { Locator, Page } from 'playwright-core';
import type { AppPage } from './app-page';

/** What the "New decision" dialog is filled with; impact fields left out keep their defaults. */
export interface NewDecision {
  title: string;
  domain: string;
  cost: number;
  /** An option of "Effect on other domains", e.g. "Major". */
  effect?: string;
  /** An option of "Horizon", e.g. "Medium term". */
  horizon?: string;
  /** The tier the live preview must show before it is recorded. */
  expectTier: 'Autonomous' | 'Consultative' | 'Collaborative';
}

export class DecisionPage {
  constructor(private readonly app: AppPage) {}

  get page(): Page {
    return this.app.page;
  }

  /** A section of the page (a card with a level-two heading), by its heading. */
  section(name: string): Locator {
    return this.page.getByRole('region', { name, exact: true });
  }

  /** The tier, override, status, domain and kind under the title. */
  get summary(): Locator {
    return this.page.getByRole('group', { name: 'Summary' });
  }

  /** Waits until `locator` contains `text`, with the same case (whitespace normalised). */
  async waitForText(locator: Locator, text: string): Promise<void> {
    await locator.filter({ hasText: new RegExp(text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')) }).waitFor();
  }

  /**
   * Picks `option` in the Mantine select labelled `label` (a required field's label ends
   * with an asterisk) inside `scope`.
   */
  async choose(scope: Locator, label: string, option: string): Promise<void> {
    await scope
      .getByLabel(new RegExp(`^${label}( \\*)?$`))
      .first()
      .click();
    await this.page.getByRole('option', { name: option, exact: true }).click();
  }

  /**
   * Records a decision as a draft through the log's "New decision" dialog, after checking
   * the tier its live preview shows; ends on the decision's page and returns its route.
   */
  async record(decision: NewDecision): Promise<string> {
    await this.app.goto('/decisions');
    await this.page.getByRole('button', { name: 'New decision' }).first().click();
    const dialog = this.page.getByRole('dialog', { name: 'New decision' });
    await dialog.getByRole('textbox', { name: /^Title/ }).fill(decision.title);
    await this.choose(dialog, 'Domain', decision.domain);
    await dialog.getByRole('textbox', { name: 'Cost' }).fill(String(decision.cost));
    if (decision.effect !== undefined) await this.choose(dialog, 'Effect on other domains', decision.effect);
    if (decision.horizon !== undefined) await this.choose(dialog, 'Horizon', decision.horizon);
    await this.waitForText(dialog.getByRole('group', { name: 'Tier preview' }), `Tier: ${decision.expectTier}`);
    await dialog.getByRole('button', { name: 'Record decision' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await this.page.getByRole('heading', { level: 1, name: decision.title }).waitFor();
    await this.waitForText(this.summary, `Tier: ${decision.expectTier}`);
    return this.app.route();
  }

  /** Opens a decision's page by its route and waits for its title. */
  async open(route: string, title: string): Promise<void> {
    await this.app.goto(route);
    await this.page.getByRole('heading', { level: 1, name: title }).waitFor();
  }

  /** Clicks `button` in section `sectionName` and returns the inline form `form` it opens. */
  async openForm(sectionName: string, button: string, form: string): Promise<Locator> {
    const section = this.section(sectionName);
    await section.getByRole('button', { name: button, exact: true }).click();
    const opened = section.getByRole('form', { name: form, exact: true });
    await opened.waitFor();
    return opened;
  }

  /** Saves an inline form (its submit button is `submit`) and waits for it to close. */
  async save(form: Locator, submit = 'Save'): Promise<void> {
    await form.getByRole('button', { name: submit, exact: true }).click();
    await form.waitFor({ state: 'hidden' });
  }

  /**
   * Opens "Edit status", picks `status` and writes `rollbackPlan` when given, then submits.
   * Returns the form, which is still open when the status was refused.
   */
  async submitStatus(status: string, rollbackPlan?: string): Promise<Locator> {
    const form = await this.openForm('Status and dates', 'Edit status', 'Change status');
    await this.choose(form, 'Status', status);
    if (rollbackPlan !== undefined) await form.getByRole('textbox', { name: /^Rollback plan/ }).fill(rollbackPlan);
    await form.getByRole('button', { name: 'Save', exact: true }).click();
    return form;
  }

  /** Sets the status and waits until the summary shows it. */
  async setStatus(status: string, rollbackPlan?: string): Promise<void> {
    const form = await this.submitStatus(status, rollbackPlan);
    await form.waitFor({ state: 'hidden' });
    await this.waitForText(this.summary, `Status: ${status}`);
  }

  /** Records (or, under the same name, changes) a participant's position in "Deciding together". */
  async recordPosition(participant: string, stance: 'Consent' | 'Concern' | 'Objection', note: string): Promise<void> {
    const form = await this.openForm('Deciding together', 'Record a position', 'Record a position');
    await form.getByLabel(/^Participant/).fill(participant);
    await form.getByRole('radio', { name: stance }).check();
    await form.getByRole('textbox', { name: 'Note' }).fill(note);
    await this.save(form);
  }

  /** The log's search box. */
  get search(): Locator {
    return this.page.getByRole('searchbox', { name: 'Search decisions' });
  }

  /** The rows of the decision log. */
  get logRows(): Locator {
    return this.page.getByRole('list', { name: 'Decision log' }).getByRole('listitem');
  }

  /** The titles of the decisions the log shows, sorted. */
  async logTitles(): Promise<string[]> {
    const titles = await this.page.getByRole('list', { name: 'Decision log' }).getByRole('link').allTextContents();
    return titles.sort();
  }

  /** The log's count, e.g. "2 of 5 decisions". */
  async logCount(): Promise<string> {
    return (
      (await this.page
        .getByRole('status')
        .filter({ hasText: / of \d+ decisions?$/ })
        .textContent()) ?? ''
    );
  }

  /**
   * Picks `option` in the log's multi-select filter `label` (its list opened from the
   * keyboard: once a value is picked, its pill covers most of the field), then closes the list.
   */
  async filterLog(label: 'Domain' | 'Tier' | 'Status', option: string): Promise<void> {
    const filters = this.page.getByRole('search', { name: 'Search and filter decisions' });
    await filters.getByLabel(label, { exact: true }).focus();
    await this.page.keyboard.press('ArrowDown');
    await this.page.getByRole('option', { name: option, exact: true }).click();
    await this.page.keyboard.press('Escape');
  }

  /** Clears the log's search and filters. */
  async clearLogFilters(): Promise<void> {
    await this.page
      .getByRole('search', { name: 'Search and filter decisions' })
      .getByRole('button', { name: 'Clear filters' })
      .click();
  }
}
