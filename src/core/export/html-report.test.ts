/**
 * The HTML report: one static file that can neither run nor fetch anything (CSP meta, no script,
 * only our own tags and attributes, in-page links only), every export string escaped (the hostile
 * names fixture), and the content the issue lists: summary, metrics, the top identities with their
 * paths to admin drawn, the findings table (capped, saying how many were left out).
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ImportSession } from '../graph/session';
import { analyze, type Analysis } from '../analysis/analysis';
import { adminReport } from '../analysis/admins';
import { privilegePaths } from '../analysis/privilege-paths';
import { demoFiles, repoFile } from '../test-support/public-corpus';
import type { FileInput } from '../importers/import-file';
import { assessRisk, type RiskReport } from '../risk/assess';
import { BLASTMAP_VERSION } from '../version';
import { escapeHtml, htmlReport, pathSvg, REPORT_CSP, wrapText, type HtmlReportOptions } from './html-report';
import type { PrivilegePath } from '../analysis/privilege-paths';

const AS_OF = Date.parse('2026-11-22T08:05:00Z');

async function analysed(files: FileInput[]): Promise<{ a: Analysis; risk: RiskReport; files: FileInput[] }> {
  const session = new ImportSession();
  session.addFiles(files);
  const a = await analyze(session.graph, { asOf: AS_OF });
  return { a, risk: assessRisk(a), files };
}

const optsFor = (files: FileInput[], extra: Partial<HtmlReportOptions> = {}): HtmlReportOptions => ({
  title: 'Blastmap risk report',
  generatedAt: '2026-11-22T09:00:00.000Z',
  blastmapVersion: BLASTMAP_VERSION,
  files: files.map((f) => ({ name: f.name, sha256: createHash('sha256').update(f.text).digest('hex') })),
  ...extra,
});

const HOSTILE_USER = '<img src=x onerror="window.__pwned=1">';
const HOSTILE_ROLE = 'javascript:alert(1)';

const CASES: [string, () => FileInput[]][] = [
  ['demo', demoFiles],
  ['hostile names', () => [repoFile('aws/hostile-names.json')]],
  ['demo + hostile names', () => [...demoFiles(), repoFile('aws/hostile-names.json')]],
];

/** The tags and attributes the report may use: anything else came from the data. */
const TAGS = new Set(['!doctype', 'html', 'head', 'meta', 'title', 'style', 'body', 'main', 'header', 'nav', 'section', 'footer', 'h1', 'h2', 'h3', 'p', 'b', 'em', 'br', 'span', 'code', 'div', 'a', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'ul', 'ol', 'li', 'svg', 'g', 'rect', 'text', 'tspan', 'line', 'polyline', 'polygon']);
const ATTRS = new Set(['lang', 'charset', 'http-equiv', 'content', 'name', 'id', 'class', 'style', 'href', 'role', 'aria-label', 'viewbox', 'width', 'height', 'x', 'y', 'rx', 'x1', 'y1', 'x2', 'y2', 'points', 'text-anchor', 'dy', 'html']);

interface Tag {
  name: string;
  attrs: [string, string][];
}

