/**
 * Kubernetes privilege escalation: from what a subject holds (capabilities.ts) to the identities
 * it can act as. Each finding names its technique, the permissions used and the binding and rule
 * behind each; `resourceNames` limit targets exactly; what depends on facts the exports cannot
 * settle (a Kubernetes version, an object to modify) is kept, marked conditional, with a note.
 */
import type { TechniqueDescription } from '../derived-writes';
import type { Evidence } from '../../model/types';
import { allows, addBindingCaps, capsOfRole, CONTROLLER_RESOURCES, Scope, WORKLOAD_RESOURCES, type HolderCaps, type Source, type Use } from './capabilities';
import type { ClusterIndex, CompiledRole, K8sModel, ServiceAccountInfo, TokenInfo, WorkloadInfo } from './model';
import { groupId, MASTERS, parseSaUser, saId, userId } from './ids';

/** How each technique is listed (CLI, README). */
export type K8sTechnique = TechniqueDescription;

export const K8S_TECHNIQUES: readonly K8sTechnique[] = [
  { id: 'k8s-cluster-admin', name: 'Cluster administrator', description: 'Holds * on * in every API group cluster-wide (cluster-admin), or is in system:masters, which bypasses RBAC' },
  { id: 'k8s-create-workload', name: 'Create or rewrite workloads', description: 'Creating a pod (or a Deployment, DaemonSet, StatefulSet, ReplicaSet, ReplicationController, Job, CronJob), or rewriting a controller\'s pod template, runs code as any service account of the namespace and mounts its token' },
  { id: 'k8s-pod-exec', name: 'Exec into running pods', description: 'pods/exec (or an ephemeral container, or a new image on a running pod) runs commands in a running pod and reads the token of the service account it runs as' },
  { id: 'k8s-read-secrets', name: 'Read service-account token secrets', description: 'Reading Secrets gives the legacy service-account tokens stored there; creating a service-account-token Secret and reading it mints one for any service account of the namespace' },
  { id: 'k8s-token-request', name: 'Request service-account tokens', description: 'create on serviceaccounts/token issues a token for the service account (TokenRequest API)' },
  { id: 'k8s-bind-escalate', name: 'Bind or escalate roles', description: 'bind lets a subject grant itself any role it may bind; escalate lets it add any rule to a role it is bound to' },
  { id: 'k8s-impersonate', name: 'Impersonate users, groups or service accounts', description: 'impersonate acts as the named users, groups (system:masters: cluster admin) or service accounts' },
];

const TECHNIQUE = new Map(K8S_TECHNIQUES.map((t) => [t.id, t]));
export const techniqueName = (id: string): string => TECHNIQUE.get(id)?.name ?? id;

export interface Permission {
  action: string;
  resource: string;
  decision: 'allowed' | 'conditional';
}

export interface Finding {
  source: string;
  /** An identity, a token, an identity set (`set:...`) or the cluster's admin node (`admin`). */
  target: string;
  technique: string;
  conditional: boolean;
  permissions: Permission[];
  evidence: Evidence[];
  notes: string[];
}

/** A target list larger than this becomes one identity set (members drawn by the reach index). */
export const SET_THRESHOLD = 10;
export const ADMIN = 'admin';

export interface IdentitySet {
  id: string;
  name: string;
  cluster: string;
  members: string[];
}

const scopeText = (ns: string | undefined) => (ns === undefined ? 'cluster-wide' : `in namespace ${ns}`);

function ruleEvidence(s: Source, perm: string, where: string): Evidence {
  const { binding, rule } = s;
  const role = binding.role;
  const roleText = `${role.kind} ${role.kind === 'Role' ? `${role.namespace}/${role.name}` : role.name}${rule.from ? ` (aggregated from ${rule.from})` : ''}`;
  return {
    file: binding.file,
    location: `${binding.kind} ${binding.name} → ${roleText} rules[${rule.index}]`,
    policy: role.id,
    statement: `rules[${rule.index}]`,
    note: `${perm} ${where}${role.assumed ? ' (cluster-admin is not in the exports: its built-in rules are assumed)' : ''}; binding at ${binding.location}`,
  };
}

