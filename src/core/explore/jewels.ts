/** Crown jewels: marked by hand, or matched by a tag rule such as `data-class=restricted`. */
import { issuerKey } from '../federation/oidc';
import type { BlastGraph } from '../graph/graph';
import { nodeRef } from './details';
import type { NodeRef } from './types';

export function jewels(graph: BlastGraph, manual: readonly string[], rules: readonly string[]): NodeRef[] {
  const ids = new Set(manual.filter((id) => graph.hasNode(id)));
  const parsed = rules.map((r) => {
    const eq = r.indexOf('=');
    return eq < 0 ? { key: r.trim(), value: undefined } : { key: r.slice(0, eq).trim(), value: r.slice(eq + 1).trim() };
  });
  if (parsed.length) {
    graph.forEachNode((id, n) => {
      const tags = Array.isArray(n.attributes.tags) ? (n.attributes.tags as [string, string][]) : [];
      if (parsed.some((p) => tags.some(([k, v]) => k === p.key && (p.value === undefined || v === p.value)))) ids.add(id);
    });
  }
  return [...ids].map((id) => nodeRef(graph, id));
}

/** Issuers the exports trust: OIDC providers of role trusts, and clusters' service-account issuers. */
export function knownIssuers(graph: BlastGraph): string[] {
  const out = new Set<string>();
  graph.forEachNode((id, n) => {
    const m = /:oidc-provider\/(.+)$/.exec(id);
    if (n.kind === 'identityProvider' && m) out.add(m[1]!.toLowerCase());
    if (typeof n.attributes.oidcIssuer === 'string') out.add(issuerKey(n.attributes.oidcIssuer));
  });
  return [...out].sort();
}
