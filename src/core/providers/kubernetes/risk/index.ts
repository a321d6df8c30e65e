/** Kubernetes's part of the NHI risk findings: who is a person, its rules and metrics (risk/provider-risk.ts). */
import type { ProviderRisk } from '../../../risk/provider-risk';
import { k8sClassify } from './classify';
import { k8sMetrics } from './metrics';
import { k8sRules } from './rules';

export const kubernetesRisk: ProviderRisk = {
  classify: k8sClassify,
  rules: [k8sRules],
  metrics: k8sMetrics,
};
