/**
 * The workspace's analysis date in the header: the date every age judgement uses, where it came
 * from, and a way to change it (kept with the workspace) or go back to the exports' own date.
 */
import { useState } from 'react';
import { parseAsOf } from '../core';
import { useWorkspace } from '../state/workspace-store';
import { setAnalysisDate } from '../queries/workspaces';

/** Short words for where the date came from; the full detail is in the tooltip. */
const SOURCE = { analyst: 'set by you', export: 'from the exports', 'newest-timestamp': 'newest date in the exports', 'import-time': 'import time' } as const;

export function AsOfControl() {
  const asOf = useWorkspace((s) => s.view?.asOf);
  const [editing, setEditing] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  if (!asOf) return null;
  const day = asOf.time.slice(0, 10);

  if (editing !== null) {
    return (
      <form
        className="as-of"
        data-testid="as-of"
        onSubmit={(e) => {
          e.preventDefault();
          const parsed = parseAsOf(editing);
          if ('error' in parsed) return setError(parsed.error);
          setError(null);
          setEditing(null);
          void setAnalysisDate(parsed.ms);
        }}
      >
        <label>
          Analysis date <input type="date" aria-label="Analysis date" autoFocus value={editing} onChange={(e) => setEditing(e.target.value)} required />
        </label>
        <button type="submit">Apply</button>
        <button type="button" onClick={() => setEditing(null)}>
          Cancel
        </button>
        {error && (
          <span className="error" role="alert">
            {error}
          </span>
        )}
      </form>
    );
  }
  return (
    <div className="as-of" data-testid="as-of" title={`Every age judgement (credential age, last use, rotation, expiry, aws:CurrentTime) is made as of ${asOf.time}: ${asOf.detail}.`}>
      <span>
        As of <strong data-testid="as-of-date">{day}</strong>{' '}
        <span className="muted small" data-testid="as-of-source" data-detail={asOf.detail}>
          ({SOURCE[asOf.source]})
        </span>
      </span>
      <button type="button" onClick={() => setEditing(day)}>
        Change
      </button>
      {asOf.source === 'analyst' && (
        <button type="button" onClick={() => void setAnalysisDate(undefined)}>
          Use the exports' date
        </button>
      )}
    </div>
  );
}
