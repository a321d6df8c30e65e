/**
 * Kubernetes node ids (docs/ids.md) and the cluster a kubectl export belongs to. kubectl output
 * never names its cluster, so the name comes from the session's facts (clusters described by
 * describe-cluster files, matched against the file's path) or else from the file name; the choice
 * is always reported, because `kube-system/default` in two clusters is two nodes.
 */
import type { ImportContext } from '../../importers/types';

export const PROVIDER = 'kubernetes';
/** Session fact kind: the names of clusters described by some file of the session. */
export const CLUSTER_FACT = 'k8s.cluster';
/** The analyst's renames, as `old=new` session facts (kept with the workspace). */
export const ALIAS_FACT = 'k8s.clusterAlias';

/** The cluster's name after the analyst's rename, if any. */
export function renamedCluster(facts: ImportContext['facts'], name: string): string {
  for (const alias of facts.get(ALIAS_FACT) ?? []) {
    const eq = alias.indexOf('=');
    if (eq > 0 && alias.slice(0, eq) === name && alias.slice(eq + 1)) return alias.slice(eq + 1);
  }
  return name;
}

export const clusterId = (cluster: string): string => `k8s:${cluster}`;
export const namespacedId = (cluster: string, kind: string, namespace: string, name: string): string => `k8s:${cluster}:${kind}:${namespace}/${name}`;
export const clusterScopedId = (cluster: string, kind: string, name: string): string => `k8s:${cluster}:${kind}:${name}`;
export const saId = (cluster: string, namespace: string, name: string): string => namespacedId(cluster, 'ServiceAccount', namespace, name);
export const userId = (cluster: string, name: string): string => clusterScopedId(cluster, 'User', name);
export const groupId = (cluster: string, name: string): string => clusterScopedId(cluster, 'Group', name);
export const roleId = (cluster: string, kind: 'Role' | 'ClusterRole', namespace: string | undefined, name: string): string =>
  kind === 'Role' ? namespacedId(cluster, 'Role', namespace ?? '', name) : clusterScopedId(cluster, 'ClusterRole', name);

/** The user name under which a service account authenticates. */
export const SA_USER_PREFIX = 'system:serviceaccount:';

/** `system:serviceaccount:NS:NAME` → [NS, NAME]. */
export function parseSaUser(user: string): [string, string] | undefined {
  if (!user.startsWith(SA_USER_PREFIX)) return undefined;
  const rest = user.slice(SA_USER_PREFIX.length);
  const colon = rest.indexOf(':');
  if (colon <= 0 || colon === rest.length - 1) return undefined;
  return [rest.slice(0, colon), rest.slice(colon + 1)];
}

/** Built-in groups the API server adds to every authenticated request of a service account. */
export const saBuiltinGroups = (namespace: string): string[] => [`system:serviceaccounts:${namespace}`, 'system:serviceaccounts', 'system:authenticated'];
export const MASTERS = 'system:masters';

const boundary = (c: string | undefined) => c === undefined || !/[A-Za-z0-9]/.test(c);

/** Whether `segment` contains `name` not glued to other letters or digits (`dev` is not in `developer`). */
function containsName(segment: string, name: string): boolean {
  for (let at = segment.indexOf(name); at !== -1; at = segment.indexOf(name, at + 1)) {
    if (boundary(segment[at - 1]) && boundary(segment[at + name.length])) return true;
  }
  return false;
}

/**
 * Suffixes and words kubectl export files are commonly named with, which are not part of the
 * cluster's name: `prod-eks.rbac.json`, `prod-eks-serviceaccounts.yaml`, `prod-eks_kubectl.json`.
 */
