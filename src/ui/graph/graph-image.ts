/**
 * The graph view as an image (PNG, SVG) for the Export menu. Labels are an HTML layer over the
 * canvas (LabelLayer.tsx), so the export draws them in Cytoscape for the moment of the export:
 * the image names what it shows. cytoscape-svg writes the SVG; Cytoscape's own png() the PNG.
 */
import cytoscape, { type Core } from 'cytoscape';
import svg from 'cytoscape-svg';
import { graphStylesheet } from './style';

cytoscape.use(svg);

let current: Core | null = null;

/** GraphView registers its instance (and unregisters it when it goes). */
export function registerGraphImage(cy: Core): () => void {
  current = cy;
  return () => {
    if (current === cy) current = null;
  };
}

const BG = '#0f172a';

function withLabels<T>(cy: Core, draw: () => T): T {
  cy.style().selector('node').style({ label: 'data(label)', color: '#e2e8f0', 'font-size': 10, 'text-valign': 'bottom', 'text-margin-y': 3 }).update();
  return draw();
}

export function graphImage(kind: 'png' | 'svg'): Blob | null {
  const cy = current;
  if (!cy || cy.nodes().empty()) return null;
  try {
    return withLabels(cy, () => (kind === 'png' ? (cy.png({ output: 'blob', full: true, bg: BG, scale: 2 }) as Blob) : new Blob([(cy as unknown as { svg(o: object): string }).svg({ full: true, bg: BG, scale: 1 })], { type: 'image/svg+xml' })));
  } finally {
    // Back to the app's stylesheet (labels stay in the HTML layer).
    cy.style(graphStylesheet());
  }
}
