/**
 * Kubernetes lifecycle metrics, as of the analysis date:
 * - serviceAccountsTotal: service accounts that exist (described, or run by a workload or holding
 *   a token: one only named by a binding may not exist);
 * - legacyTokenSecrets: Secrets of type kubernetes.io/service-account-token;
 *   legacyTokenSecretsUnused: those whose kubernetes.io/legacy-token-last-used label is older than
 *   the inactivity threshold (staleDays) or absent;
 * - serviceAccountsWithClusterAdmin: service accounts the analysis finds cluster administrators
 *   (a cluster-wide binding of a role holding `*` on `*`);
 * - workloadsSharingServiceAccount: workloads (counted once per owner) whose service account
 *   another workload also runs as.
 */
import { daysBefore } from '../../../model/as-of';
import type { RiskContext } from '../../../risk/types';
import type { K8sAnalysis } from '../analyze';
import { serviceAccountUse } from './workloads';

export function k8sMetrics(ctx: RiskContext): Record<string, number> {
  const g = ctx.analysis.graph;
  const k8s = ctx.analysis.providers.get('kubernetes') as K8sAnalysis | undefined;
  const m = { serviceAccountsTotal: 0, legacyTokenSecrets: 0, legacyTokenSecretsUnused: 0, serviceAccountsWithClusterAdmin: 0, workloadsSharingServiceAccount: 0 };
  for (const c of k8s?.model.clusters.values() ?? []) m.serviceAccountsTotal += c.serviceAccounts.length;
  g.forEachNode((_id, n) => {
    if (n.kind !== 'k8s.serviceAccountToken' || n.placeholder) return;
    m.legacyTokenSecrets++;
    const used = typeof n.attributes.lastUsed === 'string' ? Date.parse(n.attributes.lastUsed) : NaN;
    if (Number.isNaN(used) || (used <= ctx.asOf && daysBefore(ctx.asOf, used) > ctx.config.staleDays)) m.legacyTokenSecretsUnused++;
  });
  for (const id of k8s?.admins.keys() ?? []) if (g.hasNode(id) && g.getNodeAttribute(id, 'kind') === 'k8s.serviceAccount') m.serviceAccountsWithClusterAdmin++;
  for (const use of serviceAccountUse(g).values()) if (use.roots.size >= 2) m.workloadsSharingServiceAccount += use.roots.size;
  return m;
}
