import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { createDomain, fill, section } from '../../domains/charter/charter-test-support';
import { isoDateAfter } from '../lifecycle';
import { createDecision, pick, renderDecision, renderWorkspace } from './decision-test-support';

function summary(): HTMLElement {
  return screen.getByRole('group', { name: 'Summary' });
}

describe('decision page', { timeout: 30_000 }, () => {
  it('shows a clear not-found state for an unknown id', async () => {
    const page = await renderWorkspace();
    await page.goTo('/decisions/no-such-decision');
    expect(await screen.findByRole('heading', { level: 1, name: 'Decision not found' })).toBeVisible();
    const missing = screen.getByRole('region', { name: 'This decision does not exist or is in the trash' });
    expect(within(missing).getByRole('link', { name: 'Go to Decisions' })).toHaveAttribute('href', '/decisions');
    expect(screen.queryByRole('button', { name: 'Move to trash' })).not.toBeInTheDocument();
  });

  it('updates the classification live while the impact is edited, with reasons and limits, before saving', async () => {
    const user = userEvent.setup();
    const page = await renderDecision((repository) => {
      const domain = createDomain(repository, 'Checkout', { budgetUnit: 'EUR' });
      return createDecision(repository, 'New card reader', { domainId: domain.id });
    });
    expect(within(summary()).getByText('Autonomous')).toBeVisible();
    const impact = section('Impact and classification');
    await user.click(within(impact).getByRole('button', { name: 'Edit impact' }));
    const form = within(impact).getByRole('form', { name: 'Edit impact' });
    const live = within(form).getByRole('group', { name: 'Live classification' });
    expect(within(live).getByText('Autonomous')).toBeVisible();
    expect(live).toHaveTextContent('Cost 0 is within the autonomous limit of 1,000');
    expect(live).toHaveTextContent('autonomous up to 1,000 EUR, consultative up to 10,000 EUR');
    expect(live).toHaveTextContent('from the built-in default');

    await fill(user, within(form).getByRole('textbox', { name: /Cost/ }), '5000');
    expect(within(live).getByText('Consultative')).toBeVisible();
    expect(live).toHaveTextContent(
      'Cost 5,000 is above the autonomous limit of 1,000 and within the consultative limit of 10,000 → consultative',
    );

    await pick(user, within(form).getByRole('combobox', { name: 'Reversibility' }), 'Hard to reverse');
    expect(within(live).getByText('Collaborative')).toBeVisible();
    expect(live).toHaveTextContent('Reversibility: Hard to reverse → collaborative');

    await user.click(within(form).getByRole('switch', { name: /established guidelines/ }));
    expect(live).toHaveTextContent("Beyond the domain's established guidelines → consultative");

    // Nothing is saved yet.
    expect(page.stored()).toMatchObject({ cost: null, reversibility: 'reversible', followsGuidelines: true });
    await user.click(within(form).getByRole('button', { name: 'Save' }));
    expect(page.stored()).toMatchObject({ cost: 5000, reversibility: 'hard', followsGuidelines: false });
    expect(within(summary()).getByText('Collaborative')).toBeVisible();
  });

  it('needs a written reason for a less demanding tier, and then marks it as an override', async () => {
    const user = userEvent.setup();
    const page = await renderDecision((repository) =>
      createDecision(repository, 'Switch supplier', { reversibility: 'partial' }),
    );
    const impact = section('Impact and classification');
    await user.click(within(impact).getByRole('button', { name: 'Edit impact' }));
    const form = within(impact).getByRole('form', { name: 'Edit impact' });
    const tier = within(form).getByRole('combobox', { name: /^Tier/ });
    expect(tier).toHaveValue('As classified (Consultative)');

    // A more demanding tier needs no reason.
    await pick(user, tier, 'Collaborative');
    expect(within(form).queryByRole('textbox', { name: /Reason for the override/ })).not.toBeInTheDocument();

    await pick(user, tier, 'Autonomous');
    const reason = within(form).getByRole('textbox', { name: /Reason for the override/ });
    expect(within(form).getByText('Override')).toBeVisible();
    await user.click(within(form).getByRole('button', { name: 'Save' }));
    expect(reason).toHaveAccessibleDescription(
      'Write why a less demanding tier than the classification (Consultative) is chosen.',
    );
    expect(page.stored()).toMatchObject({ chosenTier: null, overrideReason: '' });

    await fill(user, reason, 'Two-week trial, cancellable any day.');
    await user.click(within(form).getByRole('button', { name: 'Save' }));
    expect(page.stored()).toMatchObject({
      chosenTier: 'autonomous',
      overrideReason: 'Two-week trial, cancellable any day.',
    });
    expect(within(summary()).getByText('Autonomous')).toBeVisible();
    expect(within(summary()).getByText('Override')).toBeVisible();
    expect(section('Impact and classification')).toHaveTextContent('Two-week trial, cancellable any day.');
  });

  it('requires a rollback plan to decide a consultative decision, then stamps the date and a 60-day review', async () => {
    const user = userEvent.setup();
    const page = await renderDecision((repository) =>
      createDecision(repository, 'Move to the new CI', {
        crossDomain: 'limited',
        adviceWeighing: 'Followed the platform team on timing.',
      }),
    );
    const status = section('Status and dates');
    await user.click(within(status).getByRole('button', { name: 'Edit status' }));
    const form = within(status).getByRole('form', { name: 'Change status' });
    await pick(user, within(form).getByRole('combobox', { name: /^Status/ }), 'Decided');
    await user.click(within(form).getByRole('button', { name: 'Save' }));
    const plan = within(form).getByRole('textbox', { name: /Rollback plan/ });
    expect(plan).toHaveAccessibleDescription(
      expect.stringContaining(
        'A consultative decision needs a rollback plan before it is decided: say how it would be undone.',
      ),
    );
    expect(page.stored()).toMatchObject({ status: 'draft', decidedAt: null });

    await fill(user, plan, 'Point the pipelines back at the old runners.');
    await user.click(within(form).getByRole('button', { name: 'Save' }));
    const stored = page.stored();
    expect(stored).toMatchObject({ status: 'decided', rollbackPlan: 'Point the pipelines back at the old runners.' });
    expect(stored.decidedAt).toEqual(expect.any(Number));
    expect(stored.reviewOn).toBe(isoDateAfter(stored.decidedAt ?? 0, 60));
    expect(within(summary()).getByText('Decided')).toBeVisible();
  });

  it('defaults the review date per tier: 30 days for autonomous, 90 for collaborative', async () => {
    const user = userEvent.setup();
    const page = await renderDecision((repository) => createDecision(repository, 'Reorder the backlog'));
    const status = section('Status and dates');
    await user.click(within(status).getByRole('button', { name: 'Edit status' }));
    const form = within(status).getByRole('form', { name: 'Change status' });
    // Autonomous decisions need no rollback plan.
    expect(within(form).queryByRole('textbox', { name: /Rollback plan/ })).not.toBeInTheDocument();
    await pick(user, within(form).getByRole('combobox', { name: /^Status/ }), 'Decided');
    await user.click(within(form).getByRole('button', { name: 'Save' }));
    const decided = page.stored();
    expect(decided.status).toBe('decided');
    expect(decided.reviewOn).toBe(isoDateAfter(decided.decidedAt ?? 0, 30));

    // A collaborative decision already decided without a review date gets +90 proposed in the form.
    const decidedAt = new Date(2026, 2, 1, 10).getTime();
    const other = page.repository.create('decisions', {
      title: 'Merge the two teams',
      domainId: null,
      status: 'decided',
      horizon: 'long',
      rollbackPlan: 'Split again.',
      decidedAt,
    });
    await page.goTo(`/decisions/${other.id}`);
    await screen.findByRole('heading', { level: 1, name: 'Merge the two teams' });
    const safety = section('Safety nets');
    expect(safety).toHaveTextContent('Set when decided: 90 days later for a collaborative decision.');
    await user.click(within(safety).getByRole('button', { name: 'Edit safety nets' }));
    const safetyForm = within(safety).getByRole('form', { name: 'Edit safety nets' });
    expect(within(safetyForm).getByLabelText('Review date')).toHaveValue('2026-05-30');
    await user.click(within(safetyForm).getByRole('button', { name: 'Save' }));
    expect(page.repository.get('decisions', other.id)?.reviewOn).toBe('2026-05-30');
  });

  it('records an outcome review and a rollback', async () => {
    const user = userEvent.setup();
    const page = await renderDecision((repository) =>
      createDecision(repository, 'Weekly demo', { status: 'decided', decidedAt: 1_700_000_000_000 }),
    );
    const safety = section('Safety nets');
    await user.click(within(safety).getByRole('button', { name: 'Edit safety nets' }));
    const form = within(safety).getByRole('form', { name: 'Edit safety nets' });
    await pick(user, within(form).getByRole('combobox', { name: /^Outcome/ }), 'Did not work');
    await fill(user, within(form).getByRole('textbox', { name: 'Expected result' }), 'More feedback');
    await fill(user, within(form).getByRole('textbox', { name: 'Actual result' }), 'Nobody came');
    await user.click(within(form).getByRole('button', { name: 'Save' }));
    expect(page.stored()).toMatchObject({
      reviewOutcome: 'failed',
      expectedResult: 'More feedback',
      actualResult: 'Nobody came',
      status: 'reviewed',
    });

    await user.click(within(safety).getByRole('button', { name: 'Record a rollback' }));
    const rollback = within(safety).getByRole('form', { name: 'Record a rollback' });
    await fill(user, within(rollback).getByRole('textbox', { name: 'Lessons learned' }), 'Ask before scheduling.');
    await user.click(within(rollback).getByRole('button', { name: 'Record rollback' }));
    const stored = page.stored();
    expect(stored).toMatchObject({ status: 'rolled-back', lessons: 'Ask before scheduling.' });
    expect(stored.rolledBackAt).toEqual(expect.any(Number));
    expect(within(summary()).getByText('Rolled back')).toBeVisible();
  });

  it('flags a decision recorded below the level its category suggests', async () => {
    const user = userEvent.setup();
    const page = await renderDecision((repository) => {
      const mine = createDomain(repository, 'My work', { level: 'individual' });
      return createDecision(repository, 'Adopt a new framework', {
        domainId: mine.id,
        category: 'technical-decisions',
      });
    });
    const record = section('Record');
    expect(record).toHaveTextContent('Technical decisions (suggested level: Team)');
    expect(within(record).getByText('Recorded below its level')).toBeVisible();
    expect(record).toHaveTextContent(
      'Technical decisions are usually decided at team level, but My work is an individual domain.',
    );

    await user.click(within(record).getByRole('button', { name: 'Edit record' }));
    const form = within(record).getByRole('form', { name: 'Edit record' });
    await pick(user, within(form).getByRole('combobox', { name: /^Category/ }), 'Task prioritisation');
    expect(within(form).queryByText('Recorded below its level')).not.toBeInTheDocument();
    await user.click(within(form).getByRole('button', { name: 'Save' }));
    expect(page.stored().category).toBe('task-prioritisation');
    expect(within(section('Record')).queryByText('Recorded below its level')).not.toBeInTheDocument();
  });

  it('shows the experiment section only for experiments, and moves a decision to the trash', async () => {
    const user = userEvent.setup();
    const page = await renderDecision((repository) =>
      createDecision(repository, 'Try pairing', { kind: 'experiment' }),
    );
    const experiment = section('Experiment');
    await user.click(within(experiment).getByRole('button', { name: 'Edit experiment' }));
    const form = within(experiment).getByRole('form', { name: 'Edit experiment' });
    await fill(user, within(form).getByRole('textbox', { name: /Hypothesis/ }), 'Pairing halves review time.');
    await user.click(within(form).getByRole('button', { name: 'Save' }));
    expect(page.stored().hypothesis).toBe('Pairing halves review time.');

    await user.click(screen.getByRole('button', { name: 'Move to trash' }));
    expect(page.stored().deletedAt).toEqual(expect.any(Number));
    expect(page.router.state.location.pathname).toBe('/decisions');
  });
});
