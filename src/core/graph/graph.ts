/**
 * The graph: directed, several edges of different kinds between two nodes allowed, self-loops
 * allowed. Its methods are the subset of graphology's MultiDirectedGraph API the code uses, with
 * the same names and callback arguments, so analyses read like graphology code.
 *
 * Why not graphology itself: storing a 100,000-principal account in it cost more than the whole
 * import budget (an object per edge, adjacency kept in per-node objects keyed by neighbour id,
 * a linked list per node pair). Here a node and an edge are integers: ids and attributes in arrays,
 * adjacency in doubly linked lists held in typed arrays (append and unlink in O(1), no allocation
 * per edge beyond its attributes). Iteration follows insertion order. Node ids are Map keys, so
 * an id such as `__proto__` is stored like any other.
 *
 * Edge keys (`kind|source|target[|qualifier]`, see edge-key.ts) are not stored: an edge is found
 * by its parts in an open-addressing table over the integer columns, and its key is made when
 * asked. Keeping a 130-character key and a Map entry per edge was a third of a 100,000-principal
 * import. Keys that do not read back into their parts (an id holding `|`, or a key that is not
 * of that form, as tests and old snapshots may give) are kept in a side Map.
 */
import type { EdgeAttributes, NodeAttributes } from '../model/types';
import { edgeKey } from '../model/edge-key';

export type NodeCallback<R> = (id: string, attributes: NodeAttributes) => R;
/** `index`: where the edge is stored; `keyAt(index, generation)` makes its key later (see there). */
export type EdgeCallback<R> = (key: string, attributes: EdgeAttributes, source: string, target: string, sourceAttributes: NodeAttributes, targetAttributes: NodeAttributes, index: number) => R;

const NONE = -1;
/** A slot of the parts table whose edge was dropped (probing goes on past it). */
const GONE = -2;

type Column = Int32Array<ArrayBuffer>;

/** Grow a typed array (amortised doubling), keeping its content; new slots hold NONE. */
function ensure(a: Column, n: number): Column {
  if (n <= a.length) return a;
  const b = new Int32Array(Math.max(n, a.length * 2, 64)).fill(NONE);
  b.set(a);
  return b;
}

export class BlastGraph {
  // Nodes by index; a dropped node leaves `undefined` until the next compaction.
  private nodeIds: (string | undefined)[] = [];
  private nodeAttrs: (NodeAttributes | undefined)[] = [];
  private nodeIndex = new Map<string, number>();
  private firstOut = new Int32Array(0) as Column;
  private lastOut = new Int32Array(0) as Column;
  private firstIn = new Int32Array(0) as Column;
  private lastIn = new Int32Array(0) as Column;
  // Edges by index, likewise (a dropped edge's attributes are `undefined`).
  private edgeAttrs: (EdgeAttributes | undefined)[] = [];
  private liveEdges = 0;
  private src = new Int32Array(0) as Column;
  private tgt = new Int32Array(0) as Column;
  private kindOf = new Int32Array(0) as Column;
  /** The key's qualifier ('' for none); undefined for an edge known only by its key (oddKeys). */
  private qualifier: (string | undefined)[] = [];
  private nextOut = new Int32Array(0) as Column;
  private prevOut = new Int32Array(0) as Column;
  private nextIn = new Int32Array(0) as Column;
  private prevIn = new Int32Array(0) as Column;
  // Edge kinds as small integers.
  private kindCodes = new Map<string, number>();
  private kindNames: string[] = [];
  /** Open-addressing table of edges by (kind, source, target): edge index, NONE or GONE. */
  private slots = new Int32Array(0) as Column;
  private slotsTaken = 0;
  /** Keys that the parts cannot be read back from, both ways. */
  private oddKeys = new Map<string, number>();
  private oddKeyOf = new Map<number, string>();
  /** Nesting depth of iterations running: indices must not move under them. */
  private iterating = 0;
  /** Counts compactions: an edge index read before one no longer names the same edge. */
  private compactions = 0;

  /** Number of nodes. */
  get order(): number {
    return this.nodeIndex.size;
  }

  /** Number of edges. */
  get size(): number {
    return this.liveEdges;
  }

  // ---- nodes ----

  hasNode(id: string): boolean {
    return this.nodeIndex.has(id);
  }

