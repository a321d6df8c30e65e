/**
 * What every Azure importer shares: walking records whatever wraps them (the az CLI's JSON array,
 * the ARM and Graph REST `{"value": [...]}` page, the REST API examples' `{"parameters",
 * "responses": {"200": {"body": ...}}}`), reading fields flat or under `properties` (the az CLI
 * flattens ARM properties, REST and older CLIs nest them), and writing the nodes many exports name
 * (scopes and their parents, principals, roles) the same way everywhere.
 */
import type { ImportContext } from '../../../importers/types';
import type { Attributes, Evidence } from '../../../model/types';
import { isRecord, own, setOwn } from '../../../io/safe-object';
import { parseTimestamp, toIso } from '../../../io/time';
import { ROOT_KEY, accountOfKey, armParent, parseArm, principalNodeId, roleNodeId, TENANT_SCOPE } from '../ids';

/** The records a document holds, and the path of the list they sit in ('' for a bare array or a single record). */
export function itemsOf(doc: unknown): { items: unknown[]; base: string; list: boolean; more?: string } {
  let base = '';
  let d = doc;
  // The REST API specification examples wrap a response body.
  const responses = own(d, 'responses');
  if (isRecord(responses) && own(d, 'parameters') !== undefined) {
    const status = ['200', '201'].find((s) => isRecord(own(responses, s))) ?? Object.keys(responses).find((s) => /^2\d\d$/.test(s) && isRecord(own(responses, s)));
    if (status) {
      d = own(own(responses, status), 'body');
      base = `responses.${status}.body`;
    }
  }
  if (Array.isArray(d)) return { items: d, base, list: true };
  const value = own(d, 'value');
  const next = typeof own(d, 'nextLink') === 'string' ? 'nextLink' : typeof own(d, '@odata.nextLink') === 'string' ? '@odata.nextLink' : undefined;
  if (Array.isArray(value)) return { items: value, base: base ? `${base}.value` : 'value', list: true, ...(next ? { more: next } : {}) };
  return { items: d === undefined ? [] : [d], base, list: false };
}

/** The first record of a document, for detection. */
export const firstItem = (doc: unknown): unknown => itemsOf(doc).items[0];

/** True when the first record of the document matches. */
export const detectItem = (match: (rec: Record<string, unknown>) => boolean) => (doc: unknown): boolean => {
  const rec = firstItem(doc);
  return isRecord(rec) && match(rec);
};

/** `where` joined with a field path (`where` may be empty or a document prefix ending in ": "). */
export const at = (where: string, path: string): string => (!where || where.endsWith(': ') ? `${where}${path}` : `${where}.${path}`);

/** A location for messages: a document prefix without its colon, or "document" for the whole file. */
export const label = (where: string): string => where.replace(/: $/, '') || 'document';

export function typeName(x: unknown): string {
  return x === null ? 'null' : Array.isArray(x) ? 'a list' : typeof x === 'object' ? 'an object' : typeof x === 'string' ? 'a string' : typeof x;
}

/** Each record across the documents of a file, with its location (`[3]`, `value[3]`, `document 2 (line 5): value[0]`). */
export function forEachItem(docs: unknown[], ctx: ImportContext, fn: (rec: Record<string, unknown>, where: string, doc: number) => void, what = 'record'): void {
  docs.forEach((doc, d) => {
    // The core splits a top-level array of records into documents it calls pages: the array
    // index is the clearer location then.
    const prefix = ctx.docPrefix(d).replace(/^page (\d+): $/, (_, n: string) => `[${Number(n) - 1}]`);
    const { items, base, list, more } = itemsOf(doc);
    if (more) ctx.b.note(`the export says more pages follow (${more}); import them too, or export with --all`);
    const place = (i: number) => (list ? at(prefix, `${base}[${i}]`) : base ? at(prefix, base) : prefix);
    items.forEach((rec, i) => {
      if (!isRecord(rec)) ctx.b.warn(`${label(place(i))}: not ${what === 'record' ? 'a record' : `a ${what}`} (found ${typeName(rec)}); skipped`);
      else fn(rec, place(i), d);
    });
  });
}

/** A field, flat (az CLI) or under `properties` (REST, older CLIs). */
export function field(rec: unknown, key: string): unknown {
  const v = own(rec, key);
  return v !== undefined && v !== null ? v : own(own(rec, 'properties'), key);
}

export function fieldString(rec: unknown, key: string): string | undefined {
  const v = field(rec, key);
  return typeof v === 'string' && v !== '' ? v : undefined;
}

/** Where a record's fields are: `where.properties` when they are nested. */
export const fieldsAt = (rec: unknown, key: string, where: string): string => (own(rec, key) === undefined && isRecord(own(rec, 'properties')) ? at(where, 'properties') : where || 'document');

/** Attributes without undefined values (they would overwrite known values on merge). */
export function defined(attrs: Attributes): Attributes {
  const out: Attributes = {};
  for (const k of Object.keys(attrs)) if (attrs[k] !== undefined) setOwn(out, k, attrs[k]);
  return out;
}

