/** docs/findings.md lists every rule the engine can report (the docs stay true as rules move). */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { ruleCatalogue } from './assess';

describe('rule catalogue', () => {
  const doc = readFileSync(resolve(__dirname, '../../../docs/findings.md'), 'utf8');
  const rules = ruleCatalogue();
  it('has unique ids with an OWASP category, a description and a remediation', () => {
    expect(new Set(rules.map((r) => r.id)).size).toBe(rules.length);
    for (const r of rules) {
      expect(r.owasp).toMatch(/^NHI([1-9]|10)$/);
      expect(r.description.length).toBeGreaterThan(20);
      expect(r.remediation.length).toBeGreaterThan(10);
    }
  });
  it.each(rules.map((r) => [r.id, r.owasp] as const))('docs/findings.md lists %s (%s)', (id, owasp) => {
    expect(doc).toMatch(new RegExp(`\\| \`${id.replace('.', '\\.')}\` \\| ${owasp} \\|`));
  });
});
