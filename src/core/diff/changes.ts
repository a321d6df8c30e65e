/**
 * What-if change sets: removals simulated on a COPY of the imported graph (the workspace's own
 * graph is never touched), so a fresh analysis of the copy shows what a remediation would cut.
 *
 * Removing an edge or a node is not always enough for the analysis to see it: AWS decides
 * sts:AssumeRole from the role's stored trust policy and resource access from the resource's stored
 * policy, not from the `canAssume` and `grants` edges drawn from them. So removing such an edge also
 * rewrites the stored document (the principal taken out of the statements the edge's evidence
 * names; a statement left with no principal goes), and removing a statement rewrites the document
 * (`attributes.document`, and a managed policy's default version) and drops the edges that cited
 * only that statement. Statement indices always refer to the document as imported, so several
 * changes to one policy compose.
 */
import type { BlastGraph } from '../graph/graph';
import { createGraph } from '../graph/graph';
import { isDerivedEdge, isDerivedNode, DERIVED_NODE_ATTRIBUTES } from '../analysis/derived';
import { categoryOf, kindInfo } from '../model/kinds';
import type { EdgeAttributes, Evidence, NodeAttributes } from '../model/types';
import { FragmentBuilder } from '../model/fragment';
import { principalNodeId } from '../providers/aws/importers/principals';
import type { PrincipalRef } from '../providers/aws/importers/policy-document';
import { byText, statementIndexOf } from './common';
import { planEdgeRemoval, planNodeRemoval, planStatementRemoval, type PlanAction } from './plan';

/** A statement of a policy: its index in the document as imported (0-based), or its Sid, or `#index`. */
export type StatementRef = number | string;

/**
 * One simulated removal. Edges are named by id (`blastmap` prints them; the app shows them in an
 * edge's details) or, for the common AWS cases, by their two ends.
 */
export type Change =
  | { type: 'policy-statement'; policy: string; statement: StatementRef; note?: string }
  | { type: 'policy-attachment'; edge?: string; principal?: string; policy?: string; note?: string }
  | { type: 'group-membership'; edge?: string; member?: string; group?: string; note?: string }
  | { type: 'trust'; edge?: string; role?: string; principal?: string; statement?: StatementRef; note?: string }
  | { type: 'credential'; node: string; note?: string }
  | { type: 'federation'; edge?: string; node?: string; note?: string }
  | { type: 'grant'; edge: string; note?: string }
  | { type: 'identity'; node: string; note?: string };

export type ChangeType = Change['type'];

export const CHANGE_TYPES: readonly ChangeType[] = ['policy-statement', 'policy-attachment', 'group-membership', 'trust', 'credential', 'federation', 'grant', 'identity'];

/** What one change did to the copy, and what to do in the provider to make it real. */
export interface AppliedChange {
  /** Its position in the change set (0-based). */
  index: number;
  change: Change;
  /** In words: what was removed from the copy. */
  summary: string;
  /** The exact objects to change, per provider. */
  actions: PlanAction[];
  removedNodes: string[];
  removedEdges: string[];
  /** Documents rewritten: the node and its attribute (`document`, `trustPolicy`), the statements dropped or narrowed. */
  rewritten: { node: string; attribute: 'document' | 'trustPolicy'; statements: string[] }[];
  /** Derived edges (federations the analysis draws) dropped after the analysis of the copy. */
  suppressed: string[];
}

export interface ApplyResult {
  /** The copy, with the changes applied (not analysed yet). */
  graph: BlastGraph;
  applied: AppliedChange[];
  /** Changes that could not be applied (each names the change and why); the others were. */
  problems: string[];
}

// ---- validation ----

const MAX_CHANGES = 10_000;
const MAX_TEXT = 4096;

const FIELDS: Record<ChangeType, readonly string[]> = {
  'policy-statement': ['policy', 'statement'],
  'policy-attachment': ['edge', 'principal', 'policy'],
  'group-membership': ['edge', 'member', 'group'],
  trust: ['edge', 'role', 'principal', 'statement'],
  credential: ['node'],
  federation: ['edge', 'node'],
  grant: ['edge'],
  identity: ['node'],
};

