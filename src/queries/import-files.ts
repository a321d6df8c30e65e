/** Adding files to the open workspace: imported (the analysis re-run), then saved with it. */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { importWithProgress, persistFiles, stampFirstImport } from './workspaces';

export function useImportFiles() {
  const qc = useQueryClient();
  return useMutation({
    mutationKey: ['import-files'],
    mutationFn: async (files: File[]) => {
      // Saved only once imported: a cancelled batch leaves the stored workspace as it was.
      const importedAt = await stampFirstImport();
      const { view, kept } = await importWithProgress(files);
      // What is kept: a file that held secret values is stored as its redacted copy, or not at all.
      await persistFiles(kept, importedAt);
      return view;
    },
    // The workspace list shows each workspace's file count.
    onSettled: () => qc.invalidateQueries({ queryKey: ['workspaces'] }),
  });
}
