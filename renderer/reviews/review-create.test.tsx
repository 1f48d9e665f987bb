import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { localDateOf } from '@shared/metrics/calendar';
import { metricsPeriod } from '@shared/metrics';
import { createDecision } from '../decisions/record/decision-test-support';
import { createDomain } from '../domains/charter/charter-test-support';
import { deviceTimeZone } from './review-data';
import { PAGE_LOAD, part, renderReviews } from './review-test-support';

const DAY = 86_400_000;

describe('reviews: creating a review prepared from the data', { timeout: 30_000 }, () => {
  it('says what reviews are for while there are none', async () => {
    await renderReviews('/reviews');
    const empty = await screen.findByRole('region', { name: 'No reviews held yet' });
    expect(within(empty).getByRole('button', { name: 'New review' })).toBeVisible();
    expect(within(empty).getByRole('link', { name: 'How reviews work in the framework' })).toHaveAttribute(
      'href',
      '/help#reviews',
    );
  });

  it("creates a monthly review of this month, its topics filled with the period's decisions and linked to them", async () => {
    const user = userEvent.setup();
    const now = Date.now();
    const month = metricsPeriod({ kind: 'month', at: now }, deviceTimeZone());
    let waitingId = '';
    let escalatedId = '';
    const page = await renderReviews('/reviews', (repository) => {
      const platform = createDomain(repository, 'Platform', { level: 'team' });
      waitingId = createDecision(repository, 'Adopt a shared design system', {
        domainId: platform.id,
        status: 'seeking-advice',
        proposedAt: Math.max(month.start, now - 2 * DAY),
        adviceFrom: [platform.id],
      }).id;
      const escalated = createDecision(repository, 'Buy a second build server', {
        domainId: platform.id,
        status: 'decided',
        cost: 800,
        proposedAt: Math.max(month.start, now - DAY),
        decidedAt: now,
      });
      escalatedId = escalated.id;
      repository.addToCollection('decisions', escalated.id, 'escalations', {
        escalatedAt: now,
        escalatedBy: 'test-user',
        escalatedByName: 'Ana',
        fromTier: 'autonomous',
        toTier: 'consultative',
        toDomainId: null,
        reason: 'It affects every team',
      });
    });

    await user.click(screen.getAllByRole('button', { name: 'New review' })[0] as HTMLElement);
    const dialog = await screen.findByRole('dialog', { name: 'New review' });
    await user.click(within(dialog).getByRole('radio', { name: 'Monthly' }));
    expect(within(dialog).getByRole('radio', { name: 'A calendar month' })).toBeChecked();
    expect(within(dialog).getByLabelText(/^A day in the month/)).toHaveValue(localDateOf(now, deviceTimeZone()));
    expect(within(dialog).getByText(new RegExp(`^Covers .* \\(${month.label}\\)\\.$`))).toBeVisible();
    await user.click(within(dialog).getByRole('button', { name: 'Create review' }));

    const title = `Monthly review: ${month.label}`;
    expect(await screen.findByRole('heading', { level: 1, name: title }, { timeout: PAGE_LOAD })).toBeVisible();
    const review = page.repository.get('reviews', page.router.state.location.pathname.split('/')[2] ?? '');
    expect(review).toMatchObject({
      title,
      cadence: 'monthly',
      periodStart: month.firstDay,
      periodEnd: month.lastDay,
      domainId: null,
      status: 'planned',
      phase: 'check-in',
      voteBudget: 3,
    });

    // The monthly agenda, each topic with its prompts, figures and lists of the period's records.
    const agenda = part('Agenda');
    const topics = within(agenda)
      .getAllByRole('heading', { level: 3 })
      .map((heading) => heading.textContent);
    expect(topics).toEqual([
      '1. Autonomy effectiveness',
      '2. Support needs',
      '3. Process improvements',
      '4. Capability gaps',
    ]);
    const support = within(agenda).getByRole('region', { name: '2. Support needs' });
    expect(
      within(support).getByText(
        'Who is waiting for advice or for others to decide with them, and how can we unblock them?',
      ),
    ).toBeVisible();
    const waiting = within(support).getByRole('link', { name: 'Adopt a shared design system' });
    expect(waiting).toHaveAttribute('href', `/decisions/${waitingId}`);
    const autonomy = within(agenda).getByRole('region', { name: '1. Autonomy effectiveness' });
    const figures = within(autonomy).getByRole('list', { name: 'Figures of Autonomy effectiveness' });
    expect(within(figures).getByText('Autonomy share')).toBeVisible();
    expect(within(figures).getAllByText(/^not enough data/).length).toBeGreaterThan(0);
    expect(within(autonomy).getByRole('heading', { name: 'Escalations' })).toBeVisible();
    expect(within(autonomy).getAllByRole('link', { name: 'Buy a second build server' })[0]).toHaveAttribute(
      'href',
      `/decisions/${escalatedId}`,
    );
    expect(within(autonomy).getByText(/It affects every team/)).toBeVisible();

    // Back on the list, it is upcoming.
    await page.goTo('/reviews');
    const upcoming = await screen.findByRole('region', { name: 'Upcoming' });
    expect(within(upcoming).getByRole('link', { name: title })).toBeVisible();
    expect(within(upcoming).getByRole('cell', { name: 'Monthly' })).toBeVisible();
  });
});
