/**
 * Node labels as one HTML layer over the canvas instead of Cytoscape text: the canvas renderer
 * spent a third of each first frame measuring and drawing text, and its labels shrink with the
 * zoom. Here every label keeps one readable screen size at every zoom, and shows from the zoom
 * the worker computed for it (scene/labels.ts: no label covers one that matters more). The
 * layer follows the viewport with one CSS transform; labels never take the pointer.
 */
import { forwardRef, memo, useImperativeHandle, useLayoutEffect, useRef } from 'react';
import type { SceneNode } from '../../core';
import { nodeHalfHeight } from './style';

export interface LabelLayerHandle {
  /** Follow Cytoscape's viewport: pan and zoom of the scene. */
  viewport(pan: { x: number; y: number }, zoom: number): void;
  /** Show the label of the selected node whatever the zoom. */
  select(id: string | null): void;
}

interface Props {
  nodes: readonly SceneNode[];
}

export const LabelLayer = memo(
  forwardRef<LabelLayerHandle, Props>(function LabelLayer({ nodes }, ref) {
    const inner = useRef<HTMLDivElement>(null);
    const state = useRef({ zoom: -1, selected: null as string | null });

    /** Hide the labels whose threshold is above the zoom; only the ones that change are touched. */
    const refresh = () => {
      const el = inner.current;
      if (!el) return;
      const { zoom, selected } = state.current;
      for (const child of el.children as HTMLCollectionOf<HTMLElement>) {
        const hide = Number(child.dataset.zoom) > zoom && child.dataset.id !== selected;
        if (child.hidden !== hide) child.hidden = hide;
      }
    };

    // A new scene's labels start hidden: show the ones its zoom allows.
    useLayoutEffect(refresh, [nodes]);

    useImperativeHandle(ref, () => ({
      viewport(pan, zoom) {
        const el = inner.current;
        if (!el) return;
        el.style.transform = `translate(${pan.x}px, ${pan.y}px) scale(${zoom})`;
        if (zoom !== state.current.zoom) {
          state.current.zoom = zoom;
          el.style.setProperty('--inv', String(1 / zoom));
          refresh();
        }
      },
      select(id) {
        state.current.selected = id;
        refresh();
      },
    }));

    return (
      <div className="graph-labels" aria-hidden="true">
        <div ref={inner} className="graph-labels-inner">
          {nodes.map((n) => (
            <span
              key={n.id}
              data-id={n.id}
              data-zoom={n.labelZoom ?? 0}
              hidden
              className={n.mark ? `graph-label mark-${n.mark}` : n.group ? 'graph-label group' : 'graph-label'}
              style={{ left: n.x, top: n.y + nodeHalfHeight(n) }}
            >
              {n.label}
            </span>
          ))}
        </div>
      </div>
    );
  }),
);
