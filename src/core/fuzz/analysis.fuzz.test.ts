/**
 * Fuzzing import + analysis (issue 9, hostile input): a workspace that already holds intact
 * exports takes a mutated file; the import never throws, nothing already loaded is lost, the
 * analysis (at a fixed date: never today's) completes, the analyst's questions (blast radius,
 * who can, privilege paths) are answered, secret values planted in the fields that carry them
 * appear nowhere in the snapshot, and every case ends within its time budget (measured here).
 *
 * Cases run in a worker thread (sandbox.ts); seeds are fixed; BLASTMAP_FUZZ_RUNS / _SEED /
 * _BUDGET_MS fuzz harder locally. See import.fuzz.test.ts for the import-only properties and
 * regressions.test.ts for what the fuzzer found.
 */
import { Worker } from 'node:worker_threads';
import { buildSync } from 'esbuild';
import * as fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { Sandbox, nodeHost } from './sandbox';
import { bytePlanArb, gaadPlanArb, gcpPlanArb, holdsStatements, k8sPlanArb, policyPlanArb, secretPlanArb, structuralPlanArb, type Seed } from './mutate';
import { checkFuzz, fuzzSettings } from './property';
import { COMPANIONS, LARGE_PUBLIC_SEEDS, PUBLIC_SEEDS, REPO_SEEDS, SECRET_SEEDS, toSeed } from './seeds';
import { demoFiles, hasPublicCorpus, publicFile, repoFile } from '../test-support/public-corpus';
import type { FileInput } from '../importers/import-file';

const sandbox = new Sandbox(nodeHost({ Worker, buildSync, dir: __dirname, now: () => performance.now(), setTimeout, clearTimeout }));
afterAll(() => sandbox.close());

const demo = demoFiles();
const seeds: Seed[] = [
  ...(hasPublicCorpus ? PUBLIC_SEEDS.map((p) => toSeed('public', p, publicFile(p))) : []),
  ...REPO_SEEDS.map((p) => toSeed('fixtures', p, repoFile(p))),
  ...demo.map((f) => toSeed('demo', f.name, f)),
];
const policySeeds = seeds.filter(holdsStatements);
const secretSeeds = SECRET_SEEDS.map((p) => toSeed('fixtures', p, repoFile(p)));
const companions: FileInput[] = COMPANIONS.map((c) => (c.startsWith('demo:') ? demo.find((f) => f.name === c.slice(5))! : repoFile(c)));
if (!hasPublicCorpus) console.warn('*** NOTICE: fuzzing without the public corpus: only our fixtures and the demo are mutated; the large public samples are SKIPPED ***');

const log = (name: string, s: Awaited<ReturnType<typeof checkFuzz>>) =>
  console.log(`[fuzz] ${name}: ${s.cases} cases, ${JSON.stringify(s.byStatus)}, ${s.questions} questions answered, slowest ${s.maxMillis} ms`);
const TIMEOUT = 600_000;

describe('fuzz: import + analysis never throw, never hang, lose nothing, leak no secret', () => {
  it('structural and byte mutations of every seed, next to intact exports', async () => {
    const plans = fc.oneof({ weight: 3, arbitrary: structuralPlanArb(seeds.length) }, { weight: 1, arbitrary: bytePlanArb(seeds.length) });
    const s = await checkFuzz({ sandbox, seeds, companions, plans, settings: fuzzSettings(process.env, { numRuns: 150, seed: 0xa7a1 }) });
    log('analysis/structure', s);
    expect(s.cases).toBeGreaterThan(0);
  }, TIMEOUT);

  it('policies: random Effect, Action / Resource globs (adversarial ones too), conditions, principals, URL-encoded documents', async () => {
    const plans = fc.oneof(policyPlanArb(policySeeds.length), gaadPlanArb);
    const s = await checkFuzz({ sandbox, seeds: policySeeds, companions, plans, settings: fuzzSettings(process.env, { numRuns: 150, seed: 0x9011 }) });
    log('analysis/policies', s);
    expect(policySeeds.length).toBeGreaterThan(3);
  }, TIMEOUT);

  it('Kubernetes RBAC and GCP bindings made from random rules, subjects, members and conditions', async () => {
    const s = await checkFuzz({ sandbox, seeds, companions, plans: fc.oneof(k8sPlanArb, gcpPlanArb), settings: fuzzSettings(process.env, { numRuns: 120, seed: 0x6c9 }) });
    log('analysis/k8s+gcp', s);
    expect(s.cases).toBeGreaterThan(0);
  }, TIMEOUT);

  it('secret values planted in the fields that carry them never reach the snapshot', async () => {
    const s = await checkFuzz({ sandbox, seeds: secretSeeds, companions, plans: secretPlanArb(secretSeeds.length), settings: fuzzSettings(process.env, { numRuns: 100, seed: 0x5ec7 }) });
    log('analysis/secrets', s);
    expect(s.cases).toBeGreaterThan(0);
  }, TIMEOUT);

  it.skipIf(!hasPublicCorpus)('structural mutations of the large public samples', async () => {
    const large = LARGE_PUBLIC_SEEDS.map((p) => toSeed('public', p, publicFile(p)));
    const s = await checkFuzz({ sandbox, seeds: large, companions, plans: structuralPlanArb(large.length), settings: { ...fuzzSettings(process.env, { numRuns: 10, seed: 0x1a29e }), budgetMs: 15_000 } });
    log('analysis/large', s);
    expect(s.cases).toBeGreaterThan(0);
  }, TIMEOUT);
});
