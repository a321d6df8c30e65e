/**
 * Policy documents of a generated account, as real estates write them: team-scoped data access
 * with conditions (s3:prefix, kms:ViaService, aws:RequestedRegion, aws:SourceIp, ABAC on
 * aws:PrincipalTag), AWS's documented "force MFA" self-service policy, a NotAction power-user
 * policy with an MFA deny, permission boundaries, region guardrails. None of these grants a way
 * to escalate: escalation is planted on purpose (scenarios.ts) so that the expected answers are
 * known.
 */

export type Condition = Record<string, Record<string, string | string[]>>;

export interface Statement {
  Sid?: string;
  Effect: 'Allow' | 'Deny';
  Principal?: Record<string, string | string[]> | '*';
  Action?: string | string[];
  NotAction?: string | string[];
  Resource?: string | string[];
  NotResource?: string | string[];
  Condition?: Condition;
}

export interface PolicyDocument {
  Version: '2012-10-17';
  Statement: Statement[];
}

export const doc = (...Statement: Statement[]): PolicyDocument => ({ Version: '2012-10-17', Statement });

function statement(effect: 'Allow' | 'Deny', action: string | string[], resource: string | string[], condition?: Condition, sid?: string): Statement {
  const st: Statement = sid ? { Sid: sid, Effect: effect } : { Effect: effect };
  st.Action = action;
  st.Resource = resource;
  if (condition) st.Condition = condition;
  return st;
}

export const allow = (action: string | string[], resource: string | string[] = '*', condition?: Condition, sid?: string): Statement => statement('Allow', action, resource, condition, sid);
export const deny = (action: string | string[], resource: string | string[] = '*', condition?: Condition, sid?: string): Statement => statement('Deny', action, resource, condition, sid);

/** Regions the company works in (region guardrails, ARNs, last-used regions). */
export const REGIONS = ['eu-west-1', 'us-east-1', 'eu-central-1', 'us-west-2'] as const;

export const AWS_MANAGED = (name: string) => `arn:aws:iam::aws:policy/${name}`;

/**
 * AWS managed policies the generator attaches by ARN (the product bundles their documents). Every
 * one is checked to be bundled and to grant no escalation by itself (except where a scenario
 * plants it on purpose: AWSLambda_FullAccess, AmazonECS_FullAccess).
 */