/** Which fields a change needs, in words, and the test. */
const SHAPES: Record<ChangeType, { need: string; ok: (has: (k: string) => boolean) => boolean }> = {
  'policy-statement': { need: '"policy" and "statement"', ok: (h) => h('policy') && h('statement') },
  'policy-attachment': { need: '"edge", or "principal" and "policy"', ok: (h) => (h('edge') ? !h('principal') && !h('policy') : h('principal') && h('policy')) },
  'group-membership': { need: '"edge", or "member" and "group"', ok: (h) => (h('edge') ? !h('member') && !h('group') : h('member') && h('group')) },
  trust: { need: '"edge", or "role" with "principal" or "statement"', ok: (h) => (h('edge') ? !h('role') && !h('principal') && !h('statement') : h('role') && h('principal') !== h('statement')) },
  credential: { need: '"node"', ok: (h) => h('node') },
  federation: { need: '"edge" or "node"', ok: (h) => h('edge') !== h('node') },
  grant: { need: '"edge"', ok: (h) => h('edge') },
  identity: { need: '"node"', ok: (h) => h('node') },
};

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Check a parsed change-set file: a JSON array of changes (or an object with a `changes` array).
 * Every bad entry is named (`changes[3]: ...`); a set with any problem should not be applied.
 */
export function parseChanges(input: unknown): { changes: Change[]; problems: string[] } {
  const list = Array.isArray(input) ? input : isRecord(input) && Array.isArray(input.changes) ? input.changes : undefined;
  if (!list) return { changes: [], problems: ['the change set must be a JSON array of changes (or an object with a "changes" array)'] };
  if (list.length > MAX_CHANGES) return { changes: [], problems: [`the change set has ${list.length} changes; at most ${MAX_CHANGES} are read`] };
  const changes: Change[] = [];
  const problems: string[] = [];
  list.forEach((raw: unknown, i: number) => {
    const at = `changes[${i}]`;
    if (!isRecord(raw)) return void problems.push(`${at}: not an object`);
    const type = raw.type;
    if (typeof type !== 'string' || !(CHANGE_TYPES as readonly string[]).includes(type)) {
      return void problems.push(`${at}: "type" must be one of ${CHANGE_TYPES.join(', ')}${typeof type === 'string' ? ` (found ${JSON.stringify(type.slice(0, 40))})` : ''}`);
    }
    const t = type as ChangeType;
    const allowed = new Set(['type', 'note', ...FIELDS[t]]);
    const own = (k: string) => Object.prototype.hasOwnProperty.call(raw, k);
    const bad: string[] = [];
    for (const k of Object.keys(raw)) {
      if (!allowed.has(k)) bad.push(`unknown field ${JSON.stringify(k.slice(0, 40))} for ${t} (allowed: ${[...allowed].join(', ')})`);
      else if (k === 'statement') {
        const v = raw[k];
        if (!((typeof v === 'number' && Number.isInteger(v) && v >= 0) || (typeof v === 'string' && v.length > 0 && v.length <= MAX_TEXT))) bad.push('"statement" must be a statement index (0, 1, ...), a Sid or "#index"');
      } else if (k !== 'type') {
        const v = raw[k];
        if (typeof v !== 'string' || !v || v.length > MAX_TEXT) bad.push(`"${k}" must be a non-empty string of at most ${MAX_TEXT} characters`);
      }
    }
    if (!bad.length && !SHAPES[t].ok(own)) bad.push(`${t} takes ${SHAPES[t].need}`);
    if (bad.length) return void problems.push(`${at} (${t}): ${bad.join('; ')}`);
    changes.push({ ...raw } as Change);
  });
  return { changes, problems };
}

// ---- the copy ----

/**
 * A copy of the imported graph: every node and edge an import made, in the same order, each record
 * (and its attributes object) copied so that nothing the next analysis writes reaches the original.
 * What an analysis derived (escalation edges, admin nodes and marks) is left out: the analysis of
 * the copy draws it again.
 */
export function copyImported(g: BlastGraph): BlastGraph {
  const copy = createGraph();
  g.forEachNode((id, a) => {
    if (isDerivedNode(a)) return;
    const attributes = { ...a.attributes };
    for (const k of DERIVED_NODE_ATTRIBUTES) delete attributes[k];
    copy.addNode(id, { ...a, attributes });
  });
  g.forEachEdge((key, a, s, t) => {
    if (isDerivedEdge(a) || !copy.hasNode(s) || !copy.hasNode(t)) return;
    copy.addEdgeWithKey(key, s, t, { ...a, attributes: { ...a.attributes }, evidence: [...a.evidence] });
  });
  return copy;
}

