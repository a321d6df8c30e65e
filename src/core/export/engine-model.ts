/**
 * The graph as other graph engines see it (BloodHound CE's OpenGraph, Neo4j): one list of nodes
 * and one of relationships, each with prefixed kinds and flat, typed properties. opengraph.ts and
 * neo4j.ts only format what this module yields, so the three exports say the same thing.
 *
 * - Kinds are prefixed `BM_` so they never collide with BloodHound's own (`AZUser`, `User`...):
 *   a node kind becomes `BM_` + its provider's short name + the kind's own name (`role` of AWS
 *   → `BM_AWSRole`, `k8s.serviceAccount` → `BM_K8sServiceAccount`, the core's `adminAccess` →
 *   `BM_AdminAccess`), its category a second kind (`BM_Identity`, `BM_Credential`...); an edge
 *   kind likewise (`canAssume` → `BM_CanAssume`, `k8s.bindsRole` → `BM_K8sBindsRole`).
 * - Properties are flat: strings, finite numbers, booleans and homogeneous arrays of them. Nested
 *   objects (policy documents, trust policies, labels) are left out; tag pairs become `key=value`
 *   strings. Attribute names that are not plain identifiers are left out (they come from the
 *   exports and could not be column names); those that collide with our own get `attr_`.
 * - Relationships carry `reach`: whether Blastmap reads them as "can act as" (the reach index,
 *   analysis/reach-index.ts). The two implicit steps of the reach index are exported as
 *   relationships of their own so that another engine walks the same graph: the administrator
 *   of a scope over each actor identity in it (`BM_AdminOf`) and an identity set over each member
 *   (`BM_StandsFor`). Over `reach = true` relationships, shortest paths and reverse reachability
 *   in an engine are Blastmap's (neo4j.kuzu.test.ts checks it in a real one).
 *
 * Names and values come from the exports, that is from whoever wrote them: every property bag
 * has no prototype (`__proto__` is a key like any other) and nothing here interprets a value.
 */
import type { Analysis } from '../analysis/analysis';
import { edgeKindInfo, isNodeKind, kindInfo, type NodeCategory } from '../model/kinds';
import type { Evidence } from '../model/types';
import { isDerivedEdge, isDerivedNode } from '../analysis/derived';

export type Scalar = string | number | boolean;
export type PropertyValue = Scalar | string[] | number[] | boolean[];
/** A property bag without a prototype, keys in insertion order. */
export type Properties = Record<string, PropertyValue>;

export interface EngineNode {
  id: string;
  /** The Blastmap kind (`role`, `k8s.serviceAccount`). */
  kind: string;
  /** `BM_` kind label, e.g. `BM_AWSRole`. */
  label: string;
  /** `BM_` category label, e.g. `BM_Identity`. */
  categoryLabel: string;
  properties: Properties;
}

export interface EngineEdge {
  source: string;
  target: string;
  /** `BM_` relationship type, e.g. `BM_CanAssume`. */
  type: string;
  /** Unique among the exported relationships: the graph's edge key, or `<reach key>-><target>`. */
  key: string;
  properties: Properties;
}

export interface EngineGraph {
  nodes: EngineNode[];
  edges: EngineEdge[];
}

/** The label every Blastmap node carries in Neo4j. */
export const NODE_LABEL = 'BM_Node';
export const ADMIN_OF = 'BM_AdminOf';
export const STANDS_FOR = 'BM_StandsFor';
/** A reach step of an unknown origin (none today): still exported, still `reach`. */
export const CAN_ACT_AS = 'BM_CanActAs';

const PROVIDER_PREFIX: Readonly<Record<string, string>> = { aws: 'AWS', kubernetes: 'K8s', k8s: 'K8s', gcp: 'GCP', azure: 'Azure', vault: 'Vault' };

const CATEGORY_LABEL: Readonly<Record<NodeCategory, string>> = {
  identity: 'BM_Identity',
  principal: 'BM_Principal',
  credential: 'BM_Credential',
  secret: 'BM_Secret',
  policy: 'BM_Policy',
  resource: 'BM_Resource',
};

