/**
 * Hostile exports (GitHub issue 9): export data is attacker-controlled. Wrong types, statements
 * AWS would refuse, absurd nesting, out-of-range dates, other encodings, sizes that made a reader
 * quadratic, prototype keys. Each costs the record a warning naming its place; nothing throws,
 * nothing is read as what it does not say, the rest of the file is imported.
 */
import { describe, expect, it } from 'vitest';
import { importFile } from './import-file';
import { textFile } from '../test-support/public-corpus';
import { snapshotOf } from '../graph/snapshot';
import { readJsonDocuments } from '../io/json-documents';
import { parseCsv } from '../io/csv';
import { parseTimestamp } from '../io/time';
import { decodeText, detectEncoding } from '../io/decode';
import { limitDepth, TOO_DEEP_MARKER } from '../io/depth';
import { scrubSecrets } from '../io/scrub-secrets';
import { AccountBuilder, ACCT, allow, arnOf, doc, trustAws } from '../providers/aws/test-support/account-builder';
import { AwsModel } from '../providers/aws/model';
import { compilePolicy } from '../providers/aws/eval/compile';

const NOW = Date.UTC(2026, 10, 22);
const ROLE = arnOf('role', 'r');
const BUCKET = 'arn:aws:s3:::data';
const GOOD = allow('s3:GetObject', `${BUCKET}/*`);
/** Where the bad statement sits: the role's first inline policy, second statement. */
const AT = 'RoleDetailList[0].RolePolicyList[0].PolicyDocument.Statement[1]';

/** A role whose inline policy holds a good statement and `bad`; returns the file's warnings and the model. */
function withStatement(bad: unknown) {
  const session = new AccountBuilder().role('r', trustAws(ACCT), { inline: [{ Version: '2012-10-17', Statement: [GOOD, bad] }] }).session();
  return { report: session.files[0]!, model: new AwsModel(session.graph, { asOf: NOW }), session };
}

const deepArray = (depth: number, inner: string) => `${'['.repeat(depth)}${inner}${']'.repeat(depth)}`;

