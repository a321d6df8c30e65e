/**
 * An import session: the graph, the report of every file, and the references still to resolve.
 * The worker and the CLI each hold one. Adding files never removes what is already loaded.
 */
import type { FileReport, Fragment, NameRef } from '../model/fragment';
import type { Evidence, NodeAttributes } from '../model/types';
import { edgeKindProvider } from '../model/kinds';
import { importFile, prescanFacts, type FileInput } from '../importers/import-file';
import type { Timer } from '../model/timer';
import { createGraph, type BlastGraph } from './graph';
import { mergeFragment, resolveNameRefs } from './merge';
import { EVERYTHING_CHANGED } from '../analysis/analysis';

export class ImportSession {
  readonly graph: BlastGraph = createGraph();
  readonly files: FileReport[] = [];
  warnings: string[] = [];
  private readonly refs: NameRef[] = [];
  /** What files tell about other files (cluster names...), kept across batches. */
  readonly facts = new Map<string, Set<string>>();
  /** Providers with nodes or edges added or changed since `takeChanged` was last called. */
  private changed = new Set<string>();

  /** `timer` measures each file's import time (the host's clock; the core reads none). */
  constructor(private readonly timer?: Timer) {}

  /**
   * Import files one after another; `onFile` reports progress after each, with the copy a host may
   * keep of a file that held secret values (FileImport.redacted).
   */
  addFiles(inputs: Iterable<FileInput>, onFile?: (report: FileReport, redacted?: string) => void): FileReport[] {
    const batch = [...inputs];
    prescanFacts(batch, this.facts);
    const reports = batch.map((input) => this.importOne(input, onFile));
    this.endBatch();
    return reports;
  }

  /**
   * One file of a batch a host reads one at a time (so that only one file's text is held), after
   * its `prescan`; `endBatch` once the batch's last file is in. Name references are resolved once
   * per batch, not once per file: each resolution reads every node and every reference so far.
   */
  importOne(input: FileInput, onFile?: (report: FileReport, redacted?: string) => void): FileReport {
    const { report, fragment, redacted } = importFile(input, this.timer, this.facts);
    if (report.status !== 'rejected') {
      this.noteChanges(fragment);
      const refused = mergeFragment(this.graph, fragment);
      if (refused.length) {
        report.warnings.push(...refused.slice(0, 20));
        if (report.status === 'imported') report.status = 'partial';
      }
      // One by one: spreading 100,000 references into push() would pass them all as arguments.
      for (const ref of fragment.nameRefs) this.refs.push(ref);
    }
    this.addReport(report);
    onFile?.(report, redacted);
    return report;
  }

  /** After a batch: draw the edges of name-only references, and say which ends nothing describes. */
  endBatch(): void {
    this.warnings = [...resolveNameRefs(this.graph, this.refs, this.changed), ...unresolvedMappings(this.graph)];
  }

  /**
   * The providers whose part of the graph changed since the last call (EVERYTHING_CHANGED after a
   * snapshot was restored): what an analysis must run again (see analyze's `reuse`).
   */
  takeChanged(): ReadonlySet<string> {
    const changed = this.changed;
    this.changed = new Set();
    return changed;
  }

  /**
   * Whose part of the graph a file changes: the provider of each node it adds or changes (a mere
   * mention of a node already described changes nothing: an EKS cluster's aws-auth names IAM
   * roles), and of each edge: the provider that declares its kind, or for a shared kind
   * (`memberOf`, `credentialOf`...) the providers of both ends.
   */
  private noteChanges(fragment: Fragment): void {
    const graph = this.graph;
    const changed = this.changed;
    const first = graph.order === 0;
    fragment.graph.forEachNode((id, a) => {
      const into = graph.nodeAttributesIfAny(id);
      if (into && changesNothing(into, a)) return;
      changed.add(a.provider);
      if (into) changed.add(into.provider);
    });
    // Into an empty graph every provider with a node changed already, and no analysis is reused.
    if (first) return;
    const touch = (kind: string, ends: (NodeAttributes | undefined)[]) => {
      const owner = edgeKindProvider(kind);
      if (owner) changed.add(owner);
      else for (const end of ends) if (end) changed.add(end.provider);
    };
    fragment.graph.forEachEdge((_k, e, s, t, sa, ta) => touch(e.kind, [sa, ta, graph.nodeAttributesIfAny(s), graph.nodeAttributesIfAny(t)]));
    for (const e of fragment.pending.values()) touch(e.kind, [graph.nodeAttributesIfAny(e.source), graph.nodeAttributesIfAny(e.target)]);
  }