  addNode(id: string, attributes: NodeAttributes): string {
    if (this.nodeIndex.has(id)) throw new Error(`the node "${id}" already exists`);
    const i = this.nodeIds.length;
    this.nodeIds.push(id);
    this.nodeAttrs.push(attributes);
    this.nodeIndex.set(id, i);
    if (i >= this.firstOut.length) {
      this.firstOut = ensure(this.firstOut, i + 1);
      this.lastOut = ensure(this.lastOut, i + 1);
      this.firstIn = ensure(this.firstIn, i + 1);
      this.lastIn = ensure(this.lastIn, i + 1);
    }
    this.firstOut[i] = this.lastOut[i] = this.firstIn[i] = this.lastIn[i] = NONE;
    return id;
  }

  getNodeAttributes(id: string): NodeAttributes {
    return this.nodeAttrs[this.node(id)]!;
  }

  getNodeAttribute<K extends keyof NodeAttributes>(id: string, name: K): NodeAttributes[K] {
    return this.nodeAttrs[this.node(id)]![name];
  }

  setNodeAttribute<K extends keyof NodeAttributes>(id: string, name: K, value: NodeAttributes[K]): void {
    this.nodeAttrs[this.node(id)]![name] = value;
  }

  mergeNodeAttributes(id: string, attributes: Partial<NodeAttributes>): void {
    Object.assign(this.nodeAttrs[this.node(id)]!, attributes);
  }

  replaceNodeAttributes(id: string, attributes: NodeAttributes): void {
    this.nodeAttrs[this.node(id)] = attributes;
  }

  /** Drop a node and every edge that touches it. */
  dropNode(id: string): void {
    const n = this.node(id);
    for (let e = this.firstOut[n]!; e !== NONE; ) {
      const next = this.nextOut[e]!;
      this.unlinkEdge(e);
      e = next;
    }
    for (let e = this.firstIn[n]!; e !== NONE; ) {
      const next = this.nextIn[e]!;
      this.unlinkEdge(e);
      e = next;
    }
    this.nodeIndex.delete(id);
    this.nodeIds[n] = undefined;
    this.nodeAttrs[n] = undefined;
    this.maybeCompact();
  }

  forEachNode(cb: NodeCallback<unknown>): void {
    this.someNode((id, a) => void cb(id, a));
  }

  someNode(cb: NodeCallback<unknown>): boolean {
    return this.findNode(cb) !== undefined;
  }

  findNode(cb: NodeCallback<unknown>): string | undefined {
    this.iterating++;
    try {
      for (let i = 0; i < this.nodeIds.length; i++) {
        const id = this.nodeIds[i];
        if (id !== undefined && cb(id, this.nodeAttrs[i]!)) return id;
      }
      return undefined;
    } finally {
      this.iterating--;
    }
  }

  filterNodes(cb: NodeCallback<unknown>): string[] {
    const out: string[] = [];
    this.forEachNode((id, a) => {
      if (cb(id, a)) out.push(id);
    });
    return out;
  }

  nodes(): string[] {
    return this.filterNodes(() => true);
  }

  /** In-degree plus out-degree (a self-loop counts twice, as in graphology). */
  degree(id: string): number {
    const n = this.node(id);
    let d = 0;
    for (let e = this.firstOut[n]!; e !== NONE; e = this.nextOut[e]!) d++;
    for (let e = this.firstIn[n]!; e !== NONE; e = this.nextIn[e]!) d++;
    return d;
  }

  /** Distinct nodes joined to `id` by an edge in either direction. */
  neighbors(id: string): string[] {
    const seen = new Set<string>();
    this.someEdge(id, (_k, _a, s, t) => void seen.add(s === id ? t : s));
    seen.delete(id);
    // A self-loop makes a node its own neighbour.
    if (this.someOutEdge(id, (_k, _a, _s, t) => t === id)) seen.add(id);
    return [...seen];
  }

  outNeighbors(id: string): string[] {
    const seen = new Set<string>();
    this.forEachOutEdge(id, (_k, _a, _s, t) => void seen.add(t));
    return [...seen];
  }

  forEachInNeighbor(id: string, cb: NodeCallback<unknown>): void {
    const seen = new Set<string>();
    this.forEachInEdge(id, (_k, _a, s, _t, sa) => {
      if (!seen.has(s)) {
        seen.add(s);
        cb(s, sa);
      }
    });
  }

