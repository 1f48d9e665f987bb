import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openedSession } from '../../domains/charter/charter-test-support';
import type { EntityCreateInput, WorkspaceRepository } from '../../data/repository';
import { todayIsoDate } from '../../domains/charter/dates';
import { renderApp, type RenderedApp } from '../../test-support';

// jsdom lays nothing out: give the log's scroll container a size so the virtualizer shows rows.
beforeAll(() => {
  for (const [property, size] of [
    ['clientHeight', 600],
    ['clientWidth', 800],
  ] as const) {
    Object.defineProperty(HTMLElement.prototype, property, {
      configurable: true,
      get(this: HTMLElement) {
        return this.getAttribute('aria-label') === 'Decision log' ? size : 0;
      },
    });
  }
});
afterAll(() => {
  Reflect.deleteProperty(HTMLElement.prototype, 'clientHeight');
  Reflect.deleteProperty(HTMLElement.prototype, 'clientWidth');
});

let workspaceCount = 0;

interface RenderedLog extends RenderedApp {
  repository: WorkspaceRepository;
  domains: { sales: string; ops: string };
}

type Seed = Omit<EntityCreateInput<'decisions'>, 'domainId' | 'status'> &
  Partial<Pick<EntityCreateInput<'decisions'>, 'domainId' | 'status'>>;

/** The app on the decisions screen of a fresh workspace holding two domains and `seed`'s decisions. */
async function renderLog(
  seed: (domains: { sales: string; ops: string }) => Seed[],
  path = '/decisions',
): Promise<RenderedLog> {
  workspaceCount += 1;
  const rendered = renderApp(path, [
    { id: `log-ws-${workspaceCount}`, name: 'Product', kind: 'team', createdAt: 1, updatedAt: 1, deletedAt: null },
  ]);
  const { repository } = await openedSession(rendered);
  const domains = { sales: '', ops: '' };
  act(() => {
    repository.transact(() => {
      domains.sales = repository.create('domains', { name: 'Sales', level: 'domain', parentId: null, purpose: '' }).id;
      domains.ops = repository.create('domains', {
        name: 'Operations',
        level: 'domain',
        parentId: null,
        purpose: '',
      }).id;
      for (const fields of seed(domains))
        repository.create('decisions', { domainId: null, status: 'draft', ...fields });
    });
  });
  return { ...rendered, repository, domains };
}

const day = (iso: string) => new Date(`${iso}T12:00:00`).getTime();

function threeDecisions(domains: { sales: string; ops: string }): Seed[] {
  return [
    {
      title: 'Adopt Café payments',
      domainId: domains.sales,
      status: 'decided',
      cost: 20_000,
      tags: ['payments'],
      proposedAt: day('2026-01-05'),
      decidedAt: day('2026-01-10'),
    },
    {
      title: 'Hire a designer',
      domainId: domains.ops,
      status: 'draft',
      cost: 500,
      kind: 'experiment',
      tags: ['hiring'],
      context: 'Budget review next quarter',
      proposedAt: day('2026-02-01'),
    },
    {
      title: 'Move the stand-up',
      status: 'seeking-advice',
      crossDomain: 'limited',
      proposedAt: day('2026-03-01'),
    },
  ];
}

/** The titles of the rows in the log, top to bottom. */
function rowTitles(): string[] {
  const list = screen.getByRole('list', { name: 'Decision log' });
  return within(list)
    .getAllByRole('listitem')
    .map((row) => within(row).getAllByRole('link')[0]?.textContent ?? '');
}

async function expectRows(titles: string[]) {
  await waitFor(() => expect(rowTitles()).toEqual(titles));
}

async function pick(user: ReturnType<typeof userEvent.setup>, label: string, option: string) {
  const field = screen.getByRole('combobox', { name: label });
  await user.click(field);
  await user.click(await screen.findByRole('option', { name: option, hidden: true }));
}

