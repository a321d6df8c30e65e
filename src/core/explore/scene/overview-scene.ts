/**
 * The overview scene. A graph small enough to read is drawn whole. A large one is never cut to an
 * arbitrary slice: nodes fold into groups (provider, account/project/cluster, kind, then path
 * prefix) that open on click, while what matters (admins, who can become admin, crown jewels)
 * stays drawn one by one. Edges touching a group fold into one edge per pair with a count.
 */
import { categoryOf, kindInfo } from '../../model/kinds';
import type { BlastGraph } from '../../graph/graph';
import type { AnalysisSummary } from '../../analysis/summary';
import type { OverviewRequest, Scene, SceneEdge, SceneNode } from '../types';
import { forceLayout } from './layout';
import { EDGE_BUDGET, leftOut, withinBudget } from './edge-budget';
import { FoldedEdges } from './fold-edges';

/** Up to this many nodes (and EDGE_BUDGET edges) the whole graph is drawn: beyond, it stops reading as a picture. */
export const DIRECT_LIMIT = 250;
/** A group opens into its members when it has at most this many, else into sub-groups. */
export const MEMBER_LIMIT = 120;
/** At most this many important nodes are pulled out of their groups. */
const PIN_LIMIT = 60;

type Mark = NonNullable<SceneNode['mark']>;

/**
 * The marks of important nodes, most important first: the analyst's "assume breached" marks lead
 * (the starting points of every question about them), then admins, crown jewels, escalations.
 */
export function marksOf(summary: AnalysisSummary | undefined, jewels: readonly string[], breached: readonly string[] = []): Map<string, Mark> {
  const marks = new Map<string, Mark>();
  for (const id of breached) marks.set(id, 'breached');
  for (const id of summary?.admins ?? []) if (!marks.has(id)) marks.set(id, 'admin');
  for (const id of summary?.conditionalAdmins ?? []) if (!marks.has(id)) marks.set(id, 'conditional-admin');
  for (const id of jewels) if (!marks.has(id)) marks.set(id, 'jewel');
  for (const e of summary?.escalatesToAdmin ?? []) if (!marks.has(e.principal)) marks.set(e.principal, 'escalates');
  return marks;
}

/** Path segments of a node below its kind, from its id (`role/app/payments/deployer` -> role, app, payments). */
function segmentsOf(id: string): string[] {
  const tail = id.slice(id.lastIndexOf(':') + 1);
  const parts = tail.split('/');
  return parts.slice(0, -1);
}

interface Group {
  key: string;
  label: string;
  members: string[];
  depth: number;
}

const scopeLabel = (provider: string, scope: string) => (scope ? `${provider} ${scope}` : provider);

/** Split a group's members one level down: by the next path segment that differs, else by name in chunks. */
function splitGroup(g: Group, name: (id: string) => string): Group[] {
  for (let depth = g.depth; depth < 12; depth++) {
    const by = new Map<string, string[]>();
    for (const id of g.members) {
      const seg = segmentsOf(id)[depth] ?? '';
      const list = by.get(seg);
      if (list) list.push(id);
      else by.set(seg, [id]);
    }
    if (by.size > 1) {
      return [...by.entries()]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([seg, members]) => ({ key: `${g.key}/${seg}`, label: g.label.replace(' · ', ` ${seg ? `…/${seg}/` : '(no path)'} · `), members, depth: depth + 1 }));
    }
    if (!by.has('') && by.size === 1) continue;
    break;
  }
  // No path tells them apart: alphabetical chunks.
  const sorted = [...g.members].sort((a, b) => name(a).localeCompare(name(b)));
  const chunks: Group[] = [];
  for (let i = 0; i < sorted.length; i += MEMBER_LIMIT) {
    const part = sorted.slice(i, i + MEMBER_LIMIT);
    chunks.push({ key: `${g.key}#${i / MEMBER_LIMIT}`, label: `· ${name(part[0]!)} … ${name(part.at(-1)!)}`, members: part, depth: 99 });
  }
  return chunks;
}

