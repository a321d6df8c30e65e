/**
 * The Azure and Microsoft Entra ID provider: role assignments and definitions (built-in roles from
 * the bundled table, custom roles from the exports) over the management group → subscription →
 * resource group → resource hierarchy, service principals, applications and their credentials
 * and owners, managed identities and their federated credentials, Key Vaults and secrets,
 * directory roles; the evaluator (inheritance, groups, conditions, Key Vault permission models);
 * escalation techniques; scopes `/`, `managementGroups/MG`, subscription ids and `tenant`
 * (`admin:azure:<scope>`); federation by federated credentials (AKS workload identity, GitHub
 * Actions and other OIDC issuers).
 */
import type { BlastGraph } from '../../graph/graph';
import type { ProviderAnalysis, ProviderPlugin } from '../types';
import { providerAnalysisOf } from '../types';
import { AZURE_EDGE_KINDS, AZURE_NODE_KINDS } from './kinds';
import { AZURE_IMPORTERS, prescanVaults } from './importers';
import { loadRoleTable } from './role-table';
import { Roles } from './role-permissions';
import { AzureModel } from './model';
import { AzureAccess } from './access';
import { settleNodes } from './normalise';
import { ScopeTargets } from './targets';
import { detectTechniques } from './techniques';
import { AzureFederation, federatedCredentials } from './federation';
import { PROVIDER } from './ids';
import { azureRisk } from './risk';

export { AZURE_TECHNIQUES } from './technique-catalogue';

/** Azure's analysis, with the evaluator that Azure-specific commands and tests may use. */
export interface AzureAnalysis extends ProviderAnalysis {
  model: AzureModel;
  access: AzureAccess;
  /** Roles granted by assignments whose permissions neither an export nor the table knows. */
  unknownRoles: readonly string[];
  roleSource: string;
}

const SERVICE_OF_KIND: Record<string, string> = {
  'azure.managementGroup': 'resources',
  'azure.subscription': 'resources',
  'azure.resourceGroup': 'resources',
  'azure.keyVault': 'keyvault',
  'azure.secret': 'keyvault',
  'azure.federatedCredential': 'managedidentity',
  'azure.roleDefinition': 'authorization',
  'azure.directoryRole': 'entra id',
  'azure.application': 'entra id',
  'azure.credential': 'entra id',
};

function serviceOf(graph: BlastGraph, resource: string): string {
  const kind = graph.hasNode(resource) ? graph.getNodeAttribute(resource, 'kind') : undefined;
  if (kind && Object.prototype.hasOwnProperty.call(SERVICE_OF_KIND, kind)) return SERVICE_OF_KIND[kind]!;
  const m = /\/providers\/microsoft\.([a-z0-9]+)\/[^/]+\/[^/]+(?:\/[^/]+\/[^/]+)*$/.exec(resource);
  return m ? m[1]! : 'azure';
}

export function azureAnalysis(graph: BlastGraph, model: AzureModel, access: AzureAccess, federation: AzureFederation, sink: ReturnType<typeof detectTechniques>): AzureAnalysis {
  return {
    provider: PROVIDER,
    model,
    access,
    get unknownRoles() {
      return [...model.roles.unknown].sort();
    },
    roleSource: model.roles.table.source,
    principals: () => model.principals(),
    admins: sink.admins,
    potential: sink.potential,
    scopeOf: (resource) => model.scopeOf(resource),
    serviceOf: (resource) => serviceOf(graph, resource),
    accessOf: (principal, resource) => access.accessOf(principal, resource),
    fullAccess: (resource) => access.fullAccess(resource),
    decide: (principal, action, resource) => access.decide(principal, action, resource),
    accessEvidence: (principal, resource, action) => access.accessEvidence(principal, resource, action),
    // Principals with the same grants (their own and their groups') have the same access everywhere.
    accessGroupOf: (principal) => model.grantKey(principal) || 'no grants',
    accessByName: () => false,
    acceptWebIdentity: (issuer, claims, only) => federation.acceptWebIdentity(issuer, claims, only),
    trustedIssuers: () => federation.trustedIssuers(),
  };
}

export const azureAnalysisOf = providerAnalysisOf<AzureAnalysis>(PROVIDER);

export const azurePlugin: ProviderPlugin = {
  id: PROVIDER,
  label: 'Azure',
  nodeKinds: AZURE_NODE_KINDS,
  edgeKinds: AZURE_EDGE_KINDS,
  importers: AZURE_IMPORTERS,
  prescan: (text) => prescanVaults(text),
  risk: azureRisk,
  // No `reads`: it always runs again. Its grants may name principals of any provider, and it reads
  // (and draws into) Kubernetes clusters.
  async analyze(graph, { asOf }) {
    const table = await loadRoleTable();
    settleNodes(graph, table);
    const model = new AzureModel(graph, new Roles(table, graph), asOf);
    const access = new AzureAccess(model);
    const sink = detectTechniques(model, new ScopeTargets(graph, model));
    sink.apply();
    const federation = new AzureFederation(federatedCredentials(graph));
    return azureAnalysis(graph, model, access, federation, sink);
  },
};
