/** The path view: the nodes and steps of the found paths, in layers from the source. */
import type { PrivilegePath } from '../../analysis/privilege-paths';
import type { BlastGraph } from '../../graph/graph';
import type { Scene, SceneEdge, SceneNode } from '../types';
import { layeredLayout } from './layout';
import { edgeKindInfo } from '../../model/kinds';

/** Scene edge kinds of derived steps (no graph edge behind them): drawn as their nearest kin. */
const DERIVED_KIND: Record<string, string> = { adminOf: 'escalatesTo', setMember: 'escalatesTo', access: 'reaches' };

export function pathScene(graph: BlastGraph, from: string, paths: readonly PrivilegePath[]): Scene {
  // A node's layer: its earliest step index over every path (the source is layer 0).
  const layer = new Map<string, number>([[from, 0]]);
  for (const p of paths) p.steps.forEach((s, i) => layer.set(s.to, Math.min(layer.get(s.to) ?? Infinity, i + 1)));
  const layers: string[][] = [];
  for (const [id, l] of layer) (layers[l] ??= []).push(id);
  const positions = layeredLayout(layers.map((l) => l ?? []));
  const nodes: SceneNode[] = [...layer.keys()].map((id) => {
    const n = graph.hasNode(id) ? graph.getNodeAttributes(id) : undefined;
    return { id, label: n?.name ?? id, kind: n?.kind ?? 'externalPrincipal', placeholder: n?.placeholder || undefined, mark: id === from ? 'source' : n?.kind === 'adminAccess' ? 'admin' : undefined, ...positions.get(id)! };
  });
  const edges = new Map<string, SceneEdge>();
  for (const p of paths) {
    for (const s of p.steps) {
      // A graph edge keeps its key (its panel shows the evidence); a derived step gets its own id.
      const id = graph.hasEdge(s.edge) ? s.edge : `path:${s.edge}:${s.from}->${s.to}`;
      if (!edges.has(id)) edges.set(id, { id, source: s.from, target: s.to, kind: graph.hasEdge(s.edge) ? s.kind : (DERIVED_KIND[s.kind] ?? s.kind), conditional: s.conditional, label: s.techniqueName ?? s.technique ?? edgeKindInfo(s.kind).label });
    }
  }
  return { nodes, edges: [...edges.values()], drawn: nodes.length, total: graph.order, caption: caption(graph, from, paths) };
}

function caption(graph: BlastGraph, from: string, paths: readonly PrivilegePath[]): string {
  const name = (id: string) => (graph.hasNode(id) ? graph.getNodeAttribute(id, 'name') : id);
  if (!paths.length) return `No path found from ${name(from)}`;
  // Every path ends at the node asked for, or at some administrator node when "admin" was asked.
  const ends = new Set(paths.map((p) => p.steps[p.steps.length - 1]!.to));
  const end = ends.size === 1 ? name([...ends][0]!) : 'an account administrator';
  return `${paths.length} shortest ${paths.length === 1 ? 'path' : 'paths'} from ${name(from)} to ${end}, in steps from the source; dashed steps are conditional`;
}