  // ---- edges ----

  /** `hasEdge(key)`, or `hasEdge(source, target)`: is there any edge from source to target? */
  hasEdge(keyOrSource: string, target?: string): boolean {
    if (target === undefined) return this.find(keyOrSource) !== NONE;
    const s = this.nodeIndex.get(keyOrSource);
    if (s === undefined || !this.nodeIndex.has(target)) return false;
    return this.someEdge(keyOrSource, target, () => true);
  }

  /**
   * Add an edge under `key`. A key of the usual form (edgeKey of the attributes' kind, the ends
   * and a qualifier) is not stored; any other key is, and names the edge from then on.
   */
  addEdgeWithKey(key: string, source: string, target: string, attributes: EdgeAttributes): string {
    const qualifier = qualifierIn(key, attributes.kind, source, target);
    if (qualifier !== undefined) this.add(source, target, attributes, qualifier, key);
    else {
      if (this.find(key) !== NONE) throw new Error(`the edge "${key}" already exists`);
      const e = this.append(this.node(source), this.node(target), attributes, undefined);
      this.oddKeys.set(key, e);
      this.oddKeyOf.set(e, key);
    }
    return key;
  }

  /** Add the edge `edgeKey(attributes.kind, source, target, qualifier)` without making its key. */
  addEdgeOf(source: string, target: string, attributes: EdgeAttributes, qualifier = ''): void {
    this.add(source, target, attributes, qualifier, undefined);
  }

  /**
   * The attributes of the edge `edgeKey(kind, source, target, qualifier)`, or undefined when there
   * is none (also when an end is missing): the builder's merge, without making the key.
   */
  edgeAttributesOf(kind: string, source: string, target: string, qualifier = ''): EdgeAttributes | undefined {
    const s = this.nodeIndex.get(source);
    const t = this.nodeIndex.get(target);
    const k = this.kindCodes.get(kind);
    let e = s === undefined || t === undefined || k === undefined ? NONE : this.findParts(k, s, t, qualifier);
    // Another edge may carry the same key (an id holding `|`): the key names one edge.
    if (e === NONE && (this.oddKeys.size > 0 || hasBar(source, target))) e = this.find(edgeKey(kind, source, target, qualifier));
    return e === NONE ? undefined : this.edgeAttrs[e];
  }

  /** The edge's attributes, or undefined when there is no such edge (one lookup, for the builder's merges). */
  edgeAttributesIfAny(key: string): EdgeAttributes | undefined {
    const e = this.find(key);
    return e === NONE ? undefined : this.edgeAttrs[e];
  }

  /** The node's attributes, or undefined when there is no such node. */
  nodeAttributesIfAny(id: string): NodeAttributes | undefined {
    const n = this.nodeIndex.get(id);
    return n === undefined ? undefined : this.nodeAttrs[n];
  }

  getEdgeAttributes(key: string): EdgeAttributes {
    return this.edgeAttrs[this.edge(key)]!;
  }

  getEdgeAttribute<K extends keyof EdgeAttributes>(key: string, name: K): EdgeAttributes[K] {
    return this.edgeAttrs[this.edge(key)]![name];
  }

  /** New attributes for an edge. A key of the usual form names the kind, which then stays. */
  replaceEdgeAttributes(key: string, attributes: EdgeAttributes): void {
    const e = this.edge(key);
    if (attributes.kind !== this.kindNames[this.kindOf[e]!]) {
      if (this.qualifier[e] !== undefined) throw new Error(`the edge "${key}" cannot change its kind`);
      this.kindOf[e] = this.kindCode(attributes.kind);
    }
    this.edgeAttrs[e] = attributes;
  }

  source(key: string): string {
    return this.nodeIds[this.src[this.edge(key)]!]!;
  }

  target(key: string): string {
    return this.nodeIds[this.tgt[this.edge(key)]!]!;
  }

  dropEdge(key: string): void {
    this.unlinkEdge(this.edge(key));
    this.maybeCompact();
  }

