/**
 * `blastmap whatif <exports or snapshot...> --changes plan.json [--json]`: simulate the removals of
 * a change set (docs/diff-and-whatif.md) on a copy of the workspace and print the remediation plan
 * (the exact objects to change, per provider), the figures before and after side by side, and the
 * diff. Exit 2 when the change set is malformed (each bad entry named); 1 when a change names
 * something the exports do not hold (the others are applied) or a file was rejected; else 0.
 */
import { assessRisk, type RiskConfig } from '../core';
import { jewels } from '../core/explore/jewels';
import { diffText } from '../core/diff/diff';
import { parseChanges, planText, whatIf, type Change } from '../core/diff/whatif';
import type { Output } from './analyze';
import { UsageError } from './args';
import { decodeFile, readRegularFile } from './files';
import { riskOptions } from './findings';
import { asOfLine, loadWorkspace, oidcStartOf, type Flags } from './workspace';
import { jsonText, safe, textLines } from './terminal-safe';

export const WHATIF_EXIT = { ok: 0, notApplied: 1, usage: 2 } as const;

/** The change set file, checked: the changes, or the lines saying why it cannot be used. */
export function readChanges(path: string): { changes: Change[] } | { problems: string[] } {
  const read = readRegularFile(path);
  if (!('bytes' in read)) return { problems: [`--changes ${path}: ${read.problem}`] };
  let doc: unknown;
  try {
    doc = JSON.parse(decodeFile(read.bytes));
  } catch (e) {
    return { problems: [`--changes ${path}: not valid JSON (${e instanceof Error ? e.message : String(e)})`] };
  }
  const parsed = parseChanges(doc);
  if (parsed.problems.length) return { problems: parsed.problems.map((p) => `--changes ${path}: ${p}`) };
  if (!parsed.changes.length) return { problems: [`--changes ${path}: the change set is empty`] };
  return { changes: parsed.changes };
}

export async function runWhatIf(paths: string[], flags: Flags, json: boolean, io: Output): Promise<number> {
  const file = flags.get('changes');
  if (typeof file !== 'string' || !file) throw new UsageError('--changes is required: a JSON file of changes (see docs/diff-and-whatif.md)');
  const err = (s: string) => io.err(safe(s));
  // The change set is checked before any export is read: a malformed one costs nothing.
  const read = readChanges(file);
  if ('problems' in read) {
    for (const p of read.problems) err(`blastmap: ${p}`);
    return WHATIF_EXIT.usage;
  }
  const given = riskOptions(flags);
  const w = await loadWorkspace(paths, flags);
  for (const n of w.notes) err(`blastmap: ${n}`);
  const rejected = w.session.files.filter((f) => f.status === 'rejected');
  for (const f of rejected) for (const e of f.errors) err(`blastmap: ${e}`);
  const risk = { ...(w.snapshot?.workspace.risk ?? {}), ...given } as Partial<RiskConfig>;
  const ws = w.snapshot?.workspace;
  const start = oidcStartOf(flags);
  const result = await whatIf(w.session, read.changes, w.asOf.ms, {
    before: { analysis: w.analysis, risk: assessRisk(w.analysis, risk) },
    risk,
    // The analysis of the copy is the workspace's: its token start points and secret mappings.
    starts: [...(ws?.starts ?? []), ...(start ? [start] : [])],
    mappings: ws?.mappings ?? [],
    jewels: ws ? jewels(w.analysis.graph, ws.crownJewels ?? [], ws.jewelRules ?? []).map((j) => j.id) : [],
  });
  for (const p of result.problems) err(`blastmap: ${p}`);
  if (json) {
    const applied = result.applied.map(({ actions: _a, ...rest }) => rest);
    io.out(jsonText({ asOf: w.asOf, changes: read.changes, applied, problems: result.problems, plan: result.plan, diff: result.diff }, 2));
  } else io.out(textLines([...planText(result.plan), asOfLine(w.asOf), '', ...diffText(result.diff)]));
  return result.problems.length || rejected.length ? WHATIF_EXIT.notApplied : WHATIF_EXIT.ok;
}
