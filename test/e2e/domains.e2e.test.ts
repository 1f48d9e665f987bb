/**
 * Domains in Chromium, as a new user meets them: the guided setup points at the first
 * domain; a team domain is created inside a domain from a template; its charter is filled;
 * an interface agreement to another domain shows on the dependency map; a threshold change
 * with a reason shows in the history; and all of it is still there after a reload.
 */
import type { Locator, Page } from 'playwright-core';
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

/**
 * Picks the option whose name contains `option` in the select labelled `label` inside
 * `scope`: a native select, or a Mantine combobox (a text box with a list of options).
 */
async function choose(page: Page, scope: Locator, label: string, option: string): Promise<void> {
  // A required field's label ends with Mantine's asterisk.
  const field = scope.getByLabel(new RegExp(`^${label}( \\*)?$`));
  if ((await field.evaluate((element) => element.tagName)) === 'SELECT') {
    const labels = await field.locator('option').allTextContents();
    const match = labels.find((text) => text.includes(option));
    if (match === undefined) throw new Error(`${label} has no option "${option}" (options: ${labels.join(', ')})`);
    await field.selectOption({ label: match });
    return;
  }
  await field.click();
  await page.getByRole('option', { name: option }).click();
}

/** Creates a domain from a template through the "New domain" dialog; ends on its page. */
async function createFromTemplate(
  app: AppPage,
  template: string,
  name: string,
  partOf: string | null = null,
): Promise<void> {
  const page = app.page;
  await app.goto('/domains');
  await page.getByRole('button', { name: 'New domain' }).first().click();
  const dialog = page.getByRole('dialog', { name: 'New domain' });
  await dialog.getByRole('radio', { name: template, exact: true }).check();
  await dialog.getByRole('textbox', { name: 'Name', exact: true }).fill(name);
  if (partOf !== null) await choose(page, dialog, 'Part of', partOf);
  await dialog.getByRole('button', { name: 'Create domain' }).click();
  await dialog.waitFor({ state: 'hidden' });
  await page.getByRole('heading', { level: 1, name }).waitFor();
}

function section(page: Page, name: string): Locator {
  return page.getByRole('region', { name, exact: true });
}

describe('domains', () => {
  it('takes a new user from an empty workspace to a chartered team domain with an agreement and a threshold history', async () => {
    const app = new AppPage(await browser.newPage(), baseUrl);
    const page = app.page;
    await app.goto('/dashboard');
    await app.createWorkspaceByKeyboard('Acme', 'Team');
    await app.goto('/dashboard');

    // The guided setup starts with the first domain.
    const setup = section(page, 'Guided setup');
    await setup.waitFor();
    const next = setup.locator('li[aria-current="step"]');
    expect(await next.textContent()).toContain('Create your first domain');

    // A domain, a team inside it from the product-team template, and a platform team.
    await createFromTemplate(app, 'Domain / business unit', 'Commerce');
    await createFromTemplate(app, 'Product team', 'Checkout', 'Commerce');
    expect(await page.getByRole('navigation', { name: 'Breadcrumb' }).textContent()).toContain('Commerce');
    await createFromTemplate(app, 'Platform team', 'Platform', 'Commerce');

    // Fill the charter of Checkout.
    await app.goto('/domains');
    await page.getByRole('link', { name: 'Checkout', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Checkout' }).waitFor();

    await page.getByRole('button', { name: 'Edit responsibility' }).click();
    const responsibility = page.getByRole('form', { name: 'Edit responsibility' });
    await responsibility
      .getByRole('textbox', { name: 'Area of responsibility' })
      .fill('Everything between the basket and the receipt.');
    await responsibility.getByRole('button', { name: 'Save' }).click();
    await responsibility.waitFor({ state: 'hidden' });

    await page.getByRole('button', { name: 'Edit resource constraints' }).click();
    const constraints = page.getByRole('form', { name: 'Edit resource constraints' });
    await constraints.getByRole('textbox', { name: 'Budget amount' }).fill('12000');
    await constraints.getByRole('textbox', { name: 'Budget unit' }).fill('EUR');
    await constraints.getByRole('button', { name: 'Save' }).click();
    await constraints.waitFor({ state: 'hidden' });

    await page.getByRole('button', { name: 'Add interface agreement' }).click();
    const agreement = page.getByRole('form', { name: 'New interface agreement' });
    await choose(page, agreement, 'Other domain', 'Platform');
    await agreement.getByRole('textbox', { name: 'What this domain provides' }).fill('Order events');
    await agreement.getByRole('textbox', { name: 'What this domain expects' }).fill('A payment API');
    await agreement.getByRole('textbox', { name: 'Service agreement' }).fill('Answers within one working day');
    await agreement.getByRole('button', { name: 'Add escalation step' }).click();
    await choose(page, agreement, 'Escalation step 1', 'Commerce');
    await agreement.getByRole('button', { name: 'Save' }).click();
    await agreement.waitFor({ state: 'hidden' });
    await page.getByRole('article', { name: 'With Platform' }).waitFor();

    // Change the thresholds with a reason; the history says who, from what, to what and why.
    await page.getByRole('button', { name: 'Change thresholds' }).click();
    const thresholds = page.getByRole('form', { name: 'Change thresholds' });
    await thresholds.getByRole('textbox', { name: 'Autonomous limit' }).fill('2500');
    await thresholds.getByRole('textbox', { name: 'Consultative limit' }).fill('20000');
    await thresholds.getByRole('textbox', { name: 'Reason' }).fill('Three months without a rollback.');
    await thresholds.getByRole('button', { name: 'Save' }).click();
    await thresholds.waitFor({ state: 'hidden' });
    const history = page.getByRole('table', { name: 'Change history' });
    await history.getByText('Three months without a rollback.').waitFor();
    expect(await history.textContent()).toContain('2,500');
    expect(await app.seriousA11yViolations()).toEqual([]);

    // Both domains and the agreement on the dependency map.
    await page.getByRole('link', { name: 'Show on the dependency map' }).click();
    await page.getByRole('heading', { level: 1, name: 'Dependency map' }).waitFor();
    const map = page.locator('.react-flow');
    await map.getByText('Checkout', { exact: true }).waitFor();
    await map.getByText('Platform', { exact: true }).waitFor();
    await page.getByText('Order events').first().waitFor();
    expect(await app.seriousA11yViolations()).toEqual([]);

    // Everything is still there after a reload.
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Dependency map' }).waitFor();
    await map.getByText('Checkout', { exact: true }).waitFor();
    await page.getByText('Order events').first().waitFor();
    await map.getByText('Checkout', { exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Checkout' }).waitFor();
    await page.getByText('Everything between the basket and the receipt.').waitFor();
    await page.getByRole('article', { name: 'With Platform' }).waitFor();
    await page.getByRole('table', { name: 'Change history' }).getByText('Three months without a rollback.').waitFor();
    expect(await section(page, 'Threshold policy').textContent()).toContain('Set for this domain');

    // The guided setup has moved on past the first domain and its thresholds.
    await app.goto('/dashboard');
    const done = await section(page, 'Guided setup').locator('li[aria-current="step"]').textContent();
    expect(done).not.toContain('Create your first domain');
    expect(done).not.toContain('Define decision thresholds');
    expect(app.errors).toEqual([]);
    await page.close();
  });
});
