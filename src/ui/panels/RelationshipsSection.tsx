/**
 * The selected node's relationships by kind and direction, each with its count; "draw" puts the
 * node and exactly those neighbours on the graph (as BloodHound's entity panel counts do).
 */
import type { NodeDetails } from '../../core';
import { useWorkspace } from '../../state/workspace-store';

export function RelationshipsSection({ details }: { details: NodeDetails }) {
  const drawAround = useWorkspace((s) => s.drawAround);
  if (!details.groups.length) return null;
  return (
    <section className="relationships" aria-label="Relationships" data-testid="relationships">
      <h3>Relationships</h3>
      <ul>
        {details.groups.map((g) => (
          <li key={g.key}>
            <span>{g.title}</span> <span className="muted">{g.neighbours.toLocaleString('en')}</span>{' '}
            {g.count > g.neighbours && <span className="muted small">({g.count.toLocaleString('en')} edges) </span>}
            <button
              type="button"
              className="link small"
              data-testid={`draw-${g.key}`}
              title={g.ids.length < g.neighbours ? `Draws the first ${g.ids.length} of them` : undefined}
              onClick={() => drawAround(details.node.id, g.ids)}
            >
              draw
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
