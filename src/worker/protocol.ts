/** Typed messages between the UI and the analysis worker. */
import type { FileReport, Snapshot } from '../core';

export type ToWorker =
  | { type: 'import'; requestId: number; files: File[] }
  | { type: 'reset'; requestId: number };

export type FromWorker =
  | { type: 'progress'; requestId: number; index: number; total: number; report: FileReport }
  | { type: 'reading'; requestId: number; index: number; total: number; file: string }
  | { type: 'done'; requestId: number; snapshot: Snapshot }
  | { type: 'failed'; requestId: number; message: string };
