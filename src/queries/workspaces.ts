/**
 * Workspaces: listing, opening (re-import of the stored exports in the worker, which re-runs the
 * analysis), creating, renaming, deleting. Storage failures never stop the analyst: the error is
 * shown and the session goes on in memory.
 */
import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import * as db from '../storage/workspace-db';
import { analysisClient } from './analysis-client';
import { CancelledError } from '../worker/client';
import { useWorkspace } from '../state/workspace-store';
import { issuerKey, oidcNodeId, type OidcStart } from '../core';
import { applySnapshotSettings } from './snapshots';
import type { Change } from '../core/diff/changes';

export const workspacesQuery = queryOptions({
  queryKey: ['workspaces'],
  queryFn: async () => {
    try {
      return await db.listWorkspaces();
    } catch (e) {
      useWorkspace.getState().failStorage(db.storageErrorMessage(e));
      return [];
    }
  },
});

/** Import files into the worker, with progress in the store. */
/** `showFiles`: new files (show their results); false when a workspace reopens its own. */
/**
 * Import files with progress. Returns the view and what may be kept of the files: a file that
 * held secret values is replaced by its redacted copy, or left out when none could be made; a
 * rejected file is left out.
 */
export async function importWithProgress(files: File[], showFiles = true) {
  const ws = useWorkspace.getState();
  ws.startImport(files.length, showFiles);
  try {
    const kept: (File | undefined)[] = [...files];
    const view = await analysisClient().importFiles(files, {
      onReading: (_i, _t, file) => useWorkspace.getState().reading(file),
      onFile: (i, _t, report, redacted) => {
        // A rejected file is not kept (it may hold anything, secrets included, and adds nothing).
        if (report.status === 'rejected') kept[i] = undefined;
        else if (redacted !== undefined) kept[i] = redacted ? new File([redacted], files[i]!.name, { type: 'application/json' }) : undefined;
        useWorkspace.getState().fileDone(report);
      },
      onAnalysing: () => useWorkspace.getState().reading('analysing'),
    });
    useWorkspace.getState().setView(view);
    return { view, kept: kept.filter((f): f is File => f !== undefined) };
  } catch (e) {
    useWorkspace.getState().failImport(e instanceof CancelledError ? 'cancelled' : e instanceof Error ? e.message : String(e));
    throw e;
  }
}

/**
 * Cancel the running import: the worker is replaced, and the workspace's stored files (which do
 * not include the cancelled batch) are imported again while the last picture stays on screen.
 */
export async function cancelImport(): Promise<void> {
  analysisClient().cancel();
  const id = useWorkspace.getState().workspaceId;
  const files = id ? await db.loadFiles(id).catch(() => []) : [];
  const meta = id ? await db.getWorkspace(id).catch(() => undefined) : undefined;
  await analysisClient().reset(useWorkspace.getState().asOfSettings, clusterFacts(meta?.clusterNames));
  await analysisClient().setMappings(useWorkspace.getState().mappings);
  await analysisClient().setChanges(useWorkspace.getState().changes, useWorkspace.getState().riskSettings);
  let view = await analysisClient().setStarts(useWorkspace.getState().starts);
  if (files.length) view = await analysisClient().importFiles(files);
  useWorkspace.getState().setView(view);
}

/**
 * Before the first files of a workspace are imported, their import time becomes the analysis
 * date's last-resort default (kept with the workspace when the files are saved).
 */
export async function stampFirstImport(): Promise<number> {
  const s = useWorkspace.getState();
  if (s.view && s.view.files.length > 0) return s.asOfSettings.importTime;
  const settings = { ...s.asOfSettings, importTime: Date.now() };
  s.setAsOfSettings(settings);
  await analysisClient().setAsOf(settings);
  return settings.importTime;
}

/**
 * "What could this token reach?": the token becomes a start point of the workspace (kept with it),
 * the analysis links it, and its node id is returned for the blast view.
 */
export async function askTokenReach(start: OidcStart): Promise<string> {
  const s = useWorkspace.getState();
  const key = (x: OidcStart) => `${issuerKey(x.issuer)}|${x.subject}|${x.audience ?? ''}`;
  const starts = [...s.starts.filter((x) => key(x) !== key(start)), start];
  s.setStarts(starts);
  s.setView(await analysisClient().setStarts(starts));
  if (s.workspaceId) {
    try {
      await db.saveStarts(s.workspaceId, starts);
    } catch (e) {
      useWorkspace.getState().failStorage(db.storageErrorMessage(e));
    }
  }
  return oidcNodeId(start.issuer, start.subject);
}

/** The analyst's cluster renames as session facts (`old=new`). */
const clusterFacts = (names: Record<string, string> = {}): [string, string[]][] => [['k8s.clusterAlias', Object.entries(names).map(([from, to]) => `${from}=${to}`)]];

/**
 * Rename a cluster (kubectl output names none, so Blastmap's name may be wrong): kept with the
 * workspace, whose files are imported again under the new name.
 */
export async function renameCluster(current: string, name: string): Promise<void> {
  const id = useWorkspace.getState().workspaceId;
  if (!id) return;
  const meta = await db.getWorkspace(id);
  if (!meta) return;
  // A cluster already renamed keeps its original key: rename the original, not the alias.
  const names = { ...(meta.clusterNames ?? {}) };
  const original = Object.keys(names).find((k) => names[k] === current) ?? current;
  if (original === name) delete names[original];
  else names[original] = name;
  await db.saveClusterNames(id, names);
  await openWorkspace({ ...meta, clusterNames: names });
}

