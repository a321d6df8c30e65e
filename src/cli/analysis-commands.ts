/**
 * The analysis subcommands: can, blast, paths, who-can, admins, techniques. Each loads the
 * exports, runs the same analysis as the app, and prints text or (--json) one JSON document.
 */
import { adminReport, awsAnalysisOf, blastRadius, blastResult, privilegePaths, whoCan, TECHNIQUES, EXTRA_TECHNIQUES, type Analysis, type AsOf, type AwsAnalysis, type Decision, type PrivilegePath } from '../core';
import type { Output } from './analyze';
import { UsageError } from './args';
import { asOfLine, fromId, loadWorkspace, type Flags } from './workspace';
import { jsonText, textLines } from './terminal-safe';
import { readBatch, runBatch } from './batch';

function need(flags: Flags, name: string): string {
  const v = flags.get(name);
  if (typeof v !== 'string' || !v) throw new UsageError(`--${name} is required`);
  return v;
}

type Loaded = Analysis & { asOf: number; asOfInfo: AsOf; exitCode: 0 | 1 };

/** The exports loaded and analysed; each file not imported is reported on stderr (exit code 1). */
async function load(paths: readonly string[], flags: Flags, io: Output): Promise<Loaded> {
  const { session, analysis, asOf, notes } = await loadWorkspace(paths, flags);
  for (const n of notes) io.err(`blastmap: ${n}`);
  const rejected = session.files.filter((f) => f.status === 'rejected');
  for (const f of rejected) for (const e of f.errors) io.err(`blastmap: ${e}`);
  return { ...analysis, asOfInfo: asOf, exitCode: rejected.length ? 1 : 0 };
}

function requireNode(a: Analysis, id: string, flag: string): void {
  if (!a.graph.hasNode(id)) throw new UsageError(`--${flag} ${id}: no such node in the imported exports`);
}

function decisionText(d: Decision): string[] {
  const lines = [`${d.decision.toUpperCase()}: ${d.principal} ${d.action} ${d.resource}`];
  for (const m of d.deniedBy) lines.push(`  denied by ${m.source} ${m.ref.policyName} statement ${m.ref.statement}${m.result === 'unknown' ? ` (if: ${m.ref.condition})` : ''}`);
  for (const m of d.allowedBy) lines.push(`  allowed by ${m.source} ${m.ref.policyName} statement ${m.ref.statement}${m.result === 'unknown' ? ` (only if: ${m.ref.condition}; not evaluated: ${m.unknownKeys.join(', ')})` : ''}`);
  if (d.boundary !== undefined) lines.push(`  permission boundary: ${d.boundary === true ? 'allows' : d.boundary === false ? 'does not allow' : 'conditional'}`);
  if (d.scp !== undefined) lines.push(`  SCPs: ${d.scp === true ? 'allow' : d.scp === false ? 'do not allow' : 'conditional'}`);
  for (const n of d.notes) lines.push(`  note: ${n}`);
  return lines;
}

export async function runCan(paths: string[], flags: Flags, json: boolean, io: Output): Promise<number> {
  const batch = flags.get('batch');
  if (batch === '') throw new UsageError('--batch needs a file of requests');
  const requests = typeof batch === 'string' ? readBatch(batch) : undefined;
  const a = await load(paths, flags, io);
  const aws = awsAnalysisOf(a);
  if (!aws) throw new UsageError('`can` evaluates AWS requests: the exports hold no AWS identities');
  if (requests) {
    runBatch(requests, a.asOfInfo.time, (principal) => a.graph.hasNode(principal), aws.model, io);
    return a.exitCode;
  }
  const principal = need(flags, 'principal');
  requireNode(a, principal, 'principal');
  const d = (aws as AwsAnalysis).model.can(principal, need(flags, 'action'), need(flags, 'resource'));
  io.out(json ? jsonText({ asOf: a.asOfInfo, ...d }, 2) : textLines([...decisionText(d), asOfLine(a.asOfInfo)]));
  return a.exitCode;
}

export async function runBlast(paths: string[], flags: Flags, json: boolean, io: Output): Promise<number> {
  const a = await load(paths, flags, io);
  need(flags, 'from');
  const from = fromId(flags)!;
  requireNode(a, from, 'from');
  if (json) {
    io.out(jsonText({ asOf: a.asOfInfo, ...blastRadius(a, from) }, 2));
    return a.exitCode;
  }
  // The text shows 50 identities: build only those rows.
  const br = blastResult(a, from);
  const lines = [`Blast radius of ${from}: score ${br.score}/100`, asOfLine(a.asOfInfo)];
  for (const x of br.admins) lines.push(`  ADMIN: ${x.name} (${x.provider}, ${x.hops} hop(s)${x.conditional ? ', conditional' : ''})`);
  lines.push(`  identities reached: ${br.identityCount}`);
  for (const i of br.identities(0, 50)) lines.push(`    ${i.hops} hop(s)  ${i.provider.padEnd(10)} ${i.kind.padEnd(18)} ${i.id}${i.conditional ? '  (conditional)' : ''}`);
  if (br.identityCount > 50) lines.push(`    … ${br.identityCount - 50} more (--json lists all)`);
  lines.push(`  resources reached: ${br.resources.length}  by access level: ${JSON.stringify(br.byAccessLevel)}  by service: ${JSON.stringify(br.byService)}`);
  for (const r of br.resources.slice(0, 50)) lines.push(`    ${r.levels.join(', ').padEnd(40)} ${r.id}${r.conditionalOnly ? '  (conditional)' : ''}`);
  io.out(textLines(lines));
  return a.exitCode;
}

