/**
 * Snapshots and exports in the app. A snapshot dropped on the page opens as a workspace of its own
 * (a new one when the open workspace holds anything), and its settings (crown jewels, breached
 * marks, thresholds and classification, secret mappings, token start points, analysis date)
 * become the workspace's, once. Exports are written by the worker and downloaded here.
 */
import { zipSync, strToU8 } from 'fflate';
import { isSnapshotHead, type SnapshotWorkspace, type WorkspaceView } from '../core';
import type { ExportFormat } from '../core/export/workspace-export';
import * as db from '../storage/workspace-db';
import { useWorkspace } from '../state/workspace-store';
import { analysisClient } from './analysis-client';

/** Whether any of the files is a snapshot (from its first bytes). */
export async function holdsSnapshot(files: readonly File[]): Promise<boolean> {
  for (const f of files) if (isSnapshotHead(new Uint8Array(await f.slice(0, 256).arrayBuffer()))) return true;
  return false;
}

/** Take the opened snapshot's settings into the open workspace (once: later changes are the analyst's). */
export async function applySnapshotSettings(view: WorkspaceView): Promise<void> {
  const w = view.openedSnapshot;
  const s = useWorkspace.getState();
  if (!w) return;
  const id = s.workspaceId;
  const meta = id ? await db.getWorkspace(id).catch(() => undefined) : undefined;
  if (meta?.fromSnapshot) return;
  s.setJewels(w.crownJewels ?? [], w.jewelRules ?? []);
  s.setBreached(w.breached ?? []);
  s.setRiskSettings(w.risk ?? {});
  s.setMappings(w.mappings ?? []);
  s.setStarts(w.starts ?? []);
  s.setChanges(w.changes ?? []);
  s.setAsOfSettings({ override: w.asOfOverride, importTime: w.importedAt ?? s.asOfSettings.importTime });
  if (!id) return;
  try {
    // A workspace made for the snapshot takes the name it had.
    if (w.name && w.name !== s.workspaceName) {
      await db.renameWorkspace(id, w.name);
      s.openedWorkspace(id, w.name);
    }
    await db.saveFromSnapshot(id, { crownJewels: w.crownJewels, jewelRules: w.jewelRules, breached: w.breached, risk: w.risk, mappings: w.mappings, starts: w.starts, asOf: w.asOfOverride, importedAt: w.importedAt, clusterNames: w.clusterNames, changes: (w.changes ?? []) as unknown as Record<string, unknown>[] });
  } catch (e) {
    useWorkspace.getState().failStorage(db.storageErrorMessage(e));
  }
}

/** The open workspace's settings, as a snapshot keeps them. */
function workspaceSettings(): SnapshotWorkspace {
  const s = useWorkspace.getState();
  return { name: s.workspaceName, crownJewels: s.crownJewels, jewelRules: s.jewelRules, breached: s.breached, risk: s.riskSettings };
}

/** A name as a file name: letters, digits, `._-`; `fallback` when nothing is left. */
export const fileSlug = (name: string, fallback = 'workspace') => name.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 60) || fallback;
const slug = (name: string) => fileSlug(name);

/** Download one file (an object URL, revoked once the browser has it). */
export function download(name: string, bytes: Uint8Array | string, mime: string): void {
  const blob = new Blob([typeof bytes === 'string' ? bytes : new Uint8Array(bytes)], { type: mime });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Export the open workspace in one format: one file, or a zip of several. */
export async function exportAs(format: ExportFormat): Promise<string> {
  const files = await analysisClient().exportAs(format, workspaceSettings(), new Date().toISOString(), `Blastmap risk report: ${useWorkspace.getState().workspaceName}`);
  const base = slug(useWorkspace.getState().workspaceName);
  if (files.length === 1) {
    const f = files[0]!;
    const name = f.name.startsWith('workspace.') ? `${base}${f.name.slice('workspace'.length)}` : `${base}-${f.name}`;
    download(name, f.bytes, f.mime);
    return name;
  }
  const zip = zipSync(Object.fromEntries(files.map((f) => [f.name, typeof f.bytes === 'string' ? strToU8(f.bytes) : f.bytes])), { level: 6, mtime: new Date('1980-01-01T00:00:00Z') });
  const name = `${base}-${format}.zip`;
  download(name, zip, 'application/zip');
  return name;
}
