/** Adding files to the open workspace: imported (the analysis re-run), then saved with it. */
import { useMutation } from '@tanstack/react-query';
import { importWithProgress, persistFiles } from './workspaces';

export function useImportFiles() {
  return useMutation({
    mutationKey: ['import-files'],
    mutationFn: async (files: File[]) => {
      // Saved only once imported: a cancelled batch leaves the stored workspace as it was.
      const snapshot = await importWithProgress(files);
      await persistFiles(files);
      return snapshot;
    },
  });
}
