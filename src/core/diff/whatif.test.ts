/**
 * What-if on the demo environment (as of 2026-11-22T08:05:00Z): removals simulated on a copy,
 * figures before and after, the plan naming the exact objects, the workspace's graph untouched.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { ImportSession } from '../graph/session';
import type { BlastGraph } from '../graph/graph';
import { analyze } from '../analysis/analysis';
import { adminReport } from '../analysis/admins';
import { assessRisk } from '../risk/assess';
import { demoFiles, textFile } from '../test-support/public-corpus';
import type { DiffSide } from './diff';
import { applyChanges, parseChanges, planText, whatIf, type Change } from './whatif';

const ASOF = Date.parse('2026-11-22T08:05:00Z');
const A = 'arn:aws:iam::210987654321';
const JENKINS = `${A}:user/service/svc-jenkins-deploy`;
const LEGACY = `${A}:policy/CIDeployLegacy`;

/** Every node and edge with its attributes, in order: equal text means an unchanged graph. */
function fingerprint(g: BlastGraph): string {
  const parts: string[] = [];
  g.forEachNode((id, a) => void parts.push(JSON.stringify([id, a])));
  g.forEachEdge((k, a, s, t) => void parts.push(JSON.stringify([k, s, t, a])));
  return parts.join('\n');
}

let session: ImportSession;
let before: DiffSide;

beforeAll(async () => {
  session = new ImportSession();
  session.addFiles(demoFiles());
  const analysis = await analyze(session.graph, { asOf: ASOF });
  before = { analysis, risk: assessRisk(analysis) };
});

const named = (r: Awaited<ReturnType<typeof whatIf>>, id: string) => r.plan.identities.find((i) => i.id === id);
const metric = (r: Awaited<ReturnType<typeof whatIf>>, m: string) => r.plan.metrics.find((x) => x.metric === m);
const allActions = (r: Awaited<ReturnType<typeof whatIf>>) => r.plan.providers.flatMap((p) => p.actions);