describe('decision log', { timeout: 30_000 }, () => {
  it('shows each decision with its domain, tier, status, kind, cost, date and tags, and a live count', async () => {
    await renderLog(threeDecisions);
    await expectRows(['Move the stand-up', 'Hire a designer', 'Adopt Café payments']);
    expect(screen.getByText('3 of 3 decisions')).toHaveAttribute('role', 'status');
    const cafe = screen.getByRole('link', { name: 'Adopt Café payments' }).closest<HTMLElement>('[role="listitem"]')!;
    expect(screen.getByRole('link', { name: 'Adopt Café payments' })).toHaveAttribute(
      'href',
      expect.stringMatching(/\/decisions\/.+/),
    );
    expect(cafe).toHaveTextContent('Collaborative');
    expect(cafe).toHaveTextContent('Decided');
    expect(cafe).toHaveTextContent(/Sales · Cost 20,000 · Decided /);
    expect(cafe).toHaveTextContent('payments');
    const designer = screen.getByRole('link', { name: 'Hire a designer' }).closest<HTMLElement>('[role="listitem"]')!;
    expect(designer).toHaveTextContent('Experiment');
    expect(designer).toHaveTextContent('Autonomous');
    expect(designer).toHaveTextContent(/Operations · Cost 500 · Proposed /);
    const standUp = screen.getByRole('link', { name: 'Move the stand-up' }).closest<HTMLElement>('[role="listitem"]')!;
    expect(standUp).toHaveTextContent('Consultative');
    expect(standUp).toHaveTextContent('No domain · Not costed');
  });

  it('marks an override where the chosen tier is less demanding than classified', async () => {
    await renderLog(() => [
      { title: 'Quick fix', horizon: 'long', chosenTier: 'consultative', overrideReason: 'Small' },
      { title: 'Careful', chosenTier: 'collaborative' },
    ]);
    await expectRows(['Quick fix', 'Careful']);
    const row = (title: string) => screen.getByRole('link', { name: title }).closest<HTMLElement>('[role="listitem"]')!;
    expect(row('Quick fix')).toHaveTextContent('Override');
    expect(row('Quick fix')).toHaveTextContent('Consultative');
    expect(row('Careful')).not.toHaveTextContent('Override');
  });

  it('narrows the list as words are typed, all words matching, accents and case folded', async () => {
    const user = userEvent.setup();
    const { router } = await renderLog(threeDecisions);
    await expectRows(['Move the stand-up', 'Hire a designer', 'Adopt Café payments']);
    const search = screen.getByRole('searchbox', { name: 'Search decisions' });
    await user.type(search, 'CAFE');
    await expectRows(['Adopt Café payments']);
    expect(screen.getByText('1 of 3 decisions')).toBeInTheDocument();
    await user.clear(search);
    await user.type(search, 'budg quarter');
    await expectRows(['Hire a designer']);
    await user.type(search, ' payments');
    expect(await screen.findByRole('region', { name: 'No decision matches' })).toBeInTheDocument();
    expect(screen.getByText('0 of 3 decisions')).toBeInTheDocument();
    await waitFor(() =>
      expect(new URLSearchParams(router.state.location.search).get('q')).toBe('budg quarter payments'),
    );
  });

  it('filters by domain, tier, status, kind and tag, and sorts', async () => {
    const user = userEvent.setup();
    const { router } = await renderLog(threeDecisions);
    await expectRows(['Move the stand-up', 'Hire a designer', 'Adopt Café payments']);

    await pick(user, 'Domain', 'Sales');
    await expectRows(['Adopt Café payments']);
    await pick(user, 'Domain', 'No domain');
    await expectRows(['Move the stand-up', 'Adopt Café payments']);
    expect(router.state.location.search).toContain('domain=');

    await pick(user, 'Tier', 'Consultative');
    await expectRows(['Move the stand-up']);
    await user.click(screen.getAllByRole('button', { name: 'Clear filters' })[0]!);
    await expectRows(['Move the stand-up', 'Hire a designer', 'Adopt Café payments']);

    await pick(user, 'Status', 'Decided');
    await expectRows(['Adopt Café payments']);
    await pick(user, 'Status', 'Draft');
    await expectRows(['Hire a designer', 'Adopt Café payments']);
    await user.click(screen.getAllByRole('button', { name: 'Clear filters' })[0]!);

    await user.click(screen.getByRole('combobox', { name: 'Kind' }));
    await user.click(await screen.findByRole('option', { name: 'Experiments', hidden: true }));
    await expectRows(['Hire a designer']);
    await user.click(screen.getAllByRole('button', { name: 'Clear filters' })[0]!);

    await pick(user, 'Tag', 'payments');
    await expectRows(['Adopt Café payments']);
    await user.click(screen.getAllByRole('button', { name: 'Clear filters' })[0]!);
    await expectRows(['Move the stand-up', 'Hire a designer', 'Adopt Café payments']);

    await user.click(screen.getByRole('combobox', { name: 'Sort' }));
    await user.click(await screen.findByRole('option', { name: 'Cost (highest first)', hidden: true }));
    await expectRows(['Adopt Café payments', 'Hire a designer', 'Move the stand-up']);
    await user.click(screen.getByRole('combobox', { name: 'Sort' }));
    await user.click(await screen.findByRole('option', { name: 'Title (A–Z)', hidden: true }));
    await expectRows(['Adopt Café payments', 'Hire a designer', 'Move the stand-up']);
    await user.click(screen.getByRole('combobox', { name: 'Sort' }));
    await user.click(await screen.findByRole('option', { name: 'Oldest first', hidden: true }));
    await expectRows(['Adopt Café payments', 'Hire a designer', 'Move the stand-up']);
    expect(new URLSearchParams(router.state.location.search).get('sort')).toBe('oldest');
  });

  it('filters by a date range on the decided date, else the proposed date', async () => {
    await renderLog(threeDecisions);
    await expectRows(['Move the stand-up', 'Hire a designer', 'Adopt Café payments']);
    fireEvent.change(screen.getByLabelText('From'), { target: { value: '2026-01-10' } });
    await expectRows(['Move the stand-up', 'Hire a designer', 'Adopt Café payments']);
    fireEvent.change(screen.getByLabelText('From'), { target: { value: '2026-01-11' } });
    await expectRows(['Move the stand-up', 'Hire a designer']);
    fireEvent.change(screen.getByLabelText('To'), { target: { value: '2026-02-01' } });
    await expectRows(['Hire a designer']);
  });

  it('keeps the filters in the address: opening it applies them, back and forward restore them', async () => {
    const user = userEvent.setup();
    const { router } = await renderLog(threeDecisions, '/decisions?q=cafe&tier=collaborative&sort=title');
    await expectRows(['Adopt Café payments']);
    expect(screen.getByRole('searchbox', { name: 'Search decisions' })).toHaveValue('cafe');

    await act(() => router.navigate('/decisions?kind=experiment'));
    await expectRows(['Hire a designer']);
    expect(screen.getByRole('searchbox', { name: 'Search decisions' })).toHaveValue('');

    await act(() => router.navigate(-1));
    await expectRows(['Adopt Café payments']);
    expect(screen.getByRole('searchbox', { name: 'Search decisions' })).toHaveValue('cafe');

    await pick(user, 'Status', 'Draft');
    expect(await screen.findByRole('region', { name: 'No decision matches' })).toBeInTheDocument();
    await act(() => router.navigate(-1));
    await expectRows(['Adopt Café payments']);
  });

  it('says when nothing matches and clears every filter', async () => {
    const user = userEvent.setup();
    const { router } = await renderLog(threeDecisions, '/decisions?q=nothing-like-this&status=draft&sort=title');
    const empty = await screen.findByRole('region', { name: 'No decision matches' });
    await user.click(within(empty).getByRole('button', { name: 'Clear filters' }));
    await expectRows(['Adopt Café payments', 'Hire a designer', 'Move the stand-up']);
    expect(screen.getByRole('searchbox', { name: 'Search decisions' })).toHaveValue('');
    expect(router.state.location.search).toBe('?sort=title');
  });

  it('keeps the empty state with "New decision" when there are no decisions', async () => {
    await renderLog(() => []);
    const empty = await screen.findByRole('region', { name: 'No decisions recorded yet' });
    expect(within(empty).getByRole('button', { name: 'New decision' })).toBeEnabled();
    expect(screen.queryByRole('list', { name: 'Decision log' })).toBeNull();
  });

  it('lists reviews due, oldest first, with links, and leaves out future and reviewed ones', async () => {
    const today = todayIsoDate();
    const daysAgo = (days: number) => todayIsoDate(new Date(Date.now() - days * 86_400_000));
    await renderLog(() => [
      { title: 'Due today', reviewOn: today },
      { title: 'Long overdue', reviewOn: daysAgo(40) },
      { title: 'Overdue', reviewOn: daysAgo(3) },
      { title: 'Later', reviewOn: todayIsoDate(new Date(Date.now() + 5 * 86_400_000)) },
      { title: 'Already reviewed', reviewOn: daysAgo(10), reviewOutcome: 'worked' },
    ]);
    const section = await screen.findByRole('region', { name: 'Reviews due (3)' });
    const links = within(section).getAllByRole('link');
    expect(links.map((link) => link.textContent)).toEqual(['Long overdue', 'Overdue', 'Due today']);
    expect(links[0]).toHaveAttribute('href', expect.stringMatching(/\/decisions\/.+/));
    expect(section).toHaveTextContent('due today');
  });

  it('follows edits, edits through the form and moves to the trash', async () => {
    const user = userEvent.setup();
    const { repository } = await renderLog(threeDecisions);
    await expectRows(['Move the stand-up', 'Hire a designer', 'Adopt Café payments']);
    const designer = repository.get(
      'decisions',
      screen.getByRole('link', { name: 'Hire a designer' }).getAttribute('href')!.split('/').pop()!,
    );
    act(() => {
      repository.update('decisions', designer!.id, { title: 'Hire two designers' });
    });
    await expectRows(['Move the stand-up', 'Hire two designers', 'Adopt Café payments']);

    await user.click(screen.getByRole('button', { name: 'Actions for Move the stand-up' }));
    await user.click(await screen.findByRole('menuitem', { name: 'Edit…' }, { timeout: 5_000 }));
    expect(await screen.findByRole('dialog')).toBeInTheDocument();
    await user.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());

    await user.click(screen.getByRole('button', { name: 'Actions for Adopt Café payments' }));
    await user.click(await screen.findByRole('menuitem', { name: 'Move to trash' }, { timeout: 5_000 }));
    await expectRows(['Move the stand-up', 'Hire two designers']);
    expect(screen.getByText('2 of 2 decisions')).toBeInTheDocument();
  });

  it('renders only the rows in view of a long log, and moves between rows with the arrow keys', async () => {
    const user = userEvent.setup();
    await renderLog(() =>
      Array.from({ length: 1_500 }, (_, at) => ({
        title: `Decision ${String(at).padStart(4, '0')}`,
        proposedAt: day('2026-01-01') + at * 60_000,
      })),
    );
    await waitFor(() => expect(screen.getByText('1,500 of 1,500 decisions')).toBeInTheDocument());
    const list = screen.getByRole('list', { name: 'Decision log' });
    const rows = within(list).getAllByRole('listitem');
    expect(rows.length).toBeGreaterThan(5);
    expect(rows.length).toBeLessThan(40);
    expect(rows[0]).toHaveAttribute('aria-setsize', '1500');
    expect(rowTitles()[0]).toBe('Decision 1499');

    await user.type(screen.getByRole('searchbox', { name: 'Search decisions' }), '0042');
    await expectRows(['Decision 0042']);
    await user.clear(screen.getByRole('searchbox', { name: 'Search decisions' }));

    const first = await screen.findByRole('link', { name: 'Decision 1499' });
    first.focus();
    await user.keyboard('{ArrowDown}');
    await waitFor(() => expect(screen.getByRole('link', { name: 'Decision 1498' })).toHaveFocus());
  });
});
