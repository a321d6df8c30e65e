/**
 * Help for Kubernetes's edge kinds (kinds.ts), its escalation techniques (techniques.ts) and the
 * federation techniques its service accounts' configuration declares (federation.ts: EKS IRSA, EKS
 * Pod Identity, GKE workload identity); registered with its kinds.
 */
import type { Help } from '../../explain/help';

const K8S = 'https://kubernetes.io/docs/';
const R = {
  rbac: { label: 'Kubernetes: RBAC authorization', url: `${K8S}reference/access-authn-authz/rbac/` },
  escalationPrevention: { label: 'Kubernetes RBAC: privilege escalation prevention', url: `${K8S}reference/access-authn-authz/rbac/#privilege-escalation-prevention-and-bootstrapping` },
  goodPractices: { label: 'Kubernetes: RBAC good practices', url: `${K8S}concepts/security/rbac-good-practices/` },
  impersonation: { label: 'Kubernetes: user impersonation', url: `${K8S}reference/access-authn-authz/authentication/#user-impersonation` },
  tokenSecrets: { label: 'Kubernetes: service account token Secrets', url: `${K8S}concepts/configuration/secret/#service-account-token-secrets` },
  saAdmin: { label: 'Kubernetes: managing service accounts', url: `${K8S}reference/access-authn-authz/service-accounts-admin/` },
  tokenRequest: { label: 'Kubernetes API: TokenRequest', url: `${K8S}reference/kubernetes-api/authentication-resources/token-request-v1/` },
  podSecurity: { label: 'Kubernetes: Pod Security Admission', url: `${K8S}concepts/security/pod-security-admission/` },
  ephemeral: { label: 'Kubernetes: ephemeral containers', url: `${K8S}concepts/workloads/pods/ephemeral-containers/` },
  accessEntries: { label: 'Amazon EKS: access entries', url: 'https://docs.aws.amazon.com/eks/latest/userguide/access-entries.html' },
  irsa: { label: 'Amazon EKS: IAM roles for service accounts', url: 'https://docs.aws.amazon.com/eks/latest/userguide/iam-roles-for-service-accounts.html' },
  podIdentity: { label: 'Amazon EKS: Pod Identity', url: 'https://docs.aws.amazon.com/eks/latest/userguide/pod-identities.html' },
  gke: { label: 'GKE: workload identity', url: 'https://cloud.google.com/kubernetes-engine/docs/how-to/workload-identity' },
};

export const K8S_EDGE_HELP: Record<string, Help> = {
  'k8s.bindsRole': {
    title: 'Bound to role',
    meaning:
      'A RoleBinding (in its namespace) or ClusterRoleBinding (cluster-wide) gives the source subject the rules of the target Role or ClusterRole. A ClusterRole bound through a RoleBinding applies only in that binding\'s namespace.',
    attack:
      '`kubectl auth can-i --list --as=system:serviceaccount:NS:SA -n NS` shows what the binding gives; rules on secrets, pods/exec, pod creation, bind, escalate or impersonate are the usual stepping stones (see the escalation edges).',
    remediation:
      'Bind the narrowest role in the narrowest scope (a RoleBinding rather than a ClusterRoleBinding); avoid wildcards in rules; list bindings with `kubectl get rolebindings,clusterrolebindings -A -o wide` and remove those nobody uses.',
    references: [R.rbac, R.goodPractices],
  },
  'k8s.mapsTo': {
    title: 'Maps to (cluster authentication)',
    meaning:
      'The source cloud identity (an IAM role or user) authenticates to the cluster as the target Kubernetes user or group, through the EKS aws-auth ConfigMap or an EKS access entry, and holds whatever RBAC grants that user or group.',
    attack:
      'With the IAM identity\'s credentials: `aws eks update-kubeconfig --name CLUSTER --region REGION` (or `aws eks get-token --cluster-name CLUSTER`), then `kubectl` as the mapped user. A mapping to system:masters makes every holder of the IAM role cluster-admin.',
    remediation:
      'Map IAM identities to dedicated groups bound to least-privilege roles, never to system:masters; move from aws-auth to access entries with scoped access policies; restrict who can assume the mapped IAM roles and who can edit aws-auth in kube-system.',
    references: [R.accessEntries, R.rbac],
  },
  'k8s.inGroup': {
    title: 'In built-in group',
    meaning:
      'The source belongs to a group the API server adds to every request it makes: system:authenticated, system:serviceaccounts or system:serviceaccounts:NAMESPACE. Drawn only where that group itself grants an escalation.',
    attack:
      'Every identity in the group inherits the group\'s bindings: a binding of a powerful role to system:authenticated is usable by any service-account token in the cluster (and, on GKE, by any signed-in Google account). `kubectl auth can-i --list` from any pod\'s token reveals it.',
    remediation:
      'Remove bindings whose subjects are system:authenticated, system:unauthenticated or system:serviceaccounts; bind to the specific service accounts that need the role instead.',
    references: [R.rbac, R.goodPractices],
  },
};