describe('statements AWS would refuse are ignored with a warning naming the place', () => {
  const base = { Effect: 'Allow', Action: 'iam:CreateUser', Resource: '*' };
  const without = (key: string) => Object.fromEntries(Object.entries(base).filter(([k]) => k !== key));
  it.each<[string, unknown, string]>([
    ['Action: null', { ...base, Action: null }, 'Action must be a string or a list of strings, not null'],
    ['Action: 5', { ...base, Action: 5 }, 'Action must be a string or a list of strings, not number 5'],
    ['Action: {}', { ...base, Action: {} }, 'Action must be a string or a list of strings, not an object'],
    ['Action: []', { ...base, Action: [] }, 'Action is an empty list'],
    ['a number among the actions', { ...base, Action: ['iam:CreateUser', 5] }, 'Action[1] is number 5, not a string'],
    ['only Effect', { Effect: 'Allow' }, 'has no Action or NotAction'],
    ['no Action anywhere', without('Action'), 'has no Action or NotAction'],
    ['Action and NotAction', { ...base, NotAction: 's3:*' }, 'has both Action and NotAction'],
    ['a 10 MB action pattern', { ...base, Action: `iam:${'*a'.repeat(5 * 1024 * 1024)}` }, 'Action is 10485764 characters long (the limit is 4096)'],
    ['Resource: {}', { ...base, Resource: {} }, 'Resource must be a string or a list of strings, not an object'],
    ['Resource: []', { ...base, Resource: [] }, 'Resource is an empty list'],
    ['Resource and NotResource', { ...base, NotResource: 'x' }, 'has both Resource and NotResource'],
    ['Principal: 7', { ...base, Principal: 7 }, 'Principal must be "*" or a map of principal types, not number 7'],
    ['Principal: an ARN string', { ...base, Principal: ROLE }, 'Principal must be "*" or a map of principal types, not "arn:aws:iam::1111222…"'],
    ['Principal: {}', { ...base, Principal: {} }, 'Principal is an empty map'],
    ['Principal of an unknown type', { ...base, Principal: { aws: '*' } }, 'Principal has an unknown principal type "aws" (AWS, Service, Federated or CanonicalUser)'],
    ['Principal.AWS: 7', { ...base, Principal: { AWS: 7 } }, 'Principal.AWS must be a string or a list of strings, not number 7'],
    ['Condition: "x"', { ...base, Condition: 'x' }, 'Condition must be a map of operators, not "x"'],
    ['Condition operator: "x"', { ...base, Condition: { StringEquals: 'x' } }, 'Condition operator "StringEquals" must map condition keys to values, not "x"'],
    ['Condition value: an object', { ...base, Condition: { StringEquals: { 'aws:username': { a: 1 } } } }, 'Condition "StringEquals" "aws:username" must be a value or a list of values of at most 4096 characters, not an object'],
    ['Condition value: null', { ...base, Condition: { StringEquals: { 'aws:username': null } } }, 'Condition "StringEquals" "aws:username" must be a value or a list of values of at most 4096 characters, not null'],
    ['a statement that is a number', 42, 'not an object (number 42)'],
    ['a statement that is a string', 'Allow everything', 'not an object ("Allow everything")'],
    ['a statement that is a list', [base], 'not an object (a list)'],
  ])('%s', (_name, bad, message) => {
    const { report, model } = withStatement(bad);
    expect(report.status).toBe('partial');
    expect(report.warnings).toContain(`${AT}: ${message}; statement ignored`);
    // The bad statement grants nothing; the good one beside it still does.
    expect(model.can(ROLE, 'iam:CreateUser', arnOf('user', 'x')).decision).toBe('not allowed');
    expect(model.can(ROLE, 's3:GetObject', `${BUCKET}/k`).decision).toBe('allowed');
  });

  it.each<[string, unknown, string]>([
    ['missing', undefined, 'Effect is missing'],
    ['null', null, 'Effect is null, not "Allow" or "Deny"'],
    ['1', 1, 'Effect is number 1, not "Allow" or "Deny"'],
    ['"allow"', 'allow', 'Effect is "allow", not "Allow" or "Deny"'],
    ['"ALLOW"', 'ALLOW', 'Effect is "ALLOW", not "Allow" or "Deny"'],
    ['" Allow"', ' Allow', 'Effect is " Allow", not "Allow" or "Deny"'],
    ['true', true, 'Effect is boolean true, not "Allow" or "Deny"'],
  ])('Effect %s is not an Allow (AWS accepts exactly "Allow" and "Deny")', (_name, effect, message) => {
    const bad = effect === undefined ? { Action: 'iam:CreateUser', Resource: '*' } : { Effect: effect, Action: 'iam:CreateUser', Resource: '*' };
    const { report, model } = withStatement(bad);
    expect(report.warnings).toContain(`${AT}: ${message}; statement ignored`);
    expect(model.can(ROLE, 'iam:CreateUser', arnOf('user', 'x')).decision).toBe('not allowed');
  });

  it('an Effect "deny" does not deny either', () => {
    const { model } = withStatement({ Effect: 'deny', Action: 's3:GetObject', Resource: '*' });
    expect(model.can(ROLE, 's3:GetObject', `${BUCKET}/k`).decision).toBe('allowed');
  });

  it.each<[string, unknown, string]>([
    ['a string', 'str', 'RoleDetailList[0].RolePolicyList[0].PolicyDocument.Statement: must be a statement or a list of statements; none read'],
    ['a number', 5, 'RoleDetailList[0].RolePolicyList[0].PolicyDocument.Statement: must be a statement or a list of statements; none read'],
    ['missing', undefined, 'RoleDetailList[0].RolePolicyList[0].PolicyDocument: no Statement; the document grants and denies nothing'],
  ])('Statement %s', (_name, statement, message) => {
    const session = new AccountBuilder().role('r', trustAws(ACCT), { inline: [{ Version: '2012-10-17', Statement: statement }] }).session();
    expect(session.files[0]!.status).toBe('partial');
    expect(session.files[0]!.warnings).toContain(message);
  });

  it('a bad trust statement costs only itself: the good one still lets the user assume the role', () => {
    const trust = doc({ Effect: 'Allow', Principal: { AWS: arnOf('user', 'u') }, Action: 'sts:AssumeRole' }, { Effect: 'Allow', Principal: 7, Action: 'sts:AssumeRole' });
    const session = new AccountBuilder().user('u').role('r', trust).session();
    expect(session.files[0]!.warnings).toContain('RoleDetailList[0].AssumeRolePolicyDocument.Statement[1]: Principal must be "*" or a map of principal types, not number 7; statement ignored');
    expect(new AwsModel(session.graph, { asOf: NOW }).can(arnOf('user', 'u'), 'sts:AssumeRole', ROLE).decision).toBe('allowed');
  });

  it('the evaluator compiles exactly the statements the import accepted', () => {
    const compiled = compilePolicy('p', 'p', { Statement: [GOOD, { Effect: 'allow', Action: '*', Resource: '*' }, { Effect: 'Allow' }, { Effect: 'Deny', Action: 'x:*', Resource: {} }] });
    expect(compiled!.statements.map((s) => s.ref.statement)).toEqual(['#0']);
  });

  it('a very long Sid names the statement by its index instead', () => {
    const { report, model } = withStatement({ Sid: 'S'.repeat(5000), Effect: 'Allow', Action: 'iam:CreateUser', Resource: '*' });
    expect(report.warnings).toContain(`${AT}: Sid is 5000 characters long; the statement is named #1 instead`);
    expect(model.can(ROLE, 'iam:CreateUser', arnOf('user', 'x')).decision).toBe('allowed');
  });

  it('the same rules hold in resource policies (a bucket policy with a lowercase effect grants nothing)', () => {
    const policy = JSON.stringify(doc({ Effect: 'allow', Principal: '*', Action: 's3:GetObject', Resource: `${BUCKET}/*` }));
    const { report, fragment } = importFile(textFile('data.json', JSON.stringify({ Policy: policy })));
    expect(report.warnings).toContain('Policy.Statement[0]: Effect is "allow", not "Allow" or "Deny"; statement ignored');
    expect([...fragment.edges.values()].filter((e) => e.kind === 'grants')).toEqual([]);
  });
});

