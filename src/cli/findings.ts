/**
 * `blastmap findings`: the non-human-identity risk findings of the exports (risk/assess.ts), as
 * text, JSON (`--json`) or SARIF 2.1.0 (`--format sarif`, for GitHub code scanning).
 */
import { readFileSync } from 'node:fs';
import { assessRisk, SEVERITIES, toSarif, type BlastmapSnapshot, type RiskConfig, type Severity } from '../core';
import type { Output } from './analyze';
import { UsageError } from './args';
import { asOfLine, loadWorkspace, type Flags } from './workspace';
import { jsonText, textLines } from './terminal-safe';

function wholeNumber(flags: Flags, name: string): number | undefined {
  const v = flags.get(name);
  if (v === undefined) return undefined;
  if (typeof v !== 'string' || !/^\d{1,6}$/.test(v)) throw new UsageError(`--${name} takes a whole number of days (0 to 999999)`);
  return Number(v);
}

/** A snapshot's workspace keeps the analyst's thresholds and classification; flags override them. */
export function workspaceRisk(flags: Flags, snapshot: BlastmapSnapshot | undefined): Partial<RiskConfig> {
  return { ...(snapshot?.workspace.risk ?? {}), ...riskOptions(flags) } as Partial<RiskConfig>;
}

/** The thresholds and overrides given on the command line (the rest keep their defaults). */
export function riskOptions(flags: Flags): Partial<RiskConfig> {
  const o: Partial<RiskConfig> = {};
  const stale = wholeNumber(flags, 'stale-days');
  const veryOld = wholeNumber(flags, 'very-old-days');
  const many = wholeNumber(flags, 'many-readers');
  if (stale !== undefined) o.staleDays = stale;
  if (veryOld !== undefined) o.veryOldDays = veryOld;
  if (many !== undefined) o.manyReaders = many;
  const keys = flags.get('owner-keys');
  if (keys !== undefined) {
    if (typeof keys !== 'string' || !keys.trim()) throw new UsageError('--owner-keys takes a comma-separated list of tag keys');
    o.ownerKeys = keys.split(',').map((k) => k.trim()).filter(Boolean);
  }
  const file = flags.get('classification');
  if (file !== undefined) {
    if (typeof file !== 'string') throw new UsageError('--classification needs a JSON file of {"<node id>": "human" | "non-human"}');
    o.overrides = readOverrides(file);
  }
  return o;
}

function readOverrides(file: string): Record<string, 'human' | 'non-human'> {
  let doc: unknown;
  try {
    doc = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new UsageError(`--classification ${file}: ${e instanceof Error ? e.message : String(e)}`);
  }
  if (!doc || typeof doc !== 'object' || Array.isArray(doc)) throw new UsageError(`--classification ${file}: expected an object of {"<node id>": "human" | "non-human"}`);
  const out: Record<string, 'human' | 'non-human'> = Object.create(null);
  for (const [k, v] of Object.entries(doc)) {
    if (v !== 'human' && v !== 'non-human') throw new UsageError(`--classification ${file}: "${k}" must be "human" or "non-human"`);
    out[k] = v;
  }
  return out;
}

function minSeverity(flags: Flags): Severity {
  const v = flags.get('min-severity');
  if (v === undefined) return 'low';
  if (typeof v !== 'string' || !(SEVERITIES as readonly string[]).includes(v)) throw new UsageError(`--min-severity takes one of ${SEVERITIES.join(', ')}`);
  return v as Severity;
}

export async function runFindings(paths: string[], flags: Flags, json: boolean, io: Output): Promise<number> {
  const format = flags.get('format') ?? (json ? 'json' : 'text');
  if (format !== 'json' && format !== 'sarif' && format !== 'text') throw new UsageError('--format takes json, sarif or text');
  riskOptions(flags); // usage errors before any file is read
  const floor = SEVERITIES.indexOf(minSeverity(flags));
  const { session, analysis, asOf, notes, snapshot } = await loadWorkspace(paths, flags);
  const options = workspaceRisk(flags, snapshot);
  for (const n of notes) io.err(`blastmap: ${n}`);
  const rejected = session.files.filter((f) => f.status === 'rejected');
  for (const f of rejected) for (const e of f.errors) io.err(`blastmap: ${e}`);
  const report = assessRisk(analysis, options);
  const findings = report.findings.filter((f) => SEVERITIES.indexOf(f.severity) <= floor);
  if (format === 'sarif') io.out(jsonText(toSarif(findings, report.rules, report.asOf), 2));
  else if (format === 'json') {
    io.out(
      jsonText(
        {
          asOf: report.asOf,
          findings: findings.map((f) => ({ rule: f.rule, owasp: f.owasp, severity: f.severity, subject: f.subject, identity: f.identity, provider: f.provider, title: f.title, detail: f.detail, evidence: f.evidence, remediation: f.remediation, risk: f.risk })),
          metrics: report.metrics,
          classification: report.classification,
          ranking: report.ranking.slice(0, 50),
          thresholds: { staleDays: report.config.staleDays, veryOldDays: report.config.veryOldDays, ownerKeys: report.config.ownerKeys, manyReaders: report.config.manyReaders },
        },
        2,
      ),
    );
  } else io.out(textLines(findingsText(report, findings, asOfLine(asOf))));
  return rejected.length ? 1 : 0;
}

function findingsText(report: ReturnType<typeof assessRisk>, findings: ReturnType<typeof assessRisk>['findings'], asOf: string): string[] {
  const counts = SEVERITIES.map((s) => `${findings.filter((f) => f.severity === s).length} ${s}`).join(', ');
  const lines = [`${findings.length} finding${findings.length === 1 ? '' : 's'} (${counts})`, asOf, `Thresholds: credential age and inactivity ${report.config.staleDays} days, very old ${report.config.veryOldDays} days, owner keys ${report.config.ownerKeys.join(', ')}`, ''];
  for (const f of findings) {
    lines.push(`${f.severity.toUpperCase().padEnd(8)} ${f.owasp.padEnd(5)} ${f.rule}  risk ${f.risk}`);
    lines.push(`  ${f.detail}`);
    for (const e of f.evidence.slice(0, 2)) lines.push(`  evidence: ${e.file}: ${e.location}${e.statement ? ` (statement ${e.statement})` : ''}`);
    lines.push(`  fix: ${f.remediation}`);
  }
  lines.push('', 'Top identities by risk:');
  for (const r of report.ranking.slice(0, 10)) lines.push(`  ${String(r.risk).padStart(5)}  ${r.name} (${r.kind}, ${r.findings} finding${r.findings === 1 ? '' : 's'}, blast ${r.blastScore}${r.blastEstimated ? ' estimated' : ''})`);
  lines.push('', 'Metrics:');
  for (const [provider, m] of Object.entries(report.metrics)) lines.push(`  ${provider}: ${Object.entries(m).map(([k, v]) => `${k} ${v}`).join(', ')}`);
  return lines;
}
