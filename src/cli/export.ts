/**
 * `blastmap export <exports or snapshot...> --format F --out PATH`: the workspace as a snapshot,
 * CSV, SARIF, a self-contained HTML report, or for graph engines (BloodHound CE OpenGraph, Neo4j
 * CSV, Cypher). The core writes every format (src/core/export/workspace-export.ts); this file
 * reads flags and writes the files: to PATH, or into the folder PATH for formats of several files.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { assessRisk, type SnapshotWorkspace } from '../core';
import { EXPORT_FORMATS, exportWorkspace, type ExportFormat } from '../core/export/workspace-export';
import type { Output } from './analyze';
import { UsageError } from './args';
import { riskOptions, workspaceRisk } from './findings';
import { loadWorkspace, type Flags } from './workspace';

export async function runExport(paths: string[], flags: Flags, io: Output): Promise<number> {
  const format = flags.get('format');
  if (typeof format !== 'string' || !(EXPORT_FORMATS as readonly string[]).includes(format)) throw new UsageError(`--format takes one of ${EXPORT_FORMATS.join(', ')}`);
  const out = flags.get('out');
  if (typeof out !== 'string' || !out) throw new UsageError('--out PATH is required (a file; a folder for csv and neo4j-csv)');
  const given = riskOptions(flags);
  const w = await loadWorkspace(paths, flags);
  for (const n of w.notes) io.err(`blastmap: ${n}`);
  const rejected = w.session.files.filter((f) => f.status === 'rejected');
  for (const f of rejected) for (const e of f.errors) io.err(`blastmap: ${e}`);
  const risk = workspaceRisk(flags, w.snapshot);
  const workspace: SnapshotWorkspace = { ...(w.snapshot?.workspace ?? {}), ...(Object.keys(given).length ? { risk: risk as SnapshotWorkspace['risk'] } : {}) };
  // Exports that state no date were analysed as of this import: the snapshot keeps that time, so
  // it gives the same answers whenever it is opened.
  if (workspace.importedAt === undefined && w.asOf.source === 'import-time') workspace.importedAt = w.asOf.ms;
  const title = flags.get('title');
  const files = exportWorkspace(format as ExportFormat, {
    session: w.session,
    analysis: w.analysis,
    risk: assessRisk(w.analysis, risk),
    workspace,
    createdAt: new Date().toISOString(),
    title: typeof title === 'string' ? title : undefined,
    gzip: flags.has('gzip') || out.endsWith('.gz'),
  });
  const several = format === 'csv' || format === 'neo4j-csv';
  if (several) mkdirSync(out, { recursive: true });
  for (const f of files) {
    const path = several ? join(out, f.name) : out;
    writeFileSync(path, f.bytes);
    io.err(`blastmap: wrote ${path}`);
  }
  return rejected.length ? 1 : 0;
}
