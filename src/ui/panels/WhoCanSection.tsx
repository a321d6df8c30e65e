/**
 * Who can reach the selected node: ranked by hops, certain before conditional, standing non-human
 * credentials first. Conditional entries (every way in depends on a condition the export cannot
 * decide) are marked; each entry's "path" shows the paths from it to this node.
 */
import { useState } from 'react';
import { skipToken, useQueries, useQuery } from '@tanstack/react-query';
import { kindInfo, type WorkspaceView } from '../../core';
import { whoCanQuery } from '../../queries/explore';
import { useWorkspace } from '../../state/workspace-store';
import { pageSpan, spanPages, VirtualList } from '../VirtualList';

/** Rows of the first answer (it brings the count), then pages of this many as the list scrolls. */
const FIRST = 60;
const PAGE = 500;

export function WhoCanSection({ view, node, initiallyOpen = false }: { view: WorkspaceView; node: string; initiallyOpen?: boolean }) {
  const [open, setOpen] = useState(initiallyOpen);
  const [span, setSpan] = useState<[number, number]>([0, -1]);
  const q = useQuery(open ? whoCanQuery(view, node, FIRST) : { queryKey: ['explore', 'who-can', 'closed'], queryFn: skipToken });
  const more = useQueries({ queries: open ? spanPages(span).map((p) => ({ ...whoCanQuery(view, node, PAGE, p * PAGE), placeholderData: undefined })) : [] });
  const select = useWorkspace((s) => s.select);
  const showPath = useWorkspace((s) => s.showPath);
  const first = q.data;
  const at = (i: number) => (first && i < first.reachers.length ? first.reachers[i] : more[spanPages(span).indexOf(Math.floor(i / PAGE))]?.data?.reachers[i % PAGE]);
  const onRange = (lo: number, hi: number) => {
    const next: [number, number] = first && hi < first.reachers.length ? [0, -1] : pageSpan(lo, hi, PAGE, first?.total ?? 0);
    setSpan((s) => (s[0] === next[0] && s[1] === next[1] ? s : next));
  };
  return (
    <details className="who-can" open={initiallyOpen || undefined} onToggle={(e) => setOpen((e.target as HTMLDetailsElement).open)} data-testid="who-can">
      <summary>Who can reach this</summary>
      {q.isPending && open && <p className="muted">Searching…</p>}
      {first && (
        <>
          <p data-testid="who-can-count">{first.total.toLocaleString('en')} identities and credentials can reach it</p>
          {first.total > 0 && (
            <VirtualList
              label="Who can reach this"
              testId="who-can-list"
              className="who-can-list"
              regionClassName="vlist-panel"
              count={first.total}
              estimateSize={22}
              onRange={onRange}
              renderRow={(index, row) => {
                const r = at(index);
                if (!r) return <li {...row} className="vlist-pending">…</li>;
                return (
                  <li {...row} key={r.id} data-testid="who-can-entry" data-id={r.id} data-conditional={r.conditional || undefined}>
                    <button type="button" className="link" onClick={() => select(r.id)}>
                      {r.name}
                    </button>{' '}
                    <span className="muted">
                      {kindInfo(r.kind).label} · {r.hops} {r.hops === 1 ? 'step' : 'steps'}
                      {r.nonHuman ? ' · non-human' : ''}
                      {r.standingCredential ? ' · standing credential' : ''}
                    </span>
                    {r.conditional && (
                      <span className="cond-marker" data-testid="who-can-conditional" title="every way in depends on a condition the export cannot decide">
                        {' '}
                        · conditional
                      </span>
                    )}{' '}
                    <button type="button" className="link small" data-testid="who-can-path" aria-label={`path from ${r.name} to this node`} onClick={() => showPath(r.id, node)}>
                      path
                    </button>
                  </li>
                );
              }}
            />
          )}
        </>
      )}
    </details>
  );
}
