/** A node's edges by page: pages from an offset put together are the whole list, in order. */
import { describe, expect, it } from 'vitest';
import { WorkspaceEngine } from '../graph/workspace-engine';
import { demoFiles } from '../test-support/public-corpus';

const A = '210987654321';

describe('details by page', () => {
  it('pages at outOffset / inOffset follow one another to the last edge', async () => {
    const e = new WorkspaceEngine(undefined, Date.UTC(2026, 0, 1));
    e.addFiles(demoFiles());
    await e.view();
    for (const [dir, id] of [
      ['out', `arn:aws:iam::${A}:user/service/svc-jenkins-deploy`],
      ['in', `arn:aws:iam::${A}:group/Developers`],
    ] as const) {
      const all = (await e.explore({ type: 'details', req: { id, outLimit: 5000, inLimit: 5000 } }))!;
      const whole = dir === 'out' ? all.outgoing : all.incoming;
      expect(whole.total).toBeGreaterThan(1);
      const ids: string[] = [];
      for (let offset = 0; offset <= whole.total; offset++) {
        const req = dir === 'out' ? { id, outLimit: 1, inLimit: 0, outOffset: offset } : { id, outLimit: 0, inLimit: 1, inOffset: offset };
        const page = (await e.explore({ type: 'details', req }))!;
        const p = dir === 'out' ? page.outgoing : page.incoming;
        expect(p.total).toBe(whole.total);
        ids.push(...p.edges.map((x) => x.id));
      }
      expect(ids).toEqual(whole.edges.map((x) => x.id));
    }
  });
});
