/**
 * Paths that hijack an existing resource (a function, instance, stack, job, notebook...) and
 * act as the role it runs as. Finding the target needs the resource inventory (which function
 * runs as which role); without it, a principal holding the permissions is reported as a
 * potential path that "needs inventory", never as an edge.
 */
import type { TechniqueContext } from './context';
import type { PotentialFinding, TechniqueInfo } from './types';

interface ExistingSpec {
  id: string;
  actions: string[];
  inventory: string;
}

const SPECS: ExistingSpec[] = [
  { id: 'apprunner-002', actions: ['apprunner:UpdateService'], inventory: 'App Runner services (aws apprunner list-services / describe-service)' },
  { id: 'bedrock-002', actions: ['bedrock-agentcore:StartCodeInterpreterSession', 'bedrock-agentcore:InvokeCodeInterpreter'], inventory: 'Bedrock AgentCore code interpreters' },
  { id: 'cloudformation-002', actions: ['cloudformation:UpdateStack'], inventory: 'CloudFormation stacks with their service roles (aws cloudformation describe-stacks)' },
  { id: 'cloudformation-004', actions: ['iam:PassRole', 'cloudformation:UpdateStackSet'], inventory: 'CloudFormation StackSets' },
  { id: 'cloudformation-005', actions: ['cloudformation:CreateChangeSet', 'cloudformation:ExecuteChangeSet'], inventory: 'CloudFormation stacks with their service roles (aws cloudformation describe-stacks)' },
  { id: 'codebuild-002', actions: ['codebuild:StartBuild'], inventory: 'CodeBuild projects with their service roles' },
  { id: 'codebuild-003', actions: ['codebuild:StartBuildBatch'], inventory: 'CodeBuild projects with their service roles' },
  { id: 'ec2-002', actions: ['ec2:ModifyInstanceAttribute', 'ec2:StopInstances', 'ec2:StartInstances'], inventory: 'EC2 instances with instance profiles (aws ec2 describe-instances)' },
  { id: 'ec2-004', actions: ['ec2:CreateLaunchTemplateVersion', 'ec2:ModifyLaunchTemplate'], inventory: 'EC2 launch templates with instance profiles' },
  { id: 'ec2instanceconnect-003', actions: ['ec2-instance-connect:SendSSHPublicKey'], inventory: 'EC2 instances with instance profiles (aws ec2 describe-instances)' },
  { id: 'glue-002', actions: ['glue:UpdateDevEndpoint'], inventory: 'Glue dev endpoints (aws glue get-dev-endpoints)' },
  { id: 'glue-005', actions: ['iam:PassRole', 'glue:UpdateJob', 'glue:StartJobRun'], inventory: 'Glue jobs (aws glue get-jobs)' },
  { id: 'glue-006', actions: ['iam:PassRole', 'glue:UpdateJob', 'glue:CreateTrigger'], inventory: 'Glue jobs (aws glue get-jobs)' },
  { id: 'lambda-003', actions: ['lambda:UpdateFunctionCode'], inventory: 'Lambda functions with their roles (aws lambda list-functions)' },
  { id: 'lambda-004', actions: ['lambda:UpdateFunctionCode', 'lambda:InvokeFunction'], inventory: 'Lambda functions with their roles (aws lambda list-functions)' },
  { id: 'lambda-005', actions: ['lambda:UpdateFunctionCode', 'lambda:AddPermission'], inventory: 'Lambda functions with their roles (aws lambda list-functions)' },
  { id: 'sagemaker-004', actions: ['sagemaker:CreatePresignedNotebookInstanceUrl'], inventory: 'SageMaker notebook instances (aws sagemaker list-notebook-instances)' },
  { id: 'sagemaker-005', actions: ['sagemaker:CreateNotebookInstanceLifecycleConfig', 'sagemaker:StopNotebookInstance', 'sagemaker:UpdateNotebookInstance', 'sagemaker:StartNotebookInstance'], inventory: 'SageMaker notebook instances (aws sagemaker list-notebook-instances)' },
  { id: 'ssm-001', actions: ['ssm:StartSession'], inventory: 'EC2 instances with instance profiles and SSM agents (aws ec2 describe-instances, aws ssm describe-instance-information)' },
  { id: 'ssm-002', actions: ['ssm:SendCommand'], inventory: 'EC2 instances with instance profiles and SSM agents (aws ec2 describe-instances, aws ssm describe-instance-information)' },
];

export const EXISTING_TECHNIQUES: TechniqueInfo[] = SPECS.map((s) => ({ id: s.id, name: s.actions.join(' + '), category: 'existing-passrole', coverage: 'needs inventory', note: `needs ${s.inventory}` }));
const INFO = new Map(EXISTING_TECHNIQUES.map((t) => [t.id, t]));

export function detectExistingResourcePaths(tc: TechniqueContext, p: string): PotentialFinding[] {
  const out: PotentialFinding[] = [];
  for (const spec of SPECS) {
    const checks = tc.checkCreateAll(p, spec.actions);
    if (checks) out.push({ technique: INFO.get(spec.id)!, source: p, checks, missing: spec.inventory });
  }
  return out;
}