const NOT_A_NAME = new Set([
  'json', 'yaml', 'yml', 'txt', 'out', 'kubectl', 'rbac', 'k8s', 'export', 'exports', 'dump', 'get', 'all', 'output', 'objects', 'resources', 'list',
  'role', 'roles', 'rolebinding', 'rolebindings', 'clusterrole', 'clusterroles', 'clusterrolebinding', 'clusterrolebindings', 'binding', 'bindings',
  'sa', 'sas', 'serviceaccount', 'serviceaccounts', 'secret', 'secrets', 'configmap', 'configmaps', 'workload', 'workloads', 'pod', 'pods',
  'deployment', 'deployments', 'namespace', 'namespaces', 'aws', 'auth', 'awsauth',
]);

/** The cluster name a file name suggests, or undefined when only export words remain. */
export function clusterFromFileName(file: string): string | undefined {
  // Multi-word kind names first (`cluster-role-bindings`), so `cluster` is not left behind.
  const words = file.replace(/cluster[-_]?role[-_]?bindings?|cluster[-_]?roles?|role[-_]?bindings?|service[-_]?accounts?|config[-_]?maps?|describe[-_]?cluster/gi, 'rbac');
  const tokens = words.split(/([._-])/);
  // Strip export words from the end (extensions, `-rbac`, `.kubectl`...), then from the start.
  const isWord = (t: string) => NOT_A_NAME.has(t.toLowerCase());
  const isSep = (t: string) => t === '.' || t === '_' || t === '-' || t === '';
  while (tokens.length && (isSep(tokens[tokens.length - 1]!) || isWord(tokens[tokens.length - 1]!))) tokens.pop();
  while (tokens.length && (isSep(tokens[0]!) || isWord(tokens[0]!))) tokens.shift();
  const name = tokens.join('');
  return name.length > 0 && name.length <= 100 ? name : undefined;
}

const FALLBACK_CLUSTER = 'cluster';

/**
 * The cluster of a kubectl export: the longest cluster known to the session that the file name
 * (or else the nearest folder name) contains; else the file name without extensions and export
 * words; else `cluster`. Reports the choice once per file.
 */
export function clusterOf(ctx: ImportContext): string {
  const cached = chosen.get(ctx);
  if (cached) return cached;
  const { name, why } = chooseCluster(ctx);
  chosen.set(ctx, name);
  ctx.b.note(`cluster ${JSON.stringify(name)}: ${why}`);
  return name;
}

const chosen = new WeakMap<ImportContext, string>();

export function chooseCluster(ctx: Pick<ImportContext, 'file' | 'path' | 'facts'>): { name: string; why: string } {
  const known = [...(ctx.facts.get(CLUSTER_FACT) ?? [])].sort((a, b) => b.length - a.length);
  const segments = ctx.path.split(/[\\/]/).filter(Boolean);
  if (segments[segments.length - 1] !== ctx.file) segments.push(ctx.file);
  if (known.length) {
    // Nearest segment first: the file name, then its folder, then the folder's parent...
    for (let i = segments.length - 1; i >= 0; i--) {
      const seg = segments[i]!;
      const hit = known.find((k) => containsName(seg, k));
      if (hit) return { name: hit, why: `a cluster described by another file of the session, named in the ${i === segments.length - 1 ? 'file name' : `folder name ${JSON.stringify(seg)}`}` };
    }
  }
  const fromName = clusterFromFileName(ctx.file);
  if (fromName) return { name: fromName, why: `taken from the file name (kubectl output names no cluster${known.length ? `; no known cluster (${known.slice(0, 3).join(', ')}) is named in the path` : ''}); import the cluster's describe-cluster output or name the file after the cluster to change it` };
  const folder = segments.length >= 2 ? clusterFromFileName(segments[segments.length - 2]!) : undefined;
  if (folder) return { name: folder, why: 'taken from the folder name (kubectl output names no cluster)' };
  return { name: FALLBACK_CLUSTER, why: `kubectl output names no cluster and neither the file name nor the session tells it; named ${JSON.stringify(FALLBACK_CLUSTER)} (name the file after the cluster, e.g. prod-eks.rbac.json)` };
}
