/// <reference lib="webworker" />
/** Thin host: holds the workspace's engine and runs imports and analyses off the UI thread. */
import { newEngine, runJob } from './import-files';
import type { FromWorker, ToWorker } from './protocol';

declare const self: DedicatedWorkerGlobalScope;

const engine = newEngine();
const post = (m: FromWorker) => self.postMessage(m);

self.onmessage = async (ev: MessageEvent<ToWorker>) => {
  const msg = ev.data;
  const { requestId } = msg;
  try {
    const payload = await runJob(engine, msg, {
      reading: (index, total, file) => post({ type: 'reading', requestId, index, total, file }),
      imported: (index, total, report) => post({ type: 'progress', requestId, index, total, report }),
      analysing: () => post({ type: 'analysing', requestId }),
    });
    post({ type: 'done', requestId, payload });
  } catch (e) {
    post({ type: 'failed', requestId, message: e instanceof Error ? e.message : String(e) });
  }
};
