/**
 * What is planted in a generated account, and the answers: escalation paths (a principal that is
 * not admin reaching admin in one to four hops, by techniques the engine models) and look-alike
 * decoys that must not be reported (the same actions defeated by an explicit Deny, a permission
 * boundary, a resource or tag condition that does not match, a trust that does not admit them, a
 * key limit, a missing instance profile). Each decoy's negative answer follows from AWS's
 * documented evaluation logic without any condition left undecided.
 */
import { MANAGED, allow, deny, doc, trust, type Statement } from './documents';
import type { RoleSpec, UserSpec } from './model';
import { ENVS, roleArn, specialRole, specialUser, userArn, type Org, type Team } from './organization';

export interface PlantedPath {
  id: string;
  kind: string;
  /** The principal that can become admin. */
  start: string;
  /** One technique id per hop, in order (the last is `blastmap-admin` when the path ends at an admin principal). */
  techniques: string[];
  /** Technique ids accepted for the first hop (several detectors can find the same step). */
  firstStep: string[];
  /** The admin principal reached, or `admin:aws:<account>` for self-escalation. */
  target: string;
  /** Hops from the start to the account's admin node (a step from an identity set to its member is not a hop). */
  hops: number;
  /** Principals on the way (they can become admin too). */
  via: string[];
  description: string;
}

export interface Decoy {
  id: string;
  kind: string;
  principal: string;
  /** What it looks like. */
  looksLike: string;
  /** Why it must not be reported. */
  why: string;
}

export interface Scenarios {
  planted: PlantedPath[];
  decoys: Decoy[];
  /** Every principal expected to be reported as able to become admin (starts and those on the way). */
  escalators: string[];
}

export const PLANT_KINDS = [
  'iam-001',
  'iam-008',
  'iam-005',
  'iam-002',
  'iam-012',
  'lambda-001',
  'lambda-001-managed',
  'ec2-001',
  'sts-chain',
  'sts-root-principal-arn',
  'iam-013',
  'iam-010',
  'iam-007',
  'sts-then-iam-009',
  'ecs-managed',
  'set-default-version',
  'glue-001',
] as const;

export const DECOY_KINDS = [
  'explicit-deny',
  'boundary',
  'resource-path',
  'tag-condition',
  'trust-not-admitting',
  'notaction-power-user',
  'passrole-non-admin',
  'passed-to-service',
  'capped-admin',
  'self-credentials',
  'policy-not-own',
  'group-deny',
  'group-not-member',
  'group-non-admin',
  'two-keys',
  'no-instance-profile',
] as const;

const inline = (PolicyName: string, ...statements: Statement[]) => ({ PolicyName, PolicyDocument: doc(...statements) });

/** Admin principals the planted paths end at: created on first use, then partly reused. */
class Targets {
  private readonly pools = new Map<string, { arn: string; uses: number }[]>();
  constructor(private readonly org: Org) {}

  private pooled(kind: string, create: (k: number) => string): string {
    let pool = this.pools.get(kind);
    if (!pool) this.pools.set(kind, (pool = []));
    const total = pool.reduce((n, x) => n + x.uses, 0);
    let t = pool.length && pool.length > total / 4 ? this.org.b.rnd.pick(pool) : undefined;
    if (!t) pool.push((t = { arn: create(pool.length), uses: 0 }));
    t.uses++;
    return t.arn;
  }

  private adminRole(name: string, path: string, t: RoleSpec['trust'], profile = false): string {
    const org = this.org;
    // Half by the AWS managed policy, half by an inline `*` statement.
    const byInline = org.b.rnd.chance(0.4);
    const role = specialRole(org, {
      name,
      path,
      trust: t,
      managed: byInline ? [] : [MANAGED.admin],
      inline: byInline ? [inline('full-access', allow('*', '*'))] : [],
      lastUsed: org.b.rnd.chance(0.7),
      instanceProfile: profile,
      tags: [{ Key: 'owner', Value: 'platform@acme.example' }],
    });
    const arn = roleArn(org, role);
    org.admins.push(arn);
    return arn;
  }

