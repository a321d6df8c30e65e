/**
 * The company behind a generated account: teams and their apps, the shared customer-managed
 * policies, groups, identity providers, the fixed roles every estate has (SSO permission sets,
 * service-linked roles, the organization access role, CI federation) and the admins.
 */
import { DAY, GENERATED_AT, type AccountBuilder, type AccessKeySpec, type RoleSpec, type UserSpec } from './model';
import { MANAGED, PURPOSES, REGIONS, allow, ciDeployDocument, developerBoundary, doc, forceMfa, powerUserWithMfa, purposeDocument, regionGuardrail, teamConsoleDocument, trust, workloadBoundary, type Purpose } from './documents';
import type { Random } from './rng';

const TEAM_NAMES = ['payments', 'checkout', 'search', 'identity', 'platform', 'data', 'ml', 'mobile', 'growth', 'logistics', 'catalog', 'risk', 'support', 'marketing', 'finance', 'security', 'infra', 'analytics', 'billing', 'notifications', 'pricing', 'orders', 'inventory', 'partners'];
const REGION_SUFFIX = ['eu', 'us', 'apac', 'latam'];
const APP_ADJ = ['order', 'cart', 'user', 'ledger', 'invoice', 'refund', 'price', 'stock', 'route', 'fraud', 'email', 'push', 'report', 'media', 'profile', 'session', 'event', 'audit', 'quote', 'review', 'shipment', 'coupon', 'loyalty', 'tax', 'feed', 'index', 'ticket', 'chat', 'image', 'geo'];
const APP_NOUN = ['api', 'service', 'worker', 'processor', 'sync', 'gateway', 'scheduler', 'engine', 'exporter', 'importer', 'router', 'store', 'indexer', 'notifier', 'aggregator', 'tracker', 'resolver', 'builder', 'loader', 'monitor'];
export const FIRST = ['alice', 'bruno', 'chen', 'dana', 'emil', 'fatima', 'gustavo', 'hana', 'ivan', 'julia', 'kofi', 'lena', 'marco', 'nadia', 'oscar', 'priya', 'quentin', 'rosa', 'sven', 'tara', 'umar', 'vera', 'wei', 'ximena', 'yusuf', 'zoe', 'aiko', 'ben', 'carla', 'dmitri', 'elena', 'farid', 'greta', 'hugo', 'ines', 'jonas', 'kira', 'liam', 'maya', 'nils', 'olga', 'pablo', 'rahul', 'sara', 'tomas', 'ursula', 'viktor', 'wanda', 'yara', 'zeno'];
export const LAST = ['ng', 'diaz', 'li', 'okafor', 'schmidt', 'haddad', 'pereira', 'sato', 'petrov', 'rossi', 'mensah', 'berg', 'conti', 'karimi', 'lind', 'iyer', 'moreau', 'silva', 'larsen', 'kapoor', 'farouk', 'novak', 'zhang', 'lopez', 'demir', 'walsh', 'tanaka', 'cohen', 'garcia', 'ivanova', 'fischer', 'rahman', 'muller', 'dubois', 'santos', 'nielsen', 'kowalski', 'brown', 'yilmaz', 'obi', 'martin', 'evans', 'park', 'costa', 'weber', 'ali', 'jensen', 'romero', 'khan', 'murphy'];
const FUNCTIONS = ['Api', 'Worker', 'Scheduler', 'Ingest', 'Notify', 'Sync', 'Export', 'Resize', 'Webhook', 'Authorizer', 'StreamConsumer', 'Cleanup', 'Reconcile', 'Enrich', 'Dispatch'];
const VENDORS = ['datadog', 'snowflake', 'fivetran', 'segment', 'sentry', 'pagerduty', 'looker', 'tableau', 'twilio', 'sendgrid', 'cloudflare', 'newrelic', 'splunk', 'okta-scim', 'github-backup', 'circleci', 'braze', 'mixpanel'];
const SERVICES_USED = ['s3', 'dynamodb', 'sqs', 'sns', 'ses', 'lambda', 'ecr', 'logs', 'kms', 'secretsmanager', 'sts', 'cloudwatch'];
export const ENVS = ['prod', 'staging', 'dev'] as const;
const ENV_WEIGHTS: [string, number][] = [['prod', 45], ['staging', 30], ['dev', 25]];

