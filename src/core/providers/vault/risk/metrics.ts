/**
 * Vault lifecycle metrics:
 * - authRolesTotal: auth method roles (token roles aside);
 * - authRolesWithoutMaxTtl: those whose export shows neither token_max_ttl nor
 *   token_explicit_max_ttl set (their tokens renew up to the mount's or Vault's max lease TTL);
 * - policiesWithSudo: ACL policies with a path granting the sudo capability.
 */
import type { RiskContext } from '../../../risk/types';
import type { PolicyRule } from '../policy';
import { tokenMaxTtl } from './rules';

export function vaultMetrics(ctx: RiskContext): Record<string, number> {
  const m = { authRolesTotal: 0, authRolesWithoutMaxTtl: 0, policiesWithSudo: 0 };
  ctx.analysis.graph.forEachNode((_id, n) => {
    if (n.provider !== 'vault' || n.placeholder) return;
    if (n.kind === 'vault.authRole') {
      m.authRolesTotal++;
      if (tokenMaxTtl(n.kind, n.attributes)?.seconds === 0) m.authRolesWithoutMaxTtl++;
    } else if (n.kind === 'vault.policy') {
      const rules = Array.isArray(n.attributes.rules) ? (n.attributes.rules as PolicyRule[]) : [];
      if (rules.some((r) => r.caps.includes('sudo') && !r.caps.includes('deny'))) m.policiesWithSudo++;
    }
  });
  return m;
}
