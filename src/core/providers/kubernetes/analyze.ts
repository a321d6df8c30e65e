/**
 * The Kubernetes analysis: reads the graph into indexes (model.ts), finds every subject's
 * escalations (techniques.ts), and writes them into the graph: one `escalatesTo` edge per
 * (subject, target, technique) with the permissions and rule evidence behind it, the cluster's
 * admin node, identity sets for large target lists, `admin` marks, and `k8s.inGroup` edges from
 * members to the built-in groups that grant an escalation (only those: every service account is
 * in system:authenticated, but an edge each is only worth drawing when the group leads somewhere).
 */
import { issuedTokens } from './federation';
import type { BlastGraph } from '../../graph/graph';
import type { Evidence } from '../../model/types';
import { edgeKey } from '../../model/fragment';
import { pushTo } from '../../io/multimap';
import { ensureAdminNode, type ProviderAnalysis, type ProviderAnalyzeOptions } from '../types';
import { addEscalation, addIdentitySet } from '../derived-writes';
import { addBindingCaps, type HolderCaps } from './capabilities';
import { accessOf, decide, fullAccess, objectRef } from './access';
import { K8sModel, type Binding } from './model';
import { isAdminRule } from './rbac';
import { ADMIN, FindingSink, holderFindings, techniqueName, type Finding } from './techniques';
import { groupId, MASTERS, PROVIDER } from './ids';

export interface K8sAnalysis extends ProviderAnalysis {
  model: K8sModel;
  findings: readonly Finding[];
}

const SERVICE_OF: Record<string, string> = { secrets: 'k8s secrets', namespaces: 'k8s namespaces' };

function adminUse(b: Binding) {
  const rule = b.role.rules.find((r) => isAdminRule(r.rule))!;
  return { perm: '* *', names: 'all' as const, sources: [{ binding: b, rule }], local: true };
}

export async function analyzeKubernetes(graph: BlastGraph, opts: ProviderAnalyzeOptions): Promise<K8sAnalysis> {
  // Built-in group edges are this analysis's own: redraw them from scratch.
  graph.filterEdges((_, e) => e.kind === 'k8s.inGroup').forEach((e) => graph.dropEdge(e));
  const model = new K8sModel(graph);
  const sinks = new Map<string, FindingSink>();
  const sinkOf = (cluster: string) => {
    let s = sinks.get(cluster);
    if (!s) sinks.set(cluster, (s = new FindingSink(model.clusters.get(cluster)!)));
    return s;
  };
  const admins = new Map<string, { conditional: boolean }>();

  for (const [subject, bindings] of model.bindingsBySubject) {
    if (!graph.hasNode(subject)) continue;
    const sink = sinkOf(bindings[0]!.role.cluster);
    const adminBinding = bindings.find((b) => b.namespace === undefined && b.role.admin);
    if (adminBinding) {
      sink.add(subject, ADMIN, 'k8s-cluster-admin', [adminUse(adminBinding)], 'cluster-wide', false);
      admins.set(subject, { conditional: false });
      continue;
    }
    if (model.isMasters(subject)) continue;
    const caps: HolderCaps = new Map();
    const namespaceAdmin = new Set<string>();
    for (const b of bindings) {
      addBindingCaps(caps, b);
      if (b.namespace !== undefined && b.role.admin) namespaceAdmin.add(b.namespace);
    }
    if (caps.size) holderFindings(model, sink.cluster, sink, subject, caps, opts.asOf, namespaceAdmin);
  }
  // system:masters is granted everything before RBAC is consulted, bound or not.
  const masters: Evidence = { file: 'analysis', location: 'group system:masters', note: 'the API server allows every request of a member of system:masters without consulting RBAC' };
  graph.forEachNode((id, a) => {
    if (a.kind !== 'k8s.group' || a.name !== MASTERS || !a.account || !model.clusters.has(a.account)) return;
    const sink = sinkOf(a.account);
    sink.add(id, ADMIN, 'k8s-cluster-admin', [], 'cluster-wide', false);
    sink.findings.get(`${id}|${ADMIN}|k8s-cluster-admin`)!.evidence.unshift(masters);
    admins.set(id, { conditional: false });
  });

  const findings = [...sinks.values()].flatMap((s) => [...s.findings.values()]);
  const escalating = new Set(findings.map((f) => f.source));
  writeFindings(graph, sinks);
  builtinGroupEdges(graph, model, admins, escalating);
  for (const [id, f] of admins) {
    graph.mergeNodeAttributes(id, { attributes: { ...graph.getNodeAttribute(id, 'attributes'), admin: f.conditional ? 'conditional' : true } });
  }

  const principals = [...model.serviceAccounts.keys()];
  for (const subject of model.bindingsBySubject.keys()) {
    if (graph.hasNode(subject) && graph.getNodeAttribute(subject, 'kind') !== 'k8s.serviceAccount') principals.push(subject);
  }
  for (const id of admins.keys()) if (model.isMasters(id) && !model.bindingsBySubject.has(id)) principals.push(id);
  const attrs = (id: string) => (graph.hasNode(id) ? graph.getNodeAttributes(id) : undefined);
  return {
    provider: PROVIDER,
    model,
    findings,
    principals: () => principals,
    admins,
    potential: [],
    scopeOf: (resource) => attrs(resource)?.account,
    serviceOf(resource) {
      const a = attrs(resource);
      const r = objectRef(a)?.resource;
      if (a?.kind === 'k8s.workload') return 'k8s workloads';
      return r ? (SERVICE_OF[r] ?? `k8s ${r}`) : 'kubernetes';
    },
    accessOf: (principal, resource) => accessOf(model, principal, attrs(resource)),
    fullAccess: (resource) => fullAccess(attrs(resource)),
    decide: (principal, action, resource) => decide(model, principal, action, attrs(resource)),
    issuedTokens: () => issuedTokens(graph, model),
  };
}

