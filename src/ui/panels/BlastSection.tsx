/** The selected node's blast radius and its shortest paths to admin, from the worker. */
import { useQuery } from '@tanstack/react-query';
import { providerLabel, kindInfo, ACCESS_LEVELS, type PathStep, type PrivilegePath, type Snapshot } from '../../core';
import { blastQuery } from '../../queries/blast';
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
            {p.hops} hop(s){p.conditionalSteps ? `, ${p.conditionalSteps} conditional` : ''}
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

export function BlastSection({ snapshot, node }: { snapshot: Snapshot; node: string }) {
  const q = useQuery(blastQuery(snapshot, node));
  const select = useWorkspace((s) => s.select);
  const blastMode = useWorkspace((s) => s.blastMode);
  const toggleBlast = useWorkspace((s) => s.toggleBlastMode);
  if (q.isPending) return <p className="muted">Computing blast radius…</p>;
  if (q.error) return <p className="error">Blast radius failed: {q.error.message}</p>;
  const { blast, adminPaths } = q.data;
  const names = new Map(snapshot.nodes.map((n) => [n.id, n.name]));
  const name = (id: string) => names.get(id) ?? id;
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
        {blast.identities.length} identities reached, {blast.resources.length} resources reached, administrator reached: {blast.adminOf.length ? 'yes' : 'no'}
      </p>
      <ul className="reached">
        {blast.identities.slice(0, 40).map((i) => (
          <li key={i.id}>
            <span className="muted">{i.hops} hop(s)</span>{' '}
            <button type="button" className="link" onClick={() => select(i.id)}>
              {i.name}
            </button>{' '}
            <span className="muted">
              {kindInfo(i.kind).label} · {providerLabel(i.provider)}
            </span>
            {i.conditional && <span className="cond-marker"> conditional</span>}
          </li>
        ))}
        {blast.identities.length > 40 && <li className="muted">… {blast.identities.length - 40} more</li>}
      </ul>
      <p data-testid="blast-resources">{blast.resources.length} resources reached, by access level:</p>
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
        {blast.resources.slice(0, 40).map((r) => (
          <li key={r.id}>
            <button type="button" className="link" onClick={() => select(r.id)}>
              {r.name}
            </button>{' '}
            <span className="muted">{r.levels.join(', ')}</span>
            {r.conditionalOnly && <span className="cond-marker"> conditional</span>}
          </li>
        ))}
      </ul>
      <h3>Paths to admin</h3>
      <PathList paths={adminPaths} name={name} />
    </section>
  );
}