function pathText(p: PrivilegePath, i: number): string[] {
  const lines = [`Path ${i + 1}: ${p.hops} hop(s)${p.conditionalSteps ? `, ${p.conditionalSteps} conditional` : ''}`];
  for (const s of p.steps) {
    lines.push(`  ${s.conditional ? '?' : '-'} ${s.explanation}`);
    for (const ev of s.evidence.slice(0, 4)) lines.push(`      ${ev.file}: ${ev.location}${ev.condition ? ` if ${ev.condition}` : ''}${ev.note ? ` (${ev.note})` : ''}`);
  }
  return lines;
}

export async function runPaths(paths: string[], flags: Flags, json: boolean, io: Output): Promise<number> {
  const a = await load(paths, flags, io);
  need(flags, 'from');
  const from = fromId(flags)!;
  const to = need(flags, 'to');
  requireNode(a, from, 'from');
  if (to !== 'admin') requireNode(a, to, 'to');
  const k = flags.has('k') ? Number(flags.get('k')) : 3;
  if (!Number.isInteger(k) || k < 1 || k > 50) throw new UsageError('--k needs a number from 1 to 50');
  const found = privilegePaths(a, from, to, k);
  if (json) io.out(jsonText({ asOf: a.asOfInfo, from, to, paths: found }, 2));
  else io.out(textLines([...(found.length ? found.flatMap((p, i) => [...(i ? [''] : []), ...pathText(p, i)]) : [`No path from ${from} to ${to}.`]), asOfLine(a.asOfInfo)]));
  return a.exitCode;
}

export async function runWhoCan(paths: string[], flags: Flags, json: boolean, io: Output): Promise<number> {
  const a = await load(paths, flags, io);
  const to = need(flags, 'to');
  requireNode(a, to, 'to');
  const action = typeof flags.get('action') === 'string' ? (flags.get('action') as string) : undefined;
  const w = whoCan(a, to, action);
  if (json) io.out(jsonText({ asOf: a.asOfInfo, ...w }, 2));
  else {
    const lines = [`Who can reach ${to}${action ? ` (${action})` : ''}: ${w.reachers.length}`, asOfLine(a.asOfInfo)];
    if (w.direct.length) lines.push(`  directly: ${w.direct.join(', ')}`);
    for (const r of w.reachers) lines.push(`  ${r.hops} hop(s)  ${r.kind.padEnd(16)} ${r.id}${r.conditional ? '  (conditional)' : ''}`);
    io.out(textLines(lines));
  }
  return a.exitCode;
}

export async function runAdmins(paths: string[], flags: Flags, json: boolean, io: Output): Promise<number> {
  const a = await load(paths, flags, io);
  const r = adminReport(a);
  if (json) io.out(jsonText({ asOf: a.asOfInfo, ...r }, 2));
  else {
    const lines = [asOfLine(a.asOfInfo), `Admin-equivalent: ${r.admins.length}`, ...r.admins.map((x) => `  ${x}`)];
    if (r.conditionalAdmins.length) lines.push(`Admin-equivalent under conditions: ${r.conditionalAdmins.length}`, ...r.conditionalAdmins.map((x) => `  ${x}`));
    lines.push(`Can escalate to admin: ${r.escalatesToAdmin.length}`);
    for (const e of r.escalatesToAdmin) lines.push(`  ${e.paths[0]?.hops ?? '?'} hop(s)  ${e.principal}  via ${e.paths[0]?.steps.map((s) => s.technique ?? s.kind).join(' → ')}`);
    io.out(textLines(lines));
  }
  return a.exitCode;
}

export function runTechniques(json: boolean, io: Output): number {
  const all = [...TECHNIQUES, ...EXTRA_TECHNIQUES];
  const catalogue = TECHNIQUES.length;
  const count = (c: string) => TECHNIQUES.filter((t) => t.coverage === c).length;
  const summary = { catalogue, modelled: count('modelled'), modelledWithInventory: count('modelled with inventory'), needsInventory: count('needs inventory'), notYet: count('not yet') };
  if (json) io.out(jsonText({ source: 'pathfinding.cloud (65 AWS paths)', summary, techniques: all }, 2));
  else {
    const lines = [`pathfinding.cloud coverage: ${summary.modelled} modelled, ${summary.modelledWithInventory} modelled when their resource inventory is imported, ${summary.needsInventory} need an inventory Blastmap cannot import yet, ${summary.notYet} not yet (of ${catalogue})`];
    for (const t of all) lines.push(`  ${t.id.padEnd(36)} ${t.coverage.padEnd(24)} ${t.name}${t.note ? `  [${t.note}]` : ''}`);
    io.out(textLines(lines));
  }
  return 0;
}
