/**
 * A JWT/OIDC role's bindings against a token's claims, as Vault's JWT auth method checks them:
 * `bound_subject` exactly; each `bound_claims` entry (a claim must equal one of its values, or
 * match one as a glob when `bound_claims_type` is `glob`); `bound_audiences` (the token's `aud`
 * must be one of them; a GitHub workflow or a pod requests the audience it wants, so a differing
 * audience is noted, not refused).
 *
 * A token start point tells only its issuer and subject. GitHub's default subjects tell more
 * (`repo:ORG/REPO:ref:refs/heads/main` is repository ORG/REPO, owner ORG, that ref, and no
 * environment): those claims are derived and decided. A claim the token does not tell is
 * conditional, except the ones a GitHub subject would tell: a subject that does not tell them
 * (not GitHub's default form) is refused by a role that binds them, as Vault refuses a token
 * whose claims do not match.
 */
import { globMatch } from './glob';

export const GITHUB_ISSUER = 'token.actions.githubusercontent.com';
/** Claims every GitHub Actions token carries, derivable from a default subject. */
const GITHUB_SUBJECT_CLAIMS = new Set(['repository', 'repository_owner', 'environment', 'ref', 'ref_type']);

export interface JwtBindings {
  boundSubject?: string;
  boundAudiences: string[];
  boundClaims?: Record<string, string[]>;
  boundClaimsType: string;
}

/** What a GitHub Actions subject in its default form tells of the token. */
export function githubSubjectClaims(sub: string): { claims: Record<string, string>; absent: Set<string> } | undefined {
  const m = /^repo:([^/:]+)\/([^:]+):(.*)$/.exec(sub);
  if (!m) return undefined;
  const claims: Record<string, string> = { repository: `${m[1]}/${m[2]}`, repository_owner: m[1]! };
  const absent = new Set<string>();
  const context = m[3]!;
  const ref = /^ref:(refs\/(heads|tags)\/.+)$/.exec(context);
  if (ref) {
    claims.ref = ref[1]!;
    claims.ref_type = ref[2] === 'heads' ? 'branch' : 'tag';
    absent.add('environment');
  } else if (context.startsWith('environment:')) {
    claims.environment = context.slice('environment:'.length);
  } else if (context === 'pull_request') {
    claims.event_name = 'pull_request';
    absent.add('environment');
  }
  return { claims, absent };
}

export interface ClaimDecision {
  decision: 'allowed' | 'conditional' | 'no';
  notes: string[];
  /** The bindings that decided it (for the evidence's location). */
  fields: string[];
  why?: string;
}

export function checkClaims(b: JwtBindings, issuer: string, claims: Readonly<Record<string, string>>): ClaimDecision {
  const notes: string[] = [];
  const fields: string[] = [];
  const github = issuer === GITHUB_ISSUER ? githubSubjectClaims(claims.sub ?? '') : undefined;
  const known: Record<string, string> = Object.create(null) as Record<string, string>;
  for (const [k, v] of Object.entries(github?.claims ?? {})) known[k] = v;
  for (const [k, v] of Object.entries(claims)) known[k] = v;
  let conditional = false;
  if (b.boundSubject !== undefined) {
    fields.push('data.bound_subject');
    if (known.sub !== b.boundSubject) return { decision: 'no', notes, fields, why: `bound_subject is ${b.boundSubject}, the token's sub is ${known.sub ?? '(none)'}` };
  }
  if (b.boundAudiences.length) {
    fields.push('data.bound_audiences');
    if (!known.aud || !b.boundAudiences.includes(known.aud)) notes.push(`the token is taken to carry an audience the role accepts (${b.boundAudiences.join(', ')}): the workload requesting it chooses its audience`);
  }
  const glob = b.boundClaimsType === 'glob';
  for (const [claim, values] of Object.entries(b.boundClaims ?? {})) {
    fields.push(`data.bound_claims.${claim}`);
    const v = Object.prototype.hasOwnProperty.call(known, claim) ? known[claim] : undefined;
    if (v === undefined) {
      if (issuer === GITHUB_ISSUER && (github?.absent.has(claim) || (!github && GITHUB_SUBJECT_CLAIMS.has(claim)))) {
        return { decision: 'no', notes, fields, why: `bound_claims.${claim} (${values.join(', ')}): the token's subject tells it does not carry that value` };
      }
      conditional = true;
      notes.push(`claim ${claim} is not known from the token (bound to ${values.join(', ')}): not evaluated`);
      continue;
    }
    const ok = values.some((p) => (glob ? globMatch(p, v) : p === v));
    if (!ok) return { decision: 'no', notes, fields, why: `bound_claims.${claim} is ${values.join(', ')}, the token's ${claim} is ${v}` };
  }
  return { decision: conditional ? 'conditional' : 'allowed', notes, fields };
}

/** Subject patterns a role's bindings amount to (for "any subject" probes of GitHub trusts). */
export function subjectPatterns(b: JwtBindings, issuer: string): string[] {
  if (b.boundSubject !== undefined) return [b.boundSubject];
  const claims = b.boundClaims ?? {};
  const out = [...(claims.sub ?? [])];
  if (issuer === GITHUB_ISSUER) {
    for (const r of claims.repository ?? []) out.push(`repo:${r}:*`);
    for (const o of claims.repository_owner ?? []) out.push(`repo:${o}/*`);
  }
  return [...new Set(out)];
}
