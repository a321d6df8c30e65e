/**
 * What-if remediation: simulate removals (a policy statement, an attachment, a membership, a
 * trust, a credential, a federation, a grant, a whole identity; several at once) on a copy of the
 * imported graph, analyse the copy as the workspace is analysed, and compare: blast radius, paths
 * and findings before and after, side by side, with the remediation plan that names the exact
 * objects to change in each provider. The workspace's own graph is never modified.
 */
import { analyze, type Analysis, type AnalyzeOptions } from '../analysis/analysis';
import { adminReport } from '../analysis/admins';
import { ReachIndex } from '../analysis/reach-index';
import type { BlastGraph } from '../graph/graph';
import { categoryOf, kindInfo } from '../model/kinds';
import { isDerivedNode } from '../analysis/derived';
import { providerLabel } from '../providers';
import { assessRisk } from '../risk/assess';
import { SEVERITIES, type RiskConfig } from '../risk/types';
import { byText } from './common';
import { blastFigures, diffWorkspaces, label, type BlastFigures, type DiffOptions, type DiffSide, type WorkspaceDiff } from './diff';
import { applyChanges, copyImported, type AppliedChange, type Change } from './changes';
import { credentialOwner, planDerivedFederation, type PlanAction } from './plan';

export { applyChanges, copyImported, parseChanges, CHANGE_TYPES, type AppliedChange, type ApplyResult, type Change, type ChangeType, type StatementRef } from './changes';
export type { PlanAction } from './plan';

export interface WhatIfOptions extends DiffOptions, Omit<AnalyzeOptions, 'asOf'> {
  /** The workspace's own analysis and risk report, when the caller has them (else a copy is analysed). */
  before?: DiffSide;
  /** Risk thresholds and overrides (as `assessRisk` takes them). */
  risk?: Partial<RiskConfig>;
}

export interface PlanMetric {
  metric: string;
  before: number;
  after: number;
  delta: number;
}

export interface NamedBlast {
  id: string;
  name: string;
  kind: string;
  /** Absent on a side where the identity does not exist (removed by the change set). */
  before?: BlastFigures;
  after?: BlastFigures;
}

export interface RemediationPlan {
  asOf: string;
  /** Per provider, the exact objects to change, in the order of the change set. */
  providers: { provider: string; label: string; actions: (PlanAction & { change: number })[] }[];
  /** Before and after, side by side: admins, escalators, identities, findings by severity. */
  metrics: PlanMetric[];
  /** Blast radius of the identities the changes name, before and after. */
  identities: NamedBlast[];
  /** Changes that could not be applied. */
  problems: string[];
}

export interface WhatIfResult {
  before: DiffSide;
  after: DiffSide;
  applied: AppliedChange[];
  problems: string[];
  diff: WorkspaceDiff;
  plan: RemediationPlan;
}

/** How many named identities get their blast radius side by side in the plan. */
const MAX_NAMED = 50;

async function analysed(graph: BlastGraph, asOf: number, opts: WhatIfOptions): Promise<DiffSide> {
  const analysis = await analyze(graph, { asOf, timer: opts.timer, starts: opts.starts, mappings: opts.mappings });
  return { analysis, risk: assessRisk(analysis, opts.risk) };
}

const isPlainIdentity = (g: BlastGraph, id: string) => {
  if (!g.hasNode(id)) return false;
  const n = g.getNodeAttributes(id);
  return !isDerivedNode(n) && categoryOf(n.kind) === 'identity' && !kindInfo(n.kind).group;
};

/**
 * The identities the changes name, in the original graph: removed identities, the principals an
 * edge removal starts from (a group's members), a rewritten policy's holders, a credential's owner.
 */
function namedIdentities(g: BlastGraph, applied: readonly AppliedChange[]): string[] {
  const out: string[] = [];
  const add = (id: string) => {
    if (!g.hasNode(id)) return;
    const n = g.getNodeAttributes(id);
    if (kindInfo(n.kind).group) g.forEachInEdge(id, (_k, e, s) => void (e.kind === 'memberOf' && out.push(s)));
    else out.push(id);
    if (categoryOf(n.kind) === 'credential') {
      const owner = credentialOwner(g, id);
      if (owner) out.push(owner);
    }
  };
  for (const a of applied) {
    for (const id of a.removedNodes) add(id);
    // An edge's source is who loses (a group: its members); its target only when it is an
    // identity itself (a trusted role, a federated identity), never the other members of a group.
    for (const key of [...a.removedEdges, ...a.suppressed]) {
      if (!g.hasEdge(key)) continue;
      add(g.source(key));
      const t = g.target(key);
      if (isPlainIdentity(g, t)) out.push(t);
    }
    for (const r of a.rewritten) {
      add(r.node);
      if (r.attribute === 'document') g.forEachInEdge(r.node, (_k, e, s) => void (e.kind === 'hasPolicy' && add(s)));
    }
  }
  return [...new Set(out)].filter((id) => isPlainIdentity(g, id)).slice(0, MAX_NAMED);
}

function metricsOf(side: DiffSide): Map<string, number> {
  const r = adminReport(side.analysis, 1);
  const m = new Map<string, number>();
  m.set('admins', r.admins.length + r.conditionalAdmins.length);
  m.set('principals that can become admin', r.escalatesToAdmin.length);
  let identities = 0;
  side.analysis.graph.forEachNode((_id, n) => void (categoryOf(n.kind) === 'identity' && !n.placeholder && !isDerivedNode(n) && identities++));
  m.set('identities', identities);
  m.set('findings', side.risk.findings.length);
  for (const s of SEVERITIES) m.set(`${s} findings`, side.risk.findings.filter((f) => f.severity === s).length);
  return m;
}

