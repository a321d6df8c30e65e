/**
 * File bytes to text. Exports are UTF-8 mostly, but Windows PowerShell's `>` writes UTF-16 LE
 * with a byte-order mark, and other tools write UTF-16 BE or UTF-32: decoded by their BOM rather
 * than read as UTF-8 (which would turn every other character into a NUL and reject the file).
 * UTF-16 without a BOM is recognised from the zero bytes of ASCII text. The BOM is removed.
 */

export type TextEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'utf-32le' | 'utf-32be';

/** How many leading bytes the BOM-less UTF-16 guess looks at. */
const SNIFF_BYTES = 512;

export function detectEncoding(bytes: Uint8Array): { encoding: TextEncoding; bomLength: number } {
  const [b0, b1, b2, b3] = [bytes[0], bytes[1], bytes[2], bytes[3]];
  if (b0 === 0xef && b1 === 0xbb && b2 === 0xbf) return { encoding: 'utf-8', bomLength: 3 };
  // UTF-32 LE's BOM starts with UTF-16 LE's: test it first.
  if (b0 === 0xff && b1 === 0xfe && b2 === 0 && b3 === 0) return { encoding: 'utf-32le', bomLength: 4 };
  if (b0 === 0 && b1 === 0 && b2 === 0xfe && b3 === 0xff) return { encoding: 'utf-32be', bomLength: 4 };
  if (b0 === 0xff && b1 === 0xfe) return { encoding: 'utf-16le', bomLength: 2 };
  if (b0 === 0xfe && b1 === 0xff) return { encoding: 'utf-16be', bomLength: 2 };
  return { encoding: guessBomless(bytes), bomLength: 0 };
}

/**
 * JSON, CSV and YAML exports start with ASCII (`{`, `[`, a header, whitespace): in BOM-less UTF-16
 * every other byte of that prefix is zero, which UTF-8 text never has.
 */
function guessBomless(bytes: Uint8Array): TextEncoding {
  const n = Math.min(bytes.length, SNIFF_BYTES) & ~1;
  if (n < 2) return 'utf-8';
  let evenZero = 0;
  let oddZero = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenZero++;
    if (bytes[i + 1] === 0) oddZero++;
  }
  // UTF-8 text has no zero bytes at all; mostly-ASCII UTF-16 has one in most pairs, on one side.
  const pairs = n / 2;
  if (evenZero === 0 && oddZero * 2 >= pairs) return 'utf-16le';
  if (oddZero === 0 && evenZero * 2 >= pairs) return 'utf-16be';
  return 'utf-8';
}

/** Decode file bytes by BOM (or the UTF-16 guess); invalid sequences become U+FFFD, never an exception. */
export function decodeText(bytes: Uint8Array): string {
  const { encoding, bomLength } = detectEncoding(bytes);
  const body = bytes.subarray(bomLength);
  if (encoding === 'utf-32le' || encoding === 'utf-32be') return decodeUtf32(body, encoding === 'utf-32le');
  return new TextDecoder(encoding).decode(body);
}

/** TextDecoder has no UTF-32: code points are read four bytes at a time. */
function decodeUtf32(bytes: Uint8Array, littleEndian: boolean): string {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const parts: string[] = [];
  const chunk: number[] = [];
  for (let i = 0; i + 4 <= bytes.length; i += 4) {
    const cp = view.getUint32(i, littleEndian);
    chunk.push(cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff) ? 0xfffd : cp);
    if (chunk.length === 8192) {
      parts.push(String.fromCodePoint(...chunk));
      chunk.length = 0;
    }
  }
  if (bytes.length % 4 !== 0) chunk.push(0xfffd);
  parts.push(String.fromCodePoint(...chunk));
  return parts.join('');
}
