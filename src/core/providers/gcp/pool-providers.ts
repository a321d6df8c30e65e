/**
 * Workload identity pool providers (`gcloud iam workload-identity-pools providers describe|list
 * --format=json`): which OIDC issuer a pool trusts, how token claims map to attributes, and the
 * attribute condition a token must meet. With them, a token start point (`oidc:<issuer>:<sub>`,
 * e.g. a GitHub Actions workflow) becomes the pool members its claims make it: the
 * `principal://…/subject/<sub>` and `principalSet://…/attribute.<name>/<value>` members the IAM
 * policies grant. Only direct mappings (`assertion.x`) and conditions made of `==`, `!=`,
 * `startsWith` and `&&` are decided; anything else is conditional, shown, never guessed.
 */
import type { BlastGraph } from '../../graph/graph';
import type { JsonImporter } from '../../importers/types';
import { isRecord, own, ownString, toArray } from '../../io/safe-object';
import type { FederationGrant } from '../types';
import { acceptMember } from './federation';
import { issuerKey } from '../../federation/oidc';

const PROVIDER_NAME = /^projects\/([^/]+)\/locations\/([^/]+)\/workloadIdentityPools\/([^/]+)\/providers\/([^/]+)$/;

export const poolProvidersImporter: JsonImporter = {
  format: 'gcp.workload-identity-pool-providers',
  label: 'GCP workload identity pool provider(s)',
  provider: 'gcp',
  detect: (doc) => isRecord(doc) && PROVIDER_NAME.test(ownString(doc, 'name') ?? '') && (isRecord(own(doc, 'oidc')) || isRecord(own(doc, 'aws')) || isRecord(own(doc, 'saml'))),
  read(docs, ctx) {
    docs.forEach((doc, d) => {
      const where = `${ctx.docPrefix(d)}${docs.length > 1 ? `[${d}]` : 'provider'}`;
      const name = ownString(doc, 'name') ?? '';
      const m = PROVIDER_NAME.exec(name);
      if (!m) return ctx.b.warn(`${where}.name: not a workload identity pool provider name; skipped`);
      const mapping: Record<string, string> = {};
      const rawMapping = own(doc, 'attributeMapping');
      if (isRecord(rawMapping)) for (const k of Object.keys(rawMapping)) if (typeof rawMapping[k] === 'string') mapping[k] = rawMapping[k] as string;
      const oidc = own(doc, 'oidc');
      ctx.b.node({
        id: `//iam.googleapis.com/${name}`,
        kind: 'gcp.poolProvider',
        name: `${m[3]}/${m[4]}`,
        account: m[1],
        attributes: {
          pool: `//iam.googleapis.com/projects/${m[1]}/locations/${m[2]}/workloadIdentityPools/${m[3]}`,
          issuer: ownString(oidc, 'issuerUri'),
          audiences: toArray(own(oidc, 'allowedAudiences')).filter((x): x is string => typeof x === 'string'),
          aws: isRecord(own(doc, 'aws')) ? ownString(own(doc, 'aws'), 'accountId') : undefined,
          mapping,
          condition: ownString(doc, 'attributeCondition'),
          disabled: own(doc, 'disabled') === true || ownString(doc, 'state') === 'DELETED',
          source: { file: ctx.file, location: where },
        },
      });
    });
  },
};

/** `assertion.x` → the claim; anything else (CEL) is not decided here. */
function mapped(expr: string, claims: Readonly<Record<string, string>>): string | undefined | null {
  const m = /^\s*assertion\.([A-Za-z0-9_]+)\s*$/.exec(expr);
  if (!m) return undefined;
  return claims[m[1]!] ?? null;
}

type Tri = true | false | 'unknown';

