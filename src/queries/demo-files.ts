/**
 * The built-in demo environment: real-format exports of a fictional company, served from this
 * app's own origin (public/demo). Fetched as files so they take exactly the analyst's path.
 */
import { queryOptions } from '@tanstack/react-query';

interface DemoManifest {
  name: string;
  files: string[];
}

export const demoFilesQuery = queryOptions({
  queryKey: ['demo-files'],
  staleTime: Infinity,
  queryFn: async ({ signal }): Promise<{ name: string; files: File[] }> => {
    const base = `${import.meta.env.BASE_URL}demo/`;
    const manifest = (await (await fetch(`${import.meta.env.BASE_URL}demo.json`, { signal })).json()) as DemoManifest;
    const files = await Promise.all(
      manifest.files.map(async (path) => {
        const res = await fetch(`${base}${path}`, { signal });
        if (!res.ok) throw new Error(`demo file ${path}: HTTP ${res.status}`);
        return new File([await res.blob()], path.split('/').pop() ?? path);
      }),
    );
    return { name: manifest.name, files };
  },
});
