/**
 * Role definitions as the evaluator uses them. A role holds permission blocks; an action is
 * granted by a block when one of its `actions` (for a data action, `dataActions`) matches it and
 * none of the same block's `notActions` (`notDataActions`) does: `notActions` subtract from their
 * own block only, they are not denies. A block with a condition (the delegation constraints of
 * some built-in roles) grants only conditionally. Built-in roles come from the bundled table,
 * custom roles from `az role definition list`; answers are cached per role and action.
 */
import type { BlastGraph } from '../../graph/graph';
import { anyMatches } from './wildcard';
import type { RoleTable } from './role-table';

export interface PermissionBlock {
  actions: string[];
  notActions: string[];
  dataActions: string[];
  notDataActions: string[];
  condition?: string;
}

export type Permit = 'allowed' | 'conditional' | 'no';

interface LowerBlock {
  a: string[];
  na: string[];
  da: string[];
  nda: string[];
  condition?: string;
}

const lower = (xs: readonly string[]) => xs.map((x) => x.toLowerCase());

export class CompiledRole {
  private readonly blocks: LowerBlock[];
  private readonly cache = new Map<string, Permit>();

  constructor(
    readonly guid: string,
    readonly name: string,
    blocks: readonly PermissionBlock[],
  ) {
    this.blocks = blocks.map((b) => ({ a: lower(b.actions), na: lower(b.notActions), da: lower(b.dataActions), nda: lower(b.notDataActions), condition: b.condition }));
  }

  /** Whether the role grants `action` (lower case); `data` for a data action. */
  permits(action: string, data: boolean): Permit {
    const key = data ? `d|${action}` : action;
    let out = this.cache.get(key);
    if (out !== undefined) return out;
    out = 'no';
    for (const b of this.blocks) {
      const grant = data ? b.da : b.a;
      if (!anyMatches(grant, action) || anyMatches(data ? b.nda : b.na, action)) continue;
      if (!b.condition) {
        out = 'allowed';
        break;
      }
      out = 'conditional';
    }
    if (this.cache.size < 10_000) this.cache.set(key, out);
    return out;
  }

  /** The conditions of the blocks that grant `action`, as written (for evidence). */
  conditionsFor(action: string, data: boolean): string[] {
    return this.blocks.filter((b) => b.condition && anyMatches(data ? b.da : b.a, action) && !anyMatches(data ? b.nda : b.na, action)).map((b) => b.condition!);
  }

  /** Every literal (wildcard-free) action the role names, for the catalogue. */
  literals(): { control: string[]; data: string[] } {
    const control: string[] = [];
    const data: string[] = [];
    for (const b of this.blocks) {
      for (const x of [...b.a, ...b.na]) if (!x.includes('*')) control.push(x);
      for (const x of [...b.da, ...b.nda]) if (!x.includes('*')) data.push(x);
    }
    return { control, data };
  }
}

/** Parse the `permissions` attribute a role definition importer stored; undefined when unusable. */
export function readBlocks(x: unknown): PermissionBlock[] | undefined {
  if (!Array.isArray(x)) return undefined;
  const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((s): s is string => typeof s === 'string') : []);
  return x.map((b) => {
    const r = (typeof b === 'object' && b !== null ? b : {}) as Record<string, unknown>;
    return { actions: strings(r.actions), notActions: strings(r.notActions), dataActions: strings(r.dataActions), notDataActions: strings(r.notDataActions), condition: typeof r.condition === 'string' && r.condition ? r.condition : undefined };
  });
}

/** The roles an analysis knows: custom roles described by the exports, then the built-in table. */
export class Roles {
  private readonly described = new Map<string, CompiledRole>();
  private readonly compiled = new Map<string, CompiledRole>();
  readonly unknown = new Set<string>();

  constructor(
    readonly table: RoleTable,
    graph: BlastGraph,
  ) {
    graph.forEachNode((_, a) => {
      if (a.kind !== 'azure.roleDefinition' || a.placeholder) return;
      const blocks = readBlocks(a.attributes.permissions);
      const guid = typeof a.attributes.guid === 'string' ? a.attributes.guid : undefined;
      if (blocks && guid) this.described.set(guid, new CompiledRole(guid, a.name, blocks));
    });
  }

  /** The role with this GUID (lower case), or undefined (remembered as unknown). */
  get(guid: string): CompiledRole | undefined {
    const d = this.described.get(guid);
    if (d) return d;
    let c = this.compiled.get(guid);
    if (c) return c;
    const blocks = this.table.blocksOf(guid);
    if (!blocks) {
      this.unknown.add(guid);
      return undefined;
    }
    c = new CompiledRole(guid, this.table.nameOf(guid) ?? guid, blocks);
    this.compiled.set(guid, c);
    return c;
  }

  name(guid: string): string {
    return this.described.get(guid)?.name ?? this.table.nameOf(guid) ?? guid;
  }

  /** Literal actions of every known role (built-in and custom), lower case: what access is listed in. */
  catalogue(): { control: Set<string>; data: Set<string> } {
    const control = new Set<string>();
    const data = new Set<string>();
    const add = (r: CompiledRole) => {
      const l = r.literals();
      for (const x of l.control) control.add(x);
      for (const x of l.data) data.add(x);
    };
    for (const r of this.described.values()) add(r);
    for (const guid of this.table.guids()) {
      const r = this.get(guid);
      if (r) add(r);
    }
    return { control, data };
  }
}