export const MANAGED = {
  admin: AWS_MANAGED('AdministratorAccess'),
  powerUser: AWS_MANAGED('PowerUserAccess'),
  readOnly: AWS_MANAGED('ReadOnlyAccess'),
  viewOnly: AWS_MANAGED('job-function/ViewOnlyAccess'),
  securityAudit: AWS_MANAGED('SecurityAudit'),
  billing: AWS_MANAGED('job-function/Billing'),
  billingRead: AWS_MANAGED('AWSBillingReadOnlyAccess'),
  support: AWS_MANAGED('AWSSupportAccess'),
  changePassword: AWS_MANAGED('IAMUserChangePassword'),
  s3Read: AWS_MANAGED('AmazonS3ReadOnlyAccess'),
  s3Full: AWS_MANAGED('AmazonS3FullAccess'),
  dynamoRead: AWS_MANAGED('AmazonDynamoDBReadOnlyAccess'),
  sqsFull: AWS_MANAGED('AmazonSQSFullAccess'),
  snsFull: AWS_MANAGED('AmazonSNSFullAccess'),
  sesFull: AWS_MANAGED('AmazonSESFullAccess'),
  cloudwatchRead: AWS_MANAGED('CloudWatchReadOnlyAccess'),
  cloudwatchAgent: AWS_MANAGED('CloudWatchAgentServerPolicy'),
  logsFull: AWS_MANAGED('CloudWatchLogsFullAccess'),
  ssmCore: AWS_MANAGED('AmazonSSMManagedInstanceCore'),
  lambdaBasic: AWS_MANAGED('service-role/AWSLambdaBasicExecutionRole'),
  lambdaVpc: AWS_MANAGED('service-role/AWSLambdaVPCAccessExecutionRole'),
  ecsTaskExecution: AWS_MANAGED('service-role/AmazonECSTaskExecutionRolePolicy'),
  glueService: AWS_MANAGED('service-role/AWSGlueServiceRole'),
  xray: AWS_MANAGED('AWSXRayDaemonWriteAccess'),
  ecrRead: AWS_MANAGED('AmazonEC2ContainerRegistryReadOnly'),
  athena: AWS_MANAGED('AmazonAthenaFullAccess'),
  kinesisRead: AWS_MANAGED('AmazonKinesisReadOnlyAccess'),
  rdsRead: AWS_MANAGED('AmazonRDSReadOnlyAccess'),
  ec2Read: AWS_MANAGED('AmazonEC2ReadOnlyAccess'),
  route53Read: AWS_MANAGED('AmazonRoute53ReadOnlyAccess'),
  cloudtrailRead: AWS_MANAGED('AWSCloudTrail_ReadOnlyAccess'),
  eksWorker: AWS_MANAGED('AmazonEKSWorkerNodePolicy'),
  eksCni: AWS_MANAGED('AmazonEKS_CNI_Policy'),
  // Planted on purpose only (they let their holder pass roles to new functions / tasks).
  lambdaFull: AWS_MANAGED('AWSLambda_FullAccess'),
  ecsFull: AWS_MANAGED('AmazonECS_FullAccess'),
  // Service-linked roles.
  slrSupport: AWS_MANAGED('aws-service-role/AWSSupportServiceRolePolicy'),
  slrTrustedAdvisor: AWS_MANAGED('aws-service-role/AWSTrustedAdvisorServiceRolePolicy'),
  slrElb: AWS_MANAGED('aws-service-role/AWSElasticLoadBalancingServiceRolePolicy'),
  slrRds: AWS_MANAGED('aws-service-role/AmazonRDSServiceRolePolicy'),
  slrEcs: AWS_MANAGED('aws-service-role/AmazonECSServiceRolePolicy'),
  slrGuardDuty: AWS_MANAGED('aws-service-role/AmazonGuardDutyServiceRolePolicy'),
  slrConfig: AWS_MANAGED('aws-service-role/AWSConfigServiceRolePolicy'),
} as const;

/** AWS's documented "allow MFA-authenticated users to manage their own credentials" policy. */
export function forceMfa(account: string): PolicyDocument {
  const self = `arn:aws:iam::${account}:user/\${aws:username}`;
  return doc(
    allow(['iam:GetAccountPasswordPolicy', 'iam:ListVirtualMFADevices'], '*', undefined, 'AllowViewAccountInfo'),
    allow(['iam:ChangePassword', 'iam:GetUser'], self, undefined, 'AllowManageOwnPasswords'),
    allow(['iam:CreateAccessKey', 'iam:DeleteAccessKey', 'iam:ListAccessKeys', 'iam:UpdateAccessKey', 'iam:GetAccessKeyLastUsed'], self, undefined, 'AllowManageOwnAccessKeys'),
    allow(['iam:DeleteSigningCertificate', 'iam:ListSigningCertificates', 'iam:UpdateSigningCertificate', 'iam:UploadSigningCertificate'], self, undefined, 'AllowManageOwnSigningCertificates'),
    allow(['iam:DeleteSSHPublicKey', 'iam:GetSSHPublicKey', 'iam:ListSSHPublicKeys', 'iam:UpdateSSHPublicKey', 'iam:UploadSSHPublicKey'], self, undefined, 'AllowManageOwnSSHPublicKeys'),
    allow(['iam:CreateVirtualMFADevice'], `arn:aws:iam::${account}:mfa/*`, undefined, 'AllowManageOwnVirtualMFADevice'),
    allow(['iam:DeactivateMFADevice', 'iam:EnableMFADevice', 'iam:ListMFADevices', 'iam:ResyncMFADevice'], self, undefined, 'AllowManageOwnUserMFA'),
    {
      Sid: 'DenyAllExceptListedIfNoMFA',
      Effect: 'Deny',
      NotAction: ['iam:CreateVirtualMFADevice', 'iam:EnableMFADevice', 'iam:GetUser', 'iam:GetMFADevice', 'iam:ListMFADevices', 'iam:ListVirtualMFADevices', 'iam:ResyncMFADevice', 'sts:GetSessionToken'],
      Resource: '*',
      Condition: { BoolIfExists: { 'aws:MultiFactorAuthPresent': 'false' } },
    },
  );
}

