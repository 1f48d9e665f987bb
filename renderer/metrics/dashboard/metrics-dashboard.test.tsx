import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { EntityCreateInput, WorkspaceRepository } from '../../data/repository';
import { createDomain, openedSession, renderCharter } from '../../domains/charter/charter-test-support';
import type { SavePdf } from '../../platform/platform';
import { renderApp, type RenderedApp } from '../../test-support';
import { serveMetrics, type MetricsAnswer, type MetricsRequest } from './metrics-engine';

let workspaceCount = 0;

interface Domains {
  sales: string;
  salesEu: string;
  ops: string;
}

interface RenderedDashboard extends RenderedApp {
  repository: WorkspaceRepository;
  domains: Domains;
  goTo: (path: string) => Promise<void>;
}

/** Noon of a local date, in milliseconds. */
const day = (iso: string, plusDays = 0) => new Date(`${iso}T12:00:00`).getTime() + plusDays * 86_400_000;

/** A decision decided `days` days after it was proposed on `proposedOn`. */
function decided(
  title: string,
  domainId: string,
  proposedOn: string,
  days: number,
  fields: Partial<EntityCreateInput<'decisions'>> = {},
): EntityCreateInput<'decisions'> {
  return {
    title,
    domainId,
    status: 'decided',
    proposedAt: day(proposedOn),
    decidedAt: day(proposedOn, days),
    ...fields,
  };
}

const pulse = (periodStart: string, fields: Partial<EntityCreateInput<'pulseChecks'>> = {}) => ({
  periodStart,
  domainId: null,
  satisfaction: 4,
  stress: 2,
  collaboration: 5,
  trust: 3,
  anonymous: true,
  respondentName: '',
  ...fields,
});

/**
 * The app on a fresh workspace with Sales (and its sub-domain Sales EU) and Operations, and
 * what `seed` writes through the repository; then `path` opened. `desktop.savePdf` gives the
 * platform the desktop app's one-step PDF saving; without it, it is a browser's.
 */
async function renderDashboard(
  path: string,
  seed: (repository: WorkspaceRepository, domains: Domains) => void = () => undefined,
  desktop: { savePdf?: SavePdf } = {},
): Promise<RenderedDashboard> {
  workspaceCount += 1;
  const rendered = renderApp('/domains', [
    { id: `metrics-ws-${workspaceCount}`, name: 'Product', kind: 'team', createdAt: 1, updatedAt: 1, deletedAt: null },
  ]);
  // Set before the dashboard renders: changing it later would not render the dashboard again.
  rendered.platform.savePdf = desktop.savePdf ?? null;
  const { repository } = await openedSession(rendered);
  const domains: Domains = { sales: '', salesEu: '', ops: '' };
  act(() => {
    repository.transact(() => {
      domains.sales = createDomain(repository, 'Sales', { budgetAmount: 1000, budgetUnit: 'EUR' }).id;
      domains.salesEu = createDomain(repository, 'Sales EU', { level: 'team', parentId: domains.sales }).id;
      domains.ops = createDomain(repository, 'Operations').id;
    });
    seed(repository, domains);
  });
  const goTo = async (to: string) => {
    await act(() => rendered.router.navigate(to));
  };
  await goTo(path.replace('{sales}', domains.sales));
  await screen.findByRole('heading', { level: 1, name: 'Metrics' });
  return { ...rendered, repository, domains, goTo };
}

/** Five Sales decisions in January 2026 (1 to 5 days each) and three in December 2025 (5 to 7 days). */
function salesDecisions(repository: WorkspaceRepository, { sales }: Domains) {
  repository.transact(() => {
    [1, 2, 3, 4, 5].forEach((days, index) =>
      repository.create('decisions', decided(`Jan ${index}`, sales, '2026-01-05', days)),
    );
    [5, 6, 7].forEach((days, index) =>
      repository.create('decisions', decided(`Dec ${index}`, sales, '2025-12-03', days)),
    );
  });
}

const card = (name: string) => screen.getByRole('group', { name });

/** Waits until the stepper shows the period `label`. */
const shown = (label: string) => screen.findByText(label, { selector: '[aria-live="polite"]' });

