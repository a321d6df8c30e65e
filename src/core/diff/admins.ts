/**
 * Paths to admin and to crown jewels in a workspace diff: principals that became admin, stopped
 * being admin or changed how, and who gained or lost reach to each jewel, each with its first path
 * from the side where it exists. One reverse sweep per side (adminReport) and per jewel (whoCan),
 * paths bounded by `maxPaths`: kept apart from the inventory, which needs no reach, and from the
 * blast radius.
 */
import type { Analysis } from '../analysis/analysis';
import { providerOf } from '../analysis/analysis';
import { adminReport } from '../analysis/admins';
import { privilegePaths, type PrivilegePath } from '../analysis/privilege-paths';
import { whoCan } from '../analysis/who-can';
import { isDerivedNode } from '../analysis/derived';
import { categoryOf, kindInfo, type NodeCategory } from '../model/kinds';
import { nameIn, sortedUnique } from './common';
import type { AdminPathChange, AdminStatus, AdminStatusChange, DiffPath, JewelDiff, ReachChange, WorkspaceDiff } from './types';

function diffPath(a: Analysis, p: PrivilegePath): DiffPath {
  const g = a.graph;
  return { hops: p.hops, conditionalSteps: p.conditionalSteps, steps: p.steps.map((s) => ({ ...s, fromName: nameIn([g], s.from), toName: nameIn([g], s.to) })) };
}

/** The first path from `from` to `to` (`admin` or a node), or nothing when either is not in the reach index. */
function firstPath(a: Analysis, from: string, to: string): PrivilegePath | undefined {
  if (!a.reach.index.has(from) || (to !== 'admin' && !a.reach.index.has(to))) return undefined;
  return privilegePaths(a, from, to, 1)[0];
}

interface AdminState {
  status: AdminStatus;
  path?: PrivilegePath;
}

function adminStates(a: Analysis): Map<string, AdminState> {
  const r = adminReport(a, 1);
  const out = new Map<string, AdminState>();
  for (const id of r.admins) out.set(id, { status: 'admin' });
  for (const id of r.conditionalAdmins) out.set(id, { status: 'conditional-admin' });
  for (const e of r.escalatesToAdmin) out.set(e.principal, { status: 'escalates', path: e.paths[0] });
  return out;
}

/** The scopes a principal is admin of: where its path ends, else its own scope. */
function adminScopes(a: Analysis, id: string, path: PrivilegePath | undefined): string[] {
  const last = path?.steps[path.steps.length - 1];
  if (last && a.graph.hasNode(last.to)) {
    const end = a.graph.getNodeAttributes(last.to);
    if (end.kind === 'adminAccess' && end.account) return [end.account];
  }
  const scope = providerOf(a, id)?.scopeOf(id) ?? (a.graph.hasNode(id) ? a.graph.getNodeAttribute(id, 'account') : undefined);
  return scope ? [scope] : [];
}

export function describe(a: Analysis, id: string): { name: string; kind: string; provider: string } {
  const n = a.graph.hasNode(id) ? a.graph.getNodeAttributes(id) : undefined;
  return { name: n?.name ?? id, kind: n?.kind ?? '', provider: n?.provider ?? '' };
}

export function diffAdmins(before: Analysis, after: Analysis, maxPaths: number): WorkspaceDiff['adminPaths'] {
  const b = adminStates(before);
  const a = adminStates(after);
  let budget = maxPaths;
  // An admin's own path (its admin-equivalent grant) is looked up; an escalator's comes with the report.
  const pathOf = (side: Analysis, id: string, s: AdminState): PrivilegePath | undefined => {
    if (s.path) return s.path;
    if (budget <= 0) return undefined;
    budget--;
    return firstPath(side, id, 'admin');
  };
  const change = (side: Analysis, id: string, s: AdminState): AdminPathChange => {
    const path = pathOf(side, id, s);
    return { principal: id, ...describe(side, id), status: s.status, scopes: adminScopes(side, id, path), ...(path ? { path: diffPath(side, path) } : {}) };
  };
  const opened: AdminPathChange[] = [];
  const closed: AdminPathChange[] = [];
  const changed: AdminStatusChange[] = [];
  for (const id of sortedUnique(a.keys())) {
    const s = a.get(id)!;
    const old = b.get(id);
    if (!old) opened.push(change(after, id, s));
    else if (old.status !== s.status) {
      const c = change(after, id, s);
      changed.push({ principal: id, name: c.name, kind: c.kind, provider: c.provider, before: old.status, after: s.status, scopes: c.scopes, ...(c.path ? { path: c.path } : {}) });
    }
  }
  for (const id of sortedUnique(b.keys())) if (!a.has(id)) closed.push(change(before, id, b.get(id)!));
  return { opened, closed, changed };
}

/** Who can reach a jewel, as principals (identities and outside principals, not groups or credentials). */
function reachersOf(a: Analysis, jewel: string): Map<string, { hops: number; conditional: boolean }> {
  const out = new Map<string, { hops: number; conditional: boolean }>();
  if (!a.graph.hasNode(jewel) || !a.reach.index.has(jewel)) return out;
  const counted = new Set<NodeCategory>(['identity', 'principal']);
  for (const r of whoCan(a, jewel).reachers) {
    if (!a.graph.hasNode(r.id)) continue;
    const n = a.graph.getNodeAttributes(r.id);
    if (isDerivedNode(n) || kindInfo(n.kind).group || !counted.has(categoryOf(n.kind))) continue;
    out.set(r.id, { hops: r.hops, conditional: r.conditional });
  }
  return out;
}

export function diffJewels(before: Analysis, after: Analysis, jewels: readonly string[], maxPaths: number): JewelDiff[] {
  const out: JewelDiff[] = [];
  for (const jewel of sortedUnique(jewels)) {
    const inB = before.graph.hasNode(jewel);
    const inA = after.graph.hasNode(jewel);
    if (!inB && !inA) continue;
    const rb = reachersOf(before, jewel);
    const ra = reachersOf(after, jewel);
    let budget = maxPaths;
    const reach = (side: Analysis, id: string, r: { hops: number; conditional: boolean }): ReachChange => {
      const path = budget-- > 0 ? firstPath(side, id, jewel) : undefined;
      return { principal: id, ...describe(side, id), hops: r.hops, conditional: r.conditional, ...(path ? { path: diffPath(side, path) } : {}) };
    };
    const opened = sortedUnique(ra.keys()).filter((id) => !rb.has(id)).map((id) => reach(after, id, ra.get(id)!));
    const closed = sortedUnique(rb.keys()).filter((id) => !ra.has(id)).map((id) => reach(before, id, rb.get(id)!));
    const side = inA ? after : before;
    out.push({ jewel, ...describe(side, jewel), presentBefore: inB, presentAfter: inA, opened, closed });
  }
  return out;
}