/** Collects findings for one cluster, merging those with the same source, target and technique. */
export class FindingSink {
  readonly findings = new Map<string, Finding>();
  readonly sets = new Map<string, IdentitySet>();

  constructor(readonly cluster: ClusterIndex) {}

  add(source: string, target: string, technique: string, uses: Use[], where: string, conditional: boolean, note?: string): void {
    if (source === target) return;
    const key = `${source}|${target}|${technique}`;
    let f = this.findings.get(key);
    if (!f) this.findings.set(key, (f = { source, target, technique, conditional, permissions: [], evidence: [], notes: [] }));
    else f.conditional = f.conditional && conditional;
    for (const u of uses) {
      const perm = { action: u.perm, resource: where, decision: conditional ? 'conditional' : 'allowed' } as Permission;
      if (!f.permissions.some((p) => p.action === perm.action && p.resource === perm.resource)) f.permissions.push(perm);
      for (const s of u.sources) {
        const ev = ruleEvidence(s, u.perm, where);
        if (f.evidence.length < 8 && !f.evidence.some((e) => e.location === ev.location && e.note === ev.note)) f.evidence.push(ev);
      }
    }
    if (note && !f.notes.includes(note)) f.notes.push(note);
  }

  /**
   * Many targets at once: an identity set when there are many, else one finding each. A set's
   * key names what it holds (`serviceaccounts:<ns>`, `tokens:<ns>`...): callers pass the whole of
   * it, never a holder-dependent part, so every holder's edge to it means the same members.
   */
  addMany(source: string, targets: readonly string[], set: { key: string; name: string }, technique: string, uses: Use[], where: string, conditional: boolean, note?: string, skip?: ReadonlySet<string>): void {
    if (targets.length <= SET_THRESHOLD + 1 + (skip?.size ?? 0)) {
      const list = targets.filter((t) => t !== source && !skip?.has(t));
      if (list.length <= SET_THRESHOLD) {
        for (const t of list) this.add(source, t, technique, uses, where, conditional, note);
        return;
      }
    }
    const id = `set:kubernetes:${this.cluster.name}:${set.key}`;
    if (!this.sets.has(id)) this.sets.set(id, { id, name: set.name, cluster: this.cluster.name, members: [...targets] });
    this.add(source, id, technique, uses, where, conditional, note);
  }
}

/** Everything the technique functions need for one holder in one scope. */
interface Ctx {
  model: K8sModel;
  cluster: ClusterIndex;
  sink: FindingSink;
  holder: string;
  scope: Scope;
  asOf: number;
  /** Findings are re-labelled (bind a role to oneself) and carry the extra permissions used. */
  relabel?: { technique: string; uses: Use[]; note: string; conditional: boolean };
}

/** The scope's service accounts (every one of the cluster for a cluster-wide scope): no copy. */
const sasIn = (c: Ctx, ns: string | undefined): readonly ServiceAccountInfo[] => (ns === undefined ? c.cluster.serviceAccounts : (c.cluster.serviceAccountsByNs.get(ns) ?? []));
const workloadsIn = (c: Ctx, ns: string | undefined): readonly WorkloadInfo[] => (ns === undefined ? c.cluster.workloads : (c.cluster.workloadsByNs.get(ns) ?? []));
const tokensIn = (c: Ctx, ns: string | undefined): readonly TokenInfo[] => (ns === undefined ? c.cluster.tokens : (c.cluster.tokensByNs.get(ns) ?? []));

function emit(c: Ctx, target: string, technique: string, uses: Use[], conditional: boolean, note?: string): void {
  if (c.scope.namespace !== undefined && !uses.some((u) => u.local) && !c.relabel) return;
  const where = scopeText(c.scope.namespace);
  if (c.relabel) c.sink.add(c.holder, target, c.relabel.technique, [...c.relabel.uses, ...uses], where, conditional || c.relabel.conditional, c.relabel.note + (note ? `; ${note}` : ''));
  else c.sink.add(c.holder, target, technique, uses, where, conditional, note);
}

