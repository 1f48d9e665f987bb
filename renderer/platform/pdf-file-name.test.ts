import { describe, expect, it } from 'vitest';
import { pdfFileName } from './pdf-file-name';

describe('pdfFileName', () => {
  it('keeps the words people read and adds ".pdf"', () => {
    expect(pdfFileName('Metrics January 2026')).toBe('Metrics January 2026.pdf');
    expect(pdfFileName('Revue trimestrielle – Équipe Données (Q1 2026)')).toBe(
      'Revue trimestrielle – Équipe Données (Q1 2026).pdf',
    );
  });

  it('turns what file systems refuse into spaces, and a colon into a dash', () => {
    expect(pdfFileName('Monthly review: November 2026')).toBe('Monthly review - November 2026.pdf');
    expect(pdfFileName('a/b\\c<d>e"f|g?h*i\u0000j\nk')).toBe('a b c d e f g h i j k.pdf');
    expect(pdfFileName('../../etc/passwd')).toBe('etc passwd.pdf');
  });

  it('drops leading and trailing dots and spaces', () => {
    expect(pdfFileName('  .hidden report. ')).toBe('hidden report.pdf');
  });

  it('keeps at most 120 characters, never half of one', () => {
    const name = pdfFileName(`${'😀'.repeat(119)}ab`);
    expect(name).toBe(`${'😀'.repeat(119)}a.pdf`);
    expect(pdfFileName('x'.repeat(500))).toHaveLength(124);
  });

  it('falls back to "Latitude" when nothing is left', () => {
    expect(pdfFileName('')).toBe('Latitude.pdf');
    expect(pdfFileName(' ... ')).toBe('Latitude.pdf');
    expect(pdfFileName('???')).toBe('Latitude.pdf');
  });
});
