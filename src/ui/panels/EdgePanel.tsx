/** The clicked edge: what it is, read from its source's side, and the evidence it exists for. */
import { useQuery } from '@tanstack/react-query';
import { edgeKindInfo, type WorkspaceView } from '../../core';
import { edgeQuery } from '../../queries/explore';
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

export function EdgePanel({ view, edge }: { view: WorkspaceView; edge: SelectedEdge }) {
  const q = useQuery(edgeQuery(view, edge.id));
  const select = useWorkspace((s) => s.select);
  const info = edgeKindInfo(edge.kind);
  if (q.isPending) return <p className="muted">Loading…</p>;
  const d = q.data;
  if (!d) {
    // A folded edge (between groups), or a step derived by the analysis.
    return (
      <section data-testid="edge-panel" aria-label="Edge">
        <h2>{info.label}</h2>
        <p>
          <b>{edge.sourceLabel}</b> → <b>{edge.targetLabel}</b>
        </p>
        <p className="muted">
          {edge.count !== undefined
            ? `${edge.count.toLocaleString('en')} ${edge.count === 1 ? 'edge' : 'edges'} between these groups. Open a group (click it) to see them one by one, each with its evidence.`
            : 'A step the analysis derives (holding an administrator role gives everything in its scope); the evidence is on the steps before it.'}
        </p>
      </section>
    );
  }
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
