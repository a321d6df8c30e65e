/**
 * Vault's side of the federations: who outside Vault logs in as a role.
 *
 * - Kubernetes auth (`vault-kubernetes-auth`): the service accounts whose name and namespace match
 *   the role's bound lists (`*` and globs), in the cluster whose API endpoint is the mount's
 *   `kubernetes_host` or whose issuer is its `issuer` (a cluster description must be imported;
 *   Vault inside the only imported cluster, `https://kubernetes.default.svc`, is conditional).
 * - AWS auth (`vault-aws-auth`): the IAM roles and users `bound_iam_principal_arn` names or matches
 *   (ec2 logins by `bound_iam_role_arn` conditional: they need an instance of that role).
 * - JWT/OIDC auth: tokens of the mount's issuer whose claims the role binds
 *   (`acceptWebIdentity`, `trustedIssuers`: GitHub workflows through `oidc:` start points); and a
 *   cluster's service accounts when the mount trusts that cluster's issuer (`vault-jwt-auth`).
 *
 * Each is a `ForeignMember` or a `FederationGrant`: the federation module draws the edge when the
 * other side's identity is in the graph, and reports it unverified when it is not.
 */
import type { BlastGraph } from '../../graph/graph';
import type { Evidence, NodeAttributes } from '../../model/types';
import type { FederationGrant, ForeignMember, PotentialFinding } from '../types';
import { issuerKey } from '../../federation/oidc';
import { globMatch, hasGlob } from './glob';
import { mountId } from './ids';
import { checkClaims, GITHUB_ISSUER, subjectPatterns, type JwtBindings } from './claims';

const strs = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
const s = (v: unknown): string | undefined => (typeof v === 'string' && v ? v : undefined);

