/** `blastmap findings` over fixtures/risk/neutral: JSON shape, SARIF, severity floor, thresholds, usage errors. */
import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { main } from './main';

const DIR = resolve(__dirname, '../../fixtures/risk/neutral');
const A = '444455556666';

async function run(argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { out: (s) => out.push(s), err: (s) => err.push(s) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

type Json = { asOf: string; findings: { rule: string; owasp: string; severity: string; subject: string; title: string; evidence: unknown[]; remediation: string; risk: number }[]; metrics: Record<string, Record<string, number>>; classification: { id: string; nature: string; reason: string }[] };

describe('blastmap findings', () => {
  it('prints asOf, findings with the documented fields, metrics and the classification', async () => {
    const r = await run(['findings', DIR, '--as-of', '2026-11-30', '--json', '--many-readers', '2']);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.out) as Json;
    expect(doc.asOf).toBe('2026-11-30T23:59:59.999Z');
    expect(doc.findings.length).toBeGreaterThan(8);
    for (const f of doc.findings) {
      expect(Object.keys(f)).toEqual(expect.arrayContaining(['rule', 'owasp', 'severity', 'subject', 'title', 'evidence', 'remediation', 'risk']));
      expect(f.owasp).toMatch(/^NHI([1-9]|10)$/);
    }
    expect(doc.metrics.all).toMatchObject({ identitiesTotal: 9, humans: 2 });
    expect(doc.classification.find((c) => c.id === `arn:aws:iam::${A}:user/dana.meyer`)).toMatchObject({ nature: 'human' });
  });

  it('keeps only findings at or above --min-severity', async () => {
    const r = await run(['findings', DIR, '--as-of', '2026-11-30', '--json', '--min-severity', 'high']);
    const doc = JSON.parse(r.out) as Json;
    expect(doc.findings.length).toBeGreaterThan(0);
    expect(doc.findings.every((f) => f.severity === 'high' || f.severity === 'critical')).toBe(true);
  });

  it('writes SARIF 2.1.0 with --format sarif', async () => {
    const r = await run(['findings', DIR, '--as-of', '2026-11-30', '--format', 'sarif']);
    const doc = JSON.parse(r.out) as { version: string; runs: { results: unknown[] }[] };
    expect(doc.version).toBe('2.1.0');
    expect(doc.runs[0]!.results.length).toBeGreaterThan(5);
  });

  it('takes thresholds and a classification file', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'bm-class-')), 'classification.json');
    writeFileSync(file, JSON.stringify({ [`arn:aws:iam::${A}:user/dana.meyer`]: 'non-human' }));
    const r = await run(['findings', DIR, '--as-of', '2026-11-30', '--json', '--stale-days', '30', '--classification', file]);
    const doc = JSON.parse(r.out) as Json;
    expect(doc.findings.some((f) => f.subject === `arn:aws:iam::${A}:user/dana.meyer#access-key-1` && f.rule === 'nhi.credential-old')).toBe(true);
  });

  it('prints text with the thresholds and the top identities', async () => {
    const r = await run(['findings', DIR, '--as-of', '2026-11-30']);
    expect(r.out).toContain('Thresholds: credential age and inactivity 90 days, very old 365 days');
    expect(r.out).toContain('Top identities by risk:');
    expect(r.out).toMatch(/HIGH\s+NHI5\s+nhi\.admin/);
  });

  it.each([
    [['--min-severity', 'severe'], /--min-severity takes one of critical, high, medium, low/],
    [['--format', 'xml'], /--format takes json, sarif or text/],
    [['--stale-days', '-3'], /--stale-days takes a whole number/],
  ])('refuses %j with exit 2', async (flags, message) => {
    const r = await run(['findings', DIR, ...flags]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message);
  });
});
