/**
 * Hostile versions of real exports, for the fuzz suite (import.fuzz.test.ts,
 * analysis.fuzz.test.ts). fast-check generates small, printable *plans* (which seed, which
 * mutation, where); `realize` turns a plan into the file text, so a shrunk counterexample reads
 * as a recipe rather than as megabytes of text.
 *
 * Mutations: bytes (truncate, flip, insert, delete, repeat, splice another file in), encodings
 * (BOMs, UTF-16 read as UTF-8, CR/LF, NUL), whole files (concatenated documents), structure
 * (replace a value by null / a number / a string / {} / [] / 10,000 levels of nesting / a 1 MB
 * string / a hostile name / a prototype-polluting object, swap types, drop keys, duplicate
 * arrays), policies (random Effect, Action / Resource globs including adversarial ones, random
 * condition operators, keys and values, principals, documents URL-encoded), YAML (alias bombs,
 * deep flow nesting), synthesized exports of every provider with random policies, and secrets
 * planted in the fields that carry them. Nothing here reads a clock or the file system: the
 * tests load the seeds.
 */
import * as fc from 'fast-check';
import { dump, loadAll } from 'js-yaml';
import { looksLikeJson, readJsonDocuments } from '../io/json-documents';
import type { FileInput } from '../importers/import-file';

/** A sample the mutations start from: an intact export (a public sample, a fixture, the demo). */
export interface Seed {
  /** Where it came from, e.g. `public:cloudsplaining/examples/files/example.json`. */
  id: string;
  name: string;
  text: string;
}

/** Planted in secret-bearing fields; must never reach the graph, reports or snapshot. */
export const SECRET = 'FZSECRET-5f1c0e7a-planted-by-the-fuzzer';
export const SECRET_B64 = base64(SECRET);

// ---------------------------------------------------------------------------------------------
// Hostile values

export const HOSTILE_STRINGS: readonly string[] = [
  '<img src=x onerror=alert(1)>',
  '<script>alert(document.cookie)</script>',
  '\u001b[31mred\u001b[0m\u001b[2J\u001b]0;title\u0007',
  'line one\nline two\r\nline three\rfour',
  'nul\u0000byte',
  '\u202eevil\u202c.json',
  '\ud800',
  '\udfff\ud800',
  '😀👩‍👩‍👧‍👦',
  '${aws:username}',
  '${*}${?}${$}${',
  '%00%ZZ%E2%8',
  '../../../../etc/passwd',
  '*',
  '',
  ' ',
  '__proto__',
  'constructor',
  'prototype',
  'hasOwnProperty',
  'toString',
  '\\',
  '"',
  "'; DROP TABLE users; --",
  'arn:aws:iam::*:root',
  'arn:aws:iam::111122223333:role/*',
  'arn:aws:iam::aws:policy/AdministratorAccess',
  'arn:',
  'arn:aws:iam::111122223333:',
  'arn:aws:iam:::role/',
  'arn:aws:sts::111122223333:assumed-role/r/s',
  'system:masters',
  'system:serviceaccount:kube-system:default',
  'allUsers',
  'serviceAccount:',
  'user:',
  'projects/-/serviceAccounts/',
  'roles/owner',
  '//iam.googleapis.com/',
  'NaN',
  '-0',
  '1e999',
  'true',
  'null',
  '2024-02-30T25:61:61Z',
  '+275760-09-13T00:00:00.001Z',
  '-271821-04-20T00:00:00.000Z',
  '0000-00-00',
  '9999-12-31T23:59:59.999999999+14:00',
  'N/A',
  'no_information',
  '\t',
];

/** Globs built to make backtracking matchers explode, and ordinary odd ones. */
export const ADVERSARIAL_GLOBS: readonly string[] = [
  '*a*a*a*a*a*a*a*a*a*z',
  '*?*?*?*?Q',
  '*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*b',
  'iam:*a*a*a*a*a*a*a*a*a*a*a*a*Z',
  'arn:aws:iam::*:role/*a*a*a*a*a*a*a*a*a*a*a*a*b',
  'arn:aws:*:*:*:*a*a*a*a*a*a*a*a*a*a*b',
  `${'*'.repeat(64)}x`,
  '?'.repeat(200),
  '*?'.repeat(40),
  '*${aws:username}*${*}*${?}*',
  '${aws:username}',
  '${',
  '*:*',
  '*',
  '',
  '[a-z]+',
  '(a+)+$',
  '.*.*.*',
  '\\',
];

const GLOB_PIECES = ['*', '?', 'a', 'z', 'Q', ':', '/', 'iam', 's3', 'sts', 'Get', 'Assume', '${aws:username}', '${*}', '${?}', '.', '[', ']', '(', ')', '+', '\\', '$', '^', '|', '{', '}'];

export const globArb: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(...ADVERSARIAL_GLOBS),
  fc.array(fc.constantFrom(...GLOB_PIECES), { maxLength: 24 }).map((p) => p.join('')),
);

const ACTIONS = ['sts:AssumeRole', 'sts:AssumeRoleWithWebIdentity', 'sts:AssumeRoleWithSAML', 'sts:TagSession', 'iam:PassRole', 'iam:*', '*', 'iam:CreateAccessKey', 'iam:PutUserPolicy', 'iam:AttachRolePolicy', 'iam:CreatePolicyVersion', 'iam:UpdateAssumeRolePolicy', 'lambda:CreateFunction', 'lambda:InvokeFunction', 'ec2:RunInstances', 's3:GetObject', 's3:*', 'secretsmanager:GetSecretValue', 'kms:Decrypt', 'ssm:SendCommand', 'eks:AccessKubernetesApi', 'unknown:Thing', 'iam', ':', 'IAM:PASSROLE'];

export const EFFECTS: readonly unknown[] = ['Allow', 'Deny', 'allow', 'DENY', '', ' Allow', 'Permit', null, 1, true, ['Allow'], { Allow: true }];

export const CONDITION_OPERATORS: readonly string[] = [
  'StringEquals', 'StringNotEquals', 'StringEqualsIgnoreCase', 'StringLike', 'StringNotLike', 'ArnLike', 'ArnNotLike', 'ArnEquals', 'ArnNotEquals',
  'NumericEquals', 'NumericLessThan', 'NumericGreaterThanEquals', 'DateEquals', 'DateLessThan', 'DateGreaterThan', 'Bool', 'BinaryEquals', 'IpAddress', 'NotIpAddress', 'Null',
  'ForAnyValue:StringLike', 'ForAllValues:StringEquals', 'ForAnyValue:ArnLike', 'ForAllValues:ArnNotLike', 'StringLikeIfExists', 'ArnNotLikeIfExists', 'DateGreaterThanIfExists',
  'BoolIfExists', 'NumericLessThanIfExists', 'ForAllValues:NullIfExists', 'ForAnyValue:', 'IfExists', 'Foo', '', 'stringequals', '__proto__', 'constructor',
];

export const CONDITION_KEYS: readonly string[] = [
  'aws:SourceIp', 'aws:PrincipalArn', 'aws:PrincipalAccount', 'aws:PrincipalOrgID', 'aws:PrincipalTag/team', 'aws:RequestTag/${aws:username}', 'aws:CurrentTime', 'aws:EpochTime',
  'aws:TokenIssueTime', 'aws:MultiFactorAuthPresent', 'aws:MultiFactorAuthAge', 'aws:SecureTransport', 'aws:username', 'aws:userid', 'aws:SourceVpc', 'aws:ViaAWSService',
  'aws:CalledVia', 'aws:ResourceTag/x', 'aws:RequestedRegion', 'iam:PassedToService', 'iam:PolicyARN', 's3:prefix', 'sts:ExternalId', 'token.actions.githubusercontent.com:sub',
  'token.actions.githubusercontent.com:aud', 'accounts.google.com:aud', 'oidc.eks.us-east-1.amazonaws.com/id/ABC:sub', 'saml:aud', 'kms:ViaService', '', '__proto__', 'constructor',
];

const CONDITION_SCALARS: readonly unknown[] = [
  '10.0.0.0/8', '10.0.0.0/33', '::/0', '1.2.3.4/-1', '999.1.1.1', 'fe80::/129', '0.0.0.0/0', '1.2.3.4', '2020-01-01T00:00:00Z', '2020-13-45', '9999-12-31T23:59:59Z', '0', '-1',
  '1e21', 'not a date', '2020-01-01T00:00:00+25:00', 'true', 'false', 'repo:org/*:ref:refs/heads/main', 'sts.amazonaws.com', 'arn:aws:iam::111122223333:role/*', 'o-*', 3600,
  -1, 1e308, 0.5, true, null,
];

