/**
 * The engine behind one workspace, shared by the worker and the main-thread fallback: import
 * files into the session, re-run the analysis (it depends on every file and on the analysis
 * date), answer questions.
 */
import { analyze, type Analysis, type Reuse } from '../analysis/analysis';
import { blastView, summarize, type AnalysisSummary, type BlastView } from '../analysis/summary';
import { privilegePaths, type PrivilegePath } from '../analysis/privilege-paths';
import { rankedWhoCan, type RankedWhoCan } from '../analysis/who-can';
import type { FileReport } from '../model/fragment';
import type { FileInput } from '../importers/import-file';
import { asOfFrom, defaultAsOf, type AsOf } from '../model/as-of';
import type { Timer } from '../model/timer';
import type { OidcStart } from '../federation';
import type { SecretMapping } from '../analysis/secret-unlocks';
import { ImportSession } from './session';
import { graphStats, snapshotOf, type Snapshot } from './snapshot';
import { Explorer, summaryIds, type ExploreAnswers, type ExploreQuery } from '../explore/explorer';
import { knownIssuers } from '../explore/jewels';
import { SUMMARY_HEAD, type ViewSummary, type WorkspaceView } from '../explore/types';
import { openSnapshot } from '../snapshot/open';
import type { SnapshotWorkspace } from '../snapshot/format';
import { exportWorkspace, type ExportedFile, type ExportFormat } from '../export/workspace-export';
import { assessRisk } from '../risk/assess';
import { rejectedReport } from '../importers/import-file';
import { whatIf, planText, type Change } from '../diff/whatif';
import type { RiskConfig } from '../risk/types';
import type { ComparisonView, DiffMark, WhatIfView } from '../explore/types';
import { diffWorkspaces, diffText } from '../diff/diff';

/** How the workspace's analysis date is chosen: the analyst's, else derived from the exports. */
export interface AsOfSettings {
  /** Set by the analyst (epoch ms); wins over everything. */
  override?: number;
  /** When the workspace's files were first imported: the last-resort default (epoch ms). */
  importTime: number;
}

export class WorkspaceEngine {
  session: ImportSession;
  private analysis: Analysis | undefined;
  /** The last analysis of the workspace's own graph (not a what-if copy), for the next to reuse. */
  private last: Pick<Reuse, 'providers' | 'asOf'> | undefined;
  private summary: Snapshot['analysis'];
  private asOfSettings: AsOfSettings;
  /** Token start points the analyst asked about ("what could this token reach?"). */
  private starts: OidcStart[] = [];
  /** Secret mappings made in the app. */
  private mappings: SecretMapping[] = [];
  private explorer: Explorer | undefined;
  /** Bumped by every change of the workspace: the page keys its cached views by it. */
  private version = 0;
  /** The settings of the snapshot this workspace was opened from (the page applies them once). */
  private opened: SnapshotWorkspace | undefined;
  /** What-if: removals simulated on a copy; every answer is about the copy while any is set. */
  private changes: Change[] = [];
  private changesRisk: Partial<RiskConfig> = {};
  private whatIfView: WhatIfView | undefined;
  /** A snapshot the workspace is compared with (diff), and what changed on each node since. */
  private comparison: { view: ComparisonView; marks: Map<string, DiffMark> } | undefined;

  /** `timer` measures durations for the analyst; `importTime` is the as-of fallback. */
  constructor(
    private readonly timer: Timer | undefined,
    importTime: number,
  ) {
    this.session = new ImportSession(timer);
    this.asOfSettings = { importTime };
  }

  addFiles(inputs: FileInput[], onFile?: (r: FileReport, redacted?: string) => void): FileReport[] {
    this.changed();
    return this.session.addFiles(inputs, onFile);
  }

  /** One file of a batch read one at a time, after `prescan` (see ImportSession.importOne). */
  importOne(input: FileInput, onFile?: (r: FileReport, redacted?: string) => void): FileReport {
    this.changed();
    return this.session.importOne(input, onFile);
  }

