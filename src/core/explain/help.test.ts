/**
 * Every edge kind and every technique of every provider has help, written out in full: driven by
 * the real registries, so a new technique or kind without help fails here.
 */
import { describe, expect, it } from 'vitest';
import { PROVIDERS } from '../providers';
import { EDGE_KINDS } from '../model/kinds';
import { TECHNIQUES, EXTRA_TECHNIQUES } from '../providers/aws/techniques/registry';
import { GCP_TECHNIQUES } from '../providers/gcp/techniques';
import { K8S_TECHNIQUES } from '../providers/kubernetes/techniques';
import { VAULT_TECHNIQUES } from '../providers/vault/techniques';
import { AZURE_TECHNIQUES } from '../providers/azure/technique-catalogue';
import { READ_SECRET_CREDENTIAL } from '../analysis/secret-unlocks';
import { edgeHelp, helpTopics, registerHelp, type Help } from './help';

/**
 * Techniques written on `federatesTo` edges. They have no registry of their own: federation/oidc.ts
 * (oidc-*), kubernetes/federation.ts (eks-*, gke-*), gcp/federation.ts (gcp-workload-identity-*),
 * vault/federation.ts (vault-*-auth), azure/federation.ts (aks-workload-identity).
 */
const FEDERATION_TECHNIQUES = ['oidc-web-identity', 'oidc-any-subject', 'eks-irsa', 'eks-pod-identity', 'gke-workload-identity', 'gcp-workload-identity-federation', 'vault-kubernetes-auth', 'vault-aws-auth', 'vault-jwt-auth', 'aks-workload-identity'];

/** Steps the views draw without a graph edge behind them (analysis/explain.ts, explore/scene). */
const VIEW_KINDS = ['adminOf', 'setMember', 'reaches'];

const escalation: [string, string][] = [
  ...[...TECHNIQUES, ...EXTRA_TECHNIQUES].map((t): [string, string] => ['aws', t.id]),
  ...GCP_TECHNIQUES.map((t): [string, string] => ['gcp', t.id]),
  ...K8S_TECHNIQUES.map((t): [string, string] => ['kubernetes', t.id]),
  ...VAULT_TECHNIQUES.map((t): [string, string] => ['vault', t.id]),
  ...AZURE_TECHNIQUES.map((t): [string, string] => ['azure', t.id]),
  // Provider-neutral: analysis/secret-unlocks.ts.
  ['any', READ_SECRET_CREDENTIAL.id],
];
const kinds = [...Object.keys(EDGE_KINDS), ...VIEW_KINDS];

const techniqueHelp = (id: string): Help | undefined => edgeHelp('escalatesTo', id);
const allTechniques = (): [string, Help][] => [
  ...escalation.map(([, id]): [string, Help] => [id, edgeHelp('escalatesTo', id)!]),
  ...FEDERATION_TECHNIQUES.map((id): [string, Help] => [id, edgeHelp('federatesTo', id)!]),
];
const allHelp = (): [string, Help][] => [...kinds.map((k): [string, Help] => [k, edgeHelp(k)!]), ...allTechniques()];

