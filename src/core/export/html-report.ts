/**
 * The risk report as ONE self-contained HTML file: it opens offline and asks for nothing.
 *
 * - No script of any kind, no event handler attribute, no external font, image, stylesheet or
 *   link: inline CSS only; the only links are in-page anchors (`href="#..."`).
 * - A Content-Security-Policy meta (`default-src 'none'`...) as a second line of defence, so even
 *   markup that slipped through could neither run nor fetch.
 * - Every string that comes from an export (names, ids, details, evidence, file names, even the
 *   title the host passes) goes through `escapeHtml`: export data is attacker-controlled, and a
 *   role named `<img src=x onerror=alert(1)>` must show as text. Numbers that reach attributes
 *   (bar widths, SVG coordinates) are computed here, never read from the data.
 * - Paths to admin are drawn as inline SVG from positions computed here (a left-to-right chain of
 *   boxes, wrapping to a new row after a few boxes), with the steps also written out as text.
 * - Bounded for big estates: the findings table shows the first `maxFindings` rows (2,000 by
 *   default) and says how many were left out; long strings are shortened.
 *
 * Pure: the host passes the generation time; the core reads no clock.
 */
import type { Analysis } from '../analysis/analysis';
import { adminReport } from '../analysis/admins';
import { privilegePaths, type PrivilegePath } from '../analysis/privilege-paths';
import { edgeKindInfo, kindInfo, type NodeCategory } from '../model/kinds';
import type { Evidence } from '../model/types';
import { providerLabel } from '../providers';
import type { RiskReport } from '../risk/assess';
import { OWASP_NHI, SEVERITIES, type Finding, type OwaspNhi, type Severity } from '../risk/types';

export interface HtmlReportOptions {
  title: string;
  /** When the report was generated (ISO), passed by the host: the core never reads the clock. */
  generatedAt: string;
  blastmapVersion: string;
  /** The source export files, with their SHA-256 (hex) when the host computed it. */
  files?: { name: string; sha256?: string }[];
  /** Rows of the findings table (2,000 by default); the rest are counted, not listed. */
  maxFindings?: number;
  /** Identities listed, with their paths drawn (10 by default). */
  topIdentities?: number;
}

/** The policy the report declares: nothing may load or run; inline styles and data: images only. */
export const REPORT_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";

export const DEFAULT_MAX_FINDINGS = 2000;
const MAX_FILES = 1000;
const MAX_ESCALATORS = 50;
const MAX_EVIDENCE = 3;
/** Longest text shown in one place (a name, a detail): a hostile export could hold megabytes. */
const MAX_TEXT = 2000;

const ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text for HTML content or a quoted attribute value: `&<>"'` become entities. */
export function escapeHtml(text: unknown): string {
  return String(text ?? '').replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

/** Shortened (by code point, never splitting a surrogate pair) to `max` characters. */
function clip(text: string, max = MAX_TEXT): string {
  if (text.length <= max) return text;
  const cps = Array.from(text);
  return cps.length <= max ? text : `${cps.slice(0, max - 1).join('')}…`;
}

/** Escaped and shortened: the only way data reaches the page. */
const t = (text: unknown, max = MAX_TEXT) => escapeHtml(clip(String(text ?? ''), max));

const fmt = new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 });
const num = (n: number) => (Number.isFinite(n) ? fmt.format(n) : '');

/** An ISO time as `2026-11-22 08:05 UTC`; anything else as given. */
function when(iso: string): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return iso;
  const s = new Date(ms).toISOString();
  return `${s.slice(0, 10)} ${s.slice(11, 16)} UTC`;
}

