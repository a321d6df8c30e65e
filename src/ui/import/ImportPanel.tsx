/** Drag and drop or pick several files; progress while the worker reads them. */
import { useEffect, useRef, useState, useSyncExternalStore } from 'react';
import { useImportFiles } from '../../queries/import-files';
import { cancelImport } from '../../queries/workspaces';
import { useWorkspace } from '../../state/workspace-store';
import { analysisClient } from '../../queries/analysis-client';
import type { WorkerRestart } from '../../worker/client';
import { droppedFiles, MAX_FOLDER_FILES, pickedFiles } from './dropped-files';

const RESTART_TEXT: Record<WorkerRestart['state'], string> = {
  restoring: 'The analysis worker stopped (out of memory?) and was restarted; reloading your workspace into it…',
  restored: 'The analysis worker stopped (out of memory?) and was restarted; your workspace is kept.',
  lost: 'The analysis worker stopped (out of memory?) and was restarted, but your workspace could not be loaded into it again: reopen the workspace (its saved files are kept).',
};

const subscribeRestarts = (listener: () => void) => analysisClient().subscribeRestarts(listener);
const lastRestart = () => analysisClient().lastRestart;

/** Tells the analyst that the worker crashed and what became of the workspace (see AnalysisClient). */
function WorkerRestartBanner() {
  const restart = useSyncExternalStore(subscribeRestarts, lastRestart);
  const [dismissed, setDismissed] = useState<WorkerRestart>();
  if (!restart || restart === dismissed) return null;
  return (
    <p className="error" role="alert" data-testid="worker-restarted" data-state={restart.state}>
      {RESTART_TEXT[restart.state]} <span className="muted">({restart.reason})</span>{' '}
      <button type="button" onClick={() => setDismissed(restart)}>
        Dismiss
      </button>
    </p>
  );
}

export function ImportPanel() {
  const input = useRef<HTMLInputElement>(null);
  const folderInput = useRef<HTMLInputElement>(null);
  const [over, setOver] = useState(false);
  const [leftOut, setLeftOut] = useState(0);
  const importFiles = useImportFiles();
  const progress = useWorkspace((s) => s.progress);
  const error = useWorkspace((s) => s.error);
  const loaded = useWorkspace((s) => (s.view?.stats.nodes ?? 0) > 0);
  const submitRef = useRef<(files: File[]) => void>(() => undefined);

  // Files dropped anywhere on the page are imported (the drop zone shrinks to a button once
  // something is loaded).
  useEffect(() => {
    const over = (e: globalThis.DragEvent) => {
      if (!e.dataTransfer?.types.includes('Files')) return;
      e.preventDefault();
      setOver(true);
    };
    const leave = (e: globalThis.DragEvent) => {
      if (e.relatedTarget === null) setOver(false);
    };
    const drop = (e: globalThis.DragEvent) => {
      const dt = e.dataTransfer;
      if (!dt?.files.length) return;
      e.preventDefault();
      setOver(false);
      // Folders are walked: each file keeps its path inside the drop (the entries must be read
      // before the event returns; the walk itself is asynchronous).
      void droppedFiles(dt).then(({ files, leftOut }) => {
        setLeftOut(leftOut);
        submitRef.current(files);
      });
    };
    window.addEventListener('dragover', over);
    window.addEventListener('dragleave', leave);
    window.addEventListener('drop', drop);
    return () => {
      window.removeEventListener('dragover', over);
      window.removeEventListener('dragleave', leave);
      window.removeEventListener('drop', drop);
    };
  }, []);

  const submit = (files: File[]) => {
    if (files.length) importFiles.mutate(files);
  };
  useEffect(() => {
    submitRef.current = submit;
  });

  return (
    <section className={`drop-zone${over ? ' over' : ''}${loaded ? ' compact' : ''}`} data-testid="drop-zone">
      <p>
        <button type="button" onClick={() => input.current?.click()}>
          Import exports
        </button>{' '}
        <button type="button" onClick={() => folderInput.current?.click()} title="A folder of exports, read with its paths (a Vault export tree needs them)">
          Import a folder
        </button>{' '}
        {loaded ? (
          <span className="muted small">or drop files anywhere · read in this browser only, nothing is uploaded</span>
        ) : (
          'or drop exports (files or folders) anywhere on the page: AWS (GAAD, credential report, secrets, policies, SCPs, inventories), Kubernetes (kubectl JSON/YAML, cluster descriptions), GCP (IAM policies, asset inventory, service accounts), Azure and Entra ID (role assignments, applications, service principals, identities, Key Vault), HashiCorp Vault (an export tree: policies, auth roles, secret engines)'
        )}
      </p>
      <input
        ref={input}
        type="file"
        multiple
        hidden
        data-testid="file-input"
        onChange={(e) => {
          submit(Array.from(e.target.files ?? []));
          e.target.value = '';
        }}
      />
      <input
        ref={folderInput}
        type="file"
        hidden
        data-testid="folder-input"
        {...({ webkitdirectory: '' } as object)}
        onChange={(e) => {
          const files = pickedFiles(e.target.files);
          setLeftOut(Math.max(0, files.length - MAX_FOLDER_FILES));
          submit(files.slice(0, MAX_FOLDER_FILES));
          e.target.value = '';
        }}
      />
      {leftOut > 0 && (
        <p className="error" role="alert">
          The folder holds more than {MAX_FOLDER_FILES.toLocaleString('en')} files: {leftOut.toLocaleString('en')} were left out. Import its subfolders one by one.
        </p>
      )}
      {progress && (
        <div className="progress" role="status" data-testid="import-progress">
          <progress max={progress.total} value={progress.done} /> {progress.done} of {progress.total} files
          {progress.current ? `, ${progress.current === 'analysing' ? 'analysing' : `reading ${progress.current}`}` : ''}{' '}
          <button type="button" onClick={() => void cancelImport()}>
            Cancel
          </button>
        </div>
      )}
      {error && (
        <p className="error" role="alert">
          {error === 'cancelled' ? 'Import cancelled' : `Import stopped: ${error}`}. What was loaded before is still here.
        </p>
      )}
      <WorkerRestartBanner />
      {!loaded && <p className="privacy">Files are read in your browser only; nothing is uploaded anywhere.</p>}
    </section>
  );
}
