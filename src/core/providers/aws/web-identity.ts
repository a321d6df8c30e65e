/**
 * Web-identity federation into AWS (sts:AssumeRoleWithWebIdentity): can a token from an OIDC issuer
 * (GitHub Actions, GitLab, an EKS cluster's service-account issuer...) with these claims assume a
 * role? The role's trust policy decides, with the engine's exact condition semantics: claims the
 * token carries (`sub`, `aud`) are known, anything else the trust tests stays conditional.
 */
import type { BlastGraph } from '../../graph/graph';
import type { Evidence } from '../../model/types';
import type { FederationGrant } from '../types';
import type { Decision } from './eval/evaluate';
import { evaluate, type PrincipalPolicies } from './eval/evaluate';
import type { RequestContext } from './eval/context';
import type { AwsModel } from './model';

/** `https://token.actions.githubusercontent.com/` → `token.actions.githubusercontent.com`. */
export { issuerKey } from '../../federation/oidc';
import { issuerKey } from '../../federation/oidc';

export function webIdentityDecision(model: AwsModel, issuer: string, claims: Readonly<Record<string, string>>, role: string): Decision {
  const key = issuerKey(issuer);
  const values = new Map<string, string[]>([
    ['aws:currenttime', [new Date(model.asOf).toISOString()]],
    ['aws:epochtime', [String(Math.floor(model.asOf / 1000))]],
    ['aws:federatedprovider', [key]],
  ]);
  for (const [claim, v] of Object.entries(claims)) values.set(`${key}:${claim}`.toLowerCase(), [v]);
  const ctx: RequestContext = { values, absent: new Set(), completePrefixes: [] };
  const id = `oidc:${key}:${claims.sub ?? '*'}`;
  const pp: PrincipalPolicies = { id, facts: { arn: id, type: 'WebIdentity', federated: key }, ctx, identity: [], scps: [], scpLevels: [], scpExempt: true, missing: [] };
  return evaluate(pp, 'sts:AssumeRoleWithWebIdentity', role, model.resourceSide('sts:AssumeRoleWithWebIdentity', role));
}

/** OIDC provider nodes (`arn:...:oidc-provider/<issuer>`) → the roles whose trust names them. */
function trustsByIssuer(graph: BlastGraph): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  graph.forEachNode((id, a) => {
    const m = /:oidc-provider\/(.+)$/.exec(id);
    if (a.kind !== 'identityProvider' || !m) return;
    const key = m[1]!.toLowerCase();
    graph.forEachOutEdge(id, (_, e, _s, target) => {
      if (e.kind !== 'canAssume') return;
      if (!out.has(key)) out.set(key, new Set());
      out.get(key)!.add(target);
    });
  });
  return out;
}

/** The trust statements behind a decision, as evidence: the canAssume edge's evidence of those statements. */
function trustEvidence(graph: BlastGraph, role: string, d: Decision): Evidence[] {
  const statements = new Set(d.allowedBy.map((m) => m.ref.statement));
  const out: Evidence[] = [];
  graph.forEachInEdge(role, (_, e) => {
    if (e.kind !== 'canAssume') return;
    for (const ev of e.evidence) if (statements.has(ev.statement ?? '') && !out.some((o) => o.location === ev.location)) out.push(ev);
  });
  const unknown = [...new Set(d.allowedBy.flatMap((m) => m.unknownKeys))];
  if (!out.length) out.push({ file: 'analysis', location: `${graph.getNodeAttribute(role, 'name')} trust policy` });
  if (unknown.length) out[0] = { ...out[0]!, note: `not evaluated: ${unknown.join(', ')}` };
  return out;
}

/** Subject patterns a trust's conditions test (`<issuer>:sub`), from the canAssume evidence. */
function subjectPatterns(graph: BlastGraph, role: string, issuer: string): string[] {
  const out: string[] = [];
  graph.forEachInEdge(role, (_, e) => {
    if (e.kind !== 'canAssume') return;
    for (const ev of e.evidence) {
      let cond: unknown;
      try {
        cond = ev.condition ? JSON.parse(ev.condition) : undefined;
      } catch {
        continue;
      }
      if (!cond || typeof cond !== 'object') continue;
      for (const block of Object.values(cond as Record<string, unknown>)) {
        if (!block || typeof block !== 'object') continue;
        for (const [k, v] of Object.entries(block as Record<string, unknown>)) {
          if (k.toLowerCase() !== `${issuer}:sub`) continue;
          for (const p of Array.isArray(v) ? v : [v]) if (typeof p === 'string' && !out.includes(p)) out.push(p);
        }
      }
    }
  });
  return out;
}

/** The two federation capabilities of AWS's analysis (see ProviderAnalysis). */
export function webIdentityCapabilities(graph: BlastGraph, model: AwsModel) {
  let byIssuer: Map<string, Set<string>> | undefined;
  const trusts = () => (byIssuer ??= trustsByIssuer(graph));
  return {
    acceptWebIdentity(issuer: string, claims: Readonly<Record<string, string>>, only?: string): FederationGrant[] {
      const roles = [...(trusts().get(issuerKey(issuer)) ?? [])].filter((r) => only === undefined || r === only);
      const out: FederationGrant[] = [];
      for (const role of roles) {
        const d = webIdentityDecision(model, issuer, claims, role);
        if (d.decision === 'allowed' || d.decision === 'conditional') out.push({ target: role, decision: d.decision, evidence: trustEvidence(graph, role, d), notes: d.notes });
      }
      return out;
    },
    /**
     * A cloud service handing out a role's credentials (EKS Pod Identity: `pods.eks.amazonaws.com`
     * needs sts:AssumeRole and sts:TagSession in the role's trust).
     */
    acceptService(service: string, role: string): FederationGrant[] {
      if (!graph.hasNode(role)) return [];
      const values = new Map<string, string[]>([['aws:currenttime', [new Date(model.asOf).toISOString()]]]);
      const pp: PrincipalPolicies = { id: service, facts: { arn: service, type: 'AWSService' }, ctx: { values, absent: new Set(), completePrefixes: [] }, identity: [], scps: [], scpLevels: [], scpExempt: true, missing: [] };
      const trust = model.resourceSide('sts:AssumeRole', role);
      const ds = ['sts:AssumeRole', 'sts:TagSession'].map((action) => evaluate(pp, action, role, trust));
      if (ds.some((d) => d.decision !== 'allowed' && d.decision !== 'conditional')) return [];
      const d = ds.find((x) => x.decision === 'conditional') ?? ds[0]!;
      return [{ target: role, decision: d.decision as 'allowed' | 'conditional', evidence: trustEvidence(graph, role, d), notes: d.notes }];
    },
    trustedIssuers() {
      return [...trusts()].flatMap(([issuer, roles]) => [...roles].map((target) => ({ issuer, target, subjectPatterns: subjectPatterns(graph, target, issuer) })));
    },
  };
}
