/**
 * Vault Azure roles with `application_object_id` add a client secret to that existing Entra
 * application on every lease. Azure's nodes name applications by appId (`azure:app:<appId>`),
 * which the Vault role does not tell, so the application is found by its object id among the
 * imported ones; when no export describes it, a placeholder claimed by the Vault role stands in
 * (`azure:app-object:<objectId>`, derived: dropped and redrawn by each analysis).
 */
import type { BlastGraph } from '../../graph/graph';
import type { VaultFinding } from './techniques';

const AZURE_APP_TECHNIQUE = { id: 'vault-azure-application', name: 'Vault mints a secret of an Azure application' };

export function linkAzureApplications(graph: BlastGraph): VaultFinding[] {
  const roles: { id: string; objectId: string; file: string; at: string }[] = [];
  graph.forEachNode((id, a) => {
    const oid = a.attributes.applicationObjectId;
    if (a.kind === 'vault.dynamicRole' && typeof oid === 'string') roles.push({ id, objectId: oid, file: String(a.attributes.sourceFile ?? 'vault export'), at: String(a.attributes.readFrom ?? a.attributes.apiPath) });
  });
  if (!roles.length) return [];
  const apps = new Map<string, string>();
  graph.forEachNode((id, a) => {
    if (a.kind === 'azure.application' && typeof a.attributes.objectId === 'string') apps.set(a.attributes.objectId.toLowerCase(), id);
  });
  return roles.map((r) => {
    let target = apps.get(r.objectId);
    if (!target) {
      target = `azure:app-object:${r.objectId}`;
      if (!graph.hasNode(target)) graph.addNode(target, { kind: 'azure.application', provider: 'azure', name: `application (object id ${r.objectId})`, attributes: { objectId: r.objectId, claimedBy: r.id }, placeholder: true });
    }
    return {
      source: r.id,
      target,
      technique: AZURE_APP_TECHNIQUE,
      conditional: false,
      evidence: [{ file: r.file, location: `${r.at}: data.application_object_id`, policy: r.at }],
      permissions: [],
      notes: apps.has(r.objectId) ? [] : ['the application is not in the exports (az ad app list --all): drawn by its object id'],
    };
  });
}
