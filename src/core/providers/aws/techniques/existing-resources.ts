/**
 * Paths that hijack an existing resource (a function, instance, stack, job, notebook...) and act
 * as the role it runs as. With the resource inventory imported (`runsAs` edges), each resource the
 * principal can take over gives an edge to its role. Without it, a principal holding the
 * permissions is reported as a potential path that "needs inventory", never as an edge.
 */
import type { TechniqueContext } from './context';
import { usable } from './context';
import type { EscalationFinding, PermissionCheck, PotentialFinding, TechniqueInfo } from './types';
import { ssmInstanceId } from '../importers/inventory';

interface ExistingSpec {
  id: string;
  actions: string[];
  inventory: string;
  /** Resource type (as the inventory importers name it); absent when no importer exists yet. */
  resourceType?: string;
  /** The role is passed to the service (glue jobs): the targets are roles trusting it. */
  passTo?: string;
  /** A prerequisite the export cannot show: findings are conditional and say so. */
  assumes?: string;
}

const EC2 = 'EC2 instances with instance profiles (aws ec2 describe-instances)';
const SPECS: ExistingSpec[] = [
  { id: 'apprunner-002', actions: ['apprunner:UpdateService'], inventory: 'App Runner services (aws apprunner describe-service)', resourceType: 'apprunner:service' },
  { id: 'bedrock-002', actions: ['bedrock-agentcore:StartCodeInterpreterSession', 'bedrock-agentcore:InvokeCodeInterpreter'], inventory: 'Bedrock AgentCore code interpreters (no importer yet)' },
  { id: 'cloudformation-002', actions: ['cloudformation:UpdateStack'], inventory: 'CloudFormation stacks with their service roles (aws cloudformation describe-stacks)', resourceType: 'cloudformation:stack' },
  { id: 'cloudformation-004', actions: ['iam:PassRole', 'cloudformation:UpdateStackSet'], inventory: 'CloudFormation StackSets (no importer yet)' },
  { id: 'cloudformation-005', actions: ['cloudformation:CreateChangeSet', 'cloudformation:ExecuteChangeSet'], inventory: 'CloudFormation stacks with their service roles (aws cloudformation describe-stacks)', resourceType: 'cloudformation:stack' },
  { id: 'codebuild-002', actions: ['codebuild:StartBuild'], inventory: 'CodeBuild projects (aws codebuild batch-get-projects)', resourceType: 'codebuild:project' },
  { id: 'codebuild-003', actions: ['codebuild:StartBuildBatch'], inventory: 'CodeBuild projects (aws codebuild batch-get-projects)', resourceType: 'codebuild:project', assumes: 'the project is configured for batch builds' },
  { id: 'ec2-002', actions: ['ec2:ModifyInstanceAttribute', 'ec2:StopInstances', 'ec2:StartInstances'], inventory: EC2, resourceType: 'ec2:instance' },
  { id: 'ec2-004', actions: ['ec2:CreateLaunchTemplateVersion', 'ec2:ModifyLaunchTemplate'], inventory: 'EC2 launch templates with instance profiles (no importer yet)' },
  { id: 'ec2instanceconnect-003', actions: ['ec2-instance-connect:SendSSHPublicKey'], inventory: EC2, resourceType: 'ec2:instance', assumes: 'network reach to the instance\'s SSH port and an EC2 Instance Connect-enabled OS' },
  { id: 'glue-002', actions: ['glue:UpdateDevEndpoint'], inventory: 'Glue dev endpoints (aws glue get-dev-endpoints)', resourceType: 'glue:devendpoint' },
  { id: 'glue-005', actions: ['iam:PassRole', 'glue:UpdateJob', 'glue:StartJobRun'], inventory: 'Glue jobs (aws glue get-jobs)', resourceType: 'glue:job', passTo: 'glue.amazonaws.com' },
  { id: 'glue-006', actions: ['iam:PassRole', 'glue:UpdateJob', 'glue:CreateTrigger'], inventory: 'Glue jobs (aws glue get-jobs)', resourceType: 'glue:job', passTo: 'glue.amazonaws.com' },
  { id: 'lambda-003', actions: ['lambda:UpdateFunctionCode'], inventory: 'Lambda functions (aws lambda list-functions)', resourceType: 'lambda:function', assumes: 'the function is then invoked by its trigger' },
  { id: 'lambda-004', actions: ['lambda:UpdateFunctionCode', 'lambda:InvokeFunction'], inventory: 'Lambda functions (aws lambda list-functions)', resourceType: 'lambda:function' },
  { id: 'lambda-005', actions: ['lambda:UpdateFunctionCode', 'lambda:AddPermission'], inventory: 'Lambda functions (aws lambda list-functions)', resourceType: 'lambda:function' },
  { id: 'sagemaker-004', actions: ['sagemaker:CreatePresignedNotebookInstanceUrl'], inventory: 'SageMaker notebook instances (aws sagemaker describe-notebook-instance)', resourceType: 'sagemaker:notebook-instance' },
  { id: 'sagemaker-005', actions: ['sagemaker:CreateNotebookInstanceLifecycleConfig', 'sagemaker:StopNotebookInstance', 'sagemaker:UpdateNotebookInstance', 'sagemaker:StartNotebookInstance'], inventory: 'SageMaker notebook instances (aws sagemaker describe-notebook-instance)', resourceType: 'sagemaker:notebook-instance' },
  { id: 'ssm-001', actions: ['ssm:StartSession'], inventory: `${EC2}, with aws ssm describe-instance-information`, resourceType: 'ec2:instance' },
  { id: 'ssm-002', actions: ['ssm:SendCommand'], inventory: `${EC2}, with aws ssm describe-instance-information`, resourceType: 'ec2:instance' },
];

