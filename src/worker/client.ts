/**
 * The UI's handle on the analysis worker: typed requests, progress callbacks, and a main-thread
 * fallback where workers cannot start (the work is the same core code).
 */
import type { AsOfSettings, FileReport, OidcStart, WorkspaceEngine } from '../core';
import type { FromWorker, Replies, ToWorker } from './protocol';
import { newEngine, runJob } from './import-files';

export interface JobCallbacks {
  onReading?: (index: number, total: number, file: string) => void;
  onFile?: (index: number, total: number, report: FileReport) => void;
  onAnalysing?: () => void;
}

export class CancelledError extends Error {
  constructor() {
    super('cancelled');
    this.name = 'CancelledError';
  }
}

type Pending = { resolve: (v: unknown) => void; reject: (e: Error) => void; callbacks: JobCallbacks };
type Request = ToWorker extends infer T ? (T extends { requestId: number } ? Omit<T, 'requestId'> : never) : never;

export class AnalysisClient {
  private worker: Worker | undefined;
  private fallback: WorkspaceEngine | undefined;
  private next = 1;
  private readonly pending = new Map<number, Pending>();
  /** Main-thread fallback jobs run one at a time, like the worker's. */
  private fallbackQueue: Promise<unknown> = Promise.resolve();

  constructor() {
    this.spawn();
  }

  private spawn(): void {
    try {
      this.worker = new Worker(new URL('./analysis.worker.ts', import.meta.url), { type: 'module', name: 'blastmap-analysis' });
      this.worker.onmessage = (ev: MessageEvent<FromWorker>) => this.receive(ev.data);
      this.worker.onerror = (ev) => this.failAll(`the analysis worker stopped: ${ev.message || 'unknown error'}`);
    } catch {
      this.fallback = newEngine();
    }
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

  blast(node: string): Promise<Replies['blast']> {
    return this.request({ type: 'blast', node }, {}) as Promise<Replies['blast']>;
  }

  paths(from: string, to: string, k = 3): Promise<Replies['paths']> {
    return this.request({ type: 'paths', from, to, k }, {}) as Promise<Replies['paths']>;
  }

  whoCan(target: string, action?: string): Promise<Replies['whoCan']> {
    return this.request({ type: 'whoCan', target, action }, {}) as Promise<Replies['whoCan']>;
  }

  private request(req: Request, callbacks: JobCallbacks): Promise<unknown> {
    const msg = { ...req, requestId: this.next++ } as ToWorker;
    if (!this.worker) {
      this.fallback ??= newEngine();
      const engine = this.fallback;
      const job = this.fallbackQueue.then(() =>
        runJob(engine, msg, {
          reading: (i, t, f) => callbacks.onReading?.(i, t, f),
          imported: (i, t, r) => callbacks.onFile?.(i, t, r),
          analysing: () => callbacks.onAnalysing?.(),
        }),
      );
      this.fallbackQueue = job.catch(() => undefined);
      return job;
    }
    return new Promise((resolve, reject) => {
      this.pending.set(msg.requestId, { resolve, reject, callbacks });
      this.worker!.postMessage(msg);
    });
  }

  private receive(m: FromWorker): void {
    const p = this.pending.get(m.requestId);
    if (!p) return;
    if (m.type === 'reading') p.callbacks.onReading?.(m.index, m.total, m.file);
    else if (m.type === 'progress') p.callbacks.onFile?.(m.index, m.total, m.report);
    else if (m.type === 'analysing') p.callbacks.onAnalysing?.();
    else {
      this.pending.delete(m.requestId);
      if (m.type === 'done') p.resolve(m.payload);
      else p.reject(new Error(m.message));
    }
  }

  private failAll(message: string): void {
    for (const p of this.pending.values()) p.reject(new Error(message));
    this.pending.clear();
  }
}
