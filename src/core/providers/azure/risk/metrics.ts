/**
 * Azure and Entra lifecycle metrics, as of the analysis date:
 * - servicePrincipalsTotal, managedIdentitiesTotal: as the exports describe them;
 * - appCredentialsTotal: client secrets and certificates of applications and service principals
 *   that sign in (managed identities' credentials are Azure's; token-signing keys sign nothing in),
 *   expired ones included; appPasswordCredentials / appCertificateCredentials split them;
 * - appCredentialsNoExpiryOrOverOneYear: those with no end date or valid more than 365 days from
 *   their start; appCredentialsExpired: those whose end date is before the as-of date;
 * - keyVaultSecretsTotal: secrets a Key Vault secret list describes; keyVaultSecretsWithoutExpiry:
 *   the enabled ones without an expiration date (what `azure.keyvault-secret-no-expiry` reports).
 */
import { DAY_MS } from '../../../model/as-of';
import type { RiskContext } from '../../../risk/types';
import { appCredentialHolder } from './rules';

const time = (v: unknown): number | undefined => (typeof v === 'string' && !Number.isNaN(Date.parse(v)) ? Date.parse(v) : undefined);

export function azureMetrics(ctx: RiskContext): Record<string, number> {
  const m = {
    servicePrincipalsTotal: 0,
    managedIdentitiesTotal: 0,
    appCredentialsTotal: 0,
    appPasswordCredentials: 0,
    appCertificateCredentials: 0,
    appCredentialsNoExpiryOrOverOneYear: 0,
    appCredentialsExpired: 0,
    keyVaultSecretsTotal: 0,
    keyVaultSecretsWithoutExpiry: 0,
  };
  const g = ctx.analysis.graph;
  g.forEachNode((id, n) => {
    if (n.provider !== 'azure' || n.placeholder) return;
    const a = n.attributes;
    if (n.kind === 'azure.servicePrincipal') m.servicePrincipalsTotal++;
    else if (n.kind === 'azure.managedIdentity') m.managedIdentitiesTotal++;
    else if (n.kind === 'azure.credential') {
      if (!appCredentialHolder(g, id)) return;
      m.appCredentialsTotal++;
      if (a.credentialType === 'client secret') m.appPasswordCredentials++;
      else if (a.credentialType === 'certificate') m.appCertificateCredentials++;
      const start = time(a.created);
      const end = time(a.expires);
      if (end === undefined || (start !== undefined && end - start > 365 * DAY_MS)) m.appCredentialsNoExpiryOrOverOneYear++;
      if (end !== undefined && end < ctx.asOf) m.appCredentialsExpired++;
    } else if (n.kind === 'azure.secret' && a.secretName !== undefined && (a.created !== undefined || a.enabled !== undefined)) {
      m.keyVaultSecretsTotal++;
      if (a.enabled !== false && a.expires === undefined) m.keyVaultSecretsWithoutExpiry++;
    }
  });
  return m;
}
