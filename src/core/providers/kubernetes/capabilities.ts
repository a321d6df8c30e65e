/**
 * The permissions escalation cares about, and what each subject holds of them, per scope.
 *
 * A role's capabilities (which names it allows for each escalation-relevant permission) are
 * computed once per role; a subject's are the union over its bindings, each applied in the
 * binding's scope (one namespace, or cluster-wide). With a million bindings this is one small
 * merge per binding, not a rule evaluation per binding.
 */
import type { Binding, CompiledRole, RuleRef } from './model';
import { ruleNames, type Names } from './rbac';

interface Perm {
  verb: string;
  groups: readonly string[];
  resource: string;
  /** Cluster-scoped: a RoleBinding cannot grant it (except `bind`, checked in the binding's namespace). */
  clusterScoped?: boolean;
}

const CORE = [''];
const APPS = ['apps', 'extensions'];
const BATCH = ['batch'];
const RBAC = ['rbac.authorization.k8s.io'];

/** Workload resources whose creation runs a pod as any service account of the namespace. */
export const WORKLOAD_RESOURCES: readonly [string, readonly string[]][] = [
  ['pods', CORE], ['replicationcontrollers', CORE], ['deployments', APPS], ['replicasets', APPS], ['daemonsets', APPS], ['statefulsets', ['apps']], ['jobs', BATCH], ['cronjobs', BATCH],
];
/** Controllers whose pod template can be rewritten (new service account, new image). */
export const CONTROLLER_RESOURCES = WORKLOAD_RESOURCES.filter(([r]) => r !== 'pods' && r !== 'jobs');

const PERMS: Perm[] = [
  ...WORKLOAD_RESOURCES.map(([resource, groups]) => ({ verb: 'create', groups, resource })),
  ...CONTROLLER_RESOURCES.flatMap(([resource, groups]) => ['update', 'patch'].map((verb) => ({ verb, groups, resource }))),
  { verb: 'update', groups: CORE, resource: 'pods' },
  { verb: 'patch', groups: CORE, resource: 'pods' },
  { verb: 'create', groups: CORE, resource: 'pods/exec' },
  { verb: 'get', groups: CORE, resource: 'pods/exec' },
  { verb: 'update', groups: CORE, resource: 'pods/ephemeralcontainers' },
  { verb: 'patch', groups: CORE, resource: 'pods/ephemeralcontainers' },
  ...['get', 'list', 'watch', 'create'].map((verb) => ({ verb, groups: CORE, resource: 'secrets' })),
  { verb: 'create', groups: CORE, resource: 'serviceaccounts/token' },
  { verb: 'bind', groups: RBAC, resource: 'roles' },
  { verb: 'bind', groups: RBAC, resource: 'clusterroles' },
  { verb: 'escalate', groups: RBAC, resource: 'roles' },
  { verb: 'escalate', groups: RBAC, resource: 'clusterroles', clusterScoped: true },
  ...['create', 'update', 'patch'].map((verb) => ({ verb, groups: RBAC, resource: 'roles' })),
  ...['create', 'update', 'patch'].map((verb) => ({ verb, groups: RBAC, resource: 'clusterroles', clusterScoped: true })),
  ...['create', 'update', 'patch'].map((verb) => ({ verb, groups: RBAC, resource: 'rolebindings' })),
  ...['create', 'update', 'patch'].map((verb) => ({ verb, groups: RBAC, resource: 'clusterrolebindings', clusterScoped: true })),
  { verb: 'impersonate', groups: CORE, resource: 'users', clusterScoped: true },
  { verb: 'impersonate', groups: CORE, resource: 'groups', clusterScoped: true },
  { verb: 'impersonate', groups: CORE, resource: 'serviceaccounts' },
];

export const permKey = (verb: string, resource: string): string => `${verb} ${resource}`;
const CLUSTER_SCOPED = new Set(PERMS.filter((p) => p.clusterScoped).map((p) => permKey(p.verb, p.resource)));

export interface RoleCap {
  names: Names;
  rules: RuleRef[];
}

const roleCaps = new WeakMap<CompiledRole, Map<string, RoleCap>>();

