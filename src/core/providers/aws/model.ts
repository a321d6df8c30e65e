/**
 * The AWS side of a graph, ready for evaluation: each principal's compiled policies (own, group,
 * boundary, SCPs), each resource's policy, and a cache of decisions. Built once per analysis.
 */
import type { BlastGraph } from '../../graph/graph';
import type { NodeAttributes } from '../../model/types';
import { compilePolicy, type CompiledPolicy } from './eval/compile';
import { contextFor, type PrincipalFacts } from './eval/context';
import { evaluate, type Decision, type PrincipalPolicies, type ResourceSide } from './eval/evaluate';
import { parseArn } from './importers/arn';
import type { ManagedPolicies } from './managed-policies';

export interface AwsModelOptions {
  /** The analysis date (epoch ms): the value of aws:CurrentTime and aws:EpochTime. */
  asOf: number;
  /** Bundled AWS managed policy documents, for policies the exports reference without one. */
  managed?: ManagedPolicies;
}

export class AwsModel {
  private readonly compiled = new Map<string, CompiledPolicy | null>();
  private readonly principalCache = new Map<string, PrincipalPolicies>();
  /** Decisions by whose they are (a share key, or the principal), lower-cased action, then resource (and context). */
  private readonly decisionCache = new Map<string, Map<string, Map<string, Decision>>>();
  /** Interned share keys: principals whose decisions are provably the same share one. */
  private readonly shareKeys = new Map<string, string>();
  readonly asOf: number;
  private readonly managed: ManagedPolicies | undefined;

  constructor(
    readonly graph: BlastGraph,
    opts: AwsModelOptions,
  ) {
    this.asOf = opts.asOf;
    this.managed = opts.managed;
  }

  /** Users and roles described by the export (the principals whose policies we know). */
  principals(): string[] {
    return this.graph.filterNodes((_, a) => (a.kind === 'user' || a.kind === 'role') && a.provider === 'aws' && !a.placeholder);
  }

  private readonly nodes = new Map<string, NodeAttributes>();

  /** A node's attributes (remembered: detectors ask for the same nodes millions of times). */
  node(id: string): NodeAttributes | undefined {
    let a = this.nodes.get(id);
    if (!a && this.graph.hasNode(id)) this.nodes.set(id, (a = this.graph.getNodeAttributes(id)));
    return a;
  }

  /** A policy node's compiled document (cached: managed policies are shared by many principals). */
  policy(id: string): CompiledPolicy | undefined {
    if (!this.compiled.has(id)) {
      const a = this.node(id);
      const doc = a?.attributes.document;
      const bundled = doc === undefined && a?.kind === 'managedPolicy' ? this.managed?.get(id) : undefined;
      if (bundled) this.compiled.set(id, compilePolicy(id, `${bundled.name} (AWS managed, document ${bundled.version} bundled from ${bundled.source})`, bundled.document) ?? null);
      else this.compiled.set(id, doc === undefined ? null : (compilePolicy(id, a!.name, doc) ?? null));
    }
    return this.compiled.get(id) ?? undefined;
  }

  private policyEdges(id: string, via: string): string[] {
    const out: string[] = [];
    this.graph.forEachOutEdge(id, (_, a, _s, target) => {
      if (a.kind === 'hasPolicy' && a.attributes.via === via) out.push(target);
    });
    return out;
  }

  groupsOf(user: string): string[] {
    const out: string[] = [];
    this.graph.forEachOutEdge(user, (_, a, _s, target) => {
      if (a.kind === 'memberOf') out.push(target);
    });
    return out;
  }

  /** Managed and inline policies that apply to a principal, its groups' included. */
  attachedPolicyIds(id: string): string[] {
    const a = this.node(id);
    const holders = a?.kind === 'user' ? [id, ...this.groupsOf(id)] : [id];
    return holders.flatMap((h) => [...this.policyEdges(h, 'managed'), ...this.policyEdges(h, 'inline')]);
  }

