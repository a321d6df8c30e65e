/**
 * Does a resource-policy statement's Principal name the requesting principal? `exact` (its ARN,
 * or a session of its role), `account` (the account root or id: a delegation to the account's
 * own IAM policies), or `public` (`*`).
 */
import type { PrincipalRef } from '../importers/policy-document';
import type { PrincipalFacts } from './context';
import { globMatch } from './wildcard';

export type PrincipalMatch = 'exact' | 'account' | 'public' | 'none';

function matchOne(ref: PrincipalRef, p: PrincipalFacts): PrincipalMatch {
  if (ref.type === '*' || ref.value === '*') return 'public';
  if (ref.type === 'Service') return p.type === 'AWSService' && ref.value.toLowerCase() === p.arn.toLowerCase() ? 'exact' : 'none';
  if (ref.type === 'Federated') return p.federated !== undefined && federatedMatches(ref.value, p.federated) ? 'exact' : 'none';
  if (ref.type !== 'AWS') return 'none';
  const v = ref.value;
  if (/^\d{12}$/.test(v)) return v === p.account ? 'account' : 'none';
  const root = /^arn:[^:]+:iam::(\d{12}):root$/.exec(v);
  if (root) return root[1] === p.account ? 'account' : 'none';
  if (v === p.arn || globMatch(v, p.arn)) return 'exact';
  // A role's sessions: arn:aws:sts::ACCT:assumed-role/NAME/SESSION matches the role NAME.
  const session = /^arn:[^:]+:sts::(\d{12}):assumed-role\/([^/]+)\//.exec(v);
  if (session && p.type === 'AssumedRole' && p.account === session[1] && p.arn.endsWith(`/${session[2]}`)) return 'exact';
  return 'none';
}

/** `arn:aws:iam::ACCT:oidc-provider/HOST/PATH` (or the bare issuer) names the token's issuer. */
function federatedMatches(value: string, issuer: string): boolean {
  const v = value.toLowerCase();
  const i = issuer.toLowerCase();
  return v === i || v.endsWith(`:oidc-provider/${i}`);
}

const RANK: Record<PrincipalMatch, number> = { none: 0, account: 1, public: 2, exact: 3 };

export function principalMatches(principals: PrincipalRef[], notPrincipals: PrincipalRef[], p: PrincipalFacts): PrincipalMatch {
  if (notPrincipals.length) return notPrincipals.some((r) => matchOne(r, p) !== 'none') ? 'none' : 'public';
  let best: PrincipalMatch = 'none';
  for (const r of principals) {
    const m = matchOne(r, p);
    if (RANK[m] > RANK[best]) best = m;
  }
  return best;
}
