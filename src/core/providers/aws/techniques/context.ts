/**
 * What technique detectors share: the model, the catalogue, identities by account, a cheap
 * "could any statement allow this action" pre-filter, and probe resources for creating things.
 */
import type { ActionCatalogue } from '../catalogue/catalogue';
import type { AwsModel } from '../model';
import type { Decision, PrincipalPolicies } from '../eval/evaluate';
import { namesAction, statementsFor, type CompiledPolicy, type CompiledStatement } from '../eval/compile';
import { globMatch } from '../eval/wildcard';
import { substituteVariables } from '../eval/variables';
import type { PermissionCheck } from './types';
import { pushTo } from '../../../io/multimap';
import { IamTargets, type Candidates, type IamType } from './targets';

/**
 * Could a Resource pattern match some ARN starting with `prefix`? Compares the pattern's literal
 * head with the prefix: a cheap filter; the evaluator decides exactly afterwards.
 */
function prefixCompatible(pattern: string, prefix: string): boolean {
  if (pattern === '*') return true;
  const pf = pattern.split(':');
  const xf = prefix.split(':');
  if (pf.length < 6 || xf.length < 6) {
    const wild = pattern.search(/[*?$]/);
    const head = wild < 0 ? pattern : pattern.slice(0, wild);
    return head.startsWith(prefix) || prefix.startsWith(head);
  }
  // arn, partition, service, region and account field by field; then the resource's head.
  for (let i = 0; i < 5; i++) if (!pf[i]!.includes('$') && !globMatch(pf[i]!, xf[i]!)) return false;
  const resource = pf.slice(5).join(':');
  const want = xf.slice(5).join(':');
  const wild = resource.search(/[*?$]/);
  const head = wild < 0 ? resource : resource.slice(0, wild);
  return head.startsWith(want) || want.startsWith(head);
}


/**
 * The roles whose trust policy names an account: in the order of the trusts, each role's first
 * place, those of other accounts, and those that trust the account plainly (`rolesTrustingAccount`,
 * which a principal allowed sts:AssumeRole on every role reaches as one set) and the rest.
 */
interface AccountTrusts {
  roles: readonly string[];
  position: ReadonlyMap<string, number>;
  foreign: readonly string[];
  plain: ReadonlySet<string>;
  notPlain: readonly string[];
}

export const usable = (d: Decision): boolean => d.decision === 'allowed' || d.decision === 'conditional';

export class TechniqueContext {
  private readonly byAccount = new Map<string, { users: string[]; roles: string[]; groups: string[] }>();
  private readonly mayCache = new Map<string, Map<string, boolean>>();
  /** Roles by who their trust policies name: a principal ARN, an account, or anyone. */
  private readonly trustedBy = new Map<string, string[]>();
  private readonly trustedByAccount = new Map<string, string[]>();
  private readonly trustedByAnyone: string[] = [];
  private readonly plainTrustCache = new Map<string, string[]>();
  private readonly policiesByAccount = new Map<string, string[]>();
  readonly targets = new IamTargets((account, type) => (type === 'policy' ? this.customerPolicies(account) : (this.byAccount.get(account)?.[`${type}s`] ?? [])));

  constructor(
    readonly model: AwsModel,
    readonly catalogue: ActionCatalogue,
  ) {
    model.graph.forEachNode((id, a) => {
      if (a.provider !== 'aws' || a.placeholder || !a.account) return;
      if (a.kind === 'managedPolicy' && a.attributes.awsManaged !== true) pushTo(this.policiesByAccount, a.account, id);
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
      else if (s.kind === 'account' && s.account) pushTo(this.trustedByAccount, s.account, target);
      else if (s.kind === 'externalPrincipal' && source.includes(':assumed-role/')) {
        // A trusted role session: the role itself can reach it by naming its session.
        const m = /^arn:[^:]+:sts::(\d{12}):assumed-role\/([^/]+)\//.exec(source);
        if (m) for (const r of this.roles(m[1])) if (r.endsWith(`/${m[2]}`)) pushTo(this.trustedBy, r, target);
      } else pushTo(this.trustedBy, source, target);
    });
  }

