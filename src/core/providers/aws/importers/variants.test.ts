/** Every input variant of the AWS formats listed in export-formats.md, on small exports we write. */
import { describe, expect, it } from 'vitest';
import { importFile } from '../../../importers/import-file';
import { ImportSession } from '../../../graph/session';
import { textFile } from '../../../test-support/public-corpus';
import { parseTimestamp } from '../../../io/time';

const ACCT = '111122223333';
const policyDoc = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }] };
const trust = { Version: '2012-10-17', Statement: { Effect: 'Allow', Principal: { AWS: ACCT }, Action: 'sts:AssumeRole' } };

const user = (name: string, groups: string[] = []) => ({
  UserName: name,
  UserId: `AIDA${name.toUpperCase()}`,
  Arn: `arn:aws:iam::${ACCT}:user/${name}`,
  CreateDate: '2014-07-30T17:09:20Z',
  GroupList: groups,
  AttachedManagedPolicies: { PolicyName: 'ReadS3', PolicyArn: `arn:aws:iam::${ACCT}:policy/ReadS3` },
});
const group = (name: string, path = '/') => ({ GroupName: name, GroupId: `AGPA${name}`, Arn: `arn:aws:iam::${ACCT}:group${path}${name}`, Path: path, CreateDate: '2018-10-19T21:45:27+00:00' });
const role = (name: string, doc: unknown) => ({ RoleName: name, RoleId: `AROA${name}`, Arn: `arn:aws:iam::${ACCT}:role/${name}`, CreateDate: 1523477145.729, AssumeRolePolicyDocument: doc, RolePolicyList: [{ PolicyName: 'inline', PolicyDocument: doc === trust ? policyDoc : JSON.stringify(policyDoc) }], RoleLastUsed: {} });
const managed = { PolicyName: 'ReadS3', Arn: `arn:aws:iam::${ACCT}:policy/ReadS3`, DefaultVersionId: 'v2', PolicyVersionList: [{ VersionId: 'v1', IsDefaultVersion: false, Document: policyDoc }, { VersionId: 'v2', IsDefaultVersion: true, Document: encodeURIComponent(JSON.stringify(policyDoc)) }] };

const merged = { UserDetailList: [user('alice', ['admins'])], GroupDetailList: [group('admins')], RoleDetailList: [role('ci', trust)], Policies: [managed] };
const page1 = { UserDetailList: [user('alice', ['admins'])], IsTruncated: true, Marker: 'abc' };
const page2 = { GroupDetailList: [group('admins')], RoleDetailList: [role('ci', trust)], Policies: [managed], IsTruncated: false };

const EXPECTED = { user: 1, group: 1, role: 1, managedPolicy: 1, inlinePolicy: 1 };

