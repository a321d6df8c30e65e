/**
 * Human or machine, for Kubernetes users (kind trait `depends`): a `system:` user is a cluster
 * component or node (system:kube-scheduler, system:kube-controller-manager, system:node:NAME,
 * system:anonymous); any other user name is a person's, as client certificates, OIDC logins and
 * cloud identity mappings name them (the analyst overrides the exceptions, such as a CI user).
 * Service accounts are their own kind (`system:serviceaccount:NS:NAME` is read as one).
 */
import type { ClassifyHook } from '../../../risk/classify';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export const k8sClassify: ClassifyHook = (node) => {
  if (node.kind !== 'k8s.user') return undefined;
  const name = node.name;
  if (name.startsWith('system:node:')) return { nature: 'non-human', reason: `a node's kubelet (${name})` };
  if (name.startsWith('system:')) return { nature: 'non-human', reason: `a Kubernetes component or built-in user (${name}: the system: prefix is reserved for them)` };
  if (EMAIL.test(name)) return { nature: 'human', reason: `its name is an e-mail address (${name}): an OIDC or certificate login of a person` };
  return { nature: 'human', reason: `a user named by a client certificate, an OIDC login or a cloud identity mapping (${name}), not a system: component` };
};
