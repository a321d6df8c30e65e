/**
 * The IAM Vulnerable lab (Bishop Fox), as exported in Cloudsplaining's public example: every
 * privesc path, the false-negative probes (fn*: exploitable, other tools miss them) and the
 * false-positive probes (fp*: not exploitable, other tools flag them). Real data, read in place.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { ImportSession } from '../graph/session';
import { hasPublicCorpus, publicFile } from '../test-support/public-corpus';
import { analyze, potentialFindings, type Analysis } from './analysis';
import { blastRadius } from './blast-radius';
import { privilegePaths } from './privilege-paths';
import { whoCan } from './who-can';
import { adminReport } from './admins';

const A = '200611803367';
const user = (n: string) => `arn:aws:iam::${A}:user/${n}`;
const role = (n: string) => `arn:aws:iam::${A}:role/${n}`;
const HIGH = role('privesc-high-priv-service-role');
const ADMIN = `admin:aws:${A}`;
const ALL_USERS = `all-users:aws:${A}`;
const ALL_ROLES = `all-roles:aws:${A}`;

/** principal → technique edge expected (id and target). */
const EDGES: [string, string, string][] = [
  ['privesc1-CreateNewPolicyVersion-user', 'iam-001', ADMIN],
  ['privesc3-CreateEC2WithExistingInstanceProfile-user', 'ec2-001', HIGH],
  ['privesc4-CreateAccessKey-user', 'iam-002', ALL_USERS],
  ['privesc7-AttachUserPolicy-user', 'iam-008', ADMIN],
  ['privesc8-AttachGroupPolicy-user', 'iam-010', ADMIN],
  ['privesc10-PutUserPolicy-user', 'iam-007', ADMIN],
  ['privesc11-PutGroupPolicy-user', 'iam-011', ADMIN],
  ['privesc13-AddUserToGroup-user', 'iam-013', `arn:aws:iam::${A}:group/privesc-sre-group`],
  ['privesc14-UpdatingAssumeRolePolicy-user', 'iam-012', ALL_ROLES],
  ['privesc15-PassExistingRoleToNewLambdaThenInvoke-user', 'lambda-001', HIGH],
  ['privesc16-PassRoleToNewLambdaThenTriggerWithNewDynamo-user', 'lambda-002', HIGH],
  ['privesc18-PassExistingRoleToNewGlueDevEndpoint-user', 'glue-001', HIGH],
  ['privesc20-PassExistingRoleToCloudFormation-user', 'cloudformation-001', HIGH],
  ['privesc21-PassExistingRoleToNewDataPipeline-user', 'datapipeline-001', HIGH],
  ['privesc-codeBuildCreateProjectPassRole-user', 'codebuild-001', HIGH],
  ['privesc-sageMakerCreateNotebookPassRole-user', 'sagemaker-001', HIGH],
  ['privesc-sageMakerCreateTrainingJobPassRole-user', 'sagemaker-002', HIGH],
  ['privesc-sageMakerCreateProcessingJobPassRole-user', 'sagemaker-003', HIGH],
  ['privesc-sre-user', 'iam-007', ADMIN],
  ['fn1-privesc3-partial-user', 'ec2-001', HIGH],
  ['fn2-exploitableResourceConstraint-user', 'iam-001', ADMIN],
  ['fn4-exploitableNotAction-user', 'iam-007', ADMIN],
];
const ROLE_EDGES: [string, string, string][] = [
  ['privesc9-AttachRolePolicy-role', 'iam-009', ADMIN],
  ['privesc12-PutRolePolicy-role', 'iam-005', ADMIN],
  ['privesc-AssumeRole-starting-role', 'sts-001', role('privesc-AssumeRole-intermediate-role')],
  ['privesc-AssumeRole-intermediate-role', 'sts-001', role('privesc-AssumeRole-ending-role')],
];
/** Need to know whether the target has a password: no credential report here, so conditional. */
const PASSWORD_EDGES: [string, string, string][] = [
  ['privesc5-CreateLoginProfile-user', 'iam-004', ALL_USERS],
  ['privesc6-UpdateLoginProfile-user', 'iam-006', ALL_USERS],
];
/** Paths that hijack an existing resource: the export has no inventory, so "needs inventory". */
const NEEDS_INVENTORY: [string, string][] = [
  ['privesc17-EditExistingLambdaFunctionWithRole-user', 'lambda-003'],
  ['privesc19-UpdateExistingGlueDevEndpoint-user', 'glue-002'],
  ['privesc-CloudFormationUpdateStack-user', 'cloudformation-002'],
  ['privesc-ec2InstanceConnect-user', 'ec2instanceconnect-003'],
  ['privesc-sageMakerCreatePresignedNotebookURL-user', 'sagemaker-004'],
  ['privesc-ssmSendCommand-user', 'ssm-002'],
  ['privesc-ssmStartSession-user', 'ssm-001'],
];
const NOT_EXPLOITABLE = [
  'fp1-allow-and-deny-user',
  'fp2-allow-and-deny-multiple-policies-user',
  'fp3-deny-iam-user',
  'fp4-nonExploitableResourceConstraint-user',
  'fp5-nonExploitableConditionConstraint-user',
  // privesc2's policy has no older version in this export: SetDefaultPolicyVersion gains nothing.
  'privesc2-SetExistingDefaultPolicyVersion-user',
];

