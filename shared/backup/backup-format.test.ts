import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  BACKUP_FORMAT,
  BACKUP_FORMAT_VERSION,
  BACKUP_MAX_BYTES,
  BackupError,
  canonicalJson,
  checksumText,
  computeChecksum,
  decodeBackup,
  encodeBackup,
  type BackupInput,
  type Sha256,
} from './backup-format';

// shared/ compiles without DOM or Node types; these globals exist in Node as in the app.
declare const TextEncoder: new () => { encode(input: string): Uint8Array<ArrayBuffer> };
const { subtle } = (
  globalThis as unknown as {
    crypto: { subtle: { digest(algorithm: 'SHA-256', data: Uint8Array<ArrayBuffer>): Promise<ArrayBuffer> } };
  }
).crypto;

/** WebCrypto's SHA-256, as the app passes it. */
const sha256: Sha256 = (bytes) => subtle.digest('SHA-256', bytes);
const options = { sha256, supportedSchemaVersion: 1 };
const utf8 = (text: string) => new TextEncoder().encode(text);

const input: BackupInput = {
  appVersion: '0.1.0',
  exportedAt: Date.UTC(2026, 10, 23, 9, 30),
  workspace: { id: 'w1', name: 'Product team', kind: 'team', createdAt: 1_794_000_000_000 },
  schemaVersion: 1,
  state: Uint8Array.from([1, 2, 3, 250, 251, 252, 0, 7]),
  content: { domains: { d1: { id: 'd1', name: 'Onboarding', level: 'team' } }, decisions: {} },
};

/** The code and message `decodeBackup` refuses `file` with, or null when it accepts it. */
async function refusal(
  file: string | Uint8Array,
  decodeOptions: Parameters<typeof decodeBackup>[1] = options,
): Promise<{ code: string; message: string } | null> {
  try {
    await decodeBackup(file, decodeOptions);
    return null;
  } catch (error) {
    if (!(error instanceof BackupError)) throw error;
    return { code: error.code, message: error.message };
  }
}

/** A valid backup edited by `edit` and given a matching checksum, so the edit is all that is wrong. */
async function edited(edit: (envelope: Record<string, unknown>) => void): Promise<string> {
  const envelope = JSON.parse(await encodeBackup(input, { sha256 })) as Record<string, unknown>;
  edit(envelope);
  envelope.checksum = { algorithm: 'SHA-256', value: await computeChecksum(envelope, sha256) };
  return JSON.stringify(envelope, null, 2);
}

const damaged = (problem: string) => ({ code: 'invalid', message: `This backup is damaged: ${problem}.` });

