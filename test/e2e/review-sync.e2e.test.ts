/**
 * Issue 7 with two laptops, each a separate Chromium profile synced peer to peer through a
 * signalling server on 127.0.0.1 (see sync-helpers.ts): Ada creates a monthly review in a
 * shared team workspace and facilitates it; Ben opens the same review on his laptop and
 * follows her phases; both check in, write notes under the topics and place dot votes in
 * the same review, and both see the same notes, the same vote totals and the same ranking.
 *
 * Runs inside `npm run test:e2e`'s private network namespace: WebRTC sees loopback only.
 */
import type { Locator } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { AppPage } from './pages/app-page';
import { waitUntil } from './pages/sync-page';
import { openTeammate, shareTeamWorkspace, startSignalling, type Teammate, type TestSignalling } from './sync-helpers';

const baseUrl = inject('baseUrl');
let signalling: TestSignalling | undefined;
let ada: Teammate | undefined;
let ben: Teammate | undefined;

beforeAll(async () => {
  signalling = await startSignalling();
  ada = await openTeammate(baseUrl, 'Ada Moreau');
  ben = await openTeammate(baseUrl, 'Ben Okafor');
});
afterAll(async () => {
  await ada?.browser.close();
  await ben?.browser.close();
  await signalling?.stop();
});

/** The facilitation panel of the open review. */
function facilitation(app: AppPage): Locator {
  return app.page.getByRole('region', { name: 'Facilitation', exact: true });
}

/** Waits until the facilitation panel shows the phase `title`. */
async function waitForPhase(app: AppPage, title: string): Promise<void> {
  await facilitation(app).getByRole('heading', { level: 3, name: title, exact: true }).waitFor();
}

/** The facilitator moves on to `title` with Next. */
async function next(app: AppPage, title: string): Promise<void> {
  await facilitation(app)
    .getByRole('button', { name: `Next: ${title}`, exact: true })
    .click();
  await waitForPhase(app, title);
}

async function checkIn(app: AppPage, word: string): Promise<void> {
  const form = facilitation(app).getByRole('form', { name: 'Check in' });
  await form.getByRole('textbox', { name: /^A word from/ }).fill(word);
  await form.getByRole('button', { name: 'Check in' }).click();
}

async function addNote(app: AppPage, topic: string, text: string): Promise<void> {
  const form = facilitation(app).getByRole('form', { name: `Add a note on ${topic}`, exact: true });
  await form.getByRole('textbox', { name: new RegExp(`^Your note on ${topic}`) }).fill(text);
  await form.getByRole('button', { name: 'Add note' }).click();
  await facilitation(app)
    .getByRole('list', { name: `Notes on ${topic}`, exact: true })
    .getByText(text, { exact: false })
    .waitFor();
}

/**
 * The lines of a list, in the order shown: each item's first paragraph (a note's text and
 * author, without the buttons beside it), or its whole text when it has none.
 */
async function lines(list: Locator): Promise<string[]> {
  const texts = await list
    .getByRole('listitem')
    .evaluateAll((items) => items.map((item) => (item.querySelector('p') ?? item).textContent ?? ''));
  return texts.map((line) => line.replace(/\s+/g, ' ').trim());
}

/** Waits until the list `name` inside `scope` shows exactly `expected` (in order). */
async function waitForLines(scope: Locator, name: string, expected: readonly string[]): Promise<void> {
  const list = scope.getByRole('list', { name, exact: true });
  let shown: string[] = [];
  await waitUntil(
    async () => {
      shown = (await list.count()) === 0 ? [] : await lines(list);
      return JSON.stringify(shown) === JSON.stringify(expected);
    },
    () => `“${name}” shows ${JSON.stringify(shown)}, not ${JSON.stringify(expected)}.`,
  );
}

/** Adds `count` votes to the item `title`, one click at a time, each seen counted. */
async function vote(app: AppPage, title: string, count: number): Promise<void> {
  const button = { name: `Add a vote to "${title}"`, exact: true };
  const row = facilitation(app)
    .getByRole('list', { name: 'Items to vote on' })
    .getByRole('listitem')
    .filter({ has: app.page.getByRole('button', button) });
  const before = Number((await row.getByText(/^Yours: \d+$/).textContent())?.replace('Yours: ', ''));
  for (let vote = 1; vote <= count; vote += 1) {
    await row.getByRole('button', button).click();
    await row.getByText(`Yours: ${before + vote}`, { exact: true }).waitFor();
  }
}

