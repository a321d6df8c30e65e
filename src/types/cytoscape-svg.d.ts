// cytoscape-svg ships no types: a Cytoscape extension adding cy.svg(options): string.
declare module 'cytoscape-svg' {
  import type { Ext } from 'cytoscape';
  const ext: Ext;
  export default ext;
}
