/**
 * Globs where `*` is the only special character (Vault's `bound_claims_type = "glob"`, the
 * Kubernetes auth method's bound service account names and namespaces, token roles'
 * `allowed_policies_glob`, AWS auth's `bound_iam_principal_arn`): `*` matches any run of
 * characters, `/` included. Matched by finding the literal parts in order (the leftmost place
 * of each is always the best one), so no pattern can make it backtrack.
 */

export const hasGlob = (pattern: string): boolean => pattern.includes('*');

export function globMatch(pattern: string, value: string): boolean {
  if (!pattern.includes('*')) return pattern === value;
  const parts = pattern.split('*');
  const first = parts[0]!;
  const last = parts[parts.length - 1]!;
  if (value.length < first.length + last.length) return false;
  if (!value.startsWith(first) || !value.endsWith(last)) return false;
  let at = first.length;
  const end = value.length - last.length;
  for (let i = 1; i < parts.length - 1; i++) {
    const part = parts[i]!;
    if (!part) continue;
    const found = value.indexOf(part, at);
    if (found === -1 || found + part.length > end) return false;
    at = found + part.length;
  }
  return true;
}

/** The literal text before the first `*` (what every match starts with). */
export const globPrefix = (pattern: string): string => {
  const star = pattern.indexOf('*');
  return star === -1 ? pattern : pattern.slice(0, star);
};
