/** Right-click menu on a node: blast radius or path to admin from here, details, mark as breached, expand neighbours, hide. */
import { useEffect, useRef } from 'react';
import { useWorkspace } from '../../state/workspace-store';
import { toggleBreached } from '../../queries/breached';

export function NodeMenu({ id, x, y, neighbours, onClose }: { id: string; x: number; y: number; neighbours: () => Promise<string[]>; onClose: () => void }) {
  const act = (f: () => void) => () => {
    f();
    onClose();
  };
  const ws = useWorkspace.getState();
  const breached = ws.breached.includes(id);
  const menu = useRef<HTMLUListElement>(null);
  // A menu takes focus on its first item; arrows move, Escape (or a click elsewhere) closes it.
  useEffect(() => {
    menu.current?.querySelector('button')?.focus();
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && onClose();
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);
  const move = (e: React.KeyboardEvent) => {
    if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return;
    e.preventDefault();
    const items = [...(menu.current?.querySelectorAll('button') ?? [])];
    const i = items.indexOf(document.activeElement as HTMLButtonElement);
    items[(i + (e.key === 'ArrowDown' ? 1 : items.length - 1)) % items.length]?.focus();
  };
  return (
    <ul ref={menu} className="node-menu" role="menu" aria-label="Node actions" style={{ left: x, top: y }} onKeyDown={move}>
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
        <button type="button" data-testid="toggle-breached-menu" onClick={act(() => void toggleBreached(id))}>
          {breached ? 'Unmark as breached' : 'Mark as breached'}
        </button>
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