describe('absurd nesting is cut with a warning; the rest of the file imports', () => {
  it('an Action nested in 10,000 arrays', () => {
    const text = `{"RoleDetailList": [{"RoleName": "r", "Arn": "${ROLE}", "AssumeRolePolicyDocument": ${JSON.stringify(trustAws(ACCT))},
      "RolePolicyList": [{"PolicyName": "p", "PolicyDocument": {"Statement": [${JSON.stringify(GOOD)}, {"Effect": "Allow", "Action": ${deepArray(10_000, '"iam:*"')}, "Resource": "*"}]}}]}]}`;
    const { report } = importFile(textFile('deep.json', text));
    expect(report.status).toBe('partial');
    expect(report.warnings[0]).toMatch(/^RoleDetailList\[0\]\.RolePolicyList\[0\]\.PolicyDocument\.Statement\[1\]\.Action\[0\]\[0\].*…: nested deeper than 256 levels; the deeper part was dropped$/);
    expect(report.warnings).toContain(`${AT}: Action[0] is a list, not a string; statement ignored`);
    expect(report.counts.role).toBe(1);
  });

  it.each([
    ['a JSON string', (inner: string) => JSON.stringify(`{"Version": "2012-10-17", "Statement": [${JSON.stringify(GOOD)}, ${inner}]}`)],
    ['a URL-encoded string', (inner: string) => JSON.stringify(encodeURIComponent(`{"Version": "2012-10-17", "Statement": [${JSON.stringify(GOOD)}, ${inner}]}`))],
  ])('a 100,000-deep statement inside a policy document given as %s', (_name, encode) => {
    const text = `{"RoleDetailList": [{"RoleName": "r", "Arn": "${ROLE}", "RolePolicyList": [{"PolicyName": "p", "PolicyDocument": ${encode(deepArray(100_000, '{}'))}}]}]}`;
    const session = new AccountBuilder().session();
    const [report] = session.addFiles([textFile('deep.json', text)]);
    expect(report!.status).toBe('partial');
    expect(report!.warnings[0]).toMatch(/^RoleDetailList\[0\]\.RolePolicyList\[0\]\.PolicyDocument\.Statement\[1\]\[0\]\[0\].*…: nested deeper than 64 levels; the deeper part was dropped$/);
    expect(report!.warnings).toContain(`${AT}: not an object (a list); statement ignored`);
    // What is stored can be serialised (the UI receives it by structured clone, the CLI as JSON).
    expect(() => JSON.stringify(snapshotOf(session))).not.toThrow();
    expect(new AwsModel(session.graph, { asOf: NOW }).can(ROLE, 's3:GetObject', `${BUCKET}/k`).decision).toBe('allowed');
  });

  it('a 100,000-deep condition value inside a policy string', () => {
    const policy = `{"Statement": [${JSON.stringify(GOOD)}, {"Effect": "Deny", "Action": "s3:*", "Resource": "*", "Condition": {"StringEquals": {"aws:username": ${deepArray(100_000, '"x"')}}}}]}`;
    const text = JSON.stringify({ RoleDetailList: [{ RoleName: 'r', Arn: ROLE, RolePolicyList: [{ PolicyName: 'p', PolicyDocument: policy }] }] });
    const session = new AccountBuilder().session();
    const [report] = session.addFiles([textFile('deep.json', text)]);
    expect(report!.warnings).toContain(`${AT}: Condition "StringEquals" "aws:username" must be a value or a list of values of at most 4096 characters, not a list; statement ignored`);
    expect(() => JSON.stringify(snapshotOf(session))).not.toThrow();
  });

  it('scrubSecrets stops at its budget on shared or cyclic data (YAML aliases), and says so', () => {
    let bomb: unknown = { Password: 'p' };
    for (let i = 0; i < 30; i++) bomb = [bomb, bomb];
    const cycle: unknown[] = [];
    cycle.push(cycle);
    for (const data of [bomb, cycle]) {
      const started = performance.now();
      expect(scrubSecrets(data, '', 10_000).exhausted).toBe(true);
      expect(performance.now() - started).toBeLessThan(2000);
    }
    expect(scrubSecrets({ a: [{ Password: 'p' }] }, '', 10).exhausted).toBeUndefined();
  });

  it('limitDepth and scrubSecrets walk 100,000 levels without recursion', () => {
    const deep = JSON.parse(`{"a": ${deepArray(100_000, '{"Password": "hunter2"}')}, "SecretString": "s"}`) as Record<string, unknown>;
    expect(scrubSecrets(deep).dropped).toBe(2);
    const cut = limitDepth(deep, 256);
    expect(cut.count).toBe(1);
    expect(cut.places[0]).toMatch(/^a\[0\]\[0\]\[0\].*…$/);
    expect(() => JSON.stringify(deep)).not.toThrow();
    let v: unknown = deep.a;
    let depth = 1;
    while (Array.isArray(v)) [v, depth] = [v[0], depth + 1];
    expect([v, depth]).toEqual([TOO_DEEP_MARKER, 256]);
  });
});

