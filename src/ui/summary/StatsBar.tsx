/** Counts by kind of what the graph holds, grouped by provider: described nodes, then nodes only referenced. */
import { NODE_KINDS, countOf, kindInfo, providerLabel, type GraphStats } from '../../core';
import { useState } from 'react';
import { useWorkspace } from '../../state/workspace-store';

const countText = (n: number, kind: string) => countOf(n, kind).replace(/^\d+ /, '');

/** Kinds with a count, by provider in registry order (the core's own kinds last). */
function byProvider(counts: GraphStats['nodesByKind']): [string, string[]][] {
  const groups = new Map<string, string[]>();
  for (const k of Object.keys(NODE_KINDS)) {
    if (!counts[k]) continue;
    const p = kindInfo(k).provider ?? '';
    groups.set(p, [...(groups.get(p) ?? []), k]);
  }
  return [...groups].sort(([a], [b]) => (a === '' ? 1 : b === '' ? -1 : 0));
}

export function StatsBar() {
  const stats = useWorkspace((s) => s.view?.stats);
  // One line unless opened: the graph gets the room.
  const [open, setOpen] = useState(false);
  if (!stats) return null;
  const referenced = Object.keys(NODE_KINDS).filter((k) => stats.referencedByKind[k]);
  const groups = byProvider(stats.nodesByKind);
  return (
    <section className={`stats${open ? '' : ' collapsed'}`} aria-label="Graph counts" data-testid="stats">
      <button type="button" className="link small toggle" aria-expanded={open} onClick={() => setOpen(!open)}>
        {open ? 'fewer counts' : 'all counts'}
      </button>
      <span className="stat total" data-testid="count-nodes">
        <b>{stats.nodes.toLocaleString('en')}</b> nodes
      </span>
      <span className="stat total" data-testid="count-edges">
        <b>{stats.edges.toLocaleString('en')}</b> edges
      </span>
      {groups.map(([provider, kinds]) => (
        <span key={provider || 'analysis'} className="stat-group" data-testid={`counts-${provider || 'analysis'}`}>
          {groups.length > 1 && <span className="provider-tag">{provider ? providerLabel(provider) : 'analysis'}</span>}
          {kinds.map((k) => (
            <span key={k} className="stat" data-testid={`count-${k}`} data-count={stats.nodesByKind[k]}>
              <b>{stats.nodesByKind[k]}</b> {countText(stats.nodesByKind[k]!, k)}
            </span>
          ))}
        </span>
      ))}
      {referenced.length > 0 && (
        <span className="stat muted" title="Named in policies or trusts but not described by any imported file">
          referenced only: {referenced.map((k) => `${stats.referencedByKind[k]} ${kindInfo(k).plural}${kindInfo(k).provider ? ` (${providerLabel(kindInfo(k).provider!)})` : ''}`).join(', ')}
        </span>
      )}
    </section>
  );
}
