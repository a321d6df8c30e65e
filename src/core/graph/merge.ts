/** Merging fragments into the graph and resolving name-only references. */
import type { Fragment, NameRef } from '../model/fragment';
import type { EdgeRecord } from '../model/types';
import { edgeKey, mergeEdgeInto, mergeNodeInto } from '../model/fragment';
import type { BlastGraph } from './graph';
import { pushTo } from '../io/multimap';
import { isDerivedNode } from '../analysis/derived';

/**
 * Merge one file's fragment; returns what was refused (unsafe ids, edges to no node), for the
 * file's report. Into an empty graph (the first file of a session) the fragment's store becomes
 * the graph: nothing is copied or looked up again.
 */
export function mergeFragment(graph: BlastGraph, fragment: Fragment): string[] {
  const refused = [...fragment.refused];
  const from = fragment.graph;
  if (graph.order === 0 && graph.size === 0) graph.absorb(from);
  else {
    from.forEachNode((id, n) => {
      const current = graph.nodeAttributesIfAny(id);
      if (!current) graph.addNode(id, n);
      // A placeholder the last analysis drew (a federation's claim) is not the file's to merge
      // into: the file's node replaces it, and the next analysis claims it again if it must.
      else if (isDerivedNode(current)) graph.replaceNodeAttributes(id, n);
      else {
        const merged = { ...graph.getNodeAttributes(id) };
        mergeNodeInto(merged, n);
        graph.replaceNodeAttributes(id, merged);
      }
    });
    from.forEachEdge((key, e) => mergeEdge(graph, key, e as EdgeRecord));
    from.clear();
  }
  for (const [key, e] of fragment.pending) {
    // An importer's edge to a node no file described or referenced: refused, not thrown, so one
    // odd record cannot abort the import of everything else.
    const missing = !graph.hasNode(e.source) ? e.source : !graph.hasNode(e.target) ? e.target : undefined;
    if (missing !== undefined) refused.push(`a ${e.kind} edge to "${missing}" was not imported: no such node in the export`);
    else mergeEdge(graph, key, e);
  }
  return refused;
}

function mergeEdge(graph: BlastGraph, key: string, e: EdgeRecord): void {
  const current = graph.edgeAttributesIfAny(key);
  if (!current) graph.addEdgeWithKey(key, e.source, e.target, e);
  else {
    const merged = { ...current, source: e.source, target: e.target };
    mergeEdgeInto(merged, e);
    graph.replaceEdgeAttributes(key, { kind: merged.kind, attributes: merged.attributes, evidence: merged.evidence });
  }
}

const placeholderId = (ref: NameRef): string =>
  ref.account ? `arn:aws:iam::${ref.account}:${ref.targetKind}/${ref.name}` : `aws-${ref.targetKind}:${ref.name}`;

/**
 * Draw the edges of name-only references. Idempotent: run after every batch, it moves an edge
 * from a placeholder to the real node once the file describing that node arrives.
 */
export function resolveNameRefs(graph: BlastGraph, refs: readonly NameRef[], changed?: Set<string>): string[] {
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
    // `changed`: whose part of the graph an edge drawn or moved here changes (see ImportSession).
    const touch = () => changed?.add(graph.getNodeAttribute(ref.from, 'provider')).add(graph.getNodeAttribute(target, 'provider'));
    if (!graph.hasEdge(key)) {
      graph.addEdgeWithKey(key, ref.from, target, { kind: ref.edge, attributes: {}, evidence: [ref.evidence] });
      touch();
    }
    if (target === fallback) continue;
    const stale = edgeKey(ref.edge, ref.from, fallback);
    if (graph.hasEdge(stale)) {
      touch();
      graph.dropEdge(stale);
      if (graph.degree(fallback) === 0 && graph.getNodeAttribute(fallback, 'placeholder')) graph.dropNode(fallback);
    }
  }
  return warnings;
}