export interface Team {
  name: string;
  apps: string[];
  purposes: Map<Purpose, string>;
  ciDeploy: string;
  console: string;
  group: string;
  servicesGroup: string;
}

export interface Org {
  b: AccountBuilder;
  account: string;
  seed: number;
  managementAccount: string;
  sharedServicesAccount: string;
  vendorAccounts: { vendor: string; account: string; externalId: string }[];
  teams: Team[];
  shared: {
    forceMfa: string;
    powerUserMfa: string;
    workloadBoundary: string;
    developerBoundary: string;
    regionGuardrail: string;
    kms: string;
    ecr: string;
    logs: string;
    metrics: string;
    denyIamWrites: string;
  };
  groups: { admins: string; mfa: string; developers: string; powerUsers: string; readOnly: string; analysts: string; billing: string; support: string; security: string };
  providers: { okta: string; sso: string; github: string; eks: { env: string; host: string; arn: string }[] };
  /** Admin-equivalent principals (unconditional), and admins whose power needs MFA. */
  admins: string[];
  conditionalAdmins: string[];
}

const envOf = (r: Random) => r.weighted(ENV_WEIGHTS);

function accountNumber(r: Random): string {
  return String(r.int(1, 9)) + r.chars('0123456789', 11);
}

function teamNames(n: number): string[] {
  const out: string[] = [];
  for (let i = 0; out.length < n; i++) {
    const base = TEAM_NAMES[i % TEAM_NAMES.length]!;
    const round = Math.floor(i / TEAM_NAMES.length);
    out.push(round === 0 ? base : `${base}-${REGION_SUFFIX[(round - 1) % REGION_SUFFIX.length]}${round > REGION_SUFFIX.length ? Math.ceil(round / REGION_SUFFIX.length) : ''}`);
  }
  return out;
}

/** App names, unique: adjective-noun, then with a number once the combinations run out. */
function appNames(n: number, r: Random): string[] {
  const combos = APP_ADJ.length * APP_NOUN.length;
  const offset = r.int(0, combos - 1);
  const stride = 7; // coprime with 600: every combination once per round
  const out: string[] = [];
  for (let k = 0; k < n; k++) {
    const c = (offset + k * stride) % combos;
    const round = Math.floor(k / combos);
    const base = `${APP_ADJ[c % APP_ADJ.length]}-${APP_NOUN[Math.floor(c / APP_ADJ.length)]}`;
    out.push(round ? `${base}${round + 1}` : base);
  }
  return out;
}

