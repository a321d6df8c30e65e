/**
 * The Kubernetes provider: RBAC (roles, bindings, aggregated ClusterRoles), service accounts and
 * their legacy tokens, workloads, cluster descriptions (EKS, GKE, AKS) and the EKS mappings of
 * AWS identities (aws-auth, access entries); escalation techniques written as `escalatesTo`
 * edges; clusters as scopes (`admin:kubernetes:<cluster>`).
 */
import type { ProviderPlugin } from '../types';
import { K8S_EDGE_KINDS, K8S_NODE_KINDS } from './kinds';
import { K8S_IMPORTERS, K8S_TEXT_IMPORTERS, prescanClusters } from './importers';
import { analyzeKubernetes } from './analyze';
import { PROVIDER } from './ids';
import { kubernetesRisk } from './risk';

export { K8S_TECHNIQUES } from './techniques';
export type { K8sAnalysis } from './analyze';

export const kubernetesPlugin: ProviderPlugin = {
  id: PROVIDER,
  label: 'Kubernetes',
  coversOwnSecretCredentials: true,
  nodeKinds: K8S_NODE_KINDS,
  edgeKinds: K8S_EDGE_KINDS,
  importers: K8S_IMPORTERS,
  textImporters: K8S_TEXT_IMPORTERS,
  prescan: (text) => prescanClusters(text),
  analyze: (graph, opts) => analyzeKubernetes(graph, opts),
  // Azure applications (the tokens a cluster issues to them), subjects only named (provider `any`).
  reads: ['azure', 'any'],
  risk: kubernetesRisk,
};
