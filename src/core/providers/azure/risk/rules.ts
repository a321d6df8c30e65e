/**
 * Azure and Microsoft Entra ID's own NHI risk rules (the neutral ones already judge application
 * credentials' age, use and validity over a year, Key Vault secrets' rotation, owners and
 * administrators):
 * - client secrets (password credentials) of applications and service principals, where a
 *   certificate or a federated credential would do (NHI4);
 * - Key Vault secrets without an expiry date (NHI7);
 * - multi-tenant applications (signInAudience other than AzureADMyOrg), and service principals of
 *   applications another tenant owns that hold high roles here (NHI3).
 * What counts as a high role: Owner, Contributor, User Access Administrator or Role Based Access
 * Control Administrator at any scope, an active directory role that controls the tenant or adds
 * credentials to applications, or being one of the analysis's administrators.
 */
import type { BlastGraph } from '../../../graph/graph';
import type { Evidence } from '../../../model/types';
import { nodeEvidence } from '../../../risk/evidence';
import type { RiskContext, RuleInfo, RuleSet } from '../../../risk/types';
import { directoryRoleInfo, grantsAppCredentials } from '../directory-role-table';
import { MICROSOFT_TENANT } from '../ids';

export const CLIENT_SECRET: RuleInfo = {
  id: 'azure.client-secret',
  title: 'Application signs in with a client secret',
  owasp: 'NHI4',
  severity: 'medium',
  description: 'An unexpired password credential (client secret) of an application or service principal: a shared string anyone who copies it can use from anywhere, where a certificate, a federated credential or a managed identity would do.',
  remediation: 'Replace the client secret with a federated identity credential (GitHub Actions, AKS, other OIDC issuers) or a managed identity, or at least a certificate kept in a Key Vault; then delete the secret.',
};
export const KEYVAULT_NO_EXPIRY: RuleInfo = {
  id: 'azure.keyvault-secret-no-expiry',
  title: 'Key Vault secret without expiry',
  owasp: 'NHI7',
  severity: 'low',
  description: 'An enabled Key Vault secret with no expiration date (attributes.exp): nothing forces it to be rotated, and a copy stays valid as long as whatever accepts it does.',
  remediation: 'Set an expiration date at most the rotation period away, rotate the secret before it (a rotation policy or Event Grid SecretNearExpiry events), and require expiry with the Azure Policy "Key Vault secrets should have an expiration date".',
};
export const MULTI_TENANT_APP: RuleInfo = {
  id: 'azure.multi-tenant-app',
  title: 'Multi-tenant application',
  owasp: 'NHI3',
  severity: 'low',
  description: 'An application registration whose signInAudience admits accounts of other organizations (AzureADMultipleOrgs, AzureADandPersonalMicrosoftAccount, PersonalMicrosoftAccount): any tenant can consent to it and obtain tokens for it (medium when its service principal here holds a high role).',
  remediation: 'Set signInAudience to AzureADMyOrg unless other organizations must sign in; if they must, check the token\'s tenant (tid) in the application and keep its service principal\'s roles minimal.',
};
export const FOREIGN_APP_PRIVILEGED: RuleInfo = {
  id: 'azure.foreign-app-privileged',
  title: 'Another tenant\'s application holds a high role',
  owasp: 'NHI3',
  severity: 'high',
  description: 'A service principal of an application registered in another tenant (appOwnerOrganizationId not among the imported tenants, Microsoft\'s first-party applications aside) holds a high role here: whoever holds that application\'s credentials in the vendor\'s tenant acts with it.',
  remediation: 'Review the vendor\'s need for the role; replace it with the narrowest role at the narrowest scope, or remove the service principal (and its consent) if the integration is no longer used.',
};

