import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { WorkspaceRepository } from '../../data/repository';
import { createDomain, fill, section } from '../../domains/charter/charter-test-support';
import { createDecision, pick, renderDecision } from './decision-test-support';

const WEIGHING_REQUIRED =
  'A consultative decision needs to say how the advice was weighed before it is decided: write it in the Advice section.';

function agreement(otherDomainId: string) {
  return {
    otherDomainId,
    provides: 'Data',
    expects: 'Notice',
    serviceAgreement: '',
    communication: '',
    escalationPath: [],
  };
}

/** Checkout (the decision's domain) holds an agreement with Payments; Support holds one with Checkout; Legal has none. */
function seedDomains(repository: WorkspaceRepository) {
  const checkout = createDomain(repository, 'Checkout');
  const payments = createDomain(repository, 'Payments');
  const support = createDomain(repository, 'Support');
  const legal = createDomain(repository, 'Legal');
  repository.addToCollection('domains', checkout.id, 'agreements', agreement(payments.id));
  repository.addToCollection('domains', support.id, 'agreements', agreement(checkout.id));
  const ana = repository.create('members', { name: 'Ana', role: '' });
  return { checkout, payments, support, legal, ana };
}

/** A consultative decision (partly reversible) in Checkout. */
function consultative(repository: WorkspaceRepository, fields: { adviceFrom?: 'payments-and-ana' } = {}) {
  const { checkout, payments, ana } = seedDomains(repository);
  return createDecision(repository, 'Add a new payment method', {
    domainId: checkout.id,
    reversibility: 'partial',
    adviceFrom: fields.adviceFrom ? [payments.id, ana.id] : [],
  });
}

