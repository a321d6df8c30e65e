/**
 * What an identity can do to one resource, by access level: every catalogue action that acts
 * on the resource's type is evaluated (with the resource's own policy). Identities whose
 * policies never mention the service, and that no resource policy names, are skipped unevaluated.
 */
import { ACCESS_LEVELS, type AccessLevel } from '../providers/aws/catalogue/catalogue';
import { statementsFor } from '../providers/aws/eval/compile';
import { parseArn } from '../providers/aws/importers/arn';
import type { Analysis } from './analysis';

export interface ResourceAccess {
  /** Allowed actions by access level. */
  allowed: Partial<Record<AccessLevel, string[]>>;
  /** Actions allowed only under conditions the export cannot decide. */
  conditional: Partial<Record<AccessLevel, string[]>>;
}

export const RESOURCE_KINDS = new Set(['bucket', 'kmsKey', 'secret', 'resource']);

/** ARNs to test for a resource node: a bucket stands for itself and its objects. */
export function resourceArns(id: string, kind: string): string[] {
  return kind === 'bucket' ? [id, `${id}/*`] : [id];
}

function mentionsService(a: Analysis, principal: string, service: string, resource: string): boolean {
  const pp = a.model.principalPolicies(principal);
  if (pp.missing.length || pp.identity.some((p) => statementsFor(p, service).some((s) => s.effect === 'Allow'))) return true;
  const side = a.model.resourceSide(`${service}:x`, resource);
  return side?.policy !== undefined;
}

export function accessOf(a: Analysis, principal: string, resourceId: string): ResourceAccess | undefined {
  const node = a.model.node(resourceId);
  const arn = parseArn(resourceId);
  if (!node || !arn) return undefined;
  const out: ResourceAccess = { allowed: {}, conditional: {} };
  let any = false;
  for (const target of resourceArns(resourceId, node.kind)) {
    if (!mentionsService(a, principal, arn.service, target)) continue;
    for (const action of a.catalogue.actionsOn(arn.service, target)) {
      const d = a.model.can(principal, action.id, target).decision;
      if (d !== 'allowed' && d !== 'conditional') continue;
      const bucket = d === 'allowed' ? out.allowed : out.conditional;
      (bucket[action.level] ??= []).push(action.id);
      any = true;
    }
  }
  return any ? out : undefined;
}

/** Everything: what an account's administrator can do to a resource. */
export function fullAccess(a: Analysis, resourceId: string): ResourceAccess {
  const node = a.model.node(resourceId);
  const arn = parseArn(resourceId);
  const allowed: ResourceAccess['allowed'] = {};
  if (node && arn) {
    for (const target of resourceArns(resourceId, node.kind)) for (const action of a.catalogue.actionsOn(arn.service, target)) (allowed[action.level] ??= []).push(action.id);
  }
  return { allowed, conditional: {} };
}

export const levelsOf = (r: ResourceAccess): AccessLevel[] => ACCESS_LEVELS.filter((l) => r.allowed[l]?.length || r.conditional[l]?.length);
