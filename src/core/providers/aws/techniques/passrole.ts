/**
 * PassRole paths: create a new compute resource (function, instance, stack, job...) that runs as
 * a role trusting the service, and so act as that role. Table-driven from the
 * pathfinding.cloud specification: each row names the service principal the role must trust
 * and the actions that create and start the resource.
 */
import type { TechniqueContext } from './context';
import { usable } from './context';
import type { EscalationFinding, PermissionCheck, TechniqueInfo } from './types';
import { passTargets } from './pass-targets';

interface PassRoleSpec {
  id: string;
  services: string[];
  actions: string[];
  /** A prerequisite the export cannot show: the finding is conditional and says so. */
  assumes?: string;
  /** Needs an instance profile holding the role (EC2). */
  instanceProfile?: boolean;
}

const SPECS: PassRoleSpec[] = [
  { id: 'apprunner-001', services: ['tasks.apprunner.amazonaws.com'], actions: ['apprunner:CreateService'] },
  { id: 'bedrock-001', services: ['bedrock-agentcore.amazonaws.com'], actions: ['bedrock-agentcore:CreateCodeInterpreter', 'bedrock-agentcore:StartCodeInterpreterSession', 'bedrock-agentcore:InvokeCodeInterpreter'] },
  { id: 'cloudformation-001', services: ['cloudformation.amazonaws.com'], actions: ['cloudformation:CreateStack'] },
  { id: 'cloudformation-003', services: ['cloudformation.amazonaws.com'], actions: ['cloudformation:CreateStackSet', 'cloudformation:CreateStackInstances'], assumes: 'a StackSet execution role in the target accounts' },
  { id: 'codebuild-001', services: ['codebuild.amazonaws.com'], actions: ['codebuild:CreateProject', 'codebuild:StartBuild'] },
  { id: 'codebuild-004', services: ['codebuild.amazonaws.com'], actions: ['codebuild:CreateProject', 'codebuild:StartBuildBatch'] },
  { id: 'datapipeline-001', services: ['datapipeline.amazonaws.com', 'elasticmapreduce.amazonaws.com'], actions: ['datapipeline:CreatePipeline', 'datapipeline:PutPipelineDefinition', 'datapipeline:ActivatePipeline'] },
  { id: 'ec2-001', services: ['ec2.amazonaws.com'], actions: ['ec2:RunInstances'], instanceProfile: true },
  { id: 'ec2-003', services: ['ec2.amazonaws.com'], actions: ['ec2:RequestSpotInstances'], instanceProfile: true },
  { id: 'ecs-001', services: ['ecs-tasks.amazonaws.com'], actions: ['ecs:CreateCluster', 'ecs:RegisterTaskDefinition', 'ecs:CreateService'] },
  { id: 'ecs-002', services: ['ecs-tasks.amazonaws.com'], actions: ['ecs:CreateCluster', 'ecs:RegisterTaskDefinition', 'ecs:RunTask'] },
  { id: 'ecs-003', services: ['ecs-tasks.amazonaws.com'], actions: ['ecs:RegisterTaskDefinition', 'ecs:CreateService'], assumes: 'an existing ECS cluster' },
  { id: 'ecs-004', services: ['ecs-tasks.amazonaws.com'], actions: ['ecs:RegisterTaskDefinition', 'ecs:RunTask'], assumes: 'an existing ECS cluster' },
  { id: 'ecs-005', services: ['ecs-tasks.amazonaws.com'], actions: ['ecs:RegisterTaskDefinition', 'ecs:StartTask'], assumes: 'an ECS cluster with a registered EC2 container instance' },
  { id: 'glue-001', services: ['glue.amazonaws.com'], actions: ['glue:CreateDevEndpoint'] },
  { id: 'glue-003', services: ['glue.amazonaws.com'], actions: ['glue:CreateJob', 'glue:StartJobRun'] },
  { id: 'glue-004', services: ['glue.amazonaws.com'], actions: ['glue:CreateJob', 'glue:CreateTrigger'] },
  { id: 'lambda-001', services: ['lambda.amazonaws.com'], actions: ['lambda:CreateFunction', 'lambda:InvokeFunction'] },
  { id: 'lambda-002', services: ['lambda.amazonaws.com'], actions: ['lambda:CreateFunction', 'lambda:CreateEventSourceMapping'] },
  { id: 'lambda-006', services: ['lambda.amazonaws.com'], actions: ['lambda:CreateFunction', 'lambda:AddPermission'] },
  { id: 'sagemaker-001', services: ['sagemaker.amazonaws.com'], actions: ['sagemaker:CreateNotebookInstance'] },
  { id: 'sagemaker-002', services: ['sagemaker.amazonaws.com'], actions: ['sagemaker:CreateTrainingJob'] },
  { id: 'sagemaker-003', services: ['sagemaker.amazonaws.com'], actions: ['sagemaker:CreateProcessingJob'] },
];