/** `a == 'x' && b.startsWith('y') && c != 'z'` over assertion.* and attribute.*; else unknown. */
function condition(expr: string | undefined, claims: Readonly<Record<string, string>>, attributes: Record<string, string>): Tri {
  if (!expr?.trim()) return true;
  let result: Tri = true;
  for (const part of expr.split('&&')) {
    const m = /^\s*(assertion|attribute)\.([A-Za-z0-9_]+)\s*(?:(==|!=)\s*(['"])(.*?)\4|\.startsWith\(\s*(['"])(.*?)\6\s*\))\s*$/.exec(part);
    if (!m) return 'unknown';
    const value = m[1] === 'assertion' ? claims[m[2]!] : attributes[m[2]!];
    if (value === undefined) {
      result = 'unknown';
      continue;
    }
    const ok = m[3] === '==' ? value === m[5] : m[3] === '!=' ? value !== m[5] : value.startsWith(m[7]!);
    if (!ok) return false;
  }
  return result;
}

interface PoolProvider {
  id: string;
  pool: string;
  issuer: string;
  mapping: Record<string, string>;
  condition?: string;
  source: { file: string; location: string };
}

function poolProviders(graph: BlastGraph): PoolProvider[] {
  const out: PoolProvider[] = [];
  graph.forEachNode((id, a) => {
    const at = a.attributes;
    if (a.kind !== 'gcp.poolProvider' || at.disabled === true || typeof at.issuer !== 'string' || typeof at.pool !== 'string') return;
    out.push({ id, pool: at.pool, issuer: issuerKey(at.issuer), mapping: (at.mapping ?? {}) as Record<string, string>, condition: typeof at.condition === 'string' ? at.condition : undefined, source: at.source as PoolProvider['source'] });
  });
  return out;
}

/** The pool members a token becomes, and what they can act as (FederationGrant per target). */
function acceptPoolWebIdentity(graph: BlastGraph, providers: readonly PoolProvider[], issuer: string, claims: Readonly<Record<string, string>>, only?: string): FederationGrant[] {
  const out: FederationGrant[] = [];
  for (const p of providers) {
    if (p.issuer !== issuerKey(issuer)) continue;
    const attributes: Record<string, string> = {};
    const unknown: string[] = [];
    for (const [target, expr] of Object.entries(p.mapping)) {
      const v = mapped(expr, claims);
      if (typeof v === 'string') attributes[target.replace(/^attribute\./, '')] = v;
      else if (v === undefined) unknown.push(`${target} = ${expr}`);
    }
    const subject = attributes['google.subject'];
    const cond = condition(p.condition, claims, attributes);
    if (cond === false || !subject) continue;
    const pool = p.pool.replace(/^\/\//, '');
    const members = [`principal://${pool}/subject/${subject}`, `principalSet://${pool}/*`, ...Object.entries(attributes).filter(([k]) => k !== 'google.subject').map(([k, v]) => `principalSet://${pool}/attribute.${k}/${v}`)];
    const notes = [
      ...(cond === 'unknown' ? [`attribute condition not decided from the token's claims: ${p.condition}`] : []),
      ...(unknown.length ? [`mappings not decided: ${unknown.join('; ')}`] : []),
      'the token is assumed to carry the audience the provider expects (a GitHub workflow chooses its audience)',
    ];
    const evidence = { file: p.source.file, location: p.source.location, policy: p.id, ...(p.condition ? { condition: p.condition } : {}), note: `pool provider trusts ${p.issuer}; the token maps to ${members.slice(0, 3).join(', ')}` };
    for (const member of members) {
      if (!graph.hasNode(member)) continue;
      // The member itself is reached; and through it what the member can act as.
      const direct: FederationGrant = { target: member, decision: cond === true && !unknown.length ? 'allowed' : 'conditional', evidence: [evidence], notes };
      if (only === undefined || only === member) out.push(direct);
      for (const g of acceptMember(graph, member, only)) out.push({ ...g, decision: direct.decision === 'allowed' ? g.decision : 'conditional', evidence: [evidence, ...g.evidence], notes });
    }
  }
  return out;
}

/** Pool providers without an attribute condition admit any subject of their issuer. */
function poolTrustedIssuers(graph: BlastGraph, providers: readonly PoolProvider[]): { issuer: string; target: string; subjectPatterns: string[] }[] {
  return providers
    .filter((p) => !p.condition?.trim())
    .map((p) => ({ issuer: p.issuer, target: `principalSet://${p.pool.replace(/^\/\//, '')}/*`, subjectPatterns: [] }))
    .filter((t) => graph.hasNode(t.target));
}

/** GCP's web-identity capabilities; the pool providers are read from the graph once per analysis. */
export function poolCapabilities(graph: BlastGraph) {
  let providers: PoolProvider[] | undefined;
  const list = () => (providers ??= poolProviders(graph));
  return {
    acceptWebIdentity: (issuer: string, claims: Readonly<Record<string, string>>, only?: string) => acceptPoolWebIdentity(graph, list(), issuer, claims, only),
    trustedIssuers: () => poolTrustedIssuers(graph, list()),
  };
}
