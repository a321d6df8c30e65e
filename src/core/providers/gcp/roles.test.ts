/** The bundled predefined-role table decodes to exactly what scripts/build-gcp-roles.mjs read. */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadRoleTable } from './roles';
import { levelOf } from './access-levels';

const SOURCE = resolve(__dirname, '../../../../../shared/data/iam-dataset/gcp-role-permissions.json');

describe('GCP role table', () => {
  it('holds the basic roles and the roles the techniques rely on', async () => {
    const t = await loadRoleTable();
    expect(t.source).toMatch(/iann0036\/iam-dataset .*MIT, commit 2073fa52ac008a45477aa0b1b4580cd99135bf60/);
    expect(t.size).toBe(2461);
    expect(t.permissionsOf('roles/owner')!.size).toBe(13568);
    expect(t.permissionsOf('roles/editor')!.has('iam.serviceAccounts.actAs')).toBe(true);
    expect(t.permissionsOf('roles/viewer')!.has('resourcemanager.projects.setIamPolicy')).toBe(false);
    expect([...t.permissionsOf('roles/iam.serviceAccountTokenCreator')!].sort()).toEqual([
      'iam.serviceAccounts.get', 'iam.serviceAccounts.getAccessToken', 'iam.serviceAccounts.getOpenIdToken', 'iam.serviceAccounts.implicitDelegation',
      'iam.serviceAccounts.list', 'iam.serviceAccounts.signBlob', 'iam.serviceAccounts.signJwt', 'resourcemanager.projects.get', 'resourcemanager.projects.list',
    ]);
    expect(t.info('roles/iam.workloadIdentityUser')).toEqual({ title: 'Workload Identity User', stage: 'GA' });
    expect(t.permissionsOf('roles/does.not.exist')).toBeUndefined();
  });

  it.skipIf(!existsSync(SOURCE))('decodes every role to its source permissions', async () => {
    const t = await loadRoleTable();
    const src = JSON.parse(readFileSync(SOURCE, 'utf8')) as { roles: Record<string, { permissions: string[] }> };
    for (const [name, r] of Object.entries(src.roles)) expect([...t.permissionsOf(name)!].sort(), name).toEqual([...new Set(r.permissions)].sort());
  });

  it.each([
    ['secretmanager.versions.access', 'Read'],
    ['storage.objects.get', 'Read'],
    ['storage.buckets.getIamPolicy', 'Read'],
    ['compute.instances.list', 'List'],
    ['iam.serviceAccounts.getAccessToken', 'Permissions management'],
    ['iam.serviceAccounts.actAs', 'Permissions management'],
    ['resourcemanager.projects.setIamPolicy', 'Permissions management'],
    ['iam.serviceAccountKeys.create', 'Permissions management'],
    ['iam.roles.update', 'Permissions management'],
    ['storage.buckets.createTagBinding', 'Tagging'],
    ['compute.instances.setLabels', 'Tagging'],
    ['compute.instances.create', 'Write'],
    ['storage.objects.delete', 'Write'],
  ])('%s is %s', (permission, level) => {
    expect(levelOf(permission)).toBe(level);
  });
});
