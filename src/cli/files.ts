/**
 * Expanding the CLI's paths into files, and reading them. Paths and folder contents are untrusted:
 * a named pipe would block a read forever, a device never ends, a symlink can point at its own
 * folder. So every path is examined with lstat/stat before anything is opened, only regular files
 * are read, each problem is reported for its path, and the other files go on.
 */
import { closeSync, constants, fstatSync, lstatSync, openSync, readdirSync, readSync, statSync, type Stats } from 'node:fs';
import { join } from 'node:path';
import { MAX_FILE_BYTES, formatBytes } from '../core';
import { decodeText, detectEncoding } from '../core/io/decode';
import { skippedInFolders } from '../core/importers/folder-files';


/** A regular file to read (its size when examined), or a path that was skipped, and why. */
export type FoundPath = { path: string; bytes: number } | { path: string; problem: string };

/** Why an fs call failed, in the words the report uses. */
export function fsReason(e: unknown): string {
  const code = (e as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'ENOENT':
    case 'ENOTDIR':
      return 'no such file or folder';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'ELOOP':
      return 'symlink loop';
    case 'ENAMETOOLONG':
      return 'path too long';
    default:
      return `could not be read (${code ?? (e instanceof Error ? e.message : String(e))})`;
  }
}

function kindOf(st: Stats): string {
  if (st.isFIFO()) return 'named pipe';
  if (st.isSocket()) return 'socket';
  if (st.isCharacterDevice()) return 'character device';
  if (st.isBlockDevice()) return 'block device';
  return 'special file';
}

/** Every path given, folders walked recursively in a stable (sorted) order. */
export function expandPaths(paths: readonly string[]): FoundPath[] {
  const out: FoundPath[] = [];
  // Folders already walked, by device and inode: a symlink back to an ancestor is a loop, a second
  // link to a folder walked elsewhere is not walked twice.
  const walked = new Set<string>();
  for (const p of paths) visit(p, out, walked, new Set());
  return out;
}

function visit(path: string, out: FoundPath[], walked: Set<string>, ancestors: Set<string>): void {
  let st: Stats;
  try {
    st = lstatSync(path);
  } catch (e) {
    out.push({ path, problem: fsReason(e) });
    return;
  }
  if (st.isSymbolicLink()) {
    try {
      st = statSync(path);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      out.push({ path, problem: code === 'ENOENT' || code === 'ENOTDIR' ? 'dangling symlink' : fsReason(e) });
      return;
    }
  }
  if (st.isDirectory()) {
    const key = `${st.dev}:${st.ino}`;
    if (ancestors.has(key)) {
      out.push({ path, problem: 'symlink loop (links back to a folder it is in)' });
      return;
    }
    if (walked.has(key)) return;
    walked.add(key);
    let names: string[];
    try {
      names = readdirSync(path).sort();
    } catch (e) {
      out.push({ path, problem: fsReason(e) });
      return;
    }
    const inside = new Set(ancestors).add(key);
    for (const name of names) {
      // In folders, files that cannot be exports are skipped rather than reported as rejected.
      if (skippedInFolders(name)) continue;
      visit(join(path, name), out, walked, inside);
    }
  } else if (st.isFile()) out.push({ path, bytes: st.size });
  else out.push({ path, problem: `not a regular file (${kindOf(st)})` });
}

export type ReadResult = { bytes: Uint8Array } | { problem: string; tooLarge?: number };

/**
 * Open a path examined as a regular file, without following it into anything else: O_NONBLOCK so
 * that a file swapped for a named pipe since it was examined cannot block the open, then fstat on
 * the open descriptor, which is what is actually read.
 */
function openRegular(path: string): { fd: number; size: number } | { problem: string } {
  // Examined before it is opened: opening a device can have effects of its own (a tape rewinds).
  try {
    const st = statSync(path);
    if (st.isDirectory()) return { problem: 'is a folder' };
    if (!st.isFile()) return { problem: `not a regular file (${kindOf(st)})` };
  } catch (e) {
    return { problem: fsReason(e) };
  }
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0) | (constants.O_NOCTTY ?? 0));
  } catch (e) {
    return { problem: fsReason(e) };
  }
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) {
      closeSync(fd);
      return { problem: st.isDirectory() ? 'is a folder' : `not a regular file (${kindOf(st)})` };
    }
    return { fd, size: st.size };
  } catch (e) {
    closeSync(fd);
    return { problem: fsReason(e) };
  }
}

/**
 * A whole regular file, at most `limit` bytes. The size is checked before reading and again while
 * reading (a file that grows, or a /proc file that reports size 0, cannot exceed the limit).
 */
export function readRegularFile(path: string, limit = MAX_FILE_BYTES): ReadResult {
  const opened = openRegular(path);
  if ('problem' in opened) return opened;
  const { fd, size } = opened;
  try {
    if (size > limit) return { problem: tooLargeText(size, limit), tooLarge: size };
    const chunks: Buffer[] = [];
    let total = 0;
    // The first chunk holds the whole file as stat sized it, plus one byte to notice growth.
    let chunk = Buffer.allocUnsafe(Math.min(size, limit) + 1);
    for (;;) {
      let filled = 0;
      while (filled < chunk.length) {
        const n = readSync(fd, chunk, filled, chunk.length - filled, null);
        if (n === 0) break;
        filled += n;
      }
      chunks.push(chunk.subarray(0, filled));
      total += filled;
      if (total > limit) return { problem: tooLargeText(total, limit, true), tooLarge: total };
      if (filled < chunk.length) break;
      chunk = Buffer.allocUnsafe(1024 * 1024);
    }
    return { bytes: chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, total) };
  } catch (e) {
    return { problem: fsReason(e) };
  } finally {
    closeSync(fd);
  }
}

/** The first `bytes` of a regular file (for the session's prescan); undefined if it cannot be read. */
export function readHead(path: string, bytes: number): Uint8Array | undefined {
  const opened = openRegular(path);
  if ('problem' in opened) return undefined;
  try {
    const buf = Buffer.allocUnsafe(Math.min(bytes, opened.size));
    let filled = 0;
    while (filled < buf.length) {
      const n = readSync(opened.fd, buf, filled, buf.length - filled, null);
      if (n === 0) break;
      filled += n;
    }
    return buf.subarray(0, filled);
  } catch {
    return undefined;
  } finally {
    closeSync(opened.fd);
  }
}

function tooLargeText(bytes: number, limit: number, grew = false): string {
  return `file is too large (${grew ? 'at least ' : ''}${formatBytes(bytes)}); the limit is ${formatBytes(limit)} per file`;
}

/**
 * Bytes to text: UTF-8, UTF-16 or UTF-32 by BOM (PowerShell's `>` writes UTF-16), as the app does.
 * UTF-8 goes through Node's own decoder: the same text, invalid bytes becoming U+FFFD alike
 * (files.test.ts), but 70 ms for a 100 MB export where TextDecoder takes 50-340 ms.
 */
export function decodeFile(bytes: Uint8Array): string {
  const { encoding, bomLength } = detectEncoding(bytes);
  if (encoding !== 'utf-8') return decodeText(bytes);
  return Buffer.from(bytes.buffer, bytes.byteOffset + bomLength, bytes.byteLength - bomLength).toString('utf8');
}
