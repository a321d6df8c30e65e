/** The open workspace's secret mappings: in the store, in the worker's analysis, saved with the workspace. */
import * as db from '../storage/workspace-db';
import type { SecretMapping } from '../core';
import { useWorkspace } from '../state/workspace-store';
import { analysisClient } from './analysis-client';

export async function updateMappings(mappings: SecretMapping[]): Promise<void> {
  const s = useWorkspace.getState();
  s.setMappings(mappings);
  // Saved before the analysis re-runs: a reload meanwhile keeps what the analyst just did.
  const id = s.workspaceId;
  if (id) {
    try {
      await db.saveMappings(id, mappings);
    } catch (e) {
      useWorkspace.getState().failStorage(db.storageErrorMessage(e));
    }
  }
  s.setView(await analysisClient().setMappings(mappings));
}

/** Say that `secret` holds the credential of `identity` (once per pair). */
export function addMapping(m: SecretMapping): Promise<void> {
  const rest = useWorkspace.getState().mappings.filter((x) => x.secret !== m.secret || x.identity !== m.identity);
  return updateMappings([...rest, m]);
}

export function removeMapping(secret: string, identity: string): Promise<void> {
  return updateMappings(useWorkspace.getState().mappings.filter((x) => x.secret !== secret || x.identity !== identity));
}
