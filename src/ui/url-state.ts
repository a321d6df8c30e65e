/**
 * Every view is reachable by URL: workspace, selected node and view live in the query string,
 * kept in step with the store (replaceState: no history entry per click).
 */
import { useEffect } from 'react';
import { useWorkspace } from '../state/workspace-store';

export interface UrlState {
  ws?: string;
  node?: string;
  view?: string;
  start?: string;
  from?: string;
  to?: string;
}

/** Benchmark switches read once at start (the URL is rewritten afterwards): `renderer=webgl|canvas`. */
const initial = new URLSearchParams(window.location.search);

/**
 * Cytoscape's WebGL renderer wins on a real GPU but is 4-5x slower than canvas on software GL
 * (SwiftShader, llvmpipe: measured 13 vs 58 fps panning 5,000 elements). Default: WebGL only when
 * the browser reports a hardware renderer; `?renderer=webgl|canvas` overrides.
 */
function hardwareGl(): boolean {
  try {
    const gl = document.createElement('canvas').getContext('webgl');
    if (!gl) return false;
    const info = gl.getExtension('WEBGL_debug_renderer_info');
    const renderer = info ? String(gl.getParameter(info.UNMASKED_RENDERER_WEBGL)) : '';
    return renderer !== '' && !/swiftshader|llvmpipe|software|softpipe/i.test(renderer);
  } catch {
    return false;
  }
}

const rendererParam = initial.get('renderer');
export const RENDER_OPTIONS = {
  webgl: rendererParam === 'webgl' || (rendererParam !== 'canvas' && hardwareGl()),
};

export function readUrlState(): UrlState {
  const p = new URLSearchParams(window.location.search);
  const get = (k: string) => p.get(k) ?? undefined;
  return { ws: get('ws'), node: get('node'), view: get('view'), start: get('start'), from: get('from'), to: get('to') };
}

export function useUrlSync(): void {
  const ws = useWorkspace((s) => s.workspaceId);
  const node = useWorkspace((s) => s.selectedId);
  const blast = useWorkspace((s) => s.blastMode);
  const started = useWorkspace((s) => s.started);
  const from = useWorkspace((s) => s.pathFrom);
  const to = useWorkspace((s) => s.pathTo);
  useEffect(() => {
    if (!started) return;
    const p = new URLSearchParams();
    if (ws) p.set('ws', ws);
    if (node) p.set('node', node);
    if (blast) p.set('view', 'blast');
    if (from && to) {
      p.set('view', 'path');
      p.set('from', from);
      p.set('to', to);
    }
    const next = `${window.location.pathname}${p.size ? `?${p}` : ''}`;
    if (next !== `${window.location.pathname}${window.location.search}`) window.history.replaceState(null, '', next);
  }, [ws, node, blast, started, from, to]);
}
