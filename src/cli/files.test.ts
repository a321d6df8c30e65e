/**
 * The CLI decodes UTF-8 with Node's decoder (fast) and everything else as the app does: the text
 * must be the same either way, byte for byte, whatever an attacker put in the file.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { decodeFile } from './files';
import { decodeText } from '../core/io/decode';

const bytes = (...b: number[]) => new Uint8Array(b);

describe('decodeFile gives the text the app would', () => {
  it.each([
    ['plain ASCII JSON', bytes(0x7b, 0x22, 0x61, 0x22, 0x3a, 0x31, 0x7d)],
    ['a UTF-8 BOM, removed', bytes(0xef, 0xbb, 0xbf, 0x7b, 0x7d)],
    ['a lone continuation byte', bytes(0x7b, 0x80, 0x7d)],
    ['0xFF and 0xFE inside text', bytes(0x61, 0xff, 0x62, 0xfe)],
    ['a sequence cut short', bytes(0x61, 0xe2, 0x82, 0x63)],
    ['a four-byte sequence cut short at the end', bytes(0x61, 0xf0, 0x9f, 0x92)],
    ['an encoded surrogate', bytes(0xed, 0xa0, 0x80, 0x64)],
    ['an overlong slash', bytes(0xc0, 0xaf, 0x2f)],
    ['a code point past U+10FFFF', bytes(0xf4, 0x90, 0x80, 0x80)],
    ['an emoji and accents', new TextEncoder().encode('{"name":"café 🔑 <img onerror>"}')],
    ['UTF-16 LE with its BOM', bytes(0xff, 0xfe, 0x7b, 0x00, 0x7d, 0x00)],
    ['UTF-32 BE with its BOM', bytes(0, 0, 0xfe, 0xff, 0, 0, 0, 0x7b, 0, 0, 0, 0x7d)],
    ['empty', bytes()],
  ])('%s', (_name, input) => {
    expect(decodeFile(input)).toBe(decodeText(input));
  });

  it('for any bytes at all', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (input) => decodeFile(input) === decodeText(input)),
      { numRuns: 2000 },
    );
  });

  it('for bytes that sit inside a larger buffer (a subarray read from a file)', () => {
    const whole = new TextEncoder().encode('xx{"a":"é"}yy');
    const part = whole.subarray(2, whole.length - 2);
    expect(decodeFile(part)).toBe('{"a":"é"}');
  });
});
