/** What the UI shows of an analysis before any node is selected: admins and who can escalate. */
import { potentialFindings, type Analysis } from './analysis';
import type { FederationNote } from '../federation';
import { adminReport } from './admins';
import { blastRadius, type BlastRadius } from './blast-radius';
import { privilegePaths, type PrivilegePath } from './privilege-paths';

export interface AnalysisSummary {
  admins: string[];
  conditionalAdmins: string[];
  escalatesToAdmin: { principal: string; hops: number; techniques: string[] }[];
  needsInventory: { principal: string; technique: string; missing: string }[];
  escalationEdges: number;
  /** Federations configured on one side but refused or not checkable on the other. */
  federation: FederationNote[];
  /** How long the analysis took, when the host measured it. */
  millis?: number;
  /** Providers whose previous analysis was kept (nothing they read changed). */
  reused: string[];
}

export function summarize(a: Analysis, millis?: number): AnalysisSummary {
  const r = adminReport(a, 1);
  return {
    admins: r.admins,
    conditionalAdmins: r.conditionalAdmins,
    escalatesToAdmin: r.escalatesToAdmin.map((e) => ({ principal: e.principal, hops: e.paths[0]?.hops ?? 0, techniques: e.paths[0]?.steps.map((s) => s.technique ?? s.kind) ?? [] })),
    needsInventory: potentialFindings(a).map((p) => ({ principal: p.source, technique: p.technique.id, missing: p.missing })),
    escalationEdges: a.graph.filterEdges((_, e) => e.kind === 'escalatesTo').length,
    federation: a.federation,
    millis: millis === undefined ? undefined : Math.round(millis),
    reused: a.reused,
  };
}

export interface BlastView {
  blast: BlastRadius;
  /** Shortest ways from the node to any account administrator (empty when none). */
  adminPaths: PrivilegePath[];
}

export function blastView(a: Analysis, node: string): BlastView {
  return { blast: blastRadius(a, node), adminPaths: privilegePaths(a, node, 'admin', 3) };
}
