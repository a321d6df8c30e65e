/**
 * One analysis of a graph: each provider present evaluates its part (escalation edges and admin
 * nodes written into the graph), then the reach index the questions below run on is built over
 * every provider's edges. Re-run it after importing more files or changing the analysis date.
 */
import type { BlastGraph } from '../graph/graph';
import { ReachIndex } from './reach-index';
import { timed, type Timer } from '../model/timer';
import { PROVIDERS } from '../providers';
import type { PotentialFinding, ProviderAnalysis, ProviderPlugin } from '../providers/types';
import { clearDerived, DRAWN_BY, isDerivedEdge, isDerivedNode } from './derived';
import type { EdgeAttributes, NodeAttributes } from '../model/types';
import { markAdmins } from '../providers/derived-writes';
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
  /** Providers whose previous analysis was kept (see AnalyzeOptions.reuse). */
  reused: string[];
}

/** What changed since a previous analysis of the same graph, for analyze to keep what it can. */
export interface Reuse {
  /** The previous analysis's provider analyses. */
  providers: ReadonlyMap<string, ProviderAnalysis>;
  /** The previous analysis date. */
  asOf: number;
  /** Providers with nodes or edges added or changed since (EVERYTHING_CHANGED: unknown). */
  changed: ReadonlySet<string>;
}

/** Put in Reuse.changed when what changed is not known: nothing is kept. */
export const EVERYTHING_CHANGED = '*';

export interface AnalyzeOptions {
  /** The analysis date (epoch ms): time conditions and every age judgement use it. */
  asOf: number;
  timer?: Timer;
  /** Token start points no export describes (`oidc:<issuer>:<subject>`), linked by federation. */
  starts?: readonly OidcStart[];
  /** Secret mappings made in the app (see secret-unlocks.ts). */
  mappings?: readonly SecretMapping[];
  /**
   * The previous analysis of this graph and what changed since: a provider none of whose reads
   * changed keeps its analysis and what it drew (adding a cluster's export to a large AWS
   * account re-runs Kubernetes, not AWS). Federation, mappings and the reach index always re-run.
   */
  reuse?: Reuse;
}

export async function analyze(graph: BlastGraph, opts: AnalyzeOptions): Promise<Analysis> {
  const present = new Set<string>();
  graph.forEachNode((_, a) => {
    present.add(a.provider);
  });
  const keep = reusable(present, opts);
  clearDerived(graph, new Set(keep.keys()));
  // What the last analysis drew may have been the only node of a provider (Vault draws Azure applications).
  present.clear();
  graph.forEachNode((_, a) => {
    present.add(a.provider);
  });
  const providers = new Map<string, ProviderAnalysis>();
  const start = opts.timer?.();
  for (const p of PROVIDERS) {
    if (!present.has(p.id)) continue;
    const kept = keep.get(p.id);
    // A kept analysis's edges and nodes stayed; its admin marks are written again, in turn.
    if (kept) markAdmins(graph, kept.admins);
    providers.set(p.id, kept ?? (await analyzeProvider(graph, p, opts)));
  }
  const federation = linkFederations(graph, providers.values(), opts.starts);
  const unmapped = applyWorkspaceMappings(graph, opts.mappings ?? []);
  linkSecretCredentials(graph, providers);
  const techniquesMs = start === undefined ? undefined : opts.timer!() - start;
  const reach = timed(opts.timer, () => new ReachIndex(graph));
  return { graph, providers, federation, reach: reach.value, asOf: opts.asOf, unmapped, timings: { techniquesMs, reachIndexMs: reach.millis }, reused: [...keep.keys()] };
}

/** Run one provider's analysis, naming it on every derived edge and node it draws (what a later analysis may keep). */
async function analyzeProvider(graph: BlastGraph, p: ProviderPlugin, opts: AnalyzeOptions): Promise<ProviderAnalysis> {
  const edgeMark = graph.edgeMark;
  const nodeMark = graph.nodeMark;
  const generation = graph.generation;
  const analysis = await p.analyze(graph, { asOf: opts.asOf, timer: opts.timer });
  const nameEdge = (_key: string, a: EdgeAttributes) => {
    if (isDerivedEdge(a) && a.attributes[DRAWN_BY] === undefined) a.attributes[DRAWN_BY] = p.id;
  };
  const nameNode = (_id: string, a: NodeAttributes) => {
    if (isDerivedNode(a) && a.attributes[DRAWN_BY] === undefined) a.attributes[DRAWN_BY] = p.id;
  };
  // A provider that dropped edges may have compacted the graph: then look at everything.
  if (graph.generation === generation) {
    graph.forEachEdgeSince(edgeMark, generation, nameEdge);
    graph.forEachNodeSince(nodeMark, generation, nameNode);
  } else {
    graph.forEachEdge(nameEdge);
    graph.forEachNode(nameNode);
  }
  return analysis;
}

/**
 * The previous provider analyses that still hold: same analysis date, nothing the provider reads
 * changed, and no provider it reads runs again (providers run in order, so a later one may read
 * what an earlier one drew).
 */
function reusable(present: ReadonlySet<string>, opts: AnalyzeOptions): Map<string, ProviderAnalysis> {
  const keep = new Map<string, ProviderAnalysis>();
  const reuse = opts.reuse;
  if (!reuse || reuse.asOf !== opts.asOf || reuse.changed.has(EVERYTHING_CHANGED)) return keep;
  const rerun = new Set(reuse.changed);
  for (const p of PROVIDERS) {
    if (!present.has(p.id)) continue;
    const previous = reuse.providers.get(p.id);
    if (previous && p.reads && !rerun.has(p.id) && !p.reads.some((r) => rerun.has(r))) keep.set(p.id, previous);
    else rerun.add(p.id);
  }
  return keep;
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
