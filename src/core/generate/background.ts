/**
 * The bulk of a generated account: app roles drawn from a bounded set of attachment sets (as
 * real estates reuse a few templates for hundreds of roles), roles trusting the account root,
 * role chains, cross-account and federated roles; human users in groups behind the MFA policy and
 * many more service users with access keys. Every record is a recipe run when it is written.
 * Nothing here can escalate to admin: see scenarios.ts for what is planted.
 */
import { DAY, GENERATED_AT, type AccessKeySpec, type InlinePolicy, type RoleSpec, type Tag, type UserSpec } from './model';
import { MANAGED, REGIONS, allow, appInline, doc, purposeDocument, trust, type Condition, type Purpose } from './documents';
import { FIRST, FUNCTIONS, LAST, VENDORS, accessKey, envOf, type Org, type Team } from './organization';
import { Random, deriveSeed, drawFrom, zipfTable } from './rng';

type Stack = 'lambda' | 'ecs-task' | 'ecs-exec' | 'ec2' | 'glue' | 'irsa';
const STACKS: [Stack, number][] = [['lambda', 40], ['ecs-task', 15], ['ecs-exec', 10], ['ec2', 12], ['glue', 8], ['irsa', 15]];

interface Archetype {
  team: Team;
  stack: Stack;
  managed: string[];
  boundary?: string;
  inline: boolean;
  /** CloudFormation-named at `/`, or Terraform-named under `/app/<team>/`. */
  cfn: boolean;
}

const BASE_MANAGED: Record<Stack, string[]> = {
  lambda: [MANAGED.lambdaBasic],
  'ecs-task': [],
  'ecs-exec': [MANAGED.ecsTaskExecution],
  ec2: [MANAGED.ssmCore, MANAGED.cloudwatchAgent],
  glue: [MANAGED.glueService],
  irsa: [],
};
const STACK_PURPOSES: Record<Stack, Purpose[]> = {
  lambda: ['dynamodb-rw', 'dynamodb-read', 'sqs-consume', 'sqs-publish', 'sns-publish', 's3-read', 's3-write', 'secrets-read', 'events-put', 'kinesis-write', 'abac-secrets', 'lambda-invoke', 'metrics'],
  'ecs-task': ['dynamodb-rw', 's3-read', 's3-write', 'sqs-publish', 'sqs-consume', 'secrets-read', 'ssm-params', 'metrics', 'states-exec', 'abac-secrets'],
  'ecs-exec': ['secrets-read', 'ssm-params', 'ecr-pull', 'kms-decrypt'],
  ec2: ['s3-read', 's3-write', 'ssm-params', 'logs-write', 'metrics', 'ec2-describe'],
  glue: ['s3-read', 's3-write', 'athena-query', 'kms-decrypt'],
  irsa: ['dynamodb-rw', 's3-read', 'sqs-consume', 'secrets-read', 'ssm-params', 'kinesis-write'],
};

function archetypes(org: Org, count: number): Archetype[] {
  const r = org.b.rnd;
  const out: Archetype[] = [];
  for (let i = 0; i < count; i++) {
    const team = r.pick(org.teams);
    const stack = r.weighted(STACKS);
    const purposes = r.sample(STACK_PURPOSES[stack].filter((p) => team.purposes.has(p)), r.int(1, 3));
    const managed = [...BASE_MANAGED[stack], ...purposes.map((p) => team.purposes.get(p)!)];
    if (stack === 'lambda' && r.chance(0.3)) managed.push(MANAGED.lambdaVpc);
    if (r.chance(0.25)) managed.push(r.pick([org.shared.kms, org.shared.ecr, org.shared.logs, org.shared.metrics, MANAGED.xray]));
    if (r.chance(0.1)) managed.push(org.shared.regionGuardrail);
    if (r.chance(0.05)) managed.push(r.pick([MANAGED.s3Read, MANAGED.dynamoRead, MANAGED.sqsFull, MANAGED.snsFull]));
    const cfn = stack === 'lambda' && r.chance(0.4);
    out.push({ team, stack, managed: [...new Set(managed)], boundary: !cfn && r.chance(0.25) ? org.shared.workloadBoundary : undefined, inline: r.chance(0.5), cfn });
  }
  return out;
}

