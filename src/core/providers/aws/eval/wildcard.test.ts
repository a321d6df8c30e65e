/**
 * IAM's use of the shared glob (io/glob.test.ts has the semantics and the adversarial patterns):
 * `?` is a wildcard, `${*}` / `${?}` as substituted are literal, and case is ignored when asked.
 */
import { describe, expect, it } from 'vitest';
import { globMatch } from './wildcard';
import { substituteVariables } from './variables';
import type { RequestContext } from './context';

describe('globMatch (IAM)', () => {
  it('reads `?` as one character', () => {
    expect(globMatch('arn:aws:s3:::da?a/*', 'arn:aws:s3:::data/k')).toBe(true);
    expect(globMatch('a?c', 'ac')).toBe(false);
  });

  it('reads substituted `${*}` and `${?}` as literal characters', () => {
    const ctx: RequestContext = { values: new Map(), absent: new Set(), completePrefixes: [] };
    expect(globMatch(substituteVariables('x${*}', ctx)!, 'x*')).toBe(true);
    expect(globMatch(substituteVariables('x${*}', ctx)!, 'xy')).toBe(false);
    expect(globMatch(substituteVariables('x${?}', ctx)!, 'x?')).toBe(true);
    expect(globMatch(substituteVariables('x${?}', ctx)!, 'xy')).toBe(false);
  });

  it('ignores case when asked', () => {
    expect(globMatch('S3:Get*', 's3:getobject', true)).toBe(true);
    expect(globMatch('S3:Get*', 's3:getobject')).toBe(false);
    expect(globMatch('IAM:PassRole', 'iam:passrole', true)).toBe(true);
  });

  it('stays linear when ignoring case', () => {
    const started = performance.now();
    expect(globMatch('*A*A*A*A*A*A*A*A*A*A*A*A*A*A*A*A*A*A*A*AZ', 'a'.repeat(10_000), true)).toBe(false);
    expect(performance.now() - started).toBeLessThan(2000);
  });
});
