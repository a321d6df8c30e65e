/** Cytoscape styles derived from the kind registry: a provider's kinds bring their own shapes and colours. */
import type { StylesheetJson } from 'cytoscape';
import { EDGE_KINDS, kindInfo, type NodeCategory, type SceneNode } from '../../core';

export const CATEGORY_COLORS: Record<NodeCategory, string> = {
  identity: '#4f8ef7',
  principal: '#a78bfa',
  credential: '#f59e0b',
  secret: '#ef4444',
  policy: '#64748b',
  resource: '#10b981',
};

/**
 * Colour and shape of a node kind, and colour of an edge kind, set as element data: one
 * `data(...)` mapping instead of a selector per kind (matching ~100 selectors against every
 * element was most of the time Cytoscape spent adding a scene).
 */
export function nodeLook(kind: string): { color: string; shape: string } {
  const info = kindInfo(kind);
  return { color: CATEGORY_COLORS[info.category], shape: info.shape ?? 'ellipse' };
}

/** The "assume breached" mark's colour (border on the graph, swatch in the legend). */
export const BREACHED_COLOR = '#e879f9';

const DEFAULT_EDGE_COLOR = '#8193ab';

export function edgeColor(kind: string): string {
  if (kind === 'reaches') return '#10b981';
  return (Object.prototype.hasOwnProperty.call(EDGE_KINDS, kind) ? EDGE_KINDS[kind]!.color : undefined) ?? DEFAULT_EDGE_COLOR;
}

/** Half the drawn height of a node, in scene units (as the stylesheet below sizes it): labels go beneath. */
export function nodeHalfHeight(n: SceneNode): number {
  if (n.group) return (24 + (36 * (Math.min(50000, Math.max(1, n.group.count)) - 1)) / 49999) / 2;
  if (n.mark === 'source') return 15;
  if (n.mark === 'breached') return 14;
  if (n.mark === 'admin') return 14;
  if (n.mark === 'conditional-admin') return 13;
  return 10;
}

