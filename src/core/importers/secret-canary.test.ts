/**
 * The secret-value promise, format by format: every secret-value field of fixtures/canary (and of
 * each provider's canary fixtures) holds a recognisable canary; the import drops every one of them
 * (counted), nothing the import produces holds it, and the copy a host may keep of the file
 * (`redacted`) holds none either and re-imports to the same graph.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importFile } from './import-file';
import { REPO_FIXTURES, repoFile } from '../test-support/public-corpus';
import { ImportSession } from '../graph/session';
import { snapshotOf } from '../graph/snapshot';

/**
 * The canary and its base64 (Kubernetes data, payloads and binaries are base64), and the canaries
 * of the Azure and Vault fixtures (their own tests plant them in every secret field).
 */
export const CANARIES = ['CANARY-5e3cr3t-9f1d', 'Q0FOQVJZLTVlM2NyM3QtOWYxZA==', 'CANARY-azure-secret-123', 'CANARY-vault-secret-123'];

const holdsCanary = (text: string) => CANARIES.some((c) => text.includes(c));

/** Every fixture holding a canary, under these folders (relative to fixtures/). */
function canaryFiles(...dirs: string[]): string[] {
  return dirs.flatMap((dir) =>
    readdirSync(resolve(REPO_FIXTURES, dir), { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile() && !e.name.endsWith('.md'))
      .map((e) => relative(REPO_FIXTURES, resolve(e.parentPath, e.name)))
      .filter((f) => holdsCanary(readFileSync(resolve(REPO_FIXTURES, f), 'utf8'))),
  ).sort();
}

const CANARY_FILES = canaryFiles('canary', 'azure', 'vault');

describe('secret values never survive an import', () => {
  it('has a canary fixture for every format listed', () => {
    expect(CANARY_FILES.length).toBeGreaterThanOrEqual(20);
    for (const f of CANARY_FILES) expect(holdsCanary(repoFile(f).text), f).toBe(true);
  });

  it.each(CANARY_FILES)('%s: dropped, counted, and absent from the graph, the report and the kept copy', (file) => {
    const input = repoFile(file);
    const imported = importFile(input);
    expect(imported.report.status, imported.report.errors.join('; ')).not.toBe('rejected');
    expect(imported.report.droppedSecrets).toBeGreaterThan(0);
    const produced = JSON.stringify({ nodes: [...imported.fragment.nodes.values()], edges: [...imported.fragment.edges.values()], refs: imported.fragment.nameRefs, report: imported.report });
    expect(holdsCanary(produced)).toBe(false);
    expect(imported.redacted).toBeTruthy();
    expect(holdsCanary(imported.redacted!)).toBe(false);
    // The kept copy is the same export without its secrets: the same graph.
    const again = importFile({ ...input, text: imported.redacted!, bytes: imported.redacted!.length });
    expect(again.report.droppedSecrets).toBe(0);
    expect(again.redacted).toBeUndefined();
    expect([...again.fragment.nodes.keys()].sort()).toEqual([...imported.fragment.nodes.keys()].sort());
    expect([...again.fragment.edges.keys()].sort()).toEqual([...imported.fragment.edges.keys()].sort());
  });

  it('a whole workspace of them: the snapshot and the session hold no canary', () => {
    const s = new ImportSession();
    s.addFiles(CANARY_FILES.map(repoFile));
    expect(s.files.every((r) => r.status !== 'rejected')).toBe(true);
    expect(holdsCanary(JSON.stringify(snapshotOf(s)))).toBe(false);
  });

  it('a secret-bearing file in no supported format is rejected, and its report holds no value', () => {
    const imported = importFile(repoFile('canary-unsupported/aws-create-access-key.json'));
    expect(imported.report.status).toBe('rejected');
    expect(holdsCanary(JSON.stringify(imported))).toBe(false);
  });

  it('a file without secret values has no redacted copy: it is kept as it is', () => {
    expect(importFile(repoFile('aws/gaad-page-1.json')).redacted).toBeUndefined();
  });
});
