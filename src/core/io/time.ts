/**
 * Timestamps arrive in at least six shapes (see ../shared/docs/export-formats.md §0):
 * ISO `Z`, ISO with offset, Python `str(datetime)` with a space, local-zone ISO with
 * microseconds, epoch seconds as a number or string, and RFC3339 with nanoseconds.
 * All become UTC epoch milliseconds; anything else is `undefined` (the caller warns).
 *
 * Out-of-range values (`1e300`, month 99) are `undefined` too, never an Invalid Date: one bad
 * field must cost its record a warning, not throw (`toISOString` throws) and reject the file.
 */
const ISO = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i;

/** Years 0000 to 9999: what four-digit timestamps can say, with room left for date arithmetic. */
const MIN_MS = -62_167_219_200_000 - 86_400_000; // 0000-01-01T00:00:00Z (Date.UTC would read year 0 as 1900)
const MAX_MS = Date.UTC(9999, 11, 31, 23, 59, 59, 999) + 86_400_000;

export function parseTimestamp(x: unknown): number | undefined {
  if (typeof x === 'number') return Number.isFinite(x) ? inRange(epochToMs(x)) : undefined;
  if (typeof x !== 'string') return undefined;
  const s = x.trim();
  if (s.length > 64) return undefined;
  const fast = plainIso(s);
  if (fast !== undefined) return fast;
  if (/^\d{9,11}(\.\d+)?$/.test(s)) return inRange(epochToMs(Number(s)));
  if (/^\d{4}-\d{2}-\d{2}$/.test(s)) return calendar(+s.slice(0, 4), +s.slice(5, 7), +s.slice(8, 10), 0, 0, 0, 0);
  const m = ISO.exec(s);
  if (!m) return undefined;
  const [, y, mo, d, h, mi, sec, frac, zone] = m;
  const ms = frac ? Math.floor(Number(`0.${frac}`) * 1000) : 0;
  let t = calendar(+y!, +mo!, +d!, +h!, +mi!, sec ? +sec : 0, ms);
  if (t === undefined) return undefined;
  if (zone && zone.toUpperCase() !== 'Z') {
    const sign = zone[0] === '-' ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    const hours = +digits.slice(0, 2);
    const minutes = +digits.slice(2, 4);
    if (hours > 23 || minutes > 59) return undefined;
    t -= sign * (hours * 60 + minutes) * 60_000;
  }
  return inRange(t);
}

/**
 * `YYYY-MM-DDTHH:MM:SS` followed by `Z`, `+00:00` or nothing (UTC): the shape of nearly every
 * timestamp in a credential report or GAAD, read without a RegExp or any allocation (100,000-row
 * reports hold several per row). Anything else is left to the general reader.
 */
function plainIso(s: string): number | undefined {
  if (!isPlainIso(s)) return undefined;
  return calendar(digits(s, 0, 4), digits(s, 5, 7), digits(s, 8, 10), digits(s, 11, 13), digits(s, 14, 16), digits(s, 17, 19), 0);
}

/** The plain shape of `plainIso`: separators in place, digits between them, a UTC tail. */
function isPlainIso(s: string): boolean {
  const n = s.length;
  if (n === 20 ? s.charCodeAt(19) !== 90 /* Z */ : n === 25 ? !s.endsWith('+00:00') : n !== 19) return false;
  const sep = s.charCodeAt(10);
  if (s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45 || (sep !== 84 && sep !== 32) || s.charCodeAt(13) !== 58 || s.charCodeAt(16) !== 58) return false;
  for (let i = 0; i < 19; i++) {
    if (i === 4 || i === 7 || i === 10 || i === 13 || i === 16) continue;
    const d = s.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return false;
  }
  return true;
}

/** The decimal number written in `s` from `from` to `to` (digits checked by the caller). */
function digits(s: string, from: number, to: number): number {
  let v = 0;
  for (let i = from; i < to; i++) v = v * 10 + s.charCodeAt(i) - 48;
  return v;
}

/**
 * `toIso(parseTimestamp(x))`. A plain UTC timestamp that needs no carrying (no leap second, no
 * 24:00) is already its ISO text but for the separator and milliseconds: written from its own
 * digits rather than through a Date (the `toISOString` call per value was a tenth of a GAAD import).
 */
export function isoTimestamp(x: unknown): string | undefined {
  if (typeof x === 'string' && isPlainIso(x) && plainIso(x) !== undefined && digits(x, 11, 13) < 24 && digits(x, 17, 19) < 60) {
    return x.charCodeAt(10) === 84 ? `${x.slice(0, 19)}.000Z` : `${x.slice(0, 10)}T${x.slice(11, 19)}.000Z`;
  }
  return toIso(parseTimestamp(x));
}

/** A calendar date and time that exists (no month 13, no 31 April, no 25 o'clock), as UTC ms. */
function calendar(y: number, mo: number, d: number, h: number, mi: number, s: number, ms: number): number | undefined {
  // A leap second (:60) is read as the next second, and 24:00 as the next midnight, as Date.UTC does.
  if (mo < 1 || mo > 12 || d < 1 || mi > 59 || s > 60 || h > 24 || (h === 24 && mi + s + ms > 0)) return undefined;
  if (d > (mo === 2 && leap(y) ? 29 : DAYS_IN_MONTH[mo - 1]!)) return undefined;
  const t = Date.UTC(y, mo - 1, d, h, mi, s, ms);
  if (y >= 100) return inRange(t);
  // Date.UTC reads years 0-99 as 1900-1999; setUTCFullYear does not.
  const date = new Date(t);
  date.setUTCFullYear(y);
  return inRange(date.getTime());
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

const leap = (y: number): boolean => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;

const inRange = (t: number): number | undefined => (Number.isFinite(t) && t >= MIN_MS && t <= MAX_MS ? t : undefined);

/** Epoch seconds (AWS CLI v1 JSON-protocol services) vs milliseconds. */
function epochToMs(n: number): number {
  return n < 1e11 ? Math.round(n * 1000) : Math.round(n);
}

/** ISO text of epoch ms; undefined for what no Date can show (rather than throwing). */
export function toIso(ms: number | undefined): string | undefined {
  return ms === undefined || !Number.isFinite(ms) || Math.abs(ms) > 8.64e15 ? undefined : new Date(ms).toISOString();
}
