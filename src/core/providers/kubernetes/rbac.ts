/**
 * Kubernetes RBAC semantics, exactly as the API server's authorizer applies them
 * (k8s.io/kubernetes plugin/pkg/auth/authorizer/rbac, `RuleAllows`): a rule allows a request when
 * its verbs, API groups and resources match (`*` matches everything, `*` + `/exec` any resource's
 * `exec` subresource, `pods/exec` only that subresource) and, if it lists `resourceNames`, the
 * request names one of them. Requests that carry no name (create, deletecollection, and list or
 * watch without a `metadata.name` field selector) never match a rule with resourceNames.
 * Non-resource URL rules are kept for display only.
 *
 * Rules are normalised at import (each field a list of strings) and stored on role nodes; a rule
 * with a field of the wrong type is reported and skipped, never guessed.
 */
import { isRecord, own, ownString, toArray } from '../../io/safe-object';
import { stringList, stringRecord } from './meta';

export interface PolicyRule {
  apiGroups: string[];
  resources: string[];
  verbs: string[];
  resourceNames: string[];
  nonResourceURLs: string[];
}

export interface SelectorRequirement {
  key: string;
  operator: string;
  values: string[];
}

export interface LabelSelector {
  matchLabels: Record<string, string>;
  matchExpressions: SelectorRequirement[];
}

type Warn = (message: string) => void;

/** The rules of a Role or ClusterRole; `rules: null` (aggregated roles in manifests) is no rules. */
export function readRules(raw: unknown, where: string, warn: Warn): PolicyRule[] {
  if (raw === undefined || raw === null) return [];
  if (!Array.isArray(raw)) {
    warn(`${where}: expected a list of rules, found ${typeof raw}; no rules read`);
    return [];
  }
  const out: PolicyRule[] = [];
  raw.forEach((r, i) => {
    const at = `${where}[${i}]`;
    if (!isRecord(r)) return warn(`${at}: a rule must be an object; skipped`);
    const fields = {} as Record<keyof PolicyRule, string[]>;
    for (const f of ['apiGroups', 'resources', 'verbs', 'resourceNames', 'nonResourceURLs'] as const) {
      const list = stringList(own(r, f));
      if (!list) return warn(`${at}.${f}: expected a list of strings; rule skipped`);
      fields[f] = list;
    }
    if (!fields.verbs.length) return warn(`${at}: no verbs; rule skipped`);
    if (!fields.resources.length && !fields.nonResourceURLs.length) return warn(`${at}: neither resources nor nonResourceURLs; rule skipped`);
    out.push(fields);
  });
  return out;
}

/** `aggregationRule.clusterRoleSelectors`, or undefined when the role is not aggregated. */
export function readAggregation(raw: unknown, where: string, warn: Warn): LabelSelector[] | undefined {
  if (raw === undefined || raw === null) return undefined;
  const sels = own(raw, 'clusterRoleSelectors');
  if (!Array.isArray(sels)) {
    warn(`${where}.clusterRoleSelectors: expected a list; aggregation ignored`);
    return undefined;
  }
  const out: LabelSelector[] = [];
  sels.forEach((s, i) => {
    if (!isRecord(s)) return warn(`${where}.clusterRoleSelectors[${i}]: not an object; skipped`);
    const matchExpressions: SelectorRequirement[] = [];
    for (const e of toArray(own(s, 'matchExpressions'))) {
      const key = ownString(e, 'key');
      const operator = ownString(e, 'operator');
      const values = stringList(own(e, 'values'));
      if (key && operator && values) matchExpressions.push({ key, operator, values });
      else warn(`${where}.clusterRoleSelectors[${i}].matchExpressions: an expression needs key, operator and values; skipped`);
    }
    out.push({ matchLabels: stringRecord(own(s, 'matchLabels')), matchExpressions });
  });
  return out;
}

