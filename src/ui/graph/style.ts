/** Cytoscape styles derived from the kind registry: a provider's kinds bring their own shapes and colours. */
import type { StylesheetJson } from 'cytoscape';
import { EDGE_KINDS, NODE_KINDS, kindInfo, type NodeCategory } from '../../core';

export const CATEGORY_COLORS: Record<NodeCategory, string> = {
  identity: '#4f8ef7',
  principal: '#a78bfa',
  credential: '#f59e0b',
  secret: '#ef4444',
  policy: '#64748b',
  resource: '#10b981',
};

export function graphStylesheet(): StylesheetJson {
  const perKind = Object.keys(NODE_KINDS).map((kind) => ({
    selector: `node[kind = "${kind}"]`,
    style: { 'background-color': CATEGORY_COLORS[kindInfo(kind).category], shape: (kindInfo(kind).shape ?? 'ellipse') as never },
  }));
  // Edge colours come from the kinds that declare one (trust, grants, credentials, escalation...).
  const perEdgeKind = Object.entries(EDGE_KINDS)
    .filter(([, info]) => info.color)
    .map(([kind, info]) => ({ selector: `edge[kind = "${kind}"]`, style: { 'line-color': info.color!, 'target-arrow-color': info.color! } }));
  return [
    {
      selector: 'node',
      style: {
        label: 'data(label)',
        'font-size': 9,
        color: '#cbd5e1',
        'text-valign': 'bottom',
        'text-margin-y': 3,
        'text-max-width': '120px',
        'text-wrap': 'ellipsis',
        width: 18,
        height: 18,
        'min-zoomed-font-size': 7,
      },
    },
    ...perKind,
    { selector: 'node[?placeholder]', style: { 'background-opacity': 0.35, 'border-width': 1, 'border-style': 'dashed', 'border-color': '#94a3b8' } },
    { selector: 'node:selected', style: { 'border-width': 3, 'border-color': '#facc15', width: 26, height: 26 } },
    { selector: 'node.faded', style: { opacity: 0.15 } },
    { selector: 'node[?group]', style: { shape: 'round-rectangle', width: 34, height: 22, 'background-color': '#047857', 'border-width': 2, 'border-color': '#10b981' } },
    { selector: 'node.hover', style: { opacity: 1, 'border-width': 2, 'border-color': '#e2e8f0' } },
    { selector: 'edge.hover', style: { opacity: 1, width: 2.5 } },
    { selector: 'edge', style: { width: 1, 'line-color': '#475569', 'target-arrow-color': '#475569', 'target-arrow-shape': 'triangle', 'arrow-scale': 0.6, 'curve-style': 'bezier' } },
    ...perEdgeKind,
    { selector: 'edge[kind = "escalatesTo"]', style: { width: 2 } },
    { selector: 'edge[kind = "reaches"]', style: { 'line-style': 'dotted', 'line-color': '#10b981', 'target-arrow-color': '#10b981' } },
    { selector: 'edge[label]', style: { label: 'data(label)', 'font-size': 8, color: '#fca5a5', 'text-rotation': 'autorotate', 'text-background-color': '#0f172a', 'text-background-opacity': 0.8 } },
    { selector: 'edge[?conditional]', style: { 'line-style': 'dashed' } },
    { selector: 'edge.faded', style: { opacity: 0.08 } },
    { selector: 'edge.focus', style: { width: 2.5, opacity: 1 } },
  ];
}
