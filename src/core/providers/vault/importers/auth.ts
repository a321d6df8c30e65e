/**
 * Auth method roles and configurations, from `vault read -format=json auth/<mount>/role/<name>`
 * and `auth/<mount>/config`, placed by the file's path. A role is an identity: whoever satisfies
 * its bindings logs in with a token holding its `token_policies` (and the deprecated `policies`
 * mirror), plus `default` unless `token_no_default_policy`. Each binding is kept with the field it
 * came from, for the evidence of the federation edges the analysis draws (Kubernetes service
 * accounts, JWT/OIDC claims, AWS principals) and of the escalations (AppRole secret IDs).
 * Token roles (`auth/token/roles/<name>`) are identities too: a token created from one holds the
 * role's `allowed_policies`, which need not be its creator's.
 */
import type { ImportContext } from '../../../importers/types';
import { isRecord, own, ownString } from '../../../io/safe-object';
import { PROVIDER, vaultId, type Located } from '../ids';
import { bool, evidenceAt, MAX_LIST, MAX_NAME, mountRef, num, policyRef, str, strList, typeName } from './common';

export type AuthMethod = 'approle' | 'kubernetes' | 'jwt' | 'oidc' | 'aws' | 'token' | 'other';

/** The method of a role: its mount's type when a mount list told it, else the role's own fields. */
function methodOf(type: string | undefined, data: Record<string, unknown>): AuthMethod {
  if (type === 'approle' || type === 'kubernetes' || type === 'jwt' || type === 'oidc' || type === 'aws' || type === 'token') return type;
  if (type) return 'other';
  const has = (k: string) => own(data, k) !== undefined;
  if (has('bound_service_account_names') || has('bound_service_account_namespaces')) return 'kubernetes';
  if (has('bind_secret_id') || has('secret_id_ttl') || has('secret_id_num_uses')) return 'approle';
  if (has('bound_iam_principal_arn') || has('auth_type') || has('bound_ami_id')) return 'aws';
  if (has('role_type') || has('bound_audiences') || has('user_claim') || has('bound_claims')) return 'jwt';
  return 'other';
}

/** Fields of each method that bind who may log in, kept as lists of strings. */
const BOUND_LISTS: Record<string, string[]> = {
  kubernetes: ['bound_service_account_names', 'bound_service_account_namespaces'],
  jwt: ['bound_audiences', 'allowed_redirect_uris'],
  aws: ['bound_iam_principal_arn', 'bound_account_id', 'bound_ami_id', 'bound_iam_role_arn', 'bound_iam_instance_profile_arn', 'bound_ec2_instance_id', 'bound_region', 'bound_vpc_id', 'bound_subnet_id'],
  approle: ['secret_id_bound_cidrs'],
};
const camel = (k: string) => k.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());

/** The token policies a role grants, with an edge to each (placeholder until the policy is imported). */
function tokenPolicies(ctx: ImportContext, loc: Located, data: Record<string, unknown>, role: string): string[] {
  const policies: string[] = [];
  for (const key of ['token_policies', 'policies']) {
    strList(ctx, own(data, key), `${loc.vaultPath}: data.${key}`).forEach((p, i) => {
      if (policies.includes(p)) return;
      policies.push(p);
      ctx.b.edge('hasPolicy', role, policyRef(ctx, loc.scope, p), evidenceAt(ctx, loc.vaultPath, `data.${key}[${i}]`, { policy: p }));
    });
  }
  return policies;
}

/** `bound_claims`: claim name → allowed values (a string or a list of strings each). */
function boundClaims(ctx: ImportContext, v: unknown, where: string): Record<string, string[]> | undefined {
  if (v === undefined || v === null) return undefined;
  if (!isRecord(v)) {
    ctx.b.warn(`${where}: expected a map of claims, found ${typeName(v)}; ignored (the role is read as not bound by claims: check it)`);
    return undefined;
  }
  // Claim names come from the export: stored as own properties of a prototype-less record.
  const out = Object.create(null) as Record<string, string[]>;
  for (const k of Object.keys(v).slice(0, MAX_LIST)) {
    const values = typeof v[k] === 'string' || typeof v[k] === 'number' || typeof v[k] === 'boolean' ? [String(v[k])] : strList(ctx, v[k], `${where}.${k}`);
    Object.defineProperty(out, k.slice(0, MAX_NAME), { value: values, enumerable: true, writable: true, configurable: true });
  }
  return out;
}

