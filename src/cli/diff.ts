/**
 * `blastmap diff OLD NEW [--json] [--fail-on new-admin-path,new-critical,new-finding] [--as-of D]`:
 * what changed between two workspaces (each an exports folder or file, or a snapshot), and a
 * pipeline gate: exit 3 when a gate trips, each thing that tripped it named on stderr.
 */
import { assessRisk, type RiskConfig } from '../core';
import { jewels } from '../core/explore/jewels';
import { adminPathSentence, diffText, diffWorkspaces, label, type DiffSide, type WorkspaceDiff } from '../core/diff/diff';
import type { Output } from './analyze';
import { UsageError } from './args';
import { riskOptions } from './findings';
import { loadWorkspace, type Flags, type LoadedWorkspace } from './workspace';
import { jsonText, safe, textLines } from './terminal-safe';

/** Exit codes of `diff` (main.ts's EXIT, plus the gate). */
export const DIFF_EXIT = { ok: 0, rejected: 1, usage: 2, gate: 3 } as const;

export const GATES = ['new-admin-path', 'new-critical', 'new-finding'] as const;
export type Gate = (typeof GATES)[number];

/** At most this many lines per gate on stderr; the rest counted. */
const GATE_LINES = 20;

export function failOn(flags: Flags): Gate[] {
  const v = flags.get('fail-on');
  if (v === undefined) return [];
  if (typeof v !== 'string' || !v.trim()) throw new UsageError(`--fail-on takes a comma-separated list of ${GATES.join(', ')}`);
  const gates = v.split(',').map((s) => s.trim()).filter(Boolean);
  for (const g of gates) if (!(GATES as readonly string[]).includes(g)) throw new UsageError(`--fail-on: unknown gate "${g}" (gates: ${GATES.join(', ')})`);
  return [...new Set(gates)] as Gate[];
}

/** What tripped each gate, one sentence per thing (the stderr lines, without the prefix). */
export function trippedGates(d: WorkspaceDiff, gates: readonly Gate[]): { gate: Gate; reasons: string[] }[] {
  const out: { gate: Gate; reasons: string[] }[] = [];
  for (const gate of gates) {
    let reasons: string[];
    if (gate === 'new-admin-path') reasons = d.adminPaths.opened.map((c) => adminPathSentence(c, true));
    else if (gate === 'new-critical') {
      reasons = [
        ...d.findings.added.filter((f) => f.severity === 'critical').map((f) => `new critical finding ${f.rule} on ${label(f.subject, f.subjectName)}: ${f.detail}`),
        ...d.findings.changed.filter((f) => f.severity === 'critical').map((f) => `finding ${f.rule} on ${label(f.subject, f.subjectName)} is now critical (was ${f.severityBefore})`),
      ];
    } else reasons = d.findings.added.map((f) => `new ${f.severity} finding ${f.rule} on ${label(f.subject, f.subjectName)}: ${f.detail}`);
    if (reasons.length) out.push({ gate, reasons });
  }
  return out;
}

/** Crown jewels of either side: what a snapshot's workspace marked (by hand or by tag rule). */
function jewelsOf(w: LoadedWorkspace): string[] {
  const ws = w.snapshot?.workspace;
  if (!ws) return [];
  return jewels(w.analysis.graph, ws.crownJewels ?? [], ws.jewelRules ?? []).map((j) => j.id);
}

export async function runDiff(paths: string[], flags: Flags, json: boolean, io: Output): Promise<number> {
  if (paths.length !== 2) throw new UsageError('diff compares two workspaces: blastmap diff OLD NEW (each an exports folder or file, or a snapshot)');
  const gates = failOn(flags);
  const given = riskOptions(flags);
  const err = (s: string) => io.err(safe(s));
  const loaded: LoadedWorkspace[] = [];
  const sides: DiffSide[] = [];
  let rejected = 0;
  // One side after the other: each is its own workspace (its own files, analysis date, settings).
  for (const path of paths) {
    const w = await loadWorkspace([path], flags);
    for (const n of w.notes) err(`blastmap: ${n}`);
    const bad = w.session.files.filter((f) => f.status === 'rejected');
    for (const f of bad) for (const e of f.errors) err(`blastmap: ${e}`);
    rejected += bad.length;
    const options = { ...(w.snapshot?.workspace.risk ?? {}), ...given } as Partial<RiskConfig>;
    loaded.push(w);
    sides.push({ analysis: w.analysis, risk: assessRisk(w.analysis, options) });
  }
  const d = diffWorkspaces(sides[0]!, sides[1]!, { jewels: [...new Set(loaded.flatMap(jewelsOf))] });
  const tripped = trippedGates(d, gates);
  if (json) {
    const files = (w: LoadedWorkspace) => w.session.files.map((f) => ({ file: f.file, format: f.format, status: f.status }));
    io.out(jsonText({ asOf: { before: loaded[0]!.asOf, after: loaded[1]!.asOf }, files: { before: files(loaded[0]!), after: files(loaded[1]!) }, gates: { requested: gates, tripped }, diff: d }, 2));
  } else io.out(textLines(diffText(d)));
  for (const t of tripped) {
    for (const r of t.reasons.slice(0, GATE_LINES)) err(`blastmap: gate ${t.gate} tripped: ${r}`);
    if (t.reasons.length > GATE_LINES) err(`blastmap: gate ${t.gate} tripped: … and ${t.reasons.length - GATE_LINES} more (--json lists all)`);
  }
  if (tripped.length) return DIFF_EXIT.gate;
  return rejected ? DIFF_EXIT.rejected : DIFF_EXIT.ok;
}
