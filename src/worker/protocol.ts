/** Typed messages between the UI and the analysis worker. */
import type { AsOfSettings, OidcStart, FileReport, WorkspaceView, ExploreQuery, ExploreAnswers, SecretMapping, SnapshotWorkspace } from '../core';
import type { ExportedFile, ExportFormat } from '../core/export/workspace-export';
import type { Change } from '../core/diff/changes';
import type { RiskSettings } from '../core';

export type ToWorker =
  | { type: 'import'; requestId: number; files: File[] }
  | { type: 'reset'; requestId: number; asOf: AsOfSettings; facts?: [string, string[]][] }
  | { type: 'setAsOf'; requestId: number; asOf: AsOfSettings }
  | { type: 'setStarts'; requestId: number; starts: OidcStart[] }
  | { type: 'setMappings'; requestId: number; mappings: SecretMapping[] }
  /** The what-if change set (with the risk settings its findings are judged by). */
  | { type: 'setChanges'; requestId: number; changes: Change[]; risk: RiskSettings }
  /** A question about the analysed workspace: a scene, a page of a list, a node's details. */
  | { type: 'explore'; requestId: number; query: ExploreQuery }
  /** Compare the workspace with a snapshot (none: stop comparing). */
  | { type: 'compare'; requestId: number; file?: File; risk: RiskSettings }
  /** The workspace in one export format, with the page's settings and the time of the export. */
  | { type: 'export'; requestId: number; format: ExportFormat; workspace: SnapshotWorkspace; createdAt: string; title?: string };

/** What each request resolves to: the workspace's summary after a change, or the question's answer. */
export interface Replies {
  import: WorkspaceView;
  reset: WorkspaceView;
  setAsOf: WorkspaceView;
  setStarts: WorkspaceView;
  setMappings: WorkspaceView;
  setChanges: WorkspaceView;
  explore: ExploreAnswers[keyof ExploreAnswers];
  export: ExportedFile[];
  compare: WorkspaceView;
}

export type FromWorker =
  | { type: 'progress'; requestId: number; index: number; total: number; report: FileReport; redacted?: string }
  | { type: 'reading'; requestId: number; index: number; total: number; file: string }
  | { type: 'analysing'; requestId: number }
  | { type: 'done'; requestId: number; payload: Replies[keyof Replies] }
  | { type: 'failed'; requestId: number; message: string }
  /** The worker runs; `lock` (where Web Locks exist) is held for its whole life: its release tells the client it died. */
  | { type: 'alive'; lock?: string };
