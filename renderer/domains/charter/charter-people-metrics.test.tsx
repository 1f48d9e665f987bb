import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { selectLive } from '../../data/document-store';
import { createDomain, fill, renderCharter, section } from './charter-test-support';

describe('domain page: owners and members', { timeout: 30_000 }, () => {
  it('adds someone new: the member and the role in one intent, undone together', async () => {
    const user = userEvent.setup();
    const page = await renderCharter((repository) => createDomain(repository, 'Checkout'));
    const people = section('Owners and members');
    expect(within(people).getByText(/No owners or members yet/)).toBeVisible();

    await user.click(within(people).getByRole('button', { name: 'Add person' }));
    const form = within(people).getByRole('form', { name: 'Add a person' });
    // No one is in the workspace yet, so "Someone new…" is chosen already.
    expect(within(form).getByRole('combobox', { name: /Person/ })).toHaveValue('__new__');
    await fill(user, within(form).getByRole('textbox', { name: /Name of the new person/ }), 'Ana Lima');
    await user.click(within(form).getByRole('radio', { name: 'Owner' }));
    await user.click(within(form).getByRole('button', { name: 'Save' }));

    const members = [...page.session.documentStore.getState().entities.members.values()];
    expect(members.map((member) => member.name)).toEqual(['Ana Lima']);
    const ana = members[0];
    expect(page.stored().roles).toEqual({ [ana?.id ?? '']: { id: ana?.id, role: 'owner' } });
    const row = within(people).getByRole('row', { name: /Ana Lima/ });
    expect(within(row).getByRole('combobox', { name: 'Role of Ana Lima' })).toHaveValue('owner');

    page.session.undo.undo();
    expect(page.stored().roles).toEqual({});
    // Undoing a creation moves the member to the trash (see renderer/data/undo.ts).
    expect(selectLive(page.session.documentStore.getState(), 'members')).toEqual([]);
  });

  it('adds an existing member, changes the role and removes the person', async () => {
    const user = userEvent.setup();
    const page = await renderCharter((repository) => {
      repository.create('members', { name: 'Ben Okafor', role: 'Designer' });
      return createDomain(repository, 'Checkout');
    });
    const ben = [...page.session.documentStore.getState().entities.members.values()][0];
    if (!ben) throw new Error('Ben was not created.');
    const people = section('Owners and members');

    await user.click(within(people).getByRole('button', { name: 'Add person' }));
    const form = within(people).getByRole('form', { name: 'Add a person' });
    await user.click(within(form).getByRole('button', { name: 'Save' }));
    expect(within(form).getByRole('combobox', { name: /Person/ })).toHaveAccessibleDescription(
      expect.stringContaining('Choose a person.'),
    );
    expect(page.stored().roles).toEqual({});

    await user.selectOptions(within(form).getByRole('combobox', { name: /Person/ }), 'Ben Okafor');
    await user.click(within(form).getByRole('button', { name: 'Save' }));
    expect(page.stored().roles).toEqual({ [ben.id]: { id: ben.id, role: 'member' } });
    expect(within(people).getByText('Designer')).toBeVisible();

    await user.selectOptions(within(people).getByRole('combobox', { name: 'Role of Ben Okafor' }), 'Owner');
    expect(page.stored().roles[ben.id]?.role).toBe('owner');

    await user.click(within(people).getByRole('button', { name: 'Remove Ben Okafor from this domain' }));
    expect(page.stored().roles).toEqual({});
    expect(
      await screen.findByText(/Ben Okafor is no longer part of Checkout\. Ctrl\+Z brings them back\./),
    ).toBeVisible();
    // The person stays in the workspace.
    expect(page.repository.get('members', ben.id)?.deletedAt).toBeNull();
  });

  it('refuses a new name that is already a member, next to the field', async () => {
    const user = userEvent.setup();
    const page = await renderCharter((repository) => {
      repository.create('members', { name: 'Ben Okafor', role: '' });
      return createDomain(repository, 'Checkout');
    });
    const people = section('Owners and members');
    await user.click(within(people).getByRole('button', { name: 'Add person' }));
    const form = within(people).getByRole('form', { name: 'Add a person' });
    await user.selectOptions(within(form).getByRole('combobox', { name: /Person/ }), 'Someone new…');
    const name = within(form).getByRole('textbox', { name: /Name of the new person/ });
    await user.click(within(form).getByRole('button', { name: 'Save' }));
    expect(name).toHaveAccessibleDescription(expect.stringContaining("Write the new person's name."));
    await fill(user, name, 'ben okafor');
    await user.click(within(form).getByRole('button', { name: 'Save' }));
    expect(name).toHaveAccessibleDescription(expect.stringContaining('Ben Okafor is already in the workspace'));
    expect(page.session.documentStore.getState().entities.members.size).toBe(1);
    expect(page.stored().roles).toEqual({});
  });
});

