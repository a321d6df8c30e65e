/**
 * Wildcard grants (OWASP NHI5): an NHI allowed every action of a service (`s3:*`) or every action
 * (`*`) on every resource. The statements are those the evaluator uses (the identity's policies
 * and, for a user, its groups'; AWS managed policies from the bundled documents when the export
 * has none). Administrators are left to the neutral `nhi.admin` rule, which already says worse.
 *
 * Not checked: "services granted far beyond those used" needs IAM's service last-accessed data
 * (generate-service-last-accessed-details), which no importer reads yet.
 */
import type { BlastGraph } from '../../../graph/graph';
import type { Evidence } from '../../../model/types';
import { providerAnalysisOf } from '../../types';
import type { RuleInfo, RuleSet } from '../../../risk/types';
import type { AwsAnalysis } from '../plugin';
import type { CompiledStatement } from '../eval/compile';

export const WILDCARD_GRANT: RuleInfo = {
  id: 'aws.wildcard-grant',
  title: 'Wildcard permissions on all resources',
  owasp: 'NHI5',
  severity: 'medium',
  description: 'A non-human user or role that is not an administrator is allowed Action "*" or "service:*" on Resource "*" by one of its policies (a group\'s included).',
  remediation: 'Replace the wildcard with the actions the workload calls and the ARNs it touches (IAM Access Analyzer policy generation lists them from CloudTrail).',
};

const awsOf = providerAnalysisOf<AwsAnalysis>('aws');

/** `*` or `service:*`: every action, or every action of one service. */
const WILD_ACTION = /^(\*|[a-z0-9-]+:\*)$/;

const isWildGrant = (st: CompiledStatement) => st.effect === 'Allow' && !!st.resources?.includes('*') && !!st.actions?.some((a) => WILD_ACTION.test(a));

/** The attachment of the policy to the identity or one of its groups, cited with the statement. */
function grantEvidence(graph: BlastGraph, holders: string[], st: CompiledStatement): Evidence[] {
  const out: Evidence[] = [];
  for (const h of holders) {
    graph.forEachOutEdge(h, (_e, a, _s, target) => {
      if (a.kind !== 'hasPolicy' || target !== st.ref.policyId) return;
      const via = h === holders[0] ? undefined : `through group ${graph.getNodeAttribute(h, 'name')}`;
      for (const ev of a.evidence) out.push({ ...ev, policy: st.ref.policyId, statement: st.ref.statement, condition: st.ref.condition, note: via });
    });
  }
  return out.length ? out : [{ file: 'analysis', location: `${st.ref.policyName} statement ${st.ref.statement}`, policy: st.ref.policyId, statement: st.ref.statement }];
}

export const awsPrivilegeRules: RuleSet = {
  rules: [WILDCARD_GRANT],
  run(ctx, emit) {
    const aws = awsOf(ctx.analysis);
    if (!aws) return;
    const g = ctx.analysis.graph;
    for (const id of aws.model.principals()) {
      if (aws.admins.has(id) || !ctx.isNhi(id)) continue;
      const wild = aws.model.principalPolicies(id).identity.flatMap((p) => p.statements.filter(isWildGrant));
      if (!wild.length) continue;
      const holders = [id, ...(g.getNodeAttribute(id, 'kind') === 'user' ? aws.model.groupsOf(id) : [])];
      const n = g.getNodeAttributes(id);
      const grants = wild.map((st) => `${st.actions!.filter((a) => WILD_ACTION.test(a)).join(', ')} in ${st.ref.policyName} (statement ${st.ref.statement})`);
      const policies = [...new Set(wild.map((st) => st.ref.policyName))].join(', ');
      emit(WILDCARD_GRANT, {
        subject: id,
        evidence: wild.flatMap((st) => grantEvidence(g, holders, st)),
        detail: `${n.name}: allowed ${grants.join('; ')} on Resource "*".`,
        remediation: `In ${policies} (${n.kind} ${n.name}), replace the wildcard actions with those the workload calls and "*" with the ARNs it uses; IAM Access Analyzer can generate that policy from CloudTrail.`,
      });
    }
  },
};
