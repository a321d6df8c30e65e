/**
 * Vault privilege escalation, from each policy set's decisions (once per set, then applied to
 * every role holding it):
 *
 * - `vault-root-policy`: the set holds `root`.
 * - `vault-policy-write`: update on `sys/policies/acl/<p>` (or `sys/policy/<p>`) for a policy `p`
 *   the set holds (`default` included): rewrite it, become administrator.
 * - `vault-auth-role-write`: update on a role's path: rebind it and log in as it.
 * - `vault-approle-secret-id`: update on `.../secret-id` (and read on `.../role-id`; the role ID
 *   alone when `bind_secret_id` is false): log in as the AppRole.
 * - `vault-token-role`: update on `auth/token/create/<role>`: tokens with the role's policies.
 * - `vault-read-creds`: read (or write) a dynamic role's creds path: its minted identity.
 *
 * Targets come from the candidates the set's rules can name (evaluate.ts), never from pairing
 * every role with every node. An administrator (unconditionally) gets only its admin edge: the
 * administrator node reaches the rest.
 */
import type { TechniqueDescription } from '../derived-writes';
import type { Evidence } from '../../model/types';
import type { PotentialFinding } from '../types';
import { adminNodeId } from '../types';
import type { Decision } from './acl';
import { VaultModel, type PolicySet } from './evaluate';
import type { Capability } from './policy';

export const VAULT_TECHNIQUES: readonly TechniqueDescription[] = [
  { id: 'vault-root-policy', name: 'Holds the Vault root policy', description: 'A role whose tokens carry the root policy is a Vault administrator.' },
  { id: 'vault-policy-write', name: 'Rewrite a Vault policy one holds', description: 'create or update on sys/policies/acl/<name> (or sys/policy/<name>) for a policy the role holds, default included: it rewrites the policy to allow everything.' },
  { id: 'vault-auth-role-write', name: 'Rewrite a Vault auth role', description: 'create or update on auth/<mount>/role/<name> (or a token role): rebind the role to an identity one controls and log in as it.' },
  { id: 'vault-approle-secret-id', name: 'Generate an AppRole secret ID', description: 'update on auth/<mount>/role/<name>/secret-id with read on .../role-id logs in as the AppRole (conditional without the role ID; the role ID alone when bind_secret_id is false).' },
  { id: 'vault-token-role', name: 'Create tokens from a token role', description: 'update on auth/token/create/<role> gives tokens with the role\'s allowed policies.' },
  { id: 'vault-read-creds', name: 'Read Vault dynamic credentials', description: 'read (or write) on a dynamic credential role\'s creds path hands out credentials of the AWS role, GCP service account or Azure application it names.' },
  { id: 'vault-azure-application', name: 'Vault mints a secret of an Azure application', description: 'an Azure engine role with application_object_id adds a client secret to that application on every lease (the application found by object id among the imported ones).' },
];
const T = Object.fromEntries(VAULT_TECHNIQUES.map((t) => [t.id, { id: t.id, name: t.name }])) as Record<string, { id: string; name: string }>;

export interface VaultFinding {
  source: string;
  target: string;
  technique: { id: string; name: string };
  conditional: boolean;
  evidence: Evidence[];
  permissions: { action: string; resource: string; decision: 'allowed' | 'conditional' }[];
  notes: string[];
}

export interface VaultTechniqueResults {
  findings: VaultFinding[];
  admins: Map<string, { conditional: boolean }>;
  adminScopes: Map<string, string>;
  potential: PotentialFinding[];
}

/** A finding of one policy set, before it is copied to each holder. */
type SetFinding = Omit<VaultFinding, 'source'>;

function step(d: Decision, cap: Capability, path: string): { ev: Evidence[]; perm: VaultFinding['permissions'][number]; why: string[] } {
  return { ev: VaultModel.evidence(d, cap, path), perm: { action: cap, resource: path, decision: d.decision === 'allowed' ? 'allowed' : 'conditional' }, why: d.why };
}

/** The admin finding of a set, if it has one. */
function adminOf(model: VaultModel, set: PolicySet): SetFinding | undefined {
  const target = adminNodeId('vault', set.scope);
  if (set.acl.root) {
    const ev = set.holders.flatMap((h) => model.graph.hasNode(h) ? model.graph.filterOutEdges(h, (_, e, _s, t) => e.kind === 'hasPolicy' && t.endsWith(':sys/policies/acl/root')).flatMap((k) => model.graph.getEdgeAttributes(k).evidence) : []).slice(0, 4);
    return { target, technique: T['vault-root-policy']!, conditional: set.rootConditional, evidence: ev.length ? ev : [{ file: 'analysis', location: 'token_policies: root' }], permissions: [{ action: 'root', resource: '*', decision: set.rootConditional ? 'conditional' : 'allowed' }], notes: set.rootConditional ? ['`root` comes from a token role: only a root token may create a root token'] : [] };
  }
  let best: SetFinding | undefined;
  for (const p of set.policies) {
    for (const path of [`sys/policies/acl/${p}`, `sys/policy/${p}`]) {
      for (const cap of ['update', 'create'] as const) {
        const d = model.decide(set, path, cap);
        if (d.decision === 'no') continue;
        const s = step(d, cap, path);
        const f: SetFinding = { target, technique: T['vault-policy-write']!, conditional: d.decision === 'conditional', evidence: s.ev, permissions: [s.perm], notes: [`rewrites policy ${p}, which its tokens carry`, ...s.why] };
        if (!best || (best.conditional && !f.conditional)) best = f;
        if (!f.conditional) return f;
      }
    }
  }
  return best;
}

