/**
 * A scope and its ancestors, nearest first, for providers whose grants are inherited down a
 * hierarchy (Azure: root → management groups → subscriptions → resource groups → resources; GCP:
 * organization → folders → projects → resources). The hierarchy comes from exports an attacker
 * may write, so a cycle or an absurd depth is cut rather than followed. Cached per key: every
 * access decision walks its resource's chain.
 */
export class AncestorChains {
  private readonly cache = new Map<string, readonly string[]>();

  /** `parentOf` is asked lazily, on the first `of` of each key: it may read state filled in later. */
  constructor(
    private readonly parentOf: (key: string) => string | undefined,
    private readonly maxDepth: number,
  ) {}

  /** The key and its ancestors, nearest first, at most `maxDepth` of them. */
  of(key: string): readonly string[] {
    const cached = this.cache.get(key);
    if (cached) return cached;
    const out = [key];
    const seen = new Set(out);
    for (let p = this.parentOf(key); p !== undefined && !seen.has(p) && out.length < this.maxDepth; p = this.parentOf(p)) {
      out.push(p);
      seen.add(p);
    }
    this.cache.set(key, out);
    return out;
  }
}
