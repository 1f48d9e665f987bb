import { describe, expect, it } from 'vitest';
import { backupFileName } from './backup-file-name';

// Built from local calendar fields, so the expected date holds in every time zone.
const day = new Date(2026, 10, 23, 12, 0);

describe('backupFileName', () => {
  it('is the workspace name, the local date and the extension', () => {
    expect(backupFileName('Product team', day)).toBe('Product team 2026-11-23.latitude');
    expect(backupFileName('Produktteam Zürich 🚀', day)).toBe('Produktteam Zürich 🚀 2026-11-23.latitude');
    expect(backupFileName('Team', new Date(2027, 0, 5, 0, 0))).toBe('Team 2027-01-05.latitude');
  });

  it('replaces characters file systems refuse and collapses the spaces', () => {
    expect(backupFileName('R&D: <core>/"ops" | q?*', day)).toBe('R&D core ops q 2026-11-23.latitude');
    expect(backupFileName('a\\b\tc\nd\u0000e\u007ff', day)).toBe('a b c d e f 2026-11-23.latitude');
  });

  it('removes bidirectional controls that could disguise the extension', () => {
    expect(backupFileName('team\u202Egpj.exe', day)).toBe('teamgpj.exe 2026-11-23.latitude');
  });

  it('trims spaces and dots from both ends', () => {
    expect(backupFileName('  ..hidden team.. ', day)).toBe('hidden team 2026-11-23.latitude');
  });

  it('falls back to a default name when nothing is left', () => {
    expect(backupFileName('', day)).toBe('Latitude backup 2026-11-23.latitude');
    expect(backupFileName(' ?*/ .. ', day)).toBe('Latitude backup 2026-11-23.latitude');
  });

  it('guards names Windows reserves for devices', () => {
    expect(backupFileName('CON', day)).toBe('_CON 2026-11-23.latitude');
    expect(backupFileName('nul.team', day)).toBe('_nul.team 2026-11-23.latitude');
    expect(backupFileName('Console', day)).toBe('Console 2026-11-23.latitude');
  });

  it('keeps the file name under 255 UTF-8 bytes without splitting a character', () => {
    for (const name of ['x'.repeat(400), 'é'.repeat(300), '🚀'.repeat(100), `${'x'.repeat(199)}🚀`]) {
      const fileName = backupFileName(name, day);
      const bytes = [...fileName].reduce((sum, char) => sum + utf8Bytes(char), 0);
      expect(bytes).toBeLessThanOrEqual(255);
      expect(fileName.endsWith(' 2026-11-23.latitude')).toBe(true);
      expect(fileName).not.toMatch(/[\uD800-\uDFFF]/u); // no half of a surrogate pair
    }
    expect(backupFileName(`${'x'.repeat(199)}🚀`, day)).toBe(`${'x'.repeat(199)} 2026-11-23.latitude`);
  });

  it('refuses an invalid date', () => {
    expect(() => backupFileName('Team', new Date(Number.NaN))).toThrow(RangeError);
  });
});

function utf8Bytes(char: string): number {
  const code = char.codePointAt(0) ?? 0;
  return code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
}
