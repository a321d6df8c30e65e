/**
 * IAM allow policies: `{bindings: [{role, members, condition?}], etag, version, auditConfigs?}` as
 * `gcloud ... get-iam-policy --format=json` (or YAML, gcloud's default) prints them, and as Cloud
 * Asset Inventory and `search-all-iam-policies` embed them. Each member of each binding becomes a
 * `gcp.grantedRole` edge member → role, keyed by the resource (and condition) it applies to, with
 * the binding as evidence. Conditions are kept verbatim; the analysis decides them.
 */
import { load } from 'js-yaml';
import type { ImportContext, JsonImporter, TextImporter } from '../../../importers/types';
import { RejectFile } from '../../../importers/types';
import { isRecord, own, ownString, toArray } from '../../../io/safe-object';
import { scrubSecrets } from '../../../io/scrub-secrets';
import { looksLikeJson } from '../../../io/json-documents';
import type { Attributes } from '../../../model/types';
import { isRoleName, parseMember, projectNodeId, serviceAccountProject } from '../names';
import { GcpWriter, at, label, typeName } from './common';

/** Where a policy applies: the node id, and the resource name evidence cites. */
export interface PolicyTarget {
  id: string;
  name: string;
}

export interface PolicyCondition {
  expression: string;
  title?: string;
  description?: string;
}

const POLICY_KEYS = new Set(['bindings', 'etag', 'version', 'auditConfigs']);

/** A `get-iam-policy` document: `bindings` (even broken), or an empty policy (`etag` + `version`). */
export function isPolicyDoc(doc: unknown): boolean {
  if (!isRecord(doc)) return false;
  if (own(doc, 'bindings') !== undefined) return !own(doc, 'asset_type') && !own(doc, 'assetType') && !own(doc, 'resource');
  const keys = Object.keys(doc);
  return typeof own(doc, 'etag') === 'string' && (own(doc, 'version') !== undefined || own(doc, 'auditConfigs') !== undefined) && keys.every((k) => POLICY_KEYS.has(k));
}

/**
 * Read the bindings of one policy. `where` locates the policy in the file (empty for a whole-file
 * policy). Returns how many bindings were read.
 */
export function readPolicy(w: GcpWriter, policy: unknown, target: PolicyTarget, where: string): number {
  if (!isRecord(policy)) {
    w.b.warn(`${label(where)}: IAM policy is ${typeName(policy)}, not an object; skipped`);
    return 0;
  }
  const raw = own(policy, 'bindings');
  if (raw === undefined) return 0;
  if (!Array.isArray(raw)) {
    w.b.warn(`${at(where, 'bindings')}: expected a list of bindings, found ${typeName(raw)}; no binding read`);
    return 0;
  }
  let read = 0;
  raw.forEach((binding, i) => {
    const bw = at(where, `bindings[${i}]`);
    if (!isRecord(binding)) return w.b.warn(`${bw}: not a binding (found ${typeName(binding)}); skipped`);
    let role = ownString(binding, 'role');
    if (!role) return w.b.warn(`${bw}: binding without a role; skipped`);
    let condition = readCondition(w, own(binding, 'condition'), bw);
    // A conditional binding read as a version 1 policy: gcloud renames the role and hides the condition.
    const withcond = /^(.+)_withcond_[0-9a-f]+$/.exec(role);
    if (withcond) {
      role = withcond[1]!;
      condition ??= { expression: '(condition hidden: the policy was read as version 1)', title: 'unknown condition' };
      w.b.warn(`${bw}: role ${JSON.stringify(withcond[0])} is a conditional binding read as a version 1 policy; its condition is unknown (export with --format=json, which asks for version 3); treated as conditional`);
    }
    if (!isRoleName(role)) return w.b.warn(`${bw}: ${JSON.stringify(role.slice(0, 80))} is not a role name (roles/..., projects/P/roles/..., organizations/N/roles/...); binding skipped`);
    let members = own(binding, 'members');
    if (typeof members === 'string') {
      w.b.warn(`${bw}.members: expected a list, found a string; read as one member`);
      members = [members];
    } else if (!Array.isArray(members)) {
      return w.b.warn(`${bw}.members: expected a list of members, found ${typeName(members)}; binding skipped`);
    }
    const roleId = w.role(role);
    read++;
    (members as unknown[]).forEach((raw, j) => {
      const mw = `${bw}.members[${j}]`;
      if (typeof raw !== 'string') return w.b.warn(`${mw}: not a member string (found ${typeName(raw)}); skipped`);
      const member = w.memberString(raw, mw);
      if (!member) return;
      grant(w, member, roleId, target, condition, bw, mw);
    });
  });
  w.b.count('binding', read);
  const audit = own(policy, 'auditConfigs');
  if (audit !== undefined) w.b.count('audit config', toArray(audit).length);
  return read;
}