export function buildOrganization(b: AccountBuilder, seed: number, principals: number): Org {
  const r = b.rnd;
  const account = b.account;
  const teams = teamNames(Math.max(6, Math.min(60, Math.round(principals / 400))));
  const apps = appNames(Math.max(teams.length * 2, Math.round(principals / 14)), r);

  const shared = {
    forceMfa: b.policy('Force_MFA', forceMfa(account), { description: 'Users may manage their own credentials; everything else needs MFA' }),
    powerUserMfa: b.policy('power-user-mfa', powerUserWithMfa(), { description: 'Power user (no IAM), MFA required', older: [doc({ Effect: 'Allow', NotAction: ['iam:*', 'organizations:*'], Resource: '*' })] }),
    workloadBoundary: b.policy('WorkloadBoundary', workloadBoundary(), { path: '/boundaries/', description: 'Permission boundary for workloads' }),
    developerBoundary: b.policy('DeveloperBoundary', developerBoundary(account), { path: '/boundaries/', description: 'Permission boundary for developer-created roles and users' }),
    regionGuardrail: b.policy('region-guardrail', regionGuardrail(), { path: '/guardrails/' }),
    kms: b.policy('shared-kms-decrypt', purposeDocument('kms-decrypt', 'shared', account), { path: '/shared/' }),
    ecr: b.policy('shared-ecr-pull', purposeDocument('ecr-pull', 'shared', account), { path: '/shared/' }),
    logs: b.policy('shared-logs-write', doc(allow(['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:PutLogEvents'], `arn:aws:logs:*:${account}:*`)), { path: '/shared/' }),
    metrics: b.policy('shared-cloudwatch-metrics', doc(allow(['cloudwatch:PutMetricData', 'cloudwatch:GetMetricData', 'cloudwatch:ListMetrics'], '*')), { path: '/shared/' }),
    denyIamWrites: b.policy('deny-iam-writes', doc({ Sid: 'NoIdentityChanges', Effect: 'Deny', Action: ['iam:Attach*', 'iam:Put*', 'iam:Create*', 'iam:Update*', 'iam:Delete*', 'iam:Detach*', 'iam:Add*', 'iam:SetDefaultPolicyVersion', 'iam:PassRole'], Resource: '*' }), { path: '/guardrails/', description: 'Explicit deny of identity changes' }),
  };

  const teamList: Team[] = teams.map((name, i) => {
    const purposes = new Map<Purpose, string>();
    // Each team has most purposes; some policies went through a few versions.
    for (const p of PURPOSES) {
      if (r.chance(0.15) && p !== 's3-read' && p !== 'logs-write') continue;
      const versions = r.chance(0.25) ? r.int(1, 3) : 0;
      const older = Array.from({ length: versions }, (_, v) => purposeDocument(p, name, account, v + 1));
      purposes.set(p, b.policy(`${name}-${p}`, purposeDocument(p, name, account), { path: `/teams/${name}/`, older }));
    }
    return {
      name,
      apps: apps.filter((_, k) => k % teams.length === i),
      purposes,
      ciDeploy: b.policy(`${name}-ci-deploy`, ciDeployDocument(name, account), { path: `/teams/${name}/` }),
      console: b.policy(`${name}-console`, teamConsoleDocument(name, account), { path: `/teams/${name}/` }),
      group: '',
      servicesGroup: '',
    };
  });

  const groups = {
    admins: b.group('Admins', [MANAGED.admin]).name,
    mfa: b.group('MFA-Required', [shared.forceMfa, MANAGED.changePassword]).name,
    developers: b.group('Developers', [MANAGED.readOnly, shared.regionGuardrail], [{ PolicyName: 'developer-sandbox', PolicyDocument: doc(allow(['s3:*'], ['arn:aws:s3:::acme-sandbox-*', 'arn:aws:s3:::acme-sandbox-*/*']), allow(['lambda:InvokeFunction', 'logs:*'], '*', { StringEquals: { 'aws:RequestedRegion': 'eu-west-1' } })) }]).name,
    powerUsers: b.group('PowerUsers', [shared.powerUserMfa]).name,
    readOnly: b.group('ReadOnly', [MANAGED.viewOnly]).name,
    analysts: b.group('DataAnalysts', [MANAGED.athena, MANAGED.s3Read]).name,
    billing: b.group('Billing', [MANAGED.billing]).name,
    support: b.group('Support', [MANAGED.support, MANAGED.viewOnly]).name,
    security: b.group('SecurityAudit', [MANAGED.securityAudit, MANAGED.cloudtrailRead]).name,
  };
  for (const t of teamList) {
    t.group = b.group(`team-${t.name}`, [t.console, ...[t.purposes.get('s3-read'), t.purposes.get('dynamodb-read')].filter((x): x is string => !!x)]).name;
    t.servicesGroup = b.group(`${t.name}-services`, [t.purposes.get('logs-write')!, shared.metrics], [], '/service/').name;
  }

  const ssoId = r.chars('0123456789abcdef', 16);
  const providers = {
    okta: `arn:aws:iam::${account}:saml-provider/Okta`,
    sso: `arn:aws:iam::${account}:saml-provider/AWSSSO_${ssoId}_DO_NOT_DELETE`,
    github: `arn:aws:iam::${account}:oidc-provider/token.actions.githubusercontent.com`,
    eks: ENVS.map((env, i) => {
      const host = `oidc.eks.${REGIONS[i % 2]}.amazonaws.com/id/${r.chars('0123456789ABCDEF', 32)}`;
      return { env: env as string, host, arn: `arn:aws:iam::${account}:oidc-provider/${host}` };
    }),
  };

  const org: Org = {
    b,
    account,
    seed,
    managementAccount: accountNumber(r),
    sharedServicesAccount: accountNumber(r),
    vendorAccounts: VENDORS.slice(0, 8).map((vendor) => ({ vendor, account: accountNumber(r), externalId: `${r.chars('0123456789abcdef', 8)}-${r.chars('0123456789abcdef', 4)}-${r.chars('0123456789abcdef', 4)}-${r.chars('0123456789abcdef', 12)}` })),
    teams: teamList,
    shared,
    groups,
    providers,
    admins: [],
    conditionalAdmins: [],
  };
  fixedRoles(org);
  return org;
}

