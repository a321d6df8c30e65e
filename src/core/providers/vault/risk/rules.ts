/**
 * Vault's own NHI risk rules (the neutral ones already judge KV secrets' age, owners and the roles
 * that are Vault administrators or can become one):
 * - auth and token roles whose tokens have no maximum lifetime, or one over a year (NHI7);
 * - roles issuing periodic tokens with no explicit maximum: renewed, they never expire (NHI7);
 * - roles whose tokens carry a policy granting `sudo`, or every path (`*`), or the root policy (NHI5).
 * The lifetimes come from the role's own fields (token_max_ttl, token_explicit_max_ttl,
 * token_period; token roles: explicit_max_ttl, period). A role with neither max set is bounded
 * only by its mount's or Vault's max lease TTL, which the role export does not show (32 days
 * unless the server configuration raises it).
 */
import type { Evidence } from '../../../model/types';
import { nodeEvidence } from '../../../risk/evidence';
import type { Emit, RiskContext, RuleInfo, RuleSet } from '../../../risk/types';
import type { VaultAnalysis } from '../plugin';
import { blockLocation, type PolicyRule } from '../policy';
import { policyId } from '../ids';

export const NO_MAX_TTL: RuleInfo = {
  id: 'vault.token-no-max-ttl',
  title: 'Vault role issues tokens without a short maximum lifetime',
  owasp: 'NHI7',
  severity: 'low',
  description: 'A Vault auth or token role that sets neither token_max_ttl nor token_explicit_max_ttl (its tokens live, renewed, as long as the mount\'s or Vault\'s max lease TTL: 32 days by default, possibly much more), or sets a maximum over a year (medium).',
  remediation: 'Set token_max_ttl (or token_explicit_max_ttl) on the role to what one job needs, hours rather than days; workloads log in again rather than renew forever.',
};
export const PERIODIC_TOKEN: RuleInfo = {
  id: 'vault.periodic-token',
  title: 'Vault role issues periodic tokens that never expire',
  owasp: 'NHI7',
  severity: 'medium',
  description: 'A Vault auth or token role with token_period and no token_explicit_max_ttl: each renewal within the period extends its tokens again, so a token never expires while something keeps renewing it.',
  remediation: 'Set token_explicit_max_ttl on the role (or drop token_period) so that its tokens end, and let the workload log in again.',
};
export const BROAD_POLICY: RuleInfo = {
  id: 'vault.role-broad-policy',
  title: 'Vault role\'s tokens hold sudo or every path',
  owasp: 'NHI5',
  severity: 'high',
  description: 'A Vault auth or token role whose tokens carry the root policy, or a policy granting the sudo capability or any capability on every path (`*`): root-protected endpoints or the whole Vault for every workload that logs in as it.',
  remediation: 'Move the sudo and `*` paths out of the policies this role attaches into a policy kept for break-glass operators; give the role only the paths its workload reads.',
};

const YEAR_S = 365 * 86_400;
const MAX_EVIDENCE = 6;
/** A path of wildcards only: every path of the Vault (`*`, `+/*`...). */
const EVERY_PATH = /^(\+\/)*\*$/;

const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
const plural = (n: number, unit: string) => `${n.toLocaleString('en-US')} ${unit}${n === 1 ? '' : 's'}`;
/** A TTL in seconds, in words: `1 day`, `about 463 days`, `12 hours`, `90 seconds`. */
const human = (s: number) =>
  s >= 86_400 ? `${s % 86_400 ? 'about ' : ''}${plural(Math.round(s / 86_400), 'day')}` : s >= 3600 && s % 3600 === 0 ? plural(s / 3600, 'hour') : plural(s, 'second');

/** The broad rules of one policy: sudo, or any capability on every path (deny blocks grant nothing). */
export function broadRules(rules: readonly PolicyRule[]): PolicyRule[] {
  return rules.filter((r) => !r.caps.includes('deny') && r.caps.length > 0 && (r.caps.includes('sudo') || EVERY_PATH.test(r.path)));
}

function roleName(a: { kind: string; name: string }): string {
  return a.kind === 'vault.tokenRole' ? `token role ${a.name}` : `role ${a.name}`;
}

/**
 * The longest a role's tokens may live by its own fields: the smaller of token_max_ttl and
 * token_explicit_max_ttl where set (0: neither set), or undefined when the export does not carry
 * both fields (token roles have no token_max_ttl).
 */
export function tokenMaxTtl(kind: string, a: Record<string, unknown>): { seconds: number; field: string } | undefined {
  const explicit = num(a.tokenExplicitMaxTtl);
  const max = num(a.tokenMaxTtl);
  const set = [...(explicit ? [{ seconds: explicit, field: 'token_explicit_max_ttl' }] : []), ...(max ? [{ seconds: max, field: 'token_max_ttl' }] : [])].sort((x, y) => x.seconds - y.seconds);
  if (set.length) return set[0];
  return explicit !== undefined && (max !== undefined || kind === 'vault.tokenRole') ? { seconds: 0, field: '' } : undefined;
}

