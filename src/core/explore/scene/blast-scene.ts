/**
 * The blast-radius scene: the source at the centre, reached identities in rings by hop, resources
 * on the outer ring. Past a few dozen per ring, the rest of a ring folds into one group per kind,
 * and resources into one group per service and strongest access level (click to open).
 */
import type { Analysis } from '../../analysis/analysis';
import type { BlastResult, ReachedResource } from '../../analysis/blast-result';
import { kindInfo } from '../../model/kinds';
import type { Scene, SceneEdge, SceneNode } from '../types';
import { ringLayout } from './layout';
import { leftOut, withinBudget } from './edge-budget';
import { FoldedEdges } from './fold-edges';

/** Identities drawn one by one per ring before the rest folds. */
const PER_RING = 40;
/** Resource groups of more than this many fold. */
export const RESOURCE_GROUP_MIN = 3;
const LEVEL_ORDER = ['Permissions management', 'Write', 'Read', 'Tagging', 'List'];
const strongest = (levels: readonly string[]) => LEVEL_ORDER.find((l) => levels.includes(l)) ?? 'List';

export function blastScene(a: Analysis, blast: BlastResult, expanded: ReadonlySet<string>): Scene {
  const graph = a.graph;
  const ix = a.reach;
  const nodes: SceneNode[] = [];
  const rep = new Map<string, string>();
  const rings: string[][] = [[blast.source]];
  const ringOf = (hops: number) => (rings[hops] ??= []);
  const src = graph.getNodeAttributes(blast.source);
  nodes.push({ id: blast.source, label: src.name, kind: src.kind, x: 0, y: 0, mark: 'source', ring: 0 });
  rep.set(blast.source, blast.source);
  const admins = new Set(blast.admins.map((a) => a.id));
  // Per ring: admins first, then breadth-first order; read from the columns, rows never built.
  const byRing = new Map<number, number[]>();
  for (let i = 0; i < blast.identityCount; i++) {
    const h = blast.hops[i]!;
    const list = byRing.get(h);
    if (list) list.push(i);
    else byRing.set(h, [i]);
  }
  const idOf = (i: number) => ix.ids[blast.nodes[i]!]!;
  for (const [hops, members] of [...byRing.entries()].sort((x, y) => x[0] - y[0])) {
    const ordered = [...members.filter((m) => admins.has(idOf(m))), ...members.filter((m) => !admins.has(idOf(m)))];
    const ring = ringOf(hops);
    const folded = new Map<string, string[]>();
    ordered.forEach((m, i) => {
      const id = idOf(m);
      const n = ix.attrs[blast.nodes[m]!]!;
      const key = `blast-group:${hops}:${n.kind}`;
      if (i < PER_RING || expanded.has(key)) {
        nodes.push({ id, label: n.name, kind: n.kind, x: 0, y: 0, placeholder: n.placeholder || undefined, ring: hops, mark: admins.has(id) ? 'admin' : undefined });
        rep.set(id, id);
        ring.push(id);
      } else {
        const list = folded.get(key);
        if (list) list.push(id);
        else folded.set(key, [id]);
      }
    });
    for (const [key, ids] of folded) {
      const kind = key.slice(key.lastIndexOf(':') + 1);
      nodes.push({ id: key, label: `${ids.length.toLocaleString('en')} more ${kindInfo(kind).plural} at ${hops} ${hops === 1 ? 'step' : 'steps'}`, kind, x: 0, y: 0, ring: hops, group: { key, count: ids.length } });
      for (const id of ids) rep.set(id, key);
      ring.push(key);
    }
  }
  const edges = foldRingEdges(graph, rep);
  const drawnIds = new Set(nodes.map((n) => n.id));
  const outer = rings.length;
  const resourceRing: string[] = [];
  const groups = new Map<string, ReachedResource[]>();
  for (const r of blast.resources) {
    const key = `group:${r.service}:${strongest(r.levels)}`;
    const list = groups.get(key);
    if (list) list.push(r);
    else groups.set(key, [r]);
  }
  for (const [key, members] of groups) {
    if (members.length > RESOURCE_GROUP_MIN && !expanded.has(key)) {
      const [, service, level] = key.split(':');
      nodes.push({ id: key, label: `${service} · ${level} (${members.length})`, kind: members[0]!.kind, x: 0, y: 0, ring: outer, group: { key, count: members.length } });
      resourceRing.push(key);
      for (const through of new Set(members.map((m) => rep.get(m.through) ?? m.through))) {
        if (drawnIds.has(through)) edges.push({ id: `reach:${through}->${key}`, source: through, target: key, kind: 'reaches', conditional: members.every((m) => m.conditionalOnly), count: members.length });
      }
      continue;
    }
    for (const r of members) {
      const n = graph.hasNode(r.id) ? graph.getNodeAttributes(r.id) : undefined;
      nodes.push({ id: r.id, label: r.name, kind: r.kind, x: 0, y: 0, placeholder: n?.placeholder || undefined, ring: outer });
      resourceRing.push(r.id);
      const through = rep.get(r.through);
      if (through) edges.push({ id: `reach:${through}->${r.id}`, source: through, target: r.id, kind: 'reaches', conditional: r.conditionalOnly });
    }
  }
  const budget = withinBudget(edges);
  const positions = ringLayout([...rings.filter((r) => r.length), ...(resourceRing.length ? [resourceRing] : [])]);
  for (const n of nodes) Object.assign(n, positions.get(n.id));
  const total = 1 + blast.identityCount + blast.resources.length;
  return {
    nodes,
    edges: budget.kept,
    drawn: total,
    total: graph.order,
    caption: `Blast radius of ${src.name}: ${blast.identityCount.toLocaleString('en')} identities in rings by step, ${blast.resources.length.toLocaleString('en')} resources outside${leftOut(budget.left)}`,
  };
}

/** Graph edges among the drawn identities (outward only: from a nearer ring or the same one); edges into folded groups become one per group. */
function foldRingEdges(graph: Analysis['graph'], rep: ReadonlyMap<string, string>): SceneEdge[] {
  const edges: SceneEdge[] = [];
  const folded = new FoldedEdges(true);
  for (const [id, r] of rep) {
    if (r !== id) continue;
    graph.forEachOutEdge(id, (key, e, source, target) => {
      const t = rep.get(target);
      if (t === undefined || target === source) return;
      const conditional = e.attributes.conditional === true;
      if (t === target) edges.push({ id: key, source, target, kind: e.kind, conditional });
      else folded.add(source, t, e.kind, conditional);
    });
  }
  return [...edges, ...folded.list()];
}