const conditionValueArb: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(...CONDITION_SCALARS),
  fc.constantFrom(...HOSTILE_STRINGS),
  globArb,
  fc.array(fc.oneof(fc.constantFrom(...CONDITION_SCALARS), globArb), { maxLength: 4 }),
  fc.constant({}),
  fc.jsonValue({ maxDepth: 2 }),
);

export const conditionArb: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 5, arbitrary: fc.dictionary(fc.constantFrom(...CONDITION_OPERATORS), fc.dictionary(fc.constantFrom(...CONDITION_KEYS), conditionValueArb, { maxKeys: 3 }), { maxKeys: 3 }) },
  { weight: 1, arbitrary: fc.constantFrom<unknown>(null, 'StringEquals', [], 5, { StringEquals: 'aws:SourceIp' }, { StringEquals: null }) },
);

const principalArb: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom<unknown>('*', { AWS: '*' }, 'arn:aws:iam::111122223333:root', 42, null, [], { AWS: {} }, { CanonicalUser: 'x' }, { Service: 5 }),
  fc.record({ AWS: fc.oneof(fc.constantFrom('*', 'arn:aws:iam::111122223333:root', '111122223333', 'arn:aws:iam::*:role/*', 'arn:aws:iam::111122223333:user/a'), globArb, fc.constantFrom(...HOSTILE_STRINGS)) }),
  fc.record({ Federated: fc.constantFrom('cognito-identity.amazonaws.com', 'arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com', 'accounts.google.com', 'arn:aws:iam::111122223333:saml-provider/x', 'arn:aws:iam::111122223333:oidc-provider/', '*') }),
  fc.record({ Service: fc.oneof(fc.constantFrom('ec2.amazonaws.com', 'lambda.amazonaws.com', '*', 'pods.eks.amazonaws.com'), fc.array(fc.constantFrom('ec2.amazonaws.com', '*', ''), { maxLength: 3 })) }),
);

const actionArb: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...ACTIONS) },
  { weight: 3, arbitrary: globArb },
  { weight: 2, arbitrary: fc.array(fc.oneof(fc.constantFrom(...ACTIONS), globArb), { maxLength: 5 }) },
  { weight: 1, arbitrary: fc.constantFrom<unknown>(null, 5, {}, [[]], true, [null]) },
);

const resourceArb: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom('*', 'arn:aws:iam::111122223333:role/*', 'arn:aws:s3:::bucket/*', 'arn:aws:iam::*:user/${aws:username}', 'arn:aws:secretsmanager:*:*:secret:*', 'arn:aws:iam::111122223333:role/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa') },
  { weight: 3, arbitrary: globArb },
  { weight: 2, arbitrary: fc.array(fc.oneof(globArb, fc.constantFrom(...HOSTILE_STRINGS)), { maxLength: 5 }) },
  { weight: 1, arbitrary: fc.constantFrom<unknown>(null, 5, {}, [[]], false) },
);

export const statementArb: fc.Arbitrary<Record<string, unknown>> = fc.record(
  {
    Sid: fc.oneof(fc.constantFrom(...HOSTILE_STRINGS), fc.string({ maxLength: 8 })),
    Effect: fc.oneof({ weight: 4, arbitrary: fc.constantFrom<unknown>('Allow', 'Deny') }, { weight: 1, arbitrary: fc.constantFrom(...EFFECTS) }),
    Action: actionArb,
    NotAction: actionArb,
    Resource: resourceArb,
    NotResource: resourceArb,
    Principal: principalArb,
    NotPrincipal: principalArb,
    Condition: conditionArb,
  },
  { requiredKeys: ['Effect'] },
);

export const policyDocumentArb: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ Version: fc.constantFrom<unknown>('2012-10-17', '2008-10-17', '', 5, null), Statement: fc.array(statementArb, { minLength: 1, maxLength: 4 }) }) },
  { weight: 1, arbitrary: fc.record({ Version: fc.constant('2012-10-17'), Statement: statementArb }) },
  { weight: 1, arbitrary: fc.constantFrom<unknown>({}, { Statement: null }, { Statement: 'Allow *' }, { Statement: [[]] }, { Version: '2012-10-17' }, [], 'not a policy', 7) },
);

/** Random CEL-ish conditions (GCP IAM), with hostile nesting and tokens. */
export const celArb: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    'request.time < timestamp("2020-01-01T00:00:00Z")',
    'resource.name.startsWith("projects/_/buckets/a")',
    'request.time > timestamp("not a time")',
    'resource.type == "storage.googleapis.com/Bucket" && resource.name.endsWith(".txt")',
    '"a" in request.auth.claims.groups',
    'timestamp(',
    ')))',
    '',
    '!!!!!!!!!!true',
    'a'.repeat(10_000),
  ),
  fc.integer({ min: 1, max: 10_000 }).map((d) => `${'('.repeat(d)}true${')'.repeat(d)}`),
  fc.integer({ min: 1, max: 5_000 }).map((d) => `${'!'.repeat(d)}true`),
  fc.array(fc.constantFrom('request.time', '<', '>', '==', '&&', '||', '!', '(', ')', 'timestamp(', '"2020-01-01T00:00:00Z"', 'resource.name', '.startsWith(', '"x"', 'true', 'false', ',', 'in', '[', ']', '1e999', '"\\'), { maxLength: 20 }).map((t) => t.join(' ')),
);

// ---------------------------------------------------------------------------------------------
// Plans

/** What replaces a value. */
export type ValueSpec =
  | { v: 'null' }
  | { v: 'number'; n: number }
  | { v: 'string'; s: string }
  | { v: 'hostile'; i: number }
  | { v: 'object' }
  | { v: 'array' }
  | { v: 'deep'; depth: number; open: '[' | '{' }
  | { v: 'huge'; chars: number; ch: string }
  | { v: 'json'; j: fc.JsonValue }
  | { v: 'proto' }
  | { v: 'glob'; g: string };

export type StructOp =
  | { op: 'set'; pick: number; value: ValueSpec }
  | { op: 'addKey'; pick: number; key: string; value: ValueSpec }
  | { op: 'drop'; pick: number }
  | { op: 'swap'; pick: number }
  | { op: 'dup'; pick: number; times: number }
  | { op: 'stretch'; pick: number; chars: number; ch: string }
  | { op: 'statement'; pick: number; field: string; value: unknown }
  | { op: 'encodePolicy'; pick: number; corrupt: number }
  | { op: 'plant'; pick: number; key: string }
  | { op: 'plantKnown' };

export type ByteOp =
  | { op: 'truncate'; at: number }
  | { op: 'flip'; at: number; xor: number }
  | { op: 'insert'; at: number; bytes: number[] }
  | { op: 'delete'; at: number; len: number }
  | { op: 'repeat'; at: number; len: number; times: number }
  | { op: 'splice'; at: number; other: number; from: number; len: number };

export type Encoding = 'utf8-bom' | 'utf16le-bom' | 'utf16be-bom' | 'utf16le-decoded' | 'crlf' | 'cr' | 'nul-padded' | 'latin1-as-utf8';

export type YamlOp = { op: 'bomb'; levels: number; width: number } | { op: 'deep'; depth: number } | { op: 'cycle' } | { op: 'hugeKey'; chars: number } | { op: 'anchors'; count: number };

/** A mutation of one seed. */
export interface MutationPlan {
  kind: 'mutation';
  seed: number;
  structural: StructOp[];
  yaml: YamlOp[];
  bytes: ByteOp[];
  /** Other seeds appended as further documents. */
  concat: { other: number; sep: string }[];
  encoding?: Encoding;
  /** Keep byte mutations after the last planted secret (its key and value stay intact). */
  afterSecret?: boolean;
  /** Index into HOSTILE_FILE_NAMES, else the seed's own name. */
  fileName?: number;
}