describe("what-if on the demo: svc-jenkins-deploy's escalation", () => {
  it('removing statement #3 of CIDeployLegacy (iam:CreatePolicyVersion) ends its escalation to admin and shrinks its blast radius', async () => {
    const print = fingerprint(session.graph);
    const r = await whatIf(session, [{ type: 'policy-statement', policy: LEGACY, statement: 3 }], ASOF, { before });
    expect(r.problems).toEqual([]);
    // Before: it escalates to admin (iam-001 through its own policy); after: it does not.
    expect(adminReport(before.analysis).escalatesToAdmin.map((e) => e.principal)).toContain(JENKINS);
    expect(adminReport(r.after.analysis).escalatesToAdmin.map((e) => e.principal)).not.toContain(JENKINS);
    expect(r.diff.adminPaths.closed.map((c) => c.principal)).toEqual([JENKINS]);
    expect(r.diff.adminPaths.closed[0]!.path!.steps[0]).toMatchObject({ technique: 'iam-001', to: 'admin:aws:210987654321' });
    expect(r.diff.adminPaths.opened).toEqual([]);
    expect(named(r, JENKINS)).toMatchObject({
      before: { identities: 37, resources: 17, score: 100, adminOf: ['210987654321', '6d3c2b1a-9f8e-4d7c-8b6a-5f4e3d2c1b0a', 'northwind-analytics'] },
      after: { identities: 1, resources: 3, score: 38.7, adminOf: [] },
    });
    expect(metric(r, 'principals that can become admin')).toEqual({ metric: 'principals that can become admin', before: 6, after: 5, delta: -1 });
    expect(metric(r, 'high findings')).toMatchObject({ before: 17, after: 16 });
    expect(r.diff.findings.removed.map((f) => [f.rule, f.subject])).toEqual([['nhi.escalates-to-admin', JENKINS]]);
    // The statement is gone from the document the analysis read (and from the default version).
    const doc = r.after.analysis.graph.getNodeAttributes(LEGACY).attributes as { document: { Statement: unknown[] }; versions: { isDefault: boolean; document: { Statement: unknown[] } }[] };
    expect(doc.document.Statement).toHaveLength(3);
    expect(doc.versions.find((v) => v.isDefault)!.document.Statement).toHaveLength(3);
    expect(r.diff.policies.changed).toEqual([expect.objectContaining({ id: LEGACY, statements: { added: [], removed: ['#3'], changed: [] } })]);
    // The plan names the policy, the statement and its actions.
    expect(allActions(r)).toEqual([
      expect.objectContaining({
        provider: 'aws',
        change: 0,
        action: `delete statement #3 (Allow iam:CreatePolicyVersion, iam:SetDefaultPolicyVersion) from managed policy CIDeployLegacy (${LEGACY}): write a new default version without it`,
        command: `aws iam create-policy-version --policy-arn ${LEGACY} --set-as-default --policy-document file://CIDeployLegacy.json`,
      }),
    ]);
    // The workspace's own graph is exactly as it was.
    expect(fingerprint(session.graph)).toBe(print);
    expect(session.graph.getNodeAttributes(LEGACY).attributes.document).toMatchObject({ Statement: { length: 4 } });
  });

  it('detaching CIDeployLegacy from the user (by its two ends or by edge id) cuts its blast radius to nothing', async () => {
    const print = fingerprint(session.graph);
    for (const change of [{ type: 'policy-attachment', principal: JENKINS, policy: LEGACY }, { type: 'policy-attachment', edge: `hasPolicy|${JENKINS}|${LEGACY}` }] as Change[]) {
      const r = await whatIf(session, [change], ASOF, { before });
      expect(r.problems).toEqual([]);
      expect(r.diff.adminPaths.closed.map((c) => c.principal)).toEqual([JENKINS]);
      expect(named(r, JENKINS)).toMatchObject({ before: { identities: 37, resources: 17, score: 100 }, after: { identities: 0, resources: 0, score: 0, adminOf: [] } });
      expect(r.diff.grants.removed.map((g) => g.key)).toEqual([`hasPolicy|${JENKINS}|${LEGACY}`]);
      expect(allActions(r)).toEqual([
        expect.objectContaining({ provider: 'aws', action: `detach policy ${LEGACY} from user svc-jenkins-deploy (${JENKINS})`, command: `aws iam detach-user-policy --user-name svc-jenkins-deploy --policy-arn ${LEGACY}` }),
      ]);
      expect(allActions(r)[0]!.evidence[0]).toMatchObject({ file: 'iam-get-account-authorization-details.json', location: 'UserDetailList[5].AttachedManagedPolicies[0]' });
    }
    expect(fingerprint(session.graph)).toBe(print);
  });

  it('leaves a workspace never analysed untouched too, analysing a copy for "before"', async () => {
    const fresh = new ImportSession();
    fresh.addFiles(demoFiles());
    const print = fingerprint(fresh.graph);
    const r = await whatIf(fresh, [{ type: 'policy-statement', policy: LEGACY, statement: '#3' }], ASOF);
    expect(named(r, JENKINS)).toMatchObject({ before: { identities: 37 }, after: { identities: 1 } });
    expect(fingerprint(fresh.graph)).toBe(print);
  });
});