/** Many targets: drawn one by one when few, else as one identity set of the scope. */
function emitMany(c: Ctx, ids: readonly string[], set: { what: string; label: string }, technique: string, uses: Use[], conditional: boolean, note?: string, skip?: ReadonlySet<string>): void {
  if (c.scope.namespace !== undefined && !uses.some((u) => u.local) && !c.relabel) return;
  const ns = c.scope.namespace;
  const where = scopeText(ns);
  const key = ns === undefined ? set.what : `${set.what}:${ns}`;
  const name = ns === undefined ? `${set.label} of cluster ${c.cluster.name}` : `${set.label} of namespace ${ns} (cluster ${c.cluster.name})`;
  if (c.relabel) c.sink.addMany(c.holder, ids, { key, name }, c.relabel.technique, [...c.relabel.uses, ...uses], where, conditional || c.relabel.conditional, c.relabel.note + (note ? `; ${note}` : ''), skip);
  else c.sink.addMany(c.holder, ids, { key, name }, technique, uses, where, conditional, note, skip);
}

const SERVICE_ACCOUNTS = { what: 'serviceaccounts', label: 'every service account' };

const idLists = new WeakMap<readonly ServiceAccountInfo[], string[]>();

function emitServiceAccounts(c: Ctx, sas: readonly ServiceAccountInfo[], technique: string, uses: Use[], conditional: boolean, note?: string): void {
  // The same namespace's (or cluster's) list is drawn for many holders: map it to ids once.
  let ids = idLists.get(sas);
  if (!ids) idLists.set(sas, (ids = sas.map((x) => x.id)));
  emitMany(c, ids, SERVICE_ACCOUNTS, technique, uses, conditional, note);
}

/** Create a workload, or rewrite a controller's pod template: any service account of the scope. */
function createWorkload(c: Ctx, note?: string): void {
  const creates = WORKLOAD_RESOURCES.map(([r]) => c.scope.get('create', r)).filter((u): u is Use => u !== undefined && u.names === 'all');
  const sas = () => sasIn(c, c.scope.namespace);
  if (creates.length) return emitServiceAccounts(c, sas(), 'k8s-create-workload', creates.slice(0, 2), false, note);
  for (const [resource] of CONTROLLER_RESOURCES) {
    const use = c.scope.best(['patch', 'update'], resource);
    if (!use) continue;
    const workloads = workloadsIn(c, c.scope.namespace);
    const existing = workloads.filter((w) => w.resource === resource && allows(use, w.name));
    if (existing.length) emitServiceAccounts(c, sas(), 'k8s-create-workload', [use], false, `rewrite the pod template of ${existing[0]!.kind} ${existing[0]!.namespace}/${existing[0]!.name} to run as another service account`);
    else if (use.names === 'all') emitServiceAccounts(c, sas(), 'k8s-create-workload', [use], true, `needs an existing ${resource} to rewrite; none is in the exports`);
  }
}

const tokenMounted = (c: Ctx, w: WorkloadInfo) => w.automount ?? c.model.serviceAccounts.get(w.sa)?.automount ?? true;

/** Running workloads of the scope with a token mounted, one per service account (memo per scope). */
function runningWorkloads(c: Ctx): Map<string, WorkloadInfo> {
  const key = c.scope.namespace ?? '';
  let m = c.cluster.running.get(key);
  if (m) return m;
  m = new Map();
  for (const w of workloadsIn(c, c.scope.namespace)) if (w.kind !== 'CronJob' && w.replicas !== 0 && tokenMounted(c, w) && !m.has(w.sa)) m.set(w.sa, w);
  c.cluster.running.set(key, m);
  return m;
}

/** Pods named by a rule (pod names of controllers are generated: a name can only match a Pod). */
function namedPods(c: Ctx, names: readonly string[]): Map<string, WorkloadInfo> {
  const m = new Map<string, WorkloadInfo>();
  for (const w of workloadsIn(c, c.scope.namespace)) if (w.kind === 'Pod' && names.includes(w.name) && tokenMounted(c, w) && !m.has(w.sa)) m.set(w.sa, w);
  return m;
}

