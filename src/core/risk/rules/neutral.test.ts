/**
 * The provider-neutral rules over fixtures/risk/neutral (AWS exports written for this test, judged
 * as of 2026-11-30): each rule fires on its subject, and its near miss does not.
 */
import { describe, expect, it } from 'vitest';
import { ImportSession } from '../../graph/session';
import { analyze } from '../../analysis/analysis';
import { repoFile } from '../../test-support/public-corpus';
import { assessRisk } from '../assess';
import type { RiskConfig } from '../types';

const A = '444455556666';
const AS_OF = Date.parse('2026-11-30T23:59:59Z');
const FILES = ['iam-get-account-authorization-details.json', 'credential-report.csv', 'secretsmanager-list-secrets.json'];
const user = (n: string) => `arn:aws:iam::${A}:user/${n}`;
const role = (n: string, path = '/') => `arn:aws:iam::${A}:role${path}${n}`;
const secret = (n: string) => `arn:aws:secretsmanager:eu-west-1:${A}:secret:${n}`;
const SSO = role('AWSReservedSSO_AdministratorAccess_0a1b2c3d4e5f6a7b', '/aws-reserved/sso.amazonaws.com/');

async function assess(config: Partial<RiskConfig> = {}) {
  const s = new ImportSession();
  s.addFiles(FILES.map((f) => repoFile(`risk/neutral/${f}`)));
  expect(s.files.map((f) => f.status)).toEqual(['imported', 'imported', 'imported']);
  const a = await analyze(s.graph, { asOf: AS_OF });
  return assessRisk(a, { manyReaders: 2, ...config });
}

const has = (r: Awaited<ReturnType<typeof assess>>, rule: string, subject: string) => r.findings.find((f) => f.rule === rule && f.subject === subject);

describe('provider-neutral NHI rules', async () => {
  const r = await assess();
  // [rule, subject that fires (severity), near miss that must not fire]
  const table: [string, string, string, string][] = [
    // 2025-10-01 is 425 days before the as-of date: past "very old" (365): high.
    ['nhi.credential-old', `${user('svc-builder')}#access-key-1`, 'high', `${user('svc-fresh')}#access-key-1`], // near miss: 29 days old
    ['nhi.credential-old', `${user('svc-idle')}#access-key-1`, 'medium', `${user('svc-builder')}#access-key-2`], // near miss: inactive since 2020
    ['nhi.credential-unused', `${user('svc-idle')}#access-key-1`, 'medium', `${user('svc-builder')}#access-key-1`], // near miss: used 10 days ago
    ['nhi.credential-never-used', `${user('svc-never')}#access-key-1`, 'medium', `${user('svc-fresh')}#access-key-1`],
    // A person's 914-day-old key: humans get no NHI findings.
    ['nhi.credential-old', `${user('svc-never')}#access-key-1`, 'medium', `${user('dana.meyer')}#access-key-1`],
    ['nhi.no-owner', user('svc-fresh'), 'low', user('svc-idle')], // near miss: "Owner" tag (case ignored)
    ['nhi.no-owner', user('svc-fresh'), 'low', role('worker-role')], // near miss: "OWNER" tag
    ['nhi.identity-unused', role('app-role'), 'medium', role('worker-role')], // near miss: used 10 days ago
    ['nhi.admin', role('deploy-admin'), 'high', SSO], // near miss: IAM Identity Center role = human access
    ['nhi.secret-rotation-overdue', secret('app/overdue-AbC123'), 'medium', secret('app/rotated-JkL012')],
    ['nhi.secret-unrotated', secret('app/very-old-DeF456'), 'medium', secret('app/rotated-JkL012')],
    ['nhi.secret-unrotated', secret('app/old-GhI789'), 'low', secret('app/overdue-AbC123')], // near miss: rotation on (overdue instead)
    ['nhi.secret-many-readers', secret('app/overdue-AbC123'), 'medium', secret('app/old-GhI789')], // near miss: only admins read it
  ];
  it.each(table)('%s fires on %s (%s) and not on its near miss %s', (rule, subject, severity, miss) => {
    const f = has(r, rule, subject);
    expect(f, `${rule} on ${subject}`).toBeDefined();
    expect(f!.severity).toBe(severity);
    expect(f!.evidence.length).toBeGreaterThan(0);
    expect(f!.asOf).toBe('2026-11-30T23:59:59.000Z');
    expect(has(r, rule, miss), `${rule} must not fire on ${miss}`).toBeUndefined();
  });

  it('cites the record of the credential report and the GAAD', () => {
    expect(has(r, 'nhi.credential-old', `${user('svc-builder')}#access-key-1`)!.evidence[0]).toMatchObject({ file: 'credential-report.csv' });
    expect(has(r, 'nhi.identity-unused', role('app-role'))!.evidence[0]).toMatchObject({ file: 'iam-get-account-authorization-details.json', location: 'RoleDetailList[0]' });
  });

  it('never reports an NHI finding on a human, and a credential finding counts for its holder', () => {
    const humans = new Set(r.classification.filter((c) => c.nature === 'human').map((c) => c.id));
    expect(humans).toEqual(new Set([user('dana.meyer'), SSO]));
    expect(r.findings.filter((f) => humans.has(f.identity) || humans.has(f.subject))).toEqual([]);
    expect(has(r, 'nhi.credential-old', `${user('svc-builder')}#access-key-1`)!.identity).toBe(user('svc-builder'));
  });

  it('ranks a finding on an administrator above the same severity on an identity that reaches nothing', () => {
    const admin = r.ranking.find((x) => x.id === role('deploy-admin'))!;
    const fresh = r.ranking.find((x) => x.id === user('svc-fresh'))!;
    expect(admin.blastScore).toBe(100);
    expect(admin.risk).toBeGreaterThan(fresh.risk);
    // One high finding, blast 100: 60 x (0.25 + 0.75) = 60.
    expect(admin.risk).toBe(60);
    expect(r.findings[0]!.severity).toBe('high');
  });

  it('follows the thresholds and the analyst\'s classification', async () => {
    const r2 = await assess({ staleDays: 200, veryOldDays: 500, ownerKeys: ['team'], overrides: { [user('dana.meyer')]: 'non-human', [user('svc-fresh')]: 'human' } });
    expect(has(r2, 'nhi.credential-old', `${user('svc-idle')}#access-key-1`)).toBeUndefined(); // 133 days < 200
    expect(has(r2, 'nhi.credential-old', `${user('svc-builder')}#access-key-1`)!.severity).toBe('medium'); // 425 < 500
    expect(has(r2, 'nhi.credential-old', `${user('dana.meyer')}#access-key-1`)!.severity).toBe('high'); // 914 days, now an NHI
    expect(has(r2, 'nhi.no-owner', user('svc-fresh'))).toBeUndefined(); // a human now
    expect(has(r2, 'nhi.no-owner', user('svc-idle'))).toBeDefined(); // "Owner" is not "team"
    expect(r2.classification.find((c) => c.id === user('dana.meyer'))).toMatchObject({ nature: 'non-human', overridden: true });
  });

  it('counts the neutral metrics by hand', () => {
    // identities: 5 users + 4 roles = 9; humans: dana.meyer and the SSO role = 2; NHIs 7;
    // without owner: svc-fresh only (every role but the SSO one is tagged; the SSO role is human).
    expect(r.metrics.all).toMatchObject({ identitiesTotal: 9, humans: 2, nhiTotal: 7, nhiWithoutOwner: 1, findingsTotal: r.findings.length });
  });
});
