/**
 * How many edges a scene may draw. The page draws on a 2D canvas, often software-rendered: past a
 * few hundred edges one frame takes longer than 100 ms and the picture stops reading anyway. What
 * is left out is counted in the scene's caption, never dropped silently; the details panel lists
 * every edge of a node.
 */
import type { SceneEdge } from '../types';

export const EDGE_BUDGET = 220;

/** Escalation edges first, then folded edges (they stand for many), then the rest in order. */
export function withinBudget(edges: readonly SceneEdge[], budget = EDGE_BUDGET): { kept: SceneEdge[]; left: number } {
  if (edges.length <= budget) return { kept: [...edges], left: 0 };
  const rank = (e: SceneEdge) => (e.kind === 'escalatesTo' ? 0 : e.count !== undefined ? 1 : 2);
  const kept = edges
    .map((e, i) => [rank(e), i, e] as const)
    .sort((a, b) => a[0] - b[0] || a[1] - b[1])
    .slice(0, budget)
    .map(([, , e]) => e);
  return { kept, left: edges.length - budget };
}

export const leftOut = (left: number): string => (left ? `; ${left.toLocaleString('en')} more edges not drawn (a node's details list them all)` : '');
