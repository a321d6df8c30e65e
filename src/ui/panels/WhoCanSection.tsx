/** Who can reach the selected node: ranked by hops, standing non-human credentials first. */
import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import type { Snapshot } from '../../core';
import { whoCanQuery } from '../../queries/blast';
import { useWorkspace } from '../../state/workspace-store';

export function WhoCanSection({ snapshot, node }: { snapshot: Snapshot; node: string }) {
  const [open, setOpen] = useState(false);
  const q = useQuery({ ...whoCanQuery(snapshot, node), enabled: open });
  const select = useWorkspace((s) => s.select);
  const showPath = useWorkspace((s) => s.showPath);
  return (
    <details className="who-can" onToggle={(e) => setOpen((e.target as HTMLDetailsElement).open)} data-testid="who-can">
      <summary>Who can reach this</summary>
      {q.isPending && open && <p className="muted">Searching…</p>}
      {q.data && (
        <>
          <p data-testid="who-can-count">{q.data.reachers.length} identities and credentials can reach it</p>
          <ol>
            {q.data.reachers.slice(0, 60).map((r) => (
              <li key={r.id}>
                <button type="button" className="link" onClick={() => select(r.id)}>
                  {r.name}
                </button>{' '}
                <span className="muted">
                  {r.kind} · {r.hops} hop(s){r.nonHuman ? ' · non-human' : ''}
                  {r.standingCredential ? ' · standing credential' : ''}
                </span>{' '}
                <button type="button" className="link small" onClick={() => showPath(r.id, node)}>
                  path
                </button>
              </li>
            ))}
          </ol>
        </>
      )}
    </details>
  );
}