describe('one out-of-range timestamp warns on its record', () => {
  it.each([
    ['1e300', 1e300, '"1e+300"'],
    ['-1e300', -1e300, '"-1e+300"'],
    ['"99999-99-99"', '99999-99-99', '"99999-99-99"'],
    ['"2024-13-01T00:00:00Z"', '2024-13-01T00:00:00Z', '"2024-13-01T00:00:00Z"'],
    ['"2023-02-29"', '2023-02-29', '"2023-02-29"'],
    ['"2024-04-31T10:00:00Z"', '2024-04-31T10:00:00Z', '"2024-04-31T10:00:00Z"'],
    ['"2024-01-01T25:00:00Z"', '2024-01-01T25:00:00Z', '"2024-01-01T25:00:00Z"'],
    ['{} (not a time at all)', {}, '"[object Object]"'],
  ])('CreateDate %s', (_name, value, shown) => {
    const text = JSON.stringify({ UserDetailList: [{ UserName: 'u', Arn: arnOf('user', 'u'), CreateDate: value }, { UserName: 'v', Arn: arnOf('user', 'v'), CreateDate: '2024-01-01T00:00:00Z' }] });
    const { report, fragment } = importFile(textFile('users.json', text));
    expect(report.status).toBe('partial');
    expect(report.counts.user).toBe(2);
    expect(report.warnings).toEqual([`UserDetailList[0].CreateDate: unrecognised timestamp ${shown}; kept as text`]);
    expect(fragment.nodes.get(arnOf('user', 'v'))!.attributes.created).toBe('2024-01-01T00:00:00.000Z');
  });

  it('in a credential report, a bad date cell costs only its value', () => {
    const csv = 'user,arn,user_creation_time,password_enabled,password_last_used\nu,arn:aws:iam::111122223333:user/u,99999-99-99,true,+275760-09-14T00:00:00Z\nv,arn:aws:iam::111122223333:user/v,2024-01-01T00:00:00+00:00,false,N/A\n';
    const { report, fragment } = importFile(textFile('report.csv', csv));
    expect(report.status).toBe('partial');
    expect(report.counts.user).toBe(2);
    expect(report.warnings).toEqual(['line 2 (u): user_creation_time "99999-99-99" is not a timestamp; ignored', 'line 2 (u): password_last_used "+275760-09-14T00:00:00Z" is not a timestamp; ignored']);
    expect(fragment.nodes.get(arnOf('user', 'u'))!.attributes.created).toBeUndefined();
    expect(fragment.nodes.get(arnOf('user', 'v'))!.attributes.created).toBe('2024-01-01T00:00:00.000Z');
  });

  it.each<[string, unknown, string | undefined]>([
    ['2024-01-01T00:00:00Z', '2024-01-01T00:00:00Z', '2024-01-01T00:00:00.000Z'],
    ['2024-02-29', '2024-02-29', '2024-02-29T00:00:00.000Z'],
    ['2024-01-01 10:00:00+02:00', '2024-01-01 10:00:00+02:00', '2024-01-01T08:00:00.000Z'],
    ['2024-01-01T24:00:00Z', '2024-01-01T24:00:00Z', '2024-01-02T00:00:00.000Z'],
    ['0099-06-01T00:00:00Z', '0099-06-01T00:00:00Z', '0099-06-01T00:00:00.000Z'],
    ['epoch seconds as a number', 1523477145.729, '2018-04-11T20:05:45.729Z'],
    ['epoch seconds as text', '1523477145', '2018-04-11T20:05:45.000Z'],
    ['1e300', 1e300, undefined],
    ['Infinity', Infinity, undefined],
    ['2024-01-01T00:00:00+25:00', '2024-01-01T00:00:00+25:00', undefined],
    ['2024-00-10', '2024-00-10', undefined],
    ['a million characters', 'x'.repeat(1_000_000), undefined],
  ])('parseTimestamp(%s)', (_label, input, iso) => {
    const ms = parseTimestamp(input);
    expect(ms === undefined ? undefined : new Date(ms).toISOString()).toBe(iso);
  });
});