/** Roles every estate has: SSO permission sets, service-linked roles, the org access role, CI. */
function fixedRoles(org: Org): void {
  const { b } = org;
  const sso = (set: string, managed: string[], admin = false) => {
    const region = 'eu-west-1';
    const name = b.roleName(`AWSReservedSSO_${set}_${b.rnd.chars('0123456789abcdef', 16)}`);
    const role = specialRole(org, { name, path: `/aws-reserved/sso.amazonaws.com/${region}/`, trust: trust.saml(org.providers.sso), managed, lastUsed: true, reserved: true });
    if (admin) org.admins.push(roleArn(org, role));
  };
  sso('AdministratorAccess', [MANAGED.admin], true);
  sso('PowerUserAccess', [MANAGED.powerUser]);
  sso('ReadOnlyAccess', [MANAGED.readOnly]);
  sso('Billing', [MANAGED.billing]);
  sso('SecurityAudit', [MANAGED.securityAudit]);
  sso('DataEngineer', [MANAGED.athena, MANAGED.s3Read, MANAGED.kinesisRead]);

  const slr = (name: string, service: string, policy: string) =>
    specialRole(org, { name, path: `/aws-service-role/${service}/`, trust: trust.service(service), managed: [policy], lastUsed: true });
  slr('AWSServiceRoleForSupport', 'support.amazonaws.com', MANAGED.slrSupport);
  slr('AWSServiceRoleForTrustedAdvisor', 'trustedadvisor.amazonaws.com', MANAGED.slrTrustedAdvisor);
  slr('AWSServiceRoleForElasticLoadBalancing', 'elasticloadbalancing.amazonaws.com', MANAGED.slrElb);
  slr('AWSServiceRoleForRDS', 'rds.amazonaws.com', MANAGED.slrRds);
  slr('AWSServiceRoleForECS', 'ecs.amazonaws.com', MANAGED.slrEcs);
  slr('AWSServiceRoleForAmazonGuardDuty', 'guardduty.amazonaws.com', MANAGED.slrGuardDuty);
  slr('AWSServiceRoleForConfig', 'config.amazonaws.com', MANAGED.slrConfig);

  const orgRole = specialRole(org, { name: 'OrganizationAccountAccessRole', trust: trust.aws(`arn:aws:iam::${org.managementAccount}:root`), managed: [MANAGED.admin], lastUsed: true });
  org.admins.push(roleArn(org, orgRole));
  const tf = specialRole(org, {
    name: 'github-actions-terraform',
    path: '/ci/',
    trust: trust.oidc(org.providers.github, 'token.actions.githubusercontent.com', 'repo:acme-corp/infrastructure:ref:refs/heads/main'),
    managed: [MANAGED.admin],
    lastUsed: true,
    tags: [{ Key: 'owner', Value: 'platform@acme.example' }],
  });
  org.admins.push(roleArn(org, tf));

  // Two admin humans outside the MFA policy (break glass) and an automation admin with a key.
  const breakGlass = specialUser(org, { name: 'break-glass', managed: [MANAGED.admin], password: true, mfa: true, keys: 0, tags: [{ Key: 'owner', Value: 'security@acme.example' }] });
  org.admins.push(userArn(org, breakGlass));
}

