/**
 * Answers the page's questions about one analysed workspace: scenes to draw, pages of lists, one
 * node's details. Everything the page shows comes through here in pieces sized for the screen, so
 * the page never holds (or clones) the whole graph. Caches live as long as the analysis.
 */
import type { Analysis } from '../analysis/analysis';
import { blastResult, type BlastResult } from '../analysis/blast-result';
import { privilegePaths, type PrivilegePath } from '../analysis/privilege-paths';
import { rankedWhoCan, type RankedEntry } from '../analysis/who-can';
import type { AnalysisSummary } from '../analysis/summary';
import type { ReachedAdmin, ReachedIdentity, ReachedResource } from '../analysis/blast-radius';
import type { AccessLevel } from '../model/access';
import { Inventory, inventoryRows } from './inventory';
import { SearchIndex } from './search';
import { edgeDetails, edgesBetween, neighbourIds, nodeDetails, nodeRef, type BetweenEdge, type DetailsRequest } from './details';
import { jewels } from './jewels';
import { overviewScene } from './scene/overview-scene';
import { blastScene } from './scene/blast-scene';
import { pathScene } from './scene/path-scene';
import { placeLabels } from './scene/labels';
import type { DiffMark, EdgeDetails, InventoryPage, InventoryRequest, NodeDetails, NodeRef, OverviewRequest, Scene, SummaryList, SummaryListPage } from './types';
import { answerQuestion, type QuestionAnswer, type QuestionRequest } from './questions';
import type { Severity } from '../risk/types';
import type { Classification } from '../risk/classify';
import { RiskView, type UnknownNature, type FindingsPage, type FindingsRequest, type RiskDashboard, type RiskSettings } from './risk-view';

/** The blast radius as the panel shows it: every count, the first rows of each list. */
export interface BlastPanel {
  source: string;
  score: number;
  admins: ReachedAdmin[];
  adminOf: string[];
  identityCount: number;
  identities: ReachedIdentity[];
  resourceCount: number;
  resources: ReachedResource[];
  byAccessLevel: Partial<Record<AccessLevel, number>>;
  byService: Record<string, number>;
  adminPaths: PrivilegePath[];
  /** Names of every node the paths and rows mention. */
  refs: Record<string, NodeRef>;
}

export interface PathsView {
  paths: PrivilegePath[];
  refs: Record<string, NodeRef>;
}

export interface WhoCanPanel {
  target: string;
  total: number;
  reachers: RankedEntry[];
}

export type ExploreQuery =
  | { type: 'overview'; req: OverviewRequest }
  | { type: 'blastScene'; node: string; expanded: string[] }
  | { type: 'pathScene'; from: string; to: string }
  | { type: 'details'; req: DetailsRequest }
  | { type: 'inventory'; req: InventoryRequest }
  | { type: 'search'; query: string; limit: number }
  | { type: 'jewels'; manual: string[]; rules: string[] }
  | { type: 'neighbours'; id: string }
  | { type: 'edge'; id: string }
  | { type: 'between'; source: string; target: string }
  | { type: 'summaryList'; list: SummaryList; limit: number }
  | { type: 'blast'; node: string; limit: number; offset?: number }
  | { type: 'paths'; from: string; to: string; k: number }
  | { type: 'whoCan'; target: string; limit: number; offset?: number }
  | { type: 'question'; req: QuestionRequest }
  | { type: 'risk'; settings: RiskSettings }
  | { type: 'findings'; settings: RiskSettings; req: FindingsRequest }
  /** The worst finding severity of each of these (drawn) nodes: the graph's badges. */
  | { type: 'badges'; settings: RiskSettings; ids: string[] }
  /** Human or non-human, with the reason (null: not an identity). */
  | { type: 'classification'; settings: RiskSettings; id: string };

export interface ExploreAnswers {
  overview: Scene;
  blastScene: Scene;
  pathScene: Scene;
  details: NodeDetails | null;
  inventory: InventoryPage;
  search: { matches: NodeRef[]; total: number };
  jewels: NodeRef[];
  neighbours: string[];
  edge: EdgeDetails | null;
  between: { edges: BetweenEdge[]; total: number } | null;
  summaryList: SummaryListPage;
  blast: BlastPanel;
  paths: PathsView;
  whoCan: WhoCanPanel;
  question: QuestionAnswer;
  risk: RiskDashboard;
  findings: FindingsPage;
  badges: Record<string, Severity>;
  classification: Classification | UnknownNature | null;
}

const clamp = (v: number, max: number) => Math.max(0, Math.min(max, Math.floor(v) || 0));

export class Explorer {
  private inventoryCache: Inventory | undefined;
  private searchCache: SearchIndex | undefined;
  /** The last blast radius: the panel and the scene ask for the same node one after the other. */
  private lastBlast: { node: string; value: BlastResult } | undefined;
  /** Nodes that changed since a compared snapshot: marked in every scene. */
  private diffMarks: ReadonlyMap<string, DiffMark> | undefined;
  /** The risk assessment under the analyst's last thresholds (re-run when they change). */
  private riskCache: { key: string; view: RiskView } | undefined;

  constructor(
    private readonly a: Analysis,
    private readonly summary: AnalysisSummary | undefined,
  ) {}

  setDiffMarks(marks: ReadonlyMap<string, DiffMark> | undefined): void {
    this.diffMarks = marks;
  }

  /** A scene with its labels placed and each node's change since the compared snapshot. */
  private drawn(scene: Scene): Scene {
    const marks = this.diffMarks;
    if (marks) for (const n of scene.nodes) {
      const m = marks.get(n.id);
      if (m) n.diff = m;
    }
    return labelled(scene);
  }

  private get graph() {
    return this.a.graph;
  }

