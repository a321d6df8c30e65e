/**
 * The inventory: identities, credentials and secrets, filtered and sorted in the worker; the
 * whole list scrolls, and the page asks the worker for the pages of rows in view. A click selects.
 */
import { useState } from 'react';
import { useQueries, useQuery } from '@tanstack/react-query';
import { DEFAULT_AGE_THRESHOLDS, kindInfo, NO_FILTER, type InventoryFilter, type InventoryPage, type InventorySortKey as SortKey, type WorkspaceView } from '../../core';
import { useWorkspace } from '../../state/workspace-store';
import { inventoryQuery } from '../../queries/explore';
import { pageSpan, spanPages, VirtualList } from '../VirtualList';

const STALE_DAYS = DEFAULT_AGE_THRESHOLDS.staleDays;

// Widths in px: one line per row. The column shows the name and kind; the list scrolls sideways
// for the rest, the name staying in view (and coloured for an administrator).
const COLUMNS: [SortKey, string, number][] = [
  ['name', 'Name', 196],
  ['kind', 'Kind', 104],
  ['admin', 'Admin', 116],
  ['staleCredentials', 'Stale creds', 84],
  ['lastUsed', 'Last used', 84],
  ['account', 'Account', 104],
];
const TABLE_WIDTH = COLUMNS.reduce((sum, [, , width]) => sum + width, 0);
const PAGE = 500;
const ROW_HEIGHT = 22;

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
  // Pages of the rows drawn; the first page also brings the counts, kinds and providers.
  const [span, setSpan] = useState<[number, number]>([0, 0]);
  const q = useQuery(inventoryQuery(view, { filter, sort, offset: 0, limit: PAGE }));
  const more = useQueries({
    queries: spanPages(span)
      .filter((p) => p > 0)
      .map((p) => ({ ...inventoryQuery(view, { filter, sort, offset: p * PAGE, limit: PAGE }), placeholderData: undefined })),
  });
  const page = q.data;
  const pages = new Map<number, InventoryPage>();
  if (page) pages.set(0, page);
  spanPages(span)
    .filter((p) => p > 0)
    .forEach((p, i) => {
      const data = more[i]?.data;
      if (data) pages.set(p, data);
    });
  const kinds = page?.kinds ?? [];
  const providers = page?.providers ?? [];
  const count = page?.matching ?? 0;
  const set = (patch: Partial<InventoryFilter>) => {
    setFilter((f) => ({ ...f, ...patch }));
    setSpan([0, 0]);
  };
  const onRange = (first: number, last: number) => {
    const next = pageSpan(first, last, PAGE, count);
    setSpan((s) => (s[0] === next[0] && s[1] === next[1] ? s : next));
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
      <p className="muted small" data-testid="inventory-count" aria-live="polite">
        {page ? `${page.matching.toLocaleString('en')} of ${page.total.toLocaleString('en')}` : 'Listing…'}
      </p>
      {page && (
        <VirtualList
          label="Listed identities, credentials and secrets"
          testId="inventory-list"
          kind="table"
          className="inventory-table"
          style={{ width: TABLE_WIDTH }}
          columns={COLUMNS.length}
          count={count}
          estimateSize={ROW_HEIGHT}
          resetKey={JSON.stringify([filter, sort])}
          onRange={onRange}
          head={
            <>
              <colgroup>
                {COLUMNS.map(([key, , width]) => (
                  <col key={key} style={{ width }} />
                ))}
              </colgroup>
              <thead>
                <tr aria-rowindex={1}>
                  {COLUMNS.map(([key, label]) => (
                    <th key={key} aria-sort={sort.key === key ? (sort.desc ? 'descending' : 'ascending') : 'none'}>
                      <button
                        type="button"
                        className="link"
                        onClick={() => {
                          setSort((s) => ({ key, desc: s.key === key ? !s.desc : false }));
                          setSpan([0, 0]);
                        }}
                      >
                        {label}
                        {sort.key === key ? (sort.desc ? ' ▼' : ' ▲') : ''}
                      </button>
                    </th>
                  ))}
                </tr>
              </thead>
            </>
          }
          renderRow={(index, rowProps) => {
            const r = pages.get(Math.floor(index / PAGE))?.rows[index % PAGE];
            if (!r)
              return (
                <tr {...rowProps} className="vlist-pending">
                  <td colSpan={COLUMNS.length}>…</td>
                </tr>
              );
            return (
              // The row takes the click; the name is a button so the keyboard reaches every row (its click bubbles here).
              <tr {...rowProps} className={r.id === selected ? 'selected' : ''} onClick={() => select(r.id)} data-testid="inventory-row">
                <td title={r.admin ? `${r.name} (${r.admin})` : r.name}>
                  <button type="button" className={`link row-link${r.admin === 'admin' || r.admin === 'conditional admin' ? ' admin' : ''}`}>
                    {r.name}
                  </button>
                </td>
                <td title={kindInfo(r.kind).label}>{kindInfo(r.kind).label}</td>
                <td title={r.admin || undefined}>{r.admin}</td>
                <td title={r.ageNotes.join('\n') || undefined}>{r.staleCredentials || ''}</td>
                <td>{r.lastUsed ?? ''}</td>
                <td>{r.account}</td>
              </tr>
            );
          }}
        />
      )}
    </section>
  );
}