/** The classic power-user policy: everything but IAM and Organizations, and nothing without MFA. */
export function powerUserWithMfa(): PolicyDocument {
  return doc(
    { Sid: 'PowerUser', Effect: 'Allow', NotAction: ['iam:*', 'organizations:*', 'account:*'], Resource: '*' },
    allow(['iam:CreateServiceLinkedRole', 'iam:DeleteServiceLinkedRole', 'iam:ListRoles', 'organizations:DescribeOrganization', 'account:ListRegions'], '*', undefined, 'ServiceLinkedRolesAndLookups'),
    deny('*', '*', { BoolIfExists: { 'aws:MultiFactorAuthPresent': 'false' } }, 'DenyWithoutMFA'),
  );
}

/** What workloads may ever do: data and compute, never IAM, STS role switching or Organizations. */
export function workloadBoundary(): PolicyDocument {
  return doc(
    allow(['s3:*', 'dynamodb:*', 'sqs:*', 'sns:*', 'logs:*', 'cloudwatch:*', 'xray:*', 'events:*', 'states:*', 'kinesis:*', 'firehose:*', 'athena:*', 'glue:Get*', 'glue:BatchGet*', 'lambda:*', 'ecr:*', 'ec2:Describe*', 'ssm:GetParameter*', 'ssmmessages:*', 'ec2messages:*', 'ssm:UpdateInstanceInformation', 'secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret', 'kms:Decrypt', 'kms:Encrypt', 'kms:GenerateDataKey*', 'kms:DescribeKey'], '*', undefined, 'WorkloadServices'),
    deny(['s3:DeleteBucket', 's3:PutBucketPolicy', 's3:DeleteBucketPolicy', 's3:PutBucketAcl'], '*', undefined, 'NoBucketAdministration'),
  );
}

/** Developers may create roles, but only under /app/ and only with this boundary. */
export function developerBoundary(account: string): PolicyDocument {
  return doc(
    { Sid: 'EverythingButIdentityAdministration', Effect: 'Allow', NotAction: ['iam:*', 'organizations:*', 'account:*', 'sts:*'], Resource: '*' },
    allow(['iam:Get*', 'iam:List*'], '*', undefined, 'IamRead'),
    allow('iam:PassRole', `arn:aws:iam::${account}:role/app/*`, undefined, 'PassAppRoles'),
    deny(['iam:DeleteUserPermissionsBoundary', 'iam:DeleteRolePermissionsBoundary', 'iam:PutUserPermissionsBoundary', 'iam:PutRolePermissionsBoundary'], '*', undefined, 'KeepTheBoundary'),
  );
}

/** Deny outside the company's regions (global services excepted): a conditional deny. */
export function regionGuardrail(): PolicyDocument {
  return doc({
    Sid: 'DenyOutsideApprovedRegions',
    Effect: 'Deny',
    NotAction: ['iam:*', 'sts:*', 'organizations:*', 'cloudfront:*', 'route53:*', 'support:*', 'budgets:*', 'waf:*', 'health:*'],
    Resource: '*',
    Condition: { StringNotEquals: { 'aws:RequestedRegion': ['eu-west-1', 'us-east-1'] } },
  });
}

