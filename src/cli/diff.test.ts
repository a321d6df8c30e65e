/**
 * `blastmap diff` as a pipeline gate, on two versions of one account (fixtures/diff): version 2
 * adds one grant that opens a path to admin. Called through runDiff with flags parsed as main.ts
 * parses them (`fail-on` and `as-of` take values).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs, UsageError } from './args';
import { runDiff } from './diff';

const V1 = resolve(__dirname, '../../fixtures/diff/v1');
const V2 = resolve(__dirname, '../../fixtures/diff/v2');
const VALUED = new Set(['fail-on', 'changes', 'as-of', 'stale-days', 'very-old-days', 'owner-keys', 'many-readers', 'classification']);

async function diff(argv: string[]) {
  const args = parseArgs(['diff', ...argv], VALUED);
  const out: string[] = [];
  const err: string[] = [];
  const code = await runDiff(args.paths, args.flags, args.flags.has('json'), { out: (s) => out.push(s), err: (s) => err.push(s) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('blastmap diff', () => {
  it('--fail-on new-admin-path exits 3 and names the new path on stderr', async () => {
    const r = await diff([V1, V2, '--fail-on', 'new-admin-path', '--as-of', '2026-01-01']);
    expect(r.code).toBe(3);
    expect(r.err.split('\n')).toEqual([
      'blastmap: gate new-admin-path tripped: role/ci-deployer can now become admin of 111111111111 (lambda-001 iam:PassRole + lambda:CreateFunction + lambda:InvokeFunction → role/lambda-admin → blastmap-admin Admin-equivalent permissions → admin)',
      'blastmap: gate new-admin-path tripped: user/build-bot can now become admin of 111111111111 (sts-001 sts:AssumeRole → role/ci-deployer → lambda-001 iam:PassRole + lambda:CreateFunction + lambda:InvokeFunction → role/lambda-admin → blastmap-admin Admin-equivalent permissions → admin)',
    ]);
    expect(r.out).toMatch(/^New paths to admin \(2\):$/m);
    expect(r.out).toMatch(/^ {2}\+ hasPolicy: arn:aws:iam::111111111111:role\/ci-deployer → arn:aws:iam::111111111111:policy\/LambdaDeployer$/m);
  });

  it('the reverse diff reports the path closed and exits 0', async () => {
    const r = await diff([V2, V1, '--fail-on', 'new-admin-path,new-critical,new-finding', '--as-of', '2026-01-01']);
    expect(r.code).toBe(0);
    expect(r.err).toBe('');
    expect(r.out).toMatch(/^Closed paths to admin \(2\):$/m);
    expect(r.out).toMatch(/^ {2}- role\/ci-deployer can no longer become admin of 111111111111 \(lambda-001 /m);
  });

  it('without gates exits 0 whatever changed; new-finding trips on the new findings; new-critical does not (none is critical)', async () => {
    expect((await diff([V1, V2, '--as-of', '2026-01-01'])).code).toBe(0);
    const f = await diff([V1, V2, '--as-of', '2026-01-01', '--fail-on=new-finding,new-critical']);
    expect(f.code).toBe(3);
    expect(f.err.split('\n')).toEqual([
      expect.stringMatching(/^blastmap: gate new-finding tripped: new high finding nhi\.escalates-to-admin on role\/ci-deployer: /),
      expect.stringMatching(/^blastmap: gate new-finding tripped: new high finding nhi\.escalates-to-admin on user\/build-bot: /),
    ]);
  });

  it('--json: one document with both dates, the files, the gates and the diff', async () => {
    const r = await diff([V1, V2, '--json', '--fail-on', 'new-admin-path', '--as-of', '2026-01-01']);
    expect(r.code).toBe(3);
    const doc = JSON.parse(r.out);
    expect(doc.asOf.before.time).toBe('2026-01-01T23:59:59.999Z');
    expect(doc.files.after).toEqual([{ file: resolve(V2, 'iam-get-account-authorization-details.json'), format: 'aws.gaad', status: 'imported' }]);
    expect(doc.gates.requested).toEqual(['new-admin-path']);
    expect(doc.gates.tripped[0].gate).toBe('new-admin-path');
    expect(doc.diff.adminPaths.opened[0].path.steps[0]).toMatchObject({ technique: 'lambda-001', from: 'arn:aws:iam::111111111111:role/ci-deployer', to: 'arn:aws:iam::111111111111:role/lambda-admin' });
  });

  it('exit 1 when a side has a rejected file (and no gate trips); usage errors for bad arguments', async () => {
    const r = await diff([V1, resolve(V1, 'no-such-file.json'), '--as-of', '2026-01-01']);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/no-such-file\.json/);
    await expect(diff([V1])).rejects.toThrow(UsageError);
    await expect(diff([V1, V2, '--fail-on', 'new-everything'])).rejects.toThrow(/unknown gate "new-everything"/);
    await expect(diff([V1, V2, '--fail-on='])).rejects.toThrow(/--fail-on takes/);
  });
});

describe('blastmap diff with hostile names', () => {
  const dir = mkdtempSync(join(tmpdir(), 'blastmap-diff-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  // A name that recolours the terminal, retitles it and forges a line of the report.
  const NAME = 'dev\u001b[31m\u001b]0;pwned\u0007\r\nblastmap: gate new-admin-path tripped: nothing\u202e';
  const arn = `arn:aws:iam::111122223333:user/${NAME}`;
  const user = (statements: unknown[]) => ({ UserDetailList: [{ UserName: NAME, Arn: arn, UserPolicyList: [{ PolicyName: 'p', PolicyDocument: { Version: '2012-10-17', Statement: statements } }] }] });
  const oldFile = join(dir, 'old.json');
  const newFile = join(dir, 'new.json');
  writeFileSync(oldFile, JSON.stringify(user([{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }])));
  writeFileSync(newFile, JSON.stringify(user([{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }, { Effect: 'Allow', Action: 'iam:PutUserPolicy', Resource: arn }])));
  // eslint-disable-next-line no-control-regex
  const RAW = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e]/;

  it('prints them as visible escapes, in text, on stderr and in JSON', async () => {
    const text = await diff([oldFile, newFile, '--fail-on', 'new-admin-path', '--as-of', '2026-01-01']);
    expect(text.code).toBe(3);
    for (const s of [text.out, text.err]) {
      expect(s).not.toMatch(RAW);
      for (const line of s.split('\n')) expect(line).not.toMatch(/^blastmap: gate new-admin-path tripped: nothing/);
    }
    expect(text.err).toMatch(/^blastmap: gate new-admin-path tripped: user\/dev\\x1b\[31m\\x1b\]0;pwned\\x07\\r\\nblastmap: gate new-admin-path tripped: nothing\\u202e can now become admin of 111122223333/);
    const json = await diff([oldFile, newFile, '--json', '--as-of', '2026-01-01']);
    expect(json.out).not.toMatch(RAW);
    expect(JSON.parse(json.out).diff.adminPaths.opened[0].principal).toBe(arn);
  });
});
