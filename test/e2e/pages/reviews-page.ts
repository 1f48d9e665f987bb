/**
 * Page object for reviews: the "New review" dialog, a review's page (its parts, the
 * facilitation panel and each phase's forms) and the report, by accessible roles and names
 * only.
 */
import type { Locator, Page } from 'playwright-core';
import type { AppPage } from './app-page';

export class ReviewsPage {
  constructor(private readonly app: AppPage) {}

  get page(): Page {
    return this.app.page;
  }

  /**
   * Creates a monthly review of the calendar month containing `day` (YYYY-MM-DD) for the whole
   * workspace through the "New review" dialog; ends on its page, prepared, and returns its route.
   */
  async createMonthly(day: string, title: string): Promise<string> {
    await this.app.goto('/reviews');
    await this.page.getByRole('button', { name: 'New review' }).first().click();
    const dialog = this.page.getByRole('dialog', { name: 'New review' });
    await dialog.getByRole('radio', { name: 'Monthly' }).check();
    await dialog.getByLabel(/^A day in the month/).fill(day);
    await dialog.getByRole('button', { name: 'Create review' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await this.page.getByRole('heading', { level: 1, name: title }).waitFor();
    await this.part('Agenda').waitFor();
    return this.app.route();
  }

  /** A part of the review page (a card with a level-two heading), by its heading. */
  part(name: string): Locator {
    return this.page.getByRole('region', { name, exact: true });
  }

  /** The facilitation panel of a running review. */
  get panel(): Locator {
    return this.part('Facilitation');
  }

  /** Starts a planned review. */
  async start(): Promise<void> {
    await this.part('Run the review').getByRole('button', { name: 'Start the review' }).click();
    await this.panel.waitFor();
  }

  /** Moves to the next phase and waits for its heading in the panel. */
  async next(phase: string): Promise<void> {
    await this.panel.getByRole('button', { name: `Next: ${phase}` }).click();
    await this.panel.getByRole('heading', { level: 3, name: phase, exact: true }).waitFor();
  }

  /** Types a name into "Voting as" ('' for the local user) and closes its suggestions. */
  async actAs(name: string): Promise<void> {
    const field = this.panel.getByRole('combobox', { name: /^Voting as/ });
    await field.fill(name);
    await field.press('Escape');
  }

  /** Checks in with one word as the person acting. */
  async checkIn(word: string): Promise<void> {
    const form = this.panel.getByRole('form', { name: 'Check in' });
    await form.getByRole('textbox', { name: /^A word from/ }).fill(word);
    await form.getByRole('button', { name: 'Check in' }).click();
    await this.panel.getByRole('list', { name: 'Check-ins' }).getByText(word, { exact: false }).waitFor();
  }

  /** Adds a note on a topic in the reflect phase, anonymous or as the person acting. */
  async addNote(topic: string, text: string, anonymous = false): Promise<void> {
    const form = this.panel.getByRole('form', { name: `Add a note on ${topic}` });
    await form.getByRole('textbox', { name: new RegExp(`^Your note on ${topic}`) }).fill(text);
    const box = form.getByRole('checkbox', { name: /^Anonymous/ });
    if (anonymous) await box.check();
    else await box.uncheck();
    await form.getByRole('button', { name: 'Add note' }).click();
    await this.note(topic, text).waitFor();
  }

  /** The notes (and groups) of a topic in the panel. */
  notes(topic: string): Locator {
    return this.panel.getByRole('group', { name: new RegExp(`^Notes on ${topic} \\(`) });
  }

  /** A note of a topic in the panel, by its text (its author follows the text). */
  note(topic: string, text: string): Locator {
    return this.notes(topic).getByRole('listitem').filter({ hasText: text }).first();
  }

  /** Adds a group on a topic in the group phase. */
  async addGroup(topic: string, title: string): Promise<void> {
    const form = this.panel.getByRole('form', { name: `New group on ${topic}` });
    await form.getByRole('textbox', { name: `New group on ${topic}` }).fill(title);
    await form.getByRole('button', { name: 'Add group' }).click();
    await this.notes(topic)
      .getByText(new RegExp(`^Group: ${title} \\(`))
      .waitFor();
  }

  /** Puts a note into a group with its "Group" field. */
  async moveNote(note: string, group: string): Promise<void> {
    await this.panel.getByRole('combobox', { name: `Group of the note "${note}"` }).click();
    await this.page.getByRole('option', { name: group, exact: true }).click();
  }

  /** The button that adds a vote to an item, by the item's title. */
  addVote(item: string): Locator {
    return this.panel.getByRole('button', { name: `Add a vote to "${item}"` });
  }

  /** "Ana: you have 1 vote left of 3." */
  async votesLeft(): Promise<string> {
    return ((await this.panel.getByRole('status').first().textContent()) ?? '').trim();
  }

  /** Fills the "Record an action" form in the panel and adds the action. */
  async recordAction(action: { title: string; owner: string; dueOn: string }): Promise<void> {
    const form = this.panel.getByRole('form', { name: 'Record an action' });
    await form.getByRole('textbox', { name: /^Action/ }).fill(action.title);
    const owner = form.getByRole('combobox', { name: /^Owner/ });
    await owner.fill(action.owner);
    await owner.press('Escape');
    await form.getByLabel(/^Due/).fill(action.dueOn);
    await form.getByRole('button', { name: 'Add action' }).click();
    await this.part('Actions agreed')
      .getByRole('list', { name: 'Actions agreed in this review' })
      .getByText(action.title, { exact: true })
      .waitFor();
  }

  /** The texts of a list's own items (not those of lists inside them). */
  async itemTexts(list: Locator): Promise<string[]> {
    return list.evaluate((element) =>
      [...element.children].filter((child) => child.tagName === 'LI').map((child) => child.textContent ?? ''),
    );
  }
}
