/**
 * BloodHound CE's generic ingest format ("OpenGraph"): one JSON document with the nodes and edges
 * (schemas: ../shared/data/bloodhound-opengraph). Node kinds are prefixed `BM_` so they never
 * collide with BloodHound's own: a node's first kind is its Blastmap kind (`BM_AWSRole`, it picks
 * the icon), the second its category (`BM_Identity`); `metadata.source_kind` marks every node as
 * Blastmap's. Edges reference nodes by id. What the properties hold: engine-model.ts.
 */
import type { Analysis } from '../analysis/analysis';
import { engineGraph, type Properties } from './engine-model';

export interface OpenGraphNode {
  id: string;
  kinds: string[];
  properties: Properties;
}

export interface OpenGraphEndpoint {
  match_by: 'id';
  value: string;
}

export interface OpenGraphEdge {
  start: OpenGraphEndpoint;
  end: OpenGraphEndpoint;
  kind: string;
  properties: Properties;
}

export interface OpenGraph {
  metadata: { source_kind: 'Blastmap' };
  graph: { nodes: OpenGraphNode[]; edges: OpenGraphEdge[] };
}

export const OPENGRAPH_SOURCE_KIND = 'Blastmap';

export function toOpenGraph(a: Analysis): OpenGraph {
  const g = engineGraph(a);
  return {
    metadata: { source_kind: OPENGRAPH_SOURCE_KIND },
    graph: {
      nodes: g.nodes.map((n) => ({ id: n.id, kinds: [n.label, n.categoryLabel], properties: n.properties })),
      edges: g.edges.map((e) => ({ start: { match_by: 'id', value: e.source }, end: { match_by: 'id', value: e.target }, kind: e.type, properties: e.properties })),
    },
  };
}
