/**
 * Condition blocks of trust statements, as the import keeps them (the JSON text on each
 * `canAssume` edge's evidence), read as tests on keys: which keys a statement pins, and how.
 */
import type { Evidence } from '../../../model/types';

export interface ConditionTest {
  /** The operator as written (`StringEquals`, `ForAnyValue:StringLike`...). */
  op: string;
  /** The key, lower-cased (IAM compares keys without case). */
  key: string;
  values: string[];
}

/** The tests of one statement's condition; [] when it has none or its text is unreadable. */
export function conditionTests(ev: Evidence): ConditionTest[] {
  if (!ev.condition) return [];
  let block: unknown;
  try {
    block = JSON.parse(ev.condition);
  } catch {
    return [];
  }
  if (!block || typeof block !== 'object') return [];
  const out: ConditionTest[] = [];
  for (const [op, entries] of Object.entries(block as Record<string, unknown>)) {
    if (!entries || typeof entries !== 'object') continue;
    for (const [key, v] of Object.entries(entries as Record<string, unknown>)) {
      const values = (Array.isArray(v) ? v : [v]).filter((x) => typeof x === 'string' || typeof x === 'number' || typeof x === 'boolean').map(String);
      out.push({ op, key: key.toLowerCase(), values });
    }
  }
  return out;
}

/**
 * Does the test narrow who passes it? Only a positive string or ARN comparison does: a `Not`
 * operator admits everyone else, `IfExists` and `ForAllValues` pass when the key is absent, and
 * `Null` only asks whether it is there.
 */
export function pins(t: ConditionTest): boolean {
  const op = t.op.toLowerCase();
  if (op.includes('not') || op.endsWith('ifexists') || op.startsWith('forallvalues:') || op === 'null') return false;
  const base = op.replace(/^foranyvalue:/, '');
  if (!/^(string|arn)(equals|equalsignorecase|like)$/.test(base)) return false;
  // `StringLike "*"` matches anything.
  return t.values.length > 0 && !(isLike(t) && t.values.some((v) => /^[*?]*$/.test(v)));
}

/** Like operators read `*` and `?` as wildcards; Equals operators read them literally. */
export const isLike = (t: ConditionTest): boolean => /like$/i.test(t.op);
