import { act, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { openedSession } from '../domains/charter/charter-test-support';
import { todayIsoDate } from '../domains/charter/dates';
import { renderApp } from '../test-support';

const daysFromToday = (days: number) => todayIsoDate(new Date(Date.now() + days * 86_400_000));

describe('sidebar: reviews due badge', { timeout: 30_000 }, () => {
  it('counts the reviews due on the Decisions entry and drops the badge once they are recorded', async () => {
    const rendered = renderApp('/dashboard', [
      { id: 'badge-ws', name: 'Product', kind: 'team', createdAt: 1, updatedAt: 1, deletedAt: null },
    ]);
    const { repository } = await openedSession(rendered);
    const nav = screen.getByRole('navigation', { name: 'Main' });
    expect(within(nav).getByRole('link', { name: 'Decisions' })).toBeInTheDocument();

    const ids: string[] = [];
    act(() => {
      const create = (title: string, fields: { reviewOn: string; reviewOutcome?: 'worked' }) =>
        repository.create('decisions', { title, domainId: null, status: 'decided', ...fields }).id;
      ids.push(create('Due today', { reviewOn: daysFromToday(0) }), create('Overdue', { reviewOn: daysFromToday(-3) }));
      create('Later', { reviewOn: daysFromToday(5) });
      create('Reviewed', { reviewOn: daysFromToday(-10), reviewOutcome: 'worked' });
      repository.softDelete('decisions', create('In the trash', { reviewOn: daysFromToday(-1) }));
    });

    const link = within(nav).getByRole('link', { name: 'Decisions 2 reviews due' });
    expect(within(link).getByText('2')).toBeVisible();
    expect(link).toHaveAttribute('href', '/decisions');

    act(() => {
      repository.update('decisions', ids[0] ?? '', { reviewOutcome: 'worked', status: 'reviewed' });
    });
    expect(within(nav).getByRole('link', { name: 'Decisions 1 review due' })).toBeInTheDocument();

    act(() => {
      repository.update('decisions', ids[1] ?? '', { reviewOutcome: 'failed', status: 'reviewed' });
    });
    const plain = within(nav).getByRole('link', { name: 'Decisions' });
    expect(plain).not.toHaveAttribute('aria-label');
    expect(within(plain).queryByText('1')).toBeNull();
    expect(within(plain).queryByText('2')).toBeNull();
  });
});
