/**
 * The UI thread's side of the dashboard's figures (`metrics-engine.ts` has the protocol).
 *
 * In the app (Electron's renderer, browsers) a `MetricsWorker` keeps the workspace's
 * snapshot in a Web Worker: each change of the workspace sends only the records that
 * changed (`snapshot-tracker.ts`), each change of period or scope sends only the question,
 * and answers to anything but the newest question are dropped. The first snapshot of a big
 * workspace goes in parts, one per task (`FIRST_PATCH_DECISIONS` decisions each), so reading
 * and copying it never holds the UI thread long; questions asked meanwhile wait for it, and
 * only the newest is asked. Where there is no `Worker`
 * (tests in jsdom), `InlineMetrics` runs the same tracker and engine in the page.
 */
import type { GovernanceAlert } from '@shared/review/alerts';
import type { MetricsTrendResult } from '@shared/metrics';
import {
  createMetricsEngine,
  type MetricsAnswer,
  type MetricsEngine,
  type MetricsQuery,
  type MetricsRequest,
} from './metrics-engine';
import { createSnapshotTracker, type MetricsEntities, type SnapshotTracker } from './snapshot-tracker';

/** Whether this environment can run the computation in a Web Worker. */
export function canUseWorkers(): boolean {
  return typeof Worker === 'function';
}

/** What the dashboard shows of the computation. */
export interface FiguresState {
  /** The figures of the newest question answered; null before the first answer or after a failure. */
  trend: MetricsTrendResult | null;
  /** The governance alerts of the period shown, with the figures; none before the first answer. */
  alerts: GovernanceAlert[];
  /** Why the figures could not be computed, for people; null when they could. */
  error: string | null;
  /** True while a question is still unanswered: the figures shown are those of the one before. */
  updating: boolean;
}

/** What the client needs of a `Worker` (tests pass a fake). */
export interface WorkerLike {
  postMessage(message: MetricsRequest): void;
  addEventListener(type: 'message', listener: (event: { data: unknown }) => void): void;
  addEventListener(type: 'error' | 'messageerror', listener: (event: Event) => void): void;
  terminate(): void;
}

/**
 * Starts the dashboard's worker. Written exactly so for Vite, which finds the pattern,
 * bundles metrics-worker.ts and its imports as a module of their own and puts its URL here.
 */
export function startMetricsWorker(): WorkerLike {
  return new Worker(new URL('./metrics-worker.ts', import.meta.url), { type: 'module', name: 'latitude-metrics' });
}

const isAnswer = (data: unknown): data is MetricsAnswer =>
  typeof data === 'object' &&
  data !== null &&
  'id' in data &&
  typeof data.id === 'number' &&
  'type' in data &&
  (data.type === 'figures' || data.type === 'failed');

/** The figures computed in a Web Worker, for one dashboard. */
export interface MetricsWorker {
  /**
   * Starts a worker (with an empty snapshot) whose states go to `listener`; returns what
   * stops it. Call again after stopping to start afresh.
   */
  connect(listener: (state: FiguresState) => void): () => void;
  /** Sends what changed in the workspace, then the question; nothing when neither changed. */
  request(entities: MetricsEntities, query: MetricsQuery): void;
}

/** Decisions read and sent per task while the first snapshot goes to the worker. */
export const FIRST_PATCH_DECISIONS = 2_000;

/** Options of `createMetricsWorker` (tests change them). */
export interface MetricsWorkerOptions {
  /** Decisions per part of the first snapshot. */
  firstPatchDecisions?: number;
  /** Resolves in a later task. */
  nextTask?: () => Promise<void>;
}

/** One running worker and what was sent to it. */
interface Connection {
  worker: WorkerLike;
  tracker: SnapshotTracker;
  /** The first snapshot: not sent, going in parts, or sent. */
  first: 'unsent' | 'sending' | 'sent';
  /** The newest question asked while the first snapshot was going. */
  waiting: { entities: MetricsEntities; query: MetricsQuery } | null;
  /** The last question sent. */
  lastQuery: MetricsQuery | null;
  publish: (state: FiguresState) => void;
}

