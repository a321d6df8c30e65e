/** OIDC tokens into AWS roles: the trust decides, subject patterns that admit other organisations are flagged. */
import { describe, expect, it } from 'vitest';
import { ImportSession } from '../graph/session';
import { analyze } from '../analysis/analysis';
import { blastRadius } from '../analysis/blast-radius';
import { repoFile } from '../test-support/public-corpus';
import { parseOidcStart, oidcNodeId, type OidcStart } from './oidc';

const A = '210987654321';
const GH = 'token.actions.githubusercontent.com';
const R = (n: string) => `arn:aws:iam::${A}:role/${n}`;

async function analysed(starts: OidcStart[]) {
  const s = new ImportSession();
  s.addFiles([repoFile('aws/github-oidc-roles.json'), repoFile('aws/github-oidc-provider.json')]);
  return analyze(s.graph, { asOf: Date.UTC(2026, 10, 22), starts });
}

/** `role-name` (` ?` when conditional) for each federatesTo edge out of a node. */
const federated = (a: Awaited<ReturnType<typeof analysed>>, from: string) =>
  a.graph.hasNode(from)
    ? a.graph
        .outEdges(from)
        .filter((e) => a.graph.getEdgeAttribute(e, 'kind') === 'federatesTo')
        .map((e) => `${a.graph.target(e).split('/').pop()}${a.graph.getEdgeAttributes(e).attributes.conditional ? ' ?' : ''}`)
        .sort()
    : [];

describe('parseOidcStart', () => {
  it.each([
    [`oidc:${GH}:repo:acme/web:ref:refs/heads/main`, { issuer: GH, subject: 'repo:acme/web:ref:refs/heads/main' }],
    [`oidc:oidc.eks.eu-west-1.amazonaws.com/id/ABC123:system:serviceaccount:ci:deployer`, { issuer: 'oidc.eks.eu-west-1.amazonaws.com/id/abc123', subject: 'system:serviceaccount:ci:deployer' }],
  ])('%s', (text, expected) => expect(parseOidcStart(text)).toEqual(expected));
  it.each(['repo:acme/web', 'oidc:', `oidc:${GH}`, `oidc::x`])('refuses %j', (text) => expect(parseOidcStart(text)).toHaveProperty('error'));
});

describe('OIDC federation into AWS role trusts', () => {
  it('a main-branch token of acme/web reaches exactly the roles whose trust admits it', async () => {
    const start = { issuer: GH, subject: 'repo:acme/web:ref:refs/heads/main' };
    const a = await analysed([start]);
    const id = oidcNodeId(GH, start.subject);
    // gh-other-org names another repository; gh-workflow-pinned also tests job_workflow_ref, which the token's sub does not tell.
    expect(federated(a, id)).toEqual(['gh-acme-prefix-wildcard', 'gh-any-acme-repo', 'gh-deploy-web-main', 'gh-no-subject', 'gh-workflow-pinned ?']);
    const edge = a.graph.getEdgeAttributes(a.graph.outEdges(id).find((e) => a.graph.target(e) === R('gh-deploy-web-main'))!);
    expect(edge.evidence[0]).toMatchObject({ file: 'github-oidc-roles.json', location: 'RoleDetailList[0].AssumeRolePolicyDocument.Statement[0]', statement: 'GitHubActions' });
    expect(edge.evidence[0]!.note).toMatch(/sub=repo:acme\/web:ref:refs\/heads\/main, aud=sts.amazonaws.com satisfies the trust/);
    const pinned = a.graph.getEdgeAttributes(a.graph.outEdges(id).find((e) => a.graph.target(e) === R('gh-workflow-pinned'))!);
    expect(pinned.evidence[0]!.note).toMatch(/not evaluated: .*job_workflow_ref/);
  });

  it('a feature-branch token does not get the main-branch deploy role, and its blast radius says so', async () => {
    const start = { issuer: GH, subject: 'repo:acme/web:ref:refs/heads/feature-x' };
    const a = await analysed([start]);
    const id = oidcNodeId(GH, start.subject);
    expect(federated(a, id)).toEqual(['gh-acme-prefix-wildcard', 'gh-any-acme-repo', 'gh-no-subject']);
    const br = blastRadius(a, id);
    expect(br.admins.map((x) => x.scope)).toEqual([A]);
    expect(br.identities.find((i) => i.id === R('gh-acme-prefix-wildcard'))).toMatchObject({ provider: 'aws', kind: 'role', hops: 1 });
  });

  it('"any subject" edges go to trusts without a subject restriction and to org wildcards that admit other organisations', async () => {
    const a = await analysed([]);
    expect(federated(a, oidcNodeId(GH, '*'))).toEqual(['gh-acme-prefix-wildcard', 'gh-no-subject']);
    const e = a.graph.getEdgeAttributes(a.graph.outEdges(oidcNodeId(GH, '*')).find((x) => a.graph.target(x) === R('gh-acme-prefix-wildcard'))!);
    expect(e.evidence[0]!.note).toMatch(/subject patterns \(repo:acme\*\) admit repo:acmeblastmap-probe-org\//);
  });
});
