/** Instant search over names, ids, tags and kinds: one lower-cased haystack per node, per snapshot. */
import { kindInfo, type Snapshot, type SnapshotNode } from '../../core';

interface Entry {
  node: SnapshotNode;
  name: string;
  hay: string;
}

const cache = new WeakMap<Snapshot, Entry[]>();

function entries(s: Snapshot): Entry[] {
  let e = cache.get(s);
  if (!e) {
    e = s.nodes.map((node) => {
      const tags = Array.isArray(node.attributes.tags) ? (node.attributes.tags as [string, string][]).map(([k, v]) => `${k}=${v}`).join(' ') : '';
      return { node, name: node.name.toLowerCase(), hay: `${node.name} ${node.id} ${kindInfo(node.kind).label} ${tags}`.toLowerCase() };
    });
    cache.set(s, e);
  }
  return e;
}

/** Best matches first: name prefix, then name contains, then anywhere (id, kind, tags). */
export function search(s: Snapshot, query: string, limit = 20): SnapshotNode[] {
  const q = query.trim().toLowerCase();
  if (!q) return [];
  const ranked: [number, SnapshotNode][] = [];
  for (const e of entries(s)) {
    const rank = e.name.startsWith(q) ? 0 : e.name.includes(q) ? 1 : e.hay.includes(q) ? 2 : -1;
    if (rank >= 0) ranked.push([rank + (e.node.placeholder ? 0.5 : 0), e.node]);
  }
  return ranked.sort((a, b) => a[0] - b[0] || a[1].name.localeCompare(b[1].name)).slice(0, limit).map(([, n]) => n);
}
