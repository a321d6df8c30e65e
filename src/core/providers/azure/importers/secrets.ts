/**
 * `az keyvault secret list --vault-name V` (and `secret show`, whose `value` is deleted here and
 * counted before anything could keep it): each secret with what the age judgements read
 * (`created`, `updated` as last rotation, `expires`, `enabled`). Secret ids are URLs
 * (`https://V.vault.azure.net/secrets/NAME`) that do not say which subscription the vault is in:
 * the analysis finds the vault by name, and when another file of the batch names the vault's ARM
 * id (session fact `azure.vault`), the secret is drawn as a child of it here.
 */
import type { ImportContext, JsonImporter } from '../../../importers/types';
import { isRecord, own, ownString } from '../../../io/safe-object';
import { parseSecretId, secretNodeId } from '../ids';
import { AzureWriter, at, defined, detectItem, forEachItem, label, tagPairs } from './common';

/** Session fact kind: `VAULTNAME=ARM key` for each vault whose ARM id some file of the batch names. */
export const VAULT_FACT = 'azure.vault';

const isSecretRecord = (r: Record<string, unknown>) => parseSecretId(ownString(r, 'id') ?? '') !== undefined && (isRecord(own(r, 'attributes')) || own(r, 'name') !== undefined);

/** The vaults the session's files name, by vault name. */
function vaultKeys(ctx: ImportContext): Map<string, string> {
  const out = new Map<string, string>();
  for (const f of ctx.facts.get(VAULT_FACT) ?? []) {
    const eq = f.indexOf('=');
    if (eq > 0 && !out.has(f.slice(0, eq))) out.set(f.slice(0, eq), f.slice(eq + 1));
  }
  return out;
}

export const keyVaultSecretsImporter: JsonImporter = {
  format: 'azure.keyvault-secrets',
  label: 'Key Vault secrets (az keyvault secret list)',
  provider: 'azure',
  detect: detectItem(isSecretRecord),
  read(docs, ctx) {
    const w = new AzureWriter(ctx);
    const vaults = vaultKeys(ctx);
    forEachItem(
      docs,
      ctx,
      (rec, where) => {
        if (own(rec, 'value') !== undefined && own(rec, 'value') !== null && own(rec, 'value') !== '') {
          delete rec.value;
          ctx.b.droppedSecrets++;
          ctx.b.note('dropped the secret values of `az keyvault secret show` output; Blastmap never stores secret material');
        }
        const s = parseSecretId(ownString(rec, 'id') ?? '');
        if (!s) return ctx.b.warn(`${label(where)}: id ${JSON.stringify((ownString(rec, 'id') ?? '').slice(0, 120))} is not https://VAULT.vault.azure.net/secrets/NAME; skipped`);
        const a = own(rec, 'attributes');
        const aw = at(where, 'attributes');
        const enabled = own(a, 'enabled');
        const id = secretNodeId(s.host, s.name);
        w.b.node({
          id,
          kind: 'azure.secret',
          name: `${ownString(rec, 'name') ?? s.name} (${s.vault})`,
          attributes: defined({
            vault: s.vault,
            secretName: s.name,
            enabled: typeof enabled === 'boolean' ? enabled : undefined,
            created: w.time(a, 'created', aw),
            lastRotated: w.time(a, 'updated', aw),
            expires: w.time(a, 'expires', aw) ?? w.time(a, 'exp', aw),
            notBefore: w.time(a, 'notBefore', aw) ?? w.time(a, 'nbf', aw),
            contentType: ownString(rec, 'contentType'),
            managed: own(rec, 'managed') === true || undefined,
            tags: tagPairs(own(rec, 'tags')),
          }),
        });
        const vault = vaults.get(s.vault);
        if (vault) {
          w.scope(vault, vault, where);
          w.b.edge('azure.childOf', id, vault, w.ev(at(where, 'id'), { note: `secret of vault ${s.vault} (its ARM id from another file of the batch)` }));
        }
      },
      'secret',
    );
  },
};

const VAULT_ID = /"\/subscriptions\/[^"/]+\/resourcegroups\/[^"/]+\/providers\/microsoft\.keyvault\/vaults\/([a-z0-9-]{3,24})"/gi;

/** `VAULTNAME=ARM key` for each vault ARM id a file mentions (a regular expression, no parse). */
export function* prescanVaults(text: string): Iterable<[string, string]> {
  if (!/microsoft\.keyvault\/vaults\//i.test(text)) return;
  for (const m of text.matchAll(VAULT_ID)) yield [VAULT_FACT, `${m[1]!.toLowerCase()}=${m[0].slice(1, -1).toLowerCase()}`];
}
