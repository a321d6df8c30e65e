/**
 * Runs fuzz cases in a worker thread so that a case which never ends (catastrophic regex
 * backtracking, an alias bomb, a loop) is stopped at its time budget and reported, instead of
 * hanging the test run: the thread is terminated and a fresh one serves the next case. A case
 * that kills its thread (out of memory) is reported the same way.
 *
 * The host-specific parts (spawning a Node worker from the bundled runner, the clock and timers)
 * are passed in by the test that owns the sandbox: this module stays pure core code.
 */
import type { CaseOutcome, FuzzCase } from './run-case';

/** The worker's program, bundled (esbuild, stdin, resolveDir = this folder) by the host. */
export const WORKER_ENTRY = `
import { parentPort } from 'node:worker_threads';
import { runCase } from './run-case';
parentPort.on('message', async (c) => {
  try {
    const outcome = await runCase(c, (phase) => parentPort.postMessage({ type: 'phase', phase }));
    parentPort.postMessage({ type: 'done', outcome });
  } catch (e) {
    const err = e instanceof Error ? e : new Error(String(e));
    parentPort.postMessage({ type: 'failed', phase: err.phase ?? 'unknown', message: err.message, stack: err.causeStack ?? err.stack ?? '' });
  }
});
parentPort.postMessage({ type: 'ready' });
`;

export interface SandboxWorker {
  postMessage(message: unknown): void;
  on(event: 'message', listener: (message: unknown) => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
  on(event: 'exit', listener: (code: number) => void): unknown;
  terminate(): Promise<number>;
}

export interface SandboxHost {
  spawn(): SandboxWorker;
  /** Milliseconds, for the budget (the test's clock: the core reads none). */
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  /** Name the source module of each frame of a stack from the worker (it runs a bundle). */
  mapStack?(stack: string): string;
}

export type CaseResult =
  | { kind: 'ok'; outcome: CaseOutcome; millis: number }
  | { kind: 'failed'; phase: string; message: string; stack: string; millis: number }
  | { kind: 'timeout'; phase: string; millis: number }
  | { kind: 'crashed'; phase: string; message: string; millis: number };

type Msg = { type: 'ready' } | { type: 'phase'; phase: string } | { type: 'done'; outcome: CaseOutcome } | { type: 'failed'; phase: string; message: string; stack: string };

/** Time allowed for a fresh worker to load the bundle (not counted in any case's budget). */
const STARTUP_MS = 120_000;

export class Sandbox {
  private worker: SandboxWorker | undefined;
  private ready: Promise<void> | undefined;
  private listener: ((m: Msg) => void) | undefined;
  private exited: ((message: string) => void) | undefined;

  constructor(private readonly host: SandboxHost) {}

  private start(): Promise<void> {
    if (this.ready) return this.ready;
    const w = this.host.spawn();
    this.worker = w;
    this.ready = new Promise<void>((resolve, reject) => {
      const timer = this.host.setTimeout(() => reject(new Error('the fuzz worker did not start')), STARTUP_MS);
      w.on('message', (m) => {
        const msg = m as Msg;
        if (msg.type === 'ready') {
          this.host.clearTimeout(timer);
          resolve();
        } else if (this.worker === w) this.listener?.(msg);
      });
      const died = (message: string) => {
        this.host.clearTimeout(timer);
        reject(new Error(message));
        // A terminated worker's exit arrives late: it concerns no case any more.
        if (this.worker !== w) return;
        this.worker = undefined;
        this.ready = undefined;
        this.exited?.(message);
      };
      w.on('error', (e) => died(`the worker died: ${e.name}: ${e.message}`));
      w.on('exit', (code) => died(`the worker exited with code ${code}`));
    });
    return this.ready;
  }

  /** Run one case within `budgetMs` (measured from when it is handed to a ready worker). */
  async run(c: FuzzCase, budgetMs: number): Promise<CaseResult> {
    await this.start();
    const w = this.worker!;
    const started = this.host.now();
    let phase = 'posting';
    const millis = () => Math.round(this.host.now() - started);
    return new Promise<CaseResult>((resolve) => {
      const finish = (r: CaseResult) => {
        this.host.clearTimeout(timer);
        this.listener = undefined;
        this.exited = undefined;
        resolve(r);
      };
      const timer = this.host.setTimeout(() => {
        const r: CaseResult = { kind: 'timeout', phase, millis: millis() };
        this.kill();
        finish(r);
      }, budgetMs);
      this.listener = (m) => {
        if (m.type === 'phase') phase = m.phase;
        else if (m.type === 'done') finish({ kind: 'ok', outcome: m.outcome, millis: millis() });
        else if (m.type === 'failed') finish({ kind: 'failed', phase: m.phase, message: m.message, stack: this.host.mapStack?.(m.stack) ?? m.stack, millis: millis() });
      };
      this.exited = (message) => finish({ kind: 'crashed', phase, message, millis: millis() });
      w.postMessage(c);
    });
  }