export function overviewScene(graph: BlastGraph, summary: AnalysisSummary | undefined, req: OverviewRequest, scopeOf: (id: string) => string | undefined): Scene {
  const hidden = new Set(req.hidden);
  const focus = req.focus ? new Set(req.focus) : undefined;
  const visible: string[] = [];
  graph.forEachNode((id, n) => {
    if (hidden.has(id)) return;
    if (focus ? focus.has(id) : req.showPolicies || categoryOf(n.kind) !== 'policy') visible.push(id);
  });
  visible.sort();
  const marks = marksOf(summary, req.jewels, req.breached);
  const name = (id: string) => graph.getNodeAttribute(id, 'name');
  // Which drawn node stands for each visible node: itself, or its group's key.
  const rep = new Map<string, string>();
  const nodes: SceneNode[] = [];
  const groupWeights = new Map<string, number>();
  const drawNode = (id: string) => {
    const n = graph.getNodeAttributes(id);
    rep.set(id, id);
    nodes.push({ id, label: n.name, kind: n.kind, x: 0, y: 0, placeholder: n.placeholder || undefined, mark: marks.get(id) });
  };
  let caption: string;
  if (visible.length <= DIRECT_LIMIT && edgesAmong(graph, visible) <= EDGE_BUDGET) {
    for (const id of visible) drawNode(id);
    caption = focus ? `${visible.length} nodes around the selection` : `All ${visible.length.toLocaleString('en')} nodes`;
  } else {
    // Breached marks are pinned before the rest (the rest in id order).
    const pinned = [...visible.filter((id) => marks.get(id) === 'breached'), ...visible.filter((id) => marks.has(id) && marks.get(id) !== 'breached')].slice(0, PIN_LIMIT);
    const pinnedSet = new Set(pinned);
    for (const id of pinned) drawNode(id);
    const top = new Map<string, Group>();
    for (const id of visible) {
      if (pinnedSet.has(id)) continue;
      const n = graph.getNodeAttributes(id);
      // Referenced-only nodes (trusted foreign accounts, AWS services...) fold across scopes: one
      // group per kind, not one per foreign account.
      const scope = n.placeholder ? '' : (scopeOf(id) ?? n.account ?? '').toString();
      const key = `group:${n.provider}|${scope}|${n.kind}${n.placeholder ? '|referenced' : ''}`;
      let g = top.get(key);
      if (!g) top.set(key, (g = { key, label: `${n.placeholder ? 'referenced ' : ''}${kindInfo(n.kind).plural} · ${scopeLabel(n.provider, scope)}`, members: [], depth: 0 }));
      g.members.push(id);
    }
    const expanded = new Set(req.expanded);
    const open = (g: Group) => {
      // A group of one or two says less than its members: draw them.
      if (g.members.length <= 2) {
        for (const id of g.members) drawNode(id);
        return;
      }
      if (!expanded.has(g.key)) {
        for (const id of g.members) rep.set(id, g.key);
        const kind = graph.getNodeAttribute(g.members[0]!, 'kind');
        // The count leads: a long label is cut at its end.
        nodes.push({ id: g.key, label: `${g.members.length.toLocaleString('en')} ${g.label}`, kind, x: 0, y: 0, group: { key: g.key, count: g.members.length } });
        groupWeights.set(g.key, 1 + Math.log10(g.members.length));
        return;
      }
      if (g.members.length <= MEMBER_LIMIT) for (const id of g.members) drawNode(id);
      else for (const sub of splitGroup(g, name)) open(sub);
    };
    for (const key of [...top.keys()].sort()) open(top.get(key)!);
    const groups = nodes.filter((n) => n.group).length;
    caption = `${visible.length.toLocaleString('en')} nodes: ${groups} groups (click one to open it), ${nodes.length - groups} drawn one by one${pinned.length ? ', admins and paths to admin first' : ''}`;
  }
  const { kept: edges, left } = withinBudget(foldEdges(graph, rep));
  caption += leftOut(left);
  const positions = forceLayout(
    nodes.map((n) => n.id),
    edges.map((e) => [e.source, e.target]),
    (id) => groupWeights.get(id) ?? 1,
    (id) => (groupWeights.has(id) ? 130 : 60),
  );
  for (const n of nodes) Object.assign(n, positions.get(n.id));
  return { nodes, edges, drawn: rep.size, total: graph.order, caption };
}

function edgesAmong(graph: BlastGraph, ids: readonly string[]): number {
  const set = new Set(ids);
  let n = 0;
  for (const id of ids) graph.forEachOutEdge(id, (_, _e, _s, t) => void (set.has(t) && n++));
  return n;
}

/**
 * Graph edges between drawn nodes. Edges touching a group, and several edges joining the same two
 * drawn nodes (techniques between two admins), fold into one per pair of drawn nodes and
 * direction, with their count (an escalation among them makes it an escalation edge): no bundle
 * of parallel curves.
 */
function foldEdges(graph: BlastGraph, rep: ReadonlyMap<string, string>): SceneEdge[] {
  const folded = new FoldedEdges(false);
  const edges: SceneEdge[] = [];
  const direct = new Map<string, number>();
  const pairOf = (s: string, t: string) => `${s}\u0000${t}`;
  graph.forEachEdge((_key, _e, source, target) => {
    if (rep.get(source) === source && rep.get(target) === target) direct.set(pairOf(source, target), (direct.get(pairOf(source, target)) ?? 0) + 1);
  });
  graph.forEachEdge((key, e, source, target) => {
    const s = rep.get(source);
    const t = rep.get(target);
    if (s === undefined || t === undefined) return;
    const conditional = e.attributes.conditional === true;
    if (s === source && t === target && direct.get(pairOf(s, t)) === 1) {
      edges.push({ id: key, source, target, kind: e.kind, conditional, ...(e.kind === 'escalatesTo' ? { label: String(e.attributes.techniqueName ?? e.attributes.technique ?? '') } : {}) });
      return;
    }
    if (s !== t || s === source) folded.add(s, t, e.kind, conditional);
  });
  return [...edges, ...folded.list(2)];
}