function readCondition(w: GcpWriter, c: unknown, bw: string): PolicyCondition | undefined {
  if (c === undefined || c === null) return undefined;
  const expression = ownString(c, 'expression');
  if (!isRecord(c) || expression === undefined || expression.trim() === '') {
    w.b.warn(`${bw}.condition: no readable expression; the binding is treated as conditional`);
    return { expression: '(unreadable condition)' };
  }
  return { expression, title: ownString(c, 'title'), description: ownString(c, 'description') };
}

function grant(w: GcpWriter, member: string, role: string, target: PolicyTarget, condition: PolicyCondition | undefined, bw: string, mw: string): void {
  const evidence = w.ev(mw, { policy: target.name, statement: bw, condition: condition?.expression, note: `${member} holds ${role} on ${target.name}${condition ? ` if ${condition.title ? `"${condition.title}": ` : ''}${condition.expression}` : ''}` });
  const attrs: Attributes = { resource: target.id };
  if (condition) attrs.condition = { ...condition };
  w.b.edge('gcp.grantedRole', member, role, evidence, attrs, `${target.id}${condition ? `|if:${condition.expression}` : ''}`);
  // GKE Workload Identity: kept as its own edge for the federation with the cluster's side.
  if (role === 'roles/iam.workloadIdentityUser' && member.includes('.svc.id.goog[') && target.id.startsWith('serviceAccount:')) {
    w.b.edge('gcp.workloadIdentityUser', member, target.id, evidence, condition ? { conditional: true, condition: { ...condition } } : {});
  }
}

// ---------------------------------------------------------------------------------------------
// A get-iam-policy file does not name its resource: the file name (or its folders) must.

const SUFFIX = /[._-](get[._-]iam[._-]policy|iam[._-]policy|iam|policy)$/i;
const GENERIC = /^(get[._-]iam[._-]policy|iam[._-]policy|iam|policy|bindings)$/i;
const PROJECT_ID = /^([a-z][a-z0-9.-]*:)?[a-z][a-z0-9-]{4,28}[a-z0-9]$/;

const stripExt = (s: string) => s.replace(/\.(json|ya?ml|txt)$/i, '');

const rejectMessage =
  'a get-iam-policy export does not say which resource it belongs to, and the file name does not tell either. Name the file after the resource: ' +
  '`projects/<project-id>.iam.json` or `<project-id>.get-iam-policy.json` (or put it in a folder `projects/<project-id>/`), `folders/<number>.iam.json`, `organizations/<number>.iam.json`, ' +
  '`<service-account-email>.iam.json` for a service account, `projects/<project-id>/secrets/<secret>.iam.json` for a secret, `buckets/<bucket>.iam.json` for a bucket';

