/**
 * The workloads that use each service account, counted once per application: a Pod of a
 * ReplicaSet of a Deployment is the Deployment (by `ownerReferences`, kept as the `owner`
 * attribute). When the owner itself is not exported, the names Kubernetes gives tell it: a
 * ReplicaSet is named `<deployment>-<pod-template-hash>`, a Job of a CronJob
 * `<cronjob>-<scheduled time>` (neither suffix has a dash). One pass, lookups by name.
 */
import type { BlastGraph } from '../../../graph/graph';
import type { Evidence } from '../../../model/types';
import { namespacedId } from '../ids';

/** The kind that names its children `<name>-<suffix>`, for each child kind. */
const NAMED_PARENT: Record<string, string> = { ReplicaSet: 'Deployment', Job: 'CronJob' };

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

export interface ServiceAccountUse {
  /** Root workload id (or `Kind/name` of an owner no export describes) → the runsAs evidence. */
  roots: Map<string, { name: string; evidence: Evidence[] }>;
}

/** For every service account with a `runsAs` edge: the distinct root workloads running as it. */
export function serviceAccountUse(g: BlastGraph): Map<string, ServiceAccountUse> {
  const key = (cluster: string, ns: string, kind: string, name: string) => `${cluster}\u0000${ns}\u0000${kind}\u0000${name}`;
  // Workloads by cluster, namespace, kind and name: where an owner's parent is looked up.
  const byName = new Map<string, string>();
  g.forEachNode((id, n) => {
    if (n.kind !== 'k8s.workload' || !n.account) return;
    byName.set(key(n.account, str(n.attributes.namespace) ?? '', str(n.attributes.workloadKind) ?? '', str(n.attributes.objectName) ?? n.name), id);
  });
  const rootOf = (id: string): { id: string; name: string } => {
    let cur = id;
    for (let hops = 0; hops < 8; hops++) {
      const n = g.getNodeAttributes(cur);
      const ns = str(n.attributes.namespace) ?? '';
      const owner = str(n.attributes.owner);
      const slash = owner?.indexOf('/') ?? -1;
      if (!owner || slash <= 0 || !n.account) break;
      const kind = owner.slice(0, slash);
      const name = owner.slice(slash + 1);
      const ownerId = namespacedId(n.account, kind, ns, name);
      if (g.hasNode(ownerId) && g.getNodeAttribute(ownerId, 'kind') === 'k8s.workload') {
        cur = ownerId;
        continue;
      }
      const parentKind = NAMED_PARENT[kind];
      const dash = name.lastIndexOf('-');
      const parent = parentKind && dash > 0 ? byName.get(key(n.account, ns, parentKind, name.slice(0, dash))) : undefined;
      if (parent) return { id: parent, name: g.getNodeAttribute(parent, 'name') };
      return { id: `${n.account}:${ns}:${owner}`, name: `${ns}/${name} (${kind})` };
    }
    const n = g.getNodeAttributes(cur);
    return { id: cur, name: n.name };
  };
  const out = new Map<string, ServiceAccountUse>();
  g.forEachEdge((_e, attrs, source, target) => {
    if (attrs.kind !== 'runsAs' || g.getNodeAttribute(source, 'kind') !== 'k8s.workload') return;
    const root = rootOf(source);
    const use = out.get(target) ?? { roots: new Map() };
    const r = use.roots.get(root.id) ?? { name: root.name, evidence: [] };
    r.evidence.push(...attrs.evidence);
    use.roots.set(root.id, r);
    out.set(target, use);
  });
  return out;
}
