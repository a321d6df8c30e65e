/**
 * Policy variables (`${aws:username}`, `${aws:PrincipalTag/team}`) are replaced by the request's
 * values where the export tells them; `${*}`, `${?}`, `${$}` stand for the literal characters.
 * Returns undefined when a variable cannot be known: the caller treats the statement as conditional.
 */
import { keyState, type RequestContext } from './context';

const LITERAL: Record<string, string> = { '*': '\u0000STAR\u0000', '?': '\u0000QMARK\u0000', $: '$' };

export function substituteVariables(text: string, ctx: RequestContext): string | undefined {
  if (!text.includes('${')) return text;
  let failed = false;
  const out = text.replace(/\$\{([^}]+)\}/g, (_, name: string) => {
    if (name in LITERAL) return LITERAL[name]!;
    const [key, fallback] = name.split(/,\s*'/);
    const state = keyState(ctx, key!.trim());
    if (state.kind === 'values' && state.values.length === 1) return state.values[0]!;
    if (fallback !== undefined) return fallback.replace(/'$/, '');
    failed = true;
    return '';
  });
  return failed ? undefined : out;
}

/** After wildcard matching is set up, literal `*` and `?` from `${*}`/`${?}` come back. */
export const restoreLiterals = (s: string): string => s.replace(/\u0000STAR\u0000/g, '*').replace(/\u0000QMARK\u0000/g, '?');
