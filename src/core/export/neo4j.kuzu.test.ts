/**
 * The Neo4j exports in a real embedded Cypher engine: Kùzu (npm `kuzu` 0.11.3). It is large
 * (~550 MB installed), so it is kept out of package.json: the first run installs it into a cache
 * outside the repo ($BLASTMAP_KUZU_CACHE, else $XDG_CACHE_HOME/blastmap-kuzu, else
 * ~/.cache/blastmap-kuzu) with npm, later runs load it from there. Where it cannot be installed
 * (no registry), these tests are skipped with a notice.
 *
 * What is compared, on the demo plus the hostile-names fixture, loaded from the `neo4j-csv`
 * files by Kùzu's own CSV reader (the schema made from the files' headers):
 * - every node's id and name, byte for byte, and the relationship counts;
 * - shortest path to admin: for EVERY node, the length of the shortest path over `reach = true`
 *   relationships to an `adminAccess` node other than itself (Kùzu `SHORTEST`) equals
 *   `privilegePaths(a, id, 'admin', 1)[0].hops` (no path in one exactly when none in the other);
 *   named cases: svc-jenkins-deploy (1 hop) and github-actions-azure-sync (2 hops);
 * - who can reach: for EVERY node that is not a resource or secret (whoCan's identity case, a
 *   reverse breadth-first search of the reach index), the nodes with a path of `reach = true`
 *   relationships to it, each with its shortest length, equal `whoCan(a, id).reachers` as
 *   (id, hops) pairs exactly; named case: the AWS account administrator.
 * And the Cypher script's literals, parsed by Kùzu, give back hostile names exactly.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { ImportSession } from '../graph/session';
import { analyze, type Analysis } from '../analysis/analysis';
import { privilegePaths } from '../analysis/privilege-paths';
import { whoCan } from '../analysis/who-can';
import { isResourceKind } from '../analysis/accessors';
import { demoFiles, repoFile, textFile } from '../test-support/public-corpus';
import { NEO4J_ARGS_FILE, toCypher, toNeo4jCsv } from './neo4j';
import { engineGraph } from './engine-model';

// ---- Kùzu, from the cache outside the repo ----

const KUZU_VERSION = '0.11.3';

interface KuzuResult {
  getAll(): Promise<Record<string, unknown>[]>;
}
interface KuzuConnection {
  query(statement: string): Promise<KuzuResult | KuzuResult[]>;
  close(): Promise<void>;
}
interface KuzuDatabase {
  close(): Promise<void>;
}
interface Kuzu {
  Database: new (path: string, bufferManagerSize?: number) => KuzuDatabase;
  Connection: new (db: KuzuDatabase, numThreads?: number) => KuzuConnection;
}

const cacheRoot = process.env.BLASTMAP_KUZU_CACHE ?? join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'blastmap-kuzu');
const kuzuDir = join(cacheRoot, KUZU_VERSION);

function run(cmd: string, args: string[], cwd: string, timeoutMs: number): Promise<{ code: number | null; output: string }> {
  return new Promise((done) => {
    const child = spawn(cmd, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'], shell: process.platform === 'win32' });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    const timer = setTimeout(() => child.kill('SIGTERM'), timeoutMs);
    child.on('error', (e) => {
      clearTimeout(timer);
      done({ code: -1, output: output + String(e) });
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      done({ code, output });
    });
  });
}

function requireKuzu(dir: string): Kuzu {
  const pkg = join(dir, 'node_modules', 'kuzu');
  // npm configured with ignore-scripts skips kuzu's install step, which only copies the prebuilt
  // binary of this platform into place: do the same.
  const binary = join(pkg, 'kuzujs.node');
  const prebuilt = join(pkg, 'prebuilt', `kuzujs-${process.platform}-${process.arch}.node`);
  if (!existsSync(binary) && existsSync(prebuilt)) copyFileSync(prebuilt, binary);
  const kuzu = createRequire(join(dir, 'package.json'))('kuzu') as Kuzu & { VERSION?: string };
  if (kuzu.VERSION !== undefined && kuzu.VERSION !== KUZU_VERSION) throw new Error(`kuzu ${kuzu.VERSION} in ${dir}, expected ${KUZU_VERSION}`);
  return kuzu;
}

/** Kùzu, or why not. Installs it into the cache on first use (into a fresh folder renamed into place: never half-installed). */
async function loadKuzu(): Promise<Kuzu | string> {
  if (existsSync(join(kuzuDir, 'node_modules', 'kuzu', 'package.json'))) {
    try {
      return requireKuzu(kuzuDir);
    } catch (e) {
      return `kuzu is in ${kuzuDir} but does not load: ${String(e)}`;
    }
  }
  try {
    mkdirSync(cacheRoot, { recursive: true });
  } catch (e) {
    return `cannot create ${cacheRoot}: ${String(e)}`;
  }
  const staging = mkdtempSync(join(cacheRoot, `staging-${KUZU_VERSION}-`));
  writeFileSync(join(staging, 'package.json'), JSON.stringify({ name: 'blastmap-kuzu-cache', private: true, dependencies: { kuzu: KUZU_VERSION } }, null, 2));
  console.log(`Installing kuzu@${KUZU_VERSION} into ${kuzuDir} (first run only)…`);
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const r = await run(npm, ['install', '--no-audit', '--no-fund', '--loglevel=error'], staging, 10 * 60_000);
  if (r.code !== 0) {
    rmSync(staging, { recursive: true, force: true });
    return `npm install kuzu@${KUZU_VERSION} failed (exit ${r.code}): ${r.output.trim().split('\n').slice(0, 3).join(' | ')}`;
  }
  try {
    renameSync(staging, kuzuDir);
  } catch {
    // Another run installed it meanwhile: keep theirs.
    rmSync(staging, { recursive: true, force: true });
  }
  try {
    return requireKuzu(kuzuDir);
  } catch (e) {
    return `kuzu installed in ${kuzuDir} but does not load: ${String(e)}`;
  }
}

