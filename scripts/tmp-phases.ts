import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { decodeFile } from '../src/cli/files';
import { importFile, prescanFacts } from '../src/core/importers/import-file';
import { createGraph } from '../src/core/graph/graph';
import { mergeFragment, resolveNameRefs } from '../src/core/graph/merge';
import { readJsonDocuments } from '../src/core/io/json-documents';
import { cleanParsed } from '../src/core/io/clean';
const paths = process.argv.slice(2);
const T: Record<string, number> = {};
const t = <X>(k: string, f: () => X): X => { const s = performance.now(); const v = f(); T[k] = (T[k] ?? 0) + performance.now() - s; return v; };
const graph = createGraph();
const refs: any[] = [];
for (const p of paths) {
  const bytes = t('read', () => readFileSync(p));
  const text = t('decode', () => decodeFile(bytes));
  t('sha', () => createHash('sha256').update(bytes).digest('hex'));
  t('jsonparse', () => JSON.parse(text));
  t('readJsonDocs', () => readJsonDocuments(text));
  t('cleanParsed', () => cleanParsed(JSON.parse(text), 512, ''));
  t('prescan', () => prescanFacts([{ name: p, text }], new Map()));
  const r = t('importFile', () => importFile({ name: p, text, bytes: bytes.length }, undefined, new Map()));
  t('merge', () => mergeFragment(graph, r.fragment));
  for (const x of r.fragment.nameRefs) refs.push(x);
}
t('resolve', () => resolveNameRefs(graph, refs));
console.log(JSON.stringify(Object.fromEntries(Object.entries(T).map(([k, v]) => [k, Math.round(v)]))));
