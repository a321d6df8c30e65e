/**
 * The GCP provider: IAM allow policies at every level of the resource hierarchy (get-iam-policy,
 * Cloud Asset Inventory, search-all-iam-policies), service accounts and their keys, roles
 * (predefined from the bundled table, custom from the exports), Secret Manager, group
 * memberships; the evaluator (inheritance, groups, domains, public members, time conditions);
 * escalation techniques; projects, folders and organizations as scopes (`admin:gcp:<project>`,
 * `admin:gcp:folders/N`, `admin:gcp:organizations/N`).
 */
import type { BlastGraph } from '../../graph/graph';
import type { ProviderAnalysis, ProviderPlugin } from '../types';
import { providerAnalysisOf } from '../types';
import { GCP_EDGE_KINDS, GCP_NODE_KINDS } from './kinds';
import { GCP_IMPORTERS, GCP_TEXT_IMPORTERS } from './importers';
import { loadRoleTable, Roles } from './roles';
import { GcpModel } from './evaluate';
import { detectTechniques, type TechniqueResults } from './techniques';
import { applyFindings } from './apply';
import { prescanProjects } from './prescan';
import { CRM, IAM, serviceOfName } from './names';
import { acceptMember, foreignMembers } from './federation';
import { poolCapabilities } from './pool-providers';
import { gcpRisk } from './risk';

export { GCP_TECHNIQUES } from './techniques';

/** GCP's analysis, with the evaluator and technique results GCP-specific commands may use. */
export interface GcpAnalysis extends ProviderAnalysis {
  model: GcpModel;
  techniques: TechniqueResults;
  /** Roles granted by bindings whose permissions no export or table knows. */
  unknownRoles: readonly string[];
  roleSource: string;
}

const SERVICE_OF_KIND: Record<string, string> = {
  'gcp.project': 'resourcemanager',
  'gcp.folder': 'resourcemanager',
  'gcp.organization': 'resourcemanager',
  'gcp.serviceAccount': 'iam',
  'gcp.serviceAccountKey': 'iam',
  'gcp.role': 'iam',
  'gcp.secret': 'secretmanager',
  'gcp.bucket': 'storage',
};

export function gcpAnalysis(graph: BlastGraph, model: GcpModel, techniques: TechniqueResults): GcpAnalysis {
  return {
    provider: 'gcp',
    model,
    techniques,
    get unknownRoles() {
      return [...model.roles.unknown].sort();
    },
    roleSource: model.roles.table.source,
    principals: () => model.principals(),
    admins: techniques.admins,
    potential: techniques.potential,
    scopeOf: (resource) => model.scopeOf(model.key(resource)),
    serviceOf(resource) {
      const kind = graph.hasNode(resource) ? graph.getNodeAttribute(resource, 'kind') : undefined;
      if (kind && SERVICE_OF_KIND[kind]) return SERVICE_OF_KIND[kind]!;
      if (resource.startsWith(CRM)) return 'resourcemanager';
      if (resource.startsWith(IAM)) return 'iam';
      return serviceOfName(resource);
    },
    accessOf: (principal, resource) => model.accessOf(principal, resource),
    fullAccess: (resource) => model.fullAccess(resource),
    decide: (principal, permission, resource) => model.decide(principal, permission, resource),
    acceptMember: (member, only) => acceptMember(graph, member, only),
    foreignMembers: () => foreignMembers(graph),
    ...poolCapabilities(graph),
  };
}

export const gcpAnalysisOf = providerAnalysisOf<GcpAnalysis>('gcp');

export const gcpPlugin: ProviderPlugin = {
  id: 'gcp',
  label: 'GCP',
  nodeKinds: GCP_NODE_KINDS,
  edgeKinds: GCP_EDGE_KINDS,
  importers: GCP_IMPORTERS,
  textImporters: GCP_TEXT_IMPORTERS,
  prescan: (text) => prescanProjects(text),
  risk: gcpRisk,
  // Besides its own nodes, members only named (provider `any`).
  reads: ['any'],
  async analyze(graph, { asOf }) {
    const table = await loadRoleTable();
    const model = new GcpModel(graph, new Roles(table, graph), asOf);
    const techniques = detectTechniques(model);
    applyFindings(graph, techniques);
    return gcpAnalysis(graph, model, techniques);
  },
};
