/** Expanding the CLI's paths into files; folders are walked recursively in a stable order. */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** In folders, files that cannot be exports are skipped rather than reported as rejected. */
const NOT_EXPORTS = /\.(md|txt|hcl|png|jpe?g|gif|svg|pdf|html?|js|ts|py|sh|gz|zip|LICENSE)$/i;
const NOT_EXPORT_NAMES = new Set(['LICENSE', 'NOTICE', 'README', '.DS_Store']);

export interface FoundFile {
  path: string;
  bytes: number;
}

export function expandPaths(paths: readonly string[]): { files: FoundFile[]; missing: string[] } {
  const files: FoundFile[] = [];
  const missing: string[] = [];
  for (const p of paths) {
    let st;
    try {
      st = statSync(p);
    } catch {
      missing.push(p);
      continue;
    }
    if (st.isDirectory()) walk(p, files);
    else files.push({ path: p, bytes: st.size });
  }
  return { files, missing };
}

function walk(dir: string, out: FoundFile[]): void {
  for (const name of readdirSync(dir).sort()) {
    if (name.startsWith('.') || NOT_EXPORT_NAMES.has(name) || NOT_EXPORTS.test(name)) continue;
    const full = join(dir, name);
    const st = statSync(full);
    if (st.isDirectory()) walk(full, out);
    else if (st.isFile()) out.push({ path: full, bytes: st.size });
  }
}
