/** Adding files to the open workspace: saved first, then imported (and the analysis re-run). */
import { useMutation } from '@tanstack/react-query';
import { importWithProgress, persistFiles } from './workspaces';

export function useImportFiles() {
  return useMutation({
    mutationKey: ['import-files'],
    mutationFn: async (files: File[]) => {
      await persistFiles(files);
      return importWithProgress(files);
    },
  });
}
