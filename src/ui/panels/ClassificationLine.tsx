/** Human or non-human, with the reason, and the analyst's override (kept with the workspace). */
import { useQuery } from '@tanstack/react-query';
import type { Nature, WorkspaceView } from '../../core';
import { classificationQuery } from '../../queries/explore';
import { overrideNature } from '../../queries/risk-settings';
import { useWorkspace } from '../../state/workspace-store';

export function ClassificationLine({ view, node }: { view: WorkspaceView; node: string }) {
  const settings = useWorkspace((s) => s.riskSettings);
  const q = useQuery(classificationQuery(view, settings, node));
  const c = q.data;
  if (!c) return null;
  return (
    <p className="small" data-testid="classification">
      <strong>{c.nature === 'human' ? 'Human' : c.nature === 'non-human' ? 'Non-human' : 'Unknown'}</strong> <span className="muted">({c.reason})</span>{' '}
      <select
        aria-label="Classify as"
        value={'overridden' in c && c.overridden ? c.nature : ''}
        onChange={(e) => void overrideNature(node, (e.target.value || null) as Nature | null)}
      >
        <option value="">as the exports say</option>
        <option value="human">human</option>
        <option value="non-human">non-human</option>
      </select>
    </p>
  );
}
