/**
 * The workspace compared with a snapshot (the older side): what was added, removed and changed,
 * paths to admin opened and closed, blast radius growth; the changed nodes outlined on the graph
 * (green added, amber changed, red a new path to admin, rose grew, teal shrank).
 */
import { useState } from 'react';
import { useWorkspace } from '../../state/workspace-store';
import { stopComparing } from '../../queries/compare';

const counts = (c: { added: number; removed: number; changed: number }) => `+${c.added} −${c.removed} ~${c.changed}`;

export function ComparePanel() {
  const c = useWorkspace((s) => s.view?.comparison);
  const focusOn = useWorkspace((s) => s.focusOn);
  const select = useWorkspace((s) => s.select);
  const [details, setDetails] = useState(false);
  if (!c) return null;
  const s = c.summary;
  return (
    <section className="compare-panel" aria-label="Comparison" data-testid="compare-panel">
      <header>
        <b>Compared with</b> <span className="mono">{c.name}</span> <span className="muted small">(written {c.createdAt.slice(0, 10)}, as of {c.asOf.slice(0, 10)})</span>
      </header>
      <ul className="compare-counts small">
        <li>identities {counts(s.identities)}</li>
        <li>credentials {counts(s.credentials)}</li>
        <li>policies {counts(s.policies)}</li>
        <li>grants {counts(s.grants)}</li>
        <li>findings {counts(s.findings)}</li>
        <li className={s.adminPathsOpened ? 'error' : ''} data-testid="compare-opened">
          {s.adminPathsOpened} new path{s.adminPathsOpened === 1 ? '' : 's'} to admin
        </li>
        <li data-testid="compare-closed">{s.adminPathsClosed} closed</li>
        <li>
          blast radius: {s.blastGrowth} grew, {s.blastShrinkage} shrank
        </li>
      </ul>
      {c.diff.adminPaths.opened.length > 0 && (
        <ol className="small">
          {c.diff.adminPaths.opened.slice(0, 10).map((o) => (
            <li key={o.principal}>
              <button type="button" className="link" onClick={() => select(o.principal)}>
                {o.name}
              </button>{' '}
              can now become admin of {o.scopes.join(', ')}
              {o.path && <span className="muted"> ({o.path.steps.map((st) => st.techniqueName ?? st.kind).join(' → ')})</span>}
            </li>
          ))}
        </ol>
      )}
      <div className="actions-row">
        <button type="button" disabled={!c.marked.length} onClick={() => focusOn(c.marked)}>
          Show the {c.marked.length} changed nodes on the graph
        </button>
        <button type="button" aria-expanded={details} onClick={() => setDetails(!details)}>
          {details ? 'Hide' : 'All'} changes
        </button>
        <button type="button" onClick={() => void stopComparing()}>
          Stop comparing
        </button>
      </div>
      {details && <pre className="compare-text">{c.text.join('\n')}</pre>}
    </section>
  );
}
