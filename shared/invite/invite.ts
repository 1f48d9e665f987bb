/**
 * Invites to a team workspace (issue 8 item 1), as a pure encode / decode pair.
 *
 * An invite carries what another laptop needs to find and open the same workspace: its id
 * (the room is named after it, see `syncRoomName`), the secret that is the y-webrtc room
 * password (signalling is encrypted with a key derived from it), the signalling servers to
 * meet at, and the workspace's name to show before joining. It is one link, used as is for
 * the "code" a person copies and for the QR code:
 *
 * ```
 * latitude://join?v=1&w=<workspace id>&s=<secret>&n=<name>&u=<ws url>&u=<ws url>
 * ```
 *
 * - `v` the invite format version, `INVITE_VERSION`. Links of another version are refused
 *   with words that say which side needs updating;
 * - `w` 1–128 of `A–Z a–z 0–9 _ -` (a UUID for workspaces made by Latitude);
 * - `s` base64url of at least 16 bytes (128 bits): 22–256 characters of the base64url
 *   alphabet. Latitude makes 32 random bytes (`randomInviteSecret`);
 * - `n` optional, the workspace's name (1–80 characters once trimmed);
 * - `u` 0–8 signalling URLs, each `ws://` or `wss://`, without user name or password.
 *
 * Anyone holding the link can join and read everything in the workspace: it is shared
 * like a key. Rotating the secret ("Change invite secret") makes every older link useless.
 * Decoding treats the text as untrusted (it may be pasted from anywhere) and never throws.
 */
import { z } from 'zod';

// URL and URLSearchParams exist in every runtime Latitude runs in (browsers, Electron, Node)
// but belong to neither ES lib this layer compiles against; declare the parts used here.
declare const URL: new (input: string) => {
  readonly protocol: string;
  readonly hostname: string;
  readonly host: string;
  readonly username: string;
  readonly password: string;
  readonly pathname: string;
  readonly search: string;
  readonly hash: string;
  readonly href: string;
};
interface SearchParams {
  get(name: string): string | null;
  getAll(name: string): string[];
  set(name: string, value: string): void;
  append(name: string, value: string): void;
  toString(): string;
}
declare const URLSearchParams: new (init?: string) => SearchParams;

/** The version of the invite format this build writes and reads. */
export const INVITE_VERSION = 1;

/** Scheme and path of every invite link. */
export const INVITE_PREFIX = 'latitude://join';

/** Shortest secret accepted, in base64url characters: 22 characters carry 132 bits (≥ 128). */
export const MIN_SECRET_LENGTH = 22;

/** Longest secret accepted, in characters. */
export const MAX_SECRET_LENGTH = 256;

/** Most signalling URLs in one invite. */
export const MAX_INVITE_SIGNALLING_URLS = 8;

/** Longest signalling URL accepted, in characters. */
export const MAX_SIGNALLING_URL_LENGTH = 2048;

/** Longest invite text accepted before parsing, in characters. */
export const MAX_INVITE_LENGTH = 8192;

const workspaceIdSchema = z
  .string({ error: 'The invite names no workspace.' })
  .regex(/^[A-Za-z0-9_-]{1,128}$/, { error: 'The invite’s workspace id is not valid.' });

const secretSchema = z
  .string({ error: 'The invite has no secret.' })
  .regex(new RegExp(`^[A-Za-z0-9_-]{${MIN_SECRET_LENGTH},${MAX_SECRET_LENGTH}}$`), {
    error: 'The invite’s secret is too short or not valid: ask for a new invite.',
  });

/**
 * Checks a signalling URL: `ws://` or `wss://`, a host, no user name or password, no
 * fragment. Returns the normalised URL (as the URL parser writes it) or a reason.
 */
export function parseSignallingUrl(text: string): { ok: true; url: string } | { ok: false; reason: string } {
  return parseSocketUrl(text, 'signalling address', 'ws://192.168.1.20:4444');
}

/**
 * Checks a Yjs relay address (a `y-websocket` server) like a signalling address; it may carry a
 * path (a relay behind a proxy) but no `?` part, since the relay's room is appended to it.
 */
export function parseRelayUrl(text: string): { ok: true; url: string } | { ok: false; reason: string } {
  const parsed = parseSocketUrl(text, 'relay address', 'wss://relay.example.org');
  if (parsed.ok && new URL(parsed.url).search !== '') {
    return { ok: false, reason: 'A relay address must not contain a ? part: the room is added to its end.' };
  }
  return parsed.ok ? { ok: true, url: parsed.url.replace(/\/+$/, '') } : parsed;
}

function parseSocketUrl(
  text: string,
  what: string,
  example: string,
): { ok: true; url: string } | { ok: false; reason: string } {
  const trimmed = text.trim();
  if (trimmed === '') return { ok: false, reason: `Enter a ${what} such as ${example}.` };
  if (trimmed.length > MAX_SIGNALLING_URL_LENGTH) return { ok: false, reason: 'That address is too long.' };
  let url: InstanceType<typeof URL>;
  try {
    url = new URL(trimmed);
  } catch {
    return { ok: false, reason: `“${trimmed}” is not an address. Use ws://host:port or wss://host:port.` };
  }
  if (url.protocol !== 'ws:' && url.protocol !== 'wss:') {
    return { ok: false, reason: `“${trimmed}” must start with ws:// or wss://.` };
  }
  if (url.hostname === '') return { ok: false, reason: `“${trimmed}” names no host.` };
  if (url.username !== '' || url.password !== '') {
    return { ok: false, reason: `A ${what} must not contain a user name or password.` };
  }
  if (url.hash !== '') return { ok: false, reason: `A ${what} must not contain a # part.` };
  // The URL parser adds a trailing slash to a bare origin; y-webrtc keys its connections by
  // the exact string, so one spelling per server avoids two sockets to the same place.
  const normalised = url.pathname === '/' && url.search === '' ? `${url.protocol}//${url.host}` : url.href;
  return { ok: true, url: normalised };
}

