/** The contract every provider importer fulfils. Importers see parsed data, never files. */
import type { FragmentBuilder } from '../model/fragment';
import type { Provider } from '../model/kinds';
import { own, ownString, toArray } from '../io/safe-object';

export interface ImportContext {
  /** File name as the analyst sees it (used in every message and piece of evidence). */
  file: string;
  /** Full path when known (CLI); naming conventions may read parent folder names. */
  path: string;
  b: FragmentBuilder;
  /** Where each document starts, to prefix locations when a file holds several. */
  docPrefix: (docIndex: number) => string;
}

export interface JsonImporter {
  format: string;
  label: string;
  provider: Provider;
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
