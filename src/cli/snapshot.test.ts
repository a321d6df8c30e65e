/**
 * Snapshots in the CLI. Round trip: analyse → `export --format snapshot` → every command on the
 * snapshot prints byte-identical output (`--json`) to the same command on the exports, on the
 * demo and on the real public samples (read in place; skipped with a notice without them).
 * Bad snapshots: rejected with a message naming the problem, and the rest of the run goes on.
 */
import { describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gzipSync } from 'fflate';
import { main } from './main';
import { PUBLIC_CORPUS, hasPublicCorpus } from '../core/test-support/public-corpus';

async function run(argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { out: (s) => out.push(s), err: (s) => err.push(s) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

const tmp = () => mkdtempSync(join(tmpdir(), 'bm-snap-'));
const DEMO = resolve(__dirname, '../../public/demo');
const pub = (rel: string) => join(PUBLIC_CORPUS, rel);

/** Workspaces to round-trip: inputs, and the nodes the per-node commands ask about. */
/** Exports that state no date are analysed as of the run: a fixed date makes two runs comparable. */
const FIXED = ['--as-of', '2026-11-30'];
const WORKSPACES: { name: string; inputs: () => string[]; from?: string; to?: string; can?: string[]; flags?: string[] }[] = [
  {
    name: 'the demo (AWS, Kubernetes, GCP, Azure, a secret mapping)',
    inputs: () => [DEMO],
    from: 'arn:aws:iam::210987654321:user/service/svc-jenkins-deploy',
    to: 'arn:aws:secretsmanager:eu-west-1:210987654321:secret:prod/api/postgres-9fK2qL',
    can: ['--principal', 'arn:aws:iam::210987654321:user/service/svc-jenkins-deploy', '--action', 'iam:CreatePolicyVersion', '--resource', 'arn:aws:iam::210987654321:policy/CIDeployLegacy'],
  },
  ...(hasPublicCorpus
    ? [
        { name: 'Cloudsplaining example.json (IAM Vulnerable)', flags: FIXED, inputs: () => [pub('cloudsplaining/examples/files/example.json')] },
        { name: 'CloudMapper demo account', flags: FIXED, inputs: () => [pub('cloudmapper/account-data')] },
        { name: 'Kubernetes bootstrap RBAC', flags: FIXED, inputs: () => [pub('kubernetes')] },
        { name: 'Forseti and policy-library GCP', flags: FIXED, inputs: () => [pub('forseti-security'), pub('policy-library')] },
        { name: 'Azure REST API examples', flags: FIXED, inputs: () => [pub('azure-rest-api-specs')] },
        { name: 'vault-guides policies', flags: FIXED, inputs: () => [pub('vault-guides')] },
      ]
    : []),
];
if (!hasPublicCorpus) console.warn('\n*** NOTICE: public export corpus not found; snapshot round trips run on the demo only ***\n');

describe('snapshot round trip', () => {
  it.each(WORKSPACES)('$name: every command prints the same bytes on the snapshot as on the exports', async (w) => {
    const dir = tmp();
    for (const gz of [false, true]) {
      const file = join(dir, gz ? 'ws.blastmap.json.gz' : 'ws.blastmap.json');
      const made = await run(['export', ...w.inputs(), '--format', 'snapshot', '--out', file]);
      expect(made.err).toContain(`wrote ${file}`);
      const bytes = readFileSync(file);
      expect(gz ? bytes[0] === 0x1f && bytes[1] === 0x8b : bytes.toString('utf8', 0, 40).startsWith('{"format":"blastmap.snapshot"')).toBe(true);
      const first = JSON.parse(await run(['analyze', ...w.inputs(), '--json', ...(w.flags ?? [])]).then((r) => r.out)) as { analysis: { admins: string[]; escalatesToAdmin: { principal: string }[] } };
      const from = w.from ?? first.analysis.escalatesToAdmin[0]?.principal ?? first.analysis.admins[0];
      const commands: string[][] = [['analyze', '--json'], ['admins', '--json'], ['findings', '--json'], ['findings', '--format', 'sarif']];
      if (from) commands.push(['blast', '--json', '--from', from], ['paths', '--json', '--from', from, '--to', 'admin']);
      if (w.to) commands.push(['who-can', '--json', '--to', w.to]);
      else if (from) commands.push(['who-can', '--json', '--to', from]);
      if (w.can) commands.push(['can', '--json', ...w.can]);
      for (const c of commands) {
        const original = await run([c[0]!, ...w.inputs(), ...c.slice(1), ...(w.flags ?? [])]);
        const again = await run([c[0]!, file, ...c.slice(1), ...(w.flags ?? [])]);
        expect(again.code, `${c.join(' ')}: exit code`).toBe(original.code);
        expect(again.out, `${c.join(' ')} on the snapshot`).toBe(original.out);
        expect(original.out.length).toBeGreaterThan(10);
      }
    }
  }, 120_000);
});

describe('bad snapshots', () => {
  const dir = tmp();
  const good = join(dir, 'good.blastmap.json');
  const other = resolve(__dirname, '../../fixtures/risk/neutral/credential-report.csv');
  const setup = async () => {
    if (!existsSync(good)) await run(['export', resolve(__dirname, '../../fixtures/risk/neutral'), '--format', 'snapshot', '--out', good]);
    return JSON.parse(readFileSync(good, 'utf8')) as Record<string, unknown> & { graph: { nodes: Record<string, unknown>[]; edges: Record<string, unknown>[] } };
  };
  const cases: [string, (s: Awaited<ReturnType<typeof setup>>, text: string) => string | Uint8Array, RegExp][] = [
    ['truncated', (_s, t) => t.slice(0, Math.floor(t.length / 2)), /not valid JSON .*truncated or corrupt/],
    ['from a newer Blastmap', (s) => JSON.stringify({ ...s, version: 99 }), /snapshot format version 99 .* reads versions up to 1: open it with a newer Blastmap/],
    ['an edge to a node it lacks', (s) => JSON.stringify({ ...s, graph: { ...s.graph, edges: [...s.graph.edges, { ...s.graph.edges[0], key: 'x', target: 'nowhere' }] } }), /graph\.edges\[\d+\]\.target: "nowhere" names no node of the snapshot/],
    ['a node without a name', (s) => JSON.stringify({ ...s, graph: { ...s.graph, nodes: [{ ...s.graph.nodes[0], name: 5 }, ...s.graph.nodes.slice(1)] } }), /graph\.nodes\[0\]\.name: not a string/],
    ['a bad override', (s) => JSON.stringify({ ...s, workspace: { risk: { overrides: { a: 'robot' } } } }), /workspace\.risk\.overrides\.a: not "human" or "non-human"/],
    ['a gzip bomb', () => gzipSync(new Uint8Array(600 * 1024 * 1024)), /inflates to more than 512 MB/],
    ['gzip that is not a snapshot', () => gzipSync(new TextEncoder().encode('hello')), /not valid JSON/],
  ];
  it.each(cases)('%s: rejected naming the problem, the other file still imported', async (_n, make, message) => {
    const s = await setup();
    const bad = join(dir, `bad-${Math.random().toString(36).slice(2)}.blastmap.json${_n.includes('gzip') ? '.gz' : ''}`);
    writeFileSync(bad, make(s, readFileSync(good, 'utf8')));
    const r = await run(['analyze', bad, other, '--json']);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(message);
    const doc = JSON.parse(r.out) as { files: { file: string; status: string }[] };
    expect(doc.files.find((f) => f.file === other)?.status).toBe('imported');
    expect(doc.files.find((f) => f.file === bad)?.status).toBe('rejected');
  }, 60_000);

  it('keeps hostile names and __proto__ keys as data', async () => {
    const s = await setup();
    const hostile = { ...s.graph.nodes[0], id: '__proto__', name: '<img src=x onerror=alert(1)>', attributes: JSON.parse('{"__proto__": {"polluted": true}}') as Record<string, unknown> };
    const file = join(dir, 'hostile.blastmap.json');
    writeFileSync(file, JSON.stringify({ ...s, graph: { ...s.graph, nodes: [...s.graph.nodes, hostile] } }));
    const r = await run(['analyze', file, '--json']);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.out) as { nodes: { id: string; name: string }[] };
    expect(doc.nodes.find((n) => n.id === '__proto__')?.name).toBe('<img src=x onerror=alert(1)>');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('drops secret values a crafted snapshot carries, and says so', async () => {
    const s = await setup();
    const withSecret = { ...s, graph: { ...s.graph, nodes: [{ ...s.graph.nodes[0], attributes: { ...(s.graph.nodes[0]!.attributes as object), SecretString: 'CANARY-snapshot-secret' } }, ...s.graph.nodes.slice(1)] } };
    const file = join(dir, 'secret.blastmap.json');
    writeFileSync(file, JSON.stringify(withSecret));
    const r = await run(['analyze', file, '--json']);
    expect(r.out).not.toContain('CANARY-snapshot-secret');
    expect(r.err).toMatch(/1 secret value\(s\) found in the snapshot were dropped/);
  });
});
