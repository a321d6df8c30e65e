/**
 * What an analysis writes into the graph (escalation and federation edges, admin and identity-set
 * nodes, admin marks), and how to remove it so an analysis can be re-run after more files arrive
 * or the analysis date changes.
 */
import type { BlastGraph } from '../graph/graph';
import type { EdgeAttributes, NodeAttributes } from '../model/types';

const DERIVED_EDGES = new Set(['escalatesTo', 'federatesTo', 'k8s.inGroup']);
const DERIVED_NODES = new Set(['adminAccess', 'identitySet', 'oidcToken']);

/** An edge an analysis drew (the workspace's own secret mappings are re-drawn from its settings). */
export const isDerivedEdge = (a: EdgeAttributes): boolean => DERIVED_EDGES.has(a.kind) || (a.kind === 'credentialOf' && a.attributes.workspace === true);
/** A node an analysis drew (placeholders a federation claim drew for an identity no export describes too). */
export const isDerivedNode = (a: NodeAttributes): boolean => DERIVED_NODES.has(a.kind) || (a.placeholder === true && a.attributes.claimedBy !== undefined);
/** Node attributes an analysis writes (admin marks). */
export const DERIVED_NODE_ATTRIBUTES: readonly string[] = ['admin'];

/**
 * The attribute naming the provider whose analysis drew a derived edge or node (set by analyze).
 * What is drawn after the providers, from all of them (federation, secrets that unlock identities,
 * workspace mappings), has none: it is always drawn again.
 */
export const DRAWN_BY = 'drawnBy';

const drawnBy = (a: { attributes: Record<string, unknown> }): string | undefined => {
  const by = a.attributes[DRAWN_BY];
  return typeof by === 'string' ? by : undefined;
};

/**
 * Remove what the last analysis wrote, except what the providers in `keep` drew: their analysis
 * is reused (see analyze's `reuse`), and analyze marks their admins again.
 */
export function clearDerived(graph: BlastGraph, keep: ReadonlySet<string> = new Set()): void {
  const kept = (a: { attributes: Record<string, unknown> }) => {
    const by = drawnBy(a);
    return by !== undefined && keep.has(by);
  };
  graph.filterEdges((_, a) => isDerivedEdge(a) && !kept(a)).forEach((e) => graph.dropEdge(e));
  graph.filterNodes((_, a) => isDerivedNode(a) && !kept(a)).forEach((n) => graph.dropNode(n));
  graph.forEachNode((n, a) => {
    if (a.attributes.admin !== undefined) {
      const { admin: _drop, ...rest } = a.attributes;
      void _drop;
      graph.setNodeAttribute(n, 'attributes', rest);
    }
  });
}
