/**
 * Small helpers the diff, the what-if and the remediation plan share: an order that does not
 * depend on the locale, short names for ids, JSON with sorted keys for comparing attributes.
 */
import type { BlastGraph } from '../graph/graph';

/** Code-unit order: the same on every machine and locale (localeCompare is not). */
export const byText = (x: string, y: string): number => (x < y ? -1 : x > y ? 1 : 0);

/** Sorted copy of a list of strings, duplicates removed. */
export const sortedUnique = (xs: Iterable<string>): string[] => [...new Set(xs)].sort(byText);

const ARN_RESOURCE = /^arn:[^:]*:[^:]*:[^:]*:[^:]*:([\s\S]+)$/;

/**
 * A short, still exact-enough name for messages: an ARN's resource part (`role/ci-deployer`,
 * `user/service/svc-jenkins-deploy`), else the node's name, else the id.
 */
export function shortName(graph: BlastGraph | undefined, id: string): string {
  const m = ARN_RESOURCE.exec(id);
  if (m) return m[1]!;
  if (graph?.hasNode(id)) return graph.getNodeAttribute(id, 'name') || id;
  return id;
}

/** A node's name in whichever graph still has it. */
export function nameIn(graphs: readonly (BlastGraph | undefined)[], id: string): string {
  for (const g of graphs) if (g?.hasNode(id)) return g.getNodeAttribute(id, 'name') || id;
  return id;
}

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Where a value was read (file names differ between two exports of one account): not compared. */
const PROVENANCE = new Set(['file', 'sourceFile', 'configFile', 'describedIn', 'describedAt']);

/**
 * JSON with every object's keys sorted: equal values give equal text whatever order their keys
 * were written in. With `withoutProvenance`, where a value was read is left out at every depth
 * (file names, and the location beside a file name). (Stored values were cut to a safe depth at
 * import: JSON.stringify's own recursion is the bound.)
 */
export function stableJson(value: unknown, withoutProvenance = false): string {
  return (
    JSON.stringify(value, (_k, v: unknown) => {
      if (!isPlainObject(v)) return v;
      const evidence = withoutProvenance && Object.prototype.hasOwnProperty.call(v, 'file');
      const keys = Object.keys(v).filter((k) => !(withoutProvenance && (PROVENANCE.has(k) || (evidence && k === 'location'))));
      // Object.fromEntries defines own properties: a `__proto__` key stays a plain key.
      return Object.fromEntries(keys.sort(byText).map((k) => [k, v[k]]));
    }) ?? 'undefined'
  );
}

/** Keys of two attribute records whose values differ (stable JSON, provenance left out), `ignore` left out. */
export function changedKeys(before: Record<string, unknown>, after: Record<string, unknown>, ignore: ReadonlySet<string>): string[] {
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  const out: string[] = [];
  for (const k of keys) {
    if (ignore.has(k) || PROVENANCE.has(k)) continue;
    const x = Object.prototype.hasOwnProperty.call(before, k) ? before[k] : undefined;
    const y = Object.prototype.hasOwnProperty.call(after, k) ? after[k] : undefined;
    if (x === y) continue;
    if (stableJson(x, true) !== stableJson(y, true)) out.push(k);
  }
  return out.sort(byText);
}

/** The statement index an evidence location names (`...Statement[3]`), if it names one. */
export function statementIndexOf(location: string): number | undefined {
  const m = /Statement\[(\d+)\]$/.exec(location);
  return m ? Number(m[1]) : undefined;
}
