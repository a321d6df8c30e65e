/** `blastmap analyze`: import files and folders, print a summary table or one JSON document. */
import { createHash } from 'node:crypto';
import { adminReport, ageReport, isNodeKind, countOf, potentialFindings, ImportSession, MAX_FILE_BYTES, PRESCAN_BYTES, formatBytes, rejectedReport, snapshotOf, tooLargeReport, openSnapshot, isSnapshotHead, type BlastmapSnapshot, type FileReport, type NodeKind } from '../core';
import { decodeFile, expandPaths, readHead, readRegularFile } from './files';
import { UsageError } from './args';
import { jsonText, textLines } from './terminal-safe';
import { asOfLine, loadWorkspace, type Flags } from './workspace';

export interface Output {
  out: (s: string) => void;
  err: (s: string) => void;
}

export interface LoadedSession {
  session: ImportSession;
  /** Paths skipped or unreadable ("<path>: named pipe...; skipped"): also in `session.files` as rejected. */
  problems: string[];
  /** The snapshot the workspace was opened from, when one was given. */
  snapshot?: BlastmapSnapshot;
  /** Things to say on stderr that are not problems (a snapshot opened, values dropped from it). */
  notes: string[];
}

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/**
 * A snapshot given among the paths opens the workspace it froze (one per run, before any other
 * file: the files then add to it). Its reports, not the snapshot file, are the session's files,
 * so every command prints what it printed for the original exports.
 */
function openSnapshots(session: ImportSession, problems: string[], notes: string[], paths: string[]): BlastmapSnapshot | undefined {
  let opened: BlastmapSnapshot | undefined;
  for (const path of paths) {
    const read = readRegularFile(path);
    if (!('bytes' in read)) {
      if (read.tooLarge !== undefined) session.addReport(tooLargeReport(path, read.tooLarge));
      else skipped(session, problems, path, read.problem);
      continue;
    }
    if (opened) {
      skipped(session, problems, path, 'a second snapshot: one run opens one snapshot (compare two with `blastmap diff`)', read.bytes.length);
      continue;
    }
    const result = openSnapshot(read.bytes);
    if ('error' in result) {
      const report = { ...rejectedReport(path, read.bytes.length, `not a usable Blastmap snapshot: ${result.error}`), formatLabel: 'Blastmap snapshot' };
      session.addReport(report);
      problems.push(report.errors[0]!);
      continue;
    }
    session.restore(result.snapshot);
    opened = result.snapshot;
    notes.push(`${path}: opened the snapshot of ${result.snapshot.files.length} file(s) written ${result.snapshot.createdAt} by Blastmap ${result.snapshot.blastmapVersion}`, ...result.notes.map((n) => `${path}: ${n}`));
  }
  return opened;
}

/** A path that was never read, as a rejected file of the session (so --json and the exit code show it). */
function skipped(session: ImportSession, problems: string[], path: string, problem: string, bytes = 0): void {
  const report = { ...rejectedReport(path, bytes, `${problem}; skipped`), formatLabel: 'not read' };
  session.addReport(report);
  problems.push(report.errors[0]!);
}

export function loadSession(paths: readonly string[]): LoadedSession {
  if (paths.length === 0) throw new UsageError('give at least one export file or folder');
  const all = expandPaths(paths);
  const problems: string[] = [];
  const notes: string[] = [];
  const session = new ImportSession(() => performance.now());
  const isSnapshot = (f: (typeof all)[number]) => 'bytes' in f && f.bytes <= MAX_FILE_BYTES && isSnapshotHead(readHead(f.path, 256) ?? new Uint8Array());
  const snapshotPaths = all.filter(isSnapshot).map((f) => f.path);
  const snapshot = openSnapshots(session, problems, notes, snapshotPaths);
  const found = all.filter((f) => !snapshotPaths.includes(f.path));
  const readable = found.flatMap((f) => ('bytes' in f && f.bytes <= MAX_FILE_BYTES ? [f] : []));
  session.prescan(readable.flatMap((f) => {
    const head = readHead(f.path, PRESCAN_BYTES);
    return head ? [{ name: f.path, path: f.path, text: decodeFile(head) }] : [];
  }));
  // The CLI names files by the path the user gave, so messages and evidence point at them.
  let imported = false;
  for (const f of found) {
    if ('problem' in f) skipped(session, problems, f.path, f.problem);
    else if (f.bytes > MAX_FILE_BYTES) session.addReport(tooLargeReport(f.path, f.bytes));
    else {
      const read = readRegularFile(f.path);
      if ('bytes' in read) {
        session.importOne({ name: f.path, path: f.path, text: decodeFile(read.bytes), bytes: read.bytes.length }).sha256 = sha256(read.bytes);
        imported = true;
      } else if (read.tooLarge !== undefined) session.addReport(tooLargeReport(f.path, read.tooLarge));
      else skipped(session, problems, f.path, read.problem, f.bytes);
    }
  }
  // Name references are resolved once, after the last file (see ImportSession.importOne).
  if (imported) session.endBatch();
  return { session, problems, snapshot, notes };
}

