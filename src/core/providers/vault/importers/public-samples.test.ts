/**
 * Every Vault sample of the public corpus (vault-guides, read in place), table-driven: format,
 * status, counts, the policy's name and scope. And no other file of the corpus is taken for a
 * Vault export (detection reads content; the other providers' samples keep their formats).
 */
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importFile } from '../../../importers/import-file';
import { hasPublicCorpus, publicFile, PUBLIC_CORPUS } from '../../../test-support/public-corpus';
import { expectCleanImport } from '../../../test-support/clean-import';

const G = 'vault-guides';
const TABLE: { file: string; format: string; name: string; counts: Record<string, number> }[] = [
  { file: `${G}/cloud/terraform-hcp-vault/configure-vault/policies/admin-policy.hcl`, format: 'vault.policy.hcl', name: 'admin-policy', counts: { 'vault.policy': 1, 'path block': 10 } },
  { file: `${G}/cloud/terraform-hcp-vault/configure-vault/policies/eaas-client-policy.hcl`, format: 'vault.policy.hcl', name: 'eaas-client-policy', counts: { 'vault.policy': 1, 'path block': 4 } },
  { file: `${G}/identity/aws-second-sample/dev-policy.hcl`, format: 'vault.policy.hcl', name: 'dev-policy', counts: { 'vault.policy': 1, 'path block': 4 } },
  { file: `${G}/governance/sentinel/my-acl-policy.json`, format: 'vault.policy.json', name: 'my-acl-policy', counts: { 'vault.policy': 1, 'path block': 1 } },
];

const walk = (d: string): string[] => readdirSync(d).flatMap((f) => (statSync(join(d, f)).isDirectory() ? walk(join(d, f)) : [join(d, f)]));

describe.skipIf(!hasPublicCorpus)('public Vault samples (vault-guides)', () => {
  it.each(TABLE)('$file imports as $format', ({ file, format, name, counts }) => {
    const { report, fragment } = importFile(publicFile(file));
    expectCleanImport(report, format);
    expect(report.counts).toEqual(counts);
    // Outside an export tree (no sys/policy/ in the path) a policy is named by its file, in the default scope.
    const policy = fragment.nodes.get(`vault:vault:sys/policies/acl/${name}`)!;
    expect(policy).toMatchObject({ kind: 'vault.policy', name, account: 'vault', placeholder: false });
  });

  it('keeps each block with its line and capabilities', () => {
    const { fragment } = importFile(publicFile(TABLE[0]!.file));
    const rules = fragment.nodes.get('vault:vault:sys/policies/acl/admin-policy')!.attributes.rules as { path: string; caps: string[]; line: number }[];
    expect(rules[0]).toEqual({ path: 'auth/*', caps: ['create', 'read', 'update', 'delete', 'list', 'sudo'], line: 2 });
    expect(rules.map((r) => r.path)).toEqual(['auth/*', 'sys/auth/*', 'sys/auth', 'sys/policies/acl/*', 'sys/policies/acl', 'sys/mounts/*', 'sys/mounts', 'secret/*', 'transit/*', 'sys/health']);
  });

  it('claims no other sample of the corpus', () => {
    const others = walk(PUBLIC_CORPUS).filter((f) => !relative(PUBLIC_CORPUS, f).startsWith(G) && !f.endsWith('.md'));
    expect(others.length).toBeGreaterThan(50);
    for (const f of others) expect(importFile(publicFile(relative(PUBLIC_CORPUS, f))).report.format, f).not.toMatch(/^vault\./);
  });
});
