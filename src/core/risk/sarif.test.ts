/**
 * The SARIF output validates against the OASIS SARIF 2.1.0 schema (../shared/data/sarif, read in
 * place; skipped with a notice where it is absent), on the demo and on the neutral fixtures.
 */
import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { ImportSession } from '../graph/session';
import { analyze } from '../analysis/analysis';
import { demoFiles } from '../test-support/public-corpus';
import { assessRisk } from './assess';
import { toSarif } from './sarif';
import { BLASTMAP_VERSION } from '../version';

const SCHEMA = resolve(__dirname, '../../../../shared/data/sarif/sarif-schema-2.1.0.json');
const hasSchema = existsSync(SCHEMA);
if (!hasSchema) console.warn(`\n*** NOTICE: SARIF schema not found at ${SCHEMA}; SARIF schema validation is SKIPPED ***\n`);

async function demoSarif() {
  const s = new ImportSession();
  s.addFiles(demoFiles());
  const a = await analyze(s.graph, { asOf: Date.parse('2026-11-22T08:05:00Z') });
  const r = assessRisk(a);
  return { r, sarif: toSarif(r.findings, r.rules, r.asOf) as { runs: { tool: { driver: { rules: { id: string }[]; version: string } }; results: { ruleId: string; ruleIndex: number; locations: { physicalLocation?: { artifactLocation: { uri: string } } }[]; partialFingerprints: Record<string, string> }[] }[] } };
}

describe('SARIF 2.1.0', () => {
  it.skipIf(!hasSchema)('validates against the OASIS schema', async () => {
    const { sarif, r } = await demoSarif();
    expect(r.findings.length).toBeGreaterThan(10);
    const ajv = new Ajv({ allErrors: true, strict: false });
    addFormats(ajv);
    const validate = ajv.compile(JSON.parse(readFileSync(SCHEMA, 'utf8')) as object);
    const ok = validate(sarif);
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  });

  it('places every result on its export file, indexes its rule, and fingerprints rule + subject', async () => {
    const { sarif, r } = await demoSarif();
    const run = sarif.runs[0]!;
    expect(run.results).toHaveLength(r.findings.length);
    expect(run.tool.driver.version).toBe(BLASTMAP_VERSION);
    for (const res of run.results) {
      expect(run.tool.driver.rules[res.ruleIndex]!.id).toBe(res.ruleId);
      expect(res.locations[0]!.physicalLocation!.artifactLocation.uri).toMatch(/\.(json|csv)$/);
    }
    const prints = run.results.map((x) => x.partialFingerprints['blastmapFinding/v1']);
    expect(new Set(prints).size).toBe(prints.length);
  });

  it('states the same version as package.json', () => {
    const pkg = JSON.parse(readFileSync(resolve(__dirname, '../../../package.json'), 'utf8')) as { version: string };
    expect(BLASTMAP_VERSION).toBe(pkg.version);
  });
});
