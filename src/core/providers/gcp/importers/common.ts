/**
 * What every GCP importer shares: walking records (gcloud prints lists as JSON arrays, which the
 * core may already have split into documents, or several arrays concatenated), project numbers
 * versus project ids, and writing the nodes that many exports name (members, hierarchy nodes,
 * roles, resources, parent links) the same way everywhere.
 */
import type { ImportContext } from '../../../importers/types';
import type { Attributes, Evidence } from '../../../model/types';
import { isRecord, own, ownString, setOwn } from '../../../io/safe-object';
import { parseTimestamp, toIso } from '../../../io/time';
import { CRM, customRoleParent, hierarchyId, hierarchyKind, isProjectNumber, parseMember, projectNodeId, projectSegment, scopeOfShort, serviceAccountProject, type Member } from '../names';

/** Session fact kind: `NUMBER=ID` for each project whose number and id some file tells. */
export const PROJECT_FACT = 'gcp.project';

/** The first record of a document (itself, or the first element of an array). */
export const firstRecord = (doc: unknown): unknown => (Array.isArray(doc) ? doc[0] : doc);

/** True when the first record of the document matches. */
export const detectRecord = (match: (rec: Record<string, unknown>) => boolean) => (doc: unknown): boolean => {
  const rec = firstRecord(doc);
  return isRecord(rec) && match(rec);
};

/**
 * Each record across the documents of a file, arrays flattened, with its location: `[3]` in an
 * array, `document 2 (line 5): ` for a document of several (see `at`).
 */
export function forEachItem(docs: unknown[], ctx: ImportContext, fn: (rec: Record<string, unknown>, where: string) => void, what = 'record'): void {
  docs.forEach((doc, d) => {
    // The core splits a JSON array of records into documents and calls them pages (no line is
    // known then): for gcloud's list output, the array index is the clearer location.
    const prefix = ctx.docPrefix(d).replace(/^page (\d+): $/, (_, n: string) => `[${Number(n) - 1}]`);
    const visit = (rec: unknown, where: string) => {
      if (!isRecord(rec)) ctx.b.warn(`${label(where)}: not a ${what} (found ${typeName(rec)}); skipped`);
      else fn(rec, where);
    };
    if (Array.isArray(doc)) doc.forEach((rec, i) => visit(rec, `${prefix}[${i}]`));
    else visit(doc, prefix);
  });
}

/** A location for messages: a document prefix without its colon, or "document" for the whole file. */
export const label = (where: string): string => where.replace(/: $/, '') || 'document';

export function typeName(x: unknown): string {
  return x === null ? 'null' : Array.isArray(x) ? 'a list' : typeof x === 'object' ? 'an object' : typeof x === 'string' ? 'a string' : typeof x;
}

/** `where` joined with a field path (`where` may be empty or a document prefix ending in ": "). */
export const at = (where: string, path: string): string => (!where || where.endsWith(': ') ? `${where}${path}` : `${where}.${path}`);

/** A timestamp field as ISO, warning when present but unreadable. */
export function timeField(ctx: ImportContext, rec: unknown, key: string, where: string): string | undefined {
  const v = own(rec, key);
  if (v === undefined || v === null || v === '') return undefined;
  const ms = parseTimestamp(v);
  if (ms === undefined) ctx.b.warn(`${at(where, key)}: unreadable time ${JSON.stringify(String(v).slice(0, 40))}; ignored`);
  return toIso(ms);
}

/** Labels as ordered [key, value] pairs, so no label key can act as a property name. */
export function labelPairs(x: unknown): [string, string][] | undefined {
  if (!isRecord(x)) return undefined;
  const out = Object.keys(x).map((k): [string, string] => [k, String(x[k] ?? '')]);
  return out.length ? out : undefined;
}

/** Attributes without undefined values (they would overwrite known values on merge). */
export function defined(attrs: Attributes): Attributes {
  const out: Attributes = {};
  for (const k of Object.keys(attrs)) if (attrs[k] !== undefined) setOwn(out, k, attrs[k]);
  return out;
}

/**
 * Project numbers and ids. CAI names projects by number (`projects/1043`), most gcloud output by
 * id: ids are canonical, numbers are mapped to them when any file of the session (prescan) or the
 * file itself tells both. The analysis joins whatever is left.
 */
interface ProjectMaps {
  byNumber: Map<string, string>;
  byId: Map<string, string>;
}

/** The session's `NUMBER=ID` facts, parsed once per fact set (not once per file). */
const parsedFacts = new WeakMap<ReadonlySet<string>, { size: number; maps: ProjectMaps }>();

