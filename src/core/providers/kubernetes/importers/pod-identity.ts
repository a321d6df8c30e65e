/**
 * EKS Pod Identity: `aws eks describe-pod-identity-association` ties a cluster's service account
 * to an IAM role, outside any annotation. It is a claim on the Kubernetes side only: the role's
 * trust must still admit the `pods.eks.amazonaws.com` service (sts:AssumeRole and sts:TagSession),
 * which the federation check decides. `list-pod-identity-associations` names no role: it is noted.
 */
import { isRecord, own, ownString } from '../../../io/safe-object';
import type { JsonImporter } from '../../../importers/types';
import { PROVIDER } from '../ids';
import { newStateFor, serviceAccountRef } from './state';

export const describePodIdentityImporter: JsonImporter = {
  format: 'k8s.eks.describe-pod-identity-association',
  label: 'AWS eks describe-pod-identity-association',
  provider: PROVIDER,
  detect: (doc) => isRecord(own(doc, 'association')) && typeof own(own(doc, 'association'), 'serviceAccount') === 'string',
  read(docs, ctx) {
    docs.forEach((doc, d) => {
      const where = `${ctx.docPrefix(d)}association`;
      const a = own(doc, 'association');
      const cluster = ownString(a, 'clusterName');
      const ns = ownString(a, 'namespace');
      const sa = ownString(a, 'serviceAccount');
      const role = ownString(a, 'roleArn');
      if (!cluster || !ns || !sa || !role) return ctx.b.warn(`${where}: needs clusterName, namespace, serviceAccount and roleArn; skipped`);
      if (!/^arn:[\w-]+:iam::\d{12}:role\//.test(role)) return ctx.b.warn(`${where}.roleArn: ${JSON.stringify(role.slice(0, 80))} is not an IAM role ARN; skipped`);
      const s = newStateFor(ctx, cluster, 'named by the pod identity association');
      const id = serviceAccountRef(s, ns, sa);
      ctx.b.node({ id, kind: 'k8s.serviceAccount', name: `${ns}/${sa}`, account: cluster, placeholder: true, attributes: { namespace: ns, objectName: sa, podIdentity: { roleArn: role, associationArn: ownString(a, 'associationArn'), file: ctx.file, location: `${where}.roleArn` } } });
      ctx.b.count('pod identity associations');
    });
  },
};

export const listPodIdentityImporter: JsonImporter = {
  format: 'k8s.eks.list-pod-identity-associations',
  label: 'AWS eks list-pod-identity-associations',
  provider: PROVIDER,
  detect: (doc) => Array.isArray(own(doc, 'associations')),
  read(_docs, ctx) {
    ctx.b.note('list-pod-identity-associations names no role: export each with `aws eks describe-pod-identity-association --cluster-name C --association-id ID`');
  },
};