// ---- documents ----

type DocAttribute = 'document' | 'trustPolicy';

interface DocEdit {
  node: string;
  attribute: DocAttribute;
  /** Statements removed whole (indices in the imported document). */
  remove: Set<number>;
  /** Principals (graph node ids) taken out of a statement. */
  strip: Map<number, Set<string>>;
}

function statementList(doc: unknown): unknown[] | undefined {
  if (!isRecord(doc) || !Object.prototype.hasOwnProperty.call(doc, 'Statement')) return undefined;
  const s = doc.Statement;
  return Array.isArray(s) ? s : isRecord(s) ? [s] : undefined;
}

/** Indices of the statements a reference names: a number, `#n`, or a Sid. */
function findStatements(list: readonly unknown[], ref: StatementRef): number[] | string {
  if (typeof ref === 'number' || /^#\d+$/.test(ref)) {
    const i = typeof ref === 'number' ? ref : Number(ref.slice(1));
    return i < list.length ? [i] : `it has ${list.length} statement(s) (0 to ${list.length - 1}); there is no statement ${i}`;
  }
  const out: number[] = [];
  list.forEach((s, i) => {
    if (isRecord(s) && s.Sid === ref) out.push(i);
  });
  if (!out.length) {
    const sids = list.map((s, i) => (isRecord(s) && typeof s.Sid === 'string' && s.Sid ? s.Sid : `#${i}`));
    return `no statement with Sid ${JSON.stringify(ref.slice(0, 80))} (its statements: ${sids.slice(0, 20).join(', ')}${sids.length > 20 ? ', …' : ''})`;
  }
  return out;
}

const PRINCIPAL_TYPES = ['AWS', 'Service', 'Federated', 'CanonicalUser'] as const;

/** The graph node a policy principal stands for: the importer's own mapping (principals.ts). */
function principalNode(ref: PrincipalRef): string {
  return principalNodeId(new FragmentBuilder('what-if', 'aws'), ref);
}

/** A statement without the principals `strip` names; undefined when none is left (the statement goes). */
function stripStatement(st: unknown, strip: ReadonlySet<string>): unknown {
  if (!isRecord(st)) return st;
  if (Object.prototype.hasOwnProperty.call(st, 'NotPrincipal')) return strip.has('*') ? undefined : st;
  const p = st.Principal;
  if (p === '*') return strip.has('*') ? undefined : st;
  if (!isRecord(p)) return st;
  const next: [string, unknown][] = [];
  let left = 0;
  for (const [type, value] of Object.entries(p)) {
    const values = Array.isArray(value) ? value : [value];
    const known = (PRINCIPAL_TYPES as readonly string[]).includes(type);
    const kept = values.filter((v) => !(known && typeof v === 'string' && strip.has(principalNode({ type: v === '*' ? '*' : (type as PrincipalRef['type']), value: v }))));
    if (!kept.length) continue;
    left += kept.length;
    next.push([type, Array.isArray(value) ? kept : kept[0]]);
  }
  // Object.fromEntries defines own properties: a `__proto__` key in an export stays a plain key.
  return left ? { ...st, Principal: Object.fromEntries(next) } : undefined;
}

function rewriteDocument(doc: unknown, edit: DocEdit): unknown {
  const list = statementList(doc);
  if (!list || !isRecord(doc)) return doc;
  const kept: unknown[] = [];
  list.forEach((st, i) => {
    if (edit.remove.has(i)) return;
    const strip = edit.strip.get(i);
    const s = strip ? stripStatement(st, strip) : st;
    if (s !== undefined) kept.push(s);
  });
  return { ...doc, Statement: kept };
}

/** Which statements of the imported document an edit drops whole (it removes or empties them). */
function droppedStatements(doc: unknown, edit: DocEdit): Set<number> {
  const out = new Set(edit.remove);
  statementList(doc)?.forEach((st, i) => {
    const strip = edit.strip.get(i);
    if (strip && stripStatement(st, strip) === undefined) out.add(i);
  });
  return out;
}

