/** A large synthetic cluster built straight into the graph, for the scale test. */
import { createGraph, type BlastGraph } from '../../../graph/graph';
import { edgeKey } from '../../../model/fragment';

export const C = 'big';
const RBAC = (verbs: string[], resources: string[], apiGroups = ['']) => ({ apiGroups, resources, verbs, resourceNames: [], nonResourceURLs: [] });

export function bigCluster(namespaces: number, perNs: number, extraBindingsPerSa: number): { graph: BlastGraph; bindings: number } {
  const g = createGraph();
  const node = (id: string, kind: string, name: string, attributes: Record<string, unknown>, placeholder = false) => g.addNode(id, { kind, provider: 'kubernetes', name, account: C, attributes, placeholder });
  const ev = { file: 'big.json', location: 'items[0]' };
  let bindings = 0;
  const bind = (subject: string, role: string, binding: string, namespace?: string) => {
    bindings++;
    g.addEdgeWithKey(edgeKey('k8s.bindsRole', subject, role, binding), subject, role, { kind: 'k8s.bindsRole', attributes: { binding, bindingKind: namespace ? 'RoleBinding' : 'ClusterRoleBinding', bindingId: binding, ...(namespace ? { namespace } : {}) }, evidence: [ev] });
  };
  node(`k8s:${C}:ClusterRole:view`, 'k8s.clusterRole', 'view', { objectName: 'view', rules: [RBAC(['get', 'list', 'watch'], ['pods', 'services', 'configmaps'])] });
  node(`k8s:${C}:ClusterRole:edit`, 'k8s.clusterRole', 'edit', { objectName: 'edit', rules: [RBAC(['create', 'delete', 'get', 'list'], ['pods', 'secrets']), RBAC(['create'], ['pods/exec'])] });
  node(`k8s:${C}:ClusterRole:reader`, 'k8s.clusterRole', 'reader', { objectName: 'reader', rules: [RBAC(['get'], ['configmaps'])] });
  for (let n = 0; n < namespaces; n++) {
    const ns = `ns-${n}`;
    const team = `k8s:${C}:Group:team-${n}`;
    node(team, 'k8s.group', `team-${n}`, { objectName: `team-${n}` });
    bind(team, `k8s:${C}:ClusterRole:edit`, `rb-edit-${n}`, ns);
    for (let i = 0; i < perNs; i++) {
      const sa = `k8s:${C}:ServiceAccount:${ns}/sa-${i}`;
      node(sa, 'k8s.serviceAccount', `${ns}/sa-${i}`, { namespace: ns, objectName: `sa-${i}` });
      const pod = `k8s:${C}:Pod:${ns}/pod-${i}`;
      node(pod, 'k8s.workload', `${ns}/pod-${i}`, { namespace: ns, objectName: `pod-${i}`, workloadKind: 'Pod', apiGroup: '', resource: 'pods' });
      g.addEdgeWithKey(edgeKey('runsAs', pod, sa), pod, sa, { kind: 'runsAs', attributes: {}, evidence: [ev] });
      for (let k = 0; k < extraBindingsPerSa; k++) bind(sa, `k8s:${C}:ClusterRole:${k % 2 ? 'view' : 'reader'}`, `rb-${ns}-${i}-${k}`, `ns-${(n + k) % namespaces}`);
    }
  }
  // A few cluster-wide pod creators (CI systems): one identity-set edge each, not 100,000.
  for (let c = 0; c < 20; c++) {
    const u = `k8s:${C}:User:ci-${c}`;
    node(u, 'k8s.user', `ci-${c}`, { objectName: `ci-${c}` });
    bind(u, `k8s:${C}:ClusterRole:edit`, `crb-ci-${c}`);
  }
  return { graph: g, bindings };
}

