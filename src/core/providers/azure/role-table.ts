/**
 * The built-in role table built by scripts/build-azure-roles.mjs (iann0036/iam-dataset, MIT),
 * loaded lazily so the browser fetches it as its own chunk only when Azure exports are analysed,
 * and decoded role by role on first use.
 */
import type { PermissionBlock } from './role-permissions';

/** The shape of data/built-in-roles.js. */
export interface RoleTableData {
  source: string;
  /** `Provider:rest,rest,...` (`:pattern` for patterns without a provider): the index of a pattern is its position in this order. */
  patterns: string[];
  conditions: string[];
  /** [guid, roleName, blocks]: each block is four delta-encoded index lists and a condition index (-1: none). */
  roles: [string, string, [string, string, string, string, number][]][];
}

export class RoleTable {
  readonly source: string;
  readonly patterns: readonly string[];
  private readonly encoded = new Map<string, { name: string; blocks: [string, string, string, string, number][] }>();
  private readonly decoded = new Map<string, readonly PermissionBlock[]>();
  private readonly conditions: readonly string[];
  private readonly byName = new Map<string, string>();

  constructor(data: RoleTableData) {
    this.source = data.source;
    const patterns: string[] = [];
    for (const line of data.patterns) {
      const colon = line.indexOf(':');
      const provider = line.slice(0, colon);
      for (const rest of line.slice(colon + 1).split(',')) patterns.push(provider ? `${provider}/${rest}` : rest);
    }
    this.patterns = patterns;
    this.conditions = data.conditions;
    for (const [guid, name, blocks] of data.roles) {
      this.encoded.set(guid, { name, blocks });
      this.byName.set(name.toLowerCase(), guid);
    }
  }

  has(guid: string): boolean {
    return this.encoded.has(guid);
  }

  guids(): IterableIterator<string> {
    return this.encoded.keys();
  }

  get size(): number {
    return this.encoded.size;
  }

  nameOf(guid: string): string | undefined {
    return this.encoded.get(guid)?.name;
  }

  /** A built-in role's GUID by its name (`Owner`), for exports that name roles only by name. */
  guidOf(roleName: string): string | undefined {
    return this.byName.get(roleName.toLowerCase());
  }

  blocksOf(guid: string): readonly PermissionBlock[] | undefined {
    const cached = this.decoded.get(guid);
    if (cached) return cached;
    const e = this.encoded.get(guid);
    if (!e) return undefined;
    const blocks = e.blocks.map(([a, na, da, nda, c]): PermissionBlock => ({
      actions: this.decode(a),
      notActions: this.decode(na),
      dataActions: this.decode(da),
      notDataActions: this.decode(nda),
      condition: c >= 0 ? this.conditions[c] : undefined,
    }));
    this.decoded.set(guid, blocks);
    return blocks;
  }

  private decode(runs: string): string[] {
    const out: string[] = [];
    let prev = -1;
    for (const gap of runs ? runs.split('.') : []) {
      prev += 1 + parseInt(gap, 36);
      const p = this.patterns[prev];
      if (p !== undefined) out.push(p);
    }
    return out;
  }
}

let loading: Promise<RoleTable> | undefined;

/** The built-in role table (one load per session). */
export function loadRoleTable(): Promise<RoleTable> {
  loading ??= import('./data/built-in-roles.js').then((m) => new RoleTable(m.default));
  return loading;
}
