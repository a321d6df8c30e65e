/**
 * What changed between two analysed workspaces (two snapshots, two exports of one account, or a
 * workspace and its what-if): identities, credentials, policies, grants and findings added,
 * removed and changed; paths to admin (and to crown jewels) opened and closed, each with its steps
 * and evidence from the side where it exists; blast radius growth and shrinkage per identity.
 *
 * Cost. Everything but blast radius is one pass over each graph's nodes and edges, plus one
 * reverse sweep per side for admins (adminReport) and per crown jewel (whoCan). A whole blast
 * radius (resources evaluated, score) costs up to a second per identity on large accounts, so it is
 * NOT computed for every identity (100,000 principals would take a day). The work is bounded in
 * three steps:
 *   1. candidates, in this order, at most `reachBudget` (2,000): identities the caller names
 *      (`watch`: a what-if's changed identities); principals whose admin status or crown-jewel
 *      reach changed; identities a change touches (whoever a changed grant starts from, a group's
 *      members, the holders of a changed policy, changed identities, the owners of changed
 *      credentials, the identities of changed findings); the `topByRisk` (20) identities ranked
 *      highest by risk on either side;
 *   2. each candidate's reach is swept on both sides (the blast radius's own sweep, no resource
 *      evaluation: linear in what it reaches): identities reached and admin scopes. One whose reach
 *      is the same and reaches nothing a change touched has the same blast radius: skipped;
 *   3. the others get their whole blast radius computed on both sides, at most `blastBudget` (100)
 *      of them, in candidate order; past the budget a changed reach is still reported, without
 *      resources and score.
 * `blast.candidates` and `blast.compared` say how many were swept and how many computed in full.
  */
import type { Analysis } from '../analysis/analysis';
import { providerOf } from '../analysis/analysis';
import { adminReport } from '../analysis/admins';
import { blastResult, sweep } from '../analysis/blast-result';
import { privilegePaths, type PrivilegePath } from '../analysis/privilege-paths';
import type { PathStep } from '../analysis/explain';
import { whoCan } from '../analysis/who-can';
import { NODE, nodeFacts, scratch } from '../analysis/reach-index';
import { isDerivedEdge, isDerivedNode, DERIVED_NODE_ATTRIBUTES } from '../analysis/derived';
import type { BlastGraph } from '../graph/graph';
import { categoryOf, kindInfo, type NodeCategory } from '../model/kinds';
import type { EdgeAttributes, Evidence, NodeAttributes } from '../model/types';
import type { RiskReport } from '../risk/assess';
import { SEVERITIES, type Finding, type Severity } from '../risk/types';
import { byText, changedKeys, nameIn, shortName, sortedUnique, stableJson } from './common';

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
    /** Identities that qualified and present on both sides (see the module comment), each swept for its reach. */
    candidates: number;
    budget: number;
  };
}

export interface Counts {
  added: number;
  removed: number;
  changed: number;
}

const DEFAULTS = { topByRisk: 20, blastBudget: 100, reachBudget: 2000, maxPaths: 500 };

/**
 * Attributes that change with every export without any change of access (last use, where the
 * record was read, counters of attachments) and the analysis's own marks: not a change.
 */
const VOLATILE = new Set([
  ...DERIVED_NODE_ATTRIBUTES,
  'describedIn',
  'describedAt',
  'lastUsed',
  'lastUsedRegion',
  'lastUsedService',
  'lastUsedTracked',
  'passwordLastUsed',
  'lastAccessed',
  'lastPing',
  'usageTracked',
  'attachmentCount',
  'boundaryUsageCount',
  'labels',
]);

/**
 * Imported edges that are structure, not access: the resource hierarchy, Vault mounts, keys that
 * give no reach. A credential's own `credentialOf` edge is reported with the credential.
 */
const STRUCTURE_EDGES = new Set(['gcp.childOf', 'azure.childOf', 'vault.mountedAt', 'vault.connectsTo', 'gcp.keyOf', 'azure.keyOf']);

const isIdentity = (a: NodeAttributes) => !isDerivedNode(a) && categoryOf(a.kind) === 'identity';
const isCredential = (a: NodeAttributes) => !isDerivedNode(a) && categoryOf(a.kind) === 'credential';
const isPolicy = (a: NodeAttributes) => !isDerivedNode(a) && categoryOf(a.kind) === 'policy';

