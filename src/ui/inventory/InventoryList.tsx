/** The inventory: identities, credentials and secrets, filtered and sorted in the worker, shown by pages; a click selects. */
import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { DEFAULT_AGE_THRESHOLDS, kindInfo, NO_FILTER, type InventoryFilter, type InventorySortKey as SortKey, type WorkspaceView } from '../../core';
import { useWorkspace } from '../../state/workspace-store';
import { inventoryQuery } from '../../queries/explore';
import { MoreButton } from '../MoreButton';

const STALE_DAYS = DEFAULT_AGE_THRESHOLDS.staleDays;

const COLUMNS: [SortKey, string][] = [
  ['name', 'Name'],
  ['kind', 'Kind'],
  ['account', 'Account'],
  ['admin', 'Admin'],
  ['staleCredentials', 'Stale creds'],
  ['lastUsed', 'Last used'],
];
const PAGE = 500;

export function InventoryList() {
  const view = useWorkspace((s) => s.view);
  if (!view || !view.stats.nodes) return null;
  return <Inventory view={view} />;
}

function Inventory({ view }: { view: WorkspaceView }) {
  const select = useWorkspace((s) => s.select);
  const selected = useWorkspace((s) => s.selectedId);
  const [filter, setFilter] = useState<InventoryFilter>(NO_FILTER);
  const [sort, setSort] = useState<{ key: SortKey; desc: boolean }>({ key: 'name', desc: false });
  const [shown, setShown] = useState(PAGE);
  const q = useQuery(inventoryQuery(view, { filter, sort, offset: 0, limit: shown }));
  const page = q.data;
  const rows = page?.rows ?? [];
  const kinds = page?.kinds ?? [];
  const providers = page?.providers ?? [];
  const set = (patch: Partial<InventoryFilter>) => {
    setFilter((f) => ({ ...f, ...patch }));
    setShown(PAGE);
  };
  return (
    <section className="inventory" role="region" aria-label="Inventory" data-testid="inventory">
      <div className="filters">
        <select aria-label="Provider" value={filter.provider} onChange={(e) => set({ provider: e.target.value })}>
          <option value="">all providers</option>
          {providers.map((p) => (
            <option key={p}>{p}</option>
          ))}
        </select>
        <select aria-label="Kind" value={filter.kind} onChange={(e) => set({ kind: e.target.value })}>
          <option value="">all kinds</option>
          {kinds.map((k) => (
            <option key={k} value={k}>
              {kindInfo(k).plural}
            </option>
          ))}
        </select>
        <select aria-label="Human or non-human" value={filter.human} onChange={(e) => set({ human: e.target.value })}>
          <option value="">human and non-human</option>
          <option value="human">human</option>
          <option value="non-human">non-human</option>
        </select>
        <label>
          <input type="checkbox" checked={filter.adminOnly} onChange={(e) => set({ adminOnly: e.target.checked })} /> admin or escalates
        </label>
        <label title={`as of ${view.asOf?.time.slice(0, 10) ?? 'the analysis date'}: an active credential unrotated or unused for ${STALE_DAYS} days, or a secret whose rotation is overdue or off for ${STALE_DAYS} days`}>
          <input type="checkbox" checked={filter.staleOnly} onChange={(e) => set({ staleOnly: e.target.checked })} /> stale credentials
        </label>
        <input aria-label="Tag" placeholder="tag (key=value)" value={filter.tag} onChange={(e) => set({ tag: e.target.value })} />
      </div>
      <p className="muted small" data-testid="inventory-count">
        {page ? `${page.matching.toLocaleString('en')} of ${page.total.toLocaleString('en')}` : 'Listing…'}
      </p>
      <table className="inventory-table">
        <thead>
          <tr>
            {COLUMNS.map(([key, label]) => (
              <th key={key} aria-sort={sort.key === key ? (sort.desc ? 'descending' : 'ascending') : 'none'}>
                <button type="button" className="link" onClick={() => setSort((s) => ({ key, desc: s.key === key ? !s.desc : false }))}>
                  {label}
                  {sort.key === key ? (sort.desc ? ' ▼' : ' ▲') : ''}
                </button>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.id} className={r.id === selected ? 'selected' : ''} onClick={() => select(r.id)} data-testid="inventory-row">
              <td>{r.name}</td>
              <td>{kindInfo(r.kind).label}</td>
              <td>{r.account}</td>
              <td>{r.admin}</td>
              <td title={r.ageNotes.join('\n') || undefined}>{r.staleCredentials || ''}</td>
              <td>{r.lastUsed ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {page && <MoreButton shown={rows.length} total={page.matching} onMore={() => setShown((n) => n + PAGE)} />}
    </section>
  );
}