  private kill(): void {
    const w = this.worker;
    this.worker = undefined;
    this.ready = undefined;
    this.exited = undefined;
    if (w) void w.terminate();
  }

  async close(): Promise<void> {
    const w = this.worker;
    this.worker = undefined;
    this.ready = undefined;
    this.exited = undefined;
    if (w) await w.terminate();
  }
}

/** The first lines of a stack that say where it broke (no node internals, at most `n`). */
export function topFrames(stack: string, n = 6): string {
  return stack
    .split('\n')
    .filter((l) => /^\s+at /.test(l) && !/node:internal|\(node:/.test(l))
    .slice(0, n)
    // Not "at …": test runners read such lines of a message as their own stack and rewrite them.
    .map((l) => `↳ ${l.trim().replace(/^at /, '')}`)
    .join('\n    ');
}

/** A failure message for a case that broke its promise, or undefined when it kept it. */
export function describeResult(c: FuzzCase, r: CaseResult, budgetMs: number): string | undefined {
  const what = `${c.description}\n  file: ${JSON.stringify(c.file.name)} (${c.file.text.length} chars), depth ${c.depth}`;
  if (r.kind === 'ok') return r.millis > budgetMs ? `over the ${budgetMs} ms budget (${r.millis} ms)\n  ${what}` : undefined;
  if (r.kind === 'timeout') return `did not finish within the ${budgetMs} ms budget (stopped in phase "${r.phase}")\n  ${what}`;
  if (r.kind === 'crashed') return `the worker died in phase "${r.phase}": ${r.message}\n  ${what}`;
  return `[${r.phase}] ${r.message}\n  ${what}\n  where:\n    ${topFrames(r.stack)}`;
}

/** What a Node test passes in to run the sandbox on worker threads (node:worker_threads, esbuild). */
export interface NodeHostParts {
  Worker: new (code: string, options: { eval: true; resourceLimits?: { maxOldGenerationSizeMb?: number; stackSizeMb?: number } }) => SandboxWorker;
  buildSync: (options: { stdin: { contents: string; resolveDir: string; loader: 'ts' }; bundle: true; platform: 'node'; format: 'cjs'; target: string; write: false; logLevel: 'error' }) => { outputFiles?: { text: string }[] };
  /** This folder (the bundle resolves ./run-case from it). */
  dir: string;
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: never): void;
  /** Heap cap of a case's worker: a case that needs more is reported as crashed (default 2 GB). */
  maxHeapMb?: number;
}

/** A host running each case on a worker thread, from a bundle of run-case.ts made once. */
export function nodeHost(p: NodeHostParts): SandboxHost {
  let code: string | undefined;
  let modules: [number, string][] | undefined;
  const bundle = (): string => {
    code ??= p.buildSync({ stdin: { contents: WORKER_ENTRY, resolveDir: p.dir, loader: 'ts' }, bundle: true, platform: 'node', format: 'cjs', target: 'node20', write: false, logLevel: 'error' }).outputFiles?.[0]?.text;
    if (!code) throw new Error('bundling the fuzz worker produced nothing');
    return code;
  };
  return {
    // A 1 MB stack, as V8 gives the CLI's main thread and (about) a browser worker: recursion too
    // deep for the hosts fails here too.
    spawn: () => new p.Worker(bundle(), { eval: true, resourceLimits: { maxOldGenerationSizeMb: p.maxHeapMb ?? 2048, stackSizeMb: 1 } }),
    now: () => p.now(),
    setTimeout: (fn, ms) => p.setTimeout(fn, ms),
    clearTimeout: (h) => p.clearTimeout(h as never),
    // esbuild starts each module of the bundle with a `// path/to/module.ts` line.
    mapStack(stack) {
      modules ??= bundle()
        .split('\n')
        .flatMap((l, i): [number, string][] => (/^\/\/ (\S+\.(?:ts|js|mjs|cjs))$/.test(l) ? [[i + 1, l.slice(3)]] : []));
      return stack.replace(/\[worker eval\]:(\d+):\d+/g, (m, line: string) => {
        let found: string | undefined;
        for (const [start, path] of modules!) if (start <= Number(line)) found = path;
        return found ? `${found.replace(/^(\.\.\/)+(node_modules\/)?/, '')}, bundle line ${line}` : m;
      });
    },
  };
}