  /**
   * Gather session facts from files about to be imported one by one (the host passes each file's
   * beginning: PRESCAN_BYTES are enough for every prescan).
   */
  prescan(inputs: readonly FileInput[]): void {
    prescanFacts(inputs, this.facts);
  }

  /** Every name-only reference the files made (a snapshot keeps them for later batches). */
  nameRefs(): readonly NameRef[] {
    return this.refs;
  }

  /**
   * Load a snapshot's workspace into this (empty) session: its graph in the order it was written
   * (so every answer is the same as for its exports), its file reports, facts and references.
   */
  restore(s: { files: FileReport[]; warnings: string[]; facts: [string, string[]][]; nameRefs: NameRef[]; graph: { nodes: readonly { id: string; kind: string; provider: string; name: string; account?: string; placeholder: boolean; attributes: Record<string, unknown> }[]; edges: readonly { key: string; kind: string; source: string; target: string; attributes: Record<string, unknown>; evidence: Evidence[] }[] } }): void {
    if (this.graph.order || this.files.length) throw new Error('a snapshot opens into an empty workspace');
    for (const n of s.graph.nodes) this.graph.addNode(n.id, { kind: n.kind, provider: n.provider, name: n.name, account: n.account, placeholder: n.placeholder, attributes: n.attributes });
    for (const e of s.graph.edges) this.graph.addEdgeWithKey(e.key, e.source, e.target, { kind: e.kind, attributes: e.attributes, evidence: e.evidence });
    for (const f of s.files) this.files.push(f);
    for (const r of s.nameRefs) this.refs.push(r);
    for (const [k, v] of s.facts) this.facts.set(k, new Set(v));
    this.warnings = [...s.warnings];
    this.changed.add(EVERYTHING_CHANGED);
  }

  /** Reports made outside the core (e.g. a file refused by size before it was read). */
  addReport(report: FileReport): void {
    this.files.push(report);
  }
}

/**
 * Would merging `from` (a file's node) into `into` change nothing? Only a placeholder can: it fills
 * only the fields still empty (see mergeNodeInto).
 */
function changesNothing(into: NodeAttributes, from: NodeAttributes): boolean {
  if (!from.placeholder || (from.account !== undefined && into.account === undefined)) return false;
  for (const key of Object.keys(from.attributes)) if (from.attributes[key] !== undefined && into.attributes[key] === undefined) return false;
  return true;
}

/** Ends of a secret mapping that no export describes (yet): said once per batch, a few by name. */
function unresolvedMappings(graph: BlastGraph): string[] {
  const ids: string[] = [];
  graph.forEachNode((id, a) => {
    // Only the secret mapping draws placeholders of no provider.
    if (a.placeholder && a.provider === 'any' && (a.kind === 'mappedSecret' || a.kind === 'externalPrincipal')) ids.push(id);
  });
  if (!ids.length) return [];
  const shown = ids.slice(0, 5).map((id) => `"${id.slice(0, 200)}"`).join(', ');
  return [`the secret mapping names ${ids.length} node(s) no imported export describes: ${shown}${ids.length > 5 ? ', …' : ''}; import their exports, or correct the ids (the app shows each node's id in its details)`];
}
