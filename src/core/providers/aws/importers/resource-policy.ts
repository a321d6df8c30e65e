/**
 * A resource policy (bucket, key, secret): one policy node attached to the resource, and one
 * `grants` edge per principal of each Allow statement, carrying the actions and the condition.
 * Deny statements stay in the stored document for the evaluator.
 */
import type { ImportContext } from '../../../importers/types';
import { accountOf } from './arn';
import { normalizePolicy, statementLocation, warnPolicyProblems } from './policy-document';
import { principalNodeId } from './principals';

export function readResourcePolicy(ctx: ImportContext, resource: string, policy: unknown, where: string): boolean {
  const parsed = normalizePolicy(policy);
  if (!parsed.ok) {
    ctx.b.warn(`${where}: ${parsed.reason}; no grants read`);
    return false;
  }
  warnPolicyProblems((m) => ctx.b.warn(m), where, parsed);
  const policyId = `${resource}#resource-policy`;
  const denies = parsed.document.statements.filter((s) => s.effect === 'Deny').length;
  ctx.b.node({ id: policyId, kind: 'resourcePolicy', name: 'resource policy', account: accountOf(resource), attributes: { document: parsed.raw, resource, denyStatements: denies } });
  ctx.b.edge('hasPolicy', resource, policyId, { file: ctx.file, location: where, policy: policyId }, { via: 'resource' });
  for (const st of parsed.document.statements) {
    if (st.effect !== 'Allow') continue;
    const refs = st.principals.length ? st.principals : st.notPrincipals.length ? [{ type: '*' as const, value: '*' }] : [];
    for (const ref of refs) {
      const from = principalNodeId(ctx.b, ref);
      ctx.b.edge(
        'grants',
        from,
        resource,
        {
          file: ctx.file,
          location: statementLocation(where, st),
          policy: policyId,
          statement: st.id,
          condition: st.condition,
          note: st.notPrincipals.length ? `NotPrincipal: everyone except ${st.notPrincipals.map((p) => p.value).join(', ')}` : undefined,
        },
        {
          actions: st.actions.length ? st.actions : st.notActions.map((a) => `NotAction ${a}`),
          resources: st.resources.length ? st.resources : st.notResources.map((r) => `NotResource ${r}`),
          conditional: st.condition !== undefined,
          // Access levels need the action catalogue; the permission analysis fills them in.
        },
        st.id,
      );
    }
  }
  return true;
}