export const roleArn = (org: Org, r: RoleSpec) => `arn:aws:iam::${org.account}:role${r.path}${r.name}`;
export const userArn = (org: Org, u: UserSpec) => `arn:aws:iam::${org.account}:user${u.path}${u.name}`;

export interface RoleOptions {
  name: string;
  path?: string;
  trust: RoleSpec['trust'];
  managed?: string[];
  inline?: RoleSpec['inline'];
  boundary?: string;
  tags?: RoleSpec['tags'];
  lastUsed?: boolean;
  instanceProfile?: boolean;
  /** The name was already reserved with roleName(). */
  reserved?: boolean;
}

/** A role known up front (scenarios, fixed roles): unique name, id, dates. */
export function specialRole(org: Org, o: RoleOptions): RoleSpec {
  const b = org.b;
  const r = b.rnd;
  const name = o.reserved ? o.name : b.roleName(o.name);
  const path = o.path ?? '/';
  const created = b.created();
  const spec: RoleSpec = {
    name,
    path,
    id: b.id('AROA'),
    created,
    trust: o.trust,
    managed: o.managed ?? [],
    inline: o.inline ?? [],
    boundary: o.boundary,
    tags: o.tags ?? [],
    lastUsed: o.lastUsed ? { at: Math.max(created, GENERATED_AT - r.int(0, 60) * DAY - r.int(0, 86_000) * 1000), region: r.pick(REGIONS) } : undefined,
    instanceProfile: o.instanceProfile ? { name: b.profileName(name), path, id: b.id('AIPA'), created: created + 1000 } : undefined,
  };
  return b.addRole(spec);
}

export interface UserOptions {
  name: string;
  path?: string;
  groups?: string[];
  managed?: string[];
  inline?: UserSpec['inline'];
  boundary?: string;
  tags?: UserSpec['tags'];
  password?: boolean;
  mfa?: boolean;
  /** How many access keys (active ones first). */
  keys?: number;
  /** The name was already reserved with userName(). */
  reserved?: boolean;
}

export function specialUser(org: Org, o: UserOptions): UserSpec {
  const b = org.b;
  const r = b.rnd;
  const created = b.created();
  const keys: AccessKeySpec[] = [];
  for (let k = 0; k < (o.keys ?? 1); k++) keys.push(accessKey(r, created, true));
  return b.addUser({
    name: o.reserved ? o.name : b.userName(o.name),
    path: o.path ?? '/',
    id: b.id('AIDA'),
    created,
    groups: o.groups ?? [],
    managed: o.managed ?? [],
    inline: o.inline ?? [],
    boundary: o.boundary,
    tags: o.tags ?? [],
    password: o.password ?? false,
    passwordLastUsed: o.password ? GENERATED_AT - r.int(0, 30) * DAY : undefined,
    passwordChanged: o.password ? created : undefined,
    mfa: o.mfa ?? false,
    keys,
  });
}

/** An access key created after `created`, rotated some time ago, used (or never) since. */
export function accessKey(r: Random, created: number, active: boolean): AccessKeySpec {
  // Almost half were rotated in the last four months; the others at any time since creation.
  const recent = Math.max(created, GENERATED_AT - 120 * DAY);
  const from = r.chance(0.45) ? recent : created;
  const rotated = from + Math.floor(r.next() * Math.max(DAY, GENERATED_AT - from - DAY));
  const never = r.chance(0.1);
  const lastUsed = never ? undefined : Math.min(GENERATED_AT - 3600_000, rotated + Math.floor(r.next() * (GENERATED_AT - rotated)));
  return { active, rotated, lastUsed, region: never ? undefined : r.pick(REGIONS), service: never ? undefined : r.pick(SERVICES_USED) };
}

export { envOf, VENDORS, FUNCTIONS };