describe('what-if: other removals', () => {
  it('removing a whole identity takes its credentials and memberships with it', async () => {
    const eve = `${A}:user/eve.contractor`;
    const r = await whatIf(session, [{ type: 'identity', node: eve }], ASOF, { before });
    expect(r.problems).toEqual([]);
    expect(r.applied[0]!.removedNodes).toEqual([eve, `${eve}#password`, `${eve}#access-key-1`]);
    expect(r.after.analysis.graph.hasNode(eve)).toBe(false);
    expect(r.diff.identities.removed.map((n) => n.id)).toEqual([eve]);
    expect(r.diff.credentials.removed.map((n) => n.id)).toEqual([`${eve}#access-key-1`, `${eve}#password`]);
    expect(r.diff.grants.removed.map((g) => g.kind)).toEqual(['hasPolicy', 'memberOf']);
    expect(r.diff.adminPaths.closed.map((c) => c.principal)).toEqual([eve]);
    expect(named(r, eve)).toMatchObject({ before: { identities: 8, score: 98, adminOf: ['northwind-analytics'] } });
    expect(named(r, eve)!.after).toBeUndefined();
    expect(metric(r, 'identities')).toMatchObject({ before: 42, after: 41, delta: -1 });
    // Admins reach one identity fewer because it is gone: listed as removed, not as a change of their reach.
    expect(r.diff.blast.changes.map((c) => c.id)).toEqual([]);
    expect(allActions(r)).toEqual([expect.objectContaining({ provider: 'aws', action: expect.stringMatching(/^delete IAM user eve\.contractor \(arn:aws:iam::210987654321:user\/eve\.contractor\)/), command: 'aws iam delete-user --user-name eve.contractor' })]);
    expect(planText(r.plan).join('\n')).toMatch(/user\/eve\.contractor\n {4}before: identities 8, resources 15, score 98, admin of northwind-analytics\n {4}after: {2}removed/);
  });

  it('removing a group membership closes the path the group gave', async () => {
    const chen = `${A}:user/chen.li`;
    const r = await whatIf(session, [{ type: 'group-membership', member: chen, group: `${A}:group/Developers` }], ASOF, { before });
    expect(r.diff.adminPaths.closed.map((c) => c.principal)).toEqual([chen]);
    expect(r.plan.identities.map((i) => i.id)).toEqual([chen]);
    expect(named(r, chen)).toMatchObject({ before: { identities: 6, resources: 5, score: 55.7 }, after: { identities: 0, resources: 0, score: 0 } });
    expect(allActions(r)).toEqual([expect.objectContaining({ action: `remove user chen.li from group Developers (${A}:group/Developers)`, command: 'aws iam remove-user-from-group --user-name chen.li --group-name Developers' })]);
  });

  it('removing a trust takes the principal out of the stored trust policy, which sts:AssumeRole reads', async () => {
    const role = `${A}:role/data-pipeline`;
    const r = await whatIf(session, [{ type: 'trust', role, principal: `${A}:root` }], ASOF, { before });
    expect(r.problems).toEqual([]);
    const trust = r.after.analysis.graph.getNodeAttributes(role).attributes.trustPolicy as { Statement: { Principal: unknown }[] };
    expect(trust.Statement.map((s) => s.Principal)).toEqual([{ Service: 'glue.amazonaws.com' }]);
    expect(r.diff.adminPaths.closed.map((c) => c.principal).sort()).toEqual([`${A}:user/chen.li`, `${A}:user/eve.contractor`]);
    expect(allActions(r)[0]).toMatchObject({ action: `remove ${A}:root from the trust policy of role data-pipeline (${role}) (statement #1)`, command: 'aws iam update-assume-role-policy --role-name data-pipeline --policy-document file://data-pipeline-trust.json' });
    // The same by statement.
    const s = await whatIf(session, [{ type: 'trust', role, statement: 1 }], ASOF, { before });
    expect(s.diff.adminPaths.closed.map((c) => c.principal).sort()).toEqual([`${A}:user/chen.li`, `${A}:user/eve.contractor`]);
    expect(s.diff.grants.removed.map((g) => g.key)).toEqual([`canAssume|${A}:root|${role}`]);
  });

  it('several changes at once, across providers; a derived edge is refused with what to remove instead', async () => {
    const binding = 'k8s.bindsRole|k8s:northwind-prod:Group:platform-admins|k8s:northwind-prod:ClusterRole:cluster-admin|k8s:northwind-prod:ClusterRoleBinding:platform-admins';
    const federation = `federatesTo|${A}:role/data-pipeline|principalSet://iam.googleapis.com/projects/482913573310/locations/global/workloadIdentityPools/aws-northwind/attribute.aws_role/arn:aws:sts::210987654321:assumed-role/data-pipeline|gcp-workload-identity-federation`;
    const r = await whatIf(
      session,
      [
        { type: 'grant', edge: binding },
        { type: 'federation', edge: federation },
        { type: 'credential', node: `${JENKINS}#access-key-1` },
        { type: 'grant', edge: `escalatesTo|${JENKINS}|admin:aws:210987654321|iam-001|${LEGACY}` },
        { type: 'identity', node: `${A}:user/nobody` },
      ],
      ASOF,
      { before },
    );
    expect(r.problems).toEqual([
      `change 3 (grant): it is drawn by the analysis (iam:CreatePolicyVersion on a policy attached to oneself), not imported: remove what it rests on, e.g. {"type":"policy-statement","policy":"${LEGACY}","statement":"#3"}`,
      `change 4 (identity): no node ${A}:user/nobody in the imported exports`,
    ]);
    expect(r.applied.map((a) => a.index)).toEqual([0, 1, 2]);
    expect(r.after.analysis.graph.hasEdge(federation)).toBe(false);
    expect(r.diff.adminPaths.closed.map((c) => c.principal)).toEqual([`${A}:role/data-pipeline`, `${A}:user/chen.li`, `${A}:user/eve.contractor`]);
    const byProvider = Object.fromEntries(r.plan.providers.map((p) => [p.provider, p.actions.map((a) => a.action)]));
    expect(byProvider.kubernetes).toEqual(['delete ClusterRoleBinding platform-admins in cluster northwind-prod (binds cluster-admin to platform-admins)']);
    expect(byProvider.aws).toEqual([`deactivate, then delete access key in slot 1 (its id: aws iam list-access-keys --user-name svc-jenkins-deploy) of user svc-jenkins-deploy (${JENKINS})`]);
    expect(byProvider.gcp![0]).toMatch(/^end the federation of role data-pipeline .* remove either side of it: terraform-gcp@northwind-analytics\.iam\.gserviceaccount\.com\.get-iam-policy\.json: bindings\[0\]\.members\[0\]/);
    expect(r.plan.problems).toEqual(r.problems);
  });

  it('removing a statement of a resource policy drops the grants it made', async () => {
    const bucket = 'arn:aws:s3:::northwind-parcel-customer-uploads';
    const r = await whatIf(session, [{ type: 'policy-statement', policy: `${bucket}#resource-policy`, statement: 'PublicThumbnails' }], ASOF, { before });
    expect(r.problems).toEqual([]);
    expect(r.diff.grants.removed.map((g) => g.key)).toEqual([`grants|*|${bucket}|PublicThumbnails`]);
    expect(allActions(r)[0]).toMatchObject({ action: `delete statement Sid PublicThumbnails (Allow s3:GetObject) from the resource policy of bucket northwind-parcel-customer-uploads (${bucket})`, command: 'aws s3api put-bucket-policy --bucket northwind-parcel-customer-uploads --policy file://policy.json' });
  });
});

