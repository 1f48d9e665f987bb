import { act, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { createDomain, fill, renderCharter, section } from './charter-test-support';

describe('domain page: interface agreements', { timeout: 30_000 }, () => {
  it('adds an agreement with an ordered escalation path, and the other domain lists it as incoming', async () => {
    const user = userEvent.setup();
    const ids: Record<string, string> = {};
    const page = await renderCharter((repository) => {
      ids.platform = createDomain(repository, 'Platform').id;
      ids.security = createDomain(repository, 'Security').id;
      ids.board = createDomain(repository, 'Leadership').id;
      return createDomain(repository, 'Checkout');
    });
    const agreements = section('Interface agreements');
    expect(within(agreements).getByText(/No interface agreements yet/)).toBeVisible();

    await user.click(within(agreements).getByRole('button', { name: 'Add interface agreement' }));
    const form = within(agreements).getByRole('form', { name: 'New interface agreement' });
    await user.click(within(form).getByRole('button', { name: 'Save' }));
    expect(within(form).getByRole('combobox', { name: /Other domain/ })).toHaveAccessibleDescription(
      expect.stringContaining('Choose the other domain.'),
    );
    // The page's own domain is not offered.
    const otherOptions = within(within(form).getByRole('combobox', { name: /Other domain/ })).getAllByRole('option');
    expect(otherOptions.map((option) => option.textContent)).toEqual([
      'Choose a domain…',
      'Leadership',
      'Platform',
      'Security',
    ]);

    await user.selectOptions(within(form).getByRole('combobox', { name: /Other domain/ }), 'Platform');
    await fill(user, within(form).getByRole('textbox', { name: /What this domain provides/ }), 'Payment events');
    await fill(user, within(form).getByRole('textbox', { name: /What this domain expects/ }), 'A stable queue');
    await fill(user, within(form).getByRole('textbox', { name: /Service agreement/ }), 'Replies within 2 days');
    await fill(user, within(form).getByRole('textbox', { name: /Communication protocol/ }), '#platform channel');

    await user.click(within(form).getByRole('button', { name: 'Add escalation step' }));
    await user.click(within(form).getByRole('button', { name: 'Save' }));
    expect(within(form).getByRole('combobox', { name: 'Escalation step 1' })).toHaveAccessibleDescription(
      expect.stringContaining('Choose whom this step escalates to, or remove the step.'),
    );
    expect(page.stored().agreements).toEqual({});
    await user.selectOptions(within(form).getByRole('combobox', { name: 'Escalation step 1' }), 'Security');
    await user.click(within(form).getByRole('button', { name: 'Add escalation step' }));
    await user.selectOptions(within(form).getByRole('combobox', { name: 'Escalation step 2' }), 'Leadership');
    await user.click(within(form).getByRole('button', { name: 'Add escalation step' }));
    await user.selectOptions(within(form).getByRole('combobox', { name: 'Escalation step 3' }), 'Platform');
    await user.click(within(form).getByRole('button', { name: 'Move step 2 up' }));
    await user.click(within(form).getByRole('button', { name: 'Remove step 3' }));
    expect(within(form).getByRole('combobox', { name: 'Escalation step 1' })).toHaveDisplayValue('Leadership');
    expect(within(form).getByRole('combobox', { name: 'Escalation step 2' })).toHaveDisplayValue('Security');
    await user.click(within(form).getByRole('button', { name: 'Save' }));

    expect(Object.values(page.stored().agreements)).toMatchObject([
      {
        otherDomainId: ids.platform,
        provides: 'Payment events',
        expects: 'A stable queue',
        serviceAgreement: 'Replies within 2 days',
        communication: '#platform channel',
        escalationPath: [ids.board, ids.security],
      },
    ]);
    const card = within(agreements).getByRole('article', { name: 'With Platform' });
    expect(within(card).getByRole('link', { name: 'Platform' })).toHaveAttribute('href', `/domains/${ids.platform}`);
    expect(
      within(card)
        .getAllByRole('listitem')
        .map((item) => item.textContent),
    ).toEqual(['Leadership', 'Security']);

    await page.goTo(`/domains/${ids.platform}`);
    await screen.findByRole('heading', { level: 1, name: 'Platform' });
    const incoming = within(section('Interface agreements')).getByRole('region', {
      name: 'Agreements other domains hold with this one',
    });
    expect(within(incoming).getByRole('link', { name: 'Checkout' })).toBeVisible();
    expect(within(incoming).getByText('Payment events')).toBeVisible();
  });

  it('flags an agreement whose other domain was deleted, and keeps it editable and removable', async () => {
    const user = userEvent.setup();
    const ids: Record<string, string> = {};
    const page = await renderCharter((repository) => {
      ids.legacy = createDomain(repository, 'Legacy billing').id;
      ids.platform = createDomain(repository, 'Platform').id;
      const domain = createDomain(repository, 'Checkout');
      repository.addToCollection('domains', domain.id, 'agreements', {
        otherDomainId: ids.legacy,
        provides: 'Refund requests',
        expects: '',
        serviceAgreement: '',
        communication: '',
        escalationPath: [],
      });
      return domain;
    });
    const agreements = section('Interface agreements');
    expect(within(agreements).queryByText('Other domain deleted')).not.toBeInTheDocument();
    act(() => page.repository.softDelete('domains', ids.legacy ?? ''));

    const card = within(agreements).getByRole('article', { name: 'With Legacy billing' });
    expect(within(card).getByText('Other domain deleted')).toBeVisible();
    expect(within(card).queryByRole('link', { name: 'Legacy billing' })).not.toBeInTheDocument();

    await user.click(within(card).getByRole('button', { name: 'Edit agreement with Legacy billing' }));
    const form = within(agreements).getByRole('form', { name: 'Edit agreement with Legacy billing' });
    expect(within(form).getByRole('combobox', { name: /Other domain/ })).toHaveDisplayValue('Legacy billing (deleted)');
    await user.selectOptions(within(form).getByRole('combobox', { name: /Other domain/ }), 'Platform');
    await user.click(within(form).getByRole('button', { name: 'Save' }));
    expect(Object.values(page.stored().agreements)).toMatchObject([
      { otherDomainId: ids.platform, provides: 'Refund requests' },
    ]);
    const fixed = within(agreements).getByRole('article', { name: 'With Platform' });
    expect(within(fixed).queryByText('Other domain deleted')).not.toBeInTheDocument();

    await user.click(within(fixed).getByRole('button', { name: 'Remove agreement with Platform' }));
    expect(page.stored().agreements).toEqual({});
    expect(await screen.findByText(/The agreement with Platform was removed\. Ctrl\+Z brings it back\./)).toBeVisible();
  });
});

describe('domain page: support structures', { timeout: 30_000 }, () => {
  it('adds a resource with a link that opens through the platform, and a mentor without one', async () => {
    const user = userEvent.setup();
    const page = await renderCharter((repository) => createDomain(repository, 'Checkout'));
    const openExternal = vi.spyOn(page.platform, 'openExternal');
    const support = section('Support structures');
    expect(within(support).getByText(/No support structures yet/)).toBeVisible();

    await user.click(within(support).getByRole('button', { name: 'Add support resource' }));
    let form = within(support).getByRole('form', { name: 'New support resource' });
    await user.selectOptions(within(form).getByRole('combobox', { name: /Kind/ }), 'Knowledge base');
    await fill(user, within(form).getByRole('textbox', { name: /Title/ }), 'Payments handbook');
    await user.click(within(form).getByRole('button', { name: 'Save' }));
    const link = within(form).getByRole('textbox', { name: /Link/ });
    expect(link).toHaveAccessibleDescription(expect.stringContaining('Add a link or a note, so people can find it.'));
    await fill(user, link, 'javascript:alert(1)');
    await user.click(within(form).getByRole('button', { name: 'Save' }));
    expect(link).toHaveAccessibleDescription(
      expect.stringContaining('Use a web address that starts with https:// or http://.'),
    );
    expect(page.stored().resources).toEqual({});
    await fill(user, link, 'https://wiki.example.com/payments');
    await user.click(within(form).getByRole('button', { name: 'Save' }));
    expect(Object.values(page.stored().resources)).toMatchObject([
      { kind: 'knowledge-base', title: 'Payments handbook', link: 'https://wiki.example.com/payments', note: '' },
    ]);

    await user.click(within(support).getByRole('button', { name: 'Add support resource' }));
    form = within(support).getByRole('form', { name: 'New support resource' });
    await user.selectOptions(within(form).getByRole('combobox', { name: /Kind/ }), 'Mentor');
    await fill(user, within(form).getByRole('textbox', { name: /Name/ }), 'Chen Wei');
    await fill(user, within(form).getByRole('textbox', { name: /Note/ }), 'Ask about fraud rules');
    await user.click(within(form).getByRole('button', { name: 'Save' }));
    expect(
      Object.values(page.stored().resources)
        .map((resource) => resource.title)
        .sort(),
    ).toEqual(['Chen Wei', 'Payments handbook']);

    const anchor = within(support).getByRole('link', { name: /Payments handbook/ });
    await user.click(anchor);
    expect(openExternal).toHaveBeenCalledWith('https://wiki.example.com/payments');
    expect(page.router.state.location.pathname).toBe(`/domains/${page.domain.id}`);
    expect(within(support).getByText('Ask about fraud rules')).toBeVisible();
  });

  it('edits and removes a resource', async () => {
    const user = userEvent.setup();
    const page = await renderCharter((repository) => {
      const domain = createDomain(repository, 'Checkout');
      repository.addToCollection('domains', domain.id, 'resources', {
        kind: 'tool',
        title: 'Deploy bot',
        link: '',
        note: 'Type /deploy in chat',
      });
      return domain;
    });
    const support = section('Support structures');
    await user.click(within(support).getByRole('button', { name: 'Edit resource Deploy bot' }));
    const form = within(support).getByRole('form', { name: 'Edit resource Deploy bot' });
    await fill(user, within(form).getByRole('textbox', { name: /Title/ }), 'Release bot');
    await user.click(within(form).getByRole('button', { name: 'Cancel' }));
    expect(Object.values(page.stored().resources)[0]?.title).toBe('Deploy bot');

    await user.click(within(support).getByRole('button', { name: 'Edit resource Deploy bot' }));
    const again = within(support).getByRole('form', { name: 'Edit resource Deploy bot' });
    await fill(user, within(again).getByRole('textbox', { name: /Title/ }), 'Release bot');
    await user.click(within(again).getByRole('button', { name: 'Save' }));
    expect(Object.values(page.stored().resources)[0]?.title).toBe('Release bot');

    await user.click(within(support).getByRole('button', { name: 'Remove resource Release bot' }));
    expect(page.stored().resources).toEqual({});
  });
});
