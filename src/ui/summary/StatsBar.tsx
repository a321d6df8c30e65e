/** Counts by kind of what the graph holds: described nodes, then nodes only referenced. */
import { NODE_KINDS, type NodeKind, kindInfo } from '../../core';
import { useWorkspace } from '../../state/workspace-store';

export function StatsBar() {
  const stats = useWorkspace((s) => s.snapshot?.stats);
  if (!stats) return null;
  const kinds = (Object.keys(NODE_KINDS) as NodeKind[]).filter((k) => stats.nodesByKind[k]);
  const referenced = (Object.keys(NODE_KINDS) as NodeKind[]).filter((k) => stats.referencedByKind[k]);
  return (
    <section className="stats" aria-label="Graph counts" data-testid="stats">
      <span className="stat total" data-testid="count-nodes">
        <b>{stats.nodes}</b> nodes
      </span>
      <span className="stat total" data-testid="count-edges">
        <b>{stats.edges}</b> edges
      </span>
      {kinds.map((k) => (
        <span key={k} className="stat" data-testid={`count-${k}`} data-count={stats.nodesByKind[k]}>
          <b>{stats.nodesByKind[k]}</b> {stats.nodesByKind[k] === 1 ? kindInfo(k).label.toLowerCase() : kindInfo(k).plural}
        </span>
      ))}
      {referenced.length > 0 && (
        <span className="stat muted" title="Named in policies or trusts but not described by any imported file">
          referenced only: {referenced.map((k) => `${stats.referencedByKind[k]} ${kindInfo(k).plural}`).join(', ')}
        </span>
      )}
    </section>
  );
}
