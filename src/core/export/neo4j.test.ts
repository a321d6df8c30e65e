/**
 * The Neo4j exports without an engine: CSV quoting (RFC 4180, parsed back by a reference reader
 * here), headers and the args file; Cypher string escaping, batching and the shape of the
 * statements. neo4j.kuzu.test.ts loads both into a real Cypher engine.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { ImportSession } from '../graph/session';
import { analyze, type Analysis } from '../analysis/analysis';
import { demoFiles, repoFile, textFile } from '../test-support/public-corpus';
import { syntheticGaad } from '../generate/synthetic-account';
import { CYPHER_BATCH, NEO4J_ARGS_FILE, cypherString, toCypher, toNeo4jCsv } from './neo4j';
import { engineGraph } from './engine-model';

const AS_OF = Date.parse('2026-11-22T08:05:00Z');

async function analysed(files = demoFiles()): Promise<Analysis> {
  const s = new ImportSession();
  s.addFiles(files);
  return analyze(s.graph, { asOf: AS_OF });
}

/** A strict RFC 4180 reader: quoted fields with doubled quotes, anything inside quotes kept. */
function parseCsv(text: string): (string | null)[][] {
  const rows: (string | null)[][] = [];
  let row: (string | null)[] = [];
  let i = 0;
  while (i < text.length) {
    let field: string | null;
    if (text[i] === '"') {
      let value = '';
      i++;
      for (;;) {
        const q = text.indexOf('"', i);
        if (q < 0) throw new Error('unterminated quote');
        value += text.slice(i, q);
        if (text[q + 1] === '"') {
          value += '"';
          i = q + 2;
        } else {
          i = q + 1;
          break;
        }
      }
      field = value;
    } else {
      let j = i;
      while (j < text.length && text[j] !== ',' && text[j] !== '\n') j++;
      const raw = text.slice(i, j);
      if (raw.includes('"')) throw new Error(`bare quote in ${raw}`);
      field = raw === '' ? null : raw;
      i = j;
    }
    row.push(field);
    if (text[i] === ',') i++;
    else if (text[i] === '\n' || i >= text.length) {
      rows.push(row);
      row = [];
      i++;
    } else throw new Error(`unexpected ${JSON.stringify(text[i])} at ${i}`);
  }
  return rows;
}

const HOSTILE = [`a,b "quoted", c`, `line1\nline2\r\n`, `=cmd|' /C calc'!A0`, `back\\slash 'single' \`tick\` }{`, '', ' padded '];

function hostileGaad(): string {
  return JSON.stringify({
    UserDetailList: HOSTILE.map((name, i) => ({
      Path: '/',
      UserName: name === '' ? 'empty-name-has-an-arn' : name,
      UserId: `AIDAHOSTILE${i}`,
      Arn: `arn:aws:iam::111122223333:user/${name}`,
      CreateDate: '2024-01-01T00:00:00Z',
      GroupList: [],
      AttachedManagedPolicies: [],
      Tags: [{ Key: 'k', Value: name }],
    })),
    RoleDetailList: [],
    GroupDetailList: [],
    Policies: [],
  });
}

describe('neo4j-admin CSV files', () => {
  let demo: Analysis;
  beforeAll(async () => {
    demo = await analysed([...demoFiles(), repoFile('aws/hostile-names.json')]);
  });

  it('one nodes file per kind and one relationships file per type, named in the args file', () => {
    const { files } = toNeo4jCsv(demo);
    const names = Object.keys(files);
    expect(names).toContain(NEO4J_ARGS_FILE);
    expect(names).toContain('nodes-BM_AWSRole.csv');
    expect(names).toContain('nodes-BM_K8sServiceAccount.csv');
    expect(names).toContain('relationships-BM_EscalatesTo.csv');
    expect(names).toContain('relationships-BM_AdminOf.csv');
    const args = files[NEO4J_ARGS_FILE]!.trim().split('\n');
    expect(args[0]).toBe('--multiline-fields=true');
    const listed = args.slice(1).map((x) => x.replace(/^--(nodes|relationships)=/, ''));
    expect(new Set(listed)).toEqual(new Set(names.filter((n) => n !== NEO4J_ARGS_FILE)));
    for (const n of names) expect(n).toMatch(/^[A-Za-z0-9_.-]+$/);
  });

  it('every file parses back (RFC 4180) to one row per node or relationship, ids and names exact', () => {
    const { files } = toNeo4jCsv(demo);
    const g = engineGraph(demo);
    const names = new Map<string, string>();
    let nodeRows = 0;
    let relRows = 0;
    for (const [file, text] of Object.entries(files)) {
      if (file === NEO4J_ARGS_FILE) continue;
      expect(text.endsWith('\n')).toBe(true);
      const [header, ...rows] = parseCsv(text);
      for (const row of rows) expect(row).toHaveLength(header!.length);
      if (file.startsWith('nodes-')) {
        expect(header!.slice(0, 2)).toEqual(['id:ID', ':LABEL']);
        expect(header).toContain('placeholder:boolean');
        const name = header!.indexOf('name');
        for (const row of rows) {
          names.set(row[0]!, row[name] ?? '');
          expect(row[1]!.split(';')[0]).toBe('BM_Node');
        }
        nodeRows += rows.length;
      } else {
        expect(header!.slice(0, 3)).toEqual([':START_ID', ':END_ID', ':TYPE']);
        expect(header).toContain('reach:boolean');
        relRows += rows.length;
      }
    }
    expect(nodeRows).toBe(demo.graph.order);
    expect(relRows).toBe(g.edges.length);
    demo.graph.forEachNode((id, n) => expect(names.get(id)).toBe(n.name));
  });

  it('quotes every string (quotes doubled), keeps bytes exact, types the other columns', async () => {
    const a = await analysed([textFile('hostile.json', hostileGaad())]);
    const text = toNeo4jCsv(a).files['nodes-BM_AWSUser.csv']!;
    const [header, ...rows] = parseCsv(text);
    const tags = header!.indexOf('tags');
    for (const name of HOSTILE) {
      const row = rows.find((r) => r[0] === `arn:aws:iam::111122223333:user/${name}`);
      expect(row, name).toBeDefined();
      // Arrays are JSON text: neo4j-admin's array delimiter could occur in a value.
      expect(JSON.parse(row![tags]!)).toEqual([`k=${name}`]);
    }
    expect(text).toContain('"a,b ""quoted"", c"');
    expect(text).toContain('"line1\nline2\r\n"');
    // Booleans and numbers are bare, missing values empty.
    expect(header).toContain('derived:boolean');
    expect(rows[0]![header!.indexOf('placeholder:boolean')]).toBe('false');
  });
});