  /** Every edge; with one node, every edge touching it; with two, every edge from the first to the second. */
  forEachEdge(cb: EdgeCallback<unknown>): void;
  forEachEdge(node: string, cb: EdgeCallback<unknown>): void;
  forEachEdge(source: string, target: string, cb: EdgeCallback<unknown>): void;
  forEachEdge(a: string | EdgeCallback<unknown>, b?: string | EdgeCallback<unknown>, c?: EdgeCallback<unknown>): void {
    const cb = (c ?? b ?? a) as EdgeCallback<unknown>;
    const each: EdgeCallback<undefined> = (...args) => void cb(...args);
    if (typeof a === 'function') this.someEdge(each);
    else if (typeof b === 'function') this.someEdge(a, each);
    else this.someEdge(a, b!, each);
  }

  someEdge(cb: EdgeCallback<unknown>): boolean;
  someEdge(node: string, cb: EdgeCallback<unknown>): boolean;
  someEdge(source: string, target: string, cb: EdgeCallback<unknown>): boolean;
  someEdge(a: string | EdgeCallback<unknown>, b?: string | EdgeCallback<unknown>, c?: EdgeCallback<unknown>): boolean {
    if (typeof a === 'function') return this.scanAll(a);
    if (typeof b === 'function') {
      // Out-edges, then in-edges that are not self-loops (those were met as out-edges).
      const n = this.node(a);
      return this.scanList(this.firstOut[n]!, this.nextOut, b) || this.scanList(this.firstIn[n]!, this.nextIn, b, n);
    }
    return this.scanList(this.firstOut[this.node(a)]!, this.nextOut, c!, NONE, this.node(b!));
  }

  filterEdges(cb: EdgeCallback<unknown>): string[] {
    const out: string[] = [];
    this.scanAll((k, ...rest) => void (cb(k, ...rest) && out.push(k)));
    return out;
  }

  edges(node?: string): string[] {
    const out: string[] = [];
    const push: EdgeCallback<void> = (k) => void out.push(k);
    if (node === undefined) this.scanAll(push);
    else this.someEdge(node, push);
    return out;
  }

  forEachOutEdge(node: string, cb: EdgeCallback<unknown>): void {
    this.scanList(this.firstOut[this.node(node)]!, this.nextOut, (...args) => void cb(...args));
  }

  someOutEdge(node: string, cb: EdgeCallback<unknown>): boolean {
    return this.scanList(this.firstOut[this.node(node)]!, this.nextOut, cb);
  }

  filterOutEdges(node: string, cb: EdgeCallback<unknown>): string[] {
    const out: string[] = [];
    this.forEachOutEdge(node, (k, ...rest) => void (cb(k, ...rest) && out.push(k)));
    return out;
  }

  outEdges(node: string): string[] {
    return this.filterOutEdges(node, () => true);
  }

  forEachInEdge(node: string, cb: EdgeCallback<unknown>): void {
    this.scanList(this.firstIn[this.node(node)]!, this.nextIn, (...args) => void cb(...args));
  }

  filterInEdges(node: string, cb: EdgeCallback<unknown>): string[] {
    const out: string[] = [];
    this.forEachInEdge(node, (k, ...rest) => void (cb(k, ...rest) && out.push(k)));
    return out;
  }

  inEdges(node: string): string[] {
    return this.filterInEdges(node, () => true);
  }

  /** Drop everything. */
  clear(): void {
    Object.assign(this, new BlastGraph());
  }

  /**
   * Take over `other`'s nodes and edges, leaving it empty: the first file of a session becomes the
   * graph without copying a record (a 100,000-principal export is most of a session). Only into
   * an empty graph.
   */
  absorb(other: BlastGraph): void {
    if (this.nodeIndex.size || this.liveEdges || this.iterating || other.iterating) throw new Error('a graph absorbs another only when empty and idle');
    Object.assign(this, other);
    other.clear();
  }

  /** Where the next node will be stored: with `forEachNodeSince`, the nodes added after a point. */
  get nodeMark(): number {
    return this.nodeIds.length;
  }

  /** Every live node stored at or after `mark` (a `nodeMark` read in the same generation). */
  forEachNodeSince(mark: number, generation: number, cb: NodeCallback<unknown>): void {
    this.since(mark, generation, this.nodeIds, (i) => void cb(this.nodeIds[i]!, this.nodeAttrs[i]!));
  }

  /** Where the next edge will be stored: with `forEachEdgeSince`, the edges added after a point. */
  get edgeMark(): number {
    return this.edgeAttrs.length;
  }

  /** Every live edge stored at or after `mark` (an `edgeMark` read in the same generation). */
  forEachEdgeSince(mark: number, generation: number, cb: EdgeCallback<unknown>): void {
    this.since(mark, generation, this.edgeAttrs, (e) => void this.call(cb, e));
  }

