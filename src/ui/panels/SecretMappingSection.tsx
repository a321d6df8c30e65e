/**
 * "This secret holds the credential of…": the analyst says whose credential a secret holds (no
 * export says it, and Blastmap never guesses from names). Kept with the workspace; the analysis
 * then draws every reader of the secret to that identity. The identity is picked from a search
 * of the workspace, so only loaded nodes can be named.
 */
import { useState } from 'react';
import { skipToken, useQuery } from '@tanstack/react-query';
import { kindInfo, type NodeDetails, type WorkspaceView } from '../../core';
import { useWorkspace } from '../../state/workspace-store';
import { searchQuery } from '../../queries/explore';
import { addMapping, removeMapping } from '../../queries/mappings';

const IDENTITY_CATEGORIES = new Set(['identity', 'principal']);

export function SecretMappingSection({ view, secret, details }: { view: WorkspaceView; secret: string; details: NodeDetails }) {
  const mappings = useWorkspace((s) => s.mappings).filter((m) => m.secret === secret);
  // What the imported files say it holds (a mapping file, a token Secret), apart from the app's own.
  const fromFiles = (details.groups.find((g) => g.key === 'out:credentialOf')?.ids ?? []).filter((id) => !mappings.some((m) => m.identity === id));
  const select = useWorkspace((s) => s.select);
  const [query, setQuery] = useState('');
  const [note, setNote] = useState('');
  const [picked, setPicked] = useState<{ id: string; name: string } | null>(null);
  const q = useQuery(view && query.trim() && !picked ? searchQuery(view, query.trim()) : { queryKey: ['explore', 'search', 'none'], queryFn: skipToken });
  const matches = (q.data?.matches ?? []).filter((m) => IDENTITY_CATEGORIES.has(kindInfo(m.kind).category) && m.id !== secret).slice(0, 8);

  const save = () => {
    if (!picked) return;
    void addMapping({ secret, identity: picked.id, ...(note.trim() ? { note: note.trim() } : {}) });
    setPicked(null);
    setQuery('');
    setNote('');
  };

  return (
    <section className="secret-mapping" data-testid="secret-mapping" aria-label="Credential held">
      <h3>Holds the credential of</h3>
      {fromFiles.length > 0 && (
        <ul data-testid="mapping-from-files">
          {fromFiles.map((id) => (
            <li key={id}>
              <button type="button" className="link" onClick={() => select(id)}>
                {id}
              </button>{' '}
              <span className="muted small">· from an imported file (its edge has the evidence)</span>
            </li>
          ))}
        </ul>
      )}
      {mappings.length === 0 && fromFiles.length === 0 && <p className="muted small">No identity yet. If you know whose credential this secret holds, say so: everyone who can read it then reaches that identity.</p>}
      <ul>
        {mappings.map((m) => (
          <li key={m.identity}>
            <button type="button" className="link" onClick={() => select(m.identity)}>
              {m.identity}
            </button>
            {m.note && <span className="muted small"> · {m.note}</span>}{' '}
            <button type="button" aria-label={`Remove the mapping to ${m.identity}`} data-testid="remove-mapping" onClick={() => void removeMapping(secret, m.identity)}>
              Remove
            </button>
          </li>
        ))}
      </ul>
      <div className="mapping-form">
        <input
          type="search"
          aria-label="Identity whose credential this secret holds"
          data-testid="mapping-identity"
          placeholder="Find an identity…"
          value={picked ? picked.name : query}
          onChange={(e) => {
            setPicked(null);
            setQuery(e.target.value);
          }}
        />
        {!picked && matches.length > 0 && (
          <ul className="mapping-matches" role="listbox" aria-label="Matching identities">
            {matches.map((m) => (
              <li key={m.id} role="option" aria-selected={false}>
                <button type="button" data-testid="mapping-match" onClick={() => setPicked({ id: m.id, name: m.name })}>
                  {m.name} <span className="muted small">{kindInfo(m.kind).label}</span>
                </button>
              </li>
            ))}
          </ul>
        )}
        <input type="text" aria-label="Note" placeholder="Note (optional)" value={note} maxLength={500} onChange={(e) => setNote(e.target.value)} />
        <button type="button" data-testid="add-mapping" disabled={!picked} onClick={save}>
          Add
        </button>
      </div>
    </section>
  );
}