/** A file made from scratch. */
export type SynthPlan =
  | { kind: 'bytes'; bytes: number[] }
  | { kind: 'text'; text: string }
  | { kind: 'json'; value: fc.JsonValue }
  | { kind: 'shaped'; shape: number; value: fc.JsonValue }
  | { kind: 'gaad'; policies: unknown[]; trust: unknown; roleName: ValueSpec; encoded: boolean; groups: unknown }
  | { kind: 'k8s'; rules: unknown[]; subjects: unknown[]; yaml: boolean; secret: boolean }
  | { kind: 'gcp'; bindings: { role: unknown; members: unknown; condition: unknown }[]; yaml: boolean }
  | { kind: 'statementsInSeed'; seed: number; statements: Record<string, unknown>[]; stretch: number }
  | { kind: 'csv'; rows: string[][]; quote: boolean; wrap: 'none' | 'json' | 'base64' };

export type Plan = MutationPlan | SynthPlan;

export const HOSTILE_FILE_NAMES: readonly string[] = ['<img src=x onerror=alert(1)>.json', '\u001b[31mred\u001b[0m.json', 'line\nbreak.json', '../../../etc/passwd', '__proto__', 'constructor', '', ' ', '😀.yaml', 'a'.repeat(300)];

const pick = fc.nat();

const valueSpecArb: fc.Arbitrary<ValueSpec> = fc.oneof(
  fc.constant<ValueSpec>({ v: 'null' }),
  fc.oneof(fc.constantFrom(0, -1, 1.5, -0, 1e308, -1e308, 2 ** 53 + 1, 4294967296), fc.integer()).map((n): ValueSpec => ({ v: 'number', n })),
  fc.string({ maxLength: 12 }).map((s): ValueSpec => ({ v: 'string', s })),
  fc.nat(HOSTILE_STRINGS.length - 1).map((i): ValueSpec => ({ v: 'hostile', i })),
  fc.constant<ValueSpec>({ v: 'object' }),
  fc.constant<ValueSpec>({ v: 'array' }),
  fc.record({ depth: fc.constantFrom(100, 1_000, 10_000, 100_000), open: fc.constantFrom<'[' | '{'>('[', '{') }).map((d): ValueSpec => ({ v: 'deep', ...d })),
  fc.record({ chars: fc.constantFrom(1 << 16, 1 << 20), ch: fc.constantFrom('a', '*', 'é', '\\', '"', ' ') }).map((h): ValueSpec => ({ v: 'huge', ...h })),
  fc.jsonValue({ maxDepth: 3 }).map((j): ValueSpec => ({ v: 'json', j })),
  fc.constant<ValueSpec>({ v: 'proto' }),
  globArb.map((g): ValueSpec => ({ v: 'glob', g })),
);

const STATEMENT_FIELDS = ['Effect', 'Action', 'NotAction', 'Resource', 'NotResource', 'Principal', 'NotPrincipal', 'Condition', 'Sid'];

export const statementOpArb: fc.Arbitrary<StructOp> = fc.oneof(
  fc.record({ pick, field: fc.constant('Effect'), value: fc.constantFrom(...EFFECTS) }),
  fc.record({ pick, field: fc.constantFrom('Action', 'NotAction'), value: actionArb }),
  fc.record({ pick, field: fc.constantFrom('Resource', 'NotResource'), value: resourceArb }),
  fc.record({ pick, field: fc.constantFrom('Principal', 'NotPrincipal'), value: principalArb }),
  fc.record({ pick, field: fc.constant('Condition'), value: conditionArb }),
  fc.record({ pick, field: fc.constantFrom(...STATEMENT_FIELDS), value: fc.jsonValue({ maxDepth: 2 }) as fc.Arbitrary<unknown> }),
).map((o): StructOp => ({ op: 'statement', ...o }));

export const structOpArb: fc.Arbitrary<StructOp> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ pick, value: valueSpecArb }).map((o): StructOp => ({ op: 'set', ...o })) },
  { weight: 2, arbitrary: fc.record({ pick, key: fc.oneof(fc.constantFrom('__proto__', 'constructor', 'prototype', 'Statement', 'Arn', 'kind', 'items', 'bindings', 'metadata', ''), fc.string({ maxLength: 6 })), value: valueSpecArb }).map((o): StructOp => ({ op: 'addKey', ...o })) },
  { weight: 3, arbitrary: fc.record({ pick }).map((o): StructOp => ({ op: 'drop', ...o })) },
  { weight: 3, arbitrary: fc.record({ pick }).map((o): StructOp => ({ op: 'swap', ...o })) },
  { weight: 1, arbitrary: fc.record({ pick, times: fc.integer({ min: 2, max: 2_000 }) }).map((o): StructOp => ({ op: 'dup', ...o })) },
  { weight: 1, arbitrary: fc.record({ pick, chars: fc.constantFrom(30, 200, 5_000, 1 << 20), ch: fc.constantFrom('a', '*', '/', ':') }).map((o): StructOp => ({ op: 'stretch', ...o })) },
  { weight: 2, arbitrary: statementOpArb },
  { weight: 1, arbitrary: fc.record({ pick, corrupt: fc.nat(3) }).map((o): StructOp => ({ op: 'encodePolicy', ...o })) },
);

export const byteOpArb: fc.Arbitrary<ByteOp> = fc.oneof(
  fc.record({ at: pick }).map((o): ByteOp => ({ op: 'truncate', ...o })),
  fc.record({ at: pick, xor: fc.integer({ min: 1, max: 255 }) }).map((o): ByteOp => ({ op: 'flip', ...o })),
  fc.record({ at: pick, bytes: fc.array(fc.integer({ min: 0, max: 255 }), { minLength: 1, maxLength: 8 }) }).map((o): ByteOp => ({ op: 'insert', ...o })),
  fc.record({ at: pick, len: fc.integer({ min: 1, max: 64 }) }).map((o): ByteOp => ({ op: 'delete', ...o })),
  fc.record({ at: pick, len: fc.integer({ min: 1, max: 64 }), times: fc.integer({ min: 2, max: 200 }) }).map((o): ByteOp => ({ op: 'repeat', ...o })),
  fc.record({ at: pick, other: pick, from: pick, len: fc.integer({ min: 1, max: 400 }) }).map((o): ByteOp => ({ op: 'splice', ...o })),
);

export const yamlOpArb: fc.Arbitrary<YamlOp> = fc.oneof(
  fc.record({ levels: fc.integer({ min: 2, max: 12 }), width: fc.integer({ min: 2, max: 10 }) }).map((o): YamlOp => ({ op: 'bomb', ...o })),
  fc.record({ depth: fc.constantFrom(50, 101, 1_000, 10_000) }).map((o): YamlOp => ({ op: 'deep', ...o })),
  fc.constant<YamlOp>({ op: 'cycle' }),
  fc.record({ chars: fc.constantFrom(1_025, 1 << 16) }).map((o): YamlOp => ({ op: 'hugeKey', ...o })),
  fc.record({ count: fc.constantFrom(10, 10_001) }).map((o): YamlOp => ({ op: 'anchors', ...o })),
);

const ENCODINGS: readonly Encoding[] = ['utf8-bom', 'utf16le-bom', 'utf16be-bom', 'utf16le-decoded', 'crlf', 'cr', 'nul-padded', 'latin1-as-utf8'];
const SEPARATORS = ['\n', '', '\r\n', '\n---\n', ' ', '\n#comment\n', ','];

const basePlan = (seeds: number) => ({ kind: fc.constant('mutation' as const), seed: fc.nat(seeds - 1), structural: fc.constant<StructOp[]>([]), yaml: fc.constant<YamlOp[]>([]), bytes: fc.constant<ByteOp[]>([]), concat: fc.constant<{ other: number; sep: string }[]>([]) });

/** Byte-level mutations, encodings and concatenations of any seed. */
export function bytePlanArb(seeds: number): fc.Arbitrary<Plan> {
  return fc.record(
    {
      ...basePlan(seeds),
      bytes: fc.array(byteOpArb, { minLength: 0, maxLength: 4 }),
      concat: fc.array(fc.record({ other: fc.nat(seeds - 1), sep: fc.constantFrom(...SEPARATORS) }), { maxLength: 2 }),
      encoding: fc.constantFrom(...ENCODINGS),
      fileName: fc.nat(HOSTILE_FILE_NAMES.length - 1),
    },
    { requiredKeys: ['kind', 'seed', 'structural', 'yaml', 'bytes', 'concat'] },
  );
}

