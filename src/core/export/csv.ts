/**
 * CSV exports of findings, inventory and edges, for spreadsheets and scripts.
 *
 * Format: RFC 4180. A header row, then one record per line; every line (the last included) ends
 * with CRLF; a field holding a comma, a double quote, CR or LF is enclosed in double quotes and
 * its quotes are doubled. UTF-8 without a byte-order mark (prepend `CSV_BOM` for older Excel).
 *
 * Spreadsheet formula injection: export data is attacker-controlled (anyone who can name a role
 * or tag a key chooses the text), and analysts open these files in Excel, LibreOffice or Google
 * Sheets, which run a cell starting with `=`, `+`, `-` or `@` as a formula (`=HYPERLINK(...)`,
 * DDE payloads), and also one starting with a tab or CR before such a character. So every cell
 * that starts with `=`, `+`, `-`, `@`, TAB or CR is prefixed with a single quote `'` (OWASP's
 * CSV-injection advice): the spreadsheet shows it as text. The prefix is applied to every cell,
 * ours included (none of our numbers is negative); a script reading the file should strip one
 * leading `'` from a cell whose next character is one of those six if it needs the exact text.
 *
 * A cell is also shortened to 32,000 characters (Excel's limit is 32,767 per cell; a longer one
 * breaks the row when the file is opened).
 */
import type { Analysis } from '../analysis/analysis';
import { adminReport } from '../analysis/admins';
import { edgeKindInfo, kindInfo, type NodeCategory } from '../model/kinds';
import type { Evidence } from '../model/types';
import { inventoryRows } from '../explore/inventory';
import type { RiskReport } from '../risk/assess';
import type { Classification } from '../risk/classify';
import { tagPairs } from '../risk/tags';
import { OWASP_NHI } from '../risk/types';

export const CSV_EOL = '\r\n';
/** A UTF-8 byte-order mark, for hosts that want Excel to read non-ASCII names right. */
export const CSV_BOM = '\uFEFF';
export const MAX_CSV_CELL = 32000;
const TRUNCATED = '…[truncated]';

/** The characters that make a spreadsheet read a cell as a formula. */
const FORMULA_START = /^[=+\-@\t\r]/;

function text(v: unknown): string {
  if (v === undefined || v === null) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : '';
  if (typeof v === 'boolean' || typeof v === 'bigint') return String(v);
  if (Array.isArray(v)) return v.map(text).join('; ');
  try {
    return JSON.stringify(v) ?? '';
  } catch {
    return '';
  }
}

