/**
 * The path view to a resource, as the page asks for it (explore `paths` and `pathScene` after
 * `whoCan`): the paths end at the resource, the scene draws it and says so in its caption.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { WorkspaceEngine } from '../../graph/workspace-engine';
import { demoFiles } from '../../test-support/public-corpus';

const A = '210987654321';
const STRIPE = `arn:aws:secretsmanager:eu-west-1:${A}:secret:prod/billing/stripe-api-key-Xc81Tb`;
const BILLING = `arn:aws:iam::${A}:role/billing-lambda`;
const EVE = `arn:aws:iam::${A}:user/eve.contractor`;

describe('the path view from a who-can entry to a secret (the demo)', () => {
  const e = new WorkspaceEngine(undefined, Date.UTC(2026, 10, 22));
  beforeAll(async () => {
    const files = demoFiles();
    e.prescan(files);
    for (const f of files) e.addFiles([f]);
    await e.view();
  });

  it('who-can marks the principal the secret policy names as conditional', async () => {
    const w = await e.explore({ type: 'whoCan', target: STRIPE, limit: 60 });
    expect(w.reachers.find((r) => r.id === BILLING)).toMatchObject({ hops: 1, conditional: true });
  });

  it('paths from that entry end at the secret, and name it', async () => {
    const p = await e.explore({ type: 'paths', from: BILLING, to: STRIPE, k: 3 });
    expect(p.paths.length).toBeGreaterThan(0);
    for (const path of p.paths) expect(path.steps.at(-1)!.to).toBe(STRIPE);
    expect(p.refs[STRIPE]!.name).toBe('prod/billing/stripe-api-key');
  });

  it('the scene draws the secret at the end of every path, its access step clickable or drawn as access', async () => {
    const s = await e.explore({ type: 'pathScene', from: EVE, to: STRIPE });
    expect(s.caption).toContain('from eve.contractor to prod/billing/stripe-api-key');
    const ids = new Set(s.nodes.map((n) => n.id));
    expect(ids.has(STRIPE)).toBe(true);
    expect(s.nodes.find((n) => n.id === EVE)!.mark).toBe('source');
    for (const edge of s.edges) expect(ids.has(edge.source) && ids.has(edge.target)).toBe(true);
    const into = s.edges.filter((x) => x.target === STRIPE);
    expect(into.length).toBeGreaterThan(0);
    // eve's own access (derived: drawn as access) and billing-lambda's (its policy's grant, a graph edge).
    expect(into.map((x) => x.kind).sort()).toEqual(['grants', 'reaches']);
    expect(into.every((x) => x.conditional)).toBe(true);
    // Not a path to admin.
    expect(s.nodes.some((n) => n.mark === 'admin')).toBe(false);
  });

  it('with no path, the caption says so rather than counting zero paths', async () => {
    const s = await e.explore({ type: 'pathScene', from: STRIPE, to: 'admin' });
    expect(s.caption).toBe('No path found from prod/billing/stripe-api-key');
  });
});
