import { describe, expect, it } from 'vitest';
import * as fc from 'fast-check';
import { decodeBase64 } from './base64';

/** What the importer did before: remove whitespace, then `atob`, then the bytes. */
function reference(text: string): number[] | undefined {
  try {
    const bin = atob(text.replace(/\s+/g, ''));
    return Array.from(bin, (c) => c.charCodeAt(0));
  } catch {
    return undefined;
  }
}

const decoded = (text: string): number[] | undefined => {
  const bytes = decodeBase64(text);
  return bytes && Array.from(bytes);
};

/** Base64 characters, padding, whitespace of every kind, and characters outside the alphabet. */
const piece = fc.constantFrom('A', 'z', '0', '+', '/', 'QQ', 'QUI', 'QUJD', '=', '==', ' ', '\n', '\r\n', '\t', '\v', '\f', '\u00a0', '\u2028', '\ufeff', '\u3000', '-', '_', '.', 'é', '\u0000');

describe('decodeBase64', () => {
  it('reads what atob reads once whitespace is removed, and refuses what it refuses', () => {
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 24 }), (pieces) => {
        const text = pieces.join('');
        expect(decoded(text)).toEqual(reference(text));
      }),
      { seed: 20261202, numRuns: 5000 },
    );
  });

  it('decodes any bytes encoded with line breaks', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), fc.nat(80), (bytes, width) => {
        const b64 = btoa(String.fromCharCode(...bytes));
        const wrapped = width > 0 ? (b64.match(new RegExp(`.{1,${width}}`, 'g')) ?? []).join('\r\n') : b64;
        expect(decoded(wrapped)).toEqual(Array.from(bytes));
      }),
      { seed: 7, numRuns: 1000 },
    );
  });

  it('handles the edge cases of padding', () => {
    for (const text of ['', '=', '==', 'QQ==', 'QQ=', 'QUI=', 'QUJD', 'QUJD=', 'Q', 'QQ===', 'Q=Q=', 'QQ==QQ==', ' Q Q = = ']) {
      expect(decoded(text), JSON.stringify(text)).toEqual(reference(text));
    }
  });
});
