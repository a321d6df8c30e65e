/**
 * Blast radius of a node (identity, credential, secret...): every identity it can act as, with
 * hops and the first edge on the way; every resource those identities can touch, by access
 * level and service; the accounts whose administrator it reaches; and one severity score.
 */
import type { AccessLevel } from '../providers/aws/catalogue/catalogue';
import { parseArn } from '../providers/aws/importers/arn';
import type { Analysis } from './analysis';
import { bfs } from './reach-index';
import { accessOf, fullAccess, levelsOf, RESOURCE_KINDS, type ResourceAccess } from './resource-access';
import { blastScore } from './scoring';

export interface ReachedIdentity {
  id: string;
  name: string;
  kind: string;
  hops: number;
  /** Graph edge key (or `admin-of:ACCOUNT`) by which it was first reached. */
  firstEdge?: string;
  /** Some step on the way is conditional. */
  conditional: boolean;
}

export interface ReachedResource {
  id: string;
  name: string;
  kind: string;
  service: string;
  levels: AccessLevel[];
  access: ResourceAccess;
  /** The reached identity (or admin node) that has the access. */
  through: string;
  conditionalOnly: boolean;
}

export interface BlastRadius {
  source: string;
  identities: ReachedIdentity[];
  adminOf: string[];
  resources: ReachedResource[];
  byAccessLevel: Partial<Record<AccessLevel, number>>;
  byService: Record<string, number>;
  score: number;
}

const IDENTITY_KINDS = new Set(['user', 'role', 'group', 'serviceAccount', 'instanceProfile', 'identitySet']);

export function blastRadius(a: Analysis, source: string, opts: { maxHops?: number } = {}): BlastRadius {
  const ix = a.reach;
  const start = ix.index.get(source);
  if (start === undefined) throw new Error(`blast radius: no node ${source}`);
  const t = bfs(ix, [start], false, opts.maxHops);
  // A node is reached "conditionally" when every path found so far has a conditional step;
  // BFS keeps the first path, which is what we report.
  const conditional = new Uint8Array(ix.ids.length);
  for (const v of t.order) {
    const e = t.via[v]!;
    if (e >= 0) conditional[v] = conditional[ix.edgeSrc[e]!]! | (ix.edges[e]!.conditional ? 1 : 0);
  }
  const identities: ReachedIdentity[] = [];
  const adminOf: string[] = [];
  const actors: string[] = [];
  for (const v of t.order) {
    const id = ix.ids[v]!;
    const node = a.graph.getNodeAttributes(id);
    if (node.kind === 'adminAccess' && node.account) adminOf.push(node.account);
    if (IDENTITY_KINDS.has(node.kind) || node.kind === 'adminAccess') {
      if (v !== start) identities.push({ id, name: node.name, kind: node.kind, hops: t.hops[v]!, firstEdge: t.via[v]! >= 0 ? ix.edges[t.via[v]!]!.key : undefined, conditional: conditional[v] === 1 });
      if (node.kind === 'user' || node.kind === 'role' || node.kind === 'group') actors.push(id);
    }
  }
  const resources = reachableResources(a, actors, adminOf, (id) => conditional[ix.index.get(id)!] === 1);
  const byAccessLevel: BlastRadius['byAccessLevel'] = {};
  const byService: Record<string, number> = {};
  for (const r of resources) {
    for (const l of r.levels) byAccessLevel[l] = (byAccessLevel[l] ?? 0) + 1;
    byService[r.service] = (byService[r.service] ?? 0) + 1;
  }
  const score = blastScore({
    admin: adminOf.length > 0 && adminOf.some((acct) => conditional[ix.index.get(`admin:aws:${acct}`)!] === 0),
    identities: identities.filter((i) => i.kind !== 'adminAccess'),
    resources,
  });
  return { source, identities, adminOf, resources, byAccessLevel, byService, score };
}

/** The single account of an export, for S3 buckets whose ARNs carry none. */
function soleAccount(a: Analysis): string | undefined {
  const accounts = new Set(a.model.principals().map((p) => a.model.node(p)?.account));
  return accounts.size === 1 ? [...accounts][0] : undefined;
}

function reachableResources(a: Analysis, actors: string[], adminOf: string[], viaConditional: (id: string) => boolean): ReachedResource[] {
  const out: ReachedResource[] = [];
  const admins = new Set(adminOf);
  const bucketAccount = soleAccount(a);
  a.graph.forEachNode((id, n) => {
    if (!RESOURCE_KINDS.has(n.kind) || n.provider !== 'aws') return;
    const arn = parseArn(id);
    if (!arn) return;
    const account = arn.account || (arn.service === 's3' ? bucketAccount : undefined);
    const base = { id, name: n.name, kind: n.kind, service: arn.service };
    if (account && admins.has(account)) {
      const access = fullAccess(a, id);
      out.push({ ...base, access, levels: levelsOf(access), through: `admin:aws:${account}`, conditionalOnly: viaConditional(`admin:aws:${account}`) });
      return;
    }
    // The attacker holds every reached identity at once: union their access.
    const union: ResourceAccess = { allowed: {}, conditional: {} };
    let through: string | undefined;
    for (const actor of actors) {
      const access = accessOf(a, actor, id);
      if (!access) continue;
      through ??= actor;
      const certain = !viaConditional(actor);
      for (const [level, actions] of Object.entries(access.allowed) as [AccessLevel, string[]][]) mergeInto(certain ? union.allowed : union.conditional, level, actions);
      for (const [level, actions] of Object.entries(access.conditional) as [AccessLevel, string[]][]) mergeInto(union.conditional, level, actions);
    }
    if (through) out.push({ ...base, access: union, levels: levelsOf(union), through, conditionalOnly: Object.keys(union.allowed).length === 0 });
  });
  return out;
}

function mergeInto(into: Partial<Record<AccessLevel, string[]>>, level: AccessLevel, actions: string[]): void {
  into[level] = [...new Set([...(into[level] ?? []), ...actions])];
}
