/**
 * AWS metrics of the risk fixture, each computed by hand from fixtures/risk/aws at the as-of date
 * 2026-11-30 (ages in whole days before it).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Analysis } from '../../../analysis/analysis';
import { assessRisk } from '../../../risk/assess';
import { riskFixture } from './fixture.test-support';

const EXPECTED = {
  // Users (gaad.json, 11): alice@example.com, bob, carol, dave, svc-reporting, jenkins,
  // ci-deployer, backup-sync, etl-loader, admin-bot, monitoring-api.
  usersTotal: 11,
  // alice (password + MFA), bob (group developers), carol (password, no MFA), dave (Email tag).
  humanUsers: 4,
  // svc-reporting, jenkins, ci-deployer, backup-sync, admin-bot, monitoring-api (names), etl-loader (keys only).
  serviceUsers: 7,
  // Roles: 11 in account 111111111111 + ops-from-main in 222222222222.
  rolesTotal: 12,
  // AWSReservedSSO_AdministratorAccess_... and saml-analysts.
  humanFederatedRoles: 2,
  nhiRoles: 10,
  // 7 service users + 10 roles (no instance profiles).
  nhiTotal: 17,
  // Owner tags on svc-reporting, ci-deployer, ec2-app (key "Owner": case does not matter),
  // gh-deploy-main; partner-sync's owner tag is empty and does not count. 17 - 4.
  nhiWithoutOwner: 13,
  // Report slots in use: alice 1, bob 2, svc-reporting 1, ci-deployer 2, backup-sync 2 (one
  // inactive), etl-loader 1, admin-bot 1, monitoring-api 1 = 11. list-access-keys describes
  // ci-deployer's two again (same creation times): not counted twice.
  accessKeysTotal: 11,
  // All but backup-sync's key 2.
  accessKeysActive: 10,
  // Active keys by age: alice 1055, bob 684 and 302, svc-reporting 60, ci-deployer 546 and 75,
  // backup-sync 274, etl-loader 213, admin-bot 121, monitoring-api 10. Over 90: 7.
  accessKeysOlderThan90d: 7,
  // Over 365: alice, bob's first, ci-deployer's first (backup-sync's 2022 key is inactive).
  accessKeysOlderThan365d: 3,
  // backup-sync's key 1 last used 2026-06-01 (182 days); etl-loader's never used in 213 days.
  // monitoring-api's was never used but is 10 days old.
  accessKeysUnused90d: 2,
  // etl-loader, monitoring-api.
  accessKeysNeverUsed: 2,
  // bob and ci-deployer (backup-sync's second key is inactive).
  usersWithTwoActiveKeys: 2,
  // carol, svc-reporting, jenkins (alice has MFA).
  consoleUsersWithoutMfa: 3,
  // svc-reporting, jenkins.
  serviceUsersWithConsolePassword: 2,
  // RoleLastUsed {}: the SSO role, public-role, partner-sync, gh-no-sub.
  rolesUnusedInTrackingWindow: 4,
  // public-role ("AWS": "*", no condition); org-wide-reader pins aws:PrincipalOrgID.
  rolesTrustingAnyPrincipal: 1,
  // partner-sync (444455556666); vendor-audit has sts:ExternalId; 222222222222 is in the import.
  rolesThirdPartyTrustWithoutExternalId: 1,
  // list-secrets.json: prod/db, prod/api-key, legacy/token.
  secretsTotal: 3,
  secretsRotationEnabled: 2,
  // 100 x 2 / 3 = 66.67, one decimal.
  secretRotationCoveragePct: 66.7,
  // prod/api-key: rotated 2026-09-01 every 30 days, due 2026-10-01. prod/db is due 2026-12-15.
  secretsRotationOverdue: 1,
  // legacy/token: last changed 2024-06-01, 912 days.
  secretsNotChanged365d: 1,
};

describe('AWS metrics of the risk fixture', () => {
  let a: Analysis;
  beforeAll(async () => {
    a = await riskFixture();
  }, 60_000);

  it('are exactly the hand-computed figures', () => {
    expect(assessRisk(a).metrics.aws).toEqual(EXPECTED);
  });

  it('use the configured thresholds under the default names', () => {
    // staleDays 200: over 200 are alice, bob's two (684, 302), ci-deployer's first, backup-sync
    // 274, etl-loader 213 = 6; unused past 200: etl-loader (never used, 213) only.
    // veryOldDays 600: alice 1055, bob 684 (ci-deployer's 546 no longer); legacy/token's 912 days still are.
    const m = assessRisk(a, { staleDays: 200, veryOldDays: 600 }).metrics.aws!;
    expect(m).toMatchObject({ accessKeysOlderThan90d: 6, accessKeysOlderThan365d: 2, accessKeysUnused90d: 1, secretsNotChanged365d: 1 });
  });

  it('an analyst override moves a user between the counts', () => {
    const m = assessRisk(a, { overrides: { 'arn:aws:iam::111111111111:user/carol': 'non-human' } }).metrics.aws!;
    // carol: human → service user with a console password, and an NHI without owner.
    expect(m).toMatchObject({ humanUsers: 3, serviceUsers: 8, serviceUsersWithConsolePassword: 3, nhiTotal: 18, nhiWithoutOwner: 14 });
  });
});