const MULTI_TENANT = new Set(['azureadmultipleorgs', 'azureadandpersonalmicrosoftaccount', 'personalmicrosoftaccount']);
/** Built-in Azure roles that control resources or access to them, by definition GUID. */
const HIGH_RBAC: Record<string, string> = {
  '8e3af657-a8ff-443c-a75c-2fe8c4bcb635': 'Owner',
  'b24988ac-6180-42a0-ab88-20f7382dd24c': 'Contributor',
  '18d7d88d-d35e-4fb5-a5c3-7773c20a72d9': 'User Access Administrator',
  'f58310d9-a9f6-439a-9e8d-f62e7b41a168': 'Role Based Access Control Administrator',
};
const HIGH_RBAC_NAMES = new Set(Object.values(HIGH_RBAC).map((n) => n.toLowerCase()));
const MAX_EVIDENCE = 6;

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const time = (v: unknown): number | undefined => (typeof v === 'string' && !Number.isNaN(Date.parse(v)) ? Date.parse(v) : undefined);

/** The high roles an identity holds, each with the grant's evidence. */
export function highRoles(ctx: RiskContext, id: string): { role: string; evidence: Evidence[] }[] {
  const g = ctx.analysis.graph;
  const out: { role: string; evidence: Evidence[] }[] = [];
  g.forEachOutEdge(id, (_e, attrs, _s, target) => {
    const t = g.getNodeAttributes(target);
    if (attrs.kind === 'azure.roleAssignment') {
      const guid = str(t.attributes.guid) ?? target.slice(target.lastIndexOf(':') + 1);
      const name = str(attrs.attributes.roleName) ?? t.name;
      if (Object.prototype.hasOwnProperty.call(HIGH_RBAC, guid) || HIGH_RBAC_NAMES.has(name.toLowerCase())) {
        out.push({ role: `${name} at ${str(attrs.attributes.scopeId) ?? str(attrs.attributes.scope) ?? '?'}`, evidence: attrs.evidence });
      }
    } else if (attrs.kind === 'azure.directoryRoleAssignment' && attrs.attributes.eligible !== true) {
      const info = directoryRoleInfo(str(t.attributes.templateId) ?? '');
      const perms = Array.isArray(t.attributes.permissions) ? t.attributes.permissions.filter((p): p is string => typeof p === 'string') : [];
      if (info?.tenantAdmin || info?.appCredentials || grantsAppCredentials(perms)) out.push({ role: `directory role ${info?.name ?? t.name}`, evidence: attrs.evidence });
    }
  });
  const admin = ctx.analysis.providers.get('azure')?.admins.get(id);
  if (admin && !out.length) out.push({ role: `administrator${admin.conditional ? ' (under conditions)' : ''}`, evidence: nodeEvidence(g, id) });
  return out;
}

/** The tenants the exports describe (subscriptions' and management groups' tenantId). */
function importedTenants(g: BlastGraph): Set<string> {
  const out = new Set<string>();
  g.forEachNode((_id, n) => {
    const t = n.provider === 'azure' ? str(n.attributes.tenantId) : undefined;
    if (t) out.add(t.toLowerCase());
  });
  return out;
}

/** The identity a credential signs in as (its `credentialOf` edge), with that edge's evidence. */
function holderOf(g: BlastGraph, cred: string): { id: string; kind: string; evidence: Evidence[] } | undefined {
  let found: { id: string; kind: string; evidence: Evidence[] } | undefined;
  g.forEachOutEdge(cred, (_e, attrs, _s, target) => {
    if (!found && attrs.kind === 'credentialOf') found = { id: target, kind: g.getNodeAttribute(target, 'kind'), evidence: attrs.evidence };
  });
  return found;
}

/** An application credential (not a managed identity's, which Azure holds and rotates): its holder. */
export function appCredentialHolder(g: BlastGraph, cred: string): { id: string; kind: string; evidence: Evidence[] } | undefined {
  const h = holderOf(g, cred);
  return h && (h.kind === 'azure.application' || h.kind === 'azure.servicePrincipal') ? h : undefined;
}

/** The service principal of an application in this tenant, if an export describes it. */
function servicePrincipalOf(g: BlastGraph, app: string): string | undefined {
  let sp: string | undefined;
  g.forEachOutEdge(app, (_e, attrs, _s, target) => {
    if (!sp && attrs.kind === 'azure.servicePrincipalOf') sp = target;
  });
  return sp;
}

