/**
 * Secret values never enter Blastmap: every secret-value field of every Azure fixture (client
 * secrets' `secretText` and AAD Graph `value`, certificates' `key`, `az keyvault secret show`'s
 * `value`) holds the canary; after import, analysis and every question, the canary appears nowhere:
 * not in a fragment, the graph, a snapshot, a report, blast radius, who-can or the admin report.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importFile } from '../../importers/import-file';
import { ImportSession } from '../../graph/session';
import { snapshotOf } from '../../graph/snapshot';
import { analyze } from '../../analysis/analysis';
import { adminReport } from '../../analysis/admins';
import { blastRadius } from '../../analysis/blast-radius';
import { whoCan } from '../../analysis/who-can';
import { REPO_FIXTURES, repoFile } from '../../test-support/public-corpus';

const CANARY = 'CANARY-azure-secret-123';
const FILES = readdirSync(resolve(REPO_FIXTURES, 'azure')).filter((f) => f.endsWith('.json'));

describe('Azure secret values', () => {
  it('are planted in the fixtures (six value fields across three files)', () => {
    const planted = FILES.map((f) => readFileSync(resolve(REPO_FIXTURES, 'azure', f), 'utf8').split(CANARY).length - 1);
    expect(planted.reduce((a, b) => a + b, 0)).toBe(6);
  });

  it.each(FILES)('%s: dropped at import, counted, and absent from the fragment and report', (file) => {
    const { fragment, report } = importFile(repoFile(`azure/${file}`));
    const planted = readFileSync(resolve(REPO_FIXTURES, 'azure', file), 'utf8').split(CANARY).length - 1;
    expect(report.droppedSecrets).toBe(planted);
    const text = JSON.stringify({ nodes: [...fragment.nodes.values()], edges: [...fragment.edges.values()], report });
    expect(text).not.toContain(CANARY);
    expect(text).not.toContain('CAN"'); // nor the hint, the secret's first characters
  });

  it('are nowhere in the graph, the snapshot or any analysis answer', async () => {
    const s = new ImportSession();
    s.addFiles([repoFile('kubernetes/aks-show.json'), ...FILES.map((f) => repoFile(`azure/${f}`))]);
    const a = await analyze(s.graph, { asOf: Date.UTC(2025, 5, 1), starts: [{ issuer: 'token.actions.githubusercontent.com', subject: 'repo:acme/infra:ref:refs/heads/main' }] });
    const nodes: unknown[] = [];
    const edges: unknown[] = [];
    s.graph.forEachNode((id, n) => void nodes.push([id, n]));
    s.graph.forEachEdge((key, e, source, target) => void edges.push([key, source, target, e]));
    const answers = [
      nodes,
      edges,
      snapshotOf(s),
      s.files,
      adminReport(a),
      blastRadius(a, 'azure:principal:b0b00000-0000-4000-8000-000000000002'),
      blastRadius(a, 'azure:principal:c1000000-0000-4000-8000-000000000011'),
      whoCan(a, 'https://kv-legacy.vault.azure.net/secrets/reporting-client-secret'),
      whoCan(a, 'azure:app:c1000000-0000-4000-8000-000000000010#password/6e000000-0000-4000-8000-000000000001'),
    ];
    expect(JSON.stringify(answers)).not.toContain(CANARY);
    expect(s.files.reduce((n, r) => n + r.droppedSecrets, 0)).toBe(6);
  });
});
