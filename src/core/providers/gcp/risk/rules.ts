/**
 * GCP's own NHI risk rules (the neutral ones in risk/rules already judge user-managed keys' age,
 * use and expiry, secrets' rotation, owners and administrators):
 * - basic roles (roles/owner, roles/editor) granted to a service account or workload identity
 *   (NHI5; the default compute account with Editor is the classic case);
 * - one service account used by several workloads: GKE workload identities bound with
 *   roles/iam.workloadIdentityUser, resources that run as it (NHI9);
 * - user-managed keys of a service account whose workloads already authenticate through workload
 *   identity federation, so a key is not needed (NHI4).
 * Only the module-level imports below: the provider index imports this file (no cycle through it).
 */
import type { BlastGraph } from '../../../graph/graph';
import type { Evidence } from '../../../model/types';
import { nodeEvidence } from '../../../risk/evidence';
import type { RiskContext, RuleInfo, RuleSet } from '../../../risk/types';

export const BASIC_ROLE: RuleInfo = {
  id: 'gcp.basic-role',
  title: 'Service account holds a basic role (Owner or Editor)',
  owasp: 'NHI5',
  severity: 'high',
  description: 'A service account or GKE workload identity is granted roles/owner or roles/editor: thousands of permissions across every service of the scope (the default compute service account gets Editor automatically).',
  remediation: 'Remove the roles/owner or roles/editor binding and grant predefined roles for the services the workload uses (IAM Recommender lists them); for default service accounts, set the organization policy constraint iam.automaticIamGrantsForDefaultServiceAccounts.',
};
export const SHARED_SA: RuleInfo = {
  id: 'gcp.sa-shared',
  title: 'Service account shared by several workloads',
  owasp: 'NHI9',
  severity: 'medium',
  description: 'Two or more workloads (GKE workload identities bound with roles/iam.workloadIdentityUser, resources that run as it) use the same service account: a compromise of one acts with the permissions all of them need, and their activity cannot be told apart in the audit logs.',
  remediation: 'Give each workload its own service account with only the roles it needs, and bind each Kubernetes service account to its own.',
};
export const KEY_DESPITE_FEDERATION: RuleInfo = {
  id: 'gcp.sa-key-despite-federation',
  title: 'User-managed key on a federated service account',
  owasp: 'NHI4',
  severity: 'medium',
  description: 'An active user-managed key of a service account that workloads already use through workload identity (roles/iam.workloadIdentityUser): short-lived federated tokens are in place, yet a long-lived private key can still act as it.',
  remediation: 'Delete the key and move its remaining users to workload identity federation; enforce constraints/iam.disableServiceAccountKeyCreation.',
};

const PRIMITIVE = new Set(['roles/owner', 'roles/editor']);
const WI_ROLE = 'roles/iam.workloadIdentityUser';
const DEFAULT_SA = /^(\d+-compute@developer|[^@]+@appspot)\.gserviceaccount\.com$/;
const MAX_EVIDENCE = 6;

const isGcpNhi = (ctx: RiskContext, id: string, kind: string) => (kind === 'gcp.serviceAccount' || kind === 'gcp.workloadIdentity') && ctx.isNhi(id);

/** A service account's users: sources of `runsAs` and `gcp.workloadIdentityUser` edges into it, with the edges' evidence. */
export function workloadsOf(g: BlastGraph, sa: string): Map<string, Evidence[]> {
  const out = new Map<string, Evidence[]>();
  g.forEachInEdge(sa, (_e, attrs, source) => {
    if (attrs.kind !== 'runsAs' && attrs.kind !== 'gcp.workloadIdentityUser') return;
    if (attrs.attributes.conditional === true && attrs.kind === 'gcp.workloadIdentityUser') return;
    const list = out.get(source) ?? [];
    list.push(...attrs.evidence);
    out.set(source, list);
  });
  return out;
}

/**
 * Who acts as each service account through workload identity: GKE workload identities
 * (`gcp.workloadIdentityUser` edges) and any member holding roles/iam.workloadIdentityUser on it
 * (workload identity pool principals). One pass over those edges.
 */
export function federatedUsers(g: BlastGraph): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  const add = (sa: string, member: string) => {
    const s = out.get(sa) ?? new Set<string>();
    s.add(member);
    out.set(sa, s);
  };
  g.forEachEdge((_e, attrs, source, target) => {
    if (attrs.kind === 'gcp.workloadIdentityUser') add(target, source);
    else if (attrs.kind === 'gcp.grantedRole' && target === WI_ROLE && typeof attrs.attributes.resource === 'string') add(attrs.attributes.resource, source);
  });
  return out;
}

