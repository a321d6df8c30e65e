/**
 * The engine behind one workspace, shared by the worker and the main-thread fallback: import
 * files into the session, re-run the analysis (it depends on every file), answer questions.
 */
import { analyze, type Analysis } from '../analysis/analysis';
import { blastView, summarize, type BlastView } from '../analysis/summary';
import { privilegePaths, type PrivilegePath } from '../analysis/privilege-paths';
import { rankedWhoCan, type RankedWhoCan } from '../analysis/who-can';
import type { FileReport } from '../model/fragment';
import type { FileInput } from '../importers/import-file';
import { ImportSession } from './session';
import { snapshotOf, type Snapshot } from './snapshot';

export class WorkspaceEngine {
  session = new ImportSession();
  private analysis: Analysis | undefined;
  private summary: Snapshot['analysis'];

  addFiles(inputs: FileInput[], onFile?: (r: FileReport) => void): FileReport[] {
    this.analysis = undefined;
    return this.session.addFiles(inputs, onFile);
  }

  addReport(r: FileReport): void {
    this.session.addReport(r);
  }

  /** Analyse what is loaded (after a batch of files) and return the whole picture. */
  async snapshot(): Promise<Snapshot> {
    if (!this.analysis && this.session.graph.order > 0) {
      const started = performance.now();
      this.analysis = await analyze(this.session.graph);
      this.summary = summarize(this.analysis, performance.now() - started);
    }
    return { ...snapshotOf(this.session), analysis: this.session.graph.order ? this.summary : undefined };
  }

  async blast(node: string): Promise<BlastView> {
    if (!this.analysis) await this.snapshot();
    if (!this.analysis) throw new Error('nothing is loaded');
    return blastView(this.analysis, node);
  }

  async paths(from: string, to: string, k = 3): Promise<PrivilegePath[]> {
    return privilegePaths(await this.ready(), from, to, k);
  }

  async whoCan(target: string, action?: string): Promise<RankedWhoCan> {
    return rankedWhoCan(await this.ready(), target, action);
  }

  private async ready(): Promise<Analysis> {
    if (!this.analysis) await this.snapshot();
    if (!this.analysis) throw new Error('nothing is loaded');
    return this.analysis;
  }

  reset(): void {
    this.session = new ImportSession();
    this.analysis = undefined;
    this.summary = undefined;
  }
}
