/** The clicked edge: what it is, read from its source's side, and the evidence it exists for. */
import { useQuery } from '@tanstack/react-query';
import { edgeKindInfo, type WorkspaceView } from '../../core';
import { betweenQuery, edgeQuery } from '../../queries/explore';
import { useWorkspace, type SelectedEdge } from '../../state/workspace-store';
import { attrSummary, EvidenceItem } from './EdgeList';
import type { Help } from '../../core';

/** Our own explanation of the edge kind or technique: meaning, attack, remediation, references. */
function HelpSection({ help }: { help: Help }) {
  return (
    <section className="help" data-testid="edge-help">
      <p>{help.meaning}</p>
      <h3>How an attacker uses it</h3>
      <p className="small">{help.attack}</p>
      <h3>Remediation</h3>
      <p className="small" data-testid="edge-remediation">
        {help.remediation}
      </p>
      {help.references.length > 0 && (
        <p className="small muted">
          {/* Links open outside the app; the page itself never requests them. */}
          {help.references.map((r, i) => (
            <span key={r.url}>
              {i > 0 && ' · '}
              <a href={r.url} target="_blank" rel="noopener noreferrer">
                {r.label}
              </a>
            </span>
          ))}
        </p>
      )}
    </section>
  );
}

/**
 * An edge the scene drew for several graph edges: between two nodes, the list of them (each opens
 * its own panel with the evidence); between groups, how to see them one by one.
 */
function FoldedEdgePanel({ view, edge }: { view: WorkspaceView; edge: SelectedEdge }) {
  const between = useQuery(betweenQuery(view, edge.source, edge.target));
  const selectEdge = useWorkspace((s) => s.selectEdge);
  const info = edgeKindInfo(edge.kind);
  const list = between.data && between.data.total > 0 ? between.data : null;
  return (
    <section data-testid="edge-panel" aria-label="Edge">
      <h2>{list ? `${list.total.toLocaleString('en')} ${list.total === 1 ? 'edge' : 'edges'}` : info.label}</h2>
      <p>
        <b>{edge.sourceLabel}</b> → <b>{edge.targetLabel}</b>
      </p>
      {list ? (
        <>
          <p className="muted small">Each one has its own evidence and remediation: pick one.</p>
          <ul className="edge-list" data-testid="between-edges">
            {list.edges.map((e) => (
              <li key={e.id}>
                <button type="button" className="link" onClick={() => selectEdge({ ...edge, id: e.id, kind: e.kind, count: undefined })}>
                  {e.technique || edgeKindInfo(e.kind).label}
                </button>
                {e.conditional && <span className="cond-marker"> · conditional</span>}
              </li>
            ))}
          </ul>
          {list.total > list.edges.length && <p className="muted small">Showing {list.edges.length} of {list.total.toLocaleString('en')}; the source's details list them all.</p>}
        </>
      ) : (
        <p className="muted">
          {edge.count !== undefined
            ? `${edge.count.toLocaleString('en')} ${edge.count === 1 ? 'edge' : 'edges'} between these groups. Open a group (click it) to see them one by one, each with its evidence.`
            : 'A step the analysis derives (holding an administrator role gives everything in its scope); the evidence is on the steps before it.'}
        </p>
      )}
    </section>
  );
}

export function EdgePanel({ view, edge }: { view: WorkspaceView; edge: SelectedEdge }) {
  const q = useQuery(edgeQuery(view, edge.id));
  const select = useWorkspace((s) => s.select);
  const info = edgeKindInfo(edge.kind);
  if (q.isPending) return <p className="muted">Loading…</p>;
  const d = q.data;
  if (!d) return <FoldedEdgePanel view={view} edge={edge} />;
  const technique = typeof d.attributes.techniqueName === 'string' ? d.attributes.techniqueName : undefined;
  return (
    <section data-testid="edge-panel" aria-label="Edge">
      <h2 data-testid="edge-title">{technique ?? info.label}</h2>
      <p>
        <button type="button" className="link" onClick={() => select(d.source.id)}>
          {d.source.name}
        </button>{' '}
        <span className="edge-kind">{info.label}</span>{' '}
        <button type="button" className="link" onClick={() => select(d.target.id)}>
          {d.target.name}
        </button>
        {d.conditional && <span className="cond-marker"> · conditional</span>}
      </p>
      <p className="muted small">{info.description}</p>
      {attrSummary(d) && <p className="muted">{attrSummary(d)}</p>}
      {d.help && <HelpSection help={d.help} />}
      <h3>Evidence ({d.evidence.length})</h3>
      <ul className="edge-list">
        {d.evidence.map((ev, i) => (
          <EvidenceItem key={i} ev={ev} />
        ))}
      </ul>
    </section>
  );
}
