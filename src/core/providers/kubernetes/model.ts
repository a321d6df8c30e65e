/**
 * The Kubernetes side of the graph, read once per analysis into indexes: roles with their
 * effective rules (aggregated ClusterRoles resolved), bindings by subject, and service accounts,
 * tokens and workloads by cluster and namespace. Every question the techniques and the access
 * answers ask is then a lookup, never a scan of all bindings or all principals.
 */
import type { BlastGraph } from '../../graph/graph';
import type { NodeAttributes } from '../../model/types';
import { isRecord } from '../../io/safe-object';
import { pushTo } from '../../io/multimap';
import { CLUSTER_ADMIN_RULES, isAdminRule, selectorMatches, type LabelSelector, type PolicyRule } from './rbac';
import { groupId, MASTERS, PROVIDER, saBuiltinGroups } from './ids';

export interface RuleRef {
  rule: PolicyRule;
  index: number;
  /** The ClusterRole the rule is written in, when it came by aggregation. */
  from?: string;
}

export interface CompiledRole {
  id: string;
  kind: 'Role' | 'ClusterRole';
  /** Object name (without namespace). */
  name: string;
  cluster: string;
  namespace?: string;
  rules: RuleRef[];
  /** Holds `*` on `*` in every API group. */
  admin: boolean;
  /** Not in the exports: its rules are unknown (cluster-admin's built-in rules are assumed). */
  missing: boolean;
  assumed: boolean;
}

export interface Binding {
  id: string;
  kind: string;
  /** `ns/name` or `name`, for messages. */
  name: string;
  role: CompiledRole;
  /** The namespace the grant applies in; undefined: cluster-wide. */
  namespace?: string;
  file: string;
  location: string;
}

export interface ServiceAccountInfo {
  id: string;
  namespace: string;
  name: string;
  automount?: boolean;
}

export interface TokenInfo {
  id: string;
  namespace: string;
  name: string;
  sa?: string;
  invalidSince?: string;
}

export interface WorkloadInfo {
  id: string;
  kind: string;
  resource: string;
  namespace: string;
  name: string;
  sa: string;
  automount?: boolean;
  replicas?: number;
}

export interface ClusterIndex {
  name: string;
  serviceAccounts: ServiceAccountInfo[];
  serviceAccountsByNs: Map<string, ServiceAccountInfo[]>;
  tokens: TokenInfo[];
  tokensByNs: Map<string, TokenInfo[]>;
  workloads: WorkloadInfo[];
  workloadsByNs: Map<string, WorkloadInfo[]>;
  /** Per namespace ('' = cluster): running workloads with a token mounted, one per service account (memo). */
  running: Map<string, Map<string, WorkloadInfo>>;
  users: string[];
  roles: Map<string, CompiledRole>;
}

const str = (x: unknown): string | undefined => (typeof x === 'string' ? x : undefined);

function rawRules(a: NodeAttributes): PolicyRule[] {
  const r = a.attributes.rules;
  return Array.isArray(r) ? (r as PolicyRule[]) : [];
}

export class K8sModel {
  readonly clusters = new Map<string, ClusterIndex>();
  readonly bindingsBySubject = new Map<string, Binding[]>();
  readonly serviceAccounts = new Map<string, ServiceAccountInfo>();

  constructor(readonly graph: BlastGraph) {
    const cluster = (name: string) => {
      let c = this.clusters.get(name);
      if (!c) {
        c = { name, serviceAccounts: [], serviceAccountsByNs: new Map(), tokens: [], tokensByNs: new Map(), workloads: [], workloadsByNs: new Map(), running: new Map(), users: [], roles: new Map() };
        this.clusters.set(name, c);
      }
      return c;
    };
    const referenced = new Set<string>();
    const roleNodes: [string, NodeAttributes][] = [];
    graph.forEachNode((id, a) => {
      if (a.provider !== PROVIDER || !a.account) return;
      const c = cluster(a.account);
      const ns = str(a.attributes.namespace) ?? '';
      const name = str(a.attributes.objectName) ?? a.name;
      switch (a.kind) {
        case 'k8s.serviceAccount': {
          const sa: ServiceAccountInfo = { id, namespace: ns, name, automount: typeof a.attributes.automountServiceAccountToken === 'boolean' ? a.attributes.automountServiceAccountToken : undefined };
          this.serviceAccounts.set(id, sa);
          break;
        }
        case 'k8s.serviceAccountToken': {
          let sa: string | undefined;
          graph.forEachOutEdge(id, (_, e, __, t) => {
            if (e.kind === 'credentialOf') sa = t;
          });
          if (sa) referenced.add(sa);
          const token = { id, namespace: ns, name, sa, invalidSince: str(a.attributes.invalidSince) };
          c.tokens.push(token);
          pushTo(c.tokensByNs, ns, token);
          break;
        }
        case 'k8s.workload': {
          let sa: string | undefined;
          graph.forEachOutEdge(id, (_, e, __, t) => {
            if (e.kind === 'runsAs') sa = t;
          });
          if (!sa) break;
          referenced.add(sa);
          const automount = a.attributes.automountServiceAccountToken;
          const replicas = a.attributes.replicas;
          const workload = {
            id, kind: str(a.attributes.workloadKind) ?? 'Pod', resource: str(a.attributes.resource) ?? 'pods', namespace: ns, name, sa,
            automount: typeof automount === 'boolean' ? automount : undefined, replicas: typeof replicas === 'number' ? replicas : undefined,
          };
          c.workloads.push(workload);
          pushTo(c.workloadsByNs, ns, workload);
          break;
        }
        case 'k8s.user':
          c.users.push(id);
          break;
        case 'k8s.role':
        case 'k8s.clusterRole':
          roleNodes.push([id, a]);
          break;
      }
    });
    // Service accounts that exist: described, or run by a workload or holding a token. One only
    // named by a binding may not exist, and cannot be run as.
    for (const sa of this.serviceAccounts.values()) {
      const a = graph.getNodeAttributes(sa.id);
      if (a.placeholder && !referenced.has(sa.id)) continue;
      const c = cluster(a.account!);
      c.serviceAccounts.push(sa);
      pushTo(c.serviceAccountsByNs, sa.namespace, sa);
    }
    this.compileRoles(roleNodes, cluster);
    graph.forEachEdge((_, e, source, target) => {
      if (e.kind !== 'k8s.bindsRole') return;
      const ta = graph.getNodeAttributes(target);
      const role = this.clusters.get(ta.account ?? '')?.roles.get(target);
      if (!role) return;
      const ev = e.evidence[0];
      pushTo(this.bindingsBySubject, source, {
        id: str(e.attributes.bindingId) ?? `${source}->${target}`,
        kind: str(e.attributes.bindingKind) ?? 'RoleBinding',
        name: str(e.attributes.binding) ?? '?',
        role,
        namespace: str(e.attributes.namespace),
        file: ev?.file ?? 'analysis',
        location: ev?.location ?? '',
      });
    });
  }