/** One field: as text, shortened, defused against formulas, then quoted when RFC 4180 needs it. */
export function csvCell(v: unknown): string {
  let s = text(v);
  if (s.length > MAX_CSV_CELL) s = `${s.slice(0, MAX_CSV_CELL - TRUNCATED.length)}${TRUNCATED}`;
  if (FORMULA_START.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export const csvRow = (cells: readonly unknown[]): string => cells.map(csvCell).join(',') + CSV_EOL;

/** A whole file: the header, then the rows. */
export function toCsv(header: readonly string[], rows: Iterable<readonly unknown[]>): string {
  const out = [csvRow(header)];
  for (const r of rows) out.push(csvRow(r));
  return out.join('');
}

/** Evidence as one line: `file: location (policy P; statement S; condition C; note)`. */
export function evidenceLine(e: Evidence): string {
  const extra = [e.policy ? `policy ${e.policy}` : '', e.statement ? `statement ${e.statement}` : '', e.condition ? `condition ${e.condition}` : '', e.note ?? ''].filter(Boolean);
  return `${e.file}: ${e.location}${extra.length ? ` (${extra.join('; ')})` : ''}`;
}

const nameOf = (a: Analysis | undefined, id: string) => (a?.graph.hasNode(id) ? a.graph.getNodeAttribute(id, 'name') : '');

export const FINDINGS_CSV_HEADER = [
  'severity',
  'owasp',
  'owasp_category',
  'rule',
  'title',
  'subject',
  'subject_name',
  'identity',
  'identity_name',
  'provider',
  'detail',
  'evidence_file',
  'evidence_location',
  'evidence',
  'remediation',
  'risk',
  'as_of',
] as const;

/**
 * One row per finding, in the report's order (most severe first, then by risk). `evidence_file`
 * and `evidence_location` are the first evidence's; `evidence` lists all of it, one per line.
 * Names are filled when the analysis is given.
 */
export function findingsCsv(risk: RiskReport, a?: Analysis): string {
  return toCsv(
    FINDINGS_CSV_HEADER,
    risk.findings.map((f) => [
      f.severity,
      f.owasp,
      OWASP_NHI[f.owasp] ?? '',
      f.rule,
      f.title,
      f.subject,
      nameOf(a, f.subject),
      f.identity,
      nameOf(a, f.identity),
      f.provider,
      f.detail,
      f.evidence[0]?.file,
      f.evidence[0]?.location,
      f.evidence.map(evidenceLine).join('\n'),
      f.remediation,
      f.risk,
      f.asOf,
    ]),
  );
}

export const INVENTORY_CSV_HEADER = [
  'id',
  'kind',
  'kind_label',
  'category',
  'provider',
  'name',
  'account',
  'placeholder',
  'nature',
  'nature_reason',
  'admin',
  'stale_credentials',
  'created',
  'last_used',
  'last_activity',
  'last_rotated',
  'last_changed',
  'expires',
  'never_expires',
  'active',
  'rotation_enabled',
  'password_enabled',
  'mfa_active',
  'tags',
  'described_in',
] as const;

const LISTED: readonly NodeCategory[] = ['identity', 'credential', 'secret', 'resource'];

/**
 * Every identity, credential, secret and resource, placeholders included (flagged), by category
 * then id. `nature` (human / non-human) and its reason come from the classification when given
 * (a RiskReport's `classification`). `admin` is `admin`, `conditional admin` or `escalates`;
 * `last_activity` is the latest use of the node or of any of its credentials (date); the other
 * lifecycle columns are the export's own values as imported.
 */
export function inventoryCsv(a: Analysis, classification?: readonly Classification[]): string {
  const nature = new Map((classification ?? []).map((c) => [c.id, c]));
  const escalates = new Set(adminReport(a, 1).escalatesToAdmin.map((e) => e.principal));
  const derived = new Map(inventoryRows(a.graph, a.asOf, escalates).map((r) => [r.id, r]));
  const rank = (c: NodeCategory) => LISTED.indexOf(c);
  const nodes: { id: string; category: NodeCategory }[] = [];
  a.graph.forEachNode((id, n) => {
    const category = kindInfo(n.kind).category;
    if (LISTED.includes(category)) nodes.push({ id, category });
  });
  nodes.sort((x, y) => rank(x.category) - rank(y.category) || (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
  return toCsv(
    INVENTORY_CSV_HEADER,
    nodes.map(({ id, category }) => {
      const n = a.graph.getNodeAttributes(id);
      const at = n.attributes;
      const c = nature.get(id);
      const d = derived.get(id);
      const admin = d?.admin ?? (at.admin === true ? 'admin' : at.admin === 'conditional' ? 'conditional admin' : escalates.has(id) ? 'escalates' : '');
      return [
        id,
        n.kind,
        kindInfo(n.kind).label,
        category,
        n.provider,
        n.name,
        n.account,
        n.placeholder === true,
        c?.nature,
        c?.reason,
        admin,
        d?.staleCredentials,
        at.created,
        at.lastUsed ?? at.passwordLastUsed,
        d?.lastUsed,
        at.lastRotated,
        at.lastChanged,
        at.expires ?? at.validUntil,
        at.neverExpires,
        at.active,
        at.rotationEnabled,
        at.passwordEnabled,
        at.mfaActive,
        tagPairs(at).map(([k, v]) => (v ? `${k}=${v}` : k)),
        at.describedIn,
      ];
    }),
  );
}

export const EDGES_CSV_HEADER = [
  'edge',
  'kind',
  'kind_label',
  'source',
  'source_name',
  'target',
  'target_name',
  'technique',
  'technique_name',
  'conditional',
  'via',
  'actions',
  'evidence_index',
  'evidence_count',
  'evidence_file',
  'evidence_location',
  'evidence_policy',
  'evidence_statement',
  'evidence_condition',
  'evidence_note',
] as const;

/**
 * One row per edge and piece of evidence (an edge with three statements behind it has three rows,
 * `evidence_index` 1..3 of `evidence_count` 3, the same `edge` key; an edge without evidence has
 * one row with `evidence_count` 0), so nothing of the evidence is lost or run together.
 */
export function edgesCsv(a: Analysis): string {
  const rows: unknown[][] = [];
  a.graph.forEachEdge((key, e, source, target, s, t) => {
    const at = e.attributes;
    const conditional = typeof at.conditional === 'boolean' ? at.conditional : '';
    const base = [key, e.kind, edgeKindInfo(e.kind).label, source, s.name, target, t.name, at.technique, at.techniqueName, conditional, typeof at.via === 'string' ? at.via : '', at.actions];
    if (!e.evidence.length) rows.push([...base, '', 0, '', '', '', '', '', '']);
    e.evidence.forEach((ev, i) => rows.push([...base, i + 1, e.evidence.length, ev.file, ev.location, ev.policy, ev.statement, ev.condition, ev.note]));
  });
  return toCsv(EDGES_CSV_HEADER, rows);
}