// ---- resolution ----

interface Ops {
  docs: Map<string, DocEdit>;
  edges: Set<string>;
  nodes: Set<string>;
}

class Resolver {
  readonly ops: Ops = { docs: new Map(), edges: new Set(), nodes: new Set() };

  constructor(readonly g: BlastGraph) {}

  private doc(node: string, attribute: DocAttribute): DocEdit {
    const key = `${attribute}\u0000${node}`;
    let d = this.ops.docs.get(key);
    if (!d) this.ops.docs.set(key, (d = { node, attribute, remove: new Set(), strip: new Map() }));
    return d;
  }

  /** The stored document an edge's evidence names (trust policy of its role, or a resource policy node). */
  private documentOf(e: EdgeAttributes, target: string, ev: Evidence): { node: string; attribute: DocAttribute } | undefined {
    if (e.kind === 'canAssume' && ev.policy === `${target} trust policy`) return { node: target, attribute: 'trustPolicy' };
    if (e.kind === 'grants' && ev.policy && this.g.hasNode(ev.policy) && this.g.getNodeAttribute(ev.policy, 'kind') === 'resourcePolicy') return { node: ev.policy, attribute: 'document' };
    return undefined;
  }

  /** Drop an edge; a trust or resource-policy grant also leaves the stored document. Returns the documents touched. */
  edge(key: string, out: AppliedChange): void {
    if (this.ops.edges.has(key)) return;
    const e = this.g.getEdgeAttributes(key);
    const source = this.g.source(key);
    const target = this.g.target(key);
    this.ops.edges.add(key);
    out.removedEdges.push(key);
    for (const ev of e.evidence) {
      const doc = this.documentOf(e, target, ev);
      const index = statementIndexOf(ev.location);
      if (!doc || index === undefined) continue;
      const d = this.doc(doc.node, doc.attribute);
      let set = d.strip.get(index);
      if (!set) d.strip.set(index, (set = new Set()));
      set.add(source);
      out.rewritten.push({ node: doc.node, attribute: doc.attribute, statements: [ev.statement ?? `#${index}`] });
    }
    // Deleting an inline policy deletes the policy; deleting a resource policy deletes its grants.
    if (e.kind === 'hasPolicy' && e.attributes.via === 'inline' && this.g.getNodeAttribute(target, 'kind') === 'inlinePolicy') this.node(target, out);
    if (e.kind === 'hasPolicy' && e.attributes.via === 'resource') {
      this.node(target, out);
      this.g.forEachInEdge(source, (k, x) => {
        if (x.kind === 'grants' && x.evidence.some((v) => v.policy === target)) this.edge(k, out);
      });
    }
  }

  /** Drop a node with its edges (each through `edge`, so documents follow). */
  node(id: string, out: AppliedChange): void {
    if (this.ops.nodes.has(id)) return;
    this.ops.nodes.add(id);
    out.removedNodes.push(id);
    for (const k of this.g.edges(id)) this.edge(k, out);
  }

  statements(node: string, attribute: DocAttribute, indices: readonly number[], out: AppliedChange): void {
    const d = this.doc(node, attribute);
    const list = statementList(this.g.getNodeAttribute(node, 'attributes')[attribute]) ?? [];
    for (const i of indices) d.remove.add(i);
    out.rewritten.push({ node, attribute, statements: indices.map((i) => sidOf(list[i], i)) });
  }
}

const sidOf = (st: unknown, i: number): string => (isRecord(st) && typeof st.Sid === 'string' && st.Sid ? st.Sid : `#${i}`);

function blank(index: number, change: Change): AppliedChange {
  return { index, change, summary: '', actions: [], removedNodes: [], removedEdges: [], rewritten: [], suppressed: [] };
}

/** The edges of one kind from `source` to `target`. */
function edgesBetween(g: BlastGraph, source: string, target: string, kind: string): string[] {
  if (!g.hasNode(source) || !g.hasNode(target)) return [];
  const out: string[] = [];
  g.forEachEdge(source, target, (k, a) => void (a.kind === kind && out.push(k)));
  return out;
}

