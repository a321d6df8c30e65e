#!/usr/bin/env node
/**
 * `npm run bench`: speed and memory of the core (the same code the worker runs), printed as
 * figures. Not a test: nothing here passes or fails on time.
 *  1. the Cloudsplaining example (824 KB, real IAM Vulnerable account): import + analysis;
 *  2. a generated account (5,000 users, 5,000 roles, 20,000 policies): import + analysis,
 *     blast radius of one node, who-can, admin report.
 * Each measurement runs in a fresh process (median of N runs).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const bin = join(root, 'bin', 'blastmap.mjs');
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function measure(file, runs) {
  const results = [];
  for (let i = 0; i < runs; i++) results.push(JSON.parse(execFileSync(process.execPath, [bin, 'bench-analysis', file], { encoding: 'utf8', maxBuffer: 2 ** 28 })));
  const out = { ...results[0] };
  for (const k of Object.keys(out)) if (typeof out[k] === 'number') out[k] = median(results.map((r) => r[k]));
  return out;
}

function report(label, file, r) {
  const mb = statSync(file).size / 1024 / 1024;
  console.log(`\n${label}`);
  console.log(`  file ${mb.toFixed(1)} MB · ${r.nodes} nodes · ${r.edges} edges (after analysis) · ${r.principals} principals`);
  console.log(`  import (parse + graph):          ${r.importMs} ms  (${(mb / (r.importMs / 1000)).toFixed(1)} MB/s)`);
  console.log(`  analysis (catalogue + techniques + reach index): ${r.analysisMs} ms  (techniques ${r.techniquesMs} ms, reach index ${r.reachIndexMs} ms, ${r.reachEdges} reach edges)`);
  console.log(`  escalation edges: ${r.escalationEdges} · principals that can become admin: ${r.escalatesToAdmin}`);
  console.log(`  blast radius of one principal:   ${r.blastRadiusMs} ms (${r.blastRadiusReached} identities reached)`);
  console.log(`  who-can of one identity:         ${r.whoCanMs} ms · admin report: ${r.adminReportMs} ms`);
  console.log(`  peak RSS ${r.peakRssMB} MB`);
}

const cloudsplaining = resolve(root, '../shared/fixtures/public/cloudsplaining/examples/files/example.json');
if (existsSync(cloudsplaining)) report('Cloudsplaining example.json (real IAM Vulnerable GAAD), median of 5', cloudsplaining, measure(cloudsplaining, 5));
else console.log('NOTICE: ../shared/fixtures/public not found; Cloudsplaining figure skipped');

const demo = resolve(root, 'public/demo');
report('The demo environment (AWS account, EKS cluster, GCP project: 21 files), median of 5', join(demo, 'iam-get-account-authorization-details.json'), measure(demo, 5));

const dir = mkdtempSync(join(tmpdir(), 'blastmap-bench-'));
const big = join(dir, 'synthetic-gaad.json');
execFileSync(process.execPath, [bin, 'generate', '--out', big, '--users', '5000', '--roles', '5000', '--policies', '20000'], { stdio: ['ignore', 'ignore', 'inherit'] });
report('Generated account: 5,000 users, 5,000 roles, 20,000 policies, median of 3', big, measure(big, 3));
