/** Snapshot to Cytoscape elements: display data only, derived from the model's attributes. */
import type { ElementDefinition } from 'cytoscape';
import { kindInfo, type BlastRadius, type NodeCategory, type PrivilegePath, type Snapshot, type SnapshotNode } from '../../core';
import { pushTo } from '../../core';

/**
 * Canvas rendering slows to ~1 fps past ~5k elements here (setup-notes), so the whole-graph view
 * draws at most this many nodes; the analysis itself always covers every node.
 */
export const DRAW_LIMIT = 2500;

const PRIORITY: Record<NodeCategory, number> = { identity: 0, credential: 1, secret: 2, resource: 3, principal: 4, policy: 5 };

export interface DrawnGraph {
  elements: ElementDefinition[];
  drawn: number;
  total: number;
}

export function toElements(snapshot: Snapshot, showPolicies: boolean, limit: number = DRAW_LIMIT, hidden: ReadonlySet<string> = new Set(), focus: ReadonlySet<string> | null = null): DrawnGraph {
  let nodes: SnapshotNode[] = snapshot.nodes.filter((n) => !hidden.has(n.id) && (focus ? focus.has(n.id) : showPolicies || kindInfo(n.kind).category !== 'policy'));
  if (nodes.length > limit) {
    nodes = [...nodes].sort((a, b) => PRIORITY[kindInfo(a.kind).category] - PRIORITY[kindInfo(b.kind).category]).slice(0, limit);
  }
  const keep = new Set<string>();
  const elements: ElementDefinition[] = [];
  for (const n of nodes) {
    keep.add(n.id);
    elements.push({ group: 'nodes', data: { id: n.id, label: n.name, kind: n.kind, placeholder: n.placeholder } });
  }
  for (const e of snapshot.edges) {
    if (!keep.has(e.source) || !keep.has(e.target)) continue;
    elements.push({ group: 'edges', data: { id: e.id, source: e.source, target: e.target, kind: e.kind, conditional: e.attributes.conditional === true, ...(e.kind === 'escalatesTo' ? { label: String(e.attributes.technique ?? '') } : {}) } });
  }
  return { elements, drawn: nodes.length, total: snapshot.nodes.length };
}

/**
 * The blast-radius view: the source at the centre, identities in rings by hop, resources on the
 * outer ring, and the edges between them.
 */
export function blastElements(snapshot: Snapshot, blast: BlastRadius, expanded: ReadonlySet<string> = new Set()): DrawnGraph {
  const byId = new Map(snapshot.nodes.map((n) => [n.id, n]));
  const ring = new Map<string, number>([[blast.source, 0]]);
  for (const i of blast.identities) ring.set(i.id, i.hops);
  const outer = Math.max(0, ...ring.values()) + 1;
  const elements: ElementDefinition[] = [];
  for (const [id, hops] of ring) {
    const n = byId.get(id);
    if (!n) continue;
    elements.push({ group: 'nodes', data: { id, label: n.name, kind: n.kind, placeholder: n.placeholder, ring: hops } });
  }
  for (const e of snapshot.edges) {
    if (!ring.has(e.source) || !ring.has(e.target) || e.source === e.target) continue;
    elements.push({ group: 'edges', data: { id: e.id, source: e.source, target: e.target, kind: e.kind, conditional: e.attributes.conditional === true } });
  }
  // Resources of one service and strongest access level collapse into a group node (click to
  // expand), so the view stays readable at thousands of reached resources.
  const groups = new Map<string, typeof blast.resources>();
  for (const r of blast.resources) {
    const key = `group:${r.service}:${strongest(r.levels)}`;
    pushTo(groups, key, r);
  }
  for (const [key, members] of groups) {
    const collapse = members.length > GROUP_MIN && !expanded.has(key);
    if (collapse) {
      const [, service, level] = key.split(':');
      elements.push({ group: 'nodes', data: { id: key, label: `${service} · ${level} (${members.length})`, kind: 'resource', groupKey: key, ring: outer, group: true } });
      for (const through of new Set(members.map((m) => m.through))) if (ring.has(through)) elements.push({ group: 'edges', data: { id: `reach:${through}->${key}`, source: through, target: key, kind: 'reaches', conditional: members.every((m) => m.conditionalOnly) } });
      continue;
    }
    for (const r of members) {
      const n = byId.get(r.id);
      if (!n) continue;
      elements.push({ group: 'nodes', data: { id: r.id, label: n.name, kind: n.kind, placeholder: n.placeholder, ring: outer, groupKey: expanded.has(key) ? key : undefined } });
      if (ring.has(r.through)) elements.push({ group: 'edges', data: { id: `reach:${r.through}->${r.id}`, source: r.through, target: r.id, kind: 'reaches', conditional: r.conditionalOnly } });
    }
  }
  return { elements, drawn: elements.filter((e) => e.group === 'nodes').length, total: snapshot.nodes.length };
}

/** Groups of more resources than this collapse into one node. */
export const GROUP_MIN = 3;
const LEVEL_ORDER = ['Permissions management', 'Write', 'Read', 'Tagging', 'List'];
const strongest = (levels: string[]) => LEVEL_ORDER.find((l) => levels.includes(l)) ?? 'List';

/** The path view: the nodes and edges of the found paths, layered from the source. */
export function pathElements(snapshot: Snapshot, paths: PrivilegePath[]): DrawnGraph {
  const byId = new Map(snapshot.nodes.map((n) => [n.id, n]));
  const nodes = new Set<string>();
  const elements: ElementDefinition[] = [];
  const edgeIds = new Set<string>();
  for (const p of paths) {
    for (const s of p.steps) {
      for (const id of [s.from, s.to]) {
        const n = byId.get(id);
        if (n && !nodes.has(id)) {
          nodes.add(id);
          elements.push({ group: 'nodes', data: { id, label: n.name, kind: n.kind, placeholder: n.placeholder } });
        }
      }
      const id = `path:${s.edge}:${s.from}->${s.to}`;
      if (!edgeIds.has(id) && byId.has(s.from) && byId.has(s.to)) {
        edgeIds.add(id);
        elements.push({ group: 'edges', data: { id, source: s.from, target: s.to, kind: s.kind === 'adminOf' || s.kind === 'setMember' ? 'escalatesTo' : s.kind, conditional: s.conditional, label: s.technique ?? '' } });
      }
    }
  }
  return { elements, drawn: nodes.size, total: snapshot.nodes.length };
}

/** A node and everything one edge away from it. */
export function neighbours(snapshot: Snapshot, id: string): string[] {
  const out = [id];
  for (const e of snapshot.edges) {
    if (e.source === id) out.push(e.target);
    else if (e.target === id) out.push(e.source);
  }
  return out;
}