const FEDERATION_EDGES = new Set(['federatesTo', 'k8s.mapsTo', 'gcp.workloadIdentityUser']);
const FEDERATION_NODES = new Set(['identityProvider', 'azure.federatedCredential', 'gcp.poolProvider', 'gcp.workloadIdentityPool']);

/** What to remove instead of an edge the analysis drew: the statements it rests on, as changes. */
function derivedAdvice(g: BlastGraph, key: string): string {
  const e = g.getEdgeAttributes(key);
  const hints = new Set<string>();
  for (const ev of e.evidence) {
    if (!ev.policy || !ev.statement) continue;
    const isRole = g.hasNode(ev.policy) && g.getNodeAttribute(ev.policy, 'kind') === 'role';
    hints.add(JSON.stringify(isRole ? { type: 'trust', role: ev.policy, statement: ev.statement } : { type: 'policy-statement', policy: ev.policy, statement: ev.statement }));
  }
  const technique = typeof e.attributes.techniqueName === 'string' ? ` (${e.attributes.techniqueName})` : '';
  return `it is drawn by the analysis${technique}, not imported: remove what it rests on${hints.size ? `, e.g. ${[...hints].slice(0, 4).join(' or ')}` : ' (its evidence names the grants)'}`;
}

/**
 * Apply a change set to a copy of `graph` (never to `graph` itself). Each change is checked against
 * the graph as imported; one that names nothing there is reported in `problems` and skipped.
 */