export const K8S_TECHNIQUE_HELP: Record<string, Help> = {
  'k8s-cluster-admin': {
    title: 'Cluster administrator',
    meaning:
      'The source already controls the cluster: it holds every verb on every resource cluster-wide (cluster-admin through a ClusterRoleBinding, or an EKS cluster-admin access policy), or is in system:masters, which skips RBAC altogether.',
    attack:
      'Nothing left to escalate: read every Secret (`kubectl get secrets -A -o yaml`), mint a token for any service account (`kubectl create token SA -n NS`), schedule a privileged pod with the node\'s root filesystem mounted to take over a node, and follow the cloud identities federated to service accounts.',
    remediation:
      'Keep cluster-admin bindings to a break-glass group; never put users or client certificates in system:masters (a certificate in that group cannot be revoked short of rotating the cluster CA); on EKS prefer access entries with namespace-scoped access policies.',
    references: [R.rbac, R.goodPractices],
  },
  'k8s-create-workload': {
    title: 'Create or rewrite workloads',
    meaning:
      'The source can create pods, directly or through a Deployment, DaemonSet, StatefulSet, Job or CronJob, or rewrite a controller\'s pod template: it can run code as any service account of the namespace and read its mounted token.',
    attack:
      '`kubectl run probe -n NS --image=alpine --restart=Never --overrides=\'{"spec":{"serviceAccountName":"TARGET_SA"}}\' -- cat /var/run/secrets/kubernetes.io/serviceaccount/token`, then `kubectl logs probe -n NS`; or `kubectl set serviceaccount deployment/APP TARGET_SA -n NS` plus a new image. The token then works with `kubectl --token`.',
    remediation:
      'Grant create on pods and workload controllers only to deployment pipelines; keep powerful service accounts out of namespaces where others can create workloads; enforce Pod Security Admission (restricted) and an admission policy that limits which service accounts a namespace\'s pods may use.',
    references: [R.goodPractices, R.podSecurity],
  },
  'k8s-pod-exec': {
    title: 'Exec into running pods',
    meaning:
      'The source can run commands inside running pods (pods/exec), add an ephemeral container to them, or swap the image of a running pod: it reads the token of the service account each pod runs as.',
    attack:
      '`kubectl exec -n NS POD -- cat /var/run/secrets/kubernetes.io/serviceaccount/token`; without exec, `kubectl debug -n NS POD -it --image=alpine --target=CONTAINER` starts an ephemeral container in the pod that can reach the same token volume.',
    remediation:
      'Reserve pods/exec, pods/attach and pods/ephemeralcontainers for break-glass roles; set automountServiceAccountToken: false on pods that do not call the API; before Kubernetes 1.31, remember that get on pods/exec also allows exec over WebSockets.',
    references: [R.goodPractices, R.ephemeral],
  },
  'k8s-read-secrets': {
    title: 'Read service-account token Secrets',
    meaning:
      'The source can read Secrets holding legacy service-account tokens (type kubernetes.io/service-account-token), or create such a Secret for any service account of the namespace and read back the token the control plane fills in. Those tokens do not expire.',
    attack:
      '`kubectl get secrets -n NS --field-selector type=kubernetes.io/service-account-token -o jsonpath={.items[*].data.token}` and base64-decode each; or create a Secret of that type annotated kubernetes.io/service-account.name: TARGET_SA, then `kubectl get secret NAME -n NS -o jsonpath={.data.token} | base64 -d`.',
    remediation:
      'Delete legacy token Secrets (clusters since 1.24 no longer create them, and newer versions clean up unused ones); grant get on secrets only with resourceNames, and avoid list/watch on secrets; block creation of service-account-token Secrets with an admission policy.',
    references: [R.tokenSecrets, R.saAdmin],
  },
  'k8s-token-request': {
    title: 'Request service-account tokens',
    meaning: 'The source can call the TokenRequest API (create on serviceaccounts/token) for the target service account and receive a fresh bearer token for it.',
    attack:
      '`kubectl create token TARGET_SA -n NS --duration=24h` prints a token that authenticates as system:serviceaccount:NS:TARGET_SA until it expires (the API server may cap the lifetime); use it with `kubectl --token=TOKEN` or against the cloud federations of that service account.',
    remediation:
      'Grant create on serviceaccounts/token only with resourceNames naming the service accounts a controller must serve; remove it from broad, human-facing roles.',
    references: [R.tokenRequest, R.saAdmin],
  },
  'k8s-bind-escalate': {
    title: 'Bind or escalate roles',
    meaning:
      'The source can hand itself a stronger role: bind lets it create (or rewrite the subjects of) a binding to a role it does not hold, up to cluster-admin, and escalate lets it add any rule to a role it is bound to. Both lift RBAC\'s rule that one cannot grant more than one has.',
    attack:
      'With bind on clusterroles and create on clusterrolebindings: `kubectl create clusterrolebinding ops-debug --clusterrole=cluster-admin --serviceaccount=NS:ME`; with escalate and update on its own role: `kubectl edit clusterrole MY_ROLE` and add a rule with apiGroups, resources and verbs all set to "*".',
    remediation:
      'Remove the bind and escalate verbs from every role outside cluster administration; where a controller must bind, limit bind with resourceNames to the roles it hands out; alert on new bindings to cluster-admin or admin.',
    references: [R.escalationPrevention, R.goodPractices],
  },
  'k8s-impersonate': {
    title: 'Impersonate users, groups or service accounts',
    meaning:
      'The source can send requests as another user, group or service account (the impersonate verb); impersonating the group system:masters makes it cluster administrator.',
    attack:
      '`kubectl get secrets -A --as=system:serviceaccount:NS:SA`, or `kubectl get nodes --as=anyone --as-group=system:masters`; the API server checks only the impersonate permission, then authorizes the request as the impersonated identity.',
    remediation:
      'Grant impersonate only with resourceNames listing the identities a proxy must act for; never on groups, and above all not on system:masters; audit requests that carry Impersonate-User or Impersonate-Group headers.',
    references: [R.impersonation, R.goodPractices],
  },
  // Federation techniques (federatesTo edges from a service account to a cloud identity).
  'eks-irsa': {
    title: 'EKS IAM role for service accounts (IRSA)',
    meaning:
      'The source service account is annotated with an IAM role (eks.amazonaws.com/role-arn) and the role\'s trust admits the cluster\'s OIDC issuer with sub system:serviceaccount:NS:NAME and the expected aud: pods running as the service account get the role\'s credentials.',
    attack:
      'Run a pod as the service account (or exec into one) and exchange its projected token: `aws sts assume-role-with-web-identity --role-arn $AWS_ROLE_ARN --role-session-name x --web-identity-token "$(cat $AWS_WEB_IDENTITY_TOKEN_FILE)"`; any AWS SDK in the pod does it by itself from those variables.',
    remediation:
      'Condition the role trust on the exact sub (system:serviceaccount:NS:NAME) and aud (sts.amazonaws.com) with StringEquals, never a wildcard; restrict who can create pods or exec in the namespace; keep the role least-privilege.',
    references: [R.irsa],
  },
  'eks-pod-identity': {
    title: 'EKS Pod Identity',
    meaning:
      'An EKS Pod Identity association gives the source service account the target IAM role, whose trust admits pods.eks.amazonaws.com: pods running as the service account receive the role\'s credentials from the Pod Identity agent.',
    attack:
      'In a pod of that service account: `curl -H "Authorization: $(cat $AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE)" $AWS_CONTAINER_CREDENTIALS_FULL_URI` returns the role\'s temporary credentials; any SDK in the pod fetches them with no code at all.',
    remediation:
      'Restrict eks:CreatePodIdentityAssociation and eks:UpdatePodIdentityAssociation to cluster administrators; in the role\'s policies, condition on the session tags Pod Identity attaches (kubernetes-namespace, kubernetes-service-account, eks-cluster-name) so the role serves only the intended workload.',
    references: [R.podIdentity],
  },
  'gke-workload-identity': {
    title: 'GKE workload identity',
    meaning:
      'The source service account is annotated with a Google service account (iam.gke.io/gcp-service-account) and that account lets the pool member PROJECT.svc.id.goog[NS/KSA] act as it (roles/iam.workloadIdentityUser or token creation): pods running as the service account act as the Google service account.',
    attack:
      'Start a pod in NS with serviceAccountName: KSA (or exec into one), run `gcloud auth print-access-token`, then call any Google API the account can reach, e.g. `curl -H "Authorization: Bearer $TOKEN" "https://storage.googleapis.com/storage/v1/b?project=PROJECT"`.',
    remediation:
      'Grant workloadIdentityUser on the Google service account to the one KSA that needs it; treat create-pod and exec rights in the namespace as rights over the Google account; where possible grant IAM roles to the Kubernetes service account\'s own principal identifier instead of sharing a Google service account.',
    references: [R.gke],
  },
};
