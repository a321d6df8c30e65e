/**
 * The analysis date ("as of"): every judgement of age (credential age, last use, rotation due,
 * expiry, dormancy, `aws:CurrentTime`) is made against it, never against the clock, so an export
 * tells the same story whenever it is opened and two snapshots compare like with like.
 *
 * The core never reads the clock. Its default comes from the exports themselves; the host (worker
 * or CLI) passes the import time, the only "now" anyone asks for, as the last resort.
 */
import type { FileReport } from './fragment';
import type { BlastGraph } from '../graph/graph';

export type AsOfSource = 'analyst' | 'export' | 'newest-timestamp' | 'import-time';

export interface AsOf {
  /** ISO 8601, UTC. */
  time: string;
  ms: number;
  source: AsOfSource;
  /** Where it came from, in words an analyst reads (shown beside the date). */
  detail: string;
}

/**
 * Node attributes that record something that already happened (never a date set for the future,
 * such as `nextRotation` or `validUntil`): the newest of them is when the export was taken.
 */
export const EVENT_TIME_KEYS: readonly string[] = ['created', 'updated', 'lastUsed', 'passwordLastUsed', 'lastRotated', 'lastChanged', 'lastAccessed', 'launched', 'lastModified', 'lastPing'];

const DAY_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/i;

/**
 * `YYYY-MM-DD` (the end of that day, UTC: everything that happened that day counts) or a full ISO
 * time with a zone. Anything else is an error message naming what is expected.
 */
export function parseAsOf(text: string): { ms: number } | { error: string } {
  const s = text.trim();
  let ms = NaN;
  if (DAY_ONLY.test(s)) ms = Date.parse(`${s}T23:59:59.999Z`);
  else if (ISO_TIME.test(s)) ms = Date.parse(s);
  if (Number.isNaN(ms) || (DAY_ONLY.test(s) && new Date(ms).toISOString().slice(0, 10) !== s)) {
    return { error: `"${s.slice(0, 40)}" is not a date: give YYYY-MM-DD or a full ISO time such as 2026-11-22T08:00:00Z` };
  }
  return { ms };
}

export function asOfFrom(ms: number, source: AsOfSource, detail: string): AsOf {
  return { time: new Date(ms).toISOString(), ms, source, detail };
}

/**
 * The default analysis date: the newest generation time an export states (the credential report's
 * `GeneratedTime`), else the newest past-event timestamp in the graph that is not after the import,
 * else the import time. One pass over the nodes.
 */
export function defaultAsOf(files: readonly FileReport[], graph: BlastGraph, importTime: number): AsOf {
  let generated: FileReport | undefined;
  for (const f of files) {
    const t = f.generatedAt ? Date.parse(f.generatedAt) : NaN;
    if (Number.isNaN(t) || t > importTime) continue;
    if (!generated || t > Date.parse(generated.generatedAt!)) generated = f;
  }
  if (generated) return asOfFrom(Date.parse(generated.generatedAt!), 'export', `${generated.generatedBy ?? 'generation time'} of ${generated.file}`);

  let newest = -Infinity;
  let where = '';
  graph.forEachNode((id, a) => {
    if (a.placeholder) return;
    for (const key of EVENT_TIME_KEYS) {
      const v = a.attributes[key];
      if (typeof v !== 'string') continue;
      const t = Date.parse(v);
      if (t > newest && t <= importTime) {
        newest = t;
        where = `${key} of ${a.name || id}`;
      }
    }
  });
  if (newest > -Infinity) return asOfFrom(newest, 'newest-timestamp', `newest timestamp in the exports (${where})`);
  return asOfFrom(importTime, 'import-time', 'the time the files were imported (the exports carry no date)');
}

export const DAY_MS = 86_400_000;

/** Whole days from `ms` to the as-of date (negative when `ms` is after it). */
export function daysBefore(asOf: number, ms: number): number {
  return Math.floor((asOf - ms) / DAY_MS);
}