describe('a review run on two synced laptops', () => {
  it(
    'lets both people add notes and votes in the same review and both see the same totals',
    { timeout: 300_000 },
    async () => {
      if (!ada || !ben || !signalling) throw new Error('The set-up did not finish.');
      await shareTeamWorkspace(ada, ben, { workspace: 'Orbit', signallingUrl: signalling.url });

      // Ada prepares a monthly review; Ben opens the same review on his laptop.
      await ada.app.goto('/reviews');
      await ada.app.page.getByRole('button', { name: 'New review' }).first().click();
      const dialog = ada.app.page.getByRole('dialog', { name: 'New review' });
      await dialog.getByRole('radio', { name: 'Monthly' }).check();
      await dialog.getByRole('textbox', { name: 'Title' }).fill('November retro');
      await dialog.getByRole('button', { name: 'Create review' }).click();
      await dialog.waitFor({ state: 'hidden' });
      await ada.app.page.getByRole('heading', { level: 1, name: 'November retro' }).waitFor();
      const route = ada.app.route();
      expect(route).toMatch(/^\/reviews\/./);
      await ben.app.goto(route);
      await ben.app.page.getByRole('heading', { level: 1, name: 'November retro' }).waitFor();

      // Ada starts and facilitates it; Ben's laptop follows her phases.
      await ada.app.page
        .getByRole('region', { name: 'Run the review' })
        .getByRole('button', { name: 'Start the review' })
        .click();
      await waitForPhase(ada.app, 'Check-in');
      await waitForPhase(ben.app, 'Check-in');
      await checkIn(ada.app, 'Curious');
      await checkIn(ben.app, 'Focused');
      const checkIns = ['Ada Moreau: Curious', 'Ben Okafor: Focused'];
      for (const person of [ada, ben]) {
        await waitUntil(
          async () => {
            const list = facilitation(person.app).getByRole('list', { name: 'Check-ins' });
            return (await list.count()) > 0 && JSON.stringify((await lines(list)).sort()) === JSON.stringify(checkIns);
          },
          () => `${person.name} never saw both check-ins.`,
        );
      }

      await next(ada.app, 'Health pulse');
      await next(ada.app, 'Reflect');
      await waitForPhase(ben.app, 'Reflect');

      // While Ben writes a note, Ada sees that he is typing under that topic, and then no longer.
      const benForm = facilitation(ben.app).getByRole('form', { name: 'Add a note on Support needs', exact: true });
      await benForm.getByRole('textbox', { name: /^Your note on Support needs/ }).fill('Nobody knows');
      const adaForm = facilitation(ada.app).getByRole('form', { name: 'Add a note on Support needs', exact: true });
      await adaForm.getByRole('status').filter({ hasText: 'Ben Okafor is typing…' }).waitFor();
      await benForm.getByRole('textbox', { name: /^Your note on Support needs/ }).fill('');
      await adaForm.getByRole('status').waitFor({ state: 'detached' });

      // Both write notes under the topics.
      await addNote(ada.app, 'Support needs', 'Advice takes a week to arrive');
      await addNote(ben.app, 'Support needs', 'Nobody knows whom to ask');
      await addNote(ben.app, 'Process improvements', 'Too many status meetings');
      await addNote(ada.app, 'Process improvements', 'Decision records are hard to find');
      for (const person of [ada, ben]) {
        await waitForLines(facilitation(person.app), 'Notes on Support needs', [
          'Advice takes a week to arrive — Ada Moreau',
          'Nobody knows whom to ask — Ben Okafor',
        ]);
        await waitForLines(facilitation(person.app), 'Notes on Process improvements', [
          'Too many status meetings — Ben Okafor',
          'Decision records are hard to find — Ada Moreau',
        ]);
      }

      await next(ada.app, 'Group');
      await next(ada.app, 'Vote');
      await waitForPhase(ben.app, 'Vote');

      // Both place their three dots, interleaved.
      await vote(ada.app, 'Advice takes a week to arrive', 2);
      await vote(ben.app, 'Nobody knows whom to ask', 2);
      await vote(ada.app, 'Too many status meetings', 1);
      await vote(ben.app, 'Advice takes a week to arrive', 1);
      for (const person of [ada, ben]) {
        const panel = facilitation(person.app);
        await panel
          .getByRole('status')
          .filter({ hasText: `${person.name}: you have 0 votes left of 3.` })
          .waitFor();
        // The budget is spent: no more votes on anything.
        expect(
          await panel
            .getByRole('button', { name: /^Add a vote to / })
            .evaluateAll((buttons) => buttons.map((b) => (b as HTMLButtonElement).disabled)),
        ).toEqual([true, true, true, true]);
      }

      // Both see the same totals, counted from both laptops' votes.
      const totals = [
        'Advice takes a week to arrive (Support needs): 3 votes from 2 people',
        'Nobody knows whom to ask (Support needs): 2 votes from 1 person',
        'Too many status meetings (Process improvements): 1 vote from 1 person',
      ];
      for (const person of [ada, ben]) {
        const results = person.app.page.getByRole('region', { name: 'Vote results', exact: true });
        await waitForLines(results, 'Vote results', totals);
        expect(await results.textContent()).toContain('2 people voted, 3 votes each.');
        await facilitation(person.app).getByText('2 people have voted so far.').waitFor();
      }

      // Discuss: the same ranking on both laptops, most votes first.
      await next(ada.app, 'Discuss');
      await waitForPhase(ben.app, 'Discuss');
      for (const person of [ada, ben]) {
        const ranked = facilitation(person.app).getByRole('list', { name: 'Items by votes', exact: true });
        await ranked.waitFor();
        const top = await ranked
          .locator(':scope > li')
          .evaluateAll((items) => items.map((item) => item.querySelector('p')?.textContent ?? ''));
        expect(top).toEqual(['Advice takes a week to arrive', 'Nobody knows whom to ask', 'Too many status meetings']);
      }
      expect(await ada.app.seriousA11yViolations()).toEqual([]);
      expect(ada.app.errors).toEqual([]);
      expect(ben.app.errors).toEqual([]);
    },
  );
});
