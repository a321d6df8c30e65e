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
 *
 * The parts live in their own modules: the types (types.ts), the inventory of identities,
 * credentials, policies, grants and findings (inventory.ts), paths to admin and crown jewels
 * (admins.ts) and blast radius (blast.ts). This one puts them together, renders the diff as text,
 * and re-exports what callers import from `./diff`.
  */
import { SEVERITIES, type Severity } from '../risk/types';
import { shortName } from './common';
import { diffAdmins, diffJewels } from './admins';
import { diffBlast } from './blast';
import { diffFindings, diffGrants, diffNodes, diffPolicies, isCredential, isIdentity, isPolicy, nodesOf, SEVERITY_RANK } from './inventory';
import type { AdminPathChange, AdminStatus, Counts, DiffOptions, DiffPath, DiffSide, GrantChange, GrantEntry, NodeDiff, PolicyChange, PolicyDiff, WorkspaceDiff } from './types';

export * from './types';
export { blastFigures } from './blast';

const DEFAULTS = { topByRisk: 20, blastBudget: 100, reachBudget: 2000, maxPaths: 500 };

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