describe('domain page: success metrics', { timeout: 30_000 }, () => {
  it('adds a metric, records values and shows the latest against the target', async () => {
    const user = userEvent.setup();
    const page = await renderCharter((repository) => createDomain(repository, 'Checkout'));
    const metrics = section('Success metrics');
    expect(within(metrics).getByText(/No success metrics yet/)).toBeVisible();

    await user.click(within(metrics).getByRole('button', { name: 'Add success metric' }));
    let form = within(metrics).getByRole('form', { name: 'New success metric' });
    await user.click(within(form).getByRole('button', { name: 'Save' }));
    expect(within(form).getByRole('textbox', { name: /Name/ })).toHaveAccessibleDescription(
      expect.stringContaining('Give the metric a name.'),
    );
    expect(page.stored().metrics).toEqual({});

    await fill(user, within(form).getByRole('textbox', { name: /Name/ }), 'Conversion');
    await fill(user, within(form).getByRole('textbox', { name: /Unit/ }), '%');
    await fill(user, within(form).getByRole('textbox', { name: /Target/ }), '3.5');
    await user.click(within(form).getByRole('button', { name: 'Save' }));
    const [metric] = Object.values(page.stored().metrics);
    expect(metric).toMatchObject({ name: 'Conversion', unit: '%', target: 3.5, direction: 'higher' });
    const card = within(metrics).getByRole('article', { name: 'Conversion' });
    expect(within(card).getByText(/No values recorded yet/)).toBeVisible();

    await user.click(within(card).getByRole('button', { name: 'Record value for Conversion' }));
    form = within(card).getByRole('form', { name: 'Record value for Conversion' });
    await user.click(within(form).getByRole('button', { name: 'Save' }));
    expect(within(form).getByRole('textbox', { name: /Value/ })).toHaveAccessibleDescription(
      expect.stringContaining('Enter the value.'),
    );
    expect(page.stored().metricValues).toEqual({});
    await fill(user, within(form).getByRole('textbox', { name: /Value/ }), '2.9');
    await fill(user, within(form).getByLabelText(/Date/), '2026-10-01');
    await fill(user, within(form).getByRole('textbox', { name: /Note/ }), 'Before the redesign');
    await user.click(within(form).getByRole('button', { name: 'Save' }));

    await user.click(within(card).getByRole('button', { name: 'Record value for Conversion' }));
    form = within(card).getByRole('form', { name: 'Record value for Conversion' });
    await fill(user, within(form).getByRole('textbox', { name: /Value/ }), '3.8');
    await fill(user, within(form).getByLabelText(/Date/), '2026-11-01');
    await user.click(within(form).getByRole('button', { name: 'Save' }));

    const values = Object.values(page.stored().metricValues).sort((a, b) => a.recordedOn.localeCompare(b.recordedOn));
    expect(values).toMatchObject([
      { metricId: metric?.id, value: 2.9, recordedOn: '2026-10-01', note: 'Before the redesign' },
      { metricId: metric?.id, value: 3.8, recordedOn: '2026-11-01', note: '' },
    ]);
    expect(within(card).getByText(/Latest/)).toHaveTextContent('Latest 3.8 %');
    expect(within(card).getByText(/Target 3\.5 %/)).toBeVisible();
    expect(within(card).getByText('On target')).toBeVisible();
    const rows = within(within(card).getByRole('table')).getAllByRole('row').slice(1);
    expect(rows.map((row) => within(row).getAllByRole('cell')[1]?.textContent)).toEqual(['3.8 %', '2.9 %']);
  });

  it('edits a metric and a value, and removes a metric with its values in one undo step', async () => {
    const user = userEvent.setup();
    const page = await renderCharter((repository) => {
      const domain = createDomain(repository, 'Support');
      const metric = repository.addToCollection('domains', domain.id, 'metrics', {
        name: 'Response time',
        unit: 'hours',
        target: 4,
        direction: 'lower',
      });
      repository.addToCollection('domains', domain.id, 'metricValues', {
        metricId: metric.id,
        value: 6,
        recordedOn: '2026-11-02',
        note: '',
      });
      return domain;
    });
    const metrics = section('Success metrics');
    let card = within(metrics).getByRole('article', { name: 'Response time' });
    expect(within(card).getByText('Above target')).toBeVisible();

    const valueRow = within(card).getAllByRole('row')[1];
    if (!valueRow) throw new Error('No value row.');
    await user.click(within(valueRow).getByRole('button', { name: /^Edit Response time value of / }));
    const valueForm = within(card).getByRole('form', { name: /^Edit Response time value of / });
    await fill(user, within(valueForm).getByRole('textbox', { name: /Value/ }), '3');
    await user.click(within(valueForm).getByRole('button', { name: 'Save' }));
    expect(Object.values(page.stored().metricValues).map((value) => value.value)).toEqual([3]);
    expect(within(card).getByText('On target')).toBeVisible();

    await user.click(within(card).getByRole('button', { name: 'Edit metric Response time' }));
    const metricForm = within(metrics).getByRole('form', { name: 'Edit metric Response time' });
    await fill(user, within(metricForm).getByRole('textbox', { name: /Name/ }), 'First response');
    await user.selectOptions(within(metricForm).getByRole('combobox', { name: /Direction/ }), 'Higher is better');
    await user.click(within(metricForm).getByRole('button', { name: 'Save' }));
    expect(Object.values(page.stored().metrics)).toMatchObject([{ name: 'First response', direction: 'higher' }]);
    card = within(metrics).getByRole('article', { name: 'First response' });
    expect(within(card).getByText('Below target')).toBeVisible();

    await user.click(within(card).getByRole('button', { name: 'Remove metric First response' }));
    expect(page.stored().metrics).toEqual({});
    expect(page.stored().metricValues).toEqual({});
    page.session.undo.undo();
    expect(Object.keys(page.stored().metrics)).toHaveLength(1);
    expect(Object.keys(page.stored().metricValues)).toHaveLength(1);
    await waitFor(() => expect(within(metrics).getByRole('article', { name: 'First response' })).toBeVisible());
  });
});
