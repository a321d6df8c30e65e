/**
 * Who can reach the selected node: ranked by hops, certain before conditional, standing non-human
 * credentials first. Conditional entries (every way in depends on a condition the export cannot
 * decide) are marked; each entry's "path" shows the paths from it to this node.
 */
import { useState } from 'react';
import { skipToken, useQuery } from '@tanstack/react-query';
import { kindInfo, type WorkspaceView } from '../../core';
import { whoCanQuery } from '../../queries/explore';
import { MoreButton } from '../MoreButton';
import { useWorkspace } from '../../state/workspace-store';

export function WhoCanSection({ view, node, initiallyOpen = false }: { view: WorkspaceView; node: string; initiallyOpen?: boolean }) {
  const [open, setOpen] = useState(initiallyOpen);
  const [shown, setShown] = useState(60);
  const q = useQuery(open ? whoCanQuery(view, node, shown) : { queryKey: ['explore', 'who-can', 'closed'], queryFn: skipToken });
  const select = useWorkspace((s) => s.select);
  const showPath = useWorkspace((s) => s.showPath);
  return (
    <details className="who-can" open={initiallyOpen || undefined} onToggle={(e) => setOpen((e.target as HTMLDetailsElement).open)} data-testid="who-can">
      <summary>Who can reach this</summary>
      {q.isPending && open && <p className="muted">Searching…</p>}
      {q.data && (
        <>
          <p data-testid="who-can-count">{q.data.total.toLocaleString('en')} identities and credentials can reach it</p>
          <ol>
            {q.data.reachers.map((r) => (
              <li key={r.id} data-testid="who-can-entry" data-id={r.id} data-conditional={r.conditional || undefined}>
                <button type="button" className="link" onClick={() => select(r.id)}>
                  {r.name}
                </button>{' '}
                <span className="muted">
                  {kindInfo(r.kind).label} · {r.hops} {r.hops === 1 ? 'step' : 'steps'}{r.nonHuman ? ' · non-human' : ''}
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
            ))}
          </ol>
          <MoreButton shown={q.data.reachers.length} total={q.data.total} onMore={() => setShown((n) => n + 500)} />
        </>
      )}
    </details>
  );
}