export function graphStylesheet(): StylesheetJson {
  return [
    // No canvas text for nodes: their labels are an HTML layer (LabelLayer.tsx).
    { selector: 'node', style: { width: 20, height: 20 } },
    { selector: 'node[color]', style: { 'background-color': 'data(color)', shape: 'data(shape)' as never } },
    { selector: 'node[?placeholder]', style: { 'background-opacity': 0.35, 'border-width': 1, 'border-style': 'dashed', 'border-color': '#94a3b8' } },
    { selector: 'node:selected', style: { 'border-width': 3, 'border-color': '#facc15', width: 26, height: 26 } },
    { selector: 'node.faded', style: { opacity: 0.15 } },
    // A group stands for many nodes of its kind: bigger with more members, outlined.
    { selector: 'node[?group]', style: { shape: 'round-rectangle', width: 'mapData(count, 1, 50000, 34, 90)', height: 'mapData(count, 1, 50000, 24, 60)', 'border-width': 2, 'border-color': '#e2e8f0' } },
    { selector: 'node[mark = "admin"]', style: { 'border-width': 3, 'border-color': '#f87171', width: 28, height: 28 } },
    { selector: 'node[mark = "conditional-admin"]', style: { 'border-width': 3, 'border-style': 'dashed', 'border-color': '#f87171', width: 26, height: 26 } },
    { selector: 'node[mark = "escalates"]', style: { 'border-width': 2, 'border-color': '#fb923c' } },
    { selector: 'node[mark = "jewel"]', style: { 'border-width': 3, 'border-color': '#facc15' } },
    { selector: 'node[mark = "source"]', style: { 'border-width': 3, 'border-color': '#38bdf8', width: 30, height: 30 } },
    // Assumed breached: magenta, doubled, apart from every other mark's colour.
    { selector: 'node[mark = "breached"]', style: { 'border-width': 4, 'border-style': 'double', 'border-color': BREACHED_COLOR, width: 28, height: 28 } },
    // Risk findings (badges): a halo in the colour of the worst severity; low ones are not drawn
    // (most machine identities have one, and a halo on everything says nothing).
    { selector: 'node[finding = "critical"]', style: { 'underlay-color': '#dc2626', 'underlay-opacity': 0.55, 'underlay-padding': 6, 'underlay-shape': 'ellipse' } },
    { selector: 'node[finding = "high"]', style: { 'underlay-color': '#f87171', 'underlay-opacity': 0.45, 'underlay-padding': 5, 'underlay-shape': 'ellipse' } },
    { selector: 'node[finding = "medium"]', style: { 'underlay-color': '#fbbf24', 'underlay-opacity': 0.35, 'underlay-padding': 4, 'underlay-shape': 'ellipse' } },
    // Changes since a compared snapshot: an outline outside the border (marks keep the border).
    { selector: 'node[diff = "opened"]', style: { 'outline-width': 4, 'outline-color': '#ef4444', 'outline-offset': 3, 'outline-opacity': 1 } },
    { selector: 'node[diff = "added"]', style: { 'outline-width': 3, 'outline-color': '#22c55e', 'outline-offset': 3, 'outline-opacity': 1 } },
    { selector: 'node[diff = "changed"]', style: { 'outline-width': 3, 'outline-color': '#f59e0b', 'outline-offset': 3, 'outline-opacity': 1 } },
    { selector: 'node[diff = "grew"]', style: { 'outline-width': 3, 'outline-color': '#fb7185', 'outline-offset': 3, 'outline-opacity': 1 } },
    { selector: 'node[diff = "shrank"]', style: { 'outline-width': 3, 'outline-color': '#2dd4bf', 'outline-offset': 3, 'outline-opacity': 1 } },
    // The keyboard cursor (arrow keys): a ring around the node.
    { selector: 'node.cursor', style: { 'overlay-color': '#38bdf8', 'overlay-opacity': 0.35, 'overlay-padding': 7 } },
    { selector: 'node.hover', style: { opacity: 1, 'border-width': 2, 'border-color': '#e2e8f0' } },
    { selector: 'edge.hover', style: { opacity: 1, width: 2.5 } },
    // #8193ab on the canvas background (#0f172a) is a 5.7:1 contrast: edges stay visible (3:1 is the floor).
    // Straight lines unless two edges join the same pair of nodes: bezier control points were the
    // largest part of Cytoscape's first frame.
    { selector: 'edge', style: { width: 1.2, 'line-color': 'data(color)', 'target-arrow-color': 'data(color)', 'target-arrow-shape': 'triangle', 'arrow-scale': 0.6, 'curve-style': 'straight' } },
    { selector: 'edge[?curved]', style: { 'curve-style': 'bezier' } },
    { selector: 'edge[kind = "escalatesTo"]', style: { width: 2 } },
    { selector: 'edge[kind = "reaches"]', style: { 'line-style': 'dotted' } },
    // Step labels of path views: wrapped above the line (paths are drawn left to right), clear of the nodes.
    { selector: 'edge[label]', style: { label: 'data(label)', 'font-size': 12, color: '#fecaca', 'min-zoomed-font-size': 7, 'text-wrap': 'wrap', 'text-max-width': '150px', 'text-margin-y': -22, 'text-background-color': '#0f172a', 'text-background-opacity': 0.8 } },
    { selector: 'edge[?conditional]', style: { 'line-style': 'dashed' } },
    { selector: 'edge[count > 1]', style: { width: 'mapData(count, 2, 10000, 2, 8)' } },
    { selector: 'edge.faded', style: { opacity: 0.08 } },
    { selector: 'edge.focus', style: { width: 2.5, opacity: 1 } },
    { selector: 'edge:selected', style: { width: 4, 'line-color': '#facc15', 'target-arrow-color': '#facc15', opacity: 1 } },
  ];
}