describe('GAAD variants', () => {
  it.each([
    ['one merged document', JSON.stringify(merged, null, 2)],
    ['an array of pages', JSON.stringify([page1, page2])],
    ['pages concatenated in one file', `${JSON.stringify(page1, null, 2)}\n${JSON.stringify(page2)}\n`],
    ['trust as a URL-encoded string', JSON.stringify({ ...merged, RoleDetailList: [role('ci', encodeURIComponent(JSON.stringify(trust)))] })],
    ['trust as a JSON string', JSON.stringify({ ...merged, RoleDetailList: [role('ci', JSON.stringify(trust))] })],
    ['with a UTF-8 BOM', `\uFEFF${JSON.stringify(merged)}`],
  ])('reads %s', (_name, text) => {
    const session = new ImportSession();
    const [report] = session.addFiles([textFile('gaad.json', text)]);
    expect(report!.status).toBe('imported');
    expect(report!.counts).toMatchObject(EXPECTED);
    const g = session.graph;
    expect(g.hasEdge(`memberOf|arn:aws:iam::${ACCT}:user/alice|arn:aws:iam::${ACCT}:group/admins`)).toBe(true);
    const trustEdge = g.edges().map((e) => g.getEdgeAttributes(e)).find((a) => a.kind === 'canAssume')!;
    expect(trustEdge.evidence[0]!.location).toContain('AssumeRolePolicyDocument.Statement[0]');
    expect(g.getNodeAttribute(`arn:aws:iam::${ACCT}:policy/ReadS3`, 'attributes').document).toEqual(policyDoc);
    expect(g.getNodeAttribute(`arn:aws:iam::${ACCT}:role/ci`, 'attributes').created).toBe('2018-04-11T20:05:45.729Z');
  });

  it('merges pages given as separate files in either order, and resolves groups by name across them', () => {
    for (const order of [[page1, page2], [page2, page1]]) {
      const session = new ImportSession();
      const reports = session.addFiles(order.map((p, i) => textFile(`page${i}.json`, JSON.stringify(p))));
      expect(reports.map((r) => r.status)).toEqual(order[0] === page1 ? ['partial', 'imported'] : ['imported', 'partial']);
      const g = session.graph;
      expect(g.filterNodes((_, a) => a.kind === 'group')).toEqual([`arn:aws:iam::${ACCT}:group/admins`]);
      expect(g.filterNodes((_, a) => a.kind === 'managedPolicy' && !a.placeholder)).toHaveLength(1);
    }
  });

  it('gives the same graph file by file (importOne, then one endBatch) as in one addFiles', () => {
    const files = [page1, { GroupDetailList: [group('ops', '/team/')] }, { UserDetailList: [user('bob', ['ops', 'admins'])] }, page2].map((p, i) => textFile(`page${i}.json`, JSON.stringify(p)));
    const whole = new ImportSession();
    whole.addFiles(files);
    const oneByOne = new ImportSession();
    oneByOne.prescan(files);
    for (const f of files) oneByOne.importOne(f);
    // Before endBatch the name references wait: bob is not yet a member of anything.
    expect(oneByOne.graph.filterEdges((_, a) => a.kind === 'memberOf')).toEqual([]);
    oneByOne.endBatch();
    const dump = (s: ImportSession) => [s.graph.nodes().sort(), s.graph.edges().sort(), s.warnings];
    expect(dump(oneByOne)).toEqual(dump(whole));
    expect(oneByOne.graph.hasEdge(`memberOf|arn:aws:iam::${ACCT}:user/bob|arn:aws:iam::${ACCT}:group/team/ops`)).toBe(true);
    expect(oneByOne.graph.hasEdge(`memberOf|arn:aws:iam::${ACCT}:user/alice|arn:aws:iam::${ACCT}:group/admins`)).toBe(true);
  });

  it('moves a membership from a placeholder to the real group once a later file describes it (group path)', () => {
    const session = new ImportSession();
    session.addFiles([textFile('users.json', JSON.stringify({ UserDetailList: [user('bob', ['ops'])] }))]);
    expect(session.graph.hasNode(`arn:aws:iam::${ACCT}:group/ops`)).toBe(true);
    session.addFiles([textFile('groups.json', JSON.stringify({ GroupDetailList: [group('ops', '/team/')] }))]);
    expect(session.graph.hasNode(`arn:aws:iam::${ACCT}:group/ops`)).toBe(false);
    expect(session.graph.hasEdge(`memberOf|arn:aws:iam::${ACCT}:user/bob|arn:aws:iam::${ACCT}:group/team/ops`)).toBe(true);
  });

  it('de-duplicates the same export imported twice: same nodes, evidence from both files', () => {
    const session = new ImportSession();
    session.addFiles([textFile('a.json', JSON.stringify(merged)), textFile('b.json', JSON.stringify(merged))]);
    const g = session.graph;
    expect(g.filterNodes((_, a) => a.kind === 'user')).toHaveLength(1);
    const trustEdge = g.edges().map((e) => g.getEdgeAttributes(e)).find((a) => a.kind === 'canAssume')!;
    expect(trustEdge.evidence.map((e) => e.file)).toEqual(['a.json', 'b.json']);
  });

  it('warns about a truncated page set (IsTruncated on the last page)', () => {
    const { report } = importFile(textFile('p1.json', JSON.stringify(page1)));
    expect(report.status).toBe('partial');
    expect(report.warnings[0]).toMatch(/IsTruncated is true/);
  });

  it('keeps unknown fields in node metadata and shows trust conditions as text', () => {
    const condTrust = { Statement: [{ Effect: 'Allow', Principal: { Federated: `arn:aws:iam::${ACCT}:oidc-provider/token.actions.githubusercontent.com` }, Action: 'sts:AssumeRoleWithWebIdentity', Condition: { StringLike: { 'token.actions.githubusercontent.com:sub': 'repo:acme/*' } } }] };
    const r = { ...role('deploy', condTrust), FutureField: { x: 1 } };
    const session = new ImportSession();
    session.addFiles([textFile('r.json', JSON.stringify({ RoleDetailList: [r] }))]);
    const g = session.graph;
    expect(g.getNodeAttribute(`arn:aws:iam::${ACCT}:role/deploy`, 'attributes').extra).toEqual({ FutureField: { x: 1 } });
    const e = g.getEdgeAttributes(g.edges().find((k) => g.getEdgeAttribute(k, 'kind') === 'canAssume')!);
    expect(e.attributes.conditional).toBe(true);
    expect(JSON.parse(e.evidence[0]!.condition!)).toEqual(condTrust.Statement[0]!.Condition);
  });
});

