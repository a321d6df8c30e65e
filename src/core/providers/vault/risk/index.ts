/** Vault's part of the NHI risk findings: its rules and metrics (risk/provider-risk.ts). */
import type { ProviderRisk } from '../../../risk/provider-risk';
import { vaultMetrics } from './metrics';
import { vaultRules } from './rules';

export const vaultRisk: ProviderRisk = {
  rules: [vaultRules],
  metrics: vaultMetrics,
};