/** `https://ABC.gr7.eks.amazonaws.com:443/` → `abc.gr7.eks.amazonaws.com`. */
export function hostKey(url: string): string {
  return url.trim().toLowerCase().replace(/^[a-z]+:\/\//, '').replace(/\/.*$/, '').replace(/:443$/, '');
}
const IN_CLUSTER = /^kubernetes\.default(\.svc(\.cluster\.local)?)?(:\d+)?$/;

interface Role {
  id: string;
  a: NodeAttributes;
  mount?: NodeAttributes;
}

function roleEvidence(r: Role, field: string, note?: string): Evidence {
  return { file: s(r.a.attributes.sourceFile) ?? 'vault export', location: `${s(r.a.attributes.readFrom) ?? s(r.a.attributes.apiPath)}: ${field}`, policy: s(r.a.attributes.apiPath), ...(note ? { note } : {}) };
}
function configEvidence(r: Role, field: string): Evidence[] {
  const m = r.mount?.attributes;
  return m && s(m.configFile) ? [{ file: s(m.configFile)!, location: `${s(m.configFrom)}: ${field}` }] : [];
}

function rolesOf(graph: BlastGraph, methods: readonly string[]): Role[] {
  const out: Role[] = [];
  graph.forEachNode((id, a) => {
    if (a.kind !== 'vault.authRole' || a.placeholder || !methods.includes(String(a.attributes.method)) || !a.account) return;
    const m = mountId(a.account, 'auth', String(a.attributes.mount));
    out.push({ id, a, mount: graph.hasNode(m) ? graph.getNodeAttributes(m) : undefined });
  });
  return out;
}

interface Cluster {
  name: string;
  endpoint?: string;
  issuer?: string;
}
interface Sa {
  id: string;
  namespace: string;
  name: string;
}

/** Clusters and their service accounts by namespace. */
function kubernetesSide(graph: BlastGraph): { clusters: Cluster[]; sas: Map<string, Map<string, Sa[]>> } {
  const clusters: Cluster[] = [];
  const sas = new Map<string, Map<string, Sa[]>>();
  graph.forEachNode((id, a) => {
    if (a.kind === 'k8s.cluster') clusters.push({ name: a.name, endpoint: s(a.attributes.endpoint), issuer: s(a.attributes.oidcIssuer) });
    if (a.kind === 'k8s.serviceAccount' && a.account) {
      const ns = s(a.attributes.namespace) ?? '';
      const name = s(a.attributes.objectName) ?? a.name.slice(a.name.indexOf('/') + 1);
      if (!sas.has(a.account)) sas.set(a.account, new Map());
      const byNs = sas.get(a.account)!;
      if (!byNs.has(ns)) byNs.set(ns, []);
      byNs.get(ns)!.push({ id, namespace: ns, name });
    }
  });
  return { clusters, sas };
}

/** The clusters a Kubernetes mount's configuration names. */
function clustersOfMount(r: Role, clusters: Cluster[]): { cluster: Cluster; conditional: boolean; why: string; evidence: Evidence[] }[] {
  const m = r.mount?.attributes ?? {};
  const host = s(m.kubernetesHost);
  const issuer = s(m.issuer);
  const out: ReturnType<typeof clustersOfMount> = [];
  for (const c of clusters) {
    if (host && c.endpoint && hostKey(c.endpoint) === hostKey(host)) out.push({ cluster: c, conditional: false, why: `kubernetes_host ${host} is the API endpoint of cluster ${c.name}`, evidence: configEvidence(r, 'data.kubernetes_host') });
    else if (issuer && c.issuer && issuerKey(c.issuer) === issuerKey(issuer)) out.push({ cluster: c, conditional: false, why: `the mount's issuer ${issuer} is cluster ${c.name}'s`, evidence: configEvidence(r, 'data.issuer') });
  }
  if (!out.length && host && IN_CLUSTER.test(hostKey(host)) && clusters.length === 1) {
    const c = clusters[0]!;
    out.push({ cluster: c, conditional: true, why: `kubernetes_host ${host} is the in-cluster address, and ${c.name} is the only cluster imported`, evidence: configEvidence(r, 'data.kubernetes_host') });
  }
  return out;
}

function kubernetesMembers(graph: BlastGraph, out: ForeignMember[], potential: PotentialFinding[]): void {
  const roles = rolesOf(graph, ['kubernetes']);
  if (!roles.length) return;
  const { clusters, sas } = kubernetesSide(graph);
  for (const r of roles) {
    const names = strs(r.a.attributes.boundServiceAccountNames);
    const namespaces = strs(r.a.attributes.boundServiceAccountNamespaces);
    const selector = s(r.a.attributes.namespaceSelector);
    const notes = [
      ...(selector ? [`bound_service_account_namespace_selector ${selector}: namespace labels are not evaluated`] : []),
      ...(s(r.a.attributes.audience) ? [`the token must carry audience ${r.a.attributes.audience}: a pod requests it in its projected token`] : []),
    ];
    const evidence = [roleEvidence(r, 'data.bound_service_account_names', `names ${names.join(', ')}; namespaces ${namespaces.join(', ') || (selector ? `selected by ${selector}` : '(none)')}`), roleEvidence(r, 'data.bound_service_account_namespaces')];
    const matched = clustersOfMount(r, clusters);
    if (!matched.length) {
      const host = s(r.mount?.attributes.kubernetesHost);
      potential.push({ source: r.id, technique: { id: 'vault-kubernetes-auth', name: 'Kubernetes service account logs in to Vault' }, missing: host ? `the description of the cluster at ${host} (aws eks describe-cluster / gcloud container clusters describe / az aks show) and its service accounts` : `the mount's configuration (vault read -format=json auth/${String(r.a.attributes.mount)}/config)` });
      continue;
    }
    for (const { cluster, conditional, why, evidence: cev } of matched) {
      const byNs = sas.get(cluster.name) ?? new Map<string, Sa[]>();
      const nsList = namespaces.some(hasGlob) || (selector && !namespaces.length) ? [...byNs.keys()].filter((ns) => !namespaces.length || namespaces.some((p) => globMatch(p, ns))) : namespaces;
      const grant = (target: Sa | { namespace: string; name: string }): ForeignMember => ({
        from: { ...('id' in target ? { id: target.id } : {}), provider: 'kubernetes', kind: 'k8s.serviceAccount', account: cluster.name, name: `${target.namespace}/${target.name}` },
        grant: { target: r.id, decision: conditional || selector ? 'conditional' : 'allowed', evidence: [...evidence, ...cev], notes },
        technique: 'vault-kubernetes-auth',
        why: `Vault role ${r.a.name} admits service account ${target.namespace}/${target.name}: ${why}`,
      });
      for (const ns of nsList) {
        const inNs = byNs.get(ns) ?? [];
        if (names.some(hasGlob)) for (const sa of inNs) if (names.some((p) => globMatch(p, sa.name))) out.push(grant(sa));
        for (const name of names.filter((n) => !hasGlob(n))) out.push(grant(inNs.find((sa) => sa.name === name) ?? { namespace: ns, name }));
      }
    }
  }
}

const IAM_ARN = /^arn:aws[a-z-]*:iam::(\d{12}|\*):(role|user)\/(.+)$/;

function awsMembers(graph: BlastGraph, out: ForeignMember[]): void {
  const roles = rolesOf(graph, ['aws']);
  if (!roles.length) return;
  let byAccount: Map<string, { id: string; kind: string }[]> | undefined;
  const awsIdentities = () => {
    if (byAccount) return byAccount;
    byAccount = new Map();
    graph.forEachNode((id, a) => {
      if (a.provider !== 'aws' || (a.kind !== 'role' && a.kind !== 'user')) return;
      const acct = a.account ?? '';
      if (!byAccount!.has(acct)) byAccount!.set(acct, []);
      byAccount!.get(acct)!.push({ id, kind: a.kind });
    });
    return byAccount;
  };
  for (const r of roles) {
    const ec2 = r.a.attributes.authType === 'ec2';
    const field = ec2 ? 'bound_iam_role_arn' : 'bound_iam_principal_arn';
    const arns = strs(ec2 ? r.a.attributes.boundIamRoleArn : r.a.attributes.boundIamPrincipalArn);
    arns.forEach((arn, i) => {
      const m = IAM_ARN.exec(arn);
      if (!m) return;
      const [, account, kind, rest] = m as unknown as [string, string, 'role' | 'user', string];
      const name = rest.slice(rest.lastIndexOf('/') + 1);
      const grant: FederationGrant = {
        target: r.id,
        decision: ec2 ? 'conditional' : 'allowed',
        evidence: [roleEvidence(r, `data.${field}[${i}]`, arn)],
        notes: ec2 ? ['an ec2 login: it needs the identity document of an instance running with this role'] : [],
      };
      const why = `Vault role ${r.a.name} admits ${arn} (${field})`;
      if (!hasGlob(arn)) {
        out.push({ from: { id: arn, provider: 'aws', kind, account, name }, grant, technique: 'vault-aws-auth', why });
        return;
      }
      const pools = account === '*' ? [...awsIdentities().values()].flat() : (awsIdentities().get(account) ?? []);
      for (const c of pools) if (c.kind === kind && globMatch(arn, c.id)) out.push({ from: { id: c.id, provider: 'aws', kind, name: c.id.slice(c.id.lastIndexOf('/') + 1) }, grant, technique: 'vault-aws-auth', why });
    });
  }
}

/** A JWT mount's issuer: bound_issuer, else the discovery URL, else the JWKS URL's origin and path. */
function mountIssuer(mount: NodeAttributes | undefined): string | undefined {
  const m = mount?.attributes ?? {};
  const raw = s(m.boundIssuer) ?? s(m.oidcDiscoveryUrl) ?? s(m.jwksUrl)?.replace(/\/\.well-known\/jwks(\.json)?$/, '');
  return raw ? issuerKey(raw) : undefined;
}

function bindings(a: NodeAttributes): JwtBindings {
  const at = a.attributes;
  return { boundSubject: s(at.boundSubject), boundAudiences: strs(at.boundAudiences), boundClaims: at.boundClaims as Record<string, string[]> | undefined, boundClaimsType: s(at.boundClaimsType) ?? 'string' };
}

const SA_SUBJECT = /^system:serviceaccount:([^:]+):([^:]+)$/;

function jwtClusterMembers(graph: BlastGraph, out: ForeignMember[]): void {
  const roles = rolesOf(graph, ['jwt', 'oidc']);
  if (!roles.length) return;
  const { clusters, sas } = kubernetesSide(graph);
  for (const r of roles) {
    const issuer = mountIssuer(r.mount);
    const sub = s(r.a.attributes.boundSubject);
    const m = sub ? SA_SUBJECT.exec(sub) : null;
    if (!issuer || !m) continue;
    for (const c of clusters) {
      if (!c.issuer || issuerKey(c.issuer) !== issuer) continue;
      const sa = sas.get(c.name)?.get(m[1]!)?.find((x) => x.name === m[2]);
      out.push({
        from: { ...(sa ? { id: sa.id } : {}), provider: 'kubernetes', kind: 'k8s.serviceAccount', account: c.name, name: `${m[1]}/${m[2]}` },
        grant: { target: r.id, decision: 'allowed', evidence: [roleEvidence(r, 'data.bound_subject', sub), ...configEvidence(r, 'data.bound_issuer')], notes: strs(r.a.attributes.boundAudiences).length ? [`the token must carry audience ${strs(r.a.attributes.boundAudiences).join(' or ')}: a pod requests it in its projected token`] : [] },
        technique: 'vault-jwt-auth',
        why: `Vault role ${r.a.name} trusts cluster ${c.name}'s issuer and binds subject ${sub}`,
      });
    }
  }
}

/** Vault's federation capabilities, computed once per analysis. */
export function vaultFederation(graph: BlastGraph) {
  let members: ForeignMember[] | undefined;
  const potential: PotentialFinding[] = [];
  const computeMembers = () => {
    if (members) return members;
    members = [];
    kubernetesMembers(graph, members, potential);
    awsMembers(graph, members);
    jwtClusterMembers(graph, members);
    return members;
  };
  let jwt: Map<string, Role[]> | undefined;
  const jwtByIssuer = () => {
    if (jwt) return jwt;
    jwt = new Map();
    for (const r of rolesOf(graph, ['jwt', 'oidc'])) {
      const issuer = mountIssuer(r.mount);
      if (!issuer) {
        potential.push({ source: r.id, technique: { id: 'oidc-web-identity', name: 'web-identity federation' }, missing: `the JWT mount's configuration (vault read -format=json auth/${String(r.a.attributes.mount)}/config): which issuer it trusts` });
        continue;
      }
      if (!jwt.has(issuer)) jwt.set(issuer, []);
      jwt.get(issuer)!.push(r);
    }
    return jwt;
  };
  return {
    potential: () => {
      computeMembers();
      jwtByIssuer();
      return potential;
    },
    foreignMembers: () => computeMembers(),
    acceptWebIdentity(issuer: string, claims: Readonly<Record<string, string>>, only?: string): FederationGrant[] {
      const key = issuerKey(issuer);
      const out: FederationGrant[] = [];
      for (const r of jwtByIssuer().get(key) ?? []) {
        if (only !== undefined && r.id !== only) continue;
        const d = checkClaims(bindings(r.a), key, claims);
        if (d.decision === 'no') continue;
        const cidrs = [...strs(r.a.attributes.boundCidrs), ...strs(r.a.attributes.tokenBoundCidrs)];
        const notes = [...d.notes, ...(cidrs.length ? [`login only from ${cidrs.join(', ')} (not evaluated)`] : []), ...(r.a.attributes.roleType === 'oidc' ? ['an OIDC role: the login goes through a browser and the identity provider'] : [])];
        out.push({
          target: r.id,
          decision: d.decision === 'conditional' || cidrs.length ? 'conditional' : 'allowed',
          evidence: [...(d.fields.length ? d.fields : ['data']).map((f) => roleEvidence(r, f)), ...configEvidence(r, r.mount?.attributes.boundIssuer ? 'data.bound_issuer' : 'data.oidc_discovery_url')],
          notes,
        });
      }
      return out;
    },
    trustedIssuers(): { issuer: string; target: string; subjectPatterns: string[] }[] {
      const out: { issuer: string; target: string; subjectPatterns: string[] }[] = [];
      for (const [issuer, roles] of jwtByIssuer()) {
        for (const r of roles) {
          const b = bindings(r.a);
          const patterns = subjectPatterns(b, issuer);
          const claimKeys = Object.keys(b.boundClaims ?? {});
          // Outside GitHub, a role bound by claims a probe token cannot tell is left out (it
          // would read as "any subject" for want of those claims).
          const probeable = issuer === GITHUB_ISSUER || (b.boundSubject === undefined && claimKeys.every((k) => k === 'sub'));
          if (probeable) out.push({ issuer, target: r.id, subjectPatterns: patterns });
        }
      }
      return out;
    },
  };
}
