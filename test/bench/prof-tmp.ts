import 'fake-indexeddb/auto';
import * as Y from 'yjs';
import { dataSuite } from './suites/data';
// reuse builder by importing module internals is not possible; rebuild here
import { createDocumentStore } from '../../renderer/data/document-store';
import { createWorkspaceRepository } from '../../renderer/data/repository';
import { initialiseDocument } from '../../renderer/data/workspace-document';
void dataSuite;
const doc = new Y.Doc();
initialiseDocument(doc, 'bench');
let id = 0; let time = Date.UTC(2026,0,1);
const repo = createWorkspaceRepository(doc, { userId: 'bench-user', now: () => (time += 60000), newId: () => `e${(++id).toString(36)}` });
const d = repo.create('domains', { name: 'D', level: 'team', parentId: null, purpose: 'x y z' });
for (let i = 0; i < 10000; i++) repo.create('decisions', { title: `team budget hiring vendor roadmap ${i}`, domainId: d.id, status: 'decided', context: 'team budget hiring vendor roadmap pricing onboarding support release process tooling security review customer team budget hiring vendor roadmap pricing onboarding support release process tooling security review', rationale: 'team budget hiring vendor roadmap pricing onboarding support release process tooling security review customer', tags: ['team','budget'], cost: 1234, crossDomain: 'none', horizon: 'short', reversibility: 'partial', proposedAt: time, decidedAt: time + 3600000 });
const state = Y.encodeStateAsUpdate(doc);
let items = 0; doc.store.clients.forEach(s => items += s.length);
console.log('bytes', state.byteLength, 'structs', items);
const m = doc.getMap('decisions').get('e2') as Y.Map<unknown>;
console.log(JSON.stringify(m.toJSON()).slice(0, 2000));
for (let r = 0; r < 5; r++) {
  const t0 = performance.now();
  const d2 = new Y.Doc();
  Y.applyUpdate(d2, state);
  const t1 = performance.now();
  const s = createDocumentStore(d2);
  const t2 = performance.now();
  console.log('apply', (t1 - t0).toFixed(1), 'store', (t2 - t1).toFixed(1));
  s.destroy(); d2.destroy();
}
import { writeFileSync } from 'node:fs';
writeFileSync('/tmp/prof/state.bin', state);
