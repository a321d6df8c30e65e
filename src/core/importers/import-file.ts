/**
 * One file in, one fragment and one report out. Detection reads content, never the file name.
 * Nothing thrown here escapes: a broken file becomes a `rejected` report and the other files of
 * the batch go on.
 */
import { Fragment, FragmentBuilder, type FileReport } from '../model/fragment';
import { readJsonDocuments, looksLikeJson, stripBom } from '../io/json-documents';
import { isRecord, setOwn } from '../io/safe-object';
import { cleanParsed } from '../io/clean';
import { depthWarnings, MAX_DATA_DEPTH } from '../io/depth';
import { RejectFile, type ImportContext, type JsonImporter, type SessionFacts } from './types';
import { timed, type Timer } from '../model/timer';
import { PROVIDERS } from '../providers';
import { secretMappingImporter } from './secret-mapping';

/** How much of each file a host passes to the prescan (see ImportSession.prescan). */
export const PRESCAN_BYTES = 256 * 1024;

/** Larger files are refused before they are read: a string this big would not fit in memory. */
export const MAX_FILE_BYTES = 256 * 1024 * 1024;

/** Every provider's JSON importers, in registry order. */
export const IMPORTERS: readonly JsonImporter[] = PROVIDERS.flatMap((p) => p.importers);
// The analyst's secret mapping belongs to no provider: it links any two.
const TEXT_IMPORTERS = [...PROVIDERS.flatMap((p) => p.textImporters ?? []), secretMappingImporter];

export interface FileInput {
  name: string;
  /** Full path (CLI) or the name again (browser). */
  path?: string;
  text: string;
  bytes?: number;
}

export interface FileImport {
  report: FileReport;
  fragment: Fragment;
  /**
   * Present when the file held secret values: the copy a host may store instead of the file (its
   * documents as JSON, secret values deleted), or '' when no such copy can be made (store nothing).
   */
  redacted?: string;
}

const emptyFragment = (): Fragment => new Fragment();

export function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${(n / 1024 / 1024).toFixed(1)} MB`;
  if (n >= 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${n} B`;
}

export function rejectedReport(file: string, bytes: number, message: string, format = 'unknown'): FileReport {
  return { file, format, formatLabel: format === 'unknown' ? 'not recognised' : format, status: 'rejected', counts: {}, warnings: [], errors: [`${file}: ${message}`], notes: [], bytes, droppedSecrets: 0 };
}

export function tooLargeReport(file: string, bytes: number): FileReport {
  return rejectedReport(file, bytes, `file is too large (${formatBytes(bytes)}); the limit is ${formatBytes(MAX_FILE_BYTES)} per file: export per account or with --max-items pages and import the pages`);
}

export function importFile(input: FileInput, timer?: Timer, facts: SessionFacts = new Map()): FileImport {
  const { value: result, millis } = timed(timer, () => {
    // Importers catch their own failures (see finish); this is the net under everything else,
    // so that one file can never stop a batch, whatever it holds.
    try {
      return importFileUnsafe(input, input.bytes ?? input.text.length, facts);
    } catch (e) {
      const message = `could not be read: ${e instanceof Error ? e.message : String(e)}`.slice(0, 300);
      return { report: rejectedReport(input.name, input.bytes ?? 0, message), fragment: emptyFragment() };
    }
  });
  if (millis !== undefined) result.report.millis = Math.round(millis);
  return result;
}

/**
 * Session facts from a batch of files, before any is imported: each provider's `prescan` looks at
 * each file's text (cheaply: it must not parse what is not its own). Never throws.
 */
export function prescanFacts(inputs: readonly FileInput[], into: Map<string, Set<string>>): void {
  for (const p of PROVIDERS) {
    if (!p.prescan) continue;
    for (const input of inputs) {
      if ((input.bytes ?? input.text.length) > MAX_FILE_BYTES) continue;
      try {
        // The beginning is enough (see PRESCAN_BYTES); a regular expression over a 100 MB export is not free.
        const head = input.text.length > PRESCAN_BYTES ? input.text.slice(0, PRESCAN_BYTES) : input.text;
        for (const [kind, value] of p.prescan(head, input.path ?? input.name)) {
          if (!into.has(kind)) into.set(kind, new Set());
          into.get(kind)!.add(value);
        }
      } catch {
        // A file a prescan cannot read is reported by its import, not here.
      }
    }
  }
}