describe('metrics dashboard', { timeout: 30_000 }, () => {
  it('shows the governance alerts above the groups: escalations rising over three months, with the place to act', async () => {
    await renderDashboard('/metrics?period=month&at=2025-12-15', (repository, { sales }) => {
      repository.transact(() => {
        for (const [month, escalated] of [
          ['2025-10-06', 1],
          ['2025-11-03', 2],
          ['2025-12-01', 3],
        ] as const) {
          for (let index = 0; index < 5; index += 1) {
            const decision = repository.create('decisions', decided(`${month} ${index}`, sales, month, 1));
            if (index >= escalated) continue;
            repository.addToCollection('decisions', decision.id, 'escalations', {
              escalatedAt: day(month),
              escalatedBy: 'someone',
              escalatedByName: 'Someone',
              fromTier: 'autonomous',
              toTier: 'consultative',
              toDomainId: null,
              reason: 'Too big to decide alone',
            });
          }
        }
      });
    });

    const alerts = await screen.findByRole('list', { name: 'Governance alerts' });
    expect(screen.getByRole('heading', { name: 'Governance alerts' })).toBeInTheDocument();
    const rising = within(alerts).getByText('Escalation frequency rising').closest('li') as HTMLElement;
    expect(
      within(rising).getByText(
        'Escalation frequency rose over three periods: 20% in October 2025, 40% in November 2025, 60% in December 2025.',
      ),
    ).toBeInTheDocument();
    expect(within(rising).getByRole('link', { name: 'Review the domains’ threshold policies' })).toHaveAttribute(
      'href',
      '/domains',
    );
  });

  it('says when the period has no alerts', async () => {
    await renderDashboard('/metrics?at=2026-01-15', salesDecisions);
    expect(await screen.findByText('No alerts for this period.')).toBeInTheDocument();
    expect(screen.queryByRole('list', { name: 'Governance alerts' })).not.toBeInTheDocument();
  });

  it('shows each figure with its value, what it is from, its light and its trend', async () => {
    await renderDashboard('/metrics?at=2026-01-15', (repository, domains) => {
      salesDecisions(repository, domains);
      repository.transact(() => {
        for (const [title, startedOn] of [
          ['Checkout', '2026-01-02'],
          ['Invoices', '2026-01-08'],
        ] as const) {
          repository.create('valueEntries', {
            title,
            domainId: domains.sales,
            startedOn,
            deliveredOn: '2026-01-20',
            satisfaction: 4,
            defects: 1,
            note: '',
          });
        }
      });
    });

    const velocity = await screen.findByRole('group', { name: 'Decision velocity' });
    expect(within(velocity).getByText('3 days')).toBeInTheDocument();
    expect(within(velocity).getByText('From 5 decisions')).toBeInTheDocument();
    expect(within(velocity).getByText('On track')).toBeInTheDocument();
    expect(within(velocity).getByText('Down 50% vs previous periods, better')).toBeInTheDocument();
    expect(within(velocity).getByText(/By tier: autonomous 3 days \(5\)/)).toBeInTheDocument();

    const escalations = card('Escalation frequency');
    // The value, not the chart's axis (which starts at 0% too).
    expect(within(escalations).getByText('0%', { selector: 'p' })).toBeInTheDocument();
    expect(within(escalations).getByText('From 5 decisions')).toBeInTheDocument();
    expect(within(escalations).getByText('On track')).toBeInTheDocument();

    // Two delivered items: not enough for a median lead time or a mean satisfaction.
    const delivery = card('Delivery speed');
    expect(within(delivery).getByText('No value')).toBeInTheDocument();
    expect(within(delivery).getByText('Not enough data (2 of 3 needed)')).toBeInTheDocument();
    expect(within(delivery).queryByText(/On track|Watch|Off track/)).toBeNull();
    expect(within(card('User satisfaction')).getByText('Not enough data (2 of 3 needed)')).toBeInTheDocument();
    expect(within(card('Throughput')).getByText('2 items delivered in 31 days')).toBeInTheDocument();
    expect(within(card('Throughput')).getByText('1.9 per 30 days')).toBeInTheDocument();

    // The charts' text alternative: the same numbers, per period.
    const table = screen.getByRole('table', { name: 'Autonomy over the last periods' });
    const row = within(table).getByRole('row', { name: /^Decision velocity/ });
    expect(
      within(row)
        .getAllByRole('cell')
        .map((cell) => cell.textContent),
    ).toEqual(['Not enough data', 'Not enough data', 'Not enough data', 'Not enough data', '6 days', '3 days']);
    expect(
      within(table)
        .getAllByRole('columnheader')
        .map((cell) => cell.textContent),
    ).toEqual([
      'Figure',
      'August 2025',
      'September 2025',
      'October 2025',
      'November 2025',
      'December 2025',
      'January 2026',
    ]);
    expect(
      screen.getByRole('img', { name: /^Chart of Decision velocity over the last 6 periods/ }),
    ).toBeInTheDocument();

    // Resource utilisation, per domain: nothing was costed against the 1,000 EUR budget.
    const utilisation = screen.getByRole('region', { name: 'Resource utilisation by domain' });
    expect(within(utilisation).getByRole('row', { name: /Sales 0 0 EUR 1,000 EUR 0%/ })).toBeInTheDocument();
  });

  it('shows "Show as table" as a toggle that puts the table in view', async () => {
    const user = userEvent.setup();
    await renderDashboard('/metrics?at=2026-01-15', salesDecisions);
    const autonomy = screen.getByRole('region', { name: 'Autonomy' });
    const toggle = within(autonomy).getByRole('button', { name: 'Show as table' });
    expect(toggle).toHaveAttribute('aria-pressed', 'false');
    const table = within(autonomy).getByRole('table', { name: 'Autonomy over the last periods' });
    expect(table.parentElement).toHaveClass('visually-hidden');
    await user.click(toggle);
    expect(toggle).toHaveAttribute('aria-pressed', 'true');
    expect(
      within(autonomy).getByRole('table', { name: 'Autonomy over the last periods' }).parentElement,
    ).not.toHaveClass('visually-hidden');
  });

  it('hides health figures until 3 people answered a round, with no number', async () => {
    const { repository } = await renderDashboard('/metrics?at=2026-01-15', (repo, domains) => {
      salesDecisions(repo, domains);
      repo.createAnonymous('pulseChecks', pulse('2026-01-05', { stress: 4 }));
      repo.createAnonymous('pulseChecks', pulse('2026-01-05', { stress: 3 }));
    });
    const health = await screen.findByRole('region', { name: 'Health' });
    for (const name of ['Team satisfaction', 'Stress', 'Collaboration quality', 'Trust']) {
      const figure = within(health).getByRole('group', { name });
      expect(within(figure).getByText('Hidden: fewer than 3 people answered')).toBeInTheDocument();
      // Neither the scores nor how many answered.
      expect(figure).not.toHaveTextContent(/From \d|\d of 5|\b2 /);
      expect(within(figure).queryByText(/vs previous periods/)).toBeNull();
    }
    const radar = within(health).getByRole('group', { name: 'Health at a glance' });
    expect(within(radar).getByText('Hidden: fewer than 3 people answered')).toBeInTheDocument();
    expect(within(radar).queryByRole('img')).toBeNull();

    act(() => {
      repository.createAnonymous('pulseChecks', pulse('2026-01-05', { stress: 2 }));
    });
    const stress = within(health).getByRole('group', { name: 'Stress' });
    await waitFor(() => expect(within(stress).getByText('3 of 5')).toBeInTheDocument());
    expect(within(stress).getByText('From 3 answers in 1 pulse round')).toBeInTheDocument();
    // Stress 3 is between green (2.5) and red (3.5).
    expect(within(stress).getByText('Watch')).toBeInTheDocument();
    expect(within(stress).getByText(/Lower is better/)).toBeInTheDocument();
    expect(within(radar).getByRole('img', { name: /^Radar chart of team health/ })).toBeInTheDocument();
    const radarTable = within(radar).getByRole('table', { name: /^Team health this period/ });
    expect(
      within(radarTable).getByRole('row', { name: 'Stress (lower is better) 3 of 5 No earlier answers' }),
    ).toBeInTheDocument();
  });

  it('keeps period and scope in the address, so they survive leaving and coming back', async () => {
    const user = userEvent.setup();
    const { router, domains, goTo } = await renderDashboard('/metrics?at=2026-01-15', (repository, ids) => {
      salesDecisions(repository, ids);
      repository.transact(() => {
        [2, 2, 2].forEach((days, index) =>
          repository.create('decisions', decided(`EU ${index}`, ids.salesEu, '2025-11-03', days)),
        );
        [9, 9, 9].forEach((days, index) =>
          repository.create('decisions', decided(`Ops ${index}`, ids.ops, '2025-11-03', days)),
        );
      });
    });
    await shown('January 2026');

    await user.click(screen.getByRole('radio', { name: 'Quarter' }));
    await shown('Q1 2026');
    await user.click(screen.getByRole('button', { name: 'Previous quarter' }));
    await shown('Q4 2025');
    await user.click(screen.getByRole('combobox', { name: 'Scope' }));
    await user.click(await screen.findByRole('option', { name: 'Sales', hidden: true }));
    await user.click(screen.getByRole('checkbox', { name: 'Include sub-domains' }));
    expect(new URLSearchParams(router.state.location.search).toString()).toBe(
      `period=quarter&at=2025-12-31&domain=${domains.sales}&subdomains=1`,
    );
    // Sales in December and Sales EU in November; not Operations.
    await waitFor(() => expect(within(card('Decision velocity')).getByText('From 6 decisions')).toBeInTheDocument());

    await goTo('/domains');
    await screen.findByRole('heading', { level: 1, name: 'Domains' });
    await act(() => router.navigate(-1));
    await screen.findByRole('heading', { level: 1, name: 'Metrics' });
    await shown('Q4 2025');
    expect(screen.getByRole('radio', { name: 'Quarter' })).toBeChecked();
    expect(screen.getByRole('combobox', { name: 'Scope' })).toHaveValue('Sales');
    expect(screen.getByRole('checkbox', { name: 'Include sub-domains' })).toBeChecked();
    expect(within(card('Decision velocity')).getByText('From 6 decisions')).toBeInTheDocument();
    expect(screen.getByText(/for Sales and its sub-domains/)).toBeInTheDocument();
  });

  it('says what to record, and where, when nothing is recorded yet', async () => {
    await renderDashboard('/metrics');
    const empty = await screen.findByRole('region', { name: 'Nothing to measure yet' });
    expect(within(empty).getByRole('link', { name: 'Record a pulse check' })).toHaveAttribute('href', '/metrics/pulse');
    expect(within(empty).getByRole('link', { name: 'Record delivered value' })).toHaveAttribute(
      'href',
      '/metrics/value',
    );
    expect(within(empty).getByRole('link', { name: 'Go to decisions' })).toHaveAttribute('href', '/decisions');
  });

  it('points to the missing records per group, to the thresholds, and lists reviews due and budget envelopes', async () => {
    await renderDashboard('/metrics?domain={sales}', (repository, { sales }) => {
      repository.create('decisions', {
        title: 'Try a new CRM',
        domainId: sales,
        status: 'decided',
        cost: 900,
        decidedAt: Date.now(),
        reviewOn: '2020-01-01',
      });
    });
    expect(await screen.findByRole('link', { name: 'Thresholds' })).toHaveAttribute('href', '/metrics/thresholds');
    const value = screen.getByRole('region', { name: 'Value' });
    expect(within(value).getByRole('link', { name: 'Record delivered value' })).toHaveAttribute(
      'href',
      '/metrics/value',
    );
    const health = screen.getByRole('region', { name: 'Health' });
    expect(within(health).getByRole('link', { name: 'Record a pulse check' })).toHaveAttribute(
      'href',
      '/metrics/pulse',
    );
    expect(within(health).getAllByText('No pulse-check answers in this period.')).toHaveLength(4);

    const envelopes = screen.getByRole('region', { name: 'Budget envelopes' });
    const sales = within(envelopes).getByRole('row', { name: /^Sales/ });
    expect(sales).toHaveTextContent('1,000 EUR');
    expect(sales).toHaveTextContent('Near the limit');
    expect(within(sales).getByRole('progressbar', { name: 'Sales: 900 EUR of 1,000 EUR used' })).toBeInTheDocument();
    expect(within(envelopes).queryByRole('row', { name: /^Operations/ })).toBeNull();

    const due = screen.getByRole('region', { name: 'Reviews due (1)' });
    expect(within(due).getByRole('link', { name: 'Try a new CRM' })).toBeInTheDocument();
  });

  it('shows the whole workspace, and says so, for a domain that is not there', async () => {
    await renderDashboard('/metrics?domain=gone', salesDecisions);
    expect(await screen.findByText('This domain is not in the workspace')).toBeInTheDocument();
    expect(screen.getByRole('combobox', { name: 'Scope' })).toHaveValue('Whole workspace');
  });
});

