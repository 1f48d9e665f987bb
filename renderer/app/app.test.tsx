import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { renderApp } from '../test-support';

const product = { id: 'p', name: 'Product', kind: 'team' as const, createdAt: 1, updatedAt: 1, deletedAt: null };
const mine = { id: 'm', name: 'Mine', kind: 'personal' as const, createdAt: 2, updatedAt: 2, deletedAt: null };

describe('app shell', () => {
  it('welcomes a new user and offers to create a workspace', async () => {
    renderApp('/');
    expect(await screen.findByRole('heading', { level: 1, name: 'Welcome to Latitude' })).toBeInTheDocument();
    const nav = screen.getByRole('navigation', { name: 'Main' });
    const links = within(nav)
      .getAllByRole('link')
      .map((link) => link.textContent);
    expect(links).toEqual([
      'DashboardCtrl+1',
      'DomainsCtrl+2',
      'DecisionsCtrl+3',
      'ReviewsCtrl+4',
      'MetricsCtrl+5',
      'SettingsCtrl+6',
      'Trash',
      'Help',
    ]);
    expect(screen.getByRole('button', { name: 'Create a workspace' })).toBeInTheDocument();
  });

  it('marks the current section and moves focus to the new heading after navigation', async () => {
    const user = userEvent.setup();
    renderApp('/dashboard');
    await screen.findByRole('heading', { level: 1 });
    await user.click(screen.getByRole('link', { name: /^Reviews/ }));
    const heading = await screen.findByRole('heading', { level: 1, name: 'Reviews' });
    await waitFor(() => expect(heading).toHaveFocus());
    expect(screen.getByRole('link', { name: /^Reviews/ })).toHaveAttribute('aria-current', 'page');
    expect(document.title).toBe('Reviews · Latitude');
  });

  it('creates a workspace from the empty state and opens it', async () => {
    const user = userEvent.setup();
    const { registry } = renderApp('/domains');
    await user.click(await screen.findByRole('button', { name: 'Create a workspace' }));
    const dialog = await screen.findByRole('dialog', { name: 'New workspace' });
    await user.type(within(dialog).getByRole('textbox', { name: /Name/ }), 'Design guild');
    await user.click(within(dialog).getByRole('radio', { name: /Team/ }));
    await user.click(within(dialog).getByRole('button', { name: 'Create workspace' }));

    expect(await screen.findByRole('heading', { level: 1, name: 'Dashboard' })).toBeInTheDocument();
    expect(screen.getByText('Design guild · team workspace')).toBeInTheDocument();
    expect(await registry.list()).toEqual([
      {
        id: 'ws-1',
        name: 'Design guild',
        kind: 'team',
        createdAt: 1_700_000_000_000,
        updatedAt: 1_700_000_000_000,
        deletedAt: null,
      },
    ]);
    expect(await registry.getActiveId()).toBe('ws-1');
  });

  it('keeps the dialog open with a message when the name is empty, and stores nothing', async () => {
    const user = userEvent.setup();
    const { registry } = renderApp('/dashboard');
    await user.click(await screen.findByRole('button', { name: 'Create a workspace' }));
    const dialog = await screen.findByRole('dialog', { name: 'New workspace' });
    await user.click(within(dialog).getByRole('button', { name: 'Create workspace' }));
    expect(await within(dialog).findByText('Give the workspace a name.')).toBeInTheDocument();
    expect(await registry.list()).toEqual([]);
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
  });

  it('switches workspaces from the switcher', async () => {
    const user = userEvent.setup();
    renderApp('/dashboard', [product, mine]);
    expect(await screen.findByText('Product · team workspace')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: /^Workspace Product/ }));
    await user.click(await screen.findByRole('menuitem', { name: /Mine/ }));
    expect(await screen.findByText('Mine · personal workspace')).toBeInTheDocument();
  });

  it('saves the open workspace and its first snapshot when the window is hidden or closed', async () => {
    const { sessionStore } = renderApp('/dashboard', [product]);
    await waitFor(() => expect(sessionStore.getState().status).toBe('open'));
    const session = sessionStore.getState().session!;
    const settle = vi.spyOn(session, 'settle');
    window.dispatchEvent(new Event('pagehide'));
    expect(settle).toHaveBeenCalledTimes(1);
    const visibility = vi.spyOn(document, 'visibilityState', 'get').mockReturnValue('hidden');
    document.dispatchEvent(new Event('visibilitychange'));
    expect(settle).toHaveBeenCalledTimes(2);
    visibility.mockReturnValue('visible');
    document.dispatchEvent(new Event('visibilitychange'));
    expect(settle).toHaveBeenCalledTimes(2);
    visibility.mockRestore();
  });

  it('follows navigation commands from the application menu', async () => {
    const { platform, router } = renderApp('/dashboard');
    await screen.findByRole('heading', { level: 1 });
    platform.sendMenuCommand('navigate:metrics');
    expect(await screen.findByRole('heading', { level: 1, name: 'Metrics' })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/metrics');
  });

  it('undoes and redoes the last intent from the menu and the keyboard, but leaves typing to the field', async () => {
    const user = userEvent.setup();
    const { platform, router } = renderApp('/domains', [product]);
    await user.click(await screen.findByRole('button', { name: 'New domain' }));
    const dialog = await screen.findByRole('dialog', { name: 'New domain' });
    await user.type(within(dialog).getByRole('textbox', { name: /Name/ }), 'Onboarding');
    await user.click(within(dialog).getByRole('button', { name: 'Create domain' }));
    // Creating opens the new domain's page.
    await waitFor(() => expect(router.state.location.pathname).toMatch(/^\/domains\/[^/]+$/));
    expect(await screen.findByRole('heading', { level: 1, name: 'Onboarding' })).toBeInTheDocument();

    platform.sendMenuCommand('edit:undo');
    expect(await screen.findByRole('heading', { level: 1, name: 'Domain not found' })).toBeInTheDocument();
    platform.sendMenuCommand('edit:redo');
    expect(await screen.findByRole('heading', { level: 1, name: 'Onboarding' })).toBeInTheDocument();
    await user.keyboard('{Control>}z{/Control}');
    expect(await screen.findByRole('heading', { level: 1, name: 'Domain not found' })).toBeInTheDocument();
    await user.keyboard('{Control>}{Shift>}z{/Shift}{/Control}');
    expect(await screen.findByRole('heading', { level: 1, name: 'Onboarding' })).toBeInTheDocument();

    await act(() => router.navigate('/domains'));
    expect(await screen.findByRole('link', { name: 'Onboarding' })).toBeInTheDocument();
    const execCommand = vi.fn(() => true);
    Object.defineProperty(document, 'execCommand', { value: execCommand, configurable: true });
    await user.click(screen.getByRole('button', { name: 'New domain' }));
    await user.click(
      within(await screen.findByRole('dialog', { name: 'New domain' })).getByRole('textbox', { name: /Name/ }),
    );
    platform.sendMenuCommand('edit:undo');
    expect(execCommand).toHaveBeenCalledWith('undo');
    expect(screen.getByRole('link', { name: 'Onboarding' })).toBeInTheDocument();
  }, 20_000);

  it('opens sections with Ctrl plus a digit', async () => {
    const user = userEvent.setup();
    const { router } = renderApp('/dashboard');
    await screen.findByRole('heading', { level: 1 });
    await user.keyboard('{Control>}3{/Control}');
    await waitFor(() => expect(router.state.location.pathname).toBe('/decisions'));
  });

  it('shows section empty states that say what to do first once a workspace exists', async () => {
    renderApp('/domains', [product]);
    expect(await screen.findByRole('region', { name: 'No domains yet' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'How domains work in the framework' })).toHaveAttribute(
      'href',
      '/help#boundaries',
    );
  });

  it('shows the platform details and data location in Settings', async () => {
    renderApp('/settings');
    expect(await screen.findByText('9.9.9')).toBeInTheDocument();
    expect(screen.getByText('Test storage')).toBeInTheDocument();
    expect(screen.getByRole('radiogroup', { name: 'Theme' })).toBeInTheDocument();
  });

  it('shows a way back from an unknown address', async () => {
    renderApp('/nowhere');
    expect(await screen.findByRole('heading', { level: 1, name: 'Page not found' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Go to the dashboard' })).toHaveAttribute('href', '/dashboard');
  });
});
