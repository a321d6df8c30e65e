/**
 * A node's relationships grouped as an analyst reads them (BloodHound's entity panel sections):
 * one group per edge kind and direction, with its count and the neighbours to draw. Linear in the
 * node's degree.
 */
import { edgeKindInfo } from '../model/kinds';
import type { BlastGraph } from '../graph/graph';

export interface RelationshipGroup {
  /** `out:escalatesTo`, `in:memberOf`... */
  key: string;
  title: string;
  direction: 'out' | 'in';
  kind: string;
  /** Edges in the group. */
  count: number;
  /** Distinct neighbours across those edges (they may repeat: several techniques to one role). */
  neighbours: number;
  /** The first neighbours, up to DRAW_CAP: what "draw" puts on the graph. */
  ids: string[];
}

/** Neighbours one group draws at most (the overview's own cap for one-by-one nodes is 250). */
export const DRAW_CAP = 200;

/** Incoming edges phrased from the reader's side ("Members", not "member of" backwards). */
const INCOMING_TITLES: Record<string, string> = {
  memberOf: 'Members',
  hasPolicy: 'Attached to',
  credentialOf: 'Credentials',
  runsAs: 'Runs it',
  grants: 'Granted by',
  escalatesTo: 'Can take it over',
  federatesTo: 'Federated from',
  hasRole: 'Carried by',
};

/** Escalations lead, then what the node can act as, then the rest by title. */
const ORDER = ['escalatesTo', 'credentialOf', 'federatesTo', 'runsAs', 'memberOf', 'grants', 'hasPolicy'];

function titleOf(kind: string, direction: 'out' | 'in'): string {
  const label = edgeKindInfo(kind).label;
  if (direction === 'in') return INCOMING_TITLES[kind] ?? `Reach it: ${label}`;
  return label.charAt(0).toUpperCase() + label.slice(1);
}

export function relationshipGroups(graph: BlastGraph, id: string): RelationshipGroup[] {
  if (!graph.hasNode(id)) return [];
  const groups = new Map<string, RelationshipGroup & { seen: Set<string> }>();
  const add = (direction: 'out' | 'in', kind: string, other: string) => {
    const key = `${direction}:${kind}`;
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { key, title: titleOf(kind, direction), direction, kind, count: 0, neighbours: 0, ids: [], seen: new Set() }));
    g.count++;
    if (g.seen.has(other)) return;
    g.seen.add(other);
    g.neighbours++;
    if (g.ids.length < DRAW_CAP) g.ids.push(other);
  };
  graph.forEachOutEdge(id, (_e, a, _s, t) => add('out', a.kind, t));
  graph.forEachInEdge(id, (_e, a, s) => add('in', a.kind, s));
  const rank = (g: RelationshipGroup) => {
    const i = ORDER.indexOf(g.kind);
    return (i < 0 ? ORDER.length : i) * 2 + (g.direction === 'out' ? 0 : 1);
  };
  return [...groups.values()]
    .map(({ seen: _seen, ...g }) => g)
    .sort((a, b) => rank(a) - rank(b) || a.title.localeCompare(b.title));
}
