/**
 * Base64 text to bytes, as `atob` reads it once every whitespace character is removed (the
 * forgiving-base64 decode of the WHATWG Infra standard): `=` only as one or two final padding
 * characters of a whole number of quartets, no lone final character, nothing outside the
 * alphabet. Written out because Node's `atob` checks each character with a search through its
 * alphabet and returns a binary string still to be copied into bytes: a 13 MB credential report
 * spent half a second there.
 */

/** Value of each alphabet character by char code; -1 outside it. */
const VALUE = new Int8Array(128).fill(-1);
'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'.split('').forEach((c, i) => (VALUE[c.charCodeAt(0)] = i));

const EQUALS = 61;

/** What `/\s/` matches: the text is read as if such characters were not there. */
function isSpace(c: number): boolean {
  if (c < 128) return c === 32 || (c >= 9 && c <= 13);
  return c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

/** The bytes `text` encodes, or undefined where `atob` would throw. One pass: checked as it is decoded. */
export function decodeBase64(text: string): Uint8Array | undefined {
  const n = text.length;
  const out = new Uint8Array(Math.floor((n * 3) / 4));
  let o = 0;
  // The bits read and not yet written (the last `buffered` of `bits`).
  let bits = 0;
  let buffered = 0;
  // Characters that count (not whitespace), and the `=` among them.
  let count = 0;
  let padding = 0;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    const v = c < 128 ? VALUE[c]! : -1;
    if (v >= 0) {
      // Nothing may follow the padding.
      if (padding > 0) return undefined;
      count++;
      // Only the last few bits are still to be written: the mask keeps the number small.
      bits = ((bits << 6) | v) & 0xfffff;
      buffered += 6;
      if (buffered >= 8) {
        buffered -= 8;
        out[o++] = (bits >> buffered) & 0xff;
      }
    } else if (c === EQUALS) {
      count++;
      padding++;
    } else if (!isSpace(c)) return undefined;
  }
  // Padding is allowed only to complete the last quartet, and then at most two characters of it.
  if (padding > 0 && (count % 4 !== 0 || padding > 2)) return undefined;
  if ((count - padding) % 4 === 1) return undefined;
  return out.subarray(0, o);
}
