/**
 * Decisions in Chromium: a decision recorded in a domain with a budget warns before it goes
 * over, opens on its own page classified from its impact, and is found again with the log's
 * search after a reload. Then the whole of issue 5 as a new user meets it: the three tiers'
 * workflows (advice, positions with an objection that blocks deciding), an override with a
 * reason, an escalation, failed reviews with a rollback and a lesson, an accepted
 * progressive-autonomy suggestion, and every decision found again with search and filters
 * after a reload; every screen passes axe.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startBrowser, type BrowserSession } from './browser';
import { AppPage } from './pages/app-page';
import { DecisionPage } from './pages/decision-page';

const baseUrl = inject('baseUrl');
let browser: BrowserSession;

beforeAll(async () => {
  browser = await startBrowser();
});
afterAll(async () => {
  await browser.close();
});

describe('decisions', () => {
  it('records a costed decision with a budget warning, classifies it, and finds it again after a reload', async () => {
    const app = new AppPage(await browser.newPage(), baseUrl);
    const page = app.page;
    await app.goto('/domains');
    await app.createWorkspaceByKeyboard('Ops', 'Team');
    await app.goto('/domains');
    await page.getByRole('button', { name: 'New domain' }).first().click();
    const domainDialog = page.getByRole('dialog', { name: 'New domain' });
    await domainDialog.getByRole('radio', { name: 'Platform team', exact: true }).check();
    await domainDialog.getByRole('textbox', { name: 'Name', exact: true }).fill('Platform');
    await domainDialog.getByRole('button', { name: 'Create domain' }).click();
    await page.getByRole('heading', { level: 1, name: 'Platform' }).waitFor();

    await app.goto('/decisions');
    await page.getByRole('button', { name: 'New decision' }).first().click();
    const dialog = page.getByRole('dialog', { name: 'New decision' });
    await dialog.getByRole('textbox', { name: 'Title' }).fill('Rewrite the billing service');
    await dialog
      .getByLabel(/^Domain/)
      .first()
      .click();
    await page.getByRole('option', { name: 'Platform' }).click();
    await dialog
      .getByLabel(/^Status/)
      .first()
      .click();
    await page.getByRole('option', { name: 'Decided', exact: true }).click();
    // The platform-team template budgets 40,000 EUR a quarter.
    await dialog.getByRole('textbox', { name: 'Cost' }).fill('45000');
    await dialog.getByText(/would take the Platform budget for Q\d \d{4} over by 5,000 EUR/).waitFor();
    expect(await app.seriousA11yViolations()).toEqual([]);
    // Decided as collaborative needs a rollback plan first: record it as a draft instead.
    await dialog
      .getByLabel(/^Status/)
      .first()
      .click();
    await page.getByRole('option', { name: 'Draft', exact: true }).click();
    await dialog.getByRole('button', { name: /^Record/ }).click();
    await page.getByRole('heading', { level: 1, name: 'Rewrite the billing service' }).waitFor();
    expect(await page.getByText('Cost 45,000 is above the consultative limit of 30,000').count()).toBeGreaterThan(0);
    expect(await app.seriousA11yViolations()).toEqual([]);

    await app.goto('/decisions');
    await page.reload();
    await page.getByRole('searchbox', { name: 'Search decisions' }).fill('billing rewrite');
    await page.getByRole('link', { name: 'Rewrite the billing service' }).waitFor();
    await page.getByRole('searchbox', { name: 'Search decisions' }).fill('billing nothing');
    await page.getByRole('heading', { name: 'No decision matches' }).waitFor();
    expect(await app.seriousA11yViolations()).toEqual([]);
    expect(app.errors).toEqual([]);
    await page.close();
  });

  it('takes a new user through the tiers, an override, an escalation, failed reviews and a lowered limit, and finds every decision again', async () => {
    const app = new AppPage(await browser.newPage(), baseUrl);
    const page = app.page;
    const decisions = new DecisionPage(app);
    await app.goto('/domains');
    await app.createWorkspaceByKeyboard('Infra', 'Team');
    // The platform-team template sets limits of 3,000 (autonomous) and 30,000 (consultative).
    await app.createDomainFromTemplate('Platform team', 'Platform');
    await app.createDomainFromTemplate('Product team', 'Checkout');

    // 1. An autonomous decision, decided alone.
    const cache = 'Switch the build cache to a regional bucket';
    const cacheRoute = await decisions.record({
      title: cache,
      domain: 'Platform',
      cost: 500,
      expectTier: 'Autonomous',
    });
    await decisions.setStatus('Decided');

    // 2. A consultative decision: ask for advice, record two pieces of it, weigh them, decide.
    const staging = 'Move staging to the shared cluster';
    const stagingRoute = await decisions.record({
      title: staging,
      domain: 'Platform',
      cost: 5000,
      expectTier: 'Consultative',
    });
    const advice = decisions.section('Advice');
    const ask = await decisions.openForm('Advice', 'Ask for advice', 'Ask for advice');
    await ask.getByRole('checkbox', { name: 'Checkout' }).check();
    await decisions.save(ask);
    await decisions.waitForText(decisions.summary, 'Status: Seeking advice');
    await decisions.waitForText(advice, 'Not answered yet');

    let form = await decisions.openForm('Advice', 'Record advice', 'Record advice');
    await form.getByRole('textbox', { name: /^Advice/ }).fill('Move the payment sandbox last; it needs a fixed IP.');
    await form.getByLabel('Given by', { exact: true }).fill('Ana');
    await decisions.choose(form, 'For domain', 'Checkout');
    await decisions.save(form);
    form = await decisions.openForm('Advice', 'Record advice', 'Record advice');
    await form.getByRole('textbox', { name: /^Advice/ }).fill('Keep the old cluster for two weeks as a fallback.');
    await form.getByLabel('Given by', { exact: true }).fill('Ben');
    await decisions.save(form);
    const received = advice.getByRole('list', { name: 'Advice received' }).getByRole('listitem');
    expect(await received.count()).toBe(2);
    expect(await received.nth(0).textContent()).toContain('From Ana for Checkout');
    expect(await received.nth(1).textContent()).toContain('From Ben');
    await decisions.waitForText(advice.getByRole('list', { name: 'Asked for advice' }), 'Answered');

    // Deciding needs the weighing and a rollback plan.
    let refused = await decisions.submitStatus('Decided', 'Move the services back to the old cluster.');
    await refused.getByText(/needs to say how the advice was weighed before it is decided/).waitFor();
    await refused.getByRole('button', { name: 'Cancel' }).click();
    await refused.waitFor({ state: 'hidden' });
    form = await decisions.openForm('Advice', 'Edit how the advice was weighed', 'Edit how the advice was weighed');
    await form
      .getByRole('textbox', { name: 'How the advice was weighed' })
      .fill('Followed both: the sandbox moves last, and the old cluster stays for two weeks.');
    await decisions.save(form);
    await decisions.setStatus('Decided', 'Move the services back to the old cluster.');

    // 3. A collaborative decision: positions, an objection that blocks deciding until it is resolved.
    const scripts = 'Retire the legacy deploy scripts';
    await decisions.record({
      title: scripts,
      domain: 'Platform',
      cost: 2000,
      effect: 'Major',
      expectTier: 'Collaborative',
    });
    await decisions.recordPosition('Ana', 'Consent', 'Safe enough to try.');
    await decisions.recordPosition('Ben', 'Objection', 'The nightly billing jobs still deploy with these scripts.');
    const together = decisions.section('Deciding together');
    await decisions.waitForText(together, 'Positions: 1 consent · no concern · 1 objection');
    await decisions.waitForText(decisions.summary, 'Status: Deciding together');
    await together.getByText('An objection stands', { exact: true }).waitFor();
    expect(await app.seriousA11yViolations()).toEqual([]);

    refused = await decisions.submitStatus('Decided', 'Restore the scripts from the repository history.');
    await refused.getByText('An objection stands (Ben): it must be resolved before deciding together.').waitFor();
    await refused.getByRole('button', { name: 'Cancel' }).click();
    await refused.waitFor({ state: 'hidden' });
    await decisions.waitForText(decisions.summary, 'Status: Deciding together');

    await together.getByRole('button', { name: 'Change the position of Ben' }).click();
    form = together.getByRole('form', { name: 'Change the position of Ben' });
    await form.getByRole('radio', { name: 'Consent' }).check();
    await form.getByRole('textbox', { name: 'Note' }).fill('The billing jobs moved to the new pipeline.');
    await decisions.save(form);
    await decisions.waitForText(together, 'Positions: 2 consents · no concern · no objection');
    await decisions.setStatus('Decided', 'Restore the scripts from the repository history.');
    await together.getByText('Decided together with Ana (consent), Ben (consent).').waitFor();

    // 4. An override: a consultative decision made alone, with a written reason.
    const rota = 'Trial a hosted on-call rota';
    const rotaRoute = await decisions.record({
      title: rota,
      domain: 'Platform',
      cost: 1000,
      horizon: 'Medium term',
      expectTier: 'Consultative',
    });
    form = await decisions.openForm('Impact and classification', 'Edit impact', 'Edit impact');
    await decisions.choose(form, 'Tier', 'Autonomous');
    await form.getByText('Autonomous is less demanding than the classification (Consultative).').waitFor();
    await form.getByRole('button', { name: 'Save', exact: true }).click();
    await form.getByText('Write why a less demanding tier than the classification (Consultative) is chosen.').waitFor();
    await form
      .getByRole('textbox', { name: /^Reason for the override/ })
      .fill('A one-month trial, cancelled with a click.');
    await decisions.save(form);
    await decisions.waitForText(decisions.summary, 'Tier: Autonomous');
    await decisions.summary.getByText('Override', { exact: true }).waitFor();
    await decisions
      .section('Impact and classification')
      .getByText('A one-month trial, cancelled with a click.')
      .waitFor();
    await decisions.setStatus('Decided');

    // 5. An escalation: raised to consultative and handed to Checkout, with a reason.
    const images = 'Pin the base image versions';
    const imagesRoute = await decisions.record({
      title: images,
      domain: 'Platform',
      cost: 800,
      expectTier: 'Autonomous',
    });
    await page.getByRole('button', { name: 'Escalate', exact: true }).click();
    const escalate = page.getByRole('dialog', { name: 'Escalate decision' });
    await decisions.choose(escalate, 'Raise to tier', 'Consultative');
    await decisions.choose(escalate, 'Hand to domain', 'Checkout');
    await escalate.getByRole('textbox', { name: /^Reason/ }).fill('Every product team builds on these images.');
    expect(await app.seriousA11yViolations()).toEqual([]);
    await escalate.getByRole('button', { name: 'Escalate', exact: true }).click();
    await escalate.waitFor({ state: 'hidden' });
    const escalations = decisions.section('Escalations');
    await escalations.getByText('Raised from Autonomous to Consultative and handed to Checkout').waitFor();
    await escalations.getByText('Every product team builds on these images.').waitFor();
    await decisions.waitForText(decisions.summary, 'Tier: Consultative');
    await decisions.waitForText(decisions.summary, 'Domain: Checkout');

    // 6. Reviews: the autonomous and the consultative decisions did not work; the
    // consultative one is rolled back with a lesson.
    await decisions.open(cacheRoute, cache);
    form = await decisions.openForm('Safety nets', 'Edit safety nets', 'Edit safety nets');
    await decisions.choose(form, 'Outcome', 'Did not work');
    await form.getByRole('textbox', { name: 'Expected result' }).fill('Builds twice as fast.');
    await form.getByRole('textbox', { name: 'Actual result' }).fill('Cache misses made builds slower.');
    await decisions.save(form);
    await decisions.waitForText(decisions.summary, 'Status: Reviewed');
    await decisions.section('Safety nets').getByText('Did not work', { exact: true }).waitFor();

    await decisions.open(stagingRoute, staging);
    form = await decisions.openForm('Safety nets', 'Edit safety nets', 'Edit safety nets');
    await decisions.choose(form, 'Outcome', 'Did not work');
    await form.getByRole('textbox', { name: 'Expected result' }).fill('One cluster to run instead of two.');
    await decisions.save(form);
    await decisions.waitForText(decisions.summary, 'Status: Reviewed');
    form = await decisions.openForm('Safety nets', 'Record a rollback', 'Record a rollback');
    await form.getByRole('textbox', { name: 'What happened' }).fill('Noisy neighbours slowed every test run.');
    await form
      .getByRole('textbox', { name: 'Lessons learned' })
      .fill('Load-test a shared cluster before moving to it.');
    await decisions.save(form, 'Record rollback');
    await decisions.waitForText(decisions.summary, 'Status: Rolled back');
    const safety = decisions.section('Safety nets');
    await safety.getByText('Load-test a shared cluster before moving to it.').waitFor();
    await safety.getByText('Noisy neighbours slowed every test run.').waitFor();
    await safety.getByText('Did not work', { exact: true }).waitFor();
    await safety.getByText('Rolled back', { exact: true }).waitFor();

    // 7. The domain's track record suggests lowering its limits; accepting it changes the
    // policy, with the reason in the history.
    await decisions.summary.getByRole('link', { name: 'Platform' }).click();
    await page.getByRole('heading', { level: 1, name: 'Platform' }).waitFor();
    const record = page.getByRole('region', { name: 'Track record' });
    await record.getByText('Suggestion: lower the limits').waitFor();
    const why = await record.getByRole('list', { name: 'Why' }).textContent();
    expect(why).toContain('2 of 2 failed or were rolled back (100%)');
    expect(why).toContain(
      'Lower the autonomous limit from 3,000 to 2,250 and the consultative limit from 30,000 to 22,500',
    );
    expect(await app.seriousA11yViolations()).toEqual([]);
    await record.getByRole('button', { name: 'Accept suggestion' }).click();
    const history = page.getByRole('table', { name: 'Change history' });
    await history.getByText('Progressive autonomy: 2 of 2 reviewed decisions failed or were rolled back').waitFor();
    const limits = page.getByRole('group', { name: 'Limits that apply' });
    await decisions.waitForText(limits, 'Up to 2,250 EUR');
    await decisions.waitForText(limits, 'Up to 22,500 EUR');

    // 8. After a reload, each decision is found with search, and with filters.
    await app.goto('/decisions');
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Decisions' }).waitFor();
    /** Waits until the log lists exactly `titles` (in any order) and its count agrees. */
    const expectLog = async (titles: string[]): Promise<void> => {
      await expect.poll(() => decisions.logTitles(), { timeout: 5_000 }).toEqual([...titles].sort());
      expect(await decisions.logCount()).toBe(`${titles.length} of 5 decisions`);
    };
    const searches: [string, string][] = [
      ['build cache', cache],
      ['staging cluster', staging],
      ['legacy scripts', scripts],
      ['rota', rota],
      ['base image', images],
    ];
    for (const [words, title] of searches) {
      await decisions.search.fill(words);
      await expectLog([title]);
    }
    await decisions.search.fill('');
    await expectLog([cache, staging, scripts, rota, images]);

    // The tiers hold after the limits were lowered; the override is marked in the log.
    await decisions.filterLog('Tier', 'Autonomous');
    await expectLog([rota, cache]);
    const rotaRow = decisions.logRows.filter({ has: page.getByRole('link', { name: rota }) });
    await rotaRow.getByText('Override', { exact: true }).waitFor();
    const cacheRow = decisions.logRows.filter({ has: page.getByRole('link', { name: cache }) });
    expect(await cacheRow.getByText('Override', { exact: true }).count()).toBe(0);
    await decisions.clearLogFilters();
    await decisions.filterLog('Tier', 'Consultative');
    await expectLog([images, staging]);
    await decisions.clearLogFilters();
    await decisions.filterLog('Tier', 'Collaborative');
    await expectLog([scripts]);
    expect(app.route()).toContain('tier=collaborative');

    await decisions.clearLogFilters();
    await decisions.filterLog('Status', 'Rolled back');
    await expectLog([staging]);
    await decisions.filterLog('Status', 'Reviewed');
    await expectLog([staging, cache]);
    await decisions.clearLogFilters();
    await decisions.filterLog('Status', 'Decided');
    await expectLog([scripts, rota]);

    // Filters live in the address: a reload keeps them.
    await decisions.clearLogFilters();
    await decisions.filterLog('Domain', 'Checkout');
    await expectLog([images]);
    await page.reload();
    await expectLog([images]);
    await decisions.search.fill('scripts');
    await page.getByRole('heading', { name: 'No decision matches' }).waitFor();
    expect(await app.seriousA11yViolations()).toEqual([]);

    // Each decision's page still holds what was recorded.
    await decisions.open(rotaRoute, rota);
    await decisions.summary.getByText('Override', { exact: true }).waitFor();
    await decisions.open(imagesRoute, images);
    await decisions.section('Escalations').getByText('Every product team builds on these images.').waitFor();
    expect(app.errors).toEqual([]);
    await page.close();
  });
});