/** Structural mutations of parsed seeds (JSON or YAML), sometimes with YAML hostility too. */
export function structuralPlanArb(seeds: number): fc.Arbitrary<Plan> {
  return fc.record(
    {
      ...basePlan(seeds),
      structural: fc.array(structOpArb, { minLength: 1, maxLength: 4 }),
      yaml: fc.array(yamlOpArb, { maxLength: 1 }),
      bytes: fc.array(byteOpArb, { maxLength: 1 }),
      encoding: fc.constantFrom<Encoding>('utf8-bom', 'crlf'),
    },
    { requiredKeys: ['kind', 'seed', 'structural', 'yaml', 'bytes', 'concat'] },
  );
}

/** YAML seeds with alias bombs, alias cycles, deep flow nesting, huge keys and many anchors. */
export function yamlPlanArb(seeds: number): fc.Arbitrary<Plan> {
  return fc.record(
    {
      ...basePlan(seeds),
      structural: fc.array(structOpArb, { maxLength: 2 }),
      yaml: fc.array(yamlOpArb, { minLength: 1, maxLength: 2 }),
      bytes: fc.array(byteOpArb, { maxLength: 1 }),
      encoding: fc.constantFrom<Encoding>('utf8-bom', 'crlf', 'cr'),
    },
    { requiredKeys: ['kind', 'seed', 'structural', 'yaml', 'bytes', 'concat'] },
  );
}

/** Policy-targeted mutations of seeds that hold policy statements. */
export function policyPlanArb(seeds: number): fc.Arbitrary<Plan> {
  return fc.oneof(
    fc.record({
      ...basePlan(seeds),
      structural: fc.array(fc.oneof({ weight: 5, arbitrary: statementOpArb }, { weight: 1, arbitrary: fc.record({ pick, corrupt: fc.nat(3) }).map((o): StructOp => ({ op: 'encodePolicy', ...o })) }, { weight: 1, arbitrary: fc.record({ pick, chars: fc.constantFrom(30, 200, 5_000), ch: fc.constant('a') }).map((o): StructOp => ({ op: 'stretch', ...o })) }), { minLength: 1, maxLength: 5 }),
    }),
    fc.record({ kind: fc.constant('statementsInSeed' as const), seed: fc.nat(seeds - 1), statements: fc.array(statementArb, { minLength: 1, maxLength: 3 }), stretch: fc.constantFrom(0, 30, 60, 2_000) }),
  );
}

/** Files made from scratch: random bytes and JSON, JSON shaped like each export, synthesized exports with random policies. */
export function synthPlanArb(): fc.Arbitrary<Plan> {
  return fc.oneof(
    fc.array(fc.integer({ min: 0, max: 255 }), { maxLength: 200 }).map((bytes): Plan => ({ kind: 'bytes', bytes })),
    fc.string({ unit: 'binary', maxLength: 200 }).map((text): Plan => ({ kind: 'text', text })),
    fc.jsonValue({ maxDepth: 4 }).map((value): Plan => ({ kind: 'json', value })),
    fc.record({ shape: fc.nat(SHAPES.length - 1), value: fc.jsonValue({ maxDepth: 4 }) }).map((o): Plan => ({ kind: 'shaped', ...o })),
    gaadPlanArb,
    k8sPlanArb,
    gcpPlanArb,
    csvPlanArb,
  );
}

/** The credential report's columns (aws iam get-credential-report). */
export const CREDENTIAL_REPORT_COLUMNS = 'user,arn,user_creation_time,password_enabled,password_last_used,password_last_changed,password_next_rotation,mfa_active,access_key_1_active,access_key_1_last_rotated,access_key_1_last_used_date,access_key_1_last_used_region,access_key_1_last_used_service,access_key_2_active,access_key_2_last_rotated,access_key_2_last_used_date,access_key_2_last_used_region,access_key_2_last_used_service,cert_1_active,cert_1_last_rotated,cert_2_active,cert_2_last_rotated'.split(',');
const CSV_CELLS = ['<root_account>', 'arn:aws:iam::111122223333:root', 'arn:aws:iam::111122223333:user/a', 'true', 'false', 'TRUE', 'N/A', 'not_supported', 'no_information', '2024-02-19T10:00:00+00:00', '2024-02-30T25:61:61+00:00', '', '"', '""', 'a,b', 'line\nbreak', '=cmd|\' /C calc\'!A0', '+1', '-1', '@SUM(1)', 'us-east-1', 'iam'];
export const csvPlanArb: fc.Arbitrary<Plan> = fc.record({
  kind: fc.constant('csv' as const),
  rows: fc.array(fc.array(fc.oneof(fc.constantFrom(...CSV_CELLS), fc.constantFrom(...HOSTILE_STRINGS), fc.string({ maxLength: 6 })), { maxLength: 26 }), { maxLength: 6 }),
  quote: fc.boolean(),
  wrap: fc.constantFrom<'none' | 'json' | 'base64'>('none', 'json', 'base64'),
});

export const gaadPlanArb: fc.Arbitrary<Plan> = fc.record({
  kind: fc.constant('gaad' as const),
  policies: fc.array(policyDocumentArb, { minLength: 1, maxLength: 3 }),
  trust: policyDocumentArb,
  roleName: fc.oneof(
    fc.constant<ValueSpec>({ v: 'string', s: 'fuzz-role' }),
    fc.constantFrom(30, 60, 5_000).map((chars): ValueSpec => ({ v: 'huge', chars, ch: 'a' })),
    fc.nat(HOSTILE_STRINGS.length - 1).map((i): ValueSpec => ({ v: 'hostile', i })),
  ),
  encoded: fc.boolean(),
  groups: fc.oneof(fc.constant<unknown>(['fuzz-group']), fc.jsonValue({ maxDepth: 2 }) as fc.Arbitrary<unknown>),
});

const K8S_VERBS = ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete', 'escalate', 'bind', 'impersonate', '*', '', 'GET'];
const K8S_RESOURCES = ['pods', 'pods/exec', 'secrets', 'serviceaccounts', 'serviceaccounts/token', 'roles', 'clusterroles', 'rolebindings', 'clusterrolebindings', 'nodes/proxy', 'users', 'groups', '*', '*/*', ''];
const k8sRuleArb = fc.record(
  {
    apiGroups: fc.oneof(fc.array(fc.constantFrom('', '*', 'rbac.authorization.k8s.io', 'apps', 'authentication.k8s.io'), { maxLength: 3 }), fc.constantFrom<unknown>(null, '*', 5)),
    resources: fc.oneof(fc.array(fc.oneof(fc.constantFrom(...K8S_RESOURCES), globArb), { maxLength: 4 }), fc.constantFrom<unknown>(null, 'pods', {})),
    verbs: fc.oneof(fc.array(fc.constantFrom(...K8S_VERBS), { maxLength: 4 }), fc.constantFrom<unknown>(null, '*', [5])),
    resourceNames: fc.array(fc.constantFrom(...HOSTILE_STRINGS), { maxLength: 2 }),
    nonResourceURLs: fc.array(fc.constantFrom('*', '/api/*', '/healthz'), { maxLength: 2 }),
  },
  { requiredKeys: ['verbs'] },
);
const k8sSubjectArb = fc.record(
  {
    kind: fc.constantFrom<unknown>('User', 'Group', 'ServiceAccount', 'user', '', null, 5),
    name: fc.oneof(fc.constantFrom('system:masters', 'system:authenticated', 'system:anonymous', 'default', 'alice', '*', 'system:serviceaccount:kube-system:default'), fc.constantFrom(...HOSTILE_STRINGS)),
    namespace: fc.constantFrom<unknown>('default', 'kube-system', '', '*', null, '__proto__'),
    apiGroup: fc.constantFrom<unknown>('rbac.authorization.k8s.io', '', null),
  },
  { requiredKeys: ['kind', 'name'] },
);
export const k8sPlanArb: fc.Arbitrary<Plan> = fc.record({
  kind: fc.constant('k8s' as const),
  rules: fc.array(k8sRuleArb, { maxLength: 4 }),
  subjects: fc.array(k8sSubjectArb, { maxLength: 4 }),
  yaml: fc.boolean(),
  secret: fc.boolean(),
});

