/** Permission-pattern globs: both syntaxes' semantics, and linear behaviour on the patterns that make a RegExp backtrack. */
import { describe, expect, it } from 'vitest';
import { globMatch, LITERAL_QMARK, LITERAL_STAR, type GlobSyntax } from './glob';

describe('globMatch', () => {
  it.each([
    ['*', '', true],
    ['*', 'anything:at/all', true],
    ['', '', true],
    ['', 'a', false],
    ['abc', 'abc', true],
    ['abc', 'abcd', false],
    ['a*', 'a', true],
    ['a*c', 'abbbc', true],
    ['a*c', 'abbbd', false],
    ['*a*b*c', 'xaxbxc', true],
    ['*a*b*c', 'xaxcxb', false],
    ['arn:aws:s3:::bucket/*', 'arn:aws:s3:::bucket/a/b:c', true],
    ['arn:aws:iam::*:role/*', 'arn:aws:iam::111122223333:role/x', true],
    ['microsoft.authorization/*/write', 'microsoft.authorization/roleassignments/write', true],
    ['*/read', 'microsoft.compute/virtualmachines/write', false],
    ['a**b', 'ab', true],
    ['.+^$()[]{}|\\', '.+^$()[]{}|\\', true],
  ])('%j against %j: %s in either syntax', (pattern, value, expected) => {
    expect(globMatch(pattern, value, 'iam')).toBe(expected);
    expect(globMatch(pattern, value, 'star-only')).toBe(expected);
  });

  it.each([
    ['a?c', 'abc', true],
    ['a?c', 'ac', false],
    ['??', 'ab', true],
    ['??', 'abc', false],
    ['*?', '', false],
    [`x${LITERAL_STAR}`, 'x*', true],
    [`x${LITERAL_STAR}`, 'xy', false],
    [`x${LITERAL_QMARK}`, 'x?', true],
    [`x${LITERAL_QMARK}`, 'xy', false],
    [`x${LITERAL_STAR}`, `x${LITERAL_STAR}`, false],
  ])('iam: %j against %j: %s', (pattern, value, expected) => {
    expect(globMatch(pattern, value, 'iam')).toBe(expected);
  });

  it.each([
    ['a?c', 'abc', false],
    ['a?c', 'a?c', true],
    ['??', 'ab', false],
    [`x${LITERAL_STAR}`, 'x*', false],
    [`x${LITERAL_STAR}`, `x${LITERAL_STAR}`, true],
  ])('star-only: %j against %j: %s (only `*` is special)', (pattern, value, expected) => {
    expect(globMatch(pattern, value, 'star-only')).toBe(expected);
  });

  it('compares case exactly (callers lower-case both sides to ignore it)', () => {
    expect(globMatch('S3:Get*', 's3:getobject', 'iam')).toBe(false);
    expect(globMatch('Microsoft.Compute/*', 'microsoft.compute/x', 'star-only')).toBe(false);
  });

  const long = 'a'.repeat(10_000);
  const adversarial: [string, string, boolean][] = [
    ['arn:aws:iam::*a*a*a*a*a*a*a*a*z', `arn:aws:iam::${long}`, false],
    ['*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*aZ', long, false],
    [`${'*?'.repeat(40)}Q`, 'x'.repeat(10_000), false],
    [`*${'a'.repeat(50)}b`, long, false],
    [`${'*a'.repeat(30)}*`, long, true],
    [`${'*a'.repeat(40)}*b`, 'a'.repeat(20_000), false],
  ];
  it.each((['iam', 'star-only'] as GlobSyntax[]).flatMap((syntax) => adversarial.map(([p, v, e]) => [syntax, p, v, e] as const)))(
    '%s: adversarial %j against a long name finishes at once',
    (syntax, pattern, value, expected) => {
      const started = performance.now();
      expect(globMatch(pattern, value, syntax)).toBe(expected);
      // Generous: this is about exponential vs linear, not a benchmark (milliseconds in practice).
      expect(performance.now() - started).toBeLessThan(2000);
    },
  );
});