  /** Visit the live slots (not undefined) of `column` from `mark` on, as one iteration. */
  private since(mark: number, generation: number, column: readonly unknown[], visit: (index: number) => void): void {
    if (generation !== this.compactions) throw new Error('the graph was compacted since this mark was read');
    this.iterating++;
    try {
      for (let i = mark; i < column.length; i++) if (column[i] !== undefined) visit(i);
    } finally {
      this.iterating--;
    }
  }

  /** Edge indices stay valid while this stays the same (dropping does not move them; compacting does). */
  get generation(): number {
    return this.compactions;
  }

  /**
   * The key of the edge an iteration passed as `index`, made only now: an index keeps far less
   * than a key (the reach index holds one per reach edge, and needs a key only to explain one).
   */
  keyAt(index: number, generation: number): string {
    if (generation !== this.compactions || index < 0 || index >= this.edgeAttrs.length) throw new Error('the graph was compacted since this edge index was read');
    return this.keyOf(index);
  }

  // ---- internals ----

  private node(id: string): number {
    const n = this.nodeIndex.get(id);
    if (n === undefined) throw new Error(`no node "${id}" in the graph`);
    return n;
  }

  private edge(key: string): number {
    const e = this.find(key);
    if (e === NONE) throw new Error(`no edge "${key}" in the graph`);
    return e;
  }

  /** The edge a key names, or NONE: a kept odd key, else the key read as `kind|source|target[|qualifier]`. */
  private find(key: string): number {
    if (this.oddKeys.size > 0) {
      const e = this.oddKeys.get(key);
      if (e !== undefined) return e;
    }
    // An edge whose ends hold no `|` reads back at the first three bars.
    const p1 = key.indexOf('|');
    const p2 = p1 < 0 ? -1 : key.indexOf('|', p1 + 1);
    if (p2 < 0) return NONE;
    const p3 = key.indexOf('|', p2 + 1);
    const k = this.kindCodes.get(key.slice(0, p1));
    const s = this.nodeIndex.get(key.slice(p1 + 1, p2));
    const t = this.nodeIndex.get(p3 < 0 ? key.slice(p2 + 1) : key.slice(p2 + 1, p3));
    const q = p3 < 0 ? '' : key.slice(p3 + 1);
    if (k === undefined || s === undefined || t === undefined || (p3 >= 0 && q === '')) return NONE;
    return this.findParts(k, s, t, q);
  }

  /** The key of edge `e`. */
  private keyOf(e: number): string {
    if (this.oddKeyOf.size > 0) {
      const odd = this.oddKeyOf.get(e);
      if (odd !== undefined) return odd;
    }
    return edgeKey(this.kindNames[this.kindOf[e]!]!, this.nodeIds[this.src[e]!]!, this.nodeIds[this.tgt[e]!]!, this.qualifier[e]);
  }

  /** Add an edge of the usual key form; `key` when the caller has it made already. */
  private add(source: string, target: string, attributes: EdgeAttributes, qualifier: string, key: string | undefined): void {
    const s = this.node(source);
    const t = this.node(target);
    const k = this.kindCode(attributes.kind);
    const bar = hasBar(source, target);
    if (this.findParts(k, s, t, qualifier) !== NONE) throw new Error(`the edge "${key ?? edgeKey(attributes.kind, source, target, qualifier)}" already exists`);
    if (bar || this.oddKeys.size > 0) {
      key ??= edgeKey(attributes.kind, source, target, qualifier);
      if (this.find(key) !== NONE) throw new Error(`the edge "${key}" already exists`);
    }
    const e = this.append(s, t, attributes, qualifier);
    this.index(e);
    // Its key would not read back at the first bars: keep it.
    if (bar) {
      this.oddKeys.set(key!, e);
      this.oddKeyOf.set(e, key!);
    }
  }