export const EXISTING_TECHNIQUES: TechniqueInfo[] = SPECS.map((s) => ({
  id: s.id,
  name: s.actions.join(' + '),
  category: 'existing-passrole',
  coverage: s.resourceType ? 'modelled with inventory' : 'needs inventory',
  note: s.resourceType ? `targets come from ${s.inventory}; without it: reported as "needs inventory"` : `needs ${s.inventory}`,
}));
const INFO = new Map(EXISTING_TECHNIQUES.map((t) => [t.id, t]));

/** Roles a resource runs as (through its instance profile for EC2). */
function rolesOf(tc: TechniqueContext, resource: string): string[] {
  const out: string[] = [];
  tc.model.graph.forEachOutEdge(resource, (_, a, _s, target) => {
    if (a.kind !== 'runsAs') return;
    if (tc.model.node(target)?.kind === 'instanceProfile') {
      tc.model.graph.forEachOutEdge(target, (_e, b, _t, role) => {
        if (b.kind === 'hasRole') out.push(role);
      });
    } else out.push(target);
  });
  return out;
}

export function detectExistingResourcePaths(tc: TechniqueContext, p: string): { findings: EscalationFinding[]; potential: PotentialFinding[] } {
  const findings: EscalationFinding[] = [];
  const potential: PotentialFinding[] = [];
  for (const spec of SPECS) {
    if (!spec.actions.every((a) => tc.mayAllow(p, a))) continue;
    const resources = spec.resourceType ? tc.resourcesOfType(spec.resourceType) : [];
    if (!resources.length) {
      const checks = tc.checkCreateAll(p, spec.actions);
      if (checks) potential.push({ technique: INFO.get(spec.id)!, source: p, checks, missing: spec.inventory });
      continue;
    }
    for (const r of resources) {
      const resourceActions = spec.actions.filter((a) => a !== 'iam:PassRole' && a !== 'sagemaker:CreateNotebookInstanceLifecycleConfig');
      const checks: PermissionCheck[] = resourceActions.map((a) => tc.check(p, a, r));
      if (spec.actions.includes('sagemaker:CreateNotebookInstanceLifecycleConfig')) {
        const c = tc.checkCreate(p, 'sagemaker:CreateNotebookInstanceLifecycleConfig');
        if (!c) continue;
        checks.push(c);
      }
      if (!checks.every((c) => usable(c.decision))) continue;
      const notes = spec.assumes ? [`assumes ${spec.assumes}`] : [];
      let prerequisiteUnknown = spec.assumes !== undefined;
      if (spec.id.startsWith('ssm-')) {
        const instanceId = r.slice(r.lastIndexOf('/') + 1);
        const ssm = tc.model.node(ssmInstanceId(instanceId));
        if (!ssm || ssm.attributes.pingStatus !== 'Online') {
          notes.push(ssm ? `SSM agent ping status ${String(ssm.attributes.pingStatus)}` : 'no SSM registration for the instance in the export (aws ssm describe-instance-information)');
          prerequisiteUnknown = true;
        }
      }
      const targets = spec.passTo ? tc.rolesTrustingService(spec.passTo) : rolesOf(tc, r);
      for (const role of targets) {
        const all = spec.passTo ? [tc.check(p, 'iam:PassRole', role, { 'iam:PassedToService': [spec.passTo] }), ...checks] : checks;
        if (!all.every((c) => usable(c.decision))) continue;
        findings.push({ technique: INFO.get(spec.id)!, source: p, target: role, via: r, checks: all, conditional: prerequisiteUnknown || all.some((c) => c.decision.decision !== 'allowed'), notes });
      }
    }
  }
  return { findings, potential };
}
