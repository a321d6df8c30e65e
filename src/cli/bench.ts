/**
 * `blastmap bench-analysis <exports...> [--admins-out FILE]`: figures of one analysis in-process,
 * as JSON, for scripts/bench.mjs, each beside a baseline measured in the same run:
 *  - import (read, detect, parse, graph) beside plain `JSON.parse` of the same texts;
 *  - analysis (techniques, federation, reach index) and peak memory;
 *  - blast radius and one shortest path to admin beside a plain breadth-first search over the
 *    same typed-array adjacency (the floor any traversal pays). `blastRadiusMs` is what the app's
 *    panel asks for first: the columnar `blastResult` (counts, admins, resources, score) plus the
 *    first page of 100 identity rows; `blastRadiusFullMs` builds every row (`blastRadius`, what
 *    `blast --json` prints); `blastRadiusFirstMs` is the first call, cold (compilation and the
 *    per-analysis node facts included), beside `plainBfsFirstMs`;
 *  - who-can and the admin report.
 * Query figures are medians of 7 runs after 5 warm-up runs (the first, cold, run is reported apart);
 * the blast radius and its plain BFS are measured alternately, 21 samples each (see paired).
 * `--admins-out` writes what `blastmap admins --json` prints, for scripts/check-generated.mjs.
 * Figures, not pass/fail.
 */
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { analyze, adminReport, blastRadius, blastResult, privilegePaths, whoCan, type Analysis } from '../core';
import { findRisks, rankRisks } from '../core/risk/assess';
import { loadSession, type Output } from './analyze';
import { asOfFor, type Flags } from './workspace';
import { expandPaths, readRegularFile, decodeFile } from './files';
import { jsonText } from './terminal-safe';

/**
 * JSON.parse of every JSON file given: the floor an importer of JSON cannot go below. Also by file,
 * and with the reading and decoding the import itself does (the import is timed from the paths):
 * `readMs` is what any tool pays before its `JSON.parse`.
 */
