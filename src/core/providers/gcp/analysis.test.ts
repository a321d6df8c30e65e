/**
 * The GCP analysis over the fixtures (fixtures/gcp): one organization, folder 555 "Production",
 * projects acme-prod (1111, in the folder) and acme-dev (2222, under the organization). Each
 * technique holds where the fixtures grant it, and a probe that looks like it does not.
 */
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ImportSession } from '../../graph/session';
import { analyze, potentialFindings, type Analysis } from '../../analysis/analysis';
import { adminReport } from '../../analysis/admins';
import { blastRadius } from '../../analysis/blast-radius';
import { whoCan } from '../../analysis/who-can';
import { REPO_FIXTURES, repoFile } from '../../test-support/public-corpus';
import { gcpAnalysisOf, GCP_TECHNIQUES } from './plugin';
import type { Evidence } from '../../model/types';

const AS_OF = Date.parse('2025-06-01T00:00:00Z');
const PROD = 'acme-prod';
const PROJECT = '//cloudresourcemanager.googleapis.com/projects/acme-prod';
const SA = (name: string) => `serviceAccount:${name}@acme-prod.iam.gserviceaccount.com`;
const U = (name: string) => `user:${name}@acme.example`;
const PROD_SAS = 'set:gcp:acme-prod:serviceAccounts';
const ADMIN_PROD = 'admin:gcp:acme-prod';
const ORG = 'organizations/123456789012';

const walk = (d: string): string[] => readdirSync(d).flatMap((f) => (statSync(join(d, f)).isDirectory() ? walk(join(d, f)) : [join(d, f)]));
let a: Analysis;

/** The escalation edge of a technique between two nodes, if any. */
const esc = (source: string, target: string, technique: string) => {
  const key = `escalatesTo|${source}|${target}|${technique}`;
  return a.graph.hasEdge(key) ? a.graph.getEdgeAttributes(key) : undefined;
};
const escFrom = (source: string) => a.graph.filterOutEdges(source, (_, e) => e.kind === 'escalatesTo').map((k) => `${a.graph.target(k)} ${a.graph.getEdgeAttributes(k).attributes.technique}`);

beforeAll(async () => {
  const session = new ImportSession();
  const reports = session.addFiles(walk(join(REPO_FIXTURES, 'gcp')).filter((f) => !f.endsWith('.md')).map((f) => repoFile(relative(REPO_FIXTURES, f))));
  expect(reports.filter((r) => r.status !== 'imported')).toEqual([]);
  a = await analyze(session.graph, { asOf: AS_OF });
});