describe('timestamps', () => {
  it.each([
    ['2014-07-30T17:09:20Z', '2014-07-30T17:09:20.000Z'],
    ['2018-10-19T21:45:27+00:00', '2018-10-19T21:45:27.000Z'],
    ['2022-08-07 12:55:43+00:00', '2022-08-07T12:55:43.000Z'],
    ['2019-10-17T15:47:00.587000-06:00', '2019-10-17T21:47:00.587Z'],
    [1523477145.729, '2018-04-11T20:05:45.729Z'],
    ['1523477145.729', '2018-04-11T20:05:45.729Z'],
    ['2021-05-12T18:35:39.123456+00:00', '2021-05-12T18:35:39.123Z'],
    ['2023-01-02T03:04:05.123456789Z', '2023-01-02T03:04:05.123Z'],
  ])('%s', (input, iso) => {
    expect(new Date(parseTimestamp(input)!).toISOString()).toBe(iso);
  });
  it('rejects nonsense', () => expect(parseTimestamp('yesterday')).toBeUndefined());
});

const CSV22 = `user,arn,user_creation_time,password_enabled,password_last_used,password_last_changed,password_next_rotation,mfa_active,access_key_1_active,access_key_1_last_rotated,access_key_1_last_used_date,access_key_1_last_used_region,access_key_1_last_used_service,access_key_2_active,access_key_2_last_rotated,access_key_2_last_used_date,access_key_2_last_used_region,access_key_2_last_used_service,cert_1_active,cert_1_last_rotated,cert_2_active,cert_2_last_rotated
<root_account>,arn:aws:iam::${ACCT}:root,2018-08-12T17:20:55+00:00,not_supported,2019-03-03T16:58:16+00:00,not_supported,not_supported,true,false,N/A,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A
ci-bot,arn:aws:iam::${ACCT}:user/ci-bot,2019-05-07T15:35:54+00:00,false,N/A,N/A,N/A,false,true,2019-05-07T15:35:55+00:00,2024-01-02T10:00:00+00:00,us-east-1,s3,false,2020-01-01T00:00:00+00:00,N/A,N/A,N/A,true,2020-02-02T00:00:00+00:00,false,N/A
`;
const CSV16 = `user,arn,user_creation_time,password_enabled,password_last_used,password_last_changed,password_next_rotation,mfa_active,access_key_1_active,access_key_1_last_rotated,access_key_2_active,access_key_2_last_rotated,cert_1_active,cert_1_last_rotated,cert_2_active,cert_2_last_rotated
ci-bot,arn:aws:iam::${ACCT}:user/ci-bot,2019-05-07T15:35:54+00:00,TRUE,no_information,2019-05-07T15:35:54+00:00,N/A,FALSE,TRUE,2019-05-07T15:35:55+00:00,FALSE,N/A,FALSE,N/A,FALSE,N/A`;

