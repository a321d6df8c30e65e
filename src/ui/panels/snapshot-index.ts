/** Lookup tables over a snapshot, built once per snapshot. */
import type { Snapshot, SnapshotEdge, SnapshotNode } from '../../core';
import { pushTo } from '../../core';

export interface SnapshotIndex {
  nodes: Map<string, SnapshotNode>;
  outgoing: Map<string, SnapshotEdge[]>;
  incoming: Map<string, SnapshotEdge[]>;
}

const cache = new WeakMap<Snapshot, SnapshotIndex>();

export function indexSnapshot(s: Snapshot): SnapshotIndex {
  const hit = cache.get(s);
  if (hit) return hit;
  const idx: SnapshotIndex = { nodes: new Map(), outgoing: new Map(), incoming: new Map() };
  for (const n of s.nodes) idx.nodes.set(n.id, n);
  for (const e of s.edges) {
    pushTo(idx.outgoing, e.source, e);
    pushTo(idx.incoming, e.target, e);
  }
  cache.set(s, idx);
  return idx;
}
