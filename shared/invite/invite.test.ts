import { describe, expect, it } from 'vitest';
import {
  INVITE_PREFIX,
  MAX_INVITE_SIGNALLING_URLS,
  decodeInvite,
  encodeInvite,
  parseSignallingUrl,
  signallingUrlListSchema,
  syncRoomName,
  type Invite,
} from './invite';

const secret = 'q3ZbQ1wq6sWZc1I5Hq5o5b9y9ZtqkQm4o3l3V0yJb2E'; // 43 characters: 32 bytes
const invite: Invite = {
  workspaceId: '0b7e2c1e-6a53-4d0e-9f0e-3f4b5a6c7d8e',
  secret,
  workspaceName: 'Platform team & friends',
  signallingUrls: ['ws://192.168.1.20:4444', 'wss://signal.example.org/room'],
  relayUrl: 'wss://relay.example.org/yjs',
};

function decodeFailure(text: string) {
  const decoded = decodeInvite(text);
  if (decoded.ok) throw new Error(`expected a failure for ${text}`);
  return decoded;
}

describe('invite links', () => {
  it('round-trips an invite through its link', () => {
    const link = encodeInvite(invite);
    expect(link.startsWith(`${INVITE_PREFIX}?v=1&`)).toBe(true);
    expect(decodeInvite(link)).toEqual({ ok: true, invite });
  });

  it('round-trips an invite without a name or signalling addresses', () => {
    const bare: Invite = { ...invite, workspaceName: null, signallingUrls: [], relayUrl: null };
    expect(encodeInvite(bare)).not.toContain('&r=');
    expect(decodeInvite(encodeInvite(bare))).toEqual({ ok: true, invite: bare });
  });

  it('ignores white space and line breaks added when the link was copied', () => {
    const link = encodeInvite(invite);
    const wrapped = `  ${link.slice(0, 30)}\n  ${link.slice(30, 90)}\r\n${link.slice(90)}  `;
    expect(decodeInvite(wrapped)).toEqual({ ok: true, invite });
  });

  it('refuses text that is not a Latitude invite', () => {
    for (const text of ['https://example.org/join?v=1', 'hello', 'latitude://open?v=1', 'y-webrtc room']) {
      expect(decodeFailure(text).code).toBe('foreign');
    }
    expect(decodeFailure('x'.repeat(10_000)).code).toBe('foreign');
  });

  it('says which side must update for another version of the format', () => {
    const link = encodeInvite(invite);
    const newer = decodeFailure(link.replace('v=1', 'v=2'));
    expect(newer.code).toBe('newer-version');
    expect(newer.message).toMatch(/newer version of Latitude/);
    const older = decodeFailure(link.replace('v=1', 'v=0'));
    expect(older.code).toBe('older-version');
    expect(older.message).toMatch(/older version/);
  });

  it('refuses a cut or edited invite with a clear reason', () => {
    const link = encodeInvite(invite);
    expect(decodeFailure(INVITE_PREFIX).message).toMatch(/incomplete/);
    expect(decodeFailure(link.replace('v=1&', '')).message).toMatch(/no valid version/);
    expect(decodeFailure(link.replace(/&s=[^&]+/, '')).message).toMatch(/no secret/);
    expect(decodeFailure(link.replace(secret, secret.slice(0, 21))).message).toMatch(/secret is too short/);
    expect(decodeFailure(link.replace(secret, `${secret.slice(0, 30)}+/=`)).code).toBe('malformed');
    expect(decodeFailure(link.replace(/w=[^&]+/, 'w=')).message).toMatch(/workspace id/);
    expect(decodeFailure(link.replace(/w=[^&]+/, 'w=..%2F..')).message).toMatch(/workspace id/);
    expect(decodeFailure(`${link}&w=other`).message).toMatch(/appears twice/);
    expect(decodeFailure(`${link}&u=${encodeURIComponent('http://192.168.1.2:4444')}`).message).toMatch(
      /ws:\/\/ or wss:\/\//,
    );
    expect(decodeFailure(`${link}&r=${encodeURIComponent('wss://relay.example.org')}`).message).toMatch(
      /appears twice/,
    );
    expect(
      decodeFailure(link.replace(/r=[^&]+/, `r=${encodeURIComponent('wss://relay.example.org/?room=1')}`)).message,
    ).toBe('A relay address must not contain a ? part: the room is added to its end.');
  });

  it('accepts a secret of 128 bits and refuses a shorter one', () => {
    const exactly = { ...invite, secret: 'A'.repeat(22) };
    expect(decodeInvite(encodeInvite(exactly)).ok).toBe(true);
    expect(() => encodeInvite({ ...invite, secret: 'A'.repeat(21) })).toThrow();
  });

  it('refuses too many signalling addresses', () => {
    const many = Array.from({ length: MAX_INVITE_SIGNALLING_URLS + 1 }, (_, i) => `ws://10.0.0.${i + 1}:4444`);
    const link = `${encodeInvite({ ...invite, signallingUrls: [] })}&${many.map((u) => `u=${encodeURIComponent(u)}`).join('&')}`;
    expect(decodeFailure(link).message).toMatch(/At most 8/);
  });

  it('names the room after the workspace', () => {
    expect(syncRoomName(invite.workspaceId)).toBe(`latitude:${invite.workspaceId}`);
  });
});

describe('signalling addresses', () => {
  it('accepts ws:// and wss:// and writes each server one way', () => {
    expect(parseSignallingUrl(' ws://192.168.1.20:4444/ ')).toEqual({ ok: true, url: 'ws://192.168.1.20:4444' });
    expect(parseSignallingUrl('wss://Signal.Example.org')).toEqual({ ok: true, url: 'wss://signal.example.org' });
    expect(parseSignallingUrl('ws://[fd00::20]:4444')).toEqual({ ok: true, url: 'ws://[fd00::20]:4444' });
    expect(parseSignallingUrl('wss://relay.example.org/signal?x=1')).toEqual({
      ok: true,
      url: 'wss://relay.example.org/signal?x=1',
    });
  });

  it('refuses other schemes, credentials, fragments and nonsense', () => {
    for (const text of ['', 'http://10.0.0.1:4444', 'ws:/', 'ws://user:pw@10.0.0.1', 'ws://10.0.0.1/#x', 'nope']) {
      expect(parseSignallingUrl(text).ok).toBe(false);
    }
  });

  it('drops duplicates from a list once normalised', () => {
    expect(signallingUrlListSchema.parse(['ws://a:1/', 'ws://a:1', 'wss://b'])).toEqual(['ws://a:1', 'wss://b']);
  });
});
