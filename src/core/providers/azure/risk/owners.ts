/**
 * Who owns an Entra application or service principal: its owners (`azure.ownerOf` edges, from
 * `$expand=owners`, `az ad app owner list`, `az ad sp owner list`); a service principal also has
 * the owners of its application. An identity with an owner is not "without owner" (NHI1).
 */
import type { Attributes } from '../../../model/types';
import type { RiskContext } from '../../../risk/types';

export function azureOwnerOf(id: string, _attributes: Attributes, ctx: RiskContext): string | undefined {
  const g = ctx.analysis.graph;
  if (!g.hasNode(id)) return undefined;
  const owners = new Map<string, string>();
  const collect = (target: string, of: string) =>
    g.forEachInEdge(target, (_e, attrs, source) => {
      if (attrs.kind === 'azure.ownerOf' && !owners.has(source)) owners.set(source, `${g.getNodeAttribute(source, 'name')} (owner of ${of})`);
    });
  collect(id, `the ${g.getNodeAttribute(id, 'kind') === 'azure.application' ? 'application' : 'service principal'}`);
  if (g.getNodeAttribute(id, 'kind') === 'azure.servicePrincipal') {
    g.forEachInEdge(id, (_e, attrs, app) => {
      if (attrs.kind === 'azure.servicePrincipalOf') collect(app, 'its application');
    });
  }
  return owners.size ? [...owners.values()].sort().join(', ') : undefined;
}
