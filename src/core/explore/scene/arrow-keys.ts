/**
 * Keyboard movement over a drawn scene: from one node, the node an arrow key leads to. The
 * candidates lie within 45 degrees of the arrow's direction; the nearest wins, distance across the
 * direction counting double (so Right goes to the node beside, not to one far down and a little
 * right). Linear in the scene's nodes.
 */
import type { SceneNode } from '../types';

export type ArrowKey = 'ArrowLeft' | 'ArrowRight' | 'ArrowUp' | 'ArrowDown';

const DIRECTIONS: Record<ArrowKey, [number, number]> = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, -1], ArrowDown: [0, 1] };

/** Where the keyboard starts when nothing is focused: the first marked node (source, admin...), else the one nearest the centre. */
export function startNode(nodes: readonly Pick<SceneNode, 'id' | 'x' | 'y' | 'mark'>[]): string | undefined {
  const marked = nodes.find((n) => n.mark === 'source') ?? nodes.find((n) => n.mark);
  if (marked) return marked.id;
  if (!nodes.length) return undefined;
  const cx = nodes.reduce((s, n) => s + n.x, 0) / nodes.length;
  const cy = nodes.reduce((s, n) => s + n.y, 0) / nodes.length;
  let best = nodes[0]!;
  for (const n of nodes) if (Math.hypot(n.x - cx, n.y - cy) < Math.hypot(best.x - cx, best.y - cy)) best = n;
  return best.id;
}

/** The node the arrow leads to from `from`, or undefined when nothing lies that way. */
export function nextInDirection(nodes: readonly Pick<SceneNode, 'id' | 'x' | 'y'>[], from: string, key: ArrowKey): string | undefined {
  const here = nodes.find((n) => n.id === from);
  if (!here) return undefined;
  const [ux, uy] = DIRECTIONS[key];
  let best: string | undefined;
  let bestScore = Infinity;
  for (const n of nodes) {
    if (n.id === from) continue;
    const dx = n.x - here.x;
    const dy = n.y - here.y;
    const along = dx * ux + dy * uy;
    const across = Math.abs(dx * uy - dy * ux);
    if (along <= 0 || across > along) continue;
    const score = along + 2 * across;
    if (score < bestScore) {
      bestScore = score;
      best = n.id;
    }
  }
  return best;
}