describe('Cypher script', () => {
  it('escapes string literals: backslash and single quote, nothing else changed', () => {
    expect(cypherString(`it's`)).toBe(`'it\\'s'`);
    expect(cypherString('a\\b')).toBe(`'a\\\\b'`);
    expect(cypherString(`}\n{'\\'`)).toBe(`'}\n{\\'\\\\\\''`);
    expect(cypherString('"`$x')).toBe(`'"\`$x'`);
    expect(cypherString('\\u0027')).toBe(`'\\\\u0027'`);
    // UTF-8 cannot carry a lone surrogate: written as an escape Neo4j reads back.
    expect(cypherString('a\uD800b')).toBe(`'a\\uD800b'`);
    expect(cypherString('🙂')).toBe(`'🙂'`);
    // No literal ends early: outside quotes, what is left after removing escapes is the two quotes.
    for (const s of [`x'}}] AS row MATCH (n) DETACH DELETE n //`, `\\'`, `\\\\'`, `'''`]) {
      const lit = cypherString(s);
      const body = lit.slice(1, -1).replace(/\\./g, '');
      expect(body.includes("'"), lit).toBe(false);
      expect(body.includes('\\'), lit).toBe(false);
    }
  });

  it('MERGEs nodes on id with their labels, relationships on key, in batches of at most 500 rows', async () => {
    const gaad = syntheticGaad({ users: 1200, roles: 50, policies: 20, seed: 7 });
    const a = await analysed([textFile('synthetic.json', JSON.stringify(gaad))]);
    const script = toCypher(a);
    const g = engineGraph(a);
    const statements = script.split(';\n').filter((s) => s.includes('UNWIND ['));
    let rowsSeen = 0;
    for (const st of statements) {
      const list = st.slice(st.indexOf('UNWIND [\n') + 9, st.lastIndexOf('\n] AS row\n'));
      const n = list.split(/,\n(?=\{(?:id|s): ')/).length;
      expect(n).toBeLessThanOrEqual(CYPHER_BATCH);
      rowsSeen += n;
    }
    expect(rowsSeen).toBe(g.nodes.length + g.edges.length);
    expect(statements.filter((s) => s.includes('MERGE (n:BM_Node {id: row.id})')).length).toBeGreaterThanOrEqual(3);
    const users = g.nodes.filter((n) => n.kind === 'user').length;
    expect(users).toBeGreaterThan(2 * CYPHER_BATCH);
    expect(script.split('SET n:BM_AWSUser:BM_Identity, n += row.props;').length - 1).toBe(Math.ceil(users / CYPHER_BATCH));
    expect(script).toMatch(/MERGE \(s\)-\[r:BM_[A-Za-z]+ \{key: row\.key\}\]->\(t\)\nSET r \+= row\.props;/);
    expect(script.startsWith('// Blastmap graph for Neo4j')).toBe(true);
    expect(script).toContain('CREATE CONSTRAINT bm_node_id IF NOT EXISTS FOR (n:BM_Node) REQUIRE n.id IS UNIQUE;');
  });

  it('writes hostile names only inside escaped literals', async () => {
    const a = await analysed([textFile('hostile.json', hostileGaad()), repoFile('aws/hostile-names.json')]);
    const script = toCypher(a);
    // Strip every literal (escapes honoured): what remains is our statements only.
    const outside = script.replace(/'(?:[^'\\]|\\.)*'/gs, "''").replace(/`(?:[^`]|``)*`/g, '``');
    expect(outside).not.toContain('DETACH');
    expect(outside).not.toContain('onerror');
    expect(outside).not.toContain('calc');
    for (const line of outside.split('\n')) expect(line).toMatch(/^(\/\/ .*|CREATE CONSTRAINT .*|UNWIND \[|\{(id|s): '', .*\},?|\] AS row|MERGE .*|MATCH .*|SET .*|)$/);
  });
});
