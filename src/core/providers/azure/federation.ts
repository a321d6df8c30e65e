/**
 * Azure's side of the federations: which identities a web-identity token becomes. A federated
 * identity credential on a user-assigned managed identity or an application admits a token when
 * its issuer, subject and audience match: Entra compares all three exactly (no wildcards, no
 * trailing-slash or case folding), so they are compared exactly here. A token named by issuer host
 * only (a `--from oidc:HOST:SUBJECT` start point) is matched by host, and a credential whose
 * issuer is not exactly `https://HOST` is admitted only conditionally. Flexible credentials
 * (`claimsMatchingExpression`) of the simple `claims['sub'] matches 'PATTERN'` form are matched
 * with `*` wildcards; other expressions admit conditionally, the expression quoted.
 *
 * The audience a token carries is chosen by whoever requests it (a GitHub workflow, a pod's
 * projected token); when a start point names none, `api://AzureADTokenExchange` is assumed.
 */
import type { BlastGraph } from '../../graph/graph';
import type { Evidence } from '../../model/types';
import type { FederationGrant } from '../types';
import { DEFAULT_AUDIENCE, issuerKey } from '../../federation/oidc';
import { pushTo } from '../../io/multimap';
import { armKey } from './ids';
import { actionMatches } from './wildcard';

export const AZURE_AUDIENCE = 'api://AzureADTokenExchange';

interface Fic {
  node: string;
  issuer: string;
  subject?: string;
  /** A subject pattern read from a flexible credential's expression. */
  pattern?: string;
  expression?: string;
  audiences: readonly string[];
  target: string;
  evidence: Evidence[];
}

const SUB_MATCHES = /^\s*claims\[\s*'sub'\s*\]\s+matches\s+'([^']*)'\s*$/;

/** Federated credentials with the identity each makes the token: the managed identity's or application's service principal. */
export function federatedCredentials(graph: BlastGraph): Fic[] {
  const miByResource = new Map<string, string>();
  const spByApp = new Map<string, string>();
  graph.forEachNode((id, a) => {
    if (a.provider !== 'azure') return;
    if (a.kind === 'azure.managedIdentity' && typeof a.attributes.resourceId === 'string') miByResource.set(a.attributes.resourceId, id);
    if (a.kind === 'azure.servicePrincipal' && typeof a.attributes.appId === 'string' && !a.placeholder) spByApp.set(a.attributes.appId, id);
  });
  const out: Fic[] = [];
  graph.forEachNode((id, a) => {
    if (a.kind !== 'azure.federatedCredential') return;
    const at = a.attributes;
    if (typeof at.issuer !== 'string') return;
    let target: string | undefined;
    if (at.parentKind === 'managedIdentity' && typeof at.identity === 'string') {
      const key = armKey(at.identity);
      target = key ? (miByResource.get(key) ?? key) : undefined;
    } else if (typeof at.application === 'string') target = spByApp.get(at.application) ?? `azure:app:${at.application}`;
    if (!target || !graph.hasNode(target)) return;
    const expression = typeof at.claimsMatchingExpression === 'string' ? at.claimsMatchingExpression : undefined;
    const evidence = graph.inEdges(id).flatMap((e) => graph.getEdgeAttributes(e).evidence.slice(0, 1));
    out.push({
      node: id,
      issuer: at.issuer,
      subject: typeof at.subject === 'string' ? at.subject : undefined,
      expression,
      pattern: expression ? SUB_MATCHES.exec(expression)?.[1] : undefined,
      audiences: Array.isArray(at.audiences) ? at.audiences.filter((x): x is string => typeof x === 'string') : [],
      target,
      evidence: evidence.length ? evidence : [{ file: 'analysis', location: id }],
    });
  });
  return out;
}

export class AzureFederation {
  private readonly byIssuer = new Map<string, Fic[]>();
  private readonly byHost = new Map<string, Fic[]>();

  constructor(readonly fics: readonly Fic[]) {
    for (const f of fics) {
      pushTo(this.byIssuer, f.issuer, f);
      pushTo(this.byHost, issuerKey(f.issuer), f);
    }
  }

  acceptWebIdentity(issuer: string, claims: Readonly<Record<string, string>>, only?: string): FederationGrant[] {
    const full = /^https?:\/\//i.test(issuer);
    const candidates = full ? (this.byIssuer.get(issuer) ?? []) : (this.byHost.get(issuerKey(issuer)) ?? []);
    const out = new Map<string, FederationGrant>();
    for (const f of candidates) {
      if (only !== undefined && f.target !== only) continue;
      const notes: string[] = [];
      let conditional = false;
      if (!full && f.issuer !== `https://${issuerKey(issuer)}`) {
        conditional = true;
        notes.push(`the credential's issuer ${f.issuer} differs from https://${issuerKey(issuer)} in case or a trailing slash: Entra compares issuers exactly`);
      }
      const sub = claims.sub ?? '';
      if (f.subject !== undefined) {
        if (f.subject !== sub) continue;
      } else if (f.pattern !== undefined) {
        if (!actionMatches(f.pattern, sub)) continue;
      } else {
        conditional = true;
        notes.push(`claimsMatchingExpression not evaluated: ${f.expression ?? ''}`);
      }
      const aud = claims.aud ?? DEFAULT_AUDIENCE;
      if (!f.audiences.includes(aud)) {
        if (aud !== DEFAULT_AUDIENCE || !f.audiences.length) continue;
        notes.push(`no audience given: the token's requester asks for ${f.audiences.join(', ')}`);
      }
      const prev = out.get(f.target);
      if (prev && (prev.decision === 'allowed' || conditional)) continue;
      out.set(f.target, { target: f.target, decision: conditional ? 'conditional' : 'allowed', evidence: f.evidence.map((e) => (f.expression ? { ...e, condition: f.expression } : e)), notes });
    }
    return [...out.values()];
  }

  trustedIssuers(): { issuer: string; target: string; subjectPatterns: string[] }[] {
    return this.fics.map((f) => ({ issuer: f.issuer, target: f.target, subjectPatterns: f.pattern !== undefined ? [f.pattern] : f.subject !== undefined ? [f.subject] : [] }));
  }
}