/** Exec into (or take over) running pods: the service accounts whose tokens they mount. */
function podExec(c: Ctx): void {
  const uses: [Use, boolean, string?][] = [];
  const push = (u: Use | undefined, conditional: boolean, note?: string) => u && uses.push([u, conditional, note]);
  push(c.scope.get('create', 'pods/exec'), false);
  push(c.scope.best(['patch', 'update'], 'pods/ephemeralcontainers'), false, 'add an ephemeral container that mounts the token volume');
  push(c.scope.best(['patch', 'update'], 'pods'), false, 'replace a container image of the running pod');
  push(c.scope.get('get', 'pods/exec'), true, 'get on pods/exec allows exec over WebSockets only before Kubernetes 1.31 (or with AuthorizePodWebsocketUpgradeCreatePermission off)');
  if (!uses.length) return;
  for (const [use, conditional, note] of uses) {
    const withNote = (w: WorkloadInfo) => `${note ? `${note}; ` : ''}${w.kind} ${w.namespace}/${w.name} runs as it with its token mounted`;
    if (use.names !== 'all') {
      // Named pods: a few direct edges (identity sets stand only for whole scopes).
      for (const [sa, w] of namedPods(c, use.names)) emit(c, sa, 'k8s-pod-exec', [use], conditional, withNote(w));
      continue;
    }
    const bySa = runningWorkloads(c);
    if (bySa.size === 1) {
      const [sa, w] = [...bySa][0]!;
      emit(c, sa, 'k8s-pod-exec', [use], conditional, withNote(w));
    } else if (bySa.size) emitMany(c, [...bySa.keys()], { what: 'running-serviceaccounts', label: 'the service accounts of running pods' }, 'k8s-pod-exec', [use], conditional, note ?? 'each runs a pod with its token mounted');
  }
}

/** Read legacy token Secrets, or mint one (create a token Secret, then read it). */
function readSecrets(c: Ctx): void {
  const list = c.scope.best(['list', 'watch'], 'secrets');
  const get = c.scope.get('get', 'secrets');
  const all = list?.names === 'all' ? list : get?.names === 'all' ? get : undefined;
  const guess = all !== undefined && all === get;
  const guessNote = "get without list needs the Secret's name (legacy token names end in a random suffix)";
  if (list || get) {
    const valid: string[] = [];
    const own = new Set<string>();
    for (const t of tokensIn(c, c.scope.namespace)) {
      const invalid = t.invalidSince !== undefined && Date.parse(t.invalidSince) <= c.asOf;
      if (all && !invalid) valid.push(t.id);
      if (t.sa === c.holder) {
        own.add(t.id);
        continue;
      }
      const named = [list, get].find((u) => u !== undefined && u.names !== 'all' && u.names.includes(t.name));
      if (invalid && (named ?? all)) emit(c, t.id, 'k8s-read-secrets', [(named ?? all)!], true, `the token was marked invalid on ${t.invalidSince!.slice(0, 10)}${!named && guess ? `; ${guessNote}` : ''}`);
      // A name the rule lists is known: certain even where the scope-wide read is only a guess.
      else if (named && (!all || guess)) emit(c, t.id, 'k8s-read-secrets', [named], false);
    }
    // Every valid token of the scope: a set when many (the holder's own is skipped only when drawn one by one).
    if (valid.length && all) emitMany(c, valid, { what: 'tokens', label: 'every valid service-account token Secret' }, 'k8s-read-secrets', [all], guess, guess ? guessNote : undefined, own);
  }
  const create = c.scope.get('create', 'secrets');
  if (create?.names === 'all' && all) {
    emitServiceAccounts(c, sasIn(c, c.scope.namespace), 'k8s-read-secrets', [create, all], false, 'create a kubernetes.io/service-account-token Secret for the service account; the token controller fills it in');
  }
}

/** TokenRequest: create on serviceaccounts/token names the service account in the URL. */
function tokenRequest(c: Ctx): void {
  const use = c.scope.get('create', 'serviceaccounts/token');
  if (!use) return;
  if (use.names === 'all') emitServiceAccounts(c, sasIn(c, c.scope.namespace), 'k8s-token-request', [use], false);
  else for (const s of sasIn(c, c.scope.namespace)) if (use.names.includes(s.name)) emit(c, s.id, 'k8s-token-request', [use], false);
}

