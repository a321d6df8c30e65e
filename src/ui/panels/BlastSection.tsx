/** The selected node's blast radius and its shortest paths to admin, from the worker. */
import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { providerLabel, kindInfo, ACCESS_LEVELS, type PathStep, type PrivilegePath, type WorkspaceView } from '../../core';
import { blastQuery } from '../../queries/explore';
import { MoreButton } from '../MoreButton';
import { useWorkspace } from '../../state/workspace-store';

function Step({ step, name }: { step: PathStep; name: (id: string) => string }) {
  const select = useWorkspace((s) => s.select);
  return (
    <li data-testid="path-step" className={step.conditional ? 'conditional' : ''}>
      {step.conditional && <span className="cond-marker" title="depends on a condition the export cannot decide">conditional · </span>}
      {step.technique && <span className="technique">{step.technique} </span>}
      <button type="button" className="link" onClick={() => select(step.from)}>
        {name(step.from)}
      </button>{' '}
      →{' '}
      <button type="button" className="link" onClick={() => select(step.to)}>
        {name(step.to)}
      </button>
      <div className="muted small">{step.explanation}</div>
      <ul>
        {step.evidence.slice(0, 4).map((ev, i) => (
          <li key={i} className="evidence">
            <span className="mono">{ev.location}</span>
            {ev.condition && <span className="condition"> if {ev.condition}</span>}
            {ev.note && <div className="muted">{ev.note}</div>}
          </li>
        ))}
      </ul>
    </li>
  );
}

export function PathList({ paths, name }: { paths: PrivilegePath[]; name: (id: string) => string }) {
  if (!paths.length) return <p className="muted">No path to an account administrator.</p>;
  return (
    <ol className="paths">
      {paths.map((p, i) => (
        <li key={i} data-testid="admin-path">
          <div>
            {p.hops} {p.hops === 1 ? 'step' : 'steps'}{p.conditionalSteps ? `, ${p.conditionalSteps} conditional` : ''}
          </div>
          <ol>
            {p.steps.map((s, j) => (
              <Step key={j} step={s} name={name} />
            ))}
          </ol>
        </li>
      ))}
    </ol>
  );
}

const ROWS = 40;

export function BlastSection({ view, node }: { view: WorkspaceView; node: string }) {
  const [rows, setRows] = useState(ROWS);
  const q = useQuery({ ...blastQuery(view, node, rows), placeholderData: (prev) => (prev?.source === node ? prev : undefined) });
  const select = useWorkspace((s) => s.select);
  const blastMode = useWorkspace((s) => s.blastMode);
  const toggleBlast = useWorkspace((s) => s.toggleBlastMode);
  if (q.isPending) return <p className="muted">Computing blast radius…</p>;
  if (q.error) return <p className="error">Blast radius failed: {q.error.message}</p>;
  const blast = q.data;
  const { adminPaths } = blast;
  const name = (id: string) => blast.refs[id]?.name ?? id;
  return (
    <section className="blast" data-testid="blast-section" role="region" aria-label="Blast radius">
      <h3>
        Blast radius <span className="score" data-testid="blast-score">{blast.score}</span>/100{' '}
        <button type="button" onClick={toggleBlast} data-testid="toggle-blast-view">
          {blastMode ? 'Show whole graph' : 'Show on graph'}
        </button>
      </h3>
      {blast.admins.length > 0 && (
        <p className="error" data-testid="blast-admin">
          Reaches {blast.admins.map((x) => `${x.name.charAt(0).toLowerCase()}${x.name.slice(1)}${x.conditional ? ' (conditionally)' : ''}`).join(', ')}
        </p>
      )}
      <p data-testid="blast-identities">
        {blast.identityCount.toLocaleString('en')} {blast.identityCount === 1 ? 'identity' : 'identities'} reached, {blast.resourceCount.toLocaleString('en')} {blast.resourceCount === 1 ? 'resource' : 'resources'} reached, administrator reached: {blast.adminOf.length ? 'yes' : 'no'}
      </p>
      <ul className="reached">
        {blast.identities.map((i) => (
          <li key={i.id}>
            <span className="muted">{i.hops} {i.hops === 1 ? 'step' : 'steps'}</span>{' '}
            <button type="button" className="link" onClick={() => select(i.id)}>
              {i.name}
            </button>{' '}
            <span className="muted">
              {kindInfo(i.kind).label} · {providerLabel(i.provider)}
            </span>
            {i.conditional && <span className="cond-marker"> conditional</span>}
          </li>
        ))}
      </ul>
      <MoreButton shown={blast.identities.length} total={blast.identityCount} onMore={() => setRows((n) => n + 500)} />
      <p data-testid="blast-resources">{blast.resourceCount.toLocaleString('en')} resources reached, by access level:</p>
      <table className="levels">
        <tbody>
          {ACCESS_LEVELS.filter((l) => blast.byAccessLevel[l]).map((l) => (
            <tr key={l}>
              <th>{l}</th>
              <td data-testid={`blast-level-${l}`}>{blast.byAccessLevel[l]}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <ul className="reached">
        {blast.resources.map((r) => (
          <li key={r.id}>
            <button type="button" className="link" onClick={() => select(r.id)}>
              {r.name}
            </button>{' '}
            <span className="muted">{r.levels.join(', ')}</span>
            {r.conditionalOnly && <span className="cond-marker"> conditional</span>}
          </li>
        ))}
      </ul>
      <MoreButton shown={blast.resources.length} total={blast.resourceCount} onMore={() => setRows((n) => n + 500)} />
      <h3>Paths to admin</h3>
      <PathList paths={adminPaths} name={name} />
    </section>
  );
}