describe('encodeBackup and decodeBackup', () => {
  it('round-trip a workspace', async () => {
    const text = await encodeBackup(input, { sha256 });
    const backup = await decodeBackup(text, options);
    expect(backup).toEqual({
      workspace: input.workspace,
      schemaVersion: 1,
      state: input.state,
      content: input.content,
      exportedAt: input.exportedAt,
      appVersion: '0.1.0',
    });
    expect(await decodeBackup(utf8(text), options)).toEqual(backup);
  });

  it('round-trip any state, content and workspace name', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ maxLength: 500 }),
        fc.jsonValue(),
        fc
          .string({ minLength: 1, maxLength: 80, unit: 'grapheme' })
          .filter((name) => name.trim() === name && name !== ''),
        async (state, content, name) => {
          const text = await encodeBackup(
            { ...input, state, content, workspace: { ...input.workspace, name } },
            { sha256 },
          );
          const backup = await decodeBackup(text, options);
          expect(backup.state).toEqual(state);
          expect(backup.content).toEqual(JSON.parse(JSON.stringify(content)));
          expect(backup.workspace.name).toBe(name);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('write the same text for the same backup, in a fixed key order', async () => {
    const text = await encodeBackup(input, { sha256 });
    const shuffled: BackupInput = {
      content: input.content,
      state: Uint8Array.from(input.state),
      schemaVersion: 1,
      // A whole registry entry, keys in another order: only id, name, kind and createdAt are written.
      workspace: { kind: 'team', createdAt: 1_794_000_000_000, name: 'Product team', id: 'w1', ...{ updatedAt: 5 } },
      exportedAt: input.exportedAt,
      appVersion: '0.1.0',
    };
    expect(await encodeBackup(shuffled, { sha256 })).toBe(text);
    const parsed = JSON.parse(text) as Record<string, Record<string, unknown>>;
    expect(Object.keys(parsed)).toEqual([
      'format',
      'formatVersion',
      'app',
      'exportedAt',
      'workspace',
      'schemaVersion',
      'checksum',
      'content',
      'state',
    ]);
    expect(Object.keys(parsed.workspace ?? {})).toEqual(['id', 'name', 'kind', 'createdAt']);
    expect(parsed.format).toBe(BACKUP_FORMAT);
    expect(parsed.formatVersion).toBe(BACKUP_FORMAT_VERSION);
    expect(parsed.exportedAt).toBe('2026-11-23T09:30:00.000Z');
    expect(text.endsWith('}\n')).toBe(true);
  });

  it('accept a backup re-indented, with its keys reordered or a byte order mark', async () => {
    const text = await encodeBackup(input, { sha256 });
    const parsed = JSON.parse(text) as Record<string, unknown>;
    const reordered = Object.fromEntries(Object.entries(parsed).reverse());
    expect(await refusal(JSON.stringify(reordered))).toBeNull();
    expect(await refusal(`\uFEFF${text}`)).toBeNull();
    expect(await refusal(Uint8Array.from([0xef, 0xbb, 0xbf, ...utf8(text)]))).toBeNull();
  });

  it('refuse to write what they would not read', async () => {
    const write = (changes: Partial<BackupInput>) => encodeBackup({ ...input, ...changes }, { sha256 });
    await expect(write({ workspace: { ...input.workspace, name: ' ' } })).rejects.toThrow(
      new TypeError(
        'Cannot make a backup: workspace.name must be text of 1 to 80 characters, but it is the string " ".',
      ),
    );
    await expect(write({ schemaVersion: 0 })).rejects.toThrow(
      'Cannot make a backup: schemaVersion must be a whole number of 1 or more, but it is 0.',
    );
    await expect(write({ appVersion: '' })).rejects.toThrow('app.version must be text of 1 to 64 characters');
    await expect(write({ content: undefined })).rejects.toThrow('Cannot make a backup: content is missing.');
    await expect(write({ exportedAt: Number.NaN })).rejects.toThrow('exportedAt is not a time');
  });
});

describe('the checksum', () => {
  it('is the SHA-256 of the canonical JSON of everything but itself', async () => {
    const parsed = JSON.parse(await encodeBackup(input, { sha256 })) as Record<string, unknown>;
    const text = checksumText(parsed);
    expect(text.startsWith('{"app":{"name":"Latitude","version":"0.1.0"},"content":{"decisions":{},"domains":')).toBe(
      true,
    );
    expect(text).not.toContain('checksum');
    expect(
      text.endsWith(',"workspace":{"createdAt":1794000000000,"id":"w1","kind":"team","name":"Product team"}}'),
    ).toBe(true);
    const digest = new Uint8Array(await sha256(utf8(text)));
    const hex = Array.from(digest, (byte) => byte.toString(16).padStart(2, '0')).join('');
    expect(parsed.checksum).toEqual({ algorithm: 'SHA-256', value: hex });
  });

  it('detects an edit to any field, the readable copy included', async () => {
    const text = await encodeBackup(input, { sha256 });
    const edits: ((envelope: Record<string, Record<string, unknown>>) => void)[] = [
      (e) => {
        e.content = { domains: {}, decisions: {} };
      },
      (e) => {
        (e.workspace ?? {}).name = 'Other team';
      },
      (e) => {
        (e.app ?? {}).version = '0.1.1';
      },
      (e) => {
        e.exportedAt = '2026-11-24T09:30:00.000Z' as unknown as Record<string, unknown>;
      },
      (e) => {
        e.state = 'AQIE+vv8AAc=' as unknown as Record<string, unknown>;
      },
    ];
    for (const edit of edits) {
      const envelope = JSON.parse(text) as Record<string, Record<string, unknown>>;
      edit(envelope);
      expect(await refusal(JSON.stringify(envelope))).toEqual({
        code: 'tampered',
        message: 'The backup was changed after it was exported (its checksum does not match), so it was not imported.',
      });
    }
  });
});

