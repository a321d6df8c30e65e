/**
 * A small read-only API on `window.__blastmap` for end-to-end tests: where a node is drawn, so a
 * test can click it like an analyst would. Returns plain values only (serialising Cytoscape
 * collections from page.evaluate takes seconds).
 */
import type { Core } from 'cytoscape';

export interface BlastmapTestApi {
  /** True once the current layout has finished and the view is fitted. */
  idle(): boolean;
  nodeCount(): number;
  edgeCount(): number;
  /** Page coordinates of a node's centre, or null when it is not drawn. */
  nodePagePosition(id: string): { x: number; y: number } | null;
  /** Ids of drawn nodes of one kind. */
  nodeIds(kind?: string): string[];
  /** Ids of drawn nodes marked as changed since a compared snapshot (`added`, `opened`...). */
  diffNodeIds(mark: string): string[];
  /** Ids of drawn edges of one kind. */
  edgeIds(kind?: string): string[];
  /** Page coordinates of an edge's midpoint, or null when it is not drawn. */
  edgePagePosition(id: string): { x: number; y: number } | null;
  /** Labels of drawn nodes, for tests that look for readable names. */
  nodeLabels(): string[];
  /** Elements handed to Cytoscape. */
  elementCount(): number;
  /** Pan continuously for `ms` and report the frames the page painted meanwhile (benchmarks). */
  panFps(ms: number): Promise<number>;
  renderer(): 'canvas' | 'webgl';
}

declare global {
  interface Window {
    __blastmap?: BlastmapTestApi;
  }
}

export function registerGraphTestApi(cy: Core, webgl = false): () => void {
  window.__blastmap = {
    idle: () => cy.scratch('blastmap-busy') === false,
    nodeCount: () => cy.nodes().length,
    edgeCount: () => cy.edges().length,
    nodePagePosition(id) {
      const n = cy.getElementById(id);
      if (n.empty()) return null;
      const box = cy.container()!.getBoundingClientRect();
      const p = n.renderedPosition();
      return { x: box.left + p.x, y: box.top + p.y };
    },
    elementCount: () => cy.elements().length,
    renderer: () => (webgl ? 'webgl' : 'canvas'),
    panFps: (ms) =>
      new Promise((resolve) => {
        let frames = 0;
        const start = performance.now();
        const step = (t: number) => {
          frames++;
          cy.panBy({ x: Math.sin(t / 200) * 12, y: Math.cos(t / 260) * 9 });
          if (t - start < ms) requestAnimationFrame(step);
          else resolve((frames * 1000) / (t - start));
        };
        requestAnimationFrame(step);
      }),
    edgeIds: (kind) => cy.edges(kind ? `[kind = "${kind.replace(/"/g, '')}"]` : undefined).map((e) => e.id()),
    edgePagePosition(id) {
      const e = cy.getElementById(id);
      if (e.empty() || !e.isEdge()) return null;
      const box = cy.container()!.getBoundingClientRect();
      const p = e.renderedMidpoint();
      return { x: box.left + p.x, y: box.top + p.y };
    },
    nodeLabels: () => cy.nodes().map((n) => String(n.data('label') ?? '')),
    nodeIds: (kind) => cy.nodes(kind ? `[kind = "${kind.replace(/"/g, '')}"]` : undefined).map((n) => n.id()),
    diffNodeIds: (mark) => cy.nodes(`[diff = "${mark.replace(/"/g, '')}"]`).map((n) => n.id()),
  };
  return () => {
    delete window.__blastmap;
  };
}
