/**
 * Policy variables (`${aws:username}`, `${aws:PrincipalTag/team}`) are replaced by the request's
 * values where the export tells them; `${*}`, `${?}`, `${$}` stand for the literal characters.
 * Returns undefined when a variable cannot be known (the caller treats the statement as
 * conditional), and null when its key is known to be absent from the request (`${aws:username}` in
 * a role session's request): AWS then makes the element match nothing.
 */
import { hasOwn } from '../../../io/safe-object';
import { LITERAL_QMARK, LITERAL_STAR } from '../../../io/glob';
import { keyState, type RequestContext } from './context';

/** `${*}` and `${?}` are literal characters: substituted as private-use code points the glob matcher (io/glob.ts) reads as such. */
const LITERAL: Record<string, string> = { '*': LITERAL_STAR, '?': LITERAL_QMARK, $: '$' };

export function substituteVariables(text: string, ctx: RequestContext): string | undefined | null {
  if (!text.includes('${')) return text;
  let failed = false;
  let absent = false;
  const out = text.replace(/\$\{([^}]+)\}/g, (_, name: string) => {
    // `in` would also find `${constructor}` and `${toString}` on Object.prototype.
    if (hasOwn(LITERAL, name)) return LITERAL[name]!;
    const [key, fallback] = name.split(/,\s*'/);
    const state = keyState(ctx, key!.trim());
    if (state.kind === 'values' && state.values.length === 1) return state.values[0]!;
    if (fallback !== undefined) return fallback.replace(/'$/, '');
    if (state.kind === 'absent') absent = true;
    else failed = true;
    return '';
  });
  return absent ? null : failed ? undefined : out;
}