  /** After the batch's last `importOne`. */
  endBatch(): void {
    this.changed();
    this.session.endBatch();
  }

  /**
   * Facts the analyst states (e.g. `k8s.clusterAlias` = `old=new`: a cluster renamed), applied to
   * every file imported after (reopen the workspace to re-import its files with them).
   */
  setFacts(kind: string, values: readonly string[]): void {
    this.session.facts.set(kind, new Set(values));
    this.changed();
  }

  /**
   * Open a snapshot (snapshot/format.ts) into this workspace, which must be empty: its graph, file
   * reports and settings replace nothing. A bad one is a rejected file, nothing else changes.
   */
  openSnapshot(bytes: Uint8Array, name: string): FileReport {
    const refuse = (why: string) => {
      const r = { ...rejectedReport(name, bytes.length, `${name}: ${why}`), formatLabel: 'Blastmap snapshot' };
      this.session.addReport(r);
      return r;
    };
    if (this.session.graph.order || this.session.files.length) return refuse('a snapshot opens as a workspace of its own: open it in a new workspace');
    const read = openSnapshot(bytes);
    if ('error' in read) return refuse(`not a usable Blastmap snapshot: ${read.error}`);
    this.changed();
    this.session.restore(read.snapshot);
    const w = read.snapshot.workspace;
    this.opened = w;
    this.starts = [...(w.starts ?? [])];
    this.mappings = [...(w.mappings ?? [])];
    this.asOfSettings = { override: w.asOfOverride, importTime: w.importedAt ?? this.asOfSettings.importTime };
    this.changes = [...(w.changes ?? [])];
    this.changesRisk = w.risk ?? {};
    const nodes = read.snapshot.graph.nodes.length;
    return {
      file: name,
      format: 'blastmap.snapshot',
      formatLabel: 'Blastmap snapshot',
      status: 'imported',
      counts: { file: read.snapshot.files.length, node: nodes, edge: read.snapshot.graph.edges.length },
      warnings: [],
      errors: [],
      notes: [`written ${read.snapshot.createdAt} by Blastmap ${read.snapshot.blastmapVersion}, as of ${read.snapshot.asOf}`, ...read.notes],
      bytes: bytes.length,
      droppedSecrets: read.droppedSecrets,
    };
  }

  /**
   * Compare the workspace with a snapshot (the older side): what was added, removed and changed,
   * paths to admin opened and closed, blast radius growth. Nodes that changed are marked in every
   * scene until the comparison is cleared (`bytes` undefined).
   */
  async compareWith(bytes: Uint8Array | undefined, name = '', risk: Partial<RiskConfig> = {}): Promise<WorkspaceView> {
    this.comparison = undefined;
    if (bytes) {
      const read = openSnapshot(bytes);
      if ('error' in read) throw new Error(`${name}: not a usable Blastmap snapshot: ${read.error}`);
      const old = new ImportSession();
      old.restore(read.snapshot);
      const w = read.snapshot.workspace;
      const oldAsOf = w.asOfOverride ?? defaultAsOf(old.files, old.graph, w.importedAt ?? Date.parse(read.snapshot.asOf)).ms;
      const before = await analyze(old.graph, { asOf: oldAsOf, starts: w.starts ?? [], mappings: w.mappings ?? [] });
      const after = await this.ready();
      const d = diffWorkspaces({ analysis: before, risk: assessRisk(before, risk) }, { analysis: after, risk: assessRisk(after, risk) });
      const marks = new Map<string, DiffMark>();
      const mark = (id: string, m: DiffMark) => void (marks.has(id) || marks.set(id, m));
      for (const x of d.adminPaths.opened) mark(x.principal, 'opened');
      for (const x of d.adminPaths.changed) mark(x.principal, 'changed');
      for (const x of [...d.identities.added, ...d.credentials.added, ...d.policies.added]) mark(x.id, 'added');
      for (const x of [...d.identities.changed, ...d.credentials.changed, ...d.policies.changed]) mark(x.id, 'changed');
      for (const x of d.blast.changes) mark(x.id, x.trend === 'growth' ? 'grew' : x.trend === 'shrinkage' ? 'shrank' : 'changed');
      for (const g of [...d.grants.added, ...d.grants.changed]) mark(g.source, 'changed');
      this.comparison = { view: { name, createdAt: read.snapshot.createdAt, asOf: read.snapshot.asOf, summary: d.summary, text: diffText(d).slice(0, 400), marked: [...marks.keys()].slice(0, 2000), diff: d }, marks };
    }
    this.version++;
    this.explorer?.setDiffMarks(this.comparison?.marks);
    return this.view();
  }