/** A client that starts its workers with `start` (by default `startMetricsWorker`). */
export function createMetricsWorker(
  start: () => WorkerLike = startMetricsWorker,
  options: MetricsWorkerOptions = {},
): MetricsWorker {
  const partSize = options.firstPatchDecisions ?? FIRST_PATCH_DECISIONS;
  const nextTask = options.nextTask ?? (() => new Promise<void>((resolve) => setTimeout(resolve, 0)));
  let connection: Connection | null = null;
  let state: FiguresState = { trend: null, alerts: [], error: null, updating: true };
  /** The id of the newest question; answers to others are dropped. */
  let latest = 0;

  return {
    connect(listener) {
      const worker = start();
      const current: Connection = {
        worker,
        tracker: createSnapshotTracker(),
        first: 'unsent',
        waiting: null,
        lastQuery: null,
        publish: (next) => {
          // A stopped worker's late events change nothing.
          if (connection !== current) return;
          state = next;
          listener(next);
        },
      };
      connection = current;
      const { publish } = current;
      worker.addEventListener('message', (event) => {
        const answer = event.data;
        // An answer to an earlier question: a newer one is on its way.
        if (!isAnswer(answer) || answer.id !== latest) return;
        publish(
          answer.type === 'figures'
            ? { trend: answer.trend, alerts: answer.alerts, error: null, updating: false }
            : { trend: null, alerts: [], error: answer.message, updating: false },
        );
      });
      // The worker could not start, or something it did failed outside a computation (which
      // answers its own errors): it is stopped, and the dashboard says so instead of waiting.
      const failed = (event: Event) => {
        // Handled here: shown in the dashboard, not reported as an uncaught error.
        event.preventDefault();
        const message = 'message' in event && typeof event.message === 'string' ? event.message : '';
        const detail = message === '' ? '' : ` (${message})`;
        publish({
          trend: null,
          alerts: [],
          error: `The background computation of the figures stopped${detail}. Reload the app to try again.`,
          updating: false,
        });
        if (connection === current) connection = null;
        worker.terminate();
      };
      worker.addEventListener('error', failed);
      worker.addEventListener('messageerror', failed);
      return () => {
        if (connection === current) connection = null;
        worker.terminate();
      };
    },
    request: function request(entities, query) {
      const current = connection;
      if (current === null) return;
      const markUpdating = () => {
        if (!state.updating) current.publish({ ...state, updating: true });
      };
      if (current.first === 'sending') {
        current.waiting = { entities, query };
        return markUpdating();
      }
      if (current.first === 'unsent') {
        const parts = current.tracker.firstPatches(entities, partSize);
        const first = parts.next();
        if (!first.done) current.worker.postMessage({ type: 'patch', patch: first.value });
        let next = parts.next();
        // A small workspace: one part, sent now with the question.
        if (next.done) current.first = 'sent';
        else {
          current.first = 'sending';
          current.waiting = { entities, query };
          markUpdating();
          void (async () => {
            for (; !next.done; next = parts.next()) {
              await nextTask();
              if (connection !== current) return;
              current.worker.postMessage({ type: 'patch', patch: next.value });
            }
            current.first = 'sent';
            const waiting = current.waiting;
            current.waiting = null;
            if (waiting !== null) request(waiting.entities, waiting.query);
          })();
          return;
        }
      }
      const patch = current.tracker.update(entities);
      if (patch === null && query === current.lastQuery) return;
      if (patch !== null) current.worker.postMessage({ type: 'patch', patch });
      current.lastQuery = query;
      latest += 1;
      current.worker.postMessage({ type: 'compute', id: latest, query });
      markUpdating();
    },
  };
}

/** The same tracker and engine as the worker's, run in the page. */
export interface InlineMetrics {
  /** The figures of `query` over `entities`, computed now. */
  figures(entities: MetricsEntities, query: MetricsQuery): FiguresState;
}

/** Figures computed in the page, where there is no `Worker`. */
export function createInlineMetrics(engine: MetricsEngine = createMetricsEngine()): InlineMetrics {
  const tracker = createSnapshotTracker();
  let id = 0;
  let last: { query: MetricsQuery; figures: FiguresState } | null = null;
  return {
    figures(entities, query) {
      const patch = tracker.update(entities);
      if (patch !== null) engine.handle({ type: 'patch', patch });
      else if (last !== null && last.query === query) return last.figures;
      id += 1;
      const answer = engine.handle({ type: 'compute', id, query });
      const figures: FiguresState =
        answer?.type === 'figures'
          ? { trend: answer.trend, alerts: answer.alerts, error: null, updating: false }
          : {
              trend: null,
              alerts: [],
              error: answer?.message ?? 'The figures could not be computed.',
              updating: false,
            };
      last = { query, figures };
      return figures;
    },
  };
}
