/**
 * IAM credential report: the CSV itself, or `get-credential-report` JSON whose `Content` is
 * base64 (as AWS returns it) or already-decoded CSV (as cloudmapper stores it). Columns are read
 * by header name, so the older 16-column layout works too.
 */
import type { ImportContext, JsonImporter, TextImporter } from '../../../importers/types';
import type { Attributes } from '../../../model/types';
import type { NodeKind } from '../../../model/kinds';
import { isRecord, own, ownString, setOwn } from '../../../io/safe-object';
import { parseTimestamp, toIso } from '../../../io/time';
import { parseCsv } from '../../../io/csv';
import { accountOf, arnName, parseArn } from './arn';
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
      const csv = CREDENTIAL_REPORT_HEADER.test(content) ? content : decodeBase64(content);
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

function decodeBase64(s: string): string | undefined {
  try {
    const bin = atob(s.replace(/\s+/g, ''));
    // A plain loop: Uint8Array.from with a mapping callback costs a call per byte (13 MB reports).
    const bytes = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
    return new TextDecoder('utf-8').decode(bytes);
  } catch {
    return undefined;
  }
}

/** Credential-report values: booleans, dates, and the tokens N/A, no_information, not_supported. */
const NO_VALUE = new Set(['', 'N/A', 'no_information', 'not_supported']);

function cell(v: string | undefined): { bool?: boolean; date?: string; text?: string } {
  if (v === undefined || NO_VALUE.has(v)) return { text: v };
  const lower = v.toLowerCase();
  if (lower === 'true' || lower === 'false') return { bool: lower === 'true' };
  const ms = parseTimestamp(v);
  return ms !== undefined ? { date: toIso(ms) } : { text: v };
}

export function readCredentialReportCsv(text: string, ctx: ImportContext, prefix = ''): void {
  const rows = parseCsv(text);
  const header = (rows[0] ?? []).map((h) => h.trim().toLowerCase());
  // Column positions looked up once, not per cell: reports have 100,000 rows.
  const columns = new Map<string, number>();
  header.forEach((h, i) => {
    if (!columns.has(h)) columns.set(h, i);
  });
  if (!columns.has('user') || !columns.has('arn')) {
    ctx.b.warn(`${prefix}header has no "user" and "arn" columns; nothing read`);
    return;
  }
  const extras = header.flatMap((h, i) => (KNOWN_COLUMN.test(h) ? [] : [[h, i] as const]));
  for (let r = 1; r < rows.length; r++) {
    const row = rows[r]!;
    const get = (name: string) => {
      const i = columns.get(name);
      return i === undefined ? undefined : row[i];
    };
    const where = `${prefix}line ${r + 1}`;
    const arn = get('arn');
    const user = get('user') ?? '';
    if (!arn || !parseArn(arn)) {
      ctx.b.warn(`${where}: no valid arn (${JSON.stringify((arn ?? '').slice(0, 60))}); row skipped`);
      continue;
    }
    readRow(ctx, arn, user, get, `${where} (${user})`, extraColumns(extras, row));
  }
}

const KNOWN_COLUMN = /^(user|arn|user_creation_time|password_\w+|mfa_active|access_key_[12]_\w+|cert_[12]_\w+)$/;

/** Columns a newer report may add are kept rather than dropped. */
function extraColumns(extras: readonly (readonly [string, number])[], row: string[]): Record<string, string> | undefined {
  if (extras.length === 0) return undefined;
  const extra: Record<string, string> = {};
  for (const [h, i] of extras) if (row[i] !== undefined && row[i] !== '') setOwn(extra, h, row[i]!);
  return Object.keys(extra).length ? extra : undefined;
}

function readRow(ctx: ImportContext, arn: string, user: string, get: (c: string) => string | undefined, where: string, extra: Record<string, string> | undefined): void {
  const b = ctx.b;
  const isRoot = user === '<root_account>' || arn.endsWith(':root');
  // A date cell that is no date (and none of the report's tokens) costs its value, with a warning once per cell.
  const warned = new Set<string>();
  const dateOf = (column: string): string | undefined => {
    const v = get(column);
    const c = cell(v);
    if (c.date === undefined && c.bool === undefined && v !== undefined && !NO_VALUE.has(v) && !warned.has(column)) {
      warned.add(column);
      b.warn(`${where}: ${column} ${JSON.stringify(v.slice(0, 40))} is not a timestamp; ignored`);
    }
    return c.date;
  };
  const attrs: Attributes = {
    created: dateOf('user_creation_time'),
    passwordEnabled: cell(get('password_enabled')).bool,
    passwordLastUsed: dateOf('password_last_used'),
    mfaActive: cell(get('mfa_active')).bool,
    credentialReport: true,
    ...(extra ? { credentialReportExtra: extra } : {}),
  };
  // Parsed once per row: a report has 100,000 rows.
  const account = accountOf(arn);
  let owner: string;
  if (isRoot) {
    owner = accountNode(b, account ?? 'unknown');
    b.node({ id: owner, kind: 'account', name: `account ${account}`, account, attributes: { rootUser: attrs } });
  } else {
    owner = arn;
    b.node({ id: arn, kind: 'user', name: user || arnName(arn), account, attributes: attrs });
  }
  const ev = { file: ctx.file, location: where, note: 'credential report' };
  if (attrs.passwordEnabled === true) {
    credential(ctx, account, `${owner}#password`, 'password', `${user} console password`, owner, ev, {
      lastUsed: dateOf('password_last_used'),
      lastChanged: dateOf('password_last_changed'),
      nextRotation: dateOf('password_next_rotation'),
      mfaActive: attrs.mfaActive,
    });
  }
  for (const slot of [1, 2]) {
    const active = cell(get(`access_key_${slot}_active`)).bool;
    const rotated = dateOf(`access_key_${slot}_last_rotated`);
    // An inactive key still exists when it has a rotation date; it can be re-enabled.
    if (active !== true && rotated === undefined) continue;
    credential(ctx, account, `${owner}#access-key-${slot}`, 'accessKey', `${user} access key ${slot}`, owner, ev, {
      slot,
      active: active === true,
      lastRotated: rotated,
      lastUsed: dateOf(`access_key_${slot}_last_used_date`),
      lastUsedRegion: cell(get(`access_key_${slot}_last_used_region`)).text,
      lastUsedService: cell(get(`access_key_${slot}_last_used_service`)).text,
    });
  }
  for (const slot of [1, 2]) {
    const active = cell(get(`cert_${slot}_active`)).bool;
    const rotated = dateOf(`cert_${slot}_last_rotated`);
    if (active !== true && rotated === undefined) continue;
    credential(ctx, account, `${owner}#certificate-${slot}`, 'certificate', `${user} signing certificate ${slot}`, owner, ev, { slot, active: active === true, lastRotated: rotated });
  }
}

function credential(ctx: ImportContext, account: string | undefined, id: string, kind: NodeKind, name: string, owner: string, ev: { file: string; location: string; note: string }, attributes: Attributes): void {
  const clean: Attributes = {};
  for (const [k, v] of Object.entries(attributes)) if (v !== undefined) clean[k] = v;
  ctx.b.node({ id, kind, name, account, attributes: clean });
  ctx.b.edge('credentialOf', id, owner, ev);
}