export const PURPOSES = [
  's3-read',
  's3-write',
  'dynamodb-rw',
  'dynamodb-read',
  'sqs-consume',
  'sqs-publish',
  'sns-publish',
  'secrets-read',
  'kms-decrypt',
  'ssm-params',
  'logs-write',
  'metrics',
  'events-put',
  'kinesis-write',
  'abac-secrets',
  'athena-query',
  'ecr-pull',
  'ec2-describe',
  'onprem-upload',
  'lambda-invoke',
  'states-exec',
] as const;
export type Purpose = (typeof PURPOSES)[number];

/** A team-scoped customer-managed policy. `variant` shifts the details so versions differ. */
export function purposeDocument(purpose: Purpose, team: string, account: string, variant = 0): PolicyDocument {
  const bucket = `arn:aws:s3:::acme-${team}-*`;
  const region = variant % 2 ? 'eu-west-1' : '*';
  switch (purpose) {
    case 's3-read':
      return doc(
        allow(['s3:GetObject', 's3:GetObjectVersion', 's3:GetObjectTagging'], `${bucket}/*`, undefined, 'ReadObjects'),
        allow('s3:ListBucket', bucket, { StringLike: { 's3:prefix': [`${team}/*`, 'shared/*', ''] } }, 'ListTeamPrefixes'),
      );
    case 's3-write':
      return doc(
        allow(['s3:PutObject', 's3:PutObjectTagging', 's3:AbortMultipartUpload', ...(variant ? ['s3:DeleteObject'] : [])], `${bucket}/${team}/*`, undefined, 'WriteTeamPrefix'),
        allow(['s3:GetBucketLocation', 's3:ListBucket'], bucket),
      );
    case 'dynamodb-rw':
      return doc(
        allow(
          ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:Query', 'dynamodb:Scan', 'dynamodb:BatchGetItem', 'dynamodb:BatchWriteItem', 'dynamodb:ConditionCheckItem'],
          [`arn:aws:dynamodb:${region}:${account}:table/${team}-*`, `arn:aws:dynamodb:${region}:${account}:table/${team}-*/index/*`],
        ),
      );
    case 'dynamodb-read':
      return doc(allow(['dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:Scan', 'dynamodb:BatchGetItem', 'dynamodb:DescribeTable'], `arn:aws:dynamodb:${region}:${account}:table/${team}-*`));
    case 'sqs-consume':
      return doc(allow(['sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:ChangeMessageVisibility', 'sqs:GetQueueAttributes', 'sqs:GetQueueUrl'], `arn:aws:sqs:${region}:${account}:${team}-*`));
    case 'sqs-publish':
      return doc(allow(['sqs:SendMessage', 'sqs:GetQueueUrl', 'sqs:GetQueueAttributes'], `arn:aws:sqs:${region}:${account}:${team}-*`));
    case 'sns-publish':
      return doc(allow('sns:Publish', `arn:aws:sns:${region}:${account}:${team}-*`));
    case 'secrets-read':
      return doc(allow(['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret'], `arn:aws:secretsmanager:${region}:${account}:secret:${team}/*`));
    case 'kms-decrypt':
      return doc(
        allow(['kms:Decrypt', 'kms:GenerateDataKey', 'kms:DescribeKey'], `arn:aws:kms:*:${account}:key/*`, {
          StringEquals: { 'kms:ViaService': ['s3.eu-west-1.amazonaws.com', 'secretsmanager.eu-west-1.amazonaws.com', 'dynamodb.eu-west-1.amazonaws.com'] },
        }),
      );
    case 'ssm-params':
      return doc(allow(['ssm:GetParameter', 'ssm:GetParameters', 'ssm:GetParametersByPath'], `arn:aws:ssm:${region}:${account}:parameter/${team}/*`));
    case 'logs-write':
      return doc(allow(['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:PutLogEvents', 'logs:DescribeLogStreams'], `arn:aws:logs:*:${account}:log-group:/aws/*/${team}-*:*`));
    case 'metrics':
      return doc(allow('cloudwatch:PutMetricData', '*', { StringEquals: { 'cloudwatch:namespace': `Acme/${team}` } }));
    case 'events-put':
      return doc(allow('events:PutEvents', `arn:aws:events:${region}:${account}:event-bus/${team}-bus`));
    case 'kinesis-write':
      return doc(allow(['kinesis:PutRecord', 'kinesis:PutRecords', 'kinesis:DescribeStream'], `arn:aws:kinesis:${region}:${account}:stream/${team}-*`));
    case 'abac-secrets':
      return doc(
        allow(['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret'], '*', { StringEquals: { 'secretsmanager:ResourceTag/team': '${aws:PrincipalTag/team}' } }, 'ReadSecretsOfOwnTeam'),
        allow('secretsmanager:ListSecrets', '*'),
      );
    case 'athena-query':
      return doc(
        allow(['athena:StartQueryExecution', 'athena:GetQueryExecution', 'athena:GetQueryResults', 'athena:StopQueryExecution'], `arn:aws:athena:*:${account}:workgroup/${team}`),
        allow(['glue:GetDatabase', 'glue:GetDatabases', 'glue:GetTable', 'glue:GetTables', 'glue:GetPartitions'], '*'),
        allow(['s3:GetObject', 's3:PutObject'], `arn:aws:s3:::acme-athena-results/${team}/*`),
      );
    case 'ecr-pull':
      return doc(allow('ecr:GetAuthorizationToken', '*'), allow(['ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer', 'ecr:BatchCheckLayerAvailability'], `arn:aws:ecr:*:${account}:repository/${team}/*`));
    case 'ec2-describe':
      return doc(allow(['ec2:Describe*', 'elasticloadbalancing:Describe*', 'autoscaling:Describe*'], '*', { StringEquals: { 'aws:RequestedRegion': ['eu-west-1', 'us-east-1'] } }));
    case 'onprem-upload':
      return doc(
        allow(['s3:PutObject', 's3:GetObject'], `${bucket}/inbound/*`, { IpAddress: { 'aws:SourceIp': ['203.0.113.0/24', '198.51.100.0/24'] } }, 'OnlyFromTheOffice'),
        deny('s3:*', `${bucket}/*`, { NotIpAddress: { 'aws:SourceIp': ['203.0.113.0/24', '198.51.100.0/24', '10.0.0.0/8'] }, Bool: { 'aws:ViaAWSService': 'false' } }, 'DenyOutsideNetwork'),
      );
    case 'lambda-invoke':
      return doc(allow('lambda:InvokeFunction', `arn:aws:lambda:${region}:${account}:function:${team}-*`));
    case 'states-exec':
      return doc(allow(['states:StartExecution', 'states:DescribeExecution'], `arn:aws:states:${region}:${account}:stateMachine:${team}-*`));
  }
}

