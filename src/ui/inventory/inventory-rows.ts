/**
 * Rows of the inventory list, derived from the snapshot: who is human, who is admin or can become
 * admin, who holds stale credentials (judged as of the workspace's analysis date), last use.
 */
import { DEFAULT_AGE_THRESHOLDS, kindInfo, isStale, judgeAge, type NodeKind, type Snapshot } from '../../core';

export const STALE_DAYS = DEFAULT_AGE_THRESHOLDS.staleDays;

export interface InventoryRow {
  id: string;
  name: string;
  kind: NodeKind;
  provider: string;
  account: string;
  human: 'human' | 'non-human' | 'unknown';
  admin: 'admin' | 'conditional admin' | 'escalates' | '';
  staleCredentials: number;
  /** Why: one sentence per age issue of the row or of its credentials. */
  ageNotes: string[];
  lastUsed?: string;
  tags: string[];
}

const IDENTITY: ReadonlySet<string> = new Set(['identity', 'credential', 'secret']);

const time = (v: unknown) => (typeof v === 'string' ? Date.parse(v) : NaN);

/** `asOf` is the workspace's analysis date (epoch ms); the snapshot carries it. */
export function inventoryRows(s: Snapshot, asOf: number): InventoryRow[] {
  const escalates = new Set(s.analysis?.escalatesToAdmin.map((e) => e.principal) ?? []);
  const stale = new Map<string, number>();
  const notes = new Map<string, string[]>();
  const note = (id: string, text: string) => notes.set(id, [...(notes.get(id) ?? []), text]);
  const lastUse = new Map<string, number>();
  const nodes = new Map(s.nodes.map((n) => [n.id, n]));
  for (const n of s.nodes) {
    const j = judgeAge(n.kind, n.attributes, asOf);
    if (isStale(j)) stale.set(n.id, 1);
    for (const r of j?.reasons ?? []) note(n.id, r);
  }
  for (const e of s.edges) {
    if (e.kind !== 'credentialOf') continue;
    const c = nodes.get(e.source);
    if (!c) continue;
    const used = time(c.attributes.lastUsed);
    if (!Number.isNaN(used) && used <= asOf) lastUse.set(e.target, Math.max(lastUse.get(e.target) ?? 0, used));
    if (stale.get(c.id) && !nodes.get(e.target)?.placeholder) {
      stale.set(e.target, (stale.get(e.target) ?? 0) + 1);
      for (const r of notes.get(c.id) ?? []) note(e.target, `${c.name}: ${r}`);
    }
  }
  const rows: InventoryRow[] = [];
  for (const n of s.nodes) {
    if (n.placeholder || !IDENTITY.has(kindInfo(n.kind).category)) continue;
    const a = n.attributes;
    const nature = kindInfo(n.kind).nature;
    const human: InventoryRow['human'] =
      nature === 'non-human' || nature === 'human' ? nature : nature === 'depends' ? (a.passwordEnabled === true ? 'human' : a.passwordEnabled === false ? 'non-human' : 'unknown') : 'unknown';
    const own = Math.max(time(a.lastUsed) || 0, time(a.passwordLastUsed) || 0, lastUse.get(n.id) ?? 0);
    rows.push({
      id: n.id,
      name: n.name,
      kind: n.kind,
      provider: n.provider,
      account: n.account ?? '',
      human,
      admin: a.admin === true ? 'admin' : a.admin === 'conditional' ? 'conditional admin' : escalates.has(n.id) ? 'escalates' : '',
      staleCredentials: stale.get(n.id) ?? 0,
      ageNotes: notes.get(n.id) ?? [],
      lastUsed: own ? new Date(own).toISOString().slice(0, 10) : undefined,
      tags: Array.isArray(a.tags) ? (a.tags as [string, string][]).map(([k, v]) => `${k}=${v}`) : [],
    });
  }
  return rows;
}

export interface InventoryFilter {
  provider: string;
  kind: string;
  human: string;
  adminOnly: boolean;
  staleOnly: boolean;
  tag: string;
}

export const NO_FILTER: InventoryFilter = { provider: '', kind: '', human: '', adminOnly: false, staleOnly: false, tag: '' };

export function filterRows(rows: InventoryRow[], f: InventoryFilter): InventoryRow[] {
  const tag = f.tag.trim().toLowerCase();
  return rows.filter(
    (r) =>
      (!f.provider || r.provider === f.provider) &&
      (!f.kind || r.kind === f.kind) &&
      (!f.human || r.human === f.human) &&
      (!f.adminOnly || r.admin !== '') &&
      (!f.staleOnly || r.staleCredentials > 0) &&
      (!tag || r.tags.some((t) => t.toLowerCase().includes(tag))),
  );
}

export type SortKey = 'name' | 'kind' | 'account' | 'admin' | 'staleCredentials' | 'lastUsed';

export function sortRows(rows: InventoryRow[], key: SortKey, desc: boolean): InventoryRow[] {
  const val = (r: InventoryRow) => (key === 'staleCredentials' ? r.staleCredentials : (r[key] ?? ''));
  const sorted = [...rows].sort((a, b) => {
    const x = val(a);
    const y = val(b);
    return typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y));
  });
  return desc ? sorted.reverse() : sorted;
}
