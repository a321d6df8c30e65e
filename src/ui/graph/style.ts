/** Cytoscape styles derived from the one table of kinds: add a kind there, it gets a style here. */
import type { StylesheetJson } from 'cytoscape';
import { NODE_KINDS, type NodeCategory, type NodeKind } from '../../core';

export const CATEGORY_COLORS: Record<NodeCategory, string> = {
  identity: '#4f8ef7',
  principal: '#a78bfa',
  credential: '#f59e0b',
  secret: '#ef4444',
  policy: '#64748b',
  resource: '#10b981',
};

const SHAPES: Partial<Record<NodeKind, string>> = {
  user: 'ellipse',
  group: 'round-rectangle',
  role: 'hexagon',
  serviceAccount: 'hexagon',
  instanceProfile: 'round-hexagon',
  adminAccess: 'star',
  identitySet: 'round-octagon',
  account: 'octagon',
  orgUnit: 'octagon',
  identityProvider: 'diamond',
  servicePrincipal: 'diamond',
  publicPrincipal: 'star',
  externalPrincipal: 'diamond',
  accessKey: 'tag',
  password: 'tag',
  certificate: 'tag',
  token: 'tag',
  secret: 'round-triangle',
  managedPolicy: 'rectangle',
  inlinePolicy: 'rectangle',
  scp: 'rectangle',
  resourcePolicy: 'rectangle',
  bucket: 'barrel',
  kmsKey: 'pentagon',
  resource: 'round-rectangle',
};

export function graphStylesheet(): StylesheetJson {
  const perKind = (Object.keys(NODE_KINDS) as NodeKind[]).map((kind) => ({
    selector: `node[kind = "${kind}"]`,
    style: { 'background-color': CATEGORY_COLORS[NODE_KINDS[kind].category], shape: (SHAPES[kind] ?? 'ellipse') as never },
  }));
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
    { selector: 'edge[kind = "canAssume"]', style: { 'line-color': '#a78bfa', 'target-arrow-color': '#a78bfa' } },
    { selector: 'edge[kind = "grants"]', style: { 'line-color': '#10b981', 'target-arrow-color': '#10b981' } },
    { selector: 'edge[kind = "credentialOf"]', style: { 'line-color': '#f59e0b', 'target-arrow-color': '#f59e0b' } },
    { selector: 'edge[kind = "escalatesTo"]', style: { 'line-color': '#ef4444', 'target-arrow-color': '#ef4444', width: 2 } },
    { selector: 'edge[kind = "reaches"]', style: { 'line-style': 'dotted', 'line-color': '#10b981', 'target-arrow-color': '#10b981' } },
    { selector: 'edge[label]', style: { label: 'data(label)', 'font-size': 8, color: '#fca5a5', 'text-rotation': 'autorotate', 'text-background-color': '#0f172a', 'text-background-opacity': 0.8 } },
    { selector: 'edge[?conditional]', style: { 'line-style': 'dashed' } },
    { selector: 'edge.faded', style: { opacity: 0.08 } },
    { selector: 'edge.focus', style: { width: 2.5, opacity: 1 } },
  ];
}
