/**
 * Cross-provider links, drawn after every provider has analysed its part and before the reach
 * index is built: OIDC tokens into trusting identities (and "any subject" trusts), and the
 * workload federations (EKS IRSA, GKE workload identity) once both sides are imported. Each link
 * is checked on both sides; what is only claimed on one side is reported, never drawn as reach.
 */
import type { BlastGraph } from '../graph/graph';
import type { ProviderAnalysis } from '../providers/types';
import { linkAnySubject, linkOidcStart, type OidcStart } from './oidc';
import { linkWorkloadTokens, type FederationNote } from './workloads';

export { parseOidcStart, oidcNodeId, issuerKey, type OidcStart } from './oidc';
export type { FederationNote } from './workloads';

/** Draw every federation edge; returns the claims that were not (rejected or unverifiable). */
export function linkFederations(graph: BlastGraph, providers: Iterable<ProviderAnalysis>, starts: readonly OidcStart[] = []): FederationNote[] {
  const list = [...providers];
  linkAnySubject(graph, list);
  for (const s of starts) linkOidcStart(graph, list, s);
  return linkWorkloadTokens(graph, list);
}
