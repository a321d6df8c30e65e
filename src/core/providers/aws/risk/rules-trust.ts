/** Role trusts open to anyone, to third parties without an external id, or to any OIDC workload. */
import type { RuleInfo, RuleSet } from '../../../risk/types';
import { anyPrincipalTrust, foreignTrustsWithoutExternalId, importAccounts, openOidcTrust } from './trust';

export const TRUST_ANY_PRINCIPAL: RuleInfo = {
  id: 'aws.trust-any-principal',
  title: 'Role trusts any AWS principal',
  owasp: 'NHI3',
  severity: 'critical',
  description: 'A role trust policy names the principal "*" (or every account) in a statement that pins no organisation, account or ARN of the caller: critical without conditions, high when its conditions pin nothing about the caller.',
  remediation: 'Name the accounts or roles that need the role in its trust policy, or add an aws:PrincipalOrgID condition.',
};

export const TRUST_THIRD_PARTY: RuleInfo = {
  id: 'aws.trust-third-party-no-external-id',
  title: 'Third-party account trusted without an external id',
  owasp: 'NHI3',
  severity: 'high',
  description: 'A role trusts an account that is not among the accounts of the import (nor of its organisation, when Organizations exports are imported), in a statement with no sts:ExternalId condition: the vendor can be tricked into using the role for another customer (confused deputy).',
  remediation: 'Add a StringEquals sts:ExternalId condition with the id the vendor issued for you, or remove the trust if the vendor is gone.',
};

export const TRUST_OIDC_OPEN: RuleInfo = {
  id: 'aws.trust-oidc-any-subject',
  title: 'OIDC trust admits any workload',
  owasp: 'NHI6',
  severity: 'critical',
  description: 'A role trusts an OIDC or web-identity issuer (GitHub Actions, GitLab, a cluster) without a condition on the token subject (critical), or with a subject wildcard that admits other organisations, such as repo:* or repo:acme* (high).',
  remediation: 'Add a StringEquals (or a StringLike within your own organisation) condition on <issuer>:sub naming the repository and branch or environment that deploys.',
};

export const awsTrustRules: RuleSet = {
  rules: [TRUST_ANY_PRINCIPAL, TRUST_THIRD_PARTY, TRUST_OIDC_OPEN],
  run(ctx, emit) {
    const g = ctx.analysis.graph;
    const accounts = importAccounts(g);
    g.forEachNode((role, n) => {
      if (n.kind !== 'role' || n.provider !== 'aws' || n.placeholder || !ctx.isNhi(role)) return;
      const any = anyPrincipalTrust(g, role);
      if (any) emit(TRUST_ANY_PRINCIPAL, { subject: role, ...any, remediation: `Edit the trust policy of role ${n.name}: replace the principal "*" with the accounts or roles that assume it, or add a StringEquals aws:PrincipalOrgID condition.` });
      const foreign = foreignTrustsWithoutExternalId(g, role, accounts);
      if (foreign.length) {
        const list = [...new Set(foreign.map((f) => f.account))].join(', ');
        emit(TRUST_THIRD_PARTY, {
          subject: role,
          evidence: foreign.flatMap((f) => f.evidence),
          detail: `${n.name}: trusts account${foreign.length > 1 ? 's' : ''} ${list}, outside the ${accounts.size} account${accounts.size === 1 ? '' : 's'} of the import, with no sts:ExternalId condition. (If ${list} is yours, import its exports or the organisation's account list.)`,
          remediation: `Add a StringEquals sts:ExternalId condition to the trust policy of role ${n.name} for ${list}, with the id the vendor gave you; remove the trust if nobody uses it.`,
        });
      }
      const oidc = openOidcTrust(g, role);
      if (oidc) emit(TRUST_OIDC_OPEN, { subject: role, ...oidc, remediation: `Pin the token subject in the trust policy of role ${n.name}: a StringEquals condition on <issuer>:sub naming your repository and branch (e.g. repo:ORG/REPO:ref:refs/heads/main).` });
    });
  },
};