describe('UTF-16 and UTF-32 files are decoded by their byte-order mark', () => {
  const text = JSON.stringify({ UserDetailList: [{ UserName: 'zoë-日本-🙂', Arn: arnOf('user', 'zoë-日本-🙂') }] }, null, 2);
  const utf16be = (s: string) => {
    const le = Buffer.from(s, 'utf16le');
    for (let i = 0; i + 1 < le.length; i += 2) [le[i], le[i + 1]] = [le[i + 1]!, le[i]!];
    return le;
  };
  const utf32 = (s: string, little: boolean) => {
    const cps = [...s].map((c) => c.codePointAt(0)!);
    const out = Buffer.alloc(cps.length * 4);
    cps.forEach((cp, i) => (little ? out.writeUInt32LE(cp, i * 4) : out.writeUInt32BE(cp, i * 4)));
    return out;
  };
  const bytes = (...parts: (number[] | Buffer)[]) => new Uint8Array(Buffer.concat(parts.map((p) => Buffer.from(p))));
  it.each<[string, Uint8Array, string]>([
    ['UTF-8', bytes(Buffer.from(text, 'utf8')), 'utf-8'],
    ['UTF-8 with BOM', bytes([0xef, 0xbb, 0xbf], Buffer.from(text, 'utf8')), 'utf-8'],
    ['UTF-16 LE with BOM (PowerShell >)', bytes([0xff, 0xfe], Buffer.from(text, 'utf16le')), 'utf-16le'],
    ['UTF-16 BE with BOM', bytes([0xfe, 0xff], utf16be(text)), 'utf-16be'],
    ['UTF-32 LE with BOM', bytes([0xff, 0xfe, 0, 0], utf32(text, true)), 'utf-32le'],
    ['UTF-32 BE with BOM', bytes([0, 0, 0xfe, 0xff], utf32(text, false)), 'utf-32be'],
    ['UTF-16 LE without BOM', bytes(Buffer.from(text, 'utf16le')), 'utf-16le'],
    ['UTF-16 BE without BOM', bytes(utf16be(text)), 'utf-16be'],
  ])('%s', (_name, data, encoding) => {
    expect(detectEncoding(data).encoding).toBe(encoding);
    const decoded = decodeText(data);
    expect(decoded).toBe(text);
    const { report, fragment } = importFile({ name: 'gaad.json', text: decoded, bytes: data.length });
    expect(report.status).toBe('imported');
    expect([...fragment.nodes.values()][0]!.name).toBe('zoë-日本-🙂');
  });

  it('broken sequences become U+FFFD rather than an exception', () => {
    expect(decodeText(new Uint8Array([0x7b, 0xff, 0x7d]))).toBe('{\uFFFD}');
    expect(decodeText(new Uint8Array([0xff, 0xfe, 0x7b, 0x00, 0x7d]))).toBe('{\uFFFD');
    expect(decodeText(new Uint8Array([0xff, 0xfe, 0, 0, 0x00, 0x00, 0x11, 0x00]))).toBe('\uFFFD');
    expect(decodeText(new Uint8Array([]))).toBe('');
  });

  it('UTF-16 text a host read as UTF-8 is refused with a message that says so', () => {
    const misread = new TextDecoder('utf-8').decode(bytes([0xff, 0xfe], Buffer.from(text, 'utf16le')));
    const { report } = importFile(textFile('ps.json', misread));
    expect(report.status).toBe('rejected');
    expect(report.errors[0]).toBe('ps.json: the file is UTF-16 or UTF-32 text that was read as UTF-8 (every other character is a NUL): save it as UTF-8 and import it again');
  });
});