  /**
   * Roles a principal might assume: trusts that name it, and (when its own policies can allow
   * sts:AssumeRole at all) trusts that name its account or anyone. Everything else is skipped
   * without evaluation, so the cost follows the trusts, not principals x roles.
   * `besidesPlainAccountTrusts`: leave out the roles that trust the principal's account plainly
   * (`rolesTrustingAccount`), which the caller reaches as one set.
   */
  assumeCandidates(principal: string, besidesPlainAccountTrusts = false): string[] {
    const out = new Set(this.trustedBy.get(principal) ?? []);
    if (this.mayAllow(principal, 'sts:AssumeRole', 'arn:aws:iam::')) {
      for (const r of this.trustedByAnyone) out.add(r);
      const account = this.model.node(principal)?.account;
      const trusts = account ? this.accountTrusts(account) : undefined;
      // A trust naming the account hands the decision to the principal's own policies: of its
      // own account's roles, only those its statements can name need evaluating; roles of other
      // accounts that trust it, all.
      const named = this.candidates(principal, 'sts:AssumeRole', 'role');
      if (trusts && named === 'all') for (const r of besidesPlainAccountTrusts ? trusts.notPlain : trusts.roles) out.add(r);
      else if (trusts) {
        // The named roles that trust the account, found from the names (not by looking at every
        // trusting role, for every principal), in the order of the trusts.
        const picked = [...trusts.foreign];
        for (const r of named) if (trusts.position.has(r)) picked.push(r);
        picked.sort((a, b) => trusts.position.get(a)! - trusts.position.get(b)!);
        for (const r of picked) if (!besidesPlainAccountTrusts || !trusts.plain.has(r)) out.add(r);
      }
    }
    out.delete(principal);
    return [...out];
  }

  private readonly trustsCache = new Map<string, AccountTrusts>();

  /** `rolesTrustingAccount` as a set, made once per account (principals test it per role). */
  plainAccountTrusts(account: string): ReadonlySet<string> {
    return this.accountTrusts(account).plain;
  }

  /** The roles whose trust names an account, indexed once per account (see AccountTrusts). */
  private accountTrusts(account: string): AccountTrusts {
    let t = this.trustsCache.get(account);
    if (!t) {
      const roles = this.trustedByAccount.get(account) ?? [];
      const plain = new Set(this.rolesTrustingAccount(account));
      const position = new Map<string, number>();
      roles.forEach((r, i) => position.has(r) || position.set(r, i));
      const foreign = roles.filter((r) => this.model.node(r)?.account !== account);
      this.trustsCache.set(account, (t = { roles, position, foreign, plain, notPlain: roles.filter((r) => !plain.has(r)) }));
    }
    return t;
  }

  /** Customer-managed policies of an account (described by the export), in graph order. */
  customerPolicies(account: string | undefined): string[] {
    return (account && this.policiesByAccount.get(account)) || [];
  }

