/** The open workspace's what-if change set: in the store, in the worker's analysis, saved with the workspace. */
import * as db from '../storage/workspace-db';
import type { Change } from '../core/diff/changes';
import { useWorkspace } from '../state/workspace-store';
import { analysisClient } from './analysis-client';

export async function updateChanges(changes: Change[]): Promise<void> {
  const s = useWorkspace.getState();
  s.setChanges(changes);
  // Saved before the analysis re-runs: a reload meanwhile keeps what the analyst just did.
  const id = s.workspaceId;
  if (id) {
    try {
      await db.saveChanges(id, changes as unknown as Record<string, unknown>[]);
    } catch (e) {
      useWorkspace.getState().failStorage(db.storageErrorMessage(e));
    }
  }
  s.setView(await analysisClient().setChanges(changes, s.riskSettings));
}

const same = (a: Change, b: Change) => JSON.stringify(a) === JSON.stringify(b);

/** Add a removal to the set (once). */
export function addChange(c: Change): Promise<void> {
  const current = useWorkspace.getState().changes;
  return current.some((x) => same(x, c)) ? Promise.resolve() : updateChanges([...current, c]);
}

export function removeChange(index: number): Promise<void> {
  return updateChanges(useWorkspace.getState().changes.filter((_, i) => i !== index));
}

export const clearChanges = (): Promise<void> => updateChanges([]);
