/** Crown jewels and everyone who can reach them, ranked (the who-can-reach view). */
import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import type { Snapshot } from '../../core';
import { whoCanQuery } from '../../queries/blast';
import { updateJewels } from '../../queries/workspaces';
import { useWorkspace } from '../../state/workspace-store';
import { jewelIds } from './crown-jewels';

function JewelRow({ snapshot, id, name }: { snapshot: Snapshot; id: string; name: (id: string) => string }) {
  const q = useQuery(whoCanQuery(snapshot, id));
  const select = useWorkspace((s) => s.select);
  const showPath = useWorkspace((s) => s.showPath);
  return (
    <li data-testid="jewel">
      <button type="button" className="link" onClick={() => select(id)}>
        {name(id)}
      </button>{' '}
      <span className="muted" data-testid="jewel-reachers">
        {q.data ? `${q.data.reachers.length} can reach it` : 'counting…'}
      </span>
      {q.data && (
        <ol className="small">
          {q.data.reachers.slice(0, 5).map((r) => (
            <li key={r.id}>
              <button type="button" className="link" onClick={() => showPath(r.id, id)}>
                {r.name}
              </button>{' '}
              <span className="muted">
                {r.hops} hop(s){r.nonHuman && r.standingCredential ? ' · non-human with a standing credential' : ''}
              </span>
            </li>
          ))}
        </ol>
      )}
    </li>
  );
}

export function CrownJewels() {
  const snapshot = useWorkspace((s) => s.snapshot);
  const manual = useWorkspace((s) => s.crownJewels);
  const rules = useWorkspace((s) => s.jewelRules);
  const [rule, setRule] = useState('');
  if (!snapshot) return null;
  const names = new Map(snapshot.nodes.map((n) => [n.id, n.name]));
  const ids = jewelIds(snapshot, manual, rules);
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
          {ids.map((id) => (
            <JewelRow key={id} snapshot={snapshot} id={id} name={(x) => names.get(x) ?? x} />
          ))}
        </ul>
      )}
    </section>
  );
}
