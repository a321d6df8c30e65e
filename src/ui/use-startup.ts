/**
 * First screen: reopen the workspace named in the URL or the last one used; on the very first
 * start, create the demo workspace. `?start=empty` opens a new empty workspace instead. When the
 * browser cannot store workspaces, the demo (or nothing) is loaded in memory.
 */
import { useEffect, useRef } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { demoFilesQuery } from '../queries/demo-files';
import { importWithProgress, newWorkspace, openWorkspace, workspacesQuery } from '../queries/workspaces';
import { useWorkspace } from '../state/workspace-store';
import { readUrlState } from './url-state';
import { analysisClient } from '../queries/analysis-client';

export function useStartup(): void {
  const qc = useQueryClient();
  const started = useRef(false);
  useEffect(() => {
    if (started.current) return;
    started.current = true;
    void (async () => {
      const url = readUrlState();
      const list = await qc.fetchQuery(workspacesQuery);
      const demo = () => qc.fetchQuery(demoFilesQuery);
      try {
        if (useWorkspace.getState().storageError) {
          if (url.start !== 'empty') await importWithProgress((await demo()).files);
        } else if (url.ws && list.some((w) => w.id === url.ws)) await openWorkspace(list.find((w) => w.id === url.ws)!);
        else if (url.start === 'empty') await newWorkspace(`Workspace ${list.length + 1}`);
        else if (list.length) await openWorkspace(list[0]!);
        else {
          const d = await demo();
          await newWorkspace(d.name, d.files);
        }
      } catch (e) {
        useWorkspace.getState().failImport(e instanceof Error ? e.message : String(e));
      }
      await qc.invalidateQueries({ queryKey: ['workspaces'] });
      // The view the URL asked for, once its node is loaded.
      const view = useWorkspace.getState().view;
      const exists = async (id: string) => !!view && view.stats.nodes > 0 && (await analysisClient().explore({ type: 'details', req: { id, outLimit: 0, inLimit: 0 } }).catch(() => null)) !== null;
      if (url.node && (await exists(url.node))) {
        useWorkspace.getState().select(url.node);
        if (url.view === 'blast' && !useWorkspace.getState().blastMode) useWorkspace.getState().toggleBlastMode();
      }
      if (url.view === 'path' && url.from && url.to && (await exists(url.from))) useWorkspace.getState().showPath(url.from, url.to);
      // The app opens on the analysis; the files' results stay one tab away unless one needs a look.
      const ws = useWorkspace.getState();
      if (ws.leftTab === 'Files' && ws.view?.files.every((f) => f.status === 'imported' && !f.warnings.length)) ws.setLeftTab('Analysis');
      useWorkspace.getState().markStarted();
    })();
  }, [qc]);
}
