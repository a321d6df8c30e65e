/** The path view: the nodes and steps of the found paths, in layers from the source. */
import type { PrivilegePath } from '../../analysis/privilege-paths';
import type { BlastGraph } from '../../graph/graph';
import type { Scene, SceneEdge, SceneNode } from '../types';
import { layeredLayout } from './layout';

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
      if (!edges.has(id)) edges.set(id, { id, source: s.from, target: s.to, kind: s.kind === 'adminOf' || s.kind === 'setMember' ? 'escalatesTo' : s.kind, conditional: s.conditional, label: s.techniqueName ?? s.technique ?? '' });
    }
  }
  return { nodes, edges: [...edges.values()], drawn: nodes.length, total: graph.order, caption: `${paths.length} shortest ${paths.length === 1 ? 'path' : 'paths'}, in steps from the source; dashed steps are conditional` };
}
