/**
 * The only Cytoscape code in the app. It renders the snapshot, reports taps to the store and
 * mirrors the store's selection; it holds no result of its own.
 */
import { useEffect, useRef, useState } from 'react';
import cytoscape, { type Core } from 'cytoscape';
import { useWorkspace } from '../../state/workspace-store';
import { graphStylesheet } from './style';
import { blastElements, neighbours, pathElements, toElements } from './elements';
import { skipToken, useQuery } from '@tanstack/react-query';
import { blastQuery, pathsQuery } from '../../queries/blast';
import { registerGraphTestApi } from '../test-api';
import { GraphControls, Legend } from './GraphControls';
import { NodeMenu } from './NodeMenu';
import { RENDER_OPTIONS } from '../url-state';

/**
 * Force-directed layout only where it stays fast: cose grows ~n² per iteration and runs on the
 * main thread (measured: 280 nodes took 1 s here). Larger graphs get a concentric layout.
 */
const FORCE_LAYOUT_MAX_NODES = 150;

export default function GraphView() {
  const container = useRef<HTMLDivElement>(null);
  const cyRef = useRef<Core | null>(null);
  const snapshot = useWorkspace((s) => s.snapshot);
  const showPolicies = useWorkspace((s) => s.showPolicies);
  const selectedId = useWorkspace((s) => s.selectedId);
  const blastMode = useWorkspace((s) => s.blastMode);
  const blast = useQuery(blastMode && snapshot && selectedId ? blastQuery(snapshot, selectedId) : { queryKey: ['analysis', 'blast', 'none'], queryFn: skipToken }).data?.blast;
  const showBlast = blastMode && !!blast && blast.source === selectedId;
  const pathFrom = useWorkspace((s) => s.pathFrom);
  const pathTo = useWorkspace((s) => s.pathTo);
  const paths = useQuery(pathFrom && pathTo && snapshot ? pathsQuery(snapshot, pathFrom, pathTo) : { queryKey: ['analysis', 'paths', 'none'], queryFn: skipToken }).data;
  const showPaths = !!paths && paths.length > 0;
  const hidden = useWorkspace((s) => s.hidden);
  const focus = useWorkspace((s) => s.focus);
  const [menu, setMenu] = useState<{ id: string; x: number; y: number } | null>(null);
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(new Set());
  const [drawn, setDrawn] = useState<{ drawn: number; total: number } | null>(null);

  useEffect(() => {
    // WebGL is opt-in (`?renderer=webgl`): with software GL, as on machines without a GPU, it is
    // slower than the canvas renderer (setup-notes); `npm run bench` measures both.
    const webgl = RENDER_OPTIONS.webgl;
    const cy = cytoscape({
      container: container.current,
      ...(webgl ? ({ webgl: true } as object) : {}),
      style: graphStylesheet(),
      minZoom: 0.05,
      maxZoom: 4,
      hideEdgesOnViewport: true,
      textureOnViewport: true,
    });
    cy.on('tap', 'node', (ev) => {
      const group = ev.target.data('group') ? (ev.target.data('groupKey') as string) : undefined;
      if (group) setExpanded((s) => new Set([...s, group]));
      else useWorkspace.getState().select(ev.target.id());
    });
    cy.on('cxttap', 'node', (ev) => {
      if (ev.target.data('group')) return;
      const p = ev.renderedPosition ?? ev.target.renderedPosition();
      setMenu({ id: ev.target.id(), x: p.x, y: p.y });
    });
    cy.on('tap viewport', () => setMenu(null));
    // Hovering a node lights up its neighbours.
    cy.on('mouseover', 'node', (ev) => ev.target.closedNeighborhood().addClass('hover'));
    cy.on('mouseout', 'node', () => cy.elements('.hover').removeClass('hover'));
    cy.on('tap', (ev) => {
      if (ev.target === cy) useWorkspace.getState().select(null);
    });
    cyRef.current = cy;
    const unregister = registerGraphTestApi(cy, webgl);
    return () => {
      unregister();
      cy.destroy();
      cyRef.current = null;
    };
  }, []);

  useEffect(() => {
    const cy = cyRef.current;
    if (!cy || !snapshot) return;
    const { elements, drawn: shown, total } = showPaths ? pathElements(snapshot, paths) : showBlast && blast ? blastElements(snapshot, blast, expanded) : toElements(snapshot, showPolicies, RENDER_OPTIONS.drawLimit, hidden, focus);
    setDrawn({ drawn: shown, total });
    cy.batch(() => {
      cy.elements().remove();
      cy.add(elements);
    });
    const nodes = cy.nodes().length;
    const maxRing = Math.max(1, ...cy.nodes().map((n) => Number(n.data('ring') ?? 0)));
    const layout = showPaths
      ? cy.layout({ name: 'breadthfirst', directed: true, roots: [`#${CSS.escape(pathFrom!)}`], spacingFactor: 1.2, animate: false })
      : showBlast
      ? cy.layout({ name: 'concentric', animate: false, concentric: (n) => maxRing - Number(n.data('ring') ?? 0), levelWidth: () => 1, minNodeSpacing: 24 })
      : nodes <= FORCE_LAYOUT_MAX_NODES
        ? cy.layout({ name: 'cose', animate: false, randomize: false, nodeDimensionsIncludeLabels: false, numIter: 400, idealEdgeLength: () => 60, nodeRepulsion: () => 9000 })
        : cy.layout({ name: 'concentric', animate: false, concentric: (n) => (n.data('kind') === 'user' || n.data('kind') === 'role' ? 3 : n.degree(false) > 3 ? 2 : 1), levelWidth: () => 1 });
    cy.scratch('blastmap-busy', true);
    layout.one('layoutstop', () => {
      cy.fit(undefined, 30);
      // A handful of nodes would otherwise be blown up to the maximum zoom.
      if (cy.zoom() > 1.5) {
        cy.zoom(1.5);
        cy.center();
      }
      cy.scratch('blastmap-busy', false);
    });
    layout.run();
  }, [snapshot, showPolicies, showBlast, blast, showPaths, paths, pathFrom, expanded, hidden, focus]);

  useEffect(() => {
    const cy = cyRef.current;
    if (!cy) return;
    cy.batch(() => {
      cy.elements().removeClass('faded focus').unselect();
      if (!selectedId) return;
      const node = cy.getElementById(selectedId);
      if (node.empty()) return;
      node.select();
      const hood = node.closedNeighborhood();
      cy.elements().not(hood).addClass('faded');
      hood.edges().addClass('focus');
    });
  }, [selectedId, snapshot, showPolicies]);

  return (
    <>
      <div ref={container} className="graph-canvas" data-testid="graph-canvas" aria-label="Identity graph" />
      <GraphControls cy={cyRef} />
      {menu && snapshot && <NodeMenu {...menu} neighbours={() => neighbours(snapshot, menu.id)} onClose={() => setMenu(null)} />}
      {focus && !showBlast && !showPaths && (
        <button type="button" className="unhide" style={{ top: 66 }} onClick={() => useWorkspace.getState().clearFocus()}>
          Show whole graph
        </button>
      )}
      {hidden.size > 0 && (
        <button type="button" className="unhide" onClick={() => useWorkspace.getState().unhideAll()}>
          Show {hidden.size} hidden
        </button>
      )}
      <Legend />
      {showPaths && (
        <p className="graph-notice" data-testid="graph-notice">
          {paths.length} shortest path(s), layered from the source; dashed steps are conditional
        </p>
      )}
      {!showPaths && showBlast && blast && (
        <p className="graph-notice" data-testid="graph-notice">
          Blast radius of {snapshot?.nodes.find((n) => n.id === blast.source)?.name}: rings by hop, resources outside
        </p>
      )}
      {!showPaths && !showBlast && drawn && drawn.drawn < drawn.total && (
        <p className="graph-notice" data-testid="graph-notice">
          Drawing {drawn.drawn.toLocaleString('en')} of {drawn.total.toLocaleString('en')} nodes (identities first); every node is imported and
          listed in the counts.
        </p>
      )}
    </>
  );
}