/** The active, unexpired user-managed keys of a service account (`credentialOf` edges). */
function activeKeys(ctx: RiskContext, sa: string): { id: string; evidence: Evidence[] }[] {
  const g = ctx.analysis.graph;
  const out: { id: string; evidence: Evidence[] }[] = [];
  g.forEachInEdge(sa, (_e, attrs, source) => {
    if (attrs.kind !== 'credentialOf') return;
    const k = g.getNodeAttributes(source);
    if (k.kind !== 'gcp.serviceAccountKey' || k.attributes.active === false) return;
    const until = typeof k.attributes.validUntil === 'string' ? Date.parse(k.attributes.validUntil) : NaN;
    if (until < ctx.asOf) return;
    out.push({ id: source, evidence: attrs.evidence });
  });
  return out;
}

const short = (id: string) => id.replace(/^serviceAccount:/, '');

export const gcpRules: RuleSet = {
  rules: [BASIC_ROLE, SHARED_SA, KEY_DESPITE_FEDERATION],
  run(ctx, emit) {
    const g = ctx.analysis.graph;
    // Basic roles: one finding per identity, citing each binding.
    const basic = new Map<string, { roles: Set<string>; conditional: boolean; evidence: Evidence[]; where: Set<string> }>();
    for (const role of PRIMITIVE) {
      if (!g.hasNode(role)) continue;
      g.forEachInEdge(role, (_e, attrs, source) => {
        if (attrs.kind !== 'gcp.grantedRole') return;
        const n = g.getNodeAttributes(source);
        if (n.provider !== 'gcp' || !isGcpNhi(ctx, source, n.kind)) return;
        const b = basic.get(source) ?? { roles: new Set<string>(), conditional: true, evidence: [], where: new Set<string>() };
        b.roles.add(role);
        if (attrs.attributes.condition === undefined) b.conditional = false;
        b.evidence.push(...attrs.evidence);
        if (typeof attrs.attributes.resource === 'string') b.where.add(attrs.attributes.resource);
        basic.set(source, b);
      });
    }
    for (const [id, b] of [...basic].sort((x, y) => x[0].localeCompare(y[0]))) {
      const n = g.getNodeAttributes(id);
      const roles = [...b.roles].sort().join(' and ');
      const scopes = [...b.where].sort().join(', ');
      const isDefault = DEFAULT_SA.test(n.name);
      emit(BASIC_ROLE, {
        subject: id,
        evidence: b.evidence.slice(0, MAX_EVIDENCE),
        severity: b.conditional ? 'medium' : 'high',
        detail: `${n.name}${isDefault ? ' (a default service account)' : ''} holds ${roles} on ${scopes}${b.conditional ? ' under a condition' : ''}.`,
        remediation: `Remove ${roles} from ${short(id)} on ${scopes} and grant it only the predefined roles its workload uses${isDefault ? '; better, stop using the default service account and set constraints/iam.automaticIamGrantsForDefaultServiceAccounts' : ''}.`,
      });
    }

    const federation = federatedUsers(g);
    g.forEachNode((id, n) => {
      if (n.provider !== 'gcp' || n.kind !== 'gcp.serviceAccount' || n.placeholder || !ctx.isNhi(id)) return;
      const workloads = workloadsOf(g, id);
      if (workloads.size >= 2) {
        const names = [...workloads.keys()].map((w) => g.getNodeAttribute(w, 'name')).sort();
        emit(SHARED_SA, {
          subject: id,
          evidence: [...workloads.values()].flatMap((e) => e.slice(0, 2)).slice(0, MAX_EVIDENCE),
          detail: `${n.name} is used by ${workloads.size} workloads: ${names.join(', ')}.`,
          remediation: `Create one service account per workload (${names.join(', ')}), grant each only what it needs, and remove their bindings to ${n.name}.`,
        });
      }
      const federated = [...(federation.get(id) ?? [])].sort();
      if (!federated.length) return;
      for (const key of activeKeys(ctx, id)) {
        const k = g.getNodeAttributes(key.id);
        const via = federated.map((f) => (g.hasNode(f) ? g.getNodeAttribute(f, 'name') : f)).slice(0, 3).join(', ');
        emit(KEY_DESPITE_FEDERATION, {
          subject: key.id,
          identity: id,
          evidence: [...key.evidence, ...nodeEvidence(g, key.id)].slice(0, MAX_EVIDENCE),
          detail: `${k.name}: ${n.name} is used through workload identity (${via}${federated.length > 3 ? ', …' : ''}), yet this user-managed key is active${k.attributes.neverExpires === true ? ' and never expires' : ''}.`,
          remediation: `Delete key ${String(k.attributes.keyId ?? key.id)} of ${n.name} (gcloud iam service-accounts keys delete), after moving anything that still uses it to workload identity federation.`,
        });
      }
    });
  },
};
