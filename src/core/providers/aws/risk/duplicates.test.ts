/**
 * A key described by both the credential report and list-access-keys is judged once by the
 * neutral rules, on the report's node (which knows its use): no second "old" finding, and no
 * "never used" from the listing, which carries no use at all.
 */
import { describe, expect, it } from 'vitest';
import { assessRisk } from '../../../risk/assess';
import { riskFixture, userArn } from './fixture.test-support';

describe('one key, two exports', () => {
  it('is judged once, on the credential report slot', async () => {
    const r = assessRisk(await riskFixture());
    const ci = r.findings.filter((f) => f.identity === userArn('ci-deployer') && f.rule.startsWith('nhi.credential'));
    expect(ci.map((f) => f.subject).every((s) => s.startsWith(`${userArn('ci-deployer')}#access-key-`))).toBe(true);
    expect(ci.filter((f) => f.rule === 'nhi.credential-old').map((f) => f.subject)).toEqual([`${userArn('ci-deployer')}#access-key-1`]);
    expect(ci.some((f) => f.rule === 'nhi.credential-never-used')).toBe(false);
  });
});
