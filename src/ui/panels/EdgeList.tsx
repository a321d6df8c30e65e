/** Edges of the selected node, each with the evidence that created it. */
import { edgeKindInfo, type Evidence, type SnapshotEdge } from '../../core';
import { useWorkspace } from '../../state/workspace-store';
import type { SnapshotIndex } from './snapshot-index';

function EvidenceItem({ ev }: { ev: Evidence }) {
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

function attrSummary(e: SnapshotEdge): string {
  const parts: string[] = [];
  if (typeof e.attributes.technique === 'string') parts.push(`${e.attributes.technique}: ${String(e.attributes.techniqueName ?? '')}`);
  if (typeof e.attributes.via === 'string') parts.push(e.attributes.via);
  if (Array.isArray(e.attributes.notes)) parts.push(...(e.attributes.notes as string[]));
  if (Array.isArray(e.attributes.actions)) parts.push((e.attributes.actions as string[]).join(', '));
  if (e.attributes.conditional) parts.push('conditional');
  return parts.join(' · ');
}

export function EdgeList({ title, edges, index, direction }: { title: string; edges: SnapshotEdge[]; index: SnapshotIndex; direction: 'out' | 'in' }) {
  const select = useWorkspace((s) => s.select);
  if (!edges.length) return null;
  return (
    <section>
      <h3>
        {title} ({edges.length})
      </h3>
      <ul className="edge-list">
        {edges.slice(0, 300).map((e) => {
          const otherId = direction === 'out' ? e.target : e.source;
          const other = index.nodes.get(otherId);
          return (
            <li key={e.id} data-testid="edge-item" data-kind={e.kind}>
              <div>
                <span className="edge-kind">{edgeKindInfo(e.kind).label}</span>{' '}
                <button type="button" className="link" onClick={() => select(otherId)}>
                  {other?.name ?? otherId}
                </button>{' '}
                <span className="muted">{attrSummary(e)}</span>
              </div>
              <ul>
                {e.evidence.map((ev, i) => (
                  <EvidenceItem key={i} ev={ev} />
                ))}
              </ul>
            </li>
          );
        })}
      </ul>
      {edges.length > 300 && <p className="muted">… {edges.length - 300} more</p>}
    </section>
  );
}
