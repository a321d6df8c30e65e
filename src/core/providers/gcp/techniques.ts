/**
 * GCP privilege escalation, from the evaluator's bindings: one pass over the bindings grouped by
 * member, keeping only the permissions that matter here (a few dozen, precomputed per role).
 * A permission granted on a project (folder, organization) applies to every service account
 * below it: those targets are identity sets (one node, one edge) rather than an edge per account;
 * `resourcemanager.projects.setIamPolicy` on a folder or organization reaches the administrator of
 * every project below it through one set as well.
 */
import type { TechniqueDescription } from '../derived-writes';
import type { Evidence } from '../../model/types';
import type { PotentialFinding } from '../types';
import { adminNodeId } from '../types';
import { edgeKey } from '../../model/fragment';
import type { Binding, GcpModel } from './evaluate';
import { customRoleParent, hierarchyId, hierarchyShort, projectNodeId, scopeOfShort } from './names';

/** How each technique is listed (CLI, README). */
export type GcpTechnique = TechniqueDescription;

export const GCP_TECHNIQUES: readonly GcpTechnique[] = [
  { id: 'gcp-set-iam-policy', name: 'Set an IAM policy', description: 'setIamPolicy on a project, folder or organization makes its holder administrator of it (it can grant itself roles/owner); on a service account, it can grant itself the right to impersonate it. An administrator of a folder or organization administers everything below it.' },
  { id: 'gcp-actas-deploy', name: 'Act as a service account by deploying code', description: 'iam.serviceAccounts.actAs together with a deploy permission (compute.instances.create, cloudfunctions.functions.create/update, run.services.create/update, cloudbuild.builds.create, dataproc, composer, deployment manager, ...) runs code as the service account. Across projects it also needs the organization policy iam.disableCrossProjectServiceAccountUsage to be off.' },
  { id: 'gcp-token-creator', name: 'Mint a service account token', description: 'iam.serviceAccounts.getAccessToken, signBlob or signJwt give credentials of the service account; getOpenIdToken (an ID token only) and implicitDelegation (a delegation step) are shown as conditional.' },
  { id: 'gcp-sa-key-create', name: 'Create a service account key', description: 'iam.serviceAccountKeys.create gives a long-lived private key of the service account (unless the organization policy iam.disableServiceAccountKeyCreation is enforced).' },
  { id: 'gcp-role-update', name: 'Update a custom role', description: 'iam.roles.update on a custom role lets its holder add any permission (e.g. setIamPolicy) to it: whoever holds the role where it is granted gets them. Conditional when the updater does not hold the role itself.' },
  { id: 'gcp-member-of', name: 'Holds the grants of a group, domain or project role', description: 'A member of a Google group, an account of a domain, or a holder of a basic role behind a projectOwner:/projectEditor:/projectViewer: member holds everything granted to it.' },
];

const T = Object.fromEntries(GCP_TECHNIQUES.map((t) => [t.id, t])) as Record<string, GcpTechnique>;

