/**
 * Every export of a workspace, for the CLI (`blastmap export`) and the app (the Export menu):
 * the files each format writes, named, as bytes or text. Hosts only write them (the CLI to disk,
 * the app as one download, zipping a format of several files).
 */
import type { ImportSession } from '../graph/session';
import type { Analysis } from '../analysis/analysis';
import type { RiskReport } from '../risk/assess';
import { toSarif } from '../risk/sarif';
import { snapshotOfWorkspace } from '../snapshot/write';
import { encodeSnapshot } from '../snapshot/codec';
import type { SnapshotWorkspace } from '../snapshot/format';
import { BLASTMAP_VERSION } from '../version';
import { edgesCsv, findingsCsv, htmlReport, inventoryCsv } from './report-index';
import { toCypher, toNeo4jCsv, toOpenGraph } from '.';

export const EXPORT_FORMATS = ['snapshot', 'csv', 'sarif', 'html', 'opengraph', 'neo4j-csv', 'cypher'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export interface ExportInput {
  session: ImportSession;
  analysis: Analysis;
  risk: RiskReport;
  workspace: SnapshotWorkspace;
  /** The host's clock (the core reads none), ISO. */
  createdAt: string;
  title?: string;
  /** Snapshot: gzip it. */
  gzip?: boolean;
}

export interface ExportedFile {
  /** A file name (several for csv and neo4j-csv). */
  name: string;
  bytes: Uint8Array | string;
  mime: string;
}

/** Two-space JSON: the same text the CLI's --json prints. */
const json = (v: unknown) => JSON.stringify(v, null, 2);

export function exportWorkspace(format: ExportFormat, x: ExportInput): ExportedFile[] {
  const a = x.analysis;
  switch (format) {
    case 'snapshot': {
      const snap = snapshotOfWorkspace({ session: x.session, analysis: a, risk: x.risk, workspace: x.workspace, createdAt: x.createdAt });
      return [{ name: x.gzip ? 'workspace.blastmap.json.gz' : 'workspace.blastmap.json', bytes: encodeSnapshot(snap, !!x.gzip), mime: x.gzip ? 'application/gzip' : 'application/json' }];
    }
    case 'sarif':
      return [{ name: 'blastmap.sarif', bytes: json(toSarif(x.risk.findings, x.risk.rules, x.risk.asOf)), mime: 'application/sarif+json' }];
    case 'html':
      return [{ name: 'blastmap-report.html', bytes: htmlReport(a, x.risk, { title: x.title ?? 'Blastmap risk report', generatedAt: x.createdAt, blastmapVersion: BLASTMAP_VERSION, files: x.session.files.map((f) => ({ name: f.file, sha256: f.sha256 })) }), mime: 'text/html' }];
    case 'csv':
      return [
        { name: 'findings.csv', bytes: findingsCsv(x.risk, a), mime: 'text/csv' },
        { name: 'inventory.csv', bytes: inventoryCsv(a, x.risk.classification), mime: 'text/csv' },
        { name: 'edges.csv', bytes: edgesCsv(a), mime: 'text/csv' },
      ];
    case 'opengraph':
      return [{ name: 'blastmap-opengraph.json', bytes: JSON.stringify(toOpenGraph(a)), mime: 'application/json' }];
    case 'neo4j-csv':
      return Object.entries(toNeo4jCsv(a).files).map(([name, text]) => ({ name, bytes: text, mime: 'text/csv' }));
    case 'cypher':
      return [{ name: 'blastmap.cypher', bytes: toCypher(a), mime: 'text/plain' }];
  }
}
