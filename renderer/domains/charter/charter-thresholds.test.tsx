import { act, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { selectLive } from '../../data/document-store';
import { FALLBACK_USER_NAME } from '../use-local-user';
import { createDomain, fill, renderCharter, section } from './charter-test-support';

function limitText(thresholds: HTMLElement, title: string): string | null | undefined {
  return within(within(thresholds).getByRole('group', { name: 'Limits that apply' })).getByText(title)
    .nextElementSibling?.textContent;
}

describe('domain page: threshold policy', { timeout: 30_000 }, () => {
  it('changes the thresholds with a reason, records who and why, and shows the history newest first', async () => {
    const user = userEvent.setup();
    const page = await renderCharter((repository) => createDomain(repository, 'Checkout', { budgetUnit: 'EUR' }));
    const thresholds = section('Threshold policy');
    expect(within(thresholds).getByText('Built-in default')).toBeVisible();
    expect(limitText(thresholds, 'Autonomous')).toContain('Up to 1,000 EUR');
    expect(within(thresholds).getByText(/No changes yet/)).toBeVisible();
    expect(within(thresholds).queryByRole('button', { name: 'Inherit again' })).not.toBeInTheDocument();

    await user.click(within(thresholds).getByRole('button', { name: 'Change thresholds' }));
    const form = within(thresholds).getByRole('form', { name: 'Change thresholds' });
    const autonomous = within(form).getByRole('textbox', { name: /Autonomous limit/ });
    const consultative = within(form).getByRole('textbox', { name: /Consultative limit/ });
    const reason = within(form).getByRole('textbox', { name: /Reason/ });
    expect(autonomous).toHaveValue('1,000');

    // Autonomous above consultative, and no reason: both errors next to their fields, nothing written.
    await fill(user, autonomous, '20000');
    await user.click(within(form).getByRole('button', { name: 'Save' }));
    expect(autonomous).toHaveAccessibleDescription(
      expect.stringContaining('The autonomous limit must not be above the consultative limit (10,000).'),
    );
    expect(reason).toHaveAccessibleDescription(expect.stringContaining('Write why the thresholds change.'));
    expect(selectLive(page.session.documentStore.getState(), 'policies')).toEqual([]);

    await fill(user, consultative, '');
    await user.click(within(form).getByRole('button', { name: 'Save' }));
    expect(consultative).toHaveAccessibleDescription(expect.stringContaining('Enter the consultative limit.'));

    await fill(user, autonomous, '2000');
    await fill(user, consultative, '15000');
    await fill(user, reason, 'The team handles bigger orders now.');
    await user.click(within(form).getByRole('button', { name: 'Save' }));

    const [policy] = selectLive(page.session.documentStore.getState(), 'policies');
    expect(policy).toMatchObject({ domainId: page.domain.id, autonomousCostLimit: 2000, consultativeCostLimit: 15000 });
    expect(Object.values(policy?.changes ?? {})).toMatchObject([
      {
        changedBy: 'test-user',
        changedByName: FALLBACK_USER_NAME,
        fromAutonomous: null,
        fromConsultative: null,
        toAutonomous: 2000,
        toConsultative: 15000,
        reason: 'The team handles bigger orders now.',
      },
    ]);
    expect(within(thresholds).getByText('Set for this domain')).toBeVisible();
    expect(limitText(thresholds, 'Consultative')).toContain('Up to 15,000 EUR');
    expect(limitText(thresholds, 'Collaborative')).toContain('Above 15,000 EUR');

    const history = within(thresholds).getByRole('table', { name: 'Change history' });
    let rows = within(history).getAllByRole('row').slice(1);
    expect(rows).toHaveLength(1);
    const cells = within(rows[0] as HTMLElement)
      .getAllByRole('cell')
      .map((cell) => cell.textContent);
    expect(cells.slice(1)).toEqual([
      FALLBACK_USER_NAME,
      'Started overriding: autonomous limit 2,000, consultative limit 15,000',
      'The team handles bigger orders now.',
    ]);
    expect(cells[0]).toMatch(/\d/);

    // Inherit again, also with a reason: the newest change comes first.
    await user.click(within(thresholds).getByRole('button', { name: 'Inherit again' }));
    const inherit = within(thresholds).getByRole('form', { name: 'Inherit thresholds again' });
    await user.click(within(inherit).getByRole('button', { name: 'Inherit again' }));
    expect(within(inherit).getByRole('textbox', { name: /Reason/ })).toHaveAccessibleDescription(
      expect.stringContaining('Write why the thresholds change.'),
    );
    await fill(user, within(inherit).getByRole('textbox', { name: /Reason/ }), 'Back to the company rules.');
    await user.click(within(inherit).getByRole('button', { name: 'Inherit again' }));

    expect(within(thresholds).getByText('Built-in default')).toBeVisible();
    rows = within(within(thresholds).getByRole('table', { name: 'Change history' }))
      .getAllByRole('row')
      .slice(1);
    expect(rows.map((row) => within(row).getAllByRole('cell')[3]?.textContent)).toEqual([
      'Back to the company rules.',
      'The team handles bigger orders now.',
    ]);
    expect(within(rows[0] as HTMLElement).getAllByRole('cell')[2]?.textContent).toBe(
      'Back to inheriting (was autonomous limit 2,000, consultative limit 15,000)',
    );
  });

  it('shows limits inherited from the parent domain, with a link to it', async () => {
    const ids: Record<string, string> = {};
    await renderCharter((repository) => {
      const parent = createDomain(repository, 'Commerce');
      ids.parent = parent.id;
      repository.create('policies', { domainId: parent.id, autonomousCostLimit: 500, consultativeCostLimit: 5000 });
      return repository.create('domains', { name: 'Checkout', level: 'team', parentId: parent.id, purpose: '' });
    });
    const thresholds = section('Threshold policy');
    expect(within(thresholds).getByText(/Inherited from/)).toBeVisible();
    expect(within(thresholds).getByRole('link', { name: 'Commerce' })).toHaveAttribute(
      'href',
      `/domains/${ids.parent}`,
    );
    expect(limitText(thresholds, 'Autonomous')).toContain('Up to 500');
    expect(limitText(thresholds, 'Consultative')).toContain('Up to 5,000');
  });

  it('says when the workspace default applies, and refuses a change that changes nothing', async () => {
    const user = userEvent.setup();
    const page = await renderCharter((repository) => {
      repository.create('policies', { domainId: null, autonomousCostLimit: 300, consultativeCostLimit: 3000 });
      const domain = createDomain(repository, 'Checkout');
      repository.create('policies', { domainId: domain.id, autonomousCostLimit: 400, consultativeCostLimit: 4000 });
      return domain;
    });
    const thresholds = section('Threshold policy');
    expect(within(thresholds).getByText('Set for this domain')).toBeVisible();
    await user.click(within(thresholds).getByRole('button', { name: 'Change thresholds' }));
    const form = within(thresholds).getByRole('form', { name: 'Change thresholds' });
    await fill(user, within(form).getByRole('textbox', { name: /Reason/ }), 'Just checking');
    await user.click(within(form).getByRole('button', { name: 'Save' }));
    expect(within(form).getByRole('alert')).toHaveTextContent(
      'These are already this domain’s thresholds; nothing changed.',
    );

    const own = selectLive(page.session.documentStore.getState(), 'policies').find(
      (p) => p.domainId === page.domain.id,
    );
    act(() => page.repository.softDelete('policies', own?.id ?? ''));
    await user.click(within(form).getByRole('button', { name: 'Cancel' }));
    expect(within(thresholds).getByText('Workspace default')).toBeVisible();
    expect(limitText(thresholds, 'Autonomous')).toContain('Up to 300');
  });

  it('signs history entries with the name chosen in Settings', async () => {
    const user = userEvent.setup();
    const page = await renderCharter((repository) => createDomain(repository, 'Checkout'));
    await page.goTo('/settings');
    const card = await screen.findByRole('region', { name: 'Your name' });
    await fill(user, within(card).getByRole('textbox', { name: 'Your name' }), '  Dana Ruiz ');
    await user.click(within(card).getByRole('button', { name: 'Save name' }));
    expect(await within(card).findByText('Saved. New history entries will show “Dana Ruiz”.')).toBeVisible();

    await page.goTo(`/domains/${page.domain.id}`);
    const thresholds = await screen.findByRole('region', { name: 'Threshold policy' });
    await user.click(within(thresholds).getByRole('button', { name: 'Change thresholds' }));
    const form = within(thresholds).getByRole('form', { name: 'Change thresholds' });
    await fill(user, within(form).getByRole('textbox', { name: /Autonomous limit/ }), '1500');
    await fill(user, within(form).getByRole('textbox', { name: /Reason/ }), 'More room');
    await user.click(within(form).getByRole('button', { name: 'Save' }));
    const [policy] = selectLive(page.session.documentStore.getState(), 'policies');
    expect(Object.values(policy?.changes ?? {})[0]?.changedByName).toBe('Dana Ruiz');
    const row = within(within(thresholds).getByRole('table', { name: 'Change history' })).getAllByRole('row')[1];
    expect(within(row as HTMLElement).getByRole('cell', { name: 'Dana Ruiz' })).toBeVisible();
  });
});
