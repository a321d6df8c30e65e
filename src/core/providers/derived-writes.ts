/**
 * What every provider's analysis writes into the graph, written one way: identity-set nodes,
 * `escalatesTo` edges (technique, name, conditional, permissions, the evidence behind them) and
 * the `admin` mark. All of it is derived: analysis/derived.ts clears it before the next analysis.
 */
import type { BlastGraph } from '../graph/graph';
import type { Evidence } from '../model/types';
import { edgeKey } from '../model/fragment';

/** A technique as a provider declares it (listed by the CLI and the README). */
export interface TechniqueDescription {
  id: string;
  name: string;
  description: string;
}

export function addIdentitySet(graph: BlastGraph, provider: string, set: { id: string; name: string; account?: string; members: readonly string[] }): void {
  if (!graph.hasNode(set.id)) graph.addNode(set.id, { kind: 'identitySet', provider, name: set.name, account: set.account, attributes: { members: [...set.members] }, placeholder: false });
}

export interface Escalation {
  source: string;
  target: string;
  technique: { id: string; name: string };
  /** Tells apart two edges of one technique between the same nodes (AWS: the resource acted on). */
  qualifier?: string;
  conditional: boolean;
  evidence: Evidence[];
  /** Provider-specific attributes (permissions checked, notes, via...). */
  attributes?: Record<string, unknown>;
}

/** One `escalatesTo` edge; nothing when either end is missing or the edge is already drawn. */
export function addEscalation(graph: BlastGraph, e: Escalation): void {
  if (!graph.hasNode(e.source) || !graph.hasNode(e.target)) return;
  const key = edgeKey('escalatesTo', e.source, e.target, e.qualifier ?? e.technique.id);
  if (graph.hasEdge(key)) return;
  graph.addEdgeWithKey(key, e.source, e.target, {
    kind: 'escalatesTo',
    attributes: { technique: e.technique.id, techniqueName: e.technique.name, conditional: e.conditional, ...e.attributes },
    evidence: e.evidence.length ? e.evidence : [{ file: 'analysis', location: e.technique.id }],
  });
}

/** Mark admin-equivalent identities (`admin: true | 'conditional'`, read by the inventory). */
export function markAdmins(graph: BlastGraph, admins: ReadonlyMap<string, { conditional: boolean }>): void {
  for (const [id, a] of admins) {
    if (graph.hasNode(id)) graph.mergeNodeAttributes(id, { attributes: { ...graph.getNodeAttribute(id, 'attributes'), admin: a.conditional ? 'conditional' : true } });
  }
}
