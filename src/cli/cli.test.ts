/** The CLI over real exports: same counts as the app, the JSON shape, and the exit codes. */
import { describe, expect, it } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { main } from './main';
import { PUBLIC_CORPUS, hasPublicCorpus } from '../core/test-support/public-corpus';

function run(argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = main(argv, { out: (s) => out.push(s), err: (s) => err.push(s) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

const CLOUDSPLAINING = join(PUBLIC_CORPUS, 'cloudsplaining/examples/files/example.json');

describe.skipIf(!hasPublicCorpus)('blastmap analyze on the public corpus', () => {
  it('prints the Cloudsplaining counts as JSON with files, nodes, edges and stats', () => {
    const r = run(['analyze', CLOUDSPLAINING, '--json']);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.out);
    expect(doc.files).toHaveLength(1);
    expect(doc.files[0]).toMatchObject({ file: CLOUDSPLAINING, format: 'aws.gaad', status: 'imported', warnings: [], errors: [] });
    expect(doc.stats.nodesByKind).toMatchObject({ user: 44, group: 5, role: 78, managedPolicy: 84, inlinePolicy: 39 });
    const role = doc.nodes.find((n: { kind: string }) => n.kind === 'role');
    expect(Object.keys(role)).toEqual(expect.arrayContaining(['id', 'kind', 'provider', 'name', 'attributes']));
    const edge = doc.edges.find((e: { kind: string }) => e.kind === 'canAssume');
    expect(edge.evidence[0]).toMatchObject({ file: CLOUDSPLAINING, location: expect.stringMatching(/^RoleDetailList\[\d+\]\.AssumeRolePolicyDocument\.Statement\[\d+\]$/) });
    expect(doc.stats.edges).toBe(doc.edges.length);
  });

  it('walks folders and prints a summary table; exit 0 when every file imported', () => {
    const r = run(['analyze', join(PUBLIC_CORPUS, 'cloudmapper'), join(PUBLIC_CORPUS, 'cloudsplaining'), join(PUBLIC_CORPUS, 'aws-scp-examples')]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/20 of 20 files imported/);
    expect(r.out).toMatch(/44 users/);
  });
});

describe('blastmap exit codes', () => {
  const dir = mkdtempSync(join(tmpdir(), 'blastmap-cli-'));
  const good = join(dir, 'users.json');
  const bad = join(dir, 'bad.json');
  writeFileSync(good, JSON.stringify({ UserDetailList: [{ UserName: 'a', Arn: 'arn:aws:iam::111122223333:user/a' }] }));
  writeFileSync(bad, '{"UserDetailList": [');

  it('exits 1 when some file was rejected, and still imports the others', () => {
    const r = run(['analyze', good, bad, '--json']);
    expect(r.code).toBe(1);
    const doc = JSON.parse(r.out);
    expect(doc.files.map((f: { status: string }) => f.status)).toEqual(['imported', 'rejected']);
    expect(doc.files[1].errors[0]).toBe(`${bad}: JSON ends unexpectedly at line 1 (the document that starts at line 1 is not closed)`);
    expect(doc.stats.nodesByKind.user).toBe(1);
  });

  it.each([[[]], [['analyze']], [['frobnicate', good]], [['analyze', join(dir, 'missing.json')]]])('exits 2 on bad usage: %j', (argv) => {
    const r = run(argv);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^blastmap: /);
  });

  const bin = resolve(__dirname, '../../bin/blastmap.mjs');
  it.skipIf(!existsSync(resolve(__dirname, '../../dist-cli/blastmap.mjs')))('runs as the installed `blastmap` command', () => {
    const out = execFileSync(process.execPath, [bin, 'analyze', good], { encoding: 'utf8' });
    expect(out).toMatch(/1 of 1 files imported/);
    expect(spawnSync(process.execPath, [bin, 'analyze', bad]).status).toBe(1);
  });
});
