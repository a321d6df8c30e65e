/**
 * Pre-built questions, answered in one click (the list BloodHound users start from): who is
 * admin, who can become admin, paths and blast radius from the "assume breached" marks,
 * non-human identities with standing keys that reach admin, federation trusts that admit any
 * repository or subject, secrets readable by many. Provider-neutral: they read kinds' traits, the
 * reach index and the providers' federation capabilities, never a provider's code.
 *
 * Each answer is a count, the first rows (the page asks for more), and the nodes to draw for the
 * whole answer (the overview narrowed to them, at most DRAW_LIMIT so they are drawn one by one).
 *
 * Costs at V nodes and E reach edges: one reverse sweep from the administrator nodes per analysis
 * (cached), shared by "who can become admin" and "standing keys"; one multi-source sweep for
 * the breached marks together (combined-blast.ts) plus one early-stopping search per mark for its
 * path to admin (privilege-paths.ts; marks are set by hand, a handful); one pass over every
 * secret for the ranking (secret-reach.ts states its cost).
 */
import type { Analysis } from '../analysis/analysis';
import type { AnalysisSummary } from '../analysis/summary';
import { combinedBlast, type CombinedBlast, type CombinedResource } from '../analysis/combined-blast';
import { explainStep, type PathStep } from '../analysis/explain';
import { privilegePaths } from '../analysis/privilege-paths';
import { bfs, type Traversal } from '../analysis/reach-index';
import { secretsByReach } from '../analysis/secret-reach';
import { categoryOf, edgeKindInfo, kindInfo } from '../model/kinds';
import { issuerKey, oidcNodeId } from '../federation/oidc';
import { nodeRef } from './details';
import { jewels as resolveJewels } from './jewels';
import type { NodeRef } from './types';

export type QuestionId = 'admins' | 'becomeAdmin' | 'breachedPaths' | 'breachedBlast' | 'standingKeys' | 'wildcardTrusts' | 'secretsByReach';

export interface QuestionInfo {
  id: QuestionId;
  title: string;
  /** What the answer lists, in one sentence. */
  help: string;
  /** Answers start from the breached marks. */
  needsBreached?: boolean;
  /**
   * Counted only when opened: even its count decides access for many principals (minutes at
   * 100,000 principals), and the worker answers one question at a time.
   */
  lazy?: boolean;
}

/** The questions, in the order the page lists them. */
export const QUESTIONS: readonly QuestionInfo[] = [
  { id: 'admins', title: 'Who is admin?', help: 'Admin-equivalent identities of every account, project and cluster.' },
  { id: 'becomeAdmin', title: 'Who can become admin?', help: 'Identities with a path to an administrator, shortest first.' },
  { id: 'breachedPaths', title: 'Paths from breached marks', help: 'The shortest path from each breached mark to admin, and to each crown jewel the marks reach.', needsBreached: true },
  { id: 'breachedBlast', title: 'Blast radius of all breached marks', help: 'Everything any breached mark reaches, each attributed to its nearest mark.', needsBreached: true },
  { id: 'standingKeys', title: 'Non-human identities with standing keys that reach admin', help: 'Active access keys, service-account keys and tokens of machine identities, with a path to admin.' },
  { id: 'wildcardTrusts', title: 'Federation trusts that admit any repository or subject', help: 'OIDC and workload identity trusts whose subject condition is missing or a wildcard.' },
  { id: 'secretsByReach', title: 'Secrets readable by many', help: 'Secrets ranked by how many identities can reach them: readers, administrators, and whoever can become one.', lazy: true },
];

export interface QuestionRequest {
  question: QuestionId;
  /** The "assume breached" marks (node ids), for the questions that start from them. */
  breached: string[];
  /** Crown jewels by hand and by tag rule (as the `jewels` query takes them). */
  jewels: { manual: string[]; rules: string[] };
  /** Rows wanted: the count is always whole. */
  limit: number;
}

export interface QuestionRow {
  /** The node the row is about (clicked without a path: its details open). */
  id: string;
  /** Drawn when clicked: the path view from a node to a node or to `admin`. */
  path?: { from: string; to: string };
  hops?: number;
  /** What the row is ranked by (identities that can reach a secret). */
  count?: number;
  /** One line in words. */
  detail: string;
  /** Some step on the way depends on a condition the exports cannot decide. */
  conditional?: boolean;
  /** Which list of the answer it belongs to, when it has several (identities, resources). */
  section?: string;
}

