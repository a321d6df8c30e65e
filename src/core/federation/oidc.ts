/**
 * OIDC federation, checked on the trusting side with its provider's own condition semantics: a
 * token of an issuer for a subject (`oidc:<issuer>:<subject>`, a start point no export describes)
 * reaches the identities whose trust admits it; and a trust that admits any subject of its issuer,
 * or subjects of other organisations (`repo:acme*` admits `repo:acme-evil/...`), gets an edge from
 * `oidc:<issuer>:*` ("any subject of this issuer"). Speaks to providers only through the
 * federation capabilities of ProviderAnalysis, never to a provider's code.
 */
import type { BlastGraph } from '../graph/graph';
import { edgeKey } from '../model/fragment';
import type { FederationGrant, ProviderAnalysis } from '../providers/types';

export interface OidcStart {
  issuer: string;
  subject: string;
  /** The token's `aud`; default: what issuers send to AWS (`sts.amazonaws.com`). */
  audience?: string;
}

/** `https://token.actions.githubusercontent.com/` → `token.actions.githubusercontent.com`. */
export const issuerKey = (issuer: string): string => issuer.replace(/^https?:\/\//i, '').replace(/\/+$/, '').toLowerCase();

/** `oidc:token.actions.githubusercontent.com:repo:acme/web:ref:refs/heads/main` (the issuer has no `:`). */
export function parseOidcStart(text: string): OidcStart | { error: string } {
  const m = /^oidc:([^:\s]+):(.+)$/.exec(text.trim());
  if (!m) return { error: `"${text.slice(0, 80)}" is not an OIDC start point: write oidc:<issuer host>:<subject>, e.g. oidc:token.actions.githubusercontent.com:repo:acme/web:ref:refs/heads/main` };
  return { issuer: issuerKey(m[1]!), subject: m[2]! };
}

export const oidcNodeId = (issuer: string, subject: string) => `oidc:${issuerKey(issuer)}:${subject}`;

export const DEFAULT_AUDIENCE = 'sts.amazonaws.com';

function ensureTokenNode(graph: BlastGraph, issuer: string, subject: string): string {
  const id = oidcNodeId(issuer, subject);
  if (!graph.hasNode(id)) {
    const name = subject === '*' ? `any subject of ${issuerKey(issuer)}` : `${subject} (${issuerKey(issuer)})`;
    graph.addNode(id, { kind: 'oidcToken', provider: 'oidc', name, attributes: { issuer: issuerKey(issuer), subject }, placeholder: false });
  }
  return id;
}

/** Draw a `federatesTo` edge for a grant, its evidence the trust statements plus why. */
export function federationEdge(graph: BlastGraph, from: string, g: FederationGrant, technique: string, techniqueName: string, why: string): void {
  const key = edgeKey('federatesTo', from, g.target, technique);
  if (graph.hasEdge(key) || !graph.hasNode(g.target)) return;
  const evidence = g.evidence.map((ev, i) => (i === 0 ? { ...ev, note: ev.note ? `${why}; ${ev.note}` : why } : ev));
  graph.addEdgeWithKey(key, from, g.target, {
    kind: 'federatesTo',
    attributes: { technique, techniqueName, conditional: g.decision === 'conditional', notes: g.notes.length ? g.notes : undefined },
    evidence,
  });
}

/**
 * Claims an issuer's subject format implies: a GitHub Actions subject `repo:OWNER/REPO:...` tells
 * `repository` and `repository_owner` (and `ref` for branch and tag subjects), which trusts and
 * pool conditions test.
 */
function impliedClaims(issuer: string, subject: string): Record<string, string> {
  if (issuerKey(issuer) !== 'token.actions.githubusercontent.com') return {};
  const m = /^repo:([^/:]+)\/([^:]+):(.*)$/.exec(subject);
  if (!m) return {};
  const ref = /^ref:(refs\/.+)$/.exec(m[3]!)?.[1];
  return { repository: `${m[1]}/${m[2]}`, repository_owner: m[1]!, ...(ref ? { ref } : {}) };
}

/** Link a token start point to every identity whose trust admits it. Returns its node id. */
export function linkOidcStart(graph: BlastGraph, providers: Iterable<ProviderAnalysis>, start: OidcStart): string {
  const id = ensureTokenNode(graph, start.issuer, start.subject);
  const claims = { ...impliedClaims(start.issuer, start.subject), sub: start.subject, aud: start.audience ?? DEFAULT_AUDIENCE };
  for (const p of providers) {
    for (const g of p.acceptWebIdentity?.(start.issuer, claims) ?? []) {
      federationEdge(graph, id, g, 'oidc-web-identity', 'web-identity federation', `a token of ${issuerKey(start.issuer)} with sub=${claims.sub}, aud=${claims.aud} satisfies the trust`);
    }
  }
  return id;
}

const orgOf = (subject: string) => /^repo:([^/*?]+)\//.exec(subject)?.[1]?.toLowerCase();
const PROBE_ORG = 'blastmap-probe-org';

/**
 * Subjects no intended configuration names: one with no shape at all (a trust that does not
 * restrict the subject admits it), and, for each wildcard pattern, its literal prefix followed by a
 * foreign organisation (`repo:acme*` → `repo:acmeblastmap-probe-org/x:ref:refs/heads/main`).
 */
function probes(patterns: string[]): string[] {
  const out = new Set([`${PROBE_ORG}:any-subject`]);
  for (const p of patterns) {
    const wild = p.search(/[*?]/);
    if (wild >= 0) out.add(`${p.slice(0, wild)}${PROBE_ORG}/blastmap-probe:ref:refs/heads/main`);
  }
  return [...out];
}

/** Edges from `oidc:<issuer>:*` to identities whose trust admits any subject or other organisations. */
export function linkAnySubject(graph: BlastGraph, providers: Iterable<ProviderAnalysis>): void {
  for (const p of providers) {
    for (const t of p.trustedIssuers?.() ?? []) {
      const ownOrgs = new Set(t.subjectPatterns.map(orgOf).filter((o): o is string => o !== undefined));
      for (const sub of probes(t.subjectPatterns)) {
        const org = orgOf(sub);
        if (org && ownOrgs.has(org)) continue;
        const [g] = p.acceptWebIdentity?.(t.issuer, { sub, aud: DEFAULT_AUDIENCE }, t.target) ?? [];
        if (!g) continue;
        const why = t.subjectPatterns.length
          ? `the trust's subject patterns (${t.subjectPatterns.join(', ')}) admit ${sub}: any organisation can mint such a token`
          : 'the trust does not restrict the token subject: any subject of this issuer';
        federationEdge(graph, ensureTokenNode(graph, t.issuer, '*'), g, 'oidc-any-subject', 'web-identity federation, any subject', why);
        break;
      }
    }
  }
}