function writeFindings(graph: BlastGraph, sinks: Map<string, FindingSink>): void {
  for (const [cluster, sink] of sinks) {
    for (const set of sink.sets.values()) addIdentitySet(graph, PROVIDER, { ...set, account: cluster });
    for (const f of sink.findings.values()) {
      const target = f.target === ADMIN ? ensureAdminNode(graph, PROVIDER, cluster, `Administrator of cluster ${cluster}`) : f.target;
      addEscalation(graph, {
        source: f.source,
        target,
        technique: { id: f.technique, name: techniqueName(f.technique) },
        conditional: f.conditional,
        evidence: f.evidence,
        attributes: { permissions: f.permissions, ...(f.notes.length ? { notes: f.notes } : {}) },
      });
    }
  }
}

/**
 * Members of the built-in groups that lead somewhere (an escalation or admin): one edge per
 * member, so at most three per service account, drawn only when the group grants something.
 * Members of an admin built-in group are admins themselves.
 */
function builtinGroupEdges(graph: BlastGraph, model: K8sModel, admins: Map<string, { conditional: boolean }>, escalating: Set<string>): void {
  const matters = (g: string) => graph.hasNode(g) && (escalating.has(g) || admins.has(g));
  const byCluster = new Map<string, string[]>();
  for (const sa of model.serviceAccounts.values()) pushTo(byCluster, graph.getNodeAttribute(sa.id, 'account') ?? '', sa.id);
  for (const c of model.clusters.values()) {
    const authenticated = groupId(c.name, 'system:authenticated');
    const members = [...(byCluster.get(c.name) ?? []), ...c.users];
    for (const m of members) {
      for (const g of model.builtinGroupsOf(m)) {
        if (!matters(g)) continue;
        const note = g === authenticated ? 'every authenticated request is in system:authenticated' : 'every service account is in system:serviceaccounts and system:serviceaccounts:<its namespace>';
        const key = edgeKey('k8s.inGroup', m, g);
        if (!graph.hasEdge(key)) graph.addEdgeWithKey(key, m, g, { kind: 'k8s.inGroup', attributes: {}, evidence: [{ file: 'analysis', location: `built-in group ${graph.getNodeAttribute(g, 'name')}`, note }] });
        if (admins.has(g) && !admins.has(m)) admins.set(m, { conditional: false });
      }
    }
  }
}