const GCP_MEMBERS = ['allUsers', 'allAuthenticatedUsers', 'user:a@example.com', 'serviceAccount:sa@p.iam.gserviceaccount.com', 'group:g@example.com', 'domain:example.com', 'principalSet://iam.googleapis.com/projects/1/locations/global/workloadIdentityPools/p/*', 'principal://iam.googleapis.com/projects/1/locations/global/workloadIdentityPools/p/subject/x', 'deleted:user:x@example.com?uid=1', 'projectOwner:p', 'user:', ':', 'serviceAccount:*'];
export const gcpPlanArb: fc.Arbitrary<Plan> = fc.record({
  kind: fc.constant('gcp' as const),
  bindings: fc.array(
    fc.record({
      role: fc.oneof(fc.constantFrom<unknown>('roles/owner', 'roles/editor', 'roles/iam.serviceAccountTokenCreator', 'roles/iam.serviceAccountUser', 'projects/p/roles/custom', 'organizations/1/roles/x', 'roles/', '', null), globArb),
      members: fc.oneof(fc.array(fc.oneof(fc.constantFrom(...GCP_MEMBERS), fc.constantFrom(...HOSTILE_STRINGS)), { maxLength: 4 }), fc.constantFrom<unknown>(null, 'allUsers', {})),
      condition: fc.oneof(fc.constant<unknown>(undefined), celArb.map((expression) => ({ title: 't', expression })), fc.jsonValue({ maxDepth: 2 }) as fc.Arbitrary<unknown>),
    }),
    { maxLength: 4 },
  ),
  yaml: fc.boolean(),
});

/** Secrets planted in the fields that carry them, plus random mutations that keep those fields. */
export function secretPlanArb(seeds: number): fc.Arbitrary<Plan> {
  return fc.record(
    {
      ...basePlan(seeds),
      structural: fc
        .tuple(
          fc.array(fc.oneof(structOpArb.filter((o) => !['drop', 'swap', 'set', 'encodePolicy'].includes(o.op)), fc.record({ pick, key: fc.constantFrom(...SECRET_KEY_SPELLINGS) }).map((o): StructOp => ({ op: 'plant', ...o }))), { maxLength: 3 }),
          fc.array(fc.record({ pick, key: fc.constantFrom(...SECRET_KEY_SPELLINGS) }).map((o): StructOp => ({ op: 'plant', ...o })), { minLength: 1, maxLength: 2 }),
        )
        .map(([a, b]): StructOp[] => [...a, { op: 'plantKnown' }, ...b]),
      bytes: fc.array(fc.oneof(fc.record({ at: pick }).map((o): ByteOp => ({ op: 'truncate', ...o })), fc.record({ at: pick, xor: fc.integer({ min: 1, max: 255 }) }).map((o): ByteOp => ({ op: 'flip', ...o }))), { maxLength: 1 }),
      afterSecret: fc.constant(true),
    },
    { requiredKeys: ['kind', 'seed', 'structural', 'yaml', 'bytes', 'concat', 'afterSecret'] },
  );
}

/** Keys the scrubber drops wherever they are (io/scrub-secrets.ts), in the spellings exports use. */
export const SECRET_KEY_SPELLINGS: readonly string[] = ['SecretString', 'SecretBinary', 'SecretAccessKey', 'SessionToken', 'PrivateKey', 'Password', 'password', 'PASSWORD', 'secretText', 'privateKeyData', 'client_secret', 'clientSecret', 'token', 'secret_id'];

