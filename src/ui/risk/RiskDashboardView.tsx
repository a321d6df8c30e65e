/** The dashboard: counts, the ten identities most at risk, charts, and the lifecycle metrics. */
import { OWASP_NHI, SEVERITIES, type RiskDashboard } from '../../core';
import { useWorkspace } from '../../state/workspace-store';
import { CategoryChart, CredentialAgeChart } from './charts';
import { SeverityBadge, SEVERITY_COLOR } from './severity';

/** `accessKeysOlderThan90d` → `access keys older than 90d`. */
const words = (key: string) => key.replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/Pct$/, ' %').toLowerCase();

export function RiskDashboardView({ d }: { d: RiskDashboard }) {
  const openBlast = useWorkspace((s) => s.openBlast);
  const showFindingsOf = useWorkspace((s) => s.showFindingsOf);
  return (
    <div className="risk-dashboard">
      <div className="risk-cards">
        {SEVERITIES.map((s) => (
          <div key={s} className="risk-card" style={{ borderColor: SEVERITY_COLOR[s] }}>
            <b style={{ color: SEVERITY_COLOR[s] }}>{d.bySeverity[s].toLocaleString('en-US')}</b> {s}
          </div>
        ))}
        <div className="risk-card">
          <b>{d.classification.nonHumans.toLocaleString('en-US')}</b> non-human · <b>{d.classification.humans.toLocaleString('en-US')}</b> human identities
          {d.classification.overridden > 0 && <span className="muted"> ({d.classification.overridden} set by you)</span>}
        </div>
      </div>
      <div className="risk-grid">
        <section aria-label="Top identities by risk">
          <h3>Top 10 by risk</h3>
          {d.top.length === 0 ? (
            <p className="muted">No findings.</p>
          ) : (
            <table className="risk-table">
              <thead>
                <tr>
                  <th>risk</th>
                  <th>identity</th>
                  <th>worst</th>
                  <th>findings</th>
                  <th title="blast-radius score: how far a compromise reaches">blast</th>
                </tr>
              </thead>
              <tbody>
                {d.top.map((t) => (
                  <tr key={t.id}>
                    <td className="num">{t.risk}</td>
                    <td>
                      <button type="button" className="link" onClick={() => openBlast(t.id)} title="Show its blast radius on the graph">
                        {d.refs[t.id]?.name ?? t.name}
                      </button>{' '}
                      <span className="muted small">{t.provider} {t.kind}</span>
                    </td>
                    <td>
                      <SeverityBadge s={t.worst} />
                    </td>
                    <td className="num">
                      <button type="button" className="link" onClick={() => showFindingsOf(t.id)}>
                        {t.findings}
                      </button>
                    </td>
                    <td className="num">
                      {t.blastScore}
                      {t.blastEstimated ? '*' : ''}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {d.top.some((t) => t.blastEstimated) && <p className="muted small">* blast radius not computed (outside the budget): the risk is a lower bound.</p>}
        </section>
        <section aria-label="Credential age distribution">
          <h3>Active NHI credentials by age</h3>
          <div className="chart">
            <CredentialAgeChart d={d} />
          </div>
          {d.credentialAgesUnknown > 0 && <p className="muted small">{d.credentialAgesUnknown} more whose age the exports do not tell.</p>}
        </section>
        <section aria-label="Findings by category">
          <h3>Findings by OWASP NHI category</h3>
          <div className="chart">
            <CategoryChart d={d} />
          </div>
          <p className="muted small">{d.byCategory.map((c) => `${c.owasp} ${OWASP_NHI[c.owasp]}`).join(' · ')}</p>
        </section>
        <section aria-label="Lifecycle metrics">
          <h3>Lifecycle metrics</h3>
          {Object.entries(d.metrics).map(([provider, m]) => (
            <details key={provider} open={provider === 'all' || provider === 'aws'}>
              <summary>{provider === 'all' ? 'All providers' : provider}</summary>
              <table className="metrics">
                <tbody>
                  {Object.entries(m).map(([k, v]) => (
                    <tr key={k} data-metric={`${provider}.${k}`}>
                      <th>{words(k)}</th>
                      <td className="num">{v.toLocaleString('en-US')}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </details>
          ))}
        </section>
      </div>
    </div>
  );
}
