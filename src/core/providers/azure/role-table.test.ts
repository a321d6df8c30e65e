/** The committed built-in role table decodes to exactly the public dataset's permission blocks. */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hasPublicCorpus, PUBLIC_CORPUS } from '../../test-support/public-corpus';
import { loadRoleTable } from './role-table';
import { CompiledRole } from './role-permissions';

describe('Azure built-in role table', () => {
  it('holds the 928 built-in roles, with attribution', async () => {
    const t = await loadRoleTable();
    expect(t.size).toBe(928);
    expect(t.source).toMatch(/iann0036\/iam-dataset .*MIT/);
    expect(t.nameOf('8e3af657-a8ff-443c-a75c-2fe8c4bcb635')).toBe('Owner');
    expect(t.guidOf('user access administrator')).toBe('18d7d88d-d35e-4fb5-a5c3-7773c20a72d9');
  });

  it.skipIf(!hasPublicCorpus)('decodes every role to the blocks of built-in-roles-raw.json', async () => {
    const t = await loadRoleTable();
    const raw = JSON.parse(readFileSync(resolve(PUBLIC_CORPUS, 'iam-dataset/azure/built-in-roles-raw.json'), 'utf8')) as { name: string; permissions: Record<string, unknown>[] }[];
    const sorted = (xs: unknown) => [...new Set((xs as string[] | null) ?? [])].sort();
    for (const r of raw) {
      const blocks = t.blocksOf(r.name)!;
      expect(blocks.map((b) => [sorted(b.actions), sorted(b.notActions), sorted(b.dataActions), sorted(b.notDataActions), b.condition ?? null]), r.name).toEqual(
        r.permissions.map((p) => [sorted(p.actions), sorted(p.notActions), sorted(p.dataActions), sorted(p.notDataActions), p.condition ?? null]),
      );
    }
  });

  it('subtracts notActions within their block, and matches without case', async () => {
    const t = await loadRoleTable();
    const contributor = new CompiledRole('c', 'Contributor', t.blocksOf('b24988ac-6180-42a0-ab88-20f7382dd24c')!);
    expect(contributor.permits('microsoft.authorization/roleassignments/write', false)).toBe('no');
    expect(contributor.permits('microsoft.compute/virtualmachines/write', false)).toBe('allowed');
    expect(contributor.permits('microsoft.keyvault/vaults/secrets/getsecret/action', true)).toBe('no');
    const uaa = new CompiledRole('u', 'UAA', t.blocksOf('18d7d88d-d35e-4fb5-a5c3-7773c20a72d9')!);
    expect(uaa.permits('microsoft.authorization/roleassignments/write', false)).toBe('allowed');
  });
});
