/**
 * The risk dashboard and findings table as the page asks for them: the assessment runs once per
 * analysis and set of thresholds (cached by the explorer), and the page receives counts, the top
 * identities and one page of findings, never the whole list (a 100,000-identity estate has
 * hundreds of thousands of findings).
 */
import type { Analysis } from '../analysis/analysis';
import { judgeAge } from '../analysis/lifecycle';
import { kindInfo } from '../model/kinds';
import { findRisks, rankRisks, type RiskReport } from '../risk/assess';
import { SEVERITY_ORDER } from '../risk/ranking';
import { credentialHolder } from '../risk/evidence';
import type { Finding, OwaspNhi, RiskConfig, RuleInfo, Severity } from '../risk/types';
import { isClassified, type Classification } from '../risk/classify';

/** An identity the exports do not classify (see classify.ts). */
export interface UnknownNature {
  id: string;
  nature: 'unknown';
  reason: string;
}
import type { RankedIdentity } from '../risk/ranking';
import type { NodeRef } from './types';

/** The thresholds and overrides the analyst set (the rest keep their defaults). */
export type RiskSettings = Partial<Pick<RiskConfig, 'staleDays' | 'veryOldDays' | 'ownerKeys' | 'manyReaders' | 'overrides'>>;

export const AGE_BUCKETS = ['0–30 d', '31–90 d', '91–180 d', '181–365 d', '1–2 y', '> 2 y'] as const;
const BUCKET_LIMITS = [30, 90, 180, 365, 730];

export interface RiskDashboard {
  asOf: string;
  thresholds: Pick<RiskConfig, 'staleDays' | 'veryOldDays' | 'ownerKeys' | 'manyReaders'>;
  total: number;
  bySeverity: Record<Severity, number>;
  /** Findings per OWASP category and provider. */
  byCategory: { owasp: OwaspNhi; byProvider: Record<string, number> }[];
  metrics: RiskReport['metrics'];
  top: RankedIdentity[];
  /** Active credentials of non-human identities by age (since issue or last rotation). */
  credentialAges: { bucket: string; count: number }[];
  /** Credentials whose age the exports do not tell. */
  credentialAgesUnknown: number;
  classification: { humans: number; nonHumans: number; overridden: number };
  rules: RuleInfo[];
  refs: Record<string, NodeRef>;
}

export interface FindingsFilter {
  severity?: Severity;
  owasp?: OwaspNhi;
  provider?: string;
  rule?: string;
  /** Only the findings of this identity or subject. */
  node?: string;
  /** Words to find in the subject's name, the title or the detail. */
  text?: string;
}

export interface FindingsRequest {
  filter: FindingsFilter;
  sort: 'severity' | 'risk' | 'rule' | 'subject';
  groupBy: 'none' | 'rule' | 'identity';
  offset: number;
  limit: number;
  /** Skip the ranking (risk stays 0): a node's details list its findings without blast radii. */
  unranked?: boolean;
}

export interface FindingsPage {
  total: number;
  rows: Finding[];
  /** With a grouping: every group of the filtered findings (key, label, count), in order. */
  groups: { key: string; label: string; count: number }[];
  refs: Record<string, NodeRef>;
}

export class RiskView {
  private report: RiskReport;
  private ranked = false;

  constructor(
    private readonly a: Analysis,
    settings: RiskSettings,
    private readonly refsOf: (ids: Iterable<string>) => Record<string, NodeRef>,
  ) {
    // Findings now (graph badges need them); the ranking, which computes blast radii, on first ask.
    this.report = findRisks(a, settings);
  }

  private rankedReport(): RiskReport {
    if (!this.ranked) {
      rankRisks(this.a, this.report);
      this.ranked = true;
    }
    return this.report;
  }

  private byId: Map<string, Classification> | undefined;

  /** Human or non-human, and why; `unknown` for a principal of unknown type; null: not an identity. */
  classification(id: string): Classification | UnknownNature | null {
    this.byId ??= new Map(this.report.classification.map((c) => [c.id, c]));
    const c = this.byId.get(id);
    if (c) return c;
    const g = this.a.graph;
    if (!g.hasNode(id) || !isClassified({ id, ...g.getNodeAttributes(id) })) return null;
    return { id, nature: 'unknown', reason: 'the export does not say whether a person or a workload is behind it; not judged until you say' };
  }

  private worst: Map<string, Severity> | undefined;

  /** The worst severity of the findings about each of `ids` (as subject or identity): graph badges. */
  badges(ids: readonly string[]): Record<string, Severity> {
    if (!this.worst) {
      this.worst = new Map();
      for (const f of this.report.findings) {
        for (const id of [f.subject, f.identity]) {
          const w = this.worst.get(id);
          if (!w || SEVERITY_ORDER[f.severity] < SEVERITY_ORDER[w]) this.worst.set(id, f.severity);
        }
      }
    }
    const out: Record<string, Severity> = Object.create(null) as Record<string, Severity>;
    for (const id of ids) {
      const w = this.worst.get(id);
      if (w) out[id] = w;
    }
    return out;
  }

