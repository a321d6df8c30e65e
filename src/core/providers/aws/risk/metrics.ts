/**
 * AWS lifecycle metrics (names in docs/findings.md): counts over the AWS nodes at the as-of date.
 * The key names say 90 and 365 days, the defaults; the thresholds are the configured staleDays and
 * veryOldDays. Access keys are counted once each (keys.ts joins the two exports that list them).
 */
import { judgeAge } from '../../../analysis/lifecycle';
import { daysBefore } from '../../../model/as-of';
import { ownerOf } from '../../../risk/tags';
import type { RiskContext } from '../../../risk/types';
import { hasConsolePassword } from './classify';
import { keysByHolder, keysOf } from './keys';
import { anyPrincipalTrust, foreignTrustsWithoutExternalId, importAccounts } from './trust';

const time = (v: unknown) => (typeof v === 'string' && !Number.isNaN(Date.parse(v)) ? Date.parse(v) : undefined);
const round1 = (x: number) => Math.round(x * 10) / 10;

export function awsMetrics(ctx: RiskContext): Record<string, number> {
  const g = ctx.analysis.graph;
  const { staleDays, veryOldDays } = ctx.config;
  const age = (ms: number | undefined) => (ms !== undefined && ms <= ctx.asOf ? daysBefore(ctx.asOf, ms) : undefined);
  const m = {
    usersTotal: 0, humanUsers: 0, serviceUsers: 0, rolesTotal: 0, humanFederatedRoles: 0, nhiRoles: 0, nhiTotal: 0, nhiWithoutOwner: 0,
    accessKeysTotal: 0, accessKeysActive: 0, accessKeysOlderThan90d: 0, accessKeysOlderThan365d: 0, accessKeysUnused90d: 0, accessKeysNeverUsed: 0,
    usersWithTwoActiveKeys: 0, consoleUsersWithoutMfa: 0, serviceUsersWithConsolePassword: 0,
    rolesUnusedInTrackingWindow: 0, rolesTrustingAnyPrincipal: 0, rolesThirdPartyTrustWithoutExternalId: 0,
    secretsTotal: 0, secretsRotationEnabled: 0, secretRotationCoveragePct: 0, secretsRotationOverdue: 0, secretsNotChanged365d: 0,
  };
  const accounts = importAccounts(g);
  const nature = (id: string) => ctx.classification.get(id)?.nature;
  g.forEachNode((id, n) => {
    if (n.provider !== 'aws' || n.placeholder) return;
    const a = n.attributes;
    if (nature(id) === 'non-human') {
      m.nhiTotal++;
      if (!ownerOf(a, ctx.config.ownerKeys)) m.nhiWithoutOwner++;
    }
    if (n.kind === 'user') {
      m.usersTotal++;
      const password = hasConsolePassword(g, id);
      if (nature(id) === 'human') m.humanUsers++;
      else {
        m.serviceUsers++;
        if (password) m.serviceUsersWithConsolePassword++;
      }
      if (password && a.mfaActive !== true) m.consoleUsersWithoutMfa++;
    } else if (n.kind === 'role') {
      m.rolesTotal++;
      if (nature(id) === 'human') m.humanFederatedRoles++;
      else m.nhiRoles++;
      // RoleLastUsed {}: AWS tracked the role over its window and saw no use.
      if (a.lastUsedTracked === true && a.lastUsed === undefined) m.rolesUnusedInTrackingWindow++;
      if (anyPrincipalTrust(g, id)) m.rolesTrustingAnyPrincipal++;
      if (foreignTrustsWithoutExternalId(g, id, accounts).length) m.rolesThirdPartyTrustWithoutExternalId++;
    } else if (n.kind === 'secret') {
      m.secretsTotal++;
      if (a.rotationEnabled === true) m.secretsRotationEnabled++;
      if (judgeAge(n.kind, a, ctx.asOf, ctx.config)?.issues.includes('rotation-overdue')) m.secretsRotationOverdue++;
      // The value last changed: the later of its change and rotation dates, else its creation.
      const changed = [time(a.lastChanged), time(a.lastRotated)].filter((t): t is number => t !== undefined);
      const unchanged = age(changed.length ? Math.max(...changed) : time(a.created));
      if (unchanged !== undefined && unchanged > veryOldDays) m.secretsNotChanged365d++;
    }
  });
  m.secretRotationCoveragePct = m.secretsTotal ? round1((100 * m.secretsRotationEnabled) / m.secretsTotal) : 0;

  const keys = keysOf(ctx);
  for (const k of keys) {
    m.accessKeysTotal++;
    if (!k.active) continue; // an inactive key cannot be used until re-enabled
    m.accessKeysActive++;
    const issued = age(k.issued);
    if (issued !== undefined && issued > staleDays) m.accessKeysOlderThan90d++;
    if (issued !== undefined && issued > veryOldDays) m.accessKeysOlderThan365d++;
    const unused = age(k.lastUsed);
    if (k.lastUsed === undefined) m.accessKeysNeverUsed++;
    // Never used counts as unused once the key is older than the threshold.
    if (k.lastUsed !== undefined ? unused !== undefined && unused > staleDays : issued !== undefined && issued > staleDays) m.accessKeysUnused90d++;
  }
  for (const [holder, list] of keysByHolder(keys)) {
    if (g.getNodeAttribute(holder, 'kind') === 'user' && list.filter((k) => k.active).length >= 2) m.usersWithTwoActiveKeys++;
  }
  return m;
}