export const PASSROLE_TECHNIQUES: TechniqueInfo[] = SPECS.map((s) => ({
  id: s.id,
  name: ['iam:PassRole', ...s.actions].join(' + '),
  category: 'new-passrole',
  coverage: 'modelled',
  note: s.assumes ? `assumes ${s.assumes} (not in IAM exports): findings are conditional` : undefined,
}));
const INFO = new Map(PASSROLE_TECHNIQUES.map((t) => [t.id, t]));

export function detectPassRole(tc: TechniqueContext, p: string): EscalationFinding[] {
  if (!tc.mayAllow(p, 'iam:PassRole')) return [];
  const out: EscalationFinding[] = [];
  for (const spec of SPECS) {
    const create = tc.checkCreateAll(p, spec.actions);
    if (!create) continue;
    for (const service of spec.services) {
      const prerequisite = spec.assumes ? [`assumes ${spec.assumes}`] : [];
      for (const t of passTargets(tc, p, service)) {
        const notes = [...prerequisite, ...(t.note ? [t.note] : [])];
        if (spec.instanceProfile) {
          // EC2 runs a role through an instance profile: one must exist, or be made.
          if (canMake(tc, p)) notes.push(t.members ? 'roles without an instance profile need one created (iam:CreateInstanceProfile, iam:AddRoleToInstanceProfile)' : hasInstanceProfile(tc, t.target) ? '' : 'no instance profile holds the role: one must be created (iam:CreateInstanceProfile, iam:AddRoleToInstanceProfile)');
          else if (!t.members) {
            if (!hasInstanceProfile(tc, t.target)) continue;
          } else {
            // Only the set's roles that already have an instance profile, one by one.
            for (const role of t.members.filter((r) => hasInstanceProfile(tc, r))) {
              const c = tc.check(p, 'iam:PassRole', role, { 'iam:PassedToService': [service] });
              const checks = [c, ...create];
              if (usable(c.decision)) out.push({ technique: INFO.get(spec.id)!, source: p, target: role, checks, conditional: spec.assumes !== undefined || checks.some((x) => x.decision.decision !== 'allowed'), notes: prerequisite });
            }
            continue;
          }
        }
        const checks = [t.check, ...create];
        out.push({ technique: INFO.get(spec.id)!, source: p, target: t.target, checks, conditional: spec.assumes !== undefined || checks.some((c) => c.decision.decision !== 'allowed'), notes: notes.filter(Boolean) });
      }
    }
  }
  return out;
}

const noDecision = { decision: 'not allowed' } as PermissionCheck['decision'];

function canMake(tc: TechniqueContext, p: string): boolean {
  return ['iam:CreateInstanceProfile', 'iam:AddRoleToInstanceProfile'].every((a) => usable(tc.checkCreate(p, a)?.decision ?? noDecision));
}

function hasInstanceProfile(tc: TechniqueContext, role: string): boolean {
  let found = false;
  tc.model.graph.forEachInEdge(role, (_, a) => {
    if (a.kind === 'hasRole') found = true;
  });
  return found;
}
