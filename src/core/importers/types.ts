/** The contract every provider importer fulfils. Importers see parsed data, never files. */
import type { FragmentBuilder } from '../model/fragment';
import type { Provider } from '../model/kinds';

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
