/** Crown jewels and everyone who can reach them, ranked (the who-can-reach view). */
import { useState } from 'react';
import { skipToken, useQuery } from '@tanstack/react-query';
import type { NodeRef, WorkspaceView } from '../../core';
import { jewelsQuery, whoCanQuery } from '../../queries/explore';
import { updateJewels } from '../../queries/workspaces';
import { useWorkspace } from '../../state/workspace-store';

const TOP = 5;

function JewelRow({ view, jewel }: { view: WorkspaceView; jewel: NodeRef }) {
  const id = jewel.id;
  const [top, setTop] = useState(TOP);
  const q = useQuery(whoCanQuery(view, id, top));
  const select = useWorkspace((s) => s.select);
  const showPath = useWorkspace((s) => s.showPath);
  return (
    <li data-testid="jewel">
      <button type="button" className="link" onClick={() => select(id)}>
        {jewel.name}
      </button>{' '}
      <span className="muted" data-testid="jewel-reachers">
        {q.data ? `${q.data.total} can reach it` : 'counting…'}
      </span>
      {q.data && (
        <ol className="small">
          {q.data.reachers.map((r) => (
            <li key={r.id}>
              <button type="button" className="link" onClick={() => showPath(r.id, id)}>
                {r.name}
              </button>{' '}
              <span className="muted">
                {r.hops} {r.hops === 1 ? 'step' : 'steps'}{r.nonHuman && r.standingCredential ? ' · non-human with a standing credential' : ''}
              </span>
            </li>
          ))}
        </ol>
      )}
      {q.data && q.data.total > top && (
        <button type="button" className="link small" onClick={() => setTop((n) => n + 50)}>
          {q.data.total - top} more can reach it: show {Math.min(50, q.data.total - top)}
        </button>
      )}
    </li>
  );
}

export function CrownJewels() {
  const view = useWorkspace((s) => s.view);
  const manual = useWorkspace((s) => s.crownJewels);
  const rules = useWorkspace((s) => s.jewelRules);
  const [rule, setRule] = useState('');
  const q = useQuery(view && view.stats.nodes > 0 ? jewelsQuery(view, manual, rules) : { queryKey: ['explore', 'jewels', 'none'], queryFn: skipToken });
  if (!view) return null;
  const ids = q.data ?? [];
  return (
    <section role="region" aria-label="Crown jewels" className="jewels">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (rule.trim() && !rules.includes(rule.trim())) void updateJewels(manual, [...rules, rule.trim()]);
          setRule('');
        }}
      >
        <input aria-label="Tag rule" placeholder="tag rule, e.g. data-class=restricted" value={rule} onChange={(e) => setRule(e.target.value)} />
        <button type="submit">Add rule</button>
      </form>
      <ul className="rules">
        {rules.map((r) => (
          <li key={r}>
            tag {r}{' '}
            <button type="button" className="link" onClick={() => void updateJewels(manual, rules.filter((x) => x !== r))}>
              remove
            </button>
          </li>
        ))}
      </ul>
      {ids.length === 0 ? (
        <p className="muted">No crown jewels yet: mark a node in its details, or add a tag rule.</p>
      ) : (
        <ul className="jewel-list">
          {ids.map((j) => (
            <JewelRow key={j.id} view={view} jewel={j} />
          ))}
        </ul>
      )}
    </section>
  );
}