  private adminUser(name: string, keys: number): string {
    const org = this.org;
    const u = specialUser(org, { name, path: '/service/', managed: [MANAGED.admin], keys, tags: [{ Key: 'owner', Value: 'platform@acme.example' }, { Key: 'managed-by', Value: 'terraform' }] });
    const arn = userArn(org, u);
    org.admins.push(arn);
    return arn;
  }

  keyUser = () => this.pooled('user', (k) => this.adminUser(k ? `terraform-admin-${k + 1}` : 'terraform-admin', 1));
  twoKeyUser = () => this.pooled('user2', (k) => this.adminUser(k ? `ci-admin-legacy-${k + 1}` : 'ci-admin-legacy', 2));
  lambda = () => this.pooled('lambda', (k) => this.adminRole(['ops-automation-lambda', 'account-cleanup-function', 'legacy-bootstrap-fn'][k % 3]!, '/ops/', trust.service('lambda.amazonaws.com')));
  ec2 = () => this.pooled('ec2', (k) => this.adminRole(['jenkins-controller', 'bastion-admin', 'build-server'][k % 3]!, '/ops/', trust.service('ec2.amazonaws.com'), true));
  ec2NoProfile = () => this.pooled('ec2-np', () => this.adminRole('image-builder-admin', '/ops/', trust.service('ec2.amazonaws.com')));
  ecs = () => this.pooled('ecs', (k) => this.adminRole(['platform-migration-task', 'db-maintenance-task'][k % 2]!, '/ops/', trust.service('ecs-tasks.amazonaws.com')));
  glue = () => this.pooled('glue', () => this.adminRole('AWSGlueServiceRole-etl-admin', '/service-role/', trust.service('glue.amazonaws.com')));
  saml = () => this.pooled('saml', () => this.adminRole('platform-admin', '/', trust.saml(this.org.providers.okta)));
}

