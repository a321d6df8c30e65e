/**
 * The risk assessment of one analysis: classify every identity, run the neutral rules and each
 * present provider's rules, count the lifecycle metrics, and rank identities by risk. Pure: the
 * as-of date is the analysis's, never the clock's.
 */
import type { Analysis } from '../analysis/analysis';
import { adminReport } from '../analysis/admins';
import { PROVIDERS } from '../providers';
import type { Evidence } from '../model/types';
import { setOwn } from '../io/safe-object';
import { classifyIdentities, type Classification } from './classify';
import { rankIdentities, SEVERITY_ORDER, type RankedIdentity } from './ranking';
import { credentialRules } from './rules/credentials';
import { identityRules } from './rules/identities';
import { secretRules } from './rules/secrets';
import { DEFAULT_RISK_CONFIG, type Finding, type Metrics, type RiskConfig, type RiskContext, type RuleInfo, type RuleSet } from './types';

export interface RiskReport {
  /** The as-of date every judgement used (ISO). */
  asOf: string;
  config: RiskConfig;
  /** Most severe first, then by risk. */
  findings: Finding[];
  /** Per provider, plus `all`. */
  metrics: Metrics;
  classification: Classification[];
  ranking: RankedIdentity[];
  /** Every rule that ran (the catalogue the findings refer to). */
  rules: RuleInfo[];
}

export const NEUTRAL_RULES: readonly RuleSet[] = [credentialRules, secretRules, identityRules];

/** The rules of the neutral sets and of every provider, for the catalogue (README, SARIF, UI). */
export function ruleCatalogue(): RuleInfo[] {
  const sets = [...NEUTRAL_RULES, ...PROVIDERS.flatMap((p) => p.risk?.rules ?? [])];
  return sets.flatMap((s) => s.rules);
}

/** Evidence without repeats (an admin's grant is cited by each of its edges). */
function distinct(evidence: Evidence[]): Evidence[] {
  const seen = new Set<string>();
  return evidence.filter((e) => {
    const k = `${e.file}\u0000${e.location}\u0000${e.statement ?? ''}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

const presentProviders = (analysis: Analysis) => PROVIDERS.filter((p) => analysis.providers.has(p.id));

/** What every rule reads: the thresholds, the classification, the duplicate credentials. */
export function riskContext(analysis: Analysis, options: Partial<RiskConfig> = {}): RiskContext {
  const config: RiskConfig = { ...DEFAULT_RISK_CONFIG, ...options };
  const classification = classifyIdentities(analysis, config.overrides);
  const g = analysis.graph;
  const duplicates = new Map<string, string>();
  for (const p of presentProviders(analysis)) for (const [k, v] of p.risk?.duplicateCredentials?.(g) ?? []) duplicates.set(k, v);
  return {
    analysis,
    asOf: analysis.asOf,
    config,
    classification,
    isNhi: (id) => classification.get(id)?.nature === 'non-human',
    duplicateOf: (id) => duplicates.get(id),
    node: (id) => (g.hasNode(id) ? { id, ...g.getNodeAttributes(id) } : undefined),
  };
}

/** Classification, findings and metrics, unranked (`risk` 0, `ranking` empty): what graph badges need. */
export function findRisks(analysis: Analysis, options: Partial<RiskConfig> = {}): RiskReport {
  const ctx = riskContext(analysis, options);
  const { config, classification } = ctx;
  const g = analysis.graph;
  const asOfIso = new Date(analysis.asOf).toISOString();
  const providers = presentProviders(analysis);
  const sets = [...NEUTRAL_RULES, ...providers.flatMap((p) => p.risk?.rules ?? [])];
  const findings: Finding[] = [];
  const seen = new Set<string>();
  for (const set of sets) {
    set.run(ctx, (rule, f) => {
      const identity = f.identity ?? f.subject;
      // Humans never get NHI findings, whichever rule forgot to ask.
      if (classification.get(identity)?.nature === 'human') return;
      const key = `${rule.id}\u0000${f.subject}`;
      if (seen.has(key)) return;
      seen.add(key);
      const provider = g.hasNode(f.subject) ? g.getNodeAttribute(f.subject, 'provider') : 'any';
      findings.push({ rule: rule.id, owasp: rule.owasp, severity: f.severity ?? rule.severity, subject: f.subject, identity, provider, title: rule.title, detail: f.detail, evidence: distinct(f.evidence), remediation: f.remediation ?? rule.remediation, asOf: asOfIso, risk: 0 });
    });
  }
  const metrics: Metrics = {};
  const all: Record<string, number> = { identitiesTotal: 0, humans: 0, nhiTotal: 0, findingsTotal: findings.length };
  for (const c of classification.values()) {
    all.identitiesTotal!++;
    if (c.nature === 'human') all.humans!++;
    else all.nhiTotal!++;
  }
  all.nhiWithoutOwner = findings.filter((f) => f.rule === 'nhi.no-owner').length;
  metrics.all = all;
  for (const p of providers) {
    const m = p.risk?.metrics?.(ctx);
    if (m) setOwn(metrics, p.id, m);
  }
  return {
    asOf: asOfIso,
    config,
    findings,
    metrics,
    classification: [...classification.values()].sort((x, y) => x.id.localeCompare(y.id)),
    ranking: [],
    rules: sets.flatMap((s) => s.rules),
  };
}

/**
 * Rank the identities of a report by risk (ranking.ts: up to `blastBudget` blast radii) and set
 * each finding's risk; findings end most severe first, then by risk.
 */
export function rankRisks(analysis: Analysis, report: RiskReport): void {
  const findings = report.findings;
  const config = report.config;
  const admins = adminReport(analysis, 1);
  const reachesAdmin = new Set([...admins.admins, ...admins.conditionalAdmins, ...admins.escalatesToAdmin.map((e) => e.principal)]);
  report.ranking = rankIdentities(analysis, findings, config.blastBudget, reachesAdmin);
  const riskBy = new Map(report.ranking.map((r) => [r.id, r.risk]));
  for (const f of findings) f.risk = riskBy.get(f.identity) ?? 0;
  findings.sort((x, y) => SEVERITY_ORDER[x.severity] - SEVERITY_ORDER[y.severity] || y.risk - x.risk || x.rule.localeCompare(y.rule) || x.subject.localeCompare(y.subject));
}

export function assessRisk(analysis: Analysis, options: Partial<RiskConfig> = {}): RiskReport {
  const report = findRisks(analysis, options);
  rankRisks(analysis, report);
  return report;
}