function importFileUnsafe(input: FileInput, bytes: number, facts: SessionFacts): FileImport {
  const file = input.name;
  if (bytes > MAX_FILE_BYTES) return { report: tooLargeReport(file, bytes), fragment: emptyFragment() };
  const text = stripBom(input.text);
  if (text.trim() === '') return { report: rejectedReport(file, bytes, 'the file is empty'), fragment: emptyFragment() };
  // Hosts decode bytes by BOM (io/decode.ts); text that reached here another way is refused clearly.
  if (looksMisdecoded(text)) return { report: rejectedReport(file, bytes, 'the file is UTF-16 or UTF-32 text that was read as UTF-8 (every other character is a NUL): save it as UTF-8 and import it again'), fragment: emptyFragment() };
  const b = new FragmentBuilder(file, 'any');
  const ctx: ImportContext = { file, path: input.path ?? file, b, facts, docPrefix: () => '' };

  if (!looksLikeJson(text)) {
    const textImporter = TEXT_IMPORTERS.find((imp) => imp.detect(text));
    if (textImporter) {
      b.provider = textImporter.provider;
      return finish(b, bytes, textImporter.format, textImporter.label, [], () => textImporter.read(text, ctx));
    }
    const firstLine = text.slice(0, 80).split(/\r?\n/)[0] ?? '';
    return { report: rejectedReport(file, bytes, `not a recognised export: expected JSON, ${TEXT_IMPORTERS.map((t) => t.label).join(' or ')}, but line 1 starts with ${JSON.stringify(firstLine.slice(0, 40))}`), fragment: emptyFragment() };
  }

  const read = readJsonDocuments(text);
  const errors: string[] = [];
  if (read.error) {
    if (read.docs.length === 0) return { report: rejectedReport(file, bytes, read.error.message), fragment: emptyFragment() };
    errors.push(`${file}: ${read.error.message}; the ${read.docs.length} document(s) before it were imported`);
  }
  // An array of pages (e.g. `jq -s` over several page files) reads like concatenated pages.
  let docs = read.docs;
  let startLines = read.startLines;
  if (docs.length === 1 && Array.isArray(docs[0]) && docs[0].length > 0 && docs[0].every(isRecord) && IMPORTERS.some((imp) => imp.detect((docs[0] as unknown[])[0]))) {
    docs = docs[0] as unknown[];
    startLines = [];
  }
  const importer = IMPORTERS.find((imp) => imp.detect(docs[0]));
  if (!importer) {
    const keys = isRecord(docs[0]) ? Object.keys(docs[0]).slice(0, 5).join(', ') : Array.isArray(docs[0]) ? 'an array' : typeof docs[0];
    return { report: rejectedReport(file, bytes, `not a recognised export: the JSON has ${keys ? `top-level keys ${keys}` : 'no keys'}, which match no supported format (see README, "Supported exports")`), fragment: emptyFragment() };
  }
  b.provider = importer.provider;
  const places: string[] = [];
  docs.forEach((doc, i) => {
    const base = docs.length > 1 ? `document ${i + 1}` : '';
    // The depth cut first, so that nothing after it (the scrub, importers, the UI) meets hostile depth.
    const { cut, scrub } = cleanParsed(doc, MAX_DATA_DEPTH, base);
    for (const w of depthWarnings(cut, MAX_DATA_DEPTH)) b.warn(w);
    b.droppedSecrets += scrub.dropped;
    places.push(...scrub.places);
  });
  if (b.droppedSecrets) b.note(`dropped ${b.droppedSecrets} secret value(s) before import (${places.slice(0, 3).join(', ')}${b.droppedSecrets > 3 ? ', …' : ''}); Blastmap never stores secret material`);
  if (docs.length > 1) {
    ctx.docPrefix = (i) => (startLines[i] !== undefined ? `document ${i + 1} (line ${startLines[i]}): ` : `page ${i + 1}: `);
  }
  b.keptDocs = docs;
  return finish(b, bytes, importer.format, importer.label, errors, () => importer.read(docs, ctx));
}

/** UTF-16/32 bytes decoded as UTF-8 keep their ASCII, each followed or preceded by NULs. */
function looksMisdecoded(text: string): boolean {
  const head = text.slice(0, 64).replace(/^\uFFFD+/, '');
  let nuls = 0;
  for (let i = 0; i < head.length; i++) if (head.charCodeAt(i) === 0) nuls++;
  return head.length >= 4 && nuls * 3 >= head.length;
}

function finish(b: FragmentBuilder, bytes: number, format: string, label: string, errors: string[], run: () => void): FileImport {
  try {
    run();
  } catch (e) {
    const message = e instanceof RejectFile ? e.message : `could not be read as ${label}: ${e instanceof Error ? e.message : String(e)}`;
    return { report: rejectedReport(b.file, bytes, message, format), fragment: emptyFragment() };
  }
  const counts: Record<string, number> = {};
  b.fragment.graph.forEachNode((_, n) => {
    if (!n.placeholder) setOwn(counts, n.kind, (counts[n.kind] ?? 0) + 1);
  });
  // Count names can carry export text (`member of type …`): own properties only.
  for (const [k, v] of Object.entries(b.counts)) setOwn(counts, k, v);
  const status = errors.length || b.warnings.length ? 'partial' : 'imported';
  const redacted = b.droppedSecrets ? redactedCopy(b.keptDocs) : undefined;
  if (redacted === '') b.note('not kept with the workspace: it held secret values and no copy without them could be made; import it again after reopening');
  return {
    report: {
      file: b.file, format, formatLabel: label, status, counts, warnings: b.warnings, errors, notes: b.notes, bytes, droppedSecrets: b.droppedSecrets,
      ...(b.generatedAt ? { generatedAt: b.generatedAt.iso, generatedBy: b.generatedAt.by } : {}),
    },
    fragment: b.fragment,
    ...(redacted !== undefined ? { redacted } : {}),
  };
}

/**
 * The documents a file's import left, secret values deleted, as JSON text (one document per line
 * when several): every importer deletes what it drops from the parsed data, and a stored copy
 * re-imports to the same graph. '' when the importer kept no documents.
 */
function redactedCopy(docs: unknown[] | undefined): string {
  if (!docs?.length) return '';
  try {
    return docs.map((d) => JSON.stringify(d)).join('\n');
  } catch {
    return '';
  }
}