/** Tags (an object of strings) as ordered [key, value] pairs, so no tag key can act as a property name. */
export function tagPairs(x: unknown): [string, string][] | undefined {
  if (!isRecord(x)) return undefined;
  const out = Object.keys(x).map((k): [string, string] => [k, String(x[k] ?? '')]);
  return out.length ? out : undefined;
}

export const stringList = (x: unknown): string[] | undefined => (Array.isArray(x) ? x.filter((s): s is string => typeof s === 'string') : undefined);

const KIND_OF_TYPE: Record<string, string> = { 'microsoft.keyvault/vaults': 'azure.keyVault' };

/** Principal types of role assignments (and Graph `@odata.type` names) → node kinds. */
const PRINCIPAL_KINDS: Record<string, string> = {
  user: 'azure.user',
  group: 'azure.group',
  foreigngroup: 'azure.group',
  serviceprincipal: 'azure.servicePrincipal',
  '#microsoft.graph.user': 'azure.user',
  '#microsoft.graph.group': 'azure.group',
  '#microsoft.graph.serviceprincipal': 'azure.servicePrincipal',
};

export function principalKind(type: string | undefined): string {
  const t = type?.toLowerCase();
  return t !== undefined && Object.prototype.hasOwnProperty.call(PRINCIPAL_KINDS, t) ? PRINCIPAL_KINDS[t]! : 'azure.principal';
}

/** Writes the nodes and edges many Azure exports share, once per file. */
export class AzureWriter {
  private readonly scopes = new Set<string>();
  private readonly roles = new Set<string>();

  constructor(readonly ctx: ImportContext) {}

  get b() {
    return this.ctx.b;
  }

  ev(location: string, extra: Partial<Evidence> = {}): Evidence {
    return { file: this.ctx.file, location: !location || location.endsWith(': ') ? label(location) : location, ...extra };
  }

  /** A timestamp field as ISO, warning when present but unreadable. */
  time(rec: unknown, key: string, where: string): string | undefined {
    const v = field(rec, key);
    if (v === undefined || v === null || v === '') return undefined;
    const ms = parseTimestamp(v);
    if (ms === undefined) this.b.warn(`${at(where, key)}: unreadable time ${JSON.stringify(String(v).slice(0, 40))}; ignored`);
    return toIso(ms);
  }

  /**
   * The node of a scope or resource (placeholder unless `describe` says otherwise) and its
   * `azure.childOf` chain up to its subscription. `display` is the id as exported (its case is kept
   * for names). Returns the node id (the ARM key).
   */
  scope(key: string, display: string, where: string, describe?: { kind?: string; name?: string; attributes?: Attributes }): string {
    const parts = parseArm(key);
    const kind = describe?.kind ?? kindOf(key);
    const segs = display.trim().replace(/\/{2,}/g, '/').replace(/\/+$/, '').split('/');
    const name = describe?.name ?? (key === ROOT_KEY ? 'Tenant root (/)' : (segs[segs.length - 1] ?? parts?.name ?? key));
    this.b.node({ id: key, kind, name, account: accountOfKey(key), placeholder: !describe, attributes: defined({ armId: display.trim(), type: parts?.type, ...describe?.attributes }) });
    if (this.scopes.has(key)) return key;
    this.scopes.add(key);
    const parent = armParent(key);
    if (parent !== undefined && parent !== ROOT_KEY) {
      const parentDisplay = segs.slice(0, parent.split('/').length).join('/');
      this.scope(parent, parentDisplay, where);
      this.b.edge('azure.childOf', key, parent, this.ev(where, { note: 'from the ARM id' }));
    }
    return key;
  }

  /** A directory object named by its object id: a node the exports that describe it refine. */
  principal(objectId: string, kind: string, name: string | undefined, attributes: Attributes = {}): string {
    const id = principalNodeId(objectId);
    this.b.node({ id, kind, name: name ?? objectId, account: TENANT_SCOPE, attributes: defined({ objectId: objectId.toLowerCase(), ...attributes }) });
    return id;
  }

  /** A role definition node (placeholder: described by a role definition export or the built-in table). */
  role(guid: string, name?: string): string {
    const id = roleNodeId(guid);
    if (this.roles.has(id)) return id;
    this.roles.add(id);
    this.b.node({ id, kind: 'azure.roleDefinition', name: name ?? guid, placeholder: true, attributes: { guid } });
    return id;
  }
}

/** The node kind of an ARM key. */
export function kindOf(key: string): string {
  const p = parseArm(key);
  switch (p?.level) {
    case 'root':
    case 'managementGroup':
      return 'azure.managementGroup';
    case 'subscription':
      return 'azure.subscription';
    case 'resourceGroup':
      return 'azure.resourceGroup';
    default:
      return (p?.type && Object.prototype.hasOwnProperty.call(KIND_OF_TYPE, p.type) ? KIND_OF_TYPE[p.type] : undefined) ?? 'azure.resource';
  }
}
