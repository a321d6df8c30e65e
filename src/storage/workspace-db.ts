/**
 * Workspaces in IndexedDB (through idb): each keeps the exports the analyst imported, as the
 * original files, so reopening re-imports and re-analyses them with the current code. Blobs are
 * stored apart from the workspace list, so listing never loads file contents.
 */
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';

export interface WorkspaceMeta {
  id: string;
  name: string;
  created: number;
  opened: number;
  fileCount: number;
  /** Crown jewels marked by hand (node ids) and by tag rule (`key=value`). */
  crownJewels?: string[];
  jewelRules?: string[];
  /** Nodes marked as breached ("assume breached"). */
  breached?: string[];
  /** The analysis date the analyst chose (epoch ms); absent: derived from the exports. */
  asOf?: number;
  /** When files were first imported: the analysis date when the exports carry none. */
  importedAt?: number;
  /** Clusters the analyst renamed: the name the exports gave → the analyst's. */
  clusterNames?: Record<string, string>;
  /** Tokens the analyst asked about ("what could this token reach?"). */
  starts?: { issuer: string; subject: string; audience?: string }[];
  /** Secrets mapped in the app to the identity whose credential they hold. */
  mappings?: { secret: string; identity: string; note?: string }[];
  /** The what-if change set being tried (core diff/changes.ts Change). */
  changes?: Record<string, unknown>[];
  /** Its settings were taken from the snapshot it was opened from (done once). */
  fromSnapshot?: boolean;
  /** Risk thresholds and human/non-human overrides the analyst set (core RiskSettings). */
  risk?: { staleDays?: number; veryOldDays?: number; ownerKeys?: string[]; manyReaders?: number; overrides?: Record<string, 'human' | 'non-human'> };
}

interface StoredFile {
  id: string;
  workspaceId: string;
  name: string;
  added: number;
  blob: Blob;
}

interface BlastmapDb extends DBSchema {
  workspaces: { key: string; value: WorkspaceMeta };
  files: { key: string; value: StoredFile; indexes: { byWorkspace: string } };
}

let dbPromise: Promise<IDBPDatabase<BlastmapDb>> | undefined;

function db(): Promise<IDBPDatabase<BlastmapDb>> {
  dbPromise ??= openDB<BlastmapDb>('blastmap', 1, {
    upgrade(d) {
      d.createObjectStore('workspaces', { keyPath: 'id' });
      d.createObjectStore('files', { keyPath: 'id' }).createIndex('byWorkspace', 'workspaceId');
    },
  });
  return dbPromise;
}

const newId = () => `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;

export async function listWorkspaces(): Promise<WorkspaceMeta[]> {
  return (await (await db()).getAll('workspaces')).sort((a, b) => b.opened - a.opened);
}

export async function createWorkspace(name: string): Promise<WorkspaceMeta> {
  const now = Date.now();
  const ws: WorkspaceMeta = { id: newId(), name, created: now, opened: now, fileCount: 0 };
  await (await db()).put('workspaces', ws);
  return ws;
}

export async function touchWorkspace(id: string): Promise<void> {
  const d = await db();
  const ws = await d.get('workspaces', id);
  if (ws) await d.put('workspaces', { ...ws, opened: Date.now() });
}

export async function renameWorkspace(id: string, name: string): Promise<void> {
  const d = await db();
  const ws = await d.get('workspaces', id);
  if (ws) await d.put('workspaces', { ...ws, name });
}

/** Replace some of a workspace's saved settings (the rest stay). */
async function patchWorkspace(id: string, patch: Partial<Omit<WorkspaceMeta, 'id'>>): Promise<void> {
  const d = await db();
  const ws = await d.get('workspaces', id);
  if (ws) await d.put('workspaces', { ...ws, ...patch });
}

export const saveJewels = (id: string, crownJewels: string[], jewelRules: string[]) => patchWorkspace(id, { crownJewels, jewelRules });
export const saveBreached = (id: string, breached: string[]) => patchWorkspace(id, { breached });
export const saveAsOf = (id: string, asOf: number | undefined) => patchWorkspace(id, { asOf });
export const saveClusterNames = (id: string, clusterNames: Record<string, string>) => patchWorkspace(id, { clusterNames });
/** Settings a workspace opened from a snapshot took from it (applied once: the analyst's later changes win). */
export const saveFromSnapshot = (id: string, patch: Partial<Omit<WorkspaceMeta, 'id'>>) => patchWorkspace(id, { ...patch, fromSnapshot: true });
export const saveStarts = (id: string, starts: WorkspaceMeta['starts']) => patchWorkspace(id, { starts });
export const saveMappings = (id: string, mappings: WorkspaceMeta['mappings']) => patchWorkspace(id, { mappings });
export const saveChanges = (id: string, changes: WorkspaceMeta['changes']) => patchWorkspace(id, { changes });
export const saveRisk = (id: string, risk: WorkspaceMeta['risk']) => patchWorkspace(id, { risk });

export async function getWorkspace(id: string): Promise<WorkspaceMeta | undefined> {
  return (await db()).get('workspaces', id);
}

export async function deleteWorkspace(id: string): Promise<void> {
  const d = await db();
  const tx = d.transaction(['workspaces', 'files'], 'readwrite');
  const keys = await tx.objectStore('files').index('byWorkspace').getAllKeys(id);
  await Promise.all([...keys.map((k) => tx.objectStore('files').delete(k)), tx.objectStore('workspaces').delete(id), tx.done]);
}

export async function addFiles(id: string, files: File[], importedAt: number): Promise<void> {
  const d = await db();
  const tx = d.transaction(['workspaces', 'files'], 'readwrite');
  const ws = await tx.objectStore('workspaces').get(id);
  if (!ws) throw new Error('the workspace no longer exists');
  const now = Date.now();
  for (const f of files) await tx.objectStore('files').put({ id: newId(), workspaceId: id, name: f.name, added: now, blob: f });
  await tx.objectStore('workspaces').put({ ...ws, fileCount: ws.fileCount + files.length, importedAt: ws.importedAt ?? importedAt });
  await tx.done;
}

/** The workspace's files, oldest first, as File objects ready to import. */
export async function loadFiles(id: string): Promise<File[]> {
  const stored = await (await db()).getAllFromIndex('files', 'byWorkspace', id);
  return stored.sort((a, b) => a.added - b.added || a.id.localeCompare(b.id)).map((s) => new File([s.blob], s.name));
}

/** A message an analyst can act on, for quota, private-mode and blocked-database errors. */
export function storageErrorMessage(e: unknown): string {
  const name = e instanceof DOMException ? e.name : e instanceof Error ? e.name : '';
  if (name === 'QuotaExceededError') return 'the browser has no storage space left for this workspace';
  if (name === 'InvalidStateError' || name === 'SecurityError') return 'this browser does not allow saving data here (private mode?)';
  return e instanceof Error ? e.message : String(e);
}