/** A signalling URL as stored and sent: `ws://` or `wss://`, normalised by `parseSignallingUrl`. */
export const signallingUrlSchema = z.string().transform((text, context) => {
  const parsed = parseSignallingUrl(text);
  if (parsed.ok) return parsed.url;
  context.addIssue({ code: 'custom', message: parsed.reason });
  return z.NEVER;
});

/** A relay URL as stored and sent, normalised by `parseRelayUrl`. */
export const relayUrlSchema = z.string().transform((text, context) => {
  const parsed = parseRelayUrl(text);
  if (parsed.ok) return parsed.url;
  context.addIssue({ code: 'custom', message: parsed.reason });
  return z.NEVER;
});

/** A list of signalling URLs: valid, normalised, without duplicates (first kept). */
export const signallingUrlListSchema = z
  .array(signallingUrlSchema)
  .max(MAX_INVITE_SIGNALLING_URLS, { error: `At most ${MAX_INVITE_SIGNALLING_URLS} signalling addresses.` })
  .transform((urls) => [...new Set(urls)]);

/** What an invite says. */
export const inviteSchema = z.object({
  workspaceId: workspaceIdSchema,
  secret: secretSchema,
  /** The workspace's name, to show before joining; null when the invite does not say. */
  workspaceName: z.string().trim().min(1).max(80).nullable(),
  signallingUrls: signallingUrlListSchema,
  /** The workspace's always-on Yjs relay, if the team uses one (see `parseRelayUrl`). */
  relayUrl: relayUrlSchema.nullable().default(null),
});

/** A decoded invite. */
export type Invite = z.output<typeof inviteSchema>;

/** Why an invite could not be read. */
export type InviteErrorCode =
  /** Not a Latitude invite at all (another link, random text). */
  | 'foreign'
  /** Made by a newer Latitude: this one must be updated. */
  | 'newer-version'
  /** Made by an older Latitude whose invites this one no longer reads. */
  | 'older-version'
  /** A Latitude invite with a missing or broken part (cut short when copied, edited). */
  | 'malformed';

/** The outcome of `decodeInvite`. */
export type DecodedInvite = { ok: true; invite: Invite } | { ok: false; code: InviteErrorCode; message: string };

/** Writes an invite link. Throws when the invite itself is not valid (a programming error). */
export function encodeInvite(invite: z.input<typeof inviteSchema>): string {
  const checked = inviteSchema.parse(invite);
  const params = new URLSearchParams();
  params.set('v', String(INVITE_VERSION));
  params.set('w', checked.workspaceId);
  params.set('s', checked.secret);
  if (checked.workspaceName !== null) params.set('n', checked.workspaceName);
  for (const url of checked.signallingUrls) params.append('u', url);
  if (checked.relayUrl !== null) params.set('r', checked.relayUrl);
  return `${INVITE_PREFIX}?${params.toString()}`;
}

function failure(code: InviteErrorCode, message: string): DecodedInvite {
  return { ok: false, code, message };
}

/** Reads an invite link (surrounding white space and line breaks from copying are ignored). Never throws. */
export function decodeInvite(text: string): DecodedInvite {
  const compact = text.replace(/\s+/g, '');
  if (compact === '') return failure('malformed', 'Paste the invite link you were sent.');
  if (compact.length > MAX_INVITE_LENGTH) return failure('foreign', 'That text is too long to be a Latitude invite.');
  const separator = compact.indexOf('?');
  const head = separator < 0 ? compact : compact.slice(0, separator);
  if (head.toLowerCase() !== INVITE_PREFIX) {
    return failure('foreign', 'That is not a Latitude invite: invites start with latitude://join.');
  }
  if (separator < 0) return failure('malformed', 'The invite is incomplete: copy the whole link again.');
  let params: SearchParams;
  try {
    params = new URLSearchParams(compact.slice(separator + 1));
  } catch {
    return failure('malformed', 'The invite could not be read: copy the whole link again.');
  }
  const versionText = params.get('v');
  const version = versionText !== null && /^\d{1,6}$/.test(versionText) ? Number(versionText) : null;
  if (version === null) {
    return failure('malformed', 'The invite has no valid version: copy the whole link again.');
  }
  if (version > INVITE_VERSION) {
    return failure('newer-version', 'This invite was made by a newer version of Latitude. Update Latitude to join.');
  }
  if (version < INVITE_VERSION) {
    return failure(
      'older-version',
      'This invite was made by an older version of Latitude. Ask for a new invite from an up-to-date Latitude.',
    );
  }
  for (const single of ['w', 's', 'n', 'r']) {
    if (params.getAll(single).length > 1) return failure('malformed', 'The invite is not valid: a part appears twice.');
  }
  const parsed = inviteSchema.safeParse({
    workspaceId: params.get('w') ?? undefined,
    secret: params.get('s') ?? undefined,
    workspaceName: params.get('n'),
    signallingUrls: params.getAll('u'),
    relayUrl: params.get('r'),
  });
  if (!parsed.success) {
    return failure('malformed', parsed.error.issues[0]?.message ?? 'The invite is not valid.');
  }
  return { ok: true, invite: parsed.data };
}

/**
 * The y-webrtc room of a workspace: `latitude:<workspace id>`. Everyone with the workspace
 * id meets in it; only those with the secret (the room password) can read what is said.
 */
export function syncRoomName(workspaceId: string): string {
  return `latitude:${workspaceId}`;
}
