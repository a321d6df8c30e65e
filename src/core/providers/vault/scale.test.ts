/**
 * Scale: a Vault with 3,000 AppRoles, 500 policies, 500 AWS engine roles and 5,000 KV secrets.
 * The analysis decides only what each policy set's rules can name (per set, not per role), so
 * decisions follow grants: nothing pairs every role with every node.
 */
import { describe, expect, it } from 'vitest';
import { ImportSession } from '../../graph/session';
import { analyze } from '../../analysis/analysis';
import { blastRadius } from '../../analysis/blast-radius';
import type { FileInput } from '../../importers/import-file';
import { vaultAnalysisOf } from './plugin';
import { AS_OF } from './test-support/scenario';

const T = 500;
const read = (data: unknown) => JSON.stringify({ request_id: 'r', lease_id: '', lease_duration: 0, renewable: false, data, warnings: null });
const file = (path: string, text: string): FileInput => ({ name: path.split('/').pop()!, path: `big/${path}`, text, bytes: text.length });

function bigVault(): FileInput[] {
  const files: FileInput[] = [file('sys/mounts.json', JSON.stringify({ 'secret/': { type: 'kv', accessor: 'kv_1', options: { version: '2' } }, 'aws/': { type: 'aws', accessor: 'aws_1' } }))];
  for (let i = 0; i < T; i++) {
    files.push(file(`sys/policy/team-${i}.hcl`, `path "secret/data/team-${i}/*" { capabilities = ["read", "list"] }\npath "aws/creds/role-${i}" { capabilities = ["read"] }\npath "auth/approle/role/app-${(i + 1) % T}/secret-id" { capabilities = ["update"] }\n`));
    files.push(file(`aws/roles/role-${i}.json`, read({ credential_type: 'assumed_role', role_arns: [`arn:aws:iam::111122223333:role/team-${i}`] })));
  }
  for (let i = 0; i < 3000; i++) files.push(file(`auth/approle/role/app-${i}.json`, read({ bind_secret_id: true, token_policies: [`team-${i % T}`] })));
  for (let i = 0; i < 5000; i++) files.push(file(`secret/data/team-${i % T}/s${i}.json`, read({ data: { v: 'x' }, metadata: { version: 1 } })));
  return files;
}

describe('a big Vault', () => {
  it('analyses in time proportional to the grants', { timeout: 120_000 }, async () => {
    const session = new ImportSession();
    session.addFiles(bigVault());
    const a = await analyze(session.graph, { asOf: AS_OF });
    const v = vaultAnalysisOf(a)!;
    expect(v.model.sets.size).toBe(T);
    // Per set: its own creds path (2 requests) and secret-id target; no set decides the others'.
    expect(v.model.decisionCount).toBeLessThan(T * 40);
    let creds = 0;
    a.graph.forEachEdge((_, e) => {
      if (e.kind === 'escalatesTo' && e.attributes.technique === 'vault-read-creds') creds++;
    });
    expect(creds).toBe(3000 + T);
    const br = blastRadius(a, 'vault:big:auth/approle/role/app-0');
    expect(br.identities.map((i) => i.id)).toContain('arn:aws:iam::111122223333:role/team-0');
    expect(br.resources.filter((r) => r.kind === 'vault.secret').length).toBeGreaterThanOrEqual(10);
  });
});
