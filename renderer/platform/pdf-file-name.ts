/**
 * The file name offered when a page is saved as a PDF (`Platform.savePdf`), made from the
 * words a person reads, e.g. "Monthly review: November 2026" → "Monthly review - November
 * 2026.pdf". Unlike the slugs of exported data files, it keeps capitals, spaces and accents:
 * a PDF is a document for people. Only what Windows, macOS or Linux refuse in a file name
 * goes: a colon becomes " -", the other reserved characters (`<>"/\|?*`) and control
 * characters become spaces; runs of spaces shrink to one; leading and trailing dots and
 * spaces go (Windows drops them); at most 120 characters are kept. Words that leave nothing
 * give "Latitude.pdf".
 */

/** Longest name kept before ".pdf", in characters (code points). */
const MAX_NAME_LENGTH = 120;

/** Characters no file system takes in a name: reserved ones and control characters. */
const RESERVED = new Set('<>"/\\|?*');
function isRefused(char: string): boolean {
  const code = char.codePointAt(0) ?? 0;
  return RESERVED.has(char) || code < 0x20 || code === 0x7f;
}

/** `words` as a PDF file name; see the module comment for the rules. */
export function pdfFileName(words: string): string {
  const cleaned = Array.from(words.replace(/:/g, ' -'), (char) => (isRefused(char) ? ' ' : char))
    .join('')
    .replace(/\s+/g, ' ')
    .replace(/^[\s.]+|[\s.]+$/g, '');
  const name = Array.from(cleaned)
    .slice(0, MAX_NAME_LENGTH)
    .join('')
    .replace(/[\s.]+$/, '');
  return `${name === '' ? 'Latitude' : name}.pdf`;
}
