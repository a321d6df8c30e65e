/**
 * `kubectl get ... -o json` and `-o yaml` output: a v1 `List` of mixed kinds, a typed list
 * (`RoleBindingList`), a single object, a JSON array of objects, or multi-document YAML. Every
 * object is read by its own `kind`, whatever the file holds; kinds the analysis does not use are
 * counted and skipped. Detection reads content, never the file name.
 */
import { isRecord, own, ownString } from '../../../io/safe-object';
import { scrubSecrets } from '../../../io/scrub-secrets';
import { RejectFile, type ImportContext, type JsonImporter, type TextImporter } from '../../../importers/types';
import { readMeta } from '../meta';
import { PROVIDER } from '../ids';
import { readYaml, YamlRefused } from '../yaml';
import { readBinding, readRole } from './rbac-objects';
import { readNamespace, readSecret, readServiceAccount } from './core-objects';
import { isWorkloadKind, readWorkload } from './workloads';
import { readAwsAuth } from './aws-mappings';
import { finishState, newState, type ReadState } from './state';

const NAMESPACED = new Set(['ServiceAccount', 'Secret', 'Role', 'RoleBinding', 'ConfigMap', 'Pod', 'Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'ReplicationController', 'Job', 'CronJob']);

function readObject(obj: unknown, where: string, s: ReadState): void {
  const b = s.ctx.b;
  if (!isRecord(obj)) return b.warn(`${where}: not an object; skipped`);
  const kind = ownString(obj, 'kind');
  if (!kind) return b.warn(`${where}: no kind; skipped`);
  // A kubeconfig holds credentials, not cluster objects: nothing of it is read or kept.
  if (kind === 'Config' && own(obj, 'metadata') === undefined) return b.warn(`${where}: a kubeconfig, not an export of cluster objects; not read (its credentials were not kept)`);
  const meta = readMeta(obj);
  if (typeof meta === 'string') return b.warn(`${where}: ${kind} with ${meta}; skipped`);
  let ns = meta.namespace;
  if (!ns && NAMESPACED.has(kind)) {
    ns = 'default';
    s.defaultedNamespaces++;
  }
  const namespace = ns ?? '';
  switch (kind) {
    case 'ServiceAccount':
      return readServiceAccount(obj, meta, namespace, s);
    case 'Secret':
      return readSecret(obj, meta, namespace, where, s);
    case 'Role':
    case 'ClusterRole':
      return readRole(obj, { ...meta, namespace: ns }, where, s, kind);
    case 'RoleBinding':
    case 'ClusterRoleBinding':
      return readBinding(obj, { ...meta, namespace: ns }, where, s, kind);
    case 'Namespace':
      return readNamespace(meta, s);
    case 'ConfigMap':
      if (meta.name === 'aws-auth' && namespace === 'kube-system') return readAwsAuth(obj, where, s);
      break;
    default:
      if (isWorkloadKind(kind)) return readWorkload(obj, meta, namespace, where, s, kind);
  }
  s.skipped.set(kind, (s.skipped.get(kind) ?? 0) + 1);
}

/** One parsed document: a list (v1 List or typed list), an array of objects, or one object. */
function readDocument(doc: unknown, prefix: string, s: ReadState): void {
  if (Array.isArray(doc)) return doc.forEach((o, i) => readObject(o, `${prefix}[${i}]`, s));
  const kind = ownString(doc, 'kind');
  const items = own(doc, 'items');
  if (kind && kind.endsWith('List') && items !== undefined) {
    if (items === null) return;
    if (!Array.isArray(items)) return s.ctx.b.warn(`${prefix}items: expected a list, found ${typeof items}; skipped`);
    return items.forEach((o, i) => readObject(o, `${prefix}items[${i}]`, s));
  }
  readObject(doc, prefix.replace(/: $/, '') || '(top level)', s);
}

const looksLikeObject = (doc: unknown): boolean => isRecord(doc) && typeof own(doc, 'apiVersion') === 'string' && typeof own(doc, 'kind') === 'string';

/** A Kubernetes object or list: `apiVersion` and `kind` strings, items (if a list) alike. */
export function isKubectlDocument(doc: unknown): boolean {
  if (!looksLikeObject(doc)) return false;
  const kind = ownString(doc, 'kind')!;
  if (kind.endsWith('List')) return own(doc, 'items') !== undefined;
  return isRecord(own(doc, 'metadata'));
}

export const kubectlJsonImporter: JsonImporter = {
  format: 'k8s.kubectl',
  label: 'kubectl get -o json (Kubernetes objects)',
  provider: PROVIDER,
  detect: isKubectlDocument,
  read(docs, ctx) {
    const s = newState(ctx);
    docs.forEach((doc, d) => readDocument(doc, ctx.docPrefix(d), s));
    finishState(s);
  },
};

/** Cheap sniff of the beginning: a top-level (or list item) `apiVersion:` and a `kind:`. */
export function looksLikeKubectlYaml(text: string): boolean {
  const head = text.slice(0, 8192);
  return /^(?:- )?apiVersion:[ \t]*\S/m.test(head) && /^[ \t]*(?:- )?kind:[ \t]*[A-Z]/m.test(head);
}

function readYamlFile(text: string, ctx: ImportContext): void {
  let read;
  try {
    read = readYaml(text, ctx.file);
  } catch (e) {
    if (e instanceof YamlRefused) throw new RejectFile(e.message);
    throw e;
  }
  if (!read.docs.length) throw new RejectFile(read.errors[0] ?? 'no YAML document in the file');
  for (const err of read.errors) ctx.b.warn(`${ctx.file}: ${err}; the other documents were read`);
  // JSON files are scrubbed by the import before any importer sees them; YAML is scrubbed here.
  let dropped = 0;
  const places: string[] = [];
  read.docs.forEach((doc, i) => {
    const r = scrubSecrets(doc.value, read.docs.length > 1 ? `document ${i + 1}` : '');
    dropped += r.dropped;
    places.push(...r.places);
  });
  if (dropped) {
    ctx.b.droppedSecrets += dropped;
    ctx.b.note(`dropped ${dropped} secret value(s) before import (${places.slice(0, 3).join(', ')}${dropped > 3 ? ', …' : ''}); Blastmap never stores secret material`);
  }
  ctx.b.keptDocs = read.docs.map((d) => d.value);
  const s = newState(ctx);
  const many = read.docs.length > 1;
  read.docs.forEach((doc, i) => readDocument(doc.value, many ? `document ${i + 1} (line ${doc.line}): ` : '', s));
  finishState(s);
}

export const kubectlYamlImporter: TextImporter = {
  format: 'k8s.kubectl-yaml',
  label: 'kubectl get -o yaml (Kubernetes objects)',
  provider: PROVIDER,
  detect: looksLikeKubectlYaml,
  read: readYamlFile,
};
