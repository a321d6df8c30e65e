/** Resource inventories: each file, its format, and the role it says each resource runs as. */
import { describe, expect, it } from 'vitest';
import { importFile } from '../../../importers/import-file';
import { repoFile } from '../../../test-support/public-corpus';

const A = '111122223333';
const ROWS: { file: string; format: string; resource: string; runsAs?: string }[] = [
  { file: 'ec2-describe-instances.json', format: 'aws.ec2.describe-instances', resource: `arn:aws:ec2:eu-west-1:${A}:instance/i-0123456789abcdef0`, runsAs: `arn:aws:iam::${A}:instance-profile/app-profile` },
  { file: 'ssm-describe-instance-information.json', format: 'aws.ssm.describe-instance-information', resource: 'ssm-instance:i-0123456789abcdef0' },
  { file: 'lambda-list-functions.json', format: 'aws.lambda.list-functions', resource: `arn:aws:lambda:eu-west-1:${A}:function:billing`, runsAs: `arn:aws:iam::${A}:role/billing-role` },
  { file: 'cloudformation-describe-stacks.json', format: 'aws.cloudformation.describe-stacks', resource: `arn:aws:cloudformation:eu-west-1:${A}:stack/network/1a2b3c4d-0000-1111-2222-333344445555`, runsAs: `arn:aws:iam::${A}:role/cfn-deployer` },
  { file: 'glue-get-dev-endpoints.json', format: 'aws.glue.get-dev-endpoints-or-jobs', resource: `arn:aws:glue:*:${A}:devEndpoint/analytics-dev`, runsAs: `arn:aws:iam::${A}:role/glue-dev` },
  { file: 'sagemaker-describe-notebook-instance.json', format: 'aws.sagemaker.describe-notebook-instance', resource: `arn:aws:sagemaker:eu-west-1:${A}:notebook-instance/research`, runsAs: `arn:aws:iam::${A}:role/notebook-role` },
  { file: 'codebuild-batch-get-projects.json', format: 'aws.codebuild.batch-get-projects', resource: `arn:aws:codebuild:eu-west-1:${A}:project/api-build`, runsAs: `arn:aws:iam::${A}:role/codebuild-role` },
  { file: 'apprunner-describe-service.json', format: 'aws.apprunner.describe-service', resource: `arn:aws:apprunner:eu-west-1:${A}:service/web/8fe1e10304f84fd2b0df550fe98a71fa`, runsAs: `arn:aws:iam::${A}:role/apprunner-role` },
  { file: 'ecs-describe-task-definition.json', format: 'aws.ecs.task-definitions-and-clusters', resource: `arn:aws:ecs:eu-west-1:${A}:task-definition/api:7`, runsAs: `arn:aws:iam::${A}:role/api-task` },
  { file: 'ecs-list-clusters.json', format: 'aws.ecs.task-definitions-and-clusters', resource: `arn:aws:ecs:eu-west-1:${A}:cluster/prod` },
];

describe('resource inventories', () => {
  it.each(ROWS)('$file', ({ file, format, resource, runsAs }) => {
    const { report, fragment } = importFile(repoFile(`aws/inventory/${file}`));
    expect(report).toMatchObject({ status: 'imported', format });
    expect(fragment.nodes.get(resource)?.kind).toBe('resource');
    if (runsAs) expect(fragment.edges.has(`runsAs|${resource}|${runsAs}`)).toBe(true);
  });

  it('glue jobs naming their role by name take the account from nowhere: reported, not guessed', () => {
    const { report } = importFile(repoFile('aws/inventory/glue-get-jobs.json'));
    expect(report.status).toBe('partial');
    expect(report.warnings[0]).toMatch(/Jobs\[0\]: role "glue-dev" is a bare name and the account is unknown; not linked/);
  });
});