describe('canonicalJson', () => {
  it('sorts keys at every depth and leaves out whitespace', () => {
    expect(canonicalJson({ b: [3, { z: 1, a: 'x' }], a: null, é: true, B: 1.5 })).toBe(
      '{"B":1.5,"a":null,"b":[3,{"a":"x","z":1}],"é":true}',
    );
  });

  it('orders keys by UTF-16 code units, as RFC 8785 does', () => {
    expect(canonicalJson({ '\u{1F600}': 1, '\uFB33': 2, '\u20AC': 3 })).toBe('{"\u20AC":3,"\u{1F600}":1,"\uFB33":2}');
  });

  it('is the same for the same value whatever the key order', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const reversed = JSON.parse(JSON.stringify(value), (_key, item: unknown) =>
          item !== null && typeof item === 'object' && !Array.isArray(item)
            ? Object.fromEntries(Object.entries(item).reverse())
            : item,
        ) as unknown;
        expect(canonicalJson(reversed)).toBe(canonicalJson(JSON.parse(JSON.stringify(value))));
      }),
    );
  });

  it('refuses what is not JSON', () => {
    expect(() => canonicalJson(undefined)).toThrow(TypeError);
    expect(() => canonicalJson({ a: Number.NaN })).toThrow(TypeError);
    expect(() => canonicalJson([1n])).toThrow(TypeError);
  });
});

