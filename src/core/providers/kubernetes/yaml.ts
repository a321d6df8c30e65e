/**
 * Safe YAML for Kubernetes exports (`kubectl get -o yaml`, manifests, the aws-auth ConfigMap's
 * `mapRoles` strings). Export files are hostile until proven otherwise, and YAML has three ways
 * to hurt a reader that JSON has not:
 * - aliases: js-yaml shares one object per anchor, so a "billion laughs" document is small once
 *   loaded but explodes when walked (and an anchor can even contain itself: a cycle). Converting
 *   to plain values therefore runs on a budget proportional to the text's size, and refuses the
 *   file when aliases expand past it;
 * - nesting: the parser refuses more than MAX_DEPTH levels;
 * - tags: only the core schema is loaded (no `!!js/function`, no `!!binary`, no merge keys), so
 *   loading never constructs anything but strings, numbers, booleans, null, lists and maps.
 * The plain values are fresh objects built with own data properties (a `__proto__` key stays a
 * key). Documents are split at `---` markers and parsed one by one, so a broken document costs
 * only itself.
 */
import { load } from 'js-yaml';
import { isRecord, setOwn } from '../../io/safe-object';

/** Larger YAML is refused: the parser holds every event of the text in memory. */
export const MAX_YAML_CHARS = 64 * 1024 * 1024;
/** Kubernetes objects nest about 15 levels (CRD schemas more); 64 leaves room and stops abuse. */
export const MAX_YAML_DEPTH = 64;
const MAX_ALIASES = 10_000;

/** A whole-file refusal: the reader turns it into RejectFile with the file's name. */
export class YamlRefused extends Error {}

export interface YamlDocument {
  value: unknown;
  /** 1-based line where the document starts. */
  line: number;
}

export interface YamlRead {
  docs: YamlDocument[];
  /** Documents that are not valid YAML, with where and why (the others were read). */
  errors: string[];
}

interface Chunk {
  text: string;
  line: number;
}

