/** The left column: analysis, questions, inventory, crown jewels, files. */
import { useWorkspace } from '../state/workspace-store';
import { AnalysisPanel } from './summary/AnalysisPanel';
import { InventoryList } from './inventory/InventoryList';
import { FileReports } from './import/FileReports';
import { CrownJewels } from './jewels/CrownJewels';
import { Questions } from './questions/Questions';

const TABS = ['Analysis', 'Questions', 'Inventory', 'Crown jewels', 'Files'] as const;

export function LeftTabs() {
  // An import switches to its per-file results (in the store); the analyst moves on from there.
  const tab = useWorkspace((s) => s.leftTab);
  const setTab = useWorkspace((s) => s.setLeftTab);
  return (
    <>
      {/* WAI-ARIA tabs: arrow keys, Home and End move between them; only the active one is in the tab order. */}
      <div
        role="tablist"
        aria-label="Lists"
        className="tabs"
        onKeyDown={(e) => {
          const i = TABS.indexOf(tab);
          const next = e.key === 'ArrowRight' ? (i + 1) % TABS.length : e.key === 'ArrowLeft' ? (i + TABS.length - 1) % TABS.length : e.key === 'Home' ? 0 : e.key === 'End' ? TABS.length - 1 : -1;
          if (next < 0) return;
          e.preventDefault();
          setTab(TABS[next]!);
          (e.currentTarget.children[next] as HTMLElement | undefined)?.focus();
        }}
      >
        {TABS.map((t) => (
          <button key={t} role="tab" type="button" aria-selected={tab === t} tabIndex={tab === t ? 0 : -1} className={tab === t ? 'active' : ''} onClick={() => setTab(t)}>
            {t}
          </button>
        ))}
      </div>
      <div role="tabpanel" aria-label={tab}>
        {tab === 'Analysis' && <AnalysisPanel />}
        {tab === 'Questions' && <Questions />}
        {tab === 'Inventory' && <InventoryList />}
        {tab === 'Crown jewels' && <CrownJewels />}
        {tab === 'Files' && <FileReports />}
      </div>
    </>
  );
}
