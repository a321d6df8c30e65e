/** Age judgements against the analysis date: rule by rule, then the demo judged at two dates. */
import { describe, expect, it } from 'vitest';
import { ageReport, judgeAge } from './lifecycle';
import { ImportSession } from '../graph/session';
import { demoFiles } from '../test-support/public-corpus';
import { snapshotOf } from '../graph/snapshot';

const AS_OF = Date.UTC(2026, 10, 22, 8);

describe('judgeAge', () => {
  it.each([
    ['fresh active key', 'accessKey', { active: true, lastRotated: '2026-10-01T00:00:00Z', lastUsed: '2026-11-21T00:00:00Z' }, []],
    ['key unrotated past 90 days', 'accessKey', { active: true, lastRotated: '2026-08-01T00:00:00Z', lastUsed: '2026-11-21T00:00:00Z' }, ['unrotated']],
    ['key unused past 90 days', 'accessKey', { active: true, lastRotated: '2026-10-01T00:00:00Z', lastUsed: '2026-07-01T00:00:00Z' }, ['unused']],
    ['key never used for 100 days', 'accessKey', { active: true, created: '2026-08-14T00:00:00Z', usageTracked: true }, ['unrotated', 'never-used']],
    ['key whose export records no use (a GCP key list): old, not "never used"', 'gcp.serviceAccountKey', { active: true, created: '2026-08-14T00:00:00Z' }, ['unrotated']],
    ['inactive key: nothing to judge', 'accessKey', { active: false, lastRotated: '2019-01-01T00:00:00Z' }, null],
    ['key rotated after the analysis date: not judged on it', 'accessKey', { active: true, lastRotated: '2026-12-01T00:00:00Z' }, null],
    ['password past its rotation date', 'password', { lastChanged: '2026-01-01T00:00:00Z', lastUsed: '2026-11-20T00:00:00Z', nextRotation: '2026-11-01T00:00:00Z' }, ['rotation-overdue']],
    ['secret with rotation on time', 'secret', { rotationEnabled: true, rotationRules: { AutomaticallyAfterDays: 30 }, lastRotated: '2026-11-01T02:00:00Z' }, []],
    ['secret with rotation overdue (interval)', 'secret', { rotationEnabled: true, rotationRules: { AutomaticallyAfterDays: 7 }, lastRotated: '2026-11-01T02:00:00Z' }, ['rotation-overdue']],
    ['secret with rotation overdue (schedule)', 'secret', { rotationEnabled: true, rotationRules: { ScheduleExpression: 'rate(10 days)' }, lastRotated: '2026-11-01T02:00:00Z' }, ['rotation-overdue']],
    ['secret never rotated, unchanged 4 years', 'secret', { rotationEnabled: false, lastChanged: '2022-05-09T08:00:00Z' }, ['unrotated']],
    ['identity provider expired', 'identityProvider', { validUntil: '2026-01-01T00:00:00Z' }, ['expired']],
    ['role used yesterday', 'role', { lastUsedTracked: true, lastUsed: '2026-11-21T00:00:00Z', created: '2020-01-01T00:00:00Z' }, []],
    ['role with no use in the tracking window', 'role', { lastUsedTracked: true, created: '2020-01-01T00:00:00Z' }, ['dormant']],
    ['role without RoleLastUsed in the export: unknown', 'role', { created: '2020-01-01T00:00:00Z' }, null],
  ])('%s', (_name, kind, attrs, issues) => {
    const j = judgeAge(kind, attrs, AS_OF);
    if (issues === null) expect(j).toBeUndefined();
    else expect(j?.issues).toEqual(issues);
  });

  it('states days and dates in its reasons', () => {
    const j = judgeAge('accessKey', { active: true, lastRotated: '2019-06-03T11:26:00Z', lastUsed: '2026-11-21T23:10:00Z' }, AS_OF);
    expect(j?.reasons).toEqual(['not rotated for 2,728 days (threshold 90)']);
    expect(j?.ageDays).toBe(2728);
  });
});

describe('the demo judged at two analysis dates', () => {
  const session = new ImportSession();
  session.addFiles(demoFiles());
  const nodes = snapshotOf(session).nodes;
  const issuesAt = (asOf: number) => new Map(ageReport(nodes, asOf).entries.map((e) => [e.name, e.issues.join(',')]));

  it('differs exactly as the dates say', () => {
    const exported = issuesAt(Date.UTC(2026, 10, 22, 8, 5));
    const later = issuesAt(Date.UTC(2026, 11, 15));
    const changed = [...new Set([...exported.keys(), ...later.keys()])].filter((k) => exported.get(k) !== later.get(k)).map((k) => [k, exported.get(k) ?? '', later.get(k) ?? '']);
    expect(changed.sort()).toEqual([
      // Rotated 2026-09-01: 82 days at the export, 105 on 15 December.
      ['svc-backup access key 1', '', 'unrotated'],
      // Rotation every 30 days, last 2026-11-01: due 2026-12-01.
      ['prod/api/postgres', '', 'rotation-overdue'],
      // NextRotationDate 2026-11-22T23:59:59, after the export was taken.
      ['rds!cluster-5d3b6a1c-8e2f-4c7a-9b1d-0a6e4f2c8d91', '', 'rotation-overdue'],
    ].sort());
  });

  it('sees the same stale keys at the export date whatever today is', () => {
    const stale = ageReport(nodes, Date.UTC(2026, 10, 22, 8, 5)).entries.filter((e) => e.kind === 'accessKey').map((e) => e.name).sort();
    expect(stale).toEqual(['bruno.diaz access key 1', 'eve.contractor access key 1', 'svc-grafana access key 1', 'svc-jenkins-deploy access key 1', 'svc-terraform access key 1', 'svc-terraform access key 2']);
  });
});
