/**
 * Write a workspace as a snapshot (format.ts): the imported graph in its order, without what the
 * analysis derived, plus the files, settings and (for readers) the results.
 */
import type { ImportSession } from '../graph/session';
import type { Analysis } from '../analysis/analysis';
import { DERIVED_NODE_ATTRIBUTES, isDerivedEdge, isDerivedNode } from '../analysis/derived';
import { summarize } from '../analysis/summary';
import type { RiskReport } from '../risk/assess';
import { BLASTMAP_VERSION } from '../version';
import { SNAPSHOT_FORMAT, SNAPSHOT_VERSION, type BlastmapSnapshot, type SnapshotEdgeRecord, type SnapshotNodeRecord, type SnapshotWorkspace } from './format';

export interface SnapshotInput {
  session: ImportSession;
  /** The workspace's analysis (its date is the snapshot's as-of date). */
  analysis: Analysis;
  /** The risk assessment to keep for readers (optional). */
  risk?: RiskReport;
  workspace?: SnapshotWorkspace;
  /** The host's clock (the core reads none), ISO. */
  createdAt: string;
}

export function snapshotOfWorkspace(input: SnapshotInput): BlastmapSnapshot {
  const g = input.session.graph;
  const nodes: SnapshotNodeRecord[] = [];
  g.forEachNode((id, a) => {
    if (isDerivedNode(a)) return;
    let attributes = a.attributes;
    if (DERIVED_NODE_ATTRIBUTES.some((k) => Object.prototype.hasOwnProperty.call(attributes, k))) {
      attributes = { ...attributes };
      for (const k of DERIVED_NODE_ATTRIBUTES) delete attributes[k];
    }
    nodes.push({ id, kind: a.kind, provider: a.provider, name: a.name, ...(a.account !== undefined ? { account: a.account } : {}), placeholder: a.placeholder ?? false, attributes });
  });
  const edges: SnapshotEdgeRecord[] = [];
  g.forEachEdge((key, a, source, target) => {
    if (!isDerivedEdge(a)) edges.push({ key, kind: a.kind, source, target, attributes: a.attributes, evidence: a.evidence });
  });
  const risk = input.risk;
  return {
    format: SNAPSHOT_FORMAT,
    version: SNAPSHOT_VERSION,
    blastmapVersion: BLASTMAP_VERSION,
    createdAt: input.createdAt,
    asOf: new Date(input.analysis.asOf).toISOString(),
    files: input.session.files,
    warnings: input.session.warnings,
    facts: [...input.session.facts].map(([k, v]) => [k, [...v]]),
    nameRefs: [...input.session.nameRefs()],
    graph: { nodes, edges },
    workspace: input.workspace ?? {},
    analysis: {
      summary: summarize(input.analysis),
      findings: risk?.findings ?? [],
      metrics: risk?.metrics ?? {},
      classification: risk?.classification ?? [],
    },
  };
}