describe('GCP analysis', () => {
  it('lists its techniques', () => {
    expect(GCP_TECHNIQUES.map((t) => t.id)).toEqual(['gcp-set-iam-policy', 'gcp-actas-deploy', 'gcp-token-creator', 'gcp-sa-key-create', 'gcp-role-update', 'gcp-member-of']);
  });

  it('finds the administrators of each scope, inherited down the hierarchy', () => {
    const gcp = gcpAnalysisOf(a)!;
    expect([...gcp.admins.keys()].sort()).toEqual(['group:platform@acme.example', U('alice'), U('folder-admin'), U('root')].sort());
    expect(esc(U('alice'), ADMIN_PROD, 'gcp-set-iam-policy')!.attributes).toMatchObject({ conditional: false, permissions: [{ action: 'resourcemanager.projects.setIamPolicy', resource: PROJECT, decision: 'allowed' }] });
    expect(esc(U('alice'), ADMIN_PROD, 'gcp-set-iam-policy')!.evidence[0]).toMatchObject({ file: 'acme-prod.iam.json', location: 'bindings[9].members[0]', policy: PROJECT });
    expect(esc(U('root'), `admin:gcp:${ORG}`, 'gcp-set-iam-policy')).toBeDefined();
    expect(esc(U('folder-admin'), 'admin:gcp:folders/555', 'gcp-set-iam-policy')).toBeDefined();
    // Organization → folder → project; organization → acme-dev directly.
    expect(esc(`admin:gcp:${ORG}`, 'admin:gcp:folders/555', 'gcp-set-iam-policy')!.evidence).toContainEqual(expect.objectContaining({ file: 'folders.json', location: 'parent' }));
    expect(esc('admin:gcp:folders/555', ADMIN_PROD, 'gcp-set-iam-policy')!.evidence).toContainEqual(expect.objectContaining({ file: 'projects.json', location: '[0].parent' }));
    expect(esc(`admin:gcp:${ORG}`, 'admin:gcp:acme-dev', 'gcp-set-iam-policy')).toBeDefined();
    // roles/owner on the organization is setIamPolicy on every project below it, not on the organization.
    expect(esc('group:platform@acme.example', `set:gcp:${ORG}:projectAdmins`, 'gcp-set-iam-policy')).toBeDefined();
    expect(a.graph.getNodeAttribute(`set:gcp:${ORG}:projectAdmins`, 'attributes').members).toEqual(expect.arrayContaining([ADMIN_PROD, 'admin:gcp:acme-dev']));
    expect(esc('group:platform@acme.example', `admin:gcp:${ORG}`, 'gcp-set-iam-policy')).toBeUndefined();
    expect(a.graph.getNodeAttribute(U('alice'), 'attributes').admin).toBe(true);
    expect(gcp.scopeOf('//storage.googleapis.com/acme-prod-public')).toBe(PROD);
    expect(gcp.scopeOf('//cloudresourcemanager.googleapis.com/folders/555')).toBe('folders/555');
    expect(gcp.scopeOf('//secretmanager.googleapis.com/projects/1111/secrets/whatever')).toBe(PROD);
  });

  it('reports the admins, and who becomes one, with paths', () => {
    const r = adminReport(a);
    expect(r.admins).toEqual([U('alice'), U('folder-admin'), U('root')]);
    // Only the custom-role updaters: no service account of the fixtures is an administrator.
    expect(r.escalatesToAdmin.map((e) => [e.principal, e.paths[0]!.conditionalSteps])).toEqual([
      [U('erin'), 1],
      [U('ivan'), 0],
    ]);
    expect(r.escalatesToAdmin[0]!.paths[0]!.steps[0]!.explanation).toBe('erin@acme.example → Administrator of project acme-prod by gcp-role-update (Update a custom role)');
  });

  it('gcp-actas-deploy: actAs and a deploy permission in the same project reach its service accounts', () => {
    const e = esc(U('bob'), PROD_SAS, 'gcp-actas-deploy')!;
    expect(e.attributes.conditional).toBe(false);
    expect((e.attributes.permissions as { action: string }[]).map((p) => p.action)).toEqual(['iam.serviceAccounts.actAs', 'run.services.create', 'run.services.update']);
    expect(e.evidence.map((x: Evidence) => x.location)).toEqual(['bindings[3].members[0]', 'bindings[4].members[0]']);
    expect(a.graph.getNodeAttribute(PROD_SAS, 'attributes').members).toEqual([SA('deployer'), SA('app'), SA('ci'), 'serviceAccount:1111-compute@developer.gserviceaccount.com', SA('legacy')]);
    // Through a custom role held by a group.
    expect(esc('group:ops@acme.example', PROD_SAS, 'gcp-actas-deploy')!.attributes.conditional).toBe(false);
    // Probe: actAs on one account without anywhere to deploy is nothing.
    expect(escFrom(U('gina'))).toEqual([]);
  });

  it('gcp-actas-deploy across projects is conditional (cross-project service account use)', () => {
    // deployer holds roles/iam.serviceAccountUser on acme-dev (YAML policy) and can deploy in acme-prod (editor),
    // but acme-dev has no known service account: it is a potential path.
    const p = potentialFindings(a).filter((f) => f.source === SA('deployer'));
    expect(p).toContainEqual({ source: SA('deployer'), technique: { id: 'gcp-actas-deploy', name: 'Act as a service account by deploying code' }, missing: 'the service accounts of project acme-dev (gcloud iam service-accounts list --project acme-dev --format=json)' });
  });

  it('gcp-token-creator: on one account only where granted on it; time conditions decided at the analysis date', () => {
    expect(esc(U('frank'), SA('deployer'), 'gcp-token-creator')!.attributes.conditional).toBe(false);
    expect(escFrom(U('frank'))).toEqual([`${SA('deployer')} gcp-token-creator`]);
    // request.time < 2030: holds on 2025-06-01.
    const dave = esc(U('dave'), PROD_SAS, 'gcp-token-creator')!;
    expect(dave.attributes.conditional).toBe(false);
    expect(dave.evidence[0]).toMatchObject({ condition: 'request.time < timestamp("2030-01-01T00:00:00Z")' });
    // Probe: request.time < 2020 on the folder expired before the analysis date.
    expect(escFrom(U('oncall'))).toEqual([]);
    // GKE workload identity: the import edge and the evaluated one.
    const wi = 'serviceAccount:acme-prod.svc.id.goog[payments/api]';
    expect(a.graph.hasEdge(`gcp.workloadIdentityUser|${wi}|${SA('app')}`)).toBe(true);
    expect(esc(wi, SA('app'), 'gcp-token-creator')!.attributes.conditional).toBe(false);
  });

  it('the same token grant expires when the analysis date passes its condition', async () => {
    const later = await analyze(a.graph, { asOf: Date.parse('2031-01-01T00:00:00Z') });
    expect(later.graph.hasEdge(`escalatesTo|${U('dave')}|${PROD_SAS}|gcp-token-creator`)).toBe(false);
    const earlier = await analyze(a.graph, { asOf: Date.parse('2019-06-01T00:00:00Z') });
    expect(earlier.graph.hasEdge(`escalatesTo|${U('oncall')}|set:gcp:folders/555:serviceAccounts|gcp-token-creator`)).toBe(true);
    a = await analyze(a.graph, { asOf: AS_OF });
  });

  it('gcp-sa-key-create: a condition on resource.name is shown as conditional, never guessed', () => {
    const carol = esc(U('carol'), PROD_SAS, 'gcp-sa-key-create')!;
    expect(carol.attributes.conditional).toBe(true);
    expect(carol.attributes.permissions).toEqual([{ action: 'iam.serviceAccountKeys.create', resource: PROJECT, decision: 'conditional' }]);
    expect(carol.evidence[0]!.condition).toBe('resource.name.startsWith("projects/acme-prod/serviceAccounts/ci-")');
    expect(gcpAnalysisOf(a)!.decide(U('carol'), 'iam.serviceAccountKeys.create', SA('ci'))).toBe('conditional');
    expect(gcpAnalysisOf(a)!.decide(U('carol'), 'iam.serviceAccountKeys.create', 'serviceAccount:other@elsewhere.iam.gserviceaccount.com')).toBe('no');
  });

  it('gcp-role-update: conditional unless the updater holds the role itself', () => {
    const erin = esc(U('erin'), ADMIN_PROD, 'gcp-role-update')!;
    expect(erin.attributes).toMatchObject({ conditional: true, notes: [expect.stringMatching(/held by group:ops@acme\.example .*not by user:erin/)] });
    // ivan is a member of ops, which holds the role.
    expect(esc(U('ivan'), ADMIN_PROD, 'gcp-role-update')!.attributes.conditional).toBe(false);
    // Probe: roles/iam.roleAdmin elsewhere would not reach: nobody outside acme-prod can update its roles.
    expect(escFrom(U('bob')).some((e) => e.endsWith('gcp-role-update'))).toBe(false);
  });

  it('gcp-member-of: members of a group that escalates reach it; a domain that does not escalate costs no edge', () => {
    expect(esc(U('henry'), 'group:ops@acme.example', 'gcp-member-of')!.evidence[0]).toMatchObject({ file: 'ops@acme.example.members.json', location: '[0].preferredMemberKey' });
    expect(esc(SA('ci'), 'group:ops@acme.example', 'gcp-member-of')).toBeDefined();
    expect(a.graph.filterInEdges('domain:acme.example', (_, e) => e.kind === 'escalatesTo')).toEqual([]);
    // projectOwner:acme-prod and projectEditor:acme-prod own the public bucket: its holders stand behind them.
    expect(esc(SA('deployer'), 'projectEditor:acme-prod', 'gcp-member-of')).toBeUndefined();
    const gcp = gcpAnalysisOf(a)!;
    expect(gcp.decide(SA('deployer'), 'storage.buckets.setIamPolicy', '//storage.googleapis.com/acme-prod-public')).toBe('allowed');
    expect(gcp.decide(U('bob'), 'storage.buckets.setIamPolicy', '//storage.googleapis.com/acme-prod-public')).toBe('no');
  });

  it('evaluates access with inheritance, groups, domains and public members', () => {
    const gcp = gcpAnalysisOf(a)!;
    const secret = '//secretmanager.googleapis.com/projects/acme-prod/secrets/db-password';
    // ci: on the secret itself; app: on the project.
    expect(gcp.decide(SA('ci'), 'secretmanager.versions.access', secret)).toBe('allowed');
    expect(gcp.decide(SA('app'), 'secretmanager.versions.access', secret)).toBe('allowed');
    expect(gcp.decide(SA('deployer'), 'secretmanager.versions.access', secret)).toBe('no');
    expect(gcp.accessOf(SA('ci'), secret)!.allowed.Read).toContain('secretmanager.versions.access');
    // Inherited from the organization through the domain: roles/viewer.
    expect(gcp.decide(U('gina'), 'resourcemanager.projects.get', PROJECT)).toBe('allowed');
    expect(gcp.decide(U('gina'), 'compute.instances.list', PROJECT)).toBe('allowed');
    expect(gcp.decide('user:someone@elsewhere.example', 'compute.instances.list', PROJECT)).toBe('no');
    // ... but allUsers' storage.objectViewer includes resourcemanager.projects.get: anyone has it.
    expect(gcp.decide('user:someone@elsewhere.example', 'resourcemanager.projects.get', PROJECT)).toBe('allowed');
    // allUsers: objectViewer on the project applies to the bucket, for anyone.
    const anyone = gcp.accessOf('allUsers', '//storage.googleapis.com/acme-prod-public')!;
    expect(Object.keys(anyone.allowed).sort()).toEqual(['List', 'Read']);
    expect(anyone.allowed.Read).toContain('storage.objects.get');
    expect(anyone.conditional).toEqual({});
    // The owner's access to the project, by level; full access lists what the scope's administrator holds.
    expect(gcp.accessOf(U('alice'), PROJECT)!.allowed['Permissions management']).toContain('resourcemanager.projects.setIamPolicy');
    expect(gcp.fullAccess(secret).allowed.Read).toContain('secretmanager.versions.access');
    expect(gcp.serviceOf(secret)).toBe('secretmanager');
    expect(gcp.serviceOf('//pubsub.googleapis.com/projects/acme-dev/topics/events')).toBe('pubsub');
    expect(gcp.unknownRoles).toEqual([]);
  });

  it('answers blast radius and who-can through the shared analyses', () => {
    const bob = blastRadius(a, U('bob'));
    expect(bob.identities.map((i) => i.id)).toEqual(expect.arrayContaining([PROD_SAS, SA('deployer'), SA('app')]));
    expect(bob.adminOf).toEqual([]);
    // frank mints the deployer's tokens (1 hop); the deployer, an editor, deploys as any account of the project.
    const frank = blastRadius(a, U('frank'));
    const hops = Object.fromEntries(frank.identities.map((i) => [i.id, i.hops]));
    expect(hops[SA('deployer')]).toBe(1);
    expect(hops[SA('app')]).toBe(3);
    const alice = blastRadius(a, U('alice'));
    expect(alice.adminOf).toEqual([PROD]);
    // Whoever holds the deployer's user-managed key acts as it.
    const key = '//iam.googleapis.com/projects/acme-prod/serviceAccounts/deployer@acme-prod.iam.gserviceaccount.com/keys/0a1b2c3d4e5f60718293a4b5c6d7e8f901234567';
    expect(blastRadius(a, key).identities[0]!.id).toBe(SA('deployer'));
    const who = whoCan(a, '//secretmanager.googleapis.com/projects/acme-prod/secrets/db-password', 'secretmanager.versions.access');
    // ci on the secret, app on the project, alice (owner) and platform (owner on the organization) by inheritance.
    expect(who.direct.sort()).toEqual(['group:platform@acme.example', SA('app'), SA('ci'), U('alice')].sort());
    expect(who.reachers.map((r) => r.id)).toEqual(expect.arrayContaining([U('bob'), U('frank'), U('henry'), ADMIN_PROD]));
    expect(who.reachers.map((r) => r.id)).not.toContain(U('gina'));
  });

  it('writes only derived state: a second analysis gives the same edges', async () => {
    const before = a.graph.filterEdges((_, e) => e.kind === 'escalatesTo').sort();
    a = await analyze(a.graph, { asOf: AS_OF });
    expect(a.graph.filterEdges((_, e) => e.kind === 'escalatesTo').sort()).toEqual(before);
  });
});
