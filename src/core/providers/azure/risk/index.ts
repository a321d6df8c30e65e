/** Azure and Entra ID's part of the NHI risk findings: rules, metrics and owners (risk/provider-risk.ts). */
import type { ProviderRisk } from '../../../risk/provider-risk';
import { azureMetrics } from './metrics';
import { azureOwnerOf } from './owners';
import { azureRules } from './rules';

export const azureRisk: ProviderRisk = {
  rules: [azureRules],
  metrics: azureMetrics,
  ownerOf: azureOwnerOf,
};