/** An app's own inline policy: its bucket, table and queue. */
export function appInline(app: string, env: string, account: string, kind: number): PolicyDocument {
  const region = env === 'prod' ? 'eu-west-1' : 'us-east-1';
  const statements: Statement[] = [
    allow(['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:Query'], `arn:aws:dynamodb:${region}:${account}:table/${app}-${env}-*`, undefined, 'AppTable'),
  ];
  if (kind % 3 !== 1) statements.push(allow(['s3:GetObject', 's3:PutObject'], `arn:aws:s3:::acme-${app}-${env}/*`, undefined, 'AppBucket'));
  if (kind % 3 !== 2) statements.push(allow(['sqs:SendMessage', 'sqs:ReceiveMessage', 'sqs:DeleteMessage'], `arn:aws:sqs:${region}:${account}:${app}-${env}-*`, undefined, 'AppQueues'));
  if (kind % 4 === 3) statements.push(allow('secretsmanager:GetSecretValue', `arn:aws:secretsmanager:${region}:${account}:secret:${app}/${env}/*`, undefined, 'AppSecrets'));
  if (kind % 5 === 4) statements.push(allow('s3:ListBucket', `arn:aws:s3:::acme-${app}-${env}`, { StringLike: { 's3:prefix': ['incoming/*', 'processed/*'] } }, 'ListAppPrefixes'));
  return doc(...statements);
}

