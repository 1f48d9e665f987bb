import { act, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { createDomain, fill, renderCharter, section } from './charter-test-support';

describe('domain page: resource constraints', { timeout: 30_000 }, () => {
  it('saves budget and capacity in one intent and shows them', async () => {
    const user = userEvent.setup();
    const page = await renderCharter((repository) => createDomain(repository, 'Checkout'));
    const constraints = section('Resource constraints');
    expect(within(constraints).getByText(/No budget set\. Set how much/)).toBeVisible();
    expect(within(constraints).getByText(/No budget is set, so there is no envelope/)).toBeVisible();

    await user.click(within(constraints).getByRole('button', { name: 'Edit resource constraints' }));
    const form = within(constraints).getByRole('form', { name: 'Edit resource constraints' });
    await fill(user, within(form).getByRole('textbox', { name: /Budget amount/ }), '5000');
    await fill(user, within(form).getByRole('textbox', { name: /Budget unit/ }), 'EUR');
    await user.selectOptions(within(form).getByRole('combobox', { name: /Budget period/ }), 'Quarter');
    await fill(user, within(form).getByRole('textbox', { name: /Capacity amount/ }), '4');
    await fill(user, within(form).getByRole('textbox', { name: /Capacity unit/ }), 'people');
    await user.click(within(form).getByRole('button', { name: 'Save' }));

    expect(page.stored()).toMatchObject({
      budgetAmount: 5000,
      budgetUnit: 'EUR',
      budgetPeriod: 'quarter',
      capacityAmount: 4,
      capacityUnit: 'people',
    });
    expect(within(constraints).getByText('5,000 EUR per quarter')).toBeVisible();
    expect(within(constraints).getByText('4 people')).toBeVisible();

    page.session.undo.undo();
    expect(page.stored()).toMatchObject({ budgetAmount: null, budgetUnit: '', capacityAmount: null, capacityUnit: '' });
  });

  it('refuses a negative budget next to the field and writes nothing', async () => {
    const user = userEvent.setup();
    const page = await renderCharter((repository) =>
      createDomain(repository, 'Checkout', { budgetAmount: 100, budgetUnit: 'EUR' }),
    );
    const before = page.stored();
    const constraints = section('Resource constraints');
    await user.click(within(constraints).getByRole('button', { name: 'Edit resource constraints' }));
    const form = within(constraints).getByRole('form', { name: 'Edit resource constraints' });
    const amount = within(form).getByRole('textbox', { name: /Budget amount/ });
    await fill(user, amount, '-20');
    await fill(user, within(form).getByRole('textbox', { name: /Budget unit/ }), 'USD');
    await user.click(within(form).getByRole('button', { name: 'Save' }));
    expect(amount).toHaveAccessibleDescription(expect.stringContaining('The budget must not be negative.'));
    expect(page.stored()).toEqual(before);

    await user.click(within(form).getByRole('button', { name: 'Cancel' }));
    expect(within(constraints).getByText('100 EUR per month')).toBeVisible();
  });

  it('shows the budget envelope from the decisions with a cost: committed, pending and remaining', async () => {
    const page = await renderCharter((repository) => {
      const domain = createDomain(repository, 'Checkout', {
        budgetAmount: 5000,
        budgetUnit: 'EUR',
        budgetPeriod: 'month',
      });
      const decided = { domainId: domain.id, decidedAt: Date.now() };
      repository.create('decisions', { title: 'New card reader', status: 'decided', cost: 1200, ...decided });
      repository.create('decisions', { title: 'Training', status: 'implemented', cost: 300, ...decided });
      repository.create('decisions', { title: 'Second reader', status: 'draft', cost: 700, domainId: domain.id });
      repository.create('decisions', {
        title: 'Elsewhere',
        status: 'decided',
        cost: 9999,
        domainId: null,
        decidedAt: Date.now(),
      });
      return domain;
    });
    const envelope = within(section('Resource constraints')).getByRole('region', { name: /Budget envelope/ });
    const figure = (label: string) => within(envelope).getByText(label).nextElementSibling?.textContent;
    expect(figure('Budget')).toBe('5,000 EUR');
    expect(figure('Committed')).toBe('1,500 EUR');
    expect(figure('Pending')).toBe('700 EUR');
    expect(figure('Remaining')).toBe('3,500 EUR');
    expect(within(envelope).getByText('Within budget')).toBeVisible();
    const bar = within(envelope).getByRole('progressbar', { name: 'Budget used: 1,500 EUR of 5,000 EUR' });
    expect(bar).toHaveAttribute('aria-valuenow', '30');
    expect(within(envelope).getByText(new RegExp(Intl.DateTimeFormat().resolvedOptions().timeZone))).toBeVisible();

    // Committing more takes it over: the figures say by how much.
    act(() => {
      page.repository.create('decisions', {
        title: 'Big spend',
        status: 'decided',
        cost: 4000,
        domainId: page.domain.id,
        decidedAt: Date.now(),
      });
    });
    expect(await within(envelope).findByText('Over budget')).toBeVisible();
    expect(figure('Over by')).toBe('500 EUR');
  });
});
