/**
 * IAM wildcards: `*` is any run of characters (including none, and including `/` and `:`),
 * `?` is one character. Compiled regexes are cached: the same patterns recur across thousands
 * of policies.
 */
const cache = new Map<string, RegExp>();

export function globToRegExp(pattern: string, ignoreCase = false): RegExp {
  const key = `${ignoreCase ? 'i' : 's'}${pattern}`;
  let re = cache.get(key);
  if (!re) {
    const src = pattern
      .replace(/[.+^${}()|[\]\\]/g, '\\$&')
      .replace(/\*/g, '.*')
      .replace(/\?/g, '.')
      // `${*}` / `${?}` substituted as private-use characters: literal `*` / `?`.
      .replace(/\uE000/g, '\\*')
      .replace(/\uE001/g, '\\?');
    re = new RegExp(`^${src}$`, ignoreCase ? 'is' : 's');
    if (cache.size > 50_000) cache.clear();
    cache.set(key, re);
  }
  return re;
}

export function globMatch(pattern: string, value: string, ignoreCase = false): boolean {
  if (pattern === '*') return true;
  if (!/[*?\uE000\uE001]/.test(pattern)) return ignoreCase ? pattern.toLowerCase() === value.toLowerCase() : pattern === value;
  return globToRegExp(pattern, ignoreCase).test(value);
}
