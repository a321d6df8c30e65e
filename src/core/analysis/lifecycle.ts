/**
 * Age judgements of credentials, secrets and identities, always against the analysis date:
 * how old a key is, how long it has gone unused, whether a rotation is overdue, whether something
 * expired, whether an identity is dormant. Plain functions over node attributes, shared by the
 * inventory, the details panel and the CLI (and the findings built on them).
 */
import type { Attributes } from '../model/types';
import { DAY_MS, daysBefore } from '../model/as-of';
import { kindInfo } from '../model/kinds';

export interface AgeThresholds {
  /** Credential age and inactivity beyond which a credential is stale (days). */
  staleDays: number;
  /** "Very old" (days). */
  veryOldDays: number;
}

export const DEFAULT_AGE_THRESHOLDS: AgeThresholds = { staleDays: 90, veryOldDays: 365 };

export type AgeIssue = 'unrotated' | 'unused' | 'never-used' | 'rotation-overdue' | 'expired' | 'dormant';

export interface AgeJudgement {
  /** Days since created or last rotated, at the as-of date. */
  ageDays?: number;
  /** Days since last use. */
  unusedDays?: number;
  /** When the next rotation was (or is) due, ISO. */
  rotationDue?: string;
  /** When it expires or expired, ISO. */
  expires?: string;
  issues: AgeIssue[];
  /** One sentence per issue, for the analyst. */
  reasons: string[];
}

/** A stored timestamp as epoch ms (undefined when absent or not a time). */
export const timeOf = (v: unknown): number | undefined => {
  if (typeof v !== 'string') return undefined;
  const t = Date.parse(v);
  return Number.isNaN(t) ? undefined : t;
};
const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
/** `1 day`, `2,210 days`: how every age reads. */
export const daysText = (n: number) => `${n.toLocaleString('en-US')} day${n === 1 ? '' : 's'}`;
const days = daysText;
const time = timeOf;

/** Credentials and secrets of every provider, by the kind registry's category. */
const isCredential = (kind: string) => kindInfo(kind).category === 'credential';
const isSecret = (kind: string) => kindInfo(kind).category === 'secret';

/** Kinds whose age this module judges. */
export function hasLifecycle(kind: string): boolean {
  return isCredential(kind) || isSecret(kind) || kind === 'role' || kind === 'identityProvider';
}

/**
 * The judgement for one node, or undefined when nothing about its age is known. Inactive keys are
 * judged on nothing (they cannot be used until re-enabled).
 */
