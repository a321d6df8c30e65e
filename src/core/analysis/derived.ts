/**
 * What an analysis writes into the graph (escalation and federation edges, admin and identity-set
 * nodes, admin marks), and how to remove it so an analysis can be re-run after more files arrive
 * or the analysis date changes.
 */
import type { BlastGraph } from '../graph/graph';

const DERIVED_EDGES = new Set(['escalatesTo', 'federatesTo', 'k8s.inGroup']);
const DERIVED_NODES = new Set(['adminAccess', 'identitySet', 'oidcToken']);

export function clearDerived(graph: BlastGraph): void {
  // The workspace's own secret mappings are re-drawn from its settings at each analysis.
  graph.filterEdges((_, a) => DERIVED_EDGES.has(a.kind) || (a.kind === 'credentialOf' && a.attributes.workspace === true)).forEach((e) => graph.dropEdge(e));
  // Placeholders a federation claim drew for an identity no export describes are derived too.
  graph.filterNodes((_, a) => DERIVED_NODES.has(a.kind) || (a.placeholder === true && a.attributes.claimedBy !== undefined)).forEach((n) => graph.dropNode(n));
  graph.forEachNode((n, a) => {
    if (a.attributes.admin !== undefined) {
      const { admin: _drop, ...rest } = a.attributes;
      void _drop;
      graph.setNodeAttribute(n, 'attributes', rest);
    }
  });
}