export interface QuestionAnswer {
  question: QuestionId;
  /** How many answers in all (`rows` holds the first `limit` of each section). */
  count: number;
  rows: QuestionRow[];
  /** A sentence above the list: totals, why nothing was found, what was left out. */
  note?: string;
  /** Sources and how many of the answer each is nearest to (combined blast radius). */
  sources?: { id: string; count: number }[];
  /** Nodes to draw for the whole answer (the overview narrowed to them); empty: nothing to draw. */
  draw: string[];
  /** Names of every node the rows and sources mention. */
  refs: Record<string, NodeRef>;
}

/** At most this many nodes are drawn for an answer: below the overview's limit for drawing one by one. */
export const DRAW_LIMIT = 200;

type Answer = Omit<QuestionAnswer, 'question' | 'refs'>;

interface Context {
  a: Analysis;
  summary: AnalysisSummary | undefined;
  req: QuestionRequest;
  limit: number;
}

const ANSWERS: Record<QuestionId, (c: Context) => Answer> = {
  admins: whoIsAdmin,
  becomeAdmin: whoCanBecomeAdmin,
  breachedPaths,
  breachedBlast,
  standingKeys,
  wildcardTrusts,
  secretsByReach: secretsReadableByMany,
};

export function answerQuestion(a: Analysis, summary: AnalysisSummary | undefined, req: QuestionRequest): QuestionAnswer {
  const limit = Math.max(0, Math.min(5000, Math.floor(req.limit) || 0));
  const answer = Object.prototype.hasOwnProperty.call(ANSWERS, req.question) ? ANSWERS[req.question]({ a, summary, req, limit }) : { count: 0, rows: [], draw: [], note: `No question "${String(req.question)}".` };
  const ids = new Set<string>();
  for (const r of answer.rows) {
    ids.add(r.id);
    if (r.path) for (const id of [r.path.from, r.path.to]) if (id !== 'admin') ids.add(id);
  }
  for (const s of answer.sources ?? []) ids.add(s.id);
  const refs: Record<string, NodeRef> = Object.create(null) as Record<string, NodeRef>;
  for (const id of ids) refs[id] = nodeRef(a.graph, id);
  return { question: req.question, ...answer, refs };
}

// --- shared pieces ---------------------------------------------------------------------------

const adminSweeps = new WeakMap<Analysis, Traversal>();

/** Reverse sweep from every administrator node: hops to admin and the first edge towards it. */
function towardsAdmin(a: Analysis): Traversal {
  let t = adminSweeps.get(a);
  if (!t) {
    const ix = a.reach;
    const admins: number[] = [];
    for (let v = 0; v < ix.ids.length; v++) if (ix.attrs[v]!.kind === 'adminAccess') admins.push(v);
    adminSweeps.set(a, (t = bfs(ix, admins, true)));
  }
  return t;
}

/** Reach edges from node `v` to the nearest administrator, read off the reverse sweep's tree. */
function edgesToAdmin(a: Analysis, t: Traversal, v: number): number[] {
  const edges: number[] = [];
  for (let w = v; t.via[w]! >= 0; w = a.reach.edgeDst[t.via[w]!]!) edges.push(t.via[w]!);
  return edges;
}

/** Reach edges from the nearest start to `v`, read off a forward sweep's tree. */
function edgesFromStart(a: Analysis, t: Traversal, v: number): number[] {
  const edges: number[] = [];
  for (let w = v; t.via[w]! >= 0; w = a.reach.edgeSrc[t.via[w]!]!) edges.push(t.via[w]!);
  return edges.reverse();
}

/** The nodes a list of reach edges passes through. */
function nodesOf(a: Analysis, edges: readonly number[]): string[] {
  const ix = a.reach;
  if (!edges.length) return [];
  return [ix.ids[ix.edgeSrc[edges[0]!]!]!, ...edges.map((e) => ix.ids[ix.edgeDst[e]!]!)];
}

/** One step in words: its technique where it has one, else what the edge is. */
function stepText(a: Analysis, s: PathStep): string {
  if (s.kind === 'adminOf') return `as ${nameOf(a, s.to)}`;
  if (s.kind === 'setMember') return `as ${nameOf(a, s.to)} (one of a set)`;
  if (s.kind === 'credentialOf') return `as ${nameOf(a, s.to)}`;
  return s.techniqueName ?? s.technique ?? edgeKindInfo(s.kind).label;
}

