/** Snapshots Blastmap writes validate against the JSON Schema in the repo (docs/snapshot.schema.json). */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { ImportSession } from '../graph/session';
import { analyze } from '../analysis/analysis';
import { assessRisk } from '../risk/assess';
import { demoFiles, repoFile } from '../test-support/public-corpus';
import { snapshotOfWorkspace } from './write';
import { readSnapshot } from './read';

const schema = JSON.parse(readFileSync(resolve(__dirname, '../../../docs/snapshot.schema.json'), 'utf8')) as object;

describe('snapshot schema', () => {
  it('a snapshot of the demo with workspace settings validates, and reads back to the same graph', async () => {
    const s = new ImportSession();
    s.addFiles([...demoFiles(), repoFile('aws/hostile-names.json')]);
    for (const f of s.files) f.sha256 = '0'.repeat(64);
    const a = await analyze(s.graph, { asOf: Date.parse('2026-11-22T08:05:00Z') });
    const snap = snapshotOfWorkspace({
      session: s,
      analysis: a,
      risk: assessRisk(a),
      createdAt: '2026-12-01T10:00:00.000Z',
      workspace: { name: 'demo', crownJewels: ['x'], breached: [], risk: { staleDays: 60, overrides: { a: 'human' } }, mappings: [{ secret: 's', identity: 'i' }], asOfOverride: Date.parse('2026-11-01T00:00:00Z') },
    });
    const ajv = new Ajv2020({ allErrors: true, strict: false });
    addFormats(ajv);
    const validate = ajv.compile(schema);
    const text = JSON.stringify(snap);
    const ok = validate(JSON.parse(text));
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
    // No derived node or edge is kept: the analysis re-derives them.
    expect(snap.graph.nodes.some((n) => n.kind === 'adminAccess')).toBe(false);
    expect(snap.graph.edges.some((e) => e.kind === 'escalatesTo')).toBe(false);
    const back = readSnapshot(text);
    expect('error' in back).toBe(false);
    if ('error' in back) return;
    expect(back.snapshot.graph.nodes.map((n) => n.id)).toEqual(snap.graph.nodes.map((n) => n.id));
    expect(back.snapshot.workspace.risk).toEqual({ staleDays: 60, overrides: { a: 'human' } });
  });
});
