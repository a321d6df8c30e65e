/**
 * IAM credential report: the CSV itself, or `get-credential-report` JSON whose `Content` is
 * base64 (as AWS returns it) or already-decoded CSV (as cloudmapper stores it). Columns are read
 * by header name, so the older 16-column layout works too.
 */
import type { ImportContext, JsonImporter, TextImporter } from '../../../importers/types';
import type { Attributes } from '../../../model/types';
import type { NodeKind } from '../../../model/kinds';
import { isRecord, own, ownString, setOwn } from '../../../io/safe-object';
import { isoTimestamp, parseTimestamp, toIso } from '../../../io/time';
import { forEachCsvRow } from '../../../io/csv';
import { decodeBase64 } from '../../../io/base64';
import { accountOf, arnName, isArn } from './arn';
import type { FragmentBuilder } from '../../../model/fragment';
import { accountNode } from './principals';

export const CREDENTIAL_REPORT_HEADER = /^\uFEFF?"?user"?,"?arn"?,/;

export const credentialReportCsvImporter: TextImporter = {
  format: 'aws.credential-report',
  label: 'AWS IAM credential report (CSV)',
  provider: 'aws',
  detect: (text) => CREDENTIAL_REPORT_HEADER.test(text),
  read: (text, ctx) => readCredentialReportCsv(text, ctx),
};

export const credentialReportJsonImporter: JsonImporter = {
  format: 'aws.credential-report',
  label: 'AWS IAM credential report (JSON)',
  provider: 'aws',
  detect: (doc) => isRecord(doc) && typeof own(doc, 'Content') === 'string' && (own(doc, 'ReportFormat') !== undefined || own(doc, 'GeneratedTime') !== undefined),
  read(docs, ctx) {
    docs.forEach((doc, d) => {
      const content = ownString(doc, 'Content') ?? '';
      const csv = CREDENTIAL_REPORT_HEADER.test(content) ? content : decodeBase64Text(content);
      if (csv === undefined || !CREDENTIAL_REPORT_HEADER.test(csv)) {
        return ctx.b.warn(`${ctx.docPrefix(d)}Content is neither a credential report CSV nor base64 of one; skipped`);
      }
      readCredentialReportCsv(csv, ctx, `${ctx.docPrefix(d)}Content `);
      const generated = parseTimestamp(own(doc, 'GeneratedTime'));
      if (generated !== undefined) ctx.b.generated(toIso(generated)!, 'the credential report\'s GeneratedTime');
      else if (own(doc, 'GeneratedTime') !== undefined) ctx.b.warn(`${ctx.docPrefix(d)}GeneratedTime is not a timestamp; the analysis date falls back to the newest timestamp in the exports`);
    });
  },
};

function decodeBase64Text(s: string): string | undefined {
  const bytes = decodeBase64(s);
  return bytes && new TextDecoder('utf-8').decode(bytes);
}

/** Credential-report values: booleans, dates, and the tokens N/A, no_information, not_supported. */
const NO_VALUE = new Set(['', 'N/A', 'no_information', 'not_supported']);

/** `true` or `false` in any case; only four- and five-letter cells can be (none of the tokens is). */
function cellBool(v: string | undefined): boolean | undefined {
  if (v === undefined || (v.length !== 4 && v.length !== 5)) return undefined;
  const lower = v.toLowerCase();
  return lower === 'true' ? true : lower === 'false' ? false : undefined;
}

/** A timestamp cell as ISO text; undefined for a token, a boolean or what is no timestamp. */
function cellDate(v: string | undefined): string | undefined {
  if (v === undefined || NO_VALUE.has(v) || cellBool(v) !== undefined) return undefined;
  return isoTimestamp(v);
}

/** A text cell (a region, a service): the token as written, or undefined for a boolean or a timestamp. */
function cellText(v: string | undefined): string | undefined {
  if (v === undefined || NO_VALUE.has(v)) return v;
  return cellBool(v) !== undefined || isoTimestamp(v) !== undefined ? undefined : v;
}

export function readCredentialReportCsv(text: string, ctx: ImportContext, prefix = ''): void {
  // Rows are read as they come (see forEachCsvRow); the first is the header.
  let cells: RowCells | undefined;
  let headerRead = false;
  forEachCsvRow(text, (row, r) => {
    if (r === 0) {
      headerRead = true;
      cells = readHeader(row, ctx, prefix);
      return;
    }
    if (!cells) return;
    cells.start(row, `${prefix}line ${r + 1}`);
    const arn = cells.get('arn');
    const user = cells.get('user') ?? '';
    if (!arn || !isArn(arn)) {
      ctx.b.warn(`${cells.where}: no valid arn (${JSON.stringify((arn ?? '').slice(0, 60))}); row skipped`);
      return;
    }
    cells.where = `${cells.where} (${user})`;
    readRow(ctx, arn, user, cells, cells.extraColumns());
  });
  if (!headerRead) readHeader([], ctx, prefix);
}

/** The cells of the row being read, by column name (positions looked up once per report). */
class RowCells {
  private row: string[] = [];
  /** The row's place, for warnings and evidence. */
  where = '';
  /** Date columns already warned about in this row (created when a first warning is due). */
  private warned: Set<string> | undefined;

  constructor(
    private readonly b: FragmentBuilder,
    private readonly columns: ReadonlyMap<string, number>,
    private readonly extras: readonly (readonly [string, number])[],
  ) {}

  start(row: string[], where: string): void {
    this.row = row;
    this.where = where;
    this.warned = undefined;
  }

  get(name: string): string | undefined {
    const i = this.columns.get(name);
    return i === undefined ? undefined : this.row[i];
  }

