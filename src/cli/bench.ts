/**
 * `blastmap bench-analysis FILE`: timings of one analysis in-process (import, techniques, reach
 * index, blast radius of the principal with the largest reach, one who-can, admin report), as
 * JSON, for scripts/bench.mjs. Figures, not pass/fail.
 */
import { analyze, adminReport, blastRadius, whoCan } from '../core';
import { loadSession, type Output } from './analyze';
import { asOfFor, type Flags } from './workspace';

export async function runBenchAnalysis(paths: string[], flags: Flags, io: Output): Promise<number> {
  const t0 = performance.now();
  const { session } = loadSession(paths);
  const t1 = performance.now();
  const a = await analyze(session.graph, { asOf: asOfFor(session, flags).ms, timer: () => performance.now() });
  const t2 = performance.now();
  const principals = [...a.providers.values()].flatMap((p) => [...p.principals()]);
  // The blast radius of a principal that escalates (or the first one) as the sample node.
  const sample = principals.find((p) => a.graph.outEdges(p).some((e) => a.graph.getEdgeAttribute(e, 'kind') === 'escalatesTo')) ?? principals[0];
  let blastMs: number | undefined;
  let reached: number | undefined;
  if (sample) {
    const s = performance.now();
    const br = blastRadius(a, sample);
    blastMs = performance.now() - s;
    reached = br.identities.length;
  }
  const w0 = performance.now();
  if (sample) whoCan(a, sample);
  const w1 = performance.now();
  const report = adminReport(a);
  const w2 = performance.now();
  io.out(
    JSON.stringify({
      nodes: a.graph.order,
      edges: a.graph.size,
      principals: principals.length,
      importMs: Math.round(t1 - t0),
      analysisMs: Math.round(t2 - t1),
      techniquesMs: Math.round(a.timings.techniquesMs ?? NaN),
      reachIndexMs: Math.round(a.timings.reachIndexMs ?? NaN),
      reachEdges: a.reach.size,
      escalationEdges: a.graph.filterEdges((_, e) => e.kind === 'escalatesTo').length,
      blastRadiusMs: blastMs === undefined ? undefined : Math.round(blastMs * 10) / 10,
      blastRadiusReached: reached,
      whoCanMs: Math.round((w1 - w0) * 10) / 10,
      adminReportMs: Math.round(w2 - w1),
      escalatesToAdmin: report.escalatesToAdmin.length,
      peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
    }),
  );
  return 0;
}
