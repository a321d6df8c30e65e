/** Turning reach edges into explained steps: what the edge is and the evidence behind it. */
import type { Evidence } from '../model/types';
import { edgeKindInfo } from '../model/kinds';
import type { Analysis } from './analysis';

export interface PathStep {
  from: string;
  to: string;
  /** Graph edge key, or `admin-of:ACCOUNT`. */
  edge: string;
  kind: string;
  technique?: string;
  techniqueName?: string;
  conditional: boolean;
  explanation: string;
  evidence: Evidence[];
}

export function explainStep(a: Analysis, reachEdge: number): PathStep {
  const ix = a.reach;
  const from = ix.ids[ix.edgeSrc[reachEdge]!]!;
  const to = ix.ids[ix.edgeDst[reachEdge]!]!;
  const ref = ix.edges[reachEdge]!;
  // `via` may name something outside the graph (e.g. "any new member"): fall back to the id.
  const name = (id: string) => (a.graph.hasNode(id) ? a.graph.getNodeAttribute(id, 'name') : id);
  if (ref.key.startsWith('admin-of:')) {
    return { from, to, edge: ref.key, kind: 'adminOf', conditional: false, explanation: `${name(from)} can act as ${name(to)} (create its credentials, rewrite its trust)`, evidence: [] };
  }
  if (ref.key.startsWith('member-of-set:')) {
    return { from, to, edge: ref.key, kind: 'setMember', conditional: false, explanation: `${name(to)} is one of ${name(from)}`, evidence: [] };
  }
  const e = a.graph.getEdgeAttributes(ref.key);
  const technique = typeof e.attributes.technique === 'string' ? e.attributes.technique : undefined;
  const techniqueName = typeof e.attributes.techniqueName === 'string' ? e.attributes.techniqueName : undefined;
  const template = edgeKindInfo(e.kind).explain;
  const explanation = template
    ? template.replace('{from}', name(from)).replace('{to}', name(to))
    : `${name(from)} → ${name(to)} by ${technique ?? e.kind}${techniqueName ? ` (${techniqueName})` : ''}${typeof e.attributes.via === 'string' ? ` via ${name(e.attributes.via)}` : ''}`;
  return { from, to, edge: ref.key, kind: e.kind, technique, techniqueName, conditional: ref.conditional, explanation, evidence: e.evidence };
}
