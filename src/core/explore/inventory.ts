/**
 * The inventory: identities, credentials and secrets with who is human, who is admin or can become
 * admin, who holds stale credentials (judged as of the workspace's analysis date) and last use.
 * Rows are built once per analysis in the worker; the page asks for one page at a time.
 */
import { kindInfo } from '../model/kinds';
import { isStale, judgeAge } from '../analysis/lifecycle';
import type { BlastGraph } from '../graph/graph';
import type { InventoryFilter, InventoryPage, InventoryRequest, InventoryRow, InventorySortKey } from './types';

const LISTED: ReadonlySet<string> = new Set(['identity', 'credential', 'secret']);

const time = (v: unknown) => (typeof v === 'string' ? Date.parse(v) : NaN);

/** `asOf`: the analysis date (epoch ms); `escalates`: principals that can become admin. */
export function inventoryRows(graph: BlastGraph, asOf: number, escalates: ReadonlySet<string>): InventoryRow[] {
  const stale = new Map<string, number>();
  const notes = new Map<string, string[]>();
  const note = (id: string, text: string) => {
    const list = notes.get(id);
    if (list) list.push(text);
    else notes.set(id, [text]);
  };
  const lastUse = new Map<string, number>();
  graph.forEachNode((id, n) => {
    const j = judgeAge(n.kind, n.attributes, asOf);
    if (isStale(j)) stale.set(id, 1);
    for (const r of j?.reasons ?? []) note(id, r);
  });
  graph.forEachEdge((_, e, source, target, c, holder) => {
    if (e.kind !== 'credentialOf') return;
    const used = time(c.attributes.lastUsed);
    if (!Number.isNaN(used) && used <= asOf) lastUse.set(target, Math.max(lastUse.get(target) ?? 0, used));
    if (stale.get(source) && !holder.placeholder) {
      stale.set(target, (stale.get(target) ?? 0) + 1);
      for (const r of notes.get(source) ?? []) note(target, `${c.name}: ${r}`);
    }
  });
  const rows: InventoryRow[] = [];
  graph.forEachNode((id, n) => {
    if (n.placeholder || !LISTED.has(kindInfo(n.kind).category)) return;
    const a = n.attributes;
    const nature = kindInfo(n.kind).nature;
    const human: InventoryRow['human'] =
      nature === 'non-human' || nature === 'human' ? nature : nature === 'depends' ? (a.passwordEnabled === true ? 'human' : a.passwordEnabled === false ? 'non-human' : 'unknown') : 'unknown';
    const own = Math.max(time(a.lastUsed) || 0, time(a.passwordLastUsed) || 0, lastUse.get(id) ?? 0);
    rows.push({
      id,
      name: n.name,
      kind: n.kind,
      provider: n.provider,
      account: n.account ?? '',
      human,
      admin: a.admin === true ? 'admin' : a.admin === 'conditional' ? 'conditional admin' : escalates.has(id) ? 'escalates' : '',
      staleCredentials: stale.get(id) ?? 0,
      ageNotes: notes.get(id) ?? [],
      lastUsed: own ? new Date(own).toISOString().slice(0, 10) : undefined,
      tags: Array.isArray(a.tags) ? (a.tags as [string, string][]).map(([k, v]) => `${k}=${v}`) : [],
    });
  });
  return rows;
}

export const NO_FILTER: InventoryFilter = { provider: '', kind: '', human: '', adminOnly: false, staleOnly: false, tag: '' };

export function filterRows(rows: readonly InventoryRow[], f: InventoryFilter): InventoryRow[] {
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

const collator = new Intl.Collator('en');

export function sortRows(rows: InventoryRow[], key: InventorySortKey, desc: boolean): InventoryRow[] {
  const sorted =
    key === 'staleCredentials'
      ? [...rows].sort((a, b) => a.staleCredentials - b.staleCredentials || collator.compare(a.name, b.name))
      : [...rows].sort((a, b) => collator.compare(a[key] ?? '', b[key] ?? '') || collator.compare(a.id, b.id));
  return desc ? sorted.reverse() : sorted;
}

/**
 * Pages of one inventory. The last filter and sort are kept, so paging through 100,000 rows
 * sorts once.
 */
export class Inventory {
  private last: { key: string; rows: InventoryRow[] } | undefined;
  readonly kinds: string[];
  readonly providers: string[];

  constructor(private readonly all: InventoryRow[]) {
    this.kinds = [...new Set(all.map((r) => r.kind))].sort();
    this.providers = [...new Set(all.map((r) => r.provider))].sort();
  }

  page(req: InventoryRequest): InventoryPage {
    const key = JSON.stringify([req.filter, req.sort]);
    if (this.last?.key !== key) this.last = { key, rows: sortRows(filterRows(this.all, req.filter), req.sort.key, req.sort.desc) };
    const offset = Math.max(0, Math.floor(req.offset));
    const limit = Math.max(0, Math.min(1000, Math.floor(req.limit)));
    return { rows: this.last.rows.slice(offset, offset + limit), matching: this.last.rows.length, total: this.all.length, kinds: this.kinds, providers: this.providers };
  }
}
