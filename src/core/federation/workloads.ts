/**
 * Workload federations, checked on both sides: a workload's configuration names a cloud identity
 * (EKS IRSA's `eks.amazonaws.com/role-arn`, GKE's `iam.gke.io/gcp-service-account`) AND that
 * identity's provider admits the workload's token (the role trust with the cluster's issuer, `sub`
 * and `aud`; the `roles/iam.workloadIdentityUser` binding for the pool member). An annotation alone
 * never links: a target outside the exports gets a labelled, unverified edge; a target whose side
 * refuses gets no edge and is reported.
 */
import type { BlastGraph } from '../graph/graph';
import type { FederationGrant, ForeignMember, IssuedToken, ProviderAnalysis } from '../providers/types';
import { edgeKey } from '../model/fragment';
import { federationEdge, issuerKey } from './oidc';

export interface FederationNote {
  from: string;
  to: string;
  technique: string;
  status: 'rejected' | 'unverified';
  reason: string;
}

type Name = IssuedToken['names'][number];

/** How each federation technique reads in a path. */
const TECHNIQUE_NAMES: Record<string, string> = {
  'eks-irsa': 'EKS IAM role for service accounts',
  'gke-workload-identity': 'GKE workload identity',
  'eks-pod-identity': 'EKS Pod Identity',
  'gcp-workload-identity-federation': 'GCP workload identity federation',
  'vault-kubernetes-auth': 'Vault Kubernetes auth',
  'vault-aws-auth': 'Vault AWS auth',
  'vault-jwt-auth': 'Vault JWT/OIDC auth',
  'aks-workload-identity': 'AKS workload identity',
};
const techniqueName = (t: string) => TECHNIQUE_NAMES[t] ?? t;

function grantsFor(providers: readonly ProviderAnalysis[], t: IssuedToken, n: Name): FederationGrant[] {
  return providers.flatMap((p) => {
    if (n.via === 'web-identity') return t.issuer ? (p.acceptWebIdentity?.(t.issuer, t.claims, n.target) ?? []) : [];
    if (n.via === 'service') return n.service ? (p.acceptService?.(n.service, n.target) ?? []) : [];
    return n.member ? (p.acceptMember?.(n.member, n.target) ?? []) : [];
  });
}

function claimText(t: IssuedToken, n: Name): string {
  if (n.via === 'service') return `service ${n.service}`;
  return n.via === 'web-identity' ? `issuer ${t.issuer ? issuerKey(t.issuer) : '(unknown: no cluster description imported)'}, ${Object.entries(t.claims).map(([k, v]) => `${k}=${v}`).join(', ')}` : `member ${n.member}`;
}

export function linkWorkloadTokens(graph: BlastGraph, providers: readonly ProviderAnalysis[]): FederationNote[] {
  const notes: FederationNote[] = [];
  for (const p of providers) {
    for (const t of p.issuedTokens?.() ?? []) {
      for (const n of t.names) {
        const [grant] = grantsFor(providers, t, n);
        const described = graph.hasNode(n.target) && !graph.getNodeAttribute(n.target, 'placeholder');
        if (grant) {
          federationEdge(graph, t.from, { ...grant, evidence: [n.evidence, ...grant.evidence] }, n.technique, techniqueName(n.technique), `${graph.getNodeAttribute(t.from, 'name')} is configured to become ${n.target} and its side admits the token (${claimText(t, n)})`);
        } else if (described) {
          notes.push({ from: t.from, to: n.target, technique: n.technique, status: 'rejected', reason: `configured by ${n.evidence.file} (${n.evidence.location}), but ${graph.getNodeAttribute(n.target, 'name')} does not admit it (${claimText(t, n)})` });
        } else {
          dangling(graph, t, n);
          notes.push({ from: t.from, to: n.target, technique: n.technique, status: 'unverified', reason: `configured by ${n.evidence.file} (${n.evidence.location}); ${n.target} is not in the exports, so its side cannot be checked` });
        }
      }
    }
  }
  let byName: Map<string, string> | undefined;
  const resolve = (f: ForeignMember['from']): string | undefined => {
    if (f.id && graph.hasNode(f.id)) return f.id;
    byName ??= identitiesByName(graph);
    return byName.get(`${f.provider}|${f.kind}|${f.account ?? ''}|${f.name}`);
  };
  for (const p of providers) {
    for (const f of p.foreignMembers?.() ?? []) {
      const from = resolve(f.from);
      if (from) federationEdge(graph, from, f.grant, f.technique, techniqueName(f.technique), f.why);
      else notes.push({ from: f.from.id ?? `${f.from.provider} ${f.from.kind} ${f.from.account ?? ''}/${f.from.name}`, to: f.grant.target, technique: f.technique, status: 'unverified', reason: `${f.why}; that identity is not in the exports` });
    }
  }
  return notes;
}

/** Described identities by provider, kind, scope and name: one pass, for foreign members. */
function identitiesByName(graph: BlastGraph): Map<string, string> {
  const out = new Map<string, string>();
  graph.forEachNode((id, a) => {
    if (!a.placeholder) out.set(`${a.provider}|${a.kind}|${a.account ?? ''}|${a.name}`, id);
  });
  return out;
}

/** The other side is not imported: keep the claim as a conditional, labelled edge to a placeholder. */
function dangling(graph: BlastGraph, t: IssuedToken, n: Name): void {
  if (!graph.hasNode(n.target) && n.placeholder) {
    const { provider, kind, name, account } = n.placeholder;
    graph.addNode(n.target, { kind, provider, name, account, attributes: { claimedBy: t.from }, placeholder: true });
  }
  if (!graph.hasNode(n.target)) return;
  const key = edgeKey('federatesTo', t.from, n.target, n.technique);
  if (graph.hasEdge(key)) return;
  graph.addEdgeWithKey(key, t.from, n.target, {
    kind: 'federatesTo',
    attributes: { technique: n.technique, techniqueName: techniqueName(n.technique), conditional: true, unverified: true, notes: ['the other side is not in the exports: the link is only claimed by the workload'] },
    evidence: [{ ...n.evidence, note: `unverified: ${n.target} is not described by any export, so whether it admits the token (${claimText(t, n)}) is unknown` }],
  });
}
