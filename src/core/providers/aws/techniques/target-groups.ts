/**
 * Targets a principal's statements treat alike. Two targets named by exactly the same statements
 * of the principal (identity policies, boundary, SCPs), with no condition reading the target,
 * and alike on the target's side (`sideKey`: the same trust policy, for sts:AssumeRole) get the
 * same decision: a group is evaluated once, and a large group becomes one identity set instead
 * of an edge per target. Human users allowed to assume every `role/human/*` role behind an MFA
 * trust thus cost one edge each, not hundreds.
 */
import { namesAction, statementsFor, type CompiledStatement } from '../eval/compile';
import type { RequestContext } from '../eval/context';
import { substituteVariables } from '../eval/variables';
import { globMatch } from '../eval/wildcard';
import type { TechniqueContext } from './context';

/** Groups smaller than this are drawn target by target. */
export const SET_MIN = 10;

/** Targets grouped by how the principal's statements (and `sideKey`) treat them; input order kept. */
export function groupTargets(tc: TechniqueContext, principal: string, action: string, targets: readonly string[], sideKey?: (target: string) => string): string[][] {
  const pp = tc.model.principalPolicies(principal);
  // What each statement asks of a target, worked out once rather than once per target.
  const tests = statementsNaming(tc, principal, action).map((st, i) => ({
    matches: matcher(st, pp.ctx),
    // A condition on the target (its tags) can tell targets apart: no sharing then.
    readsTarget: st.ref.condition !== undefined && /resource/i.test(st.ref.condition),
    index: i,
    mark: `${i},`,
  }));
  const groups = new Map<string, string[]>();
  for (const t of targets) {
    let sig = sideKey ? `${sideKey(t)}|` : '';
    for (const test of tests) {
      if (test.matches(t)) sig += test.readsTarget ? `${test.index}@${t},` : test.mark;
    }
    const g = groups.get(sig);
    if (g) g.push(t);
    else groups.set(sig, [t]);
  }
  return [...groups.values()];
}

/** Resource patterns of the Allow statements that name the action and the target. */
export function allowPatterns(tc: TechniqueContext, principal: string, action: string, target: string): string[] {
  const pp = tc.model.principalPolicies(principal);
  const out = new Set<string>();
  for (const st of statementsNaming(tc, principal, action)) if (st.effect === 'Allow' && matcher(st, pp.ctx)(target)) for (const r of st.resources ?? ['*']) out.add(r);
  return [...out];
}

function statementsNaming(tc: TechniqueContext, principal: string, action: string): CompiledStatement[] {
  const pp = tc.model.principalPolicies(principal);
  const service = action.slice(0, action.indexOf(':')).toLowerCase();
  const a = action.toLowerCase();
  const policies = [...pp.identity, ...(pp.boundary ? [pp.boundary] : []), ...(pp.scpExempt ? [] : pp.scps)];
  return policies.flatMap((pol) => statementsFor(pol, service).filter((st) => namesAction(st, a)));
}

/** Does the statement's Resource (or NotResource) name a target? Policy variables resolved once. */
function matcher(st: CompiledStatement, ctx: RequestContext): (target: string) => boolean {
  const patterns = st.resources ?? st.notResources;
  if (!patterns) return () => true;
  // A variable the context cannot fill names nothing.
  const resolved = patterns.map((r) => substituteVariables(r, ctx)).filter((p): p is string => p !== null && p !== undefined);
  const named = (target: string) => resolved.some((p) => globMatch(p, target));
  return st.resources ? named : (target) => !named(target);
}

/** A short stable hash (FNV-1a) of a text, for set ids named by content. */
export function contentHash(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}
