/**
 * What one importer makes of one file: nodes, edges and the file's report. Nodes and edges are
 * merged here first (a file may mention the same role many times) and again across files by
 * the graph builder.
 */
import type { EdgeKind, NodeKind, Provider } from './kinds';
import { createGraph, type BlastGraph } from '../graph/graph';
import type { Attributes, EdgeRecord, Evidence, NodeAttributes, NodeRecord } from './types';
import { setOwn } from '../io/safe-object';
import { edgeKey } from './edge-key';

export type FileStatus = 'imported' | 'partial' | 'rejected';

export interface FileReport {
  file: string;
  /** Detected format id, e.g. `aws.gaad`; `unknown` when nothing matched. */
  format: string;
  formatLabel: string;
  status: FileStatus;
  /** Records read from the file, by kind (e.g. `{ user: 44, role: 78 }`). */
  counts: Record<string, number>;
  warnings: string[];
  errors: string[];
  notes: string[];
  bytes: number;
  /** Secret values found in the export and dropped before anything stored them. */
  droppedSecrets: number;
  /** When the export says it was generated (e.g. the credential report's GeneratedTime), ISO. */
  generatedAt?: string;
  /** The field that said so, for the as-of date's "where it came from". */
  generatedBy?: string;
  millis?: number;
  /** SHA-256 of the file's bytes, hex (set by the host that read them: the CLI, the worker). */
  sha256?: string;
}

/**
 * Some exports name an identity only by its short name (GAAD `GroupList`, list-access-keys
 * `UserName`); the graph builder resolves these once every file is in, so page order and file
 * order do not matter.
 */
export interface NameRef {
  edge: EdgeKind;
  /** Source node of the edge to draw. */
  from: string;
  targetKind: 'group' | 'user';
  /** Account of the target, when the source's ARN tells it. */
  account: string | undefined;
  name: string;
  evidence: Evidence;
}

/**
 * One file's nodes and edges, written straight into a graph store of the file's own: the first
 * file of a session becomes the session's graph as it is (see mergeFragment), so a large export is
 * stored once, not once per file and again in the graph. Edges whose ends the file does not
 * describe or reference wait in `pending` until the merge, where an earlier file may hold them.
 */
export class Fragment {
  readonly graph: BlastGraph = createGraph();
  readonly pending = new Map<string, EdgeRecord>();
  readonly nameRefs: NameRef[] = [];
  /** Records refused at once (ids that cannot be stored safely), for the file's report. */
  readonly refused: string[] = [];

  /** The file's nodes by id, in the order the importer wrote them (a read-only Map view). */
  readonly nodes: RecordView<NodeRecord> = new EntriesView(
    (id) => this.graph.nodeAttributesIfAny(id) as NodeRecord | undefined,
    () => this.graph.order,
    () => {
      const out: [string, NodeRecord][] = [];
      this.graph.forEachNode((id, a) => void out.push([id, a as NodeRecord]));
      return out;
    },
  );

  /** The file's edges by key: those between its nodes in the order written, then the pending ones. */
  readonly edges: RecordView<EdgeRecord> = new EntriesView(
    (key) => (this.graph.edgeAttributesIfAny(key) as EdgeRecord | undefined) ?? this.pending.get(key),
    () => this.graph.size + this.pending.size,
    () => {
      const out: [string, EdgeRecord][] = [];
      this.graph.forEachEdge((k, a) => void out.push([k, a as EdgeRecord]));
      for (const entry of this.pending) out.push(entry);
      return out;
    },
  );
}

/** A read-only Map view over a lookup, a count and the entries in order (made when iterated). */
class EntriesView<T> implements RecordView<T> {
  constructor(
    readonly get: (key: string) => T | undefined,
    private readonly count: () => number,
    private readonly entries: () => [string, T][],
  ) {}
  get size(): number {
    return this.count();
  }
  has(key: string): boolean {
    return this.get(key) !== undefined;
  }
  values(): IterableIterator<T> {
    return this.entries().map(([, v]) => v).values();
  }
  keys(): IterableIterator<string> {
    return this.entries().map(([k]) => k).values();
  }
  [Symbol.iterator](): IterableIterator<[string, T]> {
    return this.entries().values();
  }
}

/** What tests and the fuzzer read of a fragment: the read side of a Map. */
export interface RecordView<T> extends Iterable<[string, T]> {
  get(key: string): T | undefined;
  has(key: string): boolean;
  readonly size: number;
  values(): IterableIterator<T>;
  keys(): IterableIterator<string>;
}

/**
 * The graph keeps ids in Maps, but ids travel on to the page, reports and exports, where plain
 * objects keyed by id are common: an id that is exactly one of these could write to
 * Object.prototype there. Export data is attacker-controlled, so such nodes (and their edges) are
 * refused whatever importer produced them.
 */
export const UNSAFE_IDS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

/** What an importer says about a node (see FragmentBuilder.node). */
export interface NodeInput {
  id: string;
  kind: NodeKind;
  name: string;
  account?: string;
  attributes?: Attributes;
  placeholder?: boolean;
  provider?: Provider;
  /** The record that describes it in the file (`UserDetailList[3]`): a finding's evidence cites it. */
  where?: string;
}

/**
 * Attributes naming the file and record that first described a node (findings cite them). The
 * first description wins: a later file adds facts, not a new origin.
 */
export const DESCRIBED_IN = 'describedIn';
export const DESCRIBED_AT = 'describedAt';

export { edgeKey };

