/**
 * Base64 (RFC 4648 §4: the standard alphabet `A–Z a–z 0–9 + /`, padded with `=`) for byte
 * arrays, in plain TypeScript so it runs the same in Node, Chromium and Electron without
 * `Buffer` or `atob`.
 *
 * Decoding is strict, because its input comes from files: the length must be a multiple of
 * 4, padding may only end the text, and whitespace, line breaks and the URL-safe alphabet
 * are refused. Unused bits in the last character are ignored, as `atob` and `Buffer` do.
 */

const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const padCode = 61; // '='

/** Character code → 6-bit value; -1 for a character outside the alphabet. */
const sextets = new Int8Array(128).fill(-1);
for (let i = 0; i < alphabet.length; i++) sextets[alphabet.charCodeAt(i)] = i;
const alphabetCodes = Uint8Array.from(alphabet, (char) => char.charCodeAt(0));

/** Bytes encoded per chunk; a multiple of 3 so chunks concatenate without padding in between. */
const chunkBytes = 3 * 4096;

/** Thrown by {@link decodeBase64}; the message says what is wrong, e.g. which character. */
export class InvalidBase64Error extends Error {
  override readonly name = 'InvalidBase64Error';
}

/** The padded base64 text of `bytes`. */
export function encodeBase64(bytes: Uint8Array): string {
  const parts: string[] = [];
  for (let start = 0; start < bytes.length; start += chunkBytes) {
    const end = Math.min(start + chunkBytes, bytes.length);
    const codes = new Uint8Array(Math.ceil((end - start) / 3) * 4);
    let out = 0;
    for (let i = start; i < end; i += 3) {
      const a = bytes[i] ?? 0;
      const b = i + 1 < end ? (bytes[i + 1] ?? 0) : 0;
      const c = i + 2 < end ? (bytes[i + 2] ?? 0) : 0;
      const triple = (a << 16) | (b << 8) | c;
      codes[out++] = alphabetCodes[triple >>> 18] ?? padCode;
      codes[out++] = alphabetCodes[(triple >>> 12) & 63] ?? padCode;
      codes[out++] = i + 1 < end ? (alphabetCodes[(triple >>> 6) & 63] ?? padCode) : padCode;
      codes[out++] = i + 2 < end ? (alphabetCodes[triple & 63] ?? padCode) : padCode;
    }
    parts.push(String.fromCharCode(...codes));
  }
  return parts.join('');
}

/**
 * The bytes that padded base64 `text` encodes. Throws {@link InvalidBase64Error} naming the
 * problem (length, a character outside the alphabet and where it is, misplaced padding).
 */
export function decodeBase64(text: string): Uint8Array {
  const length = text.length;
  if (length % 4 !== 0) {
    throw new InvalidBase64Error(`its length, ${length} characters, is not a multiple of 4`);
  }
  let padding = 0;
  if (length > 0 && text.charCodeAt(length - 1) === padCode) padding = text.charCodeAt(length - 2) === padCode ? 2 : 1;
  const dataEnd = length - padding;

  const sextetAt = (index: number): number => {
    const code = text.charCodeAt(index);
    const value = code < 128 ? (sextets[code] ?? -1) : -1;
    if (value >= 0) return value;
    if (code === padCode) throw new InvalidBase64Error(`it has "=" padding at character ${index + 1}, before its end`);
    throw new InvalidBase64Error(
      `it has ${JSON.stringify(text.charAt(index))} at character ${index + 1}, which base64 does not use`,
    );
  };

  const bytes = new Uint8Array((length / 4) * 3 - padding);
  let out = 0;
  for (let i = 0; i < length; i += 4) {
    const triple =
      (sextetAt(i) << 18) |
      (sextetAt(i + 1) << 12) |
      (i + 2 < dataEnd ? sextetAt(i + 2) << 6 : 0) |
      (i + 3 < dataEnd ? sextetAt(i + 3) : 0);
    bytes[out++] = triple >>> 16;
    if (out < bytes.length) bytes[out++] = (triple >>> 8) & 255;
    if (out < bytes.length) bytes[out++] = triple & 255;
  }
  return bytes;
}
