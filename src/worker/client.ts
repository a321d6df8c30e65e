/**
 * The UI's handle on the analysis worker: one request at a time per call, progress callbacks,
 * and a main-thread fallback where workers cannot start (the work is the same core code).
 */
import { ImportSession, type FileReport, type Snapshot } from '../core';
import type { FromWorker, ToWorker } from './protocol';
import { importIntoSession } from './import-files';

export interface ImportCallbacks {
  onReading?: (index: number, total: number, file: string) => void;
  onFile?: (index: number, total: number, report: FileReport) => void;
}

type Pending = { resolve: (s: Snapshot) => void; reject: (e: Error) => void; callbacks: ImportCallbacks };

export class AnalysisClient {
  private worker: Worker | undefined;
  private fallback: ImportSession | undefined;
  private next = 1;
  private readonly pending = new Map<number, Pending>();

  constructor() {
    try {
      this.worker = new Worker(new URL('./analysis.worker.ts', import.meta.url), { type: 'module', name: 'blastmap-analysis' });
      this.worker.onmessage = (ev: MessageEvent<FromWorker>) => this.receive(ev.data);
      this.worker.onerror = (ev) => this.failAll(`the analysis worker stopped: ${ev.message || 'unknown error'}`);
    } catch {
      this.fallback = new ImportSession();
    }
  }

  get usesWorker(): boolean {
    return this.worker !== undefined;
  }

  importFiles(files: File[], callbacks: ImportCallbacks = {}): Promise<Snapshot> {
    return this.request({ type: 'import', requestId: this.next++, files }, callbacks);
  }

  reset(): Promise<Snapshot> {
    return this.request({ type: 'reset', requestId: this.next++ }, {});
  }

  private request(msg: ToWorker, callbacks: ImportCallbacks): Promise<Snapshot> {
    if (!this.worker) return this.runInline(msg, callbacks);
    return new Promise((resolve, reject) => {
      this.pending.set(msg.requestId, { resolve, reject, callbacks });
      this.worker!.postMessage(msg);
    });
  }

  private async runInline(msg: ToWorker, cb: ImportCallbacks): Promise<Snapshot> {
    if (msg.type === 'reset' || !this.fallback) this.fallback = new ImportSession();
    const files = msg.type === 'import' ? msg.files : [];
    return importIntoSession(this.fallback, files, {
      reading: (i, t, f) => cb.onReading?.(i, t, f),
      imported: (i, t, r) => cb.onFile?.(i, t, r),
    });
  }

  private receive(m: FromWorker): void {
    const p = this.pending.get(m.requestId);
    if (!p) return;
    if (m.type === 'reading') p.callbacks.onReading?.(m.index, m.total, m.file);
    else if (m.type === 'progress') p.callbacks.onFile?.(m.index, m.total, m.report);
    else {
      this.pending.delete(m.requestId);
      if (m.type === 'done') p.resolve(m.snapshot);
      else p.reject(new Error(m.message));
    }
  }

  private failAll(message: string): void {
    for (const p of this.pending.values()) p.reject(new Error(message));
    this.pending.clear();
  }
}
