/**
 * The risk view over the graph: a dashboard (metrics, counts by severity and OWASP category, the
 * ten identities most at risk, charts) and the findings table. A name opens its blast radius on
 * the graph. Everything comes from the worker in pieces (explore 'risk' and 'findings').
 */
import { useState } from 'react';
import { useQuery, skipToken } from '@tanstack/react-query';
import { useWorkspace } from '../../state/workspace-store';
import { riskQuery } from '../../queries/explore';
import { RiskDashboardView } from './RiskDashboardView';
import { FindingsTable } from './FindingsTable';
import { ThresholdsForm } from './ThresholdsForm';

export default function RiskPanel() {
  const tab = useWorkspace((s) => s.risk);
  const openRisk = useWorkspace((s) => s.openRisk);
  const view = useWorkspace((s) => s.view);
  const settings = useWorkspace((s) => s.riskSettings);
  const [showThresholds, setShowThresholds] = useState(false);
  const loaded = !!view && view.stats.nodes > 0;
  const q = useQuery({ ...(view ? riskQuery(view, settings) : { queryKey: ['risk-none'] }), queryFn: loaded && view ? riskQuery(view, settings).queryFn : skipToken });
  if (!tab) return null;
  return (
    <section className="risk-panel" role="dialog" aria-label="Risk">
      <header className="risk-head">
        <h2>Non-human identity risk</h2>
        <div role="tablist" aria-label="Risk views" className="tabs inline">
          {(['dashboard', 'findings'] as const).map((t) => (
            <button key={t} role="tab" type="button" aria-selected={tab === t} className={tab === t ? 'active' : ''} onClick={() => openRisk(t)}>
              {t === 'dashboard' ? 'Dashboard' : `Findings${q.data ? ` (${q.data.total.toLocaleString('en-US')})` : ''}`}
            </button>
          ))}
        </div>
        {q.data && (
          <span className="muted small">
            as of {q.data.asOf.slice(0, 10)} · stale after {q.data.thresholds.staleDays} d, very old after {q.data.thresholds.veryOldDays} d, owner tag {q.data.thresholds.ownerKeys.join(' / ')}
          </span>
        )}
        {view?.whatIf && (
          <span className="warning small" data-testid="risk-whatif">
            what-if: {view.whatIf.changes.length} simulated removal{view.whatIf.changes.length === 1 ? '' : 's'} applied
          </span>
        )}
        <button type="button" onClick={() => setShowThresholds((v) => !v)} aria-expanded={showThresholds}>
          Thresholds
        </button>
        <button type="button" className="close" aria-label="Close the risk view" onClick={() => openRisk(null)}>
          ×
        </button>
      </header>
      {showThresholds && q.data && <ThresholdsForm key={JSON.stringify(q.data.thresholds)} current={q.data.thresholds} />}
      {!loaded && <p className="muted">Nothing is loaded: drop exports or load the demo.</p>}
      {q.isError && <p className="error">The risk assessment failed: {String(q.error)}</p>}
      {loaded && !q.data && !q.isError && <p className="muted">Assessing…</p>}
      {q.data && tab === 'dashboard' && <RiskDashboardView d={q.data} />}
      {q.data && tab === 'findings' && <FindingsTable rules={q.data.rules} />}
    </section>
  );
}
