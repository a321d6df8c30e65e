/**
 * What a Kubernetes identity can do to one object (a Secret, a workload, a namespace), for blast
 * radius and who-can: its own bindings and those of its built-in groups, each rule applied in the
 * binding's scope, verbs mapped onto the shared access levels. RBAC has no conditions, so every
 * answer is "allowed" or nothing.
 */
import type { AccessLevel, ResourceAccess } from '../../model/access';
import type { NodeAttributes } from '../../model/types';
import type { K8sModel } from './model';
import { grantedVerbs, ruleAllows, RESOURCE_VERBS } from './rbac';

export interface ObjectRef {
  cluster: string;
  apiGroup: string;
  resource: string;
  namespace?: string;
  name: string;
}

const str = (x: unknown): string | undefined => (typeof x === 'string' ? x : undefined);

/** The API object a node stands for, when it is one the access questions cover. */
export function objectRef(a: NodeAttributes | undefined): ObjectRef | undefined {
  if (!a || !a.account) return undefined;
  const resource = str(a.attributes.resource);
  const apiGroup = str(a.attributes.apiGroup);
  const name = str(a.attributes.objectName);
  if (resource === undefined || apiGroup === undefined || !name) return undefined;
  return { cluster: a.account, apiGroup, resource, namespace: str(a.attributes.namespace), name };
}

/** Reading a Secret's list returns its values: for Secrets, list and watch are reads. */
export function levelOf(verb: string, resource: string): AccessLevel {
  if (verb === 'get') return 'Read';
  if (verb === 'list' || verb === 'watch') return resource === 'secrets' ? 'Read' : 'List';
  if (verb === 'bind' || verb === 'escalate' || verb === 'impersonate') return 'Permissions management';
  return 'Write';
}

function push(into: ResourceAccess['allowed'], level: AccessLevel, action: string): void {
  const list = (into[level] ??= []);
  if (!list.includes(action)) list.push(action);
}

export function accessOf(model: K8sModel, principal: string, a: NodeAttributes | undefined): ResourceAccess | undefined {
  const ref = objectRef(a);
  if (!ref || !model.graph.hasNode(principal) || model.graph.getNodeAttribute(principal, 'account') !== ref.cluster) return undefined;
  const out: ResourceAccess = { allowed: {}, conditional: {} };
  let any = false;
  for (const group of model.bindingsOf(principal)) {
    for (const b of group) {
      if (b.role.cluster !== ref.cluster) continue;
      // A RoleBinding applies in its namespace only, and never to cluster-scoped objects.
      if (b.namespace !== undefined && b.namespace !== ref.namespace) continue;
      for (const r of b.role.rules) {
        for (const verb of grantedVerbs(r.rule, ref.apiGroup, ref.resource, ref.name)) {
          push(out.allowed, levelOf(verb, ref.resource), `${verb} ${ref.resource}`);
          any = true;
        }
      }
    }
  }
  return any ? out : undefined;
}

/** Everything that can be done to the object: what its cluster's administrator holds. */
export function fullAccess(a: NodeAttributes | undefined): ResourceAccess {
  const ref = objectRef(a);
  const allowed: ResourceAccess['allowed'] = {};
  if (ref) for (const verb of RESOURCE_VERBS) push(allowed, levelOf(verb, ref.resource), `${verb} ${ref.resource}`);
  return { allowed, conditional: {} };
}

/** One permission: `get`, or `get secrets`, or `create pods/exec` (a subresource of the object). */
export function decide(model: K8sModel, principal: string, action: string, a: NodeAttributes | undefined): 'allowed' | 'no' {
  const ref = objectRef(a);
  if (!ref || !model.graph.hasNode(principal) || model.graph.getNodeAttribute(principal, 'account') !== ref.cluster) return 'no';
  const [verb, resource = ref.resource] = action.trim().split(/\s+/);
  if (!verb) return 'no';
  const base = resource.split('/')[0];
  if (base !== ref.resource) return 'no';
  for (const group of model.bindingsOf(principal)) {
    for (const b of group) {
      if (b.namespace !== undefined && b.namespace !== ref.namespace) continue;
      if (b.role.rules.some((r) => ruleAllows(r.rule, verb, ref.apiGroup, resource, ref.name))) return 'allowed';
    }
  }
  return 'no';
}
