/**
 * Scenarios over the Vault fixture tree (fixtures/vault): the files as the CLI reads them, with
 * one file changed (a JSON field, a line of a policy) to show that a finding goes away when one
 * of its conditions does. The caller lists the files (node:fs stays in the tests).
 */
import type { FileInput } from '../../../importers/import-file';
import { ImportSession } from '../../../graph/session';
import { analyze, type Analysis } from '../../../analysis/analysis';
import type { OidcStart } from '../../../federation';

export const AS_OF = Date.parse('2025-06-01T00:00:00Z');
export const GITHUB = 'token.actions.githubusercontent.com';

/**
 * A change to one file, found by the end of its path: JSON fields set by dotted path (undefined
 * deletes), a text edit, or the file left out.
 */
export type Edit = { set: Record<string, unknown> } | { text: (text: string) => string } | 'remove';

function setPath(doc: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split('.');
  let at: Record<string, unknown> = doc;
  for (const k of keys.slice(0, -1)) at = (at[k] ??= {}) as Record<string, unknown>;
  const last = keys[keys.length - 1]!;
  if (value === undefined) delete at[last];
  else at[last] = value;
}

export function edited(files: readonly FileInput[], edits: Record<string, Edit>): FileInput[] {
  const out: FileInput[] = [];
  for (const f of files) {
    const key = Object.keys(edits).find((k) => (f.path ?? f.name).replace(/\\/g, '/').endsWith(k));
    const e = key ? edits[key]! : undefined;
    if (e === 'remove') continue;
    if (!e) {
      out.push(f);
      continue;
    }
    let text: string;
    if ('set' in e) {
      const doc = JSON.parse(f.text) as Record<string, unknown>;
      for (const [path, value] of Object.entries(e.set)) setPath(doc, path, value);
      text = JSON.stringify(doc, null, 2);
    } else text = e.text(f.text);
    out.push({ ...f, text, bytes: text.length });
  }
  return out;
}

export async function analyzed(files: readonly FileInput[], starts: readonly OidcStart[] = []): Promise<Analysis> {
  const session = new ImportSession();
  const reports = session.addFiles(files);
  const bad = reports.filter((r) => r.status === 'rejected');
  if (bad.length) throw new Error(`rejected: ${bad.map((r) => r.errors.join('; ')).join(' | ')}`);
  return analyze(session.graph, { asOf: AS_OF, starts });
}

/** The edge of `kind` (and technique) from `source` to `target`, if drawn. */
export function edgeOf(a: Analysis, kind: string, source: string, target: string, technique?: string) {
  for (const k of a.graph.hasNode(source) ? a.graph.outEdges(source) : []) {
    const e = a.graph.getEdgeAttributes(k);
    if (e.kind === kind && a.graph.target(k) === target && (technique === undefined || e.attributes.technique === technique)) return e;
  }
  return undefined;
}