export function readAuthRole(ctx: ImportContext, loc: Located, data: Record<string, unknown>, mountPath: string, roleDir: string, roleName: string): void {
  const method = methodOf(loc.mount?.type, data);
  const apiPath = `auth/${mountPath}/${roleDir}/${roleName}`;
  const id = vaultId(loc.scope, apiPath);
  const mount = mountRef(ctx, loc.scope, 'auth', mountPath, loc.mount?.type ?? (method === 'other' ? undefined : method));
  const attributes: Record<string, unknown> = {
    method,
    mount: mountPath,
    roleName,
    apiPath,
    sourceFile: ctx.file,
    readFrom: loc.vaultPath,
    noDefaultPolicy: bool(own(data, 'token_no_default_policy')) || undefined,
    tokenBoundCidrs: strList(ctx, own(data, 'token_bound_cidrs'), `${loc.vaultPath}: data.token_bound_cidrs`),
    tokenType: str(own(data, 'token_type')),
    tokenTtl: num(own(data, 'token_ttl')),
    // Seconds; 0 means unset (the mount's or Vault's max lease TTL applies). The NHI7 findings read them.
    tokenMaxTtl: num(own(data, 'token_max_ttl')),
    tokenExplicitMaxTtl: num(own(data, 'token_explicit_max_ttl')),
    tokenPeriod: num(own(data, 'token_period')),
  };
  for (const key of BOUND_LISTS[method === 'oidc' ? 'jwt' : method] ?? []) attributes[camel(key)] = strList(ctx, own(data, key), `${loc.vaultPath}: data.${key}`);
  if (method === 'approle') {
    attributes.bindSecretId = bool(own(data, 'bind_secret_id')) ?? true;
    attributes.secretIdNumUses = num(own(data, 'secret_id_num_uses'));
  }
  if (method === 'kubernetes') {
    attributes.namespaceSelector = str(own(data, 'bound_service_account_namespace_selector')) || undefined;
    attributes.audience = str(own(data, 'audience')) || undefined;
  }
  if (method === 'jwt' || method === 'oidc') {
    attributes.roleType = str(own(data, 'role_type')) ?? (method === 'oidc' ? 'oidc' : undefined);
    attributes.boundSubject = str(own(data, 'bound_subject')) || undefined;
    attributes.boundClaims = boundClaims(ctx, own(data, 'bound_claims'), `${loc.vaultPath}: data.bound_claims`);
    attributes.boundClaimsType = str(own(data, 'bound_claims_type')) || 'string';
    attributes.userClaim = str(own(data, 'user_claim'));
    attributes.boundCidrs = strList(ctx, own(data, 'bound_cidrs'), `${loc.vaultPath}: data.bound_cidrs`);
  }
  if (method === 'aws') {
    attributes.authType = str(own(data, 'auth_type')) ?? (own(data, 'bound_iam_principal_arn') !== undefined ? 'iam' : undefined);
    attributes.inferredEntityType = str(own(data, 'inferred_entity_type')) || undefined;
  }
  attributes.policies = tokenPolicies(ctx, loc, data, id);
  ctx.b.node({ id, kind: 'vault.authRole', name: `${mountPath}/${roleName}`, account: loc.scope, provider: PROVIDER, attributes });
  ctx.b.edge('vault.mountedAt', id, mount, evidenceAt(ctx, loc.vaultPath, '(file path)'));
  if (method === 'other') ctx.b.note(`${apiPath}: an auth method Blastmap does not read bindings of (${loc.mount?.type ?? 'unknown type: import vault auth list'}); its policies are imported, who can log in is not`);
}

