/**
 * Blast radius in a workspace diff: one identity's blast figures (the what-if uses them too), and
 * the bounded comparison of identities' blast radius on both sides (candidates, a reach sweep, the
 * whole blast radius within a budget: the steps are in diff.ts's module comment). Kept apart as the
 * one costly part of a diff.
 */
import type { Analysis } from '../analysis/analysis';
import { blastResult, sweep } from '../analysis/blast-result';
import { NODE, nodeFacts, scratch } from '../analysis/reach-index';
import type { BlastGraph } from '../graph/graph';
import { kindInfo } from '../model/kinds';
import { byText, sortedUnique } from './common';
import { describe } from './admins';
import { isIdentity } from './inventory';
import type { BlastChange, BlastFigures, DiffSide, FindingDiff, GrantDiff, JewelDiff, NodeDiff, WorkspaceDiff } from './types';

/** One identity's blast radius in figures: identities and resources reached, score, scopes it is admin of. */
export function blastFigures(a: Analysis, id: string): BlastFigures {
  const r = blastResult(a, id);
  return { identities: r.identityCount, resources: r.resources.length, score: r.score, adminOf: sortedUnique(r.adminOf) };
}

/** Members of a group (in either graph), or the identity itself. */
function expandGroup(graphs: readonly BlastGraph[], id: string, out: string[]): void {
  out.push(id);
  for (const g of graphs) {
    if (!g.hasNode(id) || !kindInfo(g.getNodeAttribute(id, 'kind')).group) continue;
    g.forEachInEdge(id, (_k, e, source) => {
      if (e.kind === 'memberOf') out.push(source);
    });
  }
}

/** Holders of a policy (principals with a `hasPolicy` edge to it, groups expanded), in either graph. */
function holdersOf(graphs: readonly BlastGraph[], policy: string, out: string[]): void {
  for (const g of graphs) {
    if (!g.hasNode(policy)) continue;
    g.forEachInEdge(policy, (_k, e, source) => {
      if (e.kind === 'hasPolicy') expandGroup(graphs, source, out);
    });
  }
}

/** What one sweep of the reach index tells without evaluating resources: who is reached, which admins. */
interface ReachFigures {
  identities: number;
  /** Of them, identities that exist on one side only (added or removed: listed as such, not a change of reach). */
  churn: number;
  adminOf: string[];
  /** The source, or an identity it reaches, was touched by a change: its resources may differ. */
  touched: boolean;
}

function reachFigures(a: Analysis, id: string, touched: ReadonlySet<string>, churned: ReadonlySet<string>): ReachFigures {
  const ix = a.reach;
  const start = ix.index.get(id)!;
  const facts = nodeFacts(ix);
  const s = scratch(ix);
  // The sweep blast radius itself starts with: the same rows, so the same identity count.
  const count = sweep(ix, facts, s, [start], Infinity);
  const adminOf: string[] = [];
  const admin = (v: number) => {
    if (facts.flags[v]! & NODE.SCOPE_ADMIN) adminOf.push(ix.attrs[v]!.account!);
  };
  admin(start);
  let hit = touched.has(id);
  let churn = 0;
  for (let i = 0; i < count; i++) {
    const v = s.rowNode[i]!;
    admin(v);
    const reached = ix.ids[v]!;
    if (!hit && touched.has(reached)) hit = true;
    if (churned.has(reached)) churn++;
  }
  return { identities: count, churn, adminOf: sortedUnique(adminOf), touched: hit };
}

