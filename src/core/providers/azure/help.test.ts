/**
 * Every Azure edge kind and technique (escalation, and the AKS workload identity federation) has
 * its own help, written out in full with https references: the same bar as explain/help.test.ts.
 */
import { describe, expect, it } from 'vitest';
import '../index';
import { edgeHelp } from '../../explain/help';
import { AZURE_EDGE_KINDS } from './kinds';
import { AZURE_TECHNIQUES } from './technique-catalogue';

const TOPICS: [string, string | undefined][] = [
  ...Object.keys(AZURE_EDGE_KINDS).map((k): [string, undefined] => [k, undefined]),
  ...AZURE_TECHNIQUES.map((t): [string, string] => ['escalatesTo', t.id]),
  ['federatesTo', 'aks-workload-identity'],
];

describe('Azure help', () => {
  it.each(TOPICS)('%s %s has its own, complete help', (kind, technique) => {
    const h = edgeHelp(kind, technique)!;
    expect(h).toBeDefined();
    if (technique) expect(h).not.toBe(edgeHelp(kind));
    for (const field of ['title', 'meaning', 'attack', 'remediation'] as const) expect(h[field].trim().length, field).toBeGreaterThan(20);
    expect(h.meaning.length).toBeGreaterThan(40);
    for (const r of h.references) expect(new URL(r.url).protocol).toBe('https:');
    expect(h.references.length).toBeGreaterThan(0);
  });

  it('says something different for every topic', () => {
    for (const field of ['title', 'meaning', 'attack', 'remediation'] as const) {
      const texts = TOPICS.map(([k, t]) => edgeHelp(k, t)![field]);
      expect(new Set(texts).size, field).toBe(texts.length);
    }
  });
});
