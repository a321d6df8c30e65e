/**
 * Writes the technique results into the graph: the administrator node of each scope involved, the
 * identity sets, one `escalatesTo` edge per finding (technique, conditional, permissions, the
 * bindings as evidence), and the `admin` mark on admin-equivalent members. All of it is derived
 * (analysis/derived.ts clears it before the next analysis).
 */
import type { BlastGraph } from '../../graph/graph';
import { edgeKey } from '../../model/fragment';
import { ensureAdminNode } from '../types';
import type { TechniqueResults } from './techniques';

export function applyFindings(graph: BlastGraph, r: TechniqueResults): void {
  for (const [scope, name] of r.adminScopes) ensureAdminNode(graph, 'gcp', scope, name);
  for (const set of r.sets.values()) {
    if (!graph.hasNode(set.id)) graph.addNode(set.id, { kind: 'identitySet', provider: 'gcp', name: set.name, account: set.account, attributes: { members: set.members }, placeholder: false });
  }
  for (const f of r.findings) {
    if (!graph.hasNode(f.source) || !graph.hasNode(f.target)) continue;
    const key = edgeKey('escalatesTo', f.source, f.target, f.technique.id);
    if (graph.hasEdge(key)) continue;
    graph.addEdgeWithKey(key, f.source, f.target, {
      kind: 'escalatesTo',
      attributes: {
        technique: f.technique.id,
        techniqueName: f.technique.name,
        conditional: f.conditional,
        permissions: f.permissions,
        notes: f.notes.length ? f.notes : undefined,
      },
      evidence: f.evidence,
    });
  }
  for (const [member, a] of r.admins) {
    if (graph.hasNode(member)) graph.mergeNodeAttributes(member, { attributes: { ...graph.getNodeAttribute(member, 'attributes'), admin: a.conditional ? 'conditional' : true } });
  }
}
