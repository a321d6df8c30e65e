/**
 * Findings as SARIF 2.1.0, for GitHub code scanning and other SARIF readers. GitHub places a
 * result on a file through `physicalLocation.artifactLocation.uri`: ours is the export file the
 * evidence came from (an export has no line numbers we keep, so the region is its first line and
 * the record is named in the message and the logical location). `partialFingerprints` keeps a
 * finding's identity across runs: the rule and the subject, never the date or the figures.
 */
import { BLASTMAP_VERSION } from '../version';
import { OWASP_NHI, type Finding, type RuleInfo, type Severity } from './types';

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { critical: 'error', high: 'error', medium: 'warning', low: 'note' };
/** GitHub's `security-severity` (0-10) buckets: critical >= 9, high >= 7, medium >= 4, low below. */
const SECURITY_SEVERITY: Record<Severity, string> = { critical: '9.5', high: '8.0', medium: '5.5', low: '3.0' };

/** A stable, short fingerprint (FNV-1a 64-bit as hex): no crypto API needed in the core. */
function fingerprint(text: string): string {
  let h = 0xcbf29ce484222325n;
  for (let i = 0; i < text.length; i++) {
    h ^= BigInt(text.charCodeAt(i));
    h = (h * 0x100000001b3n) & 0xffffffffffffffffn;
  }
  return h.toString(16).padStart(16, '0');
}

/** A file name as a relative URI reference (spaces and the like escaped, separators kept). */
const uriOf = (file: string) => file.split(/[\\/]/).map(encodeURIComponent).join('/');

export function toSarif(findings: readonly Finding[], rules: readonly RuleInfo[], asOf: string): object {
  const used = new Set(findings.map((f) => f.rule));
  const listed = rules.filter((r, i) => used.has(r.id) && rules.findIndex((x) => x.id === r.id) === i);
  const index = new Map(listed.map((r, i) => [r.id, i]));
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'Blastmap',
            version: BLASTMAP_VERSION,
            informationUri: 'https://github.com/blastmap/blastmap',
            rules: listed.map((r) => ({
              id: r.id,
              name: r.title.replace(/[^A-Za-z0-9]+(.)?/g, (_m, c: string | undefined) => (c ? c.toUpperCase() : '')),
              shortDescription: { text: r.title },
              fullDescription: { text: r.description },
              help: { text: `${r.description}\n\nRemediation: ${r.remediation}\n\nOWASP ${r.owasp}:2025 ${OWASP_NHI[r.owasp]}.`, markdown: `${r.description}\n\n**Remediation:** ${r.remediation}\n\nOWASP Non-Human Identities Top 10: **${r.owasp}:2025 ${OWASP_NHI[r.owasp]}**.` },
              defaultConfiguration: { level: LEVEL[r.severity] },
              properties: { tags: ['security', 'non-human-identity', `owasp-${r.owasp.toLowerCase()}`], precision: 'high', 'security-severity': SECURITY_SEVERITY[r.severity] },
            })),
          },
        },
        automationDetails: { id: `blastmap/findings/${asOf.slice(0, 10)}` },
        results: findings.map((f) => {
          const ev = f.evidence[0];
          const where = ev ? ` (${ev.file}: ${ev.location}${ev.statement ? `, statement ${ev.statement}` : ''})` : '';
          return {
            ruleId: f.rule,
            ruleIndex: index.get(f.rule),
            level: LEVEL[f.severity],
            message: { text: `${f.title}: ${f.detail}${where} Remediation: ${f.remediation}` },
            locations: [
              {
                ...(ev ? { physicalLocation: { artifactLocation: { uri: uriOf(ev.file) }, region: { startLine: 1 } } } : {}),
                logicalLocations: [{ fullyQualifiedName: f.subject, kind: 'resource' }],
              },
            ],
            partialFingerprints: { 'blastmapFinding/v1': fingerprint(`${f.rule}\u0000${f.subject}`) },
            properties: { owasp: f.owasp, severity: f.severity, risk: f.risk, subject: f.subject, identity: f.identity, asOf: f.asOf },
          };
        }),
      },
    ],
  };
}