/** The analyst sets the analysis date (epoch ms), or clears it (undefined) to use the exports'. */
export async function setAnalysisDate(override: number | undefined): Promise<void> {
  const s = useWorkspace.getState();
  const settings = { ...s.asOfSettings, override };
  s.setAsOfSettings(settings);
  s.setView(await analysisClient().setAsOf(settings));
  if (!s.workspaceId) return;
  try {
    await db.saveAsOf(s.workspaceId, override);
  } catch (e) {
    useWorkspace.getState().failStorage(db.storageErrorMessage(e));
  }
}

/** Save files into the open workspace; a storage failure is reported, not thrown. */
export async function persistFiles(files: File[], importedAt: number): Promise<void> {
  const id = useWorkspace.getState().workspaceId;
  if (!id) return;
  try {
    await db.addFiles(id, files, importedAt);
  } catch (e) {
    useWorkspace.getState().failStorage(db.storageErrorMessage(e));
  }
}

export async function openWorkspace(meta: db.WorkspaceMeta): Promise<void> {
  const asOf = { override: meta.asOf, importTime: meta.importedAt ?? meta.created };
  await analysisClient().reset(asOf, clusterFacts(meta.clusterNames));
  await analysisClient().setMappings(meta.mappings ?? []);
  await analysisClient().setChanges((meta.changes ?? []) as unknown as Change[], meta.risk ?? {});
  const view = await analysisClient().setStarts(meta.starts ?? []);
  useWorkspace.getState().setChanges((meta.changes ?? []) as unknown as Change[]);
  useWorkspace.getState().setAsOfSettings(asOf);
  useWorkspace.getState().setStarts(meta.starts ?? []);
  useWorkspace.getState().setMappings(meta.mappings ?? []);
  useWorkspace.getState().setRiskSettings(meta.risk ?? {});
  useWorkspace.getState().openedWorkspace(meta.id, meta.name);
  useWorkspace.getState().setJewels(meta.crownJewels ?? [], meta.jewelRules ?? []);
  useWorkspace.getState().setBreached(meta.breached ?? []);
  useWorkspace.getState().setView(view);
  const files = await db.loadFiles(meta.id);
  await db.touchWorkspace(meta.id);
  if (!files.length) return;
  const { view: opened } = await importWithProgress(files, false);
  if (!opened.openedSnapshot) return;
  // Opened from a snapshot: the first time its settings become the workspace's; after that the
  // workspace's own (the analyst may have changed them) win over the snapshot's.
  if (!meta.fromSnapshot) await applySnapshotSettings(opened);
  else {
    await analysisClient().setMappings(meta.mappings ?? []);
    await analysisClient().setStarts(meta.starts ?? []);
    await analysisClient().setChanges((meta.changes ?? []) as unknown as Change[], meta.risk ?? {});
    useWorkspace.getState().setView(await analysisClient().setAsOf(asOf));
  }
}

/** A new workspace, opened, optionally with files; in memory only if storage fails. */
export async function newWorkspace(name: string, files: File[] = []): Promise<void> {
  let meta: db.WorkspaceMeta | undefined;
  try {
    meta = await db.createWorkspace(name);
  } catch (e) {
    useWorkspace.getState().failStorage(db.storageErrorMessage(e));
  }
  if (meta) await openWorkspace(meta);
  else {
    const asOf = { importTime: Date.now() };
    useWorkspace.getState().setAsOfSettings(asOf);
    useWorkspace.getState().setStarts([]);
    useWorkspace.getState().setMappings([]);
    useWorkspace.getState().setRiskSettings({});
    useWorkspace.getState().setChanges([]);
    useWorkspace.getState().openedWorkspace(null, name);
    useWorkspace.getState().setBreached([]);
    useWorkspace.getState().setView(await analysisClient().reset(asOf));
  }
  if (files.length) {
    // Kept once imported: a file that held secret values is stored as its redacted copy.
    const importedAt = await stampFirstImport();
    const { kept } = await importWithProgress(files);
    await persistFiles(kept, importedAt);
  }
}

export function useWorkspaceActions() {
  const qc = useQueryClient();
  const refresh = () => qc.invalidateQueries({ queryKey: ['workspaces'] });
  const open = useMutation({ mutationFn: openWorkspace, onSettled: refresh });
  const create = useMutation({ mutationFn: ({ name, files }: { name: string; files?: File[] }) => newWorkspace(name, files), onSettled: refresh });
  const rename = useMutation({
    mutationFn: async ({ id, name }: { id: string; name: string }) => {
      await db.renameWorkspace(id, name);
      if (useWorkspace.getState().workspaceId === id) useWorkspace.getState().openedWorkspace(id, name);
    },
    onSettled: refresh,
  });
  const remove = useMutation({ mutationFn: (id: string) => db.deleteWorkspace(id), onSettled: refresh });
  return { open, create, rename, remove };
}

/** Change the crown jewels of the open workspace, saved with it. */
export async function updateJewels(crownJewels: string[], jewelRules: string[]): Promise<void> {
  useWorkspace.getState().setJewels(crownJewels, jewelRules);
  const id = useWorkspace.getState().workspaceId;
  if (!id) return;
  try {
    await db.saveJewels(id, crownJewels, jewelRules);
  } catch (e) {
    useWorkspace.getState().failStorage(db.storageErrorMessage(e));
  }
}