/** JSON shaped like each export's top level, so random values reach the importers. */
const SHAPES: readonly ((v: unknown) => unknown)[] = [
  (v) => ({ UserDetailList: v, RoleDetailList: v, GroupDetailList: v, Policies: v }),
  (v) => ({ UserDetailList: [{ UserName: 'u', Arn: 'arn:aws:iam::111122223333:user/u', UserPolicyList: v, AttachedManagedPolicies: v, GroupList: v, Tags: v }] }),
  (v) => ({ RoleDetailList: [{ RoleName: 'r', Arn: 'arn:aws:iam::111122223333:role/r', AssumeRolePolicyDocument: v, RolePolicyList: v, InstanceProfileList: v, RoleLastUsed: v, PermissionsBoundary: v }] }),
  (v) => ({ Policies: [{ PolicyName: 'p', Arn: 'arn:aws:iam::111122223333:policy/p', DefaultVersionId: 'v1', PolicyVersionList: v }] }),
  (v) => ({ GeneratedTime: v, ReportFormat: 'text/csv', Content: v }),
  (v) => ({ Role: v }),
  (v) => ({ User: v }),
  (v) => ({ Policy: v }),
  (v) => ({ SecretList: v }),
  (v) => ({ ARN: 'arn:aws:secretsmanager:us-east-1:111122223333:secret:s-AbCdEf', Name: 's', ResourcePolicy: v }),
  (v) => ({ Buckets: v, Owner: v }),
  (v) => ({ Reservations: v }),
  (v) => ({ Functions: v }),
  (v) => ({ OpenIDConnectProviderList: v, SAMLProviderList: v }),
  (v) => ({ Account: v, Arn: v, UserId: v }),
  (v) => ({ Policy: { PolicySummary: v, Content: v } }),
  (v) => ({ Targets: v }),
  (v) => ({ apiVersion: 'v1', kind: 'List', items: v }),
  (v) => ({ apiVersion: 'v1', kind: 'List', items: [{ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRoleBinding', metadata: v, roleRef: v, subjects: v }] }),
  (v) => ({ apiVersion: 'v1', kind: 'List', items: [{ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'default' }, spec: v }] }),
  (v) => ({ cluster: v }),
  (v) => ({ accessEntry: v }),
  (v) => ({ associatedAccessPolicies: v, clusterName: 'c', principalArn: v }),
  (v) => ({ podIdentityAssociation: v }),
  (v) => ({ bindings: v, etag: 'BwX', version: 3 }),
  (v) => ({ bindings: [{ role: 'roles/owner', members: v, condition: v }], etag: 'BwX' }),
  (v) => [{ name: v, email: v, projectId: v, uniqueId: v }],
  (v) => [{ name: 'projects/p/serviceAccounts/a@p.iam.gserviceaccount.com/keys/k', keyType: v, validAfterTime: v, validBeforeTime: v }],
  (v) => ({ name: '//cloudresourcemanager.googleapis.com/projects/1', asset_type: 'cloudresourcemanager.googleapis.com/Project', iam_policy: v, resource: v, ancestors: v }),
  (v) => ({ name: 'projects/1/secrets/s/versions/1', payload: v }),
  (v) => ({ type: 'service_account', client_email: 'a@p.iam.gserviceaccount.com', private_key_id: v, private_key: v }),
  (v) => ({ name: 'roles/x', includedPermissions: v, stage: v }),
  (v) => ({ results: v }),
];

// ---------------------------------------------------------------------------------------------
// Realizing a plan

export interface Mutant {
  file: FileInput;
  /** Printable summary of what was done (the plan, with long values cut). */
  description: string;
  /** Values planted in secret fields that must not survive the import. */
  secrets: string[];
}

/** Serialized value placeholders replaced by raw text after JSON / YAML serialization. */
class RawText {
  private readonly parts: string[] = [];
  marker(raw: string): string {
    this.parts.push(raw);
    return `__FUZZ_RAW_${this.parts.length - 1}__`;
  }
  apply(text: string): string {
    if (!this.parts.length) return text;
    // A raw part duplicated thousands of times could pass V8's longest string: past the cap of a
    // realized file, further copies become null.
    let budget = MAX_TEXT - text.length;
    return text.replace(/"?__FUZZ_RAW_(\d+)__"?/g, (_m, i: string) => {
      const part = this.parts[Number(i)] ?? '';
      if (part.length > budget) return 'null';
      budget -= part.length;
      return part;
    });
  }
}

function valueOf(spec: ValueSpec, raw: RawText): unknown {
  switch (spec.v) {
    case 'null':
      return null;
    case 'number':
      return spec.n;
    case 'string':
      return spec.s;
    case 'hostile':
      return HOSTILE_STRINGS[spec.i % HOSTILE_STRINGS.length];
    case 'object':
      return {};
    case 'array':
      return [];
    case 'deep': {
      const d = spec.depth;
      return raw.marker(spec.open === '[' ? `${'['.repeat(d)}${']'.repeat(d)}` : `${'{"a":'.repeat(d)}1${'}'.repeat(d)}`);
    }
    case 'huge':
      return spec.ch.repeat(spec.chars);
    case 'json':
      return structuredCopy(spec.j);
    case 'proto':
      return hostileObject();
    case 'glob':
      return spec.g;
  }
}

/** An object with own `__proto__` and `constructor` keys, as JSON.parse would make it. */
function hostileObject(): Record<string, unknown> {
  const o: Record<string, unknown> = {};
  Object.defineProperty(o, '__proto__', { value: { polluted: 'yes', Statement: [] }, enumerable: true, writable: true, configurable: true });
  setOwnKey(o, 'constructor', { prototype: { polluted: 'yes' } });
  setOwnKey(o, 'prototype', { polluted: 'yes' });
  return o;
}

function structuredCopy<T>(v: T): T {
  return v === undefined ? v : (JSON.parse(JSON.stringify(v)) as T);
}

function setOwnKey(o: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(o, key, { value, enumerable: true, writable: true, configurable: true });
}

type Container = unknown[] | Record<string, unknown>;
interface Slot {
  parent: Container;
  key: string | number;
}

const isObj = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

/** Every value position under the roots (breadth first, at most `limit`). */
function slots(roots: unknown[], limit = 200_000): Slot[] {
  const out: Slot[] = [];
  const queue: Container[] = roots.filter((r): r is Container => typeof r === 'object' && r !== null);
  for (let qi = 0; qi < queue.length && out.length < limit; qi++) {
    const c = queue[qi]!;
    const keys: (string | number)[] = Array.isArray(c) ? c.map((_, i) => i) : Object.keys(c);
    for (const k of keys) {
      out.push({ parent: c, key: k });
      const v = (c as Record<string | number, unknown>)[k];
      if (typeof v === 'object' && v !== null) queue.push(v as Container);
    }
  }
  return out;
}

const get = (s: Slot): unknown => (s.parent as Record<string | number, unknown>)[s.key];
function put(s: Slot, v: unknown): void {
  if (Array.isArray(s.parent)) s.parent[s.key as number] = v;
  else setOwnKey(s.parent, String(s.key), v);
}

const STATEMENT_KEYS = new Set(['Effect', 'Action', 'NotAction', 'Resource', 'NotResource', 'Principal', 'NotPrincipal', 'Condition']);
const isStatement = (x: unknown): x is Record<string, unknown> => isObj(x) && Object.keys(x).some((k) => STATEMENT_KEYS.has(k));
const isPolicyDocument = (x: unknown): x is Record<string, unknown> => isObj(x) && 'Statement' in x && Object.prototype.hasOwnProperty.call(x, 'Statement');

/** Known secret-bearing fields of real exports, replaced by the planted value. */
function plantKnown(roots: unknown[], secrets: string[]): void {
  for (const s of slots(roots)) {
    const v = get(s);
    const key = String(s.key);
    if (['SecretString', 'SecretBinary', 'private_key', 'privateKeyData', 'SecretAccessKey'].includes(key) && typeof v === 'string') put(s, SECRET);
    else if (key === 'payload' && isObj(v) && 'data' in v) setOwnKey(v, 'data', SECRET_B64);
    else if (key === 'data' && isObj(v) && isObj(s.parent) && s.parent.kind === 'Secret') {
      for (const k of Object.keys(v)) setOwnKey(v, k, SECRET_B64);
      setOwnKey(v, 'fuzz', SECRET_B64);
      setOwnKey(s.parent, 'stringData', { password: SECRET });
    }
  }
  // A Secret (with its last-applied annotation repeating the values) in every kubectl List.
  for (const r of roots) {
    if (isObj(r) && Array.isArray(r.items) && (r.kind === 'List' || String(r.kind).endsWith('List'))) {
      r.items.push({
        apiVersion: 'v1',
        kind: 'Secret',
        type: 'Opaque',
        metadata: { name: 'fuzz-planted', namespace: 'default', annotations: { 'kubectl.kubernetes.io/last-applied-configuration': JSON.stringify({ apiVersion: 'v1', kind: 'Secret', data: { password: SECRET_B64 }, stringData: { token: SECRET } }) } },
        data: { password: SECRET_B64 },
        stringData: { token: SECRET },
      });
    }
  }
  secrets.push(SECRET, SECRET_B64);
}

function applyStruct(roots: unknown[], op: StructOp, raw: RawText, secrets: string[]): void {
  if (op.op === 'plantKnown') return plantKnown(roots, secrets);
  if (op.op === 'statement' || op.op === 'encodePolicy') {
    const all = slots(roots);
    if (op.op === 'statement') {
      const statements = all.map(get).filter(isStatement);
      const st = statements[op.pick % Math.max(1, statements.length)];
      if (st) setOwnKey(st, op.field, structuredCopy(op.value));
      return;
    }
    const docs = all.filter((s) => isPolicyDocument(get(s)));
    const s = docs[op.pick % Math.max(1, docs.length)];
    if (!s) return;
    let text = encodeURIComponent(JSON.stringify(get(s)));
    if (op.corrupt === 1) text = text.slice(0, Math.floor(text.length / 2));
    else if (op.corrupt === 2) text = `${text}%ZZ%E2%8`;
    else if (op.corrupt === 3) text = encodeURIComponent(text);
    put(s, text);
    return;
  }
  const all = slots(roots);
  if (op.op === 'addKey' || op.op === 'plant') {
    const objects = [...roots.filter(isObj), ...all.map(get).filter(isObj)];
    const o = objects[op.pick % Math.max(1, objects.length)];
    if (!o) return;
    if (op.op === 'plant') {
      setOwnKey(o, op.key, SECRET);
      secrets.push(SECRET);
    } else setOwnKey(o, op.key === '' && op.value.v === 'proto' ? '__proto__' : op.key, valueOf(op.value, raw));
    return;
  }
  if (op.op === 'stretch') {
    const strings = all.filter((s) => typeof get(s) === 'string');
    const s = strings[op.pick % Math.max(1, strings.length)];
    if (s) put(s, `${String(get(s))}${op.ch.repeat(op.chars)}`);
    return;
  }
  if (op.op === 'dup') {
    const arrays = all.filter((s) => Array.isArray(get(s)) && (get(s) as unknown[]).length > 0);
    const s = arrays[op.pick % Math.max(1, arrays.length)];
    if (!s) return;
    const a = get(s) as unknown[];
    // At most 20,000 elements and about 8 MB of JSON: big, not out of memory. Copies, not shared
    // references, so that a later op changes one element rather than thousands.
    const json = JSON.stringify(a) ?? '[]';
    const times = Math.min(op.times, Math.floor(20_000 / a.length), Math.floor(8_000_000 / (raw.apply(json).length || 1)));
    if (times < 2) return;
    put(s, Array.from({ length: times }, () => JSON.parse(json) as unknown[]).flat());
    return;
  }
  const s = all[op.pick % Math.max(1, all.length)];
  if (!s) return;
  if (op.op === 'set') put(s, valueOf(op.value, raw));
  else if (op.op === 'drop') {
    if (Array.isArray(s.parent)) s.parent.splice(s.key as number, 1);
    else delete (s.parent as Record<string, unknown>)[s.key as string];
  } else if (op.op === 'swap') put(s, swapped(get(s)));
}

/** The value as another JSON type. */
function swapped(v: unknown): unknown {
  if (typeof v === 'string') return /^-?\d+(\.\d+)?$/.test(v) ? Number(v) : v.length ? [v] : 0;
  if (typeof v === 'number') return String(v);
  if (typeof v === 'boolean') return v ? 'true' : 0;
  if (v === null) return 'null';
  if (Array.isArray(v)) return v.length === 1 ? v[0] : Object.fromEntries(v.map((x, i) => [String(i), x]));
  return Object.values(v as object);
}

/** The YAML text of one hostile construct (a top-level mapping entry). */
export function yamlText(op: YamlOp): string {
  switch (op.op) {
    case 'bomb': {
      const lines = ['a0: &a0 ["lol"]'];
      for (let i = 1; i <= op.levels; i++) lines.push(`a${i}: &a${i} [${Array.from({ length: op.width }, () => `*a${i - 1}`).join(', ')}]`);
      lines.push(`fuzzBomb: *a${op.levels}`);
      return lines.join('\n');
    }
    case 'deep':
      return `fuzzDeep: ${'['.repeat(op.depth)}${']'.repeat(op.depth)}`;
    case 'cycle':
      return 'fuzzCycle: &c\n  self: *c';
    case 'hugeKey':
      return `? ${'k'.repeat(op.chars)}\n: v`;
    case 'anchors':
      return `fuzzAnchors: [${Array.from({ length: op.count }, (_, i) => (i === 0 ? '&x 1' : '*x')).join(', ')}]`;
  }
}

/** Append the YAML ops' mappings: as more top-level keys, or as a further document after a list. */
function applyYaml(text: string, ops: YamlOp[]): string {
  if (!ops.length) return text;
  const extra = ops.map(yamlText).join('\n');
  const first = text.split('\n').find((l) => l.trim() !== '' && !l.startsWith('#') && !l.startsWith('---')) ?? '';
  return first.startsWith('-') ? `${text}\n---\n${extra}\n` : `${text.trimEnd()}\n${extra}\n`;
}

// Bytes ------------------------------------------------------------------------------------------

export function utf8(text: string): Uint8Array {
  const out = new Uint8Array(text.length * 3);
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    let c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        c = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
        i++;
      } else c = 0xfffd;
    } else if (c >= 0xd800 && c <= 0xdfff) c = 0xfffd;
    if (c < 0x80) out[n++] = c;
    else if (c < 0x800) {
      out[n++] = 0xc0 | (c >> 6);
      out[n++] = 0x80 | (c & 63);
    } else if (c < 0x10000) {
      out[n++] = 0xe0 | (c >> 12);
      out[n++] = 0x80 | ((c >> 6) & 63);
      out[n++] = 0x80 | (c & 63);
    } else {
      out[n++] = 0xf0 | (c >> 18);
      out[n++] = 0x80 | ((c >> 12) & 63);
      out[n++] = 0x80 | ((c >> 6) & 63);
      out[n++] = 0x80 | (c & 63);
    }
  }
  return out.slice(0, n);
}

