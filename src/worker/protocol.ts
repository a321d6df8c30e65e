/** Typed messages between the UI and the analysis worker. */
import type { AsOfSettings, OidcStart, BlastView, FileReport, PrivilegePath, RankedWhoCan, Snapshot } from '../core';

export type ToWorker =
  | { type: 'import'; requestId: number; files: File[] }
  | { type: 'reset'; requestId: number; asOf: AsOfSettings; facts?: [string, string[]][] }
  | { type: 'setAsOf'; requestId: number; asOf: AsOfSettings }
  | { type: 'setStarts'; requestId: number; starts: OidcStart[] }
  | { type: 'blast'; requestId: number; node: string }
  | { type: 'paths'; requestId: number; from: string; to: string; k: number }
  | { type: 'whoCan'; requestId: number; target: string; action?: string };

/** What each request resolves to. */
export interface Replies {
  import: Snapshot;
  reset: Snapshot;
  setAsOf: Snapshot;
  setStarts: Snapshot;
  blast: BlastView;
  paths: PrivilegePath[];
  whoCan: RankedWhoCan;
}

export type FromWorker =
  | { type: 'progress'; requestId: number; index: number; total: number; report: FileReport }
  | { type: 'reading'; requestId: number; index: number; total: number; file: string }
  | { type: 'analysing'; requestId: number }
  | { type: 'done'; requestId: number; payload: Replies[keyof Replies] }
  | { type: 'failed'; requestId: number; message: string }
  /** The worker runs; `lock` (where Web Locks exist) is held for its whole life: its release tells the client it died. */
  | { type: 'alive'; lock?: string };
