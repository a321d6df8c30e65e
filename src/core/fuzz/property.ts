/**
 * The fuzz property: for every generated plan, the realized file goes through the sandbox
 * (run-case.ts in a worker) within the time budget and keeps every promise; fast-check shrinks
 * a failure to a minimal plan. Seeds, budget and run counts come from the test.
 */
import * as fc from 'fast-check';
import { realize, type Plan, type Seed } from './mutate';
import { describeResult, type Sandbox } from './sandbox';
import type { FuzzCase } from './run-case';
import type { FileInput } from '../importers/import-file';

export interface FuzzSettings {
  /** fast-check seed: fixed, so CI runs the same cases every time. */
  seed: number;
  numRuns: number;
  /**
   * Per-case budget (ms), import + analysis + questions, for a small file; bigger files get
   * `budgetPerMbMs` more per million characters, so the budget catches what is slow for its size
   * (a hang, super-linear work) rather than what is merely big.
   */
  budgetMs: number;
  budgetPerMbMs: number;
  /** The analysis date (epoch ms). */
  asOf: number;
  /**
   * Wall-clock cap of the whole property, shrinking included: a failure found before it is still
   * reported (shrunk as far as time allowed); runs not reached by then are skipped (the stats
   * count the cases actually run).
   */
  timeLimitMs: number;
}

export interface FuzzStats {
  cases: number;
  byStatus: Record<string, number>;
  byFormat: Record<string, number>;
  maxMillis: number;
  slowest: string;
  questions: number;
}

export async function checkFuzz(opts: {
  sandbox: Sandbox;
  seeds: readonly Seed[];
  /** Intact exports a workspace holds before (or after) the mutated file; empty: import only. */
  companions: readonly FileInput[];
  plans: fc.Arbitrary<Plan>;
  settings: FuzzSettings;
}): Promise<FuzzStats> {
  const { sandbox, seeds, companions, settings } = opts;
  const stats: FuzzStats = { cases: 0, byStatus: {}, byFormat: {}, maxMillis: 0, slowest: '', questions: 0 };
  const full = companions.length > 0;
  const property = fc.asyncProperty(opts.plans, fc.nat(Math.max(0, companions.length - 1)), fc.constantFrom<'before' | 'after'>('before', 'after'), async (plan, companion, order) => {
    const m = realize(plan, seeds);
    const intact = full ? [companions[companion]!] : [];
    const c: FuzzCase = {
      description: `${m.description}${full ? `\n  with intact ${intact[0]!.name} loaded ${order} it` : ''}`,
      file: m.file,
      intact,
      order,
      depth: full ? 'full' : 'import',
      asOf: settings.asOf,
      secrets: m.secrets,
    };
    const budget = budgetFor(settings, m.file.text.length);
    const r = await sandbox.run(c, budget);
    stats.cases++;
    if (r.kind === 'ok') {
      stats.byStatus[r.outcome.status] = (stats.byStatus[r.outcome.status] ?? 0) + 1;
      stats.byFormat[r.outcome.format] = (stats.byFormat[r.outcome.format] ?? 0) + 1;
      stats.questions += r.outcome.questions;
    }
    if (r.millis > stats.maxMillis) {
      stats.maxMillis = r.millis;
      stats.slowest = m.description.slice(0, 200);
    }
    const failure = describeResult(c, r, budget);
    if (failure) throw new Error(failure);
  });
  await fc.assert(property, { seed: settings.seed, numRuns: settings.numRuns, plugins: [fc.interruptAfterTimeLimit(settings.timeLimitMs)] });
  return stats;
}

/**
 * Settings for one property: fixed seed and run count, overridable from the environment to fuzz
 * harder locally (BLASTMAP_FUZZ_RUNS=2000, BLASTMAP_FUZZ_SEED=7, BLASTMAP_FUZZ_BUDGET_MS=10000).
 */
export function fuzzSettings(env: Record<string, string | undefined>, defaults: { numRuns: number; seed: number }): FuzzSettings {
  const num = (v: string | undefined, d: number) => (v !== undefined && v !== '' && Number.isFinite(Number(v)) ? Number(v) : d);
  return {
    seed: num(env.BLASTMAP_FUZZ_SEED, defaults.seed),
    numRuns: num(env.BLASTMAP_FUZZ_RUNS, defaults.numRuns),
    budgetMs: num(env.BLASTMAP_FUZZ_BUDGET_MS, 5_000),
    budgetPerMbMs: 3_000,
    asOf: Date.UTC(2026, 0, 15),
    timeLimitMs: num(env.BLASTMAP_FUZZ_TIME_LIMIT_MS, 240_000),
  };
}

/** The time budget of a case whose file has `chars` characters. */
export const budgetFor = (s: Pick<FuzzSettings, 'budgetMs' | 'budgetPerMbMs'>, chars: number): number => Math.round(s.budgetMs + (s.budgetPerMbMs * chars) / 1e6);