function factMaps(facts: ImportContext['facts']): ProjectMaps | undefined {
  const set = facts.get(PROJECT_FACT);
  if (!set) return undefined;
  const cached = parsedFacts.get(set);
  if (cached && cached.size === set.size) return cached.maps;
  const maps: ProjectMaps = { byNumber: new Map(), byId: new Map() };
  for (const f of set) {
    const [num, id] = f.split('=');
    if (!num || !id || !isProjectNumber(num) || isProjectNumber(id) || maps.byNumber.has(num)) continue;
    maps.byNumber.set(num, id);
    maps.byId.set(id, num);
  }
  parsedFacts.set(set, { size: set.size, maps });
  return maps;
}

/**
 * Project numbers and ids. CAI names projects by number (`projects/1043`), most gcloud output by
 * id: ids are canonical, numbers are mapped to them when any file of the session (prescan) or the
 * file itself tells both. The analysis joins whatever is left.
 */
export class ProjectNames {
  private readonly session: ProjectMaps | undefined;
  /** What this file tells besides the session's facts. */
  private readonly local: ProjectMaps = { byNumber: new Map(), byId: new Map() };

  constructor(facts: ImportContext['facts']) {
    this.session = factMaps(facts);
  }

  learn(num: string | undefined, id: string | undefined): void {
    if (!num || !id || !isProjectNumber(num) || isProjectNumber(id) || this.byNumber(num) !== undefined) return;
    this.local.byNumber.set(num, id);
    this.local.byId.set(id, num);
  }

  private byNumber(num: string): string | undefined {
    return this.local.byNumber.get(num) ?? this.session?.byNumber.get(num);
  }

  /** The project id for a number (or the argument itself). */
  project(p: string): string {
    return isProjectNumber(p) ? (this.byNumber(p) ?? p) : p;
  }

  numberOf(id: string): string | undefined {
    return this.local.byId.get(id) ?? this.session?.byId.get(id);
  }

  /** A resource name with its `projects/NUMBER` segment replaced by the id when known. */
  canonical(name: string): string {
    return name.replace(/(^|\/)projects\/(\d+)(?=\/|$)/, (all, lead: string, num: string) => {
      const id = this.byNumber(num);
      return id ? `${lead}projects/${id}` : all;
    });
  }
}

/** Writes the nodes and edges many GCP exports share. */
export class GcpWriter {
  readonly projects: ProjectNames;
  /** Assets kept as `gcp.resource`, by asset type (reported in one note). */
  readonly otherAssets = new Map<string, number>();
  /** Members and roles already written by this file: a policy names the same ones thousands of times. */
  private readonly members = new Map<string, string | undefined>();
  private readonly roles = new Set<string>();

  constructor(readonly ctx: ImportContext) {
    this.projects = new ProjectNames(ctx.facts);
  }

  get b() {
    return this.ctx.b;
  }

  ev(location: string, extra: Partial<Evidence> = {}): Evidence {
    return { file: this.ctx.file, location: !location || location.endsWith(': ') ? label(location) : location, ...extra };
  }

  noteOtherAssets(): void {
    if (!this.otherAssets.size) return;
    const types = [...this.otherAssets].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
    const total = types.reduce((n, [, c]) => n + c, 0);
    this.b.note(`${total} asset(s) of ${types.length} other type(s) kept as resources with their asset type: ${types.slice(0, 6).map(([t, c]) => `${t} ${c}`).join(', ')}${types.length > 6 ? ', …' : ''}`);
  }

  /** A member named by a binding (or a membership list): its node, and its pool's. */
  member(m: Member, where: string): string {
    const attrs: Attributes = {};
    let account: string | undefined;
    if (m.kind === 'gcp.serviceAccount') {
      const email = m.id.slice('serviceAccount:'.length);
      const sa = serviceAccountProject(email);
      account = sa.project ?? (sa.projectNumber ? this.projects.project(sa.projectNumber) : undefined);
      if (account && isProjectNumber(account)) account = undefined;
      setOwn(attrs, 'email', email);
      if (m.googleManaged) setOwn(attrs, 'googleManaged', true);
    }
    if (m.kind === 'gcp.workloadIdentity') account = m.project;
    if (m.kind === 'gcp.projectRole' && m.project) {
      setOwn(attrs, 'project', this.projects.project(m.project));
      setOwn(attrs, 'basicRole', m.basicRole);
    }
    if (m.pool) setOwn(attrs, 'pool', m.pool);
    this.b.node({ id: m.id, kind: m.kind, name: m.name, account, attributes: attrs });
    if (m.pool) {
      this.b.node({ id: m.pool, kind: 'gcp.workloadIdentityPool', name: m.pool.slice(m.pool.lastIndexOf('/') + 1), placeholder: true });
      this.b.edge('memberOf', m.id, m.pool, this.ev(where, { note: 'identity of this pool' }));
    }
    return m.id;
  }

