import { describe, expect, it, vi } from 'vitest';
import { createDocumentStore } from './document-store';
import { createTestDoc, createTestRepository } from './test-support';
import type * as WorkspaceDocument from './workspace-document';
import { readEntity } from './workspace-document';

// Counts every entity the store reads, to show that an event re-reads only what it touched.
vi.mock('./workspace-document', async (importOriginal) => {
  const original = await importOriginal<typeof WorkspaceDocument>();
  return { ...original, readEntity: vi.fn(original.readEntity) };
});

describe('document store reads', () => {
  it('reads everything once on open, then only the entities a transaction touched', () => {
    const doc = createTestDoc(1);
    const { repo } = createTestRepository(doc);
    const ids = Array.from(
      { length: 20 },
      (_, i) => repo.create('domains', { name: `D${i}`, level: 'team', parentId: null, purpose: '' }).id,
    );
    const decision = repo.create('decisions', { title: 'X', domainId: null, status: 'draft', context: '' });
    const reads = vi.mocked(readEntity);
    reads.mockClear();
    const store = createDocumentStore(doc);
    expect(reads).toHaveBeenCalledTimes(21);

    reads.mockClear();
    repo.update('domains', ids[7] ?? '', { name: 'Seven' });
    expect(reads.mock.calls.map(([kind, , id]) => [kind, id])).toEqual([['domains', ids[7]]]);

    reads.mockClear();
    repo.addToCollection('decisions', decision.id, 'advice', { authorId: 'u', text: 'Yes', createdAt: 1 });
    expect(reads.mock.calls.map(([kind, , id]) => [kind, id])).toEqual([['decisions', decision.id]]);
    store.destroy();
  });
});
