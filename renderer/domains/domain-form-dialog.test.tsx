import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { domainTemplates } from '@shared/domains/templates';
import { selectLive } from '../data/document-store';
import { renderApp } from '../test-support';
import type { WorkspaceSession } from '../workspaces/workspace-session';

let workspaceCount = 0;

/** A fresh workspace for each test (the guided-setup and name stores are per workspace id). */
function newWorkspace() {
  workspaceCount += 1;
  return {
    id: `domains-ws-${workspaceCount}`,
    name: 'Product',
    kind: 'team' as const,
    createdAt: 1,
    updatedAt: 1,
    deletedAt: null,
  };
}

async function openSession(rendered: ReturnType<typeof renderApp>): Promise<WorkspaceSession> {
  let session: WorkspaceSession | null = null;
  await waitFor(() => {
    session = rendered.sessionStore.getState().session;
    expect(session).not.toBeNull();
  });
  return session as unknown as WorkspaceSession;
}

/**
 * The options of the "Part of" field. Mantine keeps a combobox dropdown styled hidden in
 * jsdom (it never measures a position there), so the options are read including hidden ones.
 */
function partOfOptions(): HTMLElement {
  return screen.getByRole('listbox', { name: 'Part of', hidden: true });
}

const productTeam = domainTemplates.find((template) => template.id === 'product-team');
if (!productTeam) throw new Error('The product team template is missing.');

