/** The contract every provider importer fulfils. Importers see parsed data, never files. */
import type { FragmentBuilder } from '../model/fragment';
import { own, ownString, toArray } from '../io/safe-object';

/**
 * Facts about the whole import that one file cannot know alone (e.g. the names of the Kubernetes
 * clusters described by other files of the session), by fact kind. Gathered by the providers'
 * `prescan` over every file of a batch before any is imported, kept for later batches.
 */
export type SessionFacts = ReadonlyMap<string, ReadonlySet<string>>;

export interface ImportContext {
  /** File name as the analyst sees it (used in every message and piece of evidence). */
  file: string;
  /** Full path when known (CLI); naming conventions may read parent folder names. */
  path: string;
  b: FragmentBuilder;
  /** What other files of the session tell (see SessionFacts). */
  facts: SessionFacts;
  /** Where each document starts, to prefix locations when a file holds several. */
  docPrefix: (docIndex: number) => string;
}

/**
 * Thrown by an importer to refuse the whole file with a message the analyst can act on (e.g. a
 * bucket policy whose bucket cannot be named): the file is rejected, the others go on.
 */
export class RejectFile extends Error {}

/** An export that is not JSON (CSV, YAML): detected from its text. */
export interface TextImporter {
  format: string;
  label: string;
  provider: string;
  /** True when the text has this format's shape (header line, first keys...). */
  detect(text: string): boolean;
  read(text: string, ctx: ImportContext): void;
}

export interface JsonImporter {
  format: string;
  label: string;
  provider: string;
  /** True when the first document has this format's top-level shape. */
  detect(doc: unknown): boolean;
  read(docs: unknown[], ctx: ImportContext): void;
}

/**
 * Each record of `listKey` across the documents of a file, with its location; a record without
 * a string `idKey` is reported and skipped.
 */
export function forEachRecord(docs: unknown[], ctx: ImportContext, listKey: string, idKey: string, fn: (rec: unknown, id: string, where: string) => void): void {
  docs.forEach((doc, d) =>
    toArray(own(doc, listKey)).forEach((rec, i) => {
      const where = `${ctx.docPrefix(d)}${listKey}[${i}]`;
      const id = ownString(rec, idKey);
      if (!id) ctx.b.warn(`${where}: no ${idKey}; skipped`);
      else fn(rec, id, where);
    }),
  );
}
