/** Right-click menu on a node: blast radius or path to admin from here, details, expand neighbours, hide. */
import { useWorkspace } from '../../state/workspace-store';

export function NodeMenu({ id, x, y, neighbours, onClose }: { id: string; x: number; y: number; neighbours: () => Promise<string[]>; onClose: () => void }) {
  const act = (f: () => void) => () => {
    f();
    onClose();
  };
  const ws = useWorkspace.getState();
  return (
    <ul className="node-menu" role="menu" aria-label="Node actions" style={{ left: x, top: y }}>
      <li role="menuitem">
        <button type="button" onClick={act(() => ws.openBlast(id))}>Blast radius from here</button>
      </li>
      <li role="menuitem">
        <button type="button" onClick={act(() => ws.showPath(id, 'admin'))}>Path to admin from here</button>
      </li>
      <li role="menuitem">
        <button type="button" onClick={act(() => ws.select(id))}>Details and who can reach it</button>
      </li>
      <li role="menuitem">
        <button type="button" onClick={act(() => void neighbours().then((ids) => ws.expandNeighbours(ids)))}>Expand neighbours</button>
      </li>
      <li role="menuitem">
        <button type="button" onClick={act(() => ws.hide(id))}>Hide</button>
      </li>
    </ul>
  );
}
