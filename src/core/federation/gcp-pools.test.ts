/**
 * OIDC tokens into GCP through a workload identity pool provider: the provider's issuer, claim
 * mapping and attribute condition decide which pool members the token becomes, and the service
 * account's IAM policy what those members can act as.
 */
import { describe, expect, it } from 'vitest';
import { ImportSession } from '../graph/session';
import { analyze } from '../analysis/analysis';
import { repoFile } from '../test-support/public-corpus';
import { oidcNodeId } from './oidc';

const GH = 'token.actions.githubusercontent.com';
const DEPLOYER = 'serviceAccount:deployer@acme-prod.iam.gserviceaccount.com';

async function reachOf(subject: string) {
  const s = new ImportSession();
  s.addFiles(['gcp/service-accounts.json', 'federation/github-pool-provider.json', 'federation/deployer@acme-prod.iam.gserviceaccount.com.iam.json'].map((f) => repoFile(f)));
  const a = await analyze(s.graph, { asOf: Date.UTC(2026, 10, 22), starts: [{ issuer: GH, subject }] });
  const id = oidcNodeId(GH, subject);
  return { a, edges: a.graph.outEdges(id).map((e) => ({ to: a.graph.target(e), ...a.graph.getEdgeAttributes(e) })) };
}

describe('GitHub Actions into a GCP workload identity pool', () => {
  it('a token of acme/web meets the condition, becomes the repository set, and acts as the deployer service account', async () => {
    const { edges } = await reachOf('repo:acme/web:ref:refs/heads/main');
    const toDeployer = edges.find((e) => e.to === DEPLOYER);
    expect(toDeployer).toMatchObject({ kind: 'federatesTo', attributes: { conditional: false } });
    expect(toDeployer!.evidence[0]).toMatchObject({ file: 'github-pool-provider.json', condition: "assertion.repository_owner == 'acme'" });
    expect(toDeployer!.evidence[1]!.file).toBe('deployer@acme-prod.iam.gserviceaccount.com.iam.json');
  });

  it("another organisation's repository fails the attribute condition; another acme repository is not in the granted set", async () => {
    expect((await reachOf('repo:evil/web:ref:refs/heads/main')).edges).toEqual([]);
    expect((await reachOf('repo:acme/api:ref:refs/heads/main')).edges.map((e) => e.to)).not.toContain(DEPLOYER);
  });
});
