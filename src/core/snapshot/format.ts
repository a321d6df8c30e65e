/**
 * The Blastmap snapshot: one workspace, frozen. Documented in docs/snapshot-format.md, described
 * by docs/snapshot.schema.json. A snapshot holds the imported graph (nodes and edges with their
 * evidence, nothing an analysis derives: that is re-derived on load, so a snapshot answers every
 * question exactly as its exports did), the file reports (with SHA-256), the analyst's workspace
 * settings, and, for readers that do not run Blastmap, the analysis results at the time it was
 * written. Secret values are never in one: they were dropped at import.
 */
import type { FileReport, NameRef } from '../model/fragment';
import type { Attributes, Evidence } from '../model/types';
import type { AnalysisSummary } from '../analysis/summary';
import type { Finding, Metrics } from '../risk/types';
import type { Classification } from '../risk/classify';
import type { SecretMapping } from '../analysis/secret-unlocks';
import type { Change } from '../diff/changes';

export const SNAPSHOT_FORMAT = 'blastmap.snapshot';
/** Bumped when a reader of the previous version would misread a new one; read.ts migrates older ones. */
export const SNAPSHOT_VERSION = 1;

export interface SnapshotNodeRecord {
  id: string;
  kind: string;
  provider: string;
  name: string;
  account?: string;
  placeholder: boolean;
  attributes: Attributes;
}

export interface SnapshotEdgeRecord {
  key: string;
  kind: string;
  source: string;
  target: string;
  attributes: Attributes;
  evidence: Evidence[];
}

/** What the analyst set in the workspace (every field optional: a CLI snapshot has none). */
export interface SnapshotWorkspace {
  name?: string;
  crownJewels?: string[];
  jewelRules?: string[];
  breached?: string[];
  mappings?: SecretMapping[];
  starts?: { issuer: string; subject: string; audience?: string }[];
  clusterNames?: Record<string, string>;
  /** Risk thresholds and human/non-human overrides. */
  risk?: { staleDays?: number; veryOldDays?: number; ownerKeys?: string[]; manyReaders?: number; overrides?: Record<string, 'human' | 'non-human'> };
  /** The analysis date the analyst chose (epoch ms); absent: derived from the exports. */
  asOfOverride?: number;
  /** When the files were first imported (the as-of fallback), epoch ms. */
  importedAt?: number;
  /** The what-if change set the analyst was trying (diff/changes.ts). */
  changes?: Change[];
}

export interface BlastmapSnapshot {
  format: typeof SNAPSHOT_FORMAT;
  version: number;
  blastmapVersion: string;
  /** When the snapshot was written (ISO; the host's clock). */
  createdAt: string;
  /** The analysis date of the results below (ISO). */
  asOf: string;
  files: FileReport[];
  warnings: string[];
  /** Session facts (e.g. cluster names) the files told each other. */
  facts: [string, string[]][];
  /** Name-only references of the files (re-resolved when more files are added to the workspace). */
  nameRefs: NameRef[];
  graph: { nodes: SnapshotNodeRecord[]; edges: SnapshotEdgeRecord[] };
  workspace: SnapshotWorkspace;
  /** Results when it was written, for readers; Blastmap recomputes them on load. */
  analysis?: {
    summary: AnalysisSummary;
    findings: Finding[];
    metrics: Metrics;
    classification: Classification[];
  };
}
