/** The open workspace's risk thresholds and classification overrides: in the store, saved with the workspace. */
import * as db from '../storage/workspace-db';
import type { Nature, RiskSettings } from '../core';
import { useWorkspace } from '../state/workspace-store';

export async function updateRiskSettings(settings: RiskSettings): Promise<void> {
  const s = useWorkspace.getState();
  s.setRiskSettings(settings);
  const id = s.workspaceId;
  if (!id) return;
  try {
    await db.saveRisk(id, { ...settings, overrides: settings.overrides ? { ...settings.overrides } : undefined });
  } catch (e) {
    useWorkspace.getState().failStorage(db.storageErrorMessage(e));
  }
}

/** Say a node is a person's or a machine's (null: as the exports say). */
export function overrideNature(id: string, nature: Nature | null): Promise<void> {
  const current = useWorkspace.getState().riskSettings;
  const overrides: Record<string, Nature> = { ...(current.overrides ?? {}) };
  if (nature) overrides[id] = nature;
  else delete overrides[id];
  return updateRiskSettings({ ...current, overrides });
}
