/**
 * Read a snapshot (format.ts) from text, checking every field it uses: a snapshot is as
 * attacker-controlled as any export. A problem rejects the snapshot with a message naming the
 * place (`graph.edges[12].source: names no node`); nothing of it is loaded then. Versions older
 * than the current one are migrated here; newer ones are refused with the reason.
 */
import { isRecord } from '../io/safe-object';
import { limitDepth, MAX_DATA_DEPTH } from '../io/depth';
import { scrubSecrets } from '../io/scrub-secrets';
import { parseChanges } from '../diff/changes';
import type { FileReport, NameRef } from '../model/fragment';
import type { Evidence } from '../model/types';
import { SNAPSHOT_FORMAT, SNAPSHOT_VERSION, type BlastmapSnapshot, type SnapshotEdgeRecord, type SnapshotNodeRecord, type SnapshotWorkspace } from './format';

export type SnapshotRead = { snapshot: BlastmapSnapshot; notes: string[]; droppedSecrets: number } | { error: string };

/** Whether a text begins like a Blastmap snapshot (cheap; for format detection). */
export function looksLikeSnapshot(head: string): boolean {
  return /^\s*\{\s*"format"\s*:\s*"blastmap\.snapshot"/.test(head);
}

class Invalid extends Error {}
const fail = (where: string, what: string): never => {
  throw new Invalid(`${where}: ${what}`);
};
const str = (v: unknown, where: string): string => (typeof v === 'string' ? v : fail(where, 'not a string'));
const optStr = (v: unknown, where: string): string | undefined => (v === undefined ? undefined : str(v, where));
const arr = (v: unknown, where: string): unknown[] => (Array.isArray(v) ? v : fail(where, 'not a list'));
const rec = (v: unknown, where: string): Record<string, unknown> => (isRecord(v) ? v : fail(where, 'not an object'));
const strings = (v: unknown, where: string): string[] => arr(v, where).map((x, i) => str(x, `${where}[${i}]`));
const own = (o: Record<string, unknown>, k: string): unknown => (Object.prototype.hasOwnProperty.call(o, k) ? o[k] : undefined);

function evidence(v: unknown, where: string): Evidence {
  const e = rec(v, where);
  const out: Evidence = { file: str(own(e, 'file'), `${where}.file`), location: str(own(e, 'location'), `${where}.location`) };
  for (const k of ['policy', 'statement', 'condition', 'note'] as const) {
    const x = optStr(own(e, k), `${where}.${k}`);
    if (x !== undefined) out[k] = x;
  }
  return out;
}

function fileReport(v: unknown, where: string): FileReport {
  const f = rec(v, where);
  const status = str(own(f, 'status'), `${where}.status`);
  if (status !== 'imported' && status !== 'partial' && status !== 'rejected') fail(`${where}.status`, `"${status.slice(0, 40)}" is not imported, partial or rejected`);
  const counts = rec(own(f, 'counts') ?? {}, `${where}.counts`);
  for (const [k, n] of Object.entries(counts)) if (typeof n !== 'number') fail(`${where}.counts.${k}`, 'not a number');
  const num = (k: string) => (typeof own(f, k) === 'number' ? (own(f, k) as number) : fail(`${where}.${k}`, 'not a number'));
  return {
    ...(f as unknown as FileReport),
    file: str(own(f, 'file'), `${where}.file`),
    format: str(own(f, 'format'), `${where}.format`),
    formatLabel: str(own(f, 'formatLabel'), `${where}.formatLabel`),
    status,
    counts: counts as Record<string, number>,
    warnings: strings(own(f, 'warnings') ?? [], `${where}.warnings`),
    errors: strings(own(f, 'errors') ?? [], `${where}.errors`),
    notes: strings(own(f, 'notes') ?? [], `${where}.notes`),
    bytes: num('bytes'),
    droppedSecrets: num('droppedSecrets'),
  } as FileReport;
}

function workspace(v: unknown): SnapshotWorkspace {
  const w = rec(v ?? {}, 'workspace');
  const out: SnapshotWorkspace = {};
  const name = optStr(own(w, 'name'), 'workspace.name');
  if (name !== undefined) out.name = name;
  for (const k of ['crownJewels', 'jewelRules', 'breached'] as const) if (own(w, k) !== undefined) out[k] = strings(own(w, k), `workspace.${k}`);
  if (own(w, 'mappings') !== undefined)
    out.mappings = arr(own(w, 'mappings'), 'workspace.mappings').map((m, i) => {
      const r = rec(m, `workspace.mappings[${i}]`);
      const note = optStr(own(r, 'note'), `workspace.mappings[${i}].note`);
      return { secret: str(own(r, 'secret'), `workspace.mappings[${i}].secret`), identity: str(own(r, 'identity'), `workspace.mappings[${i}].identity`), ...(note !== undefined ? { note } : {}) };
    });
  if (own(w, 'starts') !== undefined)
    out.starts = arr(own(w, 'starts'), 'workspace.starts').map((m, i) => {
      const r = rec(m, `workspace.starts[${i}]`);
      const audience = optStr(own(r, 'audience'), `workspace.starts[${i}].audience`);
      return { issuer: str(own(r, 'issuer'), `workspace.starts[${i}].issuer`), subject: str(own(r, 'subject'), `workspace.starts[${i}].subject`), ...(audience !== undefined ? { audience } : {}) };
    });
  if (own(w, 'clusterNames') !== undefined) {
    const c = rec(own(w, 'clusterNames'), 'workspace.clusterNames');
    const names: Record<string, string> = Object.create(null) as Record<string, string>;
    for (const [k, x] of Object.entries(c)) names[k] = str(x, `workspace.clusterNames.${k}`);
    out.clusterNames = names;
  }
  if (own(w, 'risk') !== undefined) {
    const r = rec(own(w, 'risk'), 'workspace.risk');
    const risk: NonNullable<SnapshotWorkspace['risk']> = {};
    for (const k of ['staleDays', 'veryOldDays', 'manyReaders'] as const) {
      const n = own(r, k);
      if (n === undefined) continue;
      if (typeof n !== 'number' || !Number.isInteger(n) || n < 0 || n > 1e6) fail(`workspace.risk.${k}`, 'not a whole number of days (0 to 1,000,000)');
      risk[k] = n as number;
    }
    if (own(r, 'ownerKeys') !== undefined) risk.ownerKeys = strings(own(r, 'ownerKeys'), 'workspace.risk.ownerKeys');
    if (own(r, 'overrides') !== undefined) {
      const o = rec(own(r, 'overrides'), 'workspace.risk.overrides');
      const overrides: Record<string, 'human' | 'non-human'> = Object.create(null) as Record<string, 'human' | 'non-human'>;
      for (const [k, x] of Object.entries(o)) overrides[k] = x === 'human' || x === 'non-human' ? x : fail(`workspace.risk.overrides.${k}`, 'not "human" or "non-human"');
      risk.overrides = overrides;
    }
    out.risk = risk;
  }
  if (own(w, 'changes') !== undefined) {
    const parsed = parseChanges(own(w, 'changes'));
    if (parsed.problems.length) fail('workspace.changes', parsed.problems[0]!);
    out.changes = parsed.changes;
  }
  for (const k of ['asOfOverride', 'importedAt'] as const) {
    const n = own(w, k);
    if (n === undefined) continue;
    if (typeof n !== 'number' || !Number.isFinite(n) || Number.isNaN(new Date(n).getTime())) fail(`workspace.${k}`, 'not a time (epoch milliseconds)');
    out[k] = n as number;
  }
  return out;
}

/** Parse and check a snapshot's text. */
export function readSnapshot(text: string): SnapshotRead {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    return { error: `not valid JSON (${e instanceof Error ? e.message : String(e)}): the snapshot is truncated or corrupt` };
  }
  try {
    const d = rec(doc, 'the snapshot');
    if (own(d, 'format') !== SNAPSHOT_FORMAT) return { error: `not a Blastmap snapshot (its "format" is not "${SNAPSHOT_FORMAT}")` };
    const version = own(d, 'version');
    if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) return { error: 'its "version" is not a snapshot format version' };
    if (version > SNAPSHOT_VERSION) return { error: `it was written in snapshot format version ${version} by Blastmap ${String(own(d, 'blastmapVersion') ?? '(unknown)').slice(0, 40)}; this Blastmap reads versions up to ${SNAPSHOT_VERSION}: open it with a newer Blastmap` };
    // (Version 1 is the first: older versions would be migrated to the current shape here.)
    const cut = limitDepth(doc, MAX_DATA_DEPTH + 8);
    if (cut.count) return { error: `nested deeper than ${MAX_DATA_DEPTH + 8} levels at ${cut.places[0]}: no snapshot Blastmap writes nests so deep` };
    const notes: string[] = [];
    // A snapshot holds no secret values; a crafted one may: they are dropped as on any import.
    const scrub = scrubSecrets(own(d, 'graph'), 'graph');
    if (scrub.dropped) notes.push(`${scrub.dropped} secret value(s) found in the snapshot were dropped (a Blastmap snapshot never holds any: was it edited?)`);
    const g = rec(own(d, 'graph'), 'graph');
    const ids = new Set<string>();
    const nodes: SnapshotNodeRecord[] = arr(own(g, 'nodes'), 'graph.nodes').map((v, i) => {
      const w = `graph.nodes[${i}]`;
      const n = rec(v, w);
      const id = str(own(n, 'id'), `${w}.id`);
      if (ids.has(id)) fail(`${w}.id`, `"${id.slice(0, 80)}" appears twice`);
      ids.add(id);
      const account = optStr(own(n, 'account'), `${w}.account`);
      const placeholder = own(n, 'placeholder');
      if (typeof placeholder !== 'boolean') fail(`${w}.placeholder`, 'not true or false');
      return { id, kind: str(own(n, 'kind'), `${w}.kind`), provider: str(own(n, 'provider'), `${w}.provider`), name: str(own(n, 'name'), `${w}.name`), ...(account !== undefined ? { account } : {}), placeholder: placeholder as boolean, attributes: rec(own(n, 'attributes'), `${w}.attributes`) };
    });
    const keys = new Set<string>();
    const edges: SnapshotEdgeRecord[] = arr(own(g, 'edges'), 'graph.edges').map((v, i) => {
      const w = `graph.edges[${i}]`;
      const e = rec(v, w);
      const key = str(own(e, 'key'), `${w}.key`);
      if (keys.has(key)) fail(`${w}.key`, `"${key.slice(0, 80)}" appears twice`);
      keys.add(key);
      const source = str(own(e, 'source'), `${w}.source`);
      const target = str(own(e, 'target'), `${w}.target`);
      if (!ids.has(source)) fail(`${w}.source`, `"${source.slice(0, 80)}" names no node of the snapshot`);
      if (!ids.has(target)) fail(`${w}.target`, `"${target.slice(0, 80)}" names no node of the snapshot`);
      return { key, kind: str(own(e, 'kind'), `${w}.kind`), source, target, attributes: rec(own(e, 'attributes'), `${w}.attributes`), evidence: arr(own(e, 'evidence'), `${w}.evidence`).map((x, j) => evidence(x, `${w}.evidence[${j}]`)) };
    });
    const files = arr(own(d, 'files'), 'files').map((f, i) => fileReport(f, `files[${i}]`));
    const nameRefs: NameRef[] = arr(own(d, 'nameRefs') ?? [], 'nameRefs').map((v, i) => {
      const w = `nameRefs[${i}]`;
      const r = rec(v, w);
      const kind = own(r, 'targetKind');
      if (kind !== 'group' && kind !== 'user') fail(`${w}.targetKind`, 'not "group" or "user"');
      return { edge: str(own(r, 'edge'), `${w}.edge`), from: str(own(r, 'from'), `${w}.from`), targetKind: kind as 'group' | 'user', account: optStr(own(r, 'account'), `${w}.account`), name: str(own(r, 'name'), `${w}.name`), evidence: evidence(own(r, 'evidence'), `${w}.evidence`) };
    });
    const facts = arr(own(d, 'facts') ?? [], 'facts').map((v, i): [string, string[]] => {
      const pair = arr(v, `facts[${i}]`);
      return [str(pair[0], `facts[${i}][0]`), strings(pair[1], `facts[${i}][1]`)];
    });
    const asOf = str(own(d, 'asOf'), 'asOf');
    if (Number.isNaN(Date.parse(asOf))) fail('asOf', 'not a time');
    const snapshot: BlastmapSnapshot = {
      format: SNAPSHOT_FORMAT,
      version: SNAPSHOT_VERSION,
      blastmapVersion: str(own(d, 'blastmapVersion'), 'blastmapVersion'),
      createdAt: str(own(d, 'createdAt'), 'createdAt'),
      asOf,
      files,
      warnings: strings(own(d, 'warnings') ?? [], 'warnings'),
      facts,
      nameRefs,
      graph: { nodes, edges },
      workspace: workspace(own(d, 'workspace')),
      // Results are for readers: Blastmap recomputes them and does not read these back.
    };
    return { snapshot, notes, droppedSecrets: scrub.dropped };
  } catch (e) {
    if (e instanceof Invalid) return { error: e.message };
    throw e;
  }
}
