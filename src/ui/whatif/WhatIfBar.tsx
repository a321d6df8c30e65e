/**
 * The what-if change set over the graph: each simulated removal (undo one, or all), the figures
 * before and after side by side, the blast radius of the identities the changes name, and the
 * remediation plan to download. While it is shown every other view is about the changed copy.
 */
import { useState } from 'react';
import { useWorkspace } from '../../state/workspace-store';
import { clearChanges, removeChange } from '../../queries/whatif';
import { download, fileSlug } from '../../queries/snapshots';

const arrow = (before: number | undefined, after: number | undefined) => `${before ?? '–'} → ${after ?? 'removed'}`;

export function WhatIfBar() {
  const w = useWorkspace((s) => s.view?.whatIf);
  const name = useWorkspace((s) => s.workspaceName);
  const [open, setOpen] = useState(true);
  if (!w) return null;
  const slug = fileSlug(name);
  return (
    <section className="whatif-bar" aria-label="What-if" data-testid="whatif-bar">
      <header>
        <b>What-if</b> · {w.changes.length} simulated removal{w.changes.length === 1 ? '' : 's'} · every view shows the workspace without {w.changes.length === 1 ? 'it' : 'them'}
        <button type="button" className="link small" aria-expanded={open} onClick={() => setOpen(!open)}>
          {open ? 'hide' : 'show'}
        </button>
      </header>
      {open && (
        <>
          <ol className="small">
            {w.changes.map((c) => (
              <li key={c.index} className={c.applied ? '' : 'warning'}>
                {c.summary ?? `${c.change.type}: not applied`}{' '}
                <button type="button" className="link" aria-label={`Undo change ${c.index + 1}`} onClick={() => void removeChange(c.index)}>
                  undo
                </button>
              </li>
            ))}
          </ol>
          {w.problems.map((p, i) => (
            <p key={i} className="warning small">
              {p}
            </p>
          ))}
          <table className="metrics" data-testid="whatif-metrics">
            <tbody>
              {w.metrics.map((m) => (
                <tr key={m.metric} data-metric={m.metric} className={m.delta ? 'changed' : ''}>
                  <th>{m.metric}</th>
                  <td className="num">{m.before}</td>
                  <td>→</td>
                  <td className="num">
                    <b>{m.after}</b>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {w.identities.length > 0 && (
            <table className="metrics" data-testid="whatif-identities">
              <thead>
                <tr>
                  <th>blast radius</th>
                  <th>identities</th>
                  <th>resources</th>
                  <th>score</th>
                </tr>
              </thead>
              <tbody>
                {w.identities.slice(0, 8).map((i) => (
                  <tr key={i.id} data-id={i.id}>
                    <th>{i.name}</th>
                    <td>{arrow(i.before?.identities, i.after?.identities)}</td>
                    <td>{arrow(i.before?.resources, i.after?.resources)}</td>
                    <td>{arrow(i.before?.score, i.after?.score)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <div className="actions-row">
            <button type="button" onClick={() => download(`${slug}-remediation-plan.txt`, w.planText.join('\n') + '\n', 'text/plain')}>
              Remediation plan (text)
            </button>
            <button type="button" onClick={() => download(`${slug}-remediation-plan.json`, JSON.stringify(w.plan, null, 2), 'application/json')}>
              (JSON)
            </button>
            <button type="button" onClick={() => void clearChanges()}>
              Clear the what-if
            </button>
          </div>
        </>
      )}
    </section>
  );
}
