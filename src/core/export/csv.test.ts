/**
 * The CSV exports: RFC 4180 (CRLF lines, quoted commas, quotes and line breaks), defused against
 * spreadsheet formulas, with the rows the issue lists: one per finding, one per identity,
 * credential, secret and resource, one per edge and piece of evidence.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ImportSession } from '../graph/session';
import { analyze, type Analysis } from '../analysis/analysis';
import { demoFiles, repoFile, textFile } from '../test-support/public-corpus';
import type { FileInput } from '../importers/import-file';
import { assessRisk, type RiskReport } from '../risk/assess';
import { kindInfo } from '../model/kinds';
import { OWASP_NHI } from '../risk/types';
import { csvCell, csvRow, edgesCsv, EDGES_CSV_HEADER, findingsCsv, FINDINGS_CSV_HEADER, inventoryCsv, INVENTORY_CSV_HEADER, MAX_CSV_CELL, toCsv } from './csv';

const AS_OF = Date.parse('2026-11-22T08:05:00Z');

async function analysed(files: FileInput[]): Promise<{ a: Analysis; risk: RiskReport }> {
  const session = new ImportSession();
  session.addFiles(files);
  const a = await analyze(session.graph, { asOf: AS_OF });
  return { a, risk: assessRisk(a) };
}

/** A strict RFC 4180 reader: CRLF after every record, quotes only around whole fields. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let i = 0;
  while (i < text.length) {
    let cell = '';
    if (text[i] === '"') {
      i++;
      for (;;) {
        const q = text.indexOf('"', i);
        if (q < 0) throw new Error('unclosed quote');
        cell += text.slice(i, q);
        if (text[q + 1] === '"') {
          cell += '"';
          i = q + 2;
        } else {
          i = q + 1;
          break;
        }
      }
    } else {
      const plain = /[^,\r\n"]*/y;
      plain.lastIndex = i;
      plain.exec(text);
      cell = text.slice(i, plain.lastIndex);
      i = plain.lastIndex;
    }
    row.push(cell);
    if (text[i] === ',') {
      i++;
      continue;
    }
    if (text.startsWith('\r\n', i)) {
      rows.push(row);
      row = [];
      i += 2;
      continue;
    }
    throw new Error(`not RFC 4180 at ${i}: ${JSON.stringify(text.slice(i, i + 20))}`);
  }
  if (row.length) throw new Error('last record without CRLF');
  return rows;
}

/** What a cell holds once defused: a leading quote before a formula character. */
const defused = (s: string) => (/^[=+\-@\t\r]/.test(s) ? `'${s}` : s);

function records<H extends string>(text: string, header: readonly H[]): Record<H, string>[] {
  const rows = parseCsv(text);
  expect(rows[0]).toEqual([...header]);
  for (const r of rows) expect(r).toHaveLength(header.length);
  return rows.slice(1).map((r) => Object.fromEntries(header.map((h, i) => [h, r[i]!])) as Record<H, string>);
}

describe('csvCell', () => {
  it.each([
    ['plain', 'plain'],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['line 1\nline 2', '"line 1\nline 2"'],
    ['line 1\r\nline 2', '"line 1\r\nline 2"'],
    ['=1+1', "'=1+1"],
    ['+1', "'+1"],
    ['-1', "'-1"],
    ['@SUM(A1:A2)', "'@SUM(A1:A2)"],
    ['\t=1', "'\t=1"],
    ['\r=1', `"'\r=1"`],
    ['=HYPERLINK("https://evil.example","x")', `"'=HYPERLINK(""https://evil.example"",""x"")"`],
    ['a=1', 'a=1'],
    [' =1', ' =1'],
    ['', ''],
  ])('%j -> %j', (input, out) => expect(csvCell(input)).toBe(out));

  it('writes values of every type', () => {
    expect([undefined, null, true, false, 12.5, Number.NaN, ['a', 'b'], { k: 1 }].map(csvCell)).toEqual(['', '', 'true', 'false', '12.5', '', 'a; b', '"{""k"":1}"']);
  });

  it('shortens a cell to what a spreadsheet holds', () => {
    const cell = csvCell('x'.repeat(100_000));
    expect(cell.length).toBe(MAX_CSV_CELL);
    expect(cell.endsWith('…[truncated]')).toBe(true);
  });

  it('reads back as written, defused, for any text (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: fc.constantFrom('a', ',', '"', '\r', '\n', '=', '+', '-', '@', '\t', ' ', "'", 'é') }), { minLength: 1, maxLength: 6 }), (cells) => {
        const back = parseCsv(csvRow(cells));
        expect(back).toEqual([cells.map(defused)]);
        for (const c of back[0]!) expect(c).not.toMatch(/^[=+\-@\t\r]/);
      }),
      { numRuns: 500 },
    );
  });

  it('ends every record with CRLF, the last included', () => {
    expect(toCsv(['a', 'b'], [['1', '2'], ['x\ny', '']])).toBe('a,b\r\n1,2\r\n"x\ny",\r\n');
  });
});