  /** Parse and write a member string; undefined (and a warning) when it is empty. */
  memberString(raw: string, where: string): string | undefined {
    if (this.members.has(raw)) return this.members.get(raw);
    const id = this.parseAndWriteMember(raw, where);
    this.members.set(raw, id);
    return id;
  }

  private parseAndWriteMember(raw: string, where: string): string | undefined {
    const m = parseMember(raw);
    if (!m) {
      this.b.warn(`${label(where)}: empty member; skipped`);
      return undefined;
    }
    if (m.kind === 'externalPrincipal') this.b.warn(`${label(where)}: member type of ${JSON.stringify(raw.slice(0, 60))} not known; kept as an external principal`);
    return this.member(m, where);
  }

  /**
   * A hierarchy node from its short name (`projects/p`, `folders/1`, `organizations/2`); project
   * numbers are mapped to ids when known. Returns the node id.
   */
  hierarchy(short: string, attrs: Attributes = {}, placeholder = true, name?: string): string {
    const kind = hierarchyKind(short);
    if (!kind) throw new Error(`not a hierarchy name: ${short}`);
    let s = short;
    let extra: Attributes = attrs;
    if (kind === 'gcp.project') {
      const p = short.slice('projects/'.length);
      const id = this.projects.project(p);
      s = `projects/${id}`;
      const num = isProjectNumber(p) ? p : this.projects.numberOf(id);
      extra = defined({ projectId: isProjectNumber(id) ? undefined : id, projectNumber: num, ...attrs });
    }
    const id = hierarchyId(s);
    this.b.node({ id, kind, name: name ?? s, account: scopeOfShort(s), attributes: extra, placeholder });
    return id;
  }

  /** A hierarchy node from a full resource name, or undefined when it is not one. */
  hierarchyFromName(name: string, attrs: Attributes = {}, placeholder = true, display?: string): string | undefined {
    if (!name.startsWith(CRM)) return undefined;
    const short = name.slice(CRM.length);
    return hierarchyKind(short) ? this.hierarchy(short, attrs, placeholder, display) : undefined;
  }

  /** The canonical scope (project id when known) of a resource name, from its `projects/` segment. */
  scopeOfName(name: string): string | undefined {
    const p = projectSegment(name);
    return p && p !== '-' ? this.projects.project(p) : undefined;
  }

  /** A role node (placeholder: described by the role table or a roles export). */
  role(name: string): string {
    const parent = customRoleParent(name);
    const id = parent ? this.projects.canonical(name) : name;
    if (this.roles.has(id)) return id;
    this.roles.add(id);
    this.b.node({ id, kind: 'gcp.role', name: id, account: parent ? scopeOfShort(this.projects.canonical(parent)) : undefined, attributes: { custom: parent !== undefined }, placeholder: true });
    return id;
  }

  /** `child` is below `parentShortOrName` in the hierarchy (placeholder parent). */
  childOf(child: string, parent: string, where: string, note?: string): void {
    const parentId = hierarchyKind(parent) ? this.hierarchy(parent) : (this.hierarchyFromName(parent) ?? parent);
    if (parentId === child) return;
    if (!parentId.startsWith(CRM)) return;
    this.b.edge('gcp.childOf', child, parentId, this.ev(where, note ? { note } : {}));
  }

  /** The node id of a hierarchy short name, without writing a node. */
  hierarchyIdOf(short: string): string {
    return short.startsWith('projects/') ? projectNodeId(this.projects.project(short.slice('projects/'.length))) : hierarchyId(short);
  }

  /**
   * A chain of ancestors (`projects/1`, `folders/2`, `organizations/3`), nearest first; the node
   * itself may head the list (CAI lists a project among its own ancestors).
   */
  ancestry(child: string, ancestors: readonly string[], where: string): void {
    let current = child;
    for (const a of ancestors) {
      if (!hierarchyKind(a) || this.hierarchyIdOf(a) === current) continue;
      const id = this.hierarchy(a);
      this.b.edge('gcp.childOf', current, id, this.ev(where));
      current = id;
    }
  }

  /** The project node of a project id or number (placeholder). */
  project(p: string): string {
    return this.hierarchy(`projects/${p}`);
  }

  projectNode(p: string): string {
    return projectNodeId(this.projects.project(p));
  }

  /** A parent given as `{type, id}` (v1 projects) or `folders/N` (v3). */
  parentShort(x: unknown): string | undefined {
    if (typeof x === 'string') return hierarchyKind(x) ? x : undefined;
    const type = ownString(x, 'type');
    const id = ownString(x, 'id');
    if (!type || !id) return undefined;
    const plural = type === 'folder' ? 'folders' : type === 'organization' ? 'organizations' : type === 'project' ? 'projects' : undefined;
    return plural ? `${plural}/${id}` : undefined;
  }
}