export function plantScenarios(org: Org, plants: number, decoys: number): Scenarios {
  const { b } = org;
  const r = b.rnd;
  const acct = org.account;
  const ADMIN = `admin:aws:${acct}`;
  const targets = new Targets(org);
  const out: Scenarios = { planted: [], decoys: [], escalators: [] };
  const seen = new Map<string, number>();
  const occurrence = (kind: string) => {
    const n = seen.get(kind) ?? 0;
    seen.set(kind, n + 1);
    return n;
  };
  const pickApp = (): { team: Team; app: string } => {
    const team = r.pick(org.teams);
    return { team, app: r.pick(team.apps) };
  };
  const svcTags = (team: Team): UserSpec['tags'] => [{ Key: 'team', Value: team.name }, ...(r.chance(0.6) ? [{ Key: 'owner', Value: `${team.name}@acme.example` }] : [])];
  /** A plain service user (one access key) with a benign data policy besides what is planted. */
  const user = (base: string, team: Team, o: Partial<Parameters<typeof specialUser>[1]> = {}) => {
    const name = o.reserved ? base : b.userName(base);
    const u = specialUser(org, { name, reserved: true, path: '/service/', keys: 1, tags: svcTags(team), ...o, managed: [team.purposes.get('s3-read')!, ...(o.managed ?? [])] });
    return { spec: u, arn: userArn(org, u) };
  };
  const arnOfUser = (path: string, name: string) => `arn:aws:iam::${acct}:user${path}${name}`;
  const arnOfRole = (path: string, name: string) => `arn:aws:iam::${acct}:role${path}${name}`;
  const plant = (p: Omit<PlantedPath, 'id'>) => {
    const id = `P${String(out.planted.length + 1).padStart(3, '0')}-${p.kind}`;
    out.planted.push({ id, ...p });
    out.escalators.push(p.start, ...p.via);
  };
  const decoy = (d: Omit<Decoy, 'id'>) => out.decoys.push({ id: `D${String(out.decoys.length + 1).padStart(3, '0')}-${d.kind}`, ...d });
  /** A workload role (start of a path) trusting a service nobody can pass it to but the planted ones. */
  const workloadRole = (base: string, team: Team, path: string, inlines: ReturnType<typeof inline>[]) => {
    const name = b.roleName(base);
    const role = specialRole(org, { name, reserved: true, path, trust: trust.service('ecs-tasks.amazonaws.com'), managed: [team.purposes.get('s3-read')!], inline: inlines, lastUsed: true, tags: svcTags(team) });
    return roleArn(org, role);
  };

  for (let i = 0; i < plants; i++) {
    const kind = PLANT_KINDS[i % PLANT_KINDS.length]!;
    // Variants (a role start instead of a user, chain length...) turn with the occurrence and the seed.
    const n = occurrence(kind) + (org.seed % 6);
    const { team, app } = pickApp();
    switch (kind) {
      case 'iam-001': {
        const polName = `${app}-policy-updater`;
        const polArn = b.arn('policy', '/service/', polName);
        b.policy(polName, doc(allow(['iam:CreatePolicyVersion', 'iam:DeletePolicyVersion', 'iam:GetPolicy', 'iam:GetPolicyVersion', 'iam:ListPolicyVersions'], polArn, undefined, 'KeepOwnPolicyCurrent'), allow(['ssm:GetParameter'], `arn:aws:ssm:*:${acct}:parameter/${team.name}/*`)), { path: '/service/' });
        const s = user(`svc-${app}-policy-updater`, team, { managed: [polArn] });
        plant({ kind, start: s.arn, techniques: ['iam-001'], firstStep: ['iam-001'], target: ADMIN, hops: 1, via: [], description: 'a new default version of its own customer-managed policy' });
        break;
      }
      case 'iam-008': {
        const s = user(`${app}-bootstrap`, team, { path: '/', inline: [inline('self-manage-policies', allow(['iam:AttachUserPolicy', 'iam:DetachUserPolicy', 'iam:ListAttachedUserPolicies'], `arn:aws:iam::${acct}:user/\${aws:username}`))] });
        plant({ kind, start: s.arn, techniques: ['iam-008'], firstStep: ['iam-008'], target: ADMIN, hops: 1, via: [], description: 'attaches any managed policy (AdministratorAccess) to itself' });
        break;
      }
      case 'iam-005': {
        const name = b.roleName(`${app}-remediation`);
        const role = specialRole(org, {
          name,
          reserved: true,
          path: '/automation/',
          trust: trust.service('lambda.amazonaws.com'),
          managed: [MANAGED.lambdaBasic],
          inline: [inline('remediation', allow(['iam:PutRolePolicy', 'iam:GetRolePolicy', 'iam:DeleteRolePolicy'], `arn:aws:iam::${acct}:role/automation/*`), allow(['ec2:DescribeSecurityGroups', 'ec2:RevokeSecurityGroupIngress'], '*'))],
          lastUsed: true,
          tags: svcTags(team),
        });
        plant({ kind, start: roleArn(org, role), techniques: ['iam-005'], firstStep: ['iam-005'], target: ADMIN, hops: 1, via: [], description: 'writes an inline policy into its own role (Resource role/automation/*)' });
        break;
      }
      case 'iam-002': {
        const target = targets.keyUser();
        const broad = n % 2 === 1;
        const s = user(`svc-${app}-key-rotator`, team, {
          inline: [inline('rotate-keys', allow(['iam:CreateAccessKey', 'iam:ListAccessKeys', 'iam:UpdateAccessKey', ...(broad ? ['iam:DeleteAccessKey'] : [])], broad ? `arn:aws:iam::${acct}:user/service/*` : target))],
        });
        plant({ kind, start: s.arn, techniques: ['iam-002', 'blastmap-admin'], firstStep: broad ? ['iam-002', 'iam-003'] : ['iam-002'], target, hops: 2, via: [], description: broad ? 'creates access keys for every user under /service/, an admin among them' : 'creates an access key for an admin user' });
        break;
      }
      case 'iam-012': {
        const target = targets.saml();
        const s = user(`svc-${app}-trust-manager`, team, { inline: [inline('manage-trust', allow(['iam:UpdateAssumeRolePolicy', 'iam:GetRole'], target))] });
        plant({ kind, start: s.arn, techniques: ['iam-012', 'blastmap-admin'], firstStep: ['iam-012'], target, hops: 2, via: [], description: 'rewrites the trust policy of an admin role to trust itself' });
        break;
      }
      case 'lambda-001': {
        const target = targets.lambda();
        const statements = [
          allow('iam:PassRole', `arn:aws:iam::${acct}:role/ops/*`, { StringEquals: { 'iam:PassedToService': 'lambda.amazonaws.com' } }, 'PassOpsRoles'),
          allow(['lambda:CreateFunction', 'lambda:InvokeFunction', 'lambda:GetFunction', 'lambda:DeleteFunction'], '*', undefined, 'ManageFunctions'),
        ];
        const start = n % 2 === 1 ? workloadRole(`${app}-${ENVS[n % 3]}-function-deployer`, team, '/deploy/', [inline('deploy-functions', ...statements)]) : user(`svc-${app}-function-deployer`, team, { inline: [inline('deploy-functions', ...statements)] }).arn;
        plant({ kind, start, techniques: ['lambda-001', 'blastmap-admin'], firstStep: ['lambda-001'], target, hops: 2, via: [], description: 'passes an ops role (an admin) to a new function and invokes it' });
        break;
      }
      case 'lambda-001-managed': {
        const target = targets.lambda();
        const s = user(`${app}-serverless-dev`, team, { path: '/', managed: [MANAGED.lambdaFull] });
        plant({ kind, start: s.arn, techniques: ['lambda-001', 'blastmap-admin'], firstStep: ['lambda-001', 'lambda-002', 'lambda-006'], target, hops: 2, via: [], description: 'AWSLambda_FullAccess passes any role trusting Lambda, an admin among them' });
        break;
      }
      case 'ec2-001': {
        const target = targets.ec2();
        const statements = [
          allow('iam:PassRole', target, { StringEquals: { 'iam:PassedToService': 'ec2.amazonaws.com' } }, 'PassBuildRole'),
          allow(['ec2:RunInstances', 'ec2:Describe*', 'ec2:CreateTags', 'ec2:TerminateInstances'], '*', undefined, 'LaunchBuilders'),
        ];
        const start = n % 2 === 1 ? workloadRole(`${app}-${ENVS[n % 3]}-ami-builder`, team, '/deploy/', [inline('launch', ...statements)]) : user(`svc-${app}-ami-builder`, team, { inline: [inline('launch', ...statements)] }).arn;
        plant({ kind, start, techniques: ['ec2-001', 'blastmap-admin'], firstStep: ['ec2-001'], target, hops: 2, via: [], description: 'launches an instance with the instance profile of an admin role' });
        break;
      }
      case 'sts-chain': {
        const between = n % 3;
        const startName = b.userName(`svc-${app}-release`);
        const startArn = arnOfUser('/service/', startName);
        const chain: string[] = [];
        for (let k = 0; k < between; k++) chain.push(b.roleName(`${app}-release-stage-${k + 1}`));
        const adminName = b.roleName(`${app}-release-admin`);
        const chainArns = chain.map((c) => arnOfRole('/deploy/', c));
        const adminArn = arnOfRole('/deploy/', adminName);
        const hopsTo = [...chainArns, adminArn];
        specialUser(org, { name: startName, reserved: true, path: '/service/', keys: 1, tags: svcTags(team), managed: [team.purposes.get('s3-read')!], inline: [inline('assume-release', allow(['sts:AssumeRole', 'sts:TagSession'], hopsTo[0]!))] });
        chain.forEach((c, k) =>
          specialRole(org, {
            name: c,
            reserved: true,
            path: '/deploy/',
            trust: trust.aws(k === 0 ? startArn : chainArns[k - 1]!),
            managed: [org.shared.logs],
            inline: [inline('next-stage', allow('sts:AssumeRole', hopsTo[k + 1]!))],
            lastUsed: true,
            tags: svcTags(team),
          }),
        );
        const admin = specialRole(org, { name: adminName, reserved: true, path: '/deploy/', trust: trust.aws(chain.length ? chainArns[chain.length - 1]! : startArn), managed: [MANAGED.admin], lastUsed: true, tags: svcTags(team) });
        org.admins.push(roleArn(org, admin));
        plant({ kind, start: startArn, techniques: [...hopsTo.map(() => 'sts-001'), 'blastmap-admin'], firstStep: ['sts-001'], target: adminArn, hops: between + 2, via: chainArns, description: `a chain of ${between + 1} role assumption(s) ending at an admin role` });
        break;
      }
      case 'sts-root-principal-arn': {
        const startName = b.userName(`svc-${app}-oncall-bot`);
        const startArn = arnOfUser('/service/', startName);
        const adminName = b.roleName(`${app}-incident-admin`);
        const adminArn = arnOfRole('/', adminName);
        specialUser(org, { name: startName, reserved: true, path: '/service/', keys: 1, tags: svcTags(team), managed: [team.purposes.get('s3-read')!], inline: [inline('incident-access', allow('sts:AssumeRole', adminArn))] });
        specialRole(org, { name: adminName, reserved: true, trust: trust.aws(`arn:aws:iam::${acct}:root`, { ArnEquals: { 'aws:PrincipalArn': [startArn] } }), managed: [MANAGED.admin], lastUsed: true });
        org.admins.push(adminArn);
        plant({ kind, start: startArn, techniques: ['sts-001', 'blastmap-admin'], firstStep: ['sts-001'], target: adminArn, hops: 2, via: [], description: 'assumes an admin role trusting the account root, limited to it by aws:PrincipalArn' });
        break;
      }
      case 'iam-013': {
        const s = user(`svc-${app}-onboarding`, team, { inline: [inline('group-membership', allow(['iam:AddUserToGroup', 'iam:RemoveUserFromGroup', 'iam:GetGroup', 'iam:ListGroups'], `arn:aws:iam::${acct}:group/*`))] });
        plant({ kind, start: s.arn, techniques: ['iam-013', 'blastmap-admin'], firstStep: ['iam-013'], target: `arn:aws:iam::${acct}:group/${org.groups.admins}`, hops: 2, via: [], description: 'adds itself to the Admins group (AddUserToGroup on group/*)' });
        break;
      }
      case 'iam-010': {
        const groupName = b.groupName(`${app}-automation`);
        const groupArn = `arn:aws:iam::${acct}:group/service/${groupName}`;
        b.addGroup({ name: groupName, path: '/service/', id: b.id('AGPA'), created: b.created(), managed: [], inline: [inline('manage-own-group', allow(['iam:AttachGroupPolicy', 'iam:DetachGroupPolicy', 'iam:ListAttachedGroupPolicies'], groupArn))] });
        const s = user(`svc-${app}-automation`, team, { groups: [groupName] });
        plant({ kind, start: s.arn, techniques: ['iam-010'], firstStep: ['iam-010'], target: ADMIN, hops: 1, via: [], description: 'attaches AdministratorAccess to its own group' });
        break;
      }
      case 'iam-007': {
        const name = b.userName(`svc-${app}-self-config`);
        const arn = arnOfUser('/service/', name);
        user(name, team, { reserved: true, inline: [inline('own-inline-policies', allow(['iam:PutUserPolicy', 'iam:GetUserPolicy', 'iam:DeleteUserPolicy', 'iam:ListUserPolicies'], arn))] });
        plant({ kind, start: arn, techniques: ['iam-007'], firstStep: ['iam-007'], target: ADMIN, hops: 1, via: [], description: 'writes an inline policy into its own user' });
        break;
      }
      case 'sts-then-iam-009': {
        const startName = b.userName(`svc-${app}-ops`);
        const startArn = arnOfUser('/service/', startName);
        const roleName = b.roleName(`${app}-ops-automation`);
        const rArn = arnOfRole('/automation/', roleName);
        specialUser(org, { name: startName, reserved: true, path: '/service/', keys: 1, tags: svcTags(team), managed: [team.purposes.get('s3-read')!], inline: [inline('ops', allow('sts:AssumeRole', rArn))] });
        specialRole(org, { name: roleName, reserved: true, path: '/automation/', trust: trust.aws(startArn), managed: [org.shared.logs], inline: [inline('manage-own-policies', allow(['iam:AttachRolePolicy', 'iam:DetachRolePolicy', 'iam:ListAttachedRolePolicies'], rArn))], lastUsed: true, tags: svcTags(team) });
        plant({ kind, start: startArn, techniques: ['sts-001', 'iam-009'], firstStep: ['sts-001'], target: ADMIN, hops: 2, via: [rArn], description: 'assumes a role that can attach any policy to itself' });
        break;
      }
      case 'ecs-managed': {
        const target = targets.ecs();
        const s = user(`svc-${app}-container-deployer`, team, { managed: [MANAGED.ecsFull] });
        plant({ kind, start: s.arn, techniques: ['ecs-001', 'blastmap-admin'], firstStep: ['ecs-001', 'ecs-002'], target, hops: 2, via: [], description: 'AmazonECS_FullAccess passes any role trusting ECS tasks to a new service or task' });
        break;
      }
      case 'set-default-version': {
        const polName = `${app}-reporting-access`;
        const polArn = b.arn('policy', '/service/', polName);
        b.policy(
          polName,
          doc(allow(['athena:StartQueryExecution', 'athena:GetQueryResults', 's3:GetObject'], '*', undefined, 'Reporting'), allow(['iam:SetDefaultPolicyVersion', 'iam:ListPolicyVersions', 'iam:GetPolicyVersion'], polArn, undefined, 'RollbackOwnPolicy')),
          { path: '/service/', older: [doc(allow('*', '*', undefined, 'TemporaryFullAccessDuringMigration'))] },
        );
        const s = user(`svc-${app}-reporting`, team, { managed: [polArn] });
        plant({ kind, start: s.arn, techniques: ['blastmap-set-default-policy-version'], firstStep: ['blastmap-set-default-policy-version'], target: ADMIN, hops: 1, via: [], description: 'makes an older, full-access version of its own policy the default again' });
        break;
      }
      case 'glue-001': {
        const target = targets.glue();
        const statements = [allow('iam:PassRole', target, undefined, 'PassEtlRole'), allow(['glue:CreateDevEndpoint', 'glue:GetDevEndpoint', 'glue:GetDevEndpoints', 'glue:DeleteDevEndpoint'], '*', undefined, 'DevEndpoints')];
        const s = user(`svc-${app}-etl-dev`, team, { inline: [inline('etl-dev', ...statements)] });
        plant({ kind, start: s.arn, techniques: ['glue-001', 'blastmap-admin'], firstStep: ['glue-001'], target, hops: 2, via: [], description: 'passes an admin Glue role to a new dev endpoint' });
        break;
      }
    }
  }

  let contractors: string | undefined;
  for (let i = 0; i < decoys; i++) {
    const kind = DECOY_KINDS[i % DECOY_KINDS.length]!;
    const { team, app } = pickApp();
    switch (kind) {
      case 'explicit-deny': {
        const s = user(`${app}-iam-helper`, team, { path: '/', managed: [org.shared.denyIamWrites], inline: [inline('self-manage-policies', allow(['iam:AttachUserPolicy', 'iam:DetachUserPolicy'], `arn:aws:iam::${acct}:user/\${aws:username}`))] });
        decoy({ kind, principal: s.arn, looksLike: 'iam-008 (AttachUserPolicy on itself)', why: 'deny-iam-writes denies iam:Attach* explicitly' });
        break;
      }
      case 'boundary': {
        const polName = `${app}-policy-editor`;
        const polArn = b.arn('policy', '/service/', polName);
        b.policy(polName, doc(allow(['iam:CreatePolicyVersion', 'iam:DeletePolicyVersion', 'iam:ListPolicyVersions'], polArn), allow(['s3:GetObject'], `arn:aws:s3:::acme-${team.name}-*/*`)), { path: '/service/' });
        const s = user(`svc-${app}-policy-editor`, team, { managed: [polArn], boundary: org.shared.workloadBoundary });
        decoy({ kind, principal: s.arn, looksLike: 'iam-001 (CreatePolicyVersion on its own policy)', why: 'its permission boundary WorkloadBoundary allows no IAM action' });
        break;
      }
      case 'resource-path': {
        const s = user(`svc-${app}-sandbox-admin`, team, { inline: [inline('sandbox-roles', allow(['iam:UpdateAssumeRolePolicy', 'iam:PutRolePolicy', 'iam:AttachRolePolicy', 'iam:CreateRole'], `arn:aws:iam::${acct}:role/sandbox/*`))] });
        decoy({ kind, principal: s.arn, looksLike: 'iam-012 / iam-019 / iam-021 (rewrite a role\'s trust and policies)', why: 'limited to role/sandbox/*: no role has that path, and a new role cannot be given permissions beyond its creator\'s' });
        break;
      }
      case 'tag-condition': {
        const target = targets.lambda();
        const other = org.teams.find((t) => t.name !== 'platform' && t !== team) ?? team;
        const tags = [{ Key: 'team', Value: other.name === 'platform' ? 'analytics' : other.name }];
        const s = user(`svc-${app}-lambda-ops`, team, {
          tags,
          inline: [inline('lambda-ops', allow('iam:PassRole', target, { StringEquals: { 'aws:PrincipalTag/team': 'platform' } }, 'OnlyPlatformPassesOpsRoles'), allow(['lambda:CreateFunction', 'lambda:InvokeFunction', 'lambda:GetFunction'], '*'))],
        });
        decoy({ kind, principal: s.arn, looksLike: 'lambda-001 (PassRole of an admin role + CreateFunction + InvokeFunction)', why: `iam:PassRole needs aws:PrincipalTag/team = platform; the user is tagged team=${tags[0]!.Value}` });
        break;
      }
      case 'trust-not-admitting': {
        targets.saml();
        const s = user(`svc-${app}-platform-tools`, team, { inline: [inline('assume-platform', allow('sts:AssumeRole', [`arn:aws:iam::${acct}:role/platform-admin`, `arn:aws:iam::${acct}:role/deploy/*`, `arn:aws:iam::${acct}:role/ops/*`]))] });
        decoy({ kind, principal: s.arn, looksLike: 'sts-001 (AssumeRole on admin roles)', why: 'the admin roles\' trust policies admit only SAML, a service or one named principal, not this user' });
        break;
      }
      case 'notaction-power-user': {
        const s = user(`svc-${app}-legacy-poweruser`, team, { inline: [inline('power-user', { Effect: 'Allow', NotAction: ['iam:*', 'organizations:*', 'account:*'], Resource: '*' })] });
        decoy({ kind, principal: s.arn, looksLike: 'admin (NotAction on *)', why: 'NotAction excludes iam:*: no IAM changes, no iam:PassRole' });
        break;
      }
      case 'passrole-non-admin': {
        const s = user(`svc-${app}-function-publisher`, team, { inline: [inline('publish', allow('iam:PassRole', `arn:aws:iam::${acct}:role/app/${team.name}/*`), allow(['lambda:CreateFunction', 'lambda:InvokeFunction', 'lambda:UpdateFunctionCode'], '*'))] });
        decoy({ kind, principal: s.arn, looksLike: 'lambda-001 (PassRole + CreateFunction + InvokeFunction)', why: `it can pass only roles under /app/${team.name}/, none of which is admin or can escalate` });
        break;
      }
      case 'passed-to-service': {
        const s = user(`svc-${app}-batch-launcher`, team, { inline: [inline('launch', allow('iam:PassRole', '*', { StringEquals: { 'iam:PassedToService': 'ec2.amazonaws.com' } }), allow(['lambda:CreateFunction', 'lambda:InvokeFunction'], '*'), allow('ec2:Describe*', '*'))] });
        decoy({ kind, principal: s.arn, looksLike: 'lambda-001 (PassRole * + CreateFunction + InvokeFunction)', why: 'iam:PassRole only to ec2.amazonaws.com, and it cannot run instances' });
        break;
      }
      case 'capped-admin': {
        const name = b.roleName(`${app}-legacy-admin`);
        const role = specialRole(org, { name, reserved: true, path: '/legacy/', trust: trust.service('ecs-tasks.amazonaws.com'), managed: [MANAGED.admin], boundary: org.shared.workloadBoundary, lastUsed: true, tags: svcTags(team) });
        decoy({ kind, principal: roleArn(org, role), looksLike: 'admin (AdministratorAccess attached)', why: 'its permission boundary WorkloadBoundary allows no IAM, STS or Organizations action' });
        break;
      }
      case 'self-credentials': {
        const self = `arn:aws:iam::${acct}:user/\${aws:username}`;
        const s = user(`${app}-key-selfservice`, team, { path: '/', inline: [inline('own-credentials', allow(['iam:CreateAccessKey', 'iam:DeleteAccessKey', 'iam:UpdateAccessKey', 'iam:ListAccessKeys', 'iam:CreateLoginProfile', 'iam:UpdateLoginProfile'], self))] });
        decoy({ kind, principal: s.arn, looksLike: 'iam-002 / iam-004 / iam-006 (credentials of users)', why: 'Resource user/${aws:username}: only its own credentials' });
        break;
      }
      case 'policy-not-own': {
        const polName = `${app}-instance-extras`;
        const polArn = b.arn('policy', '/service/', polName);
        b.policy(polName, doc(allow(['s3:GetObject'], `arn:aws:s3:::acme-${team.name}-*/*`)), { path: '/service/' });
        specialRole(org, { name: `${app}-worker-instance`, path: '/workers/', trust: trust.service('ec2.amazonaws.com'), managed: [polArn, MANAGED.ssmCore], instanceProfile: true, lastUsed: true });
        const s = user(`svc-${app}-policy-auditor`, team, { inline: [inline('fix-policies', allow(['iam:CreatePolicyVersion', 'iam:GetPolicyVersion'], polArn))] });
        decoy({ kind, principal: s.arn, looksLike: 'iam-001 / iam-016 (CreatePolicyVersion)', why: 'the policy is attached only to an EC2 role it cannot act as' });
        break;
      }
      case 'group-deny': {
        if (!contractors) contractors = b.group('Contractors', [MANAGED.viewOnly], [inline('no-role-passing', deny(['iam:PassRole', 'iam:CreateAccessKey'], '*'))]).name;
        const target = targets.ec2();
        const s = user(`svc-${app}-image-launcher`, team, { groups: [contractors], inline: [inline('launch', allow('iam:PassRole', target), allow(['ec2:RunInstances', 'ec2:Describe*'], '*'))] });
        decoy({ kind, principal: s.arn, looksLike: 'ec2-001 (PassRole of an admin role + RunInstances)', why: 'its group Contractors denies iam:PassRole' });
        break;
      }
      case 'group-not-member': {
        const s = user(`svc-${app}-group-admin`, team, { inline: [inline('group-policies', allow(['iam:AttachGroupPolicy', 'iam:PutGroupPolicy'], `arn:aws:iam::${acct}:group/${org.groups.developers}`))] });
        decoy({ kind, principal: s.arn, looksLike: 'iam-010 / iam-011 (policies of a group)', why: 'it is not a member of Developers and cannot join it' });
        break;
      }
      case 'group-non-admin': {
        const s = user(`svc-${app}-access-requests`, team, { inline: [inline('grant-read', allow('iam:AddUserToGroup', [`arn:aws:iam::${acct}:group/${org.groups.readOnly}`, `arn:aws:iam::${acct}:group/${org.groups.billing}`]))] });
        decoy({ kind, principal: s.arn, looksLike: 'iam-013 (AddUserToGroup)', why: 'only ReadOnly and Billing, which grant no escalation' });
        break;
      }
      case 'two-keys': {
        const target = targets.twoKeyUser();
        const s = user(`svc-${app}-key-janitor`, team, { inline: [inline('keys', allow(['iam:CreateAccessKey', 'iam:ListAccessKeys'], target))] });
        decoy({ kind, principal: s.arn, looksLike: 'iam-002 (CreateAccessKey for an admin user)', why: 'the admin user already has two access keys and it cannot delete one' });
        break;
      }
      case 'no-instance-profile': {
        const target = targets.ec2NoProfile();
        const s = user(`svc-${app}-ec2-launcher`, team, { inline: [inline('launch', allow('iam:PassRole', target), allow(['ec2:RunInstances', 'ec2:Describe*'], '*'))] });
        decoy({ kind, principal: s.arn, looksLike: 'ec2-001 (PassRole of an admin role + RunInstances)', why: 'no instance profile holds the role and it cannot create one' });
        break;
      }
    }
  }
  return out;
}
