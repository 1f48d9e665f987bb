import { describe, expect, it } from 'vitest';
import { computeMetrics, metricsPeriod, metricsTrend, type MetricsSnapshot } from '@shared/metrics';
import { createDocumentStore, type DocumentStore } from '../../data/document-store';
import type { WorkspaceRepository } from '../../data/repository';
import { createTestDoc, createTestRepository } from '../../data/test-support';
import { addNote, castVote, removeNote } from '../../reviews/review-actions';
import { voteMapOf, withAnonymousNotes } from '../../reviews/review-data';
import { metricsSnapshotOf } from '../metrics-snapshot';
import { createInlineMetrics, createMetricsWorker, type FiguresState, type WorkerLike } from './metrics-client';
import {
  createMetricsEngine,
  serveMetrics,
  type MetricsAnswer,
  type MetricsQuery,
  type MetricsRequest,
  type WorkerScope,
} from './metrics-engine';
import { createSnapshotStore, type SnapshotPatch } from './snapshot-patch';
import { createSnapshotTracker } from './snapshot-tracker';

const timeZone = 'Europe/Berlin';
const at = (iso: string) => Date.parse(`${iso}T12:00:00Z`);
const january = metricsPeriod({ kind: 'month', at: at('2026-01-15') }, timeZone);
const february = metricsPeriod({ kind: 'month', at: at('2026-02-15') }, timeZone);

function setup(): { repo: WorkspaceRepository; store: DocumentStore } {
  const doc = createTestDoc(1);
  const { repo } = createTestRepository(doc);
  return { repo, store: createDocumentStore(doc) };
}

const query = (period = january, changes: Partial<MetricsQuery> = {}): MetricsQuery => ({
  period,
  domainId: null,
  includeSubdomains: false,
  now: at('2026-03-01'),
  thresholds: undefined,
  ...changes,
});

/** A snapshot with every collection sorted, so two snapshots compare by content. */
function sorted(snapshot: MetricsSnapshot): MetricsSnapshot {
  const by = <T>(list: readonly T[]) => [...list].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
  return {
    decisions: by(snapshot.decisions),
    valueEntries: by(snapshot.valueEntries),
    pulses: by(snapshot.pulses),
    reviewLearnings: by(snapshot.reviewLearnings),
    budgets: by(snapshot.budgets),
    successMetrics: by(snapshot.successMetrics),
    metricValues: by(snapshot.metricValues),
    domains: by(snapshot.domains),
  };
}

const decided = (title: string, domainId: string | null, day: string, days = 2) => ({
  title,
  domainId,
  status: 'decided' as const,
  proposedAt: at(day),
  decidedAt: at(day) + days * 86_400_000,
});

const pulse = (periodStart: string, stress: number) => ({
  periodStart,
  domainId: null,
  satisfaction: 4,
  stress,
  collaboration: 4,
  trust: 4,
  anonymous: true,
  respondentName: '',
});

