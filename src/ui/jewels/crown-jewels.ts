/** Crown jewels: marked by hand, or matched by a tag rule such as `data-class=restricted`. */
import type { Snapshot } from '../../core';

export function jewelIds(s: Snapshot, manual: readonly string[], rules: readonly string[]): string[] {
  const ids = new Set(manual.filter((id) => s.nodes.some((n) => n.id === id)));
  const parsed = rules.map((r) => {
    const eq = r.indexOf('=');
    return eq < 0 ? { key: r.trim(), value: undefined } : { key: r.slice(0, eq).trim(), value: r.slice(eq + 1).trim() };
  });
  for (const n of s.nodes) {
    const tags = Array.isArray(n.attributes.tags) ? (n.attributes.tags as [string, string][]) : [];
    if (parsed.some((p) => tags.some(([k, v]) => k === p.key && (p.value === undefined || v === p.value)))) ids.add(n.id);
  }
  return [...ids];
}
