/// <reference lib="webworker" />
/** Thin host: holds the workspace's engine and runs imports and analyses off the UI thread. */
import { newEngine, runJob } from './import-files';
import type { FromWorker, ToWorker } from './protocol';

declare const self: DedicatedWorkerGlobalScope;

const engine = newEngine();
const post = (m: FromWorker) => self.postMessage(m);

// A worker can die without an error event (closed, or killed for running out of memory). It holds
// a Web Lock for its whole life; the client waits for that lock, and getting it means the worker died.
if (navigator.locks) {
  const lock = `blastmap-analysis-${Date.now()}-${Math.random().toString(36).slice(2)}`;
  void navigator.locks.request(lock, () => {
    post({ type: 'alive', lock });
    return new Promise<never>(() => undefined);
  });
} else post({ type: 'alive' });

// One job at a time, in order: a job that awaits (reading files, loading the catalogue) must not
// interleave with the next (a new analysis date arriving mid-import would race the analyses).
let queue: Promise<void> = Promise.resolve();

self.onmessage = (ev: MessageEvent<ToWorker>) => {
  queue = queue.then(() => handle(ev.data));
};

async function handle(msg: ToWorker): Promise<void> {
  const { requestId } = msg;
  try {
    const payload = await runJob(engine, msg, {
      reading: (index, total, file) => post({ type: 'reading', requestId, index, total, file }),
      imported: (index, total, report, redacted) => post({ type: 'progress', requestId, index, total, report, ...(redacted !== undefined ? { redacted } : {}) }),
      analysing: () => post({ type: 'analysing', requestId }),
    });
    post({ type: 'done', requestId, payload });
  } catch (e) {
    post({ type: 'failed', requestId, message: e instanceof Error ? e.message : String(e) });
  }
}