describe.each([
  ['demo', demoFiles],
  ['hostile names', () => [repoFile('aws/hostile-names.json')]],
  ['demo + hostile names', () => [...demoFiles(), repoFile('aws/hostile-names.json')]],
] as [string, () => FileInput[]][])('the CSV exports of %s', (_label, files) => {
  const ready = analysed(files());

  it('findings: one row per finding, in order, with its evidence', async () => {
    const { a, risk } = await ready;
    const rows = records(findingsCsv(risk, a), FINDINGS_CSV_HEADER);
    expect(rows).toHaveLength(risk.findings.length);
    expect(risk.findings.length).toBeGreaterThan(0);
    risk.findings.forEach((f, i) => {
      const r = rows[i]!;
      expect([r.severity, r.owasp, r.owasp_category, r.rule, r.subject, r.identity, r.provider]).toEqual([f.severity, f.owasp, OWASP_NHI[f.owasp], f.rule, defused(f.subject), defused(f.identity), f.provider]);
      expect(r.title).toBe(defused(f.title));
      expect(r.detail).toBe(defused(f.detail));
      expect(r.remediation).toBe(defused(f.remediation));
      expect(Number(r.risk)).toBe(f.risk);
      expect(r.as_of).toBe('2026-11-22T08:05:00.000Z');
      expect(r.subject_name).toBe(defused(a.graph.getNodeAttribute(f.subject, 'name')));
      if (f.evidence[0]) {
        expect(r.evidence_file).toBe(defused(f.evidence[0].file));
        expect(r.evidence.split('\n')).toHaveLength(f.evidence.length);
      }
    });
    // Without the analysis, the same rows with the names left empty.
    const bare = records(findingsCsv(risk), FINDINGS_CSV_HEADER);
    expect(bare.map((r) => r.subject)).toEqual(rows.map((r) => r.subject));
    expect(bare.every((r) => r.subject_name === '' && r.identity_name === '')).toBe(true);
  });

  it('inventory: every identity, credential, secret and resource, with its classification', async () => {
    const { a, risk } = await ready;
    const rows = records(inventoryCsv(a, risk.classification), INVENTORY_CSV_HEADER);
    const expected: string[] = [];
    a.graph.forEachNode((id, n) => {
      if (['identity', 'credential', 'secret', 'resource'].includes(kindInfo(n.kind).category)) expected.push(defused(id));
    });
    expect(rows.map((r) => r.id).sort()).toEqual(expected.sort());
    const byId = new Map(rows.map((r) => [r.id, r]));
    for (const c of risk.classification) {
      const r = byId.get(defused(c.id))!;
      expect(r.nature).toBe(c.nature);
      expect(r.nature_reason).toBe(defused(c.reason));
    }
    a.graph.forEachNode((id, n) => {
      const r = byId.get(defused(id));
      if (!r) return;
      expect([r.kind, r.provider, r.name, r.placeholder]).toEqual([n.kind, n.provider, defused(n.name), String(n.placeholder === true)]);
      if (typeof n.attributes.created === 'string') expect(r.created).toBe(n.attributes.created);
      if (typeof n.attributes.active === 'boolean') expect(r.active).toBe(String(n.attributes.active));
    });
    // Without a classification the column is empty.
    expect(records(inventoryCsv(a), INVENTORY_CSV_HEADER).every((r) => r.nature === '')).toBe(true);
  });

  it('edges: one row per edge and piece of evidence', async () => {
    const { a } = await ready;
    const rows = records(edgesCsv(a), EDGES_CSV_HEADER);
    let expected = 0;
    a.graph.forEachEdge((_k, e) => {
      expected += Math.max(1, e.evidence.length);
    });
    expect(rows).toHaveLength(expected);
    a.graph.forEachEdge((key, e, source, target) => {
      const mine = rows.filter((r) => r.edge === defused(key));
      expect(mine).toHaveLength(Math.max(1, e.evidence.length));
      for (const r of mine) expect([r.kind, r.source, r.target, r.evidence_count]).toEqual([e.kind, defused(source), defused(target), String(e.evidence.length)]);
      e.evidence.forEach((ev, i) => {
        const r = mine[i]!;
        expect([r.evidence_index, r.evidence_file, r.evidence_location, r.evidence_policy, r.evidence_statement, r.evidence_condition]).toEqual([String(i + 1), defused(ev.file), defused(ev.location), defused(ev.policy ?? ''), defused(ev.statement ?? ''), defused(ev.condition ?? '')]);
      });
      if (e.kind === 'escalatesTo') expect(mine[0]!.technique).toBe(e.attributes.technique);
    });
  });
});

