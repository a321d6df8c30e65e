/**
 * Cluster descriptions: `aws eks describe-cluster`, `gcloud container clusters describe
 * --format=json` (and `list`), `az aks show` (and `list`). Each makes the `k8s:<name>` cluster node
 * with its platform, OIDC issuer and cloud ids, which the federation links and the cluster naming
 * of kubectl exports (session facts, via `prescanClusters`) rely on. Credentials some of these
 * outputs carry (GKE `masterAuth` keys and passwords, an AKS service-principal secret) are
 * counted as dropped and never read.
 */
import { isRecord, own, ownString } from '../../../io/safe-object';
import type { ImportContext, JsonImporter } from '../../../importers/types';
import { CLUSTER_FACT, clusterId, PROVIDER, renamedCluster } from '../ids';
import { isoTime } from '../meta';

const NAME = '[A-Za-z0-9][A-Za-z0-9_.-]{0,99}';
const EKS_ARN = new RegExp(`^arn:aws[a-z-]*:eks:([a-z0-9-]+):(\\d{12}):cluster/(${NAME})$`);
const GKE_LINK = new RegExp(`container\\.googleapis\\.com/v1(?:beta1)?/projects/([^/"\\s]+)/(?:zones|locations)/([^/"\\s]+)/clusters/(${NAME})$`);
const AKS_ID = new RegExp(`^/subscriptions/([^/]+)/resource[gG]roups/([^/]+)/providers/Microsoft\\.ContainerService/managedClusters/(${NAME})$`, 'i');

function clusterNode(ctx: ImportContext, described: string, attributes: Record<string, unknown>): void {
  const name = renamedCluster(ctx.facts, described);
  if (name !== described) ctx.b.note(`cluster ${JSON.stringify(described)} renamed ${JSON.stringify(name)} by the analyst`);
  const clean: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(attributes)) if (v !== undefined) clean[k] = v;
  ctx.b.node({ id: clusterId(name), kind: 'k8s.cluster', name, account: name, attributes: clean });
}

/** Count (never read) credential fields a description may carry. */
function dropCredentials(ctx: ImportContext, rec: unknown, keys: readonly string[], where: string): void {
  const found = keys.filter((k) => {
    const v = own(rec, k);
    return typeof v === 'string' && v !== '';
  });
  if (!found.length) return;
  // Deleted from the parsed data too: it is what a host may keep of the file.
  if (isRecord(rec)) for (const k of found) delete rec[k];
  ctx.b.droppedSecrets += found.length;
  ctx.b.note(`dropped ${found.length} credential value(s) at ${where} (${found.join(', ')}); Blastmap never stores secret material`);
}

const bool = (x: unknown) => (typeof x === 'boolean' ? x : undefined);

export const eksDescribeClusterImporter: JsonImporter = {
  format: 'k8s.eks.describe-cluster',
  label: 'AWS eks describe-cluster',
  provider: PROVIDER,
  detect: (doc) => isRecord(own(doc, 'cluster')) && EKS_ARN.test(ownString(own(doc, 'cluster'), 'arn') ?? ''),
  read(docs, ctx) {
    docs.forEach((doc, d) => {
      const c = own(doc, 'cluster');
      const where = `${ctx.docPrefix(d)}cluster`;
      const arn = ownString(c, 'arn') ?? '';
      const m = EKS_ARN.exec(arn);
      const name = ownString(c, 'name') ?? m?.[3];
      if (!m || !name) return ctx.b.warn(`${where}: needs an EKS cluster arn and name; skipped`);
      const vpc = own(c, 'resourcesVpcConfig');
      clusterNode(ctx, name, {
        platform: 'eks',
        arn,
        region: m[1],
        awsAccount: m[2],
        oidcIssuer: ownString(own(own(c, 'identity'), 'oidc'), 'issuer'),
        version: ownString(c, 'version'),
        endpoint: ownString(c, 'endpoint'),
        endpointPublicAccess: bool(own(vpc, 'endpointPublicAccess')),
        publicAccessCidrs: Array.isArray(own(vpc, 'publicAccessCidrs')) ? (own(vpc, 'publicAccessCidrs') as unknown[]).filter((x) => typeof x === 'string') : undefined,
        roleArn: ownString(c, 'roleArn'),
        authenticationMode: ownString(own(c, 'accessConfig'), 'authenticationMode'),
        status: ownString(c, 'status'),
        created: isoTime(own(c, 'createdAt')),
      });
    });
  },
};