/** A path's steps in words. */
function stepsText(a: Analysis, edges: readonly number[]): string {
  return edges.map((e) => stepText(a, explainStep(a, e))).join(' → ');
}

const steps = (n: number) => `${n} ${n === 1 ? 'step' : 'steps'}`;
const nameOf = (a: Analysis, id: string) => (a.graph.hasNode(id) ? a.graph.getNodeAttribute(id, 'name') : id);
const conditionalPath = (a: Analysis, edges: readonly number[]) => edges.some((e) => a.reach.edges[e]!.conditional);

/** Nodes to draw: each list in turn, without repeats, up to DRAW_LIMIT. */
function drawList(...lists: Iterable<string>[]): string[] {
  const out = new Set<string>();
  for (const list of lists) {
    for (const id of list) {
      if (out.size >= DRAW_LIMIT) return [...out];
      out.add(id);
    }
  }
  return [...out];
}

function adminNodes(a: Analysis): string[] {
  const out: string[] = [];
  a.graph.forEachNode((id, n) => void (n.kind === 'adminAccess' && out.push(id)));
  return out;
}

/** Marks in the graph, and how many are not (files removed since they were marked). */
function marksIn(c: Context): { marks: string[]; missing: number } {
  const marks = [...new Set(c.req.breached)].filter((id) => c.a.graph.hasNode(id));
  return { marks, missing: new Set(c.req.breached).size - marks.length };
}

const NO_MARKS = 'No breached marks yet: right-click a node on the graph (a leaked key, a compromised pod, a CI workflow) and choose "Mark as breached".';
const missingNote = (missing: number) => (missing ? ` ${missing} ${missing === 1 ? 'mark is' : 'marks are'} not in this workspace.` : '');

const combinedCache = new WeakMap<Analysis, { key: string; value: CombinedBlast }>();

/** The combined blast radius of the marks (the last one kept: the two breached questions share it). */
function combined(a: Analysis, marks: readonly string[]): CombinedBlast {
  const key = marks.join('\u0000');
  const hit = combinedCache.get(a);
  if (hit?.key === key) return hit.value;
  const value = combinedBlast(a, marks);
  combinedCache.set(a, { key, value });
  return value;
}

// --- the questions ---------------------------------------------------------------------------

function whoIsAdmin({ a, summary, limit }: Context): Answer {
  const admins = summary?.admins ?? [];
  const conditional = summary?.conditionalAdmins ?? [];
  const rows: QuestionRow[] = [
    ...admins.slice(0, limit).map((id) => ({ id, detail: 'admin-equivalent' })),
    ...conditional.slice(0, Math.max(0, limit - admins.length)).map((id) => ({ id, detail: 'admin if its conditions hold (MFA, source network…)', conditional: true })),
  ];
  const count = admins.length + conditional.length;
  return { count, rows, draw: count ? drawList(adminNodes(a), admins, conditional) : [], note: count ? undefined : 'No admin-equivalent identity in these exports.' };
}

function whoCanBecomeAdmin({ a, summary, limit }: Context): Answer {
  const list = summary?.escalatesToAdmin ?? [];
  const t = towardsAdmin(a);
  const ix = a.reach;
  const rows = list.slice(0, limit).map((e) => ({ id: e.principal, hops: e.hops, path: { from: e.principal, to: 'admin' }, detail: `${steps(e.hops)}: ${e.techniques.join(' → ')}` }));
  // The shortest paths of the first ones, as the reverse sweep found them.
  const paths = list.slice(0, 30).flatMap((e) => {
    const v = ix.index.get(e.principal);
    return v === undefined ? [] : nodesOf(a, edgesToAdmin(a, t, v));
  });
  return { count: list.length, rows, draw: list.length ? drawList(paths) : [], note: list.length ? undefined : 'No identity in these exports can become admin.' };
}

/**
 * From the breached marks: to admin, one shortest path per mark (privilegePaths, stopping at the
 * first administrator found); to each crown jewel, the shortest path from the nearest mark, read
 * off one multi-source sweep (identity jewels), or through the nearest reached identity with
 * access (resource and secret jewels, from the combined blast radius: their access is decided
 * only for the identities the marks reach, not for every principal as a path search would).
 */
