/** Edges of the selected node, each with the evidence that created it. */
import { edgeKindInfo, type DetailEdge, type EdgePage, type Evidence } from '../../core';
import { useWorkspace } from '../../state/workspace-store';
import { MoreButton } from '../MoreButton';

export function EvidenceItem({ ev }: { ev: Evidence }) {
  return (
    <li className="evidence" data-testid="evidence">
      <span className="mono">{ev.file}</span> · <span className="mono">{ev.location}</span>
      {ev.policy && <div>policy: <span className="mono">{ev.policy}</span></div>}
      {ev.statement && <div>statement: <span className="mono">{ev.statement}</span></div>}
      {ev.condition && (
        <div className="condition" data-testid="evidence-condition">
          condition (not evaluated yet): <code>{ev.condition}</code>
        </div>
      )}
      {ev.note && <div className="muted">{ev.note}</div>}
    </li>
  );
}

export function attrSummary(e: Pick<DetailEdge, 'attributes'>): string {
  const parts: string[] = [];
  if (typeof e.attributes.technique === 'string') parts.push(`${e.attributes.technique}: ${String(e.attributes.techniqueName ?? '')}`);
  if (typeof e.attributes.via === 'string') parts.push(e.attributes.via);
  if (Array.isArray(e.attributes.notes)) parts.push(...(e.attributes.notes as string[]));
  if (Array.isArray(e.attributes.actions)) parts.push((e.attributes.actions as string[]).join(', '));
  if (e.attributes.conditional) parts.push('conditional');
  return parts.join(' · ');
}

export function EdgeList({ title, page, onMore, incoming = false }: { title: string; page: EdgePage; onMore: () => void; incoming?: boolean }) {
  const select = useWorkspace((s) => s.select);
  if (!page.total) return null;
  return (
    <section>
      <h3>
        {title} ({page.total.toLocaleString('en')})
      </h3>
      <ul className="edge-list">
        {page.edges.map((e) => (
          <li key={e.id} data-testid="edge-item" data-kind={e.kind}>
            {/* Phrased from the reader's side: "this → can assume → X", "X → credential of → this". */}
            <div>
              {incoming && (
                <>
                  <button type="button" className="link" onClick={() => select(e.other.id)}>
                    {e.other.name}
                  </button>{' '}
                </>
              )}
              <span className="edge-kind">{edgeKindInfo(e.kind).label}</span>{' '}
              {incoming ? (
                <span className="muted">this</span>
              ) : (
                <button type="button" className="link" onClick={() => select(e.other.id)}>
                  {e.other.name}
                </button>
              )}{' '}
              <span className="muted">{attrSummary(e)}</span>
            </div>
            <ul>
              {e.evidence.map((ev, i) => (
                <EvidenceItem key={i} ev={ev} />
              ))}
            </ul>
          </li>
        ))}
      </ul>
      <MoreButton shown={page.edges.length} total={page.total} onMore={onMore} />
    </section>
  );
}