  facts(id: string): PrincipalFacts {
    const a = this.node(id)!;
    const tags = Array.isArray(a.attributes.tags) ? (a.attributes.tags as [string, string][]) : [];
    return {
      arn: id,
      account: a.account,
      type: a.kind === 'user' ? 'User' : a.kind === 'role' ? 'AssumedRole' : 'Account',
      userName: a.kind === 'user' ? a.name : undefined,
      userId: typeof a.attributes.uniqueId === 'string' && a.kind === 'user' ? a.attributes.uniqueId : undefined,
      tags,
    };
  }

  principalPolicies(id: string): PrincipalPolicies {
    const hit = this.principalCache.get(id);
    if (hit) return hit;
    const a = this.node(id);
    const facts = this.facts(id);
    const identity: CompiledPolicy[] = [];
    const missing: string[] = [];
    for (const pid of this.attachedPolicyIds(id)) {
      const c = this.policy(pid);
      if (c) identity.push(c);
      else missing.push(pid);
    }
    const boundaryId = this.policyEdges(id, 'boundary')[0];
    const boundary = boundaryId ? this.policy(boundaryId) : undefined;
    if (boundaryId && !boundary) missing.push(boundaryId);
    const accountNode = facts.account ? `arn:aws:iam::${facts.account}:root` : undefined;
    const scpLevels = accountNode && this.graph.hasNode(accountNode) ? this.scpLevels(accountNode) : [];
    const scps = scpLevels.flat();
    const scpExempt = typeof a?.attributes.path === 'string' && a.attributes.path.startsWith('/aws-service-role/');
    const pp: PrincipalPolicies = {
      id,
      facts,
      ctx: contextFor(facts, this.asOf),
      identity,
      boundary,
      scps,
      scpLevels,
      scpExempt,
      missing,
      identityKey: this.intern(`${identity.map((c) => c.id).join('\u0001')}\u0002${missing.join('\u0001')}`),
    };
    pp.shareKey = this.shareKeyOf(pp, boundary);
    this.principalCache.set(id, pp);
    return pp;
  }

  private intern(text: string): string {
    let k = this.shareKeys.get(text);
    if (k === undefined) this.shareKeys.set(text, (k = `#${this.shareKeys.size}`));
    return k;
  }

  /**
   * Principals with the same policies, account and type get the same decision on any request a
   * resource policy does not decide (a resource policy matches principals by name), unless their
   * policies read the principal itself (policy variables, aws:Principal* / aws:username keys):
   * then the values read are part of the key. Hundreds of roles sharing one attachment set are
   * evaluated once.
   */
  private shareKeyOf(pp: PrincipalPolicies, boundary: CompiledPolicy | undefined): string {
    let reads = 0;
    for (const pol of [...pp.identity, ...(boundary ? [boundary] : []), ...pp.scps]) reads |= readsPrincipal(pol);
    const who = reads & READS_ARN ? pp.id : '';
    const tags = reads & READS_TAGS ? JSON.stringify(pp.facts.tags ?? []) : '';
    return this.intern(`${pp.facts.type}|${pp.facts.account ?? ''}|${pp.scpExempt}|${pp.identityKey}|${boundary?.id ?? ''}|${who}|${tags}`);
  }

  private readonly sideCache = new Map<string, ResourceSide | undefined>();

  private readonly levelCache = new Map<string, CompiledPolicy[][]>();

  /** SCPs by level, from the account up its OUs to the root (memberOf edges), nearest first. */
  scpLevels(accountNode: string): CompiledPolicy[][] {
    const hit = this.levelCache.get(accountNode);
    if (hit) return hit;
    const levels: CompiledPolicy[][] = [];
    const seen = new Set<string>();
    for (let node: string | undefined = accountNode; node && !seen.has(node); ) {
      seen.add(node);
      const level = this.policyEdges(node, 'scp').map((s) => this.policy(s)).filter((p): p is CompiledPolicy => !!p);
      if (level.length) levels.push(level);
      let parent: string | undefined;
      this.graph.forEachOutEdge(node, (_, a, _s, target) => {
        if (a.kind === 'memberOf' && this.node(target)?.kind === 'orgUnit') parent = target;
      });
      node = parent;
    }
    this.levelCache.set(accountNode, levels);
    return levels;
  }

