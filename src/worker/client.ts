/**
 * The UI's handle on the analysis worker: typed requests, progress callbacks, and a main-thread
 * fallback where workers cannot start (the work is the same core code).
 *
 * A worker can crash on hostile or huge input (an uncaught error, a message that cannot be read, or
 * dying outright, e.g. out of memory). The client then starts a fresh worker, rejects the requests
 * in flight with WorkerCrashedError, and rebuilds the workspace in it by replaying the requests that
 * built it (reset, analysis date, token start points, each imported batch), so the picture on screen
 * stays true. Listeners (the UI's banner) hear about it.
 */
import type { AsOfSettings, ExploreAnswers, ExploreQuery, FileReport, OidcStart, SecretMapping, SnapshotWorkspace, WorkspaceEngine } from '../core';
import type { ExportFormat } from '../core/export/workspace-export';
import type { Change } from '../core/diff/changes';
import type { RiskSettings } from '../core';
import type { FromWorker, Replies, ToWorker } from './protocol';
import { newEngine, runJob } from './import-files';

export interface JobCallbacks {
  onReading?: (index: number, total: number, file: string) => void;
  /** `redacted`: what the page may keep of a file that held secret values ('' keeps nothing). */
  onFile?: (index: number, total: number, report: FileReport, redacted?: string) => void;
  onAnalysing?: () => void;
}

export class CancelledError extends Error {
  constructor() {
    super('cancelled');
    this.name = 'CancelledError';
  }
}

export class WorkerCrashedError extends Error {
  constructor(reason: string) {
    super(`the analysis worker stopped (${reason}) and was restarted`);
    this.name = 'WorkerCrashedError';
  }
}

/** The last worker restart: `restoring` while the workspace is replayed, then `restored` or `lost`. */
export interface WorkerRestart {
  reason: string;
  state: 'restoring' | 'restored' | 'lost';
}

type Pending = { resolve: (v: unknown) => void; reject: (e: Error) => void; callbacks: JobCallbacks; req: Request; record: boolean };
type Request = ToWorker extends infer T ? (T extends { requestId: number } ? Omit<T, 'requestId'> : never) : never;

/** Requests that change the workspace; questions (explore) need no replay. */
const BUILDS_WORKSPACE = new Set<Request['type']>(['reset', 'setAsOf', 'setStarts', 'setMappings', 'setChanges', 'import']);

export class AnalysisClient {
  private worker: Worker | undefined;
  private fallback: WorkspaceEngine | undefined;
  private next = 1;
  private readonly pending = new Map<number, Pending>();
  /** Main-thread fallback jobs run one at a time, like the worker's. */
  private fallbackQueue: Promise<unknown> = Promise.resolve();
  /** The completed requests that built the worker's workspace, in order (Files are handles, not copies). */
  private journal: Request[] = [];
  /** Set while a crashed worker's workspace is replayed: a second crash then gives up the replay. */
  private restoring: symbol | undefined;
  private restart: WorkerRestart | undefined;
  /** The current worker said it is running (a worker that fails before that cannot start at all). */
  private started = false;
  private readonly listeners = new Set<() => void>();

  constructor() {
    this.spawn();
  }

  private spawn(): void {
    let worker: Worker;
    try {
      worker = new Worker(new URL('./analysis.worker.ts', import.meta.url), { type: 'module', name: 'blastmap-analysis' });
    } catch {
      this.worker = undefined;
      this.fallback = newEngine();
      return;
    }
    this.worker = worker;
    this.started = false;
    // Events of a worker already replaced (terminated on purpose) are ignored.
    worker.onmessage = (ev: MessageEvent<FromWorker>) => {
      if (this.worker !== worker) return;
      if (ev.data.type === 'alive') {
        this.started = true;
        if (ev.data.lock) this.watch(worker, ev.data.lock);
      } else this.receive(ev.data);
    };
    worker.onerror = (ev) => {
      ev.preventDefault();
      if (this.worker === worker) this.crashed(ev.message || 'an uncaught error');
    };
    worker.onmessageerror = () => {
      if (this.worker === worker) this.crashed('a message it sent could not be read');
    };
  }

  /** The worker holds `lock` while it lives: being granted it means the worker died. */
  private watch(worker: Worker, lock: string): void {
    void navigator.locks?.request(lock, () => {
      if (this.worker === worker) this.crashed('it ended without an error: out of memory?');
    });
  }

  private crashed(reason: string): void {
    this.worker?.terminate();
    const failure = new WorkerCrashedError(reason);
    for (const p of this.pending.values()) p.reject(failure);
    this.pending.clear();
    if (this.started) this.spawn();
    else {
      // It could not even start (a blocked script...): restarting would loop. The main thread
      // takes over, as where workers are unavailable.
      this.worker = undefined;
      this.fallback = newEngine();
    }
    if (this.restoring) {
      // It crashed again while being rebuilt: the workspace itself may be what kills it.
      this.restoring = undefined;
      this.journal = [];
      this.announce({ reason, state: 'lost' });
      return;
    }
    const token = Symbol('restore');
    this.restoring = token;
    this.announce({ reason, state: 'restoring' });
    // Posted before any later request, so the worker's queue rebuilds the workspace first.
    const replay = this.journal.map((req) => this.request(req, {}, false));
    Promise.all(replay).then(
      () => this.restored(token, { reason, state: 'restored' }),
      () => this.restored(token, { reason, state: 'lost' }),
    );
  }

  private restored(token: symbol, status: WorkerRestart): void {
    if (this.restoring !== token) return;
    this.restoring = undefined;
    if (status.state === 'lost') this.journal = [];
    this.announce(status);
  }