function breachedPaths(c: Context): Answer {
  const { a, limit } = c;
  const ix = a.reach;
  const { marks, missing } = marksIn(c);
  if (!marks.length) return { count: 0, rows: [], draw: [], note: NO_MARKS + missingNote(missing) };
  const all: QuestionRow[] = [];
  const drawn: string[][] = [marks];
  const none: string[] = [];
  for (const mark of marks) {
    const [p] = privilegePaths(a, mark, 'admin', 1);
    if (!p) {
      none.push(mark);
      continue;
    }
    const target = p.steps.at(-1)!.to;
    all.push({ id: mark, path: { from: mark, to: 'admin' }, hops: p.hops, conditional: p.conditionalSteps > 0, section: 'to admin', detail: `${steps(p.hops)} to ${nameOf(a, target)}: ${p.steps.map((st) => stepText(a, st)).join(' → ')}` });
    drawn.push([mark, ...p.steps.map((s) => s.to)]);
  }
  const jewelIds = resolveJewels(a.graph, c.req.jewels.manual, c.req.jewels.rules).map((j) => j.id);
  let unreached = 0;
  if (jewelIds.length) {
    const t = bfs(ix, marks.map((m) => ix.index.get(m)!));
    let reached: Map<string, CombinedResource> | undefined;
    for (const j of jewelIds) {
      const v = ix.index.get(j)!;
      const h = t.hops[v]!;
      if (h === 0) continue;
      if (h > 0) {
        const edges = edgesFromStart(a, t, v);
        const from = ix.ids[ix.edgeSrc[edges[0]!]!]!;
        all.push({ id: j, path: { from, to: j }, hops: h, conditional: conditionalPath(a, edges), section: 'to crown jewels', detail: `crown jewel, ${steps(h)} from ${nameOf(a, from)}: ${stepsText(a, edges)}` });
        drawn.push(nodesOf(a, edges));
        continue;
      }
      const category = categoryOf(a.graph.getNodeAttribute(j, 'kind'));
      if (category !== 'resource' && category !== 'secret') {
        unreached++;
        continue;
      }
      reached ??= new Map(combined(a, marks).resources.map((x) => [x.id, x]));
      const r = reached.get(j);
      if (!r) {
        unreached++;
        continue;
      }
      const w = ix.index.get(r.through)!;
      const edges = edgesFromStart(a, t, w);
      const from = edges.length ? ix.ids[ix.edgeSrc[edges[0]!]!]! : r.through;
      const route = edges.length ? `${stepsText(a, edges)} → ` : '';
      // The path view draws it (privilege paths end at a resource through one of its accessors).
      all.push({ id: j, path: { from, to: j }, hops: r.hops, conditional: r.conditionalOnly || conditionalPath(a, edges), section: 'to crown jewels', detail: `crown jewel, ${steps(r.hops)} from ${nameOf(a, from)}: ${route}${r.levels.join(', ') || 'access'} as ${nameOf(a, r.through)}` });
      drawn.push([...(edges.length ? nodesOf(a, edges) : [r.through]), j]);
    }
  }
  all.sort((x, y) => (x.section === y.section ? 0 : x.section === 'to admin' ? -1 : 1) || x.hops! - y.hops!);
  const notes = [
    none.length ? (marks.length === 1 ? 'The mark reaches no admin.' : `${none.length} of ${marks.length} marks ${none.length === 1 ? 'reaches' : 'reach'} no admin.`) : '',
    !jewelIds.length ? 'No crown jewels marked: paths to them appear once some are (Crown jewels tab).' : unreached ? `${unreached} of ${jewelIds.length} crown jewels are out of reach.` : '',
  ];
  return { count: all.length, rows: all.slice(0, limit), draw: drawList(...drawn), note: (notes.filter(Boolean).join(' ') + missingNote(missing)).trim() || undefined };
}

