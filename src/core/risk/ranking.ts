/**
 * The risk score of each identity (or secret) with findings, 0-100: how bad its findings are,
 * weighted by how far a compromise of it reaches (its blast-radius score, scoring.ts). Formula and
 * reasons in docs/scoring.md:
 *   findingsScore = 100 x (1 - product over its findings of (1 - weight(severity)))
 *                   weights: critical 0.9, high 0.6, medium 0.3, low 0.1
 *   risk          = findingsScore x (0.25 + 0.75 x blastScore / 100)
 * so a stale key on a role that reaches an administrator (blast 100) scores four times the same
 * key on a role that reaches nothing, and no finding means no risk.
 *
 * Blast radius is computed exactly for the `blastBudget` identities ranked first by their
 * findings score (administrators and escalators first: their blast score is known to be 100
 * without a traversal). The rest keep an estimate (`blastEstimated`): the score their findings
 * alone give with the smallest blast (0.25 x findingsScore), so an estimate never ranks above an
 * exact figure it would not beat. At 100,000 principals this bounds the cost to `blastBudget`
 * traversals.
 */
import { blastRadius } from '../analysis/blast-radius';
import type { Analysis } from '../analysis/analysis';
import type { Finding, Severity } from './types';

export const SEVERITY_WEIGHT: Readonly<Record<Severity, number>> = { critical: 0.9, high: 0.6, medium: 0.3, low: 0.1 };
export const SEVERITY_ORDER: Readonly<Record<Severity, number>> = { critical: 0, high: 1, medium: 2, low: 3 };

export interface RankedIdentity {
  id: string;
  name: string;
  kind: string;
  provider: string;
  risk: number;
  findingsScore: number;
  blastScore: number;
  /** True when the blast score was not computed (outside the budget): risk is then a lower bound. */
  blastEstimated: boolean;
  findings: number;
  worst: Severity;
}

const round1 = (x: number) => Math.round(x * 10) / 10;

export function findingsScore(severities: Iterable<Severity>): number {
  let keep = 1;
  for (const s of severities) keep *= 1 - SEVERITY_WEIGHT[s];
  return round1(100 * (1 - keep));
}

export const riskOf = (findings: number, blast: number): number => round1(findings * (0.25 + (0.75 * blast) / 100));

export function rankIdentities(a: Analysis, findings: Finding[], blastBudget: number, admins: ReadonlySet<string>): RankedIdentity[] {
  const by = new Map<string, Finding[]>();
  for (const f of findings) {
    const list = by.get(f.identity);
    if (list) list.push(f);
    else by.set(f.identity, [f]);
  }
  const rows: RankedIdentity[] = [];
  for (const [id, list] of by) {
    const n = a.graph.hasNode(id) ? a.graph.getNodeAttributes(id) : undefined;
    const fs = findingsScore(list.map((f) => f.severity));
    const worst = list.reduce<Severity>((w, f) => (SEVERITY_ORDER[f.severity] < SEVERITY_ORDER[w] ? f.severity : w), 'low');
    const admin = admins.has(id);
    rows.push({ id, name: n?.name ?? id, kind: n?.kind ?? '', provider: n?.provider ?? '', risk: 0, findingsScore: fs, blastScore: admin ? 100 : 0, blastEstimated: !admin, findings: list.length, worst });
  }
  // Administrators and escalators first, then by findings: those most likely to rank high.
  rows.sort((x, y) => y.blastScore - x.blastScore || y.findingsScore - x.findingsScore || x.id.localeCompare(y.id));
  let budget = blastBudget;
  for (const r of rows) {
    if (!r.blastEstimated) continue;
    if (budget <= 0 || !a.graph.hasNode(r.id)) break;
    budget--;
    r.blastScore = blastRadius(a, r.id).score;
    r.blastEstimated = false;
  }
  for (const r of rows) r.risk = riskOf(r.findingsScore, r.blastScore);
  rows.sort((x, y) => y.risk - x.risk || SEVERITY_ORDER[x.worst] - SEVERITY_ORDER[y.worst] || x.name.localeCompare(y.name) || x.id.localeCompare(y.id));
  return rows;
}
