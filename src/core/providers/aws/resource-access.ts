/**
 * What an AWS identity can do to one resource, by access level: every catalogue action that acts
 * on the resource's type is evaluated (with the resource's own policy). Identities whose policies
 * never mention the service, and that no resource policy names, are skipped unevaluated.
 */
import type { ResourceAccess } from '../../model/access';
import type { ActionCatalogue } from './catalogue/catalogue';
import { statementsFor } from './eval/compile';
import { parseArn } from './importers/arn';
import type { AwsModel } from './model';

/** ARNs to test for a resource node: a bucket stands for itself and its objects. */
export function resourceArns(id: string, kind: string): string[] {
  return kind === 'bucket' ? [id, `${id}/*`] : [id];
}

function mentionsService(model: AwsModel, principal: string, service: string, resource: string): boolean {
  const pp = model.principalPolicies(principal);
  if (pp.missing.length || pp.identity.some((p) => statementsFor(p, service).some((s) => s.effect === 'Allow'))) return true;
  const side = model.resourceSide(`${service}:x`, resource);
  return side?.policy !== undefined;
}

const actionsCache = new WeakMap<ActionCatalogue, Map<string, ReturnType<ActionCatalogue['actionsOn']>>>();

/** The catalogue's actions on one ARN, looked up once per ARN (every principal asks the same). */
function actionsOn(catalogue: ActionCatalogue, service: string, arn: string): ReturnType<ActionCatalogue['actionsOn']> {
  let byArn = actionsCache.get(catalogue);
  if (!byArn) actionsCache.set(catalogue, (byArn = new Map()));
  let actions = byArn.get(arn);
  if (!actions) {
    if (byArn.size > 500_000) byArn.clear();
    byArn.set(arn, (actions = catalogue.actionsOn(service, arn)));
  }
  return actions;
}

export function accessOf(model: AwsModel, catalogue: ActionCatalogue, principal: string, resourceId: string): ResourceAccess | undefined {
  const node = model.node(resourceId);
  const arn = parseArn(resourceId);
  if (!node || !arn) return undefined;
  const out: ResourceAccess = { allowed: {}, conditional: {} };
  let any = false;
  for (const target of resourceArns(resourceId, node.kind)) {
    if (!mentionsService(model, principal, arn.service, target)) continue;
    for (const action of actionsOn(catalogue, arn.service, target)) {
      const d = model.can(principal, action.id, target).decision;
      if (d !== 'allowed' && d !== 'conditional') continue;
      const bucket = d === 'allowed' ? out.allowed : out.conditional;
      (bucket[action.level] ??= []).push(action.id);
      any = true;
    }
  }
  return any ? out : undefined;
}

/** Everything: what an account's administrator can do to a resource. */
export function fullAccess(model: AwsModel, catalogue: ActionCatalogue, resourceId: string): ResourceAccess {
  const node = model.node(resourceId);
  const arn = parseArn(resourceId);
  const allowed: ResourceAccess['allowed'] = {};
  if (node && arn) {
    for (const target of resourceArns(resourceId, node.kind)) for (const action of catalogue.actionsOn(arn.service, target)) (allowed[action.level] ??= []).push(action.id);
  }
  return { allowed, conditional: {} };
}
