/** Access keys counted once across the credential report and list-access-keys; two active keys. */
import { describe, expect, it } from 'vitest';
import { analyze } from '../../../analysis/analysis';
import { assessRisk } from '../../../risk/assess';
import { AccountBuilder, arnOf } from '../test-support/account-builder';
import { accessKeys, keyLabel } from './keys';
import { RISK_AS_OF, riskFixture, userArn } from './fixture.test-support';

const HEADER = 'user,arn,user_creation_time,password_enabled,password_last_used,password_last_changed,password_next_rotation,mfa_active,access_key_1_active,access_key_1_last_rotated,access_key_1_last_used_date,access_key_1_last_used_region,access_key_1_last_used_service,access_key_2_active,access_key_2_last_rotated,access_key_2_last_used_date,access_key_2_last_used_region,access_key_2_last_used_service,cert_1_active,cert_1_last_rotated,cert_2_active,cert_2_last_rotated';
/** One report row of user `name` with two keys, each `active,rotated,used,region,service`. */
const report = (name: string, k1: string, k2: string) => `${HEADER}\n${name},${arnOf('user', name)},2024-01-01T00:00:00+00:00,false,N/A,N/A,N/A,false,${k1},${k2},false,N/A,false,N/A\n`;
const listed = (name: string, ...keys: [string, string][]) => ({ AccessKeyMetadata: keys.map(([AccessKeyId, CreateDate]) => ({ UserName: name, AccessKeyId, Status: 'Active', CreateDate })) });

describe('access keys', () => {
  it('joins a listed key to the report slot created at the same second, and keeps an unmatched one apart', async () => {
    const s = new AccountBuilder()
      .user('svc-a')
      .file('report.csv', report('svc-a', 'true,2026-01-01T10:00:00+00:00,2026-11-29T00:00:00+00:00,us-east-1,s3', 'false,N/A,N/A,N/A,N/A'))
      .file('keys.json', listed('svc-a', ['AKIAJOINED0000000001', '2026-01-01T10:00:00.400Z'], ['AKIANEWER00000000002', '2026-11-28T00:00:00Z']))
      .session();
    const keys = accessKeys(s.graph).sort((x, y) => (x.issued ?? 0) - (y.issued ?? 0));
    expect(keys.map((k) => [keyLabel(k), k.ids.length, k.lastUsed !== undefined, k.holder])).toEqual([
      ['AKIAJOINED0000000001', 2, true, arnOf('user', 'svc-a')],
      ['AKIANEWER00000000002', 1, false, arnOf('user', 'svc-a')],
    ]);
  });

  it('the fixture has 11 keys, not 13: both of ci-deployer\'s are in both exports', async () => {
    const keys = accessKeys((await riskFixture()).graph);
    expect(keys).toHaveLength(11);
    const ci = keys.filter((k) => k.holder === userArn('ci-deployer'));
    expect(ci.map((k) => [k.keyId, k.ids.length, k.service, k.region])).toEqual([
      ['AKIACIDEPLOYER000001', 2, 's3', 'us-east-1'],
      ['AKIACIDEPLOYER000002', 2, 'ec2', 'eu-west-1'],
    ]);
  });

  it.each([
    ['used from the same service and region', 'true,2026-10-01T00:00:00+00:00,2026-11-29T00:00:00+00:00,us-east-1,s3', 'true,2026-11-01T00:00:00+00:00,2026-11-28T00:00:00+00:00,us-east-1,s3', 'medium'],
    ['never used (N/A is no service)', 'true,2026-10-01T00:00:00+00:00,N/A,N/A,N/A', 'true,2026-11-01T00:00:00+00:00,N/A,N/A,N/A', 'medium'],
    ['used from two regions', 'true,2026-10-01T00:00:00+00:00,2026-11-29T00:00:00+00:00,us-east-1,s3', 'true,2026-11-01T00:00:00+00:00,2026-11-28T00:00:00+00:00,eu-west-1,s3', 'high'],
    ['one of them inactive', 'true,2026-10-01T00:00:00+00:00,2026-11-29T00:00:00+00:00,us-east-1,s3', 'false,2026-11-01T00:00:00+00:00,2026-11-28T00:00:00+00:00,eu-west-1,ec2', undefined],
  ])('two keys %s → %s', async (_name, k1, k2, severity) => {
    const s = new AccountBuilder().user('svc-a').file('report.csv', report('svc-a', k1, k2)).session();
    const r = assessRisk(await analyze(s.graph, { asOf: RISK_AS_OF }));
    expect(r.findings.find((f) => f.rule === 'aws.two-active-keys')?.severity).toBe(severity);
  });
});
