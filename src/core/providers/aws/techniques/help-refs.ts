/** References shared by the AWS help tables (help-*.ts). */
import type { Help } from '../../../explain/help';

type Ref = Help['references'][number];

/** A path of the pathfinding.cloud catalogue: its page is `/paths/<id>`. */
export const pf = (id: string): Ref => ({ label: `pathfinding.cloud ${id.toUpperCase()}`, url: `https://pathfinding.cloud/paths/${id}` });

const sar = (service: string, page: string): Ref => ({
  label: `Service Authorization Reference: ${service}`,
  url: `https://docs.aws.amazon.com/service-authorization/latest/reference/${page}`,
});
const guide = (label: string, page: string): Ref => ({ label: `AWS IAM: ${label}`, url: `https://docs.aws.amazon.com/IAM/latest/UserGuide/${page}` });

/** The actions, resources and condition keys of each service a technique uses. */
export const SAR = {
  iam: sar('IAM', 'list_awsidentityandaccessmanagementiam.html'),
  sts: sar('AWS STS', 'list_awssecuritytokenservice.html'),
  lambda: sar('AWS Lambda', 'list_awslambda.html'),
  ec2: sar('Amazon EC2', 'list_amazonec2.html'),
  ec2InstanceConnect: sar('Amazon EC2 Instance Connect', 'list_amazonec2instanceconnect.html'),
  cloudformation: sar('AWS CloudFormation', 'list_awscloudformation.html'),
  codebuild: sar('AWS CodeBuild', 'list_awscodebuild.html'),
  glue: sar('AWS Glue', 'list_awsglue.html'),
  sagemaker: sar('Amazon SageMaker', 'list_amazonsagemaker.html'),
  ecs: sar('Amazon ECS', 'list_amazonelasticcontainerservice.html'),
  apprunner: sar('AWS App Runner', 'list_awsapprunner.html'),
  ssm: sar('AWS Systems Manager', 'list_awssystemsmanager.html'),
  datapipeline: sar('AWS Data Pipeline', 'list_awsdatapipeline.html'),
  bedrockAgentcore: sar('Amazon Bedrock AgentCore', 'list_amazonbedrockagentcore.html'),
};

/** IAM User Guide pages. */
export const GUIDE = {
  passRole: guide('pass a role to an AWS service', 'id_roles_use_passrole.html'),
  versions: guide('versioning IAM policies', 'access_policies_managed-versioning.html'),
  accessKeys: guide('manage access keys', 'id_credentials_access-keys.html'),
  passwords: guide('manage passwords of IAM users', 'id_credentials_passwords_admin-change-user.html'),
  boundaries: guide('permissions boundaries', 'access_policies_boundaries.html'),
  principal: guide('Principal element', 'reference_policies_elements_principal.html'),
  groups: guide('user groups', 'id_groups.html'),
  managedVsInline: guide('managed and inline policies', 'access_policies_managed-vs-inline.html'),
  ec2Roles: guide('use a role for applications on EC2', 'id_roles_use_switch-role-ec2.html'),
};
