/**
 * Workloads (`kubectl get pods,deployments,statefulsets,daemonsets,replicasets,jobs,cronjobs -A
 * -o json`): one `k8s.workload` node each, and a `runsAs` edge to the service account its pods
 * run as (`serviceAccountName`, or `default` when absent). Only what escalation needs is kept:
 * the service account, whether its token is mounted, images, replica count, owner, and the host
 * access flags; environment variables are never read (they often hold secrets in clear).
 */
import { isRecord, own, ownString, toArray } from '../../../io/safe-object';
import type { ObjectMeta } from '../meta';
import { namespacedId } from '../ids';
import { evidence, serviceAccountRef, type ReadState } from './state';

interface WorkloadKind {
  apiGroup: string;
  resource: string;
  /** Path from the object to its pod spec. */
  podSpec: readonly string[];
}

export const WORKLOAD_KINDS: Record<string, WorkloadKind> = {
  Pod: { apiGroup: '', resource: 'pods', podSpec: ['spec'] },
  Deployment: { apiGroup: 'apps', resource: 'deployments', podSpec: ['spec', 'template', 'spec'] },
  StatefulSet: { apiGroup: 'apps', resource: 'statefulsets', podSpec: ['spec', 'template', 'spec'] },
  DaemonSet: { apiGroup: 'apps', resource: 'daemonsets', podSpec: ['spec', 'template', 'spec'] },
  ReplicaSet: { apiGroup: 'apps', resource: 'replicasets', podSpec: ['spec', 'template', 'spec'] },
  ReplicationController: { apiGroup: '', resource: 'replicationcontrollers', podSpec: ['spec', 'template', 'spec'] },
  Job: { apiGroup: 'batch', resource: 'jobs', podSpec: ['spec', 'template', 'spec'] },
  CronJob: { apiGroup: 'batch', resource: 'cronjobs', podSpec: ['spec', 'jobTemplate', 'spec', 'template', 'spec'] },
};

export const isWorkloadKind = (kind: string): boolean => Object.prototype.hasOwnProperty.call(WORKLOAD_KINDS, kind);

export function readWorkload(obj: Record<string, unknown>, meta: ObjectMeta, ns: string, where: string, s: ReadState, kind: string): void {
  const wk = WORKLOAD_KINDS[kind]!;
  let spec: unknown = obj;
  for (const k of wk.podSpec) spec = own(spec, k);
  const specAt = `${where}.${wk.podSpec.join('.')}`;
  if (!isRecord(spec)) return s.ctx.b.warn(`${specAt}: no pod spec; ${kind} ${ns}/${meta.name} skipped`);
  const declared = ownString(spec, 'serviceAccountName') || ownString(spec, 'serviceAccount');
  const saName = declared || 'default';
  const containers = [...toArray(own(spec, 'containers')), ...toArray(own(spec, 'initContainers')), ...toArray(own(spec, 'ephemeralContainers'))];
  const images = [...new Set(containers.map((c) => ownString(c, 'image')).filter((x): x is string => Boolean(x)))];
  const privileged = containers.some((c) => own(own(c, 'securityContext'), 'privileged') === true);
  const automount = own(spec, 'automountServiceAccountToken');
  const replicas = own(own(obj, 'spec'), 'replicas');
  const owner = toArray(own(own(obj, 'metadata'), 'ownerReferences'))[0];
  const id = namespacedId(s.cluster, kind, ns, meta.name);
  s.ctx.b.node({
    id,
    kind: 'k8s.workload',
    name: `${ns}/${meta.name}`,
    account: s.cluster,
    attributes: {
      namespace: ns,
      objectName: meta.name,
      workloadKind: kind,
      apiGroup: wk.apiGroup,
      resource: wk.resource,
      serviceAccount: saName,
      ...(typeof automount === 'boolean' ? { automountServiceAccountToken: automount } : {}),
      ...(typeof replicas === 'number' ? { replicas } : {}),
      ...(ownString(owner, 'kind') && ownString(owner, 'name') ? { owner: `${ownString(owner, 'kind')}/${ownString(owner, 'name')}` } : {}),
      images,
      ...(ownString(spec, 'nodeName') ? { nodeName: ownString(spec, 'nodeName') } : {}),
      ...(own(spec, 'hostNetwork') === true ? { hostNetwork: true } : {}),
      ...(own(spec, 'hostPID') === true ? { hostPID: true } : {}),
      ...(own(spec, 'hostIPC') === true ? { hostIPC: true } : {}),
      ...(privileged ? { privileged: true } : {}),
      labels: meta.labels,
      created: meta.created,
      uid: meta.uid,
    },
  });
  s.ctx.b.edge(
    'runsAs',
    id,
    serviceAccountRef(s, ns, saName),
    evidence(s, declared ? `${specAt}.serviceAccountName` : specAt, declared ? `${kind} ${ns}/${meta.name} runs as ${ns}/${saName}` : `${kind} ${ns}/${meta.name} names no service account: it runs as ${ns}/default`),
  );
}