export function applyChanges(graph: BlastGraph, changes: readonly Change[]): ApplyResult {
  const g = copyImported(graph);
  const r = new Resolver(g);
  const applied: AppliedChange[] = [];
  const problems: string[] = [];
  const problem = (i: number, c: Change, why: string) => problems.push(`change ${i} (${c.type}): ${why}`);
  const hasEdge = (key: string) => g.hasEdge(key);

  changes.forEach((c, i) => {
    const out = blank(i, c);
    const edgeOf = (key: string | undefined, kind: string, a: string | undefined, b: string | undefined): string[] | string => {
      if (key !== undefined) {
        if (!hasEdge(key)) return graph.hasEdge(key) && isDerivedEdge(graph.getEdgeAttributes(key)) ? derivedAdvice(graph, key) : `no edge ${key} in the imported exports`;
        const k = g.getEdgeAttributes(key).kind;
        return k === kind ? [key] : `${key} is a ${k} edge, not ${kind}`;
      }
      if (!g.hasNode(a!)) return `no node ${a} in the imported exports`;
      if (!g.hasNode(b!)) return `no node ${b} in the imported exports`;
      const found = edgesBetween(g, a!, b!, kind);
      return found.length ? found : `no ${kind} edge from ${a} to ${b}`;
    };
    switch (c.type) {
      case 'policy-statement': {
        if (!g.hasNode(c.policy)) return problem(i, c, `no node ${c.policy} in the imported exports`);
        const n = g.getNodeAttributes(c.policy);
        const list = statementList(n.attributes.document);
        if (!list && n.attributes.trustPolicy !== undefined) return problem(i, c, `${c.policy} is a role: to remove a statement of its trust policy use {"type": "trust", "role": ..., "statement": ...}`);
        if (!list) return problem(i, c, `${c.policy} (${n.kind}) has no policy document with statements: only AWS policies do; remove the grant or binding instead`);
        const found = findStatements(list, c.statement);
        if (typeof found === 'string') return problem(i, c, `${n.name}: ${found}`);
        r.statements(c.policy, 'document', found, out);
        out.actions.push(planStatementRemoval(g, c.policy, 'document', found.map((index) => ({ index, statement: list[index] }))));
        out.summary = `removed statement ${found.map((x) => sidOf(list[x], x)).join(', ')} from ${n.name}`;
        break;
      }
      case 'policy-attachment':
      case 'group-membership': {
        const kind = c.type === 'policy-attachment' ? 'hasPolicy' : 'memberOf';
        const ends = c.type === 'policy-attachment' ? [c.principal, c.policy] : [c.member, c.group];
        const found = edgeOf(c.edge, kind, ends[0], ends[1]);
        if (typeof found === 'string') return problem(i, c, found);
        for (const k of found) {
          out.actions.push(planEdgeRemoval(g, k));
          r.edge(k, out);
        }
        out.summary = `removed ${found.length === 1 ? found[0] : `${found.length} edges: ${found.join(', ')}`}`;
        break;
      }
      case 'trust': {
        if (c.statement !== undefined) {
          if (!g.hasNode(c.role!)) return problem(i, c, `no node ${c.role} in the imported exports`);
          const list = statementList(g.getNodeAttributes(c.role!).attributes.trustPolicy);
          if (!list) return problem(i, c, `${c.role} has no trust policy in the exports`);
          const found = findStatements(list, c.statement);
          if (typeof found === 'string') return problem(i, c, `trust policy of ${c.role}: ${found}`);
          r.statements(c.role!, 'trustPolicy', found, out);
          out.actions.push(planStatementRemoval(g, c.role!, 'trustPolicy', found.map((index) => ({ index, statement: list[index] }))));
          out.summary = `removed statement ${found.map((x) => sidOf(list[x], x)).join(', ')} from the trust policy of ${g.getNodeAttribute(c.role!, 'name')}`;
          break;
        }
        const found = edgeOf(c.edge, 'canAssume', c.principal, c.role);
        if (typeof found === 'string') return problem(i, c, found);
        for (const k of found) {
          out.actions.push(planEdgeRemoval(g, k));
          r.edge(k, out);
        }
        out.summary = `removed the trust ${found.join(', ')}`;
        break;
      }
      case 'credential':
      case 'identity': {
        if (!g.hasNode(c.node)) return problem(i, c, graph.hasNode(c.node) ? `${c.node} is drawn by the analysis, not imported` : `no node ${c.node} in the imported exports`);
        const n = g.getNodeAttributes(c.node);
        const category = categoryOf(n.kind);
        if (c.type === 'credential' && category !== 'credential') return problem(i, c, `${c.node} is a ${kindInfo(n.kind).label.toLowerCase()}, not a credential`);
        if (c.type === 'identity' && category !== 'identity' && !kindInfo(n.kind).actor) return problem(i, c, `${c.node} is a ${kindInfo(n.kind).label.toLowerCase()}, not an identity`);
        out.actions.push(planNodeRemoval(g, c.node));
        if (c.type === 'identity') removeIdentity(g, r, c.node, out);
        else r.node(c.node, out);
        out.summary = `removed ${kindInfo(n.kind).label.toLowerCase()} ${n.name}${out.removedNodes.length > 1 ? ` with ${out.removedNodes.length - 1} object(s) that go with it` : ''}`;
        break;
      }
      case 'federation': {
        if (c.node !== undefined) {
          if (!g.hasNode(c.node)) return problem(i, c, `no node ${c.node} in the imported exports`);
          const kind = g.getNodeAttribute(c.node, 'kind');
          if (!FEDERATION_NODES.has(kind)) return problem(i, c, `${c.node} is a ${kindInfo(kind).label.toLowerCase()}; a federation node is an identity provider, a federated credential or a workload identity pool (or provider)`);
          out.actions.push(planNodeRemoval(g, c.node));
          r.node(c.node, out);
          out.summary = `removed ${kindInfo(kind).label.toLowerCase()} ${g.getNodeAttribute(c.node, 'name')} and its trusts`;
          break;
        }
        const key = c.edge!;
        if (!g.hasEdge(key)) {
          // A federation the analysis draws: dropped after the analysis of the copy (see whatIf).
          if (key.startsWith('federatesTo|') || (graph.hasEdge(key) && graph.getEdgeAttributes(key).kind === 'federatesTo')) {
            out.suppressed.push(key);
            out.summary = `removed the federation ${key}`;
            break;
          }
          return problem(i, c, graph.hasEdge(key) && isDerivedEdge(graph.getEdgeAttributes(key)) ? derivedAdvice(graph, key) : `no edge ${key} in the imported exports`);
        }
        const e = g.getEdgeAttributes(key);
        const from = g.getNodeAttribute(g.source(key), 'kind');
        const federation = FEDERATION_EDGES.has(e.kind) || (e.kind === 'canAssume' && (from === 'identityProvider' || from === 'servicePrincipal')) || (e.kind === 'gcp.grantedRole' && g.target(key) === 'roles/iam.workloadIdentityUser');
        if (!federation) return problem(i, c, `${key} is a ${e.kind} edge, not a federation (use "grant" or "trust" for it)`);
        out.actions.push(planEdgeRemoval(g, key));
        r.edge(key, out);
        out.summary = `removed the federation ${key}`;
        break;
      }
      case 'grant': {
        if (!g.hasEdge(c.edge)) return problem(i, c, graph.hasEdge(c.edge) && isDerivedEdge(graph.getEdgeAttributes(c.edge)) ? derivedAdvice(graph, c.edge) : `no edge ${c.edge} in the imported exports`);
        out.actions.push(planEdgeRemoval(g, c.edge));
        r.edge(c.edge, out);
        out.summary = `removed the grant ${c.edge}`;
        break;
      }
    }
    applied.push(out);
  });

  applyOps(g, r.ops);
  return { graph: g, applied, problems };
}

