/** The app shell: import on top, counts, then graph and details side by side. */
import { Suspense, lazy, useEffect, useRef } from 'react';
import { useQuery } from '@tanstack/react-query';
import { ImportPanel } from './import/ImportPanel';
import { FileReports } from './import/FileReports';
import { StatsBar } from './summary/StatsBar';
import { AnalysisPanel } from './summary/AnalysisPanel';
import { DetailsPanel } from './panels/DetailsPanel';
import { useWorkspace } from '../state/workspace-store';
import { useImportFiles, useResetWorkspace } from '../queries/import-files';
import { demoFilesQuery } from '../queries/demo-files';

// Cytoscape is most of the bundle: load it after the shell has painted.
const GraphView = lazy(() => import('./graph/GraphView'));

/** `?start=empty` opens without the demo (e.g. for tests that upload their own files). */
const wantsDemo = () => new URLSearchParams(window.location.search).get('start') !== 'empty';

function useDemoOnFirstStart() {
  const importFiles = useImportFiles();
  const demo = useQuery({ ...demoFilesQuery, enabled: wantsDemo() });
  const started = useRef(false);
  useEffect(() => {
    if (demo.data && !started.current) {
      started.current = true;
      importFiles.mutate(demo.data.files);
    }
  }, [demo.data, importFiles]);
  return demo;
}

export function App() {
  const demo = useDemoOnFirstStart();
  const reset = useResetWorkspace();
  const importFiles = useImportFiles();
  const snapshot = useWorkspace((s) => s.snapshot);
  const showPolicies = useWorkspace((s) => s.showPolicies);
  const togglePolicies = useWorkspace((s) => s.togglePolicies);

  return (
    <div className="app">
      <header className="top">
        <h1>Blastmap</h1>
        <span className="muted">identity blast-radius explorer · everything stays in this browser</span>
        <div className="actions">
          <button type="button" onClick={() => demo.data && importFiles.mutate(demo.data.files)} disabled={!demo.data}>
            Load demo
          </button>
          <button type="button" onClick={() => reset.mutate()} data-testid="clear-workspace">
            Clear
          </button>
          <label>
            <input type="checkbox" checked={showPolicies} onChange={togglePolicies} /> show policies
          </label>
        </div>
      </header>
      {demo.error && <p className="error">The demo environment could not be loaded: {demo.error.message}</p>}
      <ImportPanel />
      <StatsBar />
      <main className="workbench">
        <div className="left">
          <AnalysisPanel />
          <FileReports />
        </div>
        <div className="center">
          {snapshot && snapshot.nodes.length > 0 ? (
            <Suspense fallback={<p className="muted">Loading the graph view…</p>}>
              <GraphView />
            </Suspense>
          ) : (
            <p className="muted empty">No data yet: drop exports above{wantsDemo() ? ' (the demo is loading)' : ''}.</p>
          )}
        </div>
        <DetailsPanel />
      </main>
    </div>
  );
}
