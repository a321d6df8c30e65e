/**
 * IAM wildcards: `*` is any run of characters, `?` is one character, and `${*}` / `${?}`
 * (substituted as io/glob.ts's LITERAL_STAR / LITERAL_QMARK) are literal. The linear-time scan
 * itself is io/glob.ts, shared with Azure; this keeps IAM's reading of a pattern and its
 * case-insensitive matching of actions in one place for the evaluator.
 */
import { globMatch as match } from '../../../io/glob';

export function globMatch(pattern: string, value: string, ignoreCase = false): boolean {
  // Before lower-casing: `*` is the commonest pattern, and a value may be long.
  if (pattern === '*') return true;
  return ignoreCase ? match(pattern.toLowerCase(), value.toLowerCase(), 'iam') : match(pattern, value, 'iam');
}