const SET_PROJECT = 'resourcemanager.projects.setIamPolicy';
const SET_FOLDER = 'resourcemanager.folders.setIamPolicy';
const SET_ORG = 'resourcemanager.organizations.setIamPolicy';
const SET_SA = 'iam.serviceAccounts.setIamPolicy';
const ACT_AS = 'iam.serviceAccounts.actAs';
const KEY_CREATE = 'iam.serviceAccountKeys.create';
const ROLE_UPDATE = 'iam.roles.update';
const TOKEN = ['iam.serviceAccounts.getAccessToken', 'iam.serviceAccounts.signBlob', 'iam.serviceAccounts.signJwt', 'iam.serviceAccounts.implicitDelegation', 'iam.serviceAccounts.getOpenIdToken'];
const TOKEN_SET = new Set(TOKEN);
const WEAK_TOKEN = new Set(['iam.serviceAccounts.implicitDelegation', 'iam.serviceAccounts.getOpenIdToken']);
/** Creating or updating something that runs code as a service account of one's choice. */
export const DEPLOY = [
  'compute.instances.create',
  'compute.instances.setServiceAccount',
  'cloudfunctions.functions.create',
  'cloudfunctions.functions.update',
  'run.services.create',
  'run.services.update',
  'run.jobs.create',
  'run.jobs.update',
  'cloudbuild.builds.create',
  'dataproc.clusters.create',
  'dataproc.jobs.create',
  'composer.environments.create',
  'deploymentmanager.deployments.create',
  'deploymentmanager.deployments.update',
  'cloudscheduler.jobs.create',
  'dataflow.jobs.create',
  'notebooks.instances.create',
  'aiplatform.customJobs.create',
  'workflows.workflows.create',
  'appengine.versions.create',
  'container.clusters.create',
];
const DEPLOY_SET = new Set(DEPLOY);
const INTERESTING = new Set([SET_PROJECT, SET_FOLDER, SET_ORG, SET_SA, ACT_AS, KEY_CREATE, ROLE_UPDATE, ...TOKEN, ...DEPLOY]);

export interface Finding {
  source: string;
  target: string;
  technique: GcpTechnique;
  conditional: boolean;
  permissions: { action: string; resource: string; decision: 'allowed' | 'conditional' }[];
  evidence: Evidence[];
  notes: string[];
}

export interface IdentitySetSpec {
  id: string;
  name: string;
  account: string;
  members: string[];
}

export interface TechniqueResults {
  findings: Finding[];
  admins: Map<string, { conditional: boolean }>;
  /** Scopes whose administrator node is written, with its name. */
  adminScopes: Map<string, string>;
  sets: Map<string, IdentitySetSpec>;
  potential: PotentialFinding[];
}

interface Fact {
  perm: string;
  b: Binding;
}

const MAX_EVIDENCE = 12;
const MAX_PERMISSIONS = 40;

