import { describe, expect, it } from 'vitest';
import { attributeLabel, attributeValue, relativeDate } from './attribute-text';

const AS_OF = Date.UTC(2026, 10, 22);

describe('attribute text', () => {
  it.each([
    ['passwordLastUsed', 'Password last used'],
    ['mfaActive', 'MFA active'],
    ['oidcIssuer', 'OIDC issuer'],
    ['kmsKeyId', 'KMS key id'],
    ['publicAccessCidrs', 'Public access CIDRs'],
    ['arn', 'ARN'],
  ])('%s reads "%s"', (key, label) => expect(attributeLabel(key)).toBe(label));

  it.each([
    ['2026-11-21T08:30:00.000Z', '1 day before (2026-11-21)'],
    ['2019-06-03T11:26:00.000Z', '7 years before (2019-06-03)'],
    ['2026-12-31T00:00:00Z', '39 days after (2026-12-31)'],
    ['2026-11-22T00:00:00.000Z', 'on the analysis date (2026-11-22)'],
  ])('%s is %s, against the analysis date', (iso, text) => expect(relativeDate(iso, AS_OF)).toBe(text));

  it('says yes and no, keeps plain strings, lists tags', () => {
    expect(attributeValue('active', true, AS_OF)).toBe('yes');
    expect(attributeValue('path', '/service/', AS_OF)).toBe('/service/');
    expect(attributeValue('tags', [['owner', 'ci']], AS_OF)).toBe('owner = ci');
  });
});
