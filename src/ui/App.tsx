/** The app shell: import on top, counts, then graph and details side by side. */
import { Suspense, lazy } from 'react';
import { ImportPanel } from './import/ImportPanel';
import { StatsBar } from './summary/StatsBar';
import { PathPanel } from './panels/PathPanel';
import { LeftTabs } from './LeftTabs';
import { DetailsPanel } from './panels/DetailsPanel';
import { useWorkspace } from '../state/workspace-store';
import { WorkspaceBar } from './WorkspaceBar';
import { ExportMenu } from './ExportMenu';
import { WhatIfBar } from './whatif/WhatIfBar';
import { ComparePanel } from './compare/ComparePanel';
import { CompareButton } from './compare/CompareButton';
import { AsOfControl } from './AsOfControl';
import { SearchBox } from './search/SearchBox';
import { useStartup } from './use-startup';
import { useUrlSync } from './url-state';

// Cytoscape is most of the bundle: load it after the shell has painted.
const GraphView = lazy(() => import('./graph/GraphView'));
// The risk view brings Chart.js: loaded when first opened.
const RiskPanel = lazy(() => import('./risk/RiskPanel'));

export function App() {
  useStartup();
  useUrlSync();
  const started = useWorkspace((s) => s.started);
  const view = useWorkspace((s) => s.view);
  const showPolicies = useWorkspace((s) => s.showPolicies);
  const togglePolicies = useWorkspace((s) => s.togglePolicies);
  const risk = useWorkspace((s) => s.risk);
  const openRisk = useWorkspace((s) => s.openRisk);

  return (
    <div className="app">
      <header className="top">
        <h1>Blastmap</h1>
        <span className="muted tagline">identity blast-radius explorer · everything stays in this browser</span>
        <SearchBox />
        <div className="actions">
          <button type="button" className={risk ? 'active' : ''} aria-pressed={!!risk} onClick={() => openRisk(risk ? null : 'dashboard')} title="Non-human identity risk: findings, metrics, ranking">
            Risk
          </button>
          <ExportMenu />
          <CompareButton />
          <WorkspaceBar />
          <AsOfControl />
          <label>
            <input type="checkbox" checked={showPolicies} onChange={togglePolicies} /> show policies
          </label>
        </div>
      </header>
      <ImportPanel />
      <StatsBar />
      <main className="workbench">
        <div className="left">
          <PathPanel />
          <LeftTabs />
        </div>
        {/* The graph takes the rest of the page; the details panel floats over its right side
            only while something is selected. */}
        <div className="center">
          {/* Mounted before any data: Cytoscape starts (and its code compiles) while the analyst
              picks files, not in the same moment the first picture arrives. */}
          <Suspense fallback={<p className="muted">Loading the graph view…</p>}>
            <GraphView />
          </Suspense>
          {!(view && view.stats.nodes > 0) && <p className="muted empty">{started ? 'No data yet: drop exports above, or load the demo.' : 'Opening the workspace…'}</p>}
          <DetailsPanel />
          {/* Over the graph only: the risk view covers the graph and them. */}
          {!risk && (
            <div className="left-overlays">
              <ComparePanel />
              <WhatIfBar />
            </div>
          )}
          {risk && (
            <Suspense fallback={<p className="muted risk-panel">Loading the risk view…</p>}>
              <RiskPanel />
            </Suspense>
          )}
        </div>
      </main>
    </div>
  );
}
