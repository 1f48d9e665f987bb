/**
 * The bad-backup corpus (test/fixtures/backups) held to its README: every file there has a row
 * giving the code and exact message import must fail with, and every row has a file, so the
 * corpus, the table and the importer cannot drift apart. Each file goes through the app's whole
 * import path (`readBackupFile`: the file format, then the workspace data inside it). Lives in
 * test/ because it reads files; the pure tests are in shared/backup.
 */
import { webcrypto } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { encodeBase64, decodeBase64 } from '@shared/backup/base64';
import { BACKUP_FILE_EXTENSION, BackupError, decodeBackup, type Sha256 } from '@shared/backup/backup-format';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { CURRENT_SCHEMA_VERSION, documentToPlain, plainDocumentSchema } from '../../renderer/data/workspace-document';
import { mergeBackupInto, readBackupFile } from '../../renderer/workspaces/backup-service';
import { createWorkspaceRepository } from '../../renderer/data/repository';
import { expectedDecisionDefaults, expectedDomainDefaults } from '../../renderer/data/test-support';

const corpus = fileURLToPath(new URL('../fixtures/backups/', import.meta.url));
const sha256: Sha256 = (bytes) => webcrypto.subtle.digest('SHA-256', bytes);
const options = { sha256, supportedSchemaVersion: CURRENT_SCHEMA_VERSION };

interface Expectation {
  file: string;
  /** null for a file that must import. */
  code: string | null;
  message: string | null;
}

/** The rows of the README table: `| \`file\` | what is wrong | \`code\` | message |`. */
function readExpectations(): Expectation[] {
  const readme = readFileSync(join(corpus, 'README.md'), 'utf8');
  return readme
    .split('\n')
    .filter((line) => line.startsWith('| `'))
    .map((line) => {
      const cells = line
        .split('|')
        .slice(1, -1)
        .map((cell) => cell.trim());
      const [file = '', , code = '', message = ''] = cells;
      const unquote = (cell: string) => cell.replace(/^`|`$/g, '');
      return {
        file: unquote(file),
        code: code === '—' ? null : unquote(code),
        message: message === '—' ? null : message,
      };
    });
}

/** The code and message import refuses `file` with, or null when it accepts it. */
async function refusal(file: string | Uint8Array): Promise<{ code: string; message: string } | null> {
  try {
    await readBackupFile(file);
    return null;
  } catch (error) {
    if (!(error instanceof BackupError)) throw error;
    return { code: error.code, message: error.message };
  }
}

const expectations = readExpectations();
const files = readdirSync(corpus).filter((name) => name.endsWith(BACKUP_FILE_EXTENSION));