const concatBytes = (...parts: ArrayLike<number>[]): Uint8Array => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
};

/** Bytes as a host reads a file (`File.text()`, `readFile(…, 'utf8')`): invalid UTF-8 → U+FFFD. */
export function fromUtf8(bytes: ArrayLike<number>): string {
  return new TextDecoder('utf-8').decode(bytes instanceof Uint8Array ? bytes : Uint8Array.from(bytes));
}

function utf16(text: string, littleEndian: boolean): Uint8Array {
  const out = new Uint8Array(text.length * 2 + 2);
  out.set(littleEndian ? [0xff, 0xfe] : [0xfe, 0xff]);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    out[2 + 2 * i] = littleEndian ? c & 255 : c >> 8;
    out[3 + 2 * i] = littleEndian ? c >> 8 : c & 255;
  }
  return out;
}

function base64(text: string): string {
  const b = utf8(text);
  const abc = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  let out = '';
  for (let i = 0; i < b.length; i += 3) {
    const n = (b[i]! << 16) | ((b[i + 1] ?? 0) << 8) | (b[i + 2] ?? 0);
    out += abc[(n >> 18) & 63]! + abc[(n >> 12) & 63]! + (i + 1 < b.length ? abc[(n >> 6) & 63]! : '=') + (i + 2 < b.length ? abc[n & 63]! : '=');
  }
  return out;
}

function applyBytes(bytes: Uint8Array, op: ByteOp, seeds: readonly Seed[], from: number): Uint8Array {
  const span = bytes.length - from;
  const at = from + (span > 0 ? op.at % (span + 1) : 0);
  switch (op.op) {
    case 'truncate':
      return bytes.slice(0, at);
    case 'flip': {
      const out = bytes.slice();
      if (at < out.length) out[at] = out[at]! ^ op.xor;
      return out;
    }
    case 'insert':
      return concatBytes(bytes.subarray(0, at), op.bytes, bytes.subarray(at));
    case 'delete':
      return concatBytes(bytes.subarray(0, at), bytes.subarray(at + op.len));
    case 'repeat': {
      const piece = bytes.subarray(at, at + op.len);
      return concatBytes(bytes.subarray(0, at), ...Array.from({ length: op.times }, () => piece), bytes.subarray(at + op.len));
    }
    case 'splice': {
      const other = utf8(seeds[op.other % seeds.length]!.text);
      const start = other.length ? op.from % other.length : 0;
      return concatBytes(bytes.subarray(0, at), other.subarray(start, start + op.len), bytes.subarray(at));
    }
  }
}

function encode(text: string, enc: Encoding): { text: string; bytes: number } {
  switch (enc) {
    case 'utf8-bom':
      return { text: `\ufeff${text}`, bytes: utf8(text).length + 3 };
    case 'utf16le-bom':
    case 'utf16be-bom': {
      const b = utf16(text, enc === 'utf16le-bom');
      return { text: fromUtf8(b), bytes: b.length };
    }
    case 'utf16le-decoded':
      // A host that honoured the BOM: the text arrives intact with the BOM character in front.
      return { text: `\ufeff${text}`, bytes: text.length * 2 + 2 };
    case 'crlf':
      return { text: text.replace(/\r?\n/g, '\r\n'), bytes: utf8(text.replace(/\r?\n/g, '\r\n')).length };
    case 'cr':
      return { text: text.replace(/\r?\n/g, '\r'), bytes: utf8(text.replace(/\r?\n/g, '\r')).length };
    case 'nul-padded':
      return { text: `${text}${'\u0000'.repeat(64)}`, bytes: utf8(text).length + 64 };
    case 'latin1-as-utf8': {
      // A Windows-1252 / Latin-1 file read as UTF-8: every accented letter becomes U+FFFD.
      const latin = Uint8Array.from(text, (ch) => (ch.charCodeAt(0) < 256 ? ch.charCodeAt(0) : 0x3f));
      return { text: fromUtf8(latin), bytes: latin.length };
    }
  }
}

/** Parse a seed: JSON documents, YAML documents, or nothing (text formats). */
function parseSeed(text: string): { format: 'json' | 'yaml' | 'text'; docs: unknown[]; pretty: boolean } {
  if (looksLikeJson(text)) {
    const r = readJsonDocuments(text);
    if (r.docs.length) return { format: 'json', docs: r.docs, pretty: /\n\s/.test(text.slice(0, 200)) };
  } else if (/^(apiVersion|kind|items|bindings|etag|version):/m.test(text)) {
    try {
      const docs = loadAll(text).filter((d) => d !== null && d !== undefined);
      if (docs.length) return { format: 'yaml', docs, pretty: true };
    } catch {
      // not YAML after all
    }
  }
  return { format: 'text', docs: [], pretty: false };
}

function serialize(format: 'json' | 'yaml', docs: unknown[], pretty: boolean, raw: RawText): string {
  if (format === 'yaml') return raw.apply(docs.map((d) => dump(d, { noRefs: true, lineWidth: -1 })).join('---\n'));
  if (docs.length === 1) return raw.apply(JSON.stringify(docs[0], null, pretty ? 2 : undefined) ?? 'null');
  return raw.apply(docs.map((d) => JSON.stringify(d) ?? 'null').join('\n'));
}

/** Realized files are cut at 24 M characters (a mutated file is never larger). */
const MAX_TEXT = 24_000_000;

const cut = (s: string, n = 120) => (s.length > n ? `${s.slice(0, n)}… (${s.length} chars)` : s);

/** A printable summary of a plan (long strings and big arrays cut). */
export function describePlan(plan: Plan, seeds: readonly Seed[]): string {
  const seed = 'seed' in plan ? `${seeds[plan.seed % seeds.length]!.id}: ` : '';
  const text = JSON.stringify(plan, (_k, v: unknown) => (typeof v === 'string' ? cut(v) : Array.isArray(v) && v.length > 40 ? [...v.slice(0, 40), `… ${v.length} items`] : v));
  return `${seed}${cut(text, 2_000)}`;
}

