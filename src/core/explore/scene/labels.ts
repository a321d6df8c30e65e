/**
 * Collision-aware label placement, decided in the worker once per scene: for every node, the
 * smallest zoom at which its label shows without covering the label of a node that matters more.
 * The page only compares these thresholds with its zoom (labels keep one screen size at every
 * zoom, so zooming in spreads them apart and lets more of them show).
 *
 * Label boxes are in screen pixels, node positions in scene units (1 unit = 1 px at zoom 1), so
 * two labels i and j overlap at zoom z exactly when both
 *   |xi - xj| * z < (wi + wj) / 2   and   |yi - yj| * z < LABEL_HEIGHT,
 * that is when z < min((wi + wj) / (2 |dx|), LABEL_HEIGHT / |dy|). Labels are taken in priority
 * order (the source, breached marks, admins, crown jewels, paths to admin, groups, then the
 * rest); a label shows from the zoom where every label before it that would cover it has shown
 * and no longer does.
 * Quadratic in the nodes of one scene, which scenes cap at a few hundred.
 */
import type { SceneNode } from '../types';

/** Screen pixels of one line of label text (12 px font) and of one character, on average. */
export const LABEL_HEIGHT = 16;
const CHAR_WIDTH = 6.6;
/** Labels are cut (with an ellipsis) at this width. */
export const LABEL_MAX_WIDTH = 170;

const MARK_RANK: Record<NonNullable<SceneNode['mark']>, number> = { source: 0, breached: 1, admin: 2, jewel: 3, 'conditional-admin': 4, escalates: 5 };

/** Groups of at least this many members are labelled before paths to admin. */
const BIG_GROUP = 1000;

/** Lower ranks keep their labels first. */
function rank(n: SceneNode): number {
  if (n.mark) return MARK_RANK[n.mark];
  // The largest groups orient the reader ("6,000 roles · aws ..."): right after the crown jewels.
  if (n.group && n.group.count >= BIG_GROUP) return MARK_RANK.jewel + 0.5;
  if (n.group) return 6;
  return n.placeholder ? 8 : 7;
}

export function labelWidth(label: string): number {
  return Math.min(LABEL_MAX_WIDTH, label.length * CHAR_WIDTH + 8);
}

/** Sets `labelZoom` on every node of the scene (0: shown at every zoom). */
export function placeLabels(nodes: SceneNode[]): void {
  const order = nodes.map((_, i) => i).sort((a, b) => rank(nodes[a]!) - rank(nodes[b]!) || a - b);
  const widths = nodes.map((n) => labelWidth(n.label));
  const shown: number[] = [];
  for (const i of order) {
    const a = nodes[i]!;
    let threshold = 0;
    for (const j of shown) {
      const b = nodes[j]!;
      const dx = Math.abs(a.x - b.x);
      const dy = Math.abs(a.y - b.y);
      const overlapUntil = Math.min(dx === 0 ? Infinity : (widths[i]! + widths[j]!) / (2 * dx), dy === 0 ? Infinity : LABEL_HEIGHT / dy);
      // j covers i below `overlapUntil`, once j itself shows (from its own threshold on).
      if (overlapUntil > b.labelZoom! && overlapUntil > threshold) threshold = overlapUntil;
    }
    // Two labels at the very same place never separate: the later one shows only when selected.
    a.labelZoom = Number.isFinite(threshold) ? Math.ceil(threshold * 1000) / 1000 : 1e9;
    shown.push(i);
  }
}
