/**
 * What sync keeps on this device: each team workspace's invite secret (the room password),
 * the signalling servers to meet at, optional STUN servers, each workspace's Yjs relay (if
 * its team uses one), and which workspaces a person paused ("Pause sync on this device" in
 * the Sync panel). Behind a small interface,
 * with a Dexie implementation on the app's database and an in-memory twin for tests.
 * Nothing here is synced or put in a backup.
 */
import { describeError } from '@shared/errors';
import { relayUrlSchema, signallingUrlListSchema } from '@shared/invite';
import { z } from 'zod';
import type { LatitudeDatabase } from '../db/database';

/** Settings key of the signalling URLs. */
export const SIGNALLING_URLS_KEY = 'syncSignallingUrls';

/** Settings key of the STUN servers. */
export const STUN_URLS_KEY = 'syncStunUrls';

/** The start of the settings key that marks a workspace's sync as paused on this device. */
export const SYNC_PAUSED_KEY_PREFIX = 'syncPaused:';

/** The settings key that marks `workspaceId`'s sync as paused on this device. */
export function syncPausedKey(workspaceId: string): string {
  return `${SYNC_PAUSED_KEY_PREFIX}${workspaceId}`;
}

/** The settings key of `workspaceId`'s relay address. */
export function relayUrlKey(workspaceId: string): string {
  return `syncRelay:${workspaceId}`;
}

/** Most STUN servers kept. */
export const MAX_STUN_URLS = 4;

/**
 * A STUN server URL (`stun:host[:port]` or `stuns:`), or a reason. Only needed when peers
 * are on different networks; on one LAN none is needed, so none is used by default.
 */
export function parseStunUrl(text: string): { ok: true; url: string } | { ok: false; reason: string } {
  const trimmed = text.trim();
  if (!/^stuns?:[A-Za-z0-9.\-[\]:]+$/.test(trimmed)) {
    return { ok: false, reason: `“${trimmed}” is not a STUN address such as stun:stun.example.org:3478.` };
  }
  return { ok: true, url: trimmed };
}

const stunListSchema = z
  .array(z.string())
  .max(MAX_STUN_URLS)
  .transform((urls) => [...new Set(urls.map(parseStunUrl).flatMap((r) => (r.ok ? [r.url] : [])))]);

/** Sync's local storage. */
export interface SyncStorage {
  /** The configured signalling URLs (valid, normalised), in order. */
  readSignallingUrls(): Promise<string[]>;
  /** Stores the signalling URLs; throws with a message when one is not valid. */
  writeSignallingUrls(urls: string[]): Promise<void>;
  /** The configured STUN servers; none by default. */
  readStunUrls(): Promise<string[]>;
  writeStunUrls(urls: string[]): Promise<void>;
  /** A workspace's invite secret, or null. */
  getInviteSecret(workspaceId: string): Promise<string | null>;
  /** Stores (or replaces) a workspace's invite secret. */
  setInviteSecret(workspaceId: string, secret: string): Promise<void>;
  /** True while a person has paused the workspace's sync on this device; false by default. */
  isSyncPaused(workspaceId: string): Promise<boolean>;
  /** Pauses (true) or resumes (false) the workspace's sync on this device. */
  setSyncPaused(workspaceId: string, paused: boolean): Promise<void>;
  /** The workspace's relay address (checked, normalised), or null when it uses none. */
  getRelayUrl(workspaceId: string): Promise<string | null>;
  /** Sets (or with null removes) the workspace's relay; throws with the reason when not valid. */
  setRelayUrl(workspaceId: string, url: string | null): Promise<void>;
  /** Told after any write; returns a function that stops listening. */
  subscribe(listener: () => void): () => void;
}

function checkedUrls(urls: string[]): string[] {
  const parsed = signallingUrlListSchema.safeParse(urls);
  if (!parsed.success) throw new Error(parsed.error.issues[0]?.message ?? 'A signalling address is not valid.');
  return parsed.data;
}

function checkedRelay(url: string | null): string | null {
  if (url === null) return null;
  const parsed = relayUrlSchema.safeParse(url);
  if (!parsed.success) throw new Error(parsed.error.issues[0]?.message ?? 'The relay address is not valid.');
  return parsed.data;
}

function checkedStun(urls: string[]): string[] {
  if (urls.length > MAX_STUN_URLS) throw new Error(`At most ${MAX_STUN_URLS} STUN servers.`);
  return urls.map((url) => {
    const parsed = parseStunUrl(url);
    if (!parsed.ok) throw new Error(parsed.reason);
    return parsed.url;
  });
}

