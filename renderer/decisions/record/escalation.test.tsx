import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { Entity } from '@shared/model/entities';
import type { WorkspaceRepository } from '../../data/repository';
import { createDomain, fill, section } from '../../domains/charter/charter-test-support';
import { createDecision, pick, renderDecision } from './decision-test-support';
import { describeEscalation, escalationTargets } from './escalation';

/** Checkout sits in Product and agrees with Payments an escalation path Risk → Product. */
function seed(repository: WorkspaceRepository) {
  const product = createDomain(repository, 'Product');
  const checkout = createDomain(repository, 'Checkout', { parentId: product.id });
  const payments = createDomain(repository, 'Payments');
  const risk = createDomain(repository, 'Risk');
  repository.addToCollection('domains', checkout.id, 'agreements', {
    otherDomainId: payments.id,
    provides: '',
    expects: '',
    serviceAgreement: '',
    communication: '',
    escalationPath: [risk.id, product.id],
  });
  const decision = createDecision(repository, 'Drop cash on delivery', { domainId: checkout.id });
  return { product, checkout, payments, risk, decision };
}

describe('escalationTargets', () => {
  it('offers the escalation path in order, then the parent, then the other domains by name, never the own domain', () => {
    const domains: Entity<'domains'>[] = [];
    const base = {
      createdAt: 1,
      updatedAt: 1,
      createdBy: 'u',
      deletedAt: null,
      roles: {},
      metrics: {},
      metricValues: {},
      resources: {},
    };
    const domain = (id: string, name: string, extra: Partial<Entity<'domains'>> = {}) =>
      ({ ...base, id, name, parentId: null, agreements: {}, ...extra }) as unknown as Entity<'domains'>;
    domains.push(
      domain('checkout', 'Checkout', {
        parentId: 'product',
        agreements: {
          a1: {
            id: 'a1',
            otherDomainId: 'payments',
            provides: '',
            expects: '',
            serviceAgreement: '',
            communication: '',
            escalationPath: ['risk', 'product', 'gone'],
          },
        },
      }),
      domain('product', 'Product'),
      domain('payments', 'Payments'),
      domain('risk', 'Risk'),
      domain('archive', 'Archive', { deletedAt: 5 }),
      domain('billing', 'Billing'),
    );
    expect(escalationTargets(domains, 'checkout')).toEqual([
      { domainId: 'risk', name: 'Risk', via: 'Step 1 of the escalation path agreed with Payments' },
      { domainId: 'product', name: 'Product', via: 'Step 2 of the escalation path agreed with Payments' },
      { domainId: 'billing', name: 'Billing', via: null },
      { domainId: 'payments', name: 'Payments', via: null },
    ]);
    expect(escalationTargets(domains, null).map((target) => target.name)).toEqual([
      'Billing',
      'Checkout',
      'Payments',
      'Product',
      'Risk',
    ]);
  });

  it('describes an escalation in words', () => {
    const escalation = {
      id: 'e1',
      escalatedAt: 1,
      escalatedBy: 'u',
      escalatedByName: 'Ana',
      fromTier: 'autonomous' as const,
      toTier: 'consultative' as const,
      toDomainId: 'risk',
      reason: 'Touches payments.',
    };
    const name = () => 'Risk';
    expect(describeEscalation(escalation, name)).toBe('Raised from Autonomous to Consultative and handed to Risk');
    expect(describeEscalation({ ...escalation, toDomainId: null }, name)).toBe(
      'Raised from Autonomous to Consultative',
    );
    expect(describeEscalation({ ...escalation, toTier: null }, name)).toBe('Handed to Risk');
  });
});

describe('decision page: escalation', { timeout: 30_000 }, () => {
  it('needs a target and a reason, then raises the tier, hands it along the path and records it', async () => {
    const user = userEvent.setup();
    let seeded: ReturnType<typeof seed> | null = null;
    const page = await renderDecision((repository) => {
      seeded = seed(repository);
      return seeded.decision;
    });
    const { risk } = seeded as unknown as ReturnType<typeof seed>;
    expect(screen.queryByRole('region', { name: 'Escalations' })).toBeNull();

    await user.click(screen.getByRole('button', { name: 'Escalate' }));
    const dialog = await screen.findByRole('dialog', { name: 'Escalate decision' });
    await user.click(within(dialog).getByRole('button', { name: 'Escalate' }));
    expect(within(dialog).getByRole('combobox', { name: /^Raise to tier/ })).toHaveAccessibleDescription(
      'Choose a more demanding tier, a domain to hand it to, or both.',
    );
    expect(within(dialog).getByRole('textbox', { name: /^Reason/ })).toHaveAccessibleDescription(
      'Say why it is escalated.',
    );
    expect(page.stored().escalations).toEqual({});

    await pick(user, within(dialog).getByRole('combobox', { name: /^Raise to tier/ }), 'Consultative');
    await pick(
      user,
      within(dialog).getByRole('combobox', { name: /^Hand to domain/ }),
      'Risk (Step 1 of the escalation path agreed with Payments)',
    );
    await fill(
      user,
      within(dialog).getByRole('textbox', { name: /^Reason/ }),
      'It changes what customers can pay with.',
    );
    await user.click(within(dialog).getByRole('button', { name: 'Escalate' }));

    const stored = page.stored();
    expect(stored.chosenTier).toBe('consultative');
    expect(stored.domainId).toBe(risk.id);
    expect(Object.values(stored.escalations)).toMatchObject([
      {
        escalatedBy: page.session.userId,
        fromTier: 'autonomous',
        toTier: 'consultative',
        toDomainId: risk.id,
        reason: 'It changes what customers can pay with.',
      },
    ]);
    const escalations = section('Escalations');
    expect(within(escalations).getByText('Raised from Autonomous to Consultative and handed to Risk')).toBeVisible();
    expect(within(escalations).getByText('It changes what customers can pay with.')).toBeVisible();

    // One intent: one undo takes back the escalation and its effects.
    page.session.undo.undo();
    expect(page.stored().escalations).toEqual({});
    expect(page.stored().chosenTier).toBeNull();
  });
});
