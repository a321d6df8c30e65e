/**
 * Kubernetes's node and edge kinds (namespaced `k8s.*`, see docs/ids.md).
 *
 * Bindings are edges, not nodes: a RoleBinding or ClusterRoleBinding becomes one `k8s.bindsRole`
 * edge per subject, from the subject to the role, carrying the binding's name, kind and namespace
 * (its scope) and the file location as evidence. A binding is only ever a (subjects, role, scope)
 * tuple; as a node it would add a million nodes to large clusters and one more hop to every path
 * without telling the analyst anything the edge does not. A binding with no subjects grants
 * nothing and is only counted.
 */
import type { EdgeKindInfo, NodeKindInfo } from '../../model/kinds';
import { registerHelp } from '../../explain/help';
import { K8S_EDGE_HELP, K8S_TECHNIQUE_HELP } from './help';

export const K8S_NODE_KINDS: Record<string, NodeKindInfo> = {
  'k8s.cluster': { label: 'Kubernetes cluster', plural: 'Kubernetes clusters', category: 'principal', shape: 'octagon', description: 'Kubernetes cluster (EKS, GKE, AKS or other): the scope of its RBAC, with its OIDC issuer and cloud ids' },
  'k8s.serviceAccount': { label: 'Kubernetes service account', plural: 'Kubernetes service accounts', category: 'identity', shape: 'hexagon', actor: true, nature: 'non-human', description: 'Kubernetes service account: the identity pods run as; member of the built-in groups system:serviceaccounts[:namespace] and system:authenticated' },
  'k8s.user': { label: 'Kubernetes user', plural: 'Kubernetes users', category: 'identity', shape: 'ellipse', actor: true, nature: 'depends', description: 'User named in RBAC bindings or mapped from a cloud identity (aws-auth, EKS access entries); system:* users are cluster components' },
  'k8s.group': { label: 'Kubernetes group', plural: 'Kubernetes groups', category: 'identity', shape: 'round-rectangle', actor: true, group: true, description: 'Group named in RBAC bindings; system:masters bypasses RBAC entirely' },
  'k8s.role': { label: 'Kubernetes role', plural: 'Kubernetes roles', category: 'policy', shape: 'rectangle', description: 'Namespaced RBAC role: rules that apply in its namespace' },
  'k8s.clusterRole': { label: 'Kubernetes cluster role', plural: 'Kubernetes cluster roles', category: 'policy', shape: 'rectangle', description: 'RBAC cluster role: cluster-wide through a ClusterRoleBinding, one namespace through a RoleBinding; aggregated roles take the rules of the roles their selectors match' },
  'k8s.secret': { label: 'Kubernetes secret', plural: 'Kubernetes secrets', category: 'secret', readValue: 'get', shape: 'round-triangle', description: 'Kubernetes Secret; its data never enters Blastmap' },
  'k8s.serviceAccountToken': { label: 'Service-account token', plural: 'service-account tokens', category: 'credential', shape: 'tag', nature: 'non-human', standing: true, description: 'Legacy service-account token Secret: a long-lived bearer token; whoever reads it acts as the service account' },
  'k8s.workload': { label: 'Kubernetes workload', plural: 'Kubernetes workloads', category: 'resource', shape: 'round-rectangle', description: 'Pod, Deployment, StatefulSet, DaemonSet, ReplicaSet, Job or CronJob: runs as a service account' },
  'k8s.namespace': { label: 'Kubernetes namespace', plural: 'Kubernetes namespaces', category: 'resource', shape: 'cut-rectangle', description: 'Kubernetes namespace' },
};

export const K8S_EDGE_KINDS: Record<string, EdgeKindInfo> = {
  'k8s.bindsRole': {
    label: 'bound to',
    description: 'A RoleBinding (in its namespace) or ClusterRoleBinding (cluster-wide) gives the subject the role\'s rules',
    color: '#10b981',
  },
  'k8s.mapsTo': {
    label: 'maps to',
    description: 'The cloud identity authenticates to the cluster as this Kubernetes user or group (EKS aws-auth ConfigMap, access entry)',
    reach: true,
    explain: '{from} authenticates to the cluster as {to}',
    color: '#22d3ee',
  },
  'k8s.inGroup': {
    label: 'in built-in group',
    description: 'Implicit membership the API server adds to every request (system:serviceaccounts, system:serviceaccounts:<namespace>, system:authenticated); drawn by the analysis only for groups that grant an escalation',
    reach: true,
    explain: '{from} is a member of the built-in group {to}',
  },
};

// What each edge kind and technique means, for the edge panel (explain/help.ts).
registerHelp(K8S_EDGE_HELP, K8S_TECHNIQUE_HELP);
