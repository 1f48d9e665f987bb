import * as Y from 'yjs';
import { readFileSync } from 'node:fs';
import { createDocumentStore } from '../../renderer/data/document-store';
const state = new Uint8Array(readFileSync('/tmp/prof/state.bin'));
const mode = process.argv[2] ?? 'both';
for (let r = 0; r < 8; r++) { if (process.argv[3]) (globalThis as any).gc();
  const t0 = performance.now();
  const d2 = new Y.Doc();
  Y.applyUpdate(d2, state);
  const t1 = performance.now();
  let t2 = t1;
  if (mode === 'both') { const s = createDocumentStore(d2); t2 = performance.now(); s.destroy(); }
  console.log('apply', (t1 - t0).toFixed(1), 'store', (t2 - t1).toFixed(1));
  d2.destroy();
}