function impersonate(c: Ctx): void {
  const ns = c.scope.namespace;
  const sasUse = c.scope.get('impersonate', 'serviceaccounts');
  if (sasUse) {
    if (sasUse.names === 'all') emitServiceAccounts(c, sasIn(c, ns), 'k8s-impersonate', [sasUse], false);
    else for (const s of sasIn(c, ns)) if (sasUse.names.includes(s.name)) emit(c, s.id, 'k8s-impersonate', [sasUse], false);
  }
  if (ns !== undefined) return;
  const users = c.scope.get('impersonate', 'users');
  if (users?.names === 'all') {
    // Any user name, including system:serviceaccount:NS:NAME: every identity of the cluster.
    emitServiceAccounts(c, c.cluster.serviceAccounts, 'k8s-impersonate', [users], false);
    emitMany(c, c.cluster.users, { what: 'users', label: 'every user named' }, 'k8s-impersonate', [users], false);
  } else if (users) {
    for (const name of users.names) {
      const sa = parseSaUser(name);
      const id = sa ? saId(c.cluster.name, sa[0], sa[1]) : userId(c.cluster.name, name);
      if (c.model.graph.hasNode(id)) emit(c, id, 'k8s-impersonate', [users], false);
    }
  }
  const groups = c.scope.get('impersonate', 'groups');
  if (!groups) return;
  // Impersonate-Group is refused without Impersonate-User.
  const conditional = !users;
  const note = conditional ? 'impersonating a group also needs impersonate on some user, which the exports do not show' : undefined;
  const names = groups.names === 'all' ? [MASTERS] : groups.names;
  for (const g of names) {
    if (g === MASTERS) emit(c, ADMIN, 'k8s-impersonate', users ? [groups, users] : [groups], conditional, note);
    else if (c.model.graph.hasNode(groupId(c.cluster.name, g))) emit(c, groupId(c.cluster.name, g), 'k8s-impersonate', users ? [groups, users] : [groups], conditional, note);
  }
}

const NON_BIND_TECHNIQUES: ((c: Ctx) => void)[] = [(c) => createWorkload(c), podExec, readSecrets, tokenRequest, impersonate];

/** What binding `role` in the scope would give: its own escalations, re-labelled as bind. */
function bindRole(c: Ctx, role: CompiledRole, uses: Use[], clusterWide: boolean, modify: boolean): void {
  const everywhere = !clusterWide && c.scope.namespace === undefined;
  const note = `${modify ? `${REWRITE_NOTE}; ` : ''}bind ${role.kind} ${role.name} to itself ${clusterWide ? 'cluster-wide' : everywhere ? 'with RoleBindings in every namespace' : scopeText(c.scope.namespace)}`;
  if (role.admin) {
    if (clusterWide) emit(c, ADMIN, 'k8s-bind-escalate', uses, modify, note);
    else emitServiceAccounts(c, sasIn(c, c.scope.namespace), 'k8s-bind-escalate', uses, modify, note);
    return;
  }
  const caps: HolderCaps = new Map();
  const ns = clusterWide ? undefined : c.scope.namespace;
  addBindingCaps(caps, { id: 'synthetic', kind: clusterWide ? 'ClusterRoleBinding' : 'RoleBinding', name: '(new)', role, namespace: ns, file: 'analysis', location: note }, capsOfRole(role), everywhere);
  const scope = new Scope(ns, caps.get(ns ?? ''), undefined);
  const sub: Ctx = { ...c, scope, relabel: { technique: 'k8s-bind-escalate', uses, note, conditional: modify } };
  for (const t of NON_BIND_TECHNIQUES) t(sub);
}

/** Creating a binding, or (conditionally) rewriting an existing one's subjects. */
function binder(c: Ctx, resource: string): { use: Use; modify: boolean } | undefined {
  const create = c.scope.get('create', resource);
  if (create?.names === 'all') return { use: create, modify: false };
  const modify = c.scope.best(['patch', 'update'], resource);
  return modify ? { use: modify, modify: true } : undefined;
}

const REWRITE_NOTE = 'rewrites the subjects of an existing binding of the role (its roleRef cannot change): needs one to exist';

