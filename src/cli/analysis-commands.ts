/**
 * The analysis subcommands: can, blast, paths, who-can, admins, techniques. Each loads the
 * exports, runs the same analysis as the app, and prints text or (--json) one JSON document.
 */
import { readFileSync } from 'node:fs';
import { adminReport, awsAnalysisOf, blastRadius, privilegePaths, whoCan, TECHNIQUES, EXTRA_TECHNIQUES, type Analysis, type AsOf, type AwsAnalysis, type Decision, type PrivilegePath } from '../core';
import type { Output } from './analyze';
import { UsageError } from './args';
import { asOfLine, fromId, loadWorkspace, type Flags } from './workspace';

function need(flags: Flags, name: string): string {
  const v = flags.get(name);
  if (typeof v !== 'string' || !v) throw new UsageError(`--${name} is required`);
  return v;
}

async function load(paths: readonly string[], flags: Flags): Promise<Analysis & { asOf: number; asOfInfo: AsOf }> {
  const { session, analysis, asOf } = await loadWorkspace(paths, flags);
  const rejected = session.files.filter((f) => f.status === 'rejected');
  for (const f of rejected) process.stderr.write(`blastmap: ${f.errors.join('; ')}\n`);
  return { ...analysis, asOfInfo: asOf };
}

function requireNode(a: Analysis, id: string, flag: string): void {
  if (!a.graph.hasNode(id)) throw new UsageError(`--${flag} ${id}: no such node in the imported exports`);
}

function decisionText(d: Decision): string {
  const lines = [`${d.decision.toUpperCase()}: ${d.principal} ${d.action} ${d.resource}`];
  for (const m of d.deniedBy) lines.push(`  denied by ${m.source} ${m.ref.policyName} statement ${m.ref.statement}${m.result === 'unknown' ? ` (if: ${m.ref.condition})` : ''}`);
  for (const m of d.allowedBy) lines.push(`  allowed by ${m.source} ${m.ref.policyName} statement ${m.ref.statement}${m.result === 'unknown' ? ` (only if: ${m.ref.condition}; not evaluated: ${m.unknownKeys.join(', ')})` : ''}`);
  if (d.boundary !== undefined) lines.push(`  permission boundary: ${d.boundary === true ? 'allows' : d.boundary === false ? 'does not allow' : 'conditional'}`);
  if (d.scp !== undefined) lines.push(`  SCPs: ${d.scp === true ? 'allow' : d.scp === false ? 'do not allow' : 'conditional'}`);
  for (const n of d.notes) lines.push(`  note: ${n}`);
  return lines.join('\n');
}

export async function runCan(paths: string[], flags: Flags, json: boolean, io: Output): Promise<number> {
  const a = await load(paths, flags);
  const aws = awsAnalysisOf(a);
  if (!aws) throw new UsageError('`can` evaluates AWS requests: the exports hold no AWS identities');
  const asOf = a.asOfInfo.time;
  const batch = flags.get('batch');
  if (typeof batch === 'string') {
    const lines = readFileSync(batch, 'utf8').split(/\r?\n/).filter((l) => l.trim());
    lines.forEach((line, i) => {
      let req: { principal?: unknown; action?: unknown; resource?: unknown };
      try {
        req = JSON.parse(line);
      } catch {
        io.out(JSON.stringify({ line: i + 1, error: 'not valid JSON' }));
        return;
      }
      if (typeof req.principal !== 'string' || typeof req.action !== 'string' || typeof req.resource !== 'string') {
        io.out(JSON.stringify({ line: i + 1, error: 'needs "principal", "action" and "resource" strings' }));
        return;
      }
      if (!a.graph.hasNode(req.principal)) {
        io.out(JSON.stringify({ line: i + 1, principal: req.principal, error: 'no such principal in the exports' }));
        return;
      }
      io.out(JSON.stringify({ asOf, ...aws.model.can(req.principal, req.action, req.resource) }));
    });
    return 0;
  }
  const principal = need(flags, 'principal');
  requireNode(a, principal, 'principal');
  const d = (aws as AwsAnalysis).model.can(principal, need(flags, 'action'), need(flags, 'resource'));
  io.out(json ? JSON.stringify({ asOf: a.asOfInfo, ...d }, null, 2) : `${decisionText(d)}\n${asOfLine(a.asOfInfo)}`);
  return 0;
}

export async function runBlast(paths: string[], flags: Flags, json: boolean, io: Output): Promise<number> {
  const a = await load(paths, flags);
  need(flags, 'from');
  const from = fromId(flags)!;
  requireNode(a, from, 'from');
  const br = blastRadius(a, from);
  if (json) {
    io.out(JSON.stringify({ asOf: a.asOfInfo, ...br }, null, 2));
    return 0;
  }
  const lines = [`Blast radius of ${from}: score ${br.score}/100`, asOfLine(a.asOfInfo)];
  for (const x of br.admins) lines.push(`  ADMIN: ${x.name} (${x.provider}, ${x.hops} hop(s)${x.conditional ? ', conditional' : ''})`);
  lines.push(`  identities reached: ${br.identities.length}`);
  for (const i of br.identities.slice(0, 50)) lines.push(`    ${i.hops} hop(s)  ${i.provider.padEnd(10)} ${i.kind.padEnd(18)} ${i.id}${i.conditional ? '  (conditional)' : ''}`);
  if (br.identities.length > 50) lines.push(`    … ${br.identities.length - 50} more (--json lists all)`);
  lines.push(`  resources reached: ${br.resources.length}  by access level: ${JSON.stringify(br.byAccessLevel)}  by service: ${JSON.stringify(br.byService)}`);
  for (const r of br.resources.slice(0, 50)) lines.push(`    ${r.levels.join(', ').padEnd(40)} ${r.id}${r.conditionalOnly ? '  (conditional)' : ''}`);
  io.out(lines.join('\n'));
  return 0;
}

