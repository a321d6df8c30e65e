/**
 * The graph for Neo4j, two ways (what the nodes, relationships and properties are:
 * engine-model.ts; how to load them: docs/graph-engines.md):
 *
 * - `toNeo4jCsv`: files for `neo4j-admin database import full`: one nodes file per node kind
 *   (`nodes-BM_AWSRole.csv`: `id:ID`, `:LABEL` = `BM_Node;BM_AWSRole;BM_Identity`, typed property
 *   columns) and one relationships file per relationship type (`relationships-BM_CanAssume.csv`:
 *   `:START_ID`, `:END_ID`, `:TYPE`, properties), plus `neo4j-admin-import.args` naming them.
 *   Every string is quoted, quotes doubled (RFC 4180); values are written byte for byte (newlines
 *   too: import with `--multiline-fields=true`). neo4j-admin splits array columns on a delimiter
 *   character that a value may itself contain, so array properties are written as JSON text.
 * - `toCypher`: a script of `UNWIND [...] AS row MERGE ...` statements, at most 500 rows each,
 *   for `cypher-shell -f`. Values are literals: strings single-quoted with `\` and `'` escaped (a
 *   lone UTF-16 surrogate, which UTF-8 cannot carry, as `\uXXXX`), map keys backquoted, labels and
 *   types only from the `BM_` vocabulary (letters, digits, `_`): no name can end a literal.
 *   Arrays are Cypher lists.
 */
import type { Analysis } from '../analysis/analysis';
import { engineGraph, NODE_LABEL, type EngineEdge, type EngineNode, type Properties, type PropertyValue } from './engine-model';

export interface Neo4jCsv {
  /** File name → content (UTF-8 text), in the order to pass them to neo4j-admin. */
  files: Record<string, string>;
}

export const NEO4J_ARGS_FILE = 'neo4j-admin-import.args';
/** Rows per `UNWIND` statement of the Cypher script. */
export const CYPHER_BATCH = 500;

type ColumnType = 'string' | 'long' | 'double' | 'boolean';

/** Group items by a key, keeping first-seen order. */
function groupBy<T>(items: readonly T[], key: (x: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const x of items) {
    const k = key(x);
    const list = out.get(k);
    if (list) list.push(x);
    else out.set(k, [x]);
  }
  return out;
}

// ---- CSV ----

function valueType(v: PropertyValue): ColumnType | 'array' {
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'boolean') return 'boolean';
  if (typeof v === 'number') return Number.isSafeInteger(v) ? 'long' : 'double';
  return 'string';
}

/** One type per column: booleans, integers, numbers, else text (arrays as JSON text). */
function columnType(types: ReadonlySet<string>): ColumnType {
  if (types.size === 1 && (types.has('boolean') || types.has('long'))) return types.has('boolean') ? 'boolean' : 'long';
  if ([...types].every((t) => t === 'long' || t === 'double')) return 'double';
  return 'string';
}

/** Property columns of a group of rows: `leading` first (those present), then others first-seen. */
function columnsOf(bags: readonly Properties[], leading: readonly string[]): [string, ColumnType][] {
  const types = new Map<string, Set<string>>();
  for (const k of leading) types.set(k, new Set());
  for (const p of bags) {
    for (const k of Object.keys(p)) {
      let t = types.get(k);
      if (!t) types.set(k, (t = new Set()));
      t.add(valueType(p[k]!));
    }
  }
  return [...types].filter(([, t]) => t.size > 0).map(([k, t]) => [k, columnType(t)]);
}

const quote = (s: string) => `"${s.replace(/"/g, '""')}"`;

function numberText(n: number): string {
  return Object.is(n, -0) ? '0' : String(n);
}

function csvCell(v: PropertyValue | undefined, type: ColumnType): string {
  if (v === undefined) return '';
  if (type === 'string') return quote(typeof v === 'string' ? v : Array.isArray(v) ? JSON.stringify(v) : typeof v === 'number' ? numberText(v) : String(v));
  if (typeof v === 'number') return numberText(v);
  return String(v);
}

const header = ([k, t]: [string, ColumnType]) => (t === 'string' ? k : `${k}:${t}`);

function nodesFile(nodes: readonly EngineNode[]): string {
  const columns = columnsOf(nodes.map((n) => n.properties), ['name', 'kind', 'kindLabel', 'category', 'provider', 'account', 'placeholder', 'derived']);
  const lines = [['id:ID', ':LABEL', ...columns.map(header)].join(',')];
  for (const n of nodes) lines.push([quote(n.id), quote([NODE_LABEL, n.label, n.categoryLabel].join(';')), ...columns.map(([k, t]) => csvCell(n.properties[k], t))].join(','));
  return lines.join('\n') + '\n';
}

