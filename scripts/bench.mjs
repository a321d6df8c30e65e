#!/usr/bin/env node
/**
 * `npm run bench`: speed and memory of the core (the same code the worker runs), printed as
 * figures. Not a test: nothing here passes or fails on time.
 *  1. the Cloudsplaining example (824 KB, real IAM Vulnerable account): import + analysis;
 *  2. the demo environment;
 *  3. realistic generated accounts of 1,000 / 10,000 / 100,000 principals (BLASTMAP_BENCH_SIZES
 *     overrides): import beside JSON.parse of the same bytes, analysis, peak memory, blast radius
 *     and shortest path beside a plain BFS over the same typed-array adjacency, who-can; and the
 *     generator's planted paths and decoys checked against the analysis.
 * Each measurement runs in a fresh process (median of N runs).
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const bin = join(root, 'bin', 'blastmap.mjs');
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function measure(file, runs) {
  const results = [];
  for (let i = 0; i < runs; i++) results.push(JSON.parse(execFileSync(process.execPath, ['--expose-gc', bin, 'bench-analysis', file], { encoding: 'utf8', maxBuffer: 2 ** 28 })));
  const out = { ...results[0] };
  for (const k of Object.keys(out)) if (typeof out[k] === 'number') out[k] = median(results.map((r) => r[k]));
  return out;
}

function report(label, file, r) {
  const mb = statSync(file).size / 1024 / 1024;
  console.log(`\n${label}`);
  console.log(`  file ${mb.toFixed(1)} MB · ${r.nodes} nodes · ${r.edges} edges (after analysis) · ${r.principals} principals`);
  console.log(`  import (read + parse + graph):   ${r.importMs} ms  (${(mb / (r.importMs / 1000)).toFixed(1)} MB/s; JSON.parse of the same bytes ${r.jsonParseMs} ms, ${r.jsonParseMs + r.readMs} ms with reading them)`);
  console.log(`  analysis (catalogue + techniques + reach index): ${r.analysisMs} ms  (techniques ${r.techniquesMs} ms, reach index ${r.reachIndexMs} ms, ${r.reachEdges} reach edges)`);
  console.log(`  escalation edges: ${r.escalationEdges} · principals that can become admin: ${r.escalatesToAdmin}`);
  console.log(`  blast radius of one principal:   ${r.blastRadiusMs} ms (${r.blastRadiusReached} identities, ${r.blastRadiusResources} resources reached; plain BFS ${r.plainBfsMs} ms)`);
  console.log(`  who-can of one identity:         ${r.whoCanMs} ms · admin report: ${r.adminReportMs} ms`);
  console.log(`  risk findings: ${r.findings} in ${r.findRisksMs} ms, ranked in ${r.rankRisksMs} ms (${r.rankedBlastRadii} blast radii; beside the analysis's ${r.analysisMs} ms)`);
  console.log(`  peak RSS ${r.peakRssMB} MB`);
}

const cloudsplaining = resolve(root, '../shared/fixtures/public/cloudsplaining/examples/files/example.json');
if (existsSync(cloudsplaining)) report('Cloudsplaining example.json (real IAM Vulnerable GAAD), median of 5', cloudsplaining, measure(cloudsplaining, 5));
else console.log('NOTICE: ../shared/fixtures/public not found; Cloudsplaining figure skipped');

const demo = resolve(root, 'public/demo');
report('The demo environment (AWS account, EKS cluster, GCP project: 21 files), median of 5', join(demo, 'iam-get-account-authorization-details.json'), measure(demo, 5));

// Scale: realistic generated accounts (policy mixes with conditions, NotAction power users with an
// MFA deny, boundaries, group policies, account-root trusts, role chains) with planted escalation
// paths and look-alike decoys, each checked against the generator's expected answers.
// A second batch added after the analysis: the demo's GCP project (another provider's exports).
const demoGcp = mkdtempSync(join(tmpdir(), 'blastmap-bench-gcp-'));
for (const f of readdirSync(demo)) if (/^(gcp-|northwind-analytics\.|terraform-gcp@|keys-bq-loader@)/.test(f)) copyFileSync(join(demo, f), join(demoGcp, f));
const sizes = (process.env.BLASTMAP_BENCH_SIZES ?? '1000,10000,100000').split(',').map(Number);
const dir = mkdtempSync(join(tmpdir(), 'blastmap-bench-'));
const rows = [];
for (const n of sizes) {
  const acct = join(dir, `account-${n}`);
  execFileSync(process.execPath, [bin, 'generate', '--principals', String(n), '--seed', '7', '--out', acct], { stdio: ['ignore', 'ignore', 'inherit'] });
  const admins = join(acct, 'admins.json');
  const r = JSON.parse(execFileSync(process.execPath, ['--max-old-space-size=8000', '--expose-gc', bin, 'bench-analysis', join(acct, 'gaad.json'), join(acct, 'credential-report.json'), '--admins-out', admins, '--add', demoGcp], { encoding: 'utf8', maxBuffer: 2 ** 28 }));
  let check;
  try {
    check = execFileSync(process.execPath, [join(root, 'scripts', 'check-generated.mjs'), acct, '--admins', admins], { encoding: 'utf8' });
  } catch (e) {
    check = `${e.stdout ?? ''}FAILED`;
  }
  const verdict = check.split('\n').find((l) => l.startsWith('planted paths found')) ?? 'no verdict';
  rows.push({ n, r, verdict: `${verdict}${check.includes('FAILED') || !check.includes('OK:') ? ' — CHECK FAILED' : ''}`, mb: (r.bytes / 1024 / 1024).toFixed(1) });
}
const x = (a, b) => (b > 0 ? `${(a / b).toFixed(1)}x` : 'n/a');
console.log('\nRealistic generated accounts (seed 7), one run each');
// The import is timed from the paths (read, decode, parse, graph): beside JSON.parse alone, and
// beside reading, decoding and JSON.parse of the same files, what any JSON tool starts with.
console.log('| principals | input | JSON.parse (read + decode + parse) | import (x parse; x read + parse) | analysis | peak RSS | escalation edges | blast radius, first 100 rows (x plain BFS) | every row | shortest path | who-can |');
console.log('|---|---|---|---|---|---|---|---|---|---|---|');
const readParse = (r) => r.jsonParseMs + r.readMs;
for (const { n, r, mb } of rows) {
  console.log(`| ${n.toLocaleString('en')} | ${mb} MB | ${r.jsonParseMs} ms (${readParse(r)} ms) | ${r.importMs} ms (${x(r.importMs, r.jsonParseMs)}; ${x(r.importMs, readParse(r))}) | ${(r.analysisMs / 1000).toFixed(1)} s | ${(r.peakRssMB / 1024).toFixed(2)} GB | ${r.escalationEdges} | ${r.blastRadiusMs} ms vs ${r.plainBfsMs} ms (${x(r.blastRadiusMs, r.plainBfsMs)}), ${r.blastRadiusReached} identities | ${r.blastRadiusFullMs} ms (first call ${r.blastRadiusFirstMs} ms) | ${r.shortestPathMs} ms | ${r.whoCanMs} ms |`);
}
for (const { n, verdict } of rows) console.log(`  ${n.toLocaleString('en')} principals: ${verdict}`);
// The import by file: the GAAD is JSON read as JSON; the credential report is CSV in base64 inside
// one JSON string, so its JSON.parse says little about what reading it costs.
for (const { n, r } of rows) {
  const files = (r.importByFile ?? []).map((f) => `${f.file} ${f.importMs} ms vs JSON.parse ${f.jsonParseMs} ms (${x(f.importMs, f.jsonParseMs)})`);
  console.log(`  ${n.toLocaleString('en')} principals, import by file: ${files.join('; ')}`);
}
console.log('\nA second batch added (the demo\'s GCP project, 4 files) and the workspace analysed again');
console.log('| principals | re-analysis keeping what did not change | analyses kept | re-analysis of everything |');
console.log('|---|---|---|---|');
for (const { n, r } of rows) console.log(`| ${n.toLocaleString('en')} | ${r.reanalysisMs} ms | ${(r.reanalysisReused ?? []).join(', ') || 'none'} | ${r.reanalysisFullMs} ms |`);
console.log('\nRisk findings (OWASP NHI rules of every provider) beside the analysis they read');
console.log('| principals | analysis | findings (x analysis) | ranking (blast radii) | findings |');
console.log('|---|---|---|---|---|');
for (const { n, r } of rows) console.log(`| ${n.toLocaleString('en')} | ${(r.analysisMs / 1000).toFixed(1)} s | ${r.findRisksMs} ms (${x(r.findRisksMs, r.analysisMs)}) | ${r.rankRisksMs} ms (${r.rankedBlastRadii}) | ${r.findings.toLocaleString('en')} |`);