/** Split at document markers: a `---` at the start of a line always starts a document. */
function splitDocuments(text: string): Chunk[] {
  const chunks: Chunk[] = [];
  const marker = /^---(?=[ \t\r\n]|$)/gm;
  let start = 0;
  let startLine = 1;
  let line = 1;
  let scanned = 0;
  const lineAt = (offset: number) => {
    for (let i = text.indexOf('\n', scanned); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) line++;
    scanned = offset;
    return line;
  };
  for (let m = marker.exec(text); m; m = marker.exec(text)) {
    if (m.index > start) chunks.push({ text: text.slice(start, m.index), line: startLine });
    start = m.index;
    startLine = lineAt(m.index);
  }
  chunks.push({ text: text.slice(start), line: startLine });
  return chunks.filter((c) => c.text.replace(/^---/, '').replace(/#[^\n]*/g, '').trim() !== '');
}

function reasonOf(e: unknown, lineOffset: number): string {
  const err = e as { reason?: unknown; mark?: { line?: unknown }; message?: unknown };
  const reason = typeof err.reason === 'string' ? err.reason : typeof err.message === 'string' ? err.message.split('\n')[0]! : String(e);
  const line = typeof err.mark?.line === 'number' ? ` at line ${err.mark.line + lineOffset}` : '';
  return `${reason}${line}`;
}

/**
 * Parse YAML text into plain JSON-like documents. Throws YamlRefused for hostile input (size,
 * nesting, alias expansion); documents that merely fail to parse are listed in `errors`.
 */
export function readYaml(text: string, what = 'YAML'): YamlRead {
  if (text.length > MAX_YAML_CHARS) throw new YamlRefused(`${what} is too large to read safely (${Math.round(text.length / 1024 / 1024)} MB; the limit is ${MAX_YAML_CHARS / 1024 / 1024} MB): export with -o json instead`);
  const budget = { left: text.length * 2 + 100_000 };
  const docs: YamlDocument[] = [];
  const errors: string[] = [];
  const chunks = splitDocuments(text);
  chunks.forEach((chunk, i) => {
    let value: unknown;
    try {
      value = load(chunk.text, { maxDepth: MAX_YAML_DEPTH, maxAliases: MAX_ALIASES });
    } catch (e) {
      const reason = reasonOf(e, chunk.line - 1);
      if (/maxDepth|maxAliases|maxTotalMergeKeys/.test(reason)) throw new YamlRefused(`${what} refused: ${reason.replace(/maxDepth \(\d+\)/, `the nesting limit of ${MAX_YAML_DEPTH} levels`)}`);
      errors.push(`${chunks.length > 1 ? `document ${i + 1} (line ${chunk.line})` : what}: not valid YAML: ${reason}`);
      return;
    }
    if (value === null || value === undefined) return;
    docs.push({ value: toPlain(value, budget, what), line: chunk.line });
  });
  return { docs, errors };
}

/** One YAML string (e.g. aws-auth `mapRoles`) as plain data; throws YamlRefused or the parse error. */
export function readYamlValue(text: string, what: string): unknown {
  if (text.length > MAX_YAML_CHARS) throw new YamlRefused(`${what} is too large`);
  const value = load(text, { maxDepth: MAX_YAML_DEPTH, maxAliases: MAX_ALIASES });
  return toPlain(value, { left: text.length * 2 + 10_000 }, what);
}

/**
 * Deep copy into fresh arrays and own-property objects, iteratively (no recursion for hostile
 * depth), spending one unit of budget per value: shared (aliased) subtrees are copied each time
 * they appear, so alias expansion beyond the text's size is refused rather than performed.
 */
function toPlain(root: unknown, budget: { left: number }, what: string): unknown {
  const refuse = () => {
    throw new YamlRefused(`${what} refused: its aliases (*name) expand to far more data than the file holds (a "billion laughs" document or an alias cycle)`);
  };
  const scalar = (v: unknown): unknown => {
    if (v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
    if (v instanceof Date) return Number.isNaN(v.getTime()) ? null : v.toISOString();
    return v === undefined ? null : String(v);
  };
  // The core schema builds only plain objects and arrays; anything else (a Map, a Set...) is
  // turned into a plain object or text rather than trusted.
  const isContainer = (v: unknown): v is unknown[] | Record<string, unknown> => Array.isArray(v) || (isRecord(v) && (Object.getPrototypeOf(v) === Object.prototype || Object.getPrototypeOf(v) === null));
  const fresh = (v: unknown[] | Record<string, unknown>) => (Array.isArray(v) ? new Array<unknown>(v.length) : {});
  const mapToObject = (m: Map<unknown, unknown>) => {
    const obj: Record<string, unknown> = {};
    for (const [mk, mv] of m) setOwn(obj, String(mk), mv);
    return obj;
  };
  if (--budget.left < 0) refuse();
  const top = root instanceof Map ? mapToObject(root) : root;
  if (!isContainer(top)) return scalar(top);
  const out = fresh(top);
  const stack: [unknown[] | Record<string, unknown>, unknown[] | Record<string, unknown>][] = [[top, out]];
  while (stack.length) {
    const [src, dst] = stack.pop()!;
    const keys: (string | number)[] = Array.isArray(src) ? src.map((_, i) => i) : Object.keys(src);
    for (const k of keys) {
      if (--budget.left < 0) refuse();
      const raw = (src as Record<string | number, unknown>)[k];
      const v = raw instanceof Map ? mapToObject(raw) : raw;
      let copy: unknown;
      if (isContainer(v)) {
        copy = fresh(v);
        stack.push([v, copy as unknown[] | Record<string, unknown>]);
      } else copy = scalar(v);
      if (Array.isArray(dst)) dst[k as number] = copy;
      else setOwn(dst, String(k), copy);
    }
  }
  return out;
}
