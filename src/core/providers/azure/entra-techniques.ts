/**
 * Microsoft Entra escalations: privileged directory roles (tenant administrator), adding a
 * credential to an application or service principal (its owners; Application Administrator and
 * Cloud Application Administrator, tenant-wide or scoped to one object; custom roles with
 * credential permissions), and group membership (a member holds what its group escalates to).
 * Credentials live on the application but the service principal acts: an application target
 * is replaced by its service principal when the exports describe it.
 */
import type { BlastGraph } from '../../graph/graph';
import { edgeEvidence } from './access';
import { directoryRoleInfo, grantsAppCredentials } from './directory-role-table';
import type { FindingSink } from './findings';
import { principalNodeId, TENANT_SCOPE } from './ids';
import type { AzureModel } from './model';

export const TENANT_ADMIN_NAME = 'Administrator of the Entra ID tenant';

/** Applications and service principals, and who acts for each. */
class Apps {
  private readonly spByApp = new Map<string, string>();
  private readonly byObjectId = new Map<string, string>();
  /** Every application's acting node: its service principal, else the application. */
  readonly tenantTargets: string[] = [];

  constructor(graph: BlastGraph) {
    const apps: [string, string][] = [];
    graph.forEachNode((id, a) => {
      if (a.provider !== 'azure') return;
      const appId = typeof a.attributes.appId === 'string' ? a.attributes.appId : undefined;
      if (a.kind === 'azure.servicePrincipal' && appId && !a.placeholder) {
        this.spByApp.set(appId, id);
        // Microsoft's first-party applications live in Microsoft's tenant: not this tenant's to change.
        if (a.attributes.firstParty !== true) this.tenantTargets.push(id);
      } else if (a.kind === 'azure.application' && appId) {
        apps.push([id, appId]);
        if (typeof a.attributes.objectId === 'string') this.byObjectId.set(a.attributes.objectId, id);
      }
    });
    for (const [id, appId] of apps) if (!this.spByApp.has(appId) && !graph.getNodeAttribute(id, 'placeholder')) this.tenantTargets.push(id);
  }

  /** The node that acts for an application or service principal node. */
  acting(graph: BlastGraph, node: string): string | undefined {
    if (!graph.hasNode(node)) return undefined;
    const a = graph.getNodeAttributes(node);
    if (a.kind === 'azure.application') return typeof a.attributes.appId === 'string' ? (this.spByApp.get(a.attributes.appId) ?? node) : node;
    return a.kind === 'azure.servicePrincipal' ? node : undefined;
  }

  /** The node a directory scope `/<objectId>` names. */
  byScope(graph: BlastGraph, scope: string): string | undefined {
    const oid = scope.slice(1).toLowerCase();
    const sp = principalNodeId(oid);
    return graph.hasNode(sp) ? this.acting(graph, sp) : this.byObjectId.has(oid) ? this.acting(graph, this.byObjectId.get(oid)!) : undefined;
  }
}

export function entraTechniques(model: AzureModel, sink: FindingSink): void {
  const g = model.graph;
  const apps = new Apps(g);
  for (const d of model.directory) {
    if (!g.hasNode(d.principal)) continue;
    const info = directoryRoleInfo(d.templateId);
    const name = info?.name ?? g.getNodeAttribute(d.role, 'name');
    const evidence = edgeEvidence(model, d.edge);
    const conditional = d.state === 'conditional';
    const permission = { action: name, scope: d.scope, decision: conditional ? ('conditional' as const) : ('allowed' as const) };
    if (info?.tenantAdmin && d.scope === '/') {
      sink.add(d.principal, sink.admin(TENANT_SCOPE, TENANT_ADMIN_NAME), 'azure-directory-admin', { conditional, evidence, note: d.why, permission });
      sink.markAdmin(d.principal, conditional);
      continue;
    }
    if (!info?.appCredentials && !grantsAppCredentials(d.permissions)) continue;
    if (d.scope === '/') {
      const target = sink.targetOf(apps.tenantTargets, 'set:azure:tenant:applications', "Every application's service principal in the tenant", TENANT_SCOPE);
      if (target) sink.add(d.principal, target, 'azure-app-credential', { conditional, evidence, note: d.why, permission });
    } else if (/^\/[0-9a-f-]{36}$/i.test(d.scope)) {
      const target = apps.byScope(g, d.scope);
      if (target) sink.add(d.principal, target, 'azure-app-credential', { conditional, evidence, note: d.why, permission });
    }
    // Administrative-unit scopes do not cover applications.
  }
  // Owners of applications and service principals add credentials without any directory role.
  g.forEachEdge((key, e, source, target) => {
    if (e.kind !== 'azure.ownerOf') return;
    const acting = apps.acting(g, target);
    if (!acting || acting === source) return;
    const via = acting !== target ? `owner of the application ${g.getNodeAttribute(target, 'name')}, whose service principal acts` : `owner of ${g.getNodeAttribute(target, 'name')}`;
    sink.add(source, acting, 'azure-app-credential', { conditional: false, evidence: edgeEvidence(model, key), note: via, permission: { action: 'owner', scope: target, decision: 'allowed' } });
  });
}

/**
 * Members of groups that escalate somewhere or are administrators: one edge each, to a fixpoint
 * (a group inside a group that escalates escalates too). Members of an administrator group are
 * administrators.
 */
export function membershipTechniques(model: AzureModel, sink: FindingSink): void {
  const escalating = sink.sources();
  const done = new Set<number>();
  for (let changed = true; changed; ) {
    changed = false;
    model.memberships.forEach(([member, group, key], i) => {
      if (done.has(i) || (!escalating.has(group) && !sink.admins.has(group))) return;
      done.add(i);
      sink.add(member, group, 'azure-member-of', { conditional: false, evidence: edgeEvidence(model, key), note: `member of ${model.graph.getNodeAttribute(group, 'name')}` });
      const admin = sink.admins.get(group);
      if (admin) sink.markAdmin(member, admin.conditional);
      if (!escalating.has(member)) {
        escalating.add(member);
        changed = true;
      }
    });
  }
}
