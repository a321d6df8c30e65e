/** The left column: analysis, inventory, files. */
import { useWorkspace } from '../state/workspace-store';
import { AnalysisPanel } from './summary/AnalysisPanel';
import { InventoryList } from './inventory/InventoryList';
import { FileReports } from './import/FileReports';
import { CrownJewels } from './jewels/CrownJewels';

const TABS = ['Analysis', 'Inventory', 'Crown jewels', 'Files'] as const;

export function LeftTabs() {
  // An import switches to its per-file results (in the store); the analyst moves on from there.
  const tab = useWorkspace((s) => s.leftTab);
  const setTab = useWorkspace((s) => s.setLeftTab);
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
        {tab === 'Crown jewels' && <CrownJewels />}
        {tab === 'Files' && <FileReports />}
      </div>
    </>
  );
}
