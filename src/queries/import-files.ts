/** Adding files to the open workspace: imported (the analysis re-run), then saved with it. */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { importWithProgress, newWorkspace, persistFiles, stampFirstImport } from './workspaces';
import { applySnapshotSettings, holdsSnapshot } from './snapshots';
import { useWorkspace } from '../state/workspace-store';

export function useImportFiles() {
  const qc = useQueryClient();
  return useMutation({
    mutationKey: ['import-files'],
    mutationFn: async (files: File[]) => {
      // A snapshot opens as a workspace of its own: a new one when this one holds anything.
      const current = useWorkspace.getState().view;
      if ((current?.stats.nodes ?? 0) > 0 && (await holdsSnapshot(files))) await newWorkspace(files[0]!.name.replace(/\.blastmap\.json(\.gz)?$|\.json(\.gz)?$|\.gz$/, ''));
      // Saved only once imported: a cancelled batch leaves the stored workspace as it was.
      const importedAt = await stampFirstImport();
      const { view, kept } = await importWithProgress(files);
      // What is kept: a file that held secret values is stored as its redacted copy, or not at all.
      await persistFiles(kept, importedAt);
      await applySnapshotSettings(view);
      return view;
    },
    // The workspace list shows each workspace's file count.
    onSettled: () => qc.invalidateQueries({ queryKey: ['workspaces'] }),
  });
}