  bool(name: string): boolean | undefined {
    return cellBool(this.get(name));
  }

  text(name: string): string | undefined {
    return cellText(this.get(name));
  }

  /** A date cell that is no date (and none of the report's tokens) costs its value, with a warning once per cell. */
  date(column: string): string | undefined {
    const v = this.get(column);
    const date = cellDate(v);
    if (date === undefined && v !== undefined && !NO_VALUE.has(v) && cellBool(v) === undefined && !this.warned?.has(column)) {
      (this.warned ??= new Set()).add(column);
      this.b.warn(`${this.where}: ${column} ${JSON.stringify(v.slice(0, 40))} is not a timestamp; ignored`);
    }
    return date;
  }

  /** Columns a newer report may add are kept rather than dropped. */
  extraColumns(): Record<string, string> | undefined {
    if (this.extras.length === 0) return undefined;
    const extra: Record<string, string> = {};
    for (const [h, i] of this.extras) if (this.row[i] !== undefined && this.row[i] !== '') setOwn(extra, h, this.row[i]!);
    return Object.keys(extra).length ? extra : undefined;
  }
}

/** The reader of the rows under `header`, or undefined (with a warning) when it names no user and arn. */
function readHeader(row: string[], ctx: ImportContext, prefix: string): RowCells | undefined {
  const header = row.map((h) => h.trim().toLowerCase());
  const columns = new Map<string, number>();
  header.forEach((h, i) => {
    if (!columns.has(h)) columns.set(h, i);
  });
  if (!columns.has('user') || !columns.has('arn')) {
    ctx.b.warn(`${prefix}header has no "user" and "arn" columns; nothing read`);
    return undefined;
  }
  const extras = header.flatMap((h, i) => (KNOWN_COLUMN.test(h) ? [] : [[h, i] as const]));
  return new RowCells(ctx.b, columns, extras);
}

const KNOWN_COLUMN = /^(user|arn|user_creation_time|password_\w+|mfa_active|access_key_[12]_\w+|cert_[12]_\w+)$/;

/** Column names of each key and certificate slot, built once rather than per row. */
const SLOTS = [1, 2].map((slot) => ({
  slot,
  keyActive: `access_key_${slot}_active`,
  keyRotated: `access_key_${slot}_last_rotated`,
  keyUsed: `access_key_${slot}_last_used_date`,
  keyRegion: `access_key_${slot}_last_used_region`,
  keyService: `access_key_${slot}_last_used_service`,
  certActive: `cert_${slot}_active`,
  certRotated: `cert_${slot}_last_rotated`,
}));

function readRow(ctx: ImportContext, arn: string, user: string, cells: RowCells, extra: Record<string, string> | undefined): void {
  const b = ctx.b;
  const where = cells.where;
  const isRoot = user === '<root_account>' || arn.endsWith(':root');
  const attrs: Attributes = {
    created: cells.date('user_creation_time'),
    passwordEnabled: cells.bool('password_enabled'),
    passwordLastUsed: cells.date('password_last_used'),
    mfaActive: cells.bool('mfa_active'),
    credentialReport: true,
  };
  if (extra) attrs.credentialReportExtra = extra;
  // Parsed once per row: a report has 100,000 rows.
  const account = accountOf(arn);
  let owner: string;
  if (isRoot) {
    owner = accountNode(b, account ?? 'unknown');
    b.node({ id: owner, kind: 'account', name: `account ${account}`, account, attributes: { rootUser: attrs } });
  } else {
    owner = arn;
    b.node({ id: arn, kind: 'user', name: user || arnName(arn), account, attributes: attrs, where });
  }
  const ev = { file: ctx.file, location: where, note: 'credential report' };
  if (attrs.passwordEnabled === true) {
    credential(ctx, account, `${owner}#password`, 'password', `${user} console password`, owner, ev, {
      lastUsed: cells.date('password_last_used'),
      lastChanged: cells.date('password_last_changed'),
      nextRotation: cells.date('password_next_rotation'),
      mfaActive: attrs.mfaActive,
      usageTracked: true,
    });
  }
  for (const s of SLOTS) {
    const active = cells.bool(s.keyActive);
    const rotated = cells.date(s.keyRotated);
    // An inactive key still exists when it has a rotation date; it can be re-enabled.
    if (active !== true && rotated === undefined) continue;
    credential(ctx, account, `${owner}#access-key-${s.slot}`, 'accessKey', `${user} access key ${s.slot}`, owner, ev, {
      slot: s.slot,
      active: active === true,
      lastRotated: rotated,
      lastUsed: cells.date(s.keyUsed),
      lastUsedRegion: cells.text(s.keyRegion),
      lastUsedService: cells.text(s.keyService),
      // The report records every key's last use: none means never used.
      usageTracked: true,
    });
  }
  for (const s of SLOTS) {
    const active = cells.bool(s.certActive);
    const rotated = cells.date(s.certRotated);
    if (active !== true && rotated === undefined) continue;
    credential(ctx, account, `${owner}#certificate-${s.slot}`, 'certificate', `${user} signing certificate ${s.slot}`, owner, ev, { slot: s.slot, active: active === true, lastRotated: rotated });
  }
}

function credential(ctx: ImportContext, account: string | undefined, id: string, kind: NodeKind, name: string, owner: string, ev: { file: string; location: string; note: string }, attributes: Attributes): void {
  const clean: Attributes = {};
  for (const k of Object.keys(attributes)) if (attributes[k] !== undefined) clean[k] = attributes[k];
  ctx.b.node({ id, kind, name, account, attributes: clean, where: ev.location });
  ctx.b.edge('credentialOf', id, owner, ev);
}
