/**
 * Kubernetes's own NHI risk rules (the neutral ones already judge legacy tokens' age and last use
 * from their `kubernetes.io/legacy-token-last-used` label, owners, and service accounts that are
 * cluster administrators):
 * - legacy service-account token Secrets: bearer tokens that never expire (NHI4);
 * - secrets readable cluster-wide: a ClusterRole allowing get, list or watch on Secrets bound
 *   by ClusterRoleBindings to every authenticated user or service account, or to many subjects
 *   (NHI2), read from the analysis's compiled roles and bindings (aggregation resolved);
 * - one service account used by several workloads (NHI9).
 */
import type { Evidence } from '../../../model/types';
import { nodeEvidence } from '../../../risk/evidence';
import type { RuleInfo, RuleSet } from '../../../risk/types';
import type { K8sAnalysis } from '../analyze';
import type { Binding, CompiledRole } from '../model';
import { ruleAllows } from '../rbac';
import { serviceAccountUse } from './workloads';

export const LEGACY_TOKEN: RuleInfo = {
  id: 'k8s.legacy-token',
  title: 'Legacy service-account token Secret',
  owasp: 'NHI4',
  severity: 'medium',
  description: 'A Secret of type kubernetes.io/service-account-token: a bearer token of its service account that never expires and is not bound to a pod, readable by whoever can read Secrets in its namespace (tokens marked invalid by the legacy-token cleaner are left out).',
  remediation: 'Delete the Secret and let workloads use projected, short-lived tokens (TokenRequest API); for clients outside the cluster, issue `kubectl create token` tokens with a duration. Enable the LegacyServiceAccountTokenCleanUp feature.',
};
export const SECRETS_CLUSTER_READABLE: RuleInfo = {
  id: 'k8s.secrets-cluster-readable',
  title: 'Secrets readable cluster-wide by many',
  owasp: 'NHI2',
  severity: 'high',
  description: 'A ClusterRole that allows get, list or watch on Secrets is bound cluster-wide (ClusterRoleBinding) to every authenticated user or every service account (system:authenticated, system:serviceaccounts, system:unauthenticated), or to at least the "many readers" number of subjects (medium): every token in the cluster is theirs.',
  remediation: 'Remove the broad subjects from the ClusterRoleBindings; grant Secret access with namespaced RoleBindings, restricted to named Secrets (resourceNames), to the one workload that needs them.',
};
export const SHARED_SA: RuleInfo = {
  id: 'k8s.sa-shared',
  title: 'Service account shared by several workloads',
  owasp: 'NHI9',
  severity: 'medium',
  description: 'Two or more workloads (Deployments, StatefulSets, DaemonSets, Jobs, CronJobs or bare Pods, counted once per owner) run as the same service account, often `default`: each holds every permission any of them needs, and the audit log cannot tell them apart.',
  remediation: 'Create one service account per workload with only the permissions it needs, set serviceAccountName on each, and set automountServiceAccountToken: false on the namespace\'s default service account.',
};

/** Built-in groups every authenticated (or anonymous) request of their kind belongs to. */
const BROAD_GROUPS = new Set(['system:authenticated', 'system:unauthenticated', 'system:serviceaccounts']);
const READ_VERBS = ['get', 'list', 'watch'];
const MAX_EVIDENCE = 6;

/** The verbs a role's effective rules allow on every Secret (no resourceNames). */
function secretVerbs(role: CompiledRole): string[] {
  return READ_VERBS.filter((v) => role.rules.some((r) => ruleAllows(r.rule, v, '', 'secrets')));
}