describe('backup corpus', () => {
  it('has a README row for every file and a file for every row', () => {
    expect(files.length).toBeGreaterThan(10);
    expect(expectations.map((row) => row.file).sort()).toEqual([...files].sort());
  });

  it.each(expectations.filter((row) => row.code !== null))('refuses $file: $code', async ({ file, code, message }) => {
    expect(await refusal(new Uint8Array(readFileSync(join(corpus, file))))).toEqual({ code, message });
  });

  it('refuses the same files read as text, with the same messages', async () => {
    for (const { file, code, message } of expectations) {
      if (code === null || file === 'garbage.latitude') continue;
      expect({ file, refusal: await refusal(readFileSync(join(corpus, file), 'utf8')) }).toEqual({
        file,
        refusal: { code, message },
      });
    }
  });

  it('imports valid.latitude, a schema-2 backup whose state holds its readable copy, migrated to schema 4', async () => {
    const bytes = new Uint8Array(readFileSync(join(corpus, 'valid.latitude')));
    const backup = await decodeBackup(bytes, options);
    expect(backup.workspace).toEqual({ id: 'w1', name: 'Product team', kind: 'team', createdAt: 1_794_000_000_000 });
    expect(backup.schemaVersion).toBe(2);
    expect(CURRENT_SCHEMA_VERSION).toBe(4);
    expect(backup.appVersion).toBe('0.1.0');
    expect(backup.exportedAt).toBe(Date.UTC(2026, 10, 23, 9, 30));
    // The state as written, before any migration, is exactly the readable copy.
    const written = new Y.Doc();
    Y.applyUpdate(written, backup.state);
    // (Kinds of entity added since, metric thresholds, review templates and anonymous review
    // notes, read as empty records.)
    const content = backup.content as { entities: object };
    expect(documentToPlain(written)).toEqual({
      ...content,
      entities: { ...content.entities, metricThresholds: {}, reviewTemplates: {}, anonymousReviewNotes: {} },
    });

    const checked = await readBackupFile(bytes);
    expect(checked.entityCount).toBe(2);
    // Import migrated it: the schema-2 values are kept, and every field and collection of
    // schemas 3 and 4 reads as its default. Fields holding their default are not stored, so
    // the readable copy of the migrated state lacks them; the domain holds the empty
    // collection maps schema 3 gave it, and the advice stays where schema 2 stored it, in the
    // decision's `advice` map (schema 4 reads it there and moves nothing).
    const base = (id: string) => ({
      id,
      createdAt: 1_795_000_000_000,
      updatedAt: 1_795_000_000_000,
      createdBy: 'u1',
      deletedAt: null,
    });
    const domainStored = {
      ...base('id1'),
      name: 'Onboarding',
      level: 'team',
      parentId: null,
      purpose: '',
      // Empty, as schema 3 made them; they read as empty collections.
      roles: {},
      metrics: {},
      metricValues: {},
      agreements: {},
      resources: {},
    };
    const decisionFields = {
      ...base('id2'),
      title: 'Pair every newcomer with a buddy',
      domainId: 'id1',
      status: 'seeking-advice',
      context: 'Newcomers wait days for answers.',
    };
    const adviceStored = { id: 'id3', authorId: 'u2', text: 'Ask the buddies first.', createdAt: 1_795_000_100_000 };
    const decisionStored = { ...decisionFields, advice: { id3: adviceStored } };
    const otherKinds = {
      experiments: {},
      reviews: {},
      pulseChecks: {},
      valueEntries: {},
      actions: {},
      policies: {},
      members: {},
      metricThresholds: {},
      reviewTemplates: {},
      anonymousReviewNotes: {},
    };
    const stored = documentToPlain(checked.doc);
    expect(stored).toEqual({
      schemaVersion: 4,
      workspaceId: 'w1',
      entities: { domains: { id1: domainStored }, decisions: { id2: decisionStored }, ...otherKinds },
    });
    expect(plainDocumentSchema.parse(stored)).toEqual({
      schemaVersion: 4,
      workspaceId: 'w1',
      entities: {
        domains: {
          id1: { ...domainStored, ...expectedDomainDefaults },
        },
        decisions: {
          id2: {
            ...decisionFields,
            ...expectedDecisionDefaults,
            // Advice written before authorName and fromDomainId existed reads with their defaults.
            advice: { id3: { ...adviceStored, authorName: '', fromDomainId: null } },
            positions: {},
            escalations: {},
            links: {},
          },
        },
        ...otherKinds,
      },
    });
  });

  it('merges valid.latitude into the workspace imported from it, keeping the edits made since', async () => {
    const bytes = new Uint8Array(readFileSync(join(corpus, 'valid.latitude')));
    const imported = await readBackupFile(bytes);
    const doc = new Y.Doc();
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(imported.doc));
    const repo = createWorkspaceRepository(doc, { userId: 'u1', now: () => 1_796_000_000_000, newId: () => 'id9' });
    // The schema-2 advice, edited where it is; then a second piece of advice, under its own key.
    repo.updateInCollection('decisions', 'id2', 'advice', 'id3', { text: 'Ask the buddies and their leads.' });
    repo.addToCollection('decisions', 'id2', 'advice', { authorId: 'u1', text: 'Start next week.', createdAt: 1 });
    const edited = documentToPlain(doc);
    expect((edited.entities.decisions.id2 as Record<string, unknown>).advice).toEqual({
      id3: { id: 'id3', authorId: 'u2', text: 'Ask the buddies and their leads.', createdAt: 1_795_000_100_000 },
    });
    // The same backup, imported again (migrated again, by another client) and merged back in.
    mergeBackupInto(doc, 'w1', await readBackupFile(bytes));
    expect(documentToPlain(doc)).toEqual(edited);
    expect(Object.values(repo.get('decisions', 'id2')?.advice ?? {}).map((item) => item.text)).toEqual([
      'Ask the buddies and their leads.',
      'Start next week.',
    ]);
  });

  it('keeps the valid checksum in the tampered files, so their edit is all that differs', async () => {
    const valid = JSON.parse(readFileSync(join(corpus, 'valid.latitude'), 'utf8')) as { checksum: unknown };
    for (const file of ['tampered-content.latitude', 'tampered-state.latitude']) {
      const tampered = JSON.parse(readFileSync(join(corpus, file), 'utf8')) as { checksum: unknown };
      expect(tampered.checksum).toEqual(valid.checksum);
    }
  });
});

describe('base64 against Node', () => {
  it('encodes as Buffer does and decodes what Buffer encodes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        const node = Buffer.from(bytes).toString('base64');
        expect(encodeBase64(bytes)).toBe(node);
        expect(decodeBase64(node)).toEqual(bytes);
      }),
    );
  });
});