export function realize(plan: Plan, seeds: readonly Seed[]): Mutant {
  const secrets: string[] = [];
  const description = describePlan(plan, seeds);
  const done = (name: string, text: string, bytes?: number): Mutant => ({ file: { name, path: name, text, bytes: bytes ?? utf8(text).length }, description, secrets: [...new Set(secrets)] });
  switch (plan.kind) {
    case 'bytes':
      return done('random.bin', fromUtf8(plan.bytes), plan.bytes.length);
    case 'text':
      return done('random.txt', plan.text);
    case 'json':
      return done('random.json', JSON.stringify(plan.value) ?? 'null');
    case 'shaped':
      return done('shaped.json', JSON.stringify(SHAPES[plan.shape % SHAPES.length]!(structuredCopy(plan.value))) ?? 'null');
    case 'gaad':
      return done('synth-gaad.json', synthGaad(plan));
    case 'k8s': {
      const doc = synthK8s(plan, secrets);
      return done(plan.yaml ? 'synth.rbac.yaml' : 'synth.rbac.json', plan.yaml ? dump(doc, { noRefs: true, lineWidth: -1 }) : JSON.stringify(doc, null, 2));
    }
    case 'gcp': {
      const doc = { version: 3, etag: 'BwXfuzz', bindings: plan.bindings.map((b) => (b.condition === undefined ? { role: b.role, members: b.members } : b)) };
      return done(plan.yaml ? 'synth.get-iam-policy.yaml' : 'synth.get-iam-policy.json', plan.yaml ? dump(doc, { noRefs: true, lineWidth: -1 }) : JSON.stringify(doc, null, 2));
    }
    case 'csv': {
      const cell = (c: string) => (plan.quote ? `"${c.replace(/"/g, '""')}"` : c);
      const csv = [CREDENTIAL_REPORT_COLUMNS.join(','), ...plan.rows.map((r) => r.map(cell).join(','))].join('\n');
      if (plan.wrap === 'none') return done('credential-report.csv', csv);
      return done('credential-report.json', JSON.stringify({ GeneratedTime: '2026-01-01T00:00:00+00:00', ReportFormat: 'text/csv', Content: plan.wrap === 'base64' ? base64(csv) : csv }));
    }
    case 'statementsInSeed': {
      const seed = seeds[plan.seed % seeds.length]!;
      const parsed = parseSeed(seed.text);
      const raw = new RawText();
      const all = slots(parsed.docs);
      const lists = all.filter((s) => s.key === 'Statement');
      for (const s of lists) {
        const v = get(s);
        put(s, [...(Array.isArray(v) ? v : [v]), ...structuredCopy(plan.statements)]);
      }
      if (plan.stretch) for (const s of all.filter((x) => typeof get(x) === 'string' && /^arn:aws:iam::\d*:(role|user|group)\//.test(get(x) as string))) put(s, `${String(get(s))}${'a'.repeat(plan.stretch)}`);
      if (parsed.format === 'text') return done(seed.name, seed.text);
      return done(seed.name, serialize(parsed.format, parsed.docs, parsed.pretty, raw));
    }
    case 'mutation':
      return realizeMutation(plan, seeds, done, secrets);
  }
}

function realizeMutation(plan: MutationPlan, seeds: readonly Seed[], done: (name: string, text: string, bytes?: number) => Mutant, secrets: string[]): Mutant {
  const seed = seeds[plan.seed % seeds.length]!;
  let text = seed.text;
  if (plan.structural.length || plan.yaml.length) {
    const parsed = parseSeed(text);
    if (parsed.format !== 'text' && plan.structural.length) {
      const raw = new RawText();
      for (const op of plan.structural) applyStruct(parsed.docs, op, raw, secrets);
      try {
        text = serialize(parsed.format, parsed.docs, parsed.pretty, raw);
      } catch {
        // Too big to serialize (ops are bounded, but a harness must never die of its own input).
        text = seed.text;
      }
    }
    if (parsed.format === 'yaml') text = applyYaml(text, plan.yaml);
  }
  for (const c of plan.concat) text = `${text}${c.sep}${seeds[c.other % seeds.length]!.text}`;
  // Big but bounded: the host refuses nothing this small, and the test process stays healthy.
  if (text.length > MAX_TEXT) text = text.slice(0, MAX_TEXT);
  let bytes: number | undefined;
  if (plan.bytes.length) {
    let b = utf8(text);
    // Secret plans keep the planted values and their keys: byte damage only after the last one.
    const from = plan.afterSecret ? lastSecretEnd(b) : 0;
    for (const op of plan.bytes) b = applyBytes(b, op, seeds, from);
    text = fromUtf8(b);
    bytes = b.length;
  }
  if (plan.encoding) ({ text, bytes } = encode(text, plan.encoding));
  const name = plan.fileName === undefined ? seed.name : HOSTILE_FILE_NAMES[plan.fileName % HOSTILE_FILE_NAMES.length]!;
  return done(name, text, bytes);
}

/** Byte offset just after the last planted secret value and its closing quote (0 when none). */
function lastSecretEnd(b: Uint8Array): number {
  const text = fromUtf8(b);
  const ends = [SECRET, SECRET_B64].map((m) => (text.lastIndexOf(m) === -1 ? 0 : text.lastIndexOf(m) + m.length + 1));
  return utf8(text.slice(0, Math.max(...ends))).length;
}

function synthGaad(plan: Extract<SynthPlan, { kind: 'gaad' }>): string {
  const raw = new RawText();
  const roleName = String(valueOf(plan.roleName, raw));
  const doc = (d: unknown) => (plan.encoded ? encodeURIComponent(JSON.stringify(d) ?? 'null') : structuredCopy(d));
  const acct = '111122223333';
  const gaad = {
    UserDetailList: [
      { UserName: 'fuzz-user', Arn: `arn:aws:iam::${acct}:user/fuzz-user`, UserId: 'AIDAFUZZ', GroupList: plan.groups, UserPolicyList: plan.policies.map((p, i) => ({ PolicyName: `inline-${i}`, PolicyDocument: doc(p) })), AttachedManagedPolicies: [{ PolicyName: 'managed', PolicyArn: `arn:aws:iam::${acct}:policy/managed` }] },
      { UserName: roleName, Arn: `arn:aws:iam::${acct}:user/${roleName}`, UserId: 'AIDAFUZZ2' },
    ],
    GroupDetailList: [{ GroupName: 'fuzz-group', Arn: `arn:aws:iam::${acct}:group/fuzz-group`, GroupPolicyList: plan.policies.slice(0, 1).map((p) => ({ PolicyName: 'g', PolicyDocument: doc(p) })) }],
    RoleDetailList: [
      { RoleName: roleName, Arn: `arn:aws:iam::${acct}:role/${roleName}`, RoleId: 'AROAFUZZ', AssumeRolePolicyDocument: doc(plan.trust), RolePolicyList: plan.policies.map((p, i) => ({ PolicyName: `r-${i}`, PolicyDocument: doc(p) })), InstanceProfileList: [{ InstanceProfileName: 'ip', Arn: `arn:aws:iam::${acct}:instance-profile/ip`, Roles: [] }] },
      { RoleName: 'admin', Arn: `arn:aws:iam::${acct}:role/admin`, AssumeRolePolicyDocument: doc(plan.trust), AttachedManagedPolicies: [{ PolicyName: 'AdministratorAccess', PolicyArn: 'arn:aws:iam::aws:policy/AdministratorAccess' }] },
    ],
    Policies: [{ PolicyName: 'managed', Arn: `arn:aws:iam::${acct}:policy/managed`, DefaultVersionId: 'v2', PolicyVersionList: plan.policies.map((p, i) => ({ Document: doc(p), VersionId: `v${i + 1}`, IsDefaultVersion: i === 1 })) }],
  };
  return raw.apply(JSON.stringify(gaad, null, 2));
}

function synthK8s(plan: Extract<SynthPlan, { kind: 'k8s' }>, secrets: string[]): unknown {
  const items: unknown[] = [
    { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name: 'fuzz-role' }, rules: plan.rules },
    { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role', metadata: { name: 'fuzz-role', namespace: 'default' }, rules: plan.rules },
    { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRoleBinding', metadata: { name: 'fuzz-crb' }, roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'fuzz-role' }, subjects: plan.subjects },
    { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'RoleBinding', metadata: { name: 'fuzz-rb', namespace: 'default' }, roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'fuzz-role' }, subjects: plan.subjects },
    { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'default', namespace: 'default' } },
  ];
  if (plan.secret) {
    items.push({ apiVersion: 'v1', kind: 'Secret', type: 'kubernetes.io/service-account-token', metadata: { name: 'tok', namespace: 'default', annotations: { 'kubernetes.io/service-account.name': 'default' } }, data: { token: SECRET_B64 }, stringData: { token: SECRET } });
    secrets.push(SECRET, SECRET_B64);
  }
  return { apiVersion: 'v1', kind: 'List', metadata: { resourceVersion: '' }, items };
}

/** Seeds that are YAML (for the YAML-targeted mutations). */
export const isYamlSeed = (seed: Seed): boolean => parseSeed(seed.text).format === 'yaml';

/** Seeds that hold AWS policy statements (for the policy-targeted mutations). */
export function holdsStatements(seed: Seed): boolean {
  const p = parseSeed(seed.text);
  return p.format !== 'text' && slots(p.docs, 50_000).some((s) => isStatement(get(s)));
}
