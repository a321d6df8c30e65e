/** Choose, create, rename and delete workspaces; storage problems are stated here. */
import { useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { workspacesQuery, useWorkspaceActions } from '../queries/workspaces';
import { demoFilesQuery } from '../queries/demo-files';
import { useWorkspace } from '../state/workspace-store';

export function WorkspaceBar() {
  const qc = useQueryClient();
  const list = useQuery(workspacesQuery).data ?? [];
  const current = useWorkspace((s) => s.workspaceId);
  const currentName = useWorkspace((s) => s.workspaceName);
  const storageError = useWorkspace((s) => s.storageError);
  const { open, create, rename, remove } = useWorkspaceActions();
  const [renaming, setRenaming] = useState<string | null>(null);
  const [confirmDelete, setConfirmDelete] = useState(false);

  return (
    <div className="workspace-bar" role="group" aria-label="Workspaces">
      <label>
        <span className="sr-only">Workspace </span>
        <select
          aria-label="Workspace"
          data-testid="workspace-select"
          value={current ?? ''}
          onChange={(e) => {
            const ws = list.find((w) => w.id === e.target.value);
            if (ws) open.mutate(ws);
          }}
        >
          {!current && <option value="">{currentName || 'in memory'}</option>}
          {list.map((w) => (
            <option key={w.id} value={w.id}>
              {w.name} ({w.fileCount} files)
            </option>
          ))}
        </select>
      </label>
      {renaming !== null ? (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (current && renaming.trim()) rename.mutate({ id: current, name: renaming.trim() });
            setRenaming(null);
          }}
        >
          <input aria-label="New workspace name" autoFocus value={renaming} onChange={(e) => setRenaming(e.target.value)} />
          <button type="submit">Save name</button>
        </form>
      ) : (
        <button type="button" disabled={!current} onClick={() => setRenaming(currentName)}>
          Rename
        </button>
      )}
      <button type="button" data-testid="new-workspace" aria-label="New workspace" onClick={() => create.mutate({ name: `Workspace ${list.length + 1}` })}>
        New
      </button>
      <button
        type="button"
        aria-label="Load demo"
        onClick={async () => {
          // One demo workspace: loading it again opens the one already there (first start made it).
          const demo = await qc.fetchQuery(demoFilesQuery);
          const existing = list.find((w) => w.name === demo.name);
          if (existing) open.mutate(existing);
          else create.mutate({ name: demo.name, files: demo.files });
        }}
      >
        Demo
      </button>
      {confirmDelete ? (
        <span className="confirm" role="group" aria-label="Confirm deletion">
          Delete “{currentName}” and its saved files?{' '}
          <button
            type="button"
            data-testid="confirm-delete"
            onClick={async () => {
              setConfirmDelete(false);
              if (!current) return;
              await remove.mutateAsync(current);
              const rest = (await qc.fetchQuery(workspacesQuery)).filter((w) => w.id !== current);
              if (rest[0]) open.mutate(rest[0]);
              else create.mutate({ name: 'Workspace 1' });
            }}
          >
            Delete
          </button>{' '}
          <button type="button" onClick={() => setConfirmDelete(false)} autoFocus>
            Keep
          </button>
        </span>
      ) : (
        <button type="button" disabled={!current} data-testid="delete-workspace" aria-label="Delete workspace" onClick={() => setConfirmDelete(true)}>
          Delete
        </button>
      )}
      {storageError && (
        <span className="error" role="alert" data-testid="storage-error">
          Workspaces cannot be saved: {storageError}. Everything keeps working in memory until you close the tab.
        </span>
      )}
    </div>
  );
}
