/** IAM wildcard matching: the semantics, and linear behaviour on the patterns that make a RegExp backtrack. */
import { describe, expect, it } from 'vitest';
import { globMatch } from './wildcard';
import { LITERAL_QMARK, LITERAL_STAR } from './variables';

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
    ['a?c', 'abc', true],
    ['a?c', 'ac', false],
    ['??', 'ab', true],
    ['??', 'abc', false],
    ['*?', '', false],
    ['*a*b*c', 'xaxbxc', true],
    ['*a*b*c', 'xaxcxb', false],
    ['arn:aws:s3:::bucket/*', 'arn:aws:s3:::bucket/a/b:c', true],
    ['arn:aws:iam::*:role/*', 'arn:aws:iam::111122223333:role/x', true],
    ['a**b', 'ab', true],
    ['.+^$()[]{}|\\', '.+^$()[]{}|\\', true],
    [`x${LITERAL_STAR}`, 'x*', true],
    [`x${LITERAL_STAR}`, 'xy', false],
    [`x${LITERAL_QMARK}`, 'x?', true],
    [`x${LITERAL_QMARK}`, 'xy', false],
    [`x${LITERAL_STAR}`, `x${LITERAL_STAR}`, false],
  ])('%j against %j: %s', (pattern, value, expected) => {
    expect(globMatch(pattern, value)).toBe(expected);
  });

  it('ignores case when asked', () => {
    expect(globMatch('S3:Get*', 's3:getobject', true)).toBe(true);
    expect(globMatch('S3:Get*', 's3:getobject')).toBe(false);
    expect(globMatch('IAM:PassRole', 'iam:passrole', true)).toBe(true);
  });

  const long = 'a'.repeat(10_000);
  it.each([
    ['arn:aws:iam::*a*a*a*a*a*a*a*a*z', `arn:aws:iam::${long}`, false],
    ['*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*aZ', long, false],
    [`${'*?'.repeat(40)}Q`, 'x'.repeat(10_000), false],
    [`*${'a'.repeat(50)}b`, long, false],
    [`${'*a'.repeat(30)}*`, long, true],
  ])('adversarial %j against a 10,000-character name finishes at once', (pattern, value, expected) => {
    const started = performance.now();
    expect(globMatch(pattern, value)).toBe(expected);
    expect(globMatch(pattern, value, true)).toBe(expected);
    // Generous: this is about exponential vs linear, not a benchmark (milliseconds in practice).
    expect(performance.now() - started).toBeLessThan(2000);
  });
});
