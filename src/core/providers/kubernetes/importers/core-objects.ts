/**
 * ServiceAccounts, Secrets and Namespaces. Secret values (`data`, `stringData`, and the
 * last-applied annotation that can repeat them) are counted and dropped for every Secret: only
 * the Secret's name, type and times are kept. A `kubernetes.io/service-account-token` Secret is a
 * standing credential of the service account its annotation names. Service-account annotations
 * are kept whole: the cloud federation links (IRSA, GKE and AKS workload identity) read them.
 */
import { isRecord, own, ownString, toArray } from '../../../io/safe-object';
import { isoTime, LAST_APPLIED, type ObjectMeta } from '../meta';
import { clusterScopedId, namespacedId } from '../ids';
import { evidence, serviceAccountRef, type ReadState } from './state';

const SA_TOKEN_TYPE = 'kubernetes.io/service-account-token';
const SA_NAME_ANNOTATION = 'kubernetes.io/service-account.name';

export function readServiceAccount(obj: Record<string, unknown>, meta: ObjectMeta, ns: string, s: ReadState): void {
  const id = serviceAccountRef(s, ns, meta.name);
  const automount = own(obj, 'automountServiceAccountToken');
  const names = (list: unknown) => toArray(list).map((x) => ownString(x, 'name')).filter((x): x is string => Boolean(x));
  s.ctx.b.node({
    id,
    kind: 'k8s.serviceAccount',
    name: `${ns}/${meta.name}`,
    account: s.cluster,
    attributes: {
      namespace: ns,
      objectName: meta.name,
      uid: meta.uid,
      created: meta.created,
      annotations: meta.annotations,
      labels: meta.labels,
      // Where the object (and so its annotations) came from: the evidence of federation links.
      sourceFile: s.ctx.file,
      ...(typeof automount === 'boolean' ? { automountServiceAccountToken: automount } : {}),
      tokenSecrets: names(own(obj, 'secrets')),
      imagePullSecrets: names(own(obj, 'imagePullSecrets')),
    },
  });
}

/** Values held in a data map (an empty string holds nothing). */
function valueCount(x: unknown): number {
  if (!isRecord(x)) return x === undefined || x === null || x === '' ? 0 : 1;
  return Object.keys(x).filter((k) => x[k] !== '' && x[k] !== null && x[k] !== undefined).length;
}

export function readSecret(obj: Record<string, unknown>, meta: ObjectMeta, ns: string, where: string, s: ReadState): void {
  const dropped = valueCount(own(obj, 'data')) + valueCount(own(obj, 'stringData')) + (meta.lastAppliedHadData ? 1 : 0);
  if (dropped) {
    // Deleted, not only skipped: the parsed data is what a host may keep of the file.
    delete obj.data;
    delete obj.stringData;
    const annotations = own(own(obj, 'metadata'), 'annotations');
    if (isRecord(annotations)) delete annotations[LAST_APPLIED];
    s.ctx.b.droppedSecrets += dropped;
    s.droppedValues += dropped;
    s.secretsWithValues++;
  }
  const type = ownString(obj, 'type') || 'Opaque';
  const base = { namespace: ns, objectName: meta.name, type, created: meta.created, uid: meta.uid, labels: meta.labels, apiGroup: '', resource: 'secrets' };
  const id = namespacedId(s.cluster, 'Secret', ns, meta.name);
  if (type !== SA_TOKEN_TYPE) {
    s.ctx.b.node({ id, kind: 'k8s.secret', name: `${ns}/${meta.name}`, account: s.cluster, attributes: base });
    return;
  }
  const saName = meta.annotations[SA_NAME_ANNOTATION];
  const invalidSince = isoTime(meta.labels['kubernetes.io/legacy-token-invalid-since']);
  s.ctx.b.node({
    id,
    kind: 'k8s.serviceAccountToken',
    name: `${ns}/${meta.name}`,
    account: s.cluster,
    attributes: {
      ...base,
      serviceAccount: saName,
      lastUsed: isoTime(meta.labels['kubernetes.io/legacy-token-last-used']),
      invalidSince,
      // The legacy-token cleaner marked it invalid: the API server refuses it (as an inactive key).
      ...(invalidSince ? { active: false } : {}),
    },
  });
  if (!saName) return s.ctx.b.warn(`${where}: service-account token Secret ${ns}/${meta.name} has no ${SA_NAME_ANNOTATION} annotation; not linked to a service account`);
  s.ctx.b.edge('credentialOf', id, serviceAccountRef(s, ns, saName), evidence(s, `${where}.metadata.annotations["${SA_NAME_ANNOTATION}"]`, `legacy token of service account ${ns}/${saName}`));
}

export function readNamespace(meta: ObjectMeta, s: ReadState): void {
  s.ctx.b.node({
    id: clusterScopedId(s.cluster, 'Namespace', meta.name),
    kind: 'k8s.namespace',
    name: meta.name,
    account: s.cluster,
    attributes: { objectName: meta.name, labels: meta.labels, created: meta.created, uid: meta.uid, apiGroup: '', resource: 'namespaces' },
  });
}
