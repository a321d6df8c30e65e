/** Does one statement apply to a request? Action, resource and condition, in three-valued logic. */
import { matchesAction, type CompiledStatement } from './compile';
import type { RequestContext } from './context';
import { evaluateConditions } from './conditions';
import { and, type Tri } from './tri';
import { substituteVariables } from './variables';
import { globMatch } from './wildcard';

export interface StatementMatch {
  applies: Tri;
  unknownKeys: string[];
}

/** The answer for a statement that does not apply (most of them): one shared, never changed. */
const NOT_APPLIED: StatementMatch = Object.freeze({ applies: false, unknownKeys: Object.freeze([]) as unknown as string[] });

function resourceMatches(patterns: string[], resource: string, ctx: RequestContext): Tri {
  let result: Tri = false;
  for (const p of patterns) {
    const s = substituteVariables(p, ctx);
    if (s === null) continue;
    if (s === undefined) {
      result = 'unknown';
      continue;
    }
    if (globMatch(s, resource)) return true;
  }
  return result;
}

export function statementApplies(st: CompiledStatement, action: string, resource: string, ctx: RequestContext): StatementMatch {
  const a = action.toLowerCase();
  // A statement without Action or NotAction grants nothing (AWS refuses it; the importer ignores it).
  if (!st.actionPatterns && !st.notActionPatterns) return NOT_APPLIED;
  if (st.actionPatterns && !matchesAction(st.actionPatterns, a)) return NOT_APPLIED;
  if (st.notActionPatterns && matchesAction(st.notActionPatterns, a)) return NOT_APPLIED;
  let applies: Tri = true;
  const unknownKeys: string[] = [];
  if (st.resources) applies = resourceMatches(st.resources, resource, ctx);
  else if (st.notResources) {
    const r = resourceMatches(st.notResources, resource, ctx);
    applies = r === 'unknown' ? r : !r;
  }
  if (applies === false) return NOT_APPLIED;
  if (applies === 'unknown') unknownKeys.push('policy variable in Resource');
  if (st.condition) {
    const c = evaluateConditions(st.condition, ctx);
    applies = and(applies, c.result);
    unknownKeys.push(...c.unknownKeys);
  }
  return { applies, unknownKeys };
}
