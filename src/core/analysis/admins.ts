/**
 * Admin-equivalent principals, and every other principal that can become admin, with its
 * shortest paths (found with one reverse sweep from the admin nodes, then per principal).
 */
import { allAdmins, type Analysis } from './analysis';
import { kindInfo } from '../model/kinds';
import { privilegePaths, type PrivilegePath } from './privilege-paths';
import { bfs } from './reach-index';
import { explainStep } from './explain';

/** One shortest path read off the reverse BFS tree: no search per principal. */
function treePath(a: Analysis, via: Int32Array, from: number): PrivilegePath {
  const steps = [];
  for (let v = from; via[v]! >= 0; v = a.reach.edgeDst[via[v]!]!) steps.push(explainStep(a, via[v]!));
  return { steps, hops: steps.length, conditionalSteps: steps.filter((s) => s.conditional).length };
}

export interface AdminReport {
  admins: string[];
  /** Admins whose admin status depends on conditions the export cannot decide. */
  conditionalAdmins: string[];
  escalatesToAdmin: { principal: string; paths: PrivilegePath[] }[];
}

export function adminReport(a: Analysis, pathsPerPrincipal = 1): AdminReport {
  const admins = allAdmins(a).filter(([id]) => a.graph.hasNode(id) && !kindInfo(a.graph.getNodeAttribute(id, 'kind')).group);
  const adminSet = new Set(admins.map(([id]) => id));
  const ix = a.reach;
  const adminNodes: number[] = [];
  a.graph.forEachNode((id, n) => n.kind === 'adminAccess' && adminNodes.push(ix.index.get(id)!));
  const t = bfs(ix, adminNodes, true);
  const escalatesToAdmin: AdminReport['escalatesToAdmin'] = [];
  for (const v of t.order) {
    const id = ix.ids[v]!;
    const n = a.graph.getNodeAttributes(id);
    const info = kindInfo(n.kind);
    if (!info.actor || info.group || n.placeholder || adminSet.has(id)) continue;
    escalatesToAdmin.push({ principal: id, paths: pathsPerPrincipal === 1 ? [treePath(a, t.via, v)] : privilegePaths(a, id, 'admin', pathsPerPrincipal) });
  }
  escalatesToAdmin.sort((x, y) => (x.paths[0]?.hops ?? 0) - (y.paths[0]?.hops ?? 0) || x.principal.localeCompare(y.principal));
  return {
    admins: admins.filter(([, f]) => !f.conditional).map(([id]) => id).sort(),
    conditionalAdmins: admins.filter(([, f]) => f.conditional).map(([id]) => id).sort(),
    escalatesToAdmin,
  };
}
