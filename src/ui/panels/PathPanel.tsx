/**
 * The path view's explanation: ranked shortest paths from one node to another node, to a resource
 * (the last step is the access to it) or to any account administrator, each step with its evidence.
 */
import { skipToken, useQuery } from '@tanstack/react-query';
import { pathsQuery } from '../../queries/explore';
import { useWorkspace } from '../../state/workspace-store';
import { PathList } from './BlastSection';

export function PathPanel() {
  const view = useWorkspace((s) => s.view);
  const from = useWorkspace((s) => s.pathFrom);
  const to = useWorkspace((s) => s.pathTo);
  const close = useWorkspace((s) => s.closePath);
  const q = useQuery(view && from && to ? pathsQuery(view, from, to) : { queryKey: ['explore', 'paths', 'none'], queryFn: skipToken });
  if (!view || !from || !to) return null;
  const name = (id: string) => q.data?.refs[id]?.name ?? view.refs[id]?.name ?? id;
  const target = to === 'admin' ? 'any account administrator' : name(to);
  return (
    <section className="path-panel" role="region" aria-label="Paths" data-testid="path-panel">
      <h2>
        Paths <button type="button" onClick={close}>Close</button>
      </h2>
      <p>
        from <b data-testid="path-from">{name(from)}</b> to <b data-testid="path-to">{target}</b>
      </p>
      {q.isPending && <p className="muted">Finding paths…</p>}
      {q.error && <p className="error">{q.error.message}</p>}
      {q.data && (q.data.paths.length || to === 'admin' ? <PathList paths={q.data.paths} name={name} /> : <p className="muted">No path from {name(from)} to {target}.</p>)}
    </section>
  );
}