function bindEscalate(c: Ctx): void {
  const ns = c.scope.namespace;
  const clusterRoles = (names: readonly string[]) => [...c.cluster.roles.values()].filter((r) => r.kind === 'ClusterRole' && !r.missing && names.includes(r.name));
  const bindCR = c.scope.get('bind', 'clusterroles');
  const bindR = ns === undefined ? undefined : c.scope.get('bind', 'roles');
  // bind + a ClusterRoleBinding: cluster-wide.
  const crb = ns === undefined ? binder(c, 'clusterrolebindings') : undefined;
  let admin = false;
  if (bindCR && crb) {
    const uses = [bindCR, crb.use];
    const note = crb.modify ? REWRITE_NOTE : 'bind cluster-admin to itself cluster-wide';
    if (bindCR.names === 'all' || bindCR.names.includes('cluster-admin')) {
      emit(c, ADMIN, 'k8s-bind-escalate', uses, crb.modify, note);
      admin = !crb.modify;
    } else for (const r of clusterRoles(bindCR.names)) bindRole(c, r, uses, true, crb.modify);
  }
  // bind + a RoleBinding: in the namespace (in every namespace when cluster-wide).
  const rb = binder(c, 'rolebindings');
  if (rb && (bindCR || bindR) && !admin) {
    const where = ns === undefined ? 'in every namespace' : scopeText(ns);
    if (bindCR?.names === 'all') emitServiceAccounts(c, sasIn(c, ns), 'k8s-bind-escalate', [bindCR, rb.use], rb.modify, rb.modify ? REWRITE_NOTE : `bind cluster-admin to itself with a RoleBinding ${where}`);
    else {
      if (bindCR) for (const r of clusterRoles(bindCR.names)) bindRole(c, r, [bindCR, rb.use], false, rb.modify);
      if (bindR && ns !== undefined) {
        for (const r of c.cluster.roles.values()) {
          if (r.kind === 'Role' && r.namespace === ns && !r.missing && allows(bindR, r.name)) bindRole(c, r, [bindR, rb.use], false, rb.modify);
        }
      }
    }
  }
  // escalate + update a role the holder is already bound to: add any rule to it.
  for (const group of c.model.bindingsOf(c.holder)) {
    for (const b of group) {
      const role = b.role;
      const resource = role.kind === 'Role' ? 'roles' : 'clusterroles';
      // Rewriting a ClusterRole is a cluster-scoped request; a Role is rewritten in its namespace.
      if (role.kind === 'ClusterRole' ? ns !== undefined : ns !== role.namespace) continue;
      const esc = c.scope.get('escalate', resource);
      const upd = c.scope.best(['patch', 'update'], resource);
      if (!allows(esc, role.name) || !allows(upd, role.name)) continue;
      const note = `add any rule to ${role.kind} ${role.name}, bound to it by ${b.kind} ${b.name}`;
      if (b.namespace === undefined) emit(c, ADMIN, 'k8s-bind-escalate', [esc!, upd!], false, note);
      else emitServiceAccounts({ ...c, scope: new Scope(b.namespace, undefined, undefined) }, sasIn(c, b.namespace), 'k8s-bind-escalate', [{ ...esc!, local: true }, { ...upd!, local: true }], false, note);
    }
  }
}

const ALL_TECHNIQUES = [...NON_BIND_TECHNIQUES, bindEscalate];

/**
 * Every escalation of one holder, from its capabilities in each scope. In a namespace where it
 * holds every permission (cluster-admin through a RoleBinding), one technique says it all.
 */
export function holderFindings(model: K8sModel, cluster: ClusterIndex, sink: FindingSink, holder: string, caps: HolderCaps, asOf: number, namespaceAdmin: ReadonlySet<string> = new Set()): void {
  const clusterWide = caps.get('');
  const scopes: Scope[] = clusterWide ? [new Scope(undefined, clusterWide, undefined)] : [];
  for (const [ns, m] of caps) if (ns !== '') scopes.push(new Scope(ns, m, clusterWide));
  for (const scope of scopes) {
    const c: Ctx = { model, cluster, sink, holder, scope, asOf };
    if (scope.namespace !== undefined && namespaceAdmin.has(scope.namespace)) createWorkload(c, `holds every permission in namespace ${scope.namespace}`);
    else for (const t of ALL_TECHNIQUES) t(c);
  }
}