function parseBaseline(paths: string[]): { ms: number; readMs: number; bytes: number; byFile: Map<string, number> } {
  let ms = 0;
  let readMs = 0;
  let bytes = 0;
  const byFile = new Map<string, number>();
  for (const f of expandPaths(paths)) {
    if (!('bytes' in f)) continue;
    const r = performance.now();
    const read = readRegularFile(f.path);
    if (!('bytes' in read)) continue;
    const text = decodeFile(read.bytes);
    bytes += read.bytes.length;
    const s = performance.now();
    readMs += s - r;
    try {
      JSON.parse(text);
    } catch {
      // Not one JSON document (CSV, YAML, concatenated pages): no baseline for it.
    }
    ms += performance.now() - s;
    byFile.set(f.path, performance.now() - s);
  }
  return { ms, readMs, bytes, byFile };
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

/** Milliseconds to 0.1 (0.01 under 10 ms, 0.001 under 1 ms: a plain BFS of 1,000 nodes takes about 10 µs). */
const round = (ms: number) => (ms < 1 ? Math.round(ms * 1000) / 1000 : ms < 10 ? Math.round(ms * 100) / 100 : Math.round(ms * 10) / 10);

function timed<T>(f: () => T): [T, number] {
  const s = performance.now();
  const v = f();
  return [v, performance.now() - s];
}

async function timedAsync<T>(f: () => Promise<T>): Promise<[T, number]> {
  const t = performance.now();
  const v = await f();
  return [v, performance.now() - t];
}

const WARM_UP = 5;
const RUNS = 7;
/** Runs of each of a pair measured against each other (see paired). */
const PAIRED_RUNS = 21;

/**
 * A collection before each measured query, when the host allows it (scripts/bench.mjs runs this
 * with --expose-gc): after an analysis that built a 1.6 GB heap, the collector's incremental
 * marking is charged to whatever allocates next, and would land on some runs of one query and
 * not the other. Both sides of every comparison get the same treatment.
 */
const collect: () => void = (globalThis as { gc?: () => void }).gc ?? (() => {});

/**
 * A query's time once the engine has optimised it: the median of RUNS runs after WARM_UP runs
 * (on a busy machine the optimising compiler takes a few calls). Also the first, cold, run.
 */
function median<T>(f: () => T): { value: T; ms: number; firstMs: number } {
  collect();
  const [value, firstMs] = timed(f);
  for (let i = 1; i < WARM_UP; i++) f();
  const times = Array.from({ length: RUNS }, () => timed(f)[1]).sort((x, y) => x - y);
  return { value, ms: times[Math.floor(RUNS / 2)]!, firstMs };
}

const middle = (times: number[]) => [...times].sort((x, y) => x - y)[Math.floor(times.length / 2)]!;

/** Each measured sample of `paired` lasts at least this long: a 10 µs query is timed over many calls. */
const SAMPLE_MS = 2;

/** Calls per sample so that one sample takes about SAMPLE_MS, from a warm call's time. */
const callsPerSample = (ms: number) => Math.min(10_000, Math.max(1, Math.ceil(SAMPLE_MS / Math.max(ms, 0.0001))));

/** The time of one call, from a sample of `calls` calls. */
function perCall(f: () => unknown, calls: number): number {
  const s = performance.now();
  for (let i = 0; i < calls; i++) f();
  return (performance.now() - s) / calls;
}

/**
 * A query and its baseline measured alternately, PAIRED_RUNS samples each after the warm-up, so
 * that whatever the machine or the collector does in that window falls on both alike; the
 * medians of each. A sample times enough calls to last SAMPLE_MS (a timer read is not free, and
 * a 10 µs BFS would be mostly noise). Also each one's first, cold, run.
 */
function paired<A, B>(a: () => A, b: () => B): [{ value: A; ms: number; firstMs: number }, { value: B; ms: number; firstMs: number }] {
  collect();
  const [va, firstA] = timed(a);
  const [vb, firstB] = timed(b);
  let warmA = firstA;
  let warmB = firstB;
  for (let i = 1; i < WARM_UP; i++) {
    warmA = timed(a)[1];
    warmB = timed(b)[1];
  }
  const ka = callsPerSample(warmA);
  const kb = callsPerSample(warmB);
  const ta: number[] = [];
  const tb: number[] = [];
  for (let i = 0; i < PAIRED_RUNS; i++) {
    ta.push(perCall(a, ka));
    tb.push(perCall(b, kb));
  }
  return [{ value: va, ms: middle(ta), firstMs: firstA }, { value: vb, ms: middle(tb), firstMs: firstB }];
}

/** The rows the app asks for first: the worker answers with the summary and one page. */
const FIRST_PAGE = 100;

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
    const [plain, blast] = paired(
      () => plainBfs(a, from),
      () => {
        const r = blastResult(a, sample!);
        return { r, page: r.identities(0, FIRST_PAGE) };
      },
    );
    const full = median(() => blastRadius(a, sample!));
    const path = median(() => privilegePaths(a, sample!, 'admin', 1));
    const who = median(() => whoCan(a, sample!));
    Object.assign(figures, {
      sample,
      plainBfsMs: round(plain.ms),
      plainBfsReached: plain.value,
      plainBfsFirstMs: round(plain.firstMs),
      blastRadiusMs: round(blast.ms),
      blastRadiusFullMs: round(full.ms),
      blastRadiusFirstMs: round(blast.firstMs),
      blastRadiusReached: blast.value.r.identityCount,
      blastRadiusResources: blast.value.r.resources.length,
      shortestPathMs: round(path.ms),
      shortestPathHops: path.value[0]?.hops,
      whoCanMs: round(who.ms),
    });
  }
  const [report, adminReportMs] = timed(() => adminReport(a));
  // Risk findings (the Risk view's first question) and their ranking (blast radii within the budget).
  const [risk, findRisksMs] = timed(() => findRisks(a));
  const [, rankRisksMs] = timed(() => rankRisks(a, risk));
  // Figures of the import and analysis, before a second batch adds files and analyses.
  const importByFile = session.files.map((f) => ({ file: f.file.split(/[\\/]/).pop(), bytes: f.bytes, importMs: f.millis, jsonParseMs: Math.round(baseline.byFile.get(f.file) ?? NaN) }));
  const peakRssMB = Math.round(process.resourceUsage().maxRSS / 1024);
  // `--add PATH`: a second batch of files added after all that (e.g. another provider's export),
  // re-analysed keeping what it can, beside a re-analysis of everything.
  const add = flags.get('add');
  if (typeof add === 'string') {
    const asOf = a.asOf;
    const files = expandPaths([add]).flatMap((f) => ('bytes' in f ? [f.path] : []));
    session.takeChanged();
    session.addFiles(files.map((path) => ({ name: path, path, text: decodeFile(readFileSync(path)), bytes: statSync(path).size })));
    const [again, reanalysisMs] = await timedAsync(() => analyze(session.graph, { asOf, reuse: { providers: a.providers, asOf, changed: session.takeChanged() } }));
    const [, reanalysisFullMs] = await timedAsync(() => analyze(session.graph, { asOf }));
    Object.assign(figures, { addedFiles: files.length, reanalysisMs: Math.round(reanalysisMs), reanalysisReused: again.reused, reanalysisFullMs: Math.round(reanalysisFullMs) });
  }
  const out = flags.get('admins-out');
  if (typeof out === 'string') writeFileSync(out, jsonText({ asOf: a.asOf, ...report }, 2));
  io.out(
    JSON.stringify({
      nodes: a.graph.order,
      edges: a.graph.size,
      principals: principals.length,
      bytes: baseline.bytes,
      jsonParseMs: Math.round(baseline.ms),
      // Reading and decoding the same files (the import's figure includes them too).
      readMs: Math.round(baseline.readMs),
      importMs: Math.round(t1 - t0),
      // Each file's own import (read, parse, check, importer; not the merge) beside its JSON.parse.
      importByFile,
      analysisMs: Math.round(t2 - t1),
      techniquesMs: Math.round(a.timings.techniquesMs ?? NaN),
      reachIndexMs: Math.round(a.timings.reachIndexMs ?? NaN),
      reachEdges: a.reach.size,
      escalationEdges: a.graph.filterEdges((_, e) => e.kind === 'escalatesTo').length,
      ...figures,
      adminReportMs: Math.round(adminReportMs),
      escalatesToAdmin: report.escalatesToAdmin.length,
      findRisksMs: Math.round(findRisksMs),
      rankRisksMs: Math.round(rankRisksMs),
      findings: risk.findings.length,
      rankedBlastRadii: risk.ranking.filter((r) => !r.blastEstimated).length,
      // Peak of import and analysis (a second batch, when asked, comes after).
      peakRssMB,
    }),
  );
  return 0;
}