/** Every tag of the document, with its attributes. Fails on a `<` that opens no tag of ours. */
function tags(html: string): Tag[] {
  const out: Tag[] = [];
  let i = 0;
  for (;;) {
    const lt = html.indexOf('<', i);
    if (lt < 0) break;
    const gt = html.indexOf('>', lt);
    expect(gt, `unclosed tag at ${lt}`).toBeGreaterThan(lt);
    const inner = html.slice(lt + 1, gt);
    i = gt + 1;
    if (inner.startsWith('/')) continue;
    const m = /^(!?[a-zA-Z][a-zA-Z0-9-]*)/.exec(inner);
    expect(m, `not a tag: <${inner.slice(0, 40)}`).toBeTruthy();
    const name = m![1]!.toLowerCase();
    const attrs: [string, string][] = [];
    const rest = inner.slice(m![1]!.length).replace(/\/$/, '');
    const re = /\s+([^\s="'>/]+)(?:="([^"]*)")?/y;
    let pos = 0;
    for (;;) {
      re.lastIndex = pos;
      const a = re.exec(rest);
      if (!a) break;
      attrs.push([a[1]!.toLowerCase(), a[2] ?? '']);
      pos = re.lastIndex;
    }
    expect(rest.slice(pos).trim(), `unparsed attributes in <${inner.slice(0, 60)}>`).toBe('');
    out.push({ name, attrs });
    // The style element's content is ours (CSS); skip to its end.
    if (name === 'style') i = html.indexOf('</style>', i);
  }
  return out;
}

const section = (html: string, id: string) => {
  const start = html.indexOf(`<section id="${id}">`);
  return html.slice(start, html.indexOf('</section>', start));
};

describe.each(CASES)('the HTML report of %s', (_label, files) => {
  const ready = analysed(files());

  it('is one static document that cannot run or fetch anything', async () => {
    const { a, risk, files } = await ready;
    const html = htmlReport(a, risk, optsFor(files));
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="${REPORT_CSP}">`);
    expect(REPORT_CSP).toBe("default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'");
    // The policy applies from the start: before the title, the style, and anything from the data.
    expect(html.indexOf('Content-Security-Policy')).toBeLessThan(html.indexOf('<title>'));
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<(img|iframe|object|embed|link|base|form|svg:script|foreignobject|image|use|audio|video|source)\b/i);
    const style = html.slice(html.indexOf('<style>'), html.indexOf('</style>'));
    expect(style).not.toMatch(/url\(|@import|@font-face|expression\(/i);
    for (const tag of tags(html)) {
      expect(TAGS.has(tag.name), `tag <${tag.name}>`).toBe(true);
      for (const [k, v] of tag.attrs) {
        expect(ATTRS.has(k), `attribute ${k} on <${tag.name}>`).toBe(true);
        expect(k.startsWith('on')).toBe(false);
        expect(v, `${k}="${v}"`).not.toMatch(/:\/\/|javascript:|url\(/i);
        if (k === 'href') expect(v).toMatch(/^#[a-z-]+$/);
        if (k === 'style') expect(v).toMatch(/^[a-z-]+:[0-9a-z%. -]+(;[a-z-]+:[0-9a-z%. -]+)*;?$/);
      }
    }
  });

  it('states the title, the dates, the version and the source files with their SHA-256', async () => {
    const { a, risk, files } = await ready;
    const opts = optsFor(files);
    const html = htmlReport(a, risk, opts);
    expect(html).toContain('<title>Blastmap risk report</title>');
    expect(html).toContain('As of <b>2026-11-22 08:05 UTC</b>');
    expect(html).toContain('generated 2026-11-22 09:00 UTC');
    expect(html).toContain(`Blastmap ${BLASTMAP_VERSION}`);
    for (const f of opts.files!) {
      expect(html).toContain(escapeHtml(f.name));
      expect(html).toContain(f.sha256!);
    }
  });

  it('counts nodes, identities, admins, escalations and findings by severity and category', async () => {
    const { a, risk, files } = await ready;
    const html = htmlReport(a, risk, optsFor(files));
    const summary = section(html, 'summary');
    const admins = adminReport(a, 1);
    const card = (n: number, label: string) => `<div class="card"><b>${n.toLocaleString('en-US')}</b>${label}`;
    expect(summary).toContain(card(a.graph.order, 'nodes'));
    expect(summary).toContain(card(risk.classification.length, 'identities'));
    expect(summary).toContain(card(admins.admins.length + admins.conditionalAdmins.length, 'administrators'));
    expect(summary).toContain(card(admins.escalatesToAdmin.length, 'can escalate to admin'));
    for (const e of admins.escalatesToAdmin) expect(summary).toContain(escapeHtml(a.graph.getNodeAttribute(e.principal, 'name')));
    const overview = section(html, 'findings-overview');
    for (const s of ['critical', 'high', 'medium', 'low'] as const) {
      const n = risk.findings.filter((f) => f.severity === s).length;
      expect(overview).toContain(`<span class="sev sev-${s}">${s}</span></td><td class="n">${n}</td>`);
    }
    for (const cat of new Set(risk.findings.map((f) => f.owasp))) {
      const n = risk.findings.filter((f) => f.owasp === cat).length;
      expect(overview).toMatch(new RegExp(`<code>${cat}</code>.*?<td class="n"><b>${n}</b></td>`));
    }
    const metrics = section(html, 'metrics');
    for (const [p, m] of Object.entries(risk.metrics)) for (const k of Object.keys(m)) expect(metrics, `${p}.${k}`).toContain(`<code class="muted">${k}</code>`);
  });

  it('lists the top 10 identities by risk, each with its shortest path to admin drawn', async () => {
    const { a, risk, files } = await ready;
    const html = htmlReport(a, risk, optsFor(files));
    const top = section(html, 'top');
    const name = (id: string) => (a.graph.hasNode(id) ? a.graph.getNodeAttribute(id, 'name') : id);
    const listed = risk.ranking.slice(0, 10);
    expect(listed.length).toBeGreaterThan(0);
    let drawn = 0;
    for (const [i, r] of listed.entries()) {
      expect(top).toContain(`<h3 class="wrap">${i + 1}. ${escapeHtml(r.name)}</h3>`);
      const path = privilegePaths(a, r.id, 'admin', 1)[0];
      if (!path) continue;
      drawn++;
      const chain = [path.steps[0]!.from, ...path.steps.map((s) => s.to)].map(name);
      expect(top).toContain(`aria-label="${escapeHtml(`Path: ${chain.join(' to ')}`)}"`);
      for (const s of path.steps) expect(top).toContain(escapeHtml(s.explanation));
    }
    expect((top.match(/<svg /g) ?? []).length).toBe(drawn);
    expect(top.match(/<div class="identity">/g)).toHaveLength(listed.length);
  });

  it('has one findings row per finding', async () => {
    const { a, risk, files } = await ready;
    const html = htmlReport(a, risk, optsFor(files));
    const table = section(html, 'findings');
    expect(table.match(/<tr><td class="n">/g) ?? []).toHaveLength(risk.findings.length);
    for (const f of risk.findings) {
      expect(table).toContain(escapeHtml(f.detail));
      expect(table).toContain(escapeHtml(f.remediation));
    }
    expect(table).not.toContain('left out');
  });
});

describe('escaping', () => {
  it('shows the hostile names as text, never as tags', async () => {
    const { a, risk, files } = await analysed([...demoFiles(), repoFile('aws/hostile-names.json')]);
    const html = htmlReport(a, risk, optsFor(files));
    const ids = risk.ranking.map((r) => r.name);
    expect(ids).toContain(HOSTILE_USER);
    expect(ids).toContain(HOSTILE_ROLE);
    expect(html).toContain('&lt;img src=x onerror=&quot;window.__pwned=1&quot;&gt;');
    expect(html).toContain(escapeHtml(HOSTILE_ROLE));
    expect(html).not.toContain(HOSTILE_USER);
    expect(html).not.toMatch(/<img|<b on|onerror=(?!&quot;)/i);
  });

  it('escapes every string it is given, the host options included', async () => {
    const { a, risk } = await analysed(demoFiles());
    const evil = `</td></tr></table><script>alert('x')</script><a href="https://evil.example/">`;
    const copy: RiskReport = structuredClone(risk);
    copy.findings[0] = { ...copy.findings[0]!, detail: evil, remediation: evil, title: evil, evidence: [{ file: evil, location: evil, condition: evil }] };
    copy.ranking[0] = { ...copy.ranking[0]!, name: evil };
    const html = htmlReport(a, copy, { title: evil, generatedAt: evil, blastmapVersion: evil, files: [{ name: evil, sha256: evil }] });
    expect(html).not.toContain(evil);
    expect(html).not.toMatch(/<script|<a href="http/i);
    const escaped = escapeHtml(evil);
    expect(escaped).toBe('&lt;/td&gt;&lt;/tr&gt;&lt;/table&gt;&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&lt;a href=&quot;https://evil.example/&quot;&gt;');
    expect(html.split(escaped).length - 1).toBeGreaterThanOrEqual(8);
  });

  it('escapes & < > " and \' and nothing else', () => {
    expect(escapeHtml(`a&b<c>d"e'f`)).toBe('a&amp;b&lt;c&gt;d&quot;e&#39;f');
    expect(escapeHtml('plain ünïcode → text')).toBe('plain ünïcode → text');
    expect(escapeHtml(undefined)).toBe('');
  });
});

describe('bounds', () => {
  it('caps the findings table and says how many were left out', async () => {
    const { a, risk } = await analysed(demoFiles());
    expect(risk.findings.length).toBeGreaterThan(5);
    const html = htmlReport(a, risk, { ...optsFor([]), maxFindings: 5 });
    const table = section(html, 'findings');
    expect(table.match(/<tr><td class="n">/g)).toHaveLength(5);
    expect(table).toContain(`<b>${risk.findings.length - 5} of ${risk.findings.length} findings are left out</b>`);
    expect(html).toContain('The host did not list the source files.');
  });

  it('lists 2,000 findings by default however many there are, and stays a few megabytes', async () => {
    const { a, risk } = await analysed(demoFiles());
    const many: RiskReport = { ...risk, findings: Array.from({ length: 10_000 }, (_, i) => risk.findings[i % risk.findings.length]!) };
    const html = htmlReport(a, many, optsFor([]));
    expect(section(html, 'findings').match(/<tr><td class="n">/g)).toHaveLength(2000);
    expect(html).toContain('<b>8,000 of 10,000 findings are left out</b>');
    expect(html.length).toBeLessThan(4_000_000);
  });

  it('shortens a huge name instead of copying it whole', async () => {
    const { a, risk } = await analysed(demoFiles());
    const copy: RiskReport = structuredClone(risk);
    copy.findings[0] = { ...copy.findings[0]!, detail: 'x'.repeat(1_000_000) };
    const html = htmlReport(a, copy, optsFor([]));
    expect(html.length).toBeLessThan(htmlReport(a, risk, optsFor([])).length + 5000);
  });

  it('is the same text for the same inputs (no clock read)', async () => {
    const { a, risk, files } = await analysed(demoFiles());
    expect(htmlReport(a, risk, optsFor(files))).toBe(htmlReport(a, risk, optsFor(files)));
  });
});

describe('the path drawing', () => {
  it('wraps a long chain to rows of four boxes, one labelled arrow per step', async () => {
    const { a } = await analysed(demoFiles());
    const ids = ['n0', 'n1', 'n2', 'n3', 'n4', 'n5', '<img src=x onerror=alert(1)>'];
    const path: PrivilegePath = {
      steps: ids.slice(1).map((to, i) => ({ from: ids[i]!, to, edge: `e${i}`, kind: 'escalatesTo', technique: `technique-number-${i}-with-a-long-name`, conditional: i === 2, explanation: `step ${i}`, evidence: [] })),
      hops: 6,
      conditionalSteps: 1,
    };
    const svg = pathSvg(a, path);
    expect(svg.match(/<rect /g)).toHaveLength(7);
    expect(svg.match(/<line /g)).toHaveLength(5);
    expect(svg.match(/<polyline /g)).toHaveLength(1);
    expect(svg.match(/class="edge cond"/g)).toHaveLength(1);
    expect(svg).toMatch(/viewBox="0 0 1284 \d+"/);
    const rows = new Set([...svg.matchAll(/<rect class="box" x="\d+" y="(\d+)"/g)].map((m) => m[1]));
    expect(rows.size).toBe(2);
    expect(svg).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(svg).not.toContain('<img');
  });

  it('wraps text at separators, cutting the last line with an ellipsis', () => {
    expect(wrapText('Administrator of account 210987654321', 29, 2)).toEqual(['Administrator of account', '210987654321']);
    expect(wrapText('short', 29, 2)).toEqual(['short']);
    expect(wrapText('azure-role-assignment-write', 22, 2)).toEqual(['azure-role-assignment-', 'write']);
    expect(wrapText('x'.repeat(100), 10, 2)).toEqual(['x'.repeat(10), `${'x'.repeat(9)}…`]);
    expect(wrapText('😀'.repeat(12), 10, 1)).toEqual([`${'😀'.repeat(9)}…`]);
  });
});
