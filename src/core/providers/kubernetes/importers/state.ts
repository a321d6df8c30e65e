/**
 * What the kubectl-object readers share while reading one file: the context, the cluster the file
 * belongs to, and the tallies reported once at the end (skipped kinds, dropped secret values,
 * bindings without subjects). Also the helpers that create the nodes many readers reference
 * (service accounts, users, groups, roles), so every reader makes the same ids.
 */
import type { ImportContext } from '../../../importers/types';
import type { Evidence } from '../../../model/types';
import { clusterId, clusterOf, groupId, parseSaUser, roleId, saId, userId, renamedCluster } from '../ids';

export interface ReadState {
  ctx: ImportContext;
  cluster: string;
  skipped: Map<string, number>;
  droppedValues: number;
  secretsWithValues: number;
  bindingsWithoutSubjects: number;
  defaultedNamespaces: number;
}

/** The state of a kubectl export: its cluster is chosen from the session and the file name. */
export function newState(ctx: ImportContext): ReadState {
  return newStateFor(ctx, clusterOf(ctx));
}

/** The state of a file that names its cluster itself (EKS access entries). */
export function newStateFor(ctx: ImportContext, named: string, why?: string): ReadState {
  const cluster = renamedCluster(ctx.facts, named);
  if (why) ctx.b.note(`cluster ${JSON.stringify(cluster)}: ${why}`);
  if (cluster !== named) ctx.b.note(`cluster ${JSON.stringify(named)} renamed ${JSON.stringify(cluster)} by the analyst`);
  ctx.b.node({ id: clusterId(cluster), kind: 'k8s.cluster', name: cluster, account: cluster, placeholder: true, attributes: {} });
  return { ctx, cluster, skipped: new Map(), droppedValues: 0, secretsWithValues: 0, bindingsWithoutSubjects: 0, defaultedNamespaces: 0 };
}

export const evidence = (s: ReadState, location: string, note?: string, policy?: string): Evidence => ({ file: s.ctx.file, location, ...(policy ? { policy } : {}), ...(note ? { note } : {}) });

/** A service account referenced (by a binding, a workload, a token): a placeholder until described. */
export function serviceAccountRef(s: ReadState, namespace: string, name: string): string {
  const id = saId(s.cluster, namespace, name);
  s.ctx.b.node({ id, kind: 'k8s.serviceAccount', name: `${namespace}/${name}`, account: s.cluster, placeholder: true, attributes: { namespace, objectName: name } });
  return id;
}

/** A user subject; `system:serviceaccount:NS:NAME` is that service account. */
export function userRef(s: ReadState, name: string): string {
  const sa = parseSaUser(name);
  if (sa) return serviceAccountRef(s, sa[0], sa[1]);
  const id = userId(s.cluster, name);
  // Users and groups exist only as names in bindings and mappings: naming them describes them.
  s.ctx.b.node({ id, kind: 'k8s.user', name, account: s.cluster, attributes: { objectName: name } });
  return id;
}

export function groupRef(s: ReadState, name: string): string {
  const id = groupId(s.cluster, name);
  s.ctx.b.node({ id, kind: 'k8s.group', name, account: s.cluster, attributes: { objectName: name } });
  return id;
}

export function roleRef(s: ReadState, kind: 'Role' | 'ClusterRole', namespace: string | undefined, name: string): string {
  const id = roleId(s.cluster, kind, namespace, name);
  s.ctx.b.node({
    id,
    kind: kind === 'Role' ? 'k8s.role' : 'k8s.clusterRole',
    name: kind === 'Role' ? `${namespace}/${name}` : name,
    account: s.cluster,
    placeholder: true,
    attributes: kind === 'Role' ? { namespace, objectName: name } : { objectName: name },
  });
  return id;
}

/** Notes for the whole file, once its objects are read. */
export function finishState(s: ReadState): void {
  const b = s.ctx.b;
  if (s.droppedValues) {
    b.note(`dropped ${s.droppedValues} value(s) of ${s.secretsWithValues} Secret(s) (data, stringData and last-applied annotations that repeat them); Blastmap never stores secret material`);
  }
  if (s.bindingsWithoutSubjects) b.note(`${s.bindingsWithoutSubjects} binding(s) have no subjects and grant nothing`);
  if (s.defaultedNamespaces) b.note(`${s.defaultedNamespaces} namespaced object(s) name no namespace (manifests); read as namespace "default"`);
  if (s.skipped.size) {
    const list = [...s.skipped].sort((a, b2) => b2[1] - a[1]);
    b.note(`skipped ${list.reduce((n, [, c]) => n + c, 0)} object(s) the analysis does not use: ${list.slice(0, 8).map(([k, c]) => `${c} ${k}`).join(', ')}${list.length > 8 ? ', …' : ''}`);
  }
}