const loaded = await loadKuzu();
const kuzu = typeof loaded === 'string' ? undefined : loaded;
if (typeof loaded === 'string') console.warn(`\n*** NOTICE: the embedded Cypher engine (kuzu ${KUZU_VERSION}) is unavailable: ${loaded}. The Neo4j export tests in Kùzu are SKIPPED ***\n`);

async function rows(conn: KuzuConnection, statement: string): Promise<Record<string, unknown>[]> {
  const r = await conn.query(statement);
  return (Array.isArray(r) ? r[r.length - 1]! : r).getAll();
}

// ---- the Neo4j CSV files in Kùzu ----

const AS_OF = Date.parse('2026-11-22T08:05:00Z');
/** Kùzu's default upper bound of a variable-length relationship. */
const MAX_HOPS = 30;
const REACH = `[:BM_Rel* SHORTEST 1..${MAX_HOPS} (r, n | WHERE r.reach = true)]`;

/** A neo4j-admin header cell's type as a Kùzu type. */
function kuzuType(cell: string): string {
  const type = cell.includes(':') ? cell.slice(cell.lastIndexOf(':') + 1) : 'string';
  return { boolean: 'BOOLEAN', long: 'INT64', double: 'DOUBLE' }[type] ?? 'STRING';
}

/** Load the files neo4j-admin would take (as the args file lists them) into one node table and one relationship table. */
async function loadCsv(conn: KuzuConnection, dir: string, files: Record<string, string>): Promise<void> {
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  await rows(conn, 'CREATE NODE TABLE BM_Node(id STRING PRIMARY KEY, labels STRING, name STRING, kind STRING, provider STRING, account STRING, placeholder BOOLEAN)');
  await rows(conn, 'CREATE REL TABLE BM_Rel(FROM BM_Node TO BM_Node, type STRING, key STRING, kind STRING, reach BOOLEAN, conditional BOOLEAN)');
  const args = files[NEO4J_ARGS_FILE]!.trim().split('\n');
  for (const arg of args) {
    const m = /^--(nodes|relationships)=(.+)$/.exec(arg);
    if (!m) continue;
    const [, what, file] = m;
    const headerCells = files[file!]!.slice(0, files[file!]!.indexOf('\n')).split(',');
    // Header cells are names we chose: no quotes or commas to parse.
    for (const c of headerCells) expect(c).toMatch(/^[A-Za-z0-9_:]+$/);
    const col = (cell: string) => {
      const i = headerCells.indexOf(cell);
      expect(i, `${file} has a ${cell} column`).toBeGreaterThanOrEqual(0);
      return `c${i}`;
    };
    const withHeaders = headerCells.map((c, i) => `c${i} ${kuzuType(c)}`).join(', ');
    const picked =
      what === 'nodes'
        ? ['id:ID', ':LABEL', 'name', 'kind', 'provider', 'account', 'placeholder:boolean'].map((c) => (c === 'account' && !headerCells.includes(c) ? 'CAST(NULL AS STRING)' : col(c)))
        : [':START_ID', ':END_ID', ':TYPE', 'key', 'kind', 'reach:boolean', 'conditional:boolean'].map(col);
    const table = what === 'nodes' ? 'BM_Node' : 'BM_Rel';
    await rows(conn, `COPY ${table} FROM (LOAD WITH HEADERS (${withHeaders}) FROM '${join(dir, file!)}' (header = true, parallel = false) RETURN ${picked.join(', ')})`);
  }
}

