/**
 * Resource inventories that say which resource runs as which role: the targets of the paths
 * that hijack an existing resource (update a function's code, start a session on an instance,
 * update a stack...). Each resource becomes a `resource` node with a `runsAs` edge to its role or
 * instance profile.
 */
import { forEachRecord, type ImportContext, type JsonImporter } from '../../../importers/types';
import type { Attributes } from '../../../model/types';
import { isRecord, own, ownString, readTags, toArray } from '../../../io/safe-object';
import { accountOf, arnName, parseArn } from './arn';
import { dateField } from './gaad-records';

/** A resource and what it runs as. `runsAs` may be a role ARN, a role name, or an instance profile ARN. */
function resource(ctx: ImportContext, where: string, arn: string, resourceType: string, name: string, runsAs: string | undefined, attributes: Attributes): void {
  const account = accountOf(arn);
  ctx.b.node({ id: arn, kind: 'resource', name, account: account && account !== 'unknown' ? account : undefined, attributes: { resourceType, ...attributes } });
  if (!runsAs) return;
  let target = runsAs;
  if (!parseArn(runsAs)) {
    if (!account || account === 'unknown') return ctx.b.warn(`${where}: role "${runsAs}" is a bare name and the account is unknown; not linked`);
    target = `arn:aws:iam::${account}:role/${runsAs}`;
  }
  const kind = target.includes(':instance-profile/') ? 'instanceProfile' : 'role';
  ctx.b.node({ id: target, kind, name: arnName(target), account: accountOf(target), placeholder: true });
  ctx.b.edge('runsAs', arn, target, { file: ctx.file, location: where });
}

export const ssmInstanceId = (instanceId: string): string => `ssm-instance:${instanceId}`;

const regionOfAz = (az: string | undefined) => (az ? az.replace(/[a-z]$/, '') : undefined);

export const ec2InstancesImporter: JsonImporter = {
  format: 'aws.ec2.describe-instances',
  label: 'AWS ec2 describe-instances',
  provider: 'aws',
  detect: (doc) => isRecord(doc) && Array.isArray(own(doc, 'Reservations')),
  read(docs, ctx) {
    docs.forEach((doc, d) =>
      toArray(own(doc, 'Reservations')).forEach((res, r) => {
        const owner = ownString(res, 'OwnerId');
        toArray(own(res, 'Instances')).forEach((inst, i) => {
          const where = `${ctx.docPrefix(d)}Reservations[${r}].Instances[${i}]`;
          const id = ownString(inst, 'InstanceId');
          if (!id) return ctx.b.warn(`${where}: no InstanceId; skipped`);
          const region = regionOfAz(ownString(own(inst, 'Placement'), 'AvailabilityZone')) ?? 'unknown';
          const arn = `arn:aws:ec2:${region}:${owner ?? 'unknown'}:instance/${id}`;
          const tags = readTags(own(inst, 'Tags'));
          const nameTag = tags.find(([k]) => k === 'Name')?.[1];
          resource(ctx, where, arn, 'ec2:instance', nameTag ? `${nameTag} (${id})` : id, ownString(own(inst, 'IamInstanceProfile'), 'Arn'), {
            state: ownString(own(inst, 'State'), 'Name'),
            platform: ownString(inst, 'PlatformDetails') ?? ownString(inst, 'Platform'),
            launched: dateField(ctx, inst, 'LaunchTime', where),
            publicIp: ownString(inst, 'PublicIpAddress'),
            tags: tags.length ? tags : undefined,
          });
        });
      }),
    );
  },
};

export const ssmInstancesImporter: JsonImporter = {
  format: 'aws.ssm.describe-instance-information',
  label: 'AWS ssm describe-instance-information',
  provider: 'aws',
  detect: (doc) => isRecord(doc) && Array.isArray(own(doc, 'InstanceInformationList')),
  read(docs, ctx) {
    // The listing names the instance by id only (no region or account): a node keyed by the id
    // records that its SSM agent is registered; the SSM techniques look it up.
    forEachRecord(docs, ctx, 'InstanceInformationList', 'InstanceId', (info, id) =>
      ctx.b.node({ id: ssmInstanceId(id), kind: 'resource', name: `SSM agent on ${id}`, attributes: { resourceType: 'ssm:managed-instance', instanceId: id, pingStatus: ownString(info, 'PingStatus'), platform: ownString(info, 'PlatformName') } }),
    );
  },
};

export const lambdaFunctionsImporter: JsonImporter = {
  format: 'aws.lambda.list-functions',
  label: 'AWS lambda list-functions',
  provider: 'aws',
  detect: (doc) => isRecord(doc) && Array.isArray(own(doc, 'Functions')),
  read(docs, ctx) {
    forEachRecord(docs, ctx, 'Functions', 'FunctionArn', (f, arn, where) =>
      resource(ctx, where, arn, 'lambda:function', ownString(f, 'FunctionName') ?? arnName(arn), ownString(f, 'Role'), { runtime: ownString(f, 'Runtime'), lastModified: dateField(ctx, f, 'LastModified', where) }),
    );
  },
};

export const stacksImporter: JsonImporter = {
  format: 'aws.cloudformation.describe-stacks',
  label: 'AWS cloudformation describe-stacks',
  provider: 'aws',
  detect: (doc) => isRecord(doc) && Array.isArray(own(doc, 'Stacks')),
  read(docs, ctx) {
    forEachRecord(docs, ctx, 'Stacks', 'StackId', (st, arn, where) =>
      resource(ctx, where, arn, 'cloudformation:stack', ownString(st, 'StackName') ?? arnName(arn), ownString(st, 'RoleARN'), { status: ownString(st, 'StackStatus') }),
    );
  },
};

