/**
 * The only Cytoscape code in the app. It draws the scene the worker computed (nodes with their
 * positions: no layout runs on this thread), reports taps to the store and mirrors the store's
 * selection; it holds no result of its own.
 */
import { useEffect, useRef, useState } from 'react';
import cytoscape, { type Core, type ElementDefinition } from 'cytoscape';
import { keepPreviousData, skipToken, useQuery } from '@tanstack/react-query';
import { EDGE_KINDS, kindInfo, nextInDirection, startNode, type Scene, type SceneNode } from '../../core';
import { useWorkspace } from '../../state/workspace-store';
import { edgeColor, graphStylesheet, nodeLook } from './style';
import { badgesQuery, blastSceneQuery, neighbours, overviewQuery, pathSceneQuery } from '../../queries/explore';
import { registerGraphTestApi } from '../test-api';
import { registerGraphImage } from './graph-image';
import { GraphControls, Legend } from './GraphControls';
import { NodeMenu } from './NodeMenu';
import { LabelLayer, type LabelLayerHandle } from './LabelLayer';

const NO_NODES: SceneNode[] = [];
import { RENDER_OPTIONS } from '../url-state';
import { afterNextFrameWhenIdle } from './after-idle';

/** The scene the store's mode asks for: a path view, a blast view, or the overview. */
function useScene(): { scene: Scene | undefined; mode: 'path' | 'blast' | 'overview'; pending: boolean } {
  const view = useWorkspace((s) => s.view);
  const selectedId = useWorkspace((s) => s.selectedId);
  const blastMode = useWorkspace((s) => s.blastMode);
  const pathFrom = useWorkspace((s) => s.pathFrom);
  const pathTo = useWorkspace((s) => s.pathTo);
  const showPolicies = useWorkspace((s) => s.showPolicies);
  const hidden = useWorkspace((s) => s.hidden);
  const focus = useWorkspace((s) => s.focus);
  const expanded = useWorkspace((s) => s.expanded);
  const jewels = useWorkspace((s) => s.crownJewels);
  const breached = useWorkspace((s) => s.breached);
  const mode = pathFrom && pathTo ? 'path' : blastMode && selectedId ? 'blast' : 'overview';
  const open = [...expanded].sort();
  const options =
    mode === 'path'
      ? pathSceneQuery(view!, pathFrom!, pathTo!)
      : mode === 'blast'
        ? blastSceneQuery(view!, selectedId!, open)
        : overviewQuery(view!, { showPolicies, hidden: [...hidden].sort(), focus: focus ? [...focus].sort() : undefined, expanded: open, jewels: [...jewels].sort(), breached: [...breached].sort() });
  const q = useQuery({ ...options, queryFn: view ? options.queryFn : skipToken, placeholderData: keepPreviousData });
  return { scene: q.data, mode, pending: q.isFetching };
}

function nodeElements(scene: Scene): ElementDefinition[] {
  return scene.nodes.map((n) => ({
    group: 'nodes',
    data: { id: n.id, label: n.label, kind: n.kind, ...nodeLook(n.kind), placeholder: n.placeholder, mark: n.mark, diff: n.diff, ring: n.ring, group: n.group ? true : undefined, groupKey: n.group?.key, count: n.group?.count },
    position: { x: n.x, y: n.y },
  }));
}

/**
 * Edges of the scene. Only path views draw edge labels (their steps); elsewhere the technique is
 * in the tooltip and the edge panel. Edges sharing a pair of nodes curve apart; the rest are
 * straight (cheaper to draw).
 */
function edgeElements(scene: Scene, stepLabels: boolean): ElementDefinition[] {
  const pairs = new Map<string, number>();
  const pair = (a: string, b: string) => (a < b ? `${a}\u0000${b}` : `${b}\u0000${a}`);
  for (const e of scene.edges) pairs.set(pair(e.source, e.target), (pairs.get(pair(e.source, e.target)) ?? 0) + 1);
  return scene.edges.map((e) => ({
    group: 'edges',
    data: {
      id: e.id,
      source: e.source,
      target: e.target,
      kind: e.kind,
      color: edgeColor(e.kind),
      conditional: e.conditional,
      label: stepLabels && e.label ? e.label : undefined,
      tip: e.label || undefined,
      count: e.count,
      curved: pairs.get(pair(e.source, e.target))! > 1 || undefined,
    },
  }));
}

/**
 * Elements are added this many per frame: Cytoscape styles, measures and draws what is new in
 * the next frame, and on a machine without a GPU a few hundred at once take several hundred ms.
 */
const ELEMENTS_PER_FRAME = 20;

/**
 * Zoom and pan that fit the scene's positions (known before Cytoscape measures anything: its own
 * fit computes every label's bounding box in one long task).
 */