describe('applyChanges', () => {
  it('changes a copy, resolving statement indices against the document as imported', () => {
    const print = fingerprint(session.graph);
    const { graph, applied, problems } = applyChanges(session.graph, [
      { type: 'policy-statement', policy: LEGACY, statement: 1 },
      { type: 'policy-statement', policy: LEGACY, statement: 3 },
      { type: 'policy-statement', policy: LEGACY, statement: 9 },
      { type: 'policy-statement', policy: LEGACY, statement: 'NoSuchSid' },
    ]);
    expect(graph).not.toBe(session.graph);
    const st = (graph.getNodeAttributes(LEGACY).attributes.document as { Statement: { Action: unknown }[] }).Statement.map((s) => s.Action);
    expect(st).toEqual([['lambda:UpdateFunctionCode', 'lambda:UpdateFunctionConfiguration', 'lambda:CreateFunction', 'lambda:InvokeFunction'], ['s3:PutObject', 's3:GetObject']]);
    expect(applied.map((a) => a.index)).toEqual([0, 1]);
    expect(problems).toEqual([
      'change 2 (policy-statement): CIDeployLegacy: it has 4 statement(s) (0 to 3); there is no statement 9',
      'change 3 (policy-statement): CIDeployLegacy: no statement with Sid "NoSuchSid" (its statements: #0, #1, #2, #3)',
    ]);
    // The copy carries nothing the analysis derived.
    expect(graph.filterEdges((_k, a) => a.kind === 'escalatesTo')).toEqual([]);
    expect(fingerprint(session.graph)).toBe(print);
  });
});