function buildPlan(before: DiffSide, after: DiffSide, applied: readonly AppliedChange[], problems: readonly string[], named: readonly string[]): RemediationPlan {
  const byProvider = new Map<string, (PlanAction & { change: number })[]>();
  for (const a of applied) {
    for (const act of a.actions) {
      const list = byProvider.get(act.provider) ?? [];
      list.push({ ...act, change: a.index });
      byProvider.set(act.provider, list);
    }
  }
  const mb = metricsOf(before);
  const ma = metricsOf(after);
  const metrics = [...mb.keys()].map((metric) => ({ metric, before: mb.get(metric)!, after: ma.get(metric)!, delta: ma.get(metric)! - mb.get(metric)! }));
  const figuresOn = (a: Analysis, id: string) => (a.reach.index.has(id) ? blastFigures(a, id) : undefined);
  const gb = before.analysis.graph;
  const identities = named.map((id) => {
    const n = gb.getNodeAttributes(id);
    const b = figuresOn(before.analysis, id);
    const af = figuresOn(after.analysis, id);
    return { id, name: n.name, kind: n.kind, ...(b ? { before: b } : {}), ...(af ? { after: af } : {}) };
  });
  return {
    asOf: new Date(after.analysis.asOf).toISOString(),
    providers: [...byProvider.keys()].sort(byText).map((provider) => ({ provider, label: providerLabel(provider), actions: byProvider.get(provider)! })),
    metrics,
    identities,
    problems: [...problems],
  };
}

/**
 * Simulate `changes` on a copy of `source`'s graph analysed at `asOf`, and compare with the
 * workspace as it is. `source`'s graph is left exactly as it was.
 */
export async function whatIf(source: BlastGraph | { graph: BlastGraph }, changes: readonly Change[], asOf: number, opts: WhatIfOptions = {}): Promise<WhatIfResult> {
  const original = 'graph' in source ? source.graph : source;
  const before = opts.before ?? (await analysed(copyImported(original), asOf, opts));
  const { graph, applied: all, problems } = applyChanges(original, changes);
  let after = await analysed(graph, asOf, opts);
  // Federations the analysis draws: dropped now that it has drawn them, and the reach rebuilt.
  const applied: AppliedChange[] = [];
  let dropped = false;
  for (const a of all) {
    let ok = true;
    for (const key of a.suppressed) {
      if (!graph.hasEdge(key) || graph.getEdgeAttributes(key).kind !== 'federatesTo') {
        problems.push(`change ${a.index} (federation): the analysis draws no federation ${key}`);
        ok = false;
        continue;
      }
      a.actions.push(planDerivedFederation(graph, key));
      graph.dropEdge(key);
      dropped = true;
    }
    if (ok) applied.push(a);
  }
  if (dropped) {
    const analysis: Analysis = { ...after.analysis, reach: new ReachIndex(graph) };
    after = { analysis, risk: assessRisk(analysis, opts.risk) };
  }
  const named = namedIdentities(original, applied);
  const diff = diffWorkspaces(before, after, { ...opts, watch: [...named, ...(opts.watch ?? [])] });
  return { before, after, applied, problems, diff, plan: buildPlan(before, after, applied, problems, named) };
}

const signed = (n: number) => (n > 0 ? `+${n}` : `${n}`);

function figuresText(f: BlastFigures | undefined): string {
  if (!f) return 'removed';
  return `identities ${f.identities}${f.resources !== undefined ? `, resources ${f.resources}` : ''}${f.score !== undefined ? `, score ${f.score}` : ''}${f.adminOf.length ? `, admin of ${f.adminOf.join(', ')}` : ''}`;
}

/** The plan as lines of text (the CLI makes each line terminal-safe). */
export function planText(plan: RemediationPlan): string[] {
  const lines = [`Remediation plan (as of ${plan.asOf})`];
  let n = 0;
  for (const p of plan.providers) {
    lines.push('', `${p.label}:`);
    for (const a of p.actions) {
      lines.push(`  ${++n}. ${a.action}  [change ${a.change}]`);
      if (a.command) lines.push(`     $ ${a.command}`);
      for (const e of a.evidence.slice(0, 2)) lines.push(`     evidence: ${e.file}: ${e.location}${e.statement ? ` (statement ${e.statement})` : ''}`);
    }
  }
  if (!n) lines.push('', 'Nothing to change: no change of the set could be applied.');
  lines.push('', 'Before → after:');
  const width = Math.max(...plan.metrics.map((m) => m.metric.length));
  for (const m of plan.metrics) lines.push(`  ${m.metric.padEnd(width)}  ${String(m.before).padStart(6)} → ${String(m.after).padEnd(6)} (${signed(m.delta)})`);
  if (plan.identities.length) {
    lines.push('', 'Blast radius of the identities the changes name (before → after):');
    for (const i of plan.identities) {
      lines.push(`  ${label(i.id, i.name)}`);
      lines.push(`    before: ${figuresText(i.before)}`);
      lines.push(`    after:  ${figuresText(i.after)}`);
    }
  }
  if (plan.problems.length) {
    lines.push('', 'Not applied:');
    for (const p of plan.problems) lines.push(`  ${p}`);
  }
  return lines;
}