const hasKey = (rec: Record<string, string>, k: string) => Object.prototype.hasOwnProperty.call(rec, k);

/** Kubernetes label-selector semantics; an empty selector matches everything. */
export function selectorMatches(sel: LabelSelector, labels: Record<string, string>): boolean {
  for (const k of Object.keys(sel.matchLabels)) if (!hasKey(labels, k) || labels[k] !== sel.matchLabels[k]) return false;
  for (const e of sel.matchExpressions) {
    const present = hasKey(labels, e.key);
    const v = present ? labels[e.key]! : undefined;
    const ok =
      e.operator === 'In' ? present && e.values.includes(v!)
      : e.operator === 'NotIn' ? !present || !e.values.includes(v!)
      : e.operator === 'Exists' ? present
      : e.operator === 'DoesNotExist' ? !present
      : false;
    if (!ok) return false;
  }
  return true;
}

export const verbMatches = (r: PolicyRule, verb: string): boolean => r.verbs.includes('*') || r.verbs.includes(verb);
export const groupMatches = (r: PolicyRule, group: string): boolean => r.apiGroups.includes('*') || r.apiGroups.includes(group);

/** `resource` is `pods` or `pods/exec`. */
export function resourceMatches(r: PolicyRule, resource: string): boolean {
  const slash = resource.indexOf('/');
  const sub = slash >= 0 ? resource.slice(slash + 1) : '';
  for (const x of r.resources) {
    if (x === '*' || x === resource) return true;
    if (sub && x === `*/${sub}`) return true;
  }
  return false;
}

export type Names = 'all' | readonly string[];

/** The object names a rule allows `verb` on: every name, the listed ones, or none (undefined). */
export function ruleNames(r: PolicyRule, verb: string, group: string, resource: string): Names | undefined {
  if (!verbMatches(r, verb) || !groupMatches(r, group) || !resourceMatches(r, resource)) return undefined;
  return r.resourceNames.length ? r.resourceNames : 'all';
}

/** Whether the rule allows the request; `name` undefined is a request that carries no name. */
export function ruleAllows(r: PolicyRule, verb: string, group: string, resource: string, name?: string): boolean {
  const names = ruleNames(r, verb, group, resource);
  return names === 'all' || (names !== undefined && name !== undefined && names.includes(name));
}

/** `*` on `*` in every API group without name restriction: cluster-admin's first rule. */
export const isAdminRule = (r: PolicyRule): boolean => r.verbs.includes('*') && r.apiGroups.includes('*') && r.resources.includes('*') && !r.resourceNames.length;

/** The verbs a request can carry (what `*` stands for, for display and access levels). */
export const RESOURCE_VERBS = ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete', 'deletecollection'] as const;

/** The verbs `rule` grants on the resource, `*` spelled out (plus any special verbs named). */
export function grantedVerbs(r: PolicyRule, group: string, resource: string, name: string | undefined, extraVerbs: readonly string[] = []): string[] {
  if (!groupMatches(r, group) || !resourceMatches(r, resource)) return [];
  if (r.resourceNames.length && (name === undefined || !r.resourceNames.includes(name))) return [];
  const all = [...RESOURCE_VERBS, ...extraVerbs];
  const verbs = r.verbs.includes('*') ? all : r.verbs;
  // A name-restricted rule cannot allow requests that carry no name (create, deletecollection);
  // list and watch carry one when they select `metadata.name`.
  return r.resourceNames.length ? verbs.filter((v) => v !== 'create' && v !== 'deletecollection') : verbs;
}

/** The built-in rules of cluster-admin, assumed when a binding names it and no export holds it. */
export const CLUSTER_ADMIN_RULES: PolicyRule[] = [
  { apiGroups: ['*'], resources: ['*'], verbs: ['*'], resourceNames: [], nonResourceURLs: [] },
  { apiGroups: [], resources: [], verbs: ['*'], resourceNames: [], nonResourceURLs: ['*'] },
];
