/**
 * The review process in Chromium (issue 7, "Done when"): a facilitator prepares the monthly
 * review of last month for a workspace whose month has decisions, an escalation, a decision
 * waiting for advice and a pulse round (so the agenda's topics show figures and records), and
 * runs every phase in order: check-in, health pulse, reflect (notes by name and one
 * anonymous), group (two notes in one group), vote (dot votes within the budget), discuss and
 * actions (two, each with an owner and a due date). The report is exported as Markdown (the
 * downloaded file is read) and shown as it prints; the review is closed, its workspace's
 * backup shows that the anonymous note was written by a Yjs client of its own, and this
 * month's review lists both actions as open and counts what last month's discussed as
 * learnings. Every state checked passes axe.
 *
 * The months are last month and this month in this machine's time zone (the browser's too),
 * so the test reads the same whenever it runs. Last month's records are built with the app's
 * repository on a Yjs document, saved as a backup file and imported through "Import
 * backup…", as in the metrics test.
 */
import { webcrypto } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import * as Y from 'yjs';
import { decodeBackup } from '@shared/backup/backup-format';
import { metricsPeriod } from '@shared/metrics';
import { addDays, localDateOf } from '@shared/metrics/calendar';
import { formatDate } from '@shared/review';
import { createWorkspaceRepository } from '../../renderer/data/repository';
import { CURRENT_SCHEMA_VERSION, documentToPlain, initialiseDocument } from '../../renderer/data/workspace-document';
import { backupFileOf } from './backup-file';
import { startBrowser, type BrowserSession } from './browser';
import { AppPage } from './pages/app-page';
import { ReviewsPage } from './pages/reviews-page';

const baseUrl = inject('baseUrl');
let browser: BrowserSession;

beforeAll(async () => {
  browser = await startBrowser();
});
afterAll(async () => {
  await browser.close();
});

/** This machine's time zone, which the browser shares: the months are counted in it. */
const timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
const today = localDateOf(Date.now(), timeZone);
/** This month, and the month before it: the one reviewed. */
const thisMonth = metricsPeriod({ kind: 'month', at: Date.now() }, timeZone);
const lastMonth = metricsPeriod({ kind: 'month', at: thisMonth.start - 1 }, timeZone);
/** A day of last month, YYYY-MM-DD (days 5 to 25 exist in every month). */
const dayOfLastMonth = (day: number) => `${lastMonth.firstDay.slice(0, 8)}${String(day).padStart(2, '0')}`;

/** The clock of the generated workspace: every record is written on the last day of last month. */
const WRITTEN_AT = Date.parse(`${lastMonth.lastDay}T12:00:00Z`);

/** Noon UTC of a date: the same local date in any time zone from UTC−11 to UTC+11. */
const noon = (date: string, plusDays = 0) => Date.parse(`${date}T12:00:00Z`) + plusDays * 86_400_000;

/**
 * A backup of a team workspace whose last month holds five decisions of Platform, each
 * decided two days after it was proposed, one of them escalated; a decision still waiting for
 * advice; and a pulse round of three answers.
 */
async function lastMonthBackup(): Promise<Buffer> {
  const doc = new Y.Doc();
  initialiseDocument(doc, 'reviews-e2e');
  let next = 0;
  const repository = createWorkspaceRepository(doc, {
    userId: 'generator',
    now: () => WRITTEN_AT,
    newId: () => `id-${(next += 1)}`,
  });
  const platform = repository.create('domains', { name: 'Platform', level: 'team', parentId: null });
  for (let index = 0; index < 5; index += 1) {
    const decision = repository.create('decisions', {
      title: `Decision ${index + 1} of last month`,
      domainId: platform.id,
      status: 'decided',
      proposedAt: noon(dayOfLastMonth(5)),
      decidedAt: noon(dayOfLastMonth(5), 2),
    });
    if (index > 0) continue;
    repository.addToCollection('decisions', decision.id, 'escalations', {
      escalatedAt: noon(dayOfLastMonth(6)),
      escalatedBy: 'generator',
      escalatedByName: 'Generator',
      fromTier: 'autonomous',
      toTier: 'consultative',
      toDomainId: null,
      reason: 'Nobody knew who should decide',
    });
  }
  repository.create('decisions', {
    title: 'Move staging to the shared cluster',
    domainId: platform.id,
    status: 'seeking-advice',
    proposedAt: noon(dayOfLastMonth(20)),
  });
  for (let person = 0; person < 3; person += 1) {
    repository.createAnonymous('pulseChecks', {
      periodStart: dayOfLastMonth(5),
      domainId: null,
      satisfaction: 4,
      stress: 2 + person,
      collaboration: 4,
      trust: 5,
      anonymous: true,
      respondentName: '',
    });
  }
  return backupFileOf(doc, { id: 'reviews-e2e', name: 'Platform team' }, WRITTEN_AT);
}