describe('sizes that made a reader quadratic', () => {
  it('150,000 concatenated {} documents, each with its start line', () => {
    const started = performance.now();
    const read = readJsonDocuments('{}\n'.repeat(150_000));
    expect(read.docs).toHaveLength(150_000);
    expect(read.startLines.at(-1)).toBe(150_000);
    expect(performance.now() - started).toBeLessThan(10_000);
  });

  it('a syntax error after many documents is still placed by line and column', () => {
    const read = readJsonDocuments(`${'{"a": 1}\n'.repeat(20_000)}{"a": 1,}\n`);
    expect(read.docs).toHaveLength(20_000);
    expect(read.error!.message).toMatch(/^invalid JSON at line 20001, column 9: /);
  });

  it('a 100,000-row CSV', () => {
    const rows = Array.from({ length: 100_000 }, (_, i) => `u${i},"arn:aws:iam::${ACCT}:user/u${i}","a ""quoted"", value",2024-01-01T00:00:00+00:00`);
    const started = performance.now();
    const parsed = parseCsv(`user,arn,note,created\r\n${rows.join('\r\n')}\r\n`);
    expect(parsed).toHaveLength(100_001);
    expect(parsed[100_000]).toEqual(['u99999', `arn:aws:iam::${ACCT}:user/u99999`, 'a "quoted", value', '2024-01-01T00:00:00+00:00']);
    expect(performance.now() - started).toBeLessThan(10_000);
  });

  it.each<[string, string, string[][]]>([
    ['plain', 'a,b\n1,2', [['a', 'b'], ['1', '2']]],
    ['CRLF and a trailing newline', 'a,b\r\n1,2\r\n', [['a', 'b'], ['1', '2']]],
    ['lone CR', 'a\r1', [['a'], ['1']]],
    ['empty fields', ',a,,\n', [['', 'a', '', '']]],
    ['a trailing comma at the end of the text', 'a,', [['a', '']]],
    ['blank lines dropped', 'a\n\n\nb', [['a'], ['b']]],
    ['quoted separators and newlines', '"a,b","c\nd"\n', [['a,b', 'c\nd']]],
    ['doubled quotes', '"say ""hi"""', [['say "hi"']]],
    ['empty quoted field', '"",x', [['', 'x']]],
    ['text after a closing quote', '"ab"c,d', [['abc', 'd']]],
    ['a quote inside an unquoted field', 'a"b,c', [['a"b', 'c']]],
    ['an unterminated quote runs to the end', '"abc\ndef', [['abc\ndef']]],
  ])('CSV: %s', (_name, text, rows) => {
    expect(parseCsv(text)).toEqual(rows);
  });
});

