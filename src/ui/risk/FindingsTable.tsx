/** The findings table: filter, sort, group by rule or identity, a page at a time from the worker. */
import { useState } from 'react';
import { useQuery, skipToken } from '@tanstack/react-query';
import { OWASP_NHI, SEVERITIES, type FindingsRequest, type OwaspNhi, type RuleInfo, type Severity } from '../../core';
import { useWorkspace } from '../../state/workspace-store';
import { findingsQuery } from '../../queries/explore';
import { SeverityBadge } from './severity';

const PAGE = 100;

export function FindingsTable({ rules }: { rules: RuleInfo[] }) {
  const view = useWorkspace((s) => s.view);
  const settings = useWorkspace((s) => s.riskSettings);
  const node = useWorkspace((s) => s.riskNode);
  const openBlast = useWorkspace((s) => s.openBlast);
  const showFindingsOf = useWorkspace((s) => s.showFindingsOf);
  const openRisk = useWorkspace((s) => s.openRisk);
  const [severity, setSeverity] = useState<Severity | ''>('');
  const [owasp, setOwasp] = useState<OwaspNhi | ''>('');
  const [rule, setRule] = useState('');
  const [text, setText] = useState('');
  const [sort, setSort] = useState<FindingsRequest['sort']>('severity');
  const [groupBy, setGroupBy] = useState<FindingsRequest['groupBy']>('none');
  const [offset, setOffset] = useState(0);
  const req: FindingsRequest = { filter: { severity: severity || undefined, owasp: owasp || undefined, rule: rule || undefined, text: text || undefined, node: node ?? undefined }, sort, groupBy, offset, limit: PAGE };
  const q = useQuery({ ...(view ? findingsQuery(view, settings, req) : { queryKey: ['findings-none'] }), queryFn: view ? findingsQuery(view, settings, req).queryFn : skipToken });
  const page = q.data;
  const reset = <T,>(f: (v: T) => void) => (v: T) => {
    f(v);
    setOffset(0);
  };
  const uniqueRules = rules.filter((r, i) => rules.findIndex((x) => x.id === r.id) === i);
  let lastGroup = '';
  return (
    <div className="findings">
      <div className="findings-filters">
        <label>
          Severity{' '}
          <select aria-label="Severity" value={severity} onChange={(e) => reset(setSeverity)(e.target.value as Severity | '')}>
            <option value="">all</option>
            {SEVERITIES.map((s) => (
              <option key={s}>{s}</option>
            ))}
          </select>
        </label>
        <label>
          OWASP{' '}
          <select aria-label="OWASP category" value={owasp} onChange={(e) => reset(setOwasp)(e.target.value as OwaspNhi | '')}>
            <option value="">all</option>
            {(Object.keys(OWASP_NHI) as OwaspNhi[]).map((o) => (
              <option key={o} value={o}>
                {o} {OWASP_NHI[o]}
              </option>
            ))}
          </select>
        </label>
        <label>
          Rule{' '}
          <select aria-label="Rule" value={rule} onChange={(e) => reset(setRule)(e.target.value)}>
            <option value="">all</option>
            {uniqueRules.map((r) => (
              <option key={r.id} value={r.id}>
                {r.title}
              </option>
            ))}
          </select>
        </label>
        <label>
          Find <input type="search" aria-label="Find in findings" value={text} onChange={(e) => reset(setText)(e.target.value)} placeholder="name or text" size={14} />
        </label>
        <label>
          Sort{' '}
          <select aria-label="Sort findings" value={sort} onChange={(e) => reset(setSort)(e.target.value as FindingsRequest['sort'])}>
            <option value="severity">severity</option>
            <option value="risk">risk</option>
            <option value="rule">rule</option>
            <option value="subject">subject</option>
          </select>
        </label>
        <label>
          Group{' '}
          <select aria-label="Group findings" value={groupBy} onChange={(e) => reset(setGroupBy)(e.target.value as FindingsRequest['groupBy'])}>
            <option value="none">none</option>
            <option value="rule">by rule</option>
            <option value="identity">by identity</option>
          </select>
        </label>
        {node && (
          <span className="chip">
            only {page?.refs[node]?.name ?? node}{' '}
            <button type="button" className="link" onClick={() => openRisk('findings')}>
              show all
            </button>
          </span>
        )}
      </div>
      {page && (
        <p className="muted small" aria-live="polite">
          {page.total.toLocaleString('en-US')} finding{page.total === 1 ? '' : 's'}
          {page.total > PAGE && ` · ${offset + 1}–${Math.min(offset + PAGE, page.total)}`}
        </p>
      )}
      <table className="risk-table findings-table">
        <thead>
          <tr>
            <th>severity</th>
            <th>OWASP</th>
            <th>finding</th>
            <th>subject</th>
            <th>risk</th>
          </tr>
        </thead>
        <tbody>
          {page?.rows.flatMap((f) => {
            const group = groupBy === 'rule' ? f.rule : groupBy === 'identity' ? f.identity : '';
            const header = group && group !== lastGroup ? page.groups.find((g) => g.key === group) : undefined;
            lastGroup = group;
            const subject = page.refs[f.subject];
            const identity = page.refs[f.identity];
            const row = (
              <tr key={`${f.rule}|${f.subject}`} className="finding-row">
                <td>
                  <SeverityBadge s={f.severity} />
                </td>
                <td title={OWASP_NHI[f.owasp]}>{f.owasp}</td>
                <td>
                  <b>{f.title}</b>
                  <div className="small">{f.detail}</div>
                  {f.evidence.slice(0, 2).map((e, i) => (
                    <div key={i} className="evidence">
                      {e.file}: {e.location}
                      {e.statement ? ` (statement ${e.statement})` : ''}
                    </div>
                  ))}
                  <div className="small muted">Fix: {f.remediation}</div>
                </td>
                <td>
                  <button type="button" className="link" onClick={() => openBlast(f.identity)} title="Show its blast radius on the graph">
                    {subject?.name ?? f.subject}
                  </button>
                  {f.identity !== f.subject && <div className="small muted">of {identity?.name ?? f.identity}</div>}
                  <div className="small muted">{f.provider}</div>
                </td>
                <td className="num">{f.risk}</td>
              </tr>
            );
            return header
              ? [
                  <tr key={`g|${group}`} className="group-row">
                    <th colSpan={5}>
                      {groupBy === 'identity' ? (
                        <button type="button" className="link" onClick={() => showFindingsOf(group)}>
                          {header.label}
                        </button>
                      ) : (
                        header.label
                      )}{' '}
                      <span className="muted">({header.count})</span>
                    </th>
                  </tr>,
                  row,
                ]
              : [row];
          })}
        </tbody>
      </table>
      {page && page.total > PAGE && (
        <div className="pager">
          <button type="button" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE))}>
            Previous
          </button>
          <button type="button" disabled={offset + PAGE >= page.total} onClick={() => setOffset(offset + PAGE)}>
            Next
          </button>
        </div>
      )}
    </div>
  );
}
