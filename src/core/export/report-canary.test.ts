/**
 * The secret-value promise holds for the reports too: a workspace of every canary fixture (each
 * secret-value field holds a recognisable canary, see importers/secret-canary.test.ts) exported
 * as HTML and as every CSV holds none of the canaries.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ImportSession } from '../graph/session';
import { analyze } from '../analysis/analysis';
import { assessRisk } from '../risk/assess';
import { REPO_FIXTURES, repoFile } from '../test-support/public-corpus';
import { BLASTMAP_VERSION } from '../version';
import { htmlReport } from './html-report';
import { edgesCsv, findingsCsv, inventoryCsv } from './csv';

/** The canaries of importers/secret-canary.test.ts (kept equal by hand: importing that file would run its tests). */
const CANARIES = ['CANARY-5e3cr3t-9f1d', 'Q0FOQVJZLTVlM2NyM3QtOWYxZA==', 'CANARY-azure-secret-123', 'CANARY-vault-secret-123'];
const holdsCanary = (text: string) => CANARIES.some((c) => text.includes(c));

function canaryFiles(...dirs: string[]): string[] {
  return dirs
    .flatMap((dir) =>
      readdirSync(resolve(REPO_FIXTURES, dir), { recursive: true, withFileTypes: true })
        .filter((e) => e.isFile() && !e.name.endsWith('.md'))
        .map((e) => relative(REPO_FIXTURES, resolve(e.parentPath, e.name)))
        .filter((f) => holdsCanary(readFileSync(resolve(REPO_FIXTURES, f), 'utf8'))),
    )
    .sort();
}

describe('secret values never reach a report', () => {
  it('the HTML report and the CSV exports of the canary fixtures hold no canary', async () => {
    const files = canaryFiles('canary', 'azure', 'vault');
    expect(files.length).toBeGreaterThanOrEqual(20);
    const session = new ImportSession();
    session.addFiles(files.map(repoFile));
    expect(session.files.every((r) => r.status !== 'rejected')).toBe(true);
    const a = await analyze(session.graph, { asOf: Date.parse('2026-11-22T08:05:00Z') });
    const risk = assessRisk(a);
    expect(a.graph.order).toBeGreaterThan(0);
    expect(risk.findings.length).toBeGreaterThan(0);
    const outputs = {
      html: htmlReport(a, risk, { title: 'canaries', generatedAt: '2026-11-22T09:00:00Z', blastmapVersion: BLASTMAP_VERSION, files: files.map((f) => ({ name: f })) }),
      findings: findingsCsv(risk, a),
      inventory: inventoryCsv(a, risk.classification),
      edges: edgesCsv(a),
    };
    for (const [name, text] of Object.entries(outputs)) {
      expect(text.length, name).toBeGreaterThan(200);
      expect(holdsCanary(text), name).toBe(false);
    }
    // The secrets themselves are listed (by name), only their values are absent.
    expect(outputs.inventory).toMatch(/,secret,/);
  });
});
