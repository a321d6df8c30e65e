/**
 * The inventory part of a workspace diff: identities, credentials, policies (and their statements),
 * grants and findings added, removed and changed. One pass over each graph's nodes and edges and
 * each side's findings, with no reach sweep: kept apart from the paths to admin and the blast
 * radius, which work on the reach index.
 */
import { isDerivedEdge, isDerivedNode, DERIVED_NODE_ATTRIBUTES } from '../analysis/derived';
import type { BlastGraph } from '../graph/graph';
import { categoryOf } from '../model/kinds';
import type { EdgeAttributes, Evidence, NodeAttributes } from '../model/types';
import type { Finding, Severity } from '../risk/types';
import { byText, changedKeys, nameIn, sortedUnique, stableJson } from './common';
import type { DiffSide, FindingChange, FindingDiff, FindingEntry, GrantChange, GrantDiff, GrantEntry, NodeChange, NodeDiff, NodeEntry, PolicyChange, PolicyDiff, StatementChanges } from './types';

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

export const isIdentity = (a: NodeAttributes) => !isDerivedNode(a) && categoryOf(a.kind) === 'identity';
export const isCredential = (a: NodeAttributes) => !isDerivedNode(a) && categoryOf(a.kind) === 'credential';
export const isPolicy = (a: NodeAttributes) => !isDerivedNode(a) && categoryOf(a.kind) === 'policy';

function isGrant(a: EdgeAttributes, source: NodeAttributes): boolean {
  if (isDerivedEdge(a) || STRUCTURE_EDGES.has(a.kind)) return false;
  return !(a.kind === 'credentialOf' && categoryOf(source.kind) === 'credential');
}

const entryOf = (id: string, a: NodeAttributes): NodeEntry => ({ id, name: a.name, kind: a.kind, provider: a.provider, ...(a.account !== undefined ? { account: a.account } : {}), placeholder: a.placeholder === true });

export function nodesOf(g: BlastGraph, keep: (a: NodeAttributes) => boolean): Map<string, NodeAttributes> {
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

export function diffNodes(before: Map<string, NodeAttributes>, after: Map<string, NodeAttributes>): NodeDiff & { changedAttrs: Map<string, [NodeAttributes, NodeAttributes]> } {
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

export function diffPolicies(before: Map<string, NodeAttributes>, after: Map<string, NodeAttributes>): PolicyDiff & { changedIds: string[] } {
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

export function diffGrants(gb: BlastGraph, ga: BlastGraph): GrantDiff {
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

export const SEVERITY_RANK: Record<Severity, number> = { critical: 0, high: 1, medium: 2, low: 3 };

function findingEntry(g: BlastGraph, f: Finding): FindingEntry {
  return { rule: f.rule, severity: f.severity, subject: f.subject, subjectName: nameIn([g], f.subject), identity: f.identity, provider: f.provider, title: f.title, detail: f.detail };
}

export function diffFindings(before: DiffSide, after: DiffSide): FindingDiff {
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
