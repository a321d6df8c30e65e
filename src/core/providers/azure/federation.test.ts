/**
 * AKS workload identity, checked on both sides: the service account's
 * `azure.workload.identity/client-id` annotation AND a federated credential of that identity whose
 * issuer is the cluster's OIDC issuer, subject `system:serviceaccount:NS:NAME` and audience
 * `api://AzureADTokenExchange`, all exact. Each of the three changed in turn rejects the link.
 * Then GitHub Actions federated credentials against `--from oidc:...` start points.
 */
import { describe, expect, it } from 'vitest';
import { ImportSession } from '../../graph/session';
import { analyze, type Analysis } from '../../analysis/analysis';
import { privilegePaths } from '../../analysis/privilege-paths';
import { oidcNodeId, type OidcStart } from '../../federation';
import { repoFile, textFile } from '../../test-support/public-corpus';
import type { FileInput } from '../../importers/import-file';

const AS_OF = Date.UTC(2025, 5, 1);
const ISSUER = 'https://westeurope.oic.prod-aks.azure.com/72f988bf-0000-4000-8000-2d7cd011db47/4f506172-8394-4a5b-b6c7-d8e9f0011223/';
const SA = (name: string) => `k8s:aks-payments:ServiceAccount:payments/${name}`;
const API_MI = 'azure:principal:d1000000-0000-4000-8000-000000000020';
const MI_ID = '/subscriptions/0b1c2d3e-4f50-4617-8293-a4b5c6d7e8f9/resourceGroups/rg-payments/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-payments-api';
const CI_SP = 'azure:principal:c1000000-0000-4000-8000-000000000011';

const base = () => ['kubernetes/aks-show.json', 'azure/aks-payments.serviceaccounts.json', 'azure/identities.json', 'azure/role-assignments.json'].map((f) => repoFile(f));

async function analysed(files: FileInput[], starts: OidcStart[] = []): Promise<Analysis> {
  const s = new ImportSession();
  const reports = s.addFiles(files);
  expect(reports.filter((r) => r.status !== 'imported').map((r) => [r.file, r.warnings, r.errors])).toEqual([]);
  return analyze(s.graph, { asOf: AS_OF, starts });
}

const federatesTo = (a: Analysis, from: string) =>
  a.graph.hasNode(from)
    ? a.graph
        .outEdges(from)
        .filter((e) => a.graph.getEdgeAttribute(e, 'kind') === 'federatesTo')
        .map((e) => ({ to: a.graph.target(e), ...a.graph.getEdgeAttributes(e) }))
    : [];

/** A federated credential on id-payments-api, with one field changed. */
const fic = (change: Partial<{ issuer: string; subject: string; audiences: string[] }> = {}): FileInput =>
  textFile('fic.json', JSON.stringify([{ id: `${MI_ID}/federatedIdentityCredentials/aks`, name: 'aks', issuer: ISSUER, subject: 'system:serviceaccount:payments:api', audiences: ['api://AzureADTokenExchange'], ...change }]));

