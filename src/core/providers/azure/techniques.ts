/**
 * All Azure techniques, in the order their results feed each other: Entra first (who administers
 * the tenant), then elevation of the tenant administrator to the root scope, then every role
 * assignment and access policy, then administrators of management groups down to the
 * subscriptions below them, subscription administrators to their secrets and clusters, AKS
 * kubelet identities, and last group members (who hold what their groups escalate to).
 */
import { adminNodeId, type PotentialFinding } from '../types';
import type { Evidence } from '../../model/types';
import { pushTo } from '../../io/multimap';
import { entraTechniques, membershipTechniques } from './entra-techniques';
import { FindingSink } from './findings';
import { keyOfAdminScope, parseArm, principalNodeId, ROOT_KEY, TENANT_SCOPE, adminScopeOf } from './ids';
import type { AzureModel } from './model';
import { RbacTechniques } from './rbac-techniques';
import type { ScopeTargets } from './targets';

export function detectTechniques(model: AzureModel, targets: ScopeTargets): FindingSink {
  const g = model.graph;
  const sink = new FindingSink(g);
  entraTechniques(model, sink);
  const rbac = new RbacTechniques(model, targets, sink);

  // Which management groups and subscriptions sit directly below each scope.
  const children = new Map<string, string[]>();
  g.forEachNode((id, a) => {
    if (a.kind !== 'azure.subscription' && a.kind !== 'azure.managementGroup') return;
    const parent = model.parentOf(id);
    if (parent !== undefined && id !== ROOT_KEY) pushTo(children, parent, id);
  });

  const tenantAdmin = adminNodeId('azure', TENANT_SCOPE);
  if (sink.adminNodes.has(tenantAdmin) && children.size) {
    const evidence: Evidence[] = [{ file: 'analysis', location: 'Microsoft.Authorization/elevateAccess/action', note: 'a Global Administrator can make itself User Access Administrator at the root scope /' }];
    sink.add(tenantAdmin, sink.admin(ROOT_KEY, 'Administrator of the root scope /'), 'azure-elevate-access', { conditional: false, evidence });
  }

  for (const [, idxs] of model.byPrincipal) {
    for (const i of idxs) {
      const a = model.assignments[i]!;
      const role = model.roles.get(a.role);
      if (role && g.hasNode(a.principal)) rbac.assignment(a, role);
    }
  }
  rbac.accessPolicies();

  // Administrators of a scope administer every management group and subscription below it.
  const queue = [...sink.adminNodes.values()].filter(([p, s]) => p === 'azure' && s !== TENANT_SCOPE).map(([, s]) => s);
  const seen = new Set(queue);
  for (let i = 0; i < queue.length; i++) {
    const scope = queue[i]!;
    const key = keyOfAdminScope(scope);
    for (const child of children.get(key) ?? []) {
      const childScope = adminScopeOf(child);
      if (childScope === undefined) continue;
      const target = sink.admin(childScope, `Administrator of ${rbac.nameOf(child)}`);
      sink.add(adminNodeId('azure', scope), target, 'azure-role-assignment-write', { conditional: false, evidence: childEvidence(model, child, key), note: `the administrator of ${rbac.nameOf(key)} can assign roles on ${rbac.nameOf(child)} below it` });
      if (seen.has(childScope)) continue;
      seen.add(childScope);
      queue.push(childScope);
    }
  }
  for (const scope of seen) {
    const key = keyOfAdminScope(scope);
    if (parseArm(key)?.level === 'subscription') rbac.subscriptionAdmin(adminNodeId('azure', scope), key);
  }

  // Pods on an AKS cluster's nodes get tokens of its kubelet identity from the metadata service.
  for (const c of targets.clusters) {
    const mi = c.kubeletObjectId ? principalNodeId(c.kubeletObjectId) : undefined;
    if (!mi || !g.hasNode(mi)) continue;
    const evidence: Evidence[] = [{ file: 'analysis', location: `cluster ${c.name}: identityProfile.kubeletidentity`, note: 'the kubelet identity named by the cluster description (az aks show)' }];
    sink.add(sink.admin(c.name, `Administrator of cluster ${c.name}`, 'kubernetes'), mi, 'azure-aks-kubelet-identity', { conditional: false, evidence });
  }

  membershipTechniques(model, sink);
  sink.potential.push(...potentialFindings(model, targets));
  return sink;
}

/** The `azure.childOf` evidence between a scope and its parent, or why `/` is its parent. */
function childEvidence(model: AzureModel, child: string, parent: string): Evidence[] {
  const g = model.graph;
  const out: Evidence[] = [];
  if (g.hasNode(child)) g.forEachOutEdge(child, (_, e, _s, t) => void (e.kind === 'azure.childOf' && t === parent && out.push(...e.evidence.slice(0, 2))));
  return out.length ? out : [{ file: 'analysis', location: 'scope hierarchy', note: parent === ROOT_KEY ? `no management group above ${child} is exported: the root scope / is above every subscription and management group` : `${child} is below ${parent}` }];
}

/** Vaults someone can read whose secrets are not exported. */
function potentialFindings(model: AzureModel, targets: ScopeTargets): PotentialFinding[] {
  const out: PotentialFinding[] = [];
  const readers = new Map<string, string>();
  for (const p of model.policies) if (!targets.vaultsWithSecrets.has(p.vault) && !readers.has(p.vault)) readers.set(p.vault, p.principal);
  for (const [vault, source] of readers) {
    const name = parseArm(vault)?.name ?? vault;
    out.push({ source, technique: { id: 'azure-keyvault-secret-read', name: 'Read Key Vault secrets' }, missing: `the secrets of vault ${name} (az keyvault secret list --vault-name ${name})` });
  }
  return out;
}
