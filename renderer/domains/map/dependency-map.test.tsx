import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderApp, type RenderedApp } from '../../test-support';

// React Flow measures nodes with ResizeObserver and reads transforms with DOMMatrixReadOnly;
// jsdom has neither (test-setup.ts only stubs an observer that never reports). These follow
// React Flow's testing guide: the observer reports each element once, sizes come from
// offsetWidth/offsetHeight.
class ReportingResizeObserver implements ResizeObserver {
  constructor(private readonly callback: ResizeObserverCallback) {}
  observe(target: Element): void {
    this.callback([{ target } as ResizeObserverEntry], this);
  }
  unobserve(): void {}
  disconnect(): void {}
}

class DOMMatrixReadOnlyStub {
  m22: number;
  constructor(transform?: string) {
    const scale = transform?.match(/scale\(([1-9.]+)\)/)?.[1];
    this.m22 = scale === undefined ? 1 : Number(scale);
  }
}

const saved = {
  resizeObserver: window.ResizeObserver,
  offsetHeight: Object.getOwnPropertyDescriptor(HTMLElement.prototype, 'offsetHeight'),
  offsetWidth: Object.getOwnPropertyDescriptor(HTMLElement.prototype, 'offsetWidth'),
};

beforeAll(async () => {
  // The screen loads the map lazily; load it once here so no test waits for the import.
  await import('./dependency-map');
  window.ResizeObserver = ReportingResizeObserver;
  Object.defineProperty(window, 'DOMMatrixReadOnly', {
    configurable: true,
    writable: true,
    value: DOMMatrixReadOnlyStub,
  });
  Object.defineProperties(HTMLElement.prototype, {
    offsetHeight: {
      configurable: true,
      get(this: HTMLElement) {
        return Number.parseFloat(this.style.height) || 1;
      },
    },
    offsetWidth: {
      configurable: true,
      get(this: HTMLElement) {
        return Number.parseFloat(this.style.width) || 1;
      },
    },
  });
  (SVGElement.prototype as SVGElement & { getBBox: () => DOMRect }).getBBox = () =>
    ({ x: 0, y: 0, width: 0, height: 0 }) as DOMRect;
});

afterAll(() => {
  window.ResizeObserver = saved.resizeObserver;
  if (saved.offsetHeight) Object.defineProperty(HTMLElement.prototype, 'offsetHeight', saved.offsetHeight);
  if (saved.offsetWidth) Object.defineProperty(HTMLElement.prototype, 'offsetWidth', saved.offsetWidth);
});

const workspace = { id: 'w', name: 'Guild', kind: 'team' as const, createdAt: 1, updatedAt: 1, deletedAt: null };

async function openMap(): Promise<RenderedApp> {
  const app = renderApp('/domains/map', [workspace]);
  await waitFor(() => expect(app.sessionStore.getState().status).toBe('open'));
  return app;
}

function repositoryOf(app: RenderedApp) {
  const repository = app.sessionStore.getState().session?.repository;
  if (!repository) throw new Error('No workspace is open.');
  return repository;
}

const agreementFields = { provides: '', expects: '', serviceAgreement: '', communication: '', escalationPath: [] };

/** Engineering (domain) holds Platform and Product (teams); Old team is in the trash. */
function seed(app: RenderedApp) {
  const repository = repositoryOf(app);
  let seeded: Record<'eng' | 'platform' | 'product' | 'old', { id: string }> | undefined;
  act(() => {
    seeded = repository.transact(() => {
      const eng = repository.create('domains', { name: 'Engineering', level: 'domain', parentId: null });
      const platform = repository.create('domains', { name: 'Platform', level: 'team', parentId: eng.id });
      const product = repository.create('domains', { name: 'Product team', level: 'team', parentId: eng.id });
      const old = repository.create('domains', { name: 'Old team', level: 'team', parentId: null });
      repository.addToCollection('domains', product.id, 'agreements', {
        ...agreementFields,
        otherDomainId: platform.id,
        provides: 'Feature requests two sprints ahead',
        expects: 'A deploy pipeline',
        serviceAgreement: '99.9% pipeline uptime',
        communication: '#platform channel',
        escalationPath: [eng.id],
      });
      repository.addToCollection('domains', platform.id, 'agreements', {
        ...agreementFields,
        otherDomainId: old.id,
        provides: 'Legacy hosting',
      });
      repository.softDelete('domains', old.id);
      return { eng, platform, product, old };
    });
  });
  if (!seeded) throw new Error('The domains were not created.');
  return seeded;
}