  /** Targets of `type` the principal's Allow statements can name for `action` (a superset). */
  candidates(principal: string, action: string, type: IamType): Candidates {
    return this.targets.candidates(this.model.principalPolicies(principal), action, type);
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
  mayAllow(principal: string, action: string, resourcePrefix?: string): boolean {
    // Depends on the identity policies alone: principals sharing them share the answer. The
    // action alone first: most answers are "no", whatever the resource.
    const pp = this.model.principalPolicies(principal);
    let answers = this.mayCache.get(pp.identityKey!);
    if (!answers) this.mayCache.set(pp.identityKey!, (answers = new Map()));
    let v = answers.get(action);
    if (v === undefined) answers.set(action, (v = this.computeMay(pp, action)));
    if (!v || !resourcePrefix) return v;
    const key = `${action}\u0000${resourcePrefix}`;
    let w = answers.get(key);
    if (w === undefined) answers.set(key, (w = this.computeMay(pp, action, resourcePrefix)));
    return w;
  }

  private computeMay(pp: PrincipalPolicies, action: string, resourcePrefix?: string): boolean {
    const service = action.slice(0, action.indexOf(':')).toLowerCase();
    const a = action.toLowerCase();
    return (
      pp.missing.length > 0 ||
      pp.identity.some((pol) =>
        statementsFor(pol, service).some(
          (st) =>
            st.effect === 'Allow' &&
            namesAction(st, a) &&
            (!resourcePrefix || !st.resources || st.resources.some((r) => prefixCompatible(r, resourcePrefix))),
        ),
      )
    );
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

  /**
   * Is the principal's permission for `action` the same on every IAM user / role / policy of its
   * account? True when every statement naming the action (identity, boundary and SCPs alike)
   * either covers every name of the type or none of them, and no condition reads the target
   * (resource tags). Then the decision on one representative holds for all of them (allowed, or
   * conditional on the same keys) and one edge to the identity set replaces an edge per target;
   * otherwise each target is evaluated. Returns the check on the representative when usable.
   */
  uniform(principal: string, action: string, type: 'user' | 'role' | 'policy', representative: string | undefined, context?: Record<string, string[]>): PermissionCheck | undefined {
    if (!representative || !this.mayAllow(principal, action)) return undefined;
    const pp = this.model.principalPolicies(principal);
    if (pp.missing.length) return undefined;
    // Whether the statements treat every target alike depends on the policies alone.
    const key = `${pp.shareKey}\u0000${action}\u0000${type}`;
    let even = this.evenCache.get(key);
    if (even === undefined) this.evenCache.set(key, (even = this.treatsAllAlike(pp, action, type)));
    if (!even) return undefined;
    const check = this.check(principal, action, representative, context);
    return usable(check.decision) ? check : undefined;
  }

  private readonly evenCache = new Map<string, boolean>();

  private treatsAllAlike(pp: PrincipalPolicies, action: string, type: 'user' | 'role' | 'policy'): boolean {
    const service = action.slice(0, action.indexOf(':')).toLowerCase();
    const a = action.toLowerCase();
    const typePrefix = `arn:aws:iam::${pp.facts.account}:${type}/`;
    // A name no real resource has: only patterns that cover every name of the type match it.
    const probe = `${typePrefix}\u0001`;
    const names = (st: CompiledStatement) => namesAction(st, a);
    const scope = (st: CompiledStatement): 'all' | 'none' | 'some' => {
      const patterns = st.resources ?? st.notResources;
      if (!patterns) return 'all';
      let every = false;
      let some = false;
      for (const r of patterns) {
        const pattern = substituteVariables(r, pp.ctx);
        if (pattern === null) continue;
        if (pattern === undefined) return 'some';
        if (globMatch(pattern, probe)) every = true;
        else if (prefixCompatible(pattern, typePrefix)) some = true;
      }
      if (some) return 'some';
      return st.resources ? (every ? 'all' : 'none') : every ? 'none' : 'all';
    };
    const readsTarget = (st: CompiledStatement) => st.ref.condition !== undefined && /resource/i.test(st.ref.condition);
    const covering = (pol: CompiledPolicy, plain: boolean) => statementsFor(pol, service).some((st) => st.effect === 'Allow' && names(st) && scope(st) === 'all' && !readsTarget(st) && (!plain || !st.condition));
    // An Allow of some targets only is subsumed by an unconditional Allow of all of them (in the
    // same kind of policy); a Deny of some targets, or a condition on the target, never is.
    const uneven = (pol: CompiledPolicy, subsumed: boolean) =>
      statementsFor(pol, service).some((st) => {
        if (!names(st)) return false;
        const s = scope(st);
        if (s === 'all') return readsTarget(st);
        return s === 'some' && (st.effect === 'Deny' || !subsumed);
      });
    const identityPlain = pp.identity.some((pol) => covering(pol, true));
    const boundaryPlain = pp.boundary ? covering(pp.boundary, true) : true;
    if (!pp.identity.some((pol) => covering(pol, false)) || (pp.boundary && !covering(pp.boundary, false))) return false;
    if (pp.identity.some((pol) => uneven(pol, identityPlain)) || (pp.boundary && uneven(pp.boundary, boundaryPlain))) return false;
    return pp.scpExempt || !pp.scps.some((pol) => uneven(pol, covering(pol, true)));
  }

  private readonly passwordCache = new Map<string, boolean>();

  /** Does the credential report show some user of the account with (or without) a password? */
  someUserWithPassword(account: string, enabled: boolean): boolean {
    return this.someUserWith(account, `password-${enabled}`, (u) => this.model.node(u)?.attributes.passwordEnabled === enabled);
  }

  /** Is some user of the account such that `test` holds? Cached per account and question. */
  someUserWith(account: string, question: string, test: (user: string) => boolean): boolean {
    const key = `${account}|${question}`;
    let v = this.passwordCache.get(key);
    if (v === undefined) this.passwordCache.set(key, (v = this.users(account).some(test)));
    return v;
  }

  /** Roles whose trust lets the whole account assume them: an unconditional Allow, no Deny. */
  rolesTrustingAccount(account: string): string[] {
    let roles = this.plainTrustCache.get(account);
    if (!roles) this.plainTrustCache.set(account, (roles = (this.trustedByAccount.get(account) ?? []).filter((r) => this.plainAccountTrust(r, account))));
    return roles;
  }

  private plainAccountTrust(role: string, account: string): boolean {
    const side = this.model.resourceSide('sts:AssumeRole', role);
    const stmts = side?.policy?.statements ?? [];
    if (stmts.some((s) => s.effect === 'Deny')) return false;
    return stmts.some((s) => s.effect === 'Allow' && !s.condition && s.principals.some((p) => p.type === 'AWS' && (p.value === account || p.value === `arn:aws:iam::${account}:root`)));
  }

  private typeIndex: Map<string, string[]> | undefined;

  /** Inventory resources of one type (`lambda:function`...) that run as something. */
  resourcesOfType(type: string): string[] {
    if (!this.typeIndex) {
      this.typeIndex = new Map();
      this.model.graph.forEachNode((id, a) => {
        if (a.kind !== 'resource' || typeof a.attributes.resourceType !== 'string') return;
        if (!this.model.graph.someOutEdge(id, (_, e) => e.kind === 'runsAs')) return;
        pushTo(this.typeIndex!, a.attributes.resourceType, id);
      });
    }
    return this.typeIndex.get(type) ?? [];
  }

  /** Roles whose trust policy lets a service principal (e.g. lambda.amazonaws.com) assume them. */
  rolesTrustingService(service: string): string[] {
    const id = `service:${service}`;
    return this.trustedBy.get(id) ?? [];
  }

  private readonly serviceRoleCache = new Map<string, string[]>();
  /** Identity sets the detectors defined with their members (pattern-scoped role sets). */
  readonly sets = new Map<string, { name: string; account: string; members: string[] }>();

  private readonly trustKeys = new Map<string, string>();
  private readonly trustDocs = new Map<string, string>();

  /** Same for roles of one account with the same trust policy document. */
  trustKey(role: string): string {
    let k = this.trustKeys.get(role);
    if (k === undefined) {
      const a = this.model.node(role);
      const doc = `${a?.account ?? ''}|${JSON.stringify(a?.attributes.trustPolicy ?? null)}`;
      let id = this.trustDocs.get(doc);
      if (id === undefined) this.trustDocs.set(doc, (id = `t${this.trustDocs.size}`));
      this.trustKeys.set(role, (k = id));
    }
    return k;
  }

  /** Roles of an account that trust a service principal. */
  serviceRoles(account: string | undefined, service: string): string[] {
    const key = `${account}|${service}`;
    let roles = this.serviceRoleCache.get(key);
    if (!roles) this.serviceRoleCache.set(key, (roles = this.rolesTrustingService(service).filter((r) => this.model.node(r)?.account === account)));
    return roles;
  }

  /** The best of several checks of one action: allowed beats conditional beats the rest. */
  best(checks: PermissionCheck[]): PermissionCheck | undefined {
    return checks.find((c) => c.decision.decision === 'allowed') ?? checks.find((c) => c.decision.decision === 'conditional');
  }

  /** Every action usable (over its probe resources), or undefined as soon as one is not. */
  checkCreateAll(principal: string, actions: readonly string[]): PermissionCheck[] | undefined {
    if (!actions.every((a) => this.mayAllow(principal, a))) return undefined;
    const checks: PermissionCheck[] = [];
    for (const action of actions) {
      const c = this.checkCreate(principal, action);
      if (!c || !usable(c.decision)) return undefined;
      checks.push(c);
    }
    return checks;
  }

  /** Check a creation action over its probe resources. */
  checkCreate(principal: string, action: string, context?: Record<string, string[]>): PermissionCheck | undefined {
    if (!this.mayAllow(principal, action)) return undefined;
    return this.best(this.probeResources(principal, action).map((r) => this.check(principal, action, r, context)));
  }
}
