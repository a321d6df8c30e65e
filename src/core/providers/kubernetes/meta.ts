/**
 * Reading a Kubernetes object's `metadata` from attacker-controlled data: name, namespace, uid,
 * creation time, labels and annotations as own-property string records. `managedFields` is never
 * read, and the `kubectl.kubernetes.io/last-applied-configuration` annotation is always dropped:
 * it repeats the whole object as JSON text, for a Secret including its data.
 */
import { isRecord, own, ownString, setOwn } from '../../io/safe-object';

export const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

export interface ObjectMeta {
  name: string;
  namespace?: string;
  uid?: string;
  created?: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  /** The last-applied annotation was present and carried `data` or `stringData` (a Secret's values). */
  lastAppliedHadData: boolean;
}

/** A string map (labels, annotations, matchLabels): non-string values are left out. */
export function stringRecord(x: unknown, drop?: ReadonlySet<string>): Record<string, string> {
  const out: Record<string, string> = {};
  if (!isRecord(x)) return out;
  for (const k of Object.keys(x)) {
    const v = x[k];
    if (typeof v === 'string' && !drop?.has(k)) setOwn(out, k, v);
  }
  return out;
}

const DROPPED_ANNOTATIONS = new Set([LAST_APPLIED]);

/** ISO timestamp from an RFC 3339 string, or undefined (`creationTimestamp: null` in manifests). */
export function isoTime(x: unknown): string | undefined {
  if (typeof x !== 'string') return undefined;
  const t = Date.parse(x);
  return Number.isNaN(t) ? undefined : new Date(t).toISOString();
}

/** The object's metadata, or a reason it cannot be read. */
export function readMeta(obj: unknown): ObjectMeta | string {
  const md = own(obj, 'metadata');
  if (!isRecord(md)) return 'no metadata';
  const name = ownString(md, 'name');
  if (!name) return 'no metadata.name';
  const annotationsRaw = own(md, 'annotations');
  const lastApplied = own(annotationsRaw, LAST_APPLIED);
  return {
    name,
    namespace: ownString(md, 'namespace') || undefined,
    uid: ownString(md, 'uid'),
    created: isoTime(own(md, 'creationTimestamp')),
    labels: stringRecord(own(md, 'labels')),
    annotations: stringRecord(annotationsRaw, DROPPED_ANNOTATIONS),
    lastAppliedHadData: typeof lastApplied === 'string' && /"(?:data|stringData)"\s*:/.test(lastApplied),
  };
}

/** Strings of a list field; `undefined` when the field is present but is not a list of strings. */
export function stringList(x: unknown): string[] | undefined {
  if (x === undefined || x === null) return [];
  if (!Array.isArray(x)) return undefined;
  const out: string[] = [];
  for (const v of x) {
    if (typeof v !== 'string') return undefined;
    out.push(v);
  }
  return out;
}
