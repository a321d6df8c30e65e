/**
 * The graph view as an image (PNG, SVG) for the Export menu. Labels are an HTML layer over the
 * canvas (LabelLayer.tsx), so the export draws them in Cytoscape for the moment of the export:
 * the image names what it shows. cytoscape-svg writes the SVG; Cytoscape's own png() the PNG.
 */
import cytoscape, { type Core } from 'cytoscape';
import svg from 'cytoscape-svg';

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

const LABEL_STYLE = { color: '#e2e8f0', 'font-size': 10, 'text-valign': 'bottom', 'text-margin-y': 3, 'min-zoomed-font-size': 0 };

/** Labels as element bypasses (applied at once, unlike a stylesheet update), removed after drawing. */
function withLabels<T>(cy: Core, draw: () => T): T {
  const nodes = cy.nodes();
  cy.batch(() => nodes.forEach((n) => void n.style({ ...LABEL_STYLE, label: String(n.data('label') ?? '') })));
  try {
    return draw();
  } finally {
    cy.batch(() => nodes.removeStyle(['label', ...Object.keys(LABEL_STYLE)].join(' ')));
  }
}

export function graphImage(kind: 'png' | 'svg'): Blob | null {
  const cy = current;
  if (!cy || cy.nodes().empty()) return null;
  return withLabels(cy, () => (kind === 'png' ? (cy.png({ output: 'blob', full: true, bg: BG, scale: 2 }) as Blob) : new Blob([(cy as unknown as { svg(o: object): string }).svg({ full: true, bg: BG, scale: 1 })], { type: 'image/svg+xml' })));
}
