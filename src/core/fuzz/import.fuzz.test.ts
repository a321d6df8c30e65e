/**
 * Fuzzing the import (issue 9, hostile input): random and mutated versions of the public
 * samples, our fixtures and the demo's exports never make `importFile` throw, never hang (each
 * case has a time budget, measured here), and always end in a report naming the file.
 *
 * Cases run in a worker thread (sandbox.ts) so a case that never ends is stopped and reported
 * rather than hanging the run. Seeds are fixed: CI runs the same cases every time. Fuzz harder
 * locally with BLASTMAP_FUZZ_RUNS=2000 (and BLASTMAP_FUZZ_SEED=<n> for other cases); a failure
 * prints the shrunk plan (mutate.ts realizes it) and where the core broke.
 */
import { Worker } from 'node:worker_threads';
import { buildSync } from 'esbuild';
import { afterAll, describe, expect, it } from 'vitest';
import { Sandbox, nodeHost } from './sandbox';
import { bytePlanArb, isYamlSeed, structuralPlanArb, synthPlanArb, yamlPlanArb, type Seed } from './mutate';
import { checkFuzz, fuzzSettings } from './property';
import { PUBLIC_SEEDS, REPO_SEEDS, toSeed } from './seeds';
import { demoFiles, hasPublicCorpus, publicFile, repoFile } from '../test-support/public-corpus';

const sandbox = new Sandbox(nodeHost({ Worker, buildSync, dir: __dirname, now: () => performance.now(), setTimeout, clearTimeout }));
afterAll(() => sandbox.close());

const seeds: Seed[] = [
  ...(hasPublicCorpus ? PUBLIC_SEEDS.map((p) => toSeed('public', p, publicFile(p))) : []),
  ...REPO_SEEDS.map((p) => toSeed('fixtures', p, repoFile(p))),
  ...demoFiles().map((f) => toSeed('demo', f.name, f)),
];
if (!hasPublicCorpus) console.warn('*** NOTICE: fuzzing without the public corpus: only our fixtures and the demo are mutated ***');

const log = (name: string, s: Awaited<ReturnType<typeof checkFuzz>>) => console.log(`[fuzz] ${name}: ${s.cases} cases, ${JSON.stringify(s.byStatus)}, slowest ${s.maxMillis} ms`);
const TIMEOUT = 600_000;

describe('fuzz: import never throws, never hangs, always reports', () => {
  it('byte mutations, encodings and concatenations of every seed', async () => {
    const s = await checkFuzz({ sandbox, seeds, companions: [], plans: bytePlanArb(seeds.length), settings: fuzzSettings(process.env, { numRuns: 250, seed: 0x9a11 }) });
    log('bytes', s);
    expect(s.cases).toBeGreaterThan(0);
  }, TIMEOUT);

  it('structural mutations of every seed (values, types, keys, nesting, huge strings, prototype keys, YAML bombs)', async () => {
    const s = await checkFuzz({ sandbox, seeds, companions: [], plans: structuralPlanArb(seeds.length), settings: fuzzSettings(process.env, { numRuns: 250, seed: 0x57c7 }) });
    log('structure', s);
    expect(s.cases).toBeGreaterThan(0);
  }, TIMEOUT);

  it('YAML: alias bombs ("billion laughs"), alias cycles, deep flow nesting, huge keys, many anchors', async () => {
    const yaml = seeds.filter(isYamlSeed);
    const s = await checkFuzz({ sandbox, seeds: yaml, companions: [], plans: yamlPlanArb(yaml.length), settings: fuzzSettings(process.env, { numRuns: 120, seed: 0x9a41 }) });
    log('yaml', s);
    expect(yaml.length).toBeGreaterThan(1);
  }, TIMEOUT);

  it('random bytes, random JSON, JSON shaped like each export, synthesized exports', async () => {
    const s = await checkFuzz({ sandbox, seeds, companions: [], plans: synthPlanArb(), settings: fuzzSettings(process.env, { numRuns: 300, seed: 0x5e7d }) });
    log('synthesized', s);
    expect(s.cases).toBeGreaterThan(0);
  }, TIMEOUT);
});