  /** The workspace in one export format (the page passes its settings and the time). */
  async exportAs(format: ExportFormat, opts: { workspace: SnapshotWorkspace; createdAt: string; title?: string }): Promise<ExportedFile[]> {
    const analysis = await this.ready();
    const risk = assessRisk(analysis, opts.workspace.risk ?? {});
    const workspace: SnapshotWorkspace = { ...opts.workspace, starts: this.starts, mappings: this.mappings, asOfOverride: this.asOfSettings.override, importedAt: this.asOfSettings.importTime, ...(this.changes.length ? { changes: this.changes } : {}) };
    return exportWorkspace(format, { session: this.session, analysis, risk, workspace, createdAt: opts.createdAt, title: opts.title, gzip: format === 'snapshot' });
  }

  /** Session facts from the beginnings of files about to be added one by one. */
  prescan(inputs: FileInput[]): void {
    this.session.prescan(inputs);
  }

  addReport(r: FileReport): void {
    this.session.addReport(r);
  }

  /** Change how the analysis date is chosen; the analysis re-runs on the next question. */
  setAsOf(settings: AsOfSettings): void {
    this.asOfSettings = settings;
    this.changed();
  }

  /** The token start points of the workspace (replaced as a whole); the analysis re-runs. */
  setStarts(starts: OidcStart[]): void {
    this.starts = [...starts];
    this.changed();
  }

  /** The workspace's secret mappings (replaced as a whole); the analysis re-runs. */
  setMappings(mappings: SecretMapping[]): void {
    this.mappings = [...mappings];
    this.changed();
  }

  /**
   * The what-if change set (replaced as a whole; empty: the workspace as it is). Every view,
   * blast radius, path and finding is then about the workspace with the changes applied, and the
   * view carries the before/after figures and the remediation plan.
   */
  setChanges(changes: readonly Change[], risk: Partial<RiskConfig> = {}): void {
    this.changes = [...changes];
    this.changesRisk = risk;
    this.changed();
  }

  asOf(): AsOf {
    const { override, importTime } = this.asOfSettings;
    if (override !== undefined) return asOfFrom(override, 'analyst', 'set by the analyst');
    return defaultAsOf(this.session.files, this.session.graph, importTime);
  }

  private changed(): void {
    this.analysis = undefined;
    this.explorer = undefined;
    this.version++;
  }

  /** Analyse what is loaded (after a batch of files) and return the whole picture. */
  async snapshot(): Promise<Snapshot> {
    const asOf = this.asOf();
    await this.analyse(asOf);
    return { ...snapshotOf(this.session), asOf, analysis: this.session.graph.order ? this.summary : undefined };
  }

  /** What the page holds: counts, files, the analysis summary with the names it mentions; no graph. */
  async view(): Promise<WorkspaceView> {
    const asOf = this.asOf();
    await this.analyse(asOf);
    const summary = this.session.graph.order && this.summary ? viewSummary(this.summary) : undefined;
    const g = this.session.graph;
    const refs = summary ? (this.explorer?.refs(summaryIds(summary)) ?? {}) : {};
    const unmapped = this.analysis?.unmapped ?? [];
    const warnings = unmapped.length ? [...this.session.warnings, `${unmapped.length} secret mapping(s) of this workspace name a node that is not loaded: ${unmapped.slice(0, 3).map((m) => `${m.secret} → ${m.identity}`).join(', ')}`] : this.session.warnings;
    return { version: this.version, files: this.session.files, warnings, stats: graphStats(g), asOf, analysis: summary, refs, issuers: knownIssuers(g), ...(this.opened ? { openedSnapshot: this.opened } : {}), ...(this.whatIfView ? { whatIf: this.whatIfView } : {}), ...(this.comparison ? { comparison: this.comparison.view } : {}) };
  }

