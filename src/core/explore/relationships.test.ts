/** Relationship groups of real nodes of the demo: counts add up to the node's edges, escalations lead. */
import { beforeAll, describe, expect, it } from 'vitest';
import { WorkspaceEngine } from '../graph/workspace-engine';
import { demoFiles } from '../test-support/public-corpus';
import type { NodeDetails } from './types';

const A = '210987654321';
const JENKINS = `arn:aws:iam::${A}:user/service/svc-jenkins-deploy`;
const DEVELOPERS = `arn:aws:iam::${A}:group/Developers`;

describe('relationship groups', () => {
  let e: WorkspaceEngine;
  const details = async (id: string) => (await e.explore({ type: 'details', req: { id, outLimit: 0, inLimit: 0 } })) as NodeDetails;
  beforeAll(async () => {
    e = new WorkspaceEngine(undefined, Date.UTC(2026, 0, 1));
    e.addFiles(demoFiles());
    await e.view();
  });

  it.each([JENKINS, DEVELOPERS])('%s: one group per kind and direction, counts adding up to its edges', async (id) => {
    const d = await details(id);
    expect(d.groups.length).toBeGreaterThan(0);
    expect(new Set(d.groups.map((g) => g.key)).size).toBe(d.groups.length);
    const out = d.groups.filter((g) => g.direction === 'out').reduce((s, g) => s + g.count, 0);
    const inc = d.groups.filter((g) => g.direction === 'in').reduce((s, g) => s + g.count, 0);
    expect(out).toBe(d.outgoing.total);
    expect(inc).toBe(d.incoming.total);
    for (const g of d.groups) {
      expect(g.ids.length).toBe(new Set(g.ids).size);
      expect(g.ids.length).toBeLessThanOrEqual(g.neighbours);
      expect(g.neighbours).toBeLessThanOrEqual(g.count);
    }
  });

  it('leads with escalations and reads incoming edges from the reader\'s side', async () => {
    const jenkins = await details(JENKINS);
    expect(jenkins.groups[0]!.key).toBe('out:escalatesTo');
    expect(jenkins.groups.find((g) => g.key === 'in:credentialOf')?.title).toBe('Credentials');
    const devs = await details(DEVELOPERS);
    const members = devs.groups.find((g) => g.key === 'in:memberOf')!;
    expect(members.title).toBe('Members');
    expect(members.ids.length).toBeGreaterThan(0);
  });
});