describe('credential report variants', () => {
  it.each([
    ['the CSV', 'report.csv', CSV22],
    ['the CSV with CRLF line ends', 'report.csv', CSV22.replace(/\n/g, '\r\n')],
    ['get-credential-report JSON, base64 Content', 'report.json', JSON.stringify({ Content: Buffer.from(CSV22).toString('base64'), ReportFormat: 'text/csv', GeneratedTime: '2024-01-03T00:00:00Z' })],
    ['get-credential-report JSON, plain Content', 'report.json', JSON.stringify({ Content: CSV22, ReportFormat: 'text/csv' })],
  ])('reads %s', (_n, name, text) => {
    const { report, fragment } = importFile(textFile(name, text));
    expect(report.status).toBe('imported');
    expect(report.counts).toMatchObject({ account: 1, user: 1, accessKey: 2, certificate: 1 });
    const inactive = fragment.nodes.get(`arn:aws:iam::${ACCT}:user/ci-bot#access-key-2`)!;
    expect(inactive.attributes).toMatchObject({ active: false, lastRotated: '2020-01-01T00:00:00.000Z' });
    expect(fragment.nodes.get(`arn:aws:iam::${ACCT}:user/ci-bot#access-key-1`)!.attributes).toMatchObject({ active: true, lastUsedService: 's3' });
  });

  it('keeps columns a newer report adds', () => {
    const text = CSV22.replace('cert_2_last_rotated\n', 'cert_2_last_rotated,future_column\n').replace(/N\/A\n/g, 'N/A,x\n');
    const { fragment } = importFile(textFile('future.csv', text));
    expect(fragment.nodes.get(`arn:aws:iam::${ACCT}:user/ci-bot`)!.attributes.credentialReportExtra).toEqual({ future_column: 'x' });
  });

  it('reads the older 16-column layout by header name, with upper-case booleans', () => {
    const { report, fragment } = importFile(textFile('old.csv', CSV16));
    expect(report.counts).toMatchObject({ user: 1, accessKey: 1, password: 1 });
    expect(fragment.nodes.get(`arn:aws:iam::${ACCT}:user/ci-bot`)!.attributes.passwordEnabled).toBe(true);
  });
});