export function diffBlast(
  before: DiffSide,
  after: DiffSide,
  parts: { identities: NodeDiff; credentials: NodeDiff; policyIds: string[]; grants: GrantDiff; findings: FindingDiff; admins: WorkspaceDiff['adminPaths']; jewels: JewelDiff[] },
  opts: { topByRisk: number; blastBudget: number; reachBudget: number; watch: readonly string[] },
): WorkspaceDiff['blast'] {
  const gb = before.analysis.graph;
  const ga = after.analysis.graph;
  const graphs = [gb, ga];
  const candidates: string[] = [...opts.watch];
  // Principals whose admin status or crown-jewel reach changed.
  for (const list of [parts.admins.opened, parts.admins.closed, parts.admins.changed]) for (const c of list) candidates.push(c.principal);
  for (const j of parts.jewels) for (const c of [...j.opened, ...j.closed]) candidates.push(c.principal);
  // Identities a change touches: whoever a changed grant starts from (a group: its members), the
  // holders of a changed policy, changed identities, the owners of changed credentials, the
  // identities of changed findings. (A grant's target loses or gains nothing itself.)
  const touched: string[] = [];
  for (const list of [parts.grants.added, parts.grants.removed, parts.grants.changed]) for (const e of list) expandGroup(graphs, e.source, touched);
  for (const p of parts.policyIds) holdersOf(graphs, p, touched);
  for (const c of parts.identities.changed) expandGroup(graphs, c.id, touched);
  for (const list of [parts.credentials.added, parts.credentials.removed, parts.credentials.changed]) {
    for (const c of list) {
      for (const g of graphs) if (g.hasNode(c.id)) g.forEachOutEdge(c.id, (_k, e, _s, target) => void (e.kind === 'credentialOf' && touched.push(target)));
    }
  }
  for (const list of [parts.findings.added, parts.findings.removed, parts.findings.changed]) for (const f of list) touched.push(f.identity);
  candidates.push(...touched);
  // The top identities by risk on either side.
  for (const side of [before, after]) for (const r of side.risk.ranking.slice(0, opts.topByRisk)) candidates.push(r.id);

  const eligible = (id: string) =>
    graphs.every((g) => {
      if (!g.hasNode(id)) return false;
      const n = g.getNodeAttributes(id);
      return isIdentity(n) && !kindInfo(n.kind).group;
    }) &&
    before.analysis.reach.index.has(id) &&
    after.analysis.reach.index.has(id);
  const list = sortedUniqueInOrder(candidates).filter(eligible).slice(0, opts.reachBudget);
  // Identities added or removed are listed as such: reaching one fewer because it is gone is not a
  // change of anyone's reach, and they touch nobody else.
  // So are the analysis's identity sets that exist on one side only (one stands for its members).
  const sets = (g: BlastGraph) => new Set(g.filterNodes((_id, n) => n.kind === 'identitySet'));
  const [setsB, setsA] = [sets(gb), sets(ga)];
  const churned = new Set([...parts.identities.added, ...parts.identities.removed].map((n) => n.id));
  for (const id of setsB) if (!setsA.has(id)) churned.add(id);
  for (const id of setsA) if (!setsB.has(id)) churned.add(id);
  const touchedSet = new Set(touched.filter((id) => !churned.has(id)));
  const changes: BlastChange[] = [];
  let compared = 0;
  for (const id of list) {
    // Cheap first: who it reaches and which admins, on each side.
    const rb = reachFigures(before.analysis, id, touchedSet, churned);
    const ra = reachFigures(after.analysis, id, touchedSet, churned);
    const reachChanged = rb.identities - rb.churn !== ra.identities - ra.churn || rb.adminOf.join('\u0000') !== ra.adminOf.join('\u0000');
    // Same reach, and nothing it reaches was touched: its blast radius is the same.
    if (!reachChanged && !rb.touched && !ra.touched) continue;
    let b: BlastFigures;
    let a: BlastFigures;
    if (compared < opts.blastBudget) {
      compared++;
      b = blastFigures(before.analysis, id);
      a = blastFigures(after.analysis, id);
    } else if (reachChanged) {
      // Over the budget: the reach is known, resources and score are not computed.
      b = { identities: rb.identities, adminOf: rb.adminOf };
      a = { identities: ra.identities, adminOf: ra.adminOf };
    } else continue;
    const gained = a.adminOf.filter((x) => !b.adminOf.includes(x));
    const lost = b.adminOf.filter((x) => !a.adminOf.includes(x));
    const identitiesDelta = a.identities - b.identities;
    const scoreDelta = a.score === undefined || b.score === undefined ? 0 : Math.round((a.score - b.score) * 10) / 10;
    const resourcesDelta = a.resources === undefined || b.resources === undefined ? 0 : a.resources - b.resources;
    if (a.identities - ra.churn === b.identities - rb.churn && !scoreDelta && !resourcesDelta && !gained.length && !lost.length) continue;
    const up = identitiesDelta > 0 || scoreDelta > 0 || resourcesDelta > 0 || gained.length > 0;
    const down = identitiesDelta < 0 || scoreDelta < 0 || resourcesDelta < 0 || lost.length > 0;
    changes.push({ id, ...describe(after.analysis, id), trend: up && !down ? 'growth' : down && !up ? 'shrinkage' : 'changed', before: b, after: a, identitiesDelta, scoreDelta, resourcesDelta, adminOfGained: gained, adminOfLost: lost });
  }
  changes.sort((x, y) => Math.abs(y.scoreDelta) - Math.abs(x.scoreDelta) || Math.abs(y.identitiesDelta) - Math.abs(x.identitiesDelta) || Math.abs(y.resourcesDelta) - Math.abs(x.resourcesDelta) || byText(x.id, y.id));
  return { changes, candidates: list.length, compared, budget: opts.blastBudget };
}

/** First occurrences, in order. */
function sortedUniqueInOrder(xs: readonly string[]): string[] {
  return [...new Set(xs)];
}