export async function runAnalyze(paths: readonly string[], flags: Flags, json: boolean, io: Output): Promise<number> {
  const { session, problems, notes, asOf, analysis, importMillis: millis, analysisMillis } = await loadWorkspace(paths, flags);
  for (const n of notes) io.err(`blastmap: ${n}`);
  for (const p of problems) io.err(`blastmap: ${p}`);
  const report = adminReport(analysis, 1);
  const summary = {
    admins: report.admins,
    conditionalAdmins: report.conditionalAdmins,
    escalatesToAdmin: report.escalatesToAdmin.map((e) => ({ principal: e.principal, hops: e.paths[0]?.hops, techniques: e.paths[0]?.steps.map((s) => s.technique ?? s.kind) })),
    needsInventory: potentialFindings(analysis).map((p) => ({ principal: p.source, technique: p.technique.id, missing: p.missing })),
    escalationEdges: analysis.graph.filterEdges((_, a) => a.kind === 'escalatesTo').length,
    federation: analysis.federation,
  };
  const snap = snapshotOf(session);
  const age = ageReport(snap.nodes, asOf.ms);
  if (json) {
    // Durations only when asked: without them the output of the same exports (or of their
    // snapshot) is the same bytes run after run, so pipelines can diff it.
    const timings = flags.has('timings') ? { millis: Math.round(millis), analysisMillis: Math.round(analysisMillis), peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024) } : {};
    const files = flags.has('timings') ? snap.files : snap.files.map(({ millis: _m, ...f }) => f);
    io.out(jsonText({ ...snap, files, asOf, analysis: summary, age, ...timings }, 2));
  } else {
    const lines = summaryTable(session.files, snap.stats.nodesByKind, snap.stats.referencedByKind, snap.stats.nodes, snap.stats.edges, session.warnings, millis);
    lines.push(asOfLine(asOf));
    lines.push(`Age (threshold ${age.thresholds.staleDays} days): ${AGE_ISSUES.map(([k, label]) => `${age.counts[k] ?? 0} ${label}`).join(', ')}`);
    for (const f of summary.federation) lines.push(`Federation ${f.status}: ${f.from} → ${f.to} (${f.technique}): ${f.reason}`);
    lines.push(`Analysis (${Math.round(analysisMillis)} ms): ${summary.admins.length} admin-equivalent, ${summary.escalatesToAdmin.length} can escalate to admin, ${summary.escalationEdges} escalation edges, ${summary.needsInventory.length} paths need resource inventory`);
    io.out(textLines(lines));
  }
  return session.files.some((f) => f.status === 'rejected') ? 1 : 0;
}

const AGE_ISSUES = [
  ['unrotated', 'unrotated'],
  ['unused', 'unused'],
  ['never-used', 'never used'],
  ['rotation-overdue', 'rotation overdue'],
  ['expired', 'expired'],
  ['dormant', 'dormant roles'],
] as const;

function countsText(counts: Record<string, number>): string {
  return Object.entries(counts)
    .map(([k, v]) => (isNodeKind(k) ? countOf(v, k) : `${v} ${k}`))
    .join(', ');
}

function summaryTable(files: FileReport[], byKind: Partial<Record<NodeKind, number>>, referenced: Partial<Record<NodeKind, number>>, nodes: number, edges: number, warnings: string[], millis: number): string[] {
  const lines: string[] = [];
  const width = Math.min(60, Math.max(4, ...files.map((f) => f.file.length)));
  lines.push(`${'FILE'.padEnd(width)}  ${'STATUS'.padEnd(8)}  ${'FORMAT'.padEnd(40)}  READ`);
  for (const f of files) {
    const name = f.file.length > width ? `…${f.file.slice(-(width - 1))}` : f.file.padEnd(width);
    lines.push(`${name}  ${f.status.padEnd(8)}  ${f.formatLabel.slice(0, 40).padEnd(40)}  ${countsText(f.counts) || '-'}`);
    for (const e of f.errors) lines.push(`    error: ${e}`);
    for (const w of f.warnings.slice(0, 5)) lines.push(`    warning: ${w}`);
    if (f.warnings.length > 5) lines.push(`    … and ${f.warnings.length - 5} more warnings (--json lists them all)`);
    for (const n of f.notes) lines.push(`    note: ${n}`);
  }
  lines.push('');
  lines.push(`Graph: ${nodes} nodes, ${edges} edges (${formatBytes(files.reduce((s, f) => s + f.bytes, 0))} read in ${Math.round(millis)} ms)`);
  lines.push(`  described: ${countsText(byKind as Record<string, number>) || 'nothing'}`);
  if (Object.keys(referenced).length) lines.push(`  referenced only: ${countsText(referenced as Record<string, number>)}`);
  for (const w of warnings) lines.push(`  warning: ${w}`);
  const rejected = files.filter((f) => f.status === 'rejected').length;
  lines.push(`${files.length - rejected} of ${files.length} files imported${rejected ? `, ${rejected} rejected` : ''}`);
  return lines;
}
