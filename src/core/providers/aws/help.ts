/** Help for AWS's own edge kinds (kinds.ts); its techniques' help is in techniques/help.ts. */
import type { Help } from '../../explain/help';
import { GUIDE, SAR } from './techniques/help-refs';

export const AWS_EDGE_HELP: Record<string, Help> = {
  canAssume: {
    title: 'Can assume (trust policy)',
    meaning:
      'The target role\'s trust policy admits the source: an identity provider\'s federated users, an AWS service, another account, or anyone. A principal of the same account named by its ARN needs nothing more; where the trust names a whole account, that account\'s principals also need sts:AssumeRole in their own policies.',
    attack:
      'From the trusted side: `aws sts assume-role --role-arn arn:aws:iam::ACCOUNT:role/ROLE --role-session-name s` for an account or principal, `aws sts assume-role-with-saml` or `assume-role-with-web-identity` for an identity provider. A trust to another account extends to everyone that account lets call sts:AssumeRole on the role, including whoever is compromised there.',
    remediation:
      'Trust specific role ARNs rather than account roots; require sts:ExternalId for third parties and aws:PrincipalOrgID where the caller is in your organization; constrain sub and aud for identity providers; remove trusts to accounts and providers that no longer need the role.',
    references: [GUIDE.principal, SAR.sts],
  },
  hasRole: {
    title: 'Instance profile carries role',
    meaning: 'The source instance profile carries the target role: every EC2 instance launched with the profile receives the role\'s temporary credentials.',
    attack:
      'Get code onto an instance using the profile (user data, Session Manager, SSH) or launch one with it (`aws ec2 run-instances --iam-instance-profile Name=PROFILE`, which also needs iam:PassRole on the role), then read `http://169.254.169.254/latest/meta-data/iam/security-credentials/ROLE`. Instance credentials work from anywhere unless a policy condition pins them to the VPC.',
    remediation:
      'Keep instance roles least-privilege; require IMDSv2 (`aws ec2 modify-instance-metadata-options --instance-id i-ID --http-tokens required --http-put-response-hop-limit 1`); restrict iam:PassRole on the role; use the aws:EC2InstanceSourceVPC condition in sensitive policies so stolen instance credentials fail outside the VPC.',
    references: [GUIDE.ec2Roles, SAR.ec2],
  },
};
