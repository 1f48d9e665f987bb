/**
 * The dashboard's Web Worker: computes the figures off the UI thread (`metrics-engine.ts`
 * has the protocol). Started by `metrics-client.ts` as a module worker, which Vite bundles
 * as a file of its own; the Content-Security-Policy's `worker-src 'self'` allows it.
 *
 * `self` is the worker's global scope (typed as a window here, since the renderer is typed
 * with the DOM library; what `serveMetrics` uses of it, both have).
 */
import { serveMetrics } from './metrics-engine';

serveMetrics(self);
