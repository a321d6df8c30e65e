/** Fit and zoom buttons, and a legend of the node categories, the breached mark and the edge styles. */
import type { RefObject } from 'react';
import type { Core } from 'cytoscape';
import { BREACHED_COLOR, CATEGORY_COLORS } from './style';
import { useWorkspace } from '../../state/workspace-store';

export function GraphControls({ cy }: { cy: RefObject<Core | null> }) {
  const zoom = (factor: number) => {
    const c = cy.current;
    if (!c) return;
    c.zoom({ level: c.zoom() * factor, renderedPosition: { x: c.width() / 2, y: c.height() / 2 } });
  };
  return (
    <div className="graph-controls" role="group" aria-label="Graph controls">
      <button type="button" onClick={() => cy.current?.fit(undefined, 30)}>
        Fit
      </button>
      <button type="button" aria-label="Zoom in" onClick={() => zoom(1.25)}>
        +
      </button>
      <button type="button" aria-label="Zoom out" onClick={() => zoom(0.8)}>
        −
      </button>
    </div>
  );
}

export function Legend() {
  const comparing = useWorkspace((s) => !!s.view?.comparison);
  return (
    <ul className="legend" aria-label="Legend">
      {Object.entries(CATEGORY_COLORS).map(([category, color]) => (
        <li key={category}>
          <span className="swatch" style={{ background: color }} /> {category}
        </li>
      ))}
      <li>
        <span className="ring" style={{ borderColor: BREACHED_COLOR }} /> breached
      </li>
      <li title="A halo in the colour of the node's worst risk finding (high or critical: red; medium: amber)">
        <span className="swatch halo" /> risk finding
      </li>
      {comparing && (
        <li title="Outlines: what changed since the compared snapshot">
          since the snapshot: <span className="ring" style={{ borderColor: '#ef4444' }} /> new path to admin <span className="ring" style={{ borderColor: '#22c55e' }} /> added <span className="ring" style={{ borderColor: '#f59e0b' }} /> changed
        </li>
      )}
      <li>
        <span className="line dashed" /> conditional
      </li>
      <li>
        <span className="line red" /> escalation
      </li>
    </ul>
  );
}
