#!/usr/bin/env node
/**
 * Checks the analysis of a generated account against its planted answers:
 *
 *   node bin/blastmap.mjs generate --principals 5000 --seed 7 --out /tmp/acct
 *   node scripts/check-generated.mjs /tmp/acct [--lenient]
 *
 * Runs the built CLI once (`blastmap admins DIR/gaad.json DIR/credential-report.json --json`) and
 * checks, from DIR/expected.json:
 *  - every planted start can become admin, unconditionally, in the planted number of hops (steps
 *    from an identity set to its member are not counted: they are how the graph groups targets),
 *    with a first step by one of the planted techniques;
 *  - no decoy is reported as admin or as able to become admin;
 *  - every planted admin is admin (and the MFA-bound admins are admins under conditions);
 *  - nothing else is reported (the background of the account grants no escalation): unexpected
 *    admins or escalators fail the check too, unless --lenient (then they are listed only).
 * Prints a table; exits 1 on any miss, 2 on bad usage.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const lenient = args.includes('--lenient');
const dir = args.find((a, i) => !a.startsWith('--') && args[i - 1] !== '--admins');
if (!dir || !existsSync(join(dir, 'expected.json'))) {
  console.error('usage: node scripts/check-generated.mjs DIR [--lenient]   (DIR written by `blastmap generate --principals N --out DIR`)');
  process.exit(2);
}
const bin = join(root, 'bin', 'blastmap.mjs');
const expected = JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8'));

const started = Date.now();
let report;
// --admins FILE: a report already written (by `blastmap bench-analysis --admins-out FILE`).
const given = args.indexOf('--admins');
try {
  const text = given >= 0 ? readFileSync(args[given + 1], 'utf8') : execFileSync(process.execPath, [bin, 'admins', join(dir, 'gaad.json'), join(dir, 'credential-report.json'), '--json'], { encoding: 'utf8', maxBuffer: 2 ** 30, stdio: ['ignore', 'pipe', 'inherit'] });
  report = JSON.parse(text);
} catch (e) {
  console.error(`blastmap admins failed: ${e.message}`);
  process.exit(1);
}
const seconds = ((Date.now() - started) / 1000).toFixed(1);

const escalates = new Map(report.escalatesToAdmin.map((e) => [e.principal, e]));
const admins = new Set(report.admins);
const conditionalAdmins = new Set(report.conditionalAdmins);
/** Hops an attacker takes: a step from an identity set to one of its members is not one. */
const actions = (path) => path.steps.filter((s) => s.kind !== 'setMember').length;
const short = (arn) => arn.replace(/^arn:aws:iam::\d{12}:/, '');
const failures = [];
const rows = [];

for (const p of expected.planted) {
  const e = escalates.get(p.start);
  const path = e?.paths?.[0];
  const first = path?.steps?.[0]?.technique ?? path?.steps?.[0]?.kind;
  const hops = path && actions(path);
  const problems = [];
  if (!path) problems.push('not reported as able to become admin');
  else {
    if (hops !== p.hops) problems.push(`${hops} hops, expected ${p.hops}`);
    if (path.conditionalSteps) problems.push(`${path.conditionalSteps} conditional step(s)`);
    if (!p.firstStep.includes(first)) problems.push(`first step ${first}, expected ${p.firstStep.join(' or ')}`);
  }
  for (const v of p.via) if (!escalates.has(v)) problems.push(`${short(v)} on the way is not reported`);
  rows.push([p.id, short(p.start), `${p.hops} / ${p.firstStep.join('|')}`, path ? `${hops} / ${path.steps.map((s) => s.technique ?? s.kind).join(' → ')}` : '-', problems.length ? `MISS: ${problems.join('; ')}` : 'ok']);
  if (problems.length) failures.push(`${p.id} ${p.start}: ${problems.join('; ')}`);
}

for (const d of expected.decoys) {
  const problems = [];
  if (admins.has(d.principal)) problems.push('reported as admin');
  if (conditionalAdmins.has(d.principal)) problems.push('reported as admin under conditions');
  const e = escalates.get(d.principal);
  if (e) problems.push(`reported as able to become admin via ${e.paths[0]?.steps.map((s) => s.technique ?? s.kind).join(' → ')}${e.paths[0]?.conditionalSteps ? ' (conditional)' : ''}`);
  rows.push([d.id, short(d.principal), 'not admin', e ? `${e.paths[0]?.hops} hop(s)` : admins.has(d.principal) || conditionalAdmins.has(d.principal) ? 'admin' : 'not admin', problems.length ? `FALSE POSITIVE: ${problems.join('; ')}` : 'ok']);
  if (problems.length) failures.push(`${d.id} ${d.principal}: ${problems.join('; ')}`);
}

for (const a of expected.admins) if (!admins.has(a)) failures.push(`admin ${a} is not reported as admin${conditionalAdmins.has(a) ? ' (only under conditions)' : ''}`);
for (const a of expected.conditionalAdmins) if (!conditionalAdmins.has(a) && !admins.has(a)) failures.push(`admin under conditions ${a} is not reported as admin`);

const expectedAdmins = new Set([...expected.admins, ...expected.conditionalAdmins]);
const expectedEscalators = new Set(expected.escalators);
const unexpected = [];
for (const a of [...admins, ...conditionalAdmins]) if (!expectedAdmins.has(a)) unexpected.push(`unexpected admin ${a}`);
for (const [p, e] of escalates) {
  if (!expectedEscalators.has(p)) unexpected.push(`unexpected escalation: ${p} via ${e.paths[0]?.steps.map((s) => `${s.technique ?? s.kind} → ${short(s.to)}`).join(', ')}${e.paths[0]?.conditionalSteps ? ' (conditional)' : ''}`);
}

const widths = [0, 1, 2, 3].map((i) => Math.min(60, Math.max(...rows.map((r) => r[i].length), 8)));
const cut = (s, w) => (s.length > w ? `${s.slice(0, w - 1)}…` : s.padEnd(w));
console.log(`${expected.principals} principals (seed ${expected.seed}, account ${expected.account}): analysis by the CLI in ${seconds} s`);
console.log(['id', 'principal', 'expected (hops / first)', 'reported'].map((h, i) => cut(h, widths[i])).join('  ') + '  result');
for (const r of rows) console.log(r.slice(0, 4).map((c, i) => cut(c, widths[i])).join('  ') + '  ' + r[4]);
console.log(`\nplanted paths found: ${expected.planted.length - expected.planted.filter((p) => failures.some((f) => f.startsWith(p.id + ' '))).length}/${expected.planted.length}; decoys not reported: ${expected.decoys.length - expected.decoys.filter((d) => failures.some((f) => f.startsWith(d.id + ' '))).length}/${expected.decoys.length}; admins: ${report.admins.length} reported, ${expected.admins.length} planted; under conditions: ${report.conditionalAdmins.length} reported, ${expected.conditionalAdmins.length} planted; escalators: ${escalates.size} reported, ${expectedEscalators.size} expected`);
if (unexpected.length) {
  console.log(`\n${unexpected.length} finding(s) not planted${lenient ? ' (--lenient: not counted as failures)' : ''}:`);
  for (const u of unexpected.slice(0, 50)) console.log(`  ${u}`);
  if (unexpected.length > 50) console.log(`  … ${unexpected.length - 50} more`);
  if (!lenient) failures.push(...unexpected);
}
if (failures.length) {
  console.log(`\nFAILED: ${failures.length} problem(s)`);
  for (const f of failures.slice(0, 100)) console.log(`  ${f}`);
  process.exit(1);
}
console.log('\nOK: every planted path found, no decoy reported, admins as planted');