function pathText(p: PrivilegePath, i: number): string {
  const lines = [`Path ${i + 1}: ${p.hops} hop(s)${p.conditionalSteps ? `, ${p.conditionalSteps} conditional` : ''}`];
  for (const s of p.steps) {
    lines.push(`  ${s.conditional ? '?' : '-'} ${s.explanation}`);
    for (const ev of s.evidence.slice(0, 4)) lines.push(`      ${ev.file}: ${ev.location}${ev.condition ? ` if ${ev.condition}` : ''}${ev.note ? ` (${ev.note})` : ''}`);
  }
  return lines.join('\n');
}

export async function runPaths(paths: string[], flags: Flags, json: boolean, io: Output): Promise<number> {
  const a = await load(paths, flags);
  need(flags, 'from');
  const from = fromId(flags)!;
  const to = need(flags, 'to');
  requireNode(a, from, 'from');
  if (to !== 'admin') requireNode(a, to, 'to');
  const k = flags.has('k') ? Number(flags.get('k')) : 3;
  if (!Number.isInteger(k) || k < 1 || k > 50) throw new UsageError('--k needs a number from 1 to 50');
  const found = privilegePaths(a, from, to, k);
  if (json) io.out(JSON.stringify({ asOf: a.asOfInfo, from, to, paths: found }, null, 2));
  else io.out(`${found.length ? found.map(pathText).join('\n\n') : `No path from ${from} to ${to}.`}\n${asOfLine(a.asOfInfo)}`);
  return 0;
}

export async function runWhoCan(paths: string[], flags: Flags, json: boolean, io: Output): Promise<number> {
  const a = await load(paths, flags);
  const to = need(flags, 'to');
  requireNode(a, to, 'to');
  const action = typeof flags.get('action') === 'string' ? (flags.get('action') as string) : undefined;
  const w = whoCan(a, to, action);
  if (json) io.out(JSON.stringify({ asOf: a.asOfInfo, ...w }, null, 2));
  else {
    const lines = [`Who can reach ${to}${action ? ` (${action})` : ''}: ${w.reachers.length}`, asOfLine(a.asOfInfo)];
    if (w.direct.length) lines.push(`  directly: ${w.direct.join(', ')}`);
    for (const r of w.reachers) lines.push(`  ${r.hops} hop(s)  ${r.kind.padEnd(16)} ${r.id}`);
    io.out(lines.join('\n'));
  }
  return 0;
}

export async function runAdmins(paths: string[], flags: Flags, json: boolean, io: Output): Promise<number> {
  const a = await load(paths, flags);
  const r = adminReport(a);
  if (json) io.out(JSON.stringify({ asOf: a.asOfInfo, ...r }, null, 2));
  else {
    const lines = [asOfLine(a.asOfInfo), `Admin-equivalent: ${r.admins.length}`, ...r.admins.map((x) => `  ${x}`)];
    if (r.conditionalAdmins.length) lines.push(`Admin-equivalent under conditions: ${r.conditionalAdmins.length}`, ...r.conditionalAdmins.map((x) => `  ${x}`));
    lines.push(`Can escalate to admin: ${r.escalatesToAdmin.length}`);
    for (const e of r.escalatesToAdmin) lines.push(`  ${e.paths[0]?.hops ?? '?'} hop(s)  ${e.principal}  via ${e.paths[0]?.steps.map((s) => s.technique ?? s.kind).join(' → ')}`);
    io.out(lines.join('\n'));
  }
  return 0;
}

export function runTechniques(json: boolean, io: Output): number {
  const all = [...TECHNIQUES, ...EXTRA_TECHNIQUES];
  const catalogue = TECHNIQUES.length;
  const count = (c: string) => TECHNIQUES.filter((t) => t.coverage === c).length;
  const summary = { catalogue, modelled: count('modelled'), modelledWithInventory: count('modelled with inventory'), needsInventory: count('needs inventory'), notYet: count('not yet') };
  if (json) io.out(JSON.stringify({ source: 'pathfinding.cloud (65 AWS paths)', summary, techniques: all }, null, 2));
  else {
    const lines = [`pathfinding.cloud coverage: ${summary.modelled} modelled, ${summary.modelledWithInventory} modelled when their resource inventory is imported, ${summary.needsInventory} need an inventory Blastmap cannot import yet, ${summary.notYet} not yet (of ${catalogue})`];
    for (const t of all) lines.push(`  ${t.id.padEnd(36)} ${t.coverage.padEnd(24)} ${t.name}${t.note ? `  [${t.note}]` : ''}`);
    io.out(lines.join('\n'));
  }
  return 0;
}