function relationshipsFile(edges: readonly EngineEdge[]): string {
  const columns = columnsOf(edges.map((e) => e.properties), ['key', 'kind', 'kindLabel', 'reach', 'derived', 'conditional']);
  const lines = [[':START_ID', ':END_ID', ':TYPE', ...columns.map(header)].join(',')];
  for (const e of edges) lines.push([quote(e.source), quote(e.target), quote(e.type), ...columns.map(([k, t]) => csvCell(e.properties[k], t))].join(','));
  return lines.join('\n') + '\n';
}

export function toNeo4jCsv(a: Analysis): Neo4jCsv {
  const g = engineGraph(a);
  const files: Record<string, string> = {};
  const args: string[] = [];
  for (const [label, nodes] of groupBy(g.nodes, (n) => n.label)) {
    const name = `nodes-${label}.csv`;
    files[name] = nodesFile(nodes);
    args.push(`--nodes=${name}`);
  }
  for (const [type, edges] of groupBy(g.edges, (e) => e.type)) {
    const name = `relationships-${type}.csv`;
    files[name] = relationshipsFile(edges);
    args.push(`--relationships=${name}`);
  }
  files[NEO4J_ARGS_FILE] = ['--multiline-fields=true', ...args].join('\n') + '\n';
  return { files };
}

// ---- Cypher ----

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** A Cypher string literal: single quotes, `\` and `'` escaped, lone surrogates as `\uXXXX`; everything else as it is. */
export function cypherString(s: string): string {
  const body = s.replace(/[\\']/g, (c) => `\\${c}`).replace(LONE_SURROGATE, (c) => `\\u${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`);
  return `'${body}'`;
}

/** A backquoted name (a map key): backquotes doubled. */
const cypherName = (s: string) => `\`${s.replace(/`/g, '``')}\``;

function cypherNumber(n: number): string {
  if (Object.is(n, -0)) return '0';
  if (Number.isSafeInteger(n)) return String(n);
  // Cypher's float literals have no `+` in the exponent; integers past 2^53 are written as floats.
  const text = Number.isInteger(n) ? n.toExponential() : String(n);
  return text.replace('e+', 'e');
}

function cypherValue(v: PropertyValue): string {
  if (Array.isArray(v)) return `[${(v as (string | number | boolean)[]).map((x) => cypherValue(x)).join(', ')}]`;
  if (typeof v === 'string') return cypherString(v);
  if (typeof v === 'number') return cypherNumber(v);
  return v ? 'true' : 'false';
}

function cypherMap(p: Properties): string {
  return `{${Object.keys(p)
    .map((k) => `${cypherName(k)}: ${cypherValue(p[k]!)}`)
    .join(', ')}}`;
}

const SAFE_LABEL = /^BM_[A-Za-z0-9_]+$/;

function assertLabel(l: string): string {
  if (!SAFE_LABEL.test(l)) throw new Error(`not a Blastmap label: ${JSON.stringify(l)}`);
  return l;
}

function batches<T>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += CYPHER_BATCH) out.push(items.slice(i, i + CYPHER_BATCH));
  return out;
}

export function toCypher(a: Analysis): string {
  const g = engineGraph(a);
  const out: string[] = [
    `// Blastmap graph for Neo4j: ${g.nodes.length} nodes, ${g.edges.length} relationships. Run: cypher-shell -f blastmap.cypher`,
    '// Re-running it updates the same nodes and relationships (MERGE on node id and relationship key).',
    `CREATE CONSTRAINT bm_node_id IF NOT EXISTS FOR (n:${NODE_LABEL}) REQUIRE n.id IS UNIQUE;`,
  ];
  for (const nodes of groupBy(g.nodes, (n) => `${n.label};${n.categoryLabel}`).values()) {
    const labels = `${assertLabel(nodes[0]!.label)}:${assertLabel(nodes[0]!.categoryLabel)}`;
    for (const batch of batches(nodes)) {
      out.push(
        'UNWIND [',
        batch.map((n) => `{id: ${cypherString(n.id)}, props: ${cypherMap(n.properties)}}`).join(',\n'),
        '] AS row',
        `MERGE (n:${NODE_LABEL} {id: row.id})`,
        `SET n:${labels}, n += row.props;`,
      );
    }
  }
  for (const edges of groupBy(g.edges, (e) => e.type).values()) {
    const type = assertLabel(edges[0]!.type);
    for (const batch of batches(edges)) {
      out.push(
        'UNWIND [',
        batch.map((e) => `{s: ${cypherString(e.source)}, t: ${cypherString(e.target)}, key: ${cypherString(e.key)}, props: ${cypherMap(e.properties)}}`).join(',\n'),
        '] AS row',
        `MATCH (s:${NODE_LABEL} {id: row.s})`,
        `MATCH (t:${NODE_LABEL} {id: row.t})`,
        `MERGE (s)-[r:${type} {key: row.key}]->(t)`,
        'SET r += row.props;',
      );
    }
  }
  return out.join('\n') + '\n';
}