describe('AKS workload identity', () => {
  it('links the annotated service account when issuer, subject and audience all match exactly', async () => {
    const a = await analysed([...base(), repoFile('azure/kv-payments.show.json'), repoFile('azure/kv-payments.secrets.json'), fic()]);
    const [edge] = federatesTo(a, SA('api'));
    expect(edge).toMatchObject({ to: API_MI, attributes: { technique: 'aks-workload-identity', conditional: false } });
    // Both sides are the evidence: the annotation, then the federated credential.
    expect(edge!.evidence[0]).toMatchObject({ file: 'aks-payments.serviceaccounts.json', location: 'ServiceAccount payments/api metadata.annotations["azure.workload.identity/client-id"]' });
    // (A one-record list is read like a single record: its location is the document.)
    expect(edge!.evidence[1]).toMatchObject({ file: 'fic.json', location: 'document' });
    // The identity reads the payments vault's secrets: a path from the pod's service account.
    const [path] = privilegePaths(a, SA('api'), 'https://kv-payments.vault.azure.net/secrets/db-password', 1);
    expect(path!.steps.slice(0, 2).map((s) => s.technique ?? s.kind)).toEqual(['aks-workload-identity', 'access']);
  });

  it.each([
    ['issuer', { issuer: ISSUER.replace(/\/$/, '') }],
    ['issuer case', { issuer: ISSUER.replace('westeurope', 'WestEurope') }],
    ['subject', { subject: 'system:serviceaccount:payments:api2' }],
    ['audience', { audiences: ['api://AzureADTokenExchange2'] }],
  ])('rejects the link when the %s differs', async (_what, change) => {
    const a = await analysed([...base(), fic(change)]);
    expect(federatesTo(a, SA('api'))).toEqual([]);
    expect(a.federation.find((f) => f.from === SA('api'))).toMatchObject({ to: API_MI, status: 'rejected', reason: expect.stringMatching(/id-payments-api does not admit it/) });
  });

  it('never links on the annotation alone: without the cluster description the issuer is unknown', async () => {
    const a = await analysed([...base().slice(1), fic()]);
    expect(federatesTo(a, SA('api'))).toEqual([]);
  });

  it('reads the fixture credentials: api federates, worker (audience) and batch (subject) are rejected, orphan is unverified', async () => {
    const a = await analysed([...base(), repoFile('azure/identity-federated-credentials.json')]);
    expect(federatesTo(a, SA('api')).map((e) => e.to)).toEqual([API_MI]);
    const notes = Object.fromEntries(a.federation.map((f) => [f.from, f.status]));
    expect(notes).toEqual({ [SA('worker')]: 'rejected', [SA('batch')]: 'rejected', [SA('orphan')]: 'unverified' });
    expect(federatesTo(a, SA('orphan'))[0]).toMatchObject({ to: 'azure:client:e9000000-0000-4000-8000-000000000099', attributes: { conditional: true, unverified: true } });
  });
});

describe('GitHub Actions federated credentials', () => {
  const files = () => ['azure/service-principals.json', 'azure/applications.json', 'azure/c1000000-0000-4000-8000-000000000010.federated-credentials.json', 'azure/role-assignments.json'].map((f) => repoFile(f));
  const GH = 'token.actions.githubusercontent.com';

  it('a token of the exact subject becomes the application\'s service principal', async () => {
    const start = { issuer: GH, subject: 'repo:acme/infra:ref:refs/heads/main' };
    const a = await analysed(files(), [start]);
    const [edge] = federatesTo(a, oidcNodeId(GH, start.subject));
    expect(edge).toMatchObject({ to: CI_SP, attributes: { technique: 'oidc-web-identity', conditional: false } });
    expect(edge!.evidence[0]).toMatchObject({ file: 'c1000000-0000-4000-8000-000000000010.federated-credentials.json', location: 'document' });
    expect(edge!.attributes.notes).toEqual(["no audience given: the token's requester asks for api://AzureADTokenExchange"]);
  });

  it.each(['repo:acme/infra:ref:refs/heads/feature', 'repo:acme/infra:environment:prod', 'repo:evil/infra:ref:refs/heads/main'])('a token for %s is refused (subjects are exact)', async (subject) => {
    const a = await analysed(files(), [{ issuer: GH, subject }]);
    expect(federatesTo(a, oidcNodeId(GH, subject))).toEqual([]);
  });

  it('an explicit audience the credential does not list is refused', async () => {
    const subject = 'repo:acme/infra:ref:refs/heads/main';
    const a = await analysed(files(), [{ issuer: GH, subject, audience: 'api://something-else' }]);
    expect(federatesTo(a, oidcNodeId(GH, subject))).toEqual([]);
  });

  it('a flexible credential matching claims[\'sub\'] with a wildcard admits other organisations when its pattern does', async () => {
    const flexible = textFile(
      'c1000000-0000-4000-8000-000000000010.flexible.json',
      JSON.stringify([{ id: 'f1c00000-0000-4000-8000-000000000009', name: 'flex', issuer: 'https://token.actions.githubusercontent.com', claimsMatchingExpression: { value: "claims['sub'] matches 'repo:acme*'", languageVersion: 1 }, audiences: ['api://AzureADTokenExchange'] }]),
    );
    const a = await analysed([...files().slice(0, 2), flexible]);
    const [any] = federatesTo(a, oidcNodeId(GH, '*'));
    expect(any).toMatchObject({ to: CI_SP, attributes: { technique: 'oidc-any-subject' } });
    expect(any!.evidence[0]!.note).toMatch(/repo:acme\*\) admit repo:acmeblastmap-probe-org/);
  });
});
