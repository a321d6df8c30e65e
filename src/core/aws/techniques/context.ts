/**
 * What technique detectors share: the model, the catalogue, identities by account, a cheap
 * "could any statement allow this action" pre-filter, and probe resources for creating things.
 */
import type { ActionCatalogue } from '../catalogue/catalogue';
import type { AwsModel } from '../model';
import type { Decision } from '../eval/evaluate';
import { statementsFor } from '../eval/compile';
import { globMatch } from '../eval/wildcard';
import type { PermissionCheck } from './types';

function push(map: Map<string, string[]>, key: string, value: string): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

export const usable = (d: Decision): boolean => d.decision === 'allowed' || d.decision === 'conditional';

export class TechniqueContext {
  private readonly byAccount = new Map<string, { users: string[]; roles: string[]; groups: string[] }>();
  private readonly mayCache = new Map<string, boolean>();
  /** Roles by who their trust policies name: a principal ARN, an account, or anyone. */
  private readonly trustedBy = new Map<string, string[]>();
  private readonly trustedByAccount = new Map<string, string[]>();
  private readonly trustedByAnyone: string[] = [];

  constructor(
    readonly model: AwsModel,
    readonly catalogue: ActionCatalogue,
  ) {
    model.graph.forEachNode((id, a) => {
      if (a.provider !== 'aws' || a.placeholder || !a.account) return;
      if (a.kind !== 'user' && a.kind !== 'role' && a.kind !== 'group') return;
      let e = this.byAccount.get(a.account);
      if (!e) this.byAccount.set(a.account, (e = { users: [], roles: [], groups: [] }));
      (a.kind === 'user' ? e.users : a.kind === 'role' ? e.roles : e.groups).push(id);
    });
    model.graph.forEachEdge((_, a, source, target) => {
      if (a.kind !== 'canAssume' || model.node(target)?.kind !== 'role') return;
      const s = model.node(source);
      if (!s) return;
      if (s.kind === 'publicPrincipal') this.trustedByAnyone.push(target);
      else if (s.kind === 'account' && s.account) push(this.trustedByAccount, s.account, target);
      else if (s.kind === 'externalPrincipal' && source.includes(':assumed-role/')) {
        // A trusted role session: the role itself can reach it by naming its session.
        const m = /^arn:[^:]+:sts::(\d{12}):assumed-role\/([^/]+)\//.exec(source);
        if (m) for (const r of this.roles(m[1])) if (r.endsWith(`/${m[2]}`)) push(this.trustedBy, r, target);
      } else push(this.trustedBy, source, target);
    });
  }

  /**
   * Roles a principal might assume: trusts that name it, and (when its own policies can allow
   * sts:AssumeRole at all) trusts that name its account or anyone. Everything else is skipped
   * without evaluation, so the cost follows the trusts, not principals x roles.
   */
  assumeCandidates(principal: string): string[] {
    const out = new Set(this.trustedBy.get(principal) ?? []);
    if (this.mayAllow(principal, 'sts:AssumeRole')) {
      for (const r of this.trustedByAnyone) out.add(r);
      const account = this.model.node(principal)?.account;
      for (const r of (account && this.trustedByAccount.get(account)) || []) out.add(r);
    }
    out.delete(principal);
    return [...out];
  }

  users(account: string | undefined): string[] {
    return (account && this.byAccount.get(account)?.users) || [];
  }
  roles(account: string | undefined): string[] {
    return (account && this.byAccount.get(account)?.roles) || [];
  }
  groups(account: string | undefined): string[] {
    return (account && this.byAccount.get(account)?.groups) || [];
  }

  /**
   * Cheap pre-filter: can any Allow statement of the principal's identity policies name this
   * action at all? If not, no resource needs checking (cost grows with grants, not targets).
   */
  mayAllow(principal: string, action: string): boolean {
    const key = `${principal}\u0000${action}`;
    let v = this.mayCache.get(key);
    if (v === undefined) {
      const pp = this.model.principalPolicies(principal);
      const service = action.slice(0, action.indexOf(':')).toLowerCase();
      const a = action.toLowerCase();
      v =
        pp.missing.length > 0 ||
        pp.identity.some((pol) =>
          statementsFor(pol, service).some((st) => st.effect === 'Allow' && (st.actions ? st.actions.some((p) => globMatch(p, a, true)) : !st.notActions!.some((p) => globMatch(p, a, true)))),
        );
      this.mayCache.set(key, v);
    }
    return v;
  }

  check(principal: string, action: string, resource: string, context?: Record<string, string[]>): PermissionCheck {
    return { action, resource, decision: this.model.can(principal, action, resource, context) };
  }

  /**
   * Resources to test a "create" action on: the principal may name the new thing freely, so
   * any ARN its Allow statements admit will do. Each statement's Resource pattern gives one
   * candidate (wildcards filled in); `*` gives a synthetic ARN of the action's resource type.
   */
  probeResources(principal: string, action: string): string[] {
    const pp = this.model.principalPolicies(principal);
    const account = pp.facts.account ?? '000000000000';
    const service = action.slice(0, action.indexOf(':')).toLowerCase();
    const out = new Set<string>();
    for (const pol of pp.identity) {
      for (const st of statementsFor(pol, service)) {
        if (st.effect !== 'Allow') continue;
        for (const r of st.resources ?? ['*']) out.add(r === '*' ? this.syntheticArn(action, account) : r.replace(/\$\{[^}]+\}/g, 'blastmap').replace(/[*?]/g, 'x'));
      }
    }
    if (!out.size) out.add(this.syntheticArn(action, account));
    return [...out];
  }

  private syntheticArn(action: string, account: string): string {
    const info = this.catalogue.action(action);
    const type = info?.resourceTypes[0];
    const format = type ? this.catalogue.resourceFormat(info!.service, type) : undefined;
    if (!format) return '*';
    return format.replace('${Partition}', 'aws').replace('${Region}', 'us-east-1').replace('${Account}', account).replace(/\$\{[^}]+\}/g, 'blastmap-probe');
  }

  /** Roles whose trust policy lets a service principal (e.g. lambda.amazonaws.com) assume them. */
  rolesTrustingService(service: string): string[] {
    const id = `service:${service}`;
    return this.trustedBy.get(id) ?? [];
  }

  /** The best of several checks of one action: allowed beats conditional beats the rest. */
  best(checks: PermissionCheck[]): PermissionCheck | undefined {
    return checks.find((c) => c.decision.decision === 'allowed') ?? checks.find((c) => c.decision.decision === 'conditional');
  }

  /** Check a creation action over its probe resources. */
  checkCreate(principal: string, action: string, context?: Record<string, string[]>): PermissionCheck | undefined {
    if (!this.mayAllow(principal, action)) return undefined;
    return this.best(this.probeResources(principal, action).map((r) => this.check(principal, action, r, context)));
  }
}