/** `serviceAccount` → `ServiceAccount`; anything but letters, digits and `_` becomes `_`. */
function pascal(word: string): string {
  const clean = word.replace(/[^A-Za-z0-9_]/g, '_');
  return clean.charAt(0).toUpperCase() + clean.slice(1);
}

/** Letters, digits and `_` only, at most 80 characters: safe unquoted in Cypher and in CSV headers. */
function label(parts: string): string {
  const body = parts.slice(0, 77) || 'Unknown';
  return `BM_${body}`;
}

/** Labels of the registered kinds (not of kinds a snapshot names: those are computed each time). */
const nodeLabels = new Map<string, string>();

/** The `BM_` label of a node kind. */
export function nodeLabel(kind: string): string {
  let l = nodeLabels.get(kind);
  if (l !== undefined) return l;
  const provider = kindInfo(kind).provider;
  const dot = kind.lastIndexOf('.');
  if (provider !== undefined) l = label((PROVIDER_PREFIX[provider] ?? pascal(provider)) + pascal(kind.slice(dot + 1)));
  else l = label(dot < 0 ? pascal(kind) : (PROVIDER_PREFIX[kind.slice(0, dot)] ?? pascal(kind.slice(0, dot))) + pascal(kind.slice(dot + 1)));
  if (isNodeKind(kind)) nodeLabels.set(kind, l);
  return l;
}

/** The `BM_` relationship type of an edge kind (namespaced kinds keep their provider's short name). */
export function edgeType(kind: string): string {
  const dot = kind.indexOf('.');
  if (dot < 0) return label(pascal(kind));
  const ns = kind.slice(0, dot);
  return label((PROVIDER_PREFIX[ns] ?? pascal(ns)) + kind.slice(dot + 1).split('.').map(pascal).join(''));
}

export const categoryLabel = (kind: string): string => CATEGORY_LABEL[kindInfo(kind).category] ?? 'BM_Resource';

/** Property names every format can carry unquoted: a letter, then letters, digits or `_`. */
const SAFE_KEY = /^[A-Za-z][A-Za-z0-9_]{0,99}$/;

const NODE_KEYS = new Set(['id', 'name', 'kind', 'kindLabel', 'category', 'provider', 'account', 'placeholder', 'derived']);
const EDGE_KEYS = new Set(['key', 'kind', 'kindLabel', 'reach', 'derived', 'conditional', 'evidence_files', 'evidence_locations', 'evidence_policies', 'evidence_statements', 'evidence_conditions', 'evidence_notes']);

const NONE: ReadonlySet<string> = new Set();
/** Edge attributes already carried by our own properties. */
const EDGE_CONSUMED: ReadonlySet<string> = new Set(['conditional']);

const isScalar = (x: unknown): x is Scalar => typeof x === 'string' || typeof x === 'boolean' || (typeof x === 'number' && Number.isFinite(x));

/**
 * One attribute as a flat property, or undefined when it has no flat form: scalars as they are,
 * arrays of one scalar type as they are, arrays of `[key, value]` pairs (tags) as `key=value`
 * strings, other arrays of scalars as strings; objects, empty arrays and arrays holding objects
 * are left out.
 */
export function flatValue(v: unknown): PropertyValue | undefined {
  if (isScalar(v)) return v;
  if (!Array.isArray(v) || v.length === 0) return undefined;
  if (v.every((x) => Array.isArray(x) && x.length === 2 && isScalar(x[0]) && isScalar(x[1]))) return v.map((x: Scalar[]) => `${String(x[0])}=${String(x[1])}`);
  if (!v.every(isScalar)) return undefined;
  const t = typeof v[0];
  if (v.every((x) => typeof x === t)) return v as string[] | number[] | boolean[];
  return v.map((x: Scalar) => String(x));
}

function newProperties(): Properties {
  return Object.create(null) as Properties;
}

