/**
 * A compiled statement keeps its literal actions in a Set and scans only the wildcard ones: it
 * must name exactly the actions a scan of every pattern names, whatever the patterns hold.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { compilePolicy, namesAction } from './compile';
import { globMatch } from './wildcard';
import { LITERAL_STAR } from '../../../io/glob';

const statementOf = (key: 'Action' | 'NotAction', patterns: string[]) => {
  const policy = compilePolicy('p', 'p', { Version: '2012-10-17', Statement: [{ Effect: 'Allow', [key]: patterns, Resource: '*' }] });
  return policy!.statements[0]!;
};
const byScan = (patterns: string[], action: string) => patterns.some((p) => globMatch(p.toLowerCase(), action, true));

describe('namesAction', () => {
  it.each([
    [['s3:GetObject'], 's3:getobject', true],
    [['S3:GetObject'], 's3:getobject', true],
    [['s3:GetObject'], 's3:getobjectacl', false],
    [['s3:Get*'], 's3:getobjectacl', true],
    [['s3:GetObjec?'], 's3:getobject', true],
    [['iam:*', 'sts:AssumeRole'], 'sts:assumerole', true],
    [['*'], 'kms:decrypt', true],
    [[`s3:Get${LITERAL_STAR}`], 's3:get*', true],
    [[`s3:Get${LITERAL_STAR}`], 's3:getobject', false],
  ])('Action %j names %s: %s', (patterns, action, expected) => {
    expect(namesAction(statementOf('Action', patterns), action)).toBe(expected);
    expect(namesAction(statementOf('NotAction', patterns), action)).toBe(!expected);
  });

  it('names what a scan of every pattern names, for any patterns and action', () => {
    const char = fc.constantFrom('a', 'b', ':', '*', '?', LITERAL_STAR, 'A');
    const text = fc.array(char, { maxLength: 6 }).map((cs) => cs.join(''));
    fc.assert(
      fc.property(fc.array(text, { minLength: 1, maxLength: 4 }), text, (patterns, raw) => {
        const action = raw.toLowerCase();
        return namesAction(statementOf('Action', patterns), action) === byScan(patterns, action) && namesAction(statementOf('NotAction', patterns), action) === !byScan(patterns, action);
      }),
      { numRuns: 3000 },
    );
  });
});