describe('dependency map', () => {
  it('asks for a workspace first', async () => {
    renderApp('/domains/map');
    expect(await screen.findByRole('heading', { level: 1, name: 'Dependency map' })).toBeInTheDocument();
    expect(await screen.findByRole('button', { name: 'Create a workspace' })).toBeInTheDocument();
  });

  it('points to Domains while there are none', async () => {
    await openMap();
    const empty = await screen.findByRole('region', { name: 'No domains to map yet' });
    expect(within(empty).getByRole('link', { name: 'Go to Domains' })).toHaveAttribute('href', '/domains');
    expect(screen.queryByRole('region', { name: /^Dependency map:/ })).not.toBeInTheDocument();
  });

  it('draws domains without agreements and explains how to add one', async () => {
    const app = await openMap();
    const repository = repositoryOf(app);
    act(() => {
      const eng = repository.create('domains', { name: 'Engineering', level: 'domain', parentId: null });
      repository.create('domains', { name: 'Platform', level: 'team', parentId: eng.id });
    });
    const hint = await screen.findByRole('region', { name: 'No agreements between domains yet' });
    expect(hint).toHaveTextContent('add one under Agreements');
    const map = screen.getByRole('region', { name: /^Dependency map: 2 domains, 0 agreements/ });
    expect(within(map).getByText('Engineering')).toBeInTheDocument();
    expect(within(map).getByText('Platform')).toBeInTheDocument();
    expect(screen.getByRole('list', { name: 'Which domain is part of which' })).toHaveTextContent(
      'Platform is part of Engineering',
    );
  });

  it('renders domains as nodes, lists the agreements and flags the broken one', async () => {
    const app = await openMap();
    const { eng, platform, product } = seed(app);

    const map = await screen.findByRole('region', {
      name: /^Dependency map: 3 domains, 1 agreement, 1 escalation step/,
    });
    for (const name of ['Engineering', 'Platform', 'Product team'])
      expect(within(map).getByText(name)).toBeInTheDocument();
    expect(within(map).queryByText('Old team')).not.toBeInTheDocument();
    const platformNode = within(map).getByRole('link', { name: 'Platform Team broken agreement' });
    expect(platformNode).toHaveAttribute('tabindex', '0');
    expect(within(map).getByRole('link', { name: 'Engineering Domain' })).toBeInTheDocument();
    expect(screen.queryByRole('region', { name: 'No agreements between domains yet' })).not.toBeInTheDocument();

    const broken = screen.getByRole('region', { name: 'Agreements pointing at deleted domains' });
    expect(broken).toHaveTextContent(
      'Platform: The agreement “Legacy hosting” is with Old team, which is in the trash.',
    );
    expect(within(broken).getByRole('link', { name: 'Platform' })).toHaveAttribute('href', `/domains/${platform.id}`);

    const table = screen.getByRole('table', { name: 'Agreements between domains' });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows).toHaveLength(1);
    const [row] = rows;
    if (!row) throw new Error('no row');
    expect(within(row).getByRole('rowheader', { name: 'Product team with Platform' })).toHaveTextContent(
      'Product team →with Platform',
    );
    expect(row).toHaveTextContent('Provides: Feature requests two sprints ahead');
    expect(row).toHaveTextContent('Expects: A deploy pipeline');
    expect(row).toHaveTextContent('Service agreement: 99.9% pipeline uptime');
    expect(row).toHaveTextContent('Communication: #platform channel');
    expect(within(row).getByRole('link', { name: 'Product team' })).toHaveAttribute('href', `/domains/${product.id}`);
    expect(within(row).getByRole('link', { name: 'Platform' })).toHaveAttribute('href', `/domains/${platform.id}`);
    expect(within(row).getByRole('link', { name: 'Engineering' })).toHaveAttribute('href', `/domains/${eng.id}`);
  });

  it('flags an escalation step at a deleted domain in the list and the broken list', async () => {
    const app = await openMap();
    const { eng } = seed(app);
    act(() => repositoryOf(app).softDelete('domains', eng.id));
    const broken = await screen.findByRole('region', { name: 'Agreements pointing at deleted domains' });
    expect(broken).toHaveTextContent('Product team: The agreement “99.9% pipeline uptime” escalates to Engineering');
    const table = screen.getByRole('table', { name: 'Agreements between domains' });
    expect(table).toHaveTextContent('Engineering (in the trash)');
    expect(table).toHaveTextContent('Reaches a deleted domain');
  });

  it('opens a domain on click and on Enter', async () => {
    const app = await openMap();
    const { platform, product } = seed(app);
    const map = await screen.findByRole('region', { name: /^Dependency map:/ });

    // A plain click: d3-zoom's mousedown handling needs a window that jsdom's synthetic events lack.
    fireEvent.click(within(map).getByText('Product team'));
    await waitFor(() => expect(app.router.state.location.pathname).toBe(`/domains/${product.id}`));

    await act(() => app.router.navigate('/domains/map'));
    const node = within(await screen.findByRole('region', { name: /^Dependency map:/ })).getByRole('link', {
      name: /^Platform Team/,
    });
    node.focus();
    fireEvent.keyDown(node, { key: 'Enter' });
    await waitFor(() => expect(app.router.state.location.pathname).toBe(`/domains/${platform.id}`));
  });

  it('moves focus past the map to the list', async () => {
    const user = userEvent.setup();
    const app = await openMap();
    seed(app);
    await user.click(await screen.findByRole('button', { name: 'Skip the map to the list' }));
    expect(screen.getByRole('heading', { name: 'The map as a list' })).toHaveFocus();
  });
});