function setFindings(model: VaultModel, set: PolicySet): SetFinding[] {
  const out: SetFinding[] = [];
  const admin = adminOf(model, set);
  if (admin) out.push(admin);
  if (admin && !admin.conditional) return out;
  const seen = new Set<string>();
  for (const entry of model.candidates(set)) {
    const { op, node } = entry;
    if (!op.purpose || op.purpose === 'policy-write' || op.purpose === 'role-id') continue;
    const key = `${node}|${op.purpose}|${op.cap}|${op.path}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const d = model.decide(set, op.path, op.cap);
    if (d.decision === 'no') continue;
    const a = model.graph.getNodeAttributes(node);
    const s = step(d, op.cap, op.path);
    if (op.purpose === 'role-write') {
      out.push({ target: node, technique: T['vault-auth-role-write']!, conditional: d.decision === 'conditional', evidence: s.ev, permissions: [s.perm], notes: ['rebinds the role to an identity the holder controls, or drops its bindings', ...s.why] });
    } else if (op.purpose === 'token-create') {
      if (!(Array.isArray(a.attributes.policies) && a.attributes.policies.length) && !(Array.isArray(a.attributes.allowedPoliciesGlob) && a.attributes.allowedPoliciesGlob.length)) continue;
      out.push({ target: node, technique: T['vault-token-role']!, conditional: d.decision === 'conditional', evidence: s.ev, permissions: [s.perm], notes: s.why });
    } else if (op.purpose === 'secret-id') {
      out.push(approle(model, set, node, d, s));
    } else if (op.purpose === 'creds') {
      if (!mintsSomething(a.attributes)) continue;
      out.push({ target: node, technique: T['vault-read-creds']!, conditional: d.decision === 'conditional', evidence: s.ev, permissions: [s.perm], notes: s.why });
    }
  }
  // AppRoles that need no secret ID: the role ID alone logs in.
  for (const entry of model.candidates(set)) {
    if (entry.op.purpose !== 'role-id') continue;
    const a = model.graph.getNodeAttributes(entry.node);
    if (a.attributes.bindSecretId !== false) continue;
    const d = model.decide(set, entry.op.path, 'read');
    if (d.decision === 'no') continue;
    const s = step(d, 'read', entry.op.path);
    out.push({ target: entry.node, technique: T['vault-approle-secret-id']!, conditional: d.decision === 'conditional' || cidrBound(a.attributes), evidence: s.ev, permissions: [s.perm], notes: ['bind_secret_id is false: the role ID alone logs in', ...cidrNotes(a.attributes), ...s.why] });
  }
  return out;
}

/** A dynamic role worth an edge: it names an identity (an Azure application is linked by the analysis). */
const mintsSomething = (at: Record<string, unknown>) => (Array.isArray(at.mints) && at.mints.length > 0) || typeof at.applicationObjectId === 'string';
const list = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
const cidrBound = (at: Record<string, unknown>) => list(at.secretIdBoundCidrs).length > 0 || list(at.tokenBoundCidrs).length > 0;
const cidrNotes = (at: Record<string, unknown>) => (cidrBound(at) ? [`login only from ${[...list(at.secretIdBoundCidrs), ...list(at.tokenBoundCidrs)].join(', ')} (not evaluated)`] : []);

function approle(model: VaultModel, set: PolicySet, node: string, secretId: Decision, s: ReturnType<typeof step>): SetFinding {
  const a = model.graph.getNodeAttributes(node).attributes;
  const roleIdPath = `${String(a.apiPath)}/role-id`;
  const rid = model.decide(set, roleIdPath, 'read');
  const notes = [...s.why, ...cidrNotes(a)];
  const evidence = [...s.ev];
  const permissions = [s.perm];
  if (rid.decision === 'no') notes.push('the role ID is not readable by these policies: it is not secret and is often in CI configuration, so the step holds for whoever knows it');
  else {
    const r = step(rid, 'read', roleIdPath);
    evidence.push(...r.ev);
    permissions.push(r.perm);
    notes.push(...r.why);
  }
  const conditional = secretId.decision === 'conditional' || rid.decision !== 'allowed' || cidrBound(a);
  return { target: node, technique: T['vault-approle-secret-id']!, conditional, evidence, permissions, notes };
}

export function detectTechniques(model: VaultModel): VaultTechniqueResults {
  const r: VaultTechniqueResults = { findings: [], admins: new Map(), adminScopes: new Map(), potential: [] };
  for (const scope of model.scopes) r.adminScopes.set(scope, `Vault ${scope} administrator`);
  for (const set of model.sets.values()) {
    if (!set.holders.length) continue;
    const found = setFindings(model, set);
    for (const holder of set.holders) {
      for (const f of found) {
        if (f.target === holder) continue;
        r.findings.push({ ...f, source: holder });
        if (f.technique.id === 'vault-policy-write' || f.technique.id === 'vault-root-policy') {
          const prev = r.admins.get(holder);
          if (!prev || prev.conditional) r.admins.set(holder, { conditional: f.conditional });
        }
      }
      for (const p of set.missing) {
        if (p === 'default') continue;
        r.potential.push({ source: holder, technique: { id: 'vault-policy', name: 'Vault policy not imported' }, missing: `policy ${p} (vault policy read ${p} > <root>/sys/policy/${p}.hcl): its paths are not evaluated` });
      }
    }
  }
  // The administrator can read every creds path.
  model.graph.forEachNode((id, a) => {
    if (a.kind !== 'vault.dynamicRole' || !a.account || !mintsSomething(a.attributes)) return;
    r.findings.push({
      source: adminNodeId('vault', a.account),
      target: id,
      technique: T['vault-read-creds']!,
      conditional: false,
      evidence: [{ file: 'analysis', location: `${String(a.attributes.credsPaths && (a.attributes.credsPaths as string[])[0])}`, note: 'a Vault administrator can read every path' }],
      permissions: [],
      notes: [],
    });
  });
  return r;
}