/** Copy an export's attributes: flat ones only, names that are plain identifiers only, ours first. */
function addAttributes(out: Properties, attributes: Record<string, unknown>, reserved: ReadonlySet<string>, consumed: ReadonlySet<string> = NONE): void {
  for (const key of Object.keys(attributes)) {
    if (!SAFE_KEY.test(key) || consumed.has(key)) continue;
    const v = flatValue(attributes[key]);
    if (v === undefined) continue;
    const name = reserved.has(key) || key.startsWith('attr_') ? `attr_${key}` : key;
    if (!(name in out)) out[name] = v;
  }
}

/** Evidence as parallel string arrays (one entry per evidence record, `''` where a field is absent); all-empty fields are left out. */
function addEvidence(out: Properties, evidence: readonly Evidence[]): void {
  if (!evidence.length) return;
  const field = (name: string, pick: (e: Evidence) => string | undefined) => {
    const values = evidence.map((e) => {
      const v = pick(e);
      return typeof v === 'string' ? v : '';
    });
    if (values.some((v) => v !== '')) out[name] = values;
  };
  field('evidence_files', (e) => e.file);
  field('evidence_locations', (e) => e.location);
  field('evidence_policies', (e) => e.policy);
  field('evidence_statements', (e) => e.statement);
  field('evidence_conditions', (e) => e.condition);
  field('evidence_notes', (e) => e.note);
}

/** The analysed graph for another engine: every node, every edge, and the reach index's implicit steps. */
export function engineGraph(a: Analysis): EngineGraph {
  const g = a.graph;
  const nodes: EngineNode[] = [];
  g.forEachNode((id, n) => {
    const info = kindInfo(n.kind);
    const p = newProperties();
    p.name = n.name;
    p.kind = n.kind;
    p.kindLabel = info.label;
    p.category = info.category;
    p.provider = n.provider;
    if (typeof n.account === 'string' && n.account !== '') p.account = n.account;
    p.placeholder = n.placeholder === true;
    p.derived = isDerivedNode(n);
    addAttributes(p, n.attributes, NODE_KEYS);
    nodes.push({ id, kind: n.kind, label: nodeLabel(n.kind), categoryLabel: categoryLabel(n.kind), properties: p });
  });

  // Which graph edges the reach index reads as "can act as", and its implicit steps.
  const ix = a.reach;
  const reachKeys = new Set<string>();
  const implicit: EngineEdge[] = [];
  ix.edges.forEach((ref, e) => {
    const source = ix.ids[ix.edgeSrc[e]!]!;
    const target = ix.ids[ix.edgeDst[e]!]!;
    if (g.hasEdge(ref.key) && g.source(ref.key) === source && g.target(ref.key) === target) {
      reachKeys.add(ref.key);
      return;
    }
    const colon = ref.key.indexOf(':');
    const origin = colon < 0 ? ref.key : ref.key.slice(0, colon);
    const type = origin === 'admin-of' ? ADMIN_OF : origin === 'member-of-set' ? STANDS_FOR : CAN_ACT_AS;
    const key = `${ref.key}->${target}`;
    const p = newProperties();
    p.key = key;
    p.kind = origin;
    p.kindLabel = type === ADMIN_OF ? 'administers' : type === STANDS_FOR ? 'stands for' : 'can act as';
    p.reach = true;
    p.derived = true;
    p.conditional = ref.conditional;
    if (type === ADMIN_OF) p.scope = ref.key.slice(colon + 1);
    implicit.push({ source, target, type, key, properties: p });
  });

  const edges: EngineEdge[] = [];
  g.forEachEdge((key, e, source, target) => {
    const p = newProperties();
    p.key = key;
    p.kind = e.kind;
    p.kindLabel = edgeKindInfo(e.kind).label;
    p.reach = reachKeys.has(key);
    p.derived = isDerivedEdge(e);
    p.conditional = e.attributes.conditional === true;
    addEvidence(p, e.evidence ?? []);
    addAttributes(p, e.attributes, EDGE_KEYS, EDGE_CONSUMED);
    edges.push({ source, target, type: edgeType(e.kind), key, properties: p });
  });
  edges.push(...implicit);
  return { nodes, edges };
}
