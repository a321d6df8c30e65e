/**
 * Judgements of role trust policies (OWASP NHI3 / NHI6), shared by the rules and the metrics: one
 * `canAssume` edge per trusted principal, one evidence entry per statement naming it, each with
 * the statement's condition. A trust is judged statement by statement: one open statement opens
 * the role whatever the others require.
 */
import type { BlastGraph } from '../../../graph/graph';
import type { Evidence, NodeAttributes } from '../../../model/types';
import { conditionTests, isLike, pins, type ConditionTest } from './conditions';

/** Keys that name who the caller is (their account, organisation or ARN). */
const PRINCIPAL_KEYS = new Set(['aws:principalorgid', 'aws:principalorgpaths', 'aws:principalaccount', 'aws:principalarn', 'aws:sourceaccount', 'aws:sourcearn', 'aws:sourceorgid', 'aws:sourceorgpaths', 'aws:userid']);

const ACCOUNT_ID = /^\d{12}$/;

/**
 * The accounts of the import: those of the nodes an export describes (users, roles, secrets,
 * accounts listed by Organizations). A trusted account outside them is a third party; two
 * accounts of the same import or organisation trusting each other are not.
 */
export function importAccounts(graph: BlastGraph): Set<string> {
  const out = new Set<string>();
  graph.forEachNode((_id, n) => {
    if (!n.placeholder && n.provider === 'aws' && n.account && ACCOUNT_ID.test(n.account)) out.add(n.account);
  });
  return out;
}

interface Trusted {
  from: string;
  node: NodeAttributes;
  evidence: Evidence[];
}

function trustedBy(graph: BlastGraph, role: string): Trusted[] {
  const out: Trusted[] = [];
  graph.forEachInEdge(role, (_e, a, source, _t, node) => {
    if (a.kind === 'canAssume') out.push({ from: source, node, evidence: a.evidence });
  });
  return out;
}

export interface TrustIssue {
  severity: 'critical' | 'high';
  detail: string;
  evidence: Evidence[];
}

/** `"*"`, `{"AWS": "*"}` or `arn:aws:iam::*:root`: any principal of any account. */
const isAnyone = (t: Trusted) => t.node.kind === 'publicPrincipal' || (t.node.kind === 'account' && t.node.account === '*');

/**
 * A role anyone may assume: critical when a statement has no condition, high when its conditions
 * pin nothing about the caller (`aws:SecureTransport`, an external id anyone can learn). A
 * statement pinning the caller's organisation, account or ARN is not "anyone".
 */
export function anyPrincipalTrust(graph: BlastGraph, role: string): TrustIssue | undefined {
  const open: Evidence[] = [];
  let unconditional = false;
  for (const t of trustedBy(graph, role)) {
    if (!isAnyone(t)) continue;
    for (const ev of t.evidence) {
      const tests = conditionTests(ev);
      if (tests.some((c) => PRINCIPAL_KEYS.has(c.key) && pins(c))) continue;
      open.push(ev);
      if (tests.length === 0) unconditional = true;
    }
  }
  if (!open.length) return undefined;
  const name = graph.getNodeAttribute(role, 'name');
  return {
    severity: unconditional ? 'critical' : 'high',
    evidence: open,
    detail: unconditional
      ? `${name}: its trust policy lets any AWS principal of any account assume it, without conditions.`
      : `${name}: its trust policy lets any AWS principal assume it; its conditions (${open.map((e) => e.condition).join('; ')}) pin no organisation, account or ARN.`,
  };
}

export interface ForeignTrust {
  account: string;
  principal: string;
  evidence: Evidence[];
}

/** Principals of accounts outside the import trusted by a statement with no `sts:ExternalId` test. */
export function foreignTrustsWithoutExternalId(graph: BlastGraph, role: string, accounts: ReadonlySet<string>): ForeignTrust[] {
  const out: ForeignTrust[] = [];
  for (const t of trustedBy(graph, role)) {
    const account = t.node.account;
    if (!account || !ACCOUNT_ID.test(account) || accounts.has(account)) continue;
    if (t.node.kind === 'identityProvider' || t.node.kind === 'servicePrincipal') continue;
    const open = t.evidence.filter((ev) => !conditionTests(ev).some((c) => c.key === 'sts:externalid' && pins(c)));
    if (open.length) out.push({ account, principal: t.from, evidence: open });
  }
  return out;
}