  /** One question of the page about the analysed workspace. */
  async explore<Q extends ExploreQuery>(q: Q): Promise<ExploreAnswers[Q['type']]> {
    await this.ready();
    return this.explorer!.answer(q);
  }

  private async analyse(asOf: AsOf): Promise<void> {
    if (this.analysis || this.session.graph.order === 0) return;
    const start = this.timer?.();
    const changed = this.session.takeChanged();
    this.analysis = await analyze(this.session.graph, { asOf: asOf.ms, timer: this.timer, starts: this.starts, mappings: this.mappings, reuse: this.last && { ...this.last, changed } });
    this.last = { providers: this.analysis.providers, asOf: asOf.ms };
    this.whatIfView = undefined;
    if (this.changes.length) {
      // The workspace as it is stays the "before"; the copy with the changes is what is explored.
      const r = await whatIf(this.session.graph, this.changes, asOf.ms, { before: { analysis: this.analysis, risk: assessRisk(this.analysis, this.changesRisk) }, risk: this.changesRisk, starts: this.starts, mappings: this.mappings, timer: this.timer });
      this.analysis = r.after.analysis;
      this.whatIfView = {
        // Each change in the words of what to do (the plan's actions), else what was removed.
        changes: this.changes.map((change, index) => {
          const a = r.applied.find((x) => x.index === index);
          return { index, change, summary: a ? a.actions.map((x) => x.action).join('; ') || a.summary : undefined, applied: !!a };
        }),
        problems: r.problems,
        metrics: r.plan.metrics,
        identities: r.plan.identities,
        planText: planText(r.plan),
        plan: r.plan,
      };
    }
    this.summary = summarize(this.analysis, start === undefined ? undefined : this.timer!() - start);
    this.explorer = new Explorer(this.analysis, this.summary);
    this.explorer.setDiffMarks(this.comparison?.marks);
  }

  async blast(node: string): Promise<BlastView> {
    return blastView(await this.ready(), node);
  }

  async paths(from: string, to: string, k = 3): Promise<PrivilegePath[]> {
    return privilegePaths(await this.ready(), from, to, k);
  }

  async whoCan(target: string, action?: string): Promise<RankedWhoCan> {
    return rankedWhoCan(await this.ready(), target, action);
  }

  private async ready(): Promise<Analysis> {
    if (!this.analysis) await this.analyse(this.asOf());
    if (!this.analysis) throw new Error('nothing is loaded');
    return this.analysis;
  }

  /** Empty the workspace; the next one's analysis-date settings come with it. */
  reset(settings: AsOfSettings): void {
    this.session = new ImportSession(this.timer);
    this.last = undefined;
    this.changed();
    this.summary = undefined;
    this.asOfSettings = settings;
    this.starts = [];
    this.mappings = [];
    this.opened = undefined;
    this.changes = [];
    this.comparison = undefined;
  }
}

/** The summary with each long list cut to its head (the page pages the rest). */
function viewSummary(s: AnalysisSummary): ViewSummary {
  const head = <T>(list: T[]) => list.slice(0, SUMMARY_HEAD);
  return {
    ...s,
    admins: head(s.admins),
    conditionalAdmins: head(s.conditionalAdmins),
    escalatesToAdmin: head(s.escalatesToAdmin),
    needsInventory: head(s.needsInventory),
    federation: head(s.federation),
    totals: { admins: s.admins.length, conditionalAdmins: s.conditionalAdmins.length, escalatesToAdmin: s.escalatesToAdmin.length, needsInventory: s.needsInventory.length, federation: s.federation.length },
  };
}