export function readTokenRole(ctx: ImportContext, loc: Located, data: Record<string, unknown>, roleName: string): void {
  const apiPath = `auth/token/roles/${roleName}`;
  const id = vaultId(loc.scope, apiPath);
  const where = (k: string) => `${loc.vaultPath}: data.${k}`;
  const allowed = strList(ctx, own(data, 'allowed_policies'), where('allowed_policies'));
  ctx.b.node({
    id,
    kind: 'vault.tokenRole',
    name: `token/${roleName}`,
    account: loc.scope,
    provider: PROVIDER,
    attributes: {
      method: 'token',
      roleName,
      apiPath,
      createPath: `auth/token/create/${roleName}`,
      sourceFile: ctx.file,
      readFrom: loc.vaultPath,
      allowedPolicies: allowed,
      disallowedPolicies: strList(ctx, own(data, 'disallowed_policies'), where('disallowed_policies')),
      allowedPoliciesGlob: strList(ctx, own(data, 'allowed_policies_glob'), where('allowed_policies_glob')),
      disallowedPoliciesGlob: strList(ctx, own(data, 'disallowed_policies_glob'), where('disallowed_policies_glob')),
      orphan: bool(own(data, 'orphan')),
      renewable: bool(own(data, 'renewable')),
      noDefaultPolicy: bool(own(data, 'token_no_default_policy')) || undefined,
      tokenType: str(own(data, 'token_type')),
      tokenExplicitMaxTtl: num(own(data, 'token_explicit_max_ttl')) ?? num(own(data, 'explicit_max_ttl')),
      tokenPeriod: num(own(data, 'token_period')) ?? num(own(data, 'period')),
      policies: allowed,
    },
  });
  allowed.forEach((p, i) => ctx.b.edge('hasPolicy', id, policyRef(ctx, loc.scope, p), evidenceAt(ctx, loc.vaultPath, `data.allowed_policies[${i}]`, { policy: p })));
  ctx.b.edge('vault.mountedAt', id, mountRef(ctx, loc.scope, 'auth', 'token', 'token'), evidenceAt(ctx, loc.vaultPath, '(file path)'));
}

/**
 * `auth/<mount>/config`: the Kubernetes API endpoint and issuer a Kubernetes mount checks tokens
 * against, the issuer a JWT/OIDC mount trusts. Kept on the mount node, where the analysis finds it.
 */
export function readAuthConfig(ctx: ImportContext, loc: Located, data: Record<string, unknown>, mountPath: string): void {
  const attrs: Record<string, unknown> = { configFile: ctx.file, configFrom: loc.vaultPath };
  const host = str(own(data, 'kubernetes_host'));
  let type = loc.mount?.type;
  if (host !== undefined) {
    type ??= 'kubernetes';
    attrs.kubernetesHost = host;
    attrs.issuer = str(own(data, 'issuer')) || undefined;
    attrs.disableIssValidation = bool(own(data, 'disable_iss_validation'));
  }
  const discovery = str(own(data, 'oidc_discovery_url'));
  const bound = str(own(data, 'bound_issuer'));
  const jwks = str(own(data, 'jwks_url'));
  if (discovery || bound || jwks || own(data, 'jwt_validation_pubkeys') !== undefined) {
    type ??= 'jwt';
    attrs.oidcDiscoveryUrl = discovery || undefined;
    attrs.boundIssuer = bound || undefined;
    attrs.jwksUrl = jwks || undefined;
    attrs.validationPubkeys = Array.isArray(own(data, 'jwt_validation_pubkeys')) ? (own(data, 'jwt_validation_pubkeys') as unknown[]).length : undefined;
    attrs.defaultRole = str(own(data, 'default_role')) || undefined;
  }
  const sts = ownString(data, 'sts_endpoint');
  if (sts !== undefined || own(data, 'iam_server_id_header_value') !== undefined) {
    type ??= 'aws';
    attrs.iamServerIdHeader = str(own(data, 'iam_server_id_header_value')) || undefined;
  }
  if (host === undefined && !discovery && !bound && !jwks && type === undefined) ctx.b.note(`${loc.vaultPath}: an auth method configuration without a Kubernetes host or an issuer; nothing of it is used`);
  mountRef(ctx, loc.scope, 'auth', mountPath, type, attrs);
  ctx.b.count('auth method configuration');
}
