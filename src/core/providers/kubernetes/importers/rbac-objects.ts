/**
 * Roles, ClusterRoles, RoleBindings and ClusterRoleBindings (rbac.authorization.k8s.io v1, and
 * v1beta1 from old exports). Roles keep their normalised rules, aggregation selectors and labels
 * on the node (the analysis evaluates them); each binding subject becomes one `k8s.bindsRole`
 * edge to the role, keyed by the binding, with the binding's scope: its namespace for a
 * RoleBinding (even when it references a ClusterRole), none for a ClusterRoleBinding.
 */
import { isRecord, own, ownString } from '../../../io/safe-object';
import type { ObjectMeta } from '../meta';
import { namespacedId, clusterScopedId } from '../ids';
import { readAggregation, readRules } from '../rbac';
import { evidence, groupRef, roleRef, serviceAccountRef, userRef, type ReadState } from './state';

export function readRole(obj: Record<string, unknown>, meta: ObjectMeta, where: string, s: ReadState, kind: 'Role' | 'ClusterRole'): void {
  const warn = (m: string) => s.ctx.b.warn(m);
  const namespace = kind === 'Role' ? meta.namespace : undefined;
  const id = roleRef(s, kind, namespace, meta.name);
  const rules = readRules(own(obj, 'rules'), `${where}.rules`, warn);
  const aggregation = kind === 'ClusterRole' ? readAggregation(own(obj, 'aggregationRule'), `${where}.aggregationRule`, warn) : undefined;
  s.ctx.b.node({
    id,
    kind: kind === 'Role' ? 'k8s.role' : 'k8s.clusterRole',
    name: kind === 'Role' ? `${namespace}/${meta.name}` : meta.name,
    account: s.cluster,
    attributes: {
      ...(namespace ? { namespace } : {}),
      objectName: meta.name,
      rules,
      ...(aggregation ? { aggregationRule: aggregation } : {}),
      labels: meta.labels,
      annotations: meta.annotations,
      created: meta.created,
      uid: meta.uid,
      location: where,
    },
  });
}

export function readBinding(obj: Record<string, unknown>, meta: ObjectMeta, where: string, s: ReadState, kind: 'RoleBinding' | 'ClusterRoleBinding'): void {
  const b = s.ctx.b;
  const namespace = kind === 'RoleBinding' ? meta.namespace : undefined;
  b.count(kind === 'RoleBinding' ? 'k8s.roleBinding' : 'k8s.clusterRoleBinding');
  const ref = own(obj, 'roleRef');
  const refKind = ownString(ref, 'kind');
  const refName = ownString(ref, 'name');
  if (!isRecord(ref) || !refName || (refKind !== 'Role' && refKind !== 'ClusterRole')) {
    return b.warn(`${where}.roleRef: needs kind Role or ClusterRole and a name; binding ${meta.name} skipped`);
  }
  if (refKind === 'Role' && kind === 'ClusterRoleBinding') return b.warn(`${where}.roleRef: a ClusterRoleBinding cannot reference a Role; binding ${meta.name} skipped`);
  const role = roleRef(s, refKind, namespace, refName);
  const bindingId = namespace !== undefined ? namespacedId(s.cluster, kind, namespace, meta.name) : clusterScopedId(s.cluster, kind, meta.name);
  const bindingName = namespace !== undefined ? `${namespace}/${meta.name}` : meta.name;
  const raw = own(obj, 'subjects');
  if (raw === undefined || raw === null || (Array.isArray(raw) && raw.length === 0)) {
    s.bindingsWithoutSubjects++;
    return;
  }
  if (!Array.isArray(raw)) return b.warn(`${where}.subjects: expected a list, found ${typeof raw}; binding ${meta.name} skipped`);
  const scope = namespace !== undefined ? `in namespace ${namespace}` : 'cluster-wide';
  raw.forEach((subject, j) => {
    const at = `${where}.subjects[${j}]`;
    const sKind = ownString(subject, 'kind');
    const name = ownString(subject, 'name');
    if (!name) return b.warn(`${at}: subject without a name; skipped`);
    let subjectId: string;
    if (sKind === 'User') subjectId = userRef(s, name);
    else if (sKind === 'Group') subjectId = groupRef(s, name);
    else if (sKind === 'ServiceAccount') {
      // The authorizer reads a service-account subject without namespace as the binding's own.
      const ns = ownString(subject, 'namespace') || namespace;
      if (!ns) return b.warn(`${at}: service-account subject without a namespace in a ClusterRoleBinding; skipped`);
      subjectId = serviceAccountRef(s, ns, name);
    } else return b.warn(`${at}: subject kind ${JSON.stringify(sKind ?? null)} is not User, Group or ServiceAccount; skipped`);
    b.edge(
      'k8s.bindsRole',
      subjectId,
      role,
      evidence(s, at, `${kind} ${bindingName} binds ${refKind} ${refName} ${scope}`, bindingId),
      { binding: bindingName, bindingKind: kind, bindingId, ...(namespace !== undefined ? { namespace } : {}) },
      bindingId,
    );
  });
}