  /** The resource side of a request: its resource policy and whether that policy must allow. */
  resourceSide(action: string, resource: string): ResourceSide | undefined {
    const cache = isAssume(action) ? this.assumeSideCache : this.sideCache;
    const hit = cache.get(resource);
    if (hit !== undefined || cache.has(resource)) return hit;
    const side = this.computeResourceSide(action, resource);
    cache.set(resource, side);
    return side;
  }

  /** The resource side of sts:AssumeRole* (a role's trust policy), apart from every other action's. */
  private readonly assumeSideCache = new Map<string, ResourceSide | undefined>();

  private computeResourceSide(action: string, resource: string): ResourceSide | undefined {
    const arn = parseArn(resource);
    if (!arn) return undefined;
    const lowerAction = action.toLowerCase();
    if (arn.service === 'iam' && arn.resource.startsWith('role/') && lowerAction.startsWith('sts:assumerole')) {
      const trust = this.node(resource)?.attributes.trustPolicy;
      return { arn: resource, account: arn.account, policyRequired: true, policy: trust ? (this.trustPolicy(resource, trust) ?? undefined) : undefined };
    }
    let nodeId: string | undefined;
    if (arn.service === 's3') nodeId = `arn:${arn.partition}:s3:::${arn.resource.split('/')[0]}`;
    else if (arn.service === 'kms' || arn.service === 'secretsmanager') nodeId = resource;
    if (!nodeId) return undefined;
    const policyId = this.graph.hasNode(nodeId) ? this.policyEdges(nodeId, 'resource')[0] : undefined;
    return { arn: resource, account: arn.account || undefined, policyRequired: arn.service === 'kms', policy: policyId ? this.policy(policyId) : undefined };
  }

  private trustPolicy(role: string, doc: unknown): CompiledPolicy | undefined {
    const key = `${role}#trust`;
    if (!this.compiled.has(key)) this.compiled.set(key, compilePolicy(role, `${this.node(role)?.name ?? role} trust policy`, doc) ?? null);
    return this.compiled.get(key) ?? undefined;
  }

  private readonly tokenTimeCache = new Map<string, boolean>();

  /** Whether any policy that applies to the principal tests aws:TokenIssueTime. */
  private mentionsTokenIssueTime(pp: PrincipalPolicies): boolean {
    let hit = this.tokenTimeCache.get(pp.id);
    if (hit === undefined) {
      const policies = [...pp.identity, ...(pp.boundary ? [pp.boundary] : []), ...pp.scps];
      hit = policies.some((p) => p.statements.some((s) => s.ref.condition?.toLowerCase().includes('aws:tokenissuetime')));
      this.tokenTimeCache.set(pp.id, hit);
    }
    return hit;
  }

  /**
   * A user's long-term keys carry no aws:TokenIssueTime, but whoever holds them can get temporary
   * credentials (sts:GetSessionToken) that do; those call IAM only when MFA was used.
   */
  private withSessionCredentials(pp: PrincipalPolicies, action: string, resource: string, longTerm: Decision): Decision {
    const session = evaluate({ ...pp, ctx: contextFor(pp.facts, this.asOf, {}, true) }, action, resource, this.resourceSide(action, resource));
    const rank = { allowed: 3, conditional: 2, 'not allowed': 1, denied: 0 } as const;
    if (rank[session.decision] <= rank[longTerm.decision]) return longTerm;
    const note = 'with temporary credentials from sts:GetSessionToken (long-term keys carry no aws:TokenIssueTime)';
    if (action.toLowerCase().startsWith('iam:') && session.decision === 'allowed') {
      return { ...session, decision: 'conditional', notes: [...session.notes, `${note}, which call IAM only when MFA was used: needs the user's MFA`] };
    }
    return { ...session, notes: [...session.notes, note] };
  }

