// @vitest-environment node
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { LatitudeDatabase } from '../db/database';
import { createDexieLocalNameStorage, createMemoryLocalNameStorage } from './use-local-user';

const databases: LatitudeDatabase[] = [];
afterEach(async () => {
  await Promise.all(databases.splice(0).map((db) => db.delete()));
});

describe('local user name storage', () => {
  it('keeps the trimmed name in the settings table across a reopen, and forgets an empty one', async () => {
    const db = new LatitudeDatabase('local-user-name-test');
    databases.push(db);
    const storage = createDexieLocalNameStorage(db);
    expect(await storage.read()).toBe('');
    await storage.write('  Dana Ruiz ');
    expect(await db.settings.get('localUserName')).toEqual({ key: 'localUserName', value: 'Dana Ruiz' });
    db.close();

    const reopened = new LatitudeDatabase('local-user-name-test');
    databases.push(reopened);
    const again = createDexieLocalNameStorage(reopened);
    expect(await again.read()).toBe('Dana Ruiz');
    await again.write('   ');
    expect(await reopened.settings.get('localUserName')).toBeUndefined();
    expect(await again.read()).toBe('');
  });

  it('has an in-memory twin that behaves the same', async () => {
    const storage = createMemoryLocalNameStorage(' Ana ');
    expect(await storage.read()).toBe('Ana');
    await storage.write(' Ben ');
    expect(await storage.read()).toBe('Ben');
  });
});