function ttlFindings(ctx: RiskContext, id: string, emit: Emit): void {
  const g = ctx.analysis.graph;
  const n = g.getNodeAttributes(id);
  const a = n.attributes;
  const explicit = num(a.tokenExplicitMaxTtl);
  const period = num(a.tokenPeriod);
  const path = String(a.apiPath ?? n.name);
  const evidence = nodeEvidence(g, id, `read from ${String(a.readFrom ?? path)}`);
  if (period !== undefined && period > 0 && !explicit) {
    emit(PERIODIC_TOKEN, {
      subject: id,
      evidence,
      detail: `${roleName(n)}: periodic tokens (period ${human(period)}) with no explicit maximum TTL.`,
      remediation: `Set token_explicit_max_ttl on ${path} (vault write ${path} token_explicit_max_ttl=<duration>), or remove token_period.`,
    });
    return;
  }
  const cap = tokenMaxTtl(n.kind, a);
  if (cap === undefined) return;
  const effective = cap.seconds;
  const field = cap.field;
  if (effective === 0) {
    emit(NO_MAX_TTL, {
      subject: id,
      evidence,
      detail: `${roleName(n)}: no token_max_ttl or token_explicit_max_ttl: its tokens renew up to the mount's or Vault's max lease TTL.`,
      remediation: `Set token_max_ttl on ${path} (vault write ${path} token_max_ttl=1h, or what one job needs).`,
    });
  } else if (effective > YEAR_S) {
    emit(NO_MAX_TTL, {
      subject: id,
      evidence,
      severity: 'medium',
      detail: `${roleName(n)}: tokens may live ${human(effective)} (${field}), over a year.`,
      remediation: `Lower ${field} on ${path} to what one job needs (vault write ${path} ${field}=1h).`,
    });
  }
}

export const vaultRules: RuleSet = {
  rules: [NO_MAX_TTL, PERIODIC_TOKEN, BROAD_POLICY],
  run(ctx, emit) {
    const g = ctx.analysis.graph;
    const vault = ctx.analysis.providers.get('vault') as VaultAnalysis | undefined;
    g.forEachNode((id, n) => {
      if ((n.kind !== 'vault.authRole' && n.kind !== 'vault.tokenRole') || n.placeholder || !ctx.isNhi(id)) return;
      ttlFindings(ctx, id, emit);
      // The policies its tokens carry, as the analysis resolved them (default added, token-role globs).
      const policies = vault?.model.holders.get(id)?.policies ?? [];
      const scope = n.account ?? '';
      const grants: { what: string; evidence: Evidence[] }[] = [];
      const hasPolicyEvidence = (policy: string): Evidence[] => {
        const out: Evidence[] = [];
        g.forEachOutEdge(id, (_e, attrs, _s, target) => {
          if (attrs.kind === 'hasPolicy' && target === policy) out.push(...attrs.evidence);
        });
        return out;
      };
      for (const name of policies) {
        const pid = policyId(scope, name);
        if (name === 'root') {
          grants.push({ what: 'the root policy', evidence: hasPolicyEvidence(pid) });
          continue;
        }
        if (!g.hasNode(pid)) continue;
        const p = g.getNodeAttributes(pid);
        const rules = !p.placeholder && Array.isArray(p.attributes.rules) ? (p.attributes.rules as PolicyRule[]) : [];
        const broad = broadRules(rules);
        if (!broad.length) continue;
        const file = typeof p.attributes.sourceFile === 'string' ? p.attributes.sourceFile : 'policy';
        grants.push({
          what: `policy ${name} (${broad.map((r) => `${r.path}: ${r.caps.join(', ')}`).join('; ')})`,
          evidence: [...hasPolicyEvidence(pid), ...broad.map((r) => ({ file, location: blockLocation(r.path, r.line), policy: name, note: `capabilities ${r.caps.join(', ')}` }))],
        });
      }
      if (!grants.length) return;
      emit(BROAD_POLICY, {
        subject: id,
        evidence: grants.flatMap((x) => x.evidence).slice(0, MAX_EVIDENCE),
        detail: `${roleName(n)}: its tokens hold ${grants.map((x) => x.what).join('; ')}.`,
        remediation: `Detach ${grants.map((x) => x.what.replace(/ \(.*$/, '')).join(', ')} from ${String(n.attributes.apiPath ?? n.name)} and give it a policy with only the paths its workload uses.`,
      });
    });
  },
};
