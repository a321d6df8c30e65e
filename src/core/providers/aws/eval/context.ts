/**
 * What is known about a request when evaluating from an export: the principal (ARN, account,
 * tags, user name, id), the analysis time, and whatever a caller states. Everything else
 * (source IP, MFA, region, VPC...) is unknown, so conditions on it stay "conditional".
 */
export interface RequestContext {
  /** Lower-cased condition key → values. */
  readonly values: ReadonlyMap<string, readonly string[]>;
  /** Lower-cased keys known to be absent from the request (e.g. a tag the principal lacks). */
  readonly absent: ReadonlySet<string>;
  /** Lower-cased key prefixes whose every key is known (present in `values` or absent). */
  readonly completePrefixes: readonly string[];
  /** Date keys known only as a range of epoch ms (e.g. aws:TokenIssueTime: the last 36 hours). */
  readonly dateRanges?: ReadonlyMap<string, readonly [number, number]>;
}

export type KeyState = { kind: 'values'; values: readonly string[] } | { kind: 'absent' } | { kind: 'unknown' };

export function keyState(ctx: RequestContext, key: string): KeyState {
  const k = key.toLowerCase();
  const v = ctx.values.get(k);
  if (v) return { kind: 'values', values: v };
  if (ctx.absent.has(k) || ctx.completePrefixes.some((p) => k.startsWith(p))) return { kind: 'absent' };
  return { kind: 'unknown' };
}

export interface PrincipalFacts {
  arn: string;
  account?: string;
  /** `User`, `AssumedRole`, `Account`... as aws:PrincipalType names them. */
  type: 'User' | 'AssumedRole' | 'Account' | 'FederatedUser' | 'AWSService' | 'Anonymous' | 'WebIdentity';
  /** For a web-identity token: its issuer as IAM names OIDC providers (`host/path`, no scheme). */
  federated?: string;
  userName?: string;
  userId?: string;
  tags?: readonly [string, string][];
  orgId?: string;
}

/**
 * The request context of a principal at the analysis date `asOf` (epoch ms). An IAM user signs
 * with its long-term keys by default; `session` is the same user with temporary credentials from
 * sts:GetSessionToken (which any holder of the keys can get).
 */
export function contextFor(p: PrincipalFacts, asOf: number, extra: Record<string, string[]> = {}, session = false): RequestContext {
  const now = asOf;
  const values = new Map<string, string[]>();
  const set = (k: string, v: string | undefined) => {
    if (v !== undefined) values.set(k.toLowerCase(), [v]);
  };
  set('aws:PrincipalArn', p.arn);
  set('aws:PrincipalAccount', p.account);
  set('aws:PrincipalType', p.type);
  set('aws:username', p.userName);
  set('aws:userid', p.userId);
  set('aws:PrincipalOrgID', p.orgId);
  set('aws:CurrentTime', new Date(now).toISOString());
  set('aws:EpochTime', String(Math.floor(now / 1000)));
  const completePrefixes: string[] = [];
  if (p.tags) {
    for (const [k, v] of p.tags) set(`aws:PrincipalTag/${k}`, v);
    // Tags are all known from the export: a tag not listed is absent.
    completePrefixes.push('aws:principaltag/');
  }
  for (const [k, v] of Object.entries(extra)) values.set(k.toLowerCase(), v);
  const absent = new Set<string>();
  const dateRanges = new Map<string, [number, number]>();
  if (p.type === 'User' && !session) {
    // Requests signed with a user's long-term access keys carry no token issue time.
    absent.add('aws:tokenissuetime');
  } else {
    // Session tokens live at most 36 hours, and an attacker can always mint a fresh one: its
    // issue time lies in the last 36 hours, which decides comparisons against older dates.
    dateRanges.set('aws:tokenissuetime', [now - 36 * 3600_000, now]);
    // Only IAM users' requests carry aws:username.
    if (p.type !== 'User') absent.add('aws:username');
  }
  return { values, absent, completePrefixes, dateRanges };
}
