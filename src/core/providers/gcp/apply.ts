/**
 * Writes the technique results into the graph: the administrator node of each scope involved, the
 * identity sets, one `escalatesTo` edge per finding (technique, conditional, permissions, the
 * bindings as evidence), and the `admin` mark on admin-equivalent members. All of it is derived
 * (analysis/derived.ts clears it before the next analysis).
 */
import type { BlastGraph } from '../../graph/graph';
import { ensureAdminNode } from '../types';
import { addEscalation, addIdentitySet, markAdmins } from '../derived-writes';
import type { TechniqueResults } from './techniques';

export function applyFindings(graph: BlastGraph, r: TechniqueResults): void {
  for (const [scope, name] of r.adminScopes) ensureAdminNode(graph, 'gcp', scope, name);
  for (const set of r.sets.values()) addIdentitySet(graph, 'gcp', set);
  for (const f of r.findings) {
    addEscalation(graph, { ...f, attributes: { permissions: f.permissions, notes: f.notes.length ? f.notes : undefined } });
  }
  markAdmins(graph, r.admins);
}