  /** Store a new edge and link it into its ends' adjacency lists; returns its index. */
  private append(s: number, t: number, attributes: EdgeAttributes, qualifier: string | undefined): number {
    const e = this.edgeAttrs.length;
    this.edgeAttrs.push(attributes);
    this.qualifier.push(qualifier);
    this.liveEdges++;
    if (e >= this.src.length) {
      const n = e + 1;
      this.src = ensure(this.src, n);
      this.tgt = ensure(this.tgt, n);
      this.kindOf = ensure(this.kindOf, n);
      this.nextOut = ensure(this.nextOut, n);
      this.prevOut = ensure(this.prevOut, n);
      this.nextIn = ensure(this.nextIn, n);
      this.prevIn = ensure(this.prevIn, n);
    }
    this.src[e] = s;
    this.tgt[e] = t;
    this.kindOf[e] = this.kindCode(attributes.kind);
    // Append to the source's out-list and the target's in-list.
    this.nextOut[e] = NONE;
    this.prevOut[e] = this.lastOut[s]!;
    if (this.lastOut[s] === NONE) this.firstOut[s] = e;
    else this.nextOut[this.lastOut[s]!] = e;
    this.lastOut[s] = e;
    this.nextIn[e] = NONE;
    this.prevIn[e] = this.lastIn[t]!;
    if (this.lastIn[t] === NONE) this.firstIn[t] = e;
    else this.nextIn[this.lastIn[t]!] = e;
    this.lastIn[t] = e;
    return e;
  }

  private kindCode(kind: string): number {
    let k = this.kindCodes.get(kind);
    if (k === undefined) {
      k = this.kindNames.length;
      this.kindNames.push(kind);
      this.kindCodes.set(kind, k);
    }
    return k;
  }

  /** The edge of these parts in the table, or NONE. */
  private findParts(k: number, s: number, t: number, q: string): number {
    const mask = this.slots.length - 1;
    if (mask < 0) return NONE;
    for (let i = slotOf(k, s, t) & mask; ; i = (i + 1) & mask) {
      const e = this.slots[i]!;
      if (e === NONE) return NONE;
      if (e !== GONE && this.src[e] === s && this.tgt[e] === t && this.kindOf[e] === k && this.qualifier[e] === q) return e;
    }
  }

  /** Put edge `e` in the parts table, growing it to keep it at most half full. */
  private index(e: number): void {
    // A rehash indexes every live edge, `e` among them.
    if ((this.slotsTaken + 1) * 2 > this.slots.length) return this.rehash(Math.max(1024, 2 ** Math.ceil(Math.log2((this.liveEdges + 1) * 4))));
    this.put(e);
  }

  private put(e: number): void {
    const mask = this.slots.length - 1;
    let i = slotOf(this.kindOf[e]!, this.src[e]!, this.tgt[e]!) & mask;
    while (this.slots[i] !== NONE) i = (i + 1) & mask;
    this.slots[i] = e;
    this.slotsTaken++;
  }

  private rehash(capacity: number): void {
    this.slots = new Int32Array(capacity).fill(NONE);
    this.slotsTaken = 0;
    for (let e = 0; e < this.edgeAttrs.length; e++) if (this.edgeAttrs[e] !== undefined && this.qualifier[e] !== undefined) this.put(e);
  }

  private unindex(e: number): void {
    const mask = this.slots.length - 1;
    for (let i = slotOf(this.kindOf[e]!, this.src[e]!, this.tgt[e]!) & mask; ; i = (i + 1) & mask) {
      if (this.slots[i] === e) {
        this.slots[i] = GONE;
        return;
      }
    }
  }

  /** Call `cb` on every live edge in index order until it returns true. */
  private scanAll(cb: EdgeCallback<unknown>): boolean {
    this.iterating++;
    try {
      // Edges added by the callback are visited too, as a Map's iteration would.
      for (let e = 0; e < this.edgeAttrs.length; e++) {
        if (this.edgeAttrs[e] !== undefined && this.call(cb, e)) return true;
      }
      return false;
    } finally {
      this.iterating--;
    }
  }

  /**
   * Walk one adjacency list until `cb` returns true. `skipSelfOf`: leave out self-loops of that
   * node; `onlyTarget`: only edges to that node.
   */
  private scanList(first: number, next: Column, cb: EdgeCallback<unknown>, skipSelfOf = NONE, onlyTarget = NONE): boolean {
    this.iterating++;
    try {
      for (let e = first; e !== NONE; ) {
        // Read the successor first: the callback may drop this edge.
        const after = next[e]!;
        const skip = (skipSelfOf !== NONE && this.src[e] === skipSelfOf && this.tgt[e] === skipSelfOf) || (onlyTarget !== NONE && this.tgt[e] !== onlyTarget);
        if (!skip && this.call(cb, e)) return true;
        e = after;
      }
      return false;
    } finally {
      this.iterating--;
    }
  }

