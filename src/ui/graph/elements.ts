/** Snapshot to Cytoscape elements: display data only, derived from the model's attributes. */
import type { ElementDefinition } from 'cytoscape';
import { NODE_KINDS, type Snapshot } from '../../core';

export function toElements(snapshot: Snapshot, showPolicies: boolean): ElementDefinition[] {
  const keep = new Set<string>();
  const out: ElementDefinition[] = [];
  for (const n of snapshot.nodes) {
    if (!showPolicies && NODE_KINDS[n.kind].category === 'policy') continue;
    keep.add(n.id);
    out.push({ group: 'nodes', data: { id: n.id, label: n.name, kind: n.kind, placeholder: n.placeholder } });
  }
  for (const e of snapshot.edges) {
    if (!keep.has(e.source) || !keep.has(e.target)) continue;
    out.push({ group: 'edges', data: { id: e.id, source: e.source, target: e.target, kind: e.kind, conditional: e.attributes.conditional === true } });
  }
  return out;
}
