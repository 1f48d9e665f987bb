import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { EntityCreateInput, WorkspaceRepository } from '../../data/repository';
import { selectLive } from '../../data/document-store';
import { createDomain, renderCharter, section } from './charter-test-support';

type Outcome = NonNullable<EntityCreateInput<'decisions'>['reviewOutcome']>;

/** Records a reviewed decision of `domainId`: autonomous by its impact unless `fields` say otherwise. */
function reviewed(
  repository: WorkspaceRepository,
  domainId: string,
  outcome: Outcome,
  fields: Partial<EntityCreateInput<'decisions'>> = {},
) {
  return repository.create('decisions', {
    title: `A ${outcome} decision`,
    domainId,
    status: 'reviewed',
    cost: 100,
    decidedAt: WRITES_AT - 20 * 86_400_000,
    reviewOutcome: outcome,
    ...fields,
  });
}

// The test workspace's clock writes every change at 1_700_000_000_000 (renderApp): the card's
// "now" is a day later, so the reviews fall in the engine's 90-day window.
const WRITES_AT = 1_700_000_000_000;
beforeEach(() => {
  vi.setSystemTime(WRITES_AT + 86_400_000);
});
afterEach(() => {
  vi.useRealTimers();
});

function trackRecord(): HTMLElement {
  return within(section('Threshold policy')).getByRole('region', { name: 'Track record' });
}

function figure(card: HTMLElement, label: string): string | null | undefined {
  return within(within(card).getByRole('group', { name: 'Evidence' })).getByText(label).nextElementSibling?.textContent;
}

describe('domain page: progressive autonomy', { timeout: 30_000 }, () => {
  it('suggests raising the limits after a good record, and accepting records the change with its reason', async () => {
    const user = userEvent.setup();
    const page = await renderCharter((repository) => {
      const domain = createDomain(repository, 'Checkout', { budgetUnit: 'EUR' });
      const other = createDomain(repository, 'Billing');
      for (let i = 0; i < 7; i += 1) reviewed(repository, domain.id, 'worked');
      reviewed(repository, domain.id, 'partly');
      // Not part of the record: another domain's, one in the trash, one not reviewed yet.
      reviewed(repository, other.id, 'failed');
      const trashed = reviewed(repository, domain.id, 'failed');
      repository.softDelete('decisions', trashed.id);
      repository.create('decisions', { title: 'Open', domainId: domain.id, status: 'decided' });
      return domain;
    });
    const card = trackRecord();
    expect(figure(card, 'Reviewed')).toBe('8');
    expect(figure(card, 'Worked')).toBe('7');
    expect(figure(card, 'Success rate')).toBe('88%');
    const why = within(card).getByRole('list', { name: 'Why' });
    expect(why).toHaveTextContent('7 of 8 worked (88%), at least the 80% needed to raise the limits');
    expect(why).toHaveTextContent('No rollbacks in the last 90 days');
    expect(within(card).getByText('Suggestion: raise the limits')).toBeVisible();
    expect(card).toHaveTextContent('Autonomous up to 1,250 EUR; consultative up to 12,500 EUR.');

    await user.click(within(card).getByRole('button', { name: 'Accept suggestion' }));

    const [policy] = selectLive(page.session.documentStore.getState(), 'policies');
    expect(policy).toMatchObject({ domainId: page.domain.id, autonomousCostLimit: 1250, consultativeCostLimit: 12500 });
    const reason = 'Progressive autonomy: 7 of 8 reviewed decisions worked, none rolled back';
    expect(Object.values(policy?.changes ?? {})).toMatchObject([
      { fromAutonomous: null, fromConsultative: null, toAutonomous: 1250, toConsultative: 12500, reason },
    ]);
    const thresholds = section('Threshold policy');
    const history = within(thresholds).getByRole('table', { name: 'Change history' });
    expect(within(history).getByText(reason)).toBeVisible();
    expect(within(thresholds).getByText('Set for this domain')).toBeVisible();
    // The new limits are judged on what is reviewed under them: the same record does not bring
    // the suggestion back.
    const after = trackRecord();
    expect(figure(after, 'Reviewed')).toBe('0');
    expect(within(after).getByRole('list', { name: 'Why' })).toHaveTextContent(
      'No autonomous or consultative decision reviewed since the limits last changed',
    );
    expect(after).toHaveTextContent('Suggestion: keep the limits. Not enough reviewed decisions yet: 0 of 5.');
    expect(within(after).queryByRole('button', { name: 'Accept suggestion' })).toBeNull();
  });

  it('keeps the limits with too few reviewed decisions, and says how many are needed', async () => {
    await renderCharter((repository) => {
      const domain = createDomain(repository, 'Checkout');
      for (let i = 0; i < 3; i += 1) reviewed(repository, domain.id, 'worked');
      return domain;
    });
    const card = trackRecord();
    expect(figure(card, 'Reviewed')).toBe('3');
    expect(within(card).getByRole('list', { name: 'Why' })).toHaveTextContent(
      'Keep the limits: at least 5 reviewed decisions are needed to suggest a change',
    );
    expect(card).toHaveTextContent('Suggestion: keep the limits. Not enough reviewed decisions yet: 3 of 5.');
    expect(within(card).queryByRole('button', { name: 'Accept suggestion' })).toBeNull();
  });

  it('suggests lowering the limits after failures and rollbacks, counting overrides as evidence', async () => {
    const user = userEvent.setup();
    const page = await renderCharter((repository) => {
      const domain = createDomain(repository, 'Checkout');
      reviewed(repository, domain.id, 'worked');
      reviewed(repository, domain.id, 'failed');
      // Rolled back, and decided alone although its cost called for consultation: an override.
      reviewed(repository, domain.id, 'partly', {
        cost: 5_000,
        chosenTier: 'autonomous',
        overrideReason: 'Urgent',
        rolledBackAt: WRITES_AT - 86_400_000,
      });
      return domain;
    });
    const card = trackRecord();
    expect(figure(card, 'Rolled back')).toBe('1');
    expect(figure(card, 'Overrides')).toBe('1');
    expect(within(card).getByText('Suggestion: lower the limits')).toBeVisible();
    expect(card).toHaveTextContent('Autonomous up to 750; consultative up to 7,500.');
    await user.click(within(card).getByRole('button', { name: 'Accept suggestion' }));
    const [policy] = selectLive(page.session.documentStore.getState(), 'policies');
    expect(Object.values(policy?.changes ?? {})).toMatchObject([
      {
        toAutonomous: 750,
        toConsultative: 7500,
        reason: 'Progressive autonomy: 2 of 3 reviewed decisions failed or were rolled back',
      },
    ]);
    expect(screen.getByRole('table', { name: 'Change history' })).toHaveTextContent('Progressive autonomy');
  });
});
