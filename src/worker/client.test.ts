/**
 * The client's crash handling, against a scripted stand-in for the Worker: the request in flight is
 * rejected with WorkerCrashedError, a fresh worker is started, and the completed requests that built
 * the workspace are replayed into it (not the one that crashed, not queries).
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { FromWorker, ToWorker } from './protocol';
import { AnalysisClient, WorkerCrashedError } from './client';

class FakeWorker {
  static all: FakeWorker[] = [];
  onmessage: ((ev: { data: FromWorker }) => void) | null = null;
  onerror: ((ev: { message: string; preventDefault(): void }) => void) | null = null;
  onmessageerror: (() => void) | null = null;
  posted: ToWorker[] = [];
  terminated = false;
  constructor() {
    FakeWorker.all.push(this);
  }
  postMessage(m: ToWorker) {
    this.posted.push(m);
  }
  terminate() {
    this.terminated = true;
  }
  send(m: FromWorker) {
    this.onmessage?.({ data: m });
  }
  /** Answer every request not answered yet. */
  answerAll() {
    for (const m of this.posted.splice(0)) this.send({ type: 'done', requestId: m.requestId, payload: {} as never });
  }
  crash(message = 'Uncaught Error: boom') {
    this.onerror?.({ message, preventDefault: () => undefined });
  }
}

const latest = () => FakeWorker.all.at(-1)!;
const asOf = { importTime: 0 };
const file = (name: string) => new File(['{}'], name);

beforeEach(() => {
  FakeWorker.all = [];
  vi.stubGlobal('Worker', FakeWorker);
});
afterEach(() => vi.unstubAllGlobals());

async function started(): Promise<AnalysisClient> {
  const client = new AnalysisClient();
  latest().send({ type: 'alive' });
  return client;
}

describe('AnalysisClient after a worker crash', () => {
  it('rejects the request in flight, starts a fresh worker and replays the workspace into it', async () => {
    const client = await started();
    const states: string[] = [];
    client.subscribeRestarts(() => states.push(client.lastRestart!.state));
    const built = [client.reset(asOf), client.setStarts([]), client.importFiles([file('a.json')]), client.explore({ type: "neighbours", id: "x" })];
    latest().answerAll();
    await Promise.all(built);
    const crashing = client.importFiles([file('huge.json')]);
    const first = latest();
    first.crash();
    await expect(crashing).rejects.toThrow(WorkerCrashedError);
    await expect(crashing).rejects.toThrow('the analysis worker stopped (Uncaught Error: boom) and was restarted');
    expect(first.terminated).toBe(true);
    const second = latest();
    expect(second).not.toBe(first);
    // Replayed in order: not the query, not the import that crashed.
    expect(second.posted.map((m) => (m.type === 'import' ? `import ${m.files.map((f) => f.name).join()}` : m.type))).toEqual(['reset', 'setStarts', 'import a.json']);
    expect(states).toEqual(['restoring']);
    second.answerAll();
    await vi.waitFor(() => expect(states).toEqual(['restoring', 'restored']));
    // Later requests go to the new worker.
    const after = client.explore({ type: "neighbours", id: "y" });
    second.answerAll();
    await expect(after).resolves.toEqual({});
  });

  it('gives the replay up when the new worker crashes while rebuilding (the workspace may be the cause)', async () => {
    const client = await started();
    const built = client.importFiles([file('a.json')]);
    latest().answerAll();
    await built;
    latest().crash();
    latest().send({ type: 'alive' });
    latest().crash('Uncaught RangeError: out of memory');
    expect(client.lastRestart).toEqual({ reason: 'Uncaught RangeError: out of memory', state: 'lost' });
    // Nothing is replayed after that: the third worker starts empty.
    expect(latest().posted).toEqual([]);
  });

  it('a worker that fails before it starts is not restarted in a loop: the main thread takes over', async () => {
    const client = new AnalysisClient();
    latest().crash('script blocked');
    expect(FakeWorker.all).toHaveLength(1);
    expect(client.usesWorker).toBe(false);
  });

  it('events of a worker replaced on purpose (cancel) are ignored', async () => {
    const client = await started();
    const old = latest();
    client.cancel();
    old.crash();
    expect(client.lastRestart).toBeUndefined();
    expect(FakeWorker.all).toHaveLength(2);
  });
});
