/**
 * A user's access keys, each counted once. Two exports describe keys: the credential report
 * (`<userArn>#access-key-<slot>`: activity, last use, no key id) and `list-access-keys`
 * (`aws-access-key:AKIA...`: the id and status, no use). Nothing joins them in the graph, so they
 * are joined here: the report's `access_key_N_last_rotated` is the key's creation time, which
 * list-access-keys gives as `CreateDate`; a listed key matching none is a key of its own.
 */
import type { BlastGraph } from '../../../graph/graph';
import type { Evidence } from '../../../model/types';
import type { RiskContext } from '../../../risk/types';
import { credentialHolder } from '../../../risk/evidence';
import { pushTo } from '../../../io/multimap';

export interface AwsKey {
  /** The nodes describing it (a report slot, a listed key, or both). */
  ids: string[];
  /** The user (or account, for the root user) holding it; undefined when no export names it. */
  holder: string | undefined;
  keyId?: string;
  slot?: number;
  active: boolean;
  /** Created or last rotated (epoch ms). */
  issued?: number;
  lastUsed?: number;
  service?: string;
  region?: string;
  evidence: Evidence[];
}

const time = (v: unknown) => (typeof v === 'string' && !Number.isNaN(Date.parse(v)) ? Date.parse(v) : undefined);
/** The report's tokens for "nothing": not a service or region. */
const text = (v: unknown) => (typeof v === 'string' && v !== '' && v !== 'N/A' && v !== 'no_information' && v !== 'not_supported' ? v : undefined);

/** How a key is named in a remediation: its id when an export gave it, else its slot. */
export const keyLabel = (k: AwsKey): string => k.keyId ?? (k.slot !== undefined ? `access key ${k.slot}` : 'access key');

function read(graph: BlastGraph, id: string): AwsKey {
  const a = graph.getNodeAttribute(id, 'attributes');
  const holder = credentialHolder(graph, id);
  return {
    ids: [id],
    holder: holder?.id,
    keyId: text(a.accessKeyId),
    slot: typeof a.slot === 'number' ? a.slot : undefined,
    active: a.active === true,
    issued: time(a.lastRotated) ?? time(a.created),
    lastUsed: time(a.lastUsed),
    service: text(a.lastUsedService),
    region: text(a.lastUsedRegion),
    evidence: holder?.evidence ?? [],
  };
}

/** Same second: the report writes `+00:00` without fractions, the API may add milliseconds. */
const sameTime = (x?: number, y?: number) => x !== undefined && y !== undefined && Math.abs(x - y) < 1000;

export function accessKeys(graph: BlastGraph): AwsKey[] {
  const reported: AwsKey[] = [];
  const listed: AwsKey[] = [];
  graph.forEachNode((id, n) => {
    if (n.kind !== 'accessKey' || n.provider !== 'aws' || n.placeholder) return;
    const k = read(graph, id);
    (k.keyId !== undefined && k.slot === undefined ? listed : reported).push(k);
  });
  const out = [...reported];
  // By holder: a scan of every reported key per listed key would be quadratic at 100,000 users.
  const byHolder = new Map<string, AwsKey[]>();
  for (const r of reported) if (r.keyId === undefined && r.holder !== undefined) pushTo(byHolder, r.holder, r);
  for (const l of listed) {
    const twin = l.holder === undefined ? undefined : byHolder.get(l.holder)?.find((r) => r.keyId === undefined && sameTime(r.issued, l.issued));
    if (!twin) {
      out.push(l);
      continue;
    }
    // The report says how it is used; the listing names the key and reads its status directly
    // (the two disagree only when the key changed between the two exports).
    twin.ids.push(...l.ids);
    twin.keyId = l.keyId;
    twin.active = l.active;
    twin.evidence = [...twin.evidence, ...l.evidence];
  }
  return out;
}

/** Per risk assessment: the rules and the metrics read the same keys. */
const cache = new WeakMap<RiskContext, AwsKey[]>();
export function keysOf(ctx: RiskContext): AwsKey[] {
  let keys = cache.get(ctx);
  if (!keys) cache.set(ctx, (keys = accessKeys(ctx.analysis.graph)));
  return keys;
}

/** Keys by holder. */
export function keysByHolder(keys: readonly AwsKey[]): Map<string, AwsKey[]> {
  const out = new Map<string, AwsKey[]>();
  for (const k of keys) {
    if (k.holder === undefined) continue;
    const list = out.get(k.holder);
    if (list) list.push(k);
    else out.set(k.holder, [k]);
  }
  return out;
}

/** Listed keys that a credential-report slot already describes: listed id → report slot id. */
export function duplicateKeys(graph: BlastGraph): Map<string, string> {
  const out = new Map<string, string>();
  for (const k of accessKeys(graph)) for (const id of k.ids.slice(1)) out.set(id, k.ids[0]!);
  return out;
}
