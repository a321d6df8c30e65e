/**
 * The worker's jobs, kept free of `self` so they also run on the main thread when workers are
 * unavailable: read each File (size checked first), import it, report progress, analyse.
 */
import { isSnapshotHead, MAX_FILE_BYTES, PRESCAN_BYTES, tooLargeReport, WorkspaceEngine, type FileReport } from '../core';
import { decodeText } from '../core/io/decode';
import type { Replies, ToWorker } from './protocol';

export interface JobProgress {
  reading(index: number, total: number, file: string): void;
  /** `redacted`: the copy the page may keep of a file that held secret values ('' keeps nothing). */
  imported(index: number, total: number, report: FileReport, redacted?: string): void;
  analysing(): void;
}

export async function importIntoEngine(engine: WorkspaceEngine, files: readonly File[], progress: JobProgress): Promise<Replies['import']> {
  // What files tell about each other (cluster names...), from their beginnings, before any import.
  const heads = await Promise.all(files.map(async (f) => ({ name: f.name, text: await readText(f.slice(0, PRESCAN_BYTES)).catch(() => ''), bytes: f.size })));
  engine.prescan(heads);
  for (let i = 0; i < files.length; i++) {
    const file = files[i]!;
    progress.reading(i, files.length, file.name);
    let report: FileReport;
    let redacted: string | undefined;
    if (file.size > MAX_FILE_BYTES) {
      report = tooLargeReport(file.name, file.size);
      engine.addReport(report);
    } else if (isSnapshotHead(new Uint8Array(await file.slice(0, 256).arrayBuffer()))) {
      // A snapshot opens the workspace it froze; one a crafted file slipped secrets into is not kept.
      report = engine.openSnapshot(new Uint8Array(await file.arrayBuffer()), file.name);
      if (report.droppedSecrets) redacted = '';
    } else {
      let text: string | undefined;
      try {
        text = await readText(file);
      } catch (e) {
        report = { ...tooLargeReport(file.name, file.size), errors: [`${file.name}: could not be read (${e instanceof Error ? e.message : String(e)})`] };
        engine.addReport(report);
      }
      if (text !== undefined) report = engine.importOne({ name: file.name, text, bytes: file.size }, (_r, r) => (redacted = r));
    }
    progress.imported(i, files.length, report!, redacted);
  }
  engine.endBatch();
  progress.analysing();
  return engine.view();
}

/**
 * A file's text, decoded by its BOM (UTF-8, UTF-16, UTF-32) as the CLI does: File.text() would
 * read a PowerShell (UTF-16) export as UTF-8 and reject it.
 */
async function readText(blob: Blob): Promise<string> {
  return decodeText(new Uint8Array(await blob.arrayBuffer()));
}

/** The engine a worker (or the main-thread fallback) holds: the host's clock for durations and defaults. */
export function newEngine(): WorkspaceEngine {
  return new WorkspaceEngine(() => performance.now(), Date.now());
}

/** Run one request against an engine. */
export async function runJob(engine: WorkspaceEngine, msg: ToWorker, progress: JobProgress): Promise<Replies[keyof Replies]> {
  switch (msg.type) {
    case 'import':
      return importIntoEngine(engine, msg.files, progress);
    case 'reset':
      engine.reset(msg.asOf);
      for (const [kind, values] of msg.facts ?? []) engine.setFacts(kind, values);
      return engine.view();
    case 'setAsOf':
      engine.setAsOf(msg.asOf);
      return engine.view();
    case 'setStarts':
      engine.setStarts(msg.starts);
      return engine.view();
    case 'setMappings':
      engine.setMappings(msg.mappings);
      return engine.view();
    case 'setChanges':
      engine.setChanges(msg.changes, msg.risk);
      return engine.view();
    case 'explore':
      return engine.explore(msg.query);
    case 'compare':
      return engine.compareWith(msg.file ? new Uint8Array(await msg.file.arrayBuffer()) : undefined, msg.file?.name, msg.risk);
    case 'export':
      return engine.exportAs(msg.format, { workspace: msg.workspace, createdAt: msg.createdAt, title: msg.title });
  }
}