function teamTags(r: Random, team: string, env?: string): Tag[] {
  const tags: Tag[] = [];
  if (r.chance(0.7)) tags.push({ Key: 'team', Value: team });
  if (env && r.chance(0.6)) tags.push({ Key: 'env', Value: env });
  if (r.chance(0.45)) tags.push({ Key: 'owner', Value: `${team}@acme.example` });
  if (r.chance(0.4)) tags.push({ Key: 'managed-by', Value: r.pick(['terraform', 'cloudformation', 'cdk', 'manual']) });
  if (r.chance(0.15)) tags.push({ Key: 'cost-center', Value: `CC-${r.int(1000, 9999)}` });
  return tags;
}

/** RoleLastUsed: a third of roles show `{}` (unused in AWS's tracking window). */
function lastUsed(r: Random, created: number, env?: string): RoleSpec['lastUsed'] {
  if (r.chance(env === 'dev' ? 0.5 : 0.3)) return undefined;
  const recent = r.chance(0.75);
  const at = recent ? GENERATED_AT - r.int(0, 20) * DAY - r.int(0, 86_000) * 1000 : GENERATED_AT - r.int(21, 390) * DAY;
  return { at: Math.max(created + 3600_000, at), region: r.pick(REGIONS) };
}

/** Fill the account with `users` background users and `roles` background roles. */
export function addBackground(org: Org, users: number, roles: number, principals: number): void {
  addBackgroundRoles(org, roles, principals);
  addBackgroundUsers(org, users, principals);
}

function roleRecipe(org: Org, name: string, path: string, build: (r: Random, created: number) => Omit<RoleSpec, 'name' | 'path' | 'id' | 'created'>): () => RoleSpec {
  const seed = deriveSeed(org.seed, `role:${name}`);
  return () => {
    const r = new Random(seed);
    const id = org.b.id('AROA', r);
    const created = org.b.created(r);
    return { name, path, id, created, ...build(r, created) };
  };
}