function isGrant(a: EdgeAttributes, source: NodeAttributes): boolean {
  if (isDerivedEdge(a) || STRUCTURE_EDGES.has(a.kind)) return false;
  return !(a.kind === 'credentialOf' && categoryOf(source.kind) === 'credential');
}

const entryOf = (id: string, a: NodeAttributes): NodeEntry => ({ id, name: a.name, kind: a.kind, provider: a.provider, ...(a.account !== undefined ? { account: a.account } : {}), placeholder: a.placeholder === true });

function nodesOf(g: BlastGraph, keep: (a: NodeAttributes) => boolean): Map<string, NodeAttributes> {
  const out = new Map<string, NodeAttributes>();
  g.forEachNode((id, a) => {
    if (keep(a)) out.set(id, a);
  });
  return out;
}

function nodeFields(x: NodeAttributes, y: NodeAttributes): string[] {
  const fields: string[] = [];
  if (x.kind !== y.kind) fields.push('kind');
  if (x.name !== y.name) fields.push('name');
  if ((x.account ?? '') !== (y.account ?? '')) fields.push('account');
  if ((x.placeholder === true) !== (y.placeholder === true)) fields.push('placeholder');
  // A node only referenced on one side has no attributes to compare with the described one.
  if (x.placeholder === true || y.placeholder === true) return fields;
  return [...fields, ...changedKeys(x.attributes, y.attributes, VOLATILE)];
}

function diffNodes(before: Map<string, NodeAttributes>, after: Map<string, NodeAttributes>): NodeDiff & { changedAttrs: Map<string, [NodeAttributes, NodeAttributes]> } {
  const added: NodeEntry[] = [];
  const removed: NodeEntry[] = [];
  const changed: NodeChange[] = [];
  const changedAttrs = new Map<string, [NodeAttributes, NodeAttributes]>();
  for (const [id, a] of after) {
    const b = before.get(id);
    if (!b) added.push(entryOf(id, a));
    else {
      const fields = nodeFields(b, a);
      if (fields.length) {
        changed.push({ ...entryOf(id, a), fields });
        changedAttrs.set(id, [b, a]);
      }
    }
  }
  for (const [id, b] of before) if (!after.has(id)) removed.push(entryOf(id, b));
  const order = (x: NodeEntry, y: NodeEntry) => byText(x.id, y.id);
  return { added: added.sort(order), removed: removed.sort(order), changed: changed.sort(order), changedAttrs };
}

/** A policy document's statements by Sid (or `#index`), as stable JSON. */
function statementsOf(doc: unknown): Map<string, string> {
  const out = new Map<string, string>();
  if (typeof doc !== 'object' || doc === null || !Object.prototype.hasOwnProperty.call(doc, 'Statement')) return out;
  const raw = (doc as Record<string, unknown>).Statement;
  const list = Array.isArray(raw) ? raw : raw === undefined ? [] : [raw];
  list.forEach((s, i) => {
    const sid = typeof s === 'object' && s !== null && typeof (s as Record<string, unknown>).Sid === 'string' && (s as Record<string, unknown>).Sid ? String((s as Record<string, unknown>).Sid) : `#${i}`;
    // Two statements with one Sid: the second keeps its index too.
    out.set(out.has(sid) ? `${sid}#${i}` : sid, stableJson(s));
  });
  return out;
}

function statementChanges(before: unknown, after: unknown): StatementChanges {
  const x = statementsOf(before);
  const y = statementsOf(after);
  const added = [...y.keys()].filter((k) => !x.has(k));
  const removed = [...x.keys()].filter((k) => !y.has(k));
  const changed = [...y.keys()].filter((k) => x.has(k) && x.get(k) !== y.get(k));
  return { added: added.sort(byText), removed: removed.sort(byText), changed: changed.sort(byText) };
}

function diffPolicies(before: Map<string, NodeAttributes>, after: Map<string, NodeAttributes>): PolicyDiff & { changedIds: string[] } {
  const d = diffNodes(before, after);
  const changed: PolicyChange[] = d.changed.map((c) => {
    const [b, a] = d.changedAttrs.get(c.id)!;
    return c.fields.includes('document') ? { ...c, statements: statementChanges(b.attributes.document, a.attributes.document) } : c;
  });
  return { added: d.added, removed: d.removed, changed, changedIds: changed.map((c) => c.id) };
}

