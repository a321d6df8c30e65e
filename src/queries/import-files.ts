/** Importing files is a mutation: it changes the workspace held by the worker. */
import { useMutation } from '@tanstack/react-query';
import { analysisClient } from './analysis-client';
import { useWorkspace } from '../state/workspace-store';

export function useImportFiles() {
  return useMutation({
    mutationKey: ['import-files'],
    mutationFn: async (files: File[]) => {
      const ws = useWorkspace.getState();
      ws.startImport(files.length);
      return analysisClient().importFiles(files, {
        onReading: (_i, _t, file) => useWorkspace.getState().reading(file),
        onFile: (_i, _t, report) => useWorkspace.getState().fileDone(report),
        onAnalysing: () => useWorkspace.getState().reading('analysing'),
      });
    },
    onSuccess: (snapshot) => useWorkspace.getState().setSnapshot(snapshot),
    onError: (e) => useWorkspace.getState().failImport(e instanceof Error ? e.message : String(e)),
  });
}

export function useResetWorkspace() {
  return useMutation({
    mutationKey: ['reset-workspace'],
    mutationFn: () => analysisClient().reset(),
    onSuccess: (snapshot) => {
      useWorkspace.getState().select(null);
      useWorkspace.getState().setSnapshot(snapshot);
    },
  });
}
