/**
 * Who can reach a resource, and the paths from each entry to it, over the demo (and the public
 * corpus's cloudmapper account when present): the principal a resource policy names is listed,
 * marked conditional when its access is, and the path from any entry ends acting on the resource,
 * each step with its evidence.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { ImportSession } from '../graph/session';
import { demoFiles, hasPublicCorpus, publicFile } from '../test-support/public-corpus';
import { analyze, type Analysis } from './analysis';
import { rankedWhoCan, whoCan } from './who-can';
import { privilegePaths } from './privilege-paths';

const A = '210987654321';
const STRIPE = `arn:aws:secretsmanager:eu-west-1:${A}:secret:prod/billing/stripe-api-key-Xc81Tb`;
const BILLING = `arn:aws:iam::${A}:role/billing-lambda`;
const UPLOADS = 'arn:aws:s3:::northwind-parcel-customer-uploads';
const VENDOR_ROLE = `arn:aws:iam::${A}:role/vendor-monitoring`;
const VENDOR = 'arn:aws:iam::464622532012:root';

async function analysed(files: Parameters<ImportSession['addFiles']>[0]): Promise<Analysis> {
  const s = new ImportSession();
  s.addFiles(files);
  return analyze(s.graph, { asOf: Date.UTC(2026, 10, 22) });
}

describe('who can reach a secret whose resource policy names a principal (the demo)', () => {
  let a: Analysis;
  beforeAll(async () => {
    a = await analysed(demoFiles());
  });

  it('lists the principal the policy names, one step away, conditional (a Deny under an undecided condition)', () => {
    const w = rankedWhoCan(a, STRIPE);
    const billing = w.reachers.find((r) => r.id === BILLING);
    expect(billing).toMatchObject({ hops: 1, through: BILLING, conditional: true });
    expect(w.direct).toContain(BILLING);
    // An administrator's access does not hang on that condition.
    expect(w.reachers.find((r) => r.id === `admin:aws:${A}`)).toMatchObject({ hops: 1, conditional: false });
    // Among entries as far away, certain access ranks first.
    const oneStep = w.reachers.filter((r) => r.hops === 1).map((r) => r.conditional);
    expect(oneStep).toEqual([...oneStep].sort((x, y) => Number(x) - Number(y)));
    // One permission: the same answer.
    expect(whoCan(a, STRIPE, 'secretsmanager:GetSecretValue').reachers.find((r) => r.id === BILLING)).toMatchObject({ hops: 1, conditional: true });
  });

  it('the path from that principal ends at the secret, with the statements behind the access and the undecided condition', () => {
    const paths = privilegePaths(a, BILLING, STRIPE);
    expect(paths.length).toBeGreaterThan(0);
    const last = paths[0]!.steps.at(-1)!;
    expect(last).toMatchObject({ from: BILLING, to: STRIPE, conditional: true });
    expect(paths[0]!.conditionalSteps).toBe(1);
    const statements = last.evidence.map((e) => e.statement);
    expect(statements).toEqual(expect.arrayContaining(['BillingLambdaOnly', 'DenyOutsideOrg']));
    expect(last.evidence.find((e) => e.statement === 'DenyOutsideOrg')!.condition).toContain('aws:PrincipalOrgID');
    expect(last.explanation).toContain('secretsmanager:GetSecretValue');
  });

  it('from every entry, the shortest path ends at the secret, as many steps away as who-can says, every step with evidence', () => {
    const w = whoCan(a, STRIPE);
    expect(w.reachers.length).toBeGreaterThan(10);
    for (const r of w.reachers) {
      const paths = privilegePaths(a, r.id, STRIPE, 2);
      expect(paths.length, r.id).toBeGreaterThan(0);
      for (const p of paths) {
        expect(p.steps.at(-1)!.to, r.id).toBe(STRIPE);
        expect(p.steps[0]!.from, r.id).toBe(r.id);
        for (const s of p.steps) if (s.kind !== 'adminOf' && s.kind !== 'setMember') expect(s.evidence.length, `${r.id}: ${s.kind}`).toBeGreaterThan(0);
      }
      expect(paths[0]!.hops, r.id).toBe(r.hops);
      // Conditional entries have no path without a conditional step.
      if (r.conditional) expect(privilegePaths(a, r.id, STRIPE, 10).every((p) => p.conditionalSteps > 0), r.id).toBe(true);
    }
  });

  it('paths to an identity or to admin are unchanged: the last step reaches that node', () => {
    const eve = `arn:aws:iam::${A}:user/eve.contractor`;
    expect(privilegePaths(a, eve, BILLING)[0]!.steps.at(-1)!.to).toBe(BILLING);
    expect(privilegePaths(a, `arn:aws:iam::${A}:user/service/svc-jenkins-deploy`, 'admin')[0]!.steps.at(-1)!.to).toBe(`admin:aws:${A}`);
  });

  it('lists principals a resource policy names that nothing evaluates: anyone on a public bucket, per action', () => {
    const w = whoCan(a, UPLOADS);
    expect(w.reachers.find((r) => r.id === '*')).toMatchObject({ hops: 1, through: '*', conditional: false });
    expect(w.direct).toContain('*');
    expect(whoCan(a, UPLOADS, 's3:GetObject').reachers.map((r) => r.id)).toContain('*');
    expect(whoCan(a, UPLOADS, 's3:PutObject').reachers.map((r) => r.id)).not.toContain('*');
    const [path] = privilegePaths(a, '*', UPLOADS);
    expect(path!.steps).toHaveLength(1);
    expect(path!.steps[0]).toMatchObject({ from: '*', to: UPLOADS, kind: 'grants', conditional: false });
    expect(path!.steps[0]!.evidence[0]).toMatchObject({ statement: 'PublicThumbnails', file: 'northwind-parcel-customer-uploads.bucket-policy.json' });
  });

  it('who can reach an identity: an entry whose only way in is a conditional trust is conditional', () => {
    const w = whoCan(a, VENDOR_ROLE);
    expect(w.reachers.find((r) => r.id === VENDOR)).toMatchObject({ hops: 1, conditional: true });
    expect(w.reachers.find((r) => r.id === `admin:aws:${A}`)).toMatchObject({ conditional: false });
  });
});

describe.skipIf(!hasPublicCorpus)('who can reach a bucket of the cloudmapper demo account (public corpus)', () => {
  const CM = 'cloudmapper/account-data/demo/us-east-1';
  const BUCKET = 'arn:aws:s3:::cloudmapper_demo';
  let a: Analysis;
  beforeAll(async () => {
    a = await analysed(
      ['iam-get-account-authorization-details.json', 'iam-get-credential-report.json', 's3-list-buckets.json', 's3-get-bucket-policy/cloudmapper_demo', 'secretsmanager-list-secrets.json'].map((f) => publicFile(`${CM}/${f}`)),
    );
  });

  it('lists anyone, whom the bucket policy names, and the path from it ends at the bucket with the statement as evidence', () => {
    const w = whoCan(a, BUCKET);
    expect(w.reachers.find((r) => r.id === '*')).toMatchObject({ hops: 1, conditional: false });
    const [path] = privilegePaths(a, '*', BUCKET);
    expect(path!.steps.at(-1)).toMatchObject({ to: BUCKET, kind: 'grants' });
    expect(path!.steps.at(-1)!.evidence[0]).toMatchObject({ statement: 'PublicReadGetObject', file: 'cloudmapper_demo' });
    for (const r of w.reachers) expect(privilegePaths(a, r.id, BUCKET, 1)[0]?.steps.at(-1)?.to, r.id).toBe(BUCKET);
  });
});
