import { describe, expect, it } from 'vitest';
import * as fc from 'fast-check';
import { accountOf, arnName, isArn, parseArn } from './arn';
import { checkPolicy, normalizePolicy } from './policy-document';

/** The ARN reading the importers used before it was written without split(). */
function splitParse(s: string) {
  if (!s.startsWith('arn:')) return undefined;
  const parts = s.split(':');
  if (parts.length < 6) return undefined;
  return { partition: parts[1]!, service: parts[2]!, region: parts[3]!, account: parts[4]!, resource: parts.slice(5).join(':') };
}
function splitName(arn: string): string {
  const a = splitParse(arn);
  if (!a) return arn;
  const r = a.resource;
  if (a.service === 'sts' && r.startsWith('assumed-role/')) return r.slice('assumed-role/'.length);
  if (a.service === 'secretsmanager' && r.startsWith('secret:')) return r.slice('secret:'.length);
  const slash = r.lastIndexOf('/');
  return slash >= 0 ? r.slice(slash + 1) : r;
}

describe('ARN helpers', () => {
  it('read every string as the split-based reader did', () => {
    const piece = fc.constantFrom('arn', ':', 'aws', 'iam', 'sts', 's3', 'secretsmanager', '123456789012', '', '/', 'role/', 'assumed-role/', 'secret:', 'a/b', 'x');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 12 }), (pieces) => {
        const s = pieces.join('');
        const expected = splitParse(s);
        expect(parseArn(s)).toEqual(expected);
        expect(isArn(s)).toBe(expected !== undefined);
        expect(accountOf(s)).toBe(expected && expected.account ? expected.account : undefined);
        expect(arnName(s)).toBe(splitName(s));
      }),
      { seed: 3, numRuns: 5000 },
    );
    expect(arnName('arn:aws:sts::1:assumed-role/R/session')).toBe('R/session');
    expect(arnName('arn:a/b:iam::1:user')).toBe('user');
  });
});

describe('checkPolicy', () => {
  it('finds the problems normalizePolicy finds, and keeps the same document', () => {
    const value = fc.oneof(fc.constantFrom('*', 'Allow', 'Deny', 'allow', 's3:*', '', 5, null, true), fc.array(fc.constantFrom('s3:*', 'x', 5, ''), { maxLength: 3 }));
    const statement = fc.dictionary(fc.constantFrom('Sid', 'Effect', 'Action', 'NotAction', 'Resource', 'NotResource', 'Principal', 'NotPrincipal', 'Condition'), fc.oneof(value, fc.constant({ AWS: '*' }), fc.constant({ Bool: { 'aws:SecureTransport': 'false' } }), fc.constant({ Nope: 'x' })), { maxKeys: 6 });
    const doc = fc.oneof(fc.record({ Version: fc.constant('2012-10-17'), Statement: fc.oneof(statement, fc.array(statement, { maxLength: 4 }), value) }), value);
    fc.assert(
      fc.property(doc, fc.boolean(), (d, asText) => {
        const input = asText ? JSON.stringify(d) : d;
        const full = normalizePolicy(input);
        const checked = checkPolicy(input);
        if (!full.ok) expect(checked).toEqual(full);
        else expect(checked).toEqual({ ok: true, raw: full.raw, problems: full.problems });
      }),
      { seed: 9, numRuns: 3000 },
    );
  });
});
