import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeBase64, encodeBase64, InvalidBase64Error } from './base64';

const bytesOf = (text: string) => Uint8Array.from(text, (char) => char.charCodeAt(0));

describe('base64', () => {
  it('matches the test vectors of RFC 4648', () => {
    const vectors = {
      '': '',
      f: 'Zg==',
      fo: 'Zm8=',
      foo: 'Zm9v',
      foob: 'Zm9vYg==',
      fooba: 'Zm9vYmE=',
      foobar: 'Zm9vYmFy',
    };
    for (const [plain, encoded] of Object.entries(vectors)) {
      expect(encodeBase64(bytesOf(plain))).toBe(encoded);
      expect(decodeBase64(encoded)).toEqual(bytesOf(plain));
    }
  });

  it('uses the whole standard alphabet', () => {
    expect(encodeBase64(Uint8Array.from([0xfb, 0xff, 0xbf]))).toBe('+/+/');
    expect(decodeBase64('+/+/')).toEqual(Uint8Array.from([0xfb, 0xff, 0xbf]));
  });

  it('round-trips any bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 2000 }), (bytes) => {
        expect(decodeBase64(encodeBase64(bytes))).toEqual(bytes);
      }),
    );
  });

  it('round-trips inputs longer than one encoding chunk', () => {
    const bytes = Uint8Array.from({ length: 100_003 }, (_, i) => (i * 7919) % 256);
    const encoded = encodeBase64(bytes);
    expect(encoded).toHaveLength(Math.ceil(bytes.length / 3) * 4);
    expect(decodeBase64(encoded)).toEqual(bytes);
  });

  it('refuses malformed text, saying what is wrong', () => {
    const cases: [string, string][] = [
      ['Zm9', 'its length, 3 characters, is not a multiple of 4'],
      ['Zm9v\n', 'its length, 5 characters, is not a multiple of 4'],
      ['Zm!v', 'it has "!" at character 3, which base64 does not use'],
      ['Zm 9', 'it has " " at character 3, which base64 does not use'],
      ['Zm9-', 'it has "-" at character 4, which base64 does not use'],
      ['Zm9é', 'it has "é" at character 4, which base64 does not use'],
      ['Z=9v', 'it has "=" padding at character 2, before its end'],
      ['Z===', 'it has "=" padding at character 2, before its end'],
      ['====', 'it has "=" padding at character 1, before its end'],
      ['Zg==Zm8=', 'it has "=" padding at character 3, before its end'],
    ];
    for (const [text, message] of cases) {
      expect(() => decodeBase64(text)).toThrow(new InvalidBase64Error(message));
    }
    expect(() => decodeBase64('Zm9')).toThrow(InvalidBase64Error);
  });
});
