/**
 * The key that names an edge everywhere outside the graph store (the page, snapshots, diffs,
 * exports): `kind|source|target`, and `|qualifier` when two edges of one kind join the same pair
 * (an escalation per technique). The store keeps the parts as integers and makes the key only
 * when asked (see graph.ts).
 */
export const edgeKey = (kind: string, source: string, target: string, qualifier = ''): string =>
  `${kind}|${source}|${target}${qualifier ? `|${qualifier}` : ''}`;