function listeners(): { subscribe: (listener: () => void) => () => void; notify: () => void } {
  const set = new Set<() => void>();
  return {
    subscribe: (listener) => {
      set.add(listener);
      return () => void set.delete(listener);
    },
    notify: () => {
      for (const listener of [...set]) listener();
    },
  };
}

/** Sync's storage in the app's IndexedDB database (settings and secrets tables). */
export function createDexieSyncStorage(db: LatitudeDatabase): SyncStorage {
  const changes = listeners();
  const readList = async (key: string, schema: z.ZodType<string[], unknown>) => {
    const row = await db.settings.get(key);
    const parsed = schema.safeParse(row?.value ?? []);
    return parsed.success ? parsed.data : [];
  };
  const write = async (run: () => Promise<unknown>, what: string) => {
    try {
      await run();
    } catch (error) {
      throw new Error(`${what} could not be saved: ${describeError(error)}`, { cause: error });
    }
    changes.notify();
  };
  return {
    readSignallingUrls: () => readList(SIGNALLING_URLS_KEY, signallingUrlListSchema),
    async writeSignallingUrls(urls) {
      const value = checkedUrls(urls);
      await write(() => db.settings.put({ key: SIGNALLING_URLS_KEY, value }), 'The signalling servers');
    },
    readStunUrls: () => readList(STUN_URLS_KEY, stunListSchema),
    async writeStunUrls(urls) {
      const value = checkedStun(urls);
      await write(() => db.settings.put({ key: STUN_URLS_KEY, value }), 'The STUN servers');
    },
    getInviteSecret: async (workspaceId) => (await db.secrets.get(workspaceId))?.inviteSecret ?? null,
    async setInviteSecret(workspaceId, inviteSecret) {
      await write(() => db.secrets.put({ workspaceId, inviteSecret }), 'The invite secret');
    },
    isSyncPaused: async (workspaceId) => (await db.settings.get(syncPausedKey(workspaceId)))?.value === true,
    async setSyncPaused(workspaceId, paused) {
      const key = syncPausedKey(workspaceId);
      await write(
        () => (paused ? db.settings.put({ key, value: true }) : db.settings.delete(key)),
        paused ? 'Pausing sync' : 'Resuming sync',
      );
    },
    async getRelayUrl(workspaceId) {
      const parsed = relayUrlSchema.safeParse((await db.settings.get(relayUrlKey(workspaceId)))?.value);
      return parsed.success ? parsed.data : null;
    },
    async setRelayUrl(workspaceId, url) {
      const key = relayUrlKey(workspaceId);
      const value = checkedRelay(url);
      await write(
        () => (value === null ? db.settings.delete(key) : db.settings.put({ key, value })),
        'The relay address',
      );
    },
    subscribe: changes.subscribe,
  };
}

/** The same in memory, for tests and hosts without IndexedDB. */
export function createMemorySyncStorage(
  initial: {
    signallingUrls?: string[];
    stunUrls?: string[];
    secrets?: Record<string, string>;
    pausedWorkspaceIds?: string[];
    relayUrls?: Record<string, string>;
  } = {},
): SyncStorage {
  const changes = listeners();
  let signallingUrls = checkedUrls(initial.signallingUrls ?? []);
  let stunUrls = checkedStun(initial.stunUrls ?? []);
  const secrets = new Map(Object.entries(initial.secrets ?? {}));
  const paused = new Set(initial.pausedWorkspaceIds ?? []);
  const relays = new Map(Object.entries(initial.relayUrls ?? {}).map(([id, url]) => [id, checkedRelay(url)]));
  return {
    readSignallingUrls: () => Promise.resolve([...signallingUrls]),
    writeSignallingUrls(urls) {
      signallingUrls = checkedUrls(urls);
      changes.notify();
      return Promise.resolve();
    },
    readStunUrls: () => Promise.resolve([...stunUrls]),
    writeStunUrls(urls) {
      stunUrls = checkedStun(urls);
      changes.notify();
      return Promise.resolve();
    },
    getInviteSecret: (workspaceId) => Promise.resolve(secrets.get(workspaceId) ?? null),
    setInviteSecret(workspaceId, secret) {
      secrets.set(workspaceId, secret);
      changes.notify();
      return Promise.resolve();
    },
    isSyncPaused: (workspaceId) => Promise.resolve(paused.has(workspaceId)),
    setSyncPaused(workspaceId, value) {
      if (value) paused.add(workspaceId);
      else paused.delete(workspaceId);
      changes.notify();
      return Promise.resolve();
    },
    getRelayUrl: (workspaceId) => Promise.resolve(relays.get(workspaceId) ?? null),
    setRelayUrl(workspaceId, url) {
      relays.set(workspaceId, checkedRelay(url));
      changes.notify();
      return Promise.resolve();
    },
    subscribe: changes.subscribe,
  };
}
