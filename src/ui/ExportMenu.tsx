/** The Export menu: the workspace as a snapshot, a report, CSV, SARIF, for graph engines, or the graph view as an image. */
import { useState } from 'react';
import type { ExportFormat } from '../core/export/workspace-export';
import { download, exportAs, fileSlug } from '../queries/snapshots';
import { graphImage } from './graph/graph-image';
import { useWorkspace } from '../state/workspace-store';

const ITEMS: { format: ExportFormat | 'png' | 'svg'; label: string; hint: string }[] = [
  { format: 'snapshot', label: 'Snapshot (.blastmap.json.gz)', hint: 'the whole workspace: reopen it here, diff it, or give it to the CLI' },
  { format: 'html', label: 'HTML report', hint: 'one self-contained file: summary, metrics, top risks with their paths, findings' },
  { format: 'csv', label: 'CSV (findings, inventory, edges)', hint: 'a zip of three CSV files' },
  { format: 'sarif', label: 'SARIF 2.1.0', hint: 'findings for GitHub code scanning' },
  { format: 'opengraph', label: 'BloodHound CE (OpenGraph JSON)', hint: 'upload in BloodHound CE' },
  { format: 'neo4j-csv', label: 'Neo4j (neo4j-admin CSV)', hint: 'a zip of node and relationship files' },
  { format: 'cypher', label: 'Cypher script', hint: 'UNWIND … MERGE statements for cypher-shell' },
  { format: 'png', label: 'Graph view as PNG', hint: 'what the graph shows now, labelled' },
  { format: 'svg', label: 'Graph view as SVG', hint: 'what the graph shows now, labelled' },
];

export function ExportMenu() {
  const [open, setOpen] = useState(false);
  const [status, setStatus] = useState<string | null>(null);
  const loaded = useWorkspace((s) => (s.view?.stats.nodes ?? 0) > 0);
  const name = useWorkspace((s) => s.workspaceName);
  const run = async (format: (typeof ITEMS)[number]['format']) => {
    setOpen(false);
    setStatus('Exporting…');
    try {
      if (format === 'png' || format === 'svg') {
        const blob = graphImage(format);
        if (!blob) throw new Error('nothing is drawn');
        const file = `${fileSlug(name, 'graph')}-graph.${format}`;
        download(file, new Uint8Array(await blob.arrayBuffer()), blob.type);
        setStatus(`Saved ${file}`);
      } else setStatus(`Saved ${await exportAs(format)}`);
      setTimeout(() => setStatus(null), 8000);
    } catch (e) {
      setStatus(`Export failed: ${e instanceof Error ? e.message : String(e)}`);
    }
  };
  return (
    <div className="export-menu">
      <button type="button" aria-haspopup="menu" aria-expanded={open} disabled={!loaded} onClick={() => setOpen((v) => !v)}>
        Export
      </button>
      {open && (
        <ul role="menu" aria-label="Export" className="menu" onKeyDown={(e) => e.key === 'Escape' && setOpen(false)}>
          {ITEMS.map((i) => (
            <li key={i.format} role="none">
              <button type="button" role="menuitem" title={i.hint} onClick={() => void run(i.format)}>
                {i.label}
              </button>
            </li>
          ))}
        </ul>
      )}
      {status && (
        <span className="muted small" role="status" data-testid="export-status">
          {status}
        </span>
      )}
    </div>
  );
}
