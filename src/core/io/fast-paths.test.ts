/**
 * The import's fast paths give exactly what the general code they stand in for gives: the walk
 * that proves a parsed file clean, the plain-timestamp reader, the row-at-a-time CSV reader.
 */
import { describe, expect, it } from 'vitest';
import * as fc from 'fast-check';
import { cleanParsed, needsCleaning } from './clean';
import { limitDepth, MAX_DATA_DEPTH } from './depth';
import { isSecretKey, scrubSecrets } from './scrub-secrets';
import { isoTimestamp, parseTimestamp, toIso } from './time';
import { forEachCsvRow, parseCsv } from './csv';

/** Data as JSON.parse makes it, with secret keys (in any case) and some depth. */
const jsonish: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof({ maxDepth: 6 }, fc.constantFrom(null, true, false, '', 'x', 0, 7), tie('list'), tie('record')),
  list: fc.array(tie('value'), { maxLength: 4 }),
  record: fc.dictionary(fc.constantFrom('Arn', 'UserName', 'Password', 'PASSWORD', 'token', 'SecretString', 'secret_id', 'Tags', 'client_secret', 'PrivateKey', '__proto__'), tie('value'), { maxKeys: 5 }),
})).value;

/** The two reporting walks, as import-file ran them before. */
function twoWalks(doc: unknown, maxDepth: number) {
  const cut = limitDepth(doc, maxDepth, '');
  return { cut, scrub: scrubSecrets(doc, '') };
}

describe('cleanParsed', () => {
  it('cuts, drops and reports exactly what the two walks do', () => {
    fc.assert(
      fc.property(jsonish, fc.integer({ min: 1, max: 6 }), (value, maxDepth) => {
        const text = JSON.stringify(value) ?? 'null';
        const a = JSON.parse(text);
        const b = JSON.parse(text);
        expect(cleanParsed(a, maxDepth, '')).toEqual(twoWalks(b, maxDepth));
        expect(JSON.stringify(a)).toBe(JSON.stringify(b));
      }),
      { seed: 20261202, numRuns: 3000 },
    );
  });

  it('finds a secret under any key case, at any depth, and depth beyond the limit', () => {
    expect(needsCleaning(JSON.parse('{"a":[{"b":{"SessionTOKEN":"x"}}]}'), MAX_DATA_DEPTH)).toBe(true);
    expect(needsCleaning(JSON.parse('{"a":[{"b":{"password":{"nested":1}}}]}'), MAX_DATA_DEPTH)).toBe(true);
    expect(needsCleaning(JSON.parse('{"Password":"","token":null,"SecretString":false}'), MAX_DATA_DEPTH)).toBe(false);
    expect(needsCleaning(JSON.parse(`${'['.repeat(300)}${']'.repeat(300)}`), MAX_DATA_DEPTH)).toBe(true);
    expect(needsCleaning(JSON.parse(`${'['.repeat(256)}${']'.repeat(256)}`), MAX_DATA_DEPTH)).toBe(false);
  });
});

describe('isSecretKey', () => {
  it('agrees with the case-insensitive list, Unicode case folding included', () => {
    const list = new Set(['secretstring', 'secretbinary', 'secretaccesskey', 'sessiontoken', 'privatekey', 'password', 'secrettext', 'privatekeydata', 'client_secret', 'clientsecret', 'token', 'secret_id']);
    // The Kelvin sign lower-cases to "k"; a dotted capital I to two characters.
    for (const key of ['Password', 'PASSWORD', 'pass', 'Token', 'tokens', 'Private\u212Aey', 'Secret_Id', 'PolicyName', 'Statement', '', 'İtoken', '\u212Aey', 'sessionToken'])
      expect(isSecretKey(key), key).toBe(list.has(key.toLowerCase()));
    fc.assert(fc.property(fc.string({ maxLength: 16 }), (key) => isSecretKey(key) === list.has(key.toLowerCase())), { seed: 5, numRuns: 5000 });
  });
});

describe('isoTimestamp', () => {
  const reference = (x: unknown) => toIso(parseTimestamp(x));
  it('is toIso(parseTimestamp(x)) on plain and odd timestamps', () => {
    const odd = ['2020-01-02T03:04:05Z', '2020-01-02 03:04:05+00:00', '2020-01-02T03:04:05', '2024-02-29T23:59:60Z', '2020-02-29T24:00:00Z', '2021-02-29T00:00:00Z', '0099-02-03T04:05:06Z', '0000-01-01T00:00:00Z', '9999-12-31T23:59:59Z', '2020-13-01T00:00:00Z', '2020-01-02T03:04:05z', ' 2020-01-02T03:04:05Z', '2020-01-02T03:04:05+01:00', '2020-01-02T03:04:05.123Z', '1600000000', 1600000000, '2020-01-02', 'N/A', '', undefined, null];
    for (const x of odd) expect(isoTimestamp(x), String(x)).toBe(reference(x));
    const digit = fc.constantFrom(...'0123456789');
    const two = fc.tuple(digit, digit).map((d) => d.join(''));
    const plain = fc.tuple(fc.tuple(two, two).map((d) => d.join('')), two, two, fc.constantFrom('T', ' ', 't'), two, two, two, fc.constantFrom('', 'Z', '+00:00', '-00:00', 'z'));
    fc.assert(fc.property(plain, ([y, mo, d, sep, h, mi, s, tail]) => {
      const x = `${y}-${mo}-${d}${sep}${h}:${mi}:${s}${tail}`;
      expect(isoTimestamp(x)).toBe(reference(x));
    }), { seed: 11, numRuns: 5000 });
  });
});

describe('forEachCsvRow', () => {
  it('gives the rows parseCsv gives, blank lines left out of the count', () => {
    const text = 'a,b\r\n\r\n"x, ""y""",z\n\nlast,"multi\nline"\r\n,\n';
    const rows: [string[], number][] = [];
    forEachCsvRow(text, (row, i) => rows.push([row, i]));
    expect(rows.map(([r]) => r)).toEqual(parseCsv(text));
    expect(rows.map(([, i]) => i)).toEqual([0, 1, 2, 3]);
    expect(parseCsv(text)).toEqual([['a', 'b'], ['x, "y"', 'z'], ['last', 'multi\nline'], ['', '']]);
  });
});
