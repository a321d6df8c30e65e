/**
 * The worker's job, kept free of `self` so it can also run on the main thread when workers are
 * unavailable: read each File (size checked first), import it, report progress.
 */
import { MAX_FILE_BYTES, snapshotOf, tooLargeReport, type FileReport, type ImportSession, type Snapshot } from '../core';

export interface ImportProgress {
  reading(index: number, total: number, file: string): void;
  imported(index: number, total: number, report: FileReport): void;
}

export async function importIntoSession(session: ImportSession, files: readonly File[], progress: ImportProgress): Promise<Snapshot> {
  for (let i = 0; i < files.length; i++) {
    const file = files[i]!;
    progress.reading(i, files.length, file.name);
    let report: FileReport;
    if (file.size > MAX_FILE_BYTES) {
      report = tooLargeReport(file.name, file.size);
      session.addReport(report);
    } else {
      let text: string;
      try {
        text = await file.text();
      } catch (e) {
        report = { ...tooLargeReport(file.name, file.size), errors: [`${file.name}: could not be read (${e instanceof Error ? e.message : String(e)})`] };
        session.addReport(report);
        progress.imported(i, files.length, report);
        continue;
      }
      [report] = session.addFiles([{ name: file.name, text, bytes: file.size }]) as [FileReport];
    }
    progress.imported(i, files.length, report);
  }
  return snapshotOf(session);
}