const STYLE = `
:root{color-scheme:light dark;--bg:#fff;--fg:#1b1f24;--muted:#5b6570;--line:#d5dae0;--panel:#f5f7f9;--box:#eef3fb;--boxline:#5b7db8;--accent:#2f5fb3;
--critical:#a4161a;--high:#d9480f;--medium:#b08800;--low:#5b6570}
@media (prefers-color-scheme:dark){:root{--bg:#14171b;--fg:#e4e8ec;--muted:#9aa4ae;--line:#333b44;--panel:#1c2127;--box:#1e2a3b;--boxline:#7ea2e0;--accent:#8fb3f0;
--critical:#ff6b6b;--high:#ff922b;--medium:#f0c419;--low:#adb5bd}}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--fg);font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif}
main{max-width:1200px;margin:0 auto;padding:24px}
h1{font-size:26px;margin:0 0 4px}h2{font-size:20px;margin:32px 0 10px;padding-bottom:4px;border-bottom:1px solid var(--line)}h3{font-size:16px;margin:0 0 4px}
.meta,.muted{color:var(--muted)}.small{font-size:12px}
code,.mono{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:12px}
.wrap{overflow-wrap:anywhere;word-break:break-word}
nav{margin:12px 0;display:flex;flex-wrap:wrap;gap:4px 14px}nav a{color:var(--accent);text-decoration:none}
table{border-collapse:collapse;width:100%;margin:6px 0}
th,td{border:1px solid var(--line);padding:4px 6px;text-align:left;vertical-align:top}
th{background:var(--panel);font-weight:600}
td.n,th.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
td,li,.bdi{unicode-bidi:plaintext}
.cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(160px,1fr));gap:8px}
.card{background:var(--panel);border:1px solid var(--line);border-radius:6px;padding:8px 10px}
.card b{display:block;font-size:22px}
.sev{display:inline-block;padding:0 6px;border-radius:3px;color:#fff;font-size:12px;font-weight:600;text-transform:uppercase}
.sev-critical{background:var(--critical)}.sev-high{background:var(--high)}.sev-medium{background:var(--medium);color:#111}.sev-low{background:var(--low)}
.bar{display:inline-block;height:10px;background:var(--accent);vertical-align:middle;border-radius:2px}
.metrics{display:grid;grid-template-columns:repeat(auto-fill,minmax(340px,1fr));gap:12px}
.identity{border:1px solid var(--line);border-radius:6px;padding:10px 12px;margin:10px 0;break-inside:avoid}
.path{overflow-x:auto}svg{max-width:100%;height:auto}
table.findings{font-size:13px}.w-rule{min-width:150px}.w-subject{min-width:170px}.w-detail{min-width:210px}.w-evidence{min-width:230px}.w-fix{min-width:190px}
svg text{font:12px system-ui,-apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif;fill:var(--fg)}
svg .box{fill:var(--box);stroke:var(--boxline);stroke-width:1.2}
svg .admin{fill:var(--panel);stroke:var(--critical);stroke-width:2}
svg .edge{stroke:var(--muted);stroke-width:1.5;fill:none}svg .cond{stroke-dasharray:5 4}
svg .head{fill:var(--muted)}svg .lbl{fill:var(--accent);font-size:11px}svg .sub{fill:var(--muted);font-size:10px}
ol.steps{margin:4px 0 0;padding-left:22px}
footer{margin:40px 0 8px;color:var(--muted);font-size:12px}
@media print{:root{--bg:#fff;--fg:#000;--muted:#444;--line:#bbb;--panel:#f2f2f2;--box:#f4f7fc;--boxline:#335;--accent:#1d4b99}
body{font-size:11px}main{max-width:none;padding:0}nav{display:none}.path{overflow:visible}svg{max-width:100%;height:auto}
thead{display:table-header-group}tr,.identity,.card{break-inside:avoid}h2{break-after:avoid}
.sev{-webkit-print-color-adjust:exact;print-color-adjust:exact}}
`;

interface Ctx {
  a: Analysis;
  name: (id: string) => string;
}

const ctxOf = (a: Analysis): Ctx => ({ a, name: (id) => (a.graph.hasNode(id) ? a.graph.getNodeAttribute(id, 'name') : id) });

/** A node as `name` with its id underneath when they differ. */
function nodeCell(c: Ctx, id: string): string {
  const name = c.name(id);
  return name === id ? `<span class="mono wrap">${t(id)}</span>` : `<span class="wrap">${t(name)}</span><br><span class="mono muted wrap">${t(id)}</span>`;
}

function evidenceText(e: Evidence): string {
  const extra = [e.policy ? `policy ${e.policy}` : '', e.statement ? `statement ${e.statement}` : '', e.condition ? `condition ${e.condition}` : '', e.note ?? ''].filter(Boolean);
  return `${e.file}: ${e.location}${extra.length ? ` (${extra.join('; ')})` : ''}`;
}

