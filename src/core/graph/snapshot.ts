/**
 * The graph as plain JSON: what the worker posts to the UI, what the CLI prints with --json,
 * and (later) what snapshots store. Versioned so older snapshots can be migrated.
 */
import type { FileReport } from '../model/fragment';
import type { EdgeKind, NodeKind } from '../model/kinds';
import type { Attributes, Evidence } from '../model/types';
import type { BlastGraph } from './graph';
import type { ImportSession } from './session';
import type { AnalysisSummary } from '../analysis/summary';
import type { AsOf } from '../model/as-of';

export const SCHEMA_VERSION = 1;

export interface SnapshotNode {
  id: string;
  kind: NodeKind;
  provider: string;
  name: string;
  account?: string;
  placeholder: boolean;
  attributes: Attributes;
}

export interface SnapshotEdge {
  id: string;
  kind: EdgeKind;
  source: string;
  target: string;
  attributes: Attributes;
  evidence: Evidence[];
}

export interface GraphStats {
  nodes: number;
  edges: number;
  /** Nodes described by an export, by kind. */
  nodesByKind: Partial<Record<NodeKind, number>>;
  /** Nodes only referenced (trusted ARNs, attached policies not in the export), by kind. */
  referencedByKind: Partial<Record<NodeKind, number>>;
  edgesByKind: Partial<Record<EdgeKind, number>>;
}

export interface Snapshot {
  schemaVersion: number;
  files: FileReport[];
  warnings: string[];
  nodes: SnapshotNode[];
  edges: SnapshotEdge[];
  stats: GraphStats;
  /** The analysis date every judgement of age was made against, and where it came from. */
  asOf?: AsOf;
  /** Admins, escalation to admin and paths that need inventory (absent until analysed). */
  analysis?: AnalysisSummary;
}

export function graphStats(graph: BlastGraph): GraphStats {
  const stats: GraphStats = { nodes: graph.order, edges: graph.size, nodesByKind: {}, referencedByKind: {}, edgesByKind: {} };
  graph.forEachNode((_, a) => {
    const bucket = a.placeholder ? stats.referencedByKind : stats.nodesByKind;
    bucket[a.kind] = (bucket[a.kind] ?? 0) + 1;
  });
  graph.forEachEdge((_, a) => {
    stats.edgesByKind[a.kind] = (stats.edgesByKind[a.kind] ?? 0) + 1;
  });
  return stats;
}

export function snapshotOf(session: ImportSession): Snapshot {
  const g = session.graph;
  const nodes: SnapshotNode[] = [];
  g.forEachNode((id, a) => nodes.push({ id, kind: a.kind, provider: a.provider, name: a.name, account: a.account, placeholder: a.placeholder ?? false, attributes: a.attributes }));
  const edges: SnapshotEdge[] = [];
  g.forEachEdge((id, a, source, target) => edges.push({ id, kind: a.kind, source, target, attributes: a.attributes, evidence: a.evidence }));
  return { schemaVersion: SCHEMA_VERSION, files: session.files, warnings: session.warnings, nodes, edges, stats: graphStats(g) };
}
