/**
 * The id of the person using this device, made once and kept in local settings. Entities
 * record it as `createdBy`; it is random, so it says nothing about who the person is.
 */
import type { LatitudeDatabase } from './database';

const LOCAL_USER_KEY = 'localUserId';

/** Reads the local user id, creating it (with `newId`) on first use. */
export async function getOrCreateLocalUserId(db: LatitudeDatabase, newId: () => string): Promise<string> {
  return db.transaction('rw', db.settings, async () => {
    const row = await db.settings.get(LOCAL_USER_KEY);
    if (typeof row?.value === 'string' && row.value !== '') return row.value;
    const id = newId();
    await db.settings.put({ key: LOCAL_USER_KEY, value: id });
    return id;
  });
}

const LOCAL_USER_NAME_KEY = 'localUserName';

/** The name this device's person chose to be shown in history entries, or '' when none. */
export async function readLocalUserName(db: LatitudeDatabase): Promise<string> {
  const row = await db.settings.get(LOCAL_USER_NAME_KEY);
  return typeof row?.value === 'string' ? row.value : '';
}

/** Keeps the name (trimmed) for history entries; an empty name removes it. */
export async function writeLocalUserName(db: LatitudeDatabase, name: string): Promise<void> {
  const trimmed = name.trim();
  if (trimmed === '') await db.settings.delete(LOCAL_USER_NAME_KEY);
  else await db.settings.put({ key: LOCAL_USER_NAME_KEY, value: trimmed });
}
