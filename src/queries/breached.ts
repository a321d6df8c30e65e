/** The "assume breached" marks of the open workspace: in the store, saved with the workspace. */
import * as db from '../storage/workspace-db';
import { useWorkspace } from '../state/workspace-store';

export async function updateBreached(breached: string[]): Promise<void> {
  useWorkspace.getState().setBreached(breached);
  const id = useWorkspace.getState().workspaceId;
  if (!id) return;
  try {
    await db.saveBreached(id, breached);
  } catch (e) {
    useWorkspace.getState().failStorage(db.storageErrorMessage(e));
  }
}

/** Mark a node as breached, or unmark it. */
export function toggleBreached(id: string): Promise<void> {
  const marks = useWorkspace.getState().breached;
  return updateBreached(marks.includes(id) ? marks.filter((m) => m !== id) : [...marks, id]);
}