export class FragmentBuilder {
  readonly fragment = new Fragment();
  readonly warnings: string[] = [];
  /** Facts about the file that are not problems (they do not make the import partial). */
  readonly notes: string[] = [];
  readonly counts: Record<string, number> = {};
  droppedSecrets = 0;
  /**
   * The file's parsed documents as the importer left them, secret values deleted: what a host may
   * keep of a file that held secrets (see FileImport.redacted). Set by the JSON import and by
   * text importers that parse.
   */
  keptDocs: unknown[] | undefined;
  /** The newest generation time the file states (see FileReport.generatedAt). */
  generatedAt: { iso: string; by: string } | undefined;

  /** `provider`: the detected format's provider (set once detection has run). */
  constructor(
    readonly file: string,
    public provider: Provider,
  ) {}

  count(what: string, n = 1): void {
    setOwn(this.counts, what, (this.counts[what] ?? 0) + n);
  }

  warn(message: string): void {
    // A hostile file could produce millions of warnings; keep the report readable.
    if (this.warnings.length < 200) this.warnings.push(message);
    else if (this.warnings.length === 200) this.warnings.push('(further warnings omitted)');
  }

  /** The file states when it was generated; the newest statement wins. */
  generated(iso: string, by: string): void {
    if (!this.generatedAt || Date.parse(iso) > Date.parse(this.generatedAt.iso)) this.generatedAt = { iso, by };
  }

  note(message: string): void {
    if (!this.notes.includes(message)) this.notes.push(message);
  }

  /** Add or merge a node. Described nodes replace placeholder fields; attributes merge. */
  node(n: NodeInput): NodeRecord {
    const graph = this.fragment.graph;
    const existing = graph.nodeAttributesIfAny(n.id) as NodeRecord | undefined;
    if (existing) {
      mergeNodeInto(existing, n.placeholder ? n : { ...n, attributes: { ...n.attributes, [DESCRIBED_IN]: this.file, ...(n.where ? { [DESCRIBED_AT]: n.where } : {}) } });
      return existing;
    }
    const rec: NodeRecord = {
      id: n.id,
      kind: n.kind,
      provider: n.provider ?? this.provider,
      name: n.name,
      account: n.account,
      attributes: n.attributes ?? {},
      placeholder: n.placeholder ?? false,
    };
    if (!rec.placeholder) describe(rec.attributes, this.file, n.where);
    if (UNSAFE_IDS.has(n.id)) {
      const message = `a ${n.kind} named "${n.id}" was not imported: that id cannot be stored safely`;
      if (!this.fragment.refused.includes(message)) this.fragment.refused.push(message);
      return rec;
    }
    // The record itself is stored (its `id` field rides along): one object fewer per node.
    graph.addNode(n.id, rec);
    return rec;
  }

  edge(kind: EdgeKind, source: string, target: string, evidence: Evidence, attributes: Attributes = {}, qualifier = ''): EdgeRecord {
    const { graph, pending } = this.fragment;
    // The key is made only when an edge waits for its ends: the store finds edges by their parts.
    const existing = (graph.edgeAttributesOf(kind, source, target, qualifier) as EdgeRecord | undefined) ?? (pending.size > 0 ? pending.get(edgeKey(kind, source, target, qualifier)) : undefined);
    if (existing) {
      mergeEdgeInto(existing, { kind, source, target, attributes, evidence: [evidence] });
      return existing;
    }
    // Likewise the edge record (with its `source` and `target`).
    const rec: EdgeRecord = { kind, source, target, attributes, evidence: [evidence] };
    if (graph.hasNode(source) && graph.hasNode(target)) graph.addEdgeOf(source, target, rec, qualifier);
    else if (!UNSAFE_IDS.has(source) && !UNSAFE_IDS.has(target)) pending.set(edgeKey(kind, source, target, qualifier), rec);
    return rec;
  }
}

function describe(a: Attributes, file: string, where: string | undefined): void {
  if (a[DESCRIBED_IN] !== undefined) return;
  a[DESCRIBED_IN] = file;
  if (where) a[DESCRIBED_AT] = where;
}

/** `from` may leave out what a node input may (placeholder: false, attributes: none). */
export function mergeNodeInto(into: NodeAttributes, from: Omit<NodeInput, 'id'>): void {
  const placeholder = from.placeholder ?? false;
  if (into.placeholder && !placeholder) {
    into.kind = from.kind;
    into.name = from.name;
    // A placeholder any file may draw (a secret mapping's end) takes the describing provider.
    if (from.provider && from.provider !== 'any') into.provider = from.provider;
    into.placeholder = false;
  }
  into.account ??= from.account;
  const attributes = from.attributes;
  if (!attributes) return;
  const described = into.attributes[DESCRIBED_IN] !== undefined;
  for (const key of Object.keys(attributes)) {
    const v = attributes[key];
    if (described && (key === DESCRIBED_IN || key === DESCRIBED_AT)) continue;
    if (v !== undefined && (!placeholder || into.attributes[key] === undefined)) setOwn(into.attributes, key, v);
  }
}

export function mergeEdgeInto(into: EdgeRecord, from: EdgeRecord): void {
  for (const ev of from.evidence) {
    const same = into.evidence.some((e) => e.file === ev.file && e.location === ev.location && e.policy === ev.policy && e.statement === ev.statement);
    if (!same) into.evidence.push(ev);
  }
  for (const key of Object.keys(from.attributes)) {
    const a = into.attributes[key];
    const b = from.attributes[key];
    if (Array.isArray(a) && Array.isArray(b)) setOwn(into.attributes, key, [...new Set([...a, ...b])]);
    else if (b !== undefined) setOwn(into.attributes, key, b);
  }
}
