import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { selectLive } from '../data/document-store';
import { createDomain, fill } from '../domains/charter/charter-test-support';
import { pick, renderWorkspace } from './record/decision-test-support';

describe('"New decision" dialog', { timeout: 30_000 }, () => {
  it('previews the tier live, records the decision with proposedAt and opens its page', async () => {
    const user = userEvent.setup();
    const page = await renderWorkspace('/decisions');
    act(() => {
      createDomain(page.repository, 'Checkout', { budgetUnit: 'EUR' });
    });
    await user.click(await screen.findByRole('button', { name: 'New decision' }));
    const dialog = await screen.findByRole('dialog', { name: 'New decision' });
    const preview = within(dialog).getByRole('group', { name: 'Tier preview' });
    expect(within(preview).getByText('Autonomous')).toBeVisible();

    await user.type(within(dialog).getByRole('textbox', { name: /^Title/ }), 'Second card reader');
    await pick(user, within(dialog).getByRole('combobox', { name: 'Domain' }), 'Checkout');
    await fill(user, within(dialog).getByRole('textbox', { name: /^Cost/ }), '1500');
    expect(within(preview).getByText('Consultative')).toBeVisible();
    expect(preview).toHaveTextContent('Cost 1,500 is above the autonomous limit of 1,000');
    await pick(user, within(dialog).getByRole('combobox', { name: /^Horizon/ }), 'Long term');
    expect(within(preview).getByText('Collaborative')).toBeVisible();
    expect(preview).toHaveTextContent('Horizon: Long-term implications → collaborative');
    await user.click(within(dialog).getByRole('radio', { name: 'Experiment' }));

    const before = Date.now();
    await user.click(within(dialog).getByRole('button', { name: 'Record decision' }));
    const [created] = selectLive(page.session.documentStore.getState(), 'decisions');
    expect(created).toMatchObject({
      title: 'Second card reader',
      cost: 1500,
      horizon: 'long',
      kind: 'experiment',
      status: 'draft',
      decidedAt: null,
    });
    expect(created?.proposedAt).toBeGreaterThanOrEqual(before);
    // The decision's page is loaded on first use, so the navigation ends a moment later.
    await waitFor(() => expect(page.router.state.location.pathname).toBe(`/decisions/${created?.id}`));
    expect(await screen.findByRole('heading', { level: 1, name: 'Second card reader' })).toBeVisible();
  });

  it('refuses to record a consultative decision as decided without a rollback plan', async () => {
    const user = userEvent.setup();
    const page = await renderWorkspace('/decisions');
    await user.click(await screen.findByRole('button', { name: 'New decision' }));
    const dialog = await screen.findByRole('dialog', { name: 'New decision' });
    await user.type(within(dialog).getByRole('textbox', { name: /^Title/ }), 'Change the release cadence');
    await pick(user, within(dialog).getByRole('combobox', { name: 'Effect on other domains' }), 'Limited');
    const status = within(dialog).getByRole('combobox', { name: /^Status/ });
    await pick(user, status, 'Decided');
    await user.click(within(dialog).getByRole('button', { name: 'Record decision' }));
    expect(status).toHaveAccessibleDescription(
      expect.stringContaining('A consultative decision needs a rollback plan before it is decided'),
    );
    expect(selectLive(page.session.documentStore.getState(), 'decisions')).toEqual([]);
  });

  it('asks for a title', async () => {
    const user = userEvent.setup();
    const page = await renderWorkspace('/decisions');
    await user.click(await screen.findByRole('button', { name: 'New decision' }));
    const dialog = await screen.findByRole('dialog', { name: 'New decision' });
    await user.click(within(dialog).getByRole('button', { name: 'Record decision' }));
    expect(within(dialog).getByRole('textbox', { name: /^Title/ })).toHaveAccessibleDescription(
      'Give the decision a title.',
    );
    expect(selectLive(page.session.documentStore.getState(), 'decisions')).toEqual([]);
  });
});
