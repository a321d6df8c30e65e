/**
 * What the page receives from the worker: a summary of the workspace and, on request, the views
 * it draws (scenes with positions, pages of lists, one node's details). The graph itself stays in
 * the worker: posting it whole to the page cost seconds of main-thread work at 100,000 identities.
 */
import type { FileReport } from '../model/fragment';
import type { Attributes, Evidence } from '../model/types';
import type { GraphStats } from '../graph/snapshot';
import type { AnalysisSummary } from '../analysis/summary';
import type { AsOf } from '../model/as-of';
import type { AgeJudgement } from '../analysis/lifecycle';
import type { Help } from '../explain/help';
import type { RelationshipGroup } from './relationships';
import type { SnapshotWorkspace } from '../snapshot/format';
import type { Change, NamedBlast, PlanMetric, RemediationPlan } from '../diff/whatif';
import type { WorkspaceDiff } from '../diff/diff';

/** A node as lists and panels show it. */
export interface NodeRef {
  id: string;
  name: string;
  kind: string;
  provider: string;
  placeholder?: boolean;
}

export interface WorkspaceView {
  /** Changes whenever the workspace does (import, analysis date, token start points): keys caches. */
  version: number;
  files: FileReport[];
  warnings: string[];
  stats: GraphStats;
  asOf?: AsOf;
  analysis?: ViewSummary;
  /** Every node the summary's head names, so the page can label them without asking. */
  refs: Record<string, NodeRef>;
  /** OIDC issuers the exports trust (for "what could this token reach?"). */
  issuers: string[];
  /** The settings of the snapshot the workspace was opened from (jewels, marks, thresholds...). */
  openedSnapshot?: SnapshotWorkspace;
  /** Present while a what-if change set is applied: every other answer is then about the changed copy. */
  whatIf?: WhatIfView;
  /** Present while the workspace is compared with a snapshot (the older side). */
  comparison?: ComparisonView;
}

/** How a node changed since the snapshot compared with: drawn on the graph. */
export type DiffMark = 'added' | 'changed' | 'opened' | 'grew' | 'shrank';

export interface ComparisonView {
  /** The snapshot's file name, when it was written, and its analysis date. */
  name: string;
  createdAt: string;
  asOf: string;
  summary: WorkspaceDiff['summary'];
  /** The diff as the CLI prints it (first lines). */
  text: string[];
  /** Nodes of the workspace marked on the graph (first 2,000). */
  marked: string[];
  diff: WorkspaceDiff;
}

/** A what-if change set as the page shows it: each change, the figures before and after, the plan. */
export interface WhatIfView {
  changes: { index: number; change: Change; summary?: string; applied: boolean }[];
  problems: string[];
  metrics: PlanMetric[];
  identities: NamedBlast[];
  /** The remediation plan as text (what the CLI prints). */
  planText: string[];
  plan: RemediationPlan;
}

/** The summary's lists that can run long (tens of thousands of entries in a large estate). */
export type SummaryList = 'admins' | 'conditionalAdmins' | 'escalatesToAdmin' | 'needsInventory' | 'federation';

/** Entries of each list the view carries; the page asks for more (explore `summaryList`). */
export const SUMMARY_HEAD = 100;

/**
 * The analysis summary as the page receives it: each long list cut to its first SUMMARY_HEAD
 * entries, with the full lengths in `totals` (posting 100,000 entries to the page cost one
 * 300 ms task of structured-clone decoding).
 */
export interface ViewSummary extends AnalysisSummary {
  totals: Record<SummaryList, number>;
}

/** A page of one summary list, with the names of the nodes it mentions. */
export interface SummaryListPage<K extends SummaryList = SummaryList> {
  items: AnalysisSummary[K];
  refs: Record<string, NodeRef>;
}

/** One drawn node: a graph node, or a group standing for many (click to expand). */
export interface SceneNode {
  id: string;
  label: string;
  kind: string;
  x: number;
  y: number;
  placeholder?: boolean;
  /** Admin-equivalent, escalates to admin, crown jewel, marked as breached: drawn and labelled first. */
  mark?: 'admin' | 'conditional-admin' | 'escalates' | 'jewel' | 'source' | 'breached';
  /** What changed since the snapshot the workspace is compared with. */
  diff?: DiffMark;
  /** A group: how many nodes it stands for, and the key that expands it. */
  group?: { key: string; count: number };
  /** Rings of the blast view. */
  ring?: number;
  /** The smallest zoom at which the label shows without covering one that matters more (scene/labels.ts). */
  labelZoom?: number;
}

export interface SceneEdge {
  id: string;
  source: string;
  target: string;
  kind: string;
  conditional: boolean;
  label?: string;
  /** Edges folded into this one (between groups). */
  count?: number;
}

export interface Scene {
  nodes: SceneNode[];
  edges: SceneEdge[];
  /** Graph nodes drawn individually or inside groups, and the workspace's total. */
  drawn: number;
  total: number;
  /** One line saying what the picture shows. */
  caption: string;
}

export interface OverviewRequest {
  showPolicies: boolean;
  hidden: string[];
  /** Narrow to these nodes (grown by "expand neighbours"); absent: the whole graph. */
  focus?: string[];
  /** Group keys the analyst opened. */
  expanded: string[];
  jewels: string[];
  /** Nodes the analyst marked as breached ("assume breached"): drawn and labelled first. */
  breached?: string[];
}

export interface DetailEdge {
  id: string;
  kind: string;
  other: NodeRef;
  attributes: Attributes;
  evidence: Evidence[];
}

export interface EdgePage {
  total: number;
  edges: DetailEdge[];
}

export interface NodeDetails {
  node: NodeRef & { account?: string; attributes: Attributes };
  /** The node's own age and its credentials', judged at the analysis date. */
  ages: { name: string; judgement: AgeJudgement }[];
  outgoing: EdgePage;
  incoming: EdgePage;
  /** Relationships by edge kind and direction, with counts and the neighbours to draw. */
  groups: RelationshipGroup[];
}

export interface InventoryRow extends NodeRef {
  account: string;
  human: 'human' | 'non-human' | 'unknown';
  admin: 'admin' | 'conditional admin' | 'escalates' | '';
  staleCredentials: number;
  /** Why: one sentence per age issue of the row or of its credentials. */
  ageNotes: string[];
  lastUsed?: string;
  tags: string[];
}

export interface InventoryFilter {
  provider: string;
  kind: string;
  human: string;
  adminOnly: boolean;
  staleOnly: boolean;
  tag: string;
}

export type InventorySortKey = 'name' | 'kind' | 'account' | 'admin' | 'staleCredentials' | 'lastUsed';

export interface InventoryRequest {
  filter: InventoryFilter;
  sort: { key: InventorySortKey; desc: boolean };
  offset: number;
  limit: number;
}

export interface InventoryPage {
  rows: InventoryRow[];
  /** Rows passing the filter, and rows in all. */
  matching: number;
  total: number;
  kinds: string[];
  providers: string[];
}

/** One edge as its panel shows it: both ends, what it is, and why it exists. */
export interface EdgeDetails {
  id: string;
  kind: string;
  source: NodeRef;
  target: NodeRef;
  attributes: Attributes;
  evidence: Evidence[];
  conditional: boolean;
  /** What this kind of edge (or its technique) means, how attackers use it, how to remediate it. */
  help?: Help;
}