describe('snapshot tracker and store', () => {
  it('send the workspace once, then only what the engine reads of what changed', () => {
    const { repo, store } = setup();
    const sales = repo.create('domains', {
      name: 'Sales',
      level: 'domain',
      parentId: null,
      purpose: '',
      budgetAmount: 1000,
      budgetUnit: 'EUR',
    });
    const first = repo.create('decisions', decided('First', sales.id, '2026-01-05'));
    repo.create('decisions', decided('Second', sales.id, '2026-01-06'));
    repo.createAnonymous('pulseChecks', pulse('2026-01-05', 3));
    const tracker = createSnapshotTracker();
    const snapshots = createSnapshotStore();
    const sync = (): SnapshotPatch | null => {
      const patch = tracker.update(store.getState().entities);
      if (patch !== null) snapshots.apply(patch);
      expect(sorted(snapshots.snapshot())).toEqual(sorted(metricsSnapshotOf(store.getState())));
      return patch;
    };

    const opening = sync();
    expect(opening?.decisions?.set).toHaveLength(2);
    expect(opening?.pulses?.set).toHaveLength(1);
    expect(opening?.domainRecords?.budgets).toEqual([{ domainId: sales.id, amount: 1000, period: 'month' }]);
    // Nothing changed: nothing to send, and the snapshot is the same object.
    const before = snapshots.snapshot();
    expect(sync()).toBeNull();
    expect(snapshots.snapshot()).toBe(before);

    // A title is not read by the engine: no record travels.
    repo.update('decisions', first.id, { title: 'First, renamed' });
    expect(sync()).toBeNull();
    // A cost is: that one decision travels.
    repo.update('decisions', first.id, { cost: 300 });
    const costed = sync();
    expect(costed?.decisions?.set.map(([id]) => id)).toEqual([first.id]);
    expect(costed?.decisions?.remove).toEqual([]);
    expect(costed?.domainRecords).toBeUndefined();
    expect(snapshots.snapshot()).not.toBe(before);

    // The trash removes it; restoring sends it again.
    repo.softDelete('decisions', first.id);
    expect(sync()?.decisions).toEqual({ set: [], remove: [first.id] });
    repo.restore('decisions', first.id);
    expect(sync()?.decisions?.set.map(([id]) => id)).toEqual([first.id]);

    // Another kind the metrics do not read: nothing.
    repo.create('members', { name: 'Ada', role: '' });
    expect(sync()).toBeNull();
  });

  it('sends the first snapshot of a big workspace in parts, then goes on as usual', () => {
    const { repo, store } = setup();
    const sales = repo.create('domains', {
      name: 'Sales',
      level: 'domain',
      parentId: null,
      purpose: '',
      budgetAmount: 500,
    });
    const made = Array.from({ length: 7 }, (_, index) =>
      repo.create('decisions', decided(`D${index}`, sales.id, '2026-01-05')),
    );
    repo.softDelete('decisions', made[3]!.id);
    repo.createAnonymous('pulseChecks', pulse('2026-01-05', 3));
    const tracker = createSnapshotTracker();
    const snapshots = createSnapshotStore();
    const entities = store.getState().entities;
    const parts = [...tracker.firstPatches(entities, 2)];
    // Six live decisions in parts of two; the last part has the other records.
    expect(parts.map((part) => part.decisions?.set.length ?? 0)).toEqual([2, 2, 2, 0]);
    expect(parts.slice(0, 3).every((part) => Object.keys(part).join() === 'decisions')).toBe(true);
    expect(parts.at(-1)?.pulses?.set).toHaveLength(1);
    expect(parts.at(-1)?.domainRecords?.budgets).toEqual([{ domainId: sales.id, amount: 500, period: 'month' }]);
    for (const part of parts) snapshots.apply(part);
    expect(sorted(snapshots.snapshot())).toEqual(sorted(metricsSnapshotOf(store.getState())));
    expect(tracker.update(entities)).toBeNull();
    repo.update('decisions', made[0]!.id, { cost: 40 });
    expect(tracker.update(store.getState().entities)?.decisions?.set.map(([id]) => id)).toEqual([made[0]!.id]);
    expect(() => [...tracker.firstPatches(entities, 2)]).toThrow('The first snapshot was sent already.');
    // An odd count: the rest of the decisions go with the other records.
    const odd = [...createSnapshotTracker().firstPatches(entities, 4)];
    expect(odd.map((part) => part.decisions?.set.length ?? 0)).toEqual([4, 2]);
  });

  it('re-reads every decision when a policy changes, sending those whose tier moved, and the domain records when a domain changes', () => {
    const { repo, store } = setup();
    const sales = repo.create('domains', { name: 'Sales', level: 'domain', parentId: null, purpose: '' });
    const big = repo.create('decisions', { ...decided('Big', sales.id, '2026-01-05'), cost: 5_000 });
    repo.create('decisions', { ...decided('Small', sales.id, '2026-01-05'), cost: 10 });
    const tracker = createSnapshotTracker();
    const snapshots = createSnapshotStore();
    const sync = () => {
      const patch = tracker.update(store.getState().entities);
      if (patch !== null) snapshots.apply(patch);
      expect(sorted(snapshots.snapshot())).toEqual(sorted(metricsSnapshotOf(store.getState())));
      return patch;
    };
    sync();
    repo.create('policies', { domainId: sales.id, autonomousCostLimit: 10_000, consultativeCostLimit: 50_000 });
    const retiered = sync();
    expect(retiered?.decisions?.set.map(([id]) => id)).toEqual([big.id]);
    expect(retiered?.decisions?.set[0]?.[1].tier).toBe('autonomous');

    repo.update('domains', sales.id, { budgetAmount: 2_000, budgetUnit: 'EUR', budgetPeriod: 'quarter' });
    const budgeted = sync();
    expect(budgeted?.domainRecords?.budgets).toEqual([{ domainId: sales.id, amount: 2_000, period: 'quarter' }]);
    expect(budgeted?.decisions).toBeUndefined();

    const metric = repo.addToCollection('domains', sales.id, 'metrics', {
      name: 'Uptime',
      unit: '%',
      target: 99.9,
      direction: 'higher',
    });
    repo.addToCollection('domains', sales.id, 'metricValues', {
      metricId: metric.id,
      value: 99.95,
      recordedOn: '2026-01-20',
      note: '',
    });
    expect(sync()?.domainRecords?.metricValues).toHaveLength(1);
    repo.softDelete('domains', sales.id);
    expect(sync()?.domainRecords?.domains).toEqual([]);
  });

  it("sends the reviews' learnings when a review or its anonymous notes change, and counts them in the learning rate", () => {
    const { repo, store } = setup();
    const tracker = createSnapshotTracker();
    const snapshots = createSnapshotStore();
    const sync = () => {
      const patch = tracker.update(store.getState().entities);
      if (patch !== null) snapshots.apply(patch);
      expect(sorted(snapshots.snapshot())).toEqual(sorted(metricsSnapshotOf(store.getState())));
      return patch;
    };
    const review = repo.create('reviews', {
      title: 'Monthly review: January 2026',
      cadence: 'monthly',
      periodStart: '2026-01-01',
      periodEnd: '2026-01-31',
      domainId: null,
      status: 'running',
      phase: 'vote',
    });
    expect(sync()?.domainRecords?.reviewLearnings).toEqual([]);
    const voter = { key: 'ana', name: 'Ana', local: true };
    const notes = ['Nobody to ask', 'Advice takes a week'].map((text) =>
      addNote(repo, review, { topicId: 'support-needs', text, author: null, now: at('2026-01-20') }),
    );
    for (const note of notes) {
      const current = repo.get('reviews', review.id);
      if (current === undefined) throw new Error('The review is gone.');
      castVote(repo, current, voteMapOf(current), voter, note, notes);
    }
    // Still running: no learning recorded yet, but the reviews changed, so their records travel.
    expect(sync()?.domainRecords?.reviewLearnings).toEqual([]);
    repo.update('reviews', review.id, { status: 'closed', closedAt: at('2026-01-28') });
    expect(sync()?.domainRecords?.reviewLearnings).toEqual([
      { recordedAt: at('2026-01-28'), domainId: null },
      { recordedAt: at('2026-01-28'), domainId: null },
    ]);
    expect(computeMetrics(snapshots.snapshot(), january, { now: at('2026-03-01') }).value.learningRate.count).toBe(2);
    // One of the discussed notes goes to the trash (removing it removes its votes).
    const current = repo.get('reviews', review.id);
    if (current === undefined) throw new Error('The review is gone.');
    removeNote(
      repo,
      withAnonymousNotes(current, store.getState().entities.anonymousReviewNotes.values()),
      notes[0] ?? '',
    );
    expect(sync()?.domainRecords?.reviewLearnings).toHaveLength(1);
  });

  it('matches a snapshot built from scratch after many edits', () => {
    const { repo, store } = setup();
    const tracker = createSnapshotTracker();
    const snapshots = createSnapshotStore();
    const domains = [0, 1, 2].map((index) =>
      repo.create('domains', { name: `D${index}`, level: 'team', parentId: null, purpose: '' }),
    );
    const ids: string[] = [];
    for (let step = 0; step < 80; step += 1) {
      const domain = domains[step % 3]?.id ?? null;
      if (step % 7 === 6 && ids.length > 0) repo.softDelete('decisions', ids[step % ids.length] ?? '');
      else if (step % 5 === 4 && ids.length > 0) {
        repo.update('decisions', ids[(step * 3) % ids.length] ?? '', { cost: step, status: 'implemented' });
      } else if (step % 11 === 10) {
        repo.create('policies', { domainId: domain, autonomousCostLimit: step, consultativeCostLimit: step * 2 });
      } else if (step % 4 === 3) {
        repo.createAnonymous('pulseChecks', pulse('2026-01-05', 1 + (step % 5)));
      } else if (step % 6 === 5) {
        repo.create('valueEntries', {
          title: `Item ${step}`,
          domainId: domain,
          startedOn: '2026-01-02',
          deliveredOn: '2026-01-10',
          satisfaction: 1 + (step % 5),
          defects: step % 3,
          note: '',
        });
      } else {
        ids.push(repo.create('decisions', { ...decided(`Decision ${step}`, domain, '2026-01-05', step % 9) }).id);
      }
      if (step % 3 === 0) {
        const patch = tracker.update(store.getState().entities);
        if (patch !== null) snapshots.apply(patch);
      }
    }
    const patch = tracker.update(store.getState().entities);
    if (patch !== null) snapshots.apply(patch);
    expect(sorted(snapshots.snapshot())).toEqual(sorted(metricsSnapshotOf(store.getState())));
  });
});