function addBackgroundRoles(org: Org, budget: number, principals: number): void {
  const { b } = org;
  const r = b.rnd;
  const acct = org.account;
  const types = archetypes(org, Math.max(50, Math.min(300, Math.round(principals / 300))));
  const zipf = zipfTable(types.length, 1.05);
  let left = budget;

  const add = (base: string, path: string, managed: string[], boundary: string | undefined, build: Parameters<typeof roleRecipe>[3]) => {
    const name = b.roleName(base);
    b.addLazyRole(name, managed, boundary, roleRecipe(org, name, path, build));
    left--;
  };

  // One GitHub Actions deploy role and one Okta role per team, when there is room.
  for (const t of org.teams) {
    if (left < 50) break;
    const sub = r.chance(0.5) ? `repo:acme-corp/${t.name}-*:ref:refs/heads/main` : `repo:acme-corp/${t.name}-*:environment:production`;
    add(`github-actions-${t.name}-deploy`, '/ci/', [t.ciDeploy, org.shared.ecr], undefined, (rr, created) => ({
      trust: trust.oidc(org.providers.github, 'token.actions.githubusercontent.com', sub, true),
      managed: [t.ciDeploy, org.shared.ecr],
      inline: [],
      tags: teamTags(rr, t.name),
      lastUsed: lastUsed(rr, created),
    }));
    const oktaManaged = r.chance(0.5) ? [MANAGED.readOnly] : [t.console, t.purposes.get('s3-read')!];
    add(`okta-${t.name}-engineer`, '/human/', oktaManaged, undefined, (rr, created) => ({
      trust: trust.saml(org.providers.okta),
      managed: oktaManaged,
      inline: [],
      tags: teamTags(rr, t.name),
      lastUsed: lastUsed(rr, created),
    }));
  }

  while (left > 0) {
    const kind = r.weighted<'app' | 'root' | 'chain' | 'cross'>([['app', 86], ['root', 6], ['chain', 5], ['cross', 3]]);
    if (kind === 'app') {
      const a = types[drawFrom(zipf, r.next())]!;
      const app = r.pick(a.team.apps);
      const env = envOf(r);
      const fn = r.pick(FUNCTIONS);
      let base: string;
      let path = `/app/${a.team.name}/`;
      switch (a.stack) {
        case 'lambda':
          if (a.cfn) {
            base = `${app}-${env}-${fn}FunctionRole-${r.chars('ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789', 12)}`;
            path = '/';
          } else base = `${app}-${fn.toLowerCase()}-${env}`;
          break;
        case 'ecs-task':
          base = `${app}-${env}-task`;
          break;
        case 'ecs-exec':
          base = `${app}-${env}-task-execution`;
          break;
        case 'ec2':
          base = `${app}-${env}-instance`;
          break;
        case 'glue':
          base = `AWSGlueServiceRole-${app}-${env}`;
          path = '/service-role/';
          break;
        case 'irsa':
          base = `${app}-${env}-irsa`;
          break;
      }
      const name = b.roleName(base);
      const profile = a.stack === 'ec2' ? b.profileName(name) : undefined;
      const eks = org.providers.eks.find((p) => p.env === env) ?? org.providers.eks[0]!;
      const team = a.team.name;
      b.addLazyRole(
        name,
        a.managed,
        a.boundary,
        roleRecipe(org, name, path, (rr, created) => {
          let t: RoleSpec['trust'];
          if (a.stack === 'lambda') t = trust.service('lambda.amazonaws.com');
          else if (a.stack === 'ecs-task' || a.stack === 'ecs-exec')
            t = trust.service('ecs-tasks.amazonaws.com', rr.chance(0.4) ? { ArnLike: { 'aws:SourceArn': `arn:aws:ecs:${rr.pick(REGIONS)}:${acct}:*` }, StringEquals: { 'aws:SourceAccount': acct } } : undefined);
          else if (a.stack === 'ec2') t = trust.service('ec2.amazonaws.com');
          else if (a.stack === 'glue') t = trust.service('glue.amazonaws.com');
          else t = trust.oidc(eks.arn, eks.host, `system:serviceaccount:${team}:${app}`);
          const inline: InlinePolicy[] = a.inline && rr.chance(0.8) ? [{ PolicyName: a.cfn ? `${fn}FunctionRolePolicy0` : `${app}-${env}-access`, PolicyDocument: appInline(app, env, acct, rr.int(0, 59)) }] : [];
          return {
            trust: t,
            managed: a.managed,
            inline,
            boundary: a.boundary,
            tags: teamTags(rr, team, env),
            lastUsed: lastUsed(rr, created, env),
            instanceProfile: profile ? { name: profile, path, id: org.b.id('AIPA', rr), created: created + 1000 } : undefined,
          };
        }),
      );
      left--;
    } else if (kind === 'root') {
      // Roles people switch into from the account: read-only, MFA often required.
      const t = r.pick(org.teams);
      const flavour = r.pick(['oncall', 'readonly', 'data-reader', 'support-access', 'incident-viewer']);
      const managed = flavour === 'readonly' || flavour === 'incident-viewer' ? [MANAGED.readOnly] : flavour === 'oncall' ? [MANAGED.viewOnly, MANAGED.cloudwatchRead] : flavour === 'support-access' ? [MANAGED.support, MANAGED.viewOnly] : [t.console, t.purposes.get('s3-read')!];
      const mfa = r.chance(0.35);
      add(`${t.name}-${flavour}`, '/human/', managed, undefined, (rr, created) => ({
        trust: trust.aws(`arn:aws:iam::${acct}:root`, mfa ? { Bool: { 'aws:MultiFactorAuthPresent': 'true' } } : undefined),
        managed,
        inline: [],
        tags: teamTags(rr, t.name),
        lastUsed: lastUsed(rr, created),
      }));
    } else if (kind === 'chain') {
      // ci-runner (EC2) → deploy-bootstrap → deploy-<env> (→ deploy-<env>-readonly): each trusts the one before.
      const t = r.pick(org.teams);
      const env = envOf(r);
      const length = Math.min(left, r.int(2, 4));
      const names: string[] = [];
      const bases = [`${t.name}-ci-runner`, `${t.name}-deploy-bootstrap-${env}`, `${t.name}-deploy-${env}`, `${t.name}-deploy-${env}-verify`];
      for (let k = 0; k < length; k++) names.push(b.roleName(bases[k]!));
      const paths = ['/ci/', '/ci/', '/ci/', '/ci/'];
      names.forEach((name, k) => {
        const path = paths[k]!;
        const last = k === length - 1;
        const managed = last ? [t.ciDeploy] : k === 0 ? [MANAGED.ssmCore, org.shared.ecr] : [org.shared.logs];
        const next = last ? undefined : `arn:aws:iam::${acct}:role${paths[k + 1]}${names[k + 1]}`;
        const prev = k === 0 ? undefined : `arn:aws:iam::${acct}:role${paths[k - 1]}${names[k - 1]}`;
        const profile = k === 0 ? b.profileName(name) : undefined;
        b.addLazyRole(
          name,
          managed,
          undefined,
          roleRecipe(org, name, path, (rr, created) => ({
            trust: prev ? trust.aws(prev) : trust.service('ec2.amazonaws.com'),
            managed,
            inline: next ? [{ PolicyName: 'assume-next-stage', PolicyDocument: doc(allow(['sts:AssumeRole', 'sts:TagSession'], next)) }] : [],
            tags: teamTags(rr, t.name, env),
            lastUsed: lastUsed(rr, created, env),
            instanceProfile: profile ? { name: profile, path, id: org.b.id('AIPA', rr), created: created + 1000 } : undefined,
          })),
        );
        left--;
      });
    } else {
      // Other accounts: vendors with an external id, or the shared-services CI account.
      if (r.chance(0.5)) {
        const v = r.pick(org.vendorAccounts);
        const managed = r.pick([[MANAGED.securityAudit], [MANAGED.readOnly], [MANAGED.s3Read], [MANAGED.cloudwatchRead, MANAGED.viewOnly]]);
        add(`${v.vendor}-integration-role`, '/vendors/', managed, undefined, (rr, created) => ({
          trust: trust.aws(`arn:aws:iam::${v.account}:root`, { StringEquals: { 'sts:ExternalId': v.externalId } }),
          managed,
          inline: [],
          tags: [{ Key: 'vendor', Value: v.vendor }],
          lastUsed: lastUsed(rr, created),
        }));
      } else {
        const t = r.pick(org.teams);
        const env = envOf(r);
        const managed = [t.ciDeploy];
        add(`${t.name}-shared-services-deploy-${env}`, '/ci/', managed, undefined, (rr, created) => ({
          trust: trust.aws(`arn:aws:iam::${org.sharedServicesAccount}:role/ci-runner`, rr.chance(0.5) ? { StringEquals: { 'aws:PrincipalOrgID': 'o-acme1234ab' } } : undefined),
          managed,
          inline: [],
          tags: teamTags(rr, t.name, env),
          lastUsed: lastUsed(rr, created, env),
        }));
      }
    }
  }
}

