/** A node's risk findings in its details: the first few, and the way to all of them. */
import { useQuery } from '@tanstack/react-query';
import type { WorkspaceView } from '../../core';
import { findingsQuery } from '../../queries/explore';
import { useWorkspace } from '../../state/workspace-store';
import { SeverityBadge } from '../risk/severity';

const SHOWN = 5;

export function FindingsSection({ view, node }: { view: WorkspaceView; node: string }) {
  const settings = useWorkspace((s) => s.riskSettings);
  const showFindingsOf = useWorkspace((s) => s.showFindingsOf);
  const q = useQuery(findingsQuery(view, settings, { filter: { node }, sort: 'severity', groupBy: 'none', offset: 0, limit: SHOWN, unranked: true }));
  if (!q.data || q.data.total === 0) return null;
  return (
    <section aria-label="Risk findings" data-testid="node-findings">
      <h3>
        Risk findings ({q.data.total})
      </h3>
      <ul className="edge-list">
        {q.data.rows.map((f) => (
          <li key={`${f.rule}|${f.subject}`}>
            <SeverityBadge s={f.severity} /> <strong>{f.title}</strong> <span className="muted small">{f.owasp}</span>
            <div className="small">{f.detail}</div>
          </li>
        ))}
      </ul>
      <button type="button" className="link" onClick={() => showFindingsOf(node)}>
        {q.data.total > SHOWN ? `All ${q.data.total} findings` : 'Open in the findings table'}
      </button>
    </section>
  );
}
