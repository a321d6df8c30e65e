/** The selected node's blast radius and its shortest paths to admin, from the worker. */
import { useState } from 'react';
import { useQueries, useQuery } from '@tanstack/react-query';
import { providerLabel, kindInfo, ACCESS_LEVELS, type PathStep, type PrivilegePath, type WorkspaceView } from '../../core';
import { blastQuery } from '../../queries/explore';
import { pageSpan, spanPages, VirtualList } from '../VirtualList';
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

// The first answer carries a few rows (it comes quickly) with the counts; scrolling asks the
// worker for the pages of 500 rows in view (both lists come in one answer, page by page).
const FIRST_ROWS = 40;
const PAGE = 500;

export function BlastSection({ view, node }: { view: WorkspaceView; node: string }) {
  // The pages each list shows (the two scroll apart); the pages asked cover both.
  const [spans, setSpans] = useState<{ identities: [number, number]; resources: [number, number] }>({ identities: [0, -1], resources: [0, -1] });
  const { identities: sa, resources: sb } = spans;
  const span: [number, number] = sa[1] < 0 ? sb : sb[1] < 0 ? sa : [Math.min(sa[0], sb[0]), Math.max(sa[1], sb[1])];
  const q = useQuery({ ...blastQuery(view, node, FIRST_ROWS), placeholderData: (prev) => (prev?.source === node ? prev : undefined) });
  const more = useQueries({ queries: spanPages(span).map((p) => ({ ...blastQuery(view, node, PAGE, p * PAGE), placeholderData: undefined })) });
  const select = useWorkspace((s) => s.select);
  const blastMode = useWorkspace((s) => s.blastMode);
  const toggleBlast = useWorkspace((s) => s.toggleBlastMode);
  if (q.isPending) return <p className="muted">Computing blast radius…</p>;
  if (q.error) return <p className="error">Blast radius failed: {q.error.message}</p>;
  const blast = q.data;
  const { adminPaths } = blast;
  const name = (id: string) => blast.refs[id]?.name ?? id;
  const pageOf = (index: number) => more[spanPages(span).indexOf(Math.floor(index / PAGE))]?.data;
  const identityAt = (i: number) => (i < blast.identities.length ? blast.identities[i] : pageOf(i)?.identities[i % PAGE]);
  const resourceAt = (i: number) => (i < blast.resources.length ? blast.resources[i] : pageOf(i)?.resources[i % PAGE]);
  const need = (list: 'identities' | 'resources', total: number) => (first: number, last: number) => {
    const next: [number, number] = last < FIRST_ROWS ? [0, -1] : pageSpan(first, last, PAGE, total);
    setSpans((s) => (s[list][0] === next[0] && s[list][1] === next[1] ? s : { ...s, [list]: next }));
  };
  const identityRows = blast.identityCount;
  const resourceRows = blast.resourceCount;
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
      {identityRows > 0 && (
        <VirtualList
          label="Identities reached"
          testId="blast-identity-list"
          className="reached"
          regionClassName="vlist-panel"
          count={identityRows}
          estimateSize={22}
          onRange={need('identities', blast.identityCount)}
          renderRow={(index, row) => {
            const i = identityAt(index);
            if (!i) return <li {...row} className="vlist-pending">…</li>;
            return (
              <li {...row} data-testid="blast-identity">
                <span className="muted">{i.hops} {i.hops === 1 ? 'step' : 'steps'}</span>{' '}
                <button type="button" className="link" onClick={() => select(i.id)}>
                  {i.name}
                </button>{' '}
                <span className="muted">
                  {kindInfo(i.kind).label} · {providerLabel(i.provider)}
                </span>
                {i.conditional && <span className="cond-marker"> conditional</span>}
              </li>
            );
          }}
        />
      )}
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
      {resourceRows > 0 && (
        <VirtualList
          label="Resources reached"
          testId="blast-resource-list"
          className="reached"
          regionClassName="vlist-panel"
          count={resourceRows}
          estimateSize={22}
          onRange={need('resources', blast.resourceCount)}
          renderRow={(index, row) => {
            const r = resourceAt(index);
            if (!r) return <li {...row} className="vlist-pending">…</li>;
            return (
              <li {...row} data-testid="blast-resource">
                <button type="button" className="link" onClick={() => select(r.id)}>
                  {r.name}
                </button>{' '}
                <span className="muted">{r.levels.join(', ')}</span>
                {r.conditionalOnly && <span className="cond-marker"> conditional</span>}
              </li>
            );
          }}
        />
      )}
      <h3>Paths to admin</h3>
      <PathList paths={adminPaths} name={name} />
    </section>
  );
}

