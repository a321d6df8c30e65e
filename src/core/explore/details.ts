/** One node as the details panel shows it: attributes, ages, and its edges with their evidence, by page. */
import { judgeAge } from '../analysis/lifecycle';
import { edgeHelp } from '../explain/help';
import type { BlastGraph } from '../graph/graph';
import { relationshipGroups } from './relationships';
import type { DetailEdge, EdgeDetails, EdgePage, NodeDetails, NodeRef } from './types';

export function nodeRef(graph: BlastGraph, id: string): NodeRef {
  if (!graph.hasNode(id)) return { id, name: id, kind: 'externalPrincipal', provider: '' };
  const n = graph.getNodeAttributes(id);
  return { id, name: n.name, kind: n.kind, provider: n.provider, placeholder: n.placeholder || undefined };
}

/** Escalation first (what the analyst came for), then the rest in graph order. */
function edgePage(graph: BlastGraph, id: string, direction: 'out' | 'in', offset: number, limit: number): EdgePage {
  const keys = direction === 'out' ? graph.outEdges(id) : graph.inEdges(id);
  const ordered = [...keys.filter((k) => graph.getEdgeAttribute(k, 'kind') === 'escalatesTo'), ...keys.filter((k) => graph.getEdgeAttribute(k, 'kind') !== 'escalatesTo')];
  const edges: DetailEdge[] = ordered.slice(offset, offset + limit).map((key) => {
    const e = graph.getEdgeAttributes(key);
    const other = direction === 'out' ? graph.target(key) : graph.source(key);
    return { id: key, kind: e.kind, other: nodeRef(graph, other), attributes: e.attributes, evidence: e.evidence };
  });
  return { total: keys.length, edges };
}

export interface DetailsRequest {
  id: string;
  /** How many edges of each direction to send (the panel asks for more). */
  outLimit: number;
  inLimit: number;
  /** Where each direction's page starts (default 0: the first page). */
  outOffset?: number;
  inOffset?: number;
}

export function nodeDetails(graph: BlastGraph, req: DetailsRequest, asOf: number | undefined): NodeDetails | null {
  if (!graph.hasNode(req.id)) return null;
  const n = graph.getNodeAttributes(req.id);
  const ages: NodeDetails['ages'] = [];
  if (asOf !== undefined) {
    const own = judgeAge(n.kind, n.attributes, asOf);
    if (own) ages.push({ name: n.name, judgement: own });
    graph.forEachInEdge(req.id, (_, e, _s, _t, c) => {
      if (e.kind !== 'credentialOf') return;
      const j = judgeAge(c.kind, c.attributes, asOf);
      if (j) ages.push({ name: c.name, judgement: j });
    });
  }
  const cap = (v: number) => Math.max(0, Math.min(5000, Math.floor(v)));
  return {
    node: { ...nodeRef(graph, req.id), account: n.account, attributes: n.attributes },
    ages,
    outgoing: edgePage(graph, req.id, 'out', Math.max(0, Math.floor(req.outOffset ?? 0)), cap(req.outLimit)),
    incoming: edgePage(graph, req.id, 'in', Math.max(0, Math.floor(req.inOffset ?? 0)), cap(req.inLimit)),
    groups: relationshipGroups(graph, req.id),
  };
}

/** A node and everything one edge away from it (for "expand neighbours"), at most `limit`. */
export function neighbourIds(graph: BlastGraph, id: string, limit = 500): string[] {
  if (!graph.hasNode(id)) return [];
  const out = new Set([id]);
  for (const other of graph.neighbors(id)) {
    if (out.size > limit) break;
    out.add(other);
  }
  return [...out];
}

/** The graph edge behind a scene edge, as its panel shows it; null for edges that are not graph edges. */
export function edgeDetails(graph: BlastGraph, sceneId: string): EdgeDetails | null {
  // Scene edges drawn for a graph edge carry its key; folded and derived edges (path steps to an
  // administrator) have none.
  const key = sceneId;
  if (!graph.hasEdge(key)) return null;
  const e = graph.getEdgeAttributes(key);
  return {
    id: key,
    kind: e.kind,
    source: nodeRef(graph, graph.source(key)),
    target: nodeRef(graph, graph.target(key)),
    attributes: e.attributes,
    evidence: e.evidence,
    conditional: e.attributes.conditional === true,
    help: edgeHelp(e.kind, typeof e.attributes.technique === 'string' ? e.attributes.technique : undefined),
  };
}

/** One graph edge between two drawn nodes, for the panel of an edge the scene folded. */
export interface BetweenEdge {
  id: string;
  kind: string;
  /** The technique's name for an escalation, else empty (the panel names the kind). */
  technique: string;
  conditional: boolean;
}

/** The graph edges from `source` to `target`, escalations first; null when either is not a graph node (a group). */
export function edgesBetween(graph: BlastGraph, source: string, target: string, limit = 200): { edges: BetweenEdge[]; total: number } | null {
  if (!graph.hasNode(source) || !graph.hasNode(target)) return null;
  const edges: BetweenEdge[] = [];
  graph.forEachOutEdge(source, (id, e, _s, t) => {
    if (t !== target) return;
    edges.push({ id, kind: e.kind, technique: String(e.attributes.techniqueName ?? e.attributes.technique ?? ''), conditional: e.attributes.conditional === true });
  });
  edges.sort((a, b) => Number(b.kind === 'escalatesTo') - Number(a.kind === 'escalatesTo') || a.kind.localeCompare(b.kind) || a.technique.localeCompare(b.technique));
  return { edges: edges.slice(0, limit), total: edges.length };
}