describe('metrics engine', () => {
  it('computes over the patched snapshot what metricsTrend computes over the workspace', () => {
    const { repo, store } = setup();
    for (const days of [1, 2, 3, 4, 5]) repo.create('decisions', decided(`D${days}`, null, '2026-01-05', days));
    const engine = createMetricsEngine();
    const patch = createSnapshotTracker().update(store.getState().entities);
    expect(engine.handle({ type: 'patch', patch: patch ?? {} })).toBeNull();
    const answer = engine.handle({ type: 'compute', id: 7, query: query() });
    const expected = metricsTrend(metricsSnapshotOf(store.getState()), january, 6, { now: at('2026-03-01') });
    expect(answer).toEqual({ type: 'figures', id: 7, trend: expected, alerts: [] });
  });

  it('answers a computation that fails with the reason, for people', () => {
    const engine = createMetricsEngine();
    const answer = engine.handle({
      type: 'compute',
      id: 3,
      query: query(january, { thresholds: { stress: { green: 4, red: 2 } } }),
    });
    expect(answer).toMatchObject({ type: 'failed', id: 3 });
    expect(answer?.type === 'failed' ? answer.message : '').toMatch(/stress/);
  });
});

/** A worker scope whose timers run when the test says, and that records what it posts. */
function fakeScope() {
  const posted: MetricsAnswer[] = [];
  const timers: (() => void)[] = [];
  let listener: ((event: { data: unknown }) => void) | null = null;
  const scope: WorkerScope = {
    addEventListener: (_type, handler) => {
      listener = handler;
    },
    postMessage: (message) => posted.push(message),
    setTimeout: (handler) => timers.push(handler),
  };
  return {
    scope,
    posted,
    send: (data: unknown) => listener?.({ data: structuredClone(data) }),
    runTimers: () => timers.splice(0).forEach((timer) => timer()),
  };
}

