/**
 * Timestamps arrive in at least six shapes (see ../shared/docs/export-formats.md §0):
 * ISO `Z`, ISO with offset, Python `str(datetime)` with a space, local-zone ISO with
 * microseconds, epoch seconds as a number or string, and RFC3339 with nanoseconds.
 * All become UTC epoch milliseconds; anything else is `undefined` (the caller warns).
 */
const ISO = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i;

export function parseTimestamp(x: unknown): number | undefined {
  if (typeof x === 'number') return Number.isFinite(x) ? epochToMs(x) : undefined;
  if (typeof x !== 'string') return undefined;
  const s = x.trim();
  if (/^\d{9,11}(\.\d+)?$/.test(s)) return epochToMs(Number(s));
  if (/^\d{4}-\d{2}-\d{2}$/.test(s)) return Date.UTC(+s.slice(0, 4), +s.slice(5, 7) - 1, +s.slice(8, 10));
  const m = ISO.exec(s);
  if (!m) return undefined;
  const [, y, mo, d, h, mi, sec, frac, zone] = m;
  const ms = frac ? Math.floor(Number(`0.${frac}`) * 1000) : 0;
  let t = Date.UTC(+y!, +mo! - 1, +d!, +h!, +mi!, sec ? +sec : 0, ms);
  if (zone && zone.toUpperCase() !== 'Z') {
    const sign = zone[0] === '-' ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    t -= sign * (+digits.slice(0, 2) * 60 + +digits.slice(2, 4)) * 60_000;
  }
  return Number.isFinite(t) ? t : undefined;
}

/** Epoch seconds (AWS CLI v1 JSON-protocol services) vs milliseconds. */
function epochToMs(n: number): number {
  return n < 1e11 ? Math.round(n * 1000) : Math.round(n);
}

export function toIso(ms: number | undefined): string | undefined {
  return ms === undefined ? undefined : new Date(ms).toISOString();
}