describe('resource policies, secrets and organizations', () => {
  const keyPolicy = { Version: '2012-10-17', Statement: [{ Sid: 'Enable IAM User Permissions', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCT}:root` }, Action: 'kms:*', Resource: '*' }] };

  it('names a KMS key from the file name and the region folder', () => {
    const id = '1234abcd-12ab-34cd-56ef-1234567890ab';
    const { report, fragment } = importFile({ ...textFile(`${id}.json`, JSON.stringify({ Policy: JSON.stringify(keyPolicy), PolicyName: 'default' })), path: `exports/eu-west-1/${id}.json` });
    expect(report.format).toBe('aws.kms.get-key-policy');
    expect(fragment.nodes.has(`arn:aws:kms:eu-west-1:${ACCT}:key/${id}`)).toBe(true);
  });

  it('rejects a key policy whose key cannot be named, saying how to name the file', () => {
    const { report } = importFile(textFile('policy.json', JSON.stringify({ Policy: JSON.stringify(keyPolicy), PolicyName: 'default' })));
    expect(report.status).toBe('rejected');
    expect(report.errors[0]).toMatch(/^policy\.json: cannot tell which KMS key.*<key-id>\.json/);
  });

  it('reads a secret resource policy into grants with their conditions', () => {
    const pol = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::444455556666:role/reader' }, Action: 'secretsmanager:GetSecretValue', Resource: '*', Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-123' } } }] };
    const arn = `arn:aws:secretsmanager:us-east-1:${ACCT}:secret:db-AbCdEf`;
    const { report, fragment } = importFile(textFile('p.json', JSON.stringify({ ARN: arn, Name: 'db', ResourcePolicy: JSON.stringify(pol) })));
    expect(report.format).toBe('aws.secretsmanager.get-resource-policy');
    const grant = [...fragment.edges.values()].find((e) => e.kind === 'grants')!;
    expect(grant).toMatchObject({ source: 'arn:aws:iam::444455556666:role/reader', target: arn, attributes: { conditional: true } });
    expect(grant.evidence[0]!.condition).toContain('aws:PrincipalOrgID');
  });

  it('attaches an SCP (describe-policy) to its targets (list-targets-for-policy named after the policy id)', () => {
    const session = new ImportSession();
    const reports = session.addFiles([
      textFile('scp.json', JSON.stringify({ Policy: { PolicySummary: { Id: 'p-examplepolicyid1', Arn: 'arn:aws:organizations::999988887777:policy/o-abc/service_control_policy/p-examplepolicyid1', Name: 'DenyLeave', Type: 'SERVICE_CONTROL_POLICY', AwsManaged: false }, Content: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: 'organizations:LeaveOrganization', Resource: '*' }] }) } })),
      textFile('p-examplepolicyid1.targets.json', JSON.stringify({ Targets: [{ TargetId: ACCT, Arn: 'arn:aws:organizations::999988887777:account/o-abc/111122223333', Name: 'prod', Type: 'ACCOUNT' }, { TargetId: 'ou-ab12-cdef3456', Name: 'Workloads', Type: 'ORGANIZATIONAL_UNIT' }] })),
    ]);
    expect(reports.map((r) => r.status)).toEqual(['imported', 'imported']);
    const g = session.graph;
    expect(g.hasEdge(`hasPolicy|arn:aws:iam::${ACCT}:root|aws-org-policy:p-examplepolicyid1`)).toBe(true);
    expect(g.hasEdge('hasPolicy|aws-org:ou-ab12-cdef3456|aws-org-policy:p-examplepolicyid1')).toBe(true);
    expect(g.getNodeAttributes('aws-org-policy:p-examplepolicyid1')).toMatchObject({ kind: 'scp', name: 'DenyLeave', placeholder: false });
  });

  it('builds the organization tree from list-organizational-units-for-parent and list-accounts-for-parent', () => {
    const session = new ImportSession();
    const reports = session.addFiles([
      textFile('r-ab12.ous.json', JSON.stringify({ OrganizationalUnits: [{ Id: 'ou-ab12-cdef3456', Arn: 'arn:aws:organizations::999988887777:ou/o-abc/ou-ab12-cdef3456', Name: 'Workloads' }] })),
      textFile('ou-ab12-cdef3456.accounts.json', JSON.stringify({ Accounts: [{ Id: ACCT, Arn: `arn:aws:organizations::999988887777:account/o-abc/${ACCT}`, Email: 'prod@example.com', Name: 'prod', Status: 'ACTIVE' }] })),
      textFile('accounts.json', JSON.stringify({ Accounts: [{ Id: '444455556666', Name: 'dev' }] })),
    ]);
    expect(reports.map((r) => r.format)).toEqual(['aws.organizations.list-children', 'aws.organizations.list-children', 'aws.organizations.list-children']);
    expect(reports[2]!.notes[0]).toMatch(/no parent OU or root named/);
    const g = session.graph;
    expect(g.hasEdge(`memberOf|arn:aws:iam::${ACCT}:root|aws-org:ou-ab12-cdef3456`)).toBe(true);
    expect(g.hasEdge('memberOf|aws-org:ou-ab12-cdef3456|aws-org:r-ab12')).toBe(true);
    expect(g.getNodeAttributes(`arn:aws:iam::${ACCT}:root`)).toMatchObject({ kind: 'account', name: 'prod' });
  });

  it('links list-access-keys output to the user by name', () => {
    const session = new ImportSession();
    session.addFiles([
      textFile('u.json', JSON.stringify({ UserDetailList: [user('carol')] })),
      textFile('k.json', JSON.stringify({ AccessKeyMetadata: [{ UserName: 'carol', AccessKeyId: 'AKIAEXAMPLE', Status: 'Active', CreateDate: '2020-01-01T00:00:00Z' }] })),
    ]);
    expect(session.graph.hasEdge(`credentialOf|aws-access-key:AKIAEXAMPLE|arn:aws:iam::${ACCT}:user/carol`)).toBe(true);
  });
});