export const gkeDescribeClusterImporter: JsonImporter = {
  format: 'k8s.gke.describe-cluster',
  label: 'gcloud container clusters describe (GKE)',
  provider: PROVIDER,
  detect: (doc) => isRecord(doc) && typeof own(doc, 'name') === 'string' && GKE_LINK.test(ownString(doc, 'selfLink') ?? ''),
  read(docs, ctx) {
    docs.forEach((c, d) => {
      const where = ctx.docPrefix(d) || '(top level)';
      const m = GKE_LINK.exec(ownString(c, 'selfLink') ?? '');
      const name = ownString(c, 'name');
      if (!m || !name) return ctx.b.warn(`${where}: needs a GKE cluster selfLink and name; skipped`);
      dropCredentials(ctx, own(c, 'masterAuth'), ['password', 'clientKey', 'clientCertificate'], `${ctx.docPrefix(d)}masterAuth`);
      const location = ownString(c, 'location') ?? m[2];
      clusterNode(ctx, name, {
        platform: 'gke',
        selfLink: ownString(c, 'selfLink'),
        project: m[1],
        location,
        // GKE's service-account token issuer is the cluster's own URL.
        oidcIssuer: `https://container.googleapis.com/v1/projects/${m[1]}/locations/${location}/clusters/${name}`,
        workloadPool: ownString(own(c, 'workloadIdentityConfig'), 'workloadPool'),
        legacyAbac: bool(own(own(c, 'legacyAbac'), 'enabled')),
        version: ownString(c, 'currentMasterVersion'),
        endpoint: ownString(c, 'endpoint'),
        privateEndpoint: bool(own(own(c, 'privateClusterConfig'), 'enablePrivateEndpoint')),
        masterAuthorizedNetworks: bool(own(own(c, 'masterAuthorizedNetworksConfig'), 'enabled')),
        status: ownString(c, 'status'),
        created: isoTime(own(c, 'createTime')),
      });
      if (own(own(c, 'legacyAbac'), 'enabled') === true) ctx.b.warn(`${where}.legacyAbac: legacy ABAC is enabled on GKE cluster ${name}: every service account may be allowed everything regardless of RBAC; the RBAC analysis understates its risk`);
    });
  },
};

