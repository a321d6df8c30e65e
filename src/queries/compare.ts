/** Comparing the open workspace with a snapshot (in the worker: the graph stays there). */
import { useWorkspace } from '../state/workspace-store';
import { analysisClient } from './analysis-client';

export async function compareWith(file: File): Promise<void> {
  const s = useWorkspace.getState();
  s.setView(await analysisClient().compareWith(file, s.riskSettings));
}

export async function stopComparing(): Promise<void> {
  const s = useWorkspace.getState();
  s.setView(await analysisClient().compareWith(undefined, s.riskSettings));
  s.clearFocus();
}