describe('importFile never throws', () => {
  it('whatever fails while reading becomes a rejected report naming the file', () => {
    const input = {
      name: 'odd.json',
      bytes: 10,
      get text(): string {
        throw new RangeError('Maximum call stack size exceeded');
      },
    };
    const { report } = importFile(input);
    expect(report.status).toBe('rejected');
    expect(report.errors).toEqual(['odd.json: could not be read: Maximum call stack size exceeded']);
  });
});

describe('prototype keys in policies stay inert', () => {
  it.each([
    ['an operator named constructor', { constructor: { 'aws:username': 'x' } }],
    ['an operator named __proto__', JSON.parse('{"__proto__": {"aws:username": "x"}}') as unknown],
    ['an operator named toString', { toString: { 'aws:username': 'x' } }],
  ])('%s is an operator Blastmap does not know: conditional, never decided', (_name, condition) => {
    const model = new AccountBuilder().policy('p', doc(allow('s3:*', '*', { Condition: condition }))).user('u', { policies: ['p'] }).model(NOW);
    expect(model.can(arnOf('user', 'u'), 's3:GetObject', `${BUCKET}/k`).decision).toBe('conditional');
  });

  it('${constructor} in a Resource is an unknown variable, not Object.prototype.constructor', () => {
    const model = new AccountBuilder().policy('p', doc(allow('s3:GetObject', 'arn:aws:s3:::${constructor}/*'))).user('u', { policies: ['p'] }).model(NOW);
    expect(model.can(arnOf('user', 'u'), 's3:GetObject', `${BUCKET}/k`).decision).toBe('conditional');
  });

  it.each(['constructor', '__proto__', 'toString'])('a Google group membership of type %j is not a member type', (type) => {
    const text = `[{"preferredMemberKey": {"id": "x@example.com"}, "type": "${type}"}, {"preferredMemberKey": {"id": "ok@example.com"}, "type": "USER"}]`;
    const { report, fragment } = importFile(textFile('ops@example.com.members.json', text));
    expect(report.counts[`member of type ${type} (not imported)`]).toBe(1);
    expect(Object.getPrototypeOf(report.counts)).toBe(Object.prototype);
    expect([...fragment.nodes.keys()].sort()).toEqual(['group:ops@example.com', 'user:ok@example.com']);
  });

  it('adversarial wildcards in 5,000 statements are evaluated in linear time', () => {
    const statements = Array.from({ length: 5000 }, (_, i) => (i % 2 ? allow(`s3:${'*?'.repeat(20)}Q${i}`) : allow('s3:GetObject', `arn:aws:s3:::${'*a'.repeat(20)}Z${i}`)));
    const name = `arn:aws:s3:::${'a'.repeat(1000)}`;
    const started = performance.now();
    const model = new AccountBuilder().policy('p', doc(...statements)).user('u', { policies: ['p'] }).model(NOW);
    expect(model.can(arnOf('user', 'u'), 's3:GetObject', name).decision).toBe('not allowed');
    expect(performance.now() - started).toBeLessThan(20_000);
  });
});