/** A team's CI deployment policy: deploy functions and tasks, pass only the team's app roles. */
export function ciDeployDocument(team: string, account: string): PolicyDocument {
  return doc(
    allow(['lambda:CreateFunction', 'lambda:UpdateFunctionCode', 'lambda:UpdateFunctionConfiguration', 'lambda:GetFunction', 'lambda:PublishVersion', 'lambda:CreateAlias', 'lambda:UpdateAlias', 'lambda:InvokeFunction'], `arn:aws:lambda:*:${account}:function:${team}-*`, undefined, 'DeployFunctions'),
    allow(['ecs:RegisterTaskDefinition', 'ecs:DescribeTaskDefinition', 'ecs:DescribeServices', 'ecs:UpdateService'], '*', undefined, 'DeployTasks'),
    allow('iam:PassRole', `arn:aws:iam::${account}:role/app/${team}/*`, { StringEquals: { 'iam:PassedToService': ['lambda.amazonaws.com', 'ecs-tasks.amazonaws.com'] } }, 'PassTeamAppRoles'),
    allow(['s3:GetObject', 's3:PutObject'], `arn:aws:s3:::acme-artifacts/${team}/*`, undefined, 'Artifacts'),
    allow(['cloudformation:DescribeStacks', 'cloudformation:DescribeStackEvents', 'cloudformation:GetTemplate'], `arn:aws:cloudformation:*:${account}:stack/${team}-*/*`),
  );
}

/** A team group's console access: read its own data, ABAC on the caller's team tag. */
export function teamConsoleDocument(team: string, account: string): PolicyDocument {
  return doc(
    allow(['s3:ListAllMyBuckets', 's3:GetBucketLocation'], '*'),
    allow(['s3:GetObject', 's3:ListBucket'], [`arn:aws:s3:::acme-${team}-*`, `arn:aws:s3:::acme-${team}-*/*`]),
    allow(['dynamodb:Query', 'dynamodb:GetItem', 'dynamodb:DescribeTable'], `arn:aws:dynamodb:*:${account}:table/${team}-*`, { StringEquals: { 'aws:PrincipalTag/team': team } }, 'OwnTeamTables'),
    allow(['logs:FilterLogEvents', 'logs:GetLogEvents', 'logs:DescribeLogGroups'], '*', { StringEquals: { 'aws:RequestedRegion': ['eu-west-1', 'us-east-1'] } }),
  );
}

/** Trust policies. */
export const trust = {
  service(service: string | string[], condition?: Condition): PolicyDocument {
    return doc({ Effect: 'Allow', Principal: { Service: service }, Action: 'sts:AssumeRole', ...(condition ? { Condition: condition } : {}) });
  },
  aws(principal: string | string[], condition?: Condition, actions: string | string[] = 'sts:AssumeRole'): PolicyDocument {
    return doc({ Effect: 'Allow', Principal: { AWS: principal }, Action: actions, ...(condition ? { Condition: condition } : {}) });
  },
  saml(provider: string): PolicyDocument {
    return doc({ Effect: 'Allow', Principal: { Federated: provider }, Action: ['sts:AssumeRoleWithSAML', 'sts:TagSession'], Condition: { StringEquals: { 'SAML:aud': 'https://signin.aws.amazon.com/saml' } } });
  },
  oidc(provider: string, host: string, sub: string, like = false): PolicyDocument {
    const cond: Condition = like
      ? { StringEquals: { [`${host}:aud`]: 'sts.amazonaws.com' }, StringLike: { [`${host}:sub`]: sub } }
      : { StringEquals: { [`${host}:aud`]: 'sts.amazonaws.com', [`${host}:sub`]: sub } };
    return doc({ Effect: 'Allow', Principal: { Federated: provider }, Action: 'sts:AssumeRoleWithWebIdentity', Condition: cond });
  },
};
