/** AWS's part of the risk findings: who is a person, its own rules, its lifecycle metrics. */
import type { ProviderRisk } from '../../../risk/provider-risk';
import { awsClassify } from './classify';
import { awsMetrics } from './metrics';
import { awsConsoleRules } from './rules-console';
import { awsKeyRules } from './rules-keys';
import { awsPrivilegeRules } from './rules-privilege';
import { awsTrustRules } from './rules-trust';
import { duplicateKeys } from './keys';

export const awsRisk: ProviderRisk = {
  classify: awsClassify,
  rules: [awsTrustRules, awsKeyRules, awsConsoleRules, awsPrivilegeRules],
  metrics: awsMetrics,
  duplicateCredentials: duplicateKeys,
};
