/** Where a finding was seen: the record that describes a node, the edge that ties a credential. */
import type { BlastGraph } from '../graph/graph';
import { DESCRIBED_AT, DESCRIBED_IN } from '../model/fragment';
import type { Evidence } from '../model/types';

/** The file and record that described the node (placeholders: none). */
export function nodeEvidence(graph: BlastGraph, id: string, note?: string): Evidence[] {
  if (!graph.hasNode(id)) return [];
  const a = graph.getNodeAttributes(id);
  const file = a.attributes[DESCRIBED_IN];
  if (typeof file !== 'string') return [];
  const at = a.attributes[DESCRIBED_AT];
  return [{ file, location: typeof at === 'string' ? at : `the record of ${a.name}`, note }];
}

/** The identity a credential belongs to (its `credentialOf` edge), with that edge's evidence. */
export function credentialHolder(graph: BlastGraph, credential: string): { id: string; evidence: Evidence[] } | undefined {
  let found: { id: string; evidence: Evidence[] } | undefined;
  graph.forEachOutEdge(credential, (_e, attrs, _s, target) => {
    if (!found && attrs.kind === 'credentialOf' && !attrs.attributes.workspace) found = { id: target, evidence: attrs.evidence };
  });
  return found;
}