describe.skipIf(!kuzu)(`the Neo4j exports in an embedded Cypher engine (kuzu ${KUZU_VERSION})`, () => {
  let a: Analysis;
  let db: KuzuDatabase;
  let conn: KuzuConnection;
  let dir: string;

  beforeAll(async () => {
    const s = new ImportSession();
    s.addFiles([...demoFiles(), repoFile('aws/hostile-names.json')]);
    a = await analyze(s.graph, { asOf: AS_OF });
    dir = mkdtempSync(join(tmpdir(), 'blastmap-neo4j-csv-'));
    db = new kuzu!.Database(':memory:', 256 * 1024 * 1024);
    conn = new kuzu!.Connection(db, 2);
    await loadCsv(conn, dir, toNeo4jCsv(a).files);
  }, 120_000);

  afterAll(async () => {
    await conn?.close();
    await db?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('loads every node with its id and name byte for byte, and every relationship', async () => {
    const got = new Map((await rows(conn, 'MATCH (n:BM_Node) RETURN n.id AS id, n.name AS name, n.kind AS kind, n.placeholder AS placeholder')).map((r) => [r.id as string, r]));
    expect(got.size).toBe(a.graph.order);
    a.graph.forEachNode((id, n) => {
      const r = got.get(id);
      expect(r, id).toBeDefined();
      // Kùzu reads an empty quoted field as NULL.
      expect(r!.name ?? '').toBe(n.name);
      expect(r!.kind).toBe(n.kind);
      expect(r!.placeholder).toBe(n.placeholder === true);
    });
    expect([...got.keys()]).toContain('arn:aws:iam::111122223333:user/<img src=x onerror="window.__pwned=1">');
    const count = async (where: string) => Number((await rows(conn, `MATCH ()-[r:BM_Rel]->() ${where} RETURN count(*) AS n`))[0]!.n);
    expect(await count('')).toBe(engineGraph(a).edges.length);
    // Every step of the reach index, and nothing else, is a `reach` relationship.
    expect(await count('WHERE r.reach = true')).toBe(a.reach.size);
  });

  it('finds the shortest privilege path to admin of every node with the length privilegePaths gives', async () => {
    const inKuzu = new Map<string, number>();
    for (const r of await rows(conn, `MATCH p = (x:BM_Node)-${REACH}->(adm:BM_Node) WHERE adm.kind = 'adminAccess' AND adm.id <> x.id RETURN x.id AS id, min(length(p)) AS hops`)) inKuzu.set(r.id as string, Number(r.hops));
    const inBlastmap = new Map<string, number>();
    for (const id of a.reach.ids) {
      const p = privilegePaths(a, id, 'admin', 1)[0];
      if (p) inBlastmap.set(id, p.hops);
    }
    expect(Math.max(...inBlastmap.values())).toBeLessThan(MAX_HOPS);
    expect(inBlastmap.size).toBeGreaterThan(20);
    expect(inBlastmap.get('arn:aws:iam::210987654321:user/service/svc-jenkins-deploy')).toBe(1);
    expect(inBlastmap.get('arn:aws:iam::210987654321:role/github-actions-azure-sync')).toBe(2);
    expect([...inBlastmap.values()].some((h) => h >= 4)).toBe(true);
    expect(new Map([...inKuzu].sort())).toEqual(new Map([...inBlastmap].sort()));
  });

  it('answers who can reach every identity and principal as whoCan does (ids and hops)', async () => {
    const inKuzu = new Map<string, Map<string, number>>();
    for (const r of await rows(conn, `MATCH p = (x:BM_Node)-${REACH}->(t:BM_Node) WHERE x.id <> t.id RETURN t.id AS target, x.id AS id, length(p) AS hops`)) {
      const target = r.target as string;
      if (!inKuzu.has(target)) inKuzu.set(target, new Map());
      inKuzu.get(target)!.set(r.id as string, Number(r.hops));
    }
    let compared = 0;
    let most = 0;
    a.graph.forEachNode((target, n) => {
      if (isResourceKind(n.kind)) return;
      const blastmap = new Map(whoCan(a, target).reachers.map((x) => [x.id, x.hops] as const));
      const kuzuSide = inKuzu.get(target) ?? new Map<string, number>();
      expect(new Map([...kuzuSide].sort()), target).toEqual(new Map([...blastmap].sort()));
      compared++;
      most = Math.max(most, blastmap.size);
    });
    expect(compared).toBeGreaterThan(50);
    expect(most).toBeGreaterThan(20);
    const admin = whoCan(a, 'admin:aws:210987654321').reachers;
    expect(admin.some((x) => x.id === 'arn:aws:iam::210987654321:user/service/svc-jenkins-deploy' && x.hops === 1)).toBe(true);
    expect(new Set(inKuzu.get('admin:aws:210987654321')!.keys())).toEqual(new Set(admin.map((x) => x.id)));
  });

  it('reads the Cypher script literals back exactly, hostile names included', async () => {
    const hostile = [`o'brien\\ }{ \`tick\` "dq" ; // /* x */`, `line1\nline2\r\nend\ttab`, `x'}}] AS row MATCH (n) DETACH DELETE n //`, 'ünïcødé 🙂 \u2028'];
    const gaad = {
      UserDetailList: hostile.map((name, i) => ({
        Path: '/',
        UserName: name,
        UserId: `AIDAHOSTILE${i}`,
        Arn: `arn:aws:iam::111122223333:user/${name}`,
        CreateDate: '2024-01-01T00:00:00Z',
        GroupList: [`grp'${i}\\`],
        AttachedManagedPolicies: [],
        Tags: [{ Key: `k'${i}`, Value: `v\\'${i}\n}` }],
      })),
      RoleDetailList: [],
      GroupDetailList: [],
      Policies: [],
    };
    const s = new ImportSession();
    s.addFiles([textFile('hostile.json', JSON.stringify(gaad))]);
    const small = await analyze(s.graph, { asOf: AS_OF });
    const script = toCypher(small);
    const g = engineGraph(small);
    const nodeById = new Map(g.nodes.map((n) => [n.id, n]));
    const edgeByKey = new Map(g.edges.map((e) => [e.key, e]));
    // Each UNWIND statement's rows, evaluated by Kùzu one at a time (Kùzu wants one shape per list).
    const statements = script.split('UNWIND [\n').slice(1);
    expect(statements.length).toBeGreaterThan(2);
    let checkedNodes = 0;
    let checkedEdges = 0;
    for (const st of statements) {
      const list = st.slice(0, st.lastIndexOf('\n] AS row\n'));
      for (const row of list.split(/,\n(?=\{(?:id|s): ')/)) {
        const [r] = await rows(conn, `UNWIND [${row}] AS row RETURN row AS row`);
        const value = r!.row as Record<string, unknown> & { props: Record<string, unknown> };
        if (typeof value.id === 'string') {
          const n = nodeById.get(value.id);
          expect(n, value.id).toBeDefined();
          expect({ ...value.props }).toEqual({ ...n!.properties });
          checkedNodes++;
        } else {
          const e = edgeByKey.get(value.key as string);
          expect(e, String(value.key)).toBeDefined();
          expect([value.s, value.t]).toEqual([e!.source, e!.target]);
          expect({ ...value.props }).toEqual({ ...e!.properties });
          checkedEdges++;
        }
      }
    }
    expect(checkedNodes).toBe(g.nodes.length);
    expect(checkedEdges).toBe(g.edges.length);
    for (const name of hostile) expect(nodeById.get(`arn:aws:iam::111122223333:user/${name}`)?.properties.name).toBe(name);
  });
});

if (!kuzu) {
  describe('the Neo4j exports in an embedded Cypher engine', () => {
    it.skip(`kuzu ${KUZU_VERSION} unavailable: ${String(loaded)}`, () => {});
  });
}