describe('edge help', () => {
  it('is loaded with the providers', () => {
    expect(PROVIDERS.map((p) => p.id)).toEqual(['aws', 'kubernetes', 'gcp', 'vault', 'azure']);
    expect(escalation.filter(([p]) => p === 'aws')).toHaveLength(TECHNIQUES.length + EXTRA_TECHNIQUES.length);
  });

  it.each(escalation)('%s technique %s has its own help', (_provider, id) => {
    const h = techniqueHelp(id);
    expect(h).toBeDefined();
    expect(h).not.toBe(edgeHelp('escalatesTo'));
  });

  it.each(FEDERATION_TECHNIQUES)('federation technique %s has its own help', (id) => {
    const h = edgeHelp('federatesTo', id);
    expect(h).toBeDefined();
    expect(h).not.toBe(edgeHelp('federatesTo'));
  });

  it.each(kinds)('edge kind %s has help', (kind) => {
    expect(edgeHelp(kind)).toBeDefined();
  });

  it('has no help for a technique or kind that does not exist (a typo in an id)', () => {
    const topics = helpTopics();
    const techniques = new Set([...escalation.map(([, id]) => id), ...FEDERATION_TECHNIQUES]);
    expect(topics.techniques.filter((t) => !techniques.has(t))).toEqual([]);
    expect(topics.edgeKinds.filter((k) => !kinds.includes(k))).toEqual([]);
  });

  it('has every field written, and well-formed https references', () => {
    for (const [id, h] of allHelp()) {
      for (const field of ['title', 'meaning', 'attack', 'remediation'] as const) {
        expect(h[field].trim(), `${id}.${field}`).not.toBe('');
        expect(h[field], `${id}.${field}`).toBe(h[field].trim());
        expect(h[field], `${id}.${field}`).not.toMatch(/\b(TODO|TBD|FIXME)\b/);
      }
      expect(h.meaning.length, `${id}.meaning`).toBeGreaterThan(40);
      expect(h.references.length, `${id}.references`).toBeGreaterThan(0);
      for (const r of h.references) {
        expect(r.label.trim(), `${id} reference label`).not.toBe('');
        const url = new URL(r.url);
        expect(url.protocol, r.url).toBe('https:');
        expect(url.hostname, r.url).toMatch(/^[a-z0-9-]+(\.[a-z0-9-]+)+$/);
        expect(r.url, r.url).not.toMatch(/\s/);
        expect(url.href.replace(/\/$/, ''), r.url).toBe(r.url.replace(/\/$/, ''));
      }
    }
  });

  it('links each pathfinding.cloud technique to its own page, and no other', () => {
    for (const t of TECHNIQUES) {
      const refs = techniqueHelp(t.id)!.references.filter((r) => r.url.includes('pathfinding.cloud'));
      expect(refs.map((r) => r.url)).toEqual([`https://pathfinding.cloud/paths/${t.id}`]);
      expect(refs[0]!.label).toBe(`pathfinding.cloud ${t.id.toUpperCase()}`);
    }
    for (const t of EXTRA_TECHNIQUES) expect(techniqueHelp(t.id)!.references.some((r) => r.url.includes('pathfinding.cloud'))).toBe(false);
  });

  it('says something different for every technique and kind (no template with the id swapped)', () => {
    for (const field of ['title', 'meaning', 'attack', 'remediation'] as const) {
      const seen = new Map<string, string>();
      for (const [id, h] of allHelp()) {
        const text = h[field];
        expect(seen.get(text), `${field} of ${id} repeats ${seen.get(text)}`).toBeUndefined();
        seen.set(text, id);
      }
    }
    // No two techniques' attacks differ only by their ids.
    const shapes = new Map<string, string>();
    for (const [id, h] of allTechniques()) {
      const shape = h.attack.replace(/[a-z0-9]+-\d{3}/gi, 'ID');
      expect(shapes.get(shape), `attack of ${id}`).toBeUndefined();
      shapes.set(shape, id);
    }
  });

  it('returns the technique help for an escalation edge, and the kind help otherwise', () => {
    const h = edgeHelp('escalatesTo', 'iam-002')!;
    expect(h.attack).toContain('aws iam create-access-key --user-name TARGET');
    expect(h.references[0]).toEqual({ label: 'pathfinding.cloud IAM-002', url: 'https://pathfinding.cloud/paths/iam-002' });
    expect(edgeHelp('escalatesTo', 'k8s-bind-escalate')!.title).toBe('Bind or escalate roles');
    expect(edgeHelp('escalatesTo', 'gcp-sa-key-create')!.attack).toContain('gcloud iam service-accounts keys create');
    // Any provider's technique, whichever registered first.
    expect(edgeHelp('escalatesTo', 'eks-irsa')).toBe(edgeHelp('federatesTo', 'eks-irsa'));
    // A technique on an edge kind that does not carry one: the kind's help.
    expect(edgeHelp('memberOf', 'iam-002')).toBe(edgeHelp('memberOf'));
    expect(edgeHelp('canAssume', 'sts-001')).toBe(edgeHelp('canAssume'));
  });

  it('falls back to the kind help for an unknown or missing technique', () => {
    const kind = edgeHelp('escalatesTo')!;
    expect(kind.title).toBe('Escalates to');
    expect(edgeHelp('escalatesTo', 'iam-999')).toBe(kind);
    expect(edgeHelp('escalatesTo', '')).toBe(kind);
    expect(edgeHelp('escalatesTo', undefined)).toBe(kind);
    expect(edgeHelp('federatesTo', 'oidc-nonsense')).toBe(edgeHelp('federatesTo'));
  });

  it('answers hostile or unknown names with undefined, without throwing', () => {
    for (const name of ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf', '', 'k8s.nothing']) {
      expect(edgeHelp(name), name).toBeUndefined();
      expect(edgeHelp(name, 'iam-002'), name).toBeUndefined();
      expect(edgeHelp('escalatesTo', name), name).toBe(edgeHelp('escalatesTo'));
    }
    // Names from an untrusted snapshot may not even be strings.
    expect(edgeHelp(42 as unknown as string)).toBeUndefined();
    expect(edgeHelp('escalatesTo', { id: 'iam-002' } as unknown as string)).toBe(edgeHelp('escalatesTo'));
  });

  it('refuses a second, different help for the same name, and accepts the same one again', () => {
    const same = edgeHelp('escalatesTo', 'iam-002')!;
    expect(() => registerHelp({}, { 'iam-002': same })).not.toThrow();
    expect(() => registerHelp({}, { 'iam-002': { ...same, title: 'Something else' } })).toThrow(/declared twice/);
    expect(edgeHelp('escalatesTo', 'iam-002')).toBe(same);
  });
});
