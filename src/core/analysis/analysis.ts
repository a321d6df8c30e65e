/**
 * One analysis of a graph: the AWS model and catalogue, the escalation techniques found (and
 * written into the graph as edges), and the reach index the questions below run on. Re-run it
 * after importing more files.
 */
import type { BlastGraph } from '../graph/graph';
import { AwsModel } from '../aws/model';
import { loadAwsCatalogue, type ActionCatalogue } from '../aws/catalogue/catalogue';
import { detectTechniques, type TechniqueResults } from '../aws/techniques/analyze';
import { applyFindings, clearFindings } from '../aws/apply-findings';
import { ReachIndex } from './reach-index';

export interface AnalysisTimings {
  techniquesMs: number;
  reachIndexMs: number;
}

export interface Analysis {
  graph: BlastGraph;
  model: AwsModel;
  catalogue: ActionCatalogue;
  techniques: TechniqueResults;
  reach: ReachIndex;
  timings: AnalysisTimings;
}

export interface AnalyzeOptions {
  now?: number;
  catalogue?: ActionCatalogue;
}

export async function analyze(graph: BlastGraph, opts: AnalyzeOptions = {}): Promise<Analysis> {
  const catalogue = opts.catalogue ?? (await loadAwsCatalogue());
  return analyzeSync(graph, catalogue, opts.now);
}

export function analyzeSync(graph: BlastGraph, catalogue: ActionCatalogue, now?: number): Analysis {
  clearFindings(graph);
  const t0 = performance.now();
  const model = new AwsModel(graph, { now });
  const techniques = detectTechniques(model, catalogue);
  applyFindings(graph, techniques);
  const t1 = performance.now();
  const reach = new ReachIndex(graph);
  const t2 = performance.now();
  return { graph, model, catalogue, techniques, reach, timings: { techniquesMs: t1 - t0, reachIndexMs: t2 - t1 } };
}
