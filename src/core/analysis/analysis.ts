/**
 * One analysis of a graph: the AWS model and catalogue, the escalation techniques found (and
 * written into the graph as edges), and the reach index the questions below run on. Re-run it
 * after importing more files.
 */
import type { BlastGraph } from '../graph/graph';
import { AwsModel } from '../providers/aws/model';
import { loadAwsCatalogue, type ActionCatalogue } from '../providers/aws/catalogue/catalogue';
import { detectTechniques, type TechniqueResults } from '../providers/aws/techniques/analyze';
import { applyFindings, clearFindings } from '../providers/aws/apply-findings';
import { ReachIndex } from './reach-index';
import { timed, type Timer } from '../model/timer';

/** Durations, when the host passed a timer (the core reads no clock). */
export interface AnalysisTimings {
  techniquesMs?: number;
  reachIndexMs?: number;
}

export interface Analysis {
  graph: BlastGraph;
  model: AwsModel;
  catalogue: ActionCatalogue;
  techniques: TechniqueResults;
  reach: ReachIndex;
  /** The analysis date every judgement of time was made against (epoch ms). */
  asOf: number;
  timings: AnalysisTimings;
}

export interface AnalyzeOptions {
  /** The analysis date (epoch ms): `aws:CurrentTime` and every age judgement use it. */
  asOf: number;
  catalogue?: ActionCatalogue;
  timer?: Timer;
}

export async function analyze(graph: BlastGraph, opts: AnalyzeOptions): Promise<Analysis> {
  const catalogue = opts.catalogue ?? (await loadAwsCatalogue());
  return analyzeSync(graph, catalogue, opts.asOf, opts.timer);
}

export function analyzeSync(graph: BlastGraph, catalogue: ActionCatalogue, asOf: number, timer?: Timer): Analysis {
  clearFindings(graph);
  const found = timed(timer, () => {
    const model = new AwsModel(graph, { asOf });
    const techniques = detectTechniques(model, catalogue);
    applyFindings(graph, techniques);
    return { model, techniques };
  });
  const reach = timed(timer, () => new ReachIndex(graph));
  const { model, techniques } = found.value;
  return { graph, model, catalogue, techniques, reach: reach.value, asOf, timings: { techniquesMs: found.millis, reachIndexMs: reach.millis } };
}