describe('serveMetrics', () => {
  it('applies patches at once and computes only the newest question it has', () => {
    const { repo, store } = setup();
    for (const days of [1, 2, 3]) repo.create('decisions', decided(`D${days}`, null, '2026-01-05', days));
    const worker = fakeScope();
    serveMetrics(worker.scope);
    worker.send({ type: 'patch', patch: createSnapshotTracker().update(store.getState().entities) });
    worker.send({ type: 'compute', id: 1, query: query(january) });
    worker.send({ type: 'compute', id: 2, query: query(february) });
    worker.send({ type: 'something else' });
    worker.runTimers();
    expect(worker.posted).toHaveLength(1);
    expect(worker.posted[0]).toMatchObject({ type: 'figures', id: 2 });
    const answer = worker.posted[0];
    expect(answer?.type === 'figures' ? answer.trend.periods.at(-1)?.period.label : '').toBe('February 2026');
  });
});

/** A worker that runs the engine in this thread, with messages cloned and delivered when the test says. */
function fakeWorker() {
  const inside = fakeScope();
  serveMetrics(inside.scope);
  const listeners = new Map<string, ((event: never) => void)[]>();
  const requests: MetricsRequest[] = [];
  let terminated = false;
  const worker: WorkerLike = {
    postMessage: (message) => {
      requests.push(message);
      inside.send(message);
    },
    addEventListener: (type: string, listener: (event: never) => void) => {
      listeners.set(type, [...(listeners.get(type) ?? []), listener]);
    },
    terminate: () => {
      terminated = true;
    },
  };
  return {
    worker,
    requests,
    terminated: () => terminated,
    /** Runs the worker, then delivers its answers. */
    deliver: () => {
      inside.runTimers();
      for (const answer of inside.posted.splice(0)) {
        for (const listener of listeners.get('message') ?? []) listener({ data: structuredClone(answer) } as never);
      }
    },
    answer: (data: unknown) => {
      for (const listener of listeners.get('message') ?? []) listener({ data } as never);
    },
    fail: (event: Event) => {
      for (const listener of listeners.get('error') ?? []) listener(event as never);
    },
  };
}