export const azureRules: RuleSet = {
  rules: [CLIENT_SECRET, KEYVAULT_NO_EXPIRY, MULTI_TENANT_APP, FOREIGN_APP_PRIVILEGED],
  run(ctx, emit) {
    const g = ctx.analysis.graph;
    const tenants = importedTenants(g);
    g.forEachNode((id, n) => {
      if (n.provider !== 'azure' || n.placeholder) return;
      const a = n.attributes;
      if (n.kind === 'azure.credential' && a.credentialType === 'client secret') {
        const expires = time(a.expires);
        if (expires !== undefined && expires < ctx.asOf) return; // expired: it opens nothing
        const holder = appCredentialHolder(g, id);
        if (!holder || !ctx.isNhi(holder.id)) return;
        const holderName = g.getNodeAttribute(holder.id, 'name');
        const appId = str(g.getNodeAttributes(holder.id).attributes.appId);
        const keyId = str(a.keyId) ?? id;
        emit(CLIENT_SECRET, {
          subject: id,
          identity: holder.id,
          evidence: holder.evidence,
          detail: `${n.name}: a client secret of the ${holder.kind === 'azure.application' ? 'application' : 'service principal'} ${holderName}${expires !== undefined ? `, valid until ${new Date(expires).toISOString().slice(0, 10)}` : ''}.`,
          remediation: `Give ${holderName} a federated credential or a certificate instead, then delete this secret (az ad ${holder.kind === 'azure.application' ? 'app' : 'sp'} credential delete --id ${appId ?? holderName} --key-id ${keyId}).`,
        });
      } else if (n.kind === 'azure.secret' && a.secretName !== undefined && (a.created !== undefined || a.enabled !== undefined)) {
        if (a.enabled === false || a.expires !== undefined) return;
        emit(KEYVAULT_NO_EXPIRY, {
          subject: id,
          evidence: nodeEvidence(g, id, 'attributes.expires is null'),
          detail: `${n.name}: enabled, with no expiration date.`,
          remediation: `Set an expiry on secret ${String(a.secretName)} of vault ${String(a.vault)} (az keyvault secret set-attributes --vault-name ${String(a.vault)} --name ${String(a.secretName)} --expires <date>) and rotate it before then.`,
        });
      } else if (n.kind === 'azure.application' && MULTI_TENANT.has((str(a.signInAudience) ?? '').toLowerCase())) {
        if (!ctx.isNhi(id)) return;
        const sp = servicePrincipalOf(g, id);
        const high = sp ? highRoles(ctx, sp) : [];
        emit(MULTI_TENANT_APP, {
          subject: id,
          evidence: [...nodeEvidence(g, id, `signInAudience ${String(a.signInAudience)}`), ...high.flatMap((h) => h.evidence)].slice(0, MAX_EVIDENCE),
          severity: high.length ? 'medium' : 'low',
          detail: `${n.name}: signInAudience ${String(a.signInAudience)}${high.length ? `; its service principal holds ${high.map((h) => h.role).join(', ')}` : ''}.`,
          remediation: `Set signInAudience of ${n.name} to AzureADMyOrg (az ad app update --id ${String(a.appId)} --sign-in-audience AzureADMyOrg) unless other organizations must sign in to it.`,
        });
      } else if (n.kind === 'azure.servicePrincipal') {
        const owner = str(a.appOwnerOrganizationId)?.toLowerCase();
        // Unknown home tenant: "another tenant" cannot be told.
        if (!owner || !tenants.size || tenants.has(owner) || owner === MICROSOFT_TENANT || a.firstParty === true || !ctx.isNhi(id)) return;
        const high = highRoles(ctx, id);
        if (!high.length) return;
        emit(FOREIGN_APP_PRIVILEGED, {
          subject: id,
          evidence: high.flatMap((h) => h.evidence).slice(0, MAX_EVIDENCE),
          detail: `${n.name}: the application ${String(a.appId)} belongs to tenant ${owner} (not ${[...tenants].sort().join(', ')}) and holds ${high.map((h) => h.role).join(', ')}.`,
          remediation: `Confirm with the owner of ${n.name} why the vendor needs ${high.map((h) => h.role).join(', ')}; grant the narrowest role at the narrowest scope instead, or delete the service principal (az ad sp delete --id ${String(a.objectId ?? id)}) if the integration is unused.`,
        });
      }
    });
  },
};
