/** The only import path into the core for the worker, the CLI and the UI. */
export * from './model/kinds';
export type * from './model/types';
export type { FileReport, FileStatus } from './model/fragment';
export { importFile, MAX_FILE_BYTES, tooLargeReport, rejectedReport, formatBytes, IMPORTERS, type FileInput } from './importers/import-file';
export { ImportSession } from './graph/session';
export { snapshotOf, graphStats, SCHEMA_VERSION, type Snapshot, type SnapshotNode, type SnapshotEdge, type GraphStats } from './graph/snapshot';
export { parseTimestamp } from './io/time';
export { syntheticGaad, type SyntheticOptions } from './generate/synthetic-account';