describe('hostile text in the CSV exports', () => {
  it('keeps the hostile names exactly, as text', async () => {
    const { a, risk } = await analysed([repoFile('aws/hostile-names.json')]);
    const inv = records(inventoryCsv(a, risk.classification), INVENTORY_CSV_HEADER);
    expect(inv.map((r) => r.name)).toEqual(expect.arrayContaining(['<img src=x onerror="window.__pwned=1">', 'javascript:alert(1)']));
    const user = inv.find((r) => r.name === '<img src=x onerror="window.__pwned=1">')!;
    expect(user.tags).toBe('__proto__=<script>window.__pwned=2</script>');
    const edges = records(edgesCsv(a), EDGES_CSV_HEADER);
    expect(edges.some((r) => r.evidence_condition.includes('<b onmouseover=alert(1)>x</b>'))).toBe(true);
  });

  it('defuses formulas planted in names, tags and policies', async () => {
    const gaad = {
      UserDetailList: [
        {
          Path: '/',
          UserName: '=1+2',
          UserId: 'AIDAFORMULA000000001',
          Arn: 'arn:aws:iam::111122223333:user/=1+2',
          CreateDate: '2024-01-01T00:00:00Z',
          GroupList: [],
          AttachedManagedPolicies: [],
          UserPolicyList: [{ PolicyName: '@evil', PolicyDocument: { Version: '2012-10-17', Statement: [{ Sid: '+sid', Effect: 'Allow', Action: 'iam:PassRole', Resource: '*' }] } }],
          Tags: [{ Key: 'owner', Value: '=HYPERLINK("https://evil.example","click")' }],
        },
      ],
      RoleDetailList: [
        {
          Path: '/',
          RoleName: '@role',
          RoleId: 'AROAFORMULA000000001',
          Arn: 'arn:aws:iam::111122223333:role/@role',
          CreateDate: '2024-01-01T00:00:00Z',
          AssumeRolePolicyDocument: { Version: '2012-10-17', Statement: [{ Sid: '-cmd', Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:user/=1+2' }, Action: 'sts:AssumeRole' }] },
          InstanceProfileList: [],
          RolePolicyList: [],
          AttachedManagedPolicies: [],
          Tags: [],
          RoleLastUsed: {},
        },
      ],
      GroupDetailList: [],
      Policies: [],
    };
    const { a, risk } = await analysed([textFile('+formula.json', JSON.stringify(gaad))]);
    const texts = [findingsCsv(risk, a), inventoryCsv(a, risk.classification), edgesCsv(a)];
    for (const text of texts) for (const row of parseCsv(text)) for (const cell of row) expect(cell, cell).not.toMatch(/^[=+\-@\t\r]/);
    const inv = records(texts[1]!, INVENTORY_CSV_HEADER);
    const user = inv.find((r) => r.name === "'=1+2")!;
    expect(user).toBeTruthy();
    expect(user.tags).toBe('owner==HYPERLINK("https://evil.example","click")');
    const edges = records(texts[2]!, EDGES_CSV_HEADER);
    expect(edges.some((r) => r.evidence_file === "'+formula.json")).toBe(true);
    expect(edges.some((r) => r.kind === 'canAssume' && r.evidence_statement === "'-cmd" && r.target_name === "'@role")).toBe(true);
  });
});