interface EdgeRow {
  kind: string;
  source: string;
  target: string;
  attrs: EdgeAttributes;
}

function grantsOf(g: BlastGraph): Map<string, EdgeRow> {
  const out = new Map<string, EdgeRow>();
  g.forEachEdge((key, a, source, target, sa) => {
    if (isGrant(a, sa)) out.set(key, { kind: a.kind, source, target, attrs: a });
  });
  return out;
}

function grantEntry(g: BlastGraph, key: string, r: EdgeRow): GrantEntry {
  const targetProvider = g.hasNode(r.target) ? g.getNodeAttribute(r.target, 'provider') : 'any';
  const provider = targetProvider !== 'any' ? targetProvider : g.hasNode(r.source) ? g.getNodeAttribute(r.source, 'provider') : 'any';
  return {
    key,
    kind: r.kind,
    source: r.source,
    target: r.target,
    sourceName: nameIn([g], r.source),
    targetName: nameIn([g], r.target),
    provider,
    conditional: r.attrs.attributes.conditional === true || r.attrs.evidence.some((e) => e.condition !== undefined),
    evidence: r.attrs.evidence,
  };
}

/**
 * What differs in one grant: its attributes, and of its evidence only what says what it grants
 * (the statements cited, their conditions). File names and record positions are not compared: a
 * new export of the same account renumbers its records.
 */
function grantChanges(x: EdgeAttributes, y: EdgeAttributes): string[] {
  const out = changedKeys(x.attributes, y.attributes, new Set()).map((k) => `attributes.${k}`);
  const statements = (e: Evidence[]) => sortedUnique(e.filter((v) => v.policy !== undefined || v.statement !== undefined).map((v) => `${v.policy ?? ''}\u0000${v.statement ?? ''}`)).join('\u0001');
  const conditions = (e: Evidence[]) => sortedUnique(e.map((v) => v.condition ?? '')).join('\u0001');
  if (statements(x.evidence) !== statements(y.evidence)) out.push('statements');
  if (conditions(x.evidence) !== conditions(y.evidence)) out.push('condition');
  return out.sort(byText);
}

function diffGrants(gb: BlastGraph, ga: BlastGraph): GrantDiff {
  const before = grantsOf(gb);
  const after = grantsOf(ga);
  const added: GrantEntry[] = [];
  const removed: GrantEntry[] = [];
  const changed: GrantChange[] = [];
  for (const [key, r] of after) {
    const b = before.get(key);
    if (!b) added.push(grantEntry(ga, key, r));
    else {
      const changes = grantChanges(b.attrs, r.attrs);
      if (changes.length) changed.push({ ...grantEntry(ga, key, r), changes, evidenceBefore: b.attrs.evidence });
    }
  }
  for (const [key, r] of before) if (!after.has(key)) removed.push(grantEntry(gb, key, r));
  const order = (x: GrantEntry, y: GrantEntry) => byText(x.key, y.key);
  return { added: added.sort(order), removed: removed.sort(order), changed: changed.sort(order) };
}

const SEVERITY_RANK: Record<Severity, number> = { critical: 0, high: 1, medium: 2, low: 3 };

function findingEntry(g: BlastGraph, f: Finding): FindingEntry {
  return { rule: f.rule, severity: f.severity, subject: f.subject, subjectName: nameIn([g], f.subject), identity: f.identity, provider: f.provider, title: f.title, detail: f.detail };
}

function diffFindings(before: DiffSide, after: DiffSide): FindingDiff {
  const key = (f: Finding) => `${f.rule}\u0000${f.subject}`;
  const b = new Map(before.risk.findings.map((f) => [key(f), f]));
  const a = new Map(after.risk.findings.map((f) => [key(f), f]));
  const added: FindingEntry[] = [];
  const removed: FindingEntry[] = [];
  const changed: FindingChange[] = [];
  for (const [k, f] of a) {
    const old = b.get(k);
    if (!old) added.push(findingEntry(after.analysis.graph, f));
    else if (old.severity !== f.severity) changed.push({ ...findingEntry(after.analysis.graph, f), severityBefore: old.severity });
  }
  for (const [k, f] of b) if (!a.has(k)) removed.push(findingEntry(before.analysis.graph, f));
  const order = (x: FindingEntry, y: FindingEntry) => SEVERITY_RANK[x.severity] - SEVERITY_RANK[y.severity] || byText(x.rule, y.rule) || byText(x.subject, y.subject);
  return { added: added.sort(order), removed: removed.sort(order), changed: changed.sort(order) };
}

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