  answer<Q extends ExploreQuery>(q: Q): ExploreAnswers[Q['type']] {
    return this.dispatch(q) as ExploreAnswers[Q['type']];
  }

  private dispatch(q: ExploreQuery): ExploreAnswers[keyof ExploreAnswers] {
    switch (q.type) {
      case 'overview':
        return this.drawn(overviewScene(this.graph, this.summary, q.req, (id) => this.scopeOf(id)));
      case 'blastScene':
        return this.drawn(blastScene(this.a, this.blast(q.node), new Set(q.expanded)));
      case 'pathScene':
        return this.drawn(pathScene(this.graph, q.from, privilegePaths(this.a, q.from, q.to, 5)));
      case 'details':
        return nodeDetails(this.graph, q.req, this.a.asOf);
      case 'inventory':
        return this.inventory().page(q.req);
      case 'search':
        return (this.searchCache ??= new SearchIndex(this.graph)).search(q.query, q.limit);
      case 'jewels':
        return jewels(this.graph, q.manual, q.rules);
      case 'neighbours':
        return neighbourIds(this.graph, q.id);
      case 'edge':
        return edgeDetails(this.graph, q.id);
      case 'between':
        return edgesBetween(this.graph, q.source, q.target);
      case 'summaryList':
        return this.summaryList(q.list, clamp(q.limit, 1_000_000));
      case 'blast':
        return this.blastPanel(q.node, clamp(q.limit, 5000), clamp(q.offset ?? 0, Number.MAX_SAFE_INTEGER));
      case 'paths': {
        const paths = privilegePaths(this.a, q.from, q.to, clamp(q.k, 10));
        return { paths, refs: this.refs([q.from, ...(q.to === 'admin' ? [] : [q.to]), ...paths.flatMap((p) => p.steps.flatMap((s) => [s.from, s.to]))]) };
      }
      case 'whoCan': {
        const w = rankedWhoCan(this.a, q.target);
        const from = clamp(q.offset ?? 0, Number.MAX_SAFE_INTEGER);
        return { target: q.target, total: w.reachers.length, reachers: w.reachers.slice(from, from + clamp(q.limit, 5000)) };
      }
      case 'question':
        return answerQuestion(this.a, this.summary, q.req);
      case 'risk':
        return this.risk(q.settings).dashboard();
      case 'findings':
        return this.risk(q.settings).findings(q.req);
      case 'badges':
        return this.risk(q.settings).badges(q.ids);
      case 'classification':
        return this.risk(q.settings).classification(q.id);
    }
  }

  risk(settings: RiskSettings): RiskView {
    const key = JSON.stringify(settings);
    if (this.riskCache?.key !== key) this.riskCache = { key, view: new RiskView(this.a, settings, (ids) => this.refs(ids)) };
    return this.riskCache.view;
  }

  private blast(node: string) {
    if (this.lastBlast?.node !== node) this.lastBlast = { node, value: blastResult(this.a, node) };
    return this.lastBlast.value;
  }

  /** Counts, score and one page of rows from `offset` (paths to admin with the first page only). */
  private blastPanel(node: string, limit: number, offset = 0): BlastPanel {
    const b = this.blast(node);
    const adminPaths = offset === 0 ? privilegePaths(this.a, node, 'admin', 3) : [];
    // Rows for the page only: a 100,000-identity blast radius costs one page here.
    const identities = b.identities(offset, offset + limit);
    const resources = b.resources.slice(offset, offset + limit);
    const ids = [node, ...adminPaths.flatMap((p) => p.steps.flatMap((s) => [s.from, s.to])), ...resources.map((r) => r.through)];
    return {
      source: node,
      score: b.score,
      admins: b.admins,
      adminOf: b.adminOf,
      identityCount: b.identityCount,
      identities,
      resourceCount: b.resources.length,
      resources,
      byAccessLevel: b.byAccessLevel,
      byService: b.byService,
      adminPaths,
      refs: this.refs(ids),
    };
  }

  private inventory(): Inventory {
    if (!this.inventoryCache) {
      const escalates = new Set(this.summary?.escalatesToAdmin.map((e) => e.principal) ?? []);
      this.inventoryCache = new Inventory(inventoryRows(this.graph, this.a.asOf, escalates));
    }
    return this.inventoryCache;
  }

  private scopeOf(id: string): string | undefined {
    const provider = this.graph.getNodeAttribute(id, 'provider');
    return this.a.providers.get(provider)?.scopeOf(id) ?? this.graph.getNodeAttribute(id, 'account');
  }

  /** The first `limit` entries of one list of the summary, with the names they mention. */
  summaryList(list: SummaryList, limit: number): SummaryListPage {
    const items = (this.summary?.[list] ?? []).slice(0, limit) as SummaryListPage['items'];
    return { items, refs: this.refs(summaryIds({ [list]: items })) };
  }

  refs(ids: Iterable<string>): Record<string, NodeRef> {
    const out: Record<string, NodeRef> = Object.create(null) as Record<string, NodeRef>;
    for (const id of ids) if (!(id in out)) out[id] = nodeRef(this.graph, id);
    return out;
  }
}

/** Every scene leaves the worker with its labels placed (scene/labels.ts). */
function labelled(scene: Scene): Scene {
  placeLabels(scene.nodes);
  return scene;
}

/** The node ids the given summary lists mention (principals, federation sources). */
export function* summaryIds(s: Partial<Pick<AnalysisSummary, SummaryList>>): Generator<string> {
  yield* s.admins ?? [];
  yield* s.conditionalAdmins ?? [];
  for (const e of s.escalatesToAdmin ?? []) yield e.principal;
  for (const p of s.needsInventory ?? []) yield p.principal;
  for (const f of s.federation ?? []) yield f.from;
}
