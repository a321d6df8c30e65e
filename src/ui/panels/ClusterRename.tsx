/**
 * kubectl output names no cluster, so the name Blastmap gave a cluster (from a describe-cluster
 * file or a file name) may be wrong: the analyst renames it here; the workspace keeps the rename
 * and imports its files again under the new name.
 */
import { useState } from 'react';
import { renameCluster } from '../../queries/workspaces';

export function ClusterRename({ name }: { name: string }) {
  const [value, setValue] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  if (value === null) {
    return (
      <button type="button" data-testid="rename-cluster" onClick={() => setValue(name)}>
        Rename cluster
      </button>
    );
  }
  const valid = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/.test(value.trim());
  return (
    <form
      className="inline-form"
      onSubmit={async (e) => {
        e.preventDefault();
        if (!valid) return;
        setBusy(true);
        try {
          await renameCluster(name, value.trim());
        } finally {
          setBusy(false);
          setValue(null);
        }
      }}
    >
      <input aria-label="Cluster name" autoFocus value={value} onChange={(e) => setValue(e.target.value)} />
      <button type="submit" disabled={!valid || busy}>
        {busy ? 'Re-importing…' : 'Save cluster name'}
      </button>
      <button type="button" onClick={() => setValue(null)}>
        Cancel
      </button>
      {!valid && <span className="error small">letters, digits, dot, dash, underscore</span>}
    </form>
  );
}
