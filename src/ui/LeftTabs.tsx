/** The left column: analysis, inventory, files. */
import { useEffect, useState } from 'react';
import { useWorkspace } from '../state/workspace-store';
import { AnalysisPanel } from './summary/AnalysisPanel';
import { InventoryList } from './inventory/InventoryList';
import { FileReports } from './import/FileReports';

const TABS = ['Analysis', 'Inventory', 'Files'] as const;

export function LeftTabs() {
  const [tab, setTab] = useState<(typeof TABS)[number]>('Files');
  const importing = useWorkspace((s) => s.progress !== null);
  // An import shows its per-file results; the analyst moves on to the analysis from there.
  useEffect(() => {
    if (importing) setTab('Files');
  }, [importing]);
  return (
    <>
      <div role="tablist" aria-label="Lists" className="tabs">
        {TABS.map((t) => (
          <button key={t} role="tab" type="button" aria-selected={tab === t} className={tab === t ? 'active' : ''} onClick={() => setTab(t)}>
            {t}
          </button>
        ))}
      </div>
      <div role="tabpanel" aria-label={tab}>
        {tab === 'Analysis' && <AnalysisPanel />}
        {tab === 'Inventory' && <InventoryList />}
        {tab === 'Files' && <FileReports />}
      </div>
    </>
  );
}