/** The two actions the review agrees, due in a week and in two (never overdue while it runs). */
const actions = [
  { title: 'Publish who advises on what', owner: 'Ben Okafor', dueOn: addDays(today, 7) },
  { title: 'Cancel the Wednesday status meeting', owner: 'Ana Lima', dueOn: addDays(today, 14) },
].map((action) => ({ ...action, due: formatDate(action.dueOn) }));
const [first, second] = actions as [(typeof actions)[number], (typeof actions)[number]];

describe('reviews', () => {
  it('runs a monthly review phase by phase, exports its report, and carries its actions into the next month', async () => {
    const app = new AppPage(await browser.newPage(), baseUrl);
    const page = app.page;
    const reviews = new ReviewsPage(app);
    const noViolations = async (state: string) => {
      expect({ state, violations: await app.seriousA11yViolations() }).toEqual({ state, violations: [] });
    };

    // A workspace with last month's records, and the facilitator's name.
    await app.goto('/domains');
    await app.createWorkspaceByKeyboard('Scratch', 'Personal');
    await app.importBackupAsNewWorkspace(
      { name: 'Platform team.latitude', mimeType: 'application/json', buffer: await lastMonthBackup() },
      'Platform team',
    );
    await app.goto('/settings');
    await page.getByRole('textbox', { name: 'Your name' }).fill('Ana Lima');
    await page.getByRole('button', { name: 'Save name' }).click();
    await page.getByText('Saved. New history entries will show “Ana Lima”.').waitFor();

    // Prepared from last month's data: the topics show the month's figures and records.
    const reviewed = `Monthly review: ${lastMonth.label}`;
    const route = await reviews.createMonthly(dayOfLastMonth(15), reviewed);
    const agenda = reviews.part('Agenda');
    const autonomy = agenda.getByRole('list', { name: 'Figures of Autonomy effectiveness' });
    await expect
      .poll(() => autonomy.getByRole('listitem').filter({ hasText: 'Decision velocity' }).textContent())
      .toMatch(/^Decision velocity2 days/);
    expect(await autonomy.getByRole('listitem').filter({ hasText: 'Escalation frequency' }).textContent()).toMatch(
      /^Escalation frequency20%/,
    );
    expect(await agenda.getByText('Nobody knew who should decide').count()).toBeGreaterThan(0);
    expect(await agenda.getByRole('link', { name: 'Move staging to the shared cluster' }).count()).toBeGreaterThan(0);
    await noViolations('prepared review');

    // 1. Check-in: one word each, two people on this laptop.
    await reviews.start();
    await page.getByRole('heading', { level: 3, name: 'Check-in' }).waitFor();
    expect(await reviews.panel.getByText('No open actions from earlier reviews.').count()).toBe(1);
    await reviews.checkIn('Curious');
    await reviews.actAs('Ben Okafor');
    await reviews.checkIn('Tired');
    await reviews.actAs('');
    expect(await reviews.itemTexts(reviews.panel.getByRole('list', { name: 'Check-ins' }))).toEqual([
      'Ana Lima: Curious',
      'Ben Okafor: Tired',
    ]);

    // 2. Health pulse: last month's round of three.
    await reviews.next('Health pulse');
    await reviews.panel.getByText('3 answers in 1 pulse round.').waitFor();
    expect(await reviews.panel.getByRole('list', { name: 'Health figures' }).getByRole('listitem').count()).toBe(4);

    // 3. Reflect: notes by name and one anonymous.
    await reviews.next('Reflect');
    await reviews.addNote('Support needs', 'Advice takes a week to arrive');
    await reviews.addNote('Support needs', 'I do not know whom to ask', true);
    await reviews.addNote('Process improvements', 'Too many status meetings');
    await reviews.actAs('Ben Okafor');
    await reviews.addNote('Capability gaps', 'Nobody can run the release pipeline');
    await reviews.actAs('');
    const support = reviews.notes('Support needs');
    expect(await support.getByText('(anonymous)').count()).toBe(1);
    expect(await support.getByText('— Ana Lima').count()).toBe(1);
    expect(await reviews.notes('Capability gaps').getByText('— Ben Okafor').count()).toBe(1);
    await noViolations('reflect phase');

    // 4. Group: the two notes on support needs in one group.
    await reviews.next('Group');
    await reviews.addGroup('Support needs', 'Finding help');
    await reviews.moveNote('I do not know whom to ask', 'Finding help');
    await reviews.moveNote('Advice takes a week to arrive', 'Finding help');
    await support.getByText('Group: Finding help (2 notes)').waitFor();
    expect(
      await reviews.itemTexts(support.getByRole('list', { name: 'Notes in the group Finding help' })),
    ).toHaveLength(2);

    // 5. Vote: three dots each, and no more.
    await reviews.next('Vote');
    expect(await reviews.votesLeft()).toBe('Ana Lima: you have 3 votes left of 3.');
    await reviews.addVote('Finding help').click();
    await reviews.addVote('Finding help').click();
    await reviews.addVote('Too many status meetings').click();
    await expect.poll(() => reviews.votesLeft()).toBe('Ana Lima: you have 0 votes left of 3.');
    expect(await reviews.addVote('Finding help').isDisabled()).toBe(true);
    expect(await reviews.addVote('Nobody can run the release pipeline').isDisabled()).toBe(true);
    await reviews.actAs('Ben Okafor');
    await expect.poll(() => reviews.votesLeft()).toBe('Ben Okafor: you have 3 votes left of 3.');
    await reviews.addVote('Finding help').click();
    await expect.poll(() => reviews.votesLeft()).toBe('Ben Okafor: you have 2 votes left of 3.');
    await reviews.actAs('');
    await reviews.panel.getByText('2 people have voted so far.').waitFor();
    await noViolations('vote phase');

    // 6. Discuss: most votes first; an action for the top item.
    await reviews.next('Discuss');
    const ranked = reviews.panel.getByRole('list', { name: 'Items by votes' });
    const rankedItems = await reviews.itemTexts(ranked);
    expect(rankedItems).toHaveLength(2);
    expect(rankedItems[0]).toMatch(/^Group: Finding help3 votesSupport needs · 2 people/);
    expect(rankedItems[1]).toMatch(/^Too many status meetings1 voteProcess improvements · 1 person/);
    await ranked.getByRole('button', { name: 'Record an action for "Finding help"' }).click();
    await reviews.recordAction(first);

    // 7. Actions: the second one.
    await reviews.next('Agree actions');
    await reviews.recordAction(second);
    const agreed = reviews.part('Actions agreed').getByRole('list', { name: 'Actions agreed in this review' });
    expect(await reviews.itemTexts(agreed)).toEqual([
      `${first.title}${first.owner} · due ${first.due}`,
      `${second.title}${second.owner} · due ${second.due}`,
    ]);
    await noViolations('actions phase');

    // The report as Markdown: a download, read back.
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export Markdown' }).click();
    expect((await download).suggestedFilename()).toBe(
      `monthly-review-${lastMonth.label.toLowerCase().replace(/ /g, '-')}.md`,
    );
    const markdown = await readFile(await (await download).path(), 'utf8');
    expect(markdown.startsWith(`# ${reviewed}\n`)).toBe(true);
    expect(markdown).toContain(`- Period: ${formatDate(lastMonth.firstDay)} – ${formatDate(lastMonth.lastDay)}`);
    expect(markdown).toContain('- Phase: Agree actions');
    expect(markdown).toContain('- Decision velocity: 2 days (green; 5 decisions)');
    expect(markdown).toContain('- Escalation frequency: 20% (amber; 1 of 5 decisions)');
    expect(markdown).toContain('- Move staging to the shared cluster — Platform: seeking advice for');
    expect(markdown).toContain(
      [
        '- **Finding help** (2 notes)',
        '  - I do not know whom to ask (anonymous)',
        '  - Advice takes a week to arrive — Ana Lima',
      ].join('\n'),
    );
    expect(markdown).toContain('- Too many status meetings — Ana Lima');
    expect(markdown).toContain('- Nobody can run the release pipeline — Ben Okafor');
    expect(markdown).toContain(
      [
        '## Vote results',
        '',
        '2 people voted, 3 votes each.',
        '',
        '1. **Finding help** (Support needs): 3 votes from 2 people',
        '2. **Too many status meetings** (Process improvements): 1 vote from 1 person',
      ].join('\n'),
    );
    expect(markdown).toContain(
      [
        '## Actions',
        '',
        `- [ ] ${first.title} — ${first.owner}, due ${first.due}`,
        `- [ ] ${second.title} — ${second.owner}, due ${second.due}`,
      ].join('\n'),
    );

    // The printable report: "Print" opens the browser's print dialog; as printed, the app's
    // frame and every control are left out, the report stays.
    await page.evaluate(() => {
      const counted = window as unknown as { printed: number };
      counted.printed = 0;
      window.print = () => {
        counted.printed += 1;
      };
    });
    await page.getByRole('button', { name: 'Print / save as PDF' }).click();
    expect(await page.evaluate(() => (window as unknown as { printed: number }).printed)).toBe(1);
    await page.emulateMedia({ media: 'print' });
    expect(await app.navigation.isVisible()).toBe(false);
    expect(await page.getByRole('button', { name: 'Export Markdown' }).isVisible()).toBe(false);
    expect(await reviews.panel.isVisible()).toBe(false);
    expect(await agreed.getByText(first.title, { exact: true }).isVisible()).toBe(true);
    expect(await reviews.part('Vote results').getByRole('list', { name: 'Vote results' }).isVisible()).toBe(true);
    expect(
      await agenda
        .getByText(/^I do not know whom to ask/)
        .first()
        .isVisible(),
    ).toBe(true);
    expect(
      await agenda
        .getByRole('button', { name: /^Turn into…/ })
        .first()
        .isVisible(),
    ).toBe(false);
    await page.emulateMedia({ media: 'screen' });

    // The last phase closes the review.
    await reviews.panel.getByRole('button', { name: 'Close the review' }).click();
    await reviews.part('Summary').waitFor();
    expect(app.route()).toBe(route);

    // In the workspace's data (its backup, read here): the anonymous note was written by a Yjs
    // client of its own, not the one that wrote this person's named notes, and names nobody.
    await app.goto('/workspaces');
    const backupDownload = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Back up Platform team' }).click();
    const backup = await decodeBackup(await readFile(await (await backupDownload).path(), 'utf8'), {
      sha256: (bytes) => webcrypto.subtle.digest('SHA-256', bytes),
      supportedSchemaVersion: CURRENT_SCHEMA_VERSION,
    });
    const stored = new Y.Doc();
    Y.applyUpdate(stored, backup.state);
    const writerOf = (map: unknown, key: string): number => {
      const item = map instanceof Y.Map ? (map as Y.Map<unknown>)._map.get(key) : undefined;
      if (item === undefined) throw new Error(`Nothing stored under ${key}.`);
      return item.id.client;
    };
    const anonymousNotes = [...stored.getMap('anonymousReviewNotes').values()];
    expect(anonymousNotes.map((note) => (note as Y.Map<unknown>).get('text'))).toEqual(['I do not know whom to ask']);
    const storedReview = [...stored.getMap('reviews').values()].find(
      (review) => (review as Y.Map<unknown>).get('title') === reviewed,
    );
    const namedKeys = [...(storedReview as Y.Map<unknown>).keys()].filter((key) => key.startsWith('notes/'));
    expect(namedKeys).toHaveLength(3);
    const personal = new Set(namedKeys.map((key) => writerOf(storedReview, key)));
    const anonymousWriter = writerOf(anonymousNotes[0], 'text');
    expect(personal.has(anonymousWriter)).toBe(false);
    expect(writerOf(anonymousNotes[0], 'createdBy')).toBe(anonymousWriter);
    expect(JSON.stringify(documentToPlain(stored).entities.anonymousReviewNotes)).not.toMatch(/Ana|Ben/);
    await app.goto(route);

    // This month's review: both actions are open, carried from last month's; the two items
    // last month's review discussed count as learnings recorded this month.
    await reviews.createMonthly(today, `Monthly review: ${thisMonth.label}`);
    const carried = reviews.part('Actions from earlier reviews');
    await carried.getByText('0 of 2 actions from earlier reviews done.').waitFor();
    const open = carried.getByRole('list', { name: 'Open actions from earlier reviews' });
    const openTexts = await reviews.itemTexts(open);
    expect(openTexts).toHaveLength(2);
    for (const [index, action] of actions.entries()) {
      expect(openTexts[index]).toContain(`${action.title}${action.owner} · due ${action.due}`);
      expect(openTexts[index]).toContain(`From ${reviewed}`);
      expect(await open.getByRole('checkbox', { name: `Done: ${action.title}` }).isChecked()).toBe(false);
    }
    const learning = reviews
      .part('Agenda')
      .getByRole('list', { name: 'Figures of Capability gaps' })
      .getByRole('listitem')
      .filter({ hasText: 'Learning rate' });
    expect(await learning.textContent()).toContain('2 lessons in');
    await reviews.start();
    await reviews.panel.getByText('2 open actions from earlier reviews:').waitFor();
    await noViolations('this month’s review');
    expect(app.errors).toEqual([]);
    await page.close();
  });
});