/** Glue outputs carry no ARN: built from the role's account; the region is not in the output. */
function glueArn(kind: 'devEndpoint' | 'job', name: string, role: string | undefined): string {
  return `arn:aws:glue:*:${(role && accountOf(role)) || 'unknown'}:${kind}/${name}`;
}

export const glueImporter: JsonImporter = {
  format: 'aws.glue.get-dev-endpoints-or-jobs',
  label: 'AWS glue get-dev-endpoints / get-jobs',
  provider: 'aws',
  detect: (doc) => isRecord(doc) && (Array.isArray(own(doc, 'DevEndpoints')) || (Array.isArray(own(doc, 'Jobs')) && toArray(own(doc, 'Jobs')).every((j) => own(j, 'Role') !== undefined))),
  read(docs, ctx) {
    forEachRecord(docs, ctx, 'DevEndpoints', 'EndpointName', (e, name, where) => {
      const role = ownString(e, 'RoleArn');
      resource(ctx, where, glueArn('devEndpoint', name, role), 'glue:devendpoint', name, role, { status: ownString(e, 'Status'), publicAddress: ownString(e, 'PublicAddress') });
    });
    forEachRecord(docs, ctx, 'Jobs', 'Name', (j, name, where) => {
      const role = ownString(j, 'Role');
      resource(ctx, where, glueArn('job', name, role && parseArn(role) ? role : undefined), 'glue:job', name, role, {});
    });
  },
};

export const notebookImporter: JsonImporter = {
  format: 'aws.sagemaker.describe-notebook-instance',
  label: 'AWS sagemaker describe-notebook-instance',
  provider: 'aws',
  detect: (doc) => isRecord(doc) && typeof own(doc, 'NotebookInstanceArn') === 'string',
  read(docs, ctx) {
    docs.forEach((doc, d) => {
      const arn = ownString(doc, 'NotebookInstanceArn')!;
      resource(ctx, `${ctx.docPrefix(d)}notebook`, arn, 'sagemaker:notebook-instance', ownString(doc, 'NotebookInstanceName') ?? arnName(arn), ownString(doc, 'RoleArn'), { status: ownString(doc, 'NotebookInstanceStatus') });
    });
  },
};

export const codebuildImporter: JsonImporter = {
  format: 'aws.codebuild.batch-get-projects',
  label: 'AWS codebuild batch-get-projects',
  provider: 'aws',
  detect: (doc) => isRecord(doc) && Array.isArray(own(doc, 'projects')) && toArray(own(doc, 'projects')).some((p) => own(p, 'serviceRole') !== undefined),
  read(docs, ctx) {
    forEachRecord(docs, ctx, 'projects', 'arn', (p, arn, where) =>
      resource(ctx, where, arn, 'codebuild:project', ownString(p, 'name') ?? arnName(arn), ownString(p, 'serviceRole'), { batch: own(p, 'buildBatchConfig') !== undefined }),
    );
  },
};

export const apprunnerImporter: JsonImporter = {
  format: 'aws.apprunner.describe-service',
  label: 'AWS apprunner describe-service',
  provider: 'aws',
  detect: (doc) => isRecord(own(doc, 'Service')) && typeof own(own(doc, 'Service'), 'ServiceArn') === 'string',
  read(docs, ctx) {
    docs.forEach((doc, d) => {
      const svc = own(doc, 'Service');
      const arn = ownString(svc, 'ServiceArn')!;
      resource(ctx, `${ctx.docPrefix(d)}Service`, arn, 'apprunner:service', ownString(svc, 'ServiceName') ?? arnName(arn), ownString(own(svc, 'InstanceConfiguration'), 'InstanceRoleArn'), { status: ownString(svc, 'Status') });
    });
  },
};

export const ecsImporter: JsonImporter = {
  format: 'aws.ecs.task-definitions-and-clusters',
  label: 'AWS ecs describe-task-definition / list-clusters',
  provider: 'aws',
  detect: (doc) => isRecord(doc) && (isRecord(own(doc, 'taskDefinition')) || Array.isArray(own(doc, 'clusterArns'))),
  read(docs, ctx) {
    docs.forEach((doc, d) => {
      const td = own(doc, 'taskDefinition');
      if (isRecord(td)) {
        const arn = ownString(td, 'taskDefinitionArn');
        if (!arn) return ctx.b.warn(`${ctx.docPrefix(d)}taskDefinition: no taskDefinitionArn; skipped`);
        resource(ctx, `${ctx.docPrefix(d)}taskDefinition`, arn, 'ecs:task-definition', arnName(arn), ownString(td, 'taskRoleArn'), { executionRole: ownString(td, 'executionRoleArn') });
      }
      toArray(own(doc, 'clusterArns')).forEach((c, i) => {
        if (typeof c === 'string') resource(ctx, `${ctx.docPrefix(d)}clusterArns[${i}]`, c, 'ecs:cluster', arnName(c), undefined, {});
      });
    });
  },
};

export const INVENTORY_IMPORTERS: readonly JsonImporter[] = [ec2InstancesImporter, ssmInstancesImporter, lambdaFunctionsImporter, stacksImporter, glueImporter, notebookImporter, codebuildImporter, apprunnerImporter, ecsImporter];
