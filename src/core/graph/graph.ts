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
 */
import type { EdgeAttributes, NodeAttributes } from '../model/types';

export type NodeCallback<R> = (id: string, attributes: NodeAttributes) => R;
export type EdgeCallback<R> = (key: string, attributes: EdgeAttributes, source: string, target: string, sourceAttributes: NodeAttributes, targetAttributes: NodeAttributes) => R;

const NONE = -1;

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
  // Edges by index, likewise.
  private edgeKeys: (string | undefined)[] = [];
  private edgeAttrs: (EdgeAttributes | undefined)[] = [];
  private edgeIndex = new Map<string, number>();
  private src = new Int32Array(0) as Column;
  private tgt = new Int32Array(0) as Column;
  private nextOut = new Int32Array(0) as Column;
  private prevOut = new Int32Array(0) as Column;
  private nextIn = new Int32Array(0) as Column;
  private prevIn = new Int32Array(0) as Column;
  /** Nesting depth of iterations running: indices must not move under them. */
  private iterating = 0;

  /** Number of nodes. */
  get order(): number {
    return this.nodeIndex.size;
  }

  /** Number of edges. */
  get size(): number {
    return this.edgeIndex.size;
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
    if (target === undefined) return this.edgeIndex.has(keyOrSource);
    const s = this.nodeIndex.get(keyOrSource);
    if (s === undefined || !this.nodeIndex.has(target)) return false;
    return this.someEdge(keyOrSource, target, () => true);
  }

  addEdgeWithKey(key: string, source: string, target: string, attributes: EdgeAttributes): string {
    if (this.edgeIndex.has(key)) throw new Error(`the edge "${key}" already exists`);
    const s = this.node(source);
    const t = this.node(target);
    const e = this.edgeKeys.length;
    this.edgeKeys.push(key);
    this.edgeAttrs.push(attributes);
    this.edgeIndex.set(key, e);
    if (e >= this.src.length) {
      const n = e + 1;
      this.src = ensure(this.src, n);
      this.tgt = ensure(this.tgt, n);
      this.nextOut = ensure(this.nextOut, n);
      this.prevOut = ensure(this.prevOut, n);
      this.nextIn = ensure(this.nextIn, n);
      this.prevIn = ensure(this.prevIn, n);
    }
    this.src[e] = s;
    this.tgt[e] = t;
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
    return key;
  }

  /** The edge's attributes, or undefined when there is no such edge (one lookup, for the builder's merges). */
  edgeAttributesIfAny(key: string): EdgeAttributes | undefined {
    const e = this.edgeIndex.get(key);
    return e === undefined ? undefined : this.edgeAttrs[e];
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

  replaceEdgeAttributes(key: string, attributes: EdgeAttributes): void {
    this.edgeAttrs[this.edge(key)] = attributes;
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
    if (this.nodeIndex.size || this.edgeIndex.size || this.iterating || other.iterating) throw new Error('a graph absorbs another only when empty and idle');
    Object.assign(this, other);
    other.clear();
  }

  // ---- internals ----

  private node(id: string): number {
    const n = this.nodeIndex.get(id);
    if (n === undefined) throw new Error(`no node "${id}" in the graph`);
    return n;
  }

  private edge(key: string): number {
    const e = this.edgeIndex.get(key);
    if (e === undefined) throw new Error(`no edge "${key}" in the graph`);
    return e;
  }

  /** Call `cb` on every live edge in index order until it returns true. */
  private scanAll(cb: EdgeCallback<unknown>): boolean {
    this.iterating++;
    try {
      // Edges added by the callback are visited too, as a Map's iteration would.
      for (let e = 0; e < this.edgeKeys.length; e++) {
        const key = this.edgeKeys[e];
        if (key !== undefined && this.call(cb, key, e)) return true;
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
        if (!skip && this.call(cb, this.edgeKeys[e]!, e)) return true;
        e = after;
      }
      return false;
    } finally {
      this.iterating--;
    }
  }

  private call(cb: EdgeCallback<unknown>, key: string, e: number): boolean {
    const s = this.src[e]!;
    const t = this.tgt[e]!;
    return Boolean(cb(key, this.edgeAttrs[e]!, this.nodeIds[s]!, this.nodeIds[t]!, this.nodeAttrs[s]!, this.nodeAttrs[t]!));
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
    this.edgeIndex.delete(this.edgeKeys[e]!);
    this.edgeKeys[e] = undefined;
    this.edgeAttrs[e] = undefined;
  }

  /**
   * Re-analysis drops every derived edge and node and adds them again: without compaction the
   * arrays would keep the dropped slots forever. Never while an iteration runs (indices move).
   */
  private maybeCompact(): void {
    const deadEdges = this.edgeKeys.length - this.edgeIndex.size;
    const deadNodes = this.nodeIds.length - this.nodeIndex.size;
    if (this.iterating > 0 || (deadEdges < 4096 || deadEdges * 2 < this.edgeKeys.length) && (deadNodes < 4096 || deadNodes * 2 < this.nodeIds.length)) return;
    const nodes: [string, NodeAttributes][] = [];
    this.forEachNode((id, a) => void nodes.push([id, a]));
    const edges: [string, string, string, EdgeAttributes][] = [];
    this.scanAll((k, a, s, t) => void edges.push([k, s, t, a]));
    this.clear();
    for (const [id, a] of nodes) this.addNode(id, a);
    for (const [k, s, t, a] of edges) this.addEdgeWithKey(k, s, t, a);
  }
}

export function createGraph(): BlastGraph {
  return new BlastGraph();
}
