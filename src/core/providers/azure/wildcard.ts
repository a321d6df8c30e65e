/**
 * Azure RBAC action patterns: `*` is any run of characters (including `/`), everything else
 * (`?` included) is literal, and matching ignores case. Patterns come from attacker-controlled
 * role definitions, so they go through the linear-time scan shared with AWS (io/glob.ts), never
 * a backtracking RegExp. Both arguments must already be lower case.
 */
import { globMatch } from '../../io/glob';

export const actionMatches = (pattern: string, action: string): boolean => globMatch(pattern, action, 'star-only');

export const anyMatches = (patterns: readonly string[], action: string): boolean => patterns.some((p) => actionMatches(p, action));