describe('decodeBackup refuses', () => {
  it('an empty file', async () => {
    const empty = { code: 'empty', message: 'The file is empty, so there is no backup in it to import.' };
    expect(await refusal('')).toEqual(empty);
    expect(await refusal(new Uint8Array())).toEqual(empty);
    expect(await refusal(' \n\t')).toEqual(empty);
    expect(await refusal('\uFEFF')).toEqual(empty);
  });

  it('a file over the size limit, before reading it', async () => {
    const text = await encodeBackup(input, { sha256 });
    const size = utf8(text).length;
    const small = { ...options, maxBytes: size - 1 };
    expect(await refusal(text, small)).toEqual({
      code: 'too-large',
      message: `The file is larger than ${size - 1} bytes, the most a Latitude backup can be, so it was not read.`,
    });
    expect(await refusal(utf8(text), small)).toMatchObject({ code: 'too-large' });
    expect(await refusal(text, { ...options, maxBytes: size })).toBeNull();
    // Strings are measured in UTF-8 bytes, not characters.
    expect(await refusal('"é"'.repeat(10), { ...options, maxBytes: 39 })).toMatchObject({ code: 'too-large' });
    expect((await refusal('x'.repeat(1025), { ...options, maxBytes: 1024 }))?.message).toContain('than 1 KiB,');
    expect(BACKUP_MAX_BYTES).toBe(256 * 1024 * 1024);
  });

  it('binary data and text that is not JSON', async () => {
    const binary = { code: 'not-json', message: 'This file is not a Latitude backup: it holds binary data, not text.' };
    expect(await refusal(Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 0xff, 0x00]))).toEqual(binary);
    expect(await refusal('{"format": "latitude-backup"\u0000}')).toEqual(binary);
    expect(await refusal('Domains: Onboarding')).toEqual({
      code: 'not-json',
      message: 'This file is not a Latitude backup: it is text, but not JSON.',
    });
    expect(await refusal('{"format": "other", ')).toMatchObject({ code: 'not-json' });
  });

  it('a backup cut off anywhere after its format marker', async () => {
    const text = await encodeBackup(input, { sha256 });
    const truncated = {
      code: 'truncated',
      message:
        'This backup is incomplete: the file ends too early, probably because it was cut off while being copied or downloaded.',
    };
    const from = text.indexOf(BACKUP_FORMAT) + BACKUP_FORMAT.length + 1;
    const to = text.trimEnd().length - 1;
    for (let cut = from; cut <= to; cut++) {
      expect({ cut, refusal: await refusal(text.slice(0, cut)) }).toEqual({ cut, refusal: truncated });
    }
  });

  it('a backup cut in the middle of a multi-byte character', async () => {
    const bytes = utf8(await encodeBackup({ ...input, workspace: { ...input.workspace, name: 'Zürich' } }, { sha256 }));
    const umlaut = bytes.indexOf(0xc3);
    expect(await refusal(bytes.subarray(0, umlaut + 1))).toMatchObject({ code: 'truncated' });
  });

  it('a backup damaged in the middle as not JSON, not as truncated', async () => {
    const text = await encodeBackup(input, { sha256 });
    expect(await refusal(text.replace('"formatVersion": 1,', '"formatVersion": 1'))).toEqual({
      code: 'not-json',
      message: 'This backup is damaged: its text is no longer valid JSON, so it cannot be read.',
    });
  });

  it('JSON that is not a Latitude backup, saying what it seems to be', async () => {
    const foreign = (what: string) => ({ code: 'foreign', message: `This file is not a Latitude backup. ${what}` });
    expect(await refusal('[{"format": "latitude-backup"}]')).toEqual(foreign('It holds a JSON array.'));
    expect(await refusal('"latitude-backup"')).toEqual(foreign('It holds only a JSON string.'));
    expect(await refusal('42')).toEqual(foreign('It holds only a JSON number.'));
    expect(await refusal('true')).toEqual(foreign('It holds only the JSON value true.'));
    expect(await refusal('null')).toEqual(foreign('It holds only the JSON value null.'));
    expect(await refusal('{"name": "latitude", "version": "0.1.0"}')).toEqual(
      foreign('It is JSON, but not marked as a Latitude backup.'),
    );
    expect(await refusal('{"format": 1}')).toEqual(foreign('It is JSON, but not marked as a Latitude backup.'));
    expect(await refusal('{"format": "Latitude-Backup"}')).toEqual(foreign('It says its format is "Latitude-Backup".'));
    expect(await refusal(JSON.stringify({ format: 'x'.repeat(100) }))).toEqual(
      foreign(`It says its format is "${'x'.repeat(39)}…".`),
    );
  });

  it('a backup from a newer format, whatever else it holds', async () => {
    expect(await refusal('{"format": "latitude-backup", "formatVersion": 2, "chunks": []}')).toEqual({
      code: 'future-format',
      message:
        'This backup was made by a newer version of Latitude (backup format 2). This version reads format 1; update Latitude to import it.',
    });
    expect(await refusal(await edited((e) => (e.formatVersion = 7)))).toMatchObject({ code: 'future-format' });
    expect(await refusal(await edited((e) => (e.formatVersion = 1.5)))).toEqual(
      damaged('formatVersion must be 1, but it is 1.5'),
    );
    expect(await refusal(await edited((e) => (e.formatVersion = 0)))).toEqual(
      damaged('formatVersion must be 1, but it is 0'),
    );
  });

  it('an envelope that breaks the schema, naming the field and the problem', async () => {
    const cases: [(envelope: Record<string, unknown>) => void, string][] = [
      [(e) => delete e.workspace, 'workspace is missing'],
      [(e) => delete e.content, 'content is missing'],
      [(e) => (e.schemaVersion = '1'), 'schemaVersion must be a whole number of 1 or more, but it is the string "1"'],
      [(e) => (e.schemaVersion = 0), 'schemaVersion must be a whole number of 1 or more, but it is 0'],
      [(e) => (e.extra = true), 'it has an unexpected field "extra"'],
      [(e) => Object.assign(e, { b: 1, a: 2 }), 'it has an unexpected fields "b" and "a"'],
      [(e) => (e.app = { name: 'Latitude' }), 'app.version is missing'],
      [
        (e) => (e.app = { name: 'Longitude', version: '1' }),
        'app.name must be "Latitude", but it is the string "Longitude"',
      ],
      [(e) => (e.app = 'Latitude'), 'app must be an object with name and version, but it is the string "Latitude"'],
      [
        (e) => (e.exportedAt = '23/11/2026'),
        'exportedAt must be a date and time like "2026-11-23T09:30:00.000Z", but it is the string "23/11/2026"',
      ],
      [
        (e) => (e.workspace = { id: 'w1', name: 'T', kind: 'shared', createdAt: 1 }),
        'workspace.kind must be "personal" or "team", but it is the string "shared"',
      ],
      [
        (e) => (e.workspace = { id: 'w1', name: 'x'.repeat(81), kind: 'team', createdAt: 1 }),
        'workspace.name must be text of 1 to 80 characters, but it is a string of 81 characters',
      ],
      [
        (e) => (e.workspace = { id: 'w1', name: 'T', kind: 'team', createdAt: -1 }),
        'workspace.createdAt must be a time in milliseconds (a whole number), but it is -1',
      ],
      [
        (e) => (e.workspace = { id: 'w1', name: 'T', kind: 'team', createdAt: 1, color: 'red' }),
        'workspace has an unexpected field "color"',
      ],
      [(e) => (e.workspace = []), 'workspace must be an object with id, name, kind and createdAt, but it is an array'],
      [(e) => (e.state = null), 'state must be base64 text, but it is null'],
    ];
    for (const [edit, problem] of cases) {
      expect(await refusal(await edited(edit))).toEqual(damaged(problem));
    }
  });

  it('a checksum that is not SHA-256 or not lowercase hex', async () => {
    const text = await encodeBackup(input, { sha256 });
    const withChecksum = (checksum: unknown) => JSON.stringify({ ...(JSON.parse(text) as object), checksum });
    const value = (JSON.parse(text) as { checksum: { value: string } }).checksum.value;
    expect(await refusal(withChecksum({ algorithm: 'MD5', value }))).toEqual(
      damaged('checksum.algorithm must be "SHA-256", but it is the string "MD5"'),
    );
    expect(await refusal(withChecksum({ algorithm: 'SHA-256', value: value.toUpperCase() }))).toEqual(
      damaged('checksum.value must be 64 lowercase hexadecimal digits, but it is a string of 64 characters'),
    );
    expect(await refusal(withChecksum(undefined))).toEqual(damaged('checksum is missing'));
  });

  it('a backup of a newer workspace schema than the app reads', async () => {
    const text = await edited((e) => (e.schemaVersion = 3));
    expect(await refusal(text, { ...options, supportedSchemaVersion: 2 })).toEqual({
      code: 'future-schema',
      message:
        'This backup was made by a newer version of Latitude (workspace data version 3). This version reads up to version 2; update Latitude to import it.',
    });
    expect(await refusal(text, { ...options, supportedSchemaVersion: 3 })).toBeNull();
    expect((await decodeBackup(text, { ...options, supportedSchemaVersion: 5 })).schemaVersion).toBe(3);
  });

  it('state that is not base64, before comparing checksums', async () => {
    expect(await refusal(await edited((e) => (e.state = 'AQID+vv8AA')))).toEqual(
      damaged('state is not valid base64 (its length, 10 characters, is not a multiple of 4)'),
    );
    const unsigned = JSON.parse(await encodeBackup(input, { sha256 })) as Record<string, unknown>;
    unsigned.state = 'AQ_D+vv8AAc=';
    expect(await refusal(JSON.stringify(unsigned))).toEqual(
      damaged('state is not valid base64 (it has "_" at character 3, which base64 does not use)'),
    );
  });

  it('content nested too deeply to check', async () => {
    const text = await encodeBackup(input, { sha256 });
    const depth = 200_000;
    const deep = text.replace(
      /"content": \{[\s\S]*\n {2}\},\n/,
      `"content": ${'['.repeat(depth)}${']'.repeat(depth)},\n`,
    );
    expect(deep).not.toBe(text);
    expect(await refusal(deep)).toEqual(damaged('content is nested too deeply to read'));
  });

  it('with a BackupError that is an Error', async () => {
    const error = await decodeBackup('', options).catch((reason: unknown) => reason);
    expect(error).toBeInstanceOf(Error);
    expect(error).toMatchObject({ name: 'BackupError', code: 'empty' });
  });
});
