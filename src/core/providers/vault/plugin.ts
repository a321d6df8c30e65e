/**
 * The HashiCorp Vault provider: policies (HCL and JSON, evaluated with Vault's path matching),
 * auth methods and their roles (AppRole, Kubernetes, JWT/OIDC, AWS, token roles) as the
 * identities one logs in as, secret engines and their dynamic-credential roles (AWS, GCP, Azure,
 * database) as credentials of the cloud identities they mint, KV secrets (never their values);
 * escalation techniques; each Vault (the root folder of its export tree) as a scope
 * (`admin:vault:<root>`). Federation: Kubernetes service accounts, AWS roles and OIDC tokens
 * (GitHub workflows) that log in as Vault roles.
 */
import type { BlastGraph } from '../../graph/graph';
import type { ProviderAnalysis, ProviderPlugin } from '../types';
import { ensureAdminNode, providerAnalysisOf } from '../types';
import { addEscalation, markAdmins } from '../derived-writes';
import { VAULT_EDGE_KINDS, VAULT_NODE_KINDS } from './kinds';
import { VAULT_IMPORTERS, VAULT_TEXT_IMPORTERS, prescanMounts } from './importers';
import { VaultModel } from './evaluate';
import { detectTechniques, type VaultTechniqueResults } from './techniques';
import { vaultFederation } from './federation';
import { linkAzureApplications } from './azure-link';
import { PROVIDER } from './ids';
import type { Capability } from './policy';
import { vaultRisk } from './risk';

export { VAULT_TECHNIQUES } from './techniques';

/** Vault's analysis, with the evaluator and technique results Vault-specific commands may use. */
export interface VaultAnalysis extends ProviderAnalysis {
  model: VaultModel;
  techniques: VaultTechniqueResults;
}

const SERVICE_OF_KIND: Record<string, string> = {
  'vault.authRole': 'vault auth',
  'vault.tokenRole': 'vault auth',
  'vault.policy': 'vault policies',
  'vault.mount': 'vault mounts',
  'vault.secret': 'vault kv',
  'vault.database': 'vault database',
};

function applyFindings(graph: BlastGraph, r: VaultTechniqueResults): void {
  for (const [scope, name] of r.adminScopes) ensureAdminNode(graph, PROVIDER, scope, name);
  for (const f of r.findings) addEscalation(graph, { ...f, attributes: { permissions: f.permissions, notes: f.notes.length ? f.notes : undefined } });
  markAdmins(graph, r.admins);
}

export function vaultAnalysis(graph: BlastGraph, model: VaultModel, techniques: VaultTechniqueResults): VaultAnalysis {
  const federation = vaultFederation(graph);
  return {
    provider: PROVIDER,
    model,
    techniques,
    principals: () => [...model.holders.keys()],
    admins: techniques.admins,
    get potential() {
      return [...techniques.potential, ...federation.potential()];
    },
    scopeOf: (resource) => (graph.hasNode(resource) ? graph.getNodeAttribute(resource, 'account') : undefined),
    serviceOf(resource) {
      if (!graph.hasNode(resource)) return 'vault';
      const a = graph.getNodeAttributes(resource);
      if (a.kind === 'vault.dynamicRole') return `vault ${String(a.attributes.engine ?? 'secrets')}`;
      return SERVICE_OF_KIND[a.kind] ?? 'vault';
    },
    accessOf: (principal, resource) => model.accessOf(principal, resource),
    fullAccess: (resource) => model.fullAccess(resource),
    accessGroupOf: (principal) => model.holders.get(principal)?.setKey ?? principal,
    accessByName: () => false,
    accessCandidates(principal) {
      const set = model.setOfHolder(principal);
      if (!set) return new Set<string>();
      const entries = model.candidates(set);
      return set.acl.root ? undefined : new Set(entries.map((e) => e.node));
    },
    decide: (principal, action, resource) => model.decideAction(principal, action, resource).decision,
    accessEvidence(principal, resource, action) {
      const set = model.setOfHolder(principal);
      if (!set) return [];
      const ops = model.opsOf(resource).filter((o) => action === undefined || o.cap === action.replace(/^vault:/i, '').toLowerCase());
      return ops.flatMap((o) => {
        const d = model.decide(set, o.path, o.cap);
        return d.decision === 'no' ? [] : VaultModel.evidence(d, o.cap as Capability, o.path);
      });
    },
    acceptWebIdentity: (issuer, claims, only) => federation.acceptWebIdentity(issuer, claims, only),
    trustedIssuers: () => federation.trustedIssuers(),
    foreignMembers: () => federation.foreignMembers(),
  };
}

export const vaultAnalysisOf = providerAnalysisOf<VaultAnalysis>(PROVIDER);

export const vaultPlugin: ProviderPlugin = {
  id: PROVIDER,
  label: 'Vault',
  nodeKinds: VAULT_NODE_KINDS,
  edgeKinds: VAULT_EDGE_KINDS,
  importers: VAULT_IMPORTERS,
  textImporters: VAULT_TEXT_IMPORTERS,
  prescan: (text, path) => prescanMounts(text, path),
  risk: vaultRisk,
  // No `reads`: it always runs again. Its federation members are gathered once from Kubernetes and
  // AWS nodes, federation's placeholders among them, which any provider's change may move.
  async analyze(graph, { asOf }) {
    const model = new VaultModel(graph, asOf);
    const techniques = detectTechniques(model);
    techniques.findings.push(...linkAzureApplications(graph));
    applyFindings(graph, techniques);
    return vaultAnalysis(graph, model, techniques);
  },
};