function userRecipe(org: Org, name: string, path: string, build: (r: Random, created: number) => Omit<UserSpec, 'name' | 'path' | 'id' | 'created'>): () => UserSpec {
  const seed = deriveSeed(org.seed, `user:${name}`);
  return () => {
    const r = new Random(seed);
    const id = org.b.id('AIDA', r);
    const created = org.b.created(r);
    return { name, path, id, created, ...build(r, created) };
  };
}

/** 0, 1 or 2 keys as service users hold them: mostly one, some with a second (often inactive). */
function serviceKeys(r: Random, created: number): AccessKeySpec[] {
  const n = r.weighted<number>([[1, 75], [2, 13], [0, 12]]);
  const keys: AccessKeySpec[] = [];
  for (let k = 0; k < n; k++) keys.push(accessKey(r, created, k === 0 || r.chance(0.25)));
  return keys;
}

interface UserArchetype {
  team: Team;
  managed: string[];
  boundary?: string;
  group: boolean;
}

function addBackgroundUsers(org: Org, budget: number, principals: number): void {
  const { b } = org;
  const r = b.rnd;
  const acct = org.account;
  const humans = Math.round(budget * 0.22);
  const adminHumans = Math.min(humans, Math.max(2, Math.round(humans / 100)));

  for (let i = 0; i < humans; i++) {
    const name = b.userName(`${r.pick(FIRST)}.${r.pick(LAST)}`);
    const team = r.pick(org.teams);
    const groups = [org.groups.mfa];
    if (i < adminHumans) {
      groups.push(org.groups.admins);
      org.conditionalAdmins.push(`arn:aws:iam::${acct}:user/${name}`);
    } else {
      groups.push(
        r.weighted([
          [org.groups.developers, 50],
          [org.groups.readOnly, 18],
          [org.groups.powerUsers, 7],
          [org.groups.analysts, 10],
          [org.groups.billing, 3],
          [org.groups.support, 5],
          [org.groups.security, 3],
        ]),
      );
      if (r.chance(0.65)) groups.push(team.group);
    }
    const legacyInline = r.chance(0.05);
    b.addLazyUser(
      name,
      [],
      undefined,
      userRecipe(org, name, '/', (rr, created) => {
        const password = rr.chance(0.95);
        const keys: AccessKeySpec[] = [];
        const nKeys = rr.weighted<number>([[0, 72], [1, 25], [2, 3]]);
        for (let k = 0; k < nKeys; k++) keys.push(accessKey(rr, created, k === 0 || rr.chance(0.5)));
        const tags: Tag[] = [];
        if (rr.chance(0.5)) tags.push({ Key: 'team', Value: team.name });
        if (rr.chance(0.3)) tags.push({ Key: 'department', Value: rr.pick(['engineering', 'data', 'finance', 'operations', 'security']) });
        if (rr.chance(0.2)) tags.push({ Key: 'email', Value: `${name}@acme.example` });
        return {
          groups,
          managed: [],
          inline: legacyInline ? [{ PolicyName: 'legacy-upload', PolicyDocument: doc(allow(['s3:PutObject', 's3:GetObject'], `arn:aws:s3:::acme-${team.name}-uploads/*`)) }] : [],
          tags,
          password,
          passwordLastUsed: password && rr.chance(0.9) ? Math.max(created, GENERATED_AT - rr.int(0, 200) * DAY - rr.int(0, 86_000) * 1000) : undefined,
          passwordChanged: password ? created + rr.int(0, 30) * DAY : undefined,
          mfa: password && rr.chance(0.85),
          keys,
        };
      }),
    );
  }

  const types: UserArchetype[] = [];
  const nTypes = Math.max(20, Math.min(150, Math.round(principals / 700)));
  for (let i = 0; i < nTypes; i++) {
    const team = r.pick(org.teams);
    const purposes = r.sample([...team.purposes.keys()], r.int(1, 3));
    const managed = purposes.map((p) => team.purposes.get(p)!);
    if (r.chance(0.2)) managed.push(r.pick([MANAGED.s3Read, MANAGED.sqsFull, MANAGED.sesFull, MANAGED.snsFull, MANAGED.cloudwatchAgent, MANAGED.s3Full]));
    types.push({ team, managed, boundary: r.chance(0.15) ? r.pick([org.shared.workloadBoundary, org.shared.developerBoundary]) : undefined, group: r.chance(0.4) });
  }
  const zipf = zipfTable(types.length, 1.0);

  for (let left = budget - humans; left > 0; left--) {
    const kind = r.weighted<'svc' | 'vendor' | 'ci' | 'sync'>([['svc', 77], ['vendor', 8], ['ci', 7], ['sync', 8]]);
    if (kind === 'svc') {
      const a = types[drawFrom(zipf, r.next())]!;
      const app = r.pick(a.team.apps);
      const env = envOf(r);
      const name = b.userName(`svc-${app}-${env}`);
      const inline = r.chance(0.2);
      b.addLazyUser(
        name,
        a.managed,
        a.boundary,
        userRecipe(org, name, '/service/', (rr, created) => ({
          groups: a.group ? [a.team.servicesGroup] : [],
          managed: a.managed,
          inline: inline ? [{ PolicyName: `${app}-${env}`, PolicyDocument: appInline(app, env, acct, rr.int(0, 59)) }] : [],
          boundary: a.boundary,
          tags: teamTags(rr, a.team.name, env),
          password: false,
          mfa: false,
          keys: serviceKeys(rr, created),
        })),
      );
    } else if (kind === 'vendor') {
      const vendor = r.pick(VENDORS);
      const team = r.pick(org.teams);
      const managed = r.pick([[MANAGED.s3Read], [team.purposes.get('s3-read')!], [MANAGED.cloudwatchRead], [MANAGED.sesFull], []]);
      const name = b.userName(`${vendor}-integration`);
      b.addLazyUser(
        name,
        managed,
        undefined,
        userRecipe(org, name, '/vendors/', (rr, created) => ({
          groups: [],
          managed,
          inline:
            managed.length === 0 || rr.chance(0.4)
              ? [{ PolicyName: `${vendor}-access`, PolicyDocument: doc(allow(['s3:GetObject', 's3:ListBucket', 's3:PutObject'], [`arn:aws:s3:::acme-${vendor}-exchange`, `arn:aws:s3:::acme-${vendor}-exchange/*`], rr.chance(0.5) ? ipCondition() : undefined)) }]
              : [],
          tags: [{ Key: 'vendor', Value: vendor }, ...(rr.chance(0.5) ? [{ Key: 'owner', Value: `${team.name}@acme.example` }] : [])],
          password: false,
          mfa: false,
          keys: serviceKeys(rr, created),
        })),
      );
    } else if (kind === 'ci') {
      const team = r.pick(org.teams);
      const managed = [team.ciDeploy, org.shared.ecr];
      const name = b.userName(r.chance(0.5) ? `ci-${team.name}` : `jenkins-${team.name}-deployer`);
      b.addLazyUser(
        name,
        managed,
        undefined,
        userRecipe(org, name, '/ci/', (rr, created) => ({
          groups: rr.chance(0.5) ? [team.servicesGroup] : [],
          managed,
          inline: [],
          tags: teamTags(rr, team.name),
          password: false,
          mfa: false,
          keys: serviceKeys(rr, created),
        })),
      );
    } else {
      const team = r.pick(org.teams);
      const app = r.pick(team.apps);
      const name = b.userName(`legacy-${app}-sync`);
      b.addLazyUser(
        name,
        [],
        undefined,
        userRecipe(org, name, '/', (rr, created) => ({
          groups: [],
          managed: [],
          inline: [{ PolicyName: 'onprem-upload', PolicyDocument: purposeDocument('onprem-upload', team.name, acct) }],
          tags: rr.chance(0.3) ? [{ Key: 'owner', Value: `${team.name}@acme.example` }] : [],
          password: rr.chance(0.05),
          mfa: false,
          keys: serviceKeys(rr, created),
        })),
      );
    }
  }
}

function ipCondition(): Condition {
  return { IpAddress: { 'aws:SourceIp': ['192.0.2.0/24', '203.0.113.17/32'] } };
}