function breachedBlast(c: Context): Answer {
  const { a, limit } = c;
  const { marks, missing } = marksIn(c);
  if (!marks.length) return { count: 0, rows: [], draw: [], note: NO_MARKS + missingNote(missing) };
  const b = combined(a, marks);
  const name = (id: string) => nameOf(a, id);
  const rows: QuestionRow[] = [
    ...b.identities(0, limit).map((r) => ({ id: r.id, hops: r.hops, conditional: r.conditional, path: { from: r.source, to: r.id }, section: 'identities', detail: `${steps(r.hops)} from ${name(r.source)}` })),
    ...b.resources.slice(0, limit).map((r) => ({ id: r.id, hops: r.hops, conditional: r.conditionalOnly, section: 'resources', detail: `${r.levels.join(', ') || 'access'} as ${name(r.through)}, from ${name(r.source)}` })),
  ];
  const levels = Object.entries(b.byAccessLevel)
    .map(([l, n]) => `${n} ${l}`)
    .join(', ');
  const note = `${b.identityCount.toLocaleString('en')} identities and ${b.resources.length.toLocaleString('en')} resources reached${levels ? ` (${levels})` : ''}${b.adminOf.length ? `; admin of ${b.adminOf.join(', ')}` : ''}; score ${b.score}/100.${missingNote(missing)}`;
  const nearest = b.identities(0, Math.max(0, DRAW_LIMIT - marks.length)).map((r) => r.id);
  return { count: b.identityCount + b.resources.length, rows, note, sources: b.sources.map((id) => ({ id, count: b.bySource[id] ?? 0 })), draw: drawList(marks, nearest) };
}

/**
 * Standing credentials (kinds with the `standing` trait: access keys, service-account keys,
 * legacy tokens), active, of a non-human identity, with a path to admin: one pass over the
 * nodes after the cached reverse sweep from the administrators, O(V) plus the rows' paths.
 */
function standingKeys({ a, limit }: Context): Answer {
  const ix = a.reach;
  const t = towardsAdmin(a);
  const found: { id: string; owner: string; hops: number }[] = [];
  a.graph.forEachNode((id, n) => {
    if (!kindInfo(n.kind).standing || n.attributes.active === false) return;
    const v = ix.index.get(id)!;
    if (t.hops[v]! < 0) return;
    let owner: string | undefined;
    a.graph.forEachOutEdge(id, (_, e, _s, target) => {
      if (e.kind === 'credentialOf') owner ??= target;
    });
    if (!owner) return;
    const o = a.graph.getNodeAttributes(owner);
    const nature = kindInfo(o.kind).nature;
    if (nature === 'non-human' || (nature === 'depends' && o.attributes.passwordEnabled === false)) found.push({ id, owner, hops: t.hops[v]! });
  });
  found.sort((x, y) => x.hops - y.hops || nameOf(a, x.id).localeCompare(nameOf(a, y.id)));
  const rows = found.slice(0, limit).map((k) => {
    const edges = edgesToAdmin(a, t, ix.index.get(k.id)!);
    const o = a.graph.getNodeAttributes(k.owner);
    const used = typeof a.graph.getNodeAttribute(k.id, 'attributes').lastUsed === 'string' ? `, last used ${String(a.graph.getNodeAttribute(k.id, 'attributes').lastUsed).slice(0, 10)}` : '';
    return { id: k.id, hops: k.hops, path: { from: k.id, to: 'admin' }, conditional: conditionalPath(a, edges), detail: `key of ${o.name} (${kindInfo(o.kind).label.toLowerCase()})${used}; ${steps(k.hops)} to admin: ${stepsText(a, edges)}` };
  });
  const draw = found.slice(0, 30).flatMap((k) => nodesOf(a, edgesToAdmin(a, t, ix.index.get(k.id)!)));
  return { count: found.length, rows, draw: drawList(draw), note: found.length ? undefined : 'No active standing key of a non-human identity reaches admin.' };
}

/** How broad a trust's subject condition is: 0 any subject, 1 any organisation, 2 any repository (or a wildcard subject). */
export function subjectBreadth(issuer: string, patterns: readonly string[]): { rank: number; text: string } | undefined {
  const host = issuerKey(issuer);
  if (!patterns.length) return { rank: 0, text: `any subject of ${host} (the trust does not test the subject)` };
  let best: { rank: number; text: string } | undefined;
  const take = (b: { rank: number; text: string }) => {
    if (!best || b.rank < best.rank) best = b;
  };
  for (const p of patterns) {
    if (!/[*?]/.test(p)) continue;
    if (/^[*?]+$/.test(p)) {
      take({ rank: 0, text: `any subject of ${host} (sub ${p})` });
      continue;
    }
    // GitHub Actions' `repo:OWNER/REPO:CONTEXT`.
    const gh = /^repo:([^/:]*)(?:\/([^:]*))?(?::(.*))?$/.exec(p);
    if (gh) {
      const [, owner, repo] = gh;
      if (/[*?]/.test(owner!)) take({ rank: 1, text: `repositories of any organisation (sub ${p})` });
      else if (repo === undefined || /[*?]/.test(repo)) take({ rank: 2, text: `any repository of ${owner} (sub ${p})` });
      // A wildcard only in the branch, tag or event of one repository is not "any repository".
      continue;
    }
    take({ rank: 2, text: `any subject matching ${p}` });
  }
  return best;
}