describe('parseChanges', () => {
  it('accepts every change type, as an array or under "changes"', () => {
    const all: Change[] = [
      { type: 'policy-statement', policy: 'p', statement: 0 },
      { type: 'policy-statement', policy: 'p', statement: 'Sid1' },
      { type: 'policy-attachment', principal: 'u', policy: 'p' },
      { type: 'policy-attachment', edge: 'hasPolicy|u|p' },
      { type: 'group-membership', member: 'u', group: 'g' },
      { type: 'trust', role: 'r', principal: 'u' },
      { type: 'trust', role: 'r', statement: '#0' },
      { type: 'trust', edge: 'canAssume|u|r' },
      { type: 'credential', node: 'k' },
      { type: 'federation', edge: 'e' },
      { type: 'federation', node: 'n', note: 'why' },
      { type: 'grant', edge: 'e' },
      { type: 'identity', node: 'i' },
    ];
    expect(parseChanges(all)).toEqual({ changes: all, problems: [] });
    expect(parseChanges({ changes: all }).changes).toHaveLength(all.length);
  });

  it('names every bad entry', () => {
    const r = parseChanges([
      { type: 'delete-everything' },
      'x',
      { type: 'policy-statement', policy: 'p' },
      { type: 'policy-attachment', edge: 'e', principal: 'u' },
      { type: 'trust', role: 'r', principal: 'u', statement: 1 },
      { type: 'credential', node: 'k', nodes: ['x'] },
      { type: 'policy-statement', policy: 'p', statement: -1 },
      { type: 'identity', node: '' },
      { type: '__proto__' },
    ]);
    expect(r.changes).toEqual([]);
    expect(r.problems).toEqual([
      'changes[0]: "type" must be one of policy-statement, policy-attachment, group-membership, trust, credential, federation, grant, identity (found "delete-everything")',
      'changes[1]: not an object',
      'changes[2] (policy-statement): policy-statement takes "policy" and "statement"',
      'changes[3] (policy-attachment): policy-attachment takes "edge", or "principal" and "policy"',
      'changes[4] (trust): trust takes "edge", or "role" with "principal" or "statement"',
      'changes[5] (credential): unknown field "nodes" for credential (allowed: type, note, node)',
      'changes[6] (policy-statement): "statement" must be a statement index (0, 1, ...), a Sid or "#index"',
      'changes[7] (identity): "node" must be a non-empty string of at most 4096 characters',
      'changes[8]: "type" must be one of policy-statement, policy-attachment, group-membership, trust, credential, federation, grant, identity (found "__proto__")',
    ]);
    expect(parseChanges({ nope: 1 }).problems).toEqual(['the change set must be a JSON array of changes (or an object with a "changes" array)']);
  });

  it('a hostile name stays a plain key and a plain value', async () => {
    const s = new ImportSession();
    s.addFiles([textFile('g.json', JSON.stringify({ UserDetailList: [{ UserName: 'x', UserId: 'AIDAX', Arn: 'arn:aws:iam::111111111111:user/x', GroupList: [], AttachedManagedPolicies: [] }], GroupDetailList: [], RoleDetailList: [], Policies: [] }))]);
    const r = applyChanges(s.graph, parseChanges(JSON.parse('[{"type":"identity","node":"__proto__"}]')).changes);
    expect(r.problems).toEqual(['change 0 (identity): no node __proto__ in the imported exports']);
    expect(({} as Record<string, unknown>).type).toBeUndefined();
  });
});
