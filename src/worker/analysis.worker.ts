/// <reference lib="webworker" />
/** Thin host: holds the workspace's import session and runs imports off the UI thread. */
import { ImportSession } from '../core';
import { importIntoSession } from './import-files';
import type { FromWorker, ToWorker } from './protocol';

declare const self: DedicatedWorkerGlobalScope;

let session = new ImportSession();
const post = (m: FromWorker) => self.postMessage(m);

self.onmessage = async (ev: MessageEvent<ToWorker>) => {
  const msg = ev.data;
  const { requestId } = msg;
  try {
    if (msg.type === 'reset') {
      session = new ImportSession();
      post({ type: 'done', requestId, snapshot: await importIntoSession(session, [], { reading() {}, imported() {} }) });
      return;
    }
    const snapshot = await importIntoSession(session, msg.files, {
      reading: (index, total, file) => post({ type: 'reading', requestId, index, total, file }),
      imported: (index, total, report) => post({ type: 'progress', requestId, index, total, report }),
    });
    post({ type: 'done', requestId, snapshot });
  } catch (e) {
    post({ type: 'failed', requestId, message: e instanceof Error ? e.message : String(e) });
  }
};