  dashboard(): RiskDashboard {
    const r = this.rankedReport();
    const bySeverity: Record<Severity, number> = { critical: 0, high: 0, medium: 0, low: 0 };
    const cat = new Map<OwaspNhi, Record<string, number>>();
    for (const f of r.findings) {
      bySeverity[f.severity]++;
      const row = cat.get(f.owasp) ?? {};
      row[f.provider] = (row[f.provider] ?? 0) + 1;
      cat.set(f.owasp, row);
    }
    const byCategory = [...cat.entries()].sort(([x], [y]) => Number(x.slice(3)) - Number(y.slice(3))).map(([owasp, byProvider]) => ({ owasp, byProvider }));
    const counts = new Array<number>(BUCKET_LIMITS.length + 1).fill(0);
    let unknown = 0;
    const nhi = new Set(r.classification.filter((c) => c.nature === 'non-human').map((c) => c.id));
    const g = this.a.graph;
    g.forEachNode((id, n) => {
      if (n.placeholder || kindInfo(n.kind).category !== 'credential' || n.attributes.active === false) return;
      const holder = credentialHolder(g, id);
      if (holder && !nhi.has(holder.id)) return;
      const j = judgeAge(n.kind, n.attributes, this.a.asOf, r.config);
      if (j?.ageDays === undefined) {
        unknown++;
        return;
      }
      const i = BUCKET_LIMITS.findIndex((limit) => j.ageDays! <= limit);
      counts[i < 0 ? BUCKET_LIMITS.length : i]!++;
    });
    const top = r.ranking.slice(0, 10);
    return {
      asOf: r.asOf,
      thresholds: { staleDays: r.config.staleDays, veryOldDays: r.config.veryOldDays, ownerKeys: r.config.ownerKeys, manyReaders: r.config.manyReaders },
      total: r.findings.length,
      bySeverity,
      byCategory,
      metrics: r.metrics,
      top,
      credentialAges: AGE_BUCKETS.map((bucket, i) => ({ bucket, count: counts[i]! })),
      credentialAgesUnknown: unknown,
      classification: { humans: r.classification.filter((c) => c.nature === 'human').length, nonHumans: nhi.size, overridden: r.classification.filter((c) => c.overridden).length },
      rules: r.rules,
      refs: this.refsOf(top.map((t) => t.id)),
    };
  }

  findings(req: FindingsRequest): FindingsPage {
    const f = req.filter;
    const text = f.text?.trim().toLowerCase();
    const g = this.a.graph;
    const nameOf = (id: string) => (g.hasNode(id) ? g.getNodeAttribute(id, 'name') : id);
    let rows = (req.unranked ? this.report : this.rankedReport()).findings.filter(
      (x) =>
        (!f.severity || x.severity === f.severity) &&
        (!f.owasp || x.owasp === f.owasp) &&
        (!f.provider || x.provider === f.provider) &&
        (!f.rule || x.rule === f.rule) &&
        (!f.node || x.subject === f.node || x.identity === f.node) &&
        (!text || `${nameOf(x.subject)}\n${x.title}\n${x.detail}`.toLowerCase().includes(text)),
    );
    const bySort: Record<FindingsRequest['sort'], (x: Finding, y: Finding) => number> = {
      severity: (x, y) => SEVERITY_ORDER[x.severity] - SEVERITY_ORDER[y.severity] || y.risk - x.risk,
      risk: (x, y) => y.risk - x.risk || SEVERITY_ORDER[x.severity] - SEVERITY_ORDER[y.severity],
      rule: (x, y) => x.rule.localeCompare(y.rule),
      subject: (x, y) => nameOf(x.subject).localeCompare(nameOf(y.subject)),
    };
    const tie = (x: Finding, y: Finding) => x.rule.localeCompare(y.rule) || x.subject.localeCompare(y.subject);
    rows = rows.sort((x, y) => bySort[req.sort](x, y) || tie(x, y));
    let groups: FindingsPage['groups'] = [];
    if (req.groupBy !== 'none') {
      const keyOf = (x: Finding) => (req.groupBy === 'rule' ? x.rule : x.identity);
      const order = new Map<string, number>();
      const count = new Map<string, number>();
      rows.forEach((x, i) => {
        const k = keyOf(x);
        if (!order.has(k)) order.set(k, i);
        count.set(k, (count.get(k) ?? 0) + 1);
      });
      // Groups in the order of their first finding; rows grouped, keeping the sort inside a group.
      rows = rows.sort((x, y) => order.get(keyOf(x))! - order.get(keyOf(y))!);
      const titles = new Map(this.report.rules.map((r) => [r.id, r.title]));
      groups = [...order.keys()].map((k) => ({ key: k, label: req.groupBy === 'rule' ? (titles.get(k) ?? k) : nameOf(k), count: count.get(k)! }));
    }
    const from = Math.max(0, Math.floor(req.offset) || 0);
    const page = rows.slice(from, from + Math.max(1, Math.min(1000, Math.floor(req.limit) || 100)));
    return { total: rows.length, rows: page, groups, refs: this.refsOf(page.flatMap((x) => [x.subject, x.identity])) };
  }
}
