/** The fuzz sandbox itself: a case that never answers or kills its worker is reported, and the next case gets a fresh worker. */
import { describe, expect, it } from 'vitest';
import { Sandbox, describeResult, topFrames, type SandboxHost, type SandboxWorker } from './sandbox';
import type { FuzzCase } from './run-case';

type Behaviour = 'answer' | 'hang' | 'die' | 'fail';

/** A fake worker: answers, never answers, exits, or reports a failure, as told per case. */
function fakeHost(plan: Behaviour[]) {
  const spawned: { terminated: boolean }[] = [];
  const host: SandboxHost = {
    spawn(): SandboxWorker {
      const listeners: Record<string, ((x: never) => void)[]> = {};
      const emit = (ev: string, x: unknown) => setTimeout(() => listeners[ev]?.forEach((f) => f(x as never)), 1);
      const state = { terminated: false };
      spawned.push(state);
      emit('message', { type: 'ready' });
      return {
        postMessage() {
          const b = plan.shift() ?? 'answer';
          emit('message', { type: 'phase', phase: 'analysis' });
          if (b === 'answer') emit('message', { type: 'done', outcome: { status: 'imported', format: 'x', nodes: 1, edges: 0, questions: 0 } });
          if (b === 'fail') emit('message', { type: 'failed', phase: 'analysis', message: 'analysis threw TypeError: boom', stack: 'TypeError: boom\n    at boom (src/core/x.ts, bundle line 3)\n    at node:internal/process:1:1' });
          if (b === 'die') emit('exit', 134);
        },
        on(ev: string, f: (x: never) => void) {
          (listeners[ev] ??= []).push(f);
          return undefined;
        },
        terminate() {
          state.terminated = true;
          return Promise.resolve(1);
        },
      } as SandboxWorker;
    },
    now: () => performance.now(),
    setTimeout: (fn, ms) => setTimeout(fn, ms),
    clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
  };
  return { host, spawned };
}

const c: FuzzCase = { description: 'a case', file: { name: 'f.json', text: '{}' }, intact: [], order: 'before', depth: 'import', asOf: 0 };

describe('fuzz sandbox', () => {
  it('stops a case that never answers at its budget, names the phase, and runs the next case on a fresh worker', async () => {
    const { host, spawned } = fakeHost(['hang', 'answer']);
    const s = new Sandbox(host);
    const r = await s.run(c, 50);
    expect(r).toMatchObject({ kind: 'timeout', phase: 'analysis' });
    expect(describeResult(c, r, 50)).toMatch(/did not finish within the 50 ms budget \(stopped in phase "analysis"\)\n {2}a case/);
    expect(spawned[0]!.terminated).toBe(true);
    expect(await s.run(c, 1_000)).toMatchObject({ kind: 'ok' });
    expect(spawned).toHaveLength(2);
  });

  it('reports a case that kills its worker, and goes on', async () => {
    const { host, spawned } = fakeHost(['die', 'answer']);
    const s = new Sandbox(host);
    const r = await s.run(c, 1_000);
    expect(r).toMatchObject({ kind: 'crashed', phase: 'analysis', message: 'the worker exited with code 134' });
    expect(await s.run(c, 1_000)).toMatchObject({ kind: 'ok' });
    expect(spawned).toHaveLength(2);
  });

  it('reports a failure with the phase, the case and where it broke (no runtime internals)', async () => {
    const { host } = fakeHost(['fail']);
    const r = await new Sandbox(host).run(c, 1_000);
    expect(describeResult(c, r, 1_000)).toBe('[analysis] analysis threw TypeError: boom\n  a case\n  file: "f.json" (2 chars), depth import\n  where:\n    ↳ boom (src/core/x.ts, bundle line 3)');
    expect(topFrames('E\n    at a (x)\n    at node:internal/y\n    at b (z)')).toBe('↳ a (x)\n    ↳ b (z)');
  });
});
