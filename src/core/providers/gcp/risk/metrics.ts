/**
 * GCP lifecycle metrics, as of the analysis date:
 * - serviceAccountsTotal: service accounts described or named by an export, Google-managed service
 *   agents left out (Google owns them);
 * - serviceAccountKeysTotal: user-managed keys listed, disabled and expired included;
 * - serviceAccountKeysOlderThan90d / 365d: active, unexpired user-managed keys issued longer ago
 *   than the thresholds (staleDays / veryOldDays);
 * - serviceAccountKeysNoExpiry: active user-managed keys that never expire (validBeforeTime 9999);
 * - secretsTotal, secretsRotationEnabled: Secret Manager secrets, and those with a rotation schedule.
 * Service accounts carry no labels in the IAM API, so there is no "without owner" count here (the
 * neutral `nhi.no-owner` findings list them).
 */
import { judgeAge } from '../../../analysis/lifecycle';
import type { RiskContext } from '../../../risk/types';

export function gcpMetrics(ctx: RiskContext): Record<string, number> {
  const m = { serviceAccountsTotal: 0, serviceAccountKeysTotal: 0, serviceAccountKeysOlderThan90d: 0, serviceAccountKeysOlderThan365d: 0, serviceAccountKeysNoExpiry: 0, secretsTotal: 0, secretsRotationEnabled: 0 };
  const t = { staleDays: ctx.config.staleDays, veryOldDays: ctx.config.veryOldDays };
  ctx.analysis.graph.forEachNode((_id, n) => {
    if (n.provider !== 'gcp' || n.placeholder) return;
    const a = n.attributes;
    if (n.kind === 'gcp.serviceAccount' && a.googleManaged !== true) m.serviceAccountsTotal++;
    else if (n.kind === 'gcp.serviceAccountKey') {
      m.serviceAccountKeysTotal++;
      // Disabled keys cannot be used until re-enabled; expired ones open nothing.
      const until = typeof a.validUntil === 'string' ? Date.parse(a.validUntil) : NaN;
      if (a.active === false || until < ctx.asOf) return;
      const age = judgeAge(n.kind, a, ctx.asOf, t)?.ageDays;
      if (age !== undefined && age > t.staleDays) m.serviceAccountKeysOlderThan90d++;
      if (age !== undefined && age > t.veryOldDays) m.serviceAccountKeysOlderThan365d++;
      if (a.neverExpires === true) m.serviceAccountKeysNoExpiry++;
    } else if (n.kind === 'gcp.secret') {
      m.secretsTotal++;
      if (a.rotationEnabled === true) m.secretsRotationEnabled++;
    }
  });
  return m;
}
