/**
 * `blastmap bench-analysis <exports...> [--admins-out FILE]`: figures of one analysis in-process,
 * as JSON, for scripts/bench.mjs, each beside a baseline measured in the same run:
 *  - import (read, detect, parse, graph) beside plain `JSON.parse` of the same texts;
 *  - analysis (techniques, federation, reach index) and peak memory;
 *  - blast radius and one shortest path to admin beside a plain breadth-first search over the
 *    same typed-array adjacency (the floor any traversal pays);
 *  - who-can and the admin report.
 * `--admins-out` writes what `blastmap admins --json` prints, for scripts/check-generated.mjs.
 * Figures, not pass/fail.
 */
import { writeFileSync } from 'node:fs';
import { analyze, adminReport, blastRadius, privilegePaths, whoCan, type Analysis } from '../core';
import { loadSession, type Output } from './analyze';
import { asOfFor, type Flags } from './workspace';
import { expandPaths, readRegularFile, decodeFile } from './files';
import { jsonText } from './terminal-safe';

/** JSON.parse of every JSON file given: the floor an importer of JSON cannot go below. */
function parseBaseline(paths: string[]): { ms: number; bytes: number } {
  let ms = 0;
  let bytes = 0;
  for (const f of expandPaths(paths)) {
    if (!('bytes' in f)) continue;
    const read = readRegularFile(f.path);
    if (!('bytes' in read)) continue;
    const text = decodeFile(read.bytes);
    bytes += read.bytes.length;
    const s = performance.now();
    try {
      JSON.parse(text);
    } catch {
      // Not one JSON document (CSV, YAML, concatenated pages): no baseline for it.
    }
    ms += performance.now() - s;
  }
  return { ms, bytes };
}

/** The plainest breadth-first search over the reach index's CSR arrays: no paths, no labels. */
function plainBfs(a: Analysis, from: number): number {
  const { fwdStart, fwdTargets } = a.reach;
  const seen = new Uint8Array(a.reach.ids.length);
  const queue = new Int32Array(a.reach.ids.length);
  let head = 0;
  let tail = 0;
  queue[tail++] = from;
  seen[from] = 1;
  while (head < tail) {
    const u = queue[head++]!;
    for (let p = fwdStart[u]!; p < fwdStart[u + 1]!; p++) {
      const v = fwdTargets[p]!;
      if (!seen[v]) {
        seen[v] = 1;
        queue[tail++] = v;
      }
    }
  }
  return tail;
}

const round = (ms: number) => Math.round(ms * 10) / 10;

function timed<T>(f: () => T): [T, number] {
  const s = performance.now();
  const v = f();
  return [v, performance.now() - s];
}

export async function runBenchAnalysis(paths: string[], flags: Flags, io: Output): Promise<number> {
  const baseline = parseBaseline(paths);
  const t0 = performance.now();
  const { session } = loadSession(paths);
  const t1 = performance.now();
  const a = await analyze(session.graph, { asOf: asOfFor(session, flags).ms, timer: () => performance.now() });
  const t2 = performance.now();
  const principals = [...a.providers.values()].flatMap((p) => [...p.principals()]);
  // The sample: the principal that escalates with the largest direct reach (or the first one).
  let sample = principals[0];
  let best = -1;
  for (const p of principals) {
    let n = 0;
    a.graph.forEachOutEdge(p, (_, e) => {
      if (e.kind === 'escalatesTo') n++;
    });
    if (n > best) [sample, best] = [p, n];
  }
  const figures: Record<string, unknown> = {};
  if (sample) {
    const from = a.reach.index.get(sample)!;
    plainBfs(a, from); // warm-up, as blast radius below runs after the analysis warmed its code
    const [reachedPlain, bfsMs] = timed(() => plainBfs(a, from));
    const [br, blastMs] = timed(() => blastRadius(a, sample!));
    const [paths, pathMs] = timed(() => privilegePaths(a, sample!, 'admin', 1));
    const [, whoCanMs] = timed(() => whoCan(a, sample!));
    Object.assign(figures, {
      sample,
      plainBfsMs: round(bfsMs),
      plainBfsReached: reachedPlain,
      blastRadiusMs: round(blastMs),
      blastRadiusReached: br.identities.length,
      blastRadiusResources: br.resources.length,
      shortestPathMs: round(pathMs),
      shortestPathHops: paths[0]?.hops,
      whoCanMs: round(whoCanMs),
    });
  }
  const [report, adminReportMs] = timed(() => adminReport(a));
  const out = flags.get('admins-out');
  if (typeof out === 'string') writeFileSync(out, jsonText({ asOf: a.asOf, ...report }, 2));
  io.out(
    JSON.stringify({
      nodes: a.graph.order,
      edges: a.graph.size,
      principals: principals.length,
      bytes: baseline.bytes,
      jsonParseMs: Math.round(baseline.ms),
      importMs: Math.round(t1 - t0),
      analysisMs: Math.round(t2 - t1),
      techniquesMs: Math.round(a.timings.techniquesMs ?? NaN),
      reachIndexMs: Math.round(a.timings.reachIndexMs ?? NaN),
      reachEdges: a.reach.size,
      escalationEdges: a.graph.filterEdges((_, e) => e.kind === 'escalatesTo').length,
      ...figures,
      adminReportMs: Math.round(adminReportMs),
      escalatesToAdmin: report.escalatesToAdmin.length,
      peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
    }),
  );
  return 0;
}