export const aksShowImporter: JsonImporter = {
  format: 'k8s.aks.show',
  label: 'az aks show (AKS)',
  provider: PROVIDER,
  // A cluster's description has its properties (flattened by `az aks show`, under `properties` by
  // `az resource show`); an `az resource list` entry has none and belongs to the Azure resources importer.
  detect: (doc) =>
    isRecord(doc) &&
    /^microsoft\.containerservice\/managedclusters$/i.test(ownString(doc, 'type') ?? '') &&
    typeof own(doc, 'name') === 'string' &&
    ['properties', 'kubernetesVersion', 'agentPoolProfiles', 'fqdn', 'oidcIssuerProfile', 'identityProfile'].some((k) => own(doc, k) !== undefined),
  read(docs, ctx) {
    docs.forEach((c, d) => {
      const where = ctx.docPrefix(d) || '(top level)';
      const name = ownString(c, 'name');
      if (!name || !new RegExp(`^${NAME}$`).test(name)) return ctx.b.warn(`${where}: no usable cluster name; skipped`);
      // `az aks show` flattens the ARM properties; `az resource show` keeps them under `properties`.
      const p = isRecord(own(c, 'properties')) ? own(c, 'properties') : c;
      dropCredentials(ctx, own(p, 'servicePrincipalProfile'), ['secret'], `${ctx.docPrefix(d)}servicePrincipalProfile`);
      const id = ownString(c, 'id') ?? '';
      const m = AKS_ID.exec(id);
      const kubelet = own(own(p, 'identityProfile'), 'kubeletidentity');
      const aad = own(p, 'aadProfile');
      clusterNode(ctx, name, {
        platform: 'aks',
        resourceId: id || undefined,
        subscription: m?.[1],
        resourceGroup: m?.[2],
        location: ownString(c, 'location'),
        oidcIssuer: own(own(p, 'oidcIssuerProfile'), 'enabled') === false ? undefined : ownString(own(p, 'oidcIssuerProfile'), 'issuerUrl'),
        workloadIdentity: bool(own(own(own(p, 'securityProfile'), 'workloadIdentity'), 'enabled')),
        kubeletIdentity: isRecord(kubelet) ? { clientId: ownString(kubelet, 'clientId'), objectId: ownString(kubelet, 'objectId'), resourceId: ownString(kubelet, 'resourceId') } : undefined,
        azureRbac: bool(own(aad, 'enableAzureRbac')),
        adminGroupObjectIds: Array.isArray(own(aad, 'adminGroupObjectIDs')) ? (own(aad, 'adminGroupObjectIDs') as unknown[]).filter((x) => typeof x === 'string') : undefined,
        tenantId: ownString(aad, 'tenantId'),
        localAccountsDisabled: bool(own(p, 'disableLocalAccounts')),
        version: ownString(p, 'kubernetesVersion') ?? ownString(p, 'currentKubernetesVersion'),
        endpoint: ownString(p, 'fqdn') ?? ownString(p, 'privateFqdn'),
      });
    });
  },
};

const EKS_PRESCAN = new RegExp(`"arn"\\s*:\\s*"arn:aws[a-z-]*:eks:[a-z0-9-]+:\\d{12}:cluster/(${NAME})"`, 'g');
const GKE_PRESCAN = new RegExp(`"selfLink"\\s*:\\s*"https://container\\.googleapis\\.com/v1(?:beta1)?/projects/[^/"]+/(?:zones|locations)/[^/"]+/clusters/(${NAME})"`, 'g');
const AKS_PRESCAN = new RegExp(`"id"\\s*:\\s*"/subscriptions/[^/"]+/resource[gG]roups/[^/"]+/providers/Microsoft\\.ContainerService/managedClusters/(${NAME})"`, 'gi');
const ACCESS_ENTRY_PRESCAN = new RegExp(`"clusterName"\\s*:\\s*"(${NAME})"`, 'g');

/**
 * Names of the clusters a file describes, read with regular expressions on its beginning (no
 * parse): only files shaped like a description are looked at, so other files cost one test.
 */
export function* prescanClusters(text: string): Iterable<[string, string]> {
  const start = /^\s*([[{])\s*"?([A-Za-z]*)/.exec(text.slice(0, 200));
  if (!start) return;
  const firstKey = start[2] ?? '';
  const collect = function* (re: RegExp) {
    for (const m of text.matchAll(re)) yield [CLUSTER_FACT, m[1]!] as [string, string];
  };
  if (firstKey === 'cluster') yield* collect(EKS_PRESCAN);
  if (firstKey === 'accessEntry' || firstKey === 'clusterName' || /"associatedAccessPolicies"\s*:/.test(text.slice(0, 4096))) yield* collect(ACCESS_ENTRY_PRESCAN);
  if (text.includes('"selfLink"') && text.includes('container.googleapis.com')) yield* collect(GKE_PRESCAN);
  if (/Microsoft\.ContainerService\/managedClusters/i.test(text)) yield* collect(AKS_PRESCAN);
}
