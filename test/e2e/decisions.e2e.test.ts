/**
 * Decisions in Chromium, as far as they are built: a decision recorded in a domain with a
 * budget warns before it goes over, opens on its own page classified from its impact, and
 * is found again with the log's search after a reload; every screen passes axe.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startBrowser, type BrowserSession } from './browser';
import { AppPage } from './pages/app-page';

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
});
