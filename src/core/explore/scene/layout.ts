/**
 * Positions for the scenes, computed where the graph lives (the worker) so the page only places
 * what it receives. Every layout is deterministic: the same data gives the same picture after a
 * reload (nodes start from positions derived from their order, which is sorted by id).
 */
import Graph from 'graphology';
import forceAtlas2 from 'graphology-layout-forceatlas2';

export interface Point {
  x: number;
  y: number;
}

/** Room per node, in the page's pixels at zoom 1: a label of ~16 characters fits beside its neighbours. */
const SPACING = 90;

/**
 * Force-directed (ForceAtlas2, Barnes-Hut above a few hundred nodes): connected nodes pull
 * together, all nodes push apart; `weight` makes a node (a group standing for many) push harder.
 */
export function forceLayout(ids: readonly string[], links: readonly [string, string][], weight: (id: string) => number = () => 1, room: (id: string) => number = () => 30): Map<string, Point> {
  const g = new Graph({ multi: false, type: 'undirected', allowSelfLoops: false });
  const n = ids.length;
  // Start on a sunflower spiral: spread out, deterministic, no two nodes on one spot.
  const golden = Math.PI * (3 - Math.sqrt(5));
  ids.forEach((id, i) => {
    const r = Math.sqrt(i + 0.5);
    g.addNode(id, { x: r * Math.cos(i * golden), y: r * Math.sin(i * golden), size: weight(id) });
  });
  for (const [a, b] of links) if (a !== b && g.hasNode(a) && g.hasNode(b) && !g.hasEdge(a, b)) g.addEdge(a, b);
  if (n > 1 && g.size > 0) {
    // Strong gravity keeps unconnected nodes and small components near the middle instead of
    // flung to the edges (which would shrink everything else when the view is fitted).
    // Strong gravity keeps unconnected nodes and small components near the middle instead of flung
    // to the edges (which would shrink everything else when the view is fitted); chosen by
    // comparing pictures of the demo and the real IAM Vulnerable export.
    const settings = { ...forceAtlas2.inferSettings(g), barnesHutOptimize: n > 300, adjustSizes: false, strongGravityMode: true, gravity: 1, scalingRatio: 20 };
    forceAtlas2.assign(g, { iterations: n > 1000 ? 80 : n > 300 ? 150 : 300, settings });
  }
  const out = new Map<string, Point>();
  g.forEachNode((id, a) => out.set(id, { x: a.x as number, y: a.y as number }));
  return separate(fitToSpacing(out, links), room);
}

/**
 * Push apart nodes closer than their room (a group is drawn bigger than a node), a few sweeps
 * over a grid of cells so the cost stays near linear. Deterministic: fixed order, no randomness.
 */
function separate(points: Map<string, Point>, room: (id: string) => number): Map<string, Point> {
  const ids = [...points.keys()];
  const cell = Math.max(...ids.map(room), 1);
  for (let sweep = 0; sweep < 8; sweep++) {
    const grid = new Map<string, string[]>();
    const cellOf = (p: Point) => `${Math.floor(p.x / cell)},${Math.floor(p.y / cell)}`;
    for (const id of ids) {
      const k = cellOf(points.get(id)!);
      const list = grid.get(k);
      if (list) list.push(id);
      else grid.set(k, [id]);
    }
    let moved = false;
    for (const id of ids) {
      const p = points.get(id)!;
      const cx = Math.floor(p.x / cell);
      const cy = Math.floor(p.y / cell);
      for (let dx = -1; dx <= 1; dx++) {
        for (let dy = -1; dy <= 1; dy++) {
          for (const other of grid.get(`${cx + dx},${cy + dy}`) ?? []) {
            if (other <= id) continue;
            const q = points.get(other)!;
            const need = (room(id) + room(other)) / 2;
            let ddx = q.x - p.x;
            let ddy = q.y - p.y;
            let d = Math.hypot(ddx, ddy);
            if (d >= need) continue;
            if (d === 0) [ddx, ddy, d] = [1, 0, 1];
            const push = (need - d) / 2;
            p.x -= (ddx / d) * push;
            p.y -= (ddy / d) * push;
            q.x += (ddx / d) * push;
            q.y += (ddy / d) * push;
            moved = true;
          }
        }
      }
    }
    if (!moved) break;
  }
  for (const p of points.values()) {
    p.x = Math.round(p.x);
    p.y = Math.round(p.y);
  }
  return points;
}

/**
 * Scale a layout so a typical edge is SPACING long (or, without edges, the typical room per
 * node): layouts come in arbitrary units, and the page's labels need room.
 */
function fitToSpacing(points: Map<string, Point>, links: readonly [string, string][]): Map<string, Point> {
  const list = [...points.values()];
  if (list.length < 2) return points;
  const xs = list.map((p) => p.x);
  const ys = list.map((p) => p.y);
  const w = Math.max(...xs) - Math.min(...xs);
  const h = Math.max(...ys) - Math.min(...ys);
  const lengths = links
    .map(([a, b]) => [points.get(a), points.get(b)])
    .filter((pair): pair is [Point, Point] => !!pair[0] && !!pair[1] && pair[0] !== pair[1])
    .map(([a, b]) => Math.hypot(a.x - b.x, a.y - b.y))
    .filter((d) => d > 0)
    .sort((a, b) => a - b);
  const unit = lengths.length ? lengths[lengths.length >> 1]! : Math.sqrt(Math.max(w * h, 1e-9) / list.length) || 1;
  const k = SPACING / unit;
  const cx = Math.min(...xs) + w / 2;
  const cy = Math.min(...ys) + h / 2;
  for (const p of list) {
    p.x = Math.round((p.x - cx) * k);
    p.y = Math.round((p.y - cy) * k);
  }
  return points;
}

/** Concentric rings by hop: ring 0 at the centre, each ring far enough out to hold its nodes. */
export function ringLayout(rings: readonly (readonly string[])[]): Map<string, Point> {
  const out = new Map<string, Point>();
  let radius = 0;
  rings.forEach((ids, ring) => {
    if (ring === 0) {
      ids.forEach((id, i) => out.set(id, { x: i * SPACING, y: 0 }));
      return;
    }
    radius = Math.max(radius + SPACING * 1.4, (ids.length * SPACING * 0.75) / (2 * Math.PI));
    ids.forEach((id, i) => {
      const t = (2 * Math.PI * i) / Math.max(1, ids.length) - Math.PI / 2 + ring * 0.3;
      out.set(id, { x: Math.round(radius * Math.cos(t)), y: Math.round(radius * Math.sin(t)) });
    });
  });
  return out;
}

/** Left to right layers (a path view): each layer a column, centred vertically. */
export function layeredLayout(layers: readonly (readonly string[])[]): Map<string, Point> {
  const out = new Map<string, Point>();
  layers.forEach((ids, x) => {
    ids.forEach((id, i) => out.set(id, { x: x * SPACING * 2.2, y: Math.round((i - (ids.length - 1) / 2) * SPACING * 0.8) }));
  });
  return out;
}
