/**
 * GCP's side of the federations: which service accounts an IAM member string can act as
 * (`serviceAccount:PROJECT.svc.id.goog[NS/KSA]` for GKE workload identity: the
 * `roles/iam.workloadIdentityUser` binding, or token permissions found by the analysis), and which
 * binding members are AWS role sessions of a workload identity pool (`attribute.aws_role/<ARN>`).
 */
import type { BlastGraph } from '../../graph/graph';
import type { FederationGrant, ForeignMember } from '../types';

const ACTS_AS = new Set(['gcp.workloadIdentityUser']);
const TOKEN_TECHNIQUES = new Set(['gcp-token-creator']);

/** The service accounts `member` can act as, each with the binding behind it. */
export function acceptMember(graph: BlastGraph, member: string, only?: string): FederationGrant[] {
  if (!graph.hasNode(member)) return [];
  const out = new Map<string, FederationGrant>();
  graph.forEachOutEdge(member, (_, e, _s, target) => {
    if (only !== undefined && target !== only) return;
    const acts = ACTS_AS.has(e.kind) || (e.kind === 'escalatesTo' && TOKEN_TECHNIQUES.has(String(e.attributes.technique)));
    if (!acts) return;
    const conditional = e.attributes.conditional === true;
    const prev = out.get(target);
    if (prev && (prev.decision === 'allowed' || conditional)) return;
    out.set(target, { target, decision: conditional ? 'conditional' : 'allowed', evidence: e.evidence, notes: [] });
  });
  return [...out.values()];
}

const AWS_ROLE_SESSION = /attribute\.aws_role\/arn:aws[\w-]*:sts::(\d{12}):assumed-role\/([^/]+)$/;

/**
 * Pool members that stand for the sessions of one AWS role: the role (an identity of the AWS
 * side) acts as what the member holds. The pool's AWS provider (which account it trusts) is not in
 * these exports, so the link is conditional on it.
 */
export function foreignMembers(graph: BlastGraph): ForeignMember[] {
  const out: ForeignMember[] = [];
  graph.forEachNode((id, a) => {
    if (a.kind !== 'gcp.principalSet' && a.kind !== 'gcp.principal') return;
    const m = AWS_ROLE_SESSION.exec(id);
    if (!m) return;
    const [, account, role] = m as unknown as [string, string, string];
    const evidence = graph.outEdges(id).flatMap((e) => graph.getEdgeAttributes(e).evidence).slice(0, 4);
    out.push({
      from: { provider: 'aws', kind: 'role', account, name: role },
      grant: { target: id, decision: 'conditional', evidence: evidence.length ? evidence : [{ file: 'analysis', location: id }], notes: ['whether the pool\'s AWS provider trusts this account is not in the exports (gcloud iam workload-identity-pools providers describe)'] },
      technique: 'gcp-workload-identity-federation',
      why: `sessions of AWS role ${role} (account ${account}) are members of a GCP workload identity pool (attribute.aws_role)`,
    });
  });
  return out;
}
