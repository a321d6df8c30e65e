/**
 * Role → permissions. Predefined and basic roles come from the table built by
 * scripts/build-gcp-roles.mjs (iann0036/iam-dataset, MIT), loaded lazily so the browser fetches it
 * as its own chunk only when GCP exports are analysed; roles described by the exports (custom
 * roles, or a `roles describe` of a predefined one) override it. Permission sets are decoded on
 * first use and shared: a million bindings of roles/viewer cost one set.
 */
import type { BlastGraph } from '../../graph/graph';

/** The shape of data/role-permissions.js. */
export interface RoleTableData {
  source: string;
  /** `service:perm,perm,...`: the permission index is the position in this order. */
  services: string[];
  /** [role, title, stage, runs]: runs are `gap` or `gap-extra` in base 36, `.`-separated. */
  roles: [string, string, string, string][];
}

export class RoleTable {
  readonly source: string;
  readonly permissions: readonly string[];
  private readonly encoded = new Map<string, { title: string; stage: string; runs: string }>();
  private readonly decoded = new Map<string, ReadonlySet<string>>();

  constructor(data: RoleTableData) {
    this.source = data.source;
    const perms: string[] = [];
    for (const line of data.services) {
      const colon = line.indexOf(':');
      const svc = line.slice(0, colon);
      for (const p of line.slice(colon + 1).split(',')) perms.push(`${svc}.${p}`);
    }
    this.permissions = perms;
    for (const [name, title, stage, runs] of data.roles) this.encoded.set(name, { title, stage, runs });
  }

  has(role: string): boolean {
    return this.encoded.has(role);
  }

  get size(): number {
    return this.encoded.size;
  }

  info(role: string): { title: string; stage: string } | undefined {
    const e = this.encoded.get(role);
    return e && { title: e.title, stage: e.stage };
  }

  permissionsOf(role: string): ReadonlySet<string> | undefined {
    const cached = this.decoded.get(role);
    if (cached) return cached;
    const e = this.encoded.get(role);
    if (!e) return undefined;
    const set = new Set<string>();
    let prev = -1;
    for (const run of e.runs ? e.runs.split('.') : []) {
      const [gap, extra] = run.split('-');
      const start = prev + 1 + parseInt(gap!, 36);
      const end = start + (extra ? parseInt(extra, 36) : 0);
      for (let i = start; i <= end && i < this.permissions.length; i++) set.add(this.permissions[i]!);
      prev = end;
    }
    this.decoded.set(role, set);
    return set;
  }
}

let loading: Promise<RoleTable> | undefined;

/** The predefined-role table (one load per session). */
export function loadRoleTable(): Promise<RoleTable> {
  loading ??= import('./data/role-permissions.js').then((m) => new RoleTable(m.default));
  return loading;
}

export type RoleStatus = 'ok' | 'deleted' | 'disabled' | 'unknown';

/** The roles an analysis knows: the table, overridden by the roles the exports describe. */
export class Roles {
  private readonly described = new Map<string, { permissions?: ReadonlySet<string>; deleted: boolean; stage?: string }>();
  private readonly filtered = new Map<string, string[]>();
  private readonly subsets = new Map<string, string[]>();
  readonly unknown = new Set<string>();

  constructor(
    readonly table: RoleTable,
    graph: BlastGraph,
  ) {
    graph.forEachNode((id, a) => {
      if (a.kind !== 'gcp.role' || a.placeholder) return;
      const perms = a.attributes.permissions;
      this.described.set(id, {
        permissions: Array.isArray(perms) ? new Set(perms.filter((p): p is string => typeof p === 'string')) : undefined,
        deleted: a.attributes.deleted === true,
        stage: typeof a.attributes.stage === 'string' ? a.attributes.stage : undefined,
      });
    });
  }

  status(role: string): RoleStatus {
    const d = this.described.get(role);
    if (d?.deleted) return 'deleted';
    if (d?.stage === 'DISABLED') return 'disabled';
    return this.permissions(role) ? 'ok' : 'unknown';
  }

  permissions(role: string): ReadonlySet<string> | undefined {
    const p = this.described.get(role)?.permissions ?? this.table.permissionsOf(role);
    if (!p) this.unknown.add(role);
    return p;
  }

  /** The role's permissions among `wanted` (cached per role and list name). */
  subset(role: string, listName: string, wanted: ReadonlySet<string>): string[] {
    const key = `${listName}|${role}`;
    let out = this.subsets.get(key);
    if (!out) {
      const perms = this.permissions(role);
      out = perms ? [...wanted].filter((p) => perms.has(p)) : [];
      this.subsets.set(key, out);
    }
    return out;
  }

  /** The role's permissions that start with one of `prefixes` (cached per role and prefix list). */
  withPrefixes(role: string, prefixes: readonly string[]): string[] {
    const key = `${prefixes.join(',')}|${role}`;
    let out = this.filtered.get(key);
    if (!out) {
      const perms = this.permissions(role);
      out = perms ? [...perms].filter((p) => prefixes.some((x) => p.startsWith(x))) : [];
      this.filtered.set(key, out);
    }
    return out;
  }
}