export const k8sRules: RuleSet = {
  rules: [LEGACY_TOKEN, SECRETS_CLUSTER_READABLE, SHARED_SA],
  run(ctx, emit) {
    const g = ctx.analysis.graph;
    g.forEachNode((id, n) => {
      if (n.kind !== 'k8s.serviceAccountToken' || n.placeholder) return;
      const invalid = typeof n.attributes.invalidSince === 'string' ? Date.parse(n.attributes.invalidSince) : NaN;
      if (invalid <= ctx.asOf) return; // the API server refuses it
      let holder: { id: string; evidence: Evidence[] } | undefined;
      g.forEachOutEdge(id, (_e, attrs, _s, target) => {
        if (!holder && attrs.kind === 'credentialOf') holder = { id: target, evidence: attrs.evidence };
      });
      if (holder && !ctx.isNhi(holder.id)) return;
      const ns = String(n.attributes.namespace ?? '');
      const secret = String(n.attributes.objectName ?? n.name);
      const sa = holder ? g.getNodeAttribute(holder.id, 'name') : undefined;
      const usedAt = typeof n.attributes.lastUsed === 'string' ? Date.parse(n.attributes.lastUsed) : NaN;
      const used = Number.isNaN(usedAt) ? undefined : `${new Date(usedAt).toISOString().slice(0, 10)}${usedAt > ctx.asOf ? ', after the as-of date' : ''}`;
      emit(LEGACY_TOKEN, {
        subject: id,
        identity: holder?.id,
        evidence: holder?.evidence.length ? holder.evidence : nodeEvidence(g, id),
        detail: `${n.name}: a never-expiring token of ${sa ? `service account ${sa}` : 'a service account the export does not name'}${used ? `, last used ${used}` : ', no recorded use'}.`,
        remediation: `Delete Secret ${secret} in namespace ${ns} (kubectl -n ${ns} delete secret ${secret}) once ${sa ?? 'its service account'}'s clients use projected or \`kubectl create token\` tokens.`,
      });
    });

    const k8s = ctx.analysis.providers.get('kubernetes') as K8sAnalysis | undefined;
    if (k8s?.model) {
      // Cluster-wide bindings of roles that read Secrets, by role.
      const byRole = new Map<string, { role: CompiledRole; verbs: string[]; subjects: Map<string, Binding> }>();
      for (const [subject, bindings] of k8s.model.bindingsBySubject) {
        for (const b of bindings) {
          if (b.namespace !== undefined) continue;
          let entry = byRole.get(b.role.id);
          if (!entry) {
            const verbs = secretVerbs(b.role);
            if (!verbs.length) continue;
            byRole.set(b.role.id, (entry = { role: b.role, verbs, subjects: new Map() }));
          }
          if (!entry.subjects.has(subject)) entry.subjects.set(subject, b);
        }
      }
      for (const [roleId, e] of [...byRole].sort((x, y) => x[0].localeCompare(y[0]))) {
        const broad = [...e.subjects.keys()].filter((s) => g.hasNode(s) && g.getNodeAttribute(s, 'kind') === 'k8s.group' && BROAD_GROUPS.has(g.getNodeAttribute(s, 'name')));
        // Many administrators reading Secrets is what administrators are; the admin rule judges them.
        if (!broad.length && (e.role.admin || e.subjects.size < ctx.config.manyReaders)) continue;
        const bindings = [...new Set([...e.subjects.values()].map((b) => b.name))].sort();
        const who = broad.length ? broad.map((s) => g.getNodeAttribute(s, 'name')).sort().join(', ') : `${e.subjects.size} subjects`;
        const evidence: Evidence[] = [...e.subjects.entries()]
          .sort((x, y) => Number(broad.includes(y[0])) - Number(broad.includes(x[0])))
          .map(([s, b]) => ({ file: b.file, location: b.location, policy: `${b.kind} ${b.name}`, note: `binds ${e.role.name} to ${g.hasNode(s) ? g.getNodeAttribute(s, 'name') : s}` }));
        emit(SECRETS_CLUSTER_READABLE, {
          subject: roleId,
          evidence: [...evidence.slice(0, MAX_EVIDENCE), ...nodeEvidence(g, roleId)].slice(0, MAX_EVIDENCE + 1),
          severity: broad.length ? 'high' : 'medium',
          detail: `ClusterRole ${e.role.name} (cluster ${e.role.cluster}) allows ${e.verbs.join(', ')} on every Secret, bound cluster-wide to ${who} by ${bindings.join(', ')}.`,
          remediation: `Remove ${broad.length ? who : 'the subjects that do not need it'} from ClusterRoleBinding ${bindings.join(', ')} (or delete it), and grant Secret reads with namespaced RoleBindings naming the Secrets.`,
        });
      }
    }

    for (const [sa, use] of serviceAccountUse(g)) {
      if (use.roots.size < 2 || !g.hasNode(sa) || !ctx.isNhi(sa)) continue;
      const n = g.getNodeAttributes(sa);
      const names = [...use.roots.values()].map((r) => r.name).sort();
      emit(SHARED_SA, {
        subject: sa,
        evidence: [...use.roots.values()].flatMap((r) => r.evidence.slice(0, 1)).slice(0, MAX_EVIDENCE),
        detail: `${n.name} is used by ${use.roots.size} workloads: ${names.join(', ')}.`,
        remediation: `Give each of ${names.join(', ')} its own service account (serviceAccountName) with only the permissions it needs${String(n.attributes.objectName ?? '') === 'default' ? ', and set automountServiceAccountToken: false on the default service account' : ''}.`,
      });
    }
  },
};
