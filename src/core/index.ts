/** The only import path into the core for the worker, the CLI and the UI. */
export * from './model/kinds';
export type * from './model/types';
export type { FileReport, FileStatus } from './model/fragment';
export { importFile, MAX_FILE_BYTES, tooLargeReport, rejectedReport, formatBytes, IMPORTERS, type FileInput } from './importers/import-file';
export { ImportSession } from './graph/session';
export { snapshotOf, graphStats, SCHEMA_VERSION, type Snapshot, type SnapshotNode, type SnapshotEdge, type GraphStats } from './graph/snapshot';
export { parseTimestamp } from './io/time';
export { syntheticGaad, type SyntheticOptions } from './generate/synthetic-account';
export { analyze, analyzeSync, type Analysis } from './analysis/analysis';
export { blastRadius, type BlastRadius, type ReachedIdentity, type ReachedResource } from './analysis/blast-radius';
export { privilegePaths, type PrivilegePath } from './analysis/privilege-paths';
export type { PathStep } from './analysis/explain';
export { whoCan, type WhoCan } from './analysis/who-can';
export { adminReport, type AdminReport } from './analysis/admins';
export { loadAwsCatalogue, ActionCatalogue, ACCESS_LEVELS, type AccessLevel } from './aws/catalogue/catalogue';
export { TECHNIQUES, EXTRA_TECHNIQUES } from './aws/techniques/registry';
export type { TechniqueInfo, EscalationFinding, PotentialFinding } from './aws/techniques/types';
export type { Decision } from './aws/eval/evaluate';
