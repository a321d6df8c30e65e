/** "Compare…": pick a snapshot to compare the workspace with (it is the older side). */
import { useRef, useState } from 'react';
import { useWorkspace } from '../../state/workspace-store';
import { compareWith } from '../../queries/compare';

export function CompareButton() {
  const input = useRef<HTMLInputElement>(null);
  const loaded = useWorkspace((s) => (s.view?.stats.nodes ?? 0) > 0);
  const [error, setError] = useState<string | null>(null);
  return (
    <>
      <button type="button" disabled={!loaded} title="Compare this workspace with a snapshot (last month's, say): what changed, which paths to admin opened" onClick={() => input.current?.click()}>
        Compare…
      </button>
      <input
        ref={input}
        type="file"
        accept=".json,.gz,application/json,application/gzip"
        hidden
        data-testid="compare-input"
        onChange={(e) => {
          const f = e.target.files?.[0];
          e.target.value = '';
          if (!f) return;
          setError(null);
          compareWith(f).catch((err: unknown) => setError(err instanceof Error ? err.message : String(err)));
        }}
      />
      {error && (
        <span className="error small" role="alert" data-testid="compare-error">
          {error}
        </span>
      )}
    </>
  );
}