export function detectTechniques(model: GcpModel): TechniqueResults {
  const g = model.graph;
  const found = new Map<string, Finding & { unconditional: boolean; bindings: string[] }>();
  const admins = new Map<string, { conditional: boolean }>();
  const adminScopes = new Map<string, string>();
  const sets = new Map<string, IdentitySetSpec>();
  const potential = new Map<string, { source: string; technique: GcpTechnique; scopes: string[] }>();

  const nameOf = (key: string) => {
    const short = hierarchyShort(key);
    const display = g.hasNode(key) ? g.getNodeAttribute(key, 'attributes').displayName : undefined;
    if (!short) return key;
    const [type, id] = short.split('/');
    const label = type === 'projects' ? 'project' : type === 'folders' ? 'folder' : 'organization';
    return `${label} ${typeof display === 'string' && display !== id && type !== 'projects' ? `${display} (${id})` : id}`;
  };
  const adminOf = (key: string): string => {
    const scope = scopeOfShort(hierarchyShort(key)!);
    if (!adminScopes.has(scope)) adminScopes.set(scope, `Administrator of ${nameOf(key)}`);
    return adminNodeId('gcp', scope);
  };

  /** The binding's own evidence objects, shared (a million findings must not copy them). */
  const bindingEvidence = (b: Binding): Evidence[] => (g.hasEdge(b.edge) ? g.getEdgeAttributes(b.edge).evidence.slice(0, 2) : [{ file: 'analysis', location: b.edge }]);

  const add = (source: string, target: string, technique: GcpTechnique, facts: readonly Fact[], opts: { conditional?: boolean; note?: string; evidence?: Evidence[] } = {}) => {
    // Sources are imported members, or admin nodes (written with the findings).
    if (source === target || (!g.hasNode(source) && !source.startsWith('admin:gcp:'))) return;
    const key = edgeKey('escalatesTo', source, target, technique.id);
    let f = found.get(key);
    if (!f) found.set(key, (f = { source, target, technique, conditional: true, unconditional: false, permissions: [], evidence: [], notes: [], bindings: [] }));
    const cond = opts.conditional === true || facts.some((x) => x.b.state !== 'always');
    f.unconditional ||= !cond;
    // Findings hold a few permissions and bindings: arrays searched linearly cost less than sets.
    for (const x of facts) {
      if (f.permissions.length < MAX_PERMISSIONS && !f.permissions.some((p) => p.action === x.perm && p.resource === x.b.resource)) {
        f.permissions.push({ action: x.perm, resource: x.b.resource, decision: x.b.state === 'always' ? 'allowed' : 'conditional' });
      }
      if (f.evidence.length < MAX_EVIDENCE && !f.bindings.includes(x.b.edge)) {
        f.bindings.push(x.b.edge);
        f.evidence.push(...bindingEvidence(x.b));
      }
    }
    if (opts.evidence) f.evidence.push(...opts.evidence.slice(0, MAX_EVIDENCE));
    if (opts.note && !f.notes.includes(opts.note)) f.notes.push(opts.note);
  };

  // Service accounts below each hierarchy node (their project and its ancestors).
  const saUnder = new Map<string, string[]>();
  g.forEachNode((id, a) => {
    if (a.kind !== 'gcp.serviceAccount' || !a.account || a.attributes.googleManaged === true) return;
    for (const k of model.chain(projectNodeId(a.account))) {
      if (!hierarchyShort(k)) continue;
      const list = saUnder.get(k);
      if (list) list.push(id);
      else saUnder.set(k, [id]);
    }
  });

  /** The targets a service-account permission on `key` reaches: the account, or a set. */
  const saTargets = (key: string, source: string, technique: GcpTechnique): string[] => {
    if (key.startsWith('serviceAccount:')) return g.hasNode(key) && g.getNodeAttribute(key, 'kind') === 'gcp.serviceAccount' ? [key] : [];
    const short = hierarchyShort(key);
    if (!short) return [];
    const scope = scopeOfShort(short);
    const members = saUnder.get(key) ?? [];
    if (!members.length) {
      // One potential finding per member and technique, naming the first few scopes.
      const pk = `${source}|${technique.id}`;
      let p = potential.get(pk);
      if (!p) potential.set(pk, (p = { source, technique, scopes: [] }));
      if (!p.scopes.includes(key)) p.scopes.push(key);
      return [];
    }
    const id = `set:gcp:${scope}:serviceAccounts`;
    if (!sets.has(id)) sets.set(id, { id, name: `Service accounts of ${nameOf(key)}`, account: scope, members });
    return [id];
  };

  const descendants = new Map<string, { projects: string[]; folders: string[] }>();
  const below = (key: string) => {
    let d = descendants.get(key);
    if (d) return d;
    d = { projects: [], folders: [] };
    const stack = [...model.children(key)];
    const seen = new Set<string>([key]);
    while (stack.length) {
      const k = stack.pop()!;
      if (seen.has(k)) continue;
      seen.add(k);
      const short = hierarchyShort(k);
      if (short?.startsWith('projects/')) d.projects.push(k);
      else if (short?.startsWith('folders/')) d.folders.push(k);
      stack.push(...model.children(k));
    }
    descendants.set(key, d);
    return d;
  };
  const adminSet = (key: string, what: 'projects' | 'folders'): string | undefined => {
    const scope = scopeOfShort(hierarchyShort(key)!);
    const id = `set:gcp:${scope}:${what === 'projects' ? 'projectAdmins' : 'folderAdmins'}`;
    if (sets.has(id)) return id;
    const keys = below(key)[what];
    if (!keys.length) return undefined;
    sets.set(id, { id, name: `Administrators of every ${what === 'projects' ? 'project' : 'folder'} below ${nameOf(key)}`, account: scope, members: keys.map(adminOf) });
    return id;
  };

  /** A service-account permission on `key`: an edge to the account, or to the set below `key`. */
  const saGrant = (member: string, key: string, technique: GcpTechnique, facts: Fact[], opts: { conditional?: boolean; note?: string } = {}) => {
    for (const target of saTargets(key, member, technique)) {
      const disabled = g.hasNode(target) && g.getNodeAttribute(target, 'attributes').disabled === true;
      add(member, target, technique, facts, { conditional: opts.conditional === true || disabled, note: disabled ? 'the service account is disabled: it must be re-enabled first' : opts.note });
    }
  };

  // Custom roles and the hierarchy node they belong to.
  const customRoles: { role: string; parent: string }[] = [];
  for (const role of model.byRole.keys()) {
    const parent = customRoleParent(role);
    if (parent) customRoles.push({ role, parent: model.key(hierarchyId(parent)) });
  }

  for (const [member, idxs] of model.byMember) {
    if (member.startsWith('deleted:') || !g.hasNode(member)) continue;
    const facts: Fact[] = [];
    for (const i of idxs) {
      const b = model.bindings[i]!;
      if (b.state === 'never' || model.roles.status(b.role) !== 'ok') continue;
      for (const perm of model.roles.subset(b.role, 'techniques', INTERESTING)) facts.push({ perm, b });
    }
    if (!facts.length) continue;
    const byPerm = (p: string) => facts.filter((f) => f.perm === p);
    const isAdmin = { direct: false, unconditional: false };
    const noteAdmin = (f: Fact) => {
      isAdmin.direct = true;
      isAdmin.unconditional ||= f.b.state === 'always';
    };

    // Administrators: setIamPolicy on the scope itself.
    const directAdminAt = new Set<string>();
    for (const f of facts) {
      const short = f.b.short;
      if (!short) continue;
      const type = short.slice(0, short.indexOf('/'));
      if ((f.perm === SET_PROJECT && type === 'projects') || (f.perm === SET_FOLDER && type === 'folders') || (f.perm === SET_ORG && type === 'organizations')) {
        add(member, adminOf(f.b.resource), T['gcp-set-iam-policy']!, [f]);
        directAdminAt.add(f.b.resource);
        noteAdmin(f);
      }
    }
    // setIamPolicy of the projects (folders) below a folder or organization it does not administer itself.
    for (const f of facts) {
      const short = f.b.short;
      if (!short || directAdminAt.has(f.b.resource) || short.startsWith('projects/')) continue;
      const what = f.perm === SET_PROJECT ? 'projects' : f.perm === SET_FOLDER && short.startsWith('organizations/') ? 'folders' : undefined;
      if (!what) continue;
      const set = adminSet(f.b.resource, what);
      if (set) {
        add(member, set, T['gcp-set-iam-policy']!, [f], { note: `setIamPolicy of every ${what.slice(0, -1)} below ${nameOf(f.b.resource)}, inherited` });
        noteAdmin(f);
      }
    }
    if (isAdmin.direct) admins.set(member, { conditional: !(isAdmin.unconditional || admins.get(member)?.conditional === false) });

    // Service-account permissions: setIamPolicy, key creation, tokens (per binding: the weak token
    // permissions count only when the binding grants no strong one).
    for (const [perm, technique] of [[SET_SA, 'gcp-set-iam-policy'], [KEY_CREATE, 'gcp-sa-key-create']] as const) {
      for (const f of byPerm(perm)) saGrant(member, f.b.resource, T[technique]!, [f]);
    }
    const tokenFacts = facts.filter((f) => TOKEN_SET.has(f.perm));
    for (const [, group] of groupBy(tokenFacts, (f) => f.b.edge)) {
      const strong = group.filter((f) => !WEAK_TOKEN.has(f.perm));
      if (strong.length) saGrant(member, group[0]!.b.resource, T['gcp-token-creator']!, strong);
      else {
        const why = group.map((f) => (f.perm.endsWith('getOpenIdToken') ? 'getOpenIdToken gives an ID token, accepted by services that trust the account (Cloud Run, Functions, IAP), not by Google APIs' : 'implicitDelegation is a delegation step: it needs token rights of the delegate on the target'));
        saGrant(member, group[0]!.b.resource, T['gcp-token-creator']!, group, { conditional: true, note: why.join('; ') });
      }
    }

    // actAs with somewhere to deploy.
    const deploys = facts.filter((f) => DEPLOY_SET.has(f.perm));
    if (deploys.length) {
      const deployKeys = new Set(deploys.map((f) => f.b.resource));
      for (const f of byPerm(ACT_AS)) {
        for (const target of saTargets(f.b.resource, member, T['gcp-actas-deploy']!)) {
          const where = target.startsWith('set:') ? f.b.resource : target;
          const covering = deploys.filter((d) => model.chain(where).includes(d.b.resource));
          const sameProject = covering.length > 0;
          const used = sameProject ? covering : deploys;
          const disabled = !target.startsWith('set:') && g.getNodeAttribute(target, 'attributes').disabled === true;
          // Two deploy permissions are evidence enough; listing all a role holds would cost memory per edge.
          add(member, target, T['gcp-actas-deploy']!, [f, ...dedupe(used).slice(0, 2)], {
            conditional: !sameProject || disabled,
            note: !sameProject ? `deploy permission only in ${[...deployKeys].map(nameOf).join(', ')}: using a service account of another project needs iam.disableCrossProjectServiceAccountUsage off` : disabled ? 'the service account is disabled: it must be re-enabled first' : undefined,
          });
        }
      }
    }

    // Custom roles it can rewrite, and where they are granted.
    for (const f of byPerm(ROLE_UPDATE)) {
      for (const { role, parent } of customRoles) {
        if (!model.chain(parent).includes(f.b.resource)) continue;
        const mine = new Set(model.identitiesOf(member));
        for (const j of model.byRole.get(role) ?? []) {
          const held = model.bindings[j]!;
          if (held.state === 'never' || !held.short) continue;
          const self = mine.has(held.member);
          add(member, adminOf(held.resource), T['gcp-role-update']!, [f, { perm: `holds ${role}`, b: held }], {
            conditional: !self,
            note: self ? `${member} holds ${role} on ${nameOf(held.resource)}: adding setIamPolicy to it makes it administrator` : `${role} is held by ${held.member} on ${nameOf(held.resource)}, not by ${member}: whatever is added to the role reaches its holders`,
          });
        }
      }
    }
  }

  // Administrators of a folder or organization administer everything below it.
  const queue = [...adminScopes.keys()];
  const seenScopes = new Set(queue);
  for (let i = 0; i < queue.length; i++) {
    const scope = queue[i]!;
    const key = scope.includes('/') ? hierarchyId(scope) : projectNodeId(scope);
    for (const child of model.children(key)) {
      const short = hierarchyShort(child);
      if (!short || short.startsWith('organizations/')) continue;
      const target = adminOf(child);
      const childScope = scopeOfShort(short);
      const ev = childEvidence(model, child, key);
      add(adminNodeId('gcp', scope), target, T['gcp-set-iam-policy']!, [], { note: `the administrator of ${nameOf(key)} can set the IAM policy of ${nameOf(child)} below it`, evidence: ev });
      if (!seenScopes.has(childScope)) {
        seenScopes.add(childScope);
        queue.push(childScope);
      }
    }
  }

  membership(model, add, new Set([...found.values()].map((f) => f.source)));

  const findings = [...found.values()].map(({ unconditional, bindings: _bindings, ...f }) => ({ ...f, conditional: !unconditional }));
  return { findings, admins, adminScopes, sets, potential: [...potential.values()].map((p) => potentialFinding(p, nameOf)) };
}