  /** Effective rules: an aggregated ClusterRole with no rules takes those of the roles it selects. */
  private compileRoles(nodes: [string, NodeAttributes][], cluster: (name: string) => ClusterIndex): void {
    const byCluster = new Map<string, [string, NodeAttributes][]>();
    for (const n of nodes) pushTo(byCluster, n[1].account!, n);
    for (const [clusterName, list] of byCluster) {
      const c = cluster(clusterName);
      const clusterRoles = list.filter(([, a]) => a.kind === 'k8s.clusterRole');
      // Index ClusterRoles by label, so a selector looks up candidates instead of scanning.
      const byLabel = new Map<string, [string, NodeAttributes][]>();
      for (const n of clusterRoles) {
        const labels = n[1].attributes.labels;
        if (isRecord(labels)) for (const k of Object.keys(labels)) pushTo(byLabel, `${k}=${String(labels[k])}`, n);
      }
      const resolved = new Map<string, RuleRef[]>();
      const visiting = new Set<string>();
      const effective = (id: string, a: NodeAttributes): RuleRef[] => {
        const done = resolved.get(id);
        if (done) return done;
        const own = rawRules(a).map((rule, index) => ({ rule, index }));
        const selectors = a.attributes.aggregationRule as LabelSelector[] | undefined;
        if (own.length || !Array.isArray(selectors) || visiting.has(id)) {
          if (!visiting.has(id)) resolved.set(id, own);
          return own;
        }
        visiting.add(id);
        const out: RuleRef[] = [];
        const seen = new Set<string>();
        for (const sel of selectors) {
          const first = isRecord(sel.matchLabels) ? Object.keys(sel.matchLabels)[0] : undefined;
          const candidates = first !== undefined ? (byLabel.get(`${first}=${sel.matchLabels[first]}`) ?? []) : clusterRoles;
          for (const [otherId, other] of candidates) {
            if (otherId === id || !selectorMatches(sel, isRecord(other.attributes.labels) ? (other.attributes.labels as Record<string, string>) : {})) continue;
            for (const r of effective(otherId, other)) {
              const from = r.from ?? (str(other.attributes.objectName) ?? other.name);
              const key = `${from}#${r.index}`;
              if (seen.has(key)) continue;
              seen.add(key);
              out.push({ rule: r.rule, index: r.index, from });
            }
          }
        }
        visiting.delete(id);
        resolved.set(id, out);
        return out;
      };
      for (const [id, a] of list) {
        const name = str(a.attributes.objectName) ?? a.name;
        let rules = effective(id, a);
        const assumed = a.placeholder === true && a.kind === 'k8s.clusterRole' && name === 'cluster-admin' && rules.length === 0;
        if (assumed) rules = CLUSTER_ADMIN_RULES.map((rule, index) => ({ rule, index }));
        c.roles.set(id, {
          id,
          kind: a.kind === 'k8s.role' ? 'Role' : 'ClusterRole',
          name,
          cluster: clusterName,
          namespace: str(a.attributes.namespace),
          rules,
          admin: rules.some((r) => isAdminRule(r.rule)),
          missing: a.placeholder === true,
          assumed,
        });
      }
    }
  }

  /** The subject's own bindings, then those of the built-in groups it belongs to. */
  bindingsOf(subject: string): Binding[][] {
    const own = this.bindingsBySubject.get(subject) ?? [];
    const out = [own];
    for (const g of this.builtinGroupsOf(subject)) {
      const list = this.bindingsBySubject.get(g);
      if (list) out.push(list);
    }
    return out;
  }

  /** Ids of the built-in groups the API server adds for this subject. */
  builtinGroupsOf(subject: string): string[] {
    if (!this.graph.hasNode(subject)) return [];
    const a = this.graph.getNodeAttributes(subject);
    if (!a.account) return [];
    if (a.kind === 'k8s.serviceAccount') return saBuiltinGroups(str(a.attributes.namespace) ?? '').map((g) => groupId(a.account!, g));
    if (a.kind === 'k8s.user' && !a.name.startsWith('system:anonymous')) return [groupId(a.account, 'system:authenticated')];
    return [];
  }

  isMasters(id: string): boolean {
    if (!this.graph.hasNode(id)) return false;
    const a = this.graph.getNodeAttributes(id);
    return a.kind === 'k8s.group' && a.name === MASTERS;
  }
}
