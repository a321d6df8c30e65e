/**
 * The public corpus lives in ../shared/fixtures/public (read in place, never copied). Where it is
 * absent, tests that need it are skipped and say so once, loudly.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import type { FileInput } from '../importers/import-file';

export const PUBLIC_CORPUS = resolve(__dirname, '../../../../shared/fixtures/public');
export const hasPublicCorpus = existsSync(PUBLIC_CORPUS);

if (!hasPublicCorpus) {
  console.warn(`\n*** NOTICE: public export corpus not found at ${PUBLIC_CORPUS}; tests over real exports are SKIPPED ***\n`);
}

export function publicFile(rel: string): FileInput {
  const path = resolve(PUBLIC_CORPUS, rel);
  return { name: basename(path), path, text: readFileSync(path, 'utf8'), bytes: statSync(path).size };
}

export const REPO_FIXTURES = resolve(__dirname, '../../../fixtures');

export function repoFile(rel: string): FileInput {
  const path = resolve(REPO_FIXTURES, rel);
  return { name: basename(path), path, text: readFileSync(path, 'utf8'), bytes: statSync(path).size };
}

export const textFile = (name: string, text: string): FileInput => ({ name, path: name, text, bytes: text.length });

/** The built-in demo's exports (public/demo, written by scripts/make-demo.mjs), as the app loads them. */
export function demoFiles(): FileInput[] {
  const root = resolve(__dirname, '../../../public');
  const manifest = JSON.parse(readFileSync(resolve(root, 'demo.json'), 'utf8')) as { files: string[] };
  return manifest.files.map((f) => {
    const path = resolve(root, 'demo', f);
    return { name: f, path, text: readFileSync(path, 'utf8'), bytes: statSync(path).size };
  });
}