function describe(a: Analysis, id: string): { name: string; kind: string; provider: string } {
  const n = a.graph.hasNode(id) ? a.graph.getNodeAttributes(id) : undefined;
  return { name: n?.name ?? id, kind: n?.kind ?? '', provider: n?.provider ?? '' };
}

function diffAdmins(before: Analysis, after: Analysis, maxPaths: number): WorkspaceDiff['adminPaths'] {
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

function diffJewels(before: Analysis, after: Analysis, jewels: readonly string[], maxPaths: number): JewelDiff[] {
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

function diffBlast(
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

const counts = (d: { added: unknown[]; removed: unknown[]; changed: unknown[] }): Counts => ({ added: d.added.length, removed: d.removed.length, changed: d.changed.length });

export function diffWorkspaces(before: DiffSide, after: DiffSide, opts: DiffOptions = {}): WorkspaceDiff {
  const o = { topByRisk: opts.topByRisk ?? DEFAULTS.topByRisk, blastBudget: opts.blastBudget ?? DEFAULTS.blastBudget, reachBudget: opts.reachBudget ?? DEFAULTS.reachBudget, maxPaths: opts.maxPaths ?? DEFAULTS.maxPaths };
  const gb = before.analysis.graph;
  const ga = after.analysis.graph;
  const identities = diffNodes(nodesOf(gb, isIdentity), nodesOf(ga, isIdentity));
  const credentials = diffNodes(nodesOf(gb, isCredential), nodesOf(ga, isCredential));
  const policies = diffPolicies(nodesOf(gb, isPolicy), nodesOf(ga, isPolicy));
  const grants = diffGrants(gb, ga);
  const findings = diffFindings(before, after);
  const adminPaths = diffAdmins(before.analysis, after.analysis, o.maxPaths);
  const jewelPaths = diffJewels(before.analysis, after.analysis, opts.jewels ?? [], o.maxPaths);
  const policyIds = [...policies.changedIds, ...policies.added.map((p) => p.id), ...policies.removed.map((p) => p.id)];
  const blast = diffBlast(before, after, { identities, credentials, policyIds, grants, findings, admins: adminPaths, jewels: jewelPaths }, { topByRisk: o.topByRisk, blastBudget: o.blastBudget, reachBudget: o.reachBudget, watch: opts.watch ?? [] });
  const newFindingsBySeverity = Object.fromEntries(SEVERITIES.map((s) => [s, findings.added.filter((f) => f.severity === s).length + findings.changed.filter((f) => f.severity === s && SEVERITY_RANK[f.severity] < SEVERITY_RANK[f.severityBefore]).length])) as Record<Severity, number>;
  const strip = <T extends { changedAttrs?: unknown; changedIds?: unknown }>(d: T): Omit<T, 'changedAttrs' | 'changedIds'> => {
    const { changedAttrs: _a, changedIds: _b, ...rest } = d;
    void _a;
    void _b;
    return rest;
  };
  return {
    asOf: { before: new Date(before.analysis.asOf).toISOString(), after: new Date(after.analysis.asOf).toISOString() },
    summary: {
      identities: counts(identities),
      credentials: counts(credentials),
      policies: counts(policies),
      grants: counts(grants),
      findings: counts(findings),
      newFindingsBySeverity,
      adminPathsOpened: adminPaths.opened.length,
      adminPathsClosed: adminPaths.closed.length,
      adminStatusChanged: adminPaths.changed.length,
      jewelPathsOpened: jewelPaths.reduce((n, j) => n + j.opened.length, 0),
      jewelPathsClosed: jewelPaths.reduce((n, j) => n + j.closed.length, 0),
      blastGrowth: blast.changes.filter((c) => c.trend === 'growth').length,
      blastShrinkage: blast.changes.filter((c) => c.trend === 'shrinkage').length,
    },
    identities: strip(identities),
    credentials: strip(credentials),
    policies: strip(policies),
    grants,
    findings,
    adminPaths,
    jewelPaths,
    blast,
  };
}

// ---- text ----

const LIST_LIMIT = 50;

/** An ARN's resource part (`role/ci-deployer`), else the name: short, and still exact for ARNs. */
export const label = (id: string, name: string): string => {
  const s = shortName(undefined, id);
  return s === id ? name || id : s;
};

/** A path in one line: each step's technique (or edge kind) and where it lands. */
export function pathLine(p: DiffPath | undefined): string {
  if (!p || !p.steps.length) return '';
  return p.steps
    .map((s) => {
      const how = s.technique ? `${s.technique}${s.techniqueName ? ` ${s.techniqueName}` : ''}` : s.kind;
      const end = s.to.startsWith('admin:') ? 'admin' : label(s.to, s.toName);
      return `${how} → ${end}${s.conditional ? ' [conditional]' : ''}`;
    })
    .join(' → ');
}

/** One line per step with its evidence (file, place, statement). */
function stepLines(p: DiffPath | undefined, indent: string): string[] {
  if (!p) return [`${indent}(path not computed: over the path budget)`];
  const lines: string[] = [];
  p.steps.forEach((s, i) => {
    lines.push(`${indent}${i + 1}. ${s.explanation}${s.conditional ? ' (conditional)' : ''}`);
    for (const e of s.evidence.slice(0, 3)) lines.push(`${indent}   evidence: ${e.file}: ${e.location}${e.statement ? ` (statement ${e.statement})` : ''}${e.condition ? ` if ${e.condition}` : ''}`);
    if (s.evidence.length > 3) lines.push(`${indent}   … ${s.evidence.length - 3} more evidence (--json lists all)`);
  });
  return lines;
}

const statusText: Record<AdminStatus, string> = { admin: 'is admin', 'conditional-admin': 'is admin under conditions', escalates: 'can become admin' };

/** "role/ci-deployer can now become admin of 111111111111 (lambda-001 … → admin)": what a gate names. */
export function adminPathSentence(c: AdminPathChange, opened: boolean): string {
  const who = label(c.principal, c.name);
  const verb = opened ? (c.status === 'escalates' ? 'can now become admin' : `is now admin${c.status === 'conditional-admin' ? ' under conditions' : ''}`) : c.status === 'escalates' ? 'can no longer become admin' : 'is no longer admin';
  const scope = c.scopes.length ? ` of ${c.scopes.join(', ')}` : '';
  const path = pathLine(c.path);
  return `${who} ${verb}${scope}${path ? ` (${path})` : ''}`;
}

function limited<T>(items: readonly T[], line: (t: T) => string[], lines: string[], indent = '  '): void {
  for (const t of items.slice(0, LIST_LIMIT)) lines.push(...line(t));
  if (items.length > LIST_LIMIT) lines.push(`${indent}… ${items.length - LIST_LIMIT} more (--json lists all)`);
}

const countText = (c: Counts) => `+${c.added} −${c.removed} ~${c.changed}`;

/** The diff as lines of text (the CLI makes each line terminal-safe). */
export function diffText(d: WorkspaceDiff): string[] {
  const s = d.summary;
  const lines = [
    `Diff of two workspaces: as of ${d.asOf.before} → as of ${d.asOf.after}`,
    `  identities ${countText(s.identities)}, credentials ${countText(s.credentials)}, policies ${countText(s.policies)}, grants ${countText(s.grants)}, findings ${countText(s.findings)}`,
    `  paths to admin: ${s.adminPathsOpened} new, ${s.adminPathsClosed} closed, ${s.adminStatusChanged} changed; blast radius: ${s.blastGrowth} grew, ${s.blastShrinkage} shrank (${d.blast.candidates} candidate identities swept, ${d.blast.compared} computed in full)`,
  ];
  const section = (title: string, n: number) => {
    lines.push('', `${title} (${n}):`);
  };
  if (d.adminPaths.opened.length) {
    section('New paths to admin', d.adminPaths.opened.length);
    limited(d.adminPaths.opened, (c) => [`  + ${adminPathSentence(c, true)}`, ...stepLines(c.path, '      ')], lines);
  }
  if (d.adminPaths.closed.length) {
    section('Closed paths to admin', d.adminPaths.closed.length);
    limited(d.adminPaths.closed, (c) => [`  - ${adminPathSentence(c, false)}`, ...stepLines(c.path, '      ')], lines);
  }
  if (d.adminPaths.changed.length) {
    section('Admin status changed', d.adminPaths.changed.length);
    limited(d.adminPaths.changed, (c) => [`  ~ ${label(c.principal, c.name)}: ${statusText[c.before]} → ${statusText[c.after]}${c.scopes.length ? ` (${c.scopes.join(', ')})` : ''}`], lines);
  }
  for (const j of d.jewelPaths) {
    if (!j.opened.length && !j.closed.length) continue;
    section(`Crown jewel ${j.name} (${j.jewel})`, j.opened.length + j.closed.length);
    limited(j.opened, (c) => [`  + ${label(c.principal, c.name)} can now reach it${c.path ? ` (${pathLine(c.path)})` : ''}`], lines);
    limited(j.closed, (c) => [`  - ${label(c.principal, c.name)} can no longer reach it`], lines);
  }
  if (d.blast.changes.length) {
    section('Blast radius', d.blast.changes.length);
    limited(d.blast.changes, (c) => {
      const mark = c.trend === 'growth' ? '▲' : c.trend === 'shrinkage' ? '▼' : '~';
      const signed = (n: number) => (n > 0 ? `+${n}` : `${n}`);
      const admin = [...c.adminOfGained.map((x) => `now admin of ${x}`), ...c.adminOfLost.map((x) => `no longer admin of ${x}`)].join(', ');
      const full = c.before.score !== undefined && c.after.score !== undefined;
      const rest = full ? `, resources ${c.before.resources} → ${c.after.resources} (${signed(c.resourcesDelta)}), score ${c.before.score} → ${c.after.score} (${signed(c.scoreDelta)})` : ' (resources and score not computed: over the blast budget)';
      return [`  ${mark} ${label(c.id, c.name)}: identities ${c.before.identities} → ${c.after.identities} (${signed(c.identitiesDelta)})${rest}${admin ? `; ${admin}` : ''}`];
    }, lines);
  }
  const nodeSection = (title: string, nd: NodeDiff | PolicyDiff) => {
    if (!nd.added.length && !nd.removed.length && !nd.changed.length) return;
    section(title, nd.added.length + nd.removed.length + nd.changed.length);
    limited(nd.added, (n) => [`  + ${n.kind} ${n.id}${n.placeholder ? ' (referenced only)' : ''}`], lines);
    limited(nd.removed, (n) => [`  - ${n.kind} ${n.id}${n.placeholder ? ' (referenced only)' : ''}`], lines);
    limited(nd.changed, (n) => {
      const st = (n as PolicyChange).statements;
      const stText = st ? `; statements +[${st.added.join(', ')}] −[${st.removed.join(', ')}] ~[${st.changed.join(', ')}]` : '';
      return [`  ~ ${n.kind} ${n.id}: ${n.fields.join(', ')}${stText}`];
    }, lines);
  };
  nodeSection('Identities', d.identities);
  nodeSection('Credentials', d.credentials);
  nodeSection('Policies', d.policies);
  const g = d.grants;
  if (g.added.length || g.removed.length || g.changed.length) {
    section('Grants', g.added.length + g.removed.length + g.changed.length);
    const grantLine = (mark: string) => (e: GrantEntry) => [`  ${mark} ${e.kind}: ${e.source} → ${e.target}${e.conditional ? ' (conditional)' : ''}${'changes' in e ? `: ${(e as GrantChange).changes.join(', ')}` : ''}`];
    limited(g.added, grantLine('+'), lines);
    limited(g.removed, grantLine('-'), lines);
    limited(g.changed, grantLine('~'), lines);
  }
  const f = d.findings;
  if (f.added.length || f.removed.length || f.changed.length) {
    section('Findings', f.added.length + f.removed.length + f.changed.length);
    limited(f.added, (x) => [`  + ${x.severity.toUpperCase()} ${x.rule} ${x.subject}: ${x.detail}`], lines);
    limited(f.removed, (x) => [`  - ${x.severity.toUpperCase()} ${x.rule} ${x.subject}`], lines);
    limited(f.changed, (x) => [`  ~ ${x.severityBefore.toUpperCase()} → ${x.severity.toUpperCase()} ${x.rule} ${x.subject}`], lines);
  }
  if (lines.length === 3) lines.push('', 'No change.');
  return lines;
}