/** "the service accounts of project p (gcloud ...)", for the first scopes a technique needs. */
function potentialFinding(p: { source: string; technique: GcpTechnique; scopes: string[] }, nameOf: (key: string) => string): PotentialFinding {
  const how = (key: string) => {
    const short = hierarchyShort(key)!;
    return short.startsWith('projects/') ? `gcloud iam service-accounts list --project ${scopeOfShort(short)} --format=json` : `gcloud asset export --content-type=resource for ${short}`;
  };
  const shown = p.scopes.slice(0, 3).map((k) => `${nameOf(k)} (${how(k)})`);
  const more = p.scopes.length > 3 ? ` and ${p.scopes.length - 3} more` : '';
  return { source: p.source, technique: { id: p.technique.id, name: p.technique.name }, missing: `the service accounts of ${shown.join(', ')}${more}` };
}

function groupBy<V>(list: readonly V[], keyOf: (v: V) => string): Map<string, V[]> {
  const out = new Map<string, V[]>();
  for (const v of list) {
    const k = keyOf(v);
    const l = out.get(k);
    if (l) l.push(v);
    else out.set(k, [v]);
  }
  return out;
}

function dedupe(facts: Fact[]): Fact[] {
  const seen = new Set<string>();
  return facts.filter((f) => {
    const k = `${f.perm}|${f.b.resource}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** The `gcp.childOf` evidence between a hierarchy node and its parent. */
function childEvidence(model: GcpModel, child: string, parent: string): Evidence[] {
  const g = model.graph;
  const out: Evidence[] = [];
  if (g.hasNode(child) && g.hasNode(parent)) {
    g.forEachOutEdge(child, (_, e, _s, t) => {
      if (e.kind === 'gcp.childOf' && t === parent) out.push(...e.evidence.slice(0, 2));
    });
  }
  return out.length ? out : [{ file: 'analysis', location: 'resource hierarchy', note: `${child} is below ${parent}` }];
}

type Add = (source: string, target: string, technique: GcpTechnique, facts: readonly Fact[], opts?: { conditional?: boolean; note?: string; evidence?: Evidence[] }) => void;

/**
 * Members of groups, accounts of domains, holders of the basic role behind a projectOwner:-style
 * member. Their grants on resources are already in the evaluator's answers (a principal's
 * identities include its groups and domain); an edge is drawn only where the group, domain or
 * convenience member escalates somewhere itself, so a domain of 100,000 accounts with a viewer
 * role costs no edge at all.
 */
function membership(model: GcpModel, add: Add, escalating: Set<string>): void {
  const g = model.graph;
  const t = T['gcp-member-of']!;
  const domains = new Set([...escalating].filter((m) => m.startsWith('domain:')));
  if (domains.size) {
    g.forEachNode((id, a) => {
      if (a.kind !== 'gcp.user') return;
      const domain = `domain:${id.slice(id.lastIndexOf('@') + 1)}`;
      if (!domains.has(domain)) return;
      const first = model.bindings[model.byMember.get(domain)![0]!]!;
      add(id, domain, t, [], { evidence: g.hasEdge(first.edge) ? g.getEdgeAttributes(first.edge).evidence.slice(0, 1) : [], note: `${a.name} is an account of ${domain.slice(7)}` });
      escalating.add(id);
    });
  }
  for (const member of model.byMember.keys()) {
    for (const conv of model.conveniencesOfMember(member)) {
      if (!escalating.has(conv) || !g.hasNode(conv)) continue;
      const project = conv.slice(conv.indexOf(':') + 1);
      const basic = model.bindingsOn(member, projectNodeId(model.projectId(project))).map((i) => model.bindings[i]!).find((b) => b.state === 'always');
      add(member, conv, t, basic ? [{ perm: basic.role, b: basic }] : [], { note: `holds the basic role behind ${conv}` });
      escalating.add(member);
    }
  }
  // Group memberships, to a fixpoint (a group inside a group that escalates escalates too).
  const done = new Set<number>();
  for (let changed = true; changed; ) {
    changed = false;
    model.memberships.forEach(([member, group, key], i) => {
      if (done.has(i) || !escalating.has(group)) return;
      done.add(i);
      add(member, group, t, [], { evidence: g.getEdgeAttributes(key).evidence.slice(0, 2), note: `member of ${group.slice('group:'.length)}` });
      if (!escalating.has(member)) {
        escalating.add(member);
        changed = true;
      }
    });
  }
}
