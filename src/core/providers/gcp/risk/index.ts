/** GCP's part of the NHI risk findings: its rules and lifecycle metrics (risk/provider-risk.ts). */
import type { ProviderRisk } from '../../../risk/provider-risk';
import { gcpMetrics } from './metrics';
import { gcpRules } from './rules';

export const gcpRisk: ProviderRisk = {
  rules: [gcpRules],
  metrics: gcpMetrics,
};