  private announce(status: WorkerRestart): void {
    this.restart = status;
    for (const l of this.listeners) l();
  }

  /** The last worker restart, if any (a stable object until the next change). */
  get lastRestart(): WorkerRestart | undefined {
    return this.restart;
  }

  /** Be told when the worker restarts and when its workspace is restored (for useSyncExternalStore). */
  subscribeRestarts(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Stop whatever the worker is doing: it is terminated (its workspace with it) and a fresh one
   * started; pending requests fail with CancelledError. The caller restores the workspace.
   */
  cancel(): void {
    if (!this.worker) return;
    this.worker.terminate();
    for (const p of this.pending.values()) p.reject(new CancelledError());
    this.pending.clear();
    this.journal = [];
    this.restoring = undefined;
    this.spawn();
  }

  get usesWorker(): boolean {
    return this.worker !== undefined;
  }

  importFiles(files: File[], callbacks: JobCallbacks = {}): Promise<Replies['import']> {
    return this.request({ type: 'import', files }, callbacks) as Promise<Replies['import']>;
  }

  /** Empty the workspace; `asOf` says how the next workspace's analysis date is chosen. */
  reset(asOf: AsOfSettings, facts: [string, string[]][] = []): Promise<Replies['reset']> {
    return this.request({ type: 'reset', asOf, facts }, {}) as Promise<Replies['reset']>;
  }

  /** Change the analysis date (the analysis re-runs against it). */
  setAsOf(asOf: AsOfSettings): Promise<Replies['setAsOf']> {
    return this.request({ type: 'setAsOf', asOf }, {}) as Promise<Replies['setAsOf']>;
  }

  /** The workspace's token start points (the analysis re-runs with them linked). */
  setStarts(starts: OidcStart[]): Promise<Replies['setStarts']> {
    return this.request({ type: 'setStarts', starts }, {}) as Promise<Replies['setStarts']>;
  }

  /** The workspace's secret mappings made in the app (the analysis re-runs with them drawn). */
  setMappings(mappings: SecretMapping[]): Promise<Replies['setMappings']> {
    return this.request({ type: 'setMappings', mappings }, {}) as Promise<Replies['setMappings']>;
  }

  /** A question about the analysed workspace (scenes, list pages, details), answered in the worker. */
  /** The what-if change set (empty: the workspace as it is). */
  setChanges(changes: Change[], risk: RiskSettings): Promise<Replies['setChanges']> {
    return this.request({ type: 'setChanges', changes, risk }, {}) as Promise<Replies['setChanges']>;
  }

  /** Compare the workspace with a snapshot file (undefined: stop comparing). */
  compareWith(file: File | undefined, risk: RiskSettings): Promise<Replies['compare']> {
    return this.request({ type: 'compare', file, risk }, {}) as Promise<Replies['compare']>;
  }

  /** The workspace as the files of one export format. */
  exportAs(format: ExportFormat, workspace: SnapshotWorkspace, createdAt: string, title?: string): Promise<Replies['export']> {
    return this.request({ type: 'export', format, workspace, createdAt, title }, {}) as Promise<Replies['export']>;
  }

  explore<Q extends ExploreQuery>(query: Q): Promise<ExploreAnswers[Q['type']]> {
    return this.request({ type: 'explore', query }, {}) as Promise<ExploreAnswers[Q['type']]>;
  }

  private request(req: Request, callbacks: JobCallbacks, record = BUILDS_WORKSPACE.has(req.type)): Promise<unknown> {
    if (!this.worker) {
      const msg = { ...req, requestId: this.next++ } as ToWorker;
      this.fallback ??= newEngine();
      const engine = this.fallback;
      const job = this.fallbackQueue.then(() =>
        runJob(engine, msg, {
          reading: (i, t, f) => callbacks.onReading?.(i, t, f),
          imported: (i, t, r, redacted) => callbacks.onFile?.(i, t, r, redacted),
          analysing: () => callbacks.onAnalysing?.(),
        }),
      );
      this.fallbackQueue = job.catch(() => undefined);
      return job;
    }
    return this.post(req, callbacks, record);
  }

  /** Send to the worker; `record`: once done, the request joins the journal that rebuilds the workspace. */
  private post(req: Request, callbacks: JobCallbacks, record: boolean): Promise<unknown> {
    const msg = { ...req, requestId: this.next++ } as ToWorker;
    return new Promise((resolve, reject) => {
      this.pending.set(msg.requestId, { resolve, reject, callbacks, req, record });
      this.worker!.postMessage(msg);
    });
  }

  private receive(m: Exclude<FromWorker, { type: 'alive' }>): void {
    const p = this.pending.get(m.requestId);
    if (!p) return;
    if (m.type === 'reading') p.callbacks.onReading?.(m.index, m.total, m.file);
    else if (m.type === 'progress') p.callbacks.onFile?.(m.index, m.total, m.report, m.redacted);
    else if (m.type === 'analysing') p.callbacks.onAnalysing?.();
    else {
      this.pending.delete(m.requestId);
      if (m.type === 'done') {
        if (p.record) this.remember(p.req);
        p.resolve(m.payload);
      } else p.reject(new Error(m.message));
    }
  }

  /** Keep the journal to what rebuilds the workspace: a reset starts it over; repeated settings collapse. */
  private remember(req: Request): void {
    if (req.type === 'reset') this.journal = [req];
    else if (req.type !== 'import' && this.journal.at(-1)?.type === req.type) this.journal[this.journal.length - 1] = req;
    else this.journal.push(req);
  }
}
