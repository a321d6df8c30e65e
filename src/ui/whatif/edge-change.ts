/**
 * The what-if removal an edge of the details panel stands for: detach a policy, leave a group,
 * drop a trust, delete a credential, cut a federation, revoke a grant. Edges an analysis draws
 * (escalation, admin marks) are consequences, not things to remove: none.
 */
import type { DetailEdge } from '../../core';
import type { Change } from '../../core/diff/changes';

const DERIVED = new Set(['escalatesTo', 'k8s.inGroup']);

export function changeForEdge(e: DetailEdge, node: string, incoming: boolean): Change | undefined {
  if (DERIVED.has(e.kind) || e.other.kind === 'adminAccess' || e.other.kind === 'identitySet') return undefined;
  switch (e.kind) {
    case 'hasPolicy':
      return { type: 'policy-attachment', edge: e.id };
    case 'memberOf':
      return { type: 'group-membership', edge: e.id };
    case 'canAssume':
      return { type: 'trust', edge: e.id };
    case 'credentialOf':
      return { type: 'credential', node: incoming ? e.other.id : node };
    case 'federatesTo':
      return { type: 'federation', edge: e.id };
    default:
      return { type: 'grant', edge: e.id };
  }
}
