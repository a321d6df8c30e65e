/** Instant search over names, ids, tags and kinds: one lower-cased haystack per node, built once per workspace version. */
import { kindInfo } from '../model/kinds';
import type { BlastGraph } from '../graph/graph';
import type { NodeRef } from './types';

interface Entry {
  ref: NodeRef;
  name: string;
  hay: string;
}

export class SearchIndex {
  private readonly entries: Entry[] = [];

  constructor(graph: BlastGraph) {
    graph.forEachNode((id, n) => {
      const tags = Array.isArray(n.attributes.tags) ? (n.attributes.tags as [string, string][]).map(([k, v]) => `${k}=${v}`).join(' ') : '';
      this.entries.push({
        ref: { id, name: n.name, kind: n.kind, provider: n.provider, placeholder: n.placeholder || undefined },
        name: n.name.toLowerCase(),
        hay: `${n.name} ${id} ${kindInfo(n.kind).label} ${tags}`.toLowerCase(),
      });
    });
  }

  /** Best matches first: name prefix, then name contains, then anywhere (id, kind, tags); described nodes before referenced ones. */
  search(query: string, limit = 20): { matches: NodeRef[]; total: number } {
    const q = query.trim().toLowerCase();
    if (!q) return { matches: [], total: 0 };
    const ranked: [number, NodeRef][] = [];
    for (const e of this.entries) {
      const rank = e.name.startsWith(q) ? 0 : e.name.includes(q) ? 1 : e.hay.includes(q) ? 2 : -1;
      if (rank >= 0) ranked.push([rank + (e.ref.placeholder ? 0.5 : 0), e.ref]);
    }
    const matches = ranked
      .sort((a, b) => a[0] - b[0] || a[1].name.localeCompare(b[1].name))
      .slice(0, Math.max(0, Math.min(200, limit)))
      .map(([, n]) => n);
    return { matches, total: ranked.length };
  }
}