describe('domains list', { timeout: 20_000 }, () => {
  it('shows domains as a tree, each name a link to its page, with level, owners and budget', async () => {
    const rendered = renderApp('/domains', [newWorkspace()]);
    const session = await openSession(rendered);
    const { repository } = session;
    const unit = repository.create('domains', { name: 'Commerce', level: 'domain', parentId: null, purpose: '' });
    const team = repository.create('domains', {
      name: 'Checkout',
      level: 'team',
      parentId: unit.id,
      purpose: 'Make paying painless.',
      budgetAmount: 3_000,
      budgetUnit: 'EUR',
      budgetPeriod: 'quarter',
    });
    repository.create('domains', { name: 'Atlas', level: 'domain', parentId: null, purpose: '' });

    const table = await screen.findByRole('table');
    const rows = within(table).getAllByRole('row').slice(1);
    // Sorted by name at every level, sub-domains right under their parent.
    expect(rows.map((row) => within(row).getAllByRole('link')[0]?.textContent)).toEqual([
      'Atlas',
      'Commerce',
      'Checkout',
    ]);
    expect(screen.getByRole('link', { name: 'Checkout' })).toHaveAttribute('href', `/domains/${team.id}`);
    const checkoutRow = rows[2];
    if (!checkoutRow) throw new Error('No Checkout row.');
    expect(within(checkoutRow).getByText(', part of Commerce')).toBeInTheDocument();
    expect(within(checkoutRow).getByText('Team')).toBeInTheDocument();
    expect(within(checkoutRow).getByText('3,000 EUR / quarter')).toBeInTheDocument();
    expect(within(checkoutRow).getByText('None yet')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Dependency map' })).toHaveAttribute('href', '/domains/map');
    expect(screen.getByRole('button', { name: 'Actions for Checkout' })).toBeInTheDocument();
  });
});

describe('new domain dialog', { timeout: 20_000 }, () => {
  it('creates a domain from a template with its charter, metrics, resources and policy, then opens its page', async () => {
    const user = userEvent.setup();
    const rendered = renderApp('/domains', [newWorkspace()]);
    const session = await openSession(rendered);
    await user.click(await screen.findByRole('button', { name: 'New domain' }));
    const dialog = await screen.findByRole('dialog', { name: 'New domain' });

    const startFrom = within(dialog).getByRole('radiogroup', { name: /Start from/ });
    expect(within(startFrom).getByRole('radio', { name: 'Blank' })).toBeChecked();
    expect(within(startFrom).getAllByRole('radio')).toHaveLength(domainTemplates.length + 1);
    await user.click(within(startFrom).getByRole('radio', { name: 'Product team' }));

    // The basics are pre-filled from the template and can be changed.
    const name = within(dialog).getByRole('textbox', { name: /Name/ });
    expect(name).toHaveValue('Product team');
    expect(within(dialog).getByRole('textbox', { name: 'Purpose' })).toHaveValue(productTeam.fields.purpose);
    expect(within(dialog).getByText(/decide alone up to 2,000, seek advice up to 20,000/)).toBeInTheDocument();
    await user.clear(name);
    await user.type(name, 'Checkout');
    await user.click(within(dialog).getByRole('button', { name: 'Create domain' }));

    await waitFor(() => expect(rendered.router.state.location.pathname).toMatch(/^\/domains\/[^/]+$/));
    const state = session.documentStore.getState();
    const [domain] = selectLive(state, 'domains');
    if (!domain) throw new Error('No domain was created.');
    expect(rendered.router.state.location.pathname).toBe(`/domains/${domain.id}`);
    expect(domain).toMatchObject({
      name: 'Checkout',
      level: 'team',
      purpose: productTeam.fields.purpose,
      responsibility: productTeam.fields.responsibility,
      objectives: productTeam.fields.objectives,
      principles: productTeam.fields.principles,
      budgetAmount: 15_000,
      budgetUnit: 'EUR',
      budgetPeriod: 'quarter',
    });
    expect(Object.values(domain.metrics).map((metric) => metric.name)).toEqual(
      expect.arrayContaining(productTeam.metrics.map((metric) => metric.name)),
    );
    expect(Object.values(domain.resources)).toHaveLength(productTeam.resources.length);
    const [policy] = selectLive(state, 'policies');
    expect(policy).toMatchObject({ domainId: domain.id, autonomousCostLimit: 2_000, consultativeCostLimit: 20_000 });
    expect(Object.values(policy?.changes ?? {})).toEqual([
      expect.objectContaining({
        changedBy: 'test-user',
        reason: 'Started from the Product team template',
        toAutonomous: 2_000,
        toConsultative: 20_000,
      }),
    ]);

    // One undo step takes the whole start back.
    expect(session.undo.undo()).toBe(true);
    await waitFor(() => expect(selectLive(session.documentStore.getState(), 'domains')).toEqual([]));
    expect(selectLive(session.documentStore.getState(), 'policies')).toEqual([]);
  });

  it('keeps what the person typed when switching templates, and writes a blank domain without a policy', async () => {
    const user = userEvent.setup();
    const rendered = renderApp('/domains', [newWorkspace()]);
    const session = await openSession(rendered);
    await user.click(await screen.findByRole('button', { name: 'New domain' }));
    const dialog = await screen.findByRole('dialog', { name: 'New domain' });
    await user.type(within(dialog).getByRole('textbox', { name: /Name/ }), 'Billing');
    await user.click(within(dialog).getByRole('radio', { name: 'Platform team' }));
    expect(within(dialog).getByRole('textbox', { name: /Name/ })).toHaveValue('Billing');
    await user.click(within(dialog).getByRole('radio', { name: 'Blank' }));
    expect(within(dialog).getByRole('textbox', { name: 'Purpose' })).toHaveValue('');
    await user.click(within(dialog).getByRole('button', { name: 'Create domain' }));

    await waitFor(() => expect(selectLive(session.documentStore.getState(), 'domains')).toHaveLength(1));
    const [domain] = selectLive(session.documentStore.getState(), 'domains');
    expect(domain).toMatchObject({ name: 'Billing', responsibility: '', budgetAmount: null });
    expect(selectLive(session.documentStore.getState(), 'policies')).toEqual([]);
    await waitFor(() => expect(rendered.router.state.location.pathname).toBe(`/domains/${domain?.id ?? ''}`));
  });
});

describe('edit domain dialog: where a domain sits', { timeout: 20_000 }, () => {
  it('does not offer its own sub-domains as parents', async () => {
    const user = userEvent.setup();
    const rendered = renderApp('/domains', [newWorkspace()]);
    const { repository } = await openSession(rendered);
    const unit = repository.create('domains', { name: 'Commerce', level: 'domain', parentId: null, purpose: '' });
    const sub = repository.create('domains', { name: 'Payments', level: 'domain', parentId: unit.id, purpose: '' });
    repository.create('domains', { name: 'Deeper', level: 'domain', parentId: sub.id, purpose: '' });
    repository.create('domains', { name: 'Atlas', level: 'domain', parentId: null, purpose: '' });
    await screen.findByRole('link', { name: 'Atlas' });

    await user.click(screen.getByRole('button', { name: 'Actions for Commerce' }));
    await user.click(await screen.findByRole('menuitem', { name: 'Edit…' }, { timeout: 5_000 }));
    const dialog = await screen.findByRole('dialog', { name: 'Edit domain' });
    await user.click(within(dialog).getByRole('combobox', { name: 'Part of' }));
    const options = within(partOfOptions()).getAllByRole('option', { hidden: true });
    expect(options.map((option) => option.textContent)).toEqual(['Atlas (domain)']);
  });

  it('refuses a parent on a cycle with the message next to the field, and changes nothing', async () => {
    const user = userEvent.setup();
    const rendered = renderApp('/domains', [newWorkspace()]);
    const session = await openSession(rendered);
    const { repository } = session;
    const a = repository.create('domains', { name: 'Alpha', level: 'domain', parentId: null, purpose: '' });
    const b = repository.create('domains', { name: 'Beta', level: 'domain', parentId: a.id, purpose: '' });
    // Two laptops each made a move that was fine alone; after the merge they form a loop
    // (written as a peer's change: the repository refuses to make one).
    session.doc.transact(() => {
      (session.doc.getMap('domains').get(a.id) as Y.Map<unknown>).set('parentId', b.id);
    }, 'remote-peer');
    // The list still shows both, each at the top level with the reason.
    expect(await screen.findAllByText('Its parents form a loop. Edit it to choose another parent.')).toHaveLength(2);

    await user.click(screen.getByRole('button', { name: 'Actions for Alpha' }));
    await user.click(await screen.findByRole('menuitem', { name: 'Edit…' }, { timeout: 5_000 }));
    const dialog = await screen.findByRole('dialog', { name: 'Edit domain' });
    const partOf = within(dialog).getByRole('combobox', { name: 'Part of' });
    const message = 'A domain cannot be inside itself or one of its own sub-domains.';
    expect(partOf).toHaveValue('Beta (domain)');
    expect(partOf).toHaveAttribute('aria-invalid', 'true');
    expect(partOf).toHaveAccessibleDescription(expect.stringContaining(message));

    await user.type(within(dialog).getByRole('textbox', { name: /Name/ }), ' renamed');
    await user.click(within(dialog).getByRole('button', { name: 'Save changes' }));
    expect(screen.getByRole('dialog', { name: 'Edit domain' })).toBeInTheDocument();
    expect(repository.get('domains', a.id)).toMatchObject({ name: 'Alpha', parentId: b.id });
  });

  it('explains the level rules and refuses a parent of a narrower level', async () => {
    const user = userEvent.setup();
    const rendered = renderApp('/domains', [newWorkspace()]);
    const session = await openSession(rendered);
    session.repository.create('domains', { name: 'Web team', level: 'team', parentId: null, purpose: '' });
    await screen.findByRole('link', { name: 'Web team' });

    await user.click(await screen.findByRole('button', { name: 'New domain' }));
    const dialog = await screen.findByRole('dialog', { name: 'New domain' });
    const partOf = within(dialog).getByRole('combobox', { name: 'Part of' });
    expect(partOf).toHaveAccessibleDescription(expect.stringContaining('A domain sits inside a domain'));
    await user.click(within(dialog).getByRole('radio', { name: 'Domain / business unit' }));
    await user.click(partOf);
    await user.click(within(partOfOptions()).getByRole('option', { name: 'Web team (team)', hidden: true }));
    expect(partOf).toHaveAccessibleDescription(
      expect.stringContaining('A domain cannot sit inside a team; its parent can be a domain.'),
    );
    await user.click(within(dialog).getByRole('button', { name: 'Create domain' }));
    expect(screen.getByRole('dialog', { name: 'New domain' })).toBeInTheDocument();
    expect(selectLive(session.documentStore.getState(), 'domains')).toHaveLength(1);
  });
});