describe('exporting the dashboard', { timeout: 30_000 }, () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('saves the figures shown as a CSV file through the platform', async () => {
    const user = userEvent.setup();
    const { platform } = await renderDashboard('/metrics?at=2026-01-15', salesDecisions);
    await screen.findByRole('group', { name: 'Decision velocity' });
    const saveFile = vi.spyOn(platform, 'saveFile');
    await user.click(screen.getByRole('button', { name: 'Export CSV' }));
    await waitFor(() => expect(saveFile).toHaveBeenCalledTimes(1));
    const request = saveFile.mock.calls[0]?.[0];
    expect(request?.suggestedName).toBe('latitude-metrics-2026-01-workspace.csv');
    expect(request?.filters).toEqual([{ name: 'CSV file', extensions: ['csv'] }]);
    const text = new TextDecoder().decode(request?.data);
    // A byte order mark (TextDecoder drops it), then the header and a row per figure.
    expect([...(request?.data.slice(0, 3) ?? [])]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = text.split('\r\n');
    expect(lines[0]).toMatch(/^Period,First day,Last day,Scope,Group,Key,Metric,Domain,Value,Formatted value,/);
    expect(lines).toContain(
      'January 2026,2026-01-01,2026-01-31,Whole workspace,Autonomy,decisionVelocity,Decision velocity,,3,3 days,days,5,3,yes,green,down,lower',
    );
    expect(
      await screen.findByText('The figures were saved as latitude-metrics-2026-01-workspace.csv.'),
    ).toBeInTheDocument();
  });

  it('names the scope in the file and says so when saving fails', async () => {
    const user = userEvent.setup();
    const { platform } = await renderDashboard('/metrics?at=2026-01-15&domain={sales}&subdomains=1', salesDecisions);
    await screen.findByRole('group', { name: 'Decision velocity' });
    const saveFile = vi.spyOn(platform, 'saveFile').mockRejectedValue(new Error('The disk is full.'));
    await user.click(screen.getByRole('button', { name: 'Export CSV' }));
    expect(saveFile.mock.calls[0]?.[0].suggestedName).toBe('latitude-metrics-2026-01-sales-and-subdomains.csv');
    expect(await screen.findByText('The metrics could not be exported')).toBeInTheDocument();
    expect(screen.getByText('The disk is full.')).toBeInTheDocument();
  });

  it('opens the print dialog in a browser, where the dashboard can be saved as PDF', async () => {
    const user = userEvent.setup();
    await renderDashboard('/metrics?at=2026-01-15', salesDecisions);
    await screen.findByRole('group', { name: 'Decision velocity' });
    expect(screen.queryByRole('button', { name: 'Save as PDF…' })).toBeNull();
    const print = vi.spyOn(window, 'print').mockImplementation(() => undefined);
    await user.click(screen.getByRole('button', { name: 'Print or save as PDF' }));
    expect(print).toHaveBeenCalledTimes(1);
  });

  it('saves the dashboard as a PDF in one step in the desktop app, next to Print', async () => {
    const user = userEvent.setup();
    const savePdf = vi.fn<SavePdf>();
    savePdf
      .mockResolvedValueOnce({ status: 'saved', fileName: 'Metrics January 2026.pdf' })
      .mockResolvedValueOnce({ status: 'cancelled' })
      .mockRejectedValueOnce(new Error('The PDF could not be made: Failed to generate PDF.'));
    await renderDashboard('/metrics?at=2026-01-15', salesDecisions, { savePdf });
    await screen.findByRole('group', { name: 'Decision velocity' });
    expect(screen.queryByRole('button', { name: 'Print or save as PDF' })).toBeNull();

    await user.click(screen.getByRole('button', { name: 'Save as PDF…' }));
    expect(savePdf).toHaveBeenLastCalledWith({
      title: 'Save the dashboard as PDF',
      suggestedName: 'Metrics January 2026.pdf',
    });
    expect(await screen.findByText('The dashboard was saved as Metrics January 2026.pdf.')).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Save as PDF…' }));
    await waitFor(() => expect(savePdf).toHaveBeenCalledTimes(2));
    await user.click(screen.getByRole('button', { name: 'Save as PDF…' }));
    expect(await screen.findByText('The dashboard could not be saved as PDF')).toBeInTheDocument();
    expect(screen.getByText('The PDF could not be made: Failed to generate PDF.')).toBeInTheDocument();

    const print = vi.spyOn(window, 'print').mockImplementation(() => undefined);
    await user.click(screen.getByRole('button', { name: 'Print…' }));
    expect(print).toHaveBeenCalledTimes(1);
  });

  it('names the scope in the PDF of a domain', async () => {
    const user = userEvent.setup();
    const savePdf = vi.fn<SavePdf>(async ({ suggestedName }) => ({ status: 'saved', fileName: suggestedName }));
    await renderDashboard('/metrics?at=2026-01-15&domain={sales}&subdomains=1', salesDecisions, { savePdf });
    await screen.findByRole('group', { name: 'Decision velocity' });
    await user.click(screen.getByRole('button', { name: 'Save as PDF…' }));
    expect(savePdf.mock.calls[0]?.[0].suggestedName).toBe('Metrics January 2026, Sales and its sub-domains.pdf');
  });
});

