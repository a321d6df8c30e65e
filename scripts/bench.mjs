#!/usr/bin/env node
/**
 * `npm run bench`: import speed and memory of the CLI (the same core the worker runs), printed
 * as figures. Not a test: nothing here passes or fails on time.
 *  1. the Cloudsplaining example (824 KB, real), 7 runs, median;
 *  2. a generated account (5,000 users, 5,000 roles, 20,000 policies), 3 runs, median.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const bin = join(root, 'bin', 'blastmap.mjs');
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function analyze(file, runs) {
  const inProcess = [];
  const wall = [];
  let last;
  for (let i = 0; i < runs; i++) {
    const t = process.hrtime.bigint();
    last = JSON.parse(execFileSync(process.execPath, [bin, 'analyze', file, '--json'], { maxBuffer: 2 ** 31 - 1, encoding: 'utf8' }));
    wall.push(Number(process.hrtime.bigint() - t) / 1e6);
    inProcess.push(last.millis);
  }
  return { importMs: median(inProcess), wallMs: Math.round(median(wall)), peakRssMB: last.peakRssMB, nodes: last.stats.nodes, edges: last.stats.edges };
}

function report(label, file, r) {
  const mb = statSync(file).size / 1024 / 1024;
  console.log(`${label}\n  file ${mb.toFixed(1)} MB · ${r.nodes} nodes · ${r.edges} edges`);
  console.log(`  import (read, parse, build graph): ${r.importMs} ms median  (${(mb / (r.importMs / 1000)).toFixed(1)} MB/s)`);
  console.log(`  whole CLI process incl. Node start and JSON output: ${r.wallMs} ms · peak RSS ${r.peakRssMB} MB`);
}

const cloudsplaining = resolve(root, '../shared/fixtures/public/cloudsplaining/examples/files/example.json');
if (existsSync(cloudsplaining)) report('Cloudsplaining example.json (real GAAD)', cloudsplaining, analyze(cloudsplaining, 7));
else console.log('NOTICE: ../shared/fixtures/public not found; Cloudsplaining figure skipped');

const dir = mkdtempSync(join(tmpdir(), 'blastmap-bench-'));
const big = join(dir, 'synthetic-gaad.json');
execFileSync(process.execPath, [bin, 'generate', '--out', big, '--users', '5000', '--roles', '5000', '--policies', '20000'], { stdio: ['ignore', 'ignore', 'inherit'] });
report('Generated account: 5,000 users, 5,000 roles, 20,000 policies', big, analyze(big, 3));
