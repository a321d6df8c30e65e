/** The analysis at a glance: admins, who can become admin, and paths that need inventory. */
import { useState } from 'react';
import { MoreButton } from '../MoreButton';
import { useWorkspace } from '../../state/workspace-store';
import { TokenReach } from './TokenReach';

export function AnalysisPanel() {
  const view = useWorkspace((s) => s.view);
  const select = useWorkspace((s) => s.select);
  const [shown, setShown] = useState(100);
  const [shownInventory, setShownInventory] = useState(100);
  const a = view?.analysis;
  if (!view || !a) return null;
  const Item = ({ id, extra }: { id: string; extra?: string }) => (
    <li>
      <button type="button" className="link" onClick={() => select(id)}>
        {view.refs[id]?.name ?? id}
      </button>
      {extra && <span className="muted"> {extra}</span>}
    </li>
  );
  return (
    <section className="analysis-panel" aria-label="Analysis" data-testid="analysis-panel">
      <h2>Analysis</h2>
      <TokenReach />
      <p className="muted small">{a.millis !== undefined ? `${a.millis} ms · ` : ''}{a.escalationEdges} escalation edges</p>
      <h3 data-testid="admin-count">{a.admins.length} admin-equivalent</h3>
      <ul>
        {a.admins.map((id) => (
          <Item key={id} id={id} />
        ))}
        {a.conditionalAdmins.map((id) => (
          <Item key={id} id={id} extra="(conditional)" />
        ))}
      </ul>
      <h3 data-testid="escalate-count">{a.escalatesToAdmin.length} can become admin</h3>
      <ul>
        {a.escalatesToAdmin.slice(0, shown).map((e) => (
          <Item key={e.principal} id={e.principal} extra={`${e.hops} ${e.hops === 1 ? 'step' : 'steps'}: ${e.techniques.join(' → ')}`} />
        ))}
      </ul>
      <MoreButton shown={shown} total={a.escalatesToAdmin.length} onMore={() => setShown((n) => n + 500)} />
      {a.federation.length > 0 && (
        <details data-testid="federation-notes">
          <summary>{a.federation.length} federation links not drawn or not verified</summary>
          <ul>
            {a.federation.map((f) => (
              <Item key={`${f.from}|${f.to}|${f.technique}`} id={f.from} extra={`${f.status}: ${f.reason}`} />
            ))}
          </ul>
        </details>
      )}
      {a.needsInventory.length > 0 && (
        <details>
          <summary>{a.needsInventory.length} paths need resource inventory</summary>
          <ul>
            {a.needsInventory.slice(0, shownInventory).map((p, i) => (
              <Item key={i} id={p.principal} extra={`${p.technique}: needs ${p.missing}`} />
            ))}
          </ul>
          <MoreButton shown={shownInventory} total={a.needsInventory.length} onMore={() => setShownInventory((n) => n + 500)} />
        </details>
      )}
    </section>
  );
}