/**
 * A `Worker` that runs the dashboard's engine in this thread: messages are cloned and
 * delivered in later tasks, as a browser does; answers can be held back.
 */
class FakeWorker {
  static instances: FakeWorker[] = [];
  /** While true, answers wait until `release()`. */
  static holding = false;
  readonly requests: MetricsRequest[] = [];
  private readonly listeners = new Map<string, ((event: unknown) => void)[]>();
  private readonly held: MetricsAnswer[] = [];
  private inside: ((event: { data: unknown }) => void) | null = null;
  terminated = false;

  constructor() {
    FakeWorker.instances.push(this);
    serveMetrics({
      addEventListener: (_type, listener) => {
        this.inside = listener;
      },
      postMessage: (answer) => {
        if (FakeWorker.holding) this.held.push(answer);
        else this.deliver(answer);
      },
      setTimeout: (handler, timeout) => setTimeout(handler, timeout),
    });
  }

  postMessage(message: MetricsRequest): void {
    this.requests.push(message);
    const data = structuredClone(message);
    setTimeout(() => this.inside?.({ data }), 0);
  }

  addEventListener(type: string, listener: (event: unknown) => void): void {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
  }

  terminate(): void {
    this.terminated = true;
  }

  /** Delivers the answers held back. */
  release(): void {
    for (const answer of this.held.splice(0)) this.deliver(answer);
  }