describe('decision page: advice (consultative workflow)', { timeout: 30_000 }, () => {
  it('suggests the domains with an interface agreement first, and lists who was asked', async () => {
    const user = userEvent.setup();
    const page = await renderDecision(consultative);
    const advice = section('Advice');
    await user.click(within(advice).getByRole('button', { name: 'Ask for advice' }));
    const form = within(advice).getByRole('form', { name: 'Ask for advice' });
    const boxes = within(form).getAllByRole('checkbox');
    expect(boxes.map((box) => (box as HTMLInputElement).labels?.[0]?.textContent)).toEqual([
      'Payments',
      'Support',
      'Checkout',
      'Legal',
      'Ana',
    ]);
    const payments = within(form).getByRole('checkbox', { name: 'Payments' });
    expect(payments).toHaveAccessibleDescription('has an interface agreement with Checkout');
    expect(within(form).getByRole('checkbox', { name: 'Support' })).toHaveAccessibleDescription(
      'has an interface agreement with Checkout',
    );
    expect(within(form).getByRole('checkbox', { name: 'Legal' })).not.toHaveAccessibleDescription(
      expect.stringContaining('interface agreement'),
    );

    await user.click(payments);
    await user.click(within(form).getByRole('checkbox', { name: 'Ana' }));
    await user.click(within(form).getByRole('button', { name: 'Save' }));
    const stored = page.stored();
    expect(stored.adviceFrom).toHaveLength(2);
    expect(stored.status).toBe('seeking-advice');
    const asked = within(advice).getByRole('list', { name: 'Asked for advice' });
    const items = within(asked).getAllByRole('listitem');
    expect(items.map((item) => item.textContent)).toEqual([
      'PaymentsDomainNot answered yet',
      'AnaMemberNot answered yet',
    ]);
  });

  it('records two pieces of advice and lists both, newest last, marking who answered', async () => {
    const user = userEvent.setup();
    const page = await renderDecision((repository) => consultative(repository, { adviceFrom: 'payments-and-ana' }));
    const advice = section('Advice');

    await user.click(within(advice).getByRole('button', { name: 'Record advice' }));
    let form = within(advice).getByRole('form', { name: 'Record advice' });
    await fill(user, within(form).getByRole('textbox', { name: /^Advice/ }), 'Try it with one country first.');
    await fill(user, within(form).getByRole('combobox', { name: /^Given by/ }), 'Ana');
    await user.click(within(form).getByRole('button', { name: 'Save' }));

    await user.click(within(advice).getByRole('button', { name: 'Record advice' }));
    form = within(advice).getByRole('form', { name: 'Record advice' });
    await user.click(within(form).getByRole('button', { name: 'Save' }));
    expect(within(form).getByRole('textbox', { name: /^Advice/ })).toHaveAccessibleDescription('Write the advice.');
    await fill(user, within(form).getByRole('textbox', { name: /^Advice/ }), 'Check the fees with us.');
    await pick(user, within(form).getByRole('combobox', { name: /^For domain/ }), 'Payments');
    await user.click(within(form).getByRole('button', { name: 'Save' }));

    const received = within(advice).getByRole('list', { name: 'Advice received' });
    const items = within(received).getAllByRole('listitem');
    expect(items).toHaveLength(2);
    expect(items[0]).toHaveTextContent('Try it with one country first.');
    expect(items[0]).toHaveTextContent('From Ana');
    expect(items[1]).toHaveTextContent('Check the fees with us.');
    expect(items[1]).toHaveTextContent('From Payments');
    const stored = Object.values(page.stored().advice).sort((a, b) => a.createdAt - b.createdAt);
    expect(stored.map(({ authorId, authorName, text }) => ({ authorId, authorName, text }))).toEqual([
      { authorId: page.session.userId, authorName: 'Ana', text: 'Try it with one country first.' },
      { authorId: page.session.userId, authorName: '', text: 'Check the fees with us.' },
    ]);
    expect(stored[1]?.fromDomainId).toBe(page.stored().adviceFrom[0]);
    const asked = within(advice).getByRole('list', { name: 'Asked for advice' });
    expect(within(asked).getAllByText('Answered')).toHaveLength(2);

    await user.click(within(received).getByRole('button', { name: 'Remove advice from Ana' }));
    expect(Object.values(page.stored().advice).map((item) => item.text)).toEqual(['Check the fees with us.']);
    expect(within(asked).getByText('Not answered yet')).toBeVisible();
  });

  it('refuses to decide a consultative decision until the owner says how the advice was weighed', async () => {
    const user = userEvent.setup();
    const page = await renderDecision((repository) => {
      const decision = consultative(repository);
      repository.update('decisions', decision.id, { rollbackPlan: 'Switch the method off.' });
      return decision;
    });
    const status = section('Status and dates');
    await user.click(within(status).getByRole('button', { name: 'Edit status' }));
    let form = within(status).getByRole('form', { name: 'Change status' });
    await pick(user, within(form).getByRole('combobox', { name: /^Status/ }), 'Decided');
    await user.click(within(form).getByRole('button', { name: 'Save' }));
    expect(within(form).getByRole('combobox', { name: /^Status/ })).toHaveAccessibleDescription(WEIGHING_REQUIRED);
    expect(page.stored()).toMatchObject({ status: 'draft', decidedAt: null });
    await user.click(within(form).getByRole('button', { name: 'Cancel' }));

    const advice = section('Advice');
    await user.click(within(advice).getByRole('button', { name: 'Edit how the advice was weighed' }));
    const weighing = within(advice).getByRole('form', { name: 'Edit how the advice was weighed' });
    await fill(
      user,
      within(weighing).getByRole('textbox', { name: /How the advice was weighed/ }),
      'Followed Payments on fees; started in one country as Ana advised.',
    );
    await user.click(within(weighing).getByRole('button', { name: 'Save' }));
    expect(advice).toHaveTextContent('Followed Payments on fees; started in one country as Ana advised.');

    await user.click(within(status).getByRole('button', { name: 'Edit status' }));
    form = within(status).getByRole('form', { name: 'Change status' });
    await pick(user, within(form).getByRole('combobox', { name: /^Status/ }), 'Decided');
    await user.click(within(form).getByRole('button', { name: 'Save' }));
    expect(page.stored()).toMatchObject({
      status: 'decided',
      adviceWeighing: 'Followed Payments on fees; started in one country as Ana advised.',
    });
    expect(screen.queryByText(WEIGHING_REQUIRED)).not.toBeInTheDocument();
  });

  it('keeps the advice available but collapsed for an autonomous decision', async () => {
    const user = userEvent.setup();
    await renderDecision((repository) => createDecision(repository, 'Reorder the backlog'));
    const advice = section('Advice');
    const toggle = within(advice).getByRole('button', { name: 'Show advice' });
    expect(toggle).toHaveAttribute('aria-expanded', 'false');
    expect(within(advice).queryByRole('button', { name: 'Record advice' })).not.toBeInTheDocument();
    await user.click(toggle);
    expect(within(advice).getByRole('button', { name: 'Hide advice' })).toHaveAttribute('aria-expanded', 'true');
    expect(within(advice).getByRole('button', { name: 'Record advice' })).toBeVisible();
  });
});
