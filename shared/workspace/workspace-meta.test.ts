import { describe, expect, it } from 'vitest';
import { createWorkspaceMeta, renameWorkspaceMeta, trashWorkspaceMeta, workspaceMetaSchema } from './workspace-meta';

describe('createWorkspaceMeta', () => {
  it('trims the name and stamps id and times', () => {
    const meta = createWorkspaceMeta({ name: '  Product team ', kind: 'team' }, 'w1', 1_700_000_000_000);
    expect(meta).toEqual({
      id: 'w1',
      name: 'Product team',
      kind: 'team',
      createdAt: 1_700_000_000_000,
      updatedAt: 1_700_000_000_000,
      deletedAt: null,
    });
    expect(workspaceMetaSchema.parse(meta)).toEqual(meta);
  });

  it('refuses an empty or blank name with a message naming the problem', () => {
    expect(() => createWorkspaceMeta({ name: '   ', kind: 'personal' }, 'w1', 0)).toThrow(
      /^Give the workspace a name\.$/,
    );
  });

  it('refuses a name over 80 characters', () => {
    expect(() => createWorkspaceMeta({ name: 'x'.repeat(81), kind: 'personal' }, 'w1', 0)).toThrow(
      /^Keep the name to 80 characters or fewer\.$/,
    );
  });

  it('refuses an unknown kind', () => {
    expect(() => createWorkspaceMeta({ name: 'A', kind: 'shared' as 'team' }, 'w1', 0)).toThrow(
      /^Choose personal or team\.$/,
    );
  });
});

describe('renaming and trashing', () => {
  const base = createWorkspaceMeta({ name: 'A', kind: 'team' }, 'w1', 1);

  it('renames with a trimmed name and a new update time', () => {
    expect(renameWorkspaceMeta(base, ' B ', 5)).toEqual({ ...base, name: 'B', updatedAt: 5 });
  });

  it('refuses an invalid new name', () => {
    expect(() => renameWorkspaceMeta(base, '', 5)).toThrow(/^Give the workspace a name\.$/);
  });

  it('moves to the trash and back', () => {
    const trashed = trashWorkspaceMeta(base, 7, 7);
    expect(trashed.deletedAt).toBe(7);
    expect(trashWorkspaceMeta(trashed, null, 8)).toEqual({ ...base, deletedAt: null, updatedAt: 8 });
  });
});