  /** Reports an uncaught error, as a worker whose script failed does. */
  fail(message: string): void {
    const event = Object.assign(new Event('error', { cancelable: true }), { message });
    act(() => this.listeners.get('error')?.forEach((listener) => listener(event)));
  }

  private deliver(answer: MetricsAnswer): void {
    const data = structuredClone(answer);
    setTimeout(() => {
      if (!this.terminated) act(() => this.listeners.get('message')?.forEach((listener) => listener({ data })));
    }, 0);
  }
}

/** The worker of the dashboard shown. */
const liveWorker = (): FakeWorker => {
  const worker = FakeWorker.instances.filter((instance) => !instance.terminated).at(-1);
  if (worker === undefined) throw new Error('No worker runs.');
  return worker;
};

describe('metrics dashboard with a Web Worker', { timeout: 30_000 }, () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    FakeWorker.instances = [];
    FakeWorker.holding = false;
  });

  it('computes the figures in the worker, sending the workspace once and then only the questions', async () => {
    vi.stubGlobal('Worker', FakeWorker);
    const user = userEvent.setup();
    await renderDashboard('/metrics?at=2026-01-15', salesDecisions);
    const velocity = await screen.findByRole('group', { name: 'Decision velocity' });
    expect(within(velocity).getByText('3 days')).toBeInTheDocument();
    expect(within(velocity).getByText('Down 50% vs previous periods, better')).toBeInTheDocument();
    const worker = liveWorker();
    const patches = () => worker.requests.filter((request) => request.type === 'patch').length;
    const sent = patches();
    expect(sent).toBeGreaterThan(0);

    await user.click(screen.getByRole('button', { name: 'Previous month' }));
    await waitFor(() => expect(screen.getByText(/^Figures of/)).toHaveTextContent('Figures of December 2025'));
    expect(within(card('Decision velocity')).getByText('6 days')).toBeInTheDocument();
    expect(patches()).toBe(sent);
  });

  it('keeps the figures shown and says "Updating…" until the newest answer comes', async () => {
    vi.stubGlobal('Worker', FakeWorker);
    const user = userEvent.setup();
    await renderDashboard('/metrics?at=2026-01-15', salesDecisions);
    await screen.findByRole('group', { name: 'Decision velocity' });
    FakeWorker.holding = true;
    await user.click(screen.getByRole('button', { name: 'Previous month' }));
    await user.click(screen.getByRole('button', { name: 'Previous month' }));
    const status = await screen.findByRole('status');
    await waitFor(() => expect(status).toHaveTextContent('Updating…'));
    expect(status).toHaveAttribute('aria-live', 'polite');
    // The January figures stay, and say they are January's.
    expect(screen.getByText(/^Figures of/)).toHaveTextContent('Figures of January 2026');
    expect(within(card('Decision velocity')).getByText('3 days')).toBeInTheDocument();

    act(() => liveWorker().release());
    await waitFor(() => expect(screen.getByText(/^Figures of/)).toHaveTextContent('Figures of November 2025'));
    expect(status).toHaveTextContent('');
    expect(within(card('Decision velocity')).getByText('No value')).toBeInTheDocument();
  });

  it('shows what went wrong in the worker as an alert, not a crash', async () => {
    vi.stubGlobal('Worker', FakeWorker);
    await renderDashboard('/metrics?at=2026-01-15', salesDecisions);
    await screen.findByRole('group', { name: 'Decision velocity' });
    liveWorker().fail('Out of memory');
    expect(await screen.findByText('The figures cannot be computed')).toBeInTheDocument();
    expect(
      screen.getByText(
        'The background computation of the figures stopped (Out of memory). Reload the app to try again.',
      ),
    ).toBeInTheDocument();
    expect(screen.getByRole('heading', { level: 1, name: 'Metrics' })).toBeInTheDocument();
  });
});

describe("a domain's page", { timeout: 30_000 }, () => {
  it("links to the domain's metrics", async () => {
    const user = userEvent.setup();
    const { domain } = await renderCharter((repository) => {
      const platform = createDomain(repository, 'Platform');
      repository.create('decisions', { title: 'Adopt a queue', domainId: platform.id, status: 'draft' });
      return platform;
    });
    const link = screen.getByRole('link', { name: "Open this domain's metrics" });
    expect(link).toHaveAttribute('href', `/metrics?domain=${domain.id}`);
    await user.click(link);
    await screen.findByRole('heading', { level: 1, name: 'Metrics' });
    expect(await screen.findByRole('combobox', { name: 'Scope' })).toHaveValue('Platform');
  });
});