  private call(cb: EdgeCallback<unknown>, e: number): boolean {
    const s = this.src[e]!;
    const t = this.tgt[e]!;
    return Boolean(cb(this.keyOf(e), this.edgeAttrs[e]!, this.nodeIds[s]!, this.nodeIds[t]!, this.nodeAttrs[s]!, this.nodeAttrs[t]!, e));
  }

  private unlinkEdge(e: number): void {
    const s = this.src[e]!;
    const t = this.tgt[e]!;
    const po = this.prevOut[e]!;
    const no = this.nextOut[e]!;
    if (po === NONE) this.firstOut[s] = no;
    else this.nextOut[po] = no;
    if (no === NONE) this.lastOut[s] = po;
    else this.prevOut[no] = po;
    const pi = this.prevIn[e]!;
    const ni = this.nextIn[e]!;
    if (pi === NONE) this.firstIn[t] = ni;
    else this.nextIn[pi] = ni;
    if (ni === NONE) this.lastIn[t] = pi;
    else this.prevIn[ni] = pi;
    if (this.qualifier[e] !== undefined) this.unindex(e);
    const odd = this.oddKeyOf.get(e);
    if (odd !== undefined) {
      this.oddKeys.delete(odd);
      this.oddKeyOf.delete(e);
    }
    this.edgeAttrs[e] = undefined;
    this.liveEdges--;
  }

  /**
   * Re-analysis drops every derived edge and node and adds them again: without compaction the
   * arrays would keep the dropped slots forever. Never while an iteration runs (indices move).
   */
  private maybeCompact(): void {
    const deadEdges = this.edgeAttrs.length - this.liveEdges;
    const deadNodes = this.nodeIds.length - this.nodeIndex.size;
    if (this.iterating > 0 || (deadEdges < 4096 || deadEdges * 2 < this.edgeAttrs.length) && (deadNodes < 4096 || deadNodes * 2 < this.nodeIds.length)) return;
    const nodes: [string, NodeAttributes][] = [];
    this.forEachNode((id, a) => void nodes.push([id, a]));
    const edges: [string, string, EdgeAttributes, string | undefined, string | undefined][] = [];
    for (let e = 0; e < this.edgeAttrs.length; e++) {
      const a = this.edgeAttrs[e];
      if (a !== undefined) edges.push([this.nodeIds[this.src[e]!]!, this.nodeIds[this.tgt[e]!]!, a, this.qualifier[e], this.oddKeyOf.get(e)]);
    }
    const compactions = this.compactions + 1;
    this.clear();
    this.compactions = compactions;
    for (const [id, a] of nodes) this.addNode(id, a);
    for (const [s, t, a, q, key] of edges) {
      if (q === undefined) this.addEdgeWithKey(key!, s, t, a);
      else this.add(s, t, a, q, key);
    }
  }
}

/** Slot of (kind, source, target) in the parts table, before masking. */
function slotOf(k: number, s: number, t: number): number {
  let h = Math.imul(s, 0x9e3779b1) ^ Math.imul(t + 1, 0x85ebca77) ^ Math.imul(k + 1, 0xc2b2ae3d);
  h ^= h >>> 15;
  h = Math.imul(h, 0x27d4eb2f);
  return (h ^ (h >>> 13)) >>> 0;
}

const hasBar = (source: string, target: string): boolean => source.includes('|') || target.includes('|');

/** The qualifier when `key` is `edgeKey(kind, source, target, qualifier)`, else undefined. */
function qualifierIn(key: string, kind: string, source: string, target: string): string | undefined {
  const a = kind.length;
  const b = a + 1 + source.length;
  const c = b + 1 + target.length;
  if (key.length < c || key[a] !== '|' || key[b] !== '|' || !key.startsWith(kind) || !key.startsWith(source, a + 1) || !key.startsWith(target, b + 1)) return undefined;
  if (key.length === c) return '';
  // `kind|s|t|` (an empty qualifier) is not a key edgeKey makes.
  return key[c] === '|' && key.length > c + 1 ? key.slice(c + 1) : undefined;
}

export function createGraph(): BlastGraph {
  return new BlastGraph();
}
