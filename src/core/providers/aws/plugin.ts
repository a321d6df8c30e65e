/**
 * The AWS provider: IAM, Organizations, Secrets Manager, S3, KMS and the resource inventories;
 * the policy evaluator (AwsModel), the pathfinding.cloud escalation techniques, accounts as
 * scopes (`admin:aws:<account>`).
 */
import type { BlastGraph } from '../../graph/graph';
import type { ProviderAnalysis, ProviderPlugin } from '../types';
import { providerAnalysisOf } from '../types';
import { AWS_EDGE_KINDS, AWS_NODE_KINDS } from './kinds';
import { AWS_IMPORTERS, credentialReportCsvImporter } from './importers';
import { loadAwsCatalogue, type ActionCatalogue } from './catalogue/catalogue';
import { AwsModel } from './model';
import { loadManagedPolicies } from './managed-policies';
import { detectTechniques, type TechniqueResults } from './techniques/analyze';
import { applyFindings } from './apply-findings';
import { accessEvidence, accessOf, fullAccess, resourceArns } from './resource-access';
import { parseArn } from './importers/arn';
import { webIdentityCapabilities } from './web-identity';
import { AwsResourceIndex } from './resource-index';
import type { ResourceAccess } from '../../model/access';
import { awsRisk } from './risk';

/** AWS's analysis, with the evaluator and technique results the AWS-specific commands use. */
export interface AwsAnalysis extends ProviderAnalysis {
  model: AwsModel;
  catalogue: ActionCatalogue;
  techniques: TechniqueResults;
}

export function awsAnalysis(graph: BlastGraph, model: AwsModel, catalogue: ActionCatalogue, techniques: TechniqueResults): AwsAnalysis {
  // S3 bucket ARNs carry no account: with a single account in the export, it is that one.
  const accounts = new Set(model.principals().map((p) => model.node(p)?.account));
  const soleAccount = accounts.size === 1 ? [...accounts][0] : undefined;
  const principals = model.principals();
  const resources = new AwsResourceIndex(graph, model);
  const group = (p: string) => model.principalPolicies(p).shareKey ?? p;
  // Principals of one group have the same access to a resource no resource policy decides.
  const shared = new Map<string, ResourceAccess | undefined>();
  return {
    provider: 'aws',
    model,
    catalogue,
    techniques,
    principals: () => principals,
    admins: techniques.admins,
    potential: techniques.potential,
    scopeOf(resource) {
      const arn = parseArn(resource);
      return arn ? arn.account || (arn.service === 's3' ? soleAccount : undefined) : undefined;
    },
    serviceOf: (resource) => parseArn(resource)?.service ?? 'aws',
    accessOf(principal, resource) {
      if (resources.byName(resource)) return accessOf(model, catalogue, principal, resource);
      const key = `${group(principal)}\u0000${resource}`;
      if (!shared.has(key)) shared.set(key, accessOf(model, catalogue, principal, resource));
      return shared.get(key);
    },
    accessGroupOf: group,
    accessByName: (resource) => resources.byName(resource),
    accessCandidates: (principal) => resources.candidates(model.principalPolicies(principal)),
    fullAccess: (resource) => fullAccess(model, catalogue, resource),
    accessEvidence: (principal, resource, action) => accessEvidence(model, catalogue, principal, resource, action),
    ...webIdentityCapabilities(graph, model),
    decide(principal, action, resource) {
      const kind = graph.hasNode(resource) ? graph.getNodeAttribute(resource, 'kind') : 'resource';
      const ds = resourceArns(resource, kind).map((r) => model.can(principal, action, r).decision);
      return ds.includes('allowed') ? 'allowed' : ds.includes('conditional') ? 'conditional' : 'no';
    },
  };
}

/** AWS's analysis within a whole analysis, when the exports hold AWS nodes. */
export const awsAnalysisOf = providerAnalysisOf<AwsAnalysis>('aws');

export const awsPlugin: ProviderPlugin = {
  id: 'aws',
  label: 'AWS',
  nodeKinds: AWS_NODE_KINDS,
  edgeKinds: AWS_EDGE_KINDS,
  importers: AWS_IMPORTERS,
  textImporters: [credentialReportCsvImporter],
  risk: awsRisk,
  // Besides its own nodes, the trusts of "*" and of principals only named (provider `any`).
  reads: ['any'],
  async analyze(graph, { asOf }) {
    // The bundled managed-policy documents (3.6 MB) load only when an export references one
    // without its document.
    const referencedOnly = graph.someNode((id, n) => n.kind === 'managedPolicy' && n.attributes.document === undefined && id.includes(':iam::aws:policy/'));
    const [catalogue, managed] = await Promise.all([loadAwsCatalogue(), referencedOnly ? loadManagedPolicies() : undefined]);
    const model = new AwsModel(graph, { asOf, managed });
    const techniques = detectTechniques(model, catalogue);
    applyFindings(graph, techniques);
    // The techniques' decisions (about a tenth of the heap at 100,000 principals) are not what
    // questions ask next; the few a question needs are cheap to decide again.
    model.forgetDecisions();
    return awsAnalysis(graph, model, catalogue, techniques);
  },
};
