/** Merging fragments into the graph and resolving name-only references. */
import type { Fragment, NameRef } from '../model/fragment';
import { edgeKey, mergeEdgeInto, mergeNodeInto } from '../model/fragment';
import type { BlastGraph } from './graph';
import { pushTo } from '../io/multimap';

/**
 * The graph keeps ids in Maps, but ids travel on to the page, reports and exports, where plain
 * objects keyed by id are common: an id that is exactly one of these could write to
 * Object.prototype there. Export data is attacker-controlled, so such nodes (and their edges) are
 * refused whatever importer produced them.
 */
const UNSAFE_IDS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

/** Merge one file's fragment; returns what was refused (unsafe ids), for the file's report. */
export function mergeFragment(graph: BlastGraph, fragment: Fragment): string[] {
  const refused: string[] = [];
  // Into an empty graph (the first file of a session) nothing needs looking up: the fragment's
  // nodes and edges are each unique already.
  const nodesFresh = graph.order === 0;
  const edgesFresh = graph.size === 0;
  for (const n of fragment.nodes.values()) {
    const id = n.id;
    if (UNSAFE_IDS.has(id)) {
      refused.push(`a ${n.kind} named "${id}" was not imported: that id cannot be stored safely`);
      continue;
    }
    // The record itself is stored (its `id` field rides along): one object fewer per node.
    if (nodesFresh || !graph.hasNode(id)) graph.addNode(id, n);
    else {
      const merged = { ...graph.getNodeAttributes(id) };
      mergeNodeInto(merged, n);
      graph.replaceNodeAttributes(id, merged);
    }
  }
  for (const [key, e] of fragment.edges) {
    if (UNSAFE_IDS.has(e.source) || UNSAFE_IDS.has(e.target)) continue;
    // An importer's edge to a node no file described or referenced: refused, not thrown, so one
    // odd record cannot abort the import of everything else.
    const missing = !graph.hasNode(e.source) ? e.source : !graph.hasNode(e.target) ? e.target : undefined;
    if (missing !== undefined) {
      refused.push(`a ${e.kind} edge to "${missing}" was not imported: no such node in the export`);
      continue;
    }
    // Likewise the edge record (with its `source` and `target`).
    if (edgesFresh || !graph.hasEdge(key)) graph.addEdgeWithKey(key, e.source, e.target, e);
    else {
      const current = { ...graph.getEdgeAttributes(key), source: e.source, target: e.target };
      mergeEdgeInto(current, e);
      graph.replaceEdgeAttributes(key, { kind: current.kind, attributes: current.attributes, evidence: current.evidence });
    }
  }
  return refused;
}

const placeholderId = (ref: NameRef): string =>
  ref.account ? `arn:aws:iam::${ref.account}:${ref.targetKind}/${ref.name}` : `aws-${ref.targetKind}:${ref.name}`;

/**
 * Draw the edges of name-only references. Idempotent: run after every batch, it moves an edge
 * from a placeholder to the real node once the file describing that node arrives.
 */
export function resolveNameRefs(graph: BlastGraph, refs: readonly NameRef[]): string[] {
  const warnings: string[] = [];
  const byName = new Map<string, string[]>();
  graph.forEachNode((id, a) => {
    if ((a.kind === 'group' || a.kind === 'user') && !a.placeholder) {
      const k = `${a.kind}|${a.name}`;
      pushTo(byName, k, id);
    }
  });
  // Thousands of users name the same few groups: each name is looked up once per account. (The
  // loop adds and drops placeholders only, so the described nodes found here do not change.)
  const found = new Map<string, Map<string, string[]>>();
  const candidatesOf = (ref: NameRef): string[] => {
    const account = ref.account || '';
    let inAccount = found.get(account);
    if (!inAccount) found.set(account, (inAccount = new Map()));
    const name = `${ref.targetKind}|${ref.name}`;
    let candidates = inAccount.get(name);
    if (!candidates) {
      candidates = (byName.get(name) ?? []).filter((id) => !account || graph.getNodeAttribute(id, 'account') === account);
      inAccount.set(name, candidates);
    }
    return candidates;
  };
  for (const ref of refs) {
    if (!graph.hasNode(ref.from)) continue;
    const candidates = candidatesOf(ref);
    const fallback = placeholderId(ref);
    let target: string;
    if (candidates.length === 1) target = candidates[0]!;
    else {
      if (candidates.length > 1) warnings.push(`${ref.evidence.file}: ${ref.evidence.location}: ${ref.targetKind} "${ref.name}" exists in ${candidates.length} accounts; not linked`);
      if (candidates.length > 1) continue;
      target = fallback;
      if (!graph.hasNode(target)) graph.addNode(target, { kind: ref.targetKind, provider: 'aws', name: ref.name, account: ref.account, attributes: {}, placeholder: true });
    }
    const key = edgeKey(ref.edge, ref.from, target);
    if (!graph.hasEdge(key)) graph.addEdgeWithKey(key, ref.from, target, { kind: ref.edge, attributes: {}, evidence: [ref.evidence] });
    if (target === fallback) continue;
    const stale = edgeKey(ref.edge, ref.from, fallback);
    if (graph.hasEdge(stale)) {
      graph.dropEdge(stale);
      if (graph.degree(fallback) === 0 && graph.getNodeAttribute(fallback, 'placeholder')) graph.dropNode(fallback);
    }
  }
  return warnings;
}
