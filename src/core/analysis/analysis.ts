/**
 * One analysis of a graph: each provider present evaluates its part (escalation edges and admin
 * nodes written into the graph), then the reach index the questions below run on is built over
 * every provider's edges. Re-run it after importing more files or changing the analysis date.
 */
import type { BlastGraph } from '../graph/graph';
import { ReachIndex } from './reach-index';
import { timed, type Timer } from '../model/timer';
import { PROVIDERS } from '../providers';
import type { PotentialFinding, ProviderAnalysis } from '../providers/types';
import { clearDerived } from './derived';
import { linkFederations, type FederationNote, type OidcStart } from '../federation';
import { applyWorkspaceMappings, linkSecretCredentials, type SecretMapping } from './secret-unlocks';

/** Durations, when the host passed a timer (the core reads no clock). */
export interface AnalysisTimings {
  techniquesMs?: number;
  reachIndexMs?: number;
}

export interface Analysis {
  graph: BlastGraph;
  /** Each provider's analysis, by provider id (only providers with nodes in the graph). */
  providers: ReadonlyMap<string, ProviderAnalysis>;
  reach: ReachIndex;
  /** Federations configured on one side but refused or not checkable on the other. */
  federation: FederationNote[];
  /** The analysis date every judgement of time was made against (epoch ms). */
  asOf: number;
  /** Workspace secret mappings not drawn: an end is not loaded. */
  unmapped: SecretMapping[];
  timings: AnalysisTimings;
}

export interface AnalyzeOptions {
  /** The analysis date (epoch ms): time conditions and every age judgement use it. */
  asOf: number;
  timer?: Timer;
  /** Token start points no export describes (`oidc:<issuer>:<subject>`), linked by federation. */
  starts?: readonly OidcStart[];
  /** Secret mappings made in the app (see secret-unlocks.ts). */
  mappings?: readonly SecretMapping[];
}

export async function analyze(graph: BlastGraph, opts: AnalyzeOptions): Promise<Analysis> {
  clearDerived(graph);
  const present = new Set<string>();
  graph.forEachNode((_, a) => {
    present.add(a.provider);
  });
  const providers = new Map<string, ProviderAnalysis>();
  const start = opts.timer?.();
  for (const p of PROVIDERS) if (present.has(p.id)) providers.set(p.id, await p.analyze(graph, { asOf: opts.asOf, timer: opts.timer }));
  const federation = linkFederations(graph, providers.values(), opts.starts);
  const unmapped = applyWorkspaceMappings(graph, opts.mappings ?? []);
  linkSecretCredentials(graph, providers);
  const techniquesMs = start === undefined ? undefined : opts.timer!() - start;
  const reach = timed(opts.timer, () => new ReachIndex(graph));
  return { graph, providers, federation, reach: reach.value, asOf: opts.asOf, unmapped, timings: { techniquesMs, reachIndexMs: reach.millis } };
}

/** The analysis of the provider a node belongs to. */
export function providerOf(a: Analysis, id: string): ProviderAnalysis | undefined {
  return a.graph.hasNode(id) ? a.providers.get(a.graph.getNodeAttribute(id, 'provider')) : undefined;
}

/** Every provider's paths that need an export not imported. */
export const potentialFindings = (a: Analysis): PotentialFinding[] => [...a.providers.values()].flatMap((p) => p.potential);

/** Admin-equivalent identities of every provider. */
export function allAdmins(a: Analysis): [string, { conditional: boolean }][] {
  return [...a.providers.values()].flatMap((p) => [...p.admins.entries()].map(([id, f]) => [id, { conditional: f.conditional }] as [string, { conditional: boolean }]));
}
