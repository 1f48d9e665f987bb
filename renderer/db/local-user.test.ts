// @vitest-environment node
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { LatitudeDatabase } from './database';
import { getOrCreateLocalUserId } from './local-user';

const databases: LatitudeDatabase[] = [];
afterEach(async () => {
  await Promise.all(databases.splice(0).map((db) => db.delete()));
});

describe('local user id', () => {
  it('is made once and then kept, across a reopen of the database', async () => {
    const db = new LatitudeDatabase('local-user-test');
    databases.push(db);
    let made = 0;
    const newId = () => `user-${++made}`;
    expect(await getOrCreateLocalUserId(db, newId)).toBe('user-1');
    expect(await getOrCreateLocalUserId(db, newId)).toBe('user-1');
    db.close();
    const reopened = new LatitudeDatabase('local-user-test');
    databases.push(reopened);
    expect(await getOrCreateLocalUserId(reopened, newId)).toBe('user-1');
    expect(made).toBe(1);
  });
});