  /**
   * Drop the remembered decisions (a cache: the same question is decided again the same way). The
   * share keys and principals' policies stay, since answers already given refer to their keys.
   */
  forgetDecisions(): void {
    this.decisionCache.clear();
  }

  /** Can this principal perform `action` on `resource`? Cached; explained. */
  can(principal: string, action: string, resource: string, context?: Record<string, string[]>): Decision {
    const ctxKey = context && hasKeys(context) ? JSON.stringify(context) : '';
    let pp = this.principalPolicies(principal);
    const side = this.resourceSide(action, resource);
    // A resource policy names principals: its decisions are the principal's own. The cache is
    // nested rather than keyed by one joined string: this runs millions of times in an analysis.
    const owner = side?.policy ? principal : (pp.shareKey ?? principal);
    let byAction = this.decisionCache.get(owner);
    if (!byAction) this.decisionCache.set(owner, (byAction = new Map()));
    const lower = lowerAction(action);
    let byResource = byAction.get(lower);
    if (!byResource) byAction.set(lower, (byResource = new Map()));
    const key = ctxKey ? `${resource}\u0000${ctxKey}` : resource;
    const hit = byResource.get(key);
    if (hit) return hit.principal === principal ? hit : { ...hit, principal };
    if (context && ctxKey) {
      const values = new Map(pp.ctx.values);
      for (const [k, v] of Object.entries(context)) values.set(k.toLowerCase(), v);
      pp = { ...pp, ctx: { ...pp.ctx, values } };
    }
    let d = evaluate(pp, action, resource, side);
    if (d.decision !== 'allowed' && pp.facts.type === 'User' && this.mentionsTokenIssueTime(pp)) d = this.withSessionCredentials(pp, action, resource, d);
    // Decisions no statement touched are cheap to recompute: caching them would hold
    // millions of empty answers on large accounts.
    if (d.allowedBy.length || d.deniedBy.length || d.notes.length) byResource.set(key, d);
    return d;
  }
}

function hasKeys(o: object): boolean {
  for (const k in o) if (Object.prototype.hasOwnProperty.call(o, k)) return true;
  return false;
}

/** Actions are asked about in a few spellings, millions of times: each lower-cased once. */
const lowered = new Map<string, string>();
function lowerAction(action: string): string {
  let l = lowered.get(action);
  if (l === undefined) {
    l = action.toLowerCase();
    // Attacker-written actions could be many: remember the first few thousand only.
    if (lowered.size < 4096) lowered.set(action, l);
  }
  return l;
}

const isAssume = (action: string): boolean => action.length >= 14 && lowerAction(action).startsWith('sts:assumerole');

const READS_ARN = 1;
const READS_TAGS = 2;
const principalReads = new WeakMap<CompiledPolicy, number>();

/** Which facts of the principal a policy's decisions read: its name/ARN, its tags, or neither. */
function readsPrincipal(pol: CompiledPolicy): number {
  let v = principalReads.get(pol);
  if (v === undefined) {
    v = 0;
    for (const st of pol.statements) {
      const text = [st.ref.condition ?? '', ...(st.resources ?? []), ...(st.notResources ?? [])].join('\n').toLowerCase();
      if (text.includes('aws:principaltag')) v |= READS_TAGS;
      const rest = text.replace(/aws:principaltag/g, '').replace(/\$\{[*?$]\}/g, '');
      if (rest.includes('aws:principal') || rest.includes('aws:user') || rest.includes('${')) v |= READS_ARN;
    }
    principalReads.set(pol, v);
  }
  return v;
}