export function judgeAge(kind: string, a: Attributes, asOf: number, t: AgeThresholds = DEFAULT_AGE_THRESHOLDS): AgeJudgement | undefined {
  const j: AgeJudgement = { issues: [], reasons: [] };
  const issue = (i: AgeIssue, reason: string) => {
    j.issues.push(i);
    j.reasons.push(reason);
  };
  const created = time(a.created);
  const rotated = time(a.lastRotated) ?? time(a.lastChanged);
  const used = time(a.lastUsed);
  // Events after the as-of date had not happened yet at that date.
  const since = (ms: number | undefined) => (ms !== undefined && ms <= asOf ? daysBefore(asOf, ms) : undefined);

  if (isCredential(kind)) {
    if (a.active === false) return undefined;
    const born = kind === 'password' ? time(a.lastChanged) ?? created : rotated ?? created;
    j.ageDays = since(born);
    j.unusedDays = since(used);
    if (kind !== 'password' && j.ageDays !== undefined && j.ageDays > t.staleDays) issue('unrotated', `not rotated for ${days(j.ageDays)} (threshold ${t.staleDays})`);
    if (j.unusedDays !== undefined && j.unusedDays > t.staleDays) issue('unused', `last used ${days(j.unusedDays)} before the analysis date (${day(used!)})`);
    // "Never used" only where the export records use (the AWS credential report does; a GCP key
    // list or an Entra application says nothing of use, so no date there means nothing).
    else if (used === undefined && a.usageTracked === true && j.ageDays !== undefined && j.ageDays > t.staleDays) issue('never-used', `never used in the ${days(j.ageDays)} since it was ${kind === 'password' ? 'set' : 'issued'}`);
    const next = time(a.nextRotation);
    if (next !== undefined) {
      j.rotationDue = new Date(next).toISOString();
      if (next < asOf) issue('rotation-overdue', `rotation was due on ${day(next)}, ${days(daysBefore(asOf, next))} before the analysis date`);
    }
    const expiry = time(a.expires) ?? time(a.validUntil);
    if (expiry !== undefined) {
      j.expires = new Date(expiry).toISOString();
      if (expiry < asOf) issue('expired', `expired on ${day(expiry)}`);
    }
    return j.ageDays === undefined && j.unusedDays === undefined && !j.issues.length ? undefined : j;
  }

  if (isSecret(kind)) {
    const last = rotated ?? created;
    j.ageDays = since(last);
    j.unusedDays = since(time(a.lastAccessed));
    const every = rotationInterval(a.rotationRules);
    const next = time(a.nextRotation) ?? (a.rotationEnabled === true && every !== undefined && last !== undefined ? last + every * DAY_MS : undefined);
    if (a.rotationEnabled === true && next !== undefined) {
      j.rotationDue = new Date(next).toISOString();
      if (next < asOf) issue('rotation-overdue', `rotation was due on ${day(next)}, ${days(daysBefore(asOf, next))} before the analysis date`);
    } else if (a.rotationEnabled !== true && j.ageDays !== undefined && j.ageDays > t.staleDays) {
      issue('unrotated', `rotation is off; unchanged for ${days(j.ageDays)} (threshold ${t.staleDays})`);
    }
    return j.ageDays === undefined && !j.issues.length ? undefined : j;
  }

  if (kind === 'identityProvider') {
    const expiry = time(a.validUntil);
    if (expiry === undefined) return undefined;
    j.expires = new Date(expiry).toISOString();
    if (expiry < asOf) issue('expired', `metadata valid until ${day(expiry)}, before the analysis date`);
    return j;
  }

  if (kind === 'role') {
    // RoleLastUsed covers a tracking window (400 days); absent means unused in it.
    if (a.lastUsedTracked !== true && used === undefined) return undefined;
    j.unusedDays = since(used);
    j.ageDays = since(created);
    if (j.unusedDays !== undefined && j.unusedDays > t.staleDays) issue('dormant', `last used ${days(j.unusedDays)} before the analysis date (${day(used!)})`);
    else if (used === undefined && j.ageDays !== undefined && j.ageDays > t.staleDays) issue('dormant', 'no recorded use in the tracking window');
    return j;
  }
  return undefined;
}

/** `RotationRules.AutomaticallyAfterDays`, or a `rate(N days)` schedule. */
function rotationInterval(rules: unknown): number | undefined {
  if (!rules || typeof rules !== 'object') return undefined;
  const r = rules as Record<string, unknown>;
  if (typeof r.AutomaticallyAfterDays === 'number' && r.AutomaticallyAfterDays > 0) return r.AutomaticallyAfterDays;
  const m = typeof r.ScheduleExpression === 'string' ? /^rate\((\d+)\s+days?\)$/i.exec(r.ScheduleExpression) : null;
  return m ? Number(m[1]) : undefined;
}

/** A credential or secret that needs attention for its age (what the "stale" filters select). */
export function isStale(j: AgeJudgement | undefined): boolean {
  return !!j && j.issues.some((i) => i !== 'dormant');
}

export interface AgeReportEntry {
  id: string;
  name: string;
  kind: string;
  issues: AgeIssue[];
  reasons: string[];
}

export interface AgeReport {
  /** The analysis date judged against (ISO). */
  asOf: string;
  thresholds: AgeThresholds;
  /** How many nodes have each issue. */
  counts: Partial<Record<AgeIssue, number>>;
  /** Every node with at least one issue, in graph order. */
  entries: AgeReportEntry[];
}

/** Every credential, secret, role and identity provider with an age issue, as of `asOf`. One pass. */
export function ageReport(nodes: Iterable<{ id: string; kind: string; name: string; placeholder?: boolean; attributes: Attributes }>, asOf: number, t: AgeThresholds = DEFAULT_AGE_THRESHOLDS): AgeReport {
  const report: AgeReport = { asOf: new Date(asOf).toISOString(), thresholds: t, counts: {}, entries: [] };
  for (const n of nodes) {
    if (n.placeholder || !hasLifecycle(n.kind)) continue;
    const j = judgeAge(n.kind, n.attributes, asOf, t);
    if (!j?.issues.length) continue;
    for (const i of new Set(j.issues)) report.counts[i] = (report.counts[i] ?? 0) + 1;
    report.entries.push({ id: n.id, name: n.name, kind: n.kind, issues: j.issues, reasons: j.reasons });
  }
  return report;
}