/**
 * Trusts of every provider's identities in OIDC issuers (ProviderAnalysis.trustedIssuers: AWS
 * role trusts, GCP workload identity pool providers...) whose subject condition is missing or a
 * wildcard broad enough to admit any repository (`repo:org/*`), any organisation (`repo:org*`) or
 * any subject at all. Linear in the trusts.
 */
function wildcardTrusts({ a, summary, limit }: Context): Answer {
  const ix = a.reach;
  const t = towardsAdmin(a);
  const found: { target: string; issuer: string; rank: number; text: string; hops: number; conditional: boolean }[] = [];
  const seen = new Set<string>();
  for (const p of a.providers.values()) {
    for (const trust of p.trustedIssuers?.() ?? []) {
      const key = `${issuerKey(trust.issuer)}\u0000${trust.target}`;
      if (seen.has(key) || !a.graph.hasNode(trust.target)) continue;
      seen.add(key);
      const breadth = subjectBreadth(trust.issuer, trust.subjectPatterns);
      if (!breadth) continue;
      // The analysis drew `oidc:<issuer>:*` → target when the trust admits a foreign subject: its condition says whether that was certain.
      const any = oidcNodeId(trust.issuer, '*');
      let conditional = false;
      if (a.graph.hasNode(any)) a.graph.forEachEdge(any, trust.target, (_, e) => void (conditional ||= e.attributes.conditional === true));
      found.push({ target: trust.target, issuer: issuerKey(trust.issuer), rank: breadth.rank, text: breadth.text, hops: t.hops[ix.index.get(trust.target)!]!, conditional });
    }
  }
  const adminRank = (h: number) => (h < 0 ? Infinity : h);
  found.sort((x, y) => x.rank - y.rank || adminRank(x.hops) - adminRank(y.hops) || nameOf(a, x.target).localeCompare(nameOf(a, y.target)));
  const admins = new Set([...(summary?.admins ?? []), ...(summary?.conditionalAdmins ?? [])]);
  const rows = found.slice(0, limit).map((f) => ({
    id: f.target,
    hops: f.hops >= 0 ? f.hops : undefined,
    conditional: f.conditional,
    detail: `admits ${f.text}; ${f.hops < 0 ? 'reaches no admin' : admins.has(f.target) ? 'is admin' : `${steps(f.hops)} to admin`}`,
  }));
  // The trusting identities, what stands for their issuer next to them, and their ways to admin.
  const draw = found.slice(0, 40).flatMap((f) => {
    const near: string[] = [];
    a.graph.forEachInNeighbor(f.target, (id) => void (id.includes(f.issuer) && near.push(id)));
    const v = ix.index.get(f.target)!;
    return [...near, f.target, ...(t.hops[v]! > 0 ? nodesOf(a, edgesToAdmin(a, t, v)) : [])];
  });
  return { count: found.length, rows, draw: drawList(draw), note: found.length ? undefined : 'No federation trust admits any repository or any subject.' };
}

/** Secrets by how many identities can reach them (secret-reach.ts: exact first rows, the rest bounded, never all decided). */
function secretsReadableByMany({ a, limit }: Context): Answer {
  const ranked = secretsByReach(a, limit);
  const rows = ranked.top.map((s) => ({
    id: s.id,
    count: s.identities,
    detail: `${s.identities.toLocaleString('en')} ${s.identities === 1 ? 'identity' : 'identities'} can reach it, ${s.beyondAdmin.toLocaleString('en')} of them without becoming admin`,
  }));
  return { count: ranked.total, rows, draw: [], note: ranked.total ? undefined : 'No secrets in these exports.' };
}
