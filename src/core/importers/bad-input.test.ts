/** Export data is attacker-controlled: every bad-input case ends in a clear report, never a throw. */
import { describe, expect, it } from 'vitest';
import { importFile, MAX_FILE_BYTES } from './import-file';
import { ImportSession } from '../graph/session';
import { snapshotOf } from '../graph/snapshot';
import { textFile } from '../test-support/public-corpus';
import { FragmentBuilder } from '../model/fragment';
import { createGraph } from '../graph/graph';
import { mergeFragment } from '../graph/merge';

const ACCT = '111122223333';
const gaadLines = (n: number) =>
  JSON.stringify({ UserDetailList: Array.from({ length: n }, (_, i) => ({ UserName: `u${i}`, Arn: `arn:aws:iam::${ACCT}:user/u${i}` })) }, null, 2);

describe('bad input', () => {
  it('names the file and the line where truncated JSON ends', () => {
    const text = gaadLines(50);
    const cut = text.slice(0, Math.floor(text.length * 0.6));
    const lines = cut.split('\n').length;
    const { report } = importFile(textFile('roles.json', cut));
    expect(report.status).toBe('rejected');
    expect(report.errors[0]).toBe(`roles.json: JSON ends unexpectedly at line ${lines} (the document that starts at line 1 is not closed)`);
  });

  it('keeps the documents before a truncated one in a concatenated file', () => {
    const page = JSON.stringify({ UserDetailList: [{ UserName: 'a', Arn: `arn:aws:iam::${ACCT}:user/a` }] }, null, 2);
    const { report } = importFile(textFile('pages.json', `${page}\n${page.slice(0, 30)}`));
    expect(report.status).toBe('partial');
    expect(report.counts.user).toBe(1);
    const start = page.split('\n').length + 1;
    const end = start + page.slice(0, 30).split('\n').length - 1;
    expect(report.errors[0]).toBe(`pages.json: JSON ends unexpectedly at line ${end} (the document that starts at line ${start} is not closed); the 1 document(s) before it were imported`);
  });

  it('gives line and column of a syntax error', () => {
    const { report } = importFile(textFile('bad.json', '{\n  "UserDetailList": [\n    {"UserName": "x",}\n  ]\n}'));
    expect(report.status).toBe('rejected');
    expect(report.errors[0]).toMatch(/^bad\.json: invalid JSON at line 3, column 22: /);
  });

  it.each([
    ['a JSON file of another shape', 'other.json', '{"hello": "world"}', /not a recognised export: the JSON has top-level keys hello/],
    ['a text file', 'notes.txt', 'just some notes\nmore', /not a recognised export: expected JSON, .*AWS IAM credential report \(CSV\).*, but line 1 starts with "just some notes"/],
    ['an empty file', 'empty.json', '  \n', /the file is empty/],
    ['a CSV without user/arn columns', 'x.csv', 'a,b\n1,2', /not a recognised export/],
  ])('rejects %s with a message naming the file', (_n, name, text, message) => {
    const { report } = importFile(textFile(name, text));
    expect(report.status).toBe('rejected');
    expect(report.errors[0]!.startsWith(`${name}: `)).toBe(true);
    expect(report.errors[0]).toMatch(message);
  });

  it('refuses a file over the size limit before reading it', () => {
    const { report } = importFile({ name: 'huge.json', text: '', bytes: 500 * 1024 * 1024 });
    expect(report.status).toBe('rejected');
    expect(report.errors[0]).toBe(`huge.json: file is too large (500.0 MB); the limit is ${MAX_FILE_BYTES / 1024 / 1024}.0 MB per file: export per account or with --max-items pages and import the pages`);
  });

  it('one bad file never stops the others, and nothing already loaded is lost', () => {
    const session = new ImportSession();
    session.addFiles([textFile('good.json', gaadLines(3))]);
    const reports = session.addFiles([textFile('bad.json', '{"UserDetailList": ['), textFile('good2.json', gaadLines(5))]);
    expect(reports.map((r) => r.status)).toEqual(['rejected', 'imported']);
    expect(session.graph.filterNodes((_, a) => a.kind === 'user')).toHaveLength(5);
    expect(session.files).toHaveLength(3);
  });

  it('reports records it skips (no Arn, not an object) and goes on', () => {
    const text = JSON.stringify({ UserDetailList: [{ UserName: 'noarn' }, 42, { UserName: 'ok', Arn: `arn:aws:iam::${ACCT}:user/ok` }] });
    const { report } = importFile(textFile('u.json', text));
    expect(report.status).toBe('partial');
    expect(report.counts.user).toBe(1);
    expect(report.warnings).toEqual(['UserDetailList[0]: user without an Arn; skipped', 'UserDetailList[1]: not an object; skipped']);
  });

  it('does not let __proto__ or constructor keys pollute prototypes', () => {
    const hostile = `{"UserDetailList": [{"UserName": "__proto__", "Arn": "arn:aws:iam::${ACCT}:user/__proto__", "__proto__": {"polluted": "yes"}, "constructor": {"prototype": {"polluted": "yes"}},
      "Tags": [{"Key": "__proto__", "Value": "x"}, {"Key": "constructor", "Value": "y"}], "GroupList": ["__proto__", "constructor"]}],
      "RoleDetailList": [{"RoleName": "r", "Arn": "arn:aws:iam::${ACCT}:role/r", "AssumeRolePolicyDocument": {"__proto__": {"Statement": []}, "Statement": [{"Effect": "Allow", "Principal": {"AWS": "__proto__"}, "Action": "sts:AssumeRole", "Condition": {"__proto__": {"a": "b"}}}]}}]}`;
    const session = new ImportSession();
    const [report] = session.addFiles([textFile('hostile.json', hostile)]);
    expect(report!.status).not.toBe('rejected');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
    const snap = snapshotOf(session);
    expect(JSON.parse(JSON.stringify(snap)).nodes.length).toBe(snap.nodes.length);
    const u = session.graph.getNodeAttributes(`arn:aws:iam::${ACCT}:user/__proto__`);
    expect(u.name).toBe('__proto__');
    expect(Object.getPrototypeOf(u.attributes.extra)).toBe(Object.prototype);
    expect(Object.keys(u.attributes.extra as object)).toEqual(['__proto__', 'constructor']);
    expect(session.graph.hasNode(`arn:aws:iam::${ACCT}:group/__proto__`)).toBe(true);
  });

  it('keeps hostile names as plain text', () => {
    const name = '<img src=x onerror=alert(1)>';
    const { fragment } = importFile(textFile('x.json', JSON.stringify({ UserDetailList: [{ UserName: name, Arn: `arn:aws:iam::${ACCT}:user/${name}` }] })));
    expect([...fragment.nodes.values()][0]!.name).toBe(name);
  });

  it('drops secret values and says so', () => {
    const text = JSON.stringify({ ARN: `arn:aws:secretsmanager:us-east-1:${ACCT}:secret:db-AbCdEf`, Name: 'db', VersionId: 'v1', SecretString: '{"password":"hunter2"}', CreatedDate: 1523477145.729 });
    const { report, fragment } = importFile(textFile('value.json', text));
    expect(report.status).toBe('imported');
    expect(report.droppedSecrets).toBe(1);
    expect(report.notes[0]).toMatch(/dropped 1 secret value\(s\) before import \(SecretString\)/);
    expect(JSON.stringify([...fragment.nodes.values()])).not.toContain('hunter2');
  });

  it('survives deeply nested input: the part deeper than 256 levels is dropped with a warning, the record is kept', () => {
    const deep = `{"UserDetailList": [{"UserName": "d", "Arn": "arn:aws:iam::${ACCT}:user/d", "X": ${'['.repeat(5000)}${']'.repeat(5000)}}]}`;
    const { report, fragment } = importFile(textFile('deep.json', deep));
    expect(report.status).toBe('partial');
    expect(report.counts.user).toBe(1);
    expect(report.warnings).toHaveLength(1);
    expect(report.warnings[0]).toMatch(/^UserDetailList\[0\]\.X\[0\]\[0\]\[0\].*…: nested deeper than 256 levels; the deeper part was dropped$/);
    expect(() => JSON.stringify([...fragment.nodes.values()])).not.toThrow();
  });
});

describe('node ids that would reach Object.prototype', () => {
  it.each(['__proto__', 'constructor', 'prototype'])('a node with id %j is refused with a warning, and nothing is polluted', (id) => {
    const b = new FragmentBuilder('hostile.json', 'gcp');
    b.node({ id, kind: 'gcp.user', name: id });
    b.node({ id: 'user:ok@example.com', kind: 'gcp.user', name: 'ok' });
    b.edge('memberOf', 'user:ok@example.com', id, { file: 'hostile.json', location: 'bindings[0]' });
    b.edge('memberOf', id, 'user:ok@example.com', { file: 'hostile.json', location: 'bindings[1]' });
    const g = createGraph();
    const refused = mergeFragment(g, b.fragment);
    expect(refused).toEqual([`a gcp.user named "${id}" was not imported: that id cannot be stored safely`]);
    expect(g.order).toBe(1);
    expect(g.size).toBe(0);
    expect(({} as Record<string, unknown>).previous).toBeUndefined();
    expect((Object as unknown as Record<string, unknown>).previous).toBeUndefined();
  });
});
