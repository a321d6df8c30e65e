/**
 * Risk findings of non-human identities (OWASP NHI Top 10, 2025): the records every rule writes,
 * the thresholds they judge by, and the shape a provider plugin gives its own rules.
 */
import type { Evidence } from '../model/types';
import type { NodeAttributes } from '../model/types';
import type { Analysis } from '../analysis/analysis';
import type { Classification } from './classify';

export type Severity = 'critical' | 'high' | 'medium' | 'low';
export const SEVERITIES: readonly Severity[] = ['critical', 'high', 'medium', 'low'];

export type OwaspNhi = 'NHI1' | 'NHI2' | 'NHI3' | 'NHI4' | 'NHI5' | 'NHI6' | 'NHI7' | 'NHI8' | 'NHI9' | 'NHI10';
export const OWASP_NHI: Readonly<Record<OwaspNhi, string>> = {
  NHI1: 'Improper Offboarding',
  NHI2: 'Secret Leakage',
  NHI3: 'Vulnerable Third-Party NHI',
  NHI4: 'Insecure Authentication',
  NHI5: 'Overprivileged NHI',
  NHI6: 'Insecure Cloud Deployment Configurations',
  NHI7: 'Long-Lived Secrets',
  NHI8: 'Environment Isolation',
  NHI9: 'NHI Reuse',
  NHI10: 'Human Use of NHI',
};

/** What a rule is, independent of any subject: the catalogue the UI, README and SARIF list. */
export interface RuleInfo {
  /** Stable id, `provider.what` (`aws.access-key-old`) or `nhi.what` for provider-neutral rules. */
  id: string;
  title: string;
  owasp: OwaspNhi;
  severity: Severity;
  /** What it checks, one or two sentences (with the threshold it uses, by name). */
  description: string;
  /** What to do about it, in general; a finding may say it more concretely. */
  remediation: string;
}

export interface Finding {
  rule: string;
  owasp: OwaspNhi;
  severity: Severity;
  /** The node the finding is about (a credential, a secret, an identity, a trust). */
  subject: string;
  /** The identity whose risk it adds to (the subject itself, or the identity a credential belongs to). */
  identity: string;
  provider: string;
  title: string;
  /** What was seen, with the figures (ages in days, counts). */
  detail: string;
  /** Where it was seen: the file and record, or the statement. */
  evidence: Evidence[];
  remediation: string;
  /** The analysis date it was judged at (ISO). */
  asOf: string;
  /** The identity's risk score (see ranking.ts), set once every rule has run. */
  risk: number;
}

export interface RiskConfig {
  /** Credential age and inactivity beyond which a credential is stale (days). */
  staleDays: number;
  /** "Very old" (days): a credential this old is a finding of higher severity. */
  veryOldDays: number;
  /** Tag or label keys that name an owner (compared without case). */
  ownerKeys: string[];
  /** A secret reachable by at least this many identities besides its scope's administrators is "readable by many". */
  manyReaders: number;
  /** Identities whose blast radius is computed exactly for the ranking (the rest are estimated). */
  blastBudget: number;
  /** The analyst's classification overrides, by node id. */
  overrides: Readonly<Record<string, 'human' | 'non-human'>>;
}

export const DEFAULT_RISK_CONFIG: RiskConfig = {
  staleDays: 90,
  veryOldDays: 365,
  ownerKeys: ['owner'],
  manyReaders: 10,
  blastBudget: 300,
  overrides: {},
};

/** A node as rules read it. */
export interface RiskNode extends NodeAttributes {
  id: string;
}

/** What every rule may read: the analysis, the date, the thresholds, and the helpers in context.ts. */
export interface RiskContext {
  analysis: Analysis;
  asOf: number;
  config: RiskConfig;
  /** Human or non-human, for every identity (overrides applied). */
  classification: ReadonlyMap<string, Classification>;
  isNhi(id: string): boolean;
  /** The node that stands for this credential when two exports describe it (see ProviderRisk). */
  duplicateOf(id: string): string | undefined;
  node(id: string): RiskNode | undefined;
}

/** A finding as a rule reports it; the engine adds what the rule's info already says. */
export interface FindingInput {
  subject: string;
  /** Defaults to the subject. */
  identity?: string;
  detail: string;
  evidence: Evidence[];
  /** When the finding is more (or less) severe than the rule's default (e.g. "very old"). */
  severity?: Severity;
  /** A remediation naming the objects to change; defaults to the rule's. */
  remediation?: string;
}

export type Emit = (rule: RuleInfo, f: FindingInput) => void;

/**
 * A set of rules run together (a provider's, or the neutral ones): one pass over what they read,
 * emitting findings of the rules in `rules`.
 */
export interface RuleSet {
  rules: readonly RuleInfo[];
  run(ctx: RiskContext, emit: Emit): void;
}

/** A metric value, with the provider it counts (`aws`, `gcp`...; `all` for totals). */
export type Metrics = Record<string, Record<string, number>>;
