import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { setupPhases } from '@shared/domains/setup-guide';
import { changePolicy } from '../domains/policy-actions';
import { renderApp } from '../test-support';
import type { WorkspaceSession } from '../workspaces/workspace-session';

const totalSteps = setupPhases.reduce((sum, phase) => sum + phase.steps.length, 0);

let workspaceCount = 0;

/** A fresh workspace per test: ticks and the hidden flag are kept per workspace id. */
function newWorkspace() {
  workspaceCount += 1;
  return {
    id: `setup-ws-${workspaceCount}`,
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

async function findCard(): Promise<HTMLElement> {
  return screen.findByRole('region', { name: 'Guided setup' });
}

describe('guided setup on the dashboard', { timeout: 20_000 }, () => {
  it('keeps the no-workspace state when there is no workspace', async () => {
    renderApp('/dashboard');
    expect(await screen.findByRole('heading', { level: 1, name: 'Welcome to Latitude' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Create a workspace' })).toBeInTheDocument();
    expect(screen.queryByRole('region', { name: 'Guided setup' })).not.toBeInTheDocument();
  });

  it('walks an empty workspace to its first domain with thresholds, and progress follows the data', async () => {
    const rendered = renderApp('/dashboard', [newWorkspace()]);
    const card = await findCard();
    expect(within(card).getByText(`0 of ${totalSteps} steps done`)).toBeInTheDocument();
    expect(within(card).getByRole('progressbar', { name: 'Guided setup progress' })).toHaveAttribute(
      'aria-valuenow',
      '0',
    );
    for (const title of ['Initial setup', 'Pilot phase', 'Scale phase']) {
      expect(within(card).getByRole('heading', { level: 3, name: title })).toBeInTheDocument();
    }
    expect(within(card).getByRole('heading', { level: 3, name: /^Optimi[sz]ation$/ })).toBeInTheDocument();

    // The first step is the next one, and links to the domains.
    const steps = within(card).getAllByRole('listitem');
    const first = steps[0];
    if (!first) throw new Error('No steps.');
    expect(first).toHaveAttribute('aria-current', 'step');
    expect(within(first).getByText('Create your first domain')).toBeInTheDocument();
    expect(within(first).getByText('Next step')).toBeInTheDocument();
    expect(within(first).getByRole('link', { name: 'Go to domains' })).toHaveAttribute('href', '/domains');
    expect(
      within(card)
        .getAllByRole('listitem')
        .filter((item) => item.getAttribute('aria-current')),
    ).toHaveLength(1);

    const session = await openSession(rendered);
    const domain = session.repository.create('domains', {
      name: 'Checkout',
      level: 'team',
      parentId: null,
      purpose: 'Make paying painless.',
    });
    // A domain with a purpose ticks "Create your first domain" and "Document current state".
    expect(await within(card).findByText(`2 of ${totalSteps} steps done`)).toBeInTheDocument();
    const thresholds = within(card).getByText('Define decision thresholds').closest('li');
    if (!thresholds) throw new Error('No thresholds step.');
    expect(thresholds).toHaveTextContent('Define decision thresholds (not done yet)');
    expect(within(thresholds).getByRole('link', { name: 'Go to Checkout' })).toHaveAttribute(
      'href',
      `/domains/${domain.id}`,
    );
    expect(within(first).queryByText('Next step')).not.toBeInTheDocument();
    expect(first).not.toHaveAttribute('aria-current');

    changePolicy(
      session.repository,
      [],
      { domainId: domain.id, limits: { autonomousCostLimit: 500, consultativeCostLimit: 5_000 }, reason: 'Start' },
      { userId: 'test-user', name: 'Ana' },
      1_700_000_000_000,
    );
    expect(await within(card).findByText(`3 of ${totalSteps} steps done`)).toBeInTheDocument();
    expect(thresholds).toHaveTextContent('Define decision thresholds (done)');
  });

  it('counts a manual step when it is ticked, and forgets it when unticked', async () => {
    const user = userEvent.setup();
    renderApp('/dashboard', [newWorkspace()]);
    const card = await findCard();
    const quickWins = within(card).getByRole('checkbox', { name: 'Identify quick wins' });
    expect(quickWins).not.toBeChecked();
    await user.click(quickWins);
    expect(quickWins).toBeChecked();
    expect(within(card).getByText(`1 of ${totalSteps} steps done`)).toBeInTheDocument();
    await user.click(quickWins);
    expect(quickWins).not.toBeChecked();
    expect(within(card).getByText(`0 of ${totalSteps} steps done`)).toBeInTheDocument();
  });

  it('can be hidden and brought back, and stays hidden when the dashboard is opened again', async () => {
    const user = userEvent.setup();
    const workspace = newWorkspace();
    const rendered = renderApp('/dashboard', [workspace]);
    const card = await findCard();
    await user.click(within(card).getByRole('checkbox', { name: 'Share learnings' }));
    await user.click(within(card).getByRole('button', { name: 'Hide guided setup' }));
    await waitFor(() => expect(screen.queryByRole('region', { name: 'Guided setup' })).not.toBeInTheDocument());
    const reopen = screen.getByRole('button', { name: 'Guided setup' });

    // Away and back: still hidden.
    await user.click(within(screen.getByRole('navigation', { name: 'Main' })).getByRole('link', { name: /^Domains/ }));
    await screen.findByRole('heading', { level: 1, name: 'Domains' });
    await user.click(
      within(screen.getByRole('navigation', { name: 'Main' })).getByRole('link', { name: /^Dashboard/ }),
    );
    expect(await screen.findByRole('button', { name: 'Guided setup' })).toBeInTheDocument();
    expect(screen.queryByRole('region', { name: 'Guided setup' })).not.toBeInTheDocument();
    expect(reopen).not.toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Guided setup' }));
    const back = await findCard();
    // The tick made before hiding is still there.
    expect(within(back).getByRole('checkbox', { name: 'Share learnings' })).toBeChecked();
    expect(screen.queryByRole('button', { name: 'Guided setup' })).not.toBeInTheDocument();
    await waitFor(() => expect(within(back).getByRole('heading', { level: 2, name: 'Guided setup' })).toHaveFocus());
    expect(rendered.router.state.location.pathname).toBe('/dashboard');
  });
});