/** The resource a policy file belongs to, from its path; RejectFile when nothing names it. */
export function policyTargetFromPath(w: GcpWriter, path: string): PolicyTarget {
  const segs = path.replace(/\\/g, '/').split('/').filter(Boolean).map(stripExt);
  const file = segs[segs.length - 1] ?? '';
  const value = (i: number): string | undefined => {
    const v = segs[i];
    if (v === undefined || GENERIC.test(v)) return undefined;
    const s = v.replace(SUFFIX, '');
    return s && !GENERIC.test(s) ? s : undefined;
  };
  const isProject = (v: string) => PROJECT_ID.test(v) || /^\d+$/.test(v);
  let project: string | undefined;
  let folder: string | undefined;
  let org: string | undefined;
  let secret: string | undefined;
  let bucket: string | undefined;
  for (let i = 0; i < segs.length - 1; i++) {
    const v = value(i + 1);
    if (!v) continue;
    if (segs[i] === 'projects' && isProject(v)) [project, folder, org] = [v, undefined, undefined];
    else if (segs[i] === 'folders' && /^\d+$/.test(v)) [folder, project, org] = [v, undefined, undefined];
    else if (segs[i] === 'organizations' && /^\d+$/.test(v)) [org, project, folder] = [v, undefined, undefined];
    else if (segs[i] === 'secrets') secret = v;
    else if (segs[i] === 'buckets') bucket = v;
  }
  const email = [...segs].reverse().map((s) => s.replace(SUFFIX, '')).find((s) => /^[^@\s]+@[^@\s]+\.gserviceaccount\.com$/i.test(s));
  if (email) {
    const m = parseMember(`serviceAccount:${email}`)!;
    const id = w.member({ ...m, project: m.project ?? project }, 'file name');
    const p = serviceAccountProject(email.toLowerCase()).project ?? project;
    return { id, name: `//iam.googleapis.com/projects/${p ?? '-'}/serviceAccounts/${email.toLowerCase()}` };
  }
  if (secret) {
    if (!project) throw new RejectFile(`${rejectMessage}: the path names secret ${JSON.stringify(secret)} but not its project`);
    const name = `//secretmanager.googleapis.com/projects/${w.projects.project(project)}/secrets/${secret}`;
    w.b.node({ id: name, kind: 'gcp.secret', name: secret, account: w.projects.project(project), attributes: {} });
    w.childOf(name, `projects/${project}`, 'file name');
    return { id: name, name };
  }
  if (bucket) {
    const name = `//storage.googleapis.com/${bucket}`;
    w.b.node({ id: name, kind: 'gcp.bucket', name: bucket, account: project ? w.projects.project(project) : undefined, attributes: {} });
    if (project) w.childOf(name, `projects/${project}`, 'file name');
    return { id: name, name };
  }
  if (!project && !folder && !org) {
    // `<id>.get-iam-policy.json`: the suffix says it is a policy, the rest names the resource.
    const stem = SUFFIX.test(file) ? file.replace(SUFFIX, '') : undefined;
    const folderMatch = stem && /^folders?[-_](\d+)$/.exec(stem);
    const orgMatch = stem && /^(?:organizations?|org)[-_](\d+)$/.exec(stem);
    if (folderMatch) folder = folderMatch[1];
    else if (orgMatch) org = orgMatch[1];
    else if (stem && isProject(stem)) project = stem;
  }
  const short = project ? `projects/${project}` : folder ? `folders/${folder}` : org ? `organizations/${org}` : undefined;
  if (!short) throw new RejectFile(rejectMessage);
  const id = w.hierarchy(short, {}, false);
  return { id, name: project ? projectNodeId(w.projects.project(project)) : id };
}

function readPolicyFile(docs: unknown[], ctx: ImportContext): void {
  const w = new GcpWriter(ctx);
  const target = policyTargetFromPath(w, ctx.path);
  readPolicy(w, docs[0], target, ctx.docPrefix(0));
  docs.slice(1).forEach((_, i) => ctx.b.warn(`${label(ctx.docPrefix(i + 1))}: a second IAM policy in one file; the file name names only one resource, so it was not imported (export one policy per file)`));
}

export const iamPolicyImporter: JsonImporter = {
  format: 'gcp.get-iam-policy',
  label: 'GCP IAM policy (get-iam-policy)',
  provider: 'gcp',
  detect: isPolicyDoc,
  read: readPolicyFile,
};

/** gcloud prints YAML unless told `--format=json`: the same policy, as YAML. */
export const iamPolicyYamlImporter: TextImporter = {
  format: 'gcp.get-iam-policy.yaml',
  label: 'GCP IAM policy (get-iam-policy, YAML)',
  provider: 'gcp',
  detect: (text) => !looksLikeJson(text) && /^bindings:\s*$/m.test(text) && /^(etag|version):/m.test(text),
  read(text, ctx) {
    let doc: unknown;
    try {
      doc = load(text, { maxDepth: 64 });
    } catch (e) {
      throw new RejectFile(`invalid YAML: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`);
    }
    // js-yaml shares aliased subtrees: a walk proportional to the text refuses a "billion laughs" file.
    const scrub = scrubSecrets(doc, '', text.length * 2 + 10_000);
    if (scrub.exhausted) throw new RejectFile('its YAML aliases (*name) expand to far more data than the file holds (a "billion laughs" document or an alias cycle)');
    ctx.b.droppedSecrets += scrub.dropped;
    ctx.b.keptDocs = [doc];
    readPolicyFile([doc], ctx);
  },
};
