/** A snapshot from bytes: gzipped or not, UTF-8 JSON, checked (read.ts). */
import { gunzipBounded, isGzip, textOf } from './codec';
import { looksLikeSnapshot, readSnapshot, type SnapshotRead } from './read';

/**
 * Whether a file's first bytes say "snapshot": gzip (no export Blastmap reads is gzipped) or JSON
 * that starts with the snapshot's format field.
 */
export function isSnapshotHead(head: Uint8Array): boolean {
  if (isGzip(head)) return true;
  return looksLikeSnapshot(textOf(head.subarray(0, 256)).replace(/^\uFEFF/, ''));
}

export function openSnapshot(bytes: Uint8Array): SnapshotRead {
  let raw = bytes;
  if (isGzip(bytes)) {
    const inflated = gunzipBounded(bytes);
    if ('error' in inflated) return { error: `a gzip file that is not a usable snapshot: ${inflated.error}` };
    raw = inflated.bytes;
  }
  return readSnapshot(textOf(raw).replace(/^\uFEFF/, ''));
}