describe.skipIf(!hasPublicCorpus)('IAM Vulnerable (Cloudsplaining example export)', () => {
  let a: Analysis;
  beforeAll(async () => {
    const s = new ImportSession();
    s.addFiles([publicFile('cloudsplaining/examples/files/example.json')]);
    a = await analyze(s.graph, { asOf: Date.UTC(2026, 10, 22) });
  });
  const edgesOf = (p: string) => a.graph.outEdges(p).map((e) => a.graph.getEdgeAttributes(e)).filter((e) => e.kind === 'escalatesTo');
  const targetsOf = (p: string) => a.graph.outEdges(p).filter((e) => a.graph.getEdgeAttribute(e, 'kind') === 'escalatesTo').map((e) => `${a.graph.getEdgeAttribute(e, 'attributes').technique} ${a.graph.target(e)}`);

  it.each([...EDGES.map(([u, t, g]) => [user(u), t, g]), ...ROLE_EDGES.map(([r, t, g]) => [role(r), t, g])])('%s escalates by %s', (p, technique, target) => {
    expect(targetsOf(p)).toContain(`${technique} ${target}`);
    const edge = edgesOf(p).find((e) => e.attributes.technique === technique)!;
    expect(edge.attributes.conditional).toBe(false);
    expect(edge.evidence.length).toBeGreaterThan(0);
    expect(edge.evidence.some((ev) => ev.policy && ev.statement)).toBe(true);
  });

  it('fn3: Allow only if aws:TokenIssueTime > 2020 — long-term keys carry no token time, GetSessionToken credentials do but call IAM only with MFA', () => {
    const p = user('fn3-exploitableConditionConstraint-user');
    expect(targetsOf(p)).toContain(`iam-001 ${ADMIN}`);
    const edge = edgesOf(p).find((e) => e.attributes.technique === 'iam-001')!;
    expect(edge.attributes.conditional).toBe(true);
    expect(edge.evidence.some((ev) => /GetSessionToken.*MFA/.test(ev.note ?? ''))).toBe(true);
  });

  it.each(PASSWORD_EDGES)('%s escalates by %s, conditionally: password state unknown without a credential report', (u, technique, target) => {
    expect(targetsOf(user(u))).toContain(`${technique} ${target}`);
    const edge = a.graph.getEdgeAttributes(a.graph.outEdges(user(u)).find((e) => a.graph.target(e) === target && a.graph.getEdgeAttribute(e, 'attributes').technique === technique)!);
    expect(edge.attributes.conditional).toBe(true);
    expect(String(edge.attributes.notes)).toMatch(/no credential report/);
  });

  it.each(NEEDS_INVENTORY)('%s: %s is reported as needing inventory, not as an edge', (u, technique) => {
    expect(potentialFindings(a).some((f) => f.source === user(u) && f.technique.id === technique)).toBe(true);
    expect(edgesOf(user(u)).filter((e) => e.attributes.technique === technique)).toEqual([]);
  });

  it.each(NOT_EXPLOITABLE)('%s has no escalation edge', (u) => {
    expect(targetsOf(user(u))).toEqual([]);
    expect(potentialFindings(a).filter((f) => f.source === user(u))).toEqual([]);
  });

  it('finds the admin-equivalent principals, including the high-privilege service role', () => {
    const report = adminReport(a, 1);
    expect(report.admins).toEqual(expect.arrayContaining([HIGH, role('OrganizationAccountAccessRole'), role('privesc-AssumeRole-ending-role')]));
    expect(report.admins).not.toContain(user('privesc-sre-user'));
    const sre = report.escalatesToAdmin.find((e) => e.principal === user('privesc-sre-user'))!;
    expect(sre.paths[0]!.hops).toBe(1);
    for (const fp of NOT_EXPLOITABLE) expect(report.escalatesToAdmin.map((e) => e.principal)).not.toContain(user(fp));
  });

  it('chains role assumptions to admin, shortest path first, each step explained', () => {
    const [path] = privilegePaths(a, role('privesc-AssumeRole-starting-role'), 'admin');
    expect(path!.steps.map((s) => s.technique)).toEqual(['sts-001', 'sts-001', 'blastmap-admin']);
    expect(path!.steps[0]!.evidence[0]!.location).toMatch(/trust policy statement/);
  });

  it('gives several ranked alternatives', () => {
    const paths = privilegePaths(a, user('privesc4-CreateAccessKey-user'), 'admin', 3);
    expect(paths.length).toBe(3);
    // user → every user of the account (iam:CreateAccessKey on user/*) → a self-escalating user → admin
    expect(paths[0]!.hops).toBe(3);
    expect(paths[0]!.steps[0]!.technique).toBe('iam-002');
    expect(paths.map((p) => p.hops)).toEqual([...paths.map((p) => p.hops)].sort((x, y) => x - y));
  });

  it('blast radius of the CreateAccessKey user reaches admin and scores 100', () => {
    const br = blastRadius(a, user('privesc4-CreateAccessKey-user'));
    expect(br.adminOf).toEqual([A]);
    expect(br.score).toBe(100);
    expect(br.identities.find((i) => i.id === ALL_USERS)!.hops).toBe(1);
    expect(br.identities.find((i) => i.id === user('privesc-sre-user'))!.hops).toBe(2);
  });

  it('blast radius of a false-positive probe stays small', () => {
    const br = blastRadius(a, user('fp3-deny-iam-user'));
    expect(br.adminOf).toEqual([]);
    expect(br.identities).toEqual([]);
  });

  it('who can reach the high-privilege role', () => {
    const w = whoCan(a, HIGH);
    const ids = w.reachers.map((r) => r.id);
    expect(ids).toEqual(expect.arrayContaining([user('privesc15-PassExistingRoleToNewLambdaThenInvoke-user'), user('fn1-privesc3-partial-user')]));
    expect(ids).not.toContain(user('fp4-nonExploitableResourceConstraint-user'));
  });
});