/** Claims that name the workload (repository, project, pipeline), besides `sub`. */
const WORKLOAD_CLAIMS = /:(sub|job_workflow_ref|repository|repository_id|repository_owner|repository_owner_id|project_path|namespace_path|ci_config_ref_uri)$/;

/**
 * A subject pattern that admits other organisations: a Like pattern of nothing but wildcards, or
 * a wildcard within the organisation part of a GitHub (`repo:ORG/...`), GitLab
 * (`project_path:GROUP/...`) or Terraform Cloud (`organization:ORG:...`) subject.
 */
export function admitsOtherOrgs(pattern: string): boolean {
  if (/^[*?]*$/.test(pattern)) return true;
  const m = /^(repo|project_path|organization):(.*)$/i.exec(pattern);
  if (!m) return false;
  const rest = m[2]!;
  const end = m[1]!.toLowerCase() === 'organization' ? rest.indexOf(':') : rest.indexOf('/');
  const org = end < 0 ? rest : rest.slice(0, end);
  return /[*?]/.test(org);
}

/** `oidc-provider/token.actions.githubusercontent.com` → the issuer; `federated:accounts.google.com` → it. */
const issuerOf = (id: string, node: NodeAttributes) => (/:oidc-provider\/(.+)$/.exec(id)?.[1] ?? node.name).toLowerCase();

/**
 * OIDC and web-identity trusts that do not pin the workload: no test on the subject (or another
 * claim naming the workload; for Cognito the identity pool, `aud`) is critical; a subject
 * wildcard that admits other organisations is high. (federation/oidc.ts draws "any subject"
 * edges by probing the evaluator; this reads the statements, so it also covers issuers the probe
 * cannot, such as GitLab's own audience, and says which pattern is at fault.)
 */
export function openOidcTrust(graph: BlastGraph, role: string): TrustIssue | undefined {
  const issues: TrustIssue[] = [];
  for (const t of trustedBy(graph, role)) {
    if (t.node.kind !== 'identityProvider' || t.node.attributes.protocol === 'SAML') continue;
    const issuer = issuerOf(t.from, t.node);
    const pinning = issuer === 'cognito-identity.amazonaws.com' ? /:aud$/ : WORKLOAD_CLAIMS;
    for (const ev of t.evidence) {
      const tests = conditionTests(ev).filter((c) => pinning.test(c.key) && pins(c));
      if (!tests.length) {
        issues.push({ severity: 'critical', evidence: [ev], detail: `trusts ${issuer} with no condition on the token subject: any workload that can get a token from this issuer can assume it` });
        continue;
      }
      const wild = subjectWildcards(tests);
      if (wild.length) issues.push({ severity: 'high', evidence: [ev], detail: `trusts ${issuer} for subjects ${wild.join(', ')}, which admit other organisations' repositories` });
    }
  }
  if (!issues.length) return undefined;
  const worst = issues.find((i) => i.severity === 'critical') ?? issues[0]!;
  const name = graph.getNodeAttribute(role, 'name');
  return { severity: worst.severity, evidence: issues.flatMap((i) => i.evidence), detail: `${name}: ${worst.detail}.` };
}

/** Subject patterns (Like tests on `sub`) that admit other organisations. */
function subjectWildcards(tests: ConditionTest[]): string[] {
  const subs = tests.filter((c) => c.key.endsWith(':sub'));
  // A trust that also pins another workload claim (a reusable workflow, the owner) is pinned.
  if (!subs.length || subs.length < tests.length) return [];
  // Tests of one statement must all hold; the values of one test are alternatives.
  if (!subs.every((c) => isLike(c) && c.values.some(admitsOtherOrgs))) return [];
  return subs.flatMap((c) => c.values.filter(admitsOtherOrgs));
}