/** What a role allows of the escalation-relevant permissions (memoised per role). */
export function capsOfRole(role: CompiledRole): Map<string, RoleCap> {
  let caps = roleCaps.get(role);
  if (caps) return caps;
  caps = new Map();
  for (const ref of role.rules) {
    if (!ref.rule.resources.length) continue;
    for (const p of PERMS) {
      let names: Names | undefined;
      for (const g of p.groups) {
        names = ruleNames(ref.rule, p.verb, g, p.resource);
        if (names) break;
      }
      if (!names) continue;
      const key = permKey(p.verb, p.resource);
      const cur = caps.get(key);
      if (!cur) caps.set(key, { names, rules: [ref] });
      else {
        cur.names = unionNames(cur.names, names);
        if (cur.rules.length < 4) cur.rules.push(ref);
      }
    }
  }
  roleCaps.set(role, caps);
  return caps;
}

export function unionNames(a: Names, b: Names): Names {
  if (a === 'all' || b === 'all') return 'all';
  return [...new Set([...a, ...b])];
}

export interface Source {
  binding: Binding;
  rule: RuleRef;
}

export interface HolderCap {
  names: Names;
  sources: Source[];
}

/** scope ('' = cluster-wide, else a namespace) → permission → what the subject holds. */
export type HolderCaps = Map<string, Map<string, HolderCap>>;

const MAX_SOURCES = 4;

/**
 * Add what a binding grants. `namespacedOnly`: RoleBindings in every namespace at once, which,
 * like any RoleBinding, grant nothing on cluster-scoped resources.
 */
export function addBindingCaps(into: HolderCaps, binding: Binding, caps: Map<string, RoleCap> = capsOfRole(binding.role), namespacedOnly = false): void {
  if (!caps.size) return;
  const scope = binding.namespace ?? '';
  for (const [key, cap] of caps) {
    // A RoleBinding grants nothing on cluster-scoped resources; `bind` on clusterroles is
    // checked in the namespace of the RoleBinding being created, so it does count there.
    if ((scope || namespacedOnly) && CLUSTER_SCOPED.has(key)) continue;
    let m = into.get(scope);
    if (!m) into.set(scope, (m = new Map()));
    const cur = m.get(key);
    const sources = cap.rules.map((rule) => ({ binding, rule }));
    if (!cur) m.set(key, { names: cap.names, sources: sources.slice(0, MAX_SOURCES) });
    else {
      cur.names = unionNames(cur.names, cap.names);
      for (const s of sources) if (cur.sources.length < MAX_SOURCES) cur.sources.push(s);
    }
  }
}

/** A permission as held in one scope: the namespace's own grants and the cluster-wide ones. */
export interface Use {
  perm: string;
  names: Names;
  sources: Source[];
  /** Some of it comes from a grant of this very scope (not only cluster-wide ones). */
  local: boolean;
}

export class Scope {
  constructor(
    /** undefined: cluster-wide. */
    readonly namespace: string | undefined,
    private readonly own: Map<string, HolderCap> | undefined,
    private readonly clusterWide: Map<string, HolderCap> | undefined,
  ) {}

  get(verb: string, resource: string): Use | undefined {
    const perm = permKey(verb, resource);
    const a = this.own?.get(perm);
    const b = this.clusterWide?.get(perm);
    if (!a && !b) return undefined;
    if (a && b) return { perm, names: unionNames(a.names, b.names), sources: [...a.sources, ...b.sources].slice(0, MAX_SOURCES), local: true };
    const one = (a ?? b)!;
    return { perm, names: one.names, sources: one.sources, local: Boolean(a) };
  }

  /** The first of several permissions held with every name, else the first held at all. */
  best(verbs: readonly string[], resource: string): Use | undefined {
    const uses = verbs.map((v) => this.get(v, resource)).filter((u): u is Use => u !== undefined);
    return uses.find((u) => u.names === 'all') ?? uses[0];
  }
}

export const allows = (u: Use | undefined, name: string): boolean => u !== undefined && (u.names === 'all' || u.names.includes(name));