function fitTo(cy: Core, scene: Scene, rightInset: number): void {
  if (!scene.nodes.length) return;
  const xs = scene.nodes.map((n) => n.x);
  const ys = scene.nodes.map((n) => n.y);
  const pad = 60;
  const [x0, x1, y0, y1] = [Math.min(...xs) - pad, Math.max(...xs) + pad, Math.min(...ys) - pad, Math.max(...ys) + pad];
  const width = Math.max(200, cy.width() - rightInset);
  const zoom = Math.min(1.5, width / (x1 - x0), cy.height() / (y1 - y0));
  cy.viewport({ zoom, pan: { x: width / 2 - ((x0 + x1) / 2) * zoom, y: cy.height() / 2 - ((y0 + y1) / 2) * zoom } });
}

export default function GraphView() {
  const container = useRef<HTMLDivElement>(null);
  const cyRef = useRef<Core | null>(null);
  const labels = useRef<LabelLayerHandle>(null);
  const selectedId = useWorkspace((s) => s.selectedId);
  const hidden = useWorkspace((s) => s.hidden);
  const focus = useWorkspace((s) => s.focus);
  const { scene, mode, pending } = useScene();
  const [menu, setMenu] = useState<{ id: string; x: number; y: number } | null>(null);
  const [tip, setTip] = useState<{ x: number; y: number; text: string; detail: string } | null>(null);
  /** The scene whose elements are all on the canvas (edges arrive over a few frames). */
  const [drawn, setDrawn] = useState<Scene | undefined>(undefined);
  /** The node the arrow keys are on (a group can hold it too: Enter opens it). */
  const [cursor, setCursor] = useState<string | null>(null);

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
      if (group) useWorkspace.getState().expand(group);
      else useWorkspace.getState().select(ev.target.id());
    });
    cy.on('tap', 'edge', (ev) => {
      const e = ev.target;
      useWorkspace.getState().selectEdge({ id: e.id(), kind: e.data('kind'), source: e.source().id(), target: e.target().id(), sourceLabel: e.source().data('label'), targetLabel: e.target().data('label'), count: e.data('count') });
    });
    cy.on('cxttap', 'node', (ev) => {
      if (ev.target.data('group')) return;
      const p = ev.renderedPosition ?? ev.target.renderedPosition();
      setMenu({ id: ev.target.id(), x: p.x, y: p.y });
    });
    cy.on('tap viewport', () => setMenu(null));
    // The label layer follows every pan and zoom in the same frame.
    cy.on('viewport', () => labels.current?.viewport(cy.pan(), cy.zoom()));
    // Hovering a node lights up its neighbours and names it in a tooltip (labels may be hidden
    // when zoomed out).
    cy.on('mouseover', 'node', (ev) => {
      ev.target.closedNeighborhood().addClass('hover');
      const p = ev.target.renderedPosition();
      const group = ev.target.data('count') as number | undefined;
      setTip({ x: p.x, y: p.y, text: String(ev.target.data('label') ?? ''), detail: group ? 'click to open the group' : kindInfo(String(ev.target.data('kind'))).label });
    });
    cy.on('mouseover', 'edge', (ev) => {
      const e = ev.target;
      const p = e.renderedMidpoint();
      const kind = String(e.data('kind'));
      const count = e.data('count') as number | undefined;
      const what = EDGE_KINDS[kind]?.label ?? kind;
      setTip({ x: p.x, y: p.y, text: String(e.data('tip') ?? what), detail: `${e.data('tip') ? `${what} · ` : ''}${count ? `${count.toLocaleString('en')} edges · ` : ''}click for the evidence` });
    });
    cy.on('mouseout', 'node, edge', () => {
      cy.elements('.hover').removeClass('hover');
      setTip(null);
    });
    cy.on('viewport', () => setTip(null));
    cy.on('tap', (ev) => {
      if (ev.target === cy) useWorkspace.getState().select(null);
    });
    cyRef.current = cy;
    const unregister = registerGraphTestApi(cy, webgl);
    const unregisterImage = registerGraphImage(cy);
    return () => {
      unregister();
      unregisterImage();
      cy.destroy();
      cyRef.current = null;
    };
  }, []);

  useEffect(() => {
    const cy = cyRef.current;
    if (!cy || !scene) return;
    cy.scratch('blastmap-busy', true);
    cy.elements().remove();
    // The details panel floats over the right side while something is selected: fit beside it.
    const st = useWorkspace.getState();
    fitTo(cy, scene, st.selectedId || st.selectedEdge ? Math.min(400, cy.width() * 0.45) + 16 : 0);
    labels.current?.viewport(cy.pan(), cy.zoom());
    const elements = [...nodeElements(scene), ...edgeElements(scene, mode === 'path')];
    let next = 0;
    let cancelled = false;
    const step = () => {
      if (cancelled) return;
      cy.add(elements.slice(next, next + ELEMENTS_PER_FRAME));
      next += ELEMENTS_PER_FRAME;
      if (next < elements.length) requestAnimationFrame(step);
      else {
        setDrawn(scene);
        cy.scratch('blastmap-busy', false);
      }
    };
    requestAnimationFrame(step);
    return () => {
      cancelled = true;
    };
  }, [scene]); // eslint-disable-line react-hooks/exhaustive-deps -- the mode comes with its scene

  // Finding badges, once the scene is on the canvas and the page is idle: the first question for
  // them runs the risk assessment in the worker (seconds on a large estate, allocating as it goes),
  // and on two cores its work and its garbage collection would share the CPU with the canvas's
  // first frames. So the picture is drawn first, at full speed, and the badges follow.
  const [settled, setSettled] = useState<Scene | undefined>(undefined);
  useEffect(() => {
    if (!drawn) return;
    return afterNextFrameWhenIdle(() => setSettled(drawn));
  }, [drawn]);
  const view = useWorkspace((s) => s.view);
  const riskSettings = useWorkspace((s) => s.riskSettings);
  const drawnIds = settled === drawn ? drawn?.nodes.map((n) => n.id) : undefined;
  const badgeOptions = view && drawnIds ? badgesQuery(view, riskSettings, drawnIds) : undefined;
  const badges = useQuery({ ...(badgeOptions ?? { queryKey: ['badges-none'] }), queryFn: badgeOptions?.queryFn ?? skipToken });
  useEffect(() => {
    const cy = cyRef.current;
    if (!cy || !badges.data) return;
    const worst = badges.data;
    cy.batch(() => cy.nodes().forEach((n) => void n.data('finding', worst[n.id()])));
  }, [badges.data, drawn]);

  useEffect(() => {
    if (pending) cyRef.current?.scratch('blastmap-busy', true);
    else if (drawn === scene) cyRef.current?.scratch('blastmap-busy', false);
  }, [pending, scene, drawn]);

  useEffect(() => {
    const cy = cyRef.current;
    if (!cy) return;
    labels.current?.select(null);
    cy.batch(() => {
      cy.elements().removeClass('faded focus').unselect();
      // The blast and path views are about the selection already: nothing fades there.
      if (!selectedId || mode !== 'overview') return;
      const node = cy.getElementById(selectedId);
      if (node.empty()) return;
      node.select();
      labels.current?.select(selectedId);
      const hood = node.closedNeighborhood();
      cy.elements().not(hood).addClass('faded');
      hood.edges().addClass('focus');
    });
  }, [selectedId, drawn, mode]);

  // The keyboard cursor: outlined on the canvas, its label shown, announced to screen readers.
  useEffect(() => {
    const cy = cyRef.current;
    if (!cy) return;
    cy.nodes('.cursor').removeClass('cursor');
    if (cursor) cy.getElementById(cursor).addClass('cursor');
    labels.current?.select(cursor ?? selectedId);
  }, [cursor, drawn, selectedId]);

  /** Arrow keys move between the drawn nodes (selecting each), Enter opens a group or selects. */
  const onKey = (e: React.KeyboardEvent) => {
    const cy = cyRef.current;
    if (!cy || !scene?.nodes.length) return;
    const here = cursor && scene.nodes.some((n) => n.id === cursor) ? cursor : selectedId && scene.nodes.some((n) => n.id === selectedId) ? selectedId : null;
    if (e.key === 'Enter' && here) {
      const n = scene.nodes.find((x) => x.id === here)!;
      if (n.group) useWorkspace.getState().expand(n.group.key);
      else useWorkspace.getState().select(here);
      e.preventDefault();
      return;
    }
    if (e.key !== 'ArrowLeft' && e.key !== 'ArrowRight' && e.key !== 'ArrowUp' && e.key !== 'ArrowDown') return;
    e.preventDefault();
    const next = here ? nextInDirection(scene.nodes, here, e.key) : startNode(scene.nodes);
    if (!next) return;
    setCursor(next);
    const node = cy.getElementById(next);
    if (!node.data('group')) useWorkspace.getState().select(next);
    // Keep the cursor in view: pan (not zoom) when it leaves the visible area.
    const p = node.renderedPosition();
    if (p.x < 40 || p.y < 40 || p.x > cy.width() - 40 || p.y > cy.height() - 40) cy.center(node);
  };

  const cursorLabel = cursor ? scene?.nodes.find((n) => n.id === cursor)?.label : undefined;
  return (
    <>
      <div
        ref={container}
        className="graph-canvas"
        data-testid="graph-canvas"
        tabIndex={0}
        role="application"
        aria-roledescription="graph"
        aria-label="Identity graph: arrow keys move between nodes, Enter opens a group"
        onKeyDown={onKey}
      />
      <p className="visually-hidden" aria-live="polite" data-testid="graph-cursor">
        {cursorLabel ?? ''}
      </p>
      <LabelLayer ref={labels} nodes={scene?.nodes ?? NO_NODES} />
      <GraphControls cy={cyRef} />
      {tip && !menu && (
        <div className="graph-tooltip" role="tooltip" style={{ left: tip.x + 14, top: tip.y + 10 }}>
          <b>{tip.text}</b> <span className="muted small">{tip.detail}</span>
        </div>
      )}
      {menu && <NodeMenu {...menu} neighbours={() => neighbours(menu.id)} onClose={() => setMenu(null)} />}
      {focus && mode === 'overview' && (
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
      {scene && (
        <p className="graph-notice" data-testid="graph-notice">
          {scene.caption}
        </p>
      )}
    </>
  );
}