describe('createMetricsWorker', () => {
  function connected() {
    const { repo, store } = setup();
    for (const days of [1, 2, 3]) repo.create('decisions', decided(`D${days}`, null, '2026-01-05', days));
    const fake = fakeWorker();
    const client = createMetricsWorker(() => fake.worker);
    const states: FiguresState[] = [];
    const stop = client.connect((state) => states.push(state));
    return { repo, store, fake, client, states, stop };
  }

  it('sends the snapshot once, then only questions when only the period changes', () => {
    const { store, fake, client, states, stop } = connected();
    const entities = store.getState().entities;
    const first = query(january);
    client.request(entities, first);
    expect(fake.requests.map((request) => request.type)).toEqual(['patch', 'compute']);
    // The same question about the same workspace is not asked again.
    client.request(entities, first);
    expect(fake.requests).toHaveLength(2);
    client.request(entities, query(february));
    expect(fake.requests.map((request) => request.type)).toEqual(['patch', 'compute', 'compute']);
    fake.deliver();
    expect(states.at(-1)).toMatchObject({ error: null, updating: false });
    expect(states.at(-1)?.trend?.periods.at(-1)?.period.label).toBe('February 2026');
    stop();
    expect(fake.terminated()).toBe(true);
  });

  it('sends a big first snapshot one part per task, and asks only the newest question after it', async () => {
    const { repo, store } = setup();
    for (const days of [1, 2, 3]) repo.create('decisions', decided(`D${days}`, null, '2026-01-05', days));
    const fake = fakeWorker();
    const states: FiguresState[] = [];
    const tasks: (() => void)[] = [];
    const client = createMetricsWorker(() => fake.worker, {
      firstPatchDecisions: 1,
      nextTask: () => new Promise<void>((resolve) => tasks.push(resolve)),
    });
    client.connect((state) => states.push(state));
    const entities = store.getState().entities;
    client.request(entities, query(january));
    // The first part now, no question yet (the dashboard starts out as updating).
    expect(fake.requests.map((request) => request.type)).toEqual(['patch']);
    expect(states).toEqual([]);
    client.request(entities, query(february));
    expect(fake.requests).toHaveLength(1);
    const nextTask = async () => {
      tasks.shift()?.();
      await Promise.resolve();
      await Promise.resolve();
    };
    await nextTask();
    expect(fake.requests).toHaveLength(2);
    while (tasks.length > 0) await nextTask();
    // Three decisions, then the rest, then the newest question only.
    expect(fake.requests.map((request) => request.type)).toEqual(['patch', 'patch', 'patch', 'patch', 'compute']);
    fake.deliver();
    expect(states.at(-1)?.trend?.periods.at(-1)?.period.label).toBe('February 2026');
    expect(states.at(-1)?.updating).toBe(false);
  });

  it('drops answers to earlier questions and says it is updating until the newest is answered', () => {
    const { store, fake, client, states } = connected();
    const entities = store.getState().entities;
    client.request(entities, query(january));
    fake.deliver();
    const januaryFigures = states.at(-1)?.trend;
    expect(januaryFigures?.periods.at(-1)?.period.label).toBe('January 2026');

    client.request(entities, query(february));
    // Until the answer comes, the January figures stay, marked as updating.
    expect(states.at(-1)).toEqual({ trend: januaryFigures, alerts: [], error: null, updating: true });
    fake.answer({ type: 'figures', id: 1, trend: januaryFigures, alerts: [] });
    expect(states.at(-1)?.updating).toBe(true);
    fake.answer({ type: 'nonsense', id: 2 });
    expect(states.at(-1)?.updating).toBe(true);
    fake.deliver();
    expect(states.at(-1)?.trend?.periods.at(-1)?.period.label).toBe('February 2026');
    expect(states.at(-1)?.updating).toBe(false);
  });

  it('shows a failed computation or a stopped worker as an error, and ignores a stopped connection', () => {
    const { store, fake, client, states, stop } = connected();
    const entities = store.getState().entities;
    client.request(entities, query(january, { thresholds: { stress: { green: 4, red: 2 } } }));
    fake.deliver();
    expect(states.at(-1)).toMatchObject({ trend: null, updating: false });
    expect(states.at(-1)?.error).toMatch(/stress/);

    client.request(entities, query(february));
    const event = new Event('error', { cancelable: true });
    fake.fail(event);
    expect(event.defaultPrevented).toBe(true);
    expect(states.at(-1)?.error).toMatch(/background computation of the figures stopped/);
    // A stopped worker is not asked again, and late answers change nothing.
    expect(fake.terminated()).toBe(true);
    const count = states.length;
    const asked = fake.requests.length;
    fake.deliver();
    client.request(entities, query(january));
    expect(states).toHaveLength(count);
    expect(fake.requests).toHaveLength(asked);
    stop();
  });
});

describe('createInlineMetrics', () => {
  it('computes the same figures in the page, and reuses them when nothing changed', () => {
    const { repo, store } = setup();
    for (const days of [1, 2, 3]) repo.create('decisions', decided(`D${days}`, null, '2026-01-05', days));
    const inline = createInlineMetrics();
    const question = query(january);
    const figures = inline.figures(store.getState().entities, question);
    expect(figures.trend).toEqual(
      metricsTrend(metricsSnapshotOf(store.getState()), january, 6, { now: at('2026-03-01') }),
    );
    expect(inline.figures(store.getState().entities, question)).toBe(figures);
    repo.create('decisions', decided('D4', null, '2026-01-07', 4));
    expect(inline.figures(store.getState().entities, question).trend?.trends.decisionVelocity.current).toBe(2.5);
  });
});