/** A whole identity goes with what cannot outlive it: its credentials and its inline policies. */
function removeIdentity(g: BlastGraph, r: Resolver, id: string, out: AppliedChange): void {
  const companions: string[] = [];
  g.forEachInEdge(id, (_k, e, source, _t, sa) => {
    if (e.kind === 'credentialOf' && categoryOf(sa.kind) === 'credential') companions.push(source);
  });
  g.forEachOutEdge(id, (_k, e, _s, target, _sa, ta) => {
    if (e.kind === 'hasPolicy' && e.attributes.via === 'inline' && ta.kind === 'inlinePolicy') companions.push(target);
  });
  r.node(id, out);
  for (const c of companions) r.node(c, out);
}

/** Rewrite the documents, drop what cited only removed statements, then drop edges and nodes. */
function applyOps(g: BlastGraph, ops: Ops): void {
  for (const d of [...ops.docs.values()].sort((x, y) => byText(x.node, y.node) || byText(x.attribute, y.attribute))) {
    if (!g.hasNode(d.node) || ops.nodes.has(d.node)) continue;
    const n = g.getNodeAttributes(d.node);
    const before = n.attributes[d.attribute];
    const dropped = droppedStatements(before, d);
    const rewritten = rewriteDocument(before, d);
    const attributes: Record<string, unknown> = { ...n.attributes, [d.attribute]: rewritten };
    // A managed policy's default version is its document: keep them the same.
    if (d.attribute === 'document' && Array.isArray(n.attributes.versions)) {
      attributes.versions = (n.attributes.versions as unknown[]).map((v) => (isRecord(v) && v.isDefault === true ? { ...v, document: rewritten } : v));
    }
    if (typeof n.attributes.denyStatements === 'number') {
      attributes.denyStatements = (statementList(rewritten) ?? []).filter((s) => isRecord(s) && s.Effect === 'Deny').length;
    }
    g.replaceNodeAttributes(d.node, { ...n, attributes } as NodeAttributes);
    // Edges drawn from this document: keep the evidence of statements that remain (for the
    // principal the edge starts from); an edge left with none goes.
    const cites = (e: EdgeAttributes, ev: Evidence) => (d.attribute === 'trustPolicy' ? e.kind === 'canAssume' && ev.policy === `${d.node} trust policy` : e.kind === 'grants' && ev.policy === d.node);
    const holder = d.attribute === 'trustPolicy' ? d.node : typeof n.attributes.resource === 'string' ? n.attributes.resource : undefined;
    if (!holder || !g.hasNode(holder)) continue;
    for (const key of g.inEdges(holder)) {
      if (ops.edges.has(key)) continue;
      const e = g.getEdgeAttributes(key);
      const source = g.source(key);
      if (!e.evidence.some((ev) => cites(e, ev))) continue;
      const evidence = e.evidence.filter((ev) => {
        if (!cites(e, ev)) return true;
        const i = statementIndexOf(ev.location);
        return i === undefined || !(dropped.has(i) || d.strip.get(i)?.has(source));
      });
      if (!evidence.length) ops.edges.add(key);
      else if (evidence.length !== e.evidence.length) g.replaceEdgeAttributes(key, { ...e, evidence });
    }
  }
  for (const key of [...ops.edges].sort(byText)) if (g.hasEdge(key)) g.dropEdge(key);
  for (const id of [...ops.nodes].sort(byText)) if (g.hasNode(id)) g.dropNode(id);
}
