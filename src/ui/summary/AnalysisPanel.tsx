/** The analysis at a glance: admins, who can become admin, and paths that need inventory. */
import { useState } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { providerLabel, type AnalysisSummary, type NodeRef, type SummaryList, type WorkspaceView } from '../../core';
import { MoreButton } from '../MoreButton';
import { useWorkspace } from '../../state/workspace-store';
import { summaryListQuery } from '../../queries/explore';
import { TokenReach } from './TokenReach';

/**
 * The first `shown` entries of a summary list: the view's head, or (past it) a page from the
 * worker, with the names it mentions.
 */
function useSummaryList<K extends SummaryList>(view: WorkspaceView, list: K, shown: number): { items: AnalysisSummary[K]; refs: Record<string, NodeRef> } {
  const head = view.analysis![list];
  const more = useQuery({ ...summaryListQuery(view, list, shown), enabled: shown > head.length && view.analysis!.totals[list] > head.length, placeholderData: keepPreviousData });
  if (!more.data || shown <= head.length) return { items: head, refs: view.refs };
  return { items: more.data.items as AnalysisSummary[K], refs: more.data.refs };
}

export function AnalysisPanel() {
  const view = useWorkspace((s) => s.view);
  if (!view?.analysis) return null;
  // Keyed by version: a new analysis starts every list at its head again.
  return <Lists key={view.version} view={view} />;
}

const STEP = 500;

function Lists({ view }: { view: WorkspaceView }) {
  const select = useWorkspace((s) => s.select);
  const a = view.analysis!;
  const [shown, setShown] = useState({ admins: 100, conditionalAdmins: 100, escalatesToAdmin: 100, needsInventory: 100, federation: 100 });
  const more = (list: SummaryList) => () => setShown((s) => ({ ...s, [list]: s[list] + STEP }));
  const admins = useSummaryList(view, 'admins', shown.admins);
  const conditional = useSummaryList(view, 'conditionalAdmins', shown.conditionalAdmins);
  const escalates = useSummaryList(view, 'escalatesToAdmin', shown.escalatesToAdmin);
  const inventory = useSummaryList(view, 'needsInventory', shown.needsInventory);
  const federation = useSummaryList(view, 'federation', shown.federation);
  const refs = { ...view.refs, ...admins.refs, ...conditional.refs, ...escalates.refs, ...inventory.refs, ...federation.refs };
  // Render helpers, not components: they close over this render's names.
  const item = (key: string, id: string, extra?: string) => (
    <li key={key}>
      <button type="button" className="link" onClick={() => select(id)}>
        {refs[id]?.name ?? id}
      </button>
      {extra && <span className="muted"> {extra}</span>}
    </li>
  );
  const moreButton = (list: SummaryList, items: unknown[]) => <MoreButton shown={Math.min(shown[list], items.length)} total={a.totals[list]} onMore={more(list)} />;
  return (
    <section className="analysis-panel" aria-label="Analysis" data-testid="analysis-panel">
      <h2>Analysis</h2>
      <TokenReach />
      <p className="muted small">
        {a.millis !== undefined ? `${a.millis} ms · ` : ''}
        {a.escalationEdges} escalation edges
        {a.reused?.length ? (
          <span data-testid="analysis-kept" title="Nothing these analyses read changed since the last analysis: they were kept, not run again">
            {' · kept: '}
            {a.reused.map(providerLabel).join(', ')}
          </span>
        ) : null}
      </p>
      <h3 data-testid="admin-count">{a.totals.admins} admin-equivalent</h3>
      <ul>
        {admins.items.slice(0, shown.admins).map((id) => item(id, id))}
      </ul>
      {moreButton('admins', admins.items)}
      <ul>
        {conditional.items.slice(0, shown.conditionalAdmins).map((id) => item(id, id, '(conditional)'))}
      </ul>
      {moreButton('conditionalAdmins', conditional.items)}
      <h3 data-testid="escalate-count">{a.totals.escalatesToAdmin} can become admin</h3>
      <ul>
        {escalates.items.slice(0, shown.escalatesToAdmin).map((e) => item(e.principal, e.principal, `${e.hops} ${e.hops === 1 ? 'step' : 'steps'}: ${e.techniques.join(' → ')}`))}
      </ul>
      {moreButton('escalatesToAdmin', escalates.items)}
      {a.totals.federation > 0 && (
        <details data-testid="federation-notes">
          <summary>{a.totals.federation} federation links not drawn or not verified</summary>
          <ul>
            {federation.items.slice(0, shown.federation).map((f) => item(`${f.from}|${f.to}|${f.technique}`, f.from, `${f.status}: ${f.reason}`))}
          </ul>
          {moreButton('federation', federation.items)}
        </details>
      )}
      {a.totals.needsInventory > 0 && (
        <details>
          <summary>{a.totals.needsInventory} paths need resource inventory</summary>
          <ul>
            {inventory.items.slice(0, shown.needsInventory).map((p, i) => item(String(i), p.principal, `${p.technique}: needs ${p.missing}`))}
          </ul>
          {moreButton('needsInventory', inventory.items)}
        </details>
      )}
    </section>
  );
}
