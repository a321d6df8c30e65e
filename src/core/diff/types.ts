/**
 * The shapes of a workspace diff: what diffWorkspaces takes and returns. Types only, kept apart so
 * the inventory, admin and blast parts (and the what-if and the CLI) can name them without
 * importing one another's code.
 */
import type { Analysis } from '../analysis/analysis';
import type { PathStep } from '../analysis/explain';
import type { Evidence } from '../model/types';
import type { RiskReport } from '../risk/assess';
import type { Severity } from '../risk/types';

export interface DiffSide {
  analysis: Analysis;
  risk: RiskReport;
}

export interface DiffOptions {
  /** Crown jewels (node ids): paths to them opened and closed are reported per jewel. */
  jewels?: readonly string[];
  /** Identities whose blast radius is always compared (a what-if names those its changes touch). */
  watch?: readonly string[];
  /** How many of each side's top identities by risk get their blast radius compared (default 20). */
  topByRisk?: number;
  /** At most this many identities get their whole blast radius computed, on each side (default 100). */
  blastBudget?: number;
  /** At most this many candidates are swept for their reach (default 2000). */
  reachBudget?: number;
  /** At most this many paths are computed per list (admins, each jewel); the rest are counted (default 500). */
  maxPaths?: number;
}

export interface NodeEntry {
  id: string;
  name: string;
  kind: string;
  provider: string;
  account?: string;
  /** Only referenced (a trusted principal, a policy the export omits): no export describes it. */
  placeholder: boolean;
}

export interface NodeChange extends NodeEntry {
  /** What differs: `kind`, `name`, `account`, `placeholder`, or an attribute's name. */
  fields: string[];
}

export interface NodeDiff {
  added: NodeEntry[];
  removed: NodeEntry[];
  changed: NodeChange[];
}

export interface StatementChanges {
  /** Statement Sids (`#index` when a statement has none). */
  added: string[];
  removed: string[];
  changed: string[];
}

export interface PolicyChange extends NodeChange {
  /** For a policy document (AWS) that changed: its statements added, removed and changed. */
  statements?: StatementChanges;
}

export interface PolicyDiff {
  added: NodeEntry[];
  removed: NodeEntry[];
  changed: PolicyChange[];
}

export interface GrantEntry {
  /** The edge key: kind, source and target (and the qualifier of kinds that can join one pair twice, e.g. two bindings). */
  key: string;
  kind: string;
  source: string;
  target: string;
  sourceName: string;
  targetName: string;
  provider: string;
  conditional: boolean;
  evidence: Evidence[];
}

export interface GrantChange extends GrantEntry {
  /** `condition`, `statements` (the policy statements cited), or `attributes.<name>`. */
  changes: string[];
  evidenceBefore: Evidence[];
}

export interface GrantDiff {
  added: GrantEntry[];
  removed: GrantEntry[];
  changed: GrantChange[];
}

export interface FindingEntry {
  rule: string;
  severity: Severity;
  subject: string;
  subjectName: string;
  identity: string;
  provider: string;
  title: string;
  detail: string;
}

export interface FindingChange extends FindingEntry {
  severityBefore: Severity;
}

export interface FindingDiff {
  added: FindingEntry[];
  removed: FindingEntry[];
  changed: FindingChange[];
}

export type DiffStep = PathStep & { fromName: string; toName: string };

export interface DiffPath {
  hops: number;
  conditionalSteps: number;
  steps: DiffStep[];
}

/** How a principal holds admin: admin-equivalent itself (certainly or under conditions), or by escalation. */
export type AdminStatus = 'admin' | 'conditional-admin' | 'escalates';

export interface AdminPathChange {
  principal: string;
  name: string;
  kind: string;
  provider: string;
  status: AdminStatus;
  /** The accounts, projects, subscriptions or clusters it is (or becomes) admin of. */
  scopes: string[];
  /** The shortest path to admin, from the side where it exists (absent past `maxPaths`). */
  path?: DiffPath;
}

export interface AdminStatusChange {
  principal: string;
  name: string;
  kind: string;
  provider: string;
  before: AdminStatus;
  after: AdminStatus;
  scopes: string[];
  path?: DiffPath;
}

export interface ReachChange {
  principal: string;
  name: string;
  kind: string;
  provider: string;
  hops: number;
  conditional: boolean;
  path?: DiffPath;
}

export interface JewelDiff {
  jewel: string;
  name: string;
  kind: string;
  provider: string;
  /** Absent on one side (it was added or removed itself). */
  presentBefore: boolean;
  presentAfter: boolean;
  opened: ReachChange[];
  closed: ReachChange[];
}

export interface BlastFigures {
  identities: number;
  adminOf: string[];
  /** Resources reached and the blast score: absent past the blast budget (only the reach was swept). */
  resources?: number;
  score?: number;
}

export interface BlastChange {
  id: string;
  name: string;
  kind: string;
  provider: string;
  trend: 'growth' | 'shrinkage' | 'changed';
  before: BlastFigures;
  after: BlastFigures;
  identitiesDelta: number;
  scoreDelta: number;
  resourcesDelta: number;
  adminOfGained: string[];
  adminOfLost: string[];
}

export interface WorkspaceDiff {
  asOf: { before: string; after: string };
  summary: {
    identities: Counts;
    credentials: Counts;
    policies: Counts;
    grants: Counts;
    findings: Counts;
    newFindingsBySeverity: Record<Severity, number>;
    adminPathsOpened: number;
    adminPathsClosed: number;
    adminStatusChanged: number;
    jewelPathsOpened: number;
    jewelPathsClosed: number;
    blastGrowth: number;
    blastShrinkage: number;
  };
  identities: NodeDiff;
  credentials: NodeDiff;
  policies: PolicyDiff;
  grants: GrantDiff;
  findings: FindingDiff;
  adminPaths: { opened: AdminPathChange[]; closed: AdminPathChange[]; changed: AdminStatusChange[] };
  jewelPaths: JewelDiff[];
  blast: {
    changes: BlastChange[];
    /** Identities whose whole blast radius (resources and score) was computed, on each side: at most `budget`. */
    compared: number;
    /** Identities that qualified and present on both sides (see the module comment in diff.ts), each swept for its reach. */
    candidates: number;
    budget: number;
  };
}

export interface Counts {
  added: number;
  removed: number;
  changed: number;
}
