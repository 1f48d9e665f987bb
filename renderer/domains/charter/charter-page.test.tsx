import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { renderApp } from '../../test-support';
import { createDomain, fill, openedSession, renderCharter } from './charter-test-support';

describe('domain page: header and placement', { timeout: 30_000 }, () => {
  it('shows the level, the breadcrumb of parents and the sub-domains as links, in heading order', async () => {
    const ids: Record<string, string> = {};
    await renderCharter((repository) => {
      const commerce = createDomain(repository, 'Commerce');
      const payments = repository.create('domains', {
        name: 'Payments',
        level: 'domain',
        parentId: commerce.id,
        purpose: '',
      });
      ids.commerce = commerce.id;
      ids.payments = payments.id;
      const checkout = repository.create('domains', {
        name: 'Checkout',
        level: 'team',
        parentId: payments.id,
        purpose: '',
      });
      ids.cards = repository.create('domains', { name: 'Cards', level: 'team', parentId: checkout.id, purpose: '' }).id;
      ids.wallets = repository.create('domains', {
        name: 'Wallets',
        level: 'individual',
        parentId: checkout.id,
        purpose: '',
      }).id;
      return checkout;
    });
    expect(screen.getByText('Autonomy level:', { exact: false }).parentElement).toHaveTextContent(
      'Autonomy level: Team',
    );
    const breadcrumb = screen.getByRole('navigation', { name: 'Breadcrumb' });
    expect(
      within(breadcrumb)
        .getAllByRole('link')
        .map((link) => [link.textContent, link.getAttribute('href')]),
    ).toEqual([
      ['Domains', '/domains'],
      ['Commerce', `/domains/${ids.commerce}`],
      ['Payments', `/domains/${ids.payments}`],
    ]);
    expect(within(breadcrumb).getByText('Checkout')).toHaveAttribute('aria-current', 'page');

    const subDomains = screen.getByRole('region', { name: 'Sub-domains' });
    expect(
      within(subDomains)
        .getAllByRole('link')
        .map((link) => link.getAttribute('href')),
    ).toEqual([`/domains/${ids.cards}`, `/domains/${ids.wallets}`]);

    // One h1, then h2 sections, h3 only inside them.
    const levels = screen.getAllByRole('heading').map((heading) => Number(heading.tagName.slice(1)));
    expect(levels[0]).toBe(1);
    levels.forEach((level, index) => {
      if (index > 0) expect(level - (levels[index - 1] ?? 0)).toBeLessThanOrEqual(1);
    });
    expect(screen.getAllByRole('heading', { level: 2 }).map((heading) => heading.textContent)).toEqual(
      expect.arrayContaining([
        'Sub-domains',
        'Responsibility',
        'Owners and members',
        'Success metrics',
        'Resource constraints',
        'Guidelines',
        'Interface agreements',
        'Support structures',
        'Threshold policy',
      ]),
    );
    expect(screen.getByRole('link', { name: 'Show on the dependency map' })).toHaveAttribute('href', '/domains/map');
  });

  it('edits the basics through the domain dialog', async () => {
    const user = userEvent.setup();
    const page = await renderCharter((repository) => createDomain(repository, 'Checkout'));
    await user.click(screen.getByRole('button', { name: 'Edit basics' }));
    const dialog = await screen.findByRole('dialog', { name: 'Edit domain' });
    await fill(user, within(dialog).getByRole('textbox', { name: /Name/ }), 'Checkout and payments');
    await user.click(within(dialog).getByRole('button', { name: 'Save changes' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Checkout and payments' })).toBeVisible();
    expect(page.stored().name).toBe('Checkout and payments');
  });

  it('moves the domain to the trash, says Ctrl+Z brings it back, and goes to the list', async () => {
    const user = userEvent.setup();
    const page = await renderCharter((repository) => createDomain(repository, 'Checkout'));
    await user.click(screen.getByRole('button', { name: 'Move to trash' }));
    expect(page.stored().deletedAt).not.toBeNull();
    expect(await screen.findByText('Checkout is in the trash. Ctrl+Z brings it back.')).toBeVisible();
    await waitFor(() => expect(page.router.state.location.pathname).toBe('/domains'));
    act(() => {
      page.session.undo.undo();
    });
    expect(page.stored().deletedAt).toBeNull();
  });

  it('says a domain in the trash does not exist here, with ways back', async () => {
    const page = await renderCharter((repository) => createDomain(repository, 'Checkout'));
    act(() => page.session.repository.softDelete('domains', page.domain.id));
    const missing = await screen.findByRole('region', { name: 'This domain does not exist or is in the trash' });
    expect(screen.getByRole('heading', { level: 1, name: 'Domain not found' })).toBeVisible();
    expect(within(missing).getByRole('link', { name: 'Go to Domains' })).toHaveAttribute('href', '/domains');
    expect(within(missing).getByRole('link', { name: 'Open the trash' })).toHaveAttribute('href', '/trash');
    expect(screen.queryByRole('button', { name: 'Edit basics' })).not.toBeInTheDocument();
  });

  it('says an unknown id does not exist', async () => {
    const rendered = renderApp('/domains/no-such-domain', [
      { id: 'unknown-ws', name: 'Product', kind: 'team', createdAt: 1, updatedAt: 1, deletedAt: null },
    ]);
    await openedSession(rendered);
    expect(await screen.findByRole('region', { name: 'This domain does not exist or is in the trash' })).toBeVisible();
    expect(document.title).toBe('Domain not found · Latitude');
  });
});
