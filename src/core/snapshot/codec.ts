/**
 * Snapshot bytes: JSON, gzipped or not (fflate). Reading is bounded: a gzip bomb (a few kilobytes
 * that inflate to gigabytes) is stopped at the size limit rather than filling memory.
 */
import { Gunzip, gzipSync, strFromU8, strToU8 } from 'fflate';

/** The most a snapshot may inflate to (the import's own file limit is 512 MB). */
export const MAX_SNAPSHOT_BYTES = 512 * 1024 * 1024;

export const isGzip = (bytes: Uint8Array): boolean => bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;

export function encodeSnapshot(snapshot: object, gzip: boolean): Uint8Array {
  const bytes = strToU8(JSON.stringify(snapshot));
  return gzip ? gzipSync(bytes, { level: 6, mtime: 0 }) : bytes;
}

/** Inflate gzip bytes, refusing beyond `limit`. */
export function gunzipBounded(bytes: Uint8Array, limit = MAX_SNAPSHOT_BYTES): { bytes: Uint8Array } | { error: string } {
  const chunks: Uint8Array[] = [];
  let total = 0;
  let over = false;
  const g = new Gunzip((chunk) => {
    total += chunk.length;
    if (total > limit) over = true;
    else chunks.push(chunk);
  });
  try {
    // Fed in slices so that inflating stops soon after the limit is passed.
    const STEP = 64 * 1024;
    for (let i = 0; i < bytes.length && !over; i += STEP) g.push(bytes.subarray(i, Math.min(bytes.length, i + STEP)), i + STEP >= bytes.length);
  } catch (e) {
    return { error: `not a valid gzip stream (${e instanceof Error ? e.message : String(e)})` };
  }
  if (over) return { error: `it inflates to more than ${Math.round(limit / 1024 / 1024)} MB` };
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return { bytes: out };
}

export const textOf = (bytes: Uint8Array): string => strFromU8(bytes);