function evidenceList(list: readonly Evidence[]): string {
  if (!list.length) return '';
  const shown = list.slice(0, MAX_EVIDENCE).map((e) => `<li class="wrap">${t(evidenceText(e), 600)}</li>`);
  const more = list.length > MAX_EVIDENCE ? `<li class="muted">and ${num(list.length - MAX_EVIDENCE)} more</li>` : '';
  return `<ul class="small" style="margin:0;padding-left:16px">${shown.join('')}${more}</ul>`;
}

const sevBadge = (s: Severity) => `<span class="sev sev-${s}">${s}</span>`;

function metricLabel(key: string): string {
  const words = key
    .replace(/([a-z])([A-Z0-9])/g, '$1 $2')
    .replace(/([0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .replace(/\bnhi\b/g, 'NHI')
    .replace(/\bmfa\b/g, 'MFA')
    .replace(/ pct$/, ' (%)');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

// ---------------------------------------------------------------------------------------------
// The path drawing.

const BOX_W = 210;
const BOX_H = 62;
const GAP = 140;
const ROW_GAP = 60;
const PAD = 12;
const PER_ROW = 4;
/** Characters that fit a box line at 12px (about 6.5px each), and a label line at 11px. */
const BOX_CHARS = 29;
const LABEL_CHARS = 22;

const short = (s: string, n: number) => {
  const cps = Array.from(s);
  return cps.length <= n ? s : `${cps.slice(0, n - 1).join('')}…`;
};

/**
 * Text in at most `lines` lines of `width` characters, broken after a space or a separator
 * (`/ : - _ . @ ,`) where one is near, else anywhere; the last line ends with `…` when cut.
 */
export function wrapText(text: string, width: number, lines: number): string[] {
  const out: string[] = [];
  let rest = Array.from(text);
  while (rest.length && out.length < lines) {
    if (rest.length <= width) {
      out.push(rest.join('').trim());
      break;
    }
    if (out.length === lines - 1) {
      out.push(`${rest.slice(0, width - 1).join('').trimEnd()}…`);
      break;
    }
    let cut = width;
    for (let i = width; i > width / 2; i--) {
      if (/[\s/:\-_.@,]/.test(rest[i - 1]!)) {
        cut = i;
        break;
      }
    }
    out.push(rest.slice(0, cut).join('').trimEnd());
    rest = rest.slice(cut);
    while (rest[0] === ' ') rest.shift();
  }
  return out;
}

/** Lines of an SVG text element (`tspan`s one line apart). */
const tspans = (lines: readonly string[], x: number, dy: number) => lines.map((l, i) => `<tspan x="${x}"${i ? ` dy="${dy}"` : ''}>${t(l)}</tspan>`).join('');

/** Positions of a chain of `n` boxes, `PER_ROW` to a row, left to right. */
function layout(n: number): { x: number; y: number }[] {
  return Array.from({ length: n }, (_, i) => ({ x: PAD + (i % PER_ROW) * (BOX_W + GAP), y: PAD + Math.floor(i / PER_ROW) * (BOX_H + ROW_GAP) }));
}

const arrowHead = (x: number, y: number, dir: 'right' | 'down') =>
  dir === 'right' ? `<polygon class="head" points="${x},${y} ${x - 9},${y - 5} ${x - 9},${y + 5}"/>` : `<polygon class="head" points="${x},${y} ${x - 5},${y - 9} ${x + 5},${y - 9}"/>`;

/** Step label: the technique id, or the edge kind's label. */
const stepLabel = (s: PrivilegePath['steps'][number]) => s.technique ?? (s.kind === 'adminOf' ? 'administers' : s.kind === 'setMember' ? 'member of set' : edgeKindInfo(s.kind).label);

/** An arrow's label: one line above the arrow, a second (when it needs one) below it. */
function edgeLabel(label: string, x: number, y: number): string {
  const [above, below] = wrapText(label, LABEL_CHARS, 2);
  return `<text class="lbl" x="${x}" y="${y - 7}" text-anchor="middle">${t(above)}</text>${below ? `<text class="lbl" x="${x}" y="${y + 16}" text-anchor="middle">${t(below)}</text>` : ''}`;
}

/**
 * A path as inline SVG (no script, no reference, no font): a chain of boxes left to right, four to
 * a row, arrows labelled with the technique; conditional steps dashed. Names are escaped.
 */
export function pathSvg(a: Analysis, path: PrivilegePath): string {
  const c = ctxOf(a);
  const ids = path.steps.length ? [path.steps[0]!.from, ...path.steps.map((s) => s.to)] : [];
  if (!ids.length) return '';
  const pos = layout(ids.length);
  const rows = Math.ceil(ids.length / PER_ROW);
  const cols = Math.min(ids.length, PER_ROW);
  const width = PAD * 2 + cols * BOX_W + (cols - 1) * GAP;
  const height = PAD * 2 + rows * BOX_H + (rows - 1) * ROW_GAP;
  const parts: string[] = [];
  ids.forEach((id, i) => {
    const p = pos[i]!;
    const kind = c.a.graph.hasNode(id) ? c.a.graph.getNodeAttribute(id, 'kind') : '';
    const isAdmin = kind === 'adminAccess';
    const name = c.name(id);
    const sub = kind ? kindInfo(kind).label : '';
    parts.push(
      `<g><title>${t(`${name}${name !== id ? ` (${id})` : ''}`, 600)}</title>` +
        `<rect class="${isAdmin ? 'admin' : 'box'}" x="${p.x}" y="${p.y}" width="${BOX_W}" height="${BOX_H}" rx="6"/>` +
        `<text x="${p.x + 10}" y="${p.y + 19}">${tspans(wrapText(name, BOX_CHARS, 2), p.x + 10, 15)}</text>` +
        `<text class="sub" x="${p.x + 10}" y="${p.y + 53}">${t(short(sub, BOX_CHARS + 4))}</text></g>`,
    );
  });
  path.steps.forEach((s, i) => {
    const p = pos[i]!;
    const q = pos[i + 1]!;
    const cls = `edge${s.conditional ? ' cond' : ''}`;
    const label = `${stepLabel(s)}${s.conditional ? ' (if)' : ''}`;
    const tip = `<title>${t(`${s.techniqueName ?? stepLabel(s)}${s.conditional ? ' (conditional)' : ''}: ${s.explanation}`, 600)}</title>`;
    if (q.y === p.y) {
      const x1 = p.x + BOX_W;
      const x2 = q.x - 1;
      const y = p.y + BOX_H / 2;
      parts.push(`<g>${tip}<line class="${cls}" x1="${x1}" y1="${y}" x2="${x2 - 8}" y2="${y}"/>${arrowHead(x2, y, 'right')}${edgeLabel(label, (x1 + x2) / 2, y)}</g>`);
    } else {
      // Wrap to the next row: down from the box, back left, down into the next box.
      const x1 = p.x + BOX_W / 2;
      const y1 = p.y + BOX_H;
      const mid = y1 + ROW_GAP / 2 + 6;
      const x2 = q.x + BOX_W / 2;
      const y2 = q.y - 1;
      parts.push(`<g>${tip}<polyline class="${cls}" points="${x1},${y1} ${x1},${mid} ${x2},${mid} ${x2},${y2 - 8}"/>${arrowHead(x2, y2, 'down')}<text class="lbl" x="${(x1 + x2) / 2}" y="${mid - 6}" text-anchor="middle">${t(short(label, LABEL_CHARS * 3))}</text></g>`);
    }
  });
  const aria = `Path: ${ids.map((id) => c.name(id)).join(' to ')}`;
  return `<svg role="img" aria-label="${t(aria, 600)}" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}">${parts.join('')}</svg>`;
}

function pathSteps(path: PrivilegePath): string {
  const items = path.steps.map((s) => {
    const how = s.technique ? `<code>${t(s.technique, 200)}</code>${s.techniqueName ? ` ${t(s.techniqueName, 300)}` : ''}: ` : '';
    const ev = s.evidence[0] ? `<br><span class="small muted wrap">${t(evidenceText(s.evidence[0]), 600)}${s.evidence.length > 1 ? ` (and ${num(s.evidence.length - 1)} more)` : ''}</span>` : '';
    return `<li class="wrap">${how}${t(s.explanation)}${s.conditional ? ' <em>(conditional)</em>' : ''}${ev}</li>`;
  });
  return `<ol class="steps small">${items.join('')}</ol>`;
}

function shortestAdminPath(a: Analysis, id: string): PrivilegePath | undefined {
  try {
    return privilegePaths(a, id, 'admin', 1)[0];
  } catch {
    return undefined; // not a node of the reach index (nothing it could do)
  }
}

// ---------------------------------------------------------------------------------------------
// The sections.

function header(opts: HtmlReportOptions, risk: RiskReport): string {
  return (
    `<header><h1 class="wrap">${t(opts.title, 300)}</h1>` +
    `<p class="meta">As of <b>${t(when(risk.asOf))}</b> · generated ${t(when(opts.generatedAt), 100)} · Blastmap ${t(opts.blastmapVersion, 60)}</p>` +
    `<p class="small muted">A static report: it holds no scripts and loads nothing. Every name in it comes from the exports and is shown as text.</p></header>` +
    `<nav><a href="#summary">Summary</a><a href="#findings-overview">Findings by severity and category</a><a href="#top">Top identities</a><a href="#metrics">Lifecycle metrics</a><a href="#findings">Findings</a><a href="#sources">Sources</a></nav>`
  );
}

function sources(opts: HtmlReportOptions): string {
  const files = opts.files ?? [];
  if (!files.length) return `<section id="sources"><h2>Source files</h2><p class="muted">The host did not list the source files.</p></section>`;
  const rows = files.slice(0, MAX_FILES).map((f) => `<tr><td class="wrap">${t(f.name, 400)}</td><td class="mono wrap">${f.sha256 ? t(f.sha256, 128) : '<span class="muted">not computed</span>'}</td></tr>`);
  const more = files.length > MAX_FILES ? `<p class="muted">${num(files.length - MAX_FILES)} more files not listed.</p>` : '';
  return `<section id="sources"><h2>Source files (${num(files.length)})</h2><table><thead><tr><th>File</th><th>SHA-256</th></tr></thead><tbody>${rows.join('')}</tbody></table>${more}</section>`;
}

function summary(c: Ctx, risk: RiskReport, admins: ReturnType<typeof adminReport>): string {
  const g = c.a.graph;
  const cats: Record<NodeCategory, number> = { identity: 0, principal: 0, credential: 0, secret: 0, policy: 0, resource: 0 };
  g.forEachNode((_, n) => {
    if (!n.placeholder) cats[kindInfo(n.kind).category]++;
  });
  const humans = risk.classification.filter((x) => x.nature === 'human').length;
  const card = (label: string, value: number, note = '') => `<div class="card"><b>${num(value)}</b>${t(label)}${note ? `<br><span class="small muted">${note}</span>` : ''}</div>`;
  const cards = [
    card('nodes', g.order),
    card('edges', g.size),
    card('identities', risk.classification.length, `${num(humans)} human · ${num(risk.classification.length - humans)} non-human`),
    card('credentials', cats.credential),
    card('secrets', cats.secret),
    card('resources', cats.resource),
    card('administrators', admins.admins.length + admins.conditionalAdmins.length, admins.conditionalAdmins.length ? `${num(admins.conditionalAdmins.length)} conditional` : ''),
    card('can escalate to admin', admins.escalatesToAdmin.length),
    card('findings', risk.findings.length),
  ];
  const esc = admins.escalatesToAdmin.slice(0, MAX_ESCALATORS).map((e) => {
    const p = e.paths[0];
    const how = p ? p.steps.map((s) => stepLabel(s)).join(' → ') : '';
    return `<tr><td>${nodeCell(c, e.principal)}</td><td class="n">${p ? num(p.hops) : ''}</td><td class="mono wrap">${t(how, 600)}</td></tr>`;
  });
  const escTable = esc.length
    ? `<h3 style="margin-top:16px">Who can escalate to an administrator</h3><table><thead><tr><th>Principal</th><th class="n">Hops</th><th>Shortest way</th></tr></thead><tbody>${esc.join('')}</tbody></table>` +
      (admins.escalatesToAdmin.length > MAX_ESCALATORS ? `<p class="muted">${num(admins.escalatesToAdmin.length - MAX_ESCALATORS)} more not listed.</p>` : '')
    : '<p class="muted">No principal can escalate to an administrator.</p>';
  return `<section id="summary"><h2>Summary</h2><div class="cards">${cards.join('')}</div>${escTable}</section>`;
}

function findingsOverview(risk: RiskReport): string {
  const bySev = new Map<Severity, number>(SEVERITIES.map((s) => [s, 0]));
  const byCat = new Map<OwaspNhi, Map<Severity, number>>();
  for (const f of risk.findings) {
    bySev.set(f.severity, (bySev.get(f.severity) ?? 0) + 1);
    let m = byCat.get(f.owasp);
    if (!m) byCat.set(f.owasp, (m = new Map()));
    m.set(f.severity, (m.get(f.severity) ?? 0) + 1);
  }
  const max = Math.max(1, ...bySev.values());
  const sevRows = SEVERITIES.map((s) => {
    const n = bySev.get(s) ?? 0;
    return `<tr><td>${sevBadge(s)}</td><td class="n">${num(n)}</td><td style="width:60%"><span class="bar" style="width:${Math.round((n / max) * 100)}%"></span></td></tr>`;
  });
  const cats = (Object.keys(OWASP_NHI) as OwaspNhi[]).map((k) => {
    const m = byCat.get(k);
    const total = m ? [...m.values()].reduce((x, y) => x + y, 0) : 0;
    return `<tr${total ? '' : ' class="muted"'}><td><code>${k}</code></td><td>${t(OWASP_NHI[k])}</td>${SEVERITIES.map((s) => `<td class="n">${m?.get(s) ? num(m.get(s)!) : ''}</td>`).join('')}<td class="n"><b>${num(total)}</b></td></tr>`;
  });
  return (
    `<section id="findings-overview"><h2>Findings by severity and OWASP NHI category</h2>` +
    `<table style="max-width:560px"><thead><tr><th>Severity</th><th class="n">Findings</th><th></th></tr></thead><tbody>${sevRows.join('')}</tbody></table>` +
    `<table><thead><tr><th>Category</th><th>OWASP Non-Human Identities Top 10 (2025)</th>${SEVERITIES.map((s) => `<th class="n">${s}</th>`).join('')}<th class="n">Total</th></tr></thead><tbody>${cats.join('')}</tbody></table></section>`
  );
}

function metricsSection(risk: RiskReport): string {
  const providers = Object.keys(risk.metrics).sort((x, y) => (x === 'all' ? -1 : y === 'all' ? 1 : x.localeCompare(y)));
  if (!providers.length) return `<section id="metrics"><h2>Lifecycle metrics</h2><p class="muted">No metrics.</p></section>`;
  const tables = providers.map((p) => {
    const m = risk.metrics[p]!;
    const rows = Object.keys(m).map((k) => `<tr><td>${t(metricLabel(k), 200)}<br><code class="muted">${t(k, 200)}</code></td><td class="n">${num(m[k]!)}</td></tr>`);
    return `<div><h3>${p === 'all' ? 'All providers' : t(providerLabel(p), 100)}</h3><table><thead><tr><th>Metric</th><th class="n">Value</th></tr></thead><tbody>${rows.join('')}</tbody></table></div>`;
  });
  return `<section id="metrics"><h2>Lifecycle metrics</h2><p class="small muted">Judged as of ${t(when(risk.asOf))}; stale after ${num(risk.config.staleDays)} days, very old after ${num(risk.config.veryOldDays)}.</p><div class="metrics">${tables.join('')}</div></section>`;
}

function topIdentities(c: Ctx, risk: RiskReport, count: number): string {
  const top = risk.ranking.slice(0, count);
  if (!top.length) return `<section id="top"><h2>Top identities by risk</h2><p class="muted">No identity has findings.</p></section>`;
  const cards = top.map((r, i) => {
    const path = shortestAdminPath(c.a, r.id);
    const info = r.kind ? kindInfo(r.kind).label : '';
    const scores =
      `risk <b>${num(r.risk)}</b> · findings score ${num(r.findingsScore)} · blast score ${num(r.blastScore)}${r.blastEstimated ? ' (estimated)' : ''} · ` +
      `${num(r.findings)} finding${r.findings === 1 ? '' : 's'}, worst ${sevBadge(r.worst)}`;
    const drawn = path
      ? `<p class="small" style="margin:8px 0 4px">Shortest path to an administrator (${num(path.hops)} step${path.hops === 1 ? '' : 's'}${path.conditionalSteps ? `, ${num(path.conditionalSteps)} conditional` : ''}):</p><div class="path">${pathSvg(c.a, path)}</div>${pathSteps(path)}`
      : '<p class="small muted" style="margin:8px 0 0">No path to an administrator.</p>';
    return `<div class="identity"><h3 class="wrap">${num(i + 1)}. ${t(r.name, 400)}</h3><div class="small muted wrap">${t(info)} · ${t(providerLabel(r.provider), 100)} · <span class="mono">${t(r.id, 600)}</span></div><div class="small" style="margin-top:4px">${scores}</div>${drawn}</div>`;
  });
  return `<section id="top"><h2>Top ${num(top.length)} identities by risk</h2><p class="small muted">Risk = findings score × (0.25 + 0.75 × blast score / 100), see docs/scoring.md.</p>${cards.join('')}</section>`;
}

function findingsTable(c: Ctx, risk: RiskReport, max: number): string {
  const all = risk.findings;
  const shown = all.slice(0, Math.max(0, max));
  const rows = shown.map(
    (f: Finding, i) =>
      `<tr><td class="n">${num(i + 1)}</td><td>${sevBadge(f.severity)}</td><td><code>${t(f.owasp, 10)}</code></td><td class="wrap">${t(f.title, 300)}<br><code class="muted">${t(f.rule, 200)}</code></td>` +
      `<td>${nodeCell(c, f.subject)}</td><td class="wrap">${t(f.detail)}</td><td>${evidenceList(f.evidence)}</td><td class="wrap small">${t(f.remediation)}</td><td class="n">${num(f.risk)}</td></tr>`,
  );
  const left = all.length - shown.length;
  const note = left > 0 ? `<p><b>${num(left)} of ${num(all.length)} findings are left out</b> of this table (the first ${num(shown.length)} are listed, most severe first); the CSV and SARIF exports hold them all.</p>` : '';
  const body = all.length
    ? `${note}<table class="findings"><thead><tr><th class="n">#</th><th>Severity</th><th>OWASP</th><th class="w-rule">Rule</th><th class="w-subject">Subject</th><th class="w-detail">Detail</th><th class="w-evidence">Evidence</th><th class="w-fix">Remediation</th><th class="n">Risk</th></tr></thead><tbody>${rows.join('')}</tbody></table>${note}`
    : '<p class="muted">No findings.</p>';
  return `<section id="findings"><h2>Findings (${num(all.length)})</h2>${body}</section>`;
}

/** The whole report: one HTML document, no scripts, nothing to fetch, every export string escaped. */
export function htmlReport(a: Analysis, risk: RiskReport, opts: HtmlReportOptions): string {
  const c = ctxOf(a);
  const admins = adminReport(a, 1);
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${REPORT_CSP}">`,
    '<meta name="referrer" content="no-referrer">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="color-scheme" content="light dark">',
    `<meta name="generator" content="Blastmap ${t(opts.blastmapVersion, 60)}">`,
    `<title>${t(opts.title, 300)}</title>`,
    `<style>${STYLE}</style>`,
    '</head>',
    '<body><main>',
    header(opts, risk),
    // What an analyst reads first comes first; where it came from, last.
    summary(c, risk, admins),
    findingsOverview(risk),
    topIdentities(c, risk, opts.topIdentities ?? 10),
    metricsSection(risk),
    findingsTable(c, risk, opts.maxFindings ?? DEFAULT_MAX_FINDINGS),
    sources(opts),
    `<footer>Generated by Blastmap ${t(opts.blastmapVersion, 60)} at ${t(when(opts.generatedAt), 100)} from exports judged as of ${t(when(risk.asOf))}.</footer>`,
    '</main></body>',
    '</html>',
    '',
  ].join('\n');
}
