import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { selectLive } from '../../data/document-store';
import { createDomain, fill } from '../../domains/charter/charter-test-support';
import { pick, renderWorkspace } from '../../decisions/record/decision-test-support';
import { leadTimeDays } from '../../screens/value-screen';
import { valueEntryErrors } from './value-entry-dialog';

const empty = {
  title: 'Fast checkout',
  domainId: null,
  startedOn: '',
  deliveredOn: '',
  satisfaction: null,
  defects: 0,
  note: '',
};

describe('delivered value', { timeout: 30_000 }, () => {
  it('checks a filled-in item', () => {
    expect(valueEntryErrors(empty)).toEqual({});
    expect(
      valueEntryErrors({ ...empty, title: ' ', startedOn: '2026-11-20', deliveredOn: '2026-11-02', defects: -1 }),
    ).toEqual({
      title: 'Name what was delivered.',
      startedOn: 'Work cannot start after it was delivered.',
      defects: 'Enter a whole number, 0 or more.',
    });
    expect(valueEntryErrors({ ...empty, deliveredOn: '23/11/2026', defects: '' })).toEqual({
      deliveredOn: 'Enter a date.',
      defects: 'Enter a whole number, 0 or more.',
    });
    expect(leadTimeDays({ startedOn: '2026-11-02', deliveredOn: '2026-11-20' })).toBe(18);
    expect(leadTimeDays({ startedOn: null, deliveredOn: '2026-11-20' })).toBeNull();
  });

  it('records an item, lists it with its lead time, and edits it', async () => {
    const user = userEvent.setup();
    const page = await renderWorkspace('/metrics/value');
    act(() => {
      createDomain(page.repository, 'Checkout');
    });
    expect(await screen.findByRole('heading', { name: 'Nothing delivered recorded yet' })).toBeVisible();
    await user.click(screen.getAllByRole('button', { name: 'Record delivered value' })[0] as HTMLElement);
    let dialog = await screen.findByRole('dialog', { name: 'Record delivered value' });
    await user.click(within(dialog).getByRole('button', { name: 'Record' }));
    expect(within(dialog).getByRole('textbox', { name: /^What was delivered/ })).toHaveAccessibleDescription(
      'Name what was delivered.',
    );
    await fill(user, within(dialog).getByRole('textbox', { name: /^What was delivered/ }), 'One-click checkout');
    await pick(user, within(dialog).getByRole('combobox', { name: /^Domain/ }), 'Checkout');
    await fill(user, within(dialog).getByLabelText('Work started'), '2026-11-02');
    await fill(user, within(dialog).getByLabelText('Delivered'), '2026-11-20');
    await pick(user, within(dialog).getByRole('combobox', { name: /^User satisfaction/ }), '4');
    await fill(user, within(dialog).getByRole('textbox', { name: /^Defects or incidents/ }), '2');
    await user.click(within(dialog).getByRole('button', { name: 'Record' }));

    // The dialog gives focus back when it has gone; a menu opened before that would close.
    await waitFor(() => expect(screen.queryByRole('dialog', { name: 'Record delivered value' })).toBeNull());
    const [stored] = selectLive(page.session.documentStore.getState(), 'valueEntries');
    expect(stored).toMatchObject({
      title: 'One-click checkout',
      startedOn: '2026-11-02',
      deliveredOn: '2026-11-20',
      satisfaction: 4,
      defects: 2,
    });
    const row = screen.getByRole('row', { name: /One-click checkout/ });
    expect(row).toHaveTextContent('Checkout');
    expect(row).toHaveTextContent('18 days');
    expect(row).toHaveTextContent('4 of 5');

    await user.click(within(row).getByRole('button', { name: 'Actions for One-click checkout' }));
    await user.click(await screen.findByRole('menuitem', { name: 'Edit…' }, { timeout: 5_000 }));
    dialog = await screen.findByRole('dialog', { name: 'Edit delivered value' });
    await fill(user, within(dialog).getByRole('textbox', { name: /^Defects or incidents/ }), '0');
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));
    expect(page.repository.get('valueEntries', stored!.id)?.defects).toBe(0);
  });

  it('moves an item to the trash, and Ctrl+Z brings it back', async () => {
    const user = userEvent.setup();
    const page = await renderWorkspace('/metrics/value');
    act(() => {
      page.repository.create('valueEntries', { title: 'Faster search', domainId: null });
    });
    const row = await screen.findByRole('row', { name: /Faster search/ });
    expect(row).toHaveTextContent('Not yet');
    await user.click(within(row).getByRole('button', { name: 'Actions for Faster search' }));
    await user.click(await screen.findByRole('menuitem', { name: 'Move to trash' }, { timeout: 5_000 }));
    expect(selectLive(page.session.documentStore.getState(), 'valueEntries')).toEqual([]);
    expect(await screen.findByRole('heading', { name: 'Nothing delivered recorded yet' })).toBeVisible();
    act(() => {
      page.session.undo.undo();
    });
    expect(await screen.findByRole('row', { name: /Faster search/ })).toBeVisible();
  });
});
